//! Instances: creation checks, the power lifecycle and its errors, disks,
//! filters and paging, modifications, and concurrency.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::collections::HashSet;
use std::time::{Duration, Instant};

use api_emulator::Emulator;
use support::{Client, PK, SK, start};

const R: (&str, &str) = ("Region", "cn-bj2");

#[tokio::test]
async fn lifecycle_at_time_scale_zero() {
    let emu = start().await;
    let c = Client::new(&emu);
    let id = c.create_instance(&[("CPU", "2"), ("Memory", "4096")]).await;
    let host = ("UHostId", id.as_str());
    assert_eq!(c.state(&id).await, "Running");

    // Operations that need a stopped instance.
    assert!(
        c.fails("ResizeUHostInstance", &[R, host, ("CPU", "4")], 8010)
            .await
            .contains("stop")
    );
    c.fails(
        "ReinstallUHostInstance",
        &[R, host, ("Password", "UGFzc3dvcmQx")],
        8010,
    )
    .await;
    c.fails(
        "ResetUHostInstancePassword",
        &[R, host, ("Password", "UGFzc3dvcmQx")],
        8010,
    )
    .await;
    c.fails("TerminateUHostInstance", &[R, host], 8856).await;
    c.fails(
        "ModifyUHostIP",
        &[
            R,
            ("Zone", "cn-bj2-02"),
            host,
            ("PresentIpAddress", "10.9.200.8"),
        ],
        8010,
    )
    .await;
    // Starting a running instance: nothing to do.
    c.ok("StartUHostInstance", &[R, host]).await;
    assert_eq!(c.state(&id).await, "Running");

    c.ok("RebootUHostInstance", &[R, host]).await;
    assert_eq!(c.state(&id).await, "Running");
    let answer = c.ok("StopUHostInstance", &[R, host]).await;
    assert_eq!(answer["UHostId"], id.as_str());
    assert_eq!(c.state(&id).await, "Stopped");
    // Stopping or powering off a stopped instance: nothing to do.
    c.ok("StopUHostInstance", &[R, host]).await;
    c.ok("PoweroffUHostInstance", &[R, host]).await;
    assert_eq!(c.state(&id).await, "Stopped");
    c.fails("RebootUHostInstance", &[R, host], 8905).await;

    c.ok(
        "ResizeUHostInstance",
        &[R, host, ("CPU", "4"), ("Memory", "8192")],
    )
    .await;
    let shown = c.instance(&id).await;
    assert_eq!(
        (shown["CPU"].as_i64(), shown["Memory"].as_i64()),
        (Some(4), Some(8192))
    );
    c.fails("ResizeUHostInstance", &[R, host, ("CPU", "65")], 8105)
        .await;
    c.fails("ResizeUHostInstance", &[R, host, ("Memory", "1000")], 8106)
        .await;

    c.ok(
        "ResetUHostInstancePassword",
        &[R, host, ("Password", "TmV3UGFzc3cwcmQ=")],
    )
    .await;
    c.ok(
        "ReinstallUHostInstance",
        &[R, host, ("Password", "UGFzc3dvcmQx")],
    )
    .await;
    assert_eq!(c.state(&id).await, "Running");
    c.ok("PoweroffUHostInstance", &[R, host]).await;
    assert_eq!(c.state(&id).await, "Stopped");
    c.ok("StartUHostInstance", &[R, host]).await;
    c.ok("StopUHostInstance", &[R, host]).await;

    let answer = c.ok("TerminateUHostInstance", &[R, host]).await;
    assert_eq!(answer["InRecycle"], "No");
    let listed = c.ok("DescribeUHostInstance", &[R]).await;
    assert_eq!(listed["TotalCount"], 0);
    let listed = c
        .ok("DescribeUHostInstance", &[R, ("UHostIds.0", &id)])
        .await;
    assert_eq!(listed["UHostSet"].as_array().unwrap().len(), 0);
    for action in [
        "StartUHostInstance",
        "TerminateUHostInstance",
        "ModifyUHostInstanceName",
    ] {
        let message = c.fails(action, &[R, host], 8039).await;
        assert!(
            message.contains(&id) && message.contains("terminated"),
            "{message}"
        );
    }
    let message = c
        .fails("StopUHostInstance", &[R, ("UHostId", "uhost-never")], 230)
        .await;
    assert!(message.contains("uhost-never"), "{message}");
}

