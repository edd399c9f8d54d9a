//! The response examples of the reference pages (fixtures/responses/)
//! decode into the typed responses, and every enum round-trips known and
//! unknown values.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "responses/disks.rs"]
mod disks;
#[path = "responses/images.rs"]
mod images;
#[path = "responses/instances.rs"]
mod instances;
#[path = "responses/isolation_groups.rs"]
mod isolation_groups;
#[path = "responses/key_pairs.rs"]
mod key_pairs;
#[path = "responses/machine_types.rs"]
mod machine_types;
#[path = "responses/prices.rs"]
mod prices;

/// Decodes a page's example answer of `action` as the client would.
pub(crate) fn decode<R: serde::de::DeserializeOwned>(action: &str, body: &str) -> R {
    api_core::envelope::decode(action, body.as_bytes(), None)
        .unwrap_or_else(|e| panic!("{action}: {e}"))
}

/// Checks that every known value of `E` maps to itself and back, and that
/// an unknown value is kept and written back unchanged.
pub(crate) fn round_trips<E>(all: &[E])
where
    E: Clone + PartialEq + std::fmt::Debug + std::fmt::Display + for<'a> From<&'a str>,
    E: serde::Serialize + serde::de::DeserializeOwned,
{
    for value in all {
        let text = value.to_string();
        assert_eq!(&E::from(text.as_str()), value);
        let json = serde_json::to_string(value).unwrap();
        assert_eq!(&serde_json::from_str::<E>(&json).unwrap(), value);
    }
    let unknown = E::from("SomethingNew 2030");
    assert!(!all.contains(&unknown));
    assert_eq!(unknown.to_string(), "SomethingNew 2030");
    assert_eq!(
        serde_json::from_str::<E>("\"SomethingNew 2030\"").unwrap(),
        unknown
    );
}
