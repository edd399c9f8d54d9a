//! Example answers and enums of instances.

use api_uhost::disks::{DiskBackupType, DiskType};
use api_uhost::images::OsType;
use api_uhost::instances::{
    AutoDataDiskInit, BootDiskState, ChargeType, CreateUHostInstanceResponse,
    DescribeUHostInstanceResponse, DescribeUHostTagsResponse, DiskRole, EipOperator, EipPayMode,
    GetUHostInstanceVncInfoResponse, IPMode, IPType, InstanceState, KeyPairState, LoginMode,
    ModifyUHostIPResponse, ModifyUHostInstanceNameResponse, ModifyUHostInstanceRemarkResponse,
    ModifyUHostInstanceTagResponse, NetFeatureTag, NetworkState, PoweroffUHostInstanceResponse,
    RebootUHostInstanceResponse, ReinstallUHostInstanceResponse,
    ResetUHostInstancePasswordResponse, ResizeUHostInstanceResponse, RestrictMode,
    StartUHostInstanceResponse, StopUHostInstanceResponse, StorageType, SubnetType,
    TerminateUHostInstanceResponse, UpgradeToArkUHostInstanceResponse, YesNo,
};
use api_uhost::machine_types::{CpuPlatform, GpuType, InstanceFamily, MachineType, NetCapability};

use super::{decode, round_trips};

#[test]
fn create_uhost_instance_example_decodes() {
    let r: CreateUHostInstanceResponse = decode(
        "CreateUHostInstance",
        include_str!("../fixtures/responses/CreateUHostInstance.json"),
    );
    assert_eq!(r.uhost_ids, ["cuQeraVH"]);
    assert_eq!(r.ips, ["xMEMVeOh"]);
}

/// The page's example fills every field with random words, so the enums
/// keep them as unknown values.
#[test]
fn describe_uhost_instance_example_decodes() {
    let r: DescribeUHostInstanceResponse = decode(
        "DescribeUHostInstance",
        include_str!("../fixtures/responses/DescribeUHostInstance.json"),
    );
    assert_eq!(r.total_count, 2);
    assert_eq!(r.uhost_set.len(), 1);
    let host = &r.uhost_set[0];
    assert_eq!(host.uhost_id, "qPzuUUCE");
    assert_eq!(host.zone, "CiMUTSzW");
    assert_eq!((host.cpu, host.memory, host.gpu), (1, 9, 4));
    assert_eq!((host.create_time, host.expire_time), (2, 4));
    assert_eq!(host.total_disk_space, 3);
    assert!(host.cloud_init_feature && host.epc_instance && host.ipv6_feature);
    assert!(!host.hidden_kvm && !host.hpc_feature && !host.sec_group_instance);
    assert_eq!(host.state, InstanceState::Unknown("UtnhXfCa".into()));
    assert_eq!(host.charge_type, ChargeType::Unknown("eeXICSgb".into()));
    assert_eq!(host.auto_renew, YesNo::Unknown("qSWETQza".into()));
    assert_eq!(host.os_type, OsType::Unknown("CnavCvrW".into()));
    assert_eq!(host.machine_type, MachineType::Unknown("PyCWLFIG".into()));
    assert_eq!(host.cpu_platform, CpuPlatform::Unknown("aZLBvEiZ".into()));
    assert_eq!(host.gpu_type, GpuType::Unknown("pJdSxKkv".into()));
    assert_eq!(
        host.net_capability,
        NetCapability::Unknown("txhhItss".into())
    );
    assert_eq!(
        (host.name.as_str(), host.tag.as_str()),
        ("gsILwqks", "GbFHtrBQ")
    );
    assert_eq!(host.basic_image_id, "GCiPFJNV");
    assert_eq!(host.timemachine_feature, "tZqkqfws");

    let disk = &host.disk_set[0];
    assert_eq!(disk.disk_id, "HGkYYGPC");
    assert_eq!(disk.size, 9);
    assert_eq!(disk.disk_type, DiskType::Unknown("thFULWJN".into()));
    assert_eq!(disk.backup_type, DiskBackupType::Unknown("wThaZMBG".into()));
    assert_eq!(disk.role, DiskRole::Unknown("JJZViwCZ".into()));
    assert_eq!(
        (disk.drive.as_str(), disk.name.as_str()),
        ("eFKaOPGI", "AIFttSSZ")
    );

    let ip = &host.ip_set[0];
    assert_eq!(ip.ip, "hGoWLqyN");
    assert_eq!(ip.ip_id, "qBthvXCJ");
    assert_eq!(ip.bandwidth, 2);
    assert_eq!(ip.vpc_id, "KRvUYRsX");
    assert_eq!(ip.ip_type, IPType::Unknown("TBHMANhj".into()));
    // Left out of the example: defaults.
    assert_eq!(ip.ip_mode, IPMode::Unknown(String::new()));
    assert_eq!(ip.weight, 0);
    assert_eq!(host.key_pair.key_pair_id, "");
    assert_eq!(host.spot_attribute.recycle_time, 0);
    assert!(!host.udhost_attribute.host_binding);
    assert_eq!(host.uhost_family, InstanceFamily::Unknown(String::new()));
}

