//! Every answer serializes to the API's JSON: each of the 42 example
//! answers (fixtures/responses/) decodes, prints with the API's wire names
//! for every field it carried, and decodes back to an equal value.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::fmt::Debug;

use api_core::Action;
use api_uhost::{disks, images, instances, isolation_groups, key_pairs, machine_types, prices};
use serde_json::Value;

/// Fields of the examples the answers do not declare, by action and path:
/// the answers' `UhostId` (a deprecated copy of `UHostId`), and fields the
/// pages' examples carry that the specification does not list for the
/// action (copied from another action's page, or misspelt, as
/// `ListlPrice`).
const UNDECLARED: &[(&str, &str)] = &[
    ("*", ".UhostId"),
    ("CreateUHostInstance", ".MountedUFSId"),
    ("LeaveIsolationGroup", ".GroupId"),
    ("CreateUHostKeyPair", ".KeyPairName"),
    ("ImportUHostKeyPairs", ".KeyPairs"),
    ("ImportUHostKeyPairs", ".TotalCount"),
    ("DeleteUHostKeyPairs", ".KeyPairFingerPrint"),
    ("DeleteUHostKeyPairs", ".KeyPairName"),
    ("CheckUHostResourceCapacity", ".IPs"),
    ("CheckUHostResourceCapacity", ".UHostIds"),
    ("CheckUHostResourceCapacity", ".MountedUFSId"),
    ("GetAttachedDiskUpgradePrice", ".ListlPrice"),
];

