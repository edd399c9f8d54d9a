//! Example answers and enums of disks.

use api_uhost::disks::{
    DescribeUHostAvailableDiskTypesResponse, DiskBackupType, DiskCategory, DiskService, DiskType,
    ResizeAttachedDiskResponse, SnapshotBackupMode,
};

use super::{decode, round_trips};

/// Checks that `body` does not decode as `R` and that the error points at
/// `path`: for page examples that contradict the specification's types.
pub(crate) fn rejects<R: serde::de::DeserializeOwned + std::fmt::Debug>(
    action: &str,
    body: &str,
    path: &str,
) {
    match api_core::envelope::decode::<R>(action, body.as_bytes(), None) {
        Err(api_core::Error::Decode { path: at, .. }) => assert_eq!(&*at, path, "{action}"),
        other => panic!("{action}: expected a decode error at {path}, got {other:?}"),
    }
}

/// The page's example lists a bare string where the specification has an
/// `AvailableDiskTypes` object: it is rejected at that element, and the
/// example with an object in its place decodes.
#[test]
fn describe_uhost_available_disk_types_example_decodes_once_its_element_is_an_object() {
    let page = include_str!("../fixtures/responses/DescribeUHostAvailableDiskTypes.json");
    rejects::<DescribeUHostAvailableDiskTypesResponse>(
        "DescribeUHostAvailableDiskTypes",
        page,
        "DiskTypeSet[0]",
    );
    let body = page.replace(
        r#""ozwaOjxe""#,
        r#"{"Zone": "cn-zj-01", "UHostId": "uhost-1", "AvailableDisks": [
            {"Name": "cloudDisk",
             "BootDisk": [{"Name": "CLOUD_SSD", "InstantResize": true,
                           "MaximalSize": "500", "Features": ["SNAPSHOT"]}],
             "DataDisk": [{"Name": "CLOUD_RSSD", "MinimalSize": 20, "MaximalSize": 32000,
                           "Features": ["SNAPSHOT", "Encrypted"],
                           "BackupMode": ["Base", "Ultimate"]}]},
            {"Name": "normalLocalDisk", "BootDisk": [], "DataDisk": null}]}"#,
    );
    let r: DescribeUHostAvailableDiskTypesResponse =
        decode("DescribeUHostAvailableDiskTypes", &body);
    let set = &r.disk_type_set[0];
    assert_eq!(
        (set.zone.as_str(), set.uhost_id.as_str()),
        ("cn-zj-01", "uhost-1")
    );
    assert_eq!(set.available_disks.len(), 2);
    let cloud = &set.available_disks[0];
    assert_eq!(cloud.name, DiskCategory::CloudDisk);
    assert_eq!(cloud.boot_disk[0].name, DiskType::CloudSsd);
    assert!(cloud.boot_disk[0].instant_resize);
    assert_eq!(cloud.boot_disk[0].maximal_size, 500);
    assert_eq!(cloud.boot_disk[0].features, [DiskService::Snapshot]);
    let data = &cloud.data_disk[0];
    assert_eq!(data.name, DiskType::CloudRssd);
    assert_eq!((data.minimal_size, data.maximal_size), (20, 32000));
    assert_eq!(
        data.features,
        [DiskService::Snapshot, DiskService::Encrypted]
    );
    assert_eq!(
        data.backup_mode,
        [SnapshotBackupMode::Base, SnapshotBackupMode::Ultimate]
    );
    let local = &set.available_disks[1];
    assert_eq!(local.name, DiskCategory::NormalLocalDisk);
    assert!(local.boot_disk.is_empty() && local.data_disk.is_empty());
}

/// The page's example has a word where the specification has a bool: it is
/// rejected at `NeedRestart`, and the example with a bool decodes.
#[test]
fn resize_attached_disk_example_decodes_once_need_restart_is_a_bool() {
    let page = include_str!("../fixtures/responses/ResizeAttachedDisk.json");
    rejects::<ResizeAttachedDiskResponse>("ResizeAttachedDisk", page, "NeedRestart");
    let r: ResizeAttachedDiskResponse = decode(
        "ResizeAttachedDisk",
        &page.replace(r#""yvzCZZig""#, r#""true""#),
    );
    assert_eq!(r.disk_id, "bs-w5oyip");
    assert!(r.need_restart);
}

#[test]
fn disk_enums_round_trip() {
    round_trips(DiskType::ALL);
    round_trips(DiskCategory::ALL);
    round_trips(DiskBackupType::ALL);
    round_trips(SnapshotBackupMode::ALL);
    round_trips(DiskService::ALL);
}

#[test]
fn disk_enums_use_the_api_spellings() {
    assert_eq!(DiskType::CloudEssd.as_str(), "CLOUD_ESSD");
    assert_eq!(
        DiskType::ExclusiveLocalDisk.as_str(),
        "EXCLUSIVE_LOCAL_DISK"
    );
    assert_eq!(DiskCategory::SsdLocalDisk.as_str(), "ssdLocalDisk");
    assert_eq!(DiskBackupType::NoBackup.as_str(), "NONE");
    assert_eq!(DiskBackupType::DataArk.as_str(), "DATAARK");
    assert_eq!(DiskService::Encrypted.as_str(), "Encrypted");
}
