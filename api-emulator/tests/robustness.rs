//! Garbage in, error answers out: thousands of seeded random requests, all
//! of which must get a JSON answer with a RetCode (no panic, no hang, no
//! dropped connection).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::time::Duration;

use support::{Client, PK, SK, read, signed, start};

const ACTIONS: &[&str] = &[
    "AddUHostToIsolationGroup",
    "CheckUHostResourceCapacity",
    "CopyCustomImage",
    "CreateCustomImage",
    "CreateIsolationGroup",
    "CreateUHostInstance",
    "CreateUHostKeyPair",
    "DeleteIsolationGroup",
    "DeleteUHostKeyPairs",
    "DescribeAvailableInstanceTypes",
    "DescribeHostMachineTypeFamilies",
    "DescribeImage",
    "DescribeIsolationGroup",
    "DescribeUHostAvailableDiskTypes",
    "DescribeUHostInstance",
    "DescribeUHostInstanceSnapshot",
    "DescribeUHostKeyPairs",
    "DescribeUHostTags",
    "GetAttachedDiskUpgradePrice",
    "GetUHostInstancePrice",
    "GetUHostInstanceVncInfo",
    "GetUHostRefundPrice",
    "GetUHostRenewPrice",
    "GetUHostUpgradePrice",
    "ImportCustomImage",
    "ImportUHostKeyPairs",
    "LeaveIsolationGroup",
    "ModifyUHostIP",
    "ModifyUHostInstanceName",
    "ModifyUHostInstanceRemark",
    "ModifyUHostInstanceTag",
    "PoweroffUHostInstance",
    "RebootUHostInstance",
    "ReinstallUHostInstance",
    "ResetUHostInstancePassword",
    "ResizeAttachedDisk",
    "ResizeUHostInstance",
    "StartUHostInstance",
    "StopUHostInstance",
    "TerminateCustomImage",
    "TerminateUHostInstance",
    "UpgradeToArkUHostInstance",
];

const NAMES: &[&str] = &[
    "Region",
    "Zone",
    "ProjectId",
    "UHostId",
    "UHostIds.0",
    "UHostIds.1",
    "ImageId",
    "ImageIds.0",
    "CPU",
    "Memory",
    "GPU",
    "Disks.0.IsBoot",
    "Disks.0.Type",
    "Disks.0.Size",
    "Disks.1.IsBoot",
    "Disks.1.Type",
    "Disks.1.Size",
    "Disks.7.Size",
    "DiskSpace",
    "BootDiskSpace",
    "LoginMode",
    "Password",
    "KeyPairId",
    "KeyPairIds.0",
    "GroupId",
    "GroupName",
    "DiskId",
    "Limit",
    "Offset",
    "Count",
    "ChargeType",
    "Quantity",
    "Name",
    "Tag",
    "Remark",
    "PresentIpAddress",
    "PreviousIpAddress",
    "SourceImageId",
    "TargetProjectId",
    "TargetRegion",
    "TargetRegionList.0",
    "ImageName",
    "DataUDiskIds.0",
    "PublicKeyBody",
    "KeyPairName",
    "MaxCount",
    "MinCount",
    "NetCapValue",
    "AutoStart",
    "DryRun",
    "UFileUrl",
    "OsType",
    "OsName",
    "Format",
    "Auth",
    "MachineTypes.0",
    "MachineType",
    "ImageType",
    "NetworkInterface.0.EIP.Bandwidth",
    "NetworkInterface.0.EIP.OperatorName",
    "PrivateIp.0",
    "IsolationGroup",
    "ReserveDisk",
    "ShowPriceDetails",
    "PriceSet",
    "Features.UNI",
    "Destroy",
    "NetCapability",
    "UHostType",
];

fn value(rng: &mut fastrand::Rng, known: &[String]) -> String {
    match rng.u8(..16) {
        0 => String::new(),
        1 => "-1".to_owned(),
        2 => "99999999999999999999".to_owned(),
        3 => i64::MAX.to_string(),
        4 => "True".to_owned(),
        5 => "false".to_owned(),
        6 => "cn-bj2".to_owned(),
        7 => "cn-bj2-02".to_owned(),
        8 => "UGFzc3dvcmQx".to_owned(),
        9 => "CLOUD_SSD".to_owned(),
        10 => "中文 %zz \u{0} \"quote\" \\ <tag>".to_owned(),
        11 => "x".repeat(rng.usize(..1000)),
        12 => rng.u32(..70000).to_string(),
        _ => known[rng.usize(..known.len())].clone(),
    }
}

