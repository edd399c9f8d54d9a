//! CreateCustomImage against the reference page's example request and
//! answer.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use api_core::{Action, Client, Credential, ParamKind};
use api_uhost::images::{CreateCustomImage, CreateCustomImageResponse};

fn client() -> Client {
    Client::builder()
        .credential(Credential::new(
            "ucloudsomeone@example.com1296235120854146120",
            "46f09bb9fab4f12dfc160dae12273d5332b5debe",
        ))
        .region("cn-bj2")
        .project_id("org-xxx")
        .build()
        .unwrap()
}

#[test]
fn the_example_request_encodes_to_the_exact_parameters_and_signature() {
    let request = CreateCustomImage::new("uhost-xxx", "Test")
        .data_udisk_ids(["TtzKXtvV"])
        .tag("bSyBHVKz");
    let body = client().encode(&request).unwrap();
    let pairs: Vec<(String, String)> = form_pairs(&body);
    let expected = [
        ("Action", "CreateCustomImage"),
        ("DataUDiskIds.0", "TtzKXtvV"),
        ("ImageName", "Test"),
        ("ProjectId", "org-xxx"),
        ("PublicKey", "ucloudsomeone@example.com1296235120854146120"),
        ("Region", "cn-bj2"),
        ("Tag", "bSyBHVKz"),
        ("UHostId", "uhost-xxx"),
        // sha1 of the sorted pairs and the private key, computed outside
        // this project.
        ("Signature", "bc00b889083b2e378e460c03667d839cdc489374"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    assert_eq!(pairs, expected);
}

#[test]
fn the_example_answer_decodes() {
    let body = br#"{
      "Action": "CreateCustomImageResponse",
      "DataSnapshotIds": ["hoSgBxwr"],
      "ImageId": "uimage-xxx",
      "RetCode": 0
    }"#;
    let response: CreateCustomImageResponse =
        api_core::envelope::decode("CreateCustomImage", body, None).unwrap();
    assert_eq!(response.image_id, "uimage-xxx");
    assert_eq!(response.data_snapshot_ids, ["hoSgBxwr"]);
}

#[test]
fn metadata_describes_every_parameter() {
    let meta = CreateCustomImage::META;
    assert_eq!(meta.name, "CreateCustomImage");
    assert!(!meta.retryable, "creating an image is not safe to repeat");
    let summary: Vec<(&str, ParamKind, bool, bool)> = meta
        .params
        .iter()
        .map(|p| (p.wire_name, p.kind, p.required, p.common))
        .collect();
    assert_eq!(
        summary,
        [
            ("Region", ParamKind::String, true, true),
            ("Zone", ParamKind::String, false, true),
            ("ProjectId", ParamKind::String, false, true),
            ("UHostId", ParamKind::String, true, false),
            ("ImageName", ParamKind::String, true, false),
            ("ImageDescription", ParamKind::String, false, false),
            ("Tag", ParamKind::String, false, false),
            (
                "DataUDiskIds",
                ParamKind::Array(&ParamKind::String),
                false,
                false
            ),
        ]
    );
    assert_eq!(meta.params[3].doc, "The instance to image.");
}

fn form_pairs(body: &str) -> Vec<(String, String)> {
    body.split('&')
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap();
            (k.to_string(), v.replace("%40", "@"))
        })
        .collect()
}
