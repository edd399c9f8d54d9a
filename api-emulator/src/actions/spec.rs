//! The table of the 42 UHost actions and the account service's `GetRegion`
//! and `GetProjectList`: wire name, response name, handler,
//! and the parameters the gateway checks before the handler runs (every
//! required parameter and every integer or boolean one, with the wire names
//! and required flags of the reference spec; `.N` stands for an array
//! index).
//!
//! One deliberate difference from the SDK's spec: `UHostIds.N` of
//! `UpgradeToArkUHostInstance` is required, as its reference page says.
//! The tests below hold the table to the spec's parameters, kept in
//! `tests/fixtures/request_params.json`.

use super::rules::{Kind, Rule};
use super::{
    ActionSpec, account, disks, images, instances, isolation_groups, key_pairs, lifecycle,
    machine_types, prices,
};

/// Every action, sorted bytewise by name.
pub(super) static ACTIONS: [ActionSpec; 44] = [
    ActionSpec {
        name: "AddUHostToIsolationGroup",
        response: "AddUHostToIsolationGroupResponse",
        handler: isolation_groups::add_host,
        rules: &[
            Rule::new("Region", Kind::Str, true),
            Rule::new("Zone", Kind::Str, true),
            Rule::new("GroupId", Kind::Str, true),
            Rule::new("UHostId", Kind::Str, true),
        ],
    },
    ActionSpec {
        name: "CheckUHostResourceCapacity",
        response: "CheckUHostResourceCapacityResponse",
        handler: machine_types::check_capacity,
        rules: &[
            Rule::new("Region", Kind::Str, true),
            Rule::new("Zone", Kind::Str, true),
            Rule::new("CPU", Kind::Int, false),
            Rule::new("Disks.N.IsBoot", Kind::Str, true),
            Rule::new("Disks.N.Size", Kind::Int, true),
            Rule::new("Disks.N.Type", Kind::Str, true),
            Rule::new("Features.UNI", Kind::Bool, false),
            Rule::new("GPU", Kind::Int, false),
            Rule::new("HotplugFeature", Kind::Bool, false),
            Rule::new("ImageId", Kind::Str, true),
            Rule::new("MaxCount", Kind::Int, false),
            Rule::new("Memory", Kind::Int, false),
            Rule::new("MinCount", Kind::Int, false),
        ],
    },
    ActionSpec {
        name: "CopyCustomImage",
        response: "CopyCustomImageResponse",
        handler: images::copy,
        rules: &[
            Rule::new("Region", Kind::Str, true),
            Rule::new("SourceImageId", Kind::Str, true),
            Rule::new("TargetProjectId", Kind::Str, true),
        ],
    },
    ActionSpec {
        name: "CreateCustomImage",
        response: "CreateCustomImageResponse",
        handler: images::create,
        rules: &[
            Rule::new("Region", Kind::Str, true),
            Rule::new("ImageName", Kind::Str, true),
            Rule::new("UHostId", Kind::Str, true),
        ],
    },
    ActionSpec {
        name: "CreateIsolationGroup",
        response: "CreateIsolationGroupResponse",
        handler: isolation_groups::create,
        rules: &[
            Rule::new("Region", Kind::Str, true),
            Rule::new("GroupName", Kind::Str, true),
        ],
    },
    ActionSpec {
        name: "CreateUHostInstance",
        response: "CreateUHostInstanceResponse",
        handler: instances::create,
        rules: &[
            Rule::new("Region", Kind::Str, true),
            Rule::new("Zone", Kind::Str, true),
            Rule::new("AlarmTemplateId", Kind::Int, false),
            Rule::new("BootDiskSpace", Kind::Int, false),
            Rule::new("CPU", Kind::Int, false),
            Rule::new("DeletionProtection", Kind::Bool, false),
            Rule::new("DiskSpace", Kind::Int, false),
            Rule::new("Disks.N.Encrypted", Kind::Bool, false),
            Rule::new("Disks.N.IsBoot", Kind::Str, true),
            Rule::new("Disks.N.Size", Kind::Int, true),
            Rule::new("Disks.N.Type", Kind::Str, true),
            Rule::new("Features.UNI", Kind::Bool, false),
            Rule::new("GPU", Kind::Int, false),
            Rule::new("HostBinding", Kind::Bool, false),
            Rule::new("HotplugFeature", Kind::Bool, false),
            Rule::new("HpcEnhanced", Kind::Bool, false),
            Rule::new("ImageId", Kind::Str, true),
            Rule::new("LoginMode", Kind::Str, true),
            Rule::new("MaxCount", Kind::Int, false),
            Rule::new("Memory", Kind::Int, false),
            Rule::new("MinCount", Kind::Int, false),
            Rule::new("NetworkInterface.N.CreateCernetIp", Kind::Bool, false),
            Rule::new("NetworkInterface.N.EIP.Bandwidth", Kind::Int, false),
            Rule::new("Quantity", Kind::Int, false),
            Rule::new("SecGroupId.N.Priority", Kind::Int, false),
            Rule::new("SetId", Kind::Int, false),
        ],
    },
    ActionSpec {
        name: "CreateUHostKeyPair",
        response: "CreateUHostKeyPairResponse",
        handler: key_pairs::create,
        rules: &[Rule::new("KeyPairName", Kind::Str, true)],
    },
    ActionSpec {
        name: "DeleteIsolationGroup",
        response: "DeleteIsolationGroupResponse",
        handler: isolation_groups::delete,
        rules: &[
            Rule::new("Region", Kind::Str, true),
            Rule::new("GroupId", Kind::Str, true),
        ],
    },
    ActionSpec {
        name: "DeleteUHostKeyPairs",
        response: "DeleteUHostKeyPairsResponse",
        handler: key_pairs::delete,
        rules: &[Rule::new("KeyPairIds.N", Kind::Str, true)],
    },
    ActionSpec {
        name: "DescribeAvailableInstanceTypes",
        response: "DescribeAvailableInstanceTypesResponse",
        handler: machine_types::describe_available,
        rules: &[],
    },
    ActionSpec {
        name: "DescribeHostMachineTypeFamilies",
        response: "DescribeHostMachineTypeFamiliesResponse",
        handler: machine_types::describe_families,
        rules: &[Rule::new("ProjectId", Kind::Str, true)],
    },
    ActionSpec {
        name: "DescribeImage",
        response: "DescribeImageResponse",
        handler: images::describe,
        rules: &[
            Rule::new("Region", Kind::Str, true),
            Rule::new("Limit", Kind::Int, false),
            Rule::new("Offset", Kind::Int, false),
            Rule::new("PriceSet", Kind::Int, false),
        ],
    },
    ActionSpec {
        name: "DescribeIsolationGroup",
        response: "DescribeIsolationGroupResponse",
        handler: isolation_groups::describe,
        rules: &[
            Rule::new("Region", Kind::Str, true),
            Rule::new("Limit", Kind::Int, false),
            Rule::new("Offset", Kind::Int, false),
        ],
    },
    ActionSpec {
        name: "DescribeUHostAvailableDiskTypes",
        response: "DescribeUHostAvailableDiskTypesResponse",
        handler: disks::describe_available_types,
        rules: &[
            Rule::new("Region", Kind::Str, true),
            Rule::new("UHostIds.N", Kind::Str, true),
        ],
    },
    ActionSpec {
        name: "DescribeUHostInstance",
        response: "DescribeUHostInstanceResponse",
        handler: instances::describe,
        rules: &[
            Rule::new("Region", Kind::Str, true),
            Rule::new("LifeCycle", Kind::Int, false),
            Rule::new("Limit", Kind::Int, false),
            Rule::new("Offset", Kind::Int, false),
        ],
    },
    ActionSpec {
        name: "DescribeUHostInstanceSnapshot",
        response: "DescribeUHostInstanceSnapshotResponse",
        handler: instances::describe_snapshots,
        rules: &[
            Rule::new("Region", Kind::Str, true),
            Rule::new("UHostId", Kind::Str, true),
        ],
    },
    ActionSpec {
        name: "DescribeUHostKeyPairs",
        response: "DescribeUHostKeyPairsResponse",
        handler: key_pairs::describe,
        rules: &[
            Rule::new("Limit", Kind::Int, false),
            Rule::new("Offset", Kind::Int, false),
        ],
    },
    ActionSpec {
        name: "DescribeUHostTags",
        response: "DescribeUHostTagsResponse",
        handler: instances::describe_tags,
        rules: &[Rule::new("Region", Kind::Str, true)],
    },
    ActionSpec {
        name: "GetAttachedDiskUpgradePrice",
        response: "GetAttachedDiskUpgradePriceResponse",
        handler: prices::attached_disk_upgrade,
        rules: &[
            Rule::new("Region", Kind::Str, true),
            Rule::new("DiskId", Kind::Str, true),
            Rule::new("DiskSpace", Kind::Int, true),
            Rule::new("UHostId", Kind::Str, true),
        ],
    },
    ActionSpec {
        name: "GetProjectList",
        response: "GetProjectListResponse",
        handler: account::get_project_list,
        rules: &[],
    },
    ActionSpec {
        name: "GetRegion",
        response: "GetRegionResponse",
        handler: account::get_region,
        rules: &[],
    },
    ActionSpec {
        name: "GetUHostInstancePrice",
        response: "GetUHostInstancePriceResponse",
        handler: prices::instance,
        rules: &[
            Rule::new("Region", Kind::Str, true),
            Rule::new("CPU", Kind::Int, true),
            Rule::new("Count", Kind::Int, true),
            Rule::new("DiskSpace", Kind::Int, false),
            Rule::new("Disks.N.Encrypted", Kind::Bool, false),
            Rule::new("Disks.N.IsBoot", Kind::Str, true),
            Rule::new("Disks.N.Size", Kind::Int, true),
            Rule::new("Disks.N.Type", Kind::Str, true),
            Rule::new("GPU", Kind::Int, false),
            Rule::new("LifeCycle", Kind::Int, false),
            Rule::new("Memory", Kind::Int, true),
            Rule::new("Quantity", Kind::Int, false),
            Rule::new("ShowPriceDetails", Kind::Bool, false),
            Rule::new("UDSetUHostInstance", Kind::Bool, false),
        ],
    },
    ActionSpec {
        name: "GetUHostInstanceVncInfo",
        response: "GetUHostInstanceVncInfoResponse",
        handler: instances::vnc_info,
        rules: &[
            Rule::new("Region", Kind::Str, true),
            Rule::new("UHostId", Kind::Str, true),
        ],
    },
    ActionSpec {
        name: "GetUHostRefundPrice",
        response: "GetUHostRefundPriceResponse",
        handler: prices::refund,
        rules: &[
            Rule::new("Region", Kind::Str, true),
            Rule::new("UHostIds.N", Kind::Str, true),
        ],
    },
    ActionSpec {
        name: "GetUHostRenewPrice",
        response: "GetUHostRenewPriceResponse",
        handler: prices::renew,
        rules: &[
            Rule::new("Region", Kind::Str, true),
            Rule::new("ChargeType", Kind::Str, true),
            Rule::new("UHostId", Kind::Str, true),
        ],
    },
    ActionSpec {
        name: "GetUHostUpgradePrice",
        response: "GetUHostUpgradePriceResponse",
        handler: prices::upgrade,
        rules: &[
            Rule::new("Region", Kind::Str, true),
            Rule::new("BootDiskSpace", Kind::Int, false),
            Rule::new("CPU", Kind::Int, false),
            Rule::new("DiskSpace", Kind::Int, false),
            Rule::new("GPU", Kind::Int, false),
            Rule::new("Memory", Kind::Int, false),
            Rule::new("NetCapValue", Kind::Int, false),
            Rule::new("UHostId", Kind::Str, true),
        ],
    },
    ActionSpec {
        name: "ImportCustomImage",
        response: "ImportCustomImageResponse",
        handler: images::import,
        rules: &[
            Rule::new("Region", Kind::Str, true),
            Rule::new("Auth", Kind::Bool, true),
            Rule::new("Format", Kind::Str, true),
            Rule::new("ImageName", Kind::Str, true),
            Rule::new("OsName", Kind::Str, true),
            Rule::new("OsType", Kind::Str, true),
            Rule::new("UFileUrl", Kind::Str, true),
        ],
    },
    ActionSpec {
        name: "ImportUHostKeyPairs",
        response: "ImportUHostKeyPairsResponse",
        handler: key_pairs::import,
        rules: &[
            Rule::new("KeyPairName", Kind::Str, true),
            Rule::new("PublicKeyBody", Kind::Str, true),
        ],
    },
    ActionSpec {
        name: "LeaveIsolationGroup",
        response: "LeaveIsolationGroupResponse",
        handler: isolation_groups::leave,
        rules: &[
            Rule::new("Region", Kind::Str, true),
            Rule::new("GroupId", Kind::Str, true),
            Rule::new("UHostId", Kind::Str, true),
        ],
    },
    ActionSpec {
        name: "ModifyUHostIP",
        response: "ModifyUHostIPResponse",
        handler: instances::modify_ip,
        rules: &[
            Rule::new("Region", Kind::Str, true),
            Rule::new("Zone", Kind::Str, true),
            Rule::new("PresentIpAddress", Kind::Str, true),
            Rule::new("UHostId", Kind::Str, true),
        ],
    },
    ActionSpec {
        name: "ModifyUHostInstanceName",
        response: "ModifyUHostInstanceNameResponse",
        handler: instances::modify_name,
        rules: &[
            Rule::new("Region", Kind::Str, true),
            Rule::new("UHostId", Kind::Str, true),
        ],
    },
    ActionSpec {
        name: "ModifyUHostInstanceRemark",
        response: "ModifyUHostInstanceRemarkResponse",
        handler: instances::modify_remark,
        rules: &[
            Rule::new("Region", Kind::Str, true),
            Rule::new("UHostId", Kind::Str, true),
        ],
    },
    ActionSpec {
        name: "ModifyUHostInstanceTag",
        response: "ModifyUHostInstanceTagResponse",
        handler: instances::modify_tag,
        rules: &[
            Rule::new("Region", Kind::Str, true),
            Rule::new("UHostId", Kind::Str, true),
        ],
    },
    ActionSpec {
        name: "PoweroffUHostInstance",
        response: "PoweroffUHostInstanceResponse",
        handler: lifecycle::poweroff,
        rules: &[
            Rule::new("Region", Kind::Str, true),
            Rule::new("UHostId", Kind::Str, true),
        ],
    },
    ActionSpec {
        name: "RebootUHostInstance",
        response: "RebootUHostInstanceResponse",
        handler: lifecycle::reboot,
        rules: &[
            Rule::new("Region", Kind::Str, true),
            Rule::new("UHostId", Kind::Str, true),
        ],
    },
    ActionSpec {
        name: "ReinstallUHostInstance",
        response: "ReinstallUHostInstanceResponse",
        handler: lifecycle::reinstall,
        rules: &[
            Rule::new("Region", Kind::Str, true),
            Rule::new("BootDiskSpace", Kind::Int, false),
            Rule::new("ResourceType", Kind::Int, false),
            Rule::new("UHostId", Kind::Str, true),
        ],
    },
    ActionSpec {
        name: "ResetUHostInstancePassword",
        response: "ResetUHostInstancePasswordResponse",
        handler: lifecycle::reset_password,
        rules: &[
            Rule::new("Region", Kind::Str, true),
            Rule::new("AutoStart", Kind::Bool, false),
            Rule::new("UHostId", Kind::Str, true),
        ],
    },
    ActionSpec {
        name: "ResizeAttachedDisk",
        response: "ResizeAttachedDiskResponse",
        handler: disks::resize_attached,
        rules: &[
            Rule::new("Region", Kind::Str, true),
            Rule::new("Zone", Kind::Str, true),
            Rule::new("DiskId", Kind::Str, true),
            Rule::new("DiskSpace", Kind::Int, true),
            Rule::new("DryRun", Kind::Bool, false),
            Rule::new("UHostId", Kind::Str, true),
        ],
    },
    ActionSpec {
        name: "ResizeUHostInstance",
        response: "ResizeUHostInstanceResponse",
        handler: lifecycle::resize,
        rules: &[
            Rule::new("Region", Kind::Str, true),
            Rule::new("AutoStart", Kind::Bool, false),
            Rule::new("BootDiskSpace", Kind::Int, false),
            Rule::new("CPU", Kind::Int, false),
            Rule::new("DiskSpace", Kind::Int, false),
            Rule::new("GPU", Kind::Int, false),
            Rule::new("Memory", Kind::Int, false),
            Rule::new("NetCapValue", Kind::Int, false),
            Rule::new("UHostId", Kind::Str, true),
        ],
    },
    ActionSpec {
        name: "StartUHostInstance",
        response: "StartUHostInstanceResponse",
        handler: lifecycle::start,
        rules: &[
            Rule::new("Region", Kind::Str, true),
            Rule::new("UHostId", Kind::Str, true),
        ],
    },
    ActionSpec {
        name: "StopUHostInstance",
        response: "StopUHostInstanceResponse",
        handler: lifecycle::stop,
        rules: &[
            Rule::new("Region", Kind::Str, true),
            Rule::new("UHostId", Kind::Str, true),
        ],
    },
    ActionSpec {
        name: "TerminateCustomImage",
        response: "TerminateCustomImageResponse",
        handler: images::terminate,
        rules: &[
            Rule::new("Region", Kind::Str, true),
            Rule::new("ImageId", Kind::Str, true),
        ],
    },
    ActionSpec {
        name: "TerminateUHostInstance",
        response: "TerminateUHostInstanceResponse",
        handler: instances::terminate,
        rules: &[
            Rule::new("Region", Kind::Str, true),
            Rule::new("Destroy", Kind::Int, false),
            Rule::new("ReleaseEIP", Kind::Bool, false),
            Rule::new("ReleaseUDisk", Kind::Bool, false),
            Rule::new("UHostId", Kind::Str, true),
        ],
    },
    ActionSpec {
        name: "UpgradeToArkUHostInstance",
        response: "UpgradeToArkUHostInstanceResponse",
        handler: disks::upgrade_to_ark,
        rules: &[
            Rule::new("Region", Kind::Str, true),
            Rule::new("Zone", Kind::Str, true),
            Rule::new("UHostIds.N", Kind::Str, true),
        ],
    },
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
    const ACCOUNT_ACTIONS: &[&str] = &["GetProjectList", "GetRegion"];

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
