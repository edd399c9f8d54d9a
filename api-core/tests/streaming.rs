//! Declared actions stream their parameters straight into the signature
//! and body; whatever the request, the result is byte for byte what
//! collecting, sorting and signing the parameters gives, or the same
//! error; actions that cannot stream are collected both ways.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use api_core::test_util::Collected;
use api_core::{
    Action, Client, Credential, Error, ParamKind, ParamValue, ParamWriter, api_action, api_object,
};

/// The body both ways; panics unless they agree.
fn both<A: Action>(client: &Client, action: A) -> Result<String, String> {
    let streamed = client.encode(&action).map_err(|e| e.to_string());
    let collected = client.encode(&Collected(action)).map_err(|e| e.to_string());
    assert_eq!(streamed, collected);
    streamed
}

fn client(region: Option<&str>, zone: Option<&str>, project: Option<&str>) -> Client {
    let mut builder = Client::builder().credential(Credential::new(
        "ucloudsomeone@example.com1296235120854146120",
        "46f09bb9fab4f12dfc160dae12273d5332b5debe",
    ));
    if let Some(region) = region {
        builder = builder.region(region);
    }
    if let Some(zone) = zone {
        builder = builder.zone(zone);
    }
    if let Some(project) = project {
        builder = builder.project_id(project);
    }
    builder.build().unwrap()
}

fn clients() -> Vec<Client> {
    let with_token = Client::builder()
        .credential(Credential::new("pk A&B", "sk").with_security_token("tok en/="))
        .region("cn-bj2")
        .zone("cn-bj2-05")
        .build()
        .unwrap();
    vec![
        client(Some("cn-bj2"), Some("cn-bj2-02"), Some("org-xxx")),
        client(Some("cn-bj2"), None, None),
        client(None, None, None),
        with_token,
    ]
}

/// A label.
#[api_object]
pub struct Label {
    /// Key.
    pub key: Option<String>,
    /// Value.
    pub value: Option<String>,
}

/// A disk with addresses.
#[api_object]
pub struct Disk {
    /// Type.
    #[api(rename = "Type")]
    pub kind: Option<String>,
    /// GB.
    pub size: Option<u32>,
    /// Mount points.
    pub mounts: Vec<String>,
    /// Labels.
    pub labels: Vec<Label>,
}

/// An action of every shape.
#[api_action("DescribeEverything")]
pub struct DescribeEverything {
    /// Ids.
    pub ids: Vec<String>,
    /// Disks.
    pub disks: Vec<Disk>,
    /// A name.
    #[api(required)]
    pub name: Option<String>,
    /// A count.
    pub limit: Option<i64>,
    /// A ratio.
    pub ratio: Option<f64>,
    /// A flag.
    pub dry_run: Option<bool>,
    /// A password.
    #[api(secret, base64)]
    pub password: Option<String>,
    /// Sorts before `Action`.
    #[api(rename = "AAAFirst")]
    pub first: Option<String>,
    /// Sorts after every name of the client's.
    #[api(rename = "ZZLast")]
    pub last: Option<String>,
}

fn everything() -> DescribeEverything {
    DescribeEverything::new()
        .name("a b&c=d/é+% 漢字")
        .limit(-42)
        .ratio(0.1)
        .dry_run(true)
        .password("P@ss w0rd")
        .first("1")
        .last("z")
}

#[test]
fn every_client_encodes_every_shape_the_same_both_ways() {
    const { assert!(DescribeEverything::SORTED_WRITES) };
    let disk = |i: usize| Disk {
        kind: Some(format!("CLOUD_{i}")),
        size: Some(u32::try_from(i).unwrap()),
        mounts: (0..i % 13).map(|m| format!("/m{m}")).collect(),
        labels: (0..i % 4)
            .map(|l| Label {
                key: Some(format!("k{l}")),
                value: (l % 2 == 0).then(|| format!("v {l}")),
            })
            .collect(),
    };
    for client in clients() {
        for n in [0, 1, 2, 9, 10, 11, 12, 25, 101, 120] {
            let request = everything()
                .ids((0..n).map(|i| format!("id-{i}")).collect::<Vec<_>>())
                .disks((0..n.min(23)).map(disk).collect::<Vec<_>>());
            match both(&client, request) {
                Ok(body) => assert!(body.contains("&Name=a+b%26c%3Dd%2F%C3%A9%2B%25+"), "{body}"),
                Err(err) => assert!(client.region().is_none(), "{err}"),
            }
        }
        // Defaults overridden by the request, and no optional field set.
        both(
            &client,
            DescribeEverything::new()
                .name("x")
                .region("cn-sh2")
                .zone("cn-sh2-01")
                .project_id("org-2"),
        )
        .unwrap();
        both(&client, everything().region("cn-sh2")).unwrap();
    }
}

#[test]
fn array_elements_stream_in_bytewise_order_of_their_indices() {
    let client = client(Some("cn-bj2"), None, None);
    let request = DescribeEverything::new()
        .name("x")
        .ids((0..12).map(|i| i.to_string()).collect::<Vec<_>>());
    let body = both(&client, request).unwrap();
    let ids: Vec<&str> = body
        .split('&')
        .filter_map(|pair| pair.strip_prefix("Ids."))
        .collect();
    assert_eq!(
        ids,
        [
            "0=0", "1=1", "10=10", "11=11", "2=2", "3=3", "4=4", "5=5", "6=6", "7=7", "8=8", "9=9"
        ]
    );
}

/// A required parameter that sorts after `Region`.
#[api_action("DescribeLate")]
pub struct DescribeLate {
    /// The instance.
    #[api(required)]
    pub uhost_id: Option<String>,
}

