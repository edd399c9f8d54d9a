//! Instances, fully populated.

use api_uhost::disks::{DiskBackupType, DiskType, SnapshotBackupMode};
use api_uhost::instances::{
    AutoDataDiskInit, ChargeType, CreateUHostInstance, CreateUHostInstanceParamFeatures,
    CreateUHostInstanceParamLabels, CreateUHostInstanceParamNetworkInterface,
    CreateUHostInstanceParamNetworkInterfaceEIP, CreateUHostInstanceParamNetworkInterfaceIPv6,
    CreateUHostInstanceParamSecGroupId, DescribeUHostInstance, DescribeUHostInstanceSnapshot,
    DescribeUHostTags, EipOperator, EipPayMode, GetUHostInstanceVncInfo, LoginMode, ModifyUHostIP,
    ModifyUHostInstanceName, ModifyUHostInstanceRemark, ModifyUHostInstanceTag,
    PoweroffUHostInstance, RebootUHostInstance, ReinstallUHostInstance, ResetUHostInstancePassword,
    ResizeUHostInstance, StartUHostInstance, StopUHostInstance, TerminateUHostInstance, UHostDisk,
    UHostDiskCustomBackup, UpgradeToArkUHostInstance, YesNo,
};
use api_uhost::machine_types::{
    CpuPlatform, GpuType, InstanceFamily, MachineType, NetCapability, SecurityMode,
};

use super::check;

/// A disk with every optional field set.
fn disk(disk: UHostDisk) -> UHostDisk {
    disk.backup_type(DiskBackupType::Snapshot)
        .backup_mode(SnapshotBackupMode::Custom)
        .custom_backup(
            UHostDiskCustomBackup::new()
                .day("5")
                .hour("24")
                .journal("12"),
        )
        .coupon_id("coupon-disk")
        .encrypted(true)
        .kms_key_id("kms-1")
        .snapshot_id("snap-1")
}

/// A network interface with an elastic IP and an IPv6 address.
fn interface(line: EipOperator) -> CreateUHostInstanceParamNetworkInterface {
    CreateUHostInstanceParamNetworkInterface::new()
        .create_cernet_ip(false)
        .eip(
            CreateUHostInstanceParamNetworkInterfaceEIP::new()
                .bandwidth(5)
                .coupon_id("coupon-eip")
                .operator_name(line)
                .pay_mode(EipPayMode::ShareBandwidth)
                .share_bandwidth_id("bwshare-1"),
        )
        .ipv6(CreateUHostInstanceParamNetworkInterfaceIPv6::new().address("Auto"))
}

fn create() -> CreateUHostInstance {
    CreateUHostInstance::new("uimage-1", LoginMode::Password)
        .region("cn-bj2")
        .zone("cn-bj2-05")
        .project_id("org-1")
        .alarm_template_id(7)
        .auto_data_disk_init(AutoDataDiskInit::Off)
        .cpu(4)
        .charge_type(ChargeType::Month)
        .coupon_id("coupon-host")
        .deletion_protection(true)
        .disks([
            disk(UHostDisk::boot(DiskType::CloudRssd, 40)),
            disk(UHostDisk::data(DiskType::CloudRssd, 200)),
        ])
        .features(CreateUHostInstanceParamFeatures::new().uni(true))
        .gpu(1)
        .gpu_type(GpuType::T4)
        .host_binding(true)
        .hotplug_feature(true)
        .isolation_group("ig-1")
        .key_pair_id("uhostkp-1")
        .labels([
            CreateUHostInstanceParamLabels::new()
                .key("team")
                .value("sdk"),
            CreateUHostInstanceParamLabels::new()
                .key("env")
                .value("test"),
        ])
        .machine_type(MachineType::O)
        .max_count(3)
        .memory(8192)
        .min_count(1)
        .minimal_cpu_platform(CpuPlatform::IntelCascadelake)
        .name("web-1")
        .net_capability(NetCapability::Super)
        .network_interface([
            interface(EipOperator::Bgp),
            interface(EipOperator::International),
        ])
        .password("Passw0rd!")
        .private_ip(["10.9.0.10", "10.9.0.11"])
        .quantity(1)
        .sec_group_id([
            CreateUHostInstanceParamSecGroupId::new()
                .id("secgroup-1")
                .priority(1),
            CreateUHostInstanceParamSecGroupId::new()
                .id("secgroup-2")
                .priority(2),
        ])
        .security_group_id("firewall-1")
        .security_mode(SecurityMode::SecGroup)
        .subnet_id("subnet-1")
        .tag("Default")
        .udhost_id("udhost-1")
        .udset_id("udset-1")
        .uhost_family(InstanceFamily::O1i)
        .uhost_type("N2")
        .user_data("I2Nsb3VkLWNvbmZpZw==")
        .vpc_id("uvnet-1")
}

