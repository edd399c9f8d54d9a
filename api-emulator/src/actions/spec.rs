//! The table of the 42 UHost actions and the account service's `GetRegion`,
//! `GetProjectList` and `GetUserInfo`: wire name, response name, handler,
//! and the parameters the gateway checks before the handler runs (every
//! required parameter and every integer or boolean one, with the wire names
//! and required flags of the reference spec; `.N` stands for an array
//! index).
//!
//! One deliberate difference from the SDK's spec: `UHostIds.N` of
//! `UpgradeToArkUHostInstance` is required, as its reference page says.
//! The tests below hold the table to the spec's parameters, kept in
//! `tests/fixtures/request_params.json`.

use super::rules::{boolean, int, required, required_bool, required_int};
use super::{
    ActionSpec, account, disks, images, instances, isolation_groups, key_pairs, lifecycle,
    machine_types, prices,
};

/// One table entry: the wire name, the handler and the checked
/// parameters; the answer's `Action` is the name followed by `Response`.
macro_rules! action {
    ($name:literal, $handler:path, [$($rule:expr),* $(,)?]) => {
        ActionSpec {
            name: $name,
            response: concat!($name, "Response"),
            handler: $handler,
            rules: &[$($rule),*],
        }
    };
}

/// Every action, sorted bytewise by name.
pub(super) static ACTIONS: [ActionSpec; 45] = [
    action!(
        "AddUHostToIsolationGroup",
        isolation_groups::add_host,
        [
            required("Region"),
            required("Zone"),
            required("GroupId"),
            required("UHostId"),
        ]
    ),
    action!(
        "CheckUHostResourceCapacity",
        machine_types::check_capacity,
        [
            required("Region"),
            required("Zone"),
            int("CPU"),
            required("Disks.N.IsBoot"),
            required_int("Disks.N.Size"),
            required("Disks.N.Type"),
            boolean("Features.UNI"),
            int("GPU"),
            boolean("HotplugFeature"),
            required("ImageId"),
            int("MaxCount"),
            int("Memory"),
            int("MinCount"),
        ]
    ),
    action!(
        "CopyCustomImage",
        images::copy,
        [
            required("Region"),
            required("SourceImageId"),
            required("TargetProjectId"),
        ]
    ),
    action!(
        "CreateCustomImage",
        images::create,
        [
            required("Region"),
            required("ImageName"),
            required("UHostId"),
        ]
    ),
    action!(
        "CreateIsolationGroup",
        isolation_groups::create,
        [required("Region"), required("GroupName"),]
    ),
    action!(
        "CreateUHostInstance",
        instances::create,
        [
            required("Region"),
            required("Zone"),
            int("AlarmTemplateId"),
            int("BootDiskSpace"),
            int("CPU"),
            boolean("DeletionProtection"),
            int("DiskSpace"),
            boolean("Disks.N.Encrypted"),
            required("Disks.N.IsBoot"),
            required_int("Disks.N.Size"),
            required("Disks.N.Type"),
            boolean("Features.UNI"),
            int("GPU"),
            boolean("HostBinding"),
            boolean("HotplugFeature"),
            boolean("HpcEnhanced"),
            required("ImageId"),
            required("LoginMode"),
            int("MaxCount"),
            int("Memory"),
            int("MinCount"),
            boolean("NetworkInterface.N.CreateCernetIp"),
            int("NetworkInterface.N.EIP.Bandwidth"),
            int("Quantity"),
            int("SecGroupId.N.Priority"),
            int("SetId"),
        ]
    ),
    action!(
        "CreateUHostKeyPair",
        key_pairs::create,
        [required("KeyPairName")]
    ),
    action!(
        "DeleteIsolationGroup",
        isolation_groups::delete,
        [required("Region"), required("GroupId"),]
    ),
    action!(
        "DeleteUHostKeyPairs",
        key_pairs::delete,
        [required("KeyPairIds.N")]
    ),
    action!(
        "DescribeAvailableInstanceTypes",
        machine_types::describe_available,
        []
    ),
    action!(
        "DescribeHostMachineTypeFamilies",
        machine_types::describe_families,
        [required("ProjectId")]
    ),
    action!(
        "DescribeImage",
        images::describe,
        [
            required("Region"),
            int("Limit"),
            int("Offset"),
            int("PriceSet"),
        ]
    ),
    action!(
        "DescribeIsolationGroup",
        isolation_groups::describe,
        [required("Region"), int("Limit"), int("Offset"),]
    ),
    action!(
        "DescribeUHostAvailableDiskTypes",
        disks::describe_available_types,
        [required("Region"), required("UHostIds.N"),]
    ),
    action!(
        "DescribeUHostInstance",
        instances::describe,
        [
            required("Region"),
            int("LifeCycle"),
            int("Limit"),
            int("Offset"),
        ]
    ),
    action!(
        "DescribeUHostInstanceSnapshot",
        instances::describe_snapshots,
        [required("Region"), required("UHostId"),]
    ),
    action!(
        "DescribeUHostKeyPairs",
        key_pairs::describe,
        [int("Limit"), int("Offset"),]
    ),
    action!(
        "DescribeUHostTags",
        instances::describe_tags,
        [required("Region")]
    ),
    action!(
        "GetAttachedDiskUpgradePrice",
        prices::attached_disk_upgrade,
        [
            required("Region"),
            required("DiskId"),
            required_int("DiskSpace"),
            required("UHostId"),
        ]
    ),
    action!("GetProjectList", account::get_project_list, []),
    action!("GetRegion", account::get_region, []),
    action!(
        "GetUHostInstancePrice",
        prices::instance,
        [
            required("Region"),
            required_int("CPU"),
            required_int("Count"),
            int("DiskSpace"),
            boolean("Disks.N.Encrypted"),
            required("Disks.N.IsBoot"),
            required_int("Disks.N.Size"),
            required("Disks.N.Type"),
            int("GPU"),
            int("LifeCycle"),
            required_int("Memory"),
            int("Quantity"),
            boolean("ShowPriceDetails"),
            boolean("UDSetUHostInstance"),
        ]
    ),
    action!(
        "GetUHostInstanceVncInfo",
        instances::vnc_info,
        [required("Region"), required("UHostId"),]
    ),
    action!(
        "GetUHostRefundPrice",
        prices::refund,
        [required("Region"), required("UHostIds.N"),]
    ),
    action!(
        "GetUHostRenewPrice",
        prices::renew,
        [
            required("Region"),
            required("ChargeType"),
            required("UHostId"),
        ]
    ),
    action!(
        "GetUHostUpgradePrice",
        prices::upgrade,
        [
            required("Region"),
            int("BootDiskSpace"),
            int("CPU"),
            int("DiskSpace"),
            int("GPU"),
            int("Memory"),
            int("NetCapValue"),
            required("UHostId"),
        ]
    ),
    action!("GetUserInfo", account::get_user_info, []),
    action!(
        "ImportCustomImage",
        images::import,
        [
            required("Region"),
            required_bool("Auth"),
            required("Format"),
            required("ImageName"),
            required("OsName"),
            required("OsType"),
            required("UFileUrl"),
        ]
    ),
    action!(
        "ImportUHostKeyPairs",
        key_pairs::import,
        [required("KeyPairName"), required("PublicKeyBody"),]
    ),
    action!(
        "LeaveIsolationGroup",
        isolation_groups::leave,
        [required("Region"), required("GroupId"), required("UHostId"),]
    ),
    action!(
        "ModifyUHostIP",
        instances::modify_ip,
        [
            required("Region"),
            required("Zone"),
            required("PresentIpAddress"),
            required("UHostId"),
        ]
    ),
    action!(
        "ModifyUHostInstanceName",
        instances::modify_name,
        [required("Region"), required("UHostId"),]
    ),
    action!(
        "ModifyUHostInstanceRemark",
        instances::modify_remark,
        [required("Region"), required("UHostId"),]
    ),
    action!(
        "ModifyUHostInstanceTag",
        instances::modify_tag,
        [required("Region"), required("UHostId"),]
    ),
    action!(
        "PoweroffUHostInstance",
        lifecycle::poweroff,
        [required("Region"), required("UHostId"),]
    ),
    action!(
        "RebootUHostInstance",
        lifecycle::reboot,
        [required("Region"), required("UHostId"),]
    ),
    action!(
        "ReinstallUHostInstance",
        lifecycle::reinstall,
        [
            required("Region"),
            int("BootDiskSpace"),
            int("ResourceType"),
            required("UHostId"),
        ]
    ),
    action!(
        "ResetUHostInstancePassword",
        lifecycle::reset_password,
        [
            required("Region"),
            boolean("AutoStart"),
            required("UHostId"),
        ]
    ),
    action!(
        "ResizeAttachedDisk",
        disks::resize_attached,
        [
            required("Region"),
            required("Zone"),
            required("DiskId"),
            required_int("DiskSpace"),
            boolean("DryRun"),
            required("UHostId"),
        ]
    ),
    action!(
        "ResizeUHostInstance",
        lifecycle::resize,
        [
            required("Region"),
            boolean("AutoStart"),
            int("BootDiskSpace"),
            int("CPU"),
            int("DiskSpace"),
            int("GPU"),
            int("Memory"),
            int("NetCapValue"),
            required("UHostId"),
        ]
    ),
    action!(
        "StartUHostInstance",
        lifecycle::start,
        [required("Region"), required("UHostId"),]
    ),
    action!(
        "StopUHostInstance",
        lifecycle::stop,
        [required("Region"), required("UHostId"),]
    ),
    action!(
        "TerminateCustomImage",
        images::terminate,
        [required("Region"), required("ImageId"),]
    ),
    action!(
        "TerminateUHostInstance",
        instances::terminate,
        [
            required("Region"),
            int("Destroy"),
            boolean("ReleaseEIP"),
            boolean("ReleaseUDisk"),
            required("UHostId"),
        ]
    ),
    action!(
        "UpgradeToArkUHostInstance",
        disks::upgrade_to_ark,
        [required("Region"), required("Zone"), required("UHostIds.N"),]
    ),
];