/// A realistic answer: known enum values, numbers as strings, nested
/// models filled in.
#[test]
fn describe_uhost_instance_decodes_known_values() {
    let body = r#"{"RetCode":0,"Action":"DescribeUHostInstanceResponse","TotalCount":"1",
        "UHostSet":[{"UHostId":"uhost-1","State":"Install Fail","ChargeType":"Dynamic",
        "AutoRenew":"Yes","BootDiskState":"Initializing","CPU":"8","Memory":16384,
        "MachineType":"O","CpuPlatform":"Amd/Epyc2","UHostFamily":"o1a","GpuType":"4090_48G",
        "OsType":"Linux","NetCapability":"Ultra","NetFeatureTag":"SecGroup",
        "NetworkState":"Connected","StorageType":"UDisk","SubnetType":"Private",
        "RestrictMode":"PowerOff","HotplugFeature":"true",
        "DiskSet":[{"DiskId":"bsi-1","DiskType":"CLOUD_RSSD","IsBoot":"True","Type":"Boot",
                    "BackupType":"SNAPSHOT","Encrypted":"false","Size":"40"}],
        "IPSet":[{"IP":"10.9.0.10","IPMode":"IPv4","Type":"Private","Default":"true"},
                 {"IP":"106.75.1.2","IPMode":"IPv4","Type":"Bgp","Bandwidth":5,"Weight":"50"}],
        "KeyPair":{"KeyPairId":"uhostkp-1","KeyPairState":"Deleted"},
        "SpotAttribute":{"RecycleTime":1767225600},
        "UDHostAttribute":{"UDHostId":"udhost-1","UDSetId":"udset-1","HostBinding":true}}]}"#;
    let r: DescribeUHostInstanceResponse = decode("DescribeUHostInstance", body);
    assert_eq!(r.total_count, 1);
    let host = &r.uhost_set[0];
    assert_eq!(host.state, InstanceState::InstallFail);
    assert_eq!(host.charge_type, ChargeType::Dynamic);
    assert_eq!(host.auto_renew, YesNo::Yes);
    assert_eq!(host.boot_disk_state, BootDiskState::Initializing);
    assert_eq!((host.cpu, host.memory), (8, 16384));
    assert_eq!(host.machine_type, MachineType::O);
    assert_eq!(host.cpu_platform, CpuPlatform::AmdEpyc2);
    assert_eq!(host.uhost_family, InstanceFamily::O1a);
    assert_eq!(host.gpu_type, GpuType::Rtx4090With48G);
    assert_eq!(host.os_type, OsType::Linux);
    assert_eq!(host.net_capability, NetCapability::Ultra);
    assert_eq!(host.net_feature_tag, NetFeatureTag::SecGroup);
    assert_eq!(host.network_state, NetworkState::Connected);
    assert_eq!(host.storage_type, StorageType::UDisk);
    assert_eq!(host.subnet_type, SubnetType::Private);
    assert_eq!(host.restrict_mode, RestrictMode::PowerOff);
    assert!(host.hotplug_feature);
    let disk = &host.disk_set[0];
    assert_eq!(disk.disk_type, DiskType::CloudRssd);
    assert_eq!(disk.role, DiskRole::Boot);
    assert_eq!(disk.backup_type, DiskBackupType::Snapshot);
    assert_eq!((disk.is_boot.as_str(), disk.size), ("True", 40));
    assert_eq!(host.ip_set[0].ip_type, IPType::Private);
    assert_eq!(host.ip_set[0].ip_mode, IPMode::IPv4);
    assert_eq!(host.ip_set[1].ip_type, IPType::Bgp);
    assert_eq!((host.ip_set[1].bandwidth, host.ip_set[1].weight), (5, 50));
    assert_eq!(host.key_pair.key_pair_id, "uhostkp-1");
    assert_eq!(host.key_pair.key_pair_state, KeyPairState::Deleted);
    assert_eq!(host.spot_attribute.recycle_time, 1_767_225_600);
    assert_eq!(host.udhost_attribute.udhost_id, "udhost-1");
    assert_eq!(host.udhost_attribute.udset_id, "udset-1");
    assert!(host.udhost_attribute.host_binding);
}

