//! Every action, fully populated, encodes to exactly the wire names the
//! specification lists (fixtures/wire_names.json, derived from it), with
//! the specification's required parameters, retry safety and base64
//! parameters.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};

use api_core::test_util::Collected;
use api_core::{Action, Client, Credential};

#[path = "wire_names/disks.rs"]
mod disks;
#[path = "wire_names/images.rs"]
mod images;
#[path = "wire_names/instances.rs"]
mod instances;
#[path = "wire_names/isolation_groups.rs"]
mod isolation_groups;
#[path = "wire_names/key_pairs.rs"]
mod key_pairs;
#[path = "wire_names/machine_types.rs"]
mod machine_types;
#[path = "wire_names/prices.rs"]
mod prices;

#[derive(serde::Deserialize)]
struct Spec {
    params: BTreeSet<String>,
    deprecated: BTreeSet<String>,
    required: BTreeSet<String>,
    retryable: bool,
    base64: BTreeSet<String>,
}

fn fixture() -> BTreeMap<String, Spec> {
    serde_json::from_str(include_str!("fixtures/wire_names.json")).unwrap()
}

/// Encodes `request` and checks it against the specification; returns the
/// action's name.
pub(crate) fn check<A: Action>(request: A) -> &'static str {
    let name = A::META.name;
    let specs = fixture();
    let spec = specs
        .get(name)
        .unwrap_or_else(|| panic!("{name} is not in the specification"));
    let client = Client::builder()
        .credential(Credential::new("pk", "sk"))
        .build()
        .unwrap();
    let body = client
        .encode(&request)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    // Streamed straight into the body, exactly as collected and sorted.
    assert!(A::SORTED_WRITES, "{name} streams");
    let collected = client
        .encode(&Collected(&request))
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(body, collected, "{name}: streamed and collected bodies");
    let sent: BTreeSet<String> = form_urlencoded::parse(body.as_bytes())
        .map(|(k, _)| normalize(&k))
        .filter(|k| !matches!(k.as_str(), "Action" | "PublicKey" | "Signature"))
        .collect();
    let unknown: Vec<&String> = sent.difference(&spec.params).collect();
    assert!(
        unknown.is_empty(),
        "{name} sends names the specification does not list: {unknown:?}"
    );
    let missing: Vec<&String> = spec
        .params
        .difference(&sent)
        .filter(|p| !spec.deprecated.contains(*p))
        .collect();
    assert!(
        missing.is_empty(),
        "{name} does not send (or was not fully populated for): {missing:?}"
    );

    let required: BTreeSet<String> = A::META
        .params
        .iter()
        .filter(|p| p.required)
        .map(|p| p.wire_name.to_owned())
        .collect();
    assert_eq!(required, spec.required, "{name}: required parameters");
    assert_eq!(A::META.retryable, spec.retryable, "{name}: retry safety");
    let base64: BTreeSet<String> = A::META
        .params
        .iter()
        .filter(|p| p.base64)
        .map(|p| p.wire_name.to_owned())
        .collect();
    assert_eq!(base64, spec.base64, "{name}: base64 parameters");
    name
}

/// `Disks.0.Type` → `Disks.N.Type`.
fn normalize(key: &str) -> String {
    key.split('.')
        .map(|part| {
            if part.bytes().all(|b| b.is_ascii_digit()) {
                "N"
            } else {
                part
            }
        })
        .collect::<Vec<_>>()
        .join(".")
}

#[test]
fn every_action_encodes_to_the_specified_wire_names() {
    let mut checked = BTreeSet::new();
    for names in [
        images::check_all(),
        instances::check_all(),
        isolation_groups::check_all(),
        key_pairs::check_all(),
        machine_types::check_all(),
        prices::check_all(),
        disks::check_all(),
    ] {
        for name in names {
            assert!(checked.insert(name), "{name} is checked twice");
        }
    }
    let unchecked: Vec<String> = fixture()
        .into_keys()
        .filter(|a| !checked.contains(a.as_str()))
        .collect();
    assert!(
        unchecked.is_empty(),
        "actions not checked yet: {unchecked:?}"
    );
}
