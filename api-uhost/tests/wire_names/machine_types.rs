//! Machine types, fully populated.

use api_uhost::disks::{DiskBackupType, DiskType, SnapshotBackupMode};
use api_uhost::instances::ChargeType;
use api_uhost::machine_types::{
    CheckUHostResourceCapacity, CheckUHostResourceCapacityParamDisks,
    CheckUHostResourceCapacityParamDisksCustomBackup, CheckUHostResourceCapacityParamFeatures,
    CpuPlatform, DescribeAvailableInstanceTypes, DescribeHostMachineTypeFamilies, GpuType,
    InstanceFamily, MachineType, NetCapability, SecurityMode,
};

use super::check;

fn disk(disk: CheckUHostResourceCapacityParamDisks) -> CheckUHostResourceCapacityParamDisks {
    disk.backup_type(DiskBackupType::Snapshot)
        .backup_mode(SnapshotBackupMode::Custom)
        .custom_backup(
            CheckUHostResourceCapacityParamDisksCustomBackup::new()
                .day("5")
                .hour("24")
                .journal("12"),
        )
        .coupon_id("coupon-1")
        .snapshot_id("snap-1")
}

pub(crate) fn check_all() -> Vec<&'static str> {
    vec![
        check(
            DescribeAvailableInstanceTypes::new()
                .region("cn-bj2")
                .zone("cn-bj2-04")
                .project_id("org-1")
                .machine_types([MachineType::O, MachineType::Opro]),
        ),
        check(DescribeHostMachineTypeFamilies::new().project_id("org-1")),
        check(
            CheckUHostResourceCapacity::new("uimage-1")
                .region("cn-bj2")
                .zone("cn-bj2-04")
                .project_id("org-1")
                .cpu(8)
                .charge_type(ChargeType::Dynamic)
                .disks([
                    disk(CheckUHostResourceCapacityParamDisks::boot(
                        DiskType::CloudRssd,
                        40,
                    )),
                    disk(CheckUHostResourceCapacityParamDisks::data(
                        DiskType::CloudRssd,
                        200,
                    )),
                ])
                .features(CheckUHostResourceCapacityParamFeatures::new().uni(true))
                .gpu(1)
                .gpu_type(GpuType::A800)
                .hotplug_feature(true)
                .isolation_group("ig-1")
                .machine_type(MachineType::G)
                .max_count(3)
                .memory(16384)
                .min_count(1)
                .minimal_cpu_platform(CpuPlatform::IntelIceLake)
                .net_capability(NetCapability::Ultra)
                .security_mode(SecurityMode::SecGroup)
                .uhost_family(InstanceFamily::O2i),
        ),
    ]
}