/// Placeholders of page examples that contradict the specification's
/// types (see tests/responses/), replaced by a value of the right type.
const CORRECTIONS: &[(&str, &str, &str)] = &[
    ("DescribeUHostAvailableDiskTypes", r#""ozwaOjxe""#, "{}"),
    ("DescribeAvailableInstanceTypes", r#""sNSlnDFQ""#, "[]"),
    ("DescribeHostMachineTypeFamilies", r#""WshRTkXT""#, "[]"),
    ("ResizeAttachedDisk", r#""yvzCZZig""#, "true"),
    ("DescribeUHostKeyPairs", r#""SbXyAFFW""#, "1700000000"),
];

/// Decodes the example answer of `A`, prints it and decodes the print;
/// returns the action's name and the example's wire names the print
/// lacks.
fn round_trip<A: Action>() -> (&'static str, Vec<String>)
where
    A::Response: serde::Serialize + PartialEq + Debug,
{
    let name = A::META.name;
    let path = format!(
        "{}/tests/fixtures/responses/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut body = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    for (action, from, to) in CORRECTIONS {
        if *action == name {
            body = body.replace(from, to);
        }
    }
    let answer: A::Response = api_core::envelope::decode(name, body.as_bytes(), None)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let printed = serde_json::to_value(&answer).unwrap();
    let again: A::Response = serde_json::from_value(printed.clone())
        .unwrap_or_else(|e| panic!("{name}: the printed answer does not decode: {e}"));
    assert_eq!(
        again, answer,
        "{name}: the printed answer decodes differently"
    );

    let example: Value = serde_json::from_str(&body).unwrap();
    let mut missing = Vec::new();
    missing_keys(&example, &printed, "", &mut missing);
    missing.retain(|path| {
        !matches!(path.as_str(), ".RetCode" | ".Action" | ".Message")
            && !UNDECLARED
                .iter()
                .any(|(action, end)| (*action == "*" || *action == name) && path.ends_with(end))
    });
    (name, missing)
}

/// The paths of keys in `example` that `printed` lacks, at any depth.
fn missing_keys(example: &Value, printed: &Value, path: &str, out: &mut Vec<String>) {
    match (example, printed) {
        (Value::Object(example), Value::Object(printed)) => {
            for (key, value) in example {
                let here = format!("{path}.{key}");
                match printed.get(key) {
                    Some(printed) => missing_keys(value, printed, &here, out),
                    None => out.push(here),
                }
            }
        }
        (Value::Array(example), Value::Array(printed)) => {
            for (i, (example, printed)) in example.iter().zip(printed).enumerate() {
                missing_keys(example, printed, &format!("{path}.{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_answer_prints_as_the_api_json_and_decodes_back() {
    let checked = [
        round_trip::<disks::DescribeUHostAvailableDiskTypes>(),
        round_trip::<disks::ResizeAttachedDisk>(),
        round_trip::<images::CreateCustomImage>(),
        round_trip::<images::DescribeImage>(),
        round_trip::<images::CopyCustomImage>(),
        round_trip::<images::ImportCustomImage>(),
        round_trip::<images::TerminateCustomImage>(),
        round_trip::<instances::CreateUHostInstance>(),
        round_trip::<instances::DescribeUHostInstance>(),
        round_trip::<instances::StartUHostInstance>(),
        round_trip::<instances::StopUHostInstance>(),
        round_trip::<instances::RebootUHostInstance>(),
        round_trip::<instances::PoweroffUHostInstance>(),
        round_trip::<instances::TerminateUHostInstance>(),
        round_trip::<instances::ReinstallUHostInstance>(),
        round_trip::<instances::ResetUHostInstancePassword>(),
        round_trip::<instances::ResizeUHostInstance>(),
        round_trip::<instances::ModifyUHostInstanceName>(),
        round_trip::<instances::ModifyUHostInstanceRemark>(),
        round_trip::<instances::ModifyUHostInstanceTag>(),
        round_trip::<instances::ModifyUHostIP>(),
        round_trip::<instances::UpgradeToArkUHostInstance>(),
        round_trip::<instances::GetUHostInstanceVncInfo>(),
        round_trip::<instances::DescribeUHostInstanceSnapshot>(),
        round_trip::<instances::DescribeUHostTags>(),
        round_trip::<isolation_groups::CreateIsolationGroup>(),
        round_trip::<isolation_groups::DescribeIsolationGroup>(),
        round_trip::<isolation_groups::DeleteIsolationGroup>(),
        round_trip::<isolation_groups::AddUHostToIsolationGroup>(),
        round_trip::<isolation_groups::LeaveIsolationGroup>(),
        round_trip::<key_pairs::CreateUHostKeyPair>(),
        round_trip::<key_pairs::ImportUHostKeyPairs>(),
        round_trip::<key_pairs::DescribeUHostKeyPairs>(),
        round_trip::<key_pairs::DeleteUHostKeyPairs>(),
        round_trip::<machine_types::DescribeAvailableInstanceTypes>(),
        round_trip::<machine_types::DescribeHostMachineTypeFamilies>(),
        round_trip::<machine_types::CheckUHostResourceCapacity>(),
        round_trip::<prices::GetUHostInstancePrice>(),
        round_trip::<prices::GetUHostRenewPrice>(),
        round_trip::<prices::GetUHostUpgradePrice>(),
        round_trip::<prices::GetUHostRefundPrice>(),
        round_trip::<prices::GetAttachedDiskUpgradePrice>(),
    ];
    let lacking: Vec<(&str, Vec<String>)> = checked
        .iter()
        .filter(|(_, missing)| !missing.is_empty())
        .cloned()
        .collect();
    assert!(
        lacking.is_empty(),
        "printed answers lack wire names of the examples: {lacking:?}"
    );
    let checked: BTreeSet<&str> = checked.iter().map(|(name, _)| *name).collect();
    let fixtures: BTreeSet<String> = std::fs::read_dir(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/responses"
    ))
    .unwrap()
    .map(|entry| {
        let name = entry.unwrap().file_name().into_string().unwrap();
        name.trim_end_matches(".json").to_owned()
    })
    .collect();
    let fixtures: BTreeSet<&str> = fixtures.iter().map(String::as_str).collect();
    assert_eq!(checked.len(), 42);
    assert_eq!(checked, fixtures, "every example answer is checked once");
}

#[test]
fn an_answer_prints_compact_json_with_wire_names() {
    let answer = images::CreateCustomImageResponse {
        image_id: "uimage-1".into(),
        data_snapshot_ids: vec!["snap-1".into()],
    };
    assert_eq!(
        serde_json::to_string(&answer).unwrap(),
        r#"{"ImageId":"uimage-1","DataSnapshotIds":["snap-1"]}"#
    );
}
