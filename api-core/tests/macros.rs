//! What the macros generate, exercised through the public API only.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use api_core::{
    Action, Client, Credential, Page, Paginated, ParamKind, ParamValue, api_action, api_enum,
    api_model, api_object,
};

/// Disk kinds.
#[api_enum(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DiskKind {
    /// SSD cloud disk.
    CloudSsd,
    /// Local disk.
    LocalNormal,
}

/// Machine states.
#[api_enum]
pub enum State {
    /// Up.
    Running,
    /// Broken.
    #[api(rename = "Install Fail", alias = "InstallFail")]
    InstallFail,
    /// Gone.
    #[api(alias = "Deleted", alias = "Removed")]
    Terminated,
}

/// An elastic IP.
#[api_object]
pub struct Eip {
    /// Mbps.
    pub bandwidth: u32,
    /// How the bandwidth is paid.
    pub pay_mode: Option<String>,
}

/// A network interface.
#[api_object]
pub struct Nic {
    /// The interface's EIP.
    pub eip: Option<Eip>,
    /// Addresses.
    pub ips: Vec<String>,
}

/// A disk.
#[api_object]
pub struct Disk {
    /// Type.
    #[api(rename = "Type")]
    pub kind: DiskKind,
    /// GB.
    pub size: u32,
    /// Boot disk or not.
    pub is_boot: Option<bool>,
}

/// A disk of a machine.
#[api_model]
pub struct DiskInfo {
    /// Id.
    pub disk_id: String,
    /// GB.
    pub size: i64,
    /// Type.
    pub disk_type: DiskKind,
}

/// A machine.
#[api_model]
pub struct Machine {
    /// Id.
    #[api(rename = "UHostId")]
    pub id: String,
    /// State.
    pub state: State,
    /// Cores.
    #[api(rename = "CPU")]
    pub cpu: i32,
    /// Disks.
    pub disk_set: Vec<DiskInfo>,
    /// Password of the console.
    #[api(secret)]
    pub vnc_password: String,
    /// Price.
    pub price: f64,
    /// Flag.
    pub boot: Option<bool>,
}

/// Creates machines.
#[api_action("CreateMachine", common(region, zone))]
#[response(
    /// New ids.
    #[api(rename = "UHostIds")]
    ids: Vec<String>,
)]
pub struct CreateMachine {
    /// Image.
    pub image_id: String,
    /// Login password.
    #[api(base64, secret)]
    pub password: Option<String>,
    /// Disks.
    pub disks: Vec<Disk>,
    /// Interfaces.
    pub network_interface: Vec<Nic>,
    /// Cores.
    #[api(rename = "CPU")]
    pub cpu: Option<i32>,
    /// Price ceiling.
    pub max_price: Option<f64>,
    /// Group.
    pub state: Option<State>,
}

/// Lists machines.
#[api_action("DescribeMachine", paginate(offset = offset, limit = limit, total = total_count, items = machine_set))]
#[response(
    /// How many machines match.
    total_count: i32,
    /// This page of machines.
    machine_set: Vec<Machine>,
)]
pub struct DescribeMachine {
    /// Offset.
    pub offset: Option<i32>,
    /// Limit.
    pub limit: Option<i32>,
}

fn client() -> Client {
    Client::builder()
        .credential(Credential::new("pk", "sk"))
        .region("cn-bj2")
        .zone("cn-bj2-02")
        .build()
        .unwrap()
}

fn pairs(body: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(body.as_bytes())
        .into_owned()
        .filter(|(k, _)| !matches!(k.as_str(), "Signature" | "PublicKey" | "Action"))
        .collect()
}