#[test]
fn describe_uhost_tags_example_decodes() {
    let r: DescribeUHostTagsResponse = decode(
        "DescribeUHostTags",
        include_str!("../fixtures/responses/DescribeUHostTags.json"),
    );
    assert_eq!(r.total_count, 1);
    assert_eq!(r.tag_set.len(), 1);
    assert_eq!(r.tag_set[0].tag, "Default");
    assert_eq!(r.tag_set[0].total_count, 2);
    assert_eq!(r.tag_set[0].zone, "xxx");
}

#[test]
fn get_uhost_instance_vnc_info_example_decodes_and_hides_the_password() {
    let r: GetUHostInstanceVncInfoResponse = decode(
        "GetUHostInstanceVncInfo",
        include_str!("../fixtures/responses/GetUHostInstanceVncInfo.json"),
    );
    assert_eq!(r.uhost_id, "uhost-xx");
    assert_eq!(r.vnc_ip, "106.75.xxx.xx");
    assert_eq!(r.vnc_port, 61003);
    assert_eq!(r.vnc_password, "xxx");
    assert!(format!("{r:?}").contains("<redacted>"));
}

#[test]
fn terminate_uhost_instance_example_decodes() {
    let r: TerminateUHostInstanceResponse = decode(
        "TerminateUHostInstance",
        include_str!("../fixtures/responses/TerminateUHostInstance.json"),
    );
    assert_eq!(r.uhost_id, "uhost-xxx");
    assert_eq!(r.in_recycle, YesNo::No);
}

#[test]
fn upgrade_to_ark_uhost_instance_example_decodes() {
    let r: UpgradeToArkUHostInstanceResponse = decode(
        "UpgradeToArkUHostInstance",
        include_str!("../fixtures/responses/UpgradeToArkUHostInstance.json"),
    );
    assert_eq!(r.uhost_set, ["uhost-xxx"]);
}

#[test]
fn modify_uhost_ip_example_decodes() {
    let r: ModifyUHostIPResponse = decode(
        "ModifyUHostIP",
        include_str!("../fixtures/responses/ModifyUHostIP.json"),
    );
    assert_eq!(r.uhost_id, "uhost-xxxxx");
    assert_eq!(r.message, "");
}

#[test]
fn modify_uhost_ip_keeps_the_message_of_a_successful_answer() {
    let r: ModifyUHostIPResponse = decode(
        "ModifyUHostIP",
        r#"{
            "Action": "ModifyUHostIPResponse",
            "Message": "the new address takes effect after the instance starts",
            "RetCode": 0,
            "UHostId": "uhost-xxxxx"
        }"#,
    );
    assert_eq!(r.uhost_id, "uhost-xxxxx");
    assert_eq!(
        r.message,
        "the new address takes effect after the instance starts"
    );
}

