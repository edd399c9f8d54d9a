//! Shared set-up of api-core's behaviour tests: a hand-written action, a
//! recording HTTP server on 127.0.0.1, and an independent signature check.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    dead_code,
    unreachable_pub
)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use api_core::{Action, ActionMeta, Client, Credential, Error, ParamKind, ParamMeta, ParamWriter};
use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use sha1::{Digest, Sha1};

pub const PUBLIC: &str = "ucloudsomeone@example.com1296235120854146120";
pub const PRIVATE: &str = "46f09bb9fab4f12dfc160dae12273d5332b5debe";

/// A hand-written action, as `#[api_action]` would generate it.
pub struct DescribeUHostInstance {
    pub region: Option<String>,
    pub zone: Option<String>,
    pub limit: Option<u32>,
    pub ids: Vec<String>,
}

#[derive(serde::Deserialize, Debug, Default)]
#[serde(default)]
pub struct DescribeUHostInstanceResponse {
    #[serde(rename = "TotalCount")]
    pub total_count: u32,
    #[serde(rename = "UHostSet")]
    pub names: Vec<String>,
}

const fn meta(wire_name: &'static str, kind: ParamKind, required: bool, common: bool) -> ParamMeta {
    ParamMeta {
        wire_name,
        kind,
        required,
        common,
        secret: false,
        base64: false,
        doc: "",
        fields: &[],
    }
}

impl Action for DescribeUHostInstance {
    type Response = DescribeUHostInstanceResponse;
    const META: &'static ActionMeta = &ActionMeta {
        name: "DescribeUHostInstance",
        params: &[
            meta("Region", ParamKind::String, true, true),
            meta("Zone", ParamKind::String, false, true),
            meta("ProjectId", ParamKind::String, false, true),
            meta("Limit", ParamKind::Int, false, false),
            meta(
                "UHostIds",
                ParamKind::Array(&ParamKind::String),
                false,
                false,
            ),
        ],
        retryable: true,
        doc: "Describes instances (a subset, written by hand).",
    };
    fn write_params<'a>(&'a self, w: &mut ParamWriter<'_, 'a>) -> Result<(), Error> {
        w.field("Region", &self.region)?;
        w.field("Zone", &self.zone)?;
        w.field("Limit", &self.limit)?;
        w.field("UHostIds", &self.ids)
    }
}

pub fn describe() -> DescribeUHostInstance {
    DescribeUHostInstance {
        region: None,
        zone: None,
        limit: Some(10),
        ids: vec![],
    }
}

#[derive(Debug, Clone)]
pub struct Seen {
    pub method: Method,
    pub content_type: String,
    pub user_agent: String,
    pub headers: HeaderMap,
    pub body: String,
}

pub type Reply = Arc<dyn Fn() -> Response + Send + Sync>;

/// Starts a server that records each request and answers with `reply`.
pub async fn server(
    reply: impl Fn() -> Response + Send + Sync + 'static,
) -> (String, Arc<Mutex<Vec<Seen>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let reply: Reply = Arc::new(reply);
    let log = Arc::clone(&seen);
    let app =
        axum::Router::new().fallback(move |method: Method, headers: HeaderMap, body: Bytes| {
            let (log, reply) = (Arc::clone(&log), Arc::clone(&reply));
            async move {
                let header = |name: &str| {
                    headers
                        .get(name)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or_default()
                        .to_owned()
                };
                log.lock().unwrap().push(Seen {
                    method,
                    content_type: header("content-type"),
                    user_agent: header("user-agent"),
                    headers: headers.clone(),
                    body: String::from_utf8(body.to_vec()).unwrap(),
                });
                reply()
            }
        });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{addr}"), seen)
}

pub fn json(status: StatusCode, body: &'static str) -> Response {
    (
        status,
        [
            ("content-type", "application/json"),
            ("x-ucloud-request-uuid", "req-1234"),
        ],
        body,
    )
        .into_response()
}

pub fn client(base_url: &str) -> Client {
    Client::builder()
        .credential(Credential::new(PUBLIC, PRIVATE))
        .region("cn-bj2")
        .base_url(base_url)
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap()
}

/// The signature recomputed independently from the received form body.
pub fn expected_signature(pairs: &[(String, String)], private_key: &str) -> String {
    let mut sorted: Vec<&(String, String)> =
        pairs.iter().filter(|(k, _)| k != "Signature").collect();
    sorted.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let mut hasher = Sha1::new();
    for (k, v) in sorted {
        hasher.update(k.as_bytes());
        hasher.update(v.as_bytes());
    }
    hasher.update(private_key.as_bytes());
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub fn form(body: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(body.as_bytes())
        .into_owned()
        .collect()
}