#[tokio::test]
async fn state_changes_take_scaled_time() {
    let emu = Emulator::builder()
        .account(PK, SK)
        .time_scale(0.02) // create 60 ms, stop 30 ms
        .start("127.0.0.1:0")
        .await
        .unwrap();
    let c = Client::new(&emu);
    let started = Instant::now();
    let id = c.create_instance(&[]).await;
    let shown = c.instance(&id).await;
    assert_eq!(shown["State"], "Initializing");
    assert_eq!(shown["BootDiskState"], "Initializing");
    c.fails("StopUHostInstance", &[R, ("UHostId", &id)], 8905)
        .await;
    c.fails("StartUHostInstance", &[R, ("UHostId", &id)], 8905)
        .await;
    wait_for(&c, &id, "Running").await;
    assert!(started.elapsed() >= Duration::from_millis(60));
    c.ok("StopUHostInstance", &[R, ("UHostId", &id)]).await;
    assert_eq!(c.state(&id).await, "Stopping");
    // A second stop while stopping is accepted and changes nothing.
    c.ok("StopUHostInstance", &[R, ("UHostId", &id)]).await;
    c.fails("StartUHostInstance", &[R, ("UHostId", &id)], 8905)
        .await;
    wait_for(&c, &id, "Stopped").await;
    c.ok("StartUHostInstance", &[R, ("UHostId", &id)]).await;
    assert_eq!(c.state(&id).await, "Starting");
    c.ok("StartUHostInstance", &[R, ("UHostId", &id)]).await;
    c.fails("StopUHostInstance", &[R, ("UHostId", &id)], 8905)
        .await;
    wait_for(&c, &id, "Running").await;
}

#[tokio::test]
async fn data_ark_needs_a_stopped_instance_on_normal_local_disks() {
    let emu = start().await;
    let c = Client::new(&emu);
    let local_disks = |data: &'static str| {
        [
            ("Disks.0.IsBoot", "True"),
            ("Disks.0.Type", "LOCAL_NORMAL"),
            ("Disks.0.Size", "20"),
            ("Disks.1.IsBoot", "False"),
            ("Disks.1.Type", data),
            ("Disks.1.Size", "100"),
        ]
    };
    let local = c.create_instance(&local_disks("LOCAL_NORMAL")).await;
    let ssd = c.create_instance(&local_disks("LOCAL_SSD")).await;
    let cloud = c.create_instance(&[]).await;
    fn ark(id: &str) -> Vec<(&str, &str)> {
        vec![R, ("Zone", "cn-bj2-02"), ("UHostIds.0", id)]
    }
    c.fails("UpgradeToArkUHostInstance", &ark(&local), 8010)
        .await;
    for id in [&local, &ssd, &cloud] {
        c.ok("StopUHostInstance", &[R, ("UHostId", id)]).await;
    }
    c.fails("UpgradeToArkUHostInstance", &ark(&ssd), 8220).await;
    c.fails("UpgradeToArkUHostInstance", &ark(&cloud), 8303)
        .await;
    // Nothing changes when one of several cannot.
    let mut both = ark(&local);
    both.push(("UHostIds.1", &cloud));
    c.fails("UpgradeToArkUHostInstance", &both, 8303).await;
    assert_eq!(c.instance(&local).await["TimemachineFeature"], "no");
    c.ok("UpgradeToArkUHostInstance", &ark(&local)).await;
    let shown = c.instance(&local).await;
    assert_eq!(shown["TimemachineFeature"], "yes");
    assert_eq!(shown["DiskSet"][1]["BackupType"], "DATAARK");
    // Already on: accepted as it is, even once running again.
    c.ok("StartUHostInstance", &[R, ("UHostId", &local)]).await;
    c.ok("UpgradeToArkUHostInstance", &ark(&local)).await;
}

