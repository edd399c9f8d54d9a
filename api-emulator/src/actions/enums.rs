//! The values the emulator accepts for each parameter it holds to a list,
//! in one place: the handlers check against these lists, and
//! [`enum_parameters`] shows them, so that tests can tie them to what
//! clients send. A value outside its list is refused with 230.

/// `ChargeType` of CreateUHostInstance and GetUHostInstancePrice: the
/// reference's values and the SDKs' `Preemptive` (preemptible, priced like
/// `Spot`).
pub(crate) const CHARGE_TYPES: &[&str] =
    &["Year", "Month", "Dynamic", "Postpay", "Preemptive", "Spot"];
/// `ChargeType` of GetUHostRenewPrice: its page lists these three only.
pub(crate) const RENEW_CHARGE_TYPES: &[&str] = &["Year", "Month", "Dynamic"];
/// `LoginMode`.
pub(crate) const LOGIN_MODES: &[&str] = &["Password", "KeyPair", "ImagePasswd"];
/// `NetCapability` of CreateUHostInstance.
pub(crate) const NET_CAPABILITIES: &[&str] = &["Normal", "Super", "Ultra", "Extreme"];
/// `MachineType` (V2.0 names).
pub(crate) const MACHINE_TYPES: &[&str] = &[
    "N", "C", "G", "O", "OS", "OM", "OMEM", "OPRO", "OPROG", "OMAX", "O.BM", "O.EPC",
];
/// `SecurityMode`.
pub(crate) const SECURITY_MODES: &[&str] = &["Firewall", "SecGroup"];
/// `Disks.N.Type`: the disk types of the reference's disk type page.
pub(crate) const DISK_TYPES: &[&str] = &[
    "LOCAL_NORMAL",
    "LOCAL_SSD",
    "CLOUD_NORMAL",
    "CLOUD_SSD",
    "CLOUD_ESSD",
    "CLOUD_RSSD",
    "EXCLUSIVE_LOCAL_DISK",
];
/// `Disks.N.BackupType`.
pub(crate) const BACKUP_TYPES: &[&str] = &["NONE", "SNAPSHOT", "DATAARK"];
/// `ReserveDisk`.
pub(crate) const YES_NO: &[&str] = &["Yes", "No"];
/// `ImageType` of DescribeImage.
pub(crate) const IMAGE_TYPES: &[&str] = &["Base", "Business", "Custom"];
/// `OsType` of DescribeImage.
pub(crate) const OS_TYPES: &[&str] = &["Linux", "Windows"];
/// `Format` of ImportCustomImage (any letter case).
pub(crate) const IMAGE_FORMATS: &[&str] = &["RAW", "VHD", "VMDK", "qcow2"];

/// One parameter the emulator holds to a list of values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct EnumParameter {
    /// The actions that check it.
    pub actions: &'static [&'static str],
    /// Its wire name; `Disks.N.Type` stands for the field of every element.
    pub name: &'static str,
    /// The values accepted, as spelled on the wire.
    pub values: &'static [&'static str],
}

const fn param(
    actions: &'static [&'static str],
    name: &'static str,
    values: &'static [&'static str],
) -> EnumParameter {
    EnumParameter {
        actions,
        name,
        values,
    }
}

static PARAMETERS: &[EnumParameter] = &[
    param(
        &["CreateUHostInstance", "GetUHostInstancePrice"],
        "ChargeType",
        CHARGE_TYPES,
    ),
    param(&["GetUHostRenewPrice"], "ChargeType", RENEW_CHARGE_TYPES),
    param(
        &[
            "CreateUHostInstance",
            "ReinstallUHostInstance",
            "ResetUHostInstancePassword",
        ],
        "LoginMode",
        LOGIN_MODES,
    ),
    param(&["CreateUHostInstance"], "NetCapability", NET_CAPABILITIES),
    param(&["CreateUHostInstance"], "MachineType", MACHINE_TYPES),
    param(&["CreateUHostInstance"], "SecurityMode", SECURITY_MODES),
    param(
        &["CreateUHostInstance", "GetUHostInstancePrice"],
        "Disks.N.Type",
        DISK_TYPES,
    ),
    param(&["CreateUHostInstance"], "Disks.N.BackupType", BACKUP_TYPES),
    param(&["ReinstallUHostInstance"], "ReserveDisk", YES_NO),
    param(&["DescribeImage"], "ImageType", IMAGE_TYPES),
    param(&["DescribeImage"], "OsType", OS_TYPES),
    param(&["ImportCustomImage"], "Format", IMAGE_FORMATS),
];

/// Every parameter the emulator checks against a list of values, with the
/// values it accepts. Tests use it to tie the emulator to clients: a value
/// a client may send must be on the list.
///
/// ```
/// let charge = api_emulator::enum_parameters()
///     .iter()
///     .find(|p| p.name == "ChargeType" && p.actions.contains(&"CreateUHostInstance"))
///     .map(|p| p.values);
/// assert!(charge.is_some_and(|values| values.contains(&"Preemptive")));
/// ```
pub fn enum_parameters() -> &'static [EnumParameter] {
    PARAMETERS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_action_exists_and_lists_have_no_repeats() {
        for p in enum_parameters() {
            for action in p.actions {
                assert!(super::super::find(action).is_some(), "{action}");
            }
            let mut values = p.values.to_vec();
            values.sort_unstable();
            values.dedup();
            assert_eq!(values.len(), p.values.len(), "{}", p.name);
        }
    }
}