#[tokio::test]
async fn random_signed_requests_always_get_an_answer() {
    let emu = start().await;
    let c = Client::new(&emu);
    // Some real ids to aim at.
    let host = c
        .create_instance(&[
            ("Disks.0.IsBoot", "True"),
            ("Disks.0.Type", "CLOUD_SSD"),
            ("Disks.0.Size", "20"),
            ("Disks.1.IsBoot", "False"),
            ("Disks.1.Type", "CLOUD_SSD"),
            ("Disks.1.Size", "40"),
        ])
        .await;
    let shown = c.instance(&host).await;
    let mut known = vec![
        host.clone(),
        c.image_id("Linux").await,
        c.image_id("Windows").await,
    ];
    for disk in shown["DiskSet"].as_array().unwrap() {
        known.push(disk["DiskId"].as_str().unwrap().to_owned());
    }
    let group = c
        .ok(
            "CreateIsolationGroup",
            &[("Region", "cn-bj2"), ("GroupName", "g")],
        )
        .await;
    known.push(group["GroupId"].as_str().unwrap().to_owned());
    let key = c.ok("CreateUHostKeyPair", &[("KeyPairName", "k")]).await;
    known.push(key["KeyPair"]["KeyPairId"].as_str().unwrap().to_owned());

    let mut rng = fastrand::Rng::with_seed(20_240_601);
    let mut codes = std::collections::BTreeMap::new();
    for _ in 0..1000 {
        let action = ACTIONS[rng.usize(..ACTIONS.len())];
        let mut params: Vec<(String, String)> = vec![("Action".to_owned(), action.to_owned())];
        if rng.u8(..4) != 0 {
            params.push(("Region".to_owned(), "cn-bj2".to_owned()));
        }
        for _ in 0..rng.usize(..8) {
            let name = NAMES[rng.usize(..NAMES.len())];
            if params.iter().all(|(k, _)| k != name) {
                params.push((name.to_owned(), value(&mut rng, &known)));
            }
        }
        let refs: Vec<(&str, &str)> = params
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let request = signed(&refs, PK, SK);
        let answer = tokio::time::timeout(
            Duration::from_secs(5),
            c.http.post(&c.base).form(&request).send(),
        )
        .await
        .unwrap_or_else(|_| panic!("{action} {params:?} hung"))
        .unwrap_or_else(|e| panic!("{action} {params:?} got no answer: {e}"));
        let answer = read(answer).await;
        assert_eq!(answer.status, 200, "{action} {params:?}");
        let json = answer.json();
        assert_eq!(json["Action"], format!("{action}Response"));
        let code = json["RetCode"].as_i64().unwrap_or_else(|| panic!("{json}"));
        if code != 0 {
            assert!(
                json["Message"].as_str().is_some_and(|m| !m.is_empty()),
                "{json}"
            );
        }
        *codes.entry(code).or_insert(0) += 1;
    }
    // Both successes and refusals happened.
    assert!(codes.get(&0).copied().unwrap_or(0) > 50, "{codes:?}");
    assert!(codes.get(&230).copied().unwrap_or(0) > 50, "{codes:?}");
}

#[tokio::test]
async fn random_bodies_always_get_an_answer() {
    let emu = start().await;
    let c = Client::new(&emu);
    let mut rng = fastrand::Rng::with_seed(7);
    let content_types = [
        "application/json",
        "application/x-www-form-urlencoded",
        "text/plain",
        "application/json; charset=utf-8",
        "",
    ];
    for _ in 0..300 {
        let len = rng.usize(..2048);
        let body: Vec<u8> = match rng.u8(..3) {
            0 => (0..len).map(|_| rng.u8(..)).collect(),
            1 => {
                let alphabet = b"{}[]\":,=&%+Action0123abcxyz.\\ ";
                (0..len)
                    .map(|_| alphabet[rng.usize(..alphabet.len())])
                    .collect()
            }
            _ => {
                let mut b =
                    b"Action=DescribeImage&PublicKey=test-public-key&Signature=00&Region=".to_vec();
                b.extend((0..len).map(|_| rng.u8(..)));
                b
            }
        };
        let content_type = content_types[rng.usize(..content_types.len())];
        let mut request = c
            .http
            .post(format!(
                "{}/?Action=DescribeImage&x=%{:02x}",
                c.base,
                rng.u8(..)
            ))
            .body(body.clone());
        if !content_type.is_empty() {
            request = request.header("content-type", content_type);
        }
        let answer = read(
            request
                .send()
                .await
                .unwrap_or_else(|e| panic!("{body:?}: {e}")),
        )
        .await;
        assert_eq!(answer.status, 200);
        let code = answer.json()["RetCode"].as_i64().unwrap();
        assert!(
            [160, 170, 171, 172, 230].contains(&code),
            "{code} for {body:?}"
        );
        assert!(answer.uuid().is_some());
    }
}
