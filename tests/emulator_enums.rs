//! The emulator accepts every value the SDK's enums can send, and the SDK
//! can name every value the emulator accepts: the two crates are written
//! separately (the emulator reads the reference pages, not the SDK's
//! types), so this is where a value missing on either side shows up.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::collections::BTreeSet;

use api_emulator::{EnumParameter, enum_parameters};
use api_uhost::disks::{DiskBackupType, DiskType};
use api_uhost::images::{ImageFormat, ImageType, OsType};
use api_uhost::instances::{ChargeType, DescribeUHostInstance, LoginMode, YesNo};
use api_uhost::machine_types::{MachineType, NetCapability, SecurityMode};
use api_uhost::prices::GetUHostInstancePrice;

/// The wire values of an SDK enum.
fn wire<T>(all: &[T], as_str: fn(&T) -> &str) -> BTreeSet<String> {
    all.iter().map(|v| as_str(v).to_owned()).collect()
}

/// The SDK enum a parameter of the emulator's lists is sent as.
fn sdk_values(parameter: &EnumParameter) -> BTreeSet<String> {
    match parameter.name {
        "ChargeType" => wire(ChargeType::ALL, ChargeType::as_str),
        "LoginMode" => wire(LoginMode::ALL, LoginMode::as_str),
        "NetCapability" => wire(NetCapability::ALL, NetCapability::as_str),
        "MachineType" => wire(MachineType::ALL, MachineType::as_str),
        "SecurityMode" => wire(SecurityMode::ALL, SecurityMode::as_str),
        "Disks.N.Type" => wire(DiskType::ALL, DiskType::as_str),
        "Disks.N.BackupType" => wire(DiskBackupType::ALL, DiskBackupType::as_str),
        "ReserveDisk" => wire(YesNo::ALL, YesNo::as_str),
        "ImageType" => wire(ImageType::ALL, ImageType::as_str),
        "OsType" => wire(OsType::ALL, OsType::as_str),
        "Format" => wire(ImageFormat::ALL, ImageFormat::as_str),
        other => panic!(
            "the emulator checks {other} of {:?}; map it to its api-uhost enum here",
            parameter.actions
        ),
    }
}

/// Values the SDK's shared type can hold but the action's page does not
/// allow, so the emulator refuses them as the service would.
const NOT_FOR_THIS_ACTION: &[(&str, &str, &[&str])] = &[(
    // GetUHostRenewPrice takes `ChargeType` but its page lists Year, Month
    // and Dynamic only; the SDK shares one ChargeType enum.
    "GetUHostRenewPrice",
    "ChargeType",
    &["Postpay", "Preemptive", "Spot"],
)];

#[test]
fn the_emulator_accepts_every_value_the_sdk_can_send() {
    for parameter in enum_parameters() {
        let accepted: BTreeSet<String> = parameter.values.iter().map(|v| (*v).to_owned()).collect();
        let mut missing: BTreeSet<String> = sdk_values(parameter)
            .difference(&accepted)
            .cloned()
            .collect();
        for (action, name, allowed_gap) in NOT_FOR_THIS_ACTION {
            if parameter.name == *name && parameter.actions == [*action] {
                for value in *allowed_gap {
                    assert!(
                        missing.remove(*value),
                        "{action} {name}: {value} is accepted now; drop it from the exceptions"
                    );
                }
            }
        }
        assert!(
            missing.is_empty(),
            "{} of {:?}: the SDK can send {missing:?}, the emulator refuses it",
            parameter.name,
            parameter.actions
        );
    }
}

#[test]
fn the_sdk_can_send_every_value_the_emulator_accepts() {
    for parameter in enum_parameters() {
        let sdk = sdk_values(parameter);
        let unknown: Vec<&&str> = parameter
            .values
            .iter()
            .filter(|v| !sdk.contains(**v))
            .collect();
        assert!(
            unknown.is_empty(),
            "{} of {:?}: the emulator accepts {unknown:?}, the SDK's enum cannot say it",
            parameter.name,
            parameter.actions
        );
    }
}

#[tokio::test]
async fn preemptive_instances_are_priced_and_created_through_the_sdk() {
    let emu = support::emulator([]).await;
    let client = support::client(&emu);
    let image = support::linux_image(&client).await;
    let price = client
        .send(
            GetUHostInstancePrice::new(2, 1, 4096)
                .charge_type(ChargeType::Preemptive)
                .image_id(&*image),
        )
        .await
        .unwrap();
    assert_eq!(price.price_set[0].charge_type, ChargeType::Preemptive);
    let ids = client
        .send(support::new_instances(&image, 1).charge_type(ChargeType::Preemptive))
        .await
        .unwrap()
        .uhost_ids;
    let shown = client
        .send(DescribeUHostInstance::new().uhost_ids(ids))
        .await
        .unwrap();
    assert_eq!(shown.uhost_set[0].charge_type, ChargeType::Preemptive);
}
