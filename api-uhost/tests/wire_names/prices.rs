//! Prices, fully populated.

use api_uhost::disks::{DiskBackupType, DiskType};
use api_uhost::instances::{ChargeType, UHostDisk, UHostDiskCustomBackup};
use api_uhost::machine_types::{CpuVendor, GpuType, InstanceFamily, MachineType, NetCapability};
use api_uhost::prices::{
    GetAttachedDiskUpgradePrice, GetUHostInstancePrice, GetUHostRefundPrice, GetUHostRenewPrice,
    GetUHostUpgradePrice,
};

use super::check;

fn disk(disk_type: DiskType, size: i64, is_boot: bool) -> UHostDisk {
    let disk = if is_boot {
        UHostDisk::boot(disk_type, size)
    } else {
        UHostDisk::data(disk_type, size)
    };
    disk.backup_type("SNAPSHOT")
        .backup_mode("Custom")
        .custom_backup(
            UHostDiskCustomBackup::new()
                .day("5")
                .hour("24")
                .journal("12"),
        )
        .coupon_id("coupon-1")
        .encrypted(true)
        .kms_key_id("kms-1")
        .snapshot_id("snap-1")
}

pub(crate) fn check_all() -> Vec<&'static str> {
    vec![
        check(
            GetUHostInstancePrice::new(2, 1, 4096)
                .region("cn-bj2")
                .zone("cn-bj2-04")
                .project_id("org-1")
                .charge_type(ChargeType::Month)
                .cpu_platform(CpuVendor::Amd)
                .disks([
                    disk(DiskType::CloudRssd, 40, true),
                    disk(DiskType::CloudSsd, 100, false),
                ])
                .gpu(1)
                .gpu_type(GpuType::Rtx4090)
                .image_id("uimage-1")
                .machine_type(MachineType::O)
                .net_capability(NetCapability::Super)
                .quantity(2)
                .show_price_details(true)
                .udset_uhost_instance(false)
                .uhost_family(InstanceFamily::O1i)
                .uhost_type("N2"),
        ),
        check(
            GetUHostRenewPrice::new(ChargeType::Year, "uhost-1")
                .region("cn-bj2")
                .project_id("org-1"),
        ),
        check(
            GetUHostUpgradePrice::new("uhost-1")
                .region("cn-bj2")
                .zone("cn-bj2-04")
                .project_id("org-1")
                .cpu(4)
                .gpu(2)
                .memory(8192)
                .net_cap_value(1),
        ),
        check(
            GetUHostRefundPrice::new()
                .region("cn-bj2")
                .project_id("org-1")
                .uhost_ids(["uhost-1", "uhost-2"]),
        ),
        check(
            GetAttachedDiskUpgradePrice::new("bsi-1", 200, "uhost-1")
                .region("cn-bj2")
                .zone("cn-bj2-04")
                .project_id("org-1")
                .backup_mode(DiskBackupType::Snapshot),
        ),
    ]
}