/// The actions that answer with the instance alone.
#[test]
fn instance_id_answers_decode() {
    macro_rules! uhost_id {
        ($response:ty, $action:literal) => {{
            let r: $response = decode(
                $action,
                include_str!(concat!("../fixtures/responses/", $action, ".json")),
            );
            r.uhost_id
        }};
    }
    for id in [
        uhost_id!(StartUHostInstanceResponse, "StartUHostInstance"),
        uhost_id!(StopUHostInstanceResponse, "StopUHostInstance"),
        uhost_id!(RebootUHostInstanceResponse, "RebootUHostInstance"),
        uhost_id!(PoweroffUHostInstanceResponse, "PoweroffUHostInstance"),
        uhost_id!(ReinstallUHostInstanceResponse, "ReinstallUHostInstance"),
        uhost_id!(
            ResetUHostInstancePasswordResponse,
            "ResetUHostInstancePassword"
        ),
        uhost_id!(ResizeUHostInstanceResponse, "ResizeUHostInstance"),
        uhost_id!(ModifyUHostInstanceNameResponse, "ModifyUHostInstanceName"),
        uhost_id!(
            ModifyUHostInstanceRemarkResponse,
            "ModifyUHostInstanceRemark"
        ),
        uhost_id!(ModifyUHostInstanceTagResponse, "ModifyUHostInstanceTag"),
    ] {
        assert_eq!(id, "uhost-xxx");
    }
}

#[test]
fn instance_enums_round_trip() {
    round_trips(ChargeType::ALL);
    round_trips(LoginMode::ALL);
    round_trips(InstanceState::ALL);
    round_trips(YesNo::ALL);
    round_trips(AutoDataDiskInit::ALL);
    round_trips(EipPayMode::ALL);
    round_trips(EipOperator::ALL);
    round_trips(IPType::ALL);
    round_trips(IPMode::ALL);
    round_trips(DiskRole::ALL);
    round_trips(BootDiskState::ALL);
    round_trips(KeyPairState::ALL);
    round_trips(StorageType::ALL);
    round_trips(NetworkState::ALL);
    round_trips(SubnetType::ALL);
    round_trips(RestrictMode::ALL);
    round_trips(NetFeatureTag::ALL);
}

#[test]
fn install_fail_keeps_its_space_on_the_wire() {
    assert_eq!(InstanceState::InstallFail.to_string(), "Install Fail");
    assert_eq!(LoginMode::ImagePasswd.to_string(), "ImagePasswd");
}

#[test]
fn install_fail_reads_in_the_spec_spelling_too() {
    for spelling in ["Install Fail", "InstallFail"] {
        assert_eq!(InstanceState::from(spelling), InstanceState::InstallFail);
        let json = format!("{spelling:?}");
        let state: InstanceState = serde_json::from_str(&json).unwrap();
        assert_eq!(state, InstanceState::InstallFail, "{spelling}");
    }
}

#[test]
fn describe_uhost_instance_pages_by_offset_and_limit() {
    use api_core::Paginated;
    use api_uhost::instances::DescribeUHostInstance;

    let mut request = DescribeUHostInstance::new().limit(50);
    assert_eq!(request.page_limit(), Some(50));
    assert_eq!(request.page_offset(), None);
    request.set_page_offset(100);
    assert_eq!(request.offset, Some(100));
    let r: DescribeUHostInstanceResponse = decode(
        "DescribeUHostInstance",
        include_str!("../fixtures/responses/DescribeUHostInstance.json"),
    );
    let page = DescribeUHostInstance::into_page(r);
    assert_eq!(page.total_count, Some(2));
    assert_eq!(page.items[0].uhost_id, "qPzuUUCE");
}
