//! The client's defaults for the common parameters (`Region`, `Zone`,
//! `ProjectId`) follow one rule for `send` and `invoke`: each common
//! parameter the call takes and leaves unset gets the client's default.
//! A declared action takes those of its `common(...)` (all three unless it
//! says otherwise); a generic call takes all three.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use api_core::{Action, Client, Credential, api_action};
use axum::http::StatusCode;
use support::{PRIVATE, PUBLIC, form, json, server};

/// Declared with the default common parameters.
#[api_action("DescribeThing")]
pub struct DescribeThing {
    /// A filter.
    pub name: Option<String>,
}

/// Takes only a region.
#[api_action("DescribeRegional", common(region))]
pub struct DescribeRegional {}

/// Takes none.
#[api_action("GetAccount", common())]
pub struct GetAccount {}

fn client_with_defaults(url: &str) -> Client {
    Client::builder()
        .credential(Credential::new(PUBLIC, PRIVATE))
        .region("cn-bj2")
        .zone("cn-bj2-02")
        .project_id("org-1")
        .base_url(url)
        .build()
        .unwrap()
}

/// The common parameters of a body, with their values.
fn common_params(body: &str) -> Vec<(String, String)> {
    form(body)
        .into_iter()
        .filter(|(k, _)| matches!(k.as_str(), "Region" | "Zone" | "ProjectId"))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[tokio::test]
async fn send_and_invoke_fill_the_same_defaults() {
    let (url, seen) = server(|| json(StatusCode::OK, r#"{"RetCode":0}"#)).await;
    let client = client_with_defaults(&url);
    client.send(DescribeThing::new()).await.unwrap();
    client
        .invoke("DescribeThing", serde_json::json!({}))
        .await
        .unwrap();
    let seen = seen.lock().unwrap();
    let all = pairs(&[
        ("ProjectId", "org-1"),
        ("Region", "cn-bj2"),
        ("Zone", "cn-bj2-02"),
    ]);
    assert_eq!(common_params(&seen[0].body), all, "send");
    assert_eq!(common_params(&seen[1].body), all, "invoke");
}

#[tokio::test]
async fn values_given_win_over_defaults_in_both_paths() {
    let (url, seen) = server(|| json(StatusCode::OK, r#"{"RetCode":0}"#)).await;
    let client = client_with_defaults(&url);
    client
        .send(DescribeThing::new().zone("cn-bj2-05"))
        .await
        .unwrap();
    client
        .invoke("DescribeThing", serde_json::json!({"Zone": "cn-bj2-05"}))
        .await
        .unwrap();
    let seen = seen.lock().unwrap();
    let expected = pairs(&[
        ("ProjectId", "org-1"),
        ("Region", "cn-bj2"),
        ("Zone", "cn-bj2-05"),
    ]);
    assert_eq!(common_params(&seen[0].body), expected, "send");
    assert_eq!(common_params(&seen[1].body), expected, "invoke");
}

#[test]
fn an_action_gets_defaults_only_for_the_common_parameters_it_declares() {
    let client = client_with_defaults("http://127.0.0.1:1");
    let regional = client.encode(&DescribeRegional::new()).unwrap();
    assert_eq!(common_params(&regional), pairs(&[("Region", "cn-bj2")]));
    let account = client.encode(&GetAccount::new()).unwrap();
    assert_eq!(common_params(&account), []);
}

#[test]
fn a_client_without_defaults_sends_none() {
    let client = Client::builder()
        .credential(Credential::new(PUBLIC, PRIVATE))
        .build()
        .unwrap();
    let body = client.encode(&GetAccount::new()).unwrap();
    assert_eq!(common_params(&body), []);
    let err = client.encode(&DescribeThing::new()).unwrap_err();
    assert!(err.to_string().contains("`Region` is required"), "{err}");
}

#[test]
fn common_parameters_are_recorded_in_the_metadata() {
    let params: Vec<(&str, bool, bool)> = DescribeThing::META
        .params
        .iter()
        .map(|p| (p.wire_name, p.common, p.required))
        .collect();
    assert_eq!(
        params,
        [
            ("Region", true, true),
            ("Zone", true, false),
            ("ProjectId", true, false),
            ("Name", false, false),
        ]
    );
    assert!(GetAccount::META.params.is_empty());
}