pub(crate) fn check_all() -> Vec<&'static str> {
    let (region, zone, project) = ("cn-bj2", "cn-bj2-05", "org-1");
    vec![
        check(create()),
        check(
            DescribeUHostInstance::new()
                .region(region)
                .zone(zone)
                .project_id(project)
                .isolation_group("ig-1")
                .limit(50)
                .offset(100)
                .subnet_id("subnet-1")
                .tag("Default")
                .udisk_id_for_attachment("bsr-1")
                .uhost_ids(["uhost-1", "uhost-2"])
                .vpc_id("uvnet-1"),
        ),
        check(
            StartUHostInstance::new("uhost-1")
                .region(region)
                .zone(zone)
                .project_id(project)
                .disk_password("disk-secret"),
        ),
        check(
            StopUHostInstance::new("uhost-1")
                .region(region)
                .zone(zone)
                .project_id(project),
        ),
        check(
            RebootUHostInstance::new("uhost-1")
                .region(region)
                .zone(zone)
                .project_id(project)
                .disk_password("disk-secret"),
        ),
        check(
            PoweroffUHostInstance::new("uhost-1")
                .region(region)
                .zone(zone)
                .project_id(project),
        ),
        check(
            TerminateUHostInstance::new("uhost-1")
                .region(region)
                .zone(zone)
                .project_id(project)
                .release_eip(true)
                .release_udisk(true),
        ),
        check(
            ReinstallUHostInstance::new("uhost-1")
                .region(region)
                .zone(zone)
                .project_id(project)
                .auto_data_disk_init(AutoDataDiskInit::On)
                .boot_disk_space(40)
                .host_name("web-1")
                .image_id("uimage-2")
                .key_pair_id("uhostkp-1")
                .login_mode(LoginMode::KeyPair)
                .password("Passw0rd!")
                .reserve_disk(YesNo::No)
                .user_data("I2Nsb3VkLWNvbmZpZw=="),
        ),
        check(
            ResetUHostInstancePassword::new("uhost-1")
                .region(region)
                .zone(zone)
                .project_id(project)
                .auto_start(true)
                .key_pair_id("uhostkp-1")
                .login_mode(LoginMode::Password)
                .password("N3w-Passw0rd"),
        ),
        check(
            ResizeUHostInstance::new("uhost-1")
                .region(region)
                .zone(zone)
                .project_id(project)
                .auto_start(true)
                .cpu(8)
                .gpu(2)
                .memory(16384)
                .net_cap_value(1),
        ),
        check(
            ModifyUHostInstanceName::new("uhost-1")
                .region(region)
                .zone(zone)
                .project_id(project)
                .name("web-2"),
        ),
        check(
            ModifyUHostInstanceRemark::new("uhost-1")
                .region(region)
                .zone(zone)
                .project_id(project)
                .remark("front end"),
        ),
        check(
            ModifyUHostInstanceTag::new("uhost-1")
                .region(region)
                .zone(zone)
                .project_id(project)
                .tag("web"),
        ),
        check(
            ModifyUHostIP::new("10.9.0.20", "uhost-1")
                .region(region)
                .zone(zone)
                .project_id(project)
                .previous_ip_address("10.9.0.10"),
        ),
        check(
            UpgradeToArkUHostInstance::new()
                .region(region)
                .zone(zone)
                .coupon_id("coupon-ark")
                .uhost_ids(["uhost-1", "uhost-2"]),
        ),
        check(
            GetUHostInstanceVncInfo::new("uhost-1")
                .region(region)
                .zone(zone)
                .project_id(project),
        ),
        check(
            DescribeUHostInstanceSnapshot::new("uhost-1")
                .region(region)
                .zone(zone)
                .project_id(project),
        ),
        check(
            DescribeUHostTags::new()
                .region(region)
                .zone(zone)
                .project_id(project),
        ),
    ]
}