#[test]
fn nested_objects_arrays_enums_and_base64_encode_by_wire_name() {
    let request = CreateMachine::new("uimage-1")
        .password("P@ssw0rd!")
        .disks([
            Disk::new(DiskKind::CloudSsd, 40u32).is_boot(true),
            Disk::new(DiskKind::Unknown("CLOUD_FUTURE".into()), 100u32),
        ])
        .network_interface([Nic::default()
            .eip(Eip::new(2u32).pay_mode("Bandwidth"))
            .ips(["10.0.0.1"])])
        .cpu(2)
        .max_price(0.5)
        .state(State::InstallFail);
    let got = pairs(&client().encode(&request).unwrap());
    let expected = [
        ("CPU", "2"),
        ("Disks.0.IsBoot", "true"),
        ("Disks.0.Size", "40"),
        ("Disks.0.Type", "CLOUD_SSD"),
        ("Disks.1.Size", "100"),
        ("Disks.1.Type", "CLOUD_FUTURE"),
        ("ImageId", "uimage-1"),
        ("MaxPrice", "0.5"),
        ("NetworkInterface.0.EIP.Bandwidth", "2"),
        ("NetworkInterface.0.EIP.PayMode", "Bandwidth"),
        ("NetworkInterface.0.IPs.0", "10.0.0.1"),
        ("Password", "UEBzc3cwcmQh"),
        ("Region", "cn-bj2"),
        ("State", "Install Fail"),
        ("Zone", "cn-bj2-02"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn metadata_records_kinds_flags_docs_and_nested_fields() {
    let meta = CreateMachine::META;
    assert_eq!(meta.name, "CreateMachine");
    assert_eq!(meta.doc, "Creates machines.");
    assert!(
        !meta.retryable,
        "Create… actions are not retried by default"
    );
    assert!(
        DescribeMachine::META.retryable,
        "Describe… actions are retried by default"
    );
    let find = |name: &str| meta.params.iter().find(|p| p.wire_name == name).unwrap();
    assert!(find("Region").common && find("Region").required);
    assert!(find("ImageId").required && !find("ImageId").common);
    assert!(!find("CPU").required);
    let password = find("Password");
    assert!(password.secret && password.base64);
    assert_eq!(password.doc, "Login password.");
    let disks = find("Disks");
    assert_eq!(disks.kind, ParamKind::Array(&ParamKind::Object));
    let disk_fields: Vec<&str> = disks.fields.iter().map(|f| f.wire_name).collect();
    assert_eq!(disk_fields, ["Type", "Size", "IsBoot"]);
    assert_eq!(find("State").kind, ParamKind::String);
    assert_eq!(find("MaxPrice").kind, ParamKind::Float);
    assert_eq!(
        <Nic as ParamValue>::FIELDS[0].fields[0].wire_name,
        "Bandwidth"
    );
}

#[test]
fn debug_redacts_secrets() {
    let request = CreateMachine::new("img").password("hunter2-secret");
    let text = format!("{request:?}");
    assert!(
        text.contains("img") && !text.contains("hunter2-secret"),
        "{text}"
    );
    let machine = Machine {
        vnc_password: "vnc-secret".into(),
        ..Machine::default()
    };
    assert!(!format!("{machine:?}").contains("vnc-secret"));
}

#[test]
fn responses_decode_leniently_by_wire_name() {
    let body = br#"{"RetCode":0,"Action":"DescribeMachineResponse","TotalCount":"2","MachineSet":[
        {"UHostId":"uhost-1","State":"Install Fail","CPU":"4","DiskSet":[{"DiskId":"d1","Size":"20","DiskType":"CLOUD_SSD"}],"Price":"1.5","Boot":null,"New":1},
        {"UHostId":"uhost-2","State":"Hibernating","DiskSet":null}
    ]}"#;
    let response: DescribeMachineResponse =
        api_core::envelope::decode("DescribeMachine", body, None).unwrap();
    assert_eq!(response.total_count, 2);
    let [first, second] = &response.machine_set[..] else {
        panic!("expected two machines: {response:?}");
    };
    assert_eq!(first.state, State::InstallFail);
    assert_eq!(first.cpu, 4);
    assert_eq!(first.price, 1.5);
    assert_eq!(first.boot, None);
    assert_eq!(first.disk_set[0].disk_type, DiskKind::CloudSsd);
    assert_eq!(first.disk_set[0].size, 20);
    assert_eq!(second.state, State::Unknown("Hibernating".into()));
    assert_eq!(second.state.as_str(), "Hibernating");
    assert!(second.disk_set.is_empty());
    assert_eq!(second.cpu, 0);
}

#[test]
fn an_alias_reads_as_its_variant_which_writes_its_own_value() {
    for (text, state) in [
        ("Install Fail", State::InstallFail),
        ("InstallFail", State::InstallFail),
        ("Terminated", State::Terminated),
        ("Deleted", State::Terminated),
        ("Removed", State::Terminated),
    ] {
        assert_eq!(State::from(text), state, "{text}");
        let json = format!("{text:?}");
        assert_eq!(serde_json::from_str::<State>(&json).unwrap(), state);
    }
    assert_eq!(State::from("InstallFail").as_str(), "Install Fail");
    assert_eq!(
        State::from(String::from("Removed")).to_string(),
        "Terminated"
    );
    assert_eq!(State::ALL.len(), 3, "aliases are not values of their own");
}

#[test]
fn enums_round_trip_known_and_unknown_values() {
    for value in DiskKind::ALL {
        assert_eq!(&DiskKind::from(value.as_str()), value);
    }
    assert_eq!(DiskKind::from("LOCAL_NORMAL"), DiskKind::LocalNormal);
    assert_eq!(State::from("Install Fail").to_string(), "Install Fail");
    let unknown: State = "Frozen".parse().unwrap();
    assert_eq!(unknown, State::Unknown("Frozen".into()));
    assert_eq!(serde_json::to_string(&unknown).unwrap(), "\"Frozen\"");
    let back: State = serde_json::from_str("\"Frozen\"").unwrap();
    assert_eq!(back, unknown);
    assert_eq!(State::default(), State::Unknown(String::new()));
}

#[test]
fn paging_fields_are_wired_to_the_paginator_contract() {
    let mut request = DescribeMachine::default();
    assert_eq!(request.page_offset(), None);
    request.set_page_offset(20);
    request.set_page_limit(10);
    assert_eq!((request.offset, request.limit), (Some(20), Some(10)));
    let response = DescribeMachineResponse {
        total_count: 3,
        machine_set: vec![Machine::default()],
    };
    let Page { items, total_count } = DescribeMachine::into_page(response);
    assert_eq!((items.len(), total_count), (1, Some(3)));
}

#[test]
fn a_required_array_or_common_parameter_is_checked_before_sending() {
    let client = Client::builder()
        .credential(Credential::new("pk", "sk"))
        .region("cn-bj2")
        .build()
        .unwrap();
    let err = client.encode(&CreateMachine::new("img")).unwrap_err();
    assert!(err.to_string().contains("`Zone` is required"), "{err}");
}

/// Releases an elastic IP: safe to repeat, so retried by default.
#[api_action("ReleaseEIP")]
pub struct ReleaseEip {
    /// The address.
    #[api(rename = "EIPId")]
    pub eip_id: String,
}

/// Allocates an elastic IP, but declared safe to repeat.
#[api_action("AllocateEIP", retryable)]
pub struct AllocateEip {}

/// Stops a thing; the service does not treat it as safe to repeat.
#[api_action("StopThing", not_retryable)]
pub struct StopThing {}

#[test]
fn every_action_is_retried_unless_its_verb_makes_something_new_or_it_says_so() {
    assert!(ReleaseEip::META.retryable);
    assert!(!CreateMachine::META.retryable);
    assert!(AllocateEip::META.retryable);
    assert!(!StopThing::META.retryable);
}

/// Lists machines of a zone, a page at a time, with their disks and
/// prices.
///
/// Only the first paragraph goes into the metadata.
#[api_action("DescribeZoneMachine", common(region, zone?))]
pub struct DescribeZoneMachine {
    /// The machines to list, by id; every machine of the zone when
    /// empty.
    ///
    /// At most 100.
    pub ids: Vec<String>,
}

#[test]
fn metadata_docs_keep_the_whole_first_paragraph() {
    let meta = DescribeZoneMachine::META;
    assert_eq!(
        meta.doc,
        "Lists machines of a zone, a page at a time, with their disks and prices."
    );
    let ids = meta.params.iter().find(|p| p.wire_name == "Ids").unwrap();
    assert_eq!(
        ids.doc,
        "The machines to list, by id; every machine of the zone when empty."
    );
    let names: Vec<&str> = meta.params.iter().map(|p| p.wire_name).collect();
    assert_eq!(names, ["Region", "Zone", "Ids"]);
}

#[test]
fn answers_serialize_to_the_api_json_and_back() {
    let body = br#"{"RetCode":0,"TotalCount":"1","MachineSet":[
        {"UHostId":"uhost-1","State":"Install Fail","CPU":4,"DiskSet":[{"DiskId":"d1","Size":20,"DiskType":"CLOUD_FUTURE"}],"VncPassword":"vnc-secret","Price":1.5,"Boot":true,"New":1}
    ]}"#;
    let response: DescribeMachineResponse =
        api_core::envelope::decode("DescribeMachine", body, None).unwrap();
    let json = serde_json::to_value(&response).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "TotalCount": 1,
            "MachineSet": [{
                "UHostId": "uhost-1",
                "State": "Install Fail",
                "CPU": 4,
                "DiskSet": [{"DiskId": "d1", "Size": 20, "DiskType": "CLOUD_FUTURE"}],
                "VncPassword": "vnc-secret",
                "Price": 1.5,
                "Boot": true,
            }]
        })
    );
    let back: DescribeMachineResponse = serde_json::from_value(json).unwrap();
    assert_eq!(back, response);
}

