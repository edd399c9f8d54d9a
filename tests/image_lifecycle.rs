//! The whole image lifecycle through the SDK against the emulator, as the
//! main example runs it: base image, instance, custom image with a data
//! disk snapshot, copy, deletion.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::time::Duration;

use api_core::Error;
use api_core::wait::Waiter;
use api_uhost::images::{
    CopyCustomImage, CreateCustomImage, DescribeImage, ImageState, ImageType, OsType,
    TerminateCustomImage,
};
use api_uhost::instances::InstanceState;
use api_uhost::wait;
use futures_util::TryStreamExt;

fn quick() -> Waiter<'static> {
    Waiter::new("")
        .initial_delay(Duration::from_millis(5))
        .max_delay(Duration::from_millis(20))
        .timeout(Duration::from_secs(10))
}

#[tokio::test]
async fn an_instance_is_imaged_copied_and_cleaned_up() {
    let emu = api_emulator::Emulator::builder()
        .account(support::PUBLIC_KEY, support::PRIVATE_KEY)
        .project(support::PUBLIC_KEY, "org-other", "Other")
        .time_scale(0.01)
        .start("127.0.0.1:0")
        .await
        .unwrap();
    let client = support::client(&emu);

    let bases = client
        .send(
            DescribeImage::new()
                .image_type(ImageType::Base)
                .os_type(OsType::Linux),
        )
        .await
        .unwrap();
    assert!(bases.total_count >= 1);
    let base = bases
        .image_set
        .iter()
        .find(|i| i.state == ImageState::Available)
        .unwrap();
    assert_eq!(base.os_type, OsType::Linux);

    let uhost_id = client
        .send(support::new_instances(&base.image_id, 1))
        .await
        .unwrap()
        .uhost_ids
        .remove(0);
    let instance = wait::instance_state(&client, &uhost_id, InstanceState::Running, quick())
        .await
        .unwrap();
    let data_disks: Vec<String> = instance
        .disk_set
        .iter()
        .filter(|d| d.is_boot != "True")
        .map(|d| d.disk_id.clone())
        .collect();
    assert_eq!(data_disks.len(), 1, "{:?}", instance.disk_set);

    let image = client
        .send(CreateCustomImage::new(&*uhost_id, "nightly").data_udisk_ids(data_disks.clone()))
        .await
        .unwrap();
    assert_eq!(
        image.data_snapshot_ids.len(),
        data_disks.len(),
        "one snapshot per data disk"
    );
    let made = wait::image_available(&client, &image.image_id, quick())
        .await
        .unwrap();
    assert_eq!(
        (made.image_name.as_str(), made.image_type.clone()),
        ("nightly", ImageType::Custom)
    );

    // As scripts do: list the account's projects, copy into another one.
    let projects: serde_json::Value = client
        .invoke("GetProjectList", serde_json::json!({}))
        .await
        .unwrap();
    let other = projects["ProjectSet"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["IsDefault"] == false)
        .unwrap()["ProjectId"]
        .as_str()
        .unwrap()
        .to_owned();
    let copy = client
        .send(CopyCustomImage::new(&*image.image_id, &*other).target_image_name("nightly-copy"))
        .await
        .unwrap();
    let copied = wait::image_available(&client, &copy.target_image_id, quick())
        .await
        .unwrap();
    assert_eq!(copied.image_name, "nightly-copy");

    let customs: Vec<String> = client
        .paginate(DescribeImage::new().image_type(ImageType::Custom))
        .page_size(1)
        .items()
        .map_ok(|i| i.image_id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(customs.len(), 2, "both custom images, one per page");

    for id in [&image.image_id, &copy.target_image_id] {
        client
            .send(TerminateCustomImage::new(id.as_str()))
            .await
            .unwrap();
    }
    let err = wait::image_available(&client, &image.image_id, quick())
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::WaitFailed { state, .. } if state == "gone"),
        "{err:?}"
    );
    let left = client
        .send(DescribeImage::new().image_type(ImageType::Custom))
        .await
        .unwrap();
    assert_eq!(left.total_count, 0);
}

#[tokio::test]
async fn imaging_a_missing_instance_is_an_api_error_with_a_request_uuid() {
    let emu = support::emulator([]).await;
    let err = support::client(&emu)
        .send(CreateCustomImage::new("uhost-missing", "x"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Api { .. }), "{err:?}");
    assert!(err.to_string().contains("UHostId"), "{err}");
    assert!(err.request_uuid().is_some());
}
