//! Key pairs, isolation groups, and an answer of the right shape from every
//! one of the 42 actions.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::collections::HashSet;

use serde_json::Value;
use support::{Client, start};

const R: (&str, &str) = ("Region", "cn-bj2");
const PUBLIC_KEY: &str =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGVtdWxhdG9yLXRlc3Qta2V5LWJ5dGVzLTAwMDAwMA== ops@example";

fn field_list(json: &Value, set: &str, field: &str) -> Vec<String> {
    json[set]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item[field].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn key_pairs_are_created_imported_listed_and_deleted() {
    let emu = start().await;
    let c = Client::new(&emu);
    let created = c
        .ok("CreateUHostKeyPair", &[R, ("KeyPairName", "k0")])
        .await;
    let key = &created["KeyPair"];
    assert!(key["KeyPairId"].as_str().unwrap().starts_with("uhostkp-"));
    assert_eq!(key["KeyPairName"], "k0");
    assert!(
        key["PrivateKeyBody"]
            .as_str()
            .unwrap()
            .starts_with("-----BEGIN RSA PRIVATE KEY-----")
    );
    assert!(key["CreateTime"].as_u64().unwrap() > 1_600_000_000);
    c.fails("CreateUHostKeyPair", &[R], 230).await;

    let imported = c
        .ok(
            "ImportUHostKeyPairs",
            &[R, ("KeyPairName", "k1"), ("PublicKeyBody", PUBLIC_KEY)],
        )
        .await;
    let print = imported["KeyPairFingerPrint"].as_str().unwrap().to_owned();
    assert_eq!(print.split(':').count(), 16);
    let message = c
        .fails(
            "ImportUHostKeyPairs",
            &[R, ("KeyPairName", "bad"), ("PublicKeyBody", "not a key")],
            230,
        )
        .await;
    assert!(message.contains("[PublicKeyBody]"), "{message}");
    for n in 2..5 {
        c.ok(
            "CreateUHostKeyPair",
            &[R, ("KeyPairName", &format!("k{n}"))],
        )
        .await;
    }

    // Paging: 2 + 2 + 1, TotalCount 5 each time, creation order.
    let mut names = Vec::new();
    for offset in ["0", "2", "4"] {
        let page = c
            .ok(
                "DescribeUHostKeyPairs",
                &[R, ("Offset", offset), ("Limit", "2")],
            )
            .await;
        assert_eq!(page["TotalCount"], 5);
        names.extend(field_list(&page, "KeyPairs", "KeyPairName"));
    }
    assert_eq!(names, ["k0", "k1", "k2", "k3", "k4"]);
    let by_name = c
        .ok("DescribeUHostKeyPairs", &[R, ("KeyPairName", "k3")])
        .await;
    assert_eq!(field_list(&by_name, "KeyPairs", "KeyPairName"), ["k3"]);
    let by_print = c
        .ok(
            "DescribeUHostKeyPairs",
            &[R, ("KeyPairFingerPrint", &print)],
        )
        .await;
    assert_eq!(field_list(&by_print, "KeyPairs", "KeyPairName"), ["k1"]);
    assert!(by_print["KeyPairs"][0].get("PrivateKeyBody").is_none());

    let all = c.ok("DescribeUHostKeyPairs", &[R]).await;
    let ids = field_list(&all, "KeyPairs", "KeyPairId");
    let message = c
        .fails(
            "DeleteUHostKeyPairs",
            &[
                R,
                ("KeyPairIds.0", &ids[0]),
                ("KeyPairIds.1", "uhostkp-none"),
            ],
            230,
        )
        .await;
    assert!(message.contains("[KeyPairIds.1]"), "{message}");
    assert_eq!(c.ok("DescribeUHostKeyPairs", &[R]).await["TotalCount"], 5);
    c.ok(
        "DeleteUHostKeyPairs",
        &[R, ("KeyPairIds.0", &ids[0]), ("KeyPairIds.1", &ids[1])],
    )
    .await;
    let left = c.ok("DescribeUHostKeyPairs", &[R]).await;
    assert_eq!(
        field_list(&left, "KeyPairs", "KeyPairName"),
        ["k2", "k3", "k4"]
    );
    c.fails("DeleteUHostKeyPairs", &[R], 230).await;
}

#[tokio::test]
async fn isolation_groups_hold_instances() {
    let emu = start().await;
    let c = Client::new(&emu);
    let mut groups = Vec::new();
    for n in 0..3 {
        let json = c
            .ok(
                "CreateIsolationGroup",
                &[R, ("GroupName", &format!("g{n}")), ("Remark", "spread")],
            )
            .await;
        groups.push(json["GroupId"].as_str().unwrap().to_owned());
    }
    c.fails("CreateIsolationGroup", &[R], 230).await;
    let page = c
        .ok(
            "DescribeIsolationGroup",
            &[R, ("Offset", "1"), ("Limit", "1")],
        )
        .await;
    assert_eq!(page["TotalCount"], 3);
    assert_eq!(field_list(&page, "IsolationGroupSet", "GroupName"), ["g1"]);
    let second = c
        .ok(
            "DescribeIsolationGroup",
            &[R, ("Offset", "1"), ("Limit", "5")],
        )
        .await;
    assert_eq!(
        field_list(&second, "IsolationGroupSet", "GroupName"),
        ["g1", "g2"]
    );
    assert_eq!(
        c.ok("DescribeIsolationGroup", &[("Region", "hk")]).await["TotalCount"],
        0
    );
    let g0 = groups[0].as_str();

    // One instance created into the group, one added later.
    let inside = c.create_instance(&[("IsolationGroup", g0)]).await;
    let added = c.create_instance(&[("Zone", "cn-bj2-03")]).await;
    c.fails(
        "AddUHostToIsolationGroup",
        &[
            R,
            ("Zone", "cn-bj2-02"),
            ("GroupId", g0),
            ("UHostId", &added),
        ],
        230,
    )
    .await;
    c.ok(
        "AddUHostToIsolationGroup",
        &[
            R,
            ("Zone", "cn-bj2-03"),
            ("GroupId", g0),
            ("UHostId", &added),
        ],
    )
    .await;
    let shown = c.ok("DescribeIsolationGroup", &[R, ("GroupId", g0)]).await;
    let spread: HashSet<(String, i64)> = shown["IsolationGroupSet"][0]["SpreadInfoSet"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["Zone"].as_str().unwrap().to_owned(),
                s["UHostCount"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        spread,
        HashSet::from([("cn-bj2-02".to_owned(), 1), ("cn-bj2-03".to_owned(), 1)])
    );
    let members = c
        .ok("DescribeUHostInstance", &[R, ("IsolationGroup", g0)])
        .await;
    assert_eq!(members["TotalCount"], 2);
    assert_eq!(c.instance(&inside).await["IsolationGroup"], g0);

    c.fails(
        "LeaveIsolationGroup",
        &[R, ("GroupId", &groups[1]), ("UHostId", &inside)],
        230,
    )
    .await;
    c.ok(
        "LeaveIsolationGroup",
        &[R, ("GroupId", g0), ("UHostId", &inside)],
    )
    .await;
    assert_eq!(c.instance(&inside).await["IsolationGroup"], "");

    // Deleting a group that still holds an instance keeps the instance,
    // outside any group.
    assert_eq!(
        c.ok("DeleteIsolationGroup", &[R, ("GroupId", g0)]).await["GroupId"],
        g0
    );
    assert_eq!(c.instance(&added).await["IsolationGroup"], "");
    assert_eq!(c.state(&added).await, "Running");
    assert_eq!(c.ok("DescribeIsolationGroup", &[R]).await["TotalCount"], 2);
    c.fails("DeleteIsolationGroup", &[R, ("GroupId", g0)], 230)
        .await;
    c.fails(
        "LeaveIsolationGroup",
        &[R, ("GroupId", g0), ("UHostId", &added)],
        230,
    )
    .await;
}

#[tokio::test]
async fn an_isolation_group_holds_seven_instances_per_zone() {
    let emu = start().await;
    let c = Client::new(&emu);
    let group = c.ok("CreateIsolationGroup", &[R, ("GroupName", "g")]).await["GroupId"]
        .as_str()
        .unwrap()
        .to_owned();
    let g = ("IsolationGroup", group.as_str());
    c.create_instance(&[g]).await;
    let image = c.image_id("Linux").await;
    let create = |extra: Vec<(&'static str, &'static str)>| {
        let mut params = vec![
            R,
            ("Zone", "cn-bj2-02"),
            ("ImageId", image.as_str()),
            ("LoginMode", "Password"),
            ("Password", "UGFzc3dvcmQx"),
            g,
        ];
        params.extend(extra);
        params
    };
    // Six places left; MinCount above that: nothing is created.
    c.fails(
        "CreateUHostInstance",
        &create(vec![("MaxCount", "8"), ("MinCount", "7")]),
        8095,
    )
    .await;
    // MaxCount above the room: as many as fit.
    let made = c
        .ok("CreateUHostInstance", &create(vec![("MaxCount", "10")]))
        .await;
    assert_eq!(made["UHostIds"].as_array().unwrap().len(), 6);
    let message = c.fails("CreateUHostInstance", &create(vec![]), 8095).await;
    assert!(
        message.contains(&group) && message.contains('7'),
        "{message}"
    );
    let outside = c.create_instance(&[]).await;
    c.fails(
        "AddUHostToIsolationGroup",
        &[
            R,
            ("Zone", "cn-bj2-02"),
            ("GroupId", &group),
            ("UHostId", &outside),
        ],
        8095,
    )
    .await;
    // Another zone has room of its own.
    c.create_instance(&[g, ("Zone", "cn-bj2-03")]).await;
    let shown = c
        .ok("DescribeIsolationGroup", &[R, ("GroupId", &group)])
        .await;
    let counts: HashSet<(String, i64)> = shown["IsolationGroupSet"][0]["SpreadInfoSet"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["Zone"].as_str().unwrap().to_owned(),
                s["UHostCount"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        counts,
        HashSet::from([("cn-bj2-02".to_owned(), 7), ("cn-bj2-03".to_owned(), 1)])
    );
    // A member leaving makes room again.
    let member = made["UHostIds"][0].as_str().unwrap();
    c.ok(
        "LeaveIsolationGroup",
        &[R, ("GroupId", &group), ("UHostId", member)],
    )
    .await;
    c.ok(
        "AddUHostToIsolationGroup",
        &[
            R,
            ("Zone", "cn-bj2-02"),
            ("GroupId", &group),
            ("UHostId", &outside),
        ],
    )
    .await;
    // Adding a member again changes nothing.
    c.ok(
        "AddUHostToIsolationGroup",
        &[
            R,
            ("Zone", "cn-bj2-02"),
            ("GroupId", &group),
            ("UHostId", &outside),
        ],
    )
    .await;
}

/// An action, its parameters, and fields its answer must have.
type Call<'a> = (&'a str, Vec<(&'a str, &'a str)>, &'a [&'a str]);

/// Every action succeeds with sensible parameters and answers the fields of
/// its reference page.
#[tokio::test]
async fn every_action_answers_with_its_fields() {
    let emu = start().await;
    let c = Client::new(&emu);
    let image = c.image_id("Linux").await;
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
    let local = c
        .create_instance(&[
            ("Disks.0.IsBoot", "True"),
            ("Disks.0.Type", "LOCAL_NORMAL"),
            ("Disks.0.Size", "20"),
        ])
        .await;
    c.ok("StopUHostInstance", &[R, ("UHostId", &local)]).await;
    let shown = c.instance(&host).await;
    let data_disk = shown["DiskSet"][1]["DiskId"].as_str().unwrap().to_owned();
    let ip = shown["IPSet"][0]["IP"].as_str().unwrap().to_owned();
    let group = c.ok("CreateIsolationGroup", &[R, ("GroupName", "g")]).await["GroupId"]
        .as_str()
        .unwrap()
        .to_owned();
    let key = c.ok("CreateUHostKeyPair", &[R, ("KeyPairName", "k")]).await["KeyPair"]["KeyPairId"]
        .as_str()
        .unwrap()
        .to_owned();
    let custom = c
        .ok(
            "CreateCustomImage",
            &[R, ("UHostId", &host), ("ImageName", "img")],
        )
        .await["ImageId"]
        .as_str()
        .unwrap()
        .to_owned();
    let project = c.default_project().await;
    let z = ("Zone", "cn-bj2-02");
    let h = ("UHostId", host.as_str());

    let calls: Vec<Call<'_>> = vec![
        (
            "AddUHostToIsolationGroup",
            vec![R, z, ("GroupId", &group), h],
            &["UHostId"],
        ),
        (
            "CheckUHostResourceCapacity",
            vec![R, z, ("ImageId", &image), ("MachineType", "O")],
            &["ResourceEnough", "RdmaClusterIds"],
        ),
        (
            "CopyCustomImage",
            vec![R, ("SourceImageId", &custom), ("TargetProjectId", &project)],
            &["TargetImageId", "TaskId"],
        ),
        (
            "CreateIsolationGroup",
            vec![R, ("GroupName", "g2")],
            &["GroupId"],
        ),
        (
            "CreateUHostKeyPair",
            vec![R, ("KeyPairName", "k2")],
            &["KeyPair"],
        ),
        (
            "DescribeAvailableInstanceTypes",
            vec![R, z],
            &["AvailableInstanceTypes"],
        ),
        (
            "DescribeHostMachineTypeFamilies",
            vec![("ProjectId", &project)],
            &["MachineTypes"],
        ),
        ("DescribeImage", vec![R], &["ImageSet", "TotalCount"]),
        (
            "DescribeIsolationGroup",
            vec![R],
            &["IsolationGroupSet", "TotalCount"],
        ),
        (
            "DescribeUHostAvailableDiskTypes",
            vec![R, ("UHostIds.0", &host)],
            &["DiskTypeSet"],
        ),
        (
            "DescribeUHostInstance",
            vec![R],
            &["UHostSet", "TotalCount"],
        ),
        (
            "DescribeUHostInstanceSnapshot",
            vec![R, h],
            &["SnapshotSet", "UhostId"],
        ),
        (
            "DescribeUHostKeyPairs",
            vec![R],
            &["KeyPairs", "TotalCount"],
        ),
        ("DescribeUHostTags", vec![R], &["TagSet", "TotalCount"]),
        (
            "GetAttachedDiskUpgradePrice",
            vec![R, h, ("DiskId", &data_disk), ("DiskSpace", "100")],
            &["Price", "OriginalPrice", "ListPrice", "PriceDetail"],
        ),
        (
            "GetUHostInstancePrice",
            vec![
                R,
                ("CPU", "2"),
                ("Memory", "4096"),
                ("Count", "1"),
                ("ShowPriceDetails", "true"),
                ("Disks.0.IsBoot", "True"),
                ("Disks.0.Type", "CLOUD_SSD"),
                ("Disks.0.Size", "20"),
            ],
            &["PriceSet"],
        ),
        (
            "GetUHostInstanceVncInfo",
            vec![R, h],
            &["UHostId", "VncIP", "VncPort", "VncPassword"],
        ),
        (
            "GetUHostRefundPrice",
            vec![R, ("UHostIds.0", &host)],
            &["RefundPriceSet"],
        ),
        (
            "GetUHostRenewPrice",
            vec![R, h, ("ChargeType", "Month")],
            &["PriceSet"],
        ),
        (
            "GetUHostUpgradePrice",
            vec![R, h, ("CPU", "8")],
            &["Price", "OriginalPrice"],
        ),
        (
            "ImportCustomImage",
            vec![
                R,
                ("ImageName", "i"),
                ("UFileUrl", "http://u.example/x.raw"),
                ("OsType", "CentOS"),
                ("OsName", "CentOS 8"),
                ("Format", "RAW"),
                ("Auth", "true"),
            ],
            &["ImageId"],
        ),
        (
            "ImportUHostKeyPairs",
            vec![R, ("KeyPairName", "k3"), ("PublicKeyBody", PUBLIC_KEY)],
            &["KeyPairId", "KeyPairName", "KeyPairFingerPrint"],
        ),
        (
            "LeaveIsolationGroup",
            vec![R, ("GroupId", &group), h],
            &["UHostId"],
        ),
        (
            "DeleteIsolationGroup",
            vec![R, ("GroupId", &group)],
            &["GroupId"],
        ),
        ("DeleteUHostKeyPairs", vec![R, ("KeyPairIds.0", &key)], &[]),
        (
            "ModifyUHostInstanceName",
            vec![R, h, ("Name", "n")],
            &["UHostId"],
        ),
        (
            "ModifyUHostInstanceRemark",
            vec![R, h, ("Remark", "r")],
            &["UHostId"],
        ),
        (
            "ModifyUHostInstanceTag",
            vec![R, h, ("Tag", "t")],
            &["UHostId"],
        ),
        (
            "ResizeAttachedDisk",
            vec![
                R,
                z,
                h,
                ("DiskId", &data_disk),
                ("DiskSpace", "60"),
                ("DryRun", "true"),
            ],
            &["DiskId", "NeedRestart"],
        ),
        ("RebootUHostInstance", vec![R, h], &["UHostId"]),
        ("StopUHostInstance", vec![R, h], &["UHostId"]),
        (
            "ModifyUHostIP",
            vec![
                R,
                z,
                h,
                ("PresentIpAddress", "10.9.9.9"),
                ("PreviousIpAddress", &ip),
            ],
            &["UHostId"],
        ),
        (
            "UpgradeToArkUHostInstance",
            vec![R, z, ("UHostIds.0", &local)],
            &["UHostSet"],
        ),
        (
            "ResetUHostInstancePassword",
            vec![R, h, ("Password", "UGFzc3dvcmQx")],
            &["UHostId"],
        ),
        (
            "ResizeUHostInstance",
            vec![R, h, ("Memory", "16384")],
            &["UHostId"],
        ),
        (
            "ReinstallUHostInstance",
            vec![R, h, ("ImageId", &image), ("Password", "UGFzc3dvcmQx")],
            &["UHostId"],
        ),
        ("PoweroffUHostInstance", vec![R, h], &["UHostId"]),
        ("StartUHostInstance", vec![R, h], &["UHostId"]),
        (
            "TerminateCustomImage",
            vec![R, ("ImageId", &custom)],
            &["ImageId"],
        ),
        (
            "CreateUHostInstance",
            vec![
                R,
                z,
                ("ImageId", &image),
                ("LoginMode", "Password"),
                ("Password", "UGFzc3dvcmQx"),
            ],
            &["UHostIds", "IPs"],
        ),
        (
            "CreateCustomImage",
            vec![R, h, ("ImageName", "again")],
            &["ImageId", "DataSnapshotIds"],
        ),
    ];
    let mut covered: HashSet<&str> = calls.iter().map(|(action, _, _)| *action).collect();
    for (action, params, fields) in &calls {
        let json = c.ok(action, params).await;
        for field in *fields {
            assert!(json.get(*field).is_some(), "{action} lacks {field}: {json}");
        }
    }
    c.ok("StopUHostInstance", &[R, h]).await;
    c.ok("TerminateUHostInstance", &[R, h]).await;
    covered.insert("TerminateUHostInstance");
    assert_eq!(covered.len(), 42);
    for action in &covered {
        assert!(
            emu.request_count(action) >= 1,
            "{action} never reached the emulator"
        );
    }

    // A few answers in more detail.
    let price = c
        .ok(
            "GetUHostInstancePrice",
            &[R, ("CPU", "2"), ("Memory", "4096"), ("Count", "2")],
        )
        .await;
    let types: Vec<&str> = price["PriceSet"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["ChargeType"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["Year", "Month", "Dynamic"]);
    let month = price["PriceSet"][1]["Price"].as_f64().unwrap();
    let year = price["PriceSet"][0]["Price"].as_f64().unwrap();
    assert!(month > 0.0 && year > month);
    c.fails(
        "GetUHostInstancePrice",
        &[R, ("CPU", "0"), ("Memory", "4096"), ("Count", "1")],
        8064,
    )
    .await;
    c.fails(
        "GetUHostInstancePrice",
        &[R, ("CPU", "2"), ("Memory", "4096")],
        230,
    )
    .await;
    let refund = c
        .ok("GetUHostRefundPrice", &[R, ("UHostIds.0", &host)])
        .await;
    assert_eq!(refund["RefundPriceSet"][0]["Code"], 8039);
    let types = c
        .ok(
            "DescribeAvailableInstanceTypes",
            &[R, z, ("MachineTypes.0", "O")],
        )
        .await;
    assert_eq!(field_list(&types, "AvailableInstanceTypes", "Name"), ["O"]);
}