#[cfg(test)]
mod tests {
    //! The table against the reference spec's request parameters
    //! (`tests/fixtures/request_params.json`, derived from the reference by
    //! `tests/fixtures/derive.py`).

    use std::collections::{BTreeMap, BTreeSet};

    use super::super::rules::Kind;
    use super::ACTIONS;

    /// Wire name, type and required flag of each parameter, per action.
    type Spec = BTreeMap<String, Vec<(String, String, bool)>>;

    fn spec() -> Spec {
        serde_json::from_str(include_str!("../../tests/fixtures/request_params.json"))
            .unwrap_or_default()
    }

    /// Where the table deliberately differs from the spec's required flags:
    /// the reference page requires these, the SDK's spec does not.
    const REQUIRED_BY_THE_PAGE: &[(&str, &str)] = &[("UpgradeToArkUHostInstance", "UHostIds.N")];

    /// Actions of the table that are not UHost actions.
    const ACCOUNT_ACTIONS: &[&str] = &["GetProjectList", "GetRegion", "GetUserInfo"];

    #[test]
    fn the_table_has_the_spec_actions_and_the_account_ones() {
        let spec = spec();
        assert_eq!(spec.len(), 42);
        let table: BTreeSet<&str> = ACTIONS.iter().map(|a| a.name).collect();
        let mut expected: BTreeSet<&str> = spec.keys().map(String::as_str).collect();
        expected.extend(ACCOUNT_ACTIONS);
        assert_eq!(table, expected);
    }

