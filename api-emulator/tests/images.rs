//! Images: the base catalog with filters and paging, custom images made
//! from instances, copies, imports and deletion.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::time::{Duration, Instant};

use api_emulator::Emulator;
use serde_json::Value;
use support::{Client, PK, SK, start};

const R: (&str, &str) = ("Region", "cn-bj2");

fn ids(json: &Value) -> Vec<String> {
    json["ImageSet"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["ImageId"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn the_catalog_filters_and_pages() {
    let emu = start().await;
    let c = Client::new(&emu);
    let all = c.ok("DescribeImage", &[R, ("Limit", "100")]).await;
    assert_eq!(all["TotalCount"], 23);
    let images = all["ImageSet"].as_array().unwrap();
    for image in images {
        assert_eq!(image["ImageType"], "Base");
        assert_eq!(image["State"], "Available");
        assert!(image["ImageId"].as_str().unwrap().starts_with("uimage-"));
    }
    let names: Vec<&str> = images
        .iter()
        .map(|i| i["OsName"].as_str().unwrap())
        .collect();
    for distro in ["CentOS", "Ubuntu", "Debian", "Rocky", "Windows"] {
        assert!(
            names.iter().any(|n| n.contains(distro)),
            "{distro} missing from {names:?}"
        );
    }
    let windows = c.ok("DescribeImage", &[R, ("OsType", "Windows")]).await;
    assert_eq!(windows["TotalCount"], 5);
    assert_eq!(windows["ImageSet"][0]["ImageSize"], 40);
    assert_eq!(
        c.ok("DescribeImage", &[R, ("OsType", "Linux")]).await["TotalCount"],
        18
    );
    assert_eq!(
        c.ok("DescribeImage", &[R, ("ImageType", "Custom")]).await["TotalCount"],
        0
    );
    assert_eq!(
        c.ok("DescribeImage", &[R, ("ImageType", "Business")]).await["TotalCount"],
        0
    );
    let one = ids(&all)[2].clone();
    let picked = c.ok("DescribeImage", &[R, ("ImageId", &one)]).await;
    assert_eq!(ids(&picked), [one.as_str()]);
    let picked = c
        .ok(
            "DescribeImage",
            &[R, ("ImageIds.0", &one), ("ImageIds.1", "uimage-x")],
        )
        .await;
    assert_eq!(ids(&picked), [one]);

    // The default page of 20, then the rest: TotalCount 23 on both, same
    // order as the full list.
    let first = c.ok("DescribeImage", &[R]).await;
    let second = c
        .ok("DescribeImage", &[R, ("Offset", "20"), ("Limit", "20")])
        .await;
    assert_eq!(
        (first["TotalCount"].as_i64(), second["TotalCount"].as_i64()),
        (Some(23), Some(23))
    );
    assert_eq!(ids(&first).len(), 20);
    let mut paged = ids(&first);
    paged.extend(ids(&second));
    assert_eq!(paged, ids(&all));
    // PriceSet=1 adds the price list.
    let priced = c
        .ok("DescribeImage", &[R, ("PriceSet", "1"), ("Limit", "1")])
        .await;
    assert!(priced["ImageSet"][0]["PriceSet"].is_array());

    // Image ids are regional and stable across emulators.
    let other_emu = start().await;
    let other = Client::new(&other_emu);
    assert_eq!(
        ids(&other.ok("DescribeImage", &[R, ("Limit", "100")]).await),
        ids(&all)
    );
    assert_ne!(
        ids(&c
            .ok("DescribeImage", &[("Region", "hk"), ("Limit", "100")])
            .await),
        ids(&all)
    );
}

/// What scripts written for the real service do: find a long-lived public
/// image by its name, then install it.
#[tokio::test]
async fn long_lived_images_are_found_by_name_and_installed() {
    let emu = start().await;
    let c = Client::new(&emu);
    for region in ["cn-bj2", "hk", "us-ca"] {
        let all = c
            .ok(
                "DescribeImage",
                &[("Region", region), ("ImageType", "Base"), ("Limit", "100")],
            )
            .await;
        let names: Vec<&str> = all["ImageSet"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["ImageName"].as_str().unwrap())
            .collect();
        for name in [
            "CentOS 6.5 64位",
            "CentOS 7.0 64位",
            "CentOS 7.4 64位",
            "CentOS 7.6 64位",
            "CentOS 7.9 64位",
            "CentOS 8.2 64位",
            "Ubuntu 16.04 64位",
            "Ubuntu 18.04 64位",
            "Ubuntu 20.04 64位",
            "Ubuntu 22.04 64位",
            "Debian 9.13 64位",
            "Debian 10.13 64位",
            "Debian 11.9 64位",
            "Rocky Linux 8.6 64位",
            "Rocky Linux 9.3 64位",
            "Windows 2008 R2 64位 数据中心版",
            "Windows 2012 R2 64位 数据中心版",
            "Windows 2016 64位 数据中心版",
            "Windows 2019 64位 数据中心版",
            "Windows 2022 64位 数据中心版",
        ] {
            assert!(names.contains(&name), "{name} missing in {region}");
        }
    }
    let all = c
        .ok(
            "DescribeImage",
            &[R, ("ImageType", "Base"), ("Limit", "100")],
        )
        .await;
    let centos65 = all["ImageSet"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["ImageName"] == "CentOS 6.5 64位")
        .unwrap();
    assert_eq!(centos65["OsType"], "Linux");
    assert_eq!(centos65["MaintainEol"], "2020/11/30");
    let image = centos65["ImageId"].as_str().unwrap();
    let id = c.create_instance(&[("ImageId", image)]).await;
    let shown = c.instance(&id).await;
    assert_eq!(shown["OsName"], "CentOS 6.5 64位");
    assert_eq!(shown["BasicImageName"], "CentOS 6.5 64位");
}

#[tokio::test]
async fn custom_images_are_made_copied_and_deleted() {
    let emu = Emulator::builder()
        .account(PK, SK)
        .project(PK, "org-1", "Staging")
        .time_scale(0.01) // image 50 ms
        .start("127.0.0.1:0")
        .await
        .unwrap();
    let c = Client::new(&emu);
    let host = c
        .create_instance(&[
            ("Disks.0.IsBoot", "True"),
            ("Disks.0.Type", "CLOUD_SSD"),
            ("Disks.0.Size", "30"),
            ("Disks.1.IsBoot", "False"),
            ("Disks.1.Type", "CLOUD_SSD"),
            ("Disks.1.Size", "50"),
            ("Disks.2.IsBoot", "False"),
            ("Disks.2.Type", "CLOUD_SSD"),
            ("Disks.2.Size", "60"),
        ])
        .await;
    let disks = c.instance(&host).await["DiskSet"].clone();
    let (boot, d1, d2) = (
        disks[0]["DiskId"].as_str().unwrap().to_owned(),
        disks[1]["DiskId"].as_str().unwrap().to_owned(),
        disks[2]["DiskId"].as_str().unwrap().to_owned(),
    );

    // Checks: a name, data disks of this instance, an existing instance.
    c.fails("CreateCustomImage", &[R, ("UHostId", &host)], 230)
        .await;
    let message = c
        .fails(
            "CreateCustomImage",
            &[
                R,
                ("UHostId", &host),
                ("ImageName", "x"),
                ("DataUDiskIds.0", &boot),
            ],
            230,
        )
        .await;
    assert!(message.contains("[DataUDiskIds.0]"), "{message}");
    c.fails(
        "CreateCustomImage",
        &[R, ("UHostId", "uhost-none"), ("ImageName", "x")],
        230,
    )
    .await;

    // The instance may be in any state (it is still initializing here).
    let made = c
        .ok(
            "CreateCustomImage",
            &[
                R,
                ("UHostId", &host),
                ("ImageName", "golden"),
                ("Tag", "ops"),
                ("DataUDiskIds.0", &d1),
                ("DataUDiskIds.1", &d2),
            ],
        )
        .await;
    let image = made["ImageId"].as_str().unwrap().to_owned();
    assert_eq!(made["DataSnapshotIds"].as_array().unwrap().len(), 2);
    let custom = c.ok("DescribeImage", &[R, ("ImageType", "Custom")]).await;
    assert_eq!(ids(&custom), [image.as_str()]);
    let shown = &custom["ImageSet"][0];
    assert_eq!(shown["State"], "Making");
    assert_eq!(
        (shown["ImageName"].as_str(), shown["Tag"].as_str()),
        (Some("golden"), Some("ops"))
    );
    assert_eq!(shown["ImageSize"], 30);
    assert_eq!(shown["DataSnapshotIds"], made["DataSnapshotIds"]);
    assert_eq!(
        c.ok("DescribeImage", &[R, ("Tag", "ops")]).await["TotalCount"],
        1
    );
    let snapshots = c
        .ok("DescribeUHostInstanceSnapshot", &[R, ("UHostId", &host)])
        .await;
    assert_eq!(snapshots["SnapshotSet"].as_array().unwrap().len(), 1);

    // Not Available yet: cannot be copied or installed.
    let copy = [
        R,
        ("SourceImageId", image.as_str()),
        ("TargetProjectId", "org-1"),
    ];
    c.fails("CopyCustomImage", &copy, 8961).await;
    c.fails(
        "CreateUHostInstance",
        &[
            R,
            ("Zone", "cn-bj2-02"),
            ("ImageId", &image),
            ("LoginMode", "Password"),
            ("Password", "UGFzc3dvcmQx"),
        ],
        230,
    )
    .await;
    wait_for_image(&c, "cn-bj2", &image).await;

    let copied = c
        .ok(
            "CopyCustomImage",
            &[
                R,
                ("SourceImageId", &image),
                ("TargetProjectId", "org-1"),
                ("TargetRegion", "hk"),
                ("TargetImageName", "golden-hk"),
            ],
        )
        .await;
    let hk_image = copied["TargetImageId"].as_str().unwrap().to_owned();
    assert!(copied["TaskId"].as_str().unwrap().starts_with("task-"));
    let hk = c
        .ok(
            "DescribeImage",
            &[("Region", "hk"), ("ImageType", "Custom")],
        )
        .await;
    assert_eq!(ids(&hk), [hk_image.as_str()]);
    assert_eq!(hk["ImageSet"][0]["State"], "Copying");
    assert_eq!(hk["ImageSet"][0]["ImageName"], "golden-hk");
    wait_for_image(&c, "hk", &hk_image).await;

    let batch = c
        .ok(
            "CopyCustomImage",
            &[
                R,
                ("SourceImageId", &image),
                ("TargetProjectId", "org-1"),
                ("TargetRegionList.0", "sg"),
                ("TargetRegionList.1", "cn-sh2"),
            ],
        )
        .await;
    let infos = batch["Infos"].as_array().unwrap();
    let regions: Vec<&str> = infos
        .iter()
        .map(|i| i["TargetRegion"].as_str().unwrap())
        .collect();
    assert_eq!(regions, ["sg", "cn-sh2"]);
    c.fails(
        "CopyCustomImage",
        &[
            R,
            ("SourceImageId", &image),
            ("TargetProjectId", "org-1"),
            ("TargetRegion", "atlantis"),
        ],
        230,
    )
    .await;

    // The target project must be one of the account's.
    let message = c
        .fails(
            "CopyCustomImage",
            &[
                R,
                ("SourceImageId", &image),
                ("TargetProjectId", "org-nobody"),
            ],
            292,
        )
        .await;
    assert!(message.contains("org-nobody"), "{message}");

    // Base images are not custom images.
    let base = c.image_id("Linux").await;
    c.fails(
        "CopyCustomImage",
        &[R, ("SourceImageId", &base), ("TargetProjectId", "org-1")],
        8956,
    )
    .await;
    c.fails("TerminateCustomImage", &[R, ("ImageId", &base)], 8956)
        .await;

    // An instance installs from the custom image.
    let from_image = c.create_instance(&[("ImageId", &image)]).await;
    let shown = c.instance(&from_image).await;
    assert_eq!(shown["ImageId"], image.as_str());
    assert_eq!(shown["BasicImageId"], base.as_str());

    let deleted = c
        .ok("TerminateCustomImage", &[R, ("ImageId", &image)])
        .await;
    assert_eq!(deleted["ImageId"], image.as_str());
    assert_eq!(
        c.ok("DescribeImage", &[R, ("ImageType", "Custom")]).await["TotalCount"],
        0
    );
    c.fails("TerminateCustomImage", &[R, ("ImageId", &image)], 8956)
        .await;
}

async fn wait_for_image(c: &Client, region: &str, id: &str) {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let json = c
            .ok("DescribeImage", &[("Region", region), ("ImageId", id)])
            .await;
        if json["ImageSet"][0]["State"] == "Available" {
            return;
        }
        assert!(Instant::now() < deadline, "{id} never became Available");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

#[tokio::test]
async fn images_of_terminated_instances_cannot_be_made() {
    let emu = start().await;
    let c = Client::new(&emu);
    let host = c.create_instance(&[]).await;
    c.ok("StopUHostInstance", &[R, ("UHostId", &host)]).await;
    c.ok("TerminateUHostInstance", &[R, ("UHostId", &host)])
        .await;
    c.fails(
        "CreateCustomImage",
        &[R, ("UHostId", &host), ("ImageName", "late")],
        8039,
    )
    .await;
}

#[tokio::test]
async fn imported_images_become_available() {
    let emu = start().await;
    let c = Client::new(&emu);
    let import = [
        R,
        ("ImageName", "imported"),
        ("UFileUrl", "https://bucket.example/disk.qcow2"),
        ("OsType", "Ubuntu"),
        ("OsName", "Ubuntu 20.04 64位"),
        ("Format", "qcow2"),
        ("Auth", "true"),
    ];
    let id = c.ok("ImportCustomImage", &import).await["ImageId"]
        .as_str()
        .unwrap()
        .to_owned();
    let shown = c.ok("DescribeImage", &[R, ("ImageId", &id)]).await;
    assert_eq!(shown["ImageSet"][0]["State"], "Available");
    assert_eq!(shown["ImageSet"][0]["OsType"], "Linux");
    let mut bad = import.to_vec();
    bad.retain(|(k, _)| *k != "Auth");
    bad.push(("Auth", "false"));
    assert!(
        c.fails("ImportCustomImage", &bad, 230)
            .await
            .contains("[Auth]")
    );
    bad.retain(|(k, _)| *k != "Auth");
    assert!(
        c.fails("ImportCustomImage", &bad, 230)
            .await
            .contains("[Auth]")
    );
}