#[tokio::test]
async fn reinstalling_another_os_type_keeps_no_local_data_disks() {
    let emu = start().await;
    let c = Client::new(&emu);
    let windows = c.image_id("Windows").await;
    let id = c
        .create_instance(&[
            ("CPU", "2"),
            ("Disks.0.IsBoot", "True"),
            ("Disks.0.Type", "LOCAL_NORMAL"),
            ("Disks.0.Size", "20"),
            ("Disks.1.IsBoot", "False"),
            ("Disks.1.Type", "LOCAL_NORMAL"),
            ("Disks.1.Size", "100"),
        ])
        .await;
    let host = ("UHostId", id.as_str());
    c.ok("StopUHostInstance", &[R, host]).await;
    let reinstall = |reserve: &'static str| {
        vec![
            R,
            host,
            ("ImageId", windows.as_str()),
            ("Password", "UGFzc3dvcmQx"),
            ("ReserveDisk", reserve),
        ]
    };
    let message = c
        .fails("ReinstallUHostInstance", &reinstall("Yes"), 8028)
        .await;
    assert!(message.contains("ReserveDisk=No"), "{message}");
    let mut default = reinstall("Yes");
    default.retain(|(k, _)| *k != "ReserveDisk");
    c.fails("ReinstallUHostInstance", &default, 8028).await;
    c.ok("ReinstallUHostInstance", &reinstall("No")).await;
    let shown = c.instance(&id).await;
    assert_eq!(shown["OsType"], "Windows");
    assert_eq!(shown["DiskSet"].as_array().unwrap().len(), 1);
}