    #[test]
    fn required_flags_follow_the_spec() {
        let spec = spec();
        for action in ACTIONS
            .iter()
            .filter(|a| !ACCOUNT_ACTIONS.contains(&a.name))
        {
            let Some(params) = spec.get(action.name) else {
                panic!("{} is not in the spec", action.name);
            };
            let mut wanted: BTreeSet<&str> = params
                .iter()
                .filter(|(_, _, required)| *required)
                .map(|(name, _, _)| name.as_str())
                .collect();
            for (deviating, name) in REQUIRED_BY_THE_PAGE {
                if *deviating == action.name {
                    wanted.insert(name);
                }
            }
            let checked: BTreeSet<&str> = action
                .rules
                .iter()
                .filter(|r| r.is_required())
                .map(|r| r.name())
                .collect();
            assert_eq!(checked, wanted, "required parameters of {}", action.name);
        }
    }

    #[test]
    fn integer_and_boolean_types_follow_the_spec() {
        let spec = spec();
        for action in ACTIONS
            .iter()
            .filter(|a| !ACCOUNT_ACTIONS.contains(&a.name))
        {
            let params = spec.get(action.name).map(Vec::as_slice).unwrap_or_default();
            let typed: BTreeMap<&str, Kind> = params
                .iter()
                .filter_map(|(name, ty, _)| match ty.as_str() {
                    "int" => Some((name.as_str(), Kind::Int)),
                    "bool" => Some((name.as_str(), Kind::Bool)),
                    _ => None,
                })
                .collect();
            let checked: BTreeMap<&str, Kind> = action
                .rules
                .iter()
                .filter(|r| r.kind() != Kind::Str)
                .map(|r| (r.name(), r.kind()))
                .collect();
            assert_eq!(checked, typed, "typed parameters of {}", action.name);
            for rule in action.rules {
                assert!(
                    params.iter().any(|(name, _, _)| name == rule.name()),
                    "{} checks {}, which the spec does not list",
                    action.name,
                    rule.name()
                );
            }
        }
    }
}
