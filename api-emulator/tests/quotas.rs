//! Per-account quotas: over a limit, creates, copies and imports fail with
//! 8095 and change nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use api_emulator::{Emulator, Quotas};
use serde_json::Value;
use support::{Client, PK, SK};

const R: (&str, &str) = ("Region", "cn-bj2");
const OTHER: (&str, &str) = ("Region", "cn-sh2");
const PUBLIC_KEY: &str =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGVtdWxhdG9yLXRlc3Qta2V5LWJ5dGVzLTAwMDAwMA== ops@example";

async fn start(quotas: Quotas) -> Emulator {
    Emulator::builder()
        .account(PK, SK)
        .account("second-public", "second-private")
        .time_scale(0.0)
        .quotas(quotas)
        .start("127.0.0.1:0")
        .await
        .unwrap()
}

fn id(json: &Value, field: &str) -> String {
    json[field].as_str().unwrap().to_owned()
}

#[test]
fn defaults_are_documented() {
    let quotas = Quotas::default();
    assert_eq!(
        (
            quotas.instances,
            quotas.custom_images,
            quotas.key_pairs,
            quotas.isolation_groups
        ),
        (100, 50, 100, 20)
    );
    assert_eq!(Quotas::unlimited().instances, usize::MAX);
}

#[tokio::test]
async fn instances_are_limited_per_region_and_account() {
    let mut quotas = Quotas::default();
    quotas.instances = 2;
    let emu = start(quotas).await;
    let c = Client::new(&emu);
    // More than the quota at once: an error, nothing created.
    let message = c
        .fails(
            "CreateUHostInstance",
            &[
                R,
                ("Zone", "cn-bj2-02"),
                ("ImageId", &c.image_id("Linux").await),
                ("LoginMode", "Password"),
                ("Password", "UGFzc3dvcmQx"),
                ("MaxCount", "3"),
            ],
            8095,
        )
        .await;
    assert!(message.contains("limit of 2"), "{message}");
    assert_eq!(c.ok("DescribeUHostInstance", &[R]).await["TotalCount"], 0);
    let first = c.create_instance(&[]).await;
    c.create_instance(&[]).await;
    c.fails(
        "CreateUHostInstance",
        &[
            R,
            ("Zone", "cn-bj2-02"),
            ("ImageId", &c.image_id("Linux").await),
            ("LoginMode", "Password"),
            ("Password", "UGFzc3dvcmQx"),
        ],
        8095,
    )
    .await;
    // Another account and another region count on their own.
    Client::for_account(&emu, "second-public", "second-private")
        .create_instance(&[])
        .await;
    let image = c
        .ok(
            "DescribeImage",
            &[OTHER, ("ImageType", "Base"), ("OsType", "Linux")],
        )
        .await["ImageSet"][0]["ImageId"]
        .as_str()
        .unwrap()
        .to_owned();
    c.ok(
        "CreateUHostInstance",
        &[
            OTHER,
            ("Zone", "cn-sh2-02"),
            ("ImageId", &image),
            ("LoginMode", "Password"),
            ("Password", "UGFzc3dvcmQx"),
        ],
    )
    .await;
    // A terminated instance frees its place.
    c.ok("StopUHostInstance", &[R, ("UHostId", &first)]).await;
    c.ok("TerminateUHostInstance", &[R, ("UHostId", &first)])
        .await;
    c.create_instance(&[]).await;
}

#[tokio::test]
async fn custom_images_are_limited_per_region() {
    let mut quotas = Quotas::default();
    quotas.custom_images = 1;
    let emu = start(quotas).await;
    let c = Client::new(&emu);
    let host = c.create_instance(&[]).await;
    let image = id(
        &c.ok(
            "CreateCustomImage",
            &[R, ("UHostId", &host), ("ImageName", "one")],
        )
        .await,
        "ImageId",
    );
    c.fails(
        "CreateCustomImage",
        &[R, ("UHostId", &host), ("ImageName", "two")],
        8095,
    )
    .await;
    let import = [
        R,
        ("ImageName", "i"),
        ("UFileUrl", "http://u.example/x.raw"),
        ("OsType", "CentOS"),
        ("OsName", "CentOS 8"),
        ("Format", "RAW"),
        ("Auth", "true"),
    ];
    c.fails("ImportCustomImage", &import, 8095).await;
    let project = c.default_project().await;
    let copy = |target: &'static str| {
        vec![
            R,
            ("SourceImageId", image.as_str()),
            ("TargetProjectId", project.as_str()),
            ("TargetRegion", target),
        ]
    };
    c.fails("CopyCustomImage", &copy("cn-bj2"), 8095).await;
    c.ok("CopyCustomImage", &copy("cn-sh2")).await;
    c.fails("CopyCustomImage", &copy("cn-sh2"), 8095).await;
    // Two copies into one empty region in one call: refused as a whole.
    let batch = [
        R,
        ("SourceImageId", image.as_str()),
        ("TargetProjectId", project.as_str()),
        ("TargetRegionList.0", "hk"),
        ("TargetRegionList.1", "hk"),
    ];
    c.fails("CopyCustomImage", &batch, 8095).await;
    assert_eq!(
        c.ok(
            "DescribeImage",
            &[("Region", "hk"), ("ImageType", "Custom")]
        )
        .await["TotalCount"],
        0
    );
    c.ok("TerminateCustomImage", &[R, ("ImageId", &image)])
        .await;
    c.ok("ImportCustomImage", &import).await;
}

#[tokio::test]
async fn key_pairs_and_isolation_groups_are_limited() {
    let mut quotas = Quotas::default();
    quotas.key_pairs = 1;
    quotas.isolation_groups = 1;
    let emu = start(quotas).await;
    let c = Client::new(&emu);
    let key = c.ok("CreateUHostKeyPair", &[("KeyPairName", "a")]).await["KeyPair"]["KeyPairId"]
        .as_str()
        .unwrap()
        .to_owned();
    c.fails("CreateUHostKeyPair", &[("KeyPairName", "b")], 8095)
        .await;
    c.fails(
        "ImportUHostKeyPairs",
        &[("KeyPairName", "c"), ("PublicKeyBody", PUBLIC_KEY)],
        8095,
    )
    .await;
    c.ok("DeleteUHostKeyPairs", &[("KeyPairIds.0", &key)]).await;
    c.ok(
        "ImportUHostKeyPairs",
        &[("KeyPairName", "c"), ("PublicKeyBody", PUBLIC_KEY)],
    )
    .await;

    let group = id(
        &c.ok("CreateIsolationGroup", &[R, ("GroupName", "g")]).await,
        "GroupId",
    );
    c.fails("CreateIsolationGroup", &[R, ("GroupName", "h")], 8095)
        .await;
    c.ok("CreateIsolationGroup", &[OTHER, ("GroupName", "h")])
        .await;
    c.ok("DeleteIsolationGroup", &[R, ("GroupId", &group)])
        .await;
    c.ok("CreateIsolationGroup", &[R, ("GroupName", "h")]).await;
}