async fn wait_for(c: &Client, id: &str, state: &str) {
    let deadline = Instant::now() + Duration::from_secs(5);
    while c.state(id).await != state {
        assert!(Instant::now() < deadline, "{id} never became {state}");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

#[tokio::test]
async fn disks_are_created_and_listed() {
    let emu = start().await;
    let c = Client::new(&emu);
    let id = c
        .create_instance(&[
            ("Disks.0.IsBoot", "True"),
            ("Disks.0.Type", "CLOUD_SSD"),
            ("Disks.0.Size", "40"),
            ("Disks.1.IsBoot", "False"),
            ("Disks.1.Type", "CLOUD_RSSD"),
            ("Disks.1.Size", "100"),
            ("Disks.2.IsBoot", "false"),
            ("Disks.2.Type", "CLOUD_NORMAL"),
            ("Disks.2.Size", "200"),
        ])
        .await;
    let shown = c.instance(&id).await;
    let disks = shown["DiskSet"].as_array().unwrap();
    assert_eq!(disks.len(), 3);
    let summary: Vec<_> = disks
        .iter()
        .map(|d| {
            (
                d["IsBoot"].as_str().unwrap(),
                d["DiskType"].as_str().unwrap(),
                d["Size"].as_i64().unwrap(),
                d["Drive"].as_str().unwrap(),
                d["Type"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("True", "CLOUD_SSD", 40, "vda", "Boot"),
            ("False", "CLOUD_RSSD", 100, "vdb", "Udisk"),
            ("False", "CLOUD_NORMAL", 200, "vdc", "Udisk"),
        ]
    );
    let ids: HashSet<&str> = disks
        .iter()
        .map(|d| d["DiskId"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 3);
    assert!(disks[0]["DiskId"].as_str().unwrap().starts_with("bsi-"));
    assert_eq!(shown["TotalDiskSpace"], 300);

    // Growing a data disk shows up; shrinking is refused.
    let data_disk = disks[1]["DiskId"].as_str().unwrap().to_owned();
    let grow = [
        R,
        ("Zone", "cn-bj2-02"),
        ("UHostId", &id),
        ("DiskId", &data_disk),
        ("DiskSpace", "150"),
    ];
    let answer = c.ok("ResizeAttachedDisk", &grow).await;
    assert_eq!(answer["NeedRestart"], false);
    assert_eq!(c.instance(&id).await["DiskSet"][1]["Size"], 150);
    let shrink = [
        R,
        ("Zone", "cn-bj2-02"),
        ("UHostId", &id),
        ("DiskId", &data_disk),
        ("DiskSpace", "120"),
    ];
    c.fails("ResizeAttachedDisk", &shrink, 8107).await;

    // Without Disks: a CLOUD_SSD boot disk of the image size.
    let plain = c.create_instance(&[]).await;
    let disks = c.instance(&plain).await["DiskSet"].clone();
    assert_eq!(disks.as_array().unwrap().len(), 1);
    assert_eq!(disks[0]["DiskType"], "CLOUD_SSD");
    assert_eq!(disks[0]["Size"], 20);
}

#[tokio::test]
async fn create_checks_its_parameters() {
    let emu = start().await;
    let c = Client::new(&emu);
    let image = c.image_id("Linux").await;
    let windows = c.image_id("Windows").await;
    let base = [
        R,
        ("Zone", "cn-bj2-02"),
        ("ImageId", image.as_str()),
        ("LoginMode", "Password"),
        ("Password", "UGFzc3dvcmQx"),
    ];
    let with = |extra: &[(&'static str, &'static str)]| {
        let mut params: Vec<(&str, &str)> = base.to_vec();
        for (k, v) in extra {
            params.retain(|(name, _)| name != k);
            params.push((k, v));
        }
        params
    };
    let create = "CreateUHostInstance";
    assert!(
        c.fails(create, &with(&[("ImageId", "")]), 230)
            .await
            .contains("[ImageId]")
    );
    assert!(
        c.fails(create, &with(&[("Zone", "")]), 230)
            .await
            .contains("[Zone]")
    );
    assert!(
        c.fails(create, &with(&[("LoginMode", "")]), 230)
            .await
            .contains("[LoginMode]")
    );
    assert!(
        c.fails(create, &with(&[("LoginMode", "Telepathy")]), 230)
            .await
            .contains("[LoginMode]")
    );
    assert!(
        c.fails(create, &with(&[("Password", "")]), 230)
            .await
            .contains("[Password]")
    );
    let message = c
        .fails(create, &with(&[("Password", "Password1")]), 230)
        .await;
    assert!(
        message.contains("[Password]") && message.contains("base64"),
        "{message}"
    );
    assert!(
        c.fails(create, &with(&[("Password", "c2hvcnQ=")]), 230)
            .await
            .contains("8-30")
    );
    assert!(
        c.fails(create, &with(&[("ImageId", "uimage-nothing")]), 230)
            .await
            .contains("uimage-nothing")
    );
    assert!(
        c.fails(create, &with(&[("Zone", "cn-sh2-01")]), 230)
            .await
            .contains("[Zone]")
    );
    assert!(
        c.fails(create, &with(&[("CPU", "four")]), 230)
            .await
            .contains("[CPU]")
    );
    c.fails(create, &with(&[("CPU", "0")]), 8044).await;
    c.fails(create, &with(&[("Memory", "1000")]), 8046).await;
    c.fails(create, &with(&[("ChargeType", "Forever")]), 230)
        .await;
    c.fails(create, &with(&[("LoginMode", "KeyPair")]), 230)
        .await;
    c.fails(
        create,
        &with(&[("LoginMode", "KeyPair"), ("KeyPairId", "uhostkp-none")]),
        230,
    )
    .await;
    c.fails(create, &with(&[("IsolationGroup", "ig-none")]), 230)
        .await;
    c.fails(create, &with(&[("MaxCount", "0")]), 230).await;
    let mut win = with(&[("CPU", "1")]);
    win.retain(|(k, _)| *k != "ImageId");
    win.push(("ImageId", windows.as_str()));
    c.fails(create, &win, 8027).await;

    let disk = |boot: &'static str,
                kind: &'static str,
                size: &'static str|
     -> [(&'static str, &'static str); 3] {
        [
            ("Disks.0.IsBoot", boot),
            ("Disks.0.Type", kind),
            ("Disks.0.Size", size),
        ]
    };
    assert!(
        c.fails(create, &with(&disk("True", "CLOUD_SSD", "big")), 230)
            .await
            .contains("[Disks.0.Size]")
    );
    assert!(
        c.fails(create, &with(&disk("Yes", "CLOUD_SSD", "20")), 230)
            .await
            .contains("[Disks.0.IsBoot]")
    );
    assert!(
        c.fails(create, &with(&disk("True", "FLOPPY", "20")), 230)
            .await
            .contains("[Disks.0.Type]")
    );
    assert!(
        c.fails(create, &with(&disk("False", "CLOUD_SSD", "20")), 230)
            .await
            .contains("IsBoot")
    );
    c.fails(create, &with(&disk("True", "CLOUD_SSD", "10")), 8315)
        .await;
    c.fails(create, &with(&disk("True", "LOCAL_NORMAL", "40")), 8316)
        .await;
    c.fails(create, &with(&disk("True", "CLOUD_NORMAL", "40")), 230)
        .await;
    let mut missing_type = with(&disk("True", "CLOUD_SSD", "20"));
    missing_type.extend([("Disks.1.IsBoot", "False"), ("Disks.1.Size", "20")]);
    assert!(
        c.fails(create, &missing_type, 230)
            .await
            .contains("[Disks.1.Type]")
    );
    let mut huge = with(&disk("True", "CLOUD_SSD", "20"));
    huge.extend([
        ("Disks.1.IsBoot", "False"),
        ("Disks.1.Type", "CLOUD_SSD"),
        ("Disks.1.Size", "9000"),
    ]);
    c.fails(create, &huge, 8096).await;

    // Extreme but valid numbers do not overflow anything.
    let forever = c
        .ok(
            create,
            &with(&[("ChargeType", "Year"), ("Quantity", "9223372036854775807")]),
        )
        .await;
    let id = forever["UHostIds"][0].as_str().unwrap().to_owned();
    assert_eq!(c.instance(&id).await["ExpireTime"], u64::MAX);
    c.ok("StopUHostInstance", &[R, ("UHostId", &id)]).await;
    c.ok("TerminateUHostInstance", &[R, ("UHostId", &id)]).await;

    // Nothing was created by the refused requests.
    assert_eq!(c.ok("DescribeUHostInstance", &[R]).await["TotalCount"], 0);
    // MaxCount creates several, without IPs in the answer.
    let answer = c.ok(create, &with(&[("MaxCount", "3")])).await;
    assert_eq!(answer["UHostIds"].as_array().unwrap().len(), 3);
    assert!(answer.get("IPs").is_none());
    let answer = c.ok(create, &with(&[])).await;
    assert!(answer["IPs"][0].as_str().unwrap().starts_with("10."));
}

#[tokio::test]
async fn describe_filters_and_pages() {
    let emu = start().await;
    let c = Client::new(&emu);
    let web: Vec<String> = c
        .ok(
            "CreateUHostInstance",
            &[
                R,
                ("Zone", "cn-bj2-03"),
                ("ImageId", &c.image_id("Linux").await),
                ("LoginMode", "Password"),
                ("Password", "UGFzc3dvcmQx"),
                ("Tag", "web"),
                ("MaxCount", "3"),
            ],
        )
        .await["UHostIds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    let db = c
        .create_instance(&[
            ("Tag", "db"),
            ("VPCId", "uvnet-mine"),
            ("SubnetId", "subnet-mine"),
        ])
        .await;
    let other = c.create_instance(&[]).await;
    // Another region holds its own instances.
    let total = |json: serde_json::Value| json["TotalCount"].as_i64().unwrap();
    assert_eq!(
        total(c.ok("DescribeUHostInstance", &[("Region", "cn-sh2")]).await),
        0
    );

    assert_eq!(total(c.ok("DescribeUHostInstance", &[R]).await), 5);
    assert_eq!(
        total(c.ok("DescribeUHostInstance", &[R, ("Tag", "web")]).await),
        3
    );
    assert_eq!(
        total(
            c.ok("DescribeUHostInstance", &[R, ("Zone", "cn-bj2-03")])
                .await
        ),
        3
    );
    assert_eq!(
        total(
            c.ok("DescribeUHostInstance", &[R, ("VPCId", "uvnet-mine")])
                .await
        ),
        1
    );
    assert_eq!(
        total(
            c.ok("DescribeUHostInstance", &[R, ("SubnetId", "subnet-mine")])
                .await
        ),
        1
    );
    let picked = c
        .ok(
            "DescribeUHostInstance",
            &[
                R,
                ("UHostIds.0", &db),
                ("UHostIds.1", &other),
                ("UHostIds.2", "uhost-gone"),
            ],
        )
        .await;
    assert_eq!(total(picked.clone()), 2);
    let ids: HashSet<&str> = picked["UHostSet"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["UHostId"].as_str().unwrap())
        .collect();
    assert_eq!(ids, HashSet::from([db.as_str(), other.as_str()]));
    // Ids in any order, repeated or of another region: creation order, once.
    let picked = c
        .ok(
            "DescribeUHostInstance",
            &[
                R,
                ("UHostIds.0", &other),
                ("UHostIds.1", &web[1]),
                ("UHostIds.2", &other),
                ("UHostIds.3", &web[0]),
            ],
        )
        .await;
    let order: Vec<&str> = picked["UHostSet"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["UHostId"].as_str().unwrap())
        .collect();
    assert_eq!(order, [web[0].as_str(), web[1].as_str(), other.as_str()]);
    let elsewhere = c
        .ok(
            "DescribeUHostInstance",
            &[("Region", "cn-sh2"), ("UHostIds.0", &db)],
        )
        .await;
    assert_eq!(total(elsewhere), 0);

    // Pages of two cover everything once, in a stable order.
    let mut paged = Vec::new();
    for offset in ["0", "2", "4", "6"] {
        let page = c
            .ok(
                "DescribeUHostInstance",
                &[R, ("Offset", offset), ("Limit", "2")],
            )
            .await;
        assert_eq!(page["TotalCount"], 5);
        paged.extend(
            page["UHostSet"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| h["UHostId"].as_str().unwrap().to_owned()),
        );
    }
    let mut expected = web.clone();
    expected.extend([db.clone(), other.clone()]);
    assert_eq!(paged, expected);
    c.fails("DescribeUHostInstance", &[R, ("Offset", "-1")], 230)
        .await;
}

#[tokio::test]
async fn modifications_and_tags_show_up() {
    let emu = start().await;
    let c = Client::new(&emu);
    let a = c.create_instance(&[("Tag", "web")]).await;
    let b = c.create_instance(&[("Tag", "web")]).await;
    let d = c.create_instance(&[]).await;
    let answer = c
        .ok(
            "ModifyUHostInstanceName",
            &[R, ("UHostId", &a), ("Name", "frontend-1")],
        )
        .await;
    assert_eq!(answer["UHostId"], a.as_str());
    c.ok(
        "ModifyUHostInstanceRemark",
        &[R, ("UHostId", &a), ("Remark", "serves pages")],
    )
    .await;
    c.ok(
        "ModifyUHostInstanceTag",
        &[R, ("UHostId", &b), ("Tag", "batch")],
    )
    .await;
    let shown = c.instance(&a).await;
    assert_eq!(
        (shown["Name"].as_str(), shown["Remark"].as_str()),
        (Some("frontend-1"), Some("serves pages"))
    );
    assert_eq!(c.instance(&b).await["Tag"], "batch");
    let long = "x".repeat(64);
    c.fails(
        "ModifyUHostInstanceName",
        &[R, ("UHostId", &a), ("Name", &long)],
        230,
    )
    .await;

    let tags = c.ok("DescribeUHostTags", &[R]).await;
    let counts: Vec<(String, i64)> = tags["TagSet"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["Tag"].as_str().unwrap().to_owned(),
                t["TotalCount"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        counts,
        [
            ("Default".to_owned(), 1),
            ("batch".to_owned(), 1),
            ("web".to_owned(), 1)
        ]
    );
    assert_eq!(tags["TotalCount"], 3);

    c.ok("StopUHostInstance", &[R, ("UHostId", &d)]).await;
    c.ok(
        "ModifyUHostIP",
        &[
            R,
            ("Zone", "cn-bj2-02"),
            ("UHostId", &d),
            ("PresentIpAddress", "10.9.200.7"),
        ],
    )
    .await;
    assert_eq!(c.instance(&d).await["IPSet"][0]["IP"], "10.9.200.7");
    c.fails(
        "ModifyUHostIP",
        &[
            R,
            ("Zone", "cn-bj2-02"),
            ("UHostId", &d),
            ("PresentIpAddress", "10.9.300.7"),
        ],
        230,
    )
    .await;
}

#[tokio::test]
async fn key_pair_logins_are_tracked() {
    let emu = start().await;
    let c = Client::new(&emu);
    let key = c
        .ok("CreateUHostKeyPair", &[R, ("KeyPairName", "deploy")])
        .await;
    let key_id = key["KeyPair"]["KeyPairId"].as_str().unwrap().to_owned();
    let id = c
        .create_instance(&[("LoginMode", "KeyPair"), ("KeyPairId", &key_id)])
        .await;
    let shown = c.instance(&id).await;
    assert_eq!(shown["KeyPair"]["KeyPairId"], key_id.as_str());
    assert_eq!(shown["KeyPair"]["KeyPairState"], "Normal");
    c.ok("DeleteUHostKeyPairs", &[R, ("KeyPairIds.0", &key_id)])
        .await;
    assert_eq!(c.instance(&id).await["KeyPair"]["KeyPairState"], "Deleted");
}

#[tokio::test]
async fn accounts_do_not_see_each_other() {
    let emu = Emulator::builder()
        .account(PK, SK)
        .account("second-public", "second-private")
        .time_scale(0.0)
        .start("127.0.0.1:0")
        .await
        .unwrap();
    let first = Client::new(&emu);
    let second = Client::for_account(&emu, "second-public", "second-private");
    let id = first.create_instance(&[]).await;
    assert_eq!(
        second.ok("DescribeUHostInstance", &[R]).await["TotalCount"],
        0
    );
    second
        .fails("StopUHostInstance", &[R, ("UHostId", &id)], 230)
        .await;
    // A request signed with the other account's key is refused.
    let params = support::signed(&[("Action", "DescribeImage"), R], "second-public", SK);
    assert_eq!(first.post_form(&params).await.ret_code(), 171);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_creates_get_unique_ids() {
    let emu = start().await;
    let image = Client::new(&emu).image_id("Linux").await;
    let tasks: Vec<_> = (0..64)
        .map(|_| {
            let c = Client::new(&emu);
            let image = image.clone();
            tokio::spawn(async move {
                let json = c
                    .ok(
                        "CreateUHostInstance",
                        &[
                            R,
                            ("Zone", "cn-bj2-05"),
                            ("ImageId", &image),
                            ("LoginMode", "Password"),
                            ("Password", "UGFzc3dvcmQx"),
                        ],
                    )
                    .await;
                (
                    json["UHostIds"][0].as_str().unwrap().to_owned(),
                    json["IPs"][0].as_str().unwrap().to_owned(),
                )
            })
        })
        .collect();
    let mut ids = HashSet::new();
    let mut ips = HashSet::new();
    for task in tasks {
        let (id, ip) = task.await.unwrap();
        assert!(ids.insert(id));
        assert!(ips.insert(ip));
    }
    let c = Client::new(&emu);
    assert_eq!(
        c.ok("DescribeUHostInstance", &[R, ("Limit", "100")]).await["TotalCount"],
        64
    );
    assert_eq!(emu.request_count("CreateUHostInstance"), 64);
}

/// Each value of the emulator's published lists is accepted where listed,
/// so the lists are the ones the actions check.
#[tokio::test]
async fn listed_enum_values_are_accepted() {
    let emu = start().await;
    let c = Client::new(&emu);
    let values = |name: &str, action: &str| -> &'static [&'static str] {
        api_emulator::enum_parameters()
            .iter()
            .find(|p| p.name == name && p.actions.contains(&action))
            .unwrap()
            .values
    };
    let create = "CreateUHostInstance";
    assert!(values("ChargeType", create).contains(&"Preemptive"));
    for (name, value) in [
        ("ChargeType", values("ChargeType", create)),
        ("NetCapability", values("NetCapability", create)),
        ("SecurityMode", values("SecurityMode", create)),
        ("MachineType", values("MachineType", create)),
    ]
    .into_iter()
    .flat_map(|(name, list)| list.iter().map(move |v| (name, *v)))
    {
        let mut extra = vec![(name, value)];
        if value == "G" {
            extra.push(("GpuType", "T4"));
        }
        let id = c.create_instance(&extra).await;
        if name == "ChargeType" {
            assert_eq!(c.instance(&id).await["ChargeType"], value);
        }
    }
    for value in values("ChargeType", "GetUHostInstancePrice") {
        let price = c
            .ok(
                "GetUHostInstancePrice",
                &[
                    R,
                    ("CPU", "2"),
                    ("Memory", "4096"),
                    ("Count", "1"),
                    ("ChargeType", value),
                ],
            )
            .await;
        assert_eq!(price["PriceSet"][0]["ChargeType"], *value);
    }
    let id = c.create_instance(&[]).await;
    for value in values("ChargeType", "GetUHostRenewPrice") {
        c.ok(
            "GetUHostRenewPrice",
            &[R, ("UHostId", &id), ("ChargeType", value)],
        )
        .await;
    }
    c.fails(
        "GetUHostRenewPrice",
        &[R, ("UHostId", &id), ("ChargeType", "Spot")],
        230,
    )
    .await;
    for value in values("ImageType", "DescribeImage") {
        c.ok("DescribeImage", &[R, ("ImageType", value)]).await;
    }
    for value in values("OsType", "DescribeImage") {
        c.ok("DescribeImage", &[R, ("OsType", value)]).await;
    }
    for value in values("Format", "ImportCustomImage") {
        c.ok(
            "ImportCustomImage",
            &[
                R,
                ("ImageName", "i"),
                ("UFileUrl", "http://u.example/x"),
                ("OsType", "CentOS"),
                ("OsName", "CentOS 8"),
                ("Format", value),
                ("Auth", "true"),
            ],
        )
        .await;
    }
    c.ok("StopUHostInstance", &[R, ("UHostId", &id)]).await;
    for value in values("ReserveDisk", "ReinstallUHostInstance") {
        c.ok(
            "ReinstallUHostInstance",
            &[
                R,
                ("UHostId", &id),
                ("Password", "UGFzc3dvcmQx"),
                ("ReserveDisk", value),
            ],
        )
        .await;
        c.ok("StopUHostInstance", &[R, ("UHostId", &id)]).await;
    }
    let image = c.image_id("Linux").await;
    let message = c
        .fails(
            "CreateUHostInstance",
            &[
                R,
                ("Zone", "cn-bj2-02"),
                ("ImageId", &image),
                ("LoginMode", "Password"),
                ("Password", "UGFzc3dvcmQx"),
                ("ChargeType", "Weekly"),
            ],
            230,
        )
        .await;
    assert!(message.contains("[ChargeType]"), "{message}");
}