#[test]
fn missing_required_parameters_fail_the_same_both_ways() {
    let without_region = client(None, None, None);
    let err = both(&without_region, DescribeEverything::new().name("x")).unwrap_err();
    assert!(err.contains("`Region` is required"), "{err}");
    let with_region = client(Some("cn-bj2"), None, None);
    let err = both(&with_region, DescribeEverything::new()).unwrap_err();
    assert!(err.contains("`Name` is required"), "{err}");
    // Both missing, the action's own after `Region` in the order: the
    // same one is reported either way.
    let err = both(&without_region, DescribeLate::new()).unwrap_err();
    assert!(err.contains("`UHostId` is required"), "{err}");
}

/// A hand-written parameter type that writes its fields out of order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Backwards {
    /// Written first, sorts last.
    pub zulu: String,
    /// Written last, sorts first.
    pub alpha: String,
}

impl ParamValue for Backwards {
    const KIND: ParamKind = ParamKind::Object;
    fn write_param<'a>(&'a self, w: &mut ParamWriter<'_, 'a>) -> Result<(), Error> {
        w.field("Zulu", &self.zulu)?;
        w.field("Alpha", &self.alpha)
    }
}

/// Holds a field whose order the macro cannot vouch for.
#[api_action("DescribeBackwards")]
pub struct DescribeBackwards {
    /// Out of order inside.
    pub item: Option<Backwards>,
    /// After it.
    pub tail: Option<String>,
}

#[test]
fn a_type_writing_out_of_order_is_collected_and_sorted_instead() {
    const { assert!(!<Backwards as ParamValue>::SORTED && !DescribeBackwards::SORTED_WRITES) };
    let client = client(Some("cn-bj2"), Some("cn-bj2-02"), Some("org-1"));
    let request = DescribeBackwards::new()
        .item(Backwards {
            zulu: "z".into(),
            alpha: "a".into(),
        })
        .tail("t");
    let body = both(&client, request).unwrap();
    assert!(
        body.starts_with("Action=DescribeBackwards&Item.Alpha=a&Item.Zulu=z&ProjectId=org-1&"),
        "{body}"
    );
}

/// Sets names the client sets itself.
#[api_action("DescribeClash", common())]
pub struct DescribeClash {
    /// Clashes with the client's `Action`.
    #[api(rename = "Action")]
    pub action: Option<String>,
    /// Clashes with the signature.
    #[api(rename = "Signature")]
    pub signature: Option<String>,
    /// Clashes with the credential.
    #[api(rename = "PublicKey")]
    pub public_key: Option<String>,
}

#[test]
fn names_the_client_sets_are_refused_the_same_both_ways() {
    const { assert!(!DescribeClash::SORTED_WRITES) };
    let client = client(None, None, None);
    for (request, name) in [
        (DescribeClash::new().action("x"), "Action"),
        (DescribeClash::new().public_key("x"), "PublicKey"),
    ] {
        let err = both(&client, request).unwrap_err();
        assert!(err.contains(&format!("`{name}` is set twice")), "{err}");
    }
    let err = both(&client, DescribeClash::new().signature("x")).unwrap_err();
    assert!(
        err.contains("`Signature` is computed by the client"),
        "{err}"
    );
    both(&client, DescribeClash::new()).unwrap();
}

/// The innermost object.
#[api_object]
pub struct Inner {
    /// A leaf.
    pub leaf_value_with_a_long_name_as_well: Option<String>,
}

/// The middle object.
#[api_object]
pub struct Middle {
    /// Deeper.
    pub a_very_long_field_name_that_makes_every_key_much_longer: Vec<Inner>,
}

/// The outer object.
#[api_object]
pub struct Outer {
    /// Deeper.
    pub a_very_long_field_name_that_makes_every_key_much_longer: Vec<Middle>,
    /// Short.
    pub short: Option<String>,
}

/// Long keys.
#[api_action("DescribeDeep")]
pub struct DescribeDeep {
    /// Deep.
    pub root: Option<Outer>,
}

#[test]
fn long_nested_keys_stream_like_any_other() {
    const { assert!(DescribeDeep::SORTED_WRITES) };
    let inner = || Inner {
        leaf_value_with_a_long_name_as_well: Some("leaf".into()),
    };
    let middle = || Middle {
        a_very_long_field_name_that_makes_every_key_much_longer: vec![inner(), inner()],
    };
    let outer = Outer {
        a_very_long_field_name_that_makes_every_key_much_longer: vec![middle(), middle()],
        short: Some("s".into()),
    };
    let client = client(Some("cn-bj2"), None, None);
    let body = both(&client, DescribeDeep::new().root(outer)).unwrap();
    let longest = body.split('&').map(|p| p.find('=').unwrap()).max().unwrap();
    assert!(longest > 128, "{longest}");
}

#[test]
fn the_streamed_signature_is_the_reference_algorithm() {
    // The signature page's test vector, through a declared action.
    #[api_action("DescribeUHostInstance")]
    struct DescribeUHostInstance {
        /// Page size.
        limit: Option<u32>,
    }
    let client = Client::builder()
        .credential(Credential::new(
            "ucloudsomeone@example.com1296235120854146120",
            "46f09bb9fab4f12dfc160dae12273d5332b5debe",
        ))
        .region("cn-bj2")
        .build()
        .unwrap();
    let body = both(&client, DescribeUHostInstance::new().limit(10u32)).unwrap();
    assert!(
        body.ends_with("&Signature=cba5cf5ec4d4233d206b1b54951e3787350a642f"),
        "{body}"
    );
}