/// The macros' code reaches `api_core` through the path `crate = "..."`
/// gives, as a crate that renames the dependency needs.
pub mod renamed {
    /// Where this module finds the runtime.
    pub mod sdk {
        pub use api_core::*;
    }

    /// A size.
    #[api_core::api_enum(crate = "crate::renamed::sdk")]
    pub enum Size {
        /// Small.
        Small,
    }

    /// A disk.
    #[api_core::api_object(crate = "crate::renamed::sdk")]
    pub struct Disk {
        /// Its size.
        pub size: Size,
    }

    /// A volume.
    #[api_core::api_model(crate = "crate::renamed::sdk")]
    pub struct Volume {
        /// Its id.
        pub volume_id: String,
    }

    /// Describes volumes.
    #[api_core::api_action("DescribeVolume", crate = "crate::renamed::sdk", common())]
    #[response(volume_set: Vec<Volume>)]
    pub struct DescribeVolume {
        /// Disks.
        pub disks: Vec<Disk>,
    }
}

#[test]
fn a_crate_argument_resolves_the_runtime_elsewhere() {
    use renamed::{DescribeVolume, Disk, Size};
    let request = DescribeVolume::new().disks([Disk::new(Size::Small)]);
    let body = client().encode(&request).unwrap();
    assert_eq!(
        pairs(&body),
        [("Disks.0.Size".to_owned(), "Small".to_owned())]
    );
}
