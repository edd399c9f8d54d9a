//! Interceptors against an in-process HTTP server on 127.0.0.1: what each
//! hook sees, what it can change, and in which order hooks run.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use api_core::intercept::{AttemptInfo, CallInfo, Interceptor, Outcome};
use api_core::transport::{HeaderValue, HttpRequest};
use api_core::{Client, Credential, Error, Params, RetryPolicy};
use axum::http::StatusCode;
use support::*;

/// Records every hook call as a line of text.
#[derive(Debug, Clone, Default)]
struct Recorder {
    name: &'static str,
    lines: Arc<Mutex<Vec<String>>>,
}

impl Recorder {
    fn named(name: &'static str, lines: &Arc<Mutex<Vec<String>>>) -> Self {
        Recorder {
            name,
            lines: Arc::clone(lines),
        }
    }

    fn push(&self, line: String) {
        self.lines
            .lock()
            .unwrap()
            .push(format!("{}:{line}", self.name));
    }
}

impl Interceptor for Recorder {
    fn before_sign(&self, call: &CallInfo<'_>, _params: &mut Params<'_>) -> Result<(), Error> {
        let declared = call.meta.map(|m| m.name).unwrap_or("undeclared");
        self.push(format!("before_sign {} ({declared})", call.action));
        Ok(())
    }

    fn before_send(&self, _call: &CallInfo<'_>, request: &mut HttpRequest) -> Result<(), Error> {
        self.push(format!(
            "before_send signed={}",
            request.body.contains("Signature=")
        ));
        Ok(())
    }

    fn after_attempt(&self, _call: &CallInfo<'_>, attempt: &AttemptInfo<'_>) {
        self.push(format!(
            "after_attempt {} status={:?} uuid={:?} failed={}",
            attempt.attempt,
            attempt.status,
            attempt.request_uuid,
            attempt.error.is_some()
        ));
    }

    fn on_outcome(&self, _call: &CallInfo<'_>, outcome: &Outcome<'_>) {
        self.push(format!(
            "on_outcome attempts={} failed={}",
            outcome.attempts,
            outcome.error.is_some()
        ));
    }
}

/// Adds a header to every attempt.
#[derive(Debug)]
struct TraceId;

impl Interceptor for TraceId {
    fn before_send(&self, _call: &CallInfo<'_>, request: &mut HttpRequest) -> Result<(), Error> {
        request
            .headers
            .insert("x-trace-id", HeaderValue::from_static("trace-7f3a"));
        Ok(())
    }
}

/// Adds `Channel` to every call.
#[derive(Debug)]
struct Channel;

impl Interceptor for Channel {
    fn before_sign(&self, _call: &CallInfo<'_>, params: &mut Params<'_>) -> Result<(), Error> {
        params.push("Channel", "batch-jobs");
        Ok(())
    }
}

fn builder(url: &str) -> api_core::ClientBuilder {
    Client::builder()
        .credential(Credential::new(PUBLIC, PRIVATE))
        .region("cn-bj2")
        .base_url(url)
        .timeout(Duration::from_secs(5))
        .retry(RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(1),
            max_backoff: Duration::from_millis(2),
        })
}

const OK: &str =
    r#"{"Action":"DescribeUHostInstanceResponse","RetCode":0,"TotalCount":1,"UHostSet":["a"]}"#;

#[tokio::test]
async fn hooks_see_each_stage_in_order_across_retries() {
    let replies = AtomicU32::new(0);
    let (url, _) = server(move || {
        if replies.fetch_add(1, Ordering::SeqCst) < 2 {
            json(StatusCode::SERVICE_UNAVAILABLE, "busy")
        } else {
            json(StatusCode::OK, OK)
        }
    })
    .await;
    let lines = Arc::new(Mutex::new(Vec::new()));
    let client = builder(&url)
        .interceptor(Recorder::named("client", &lines))
        .build()
        .unwrap();
    client
        .request(describe())
        .interceptor(Recorder::named("call", &lines))
        .await
        .unwrap();
    let lines = lines.lock().unwrap().clone();
    assert_eq!(
        lines,
        [
            "client:before_sign DescribeUHostInstance (DescribeUHostInstance)",
            "call:before_sign DescribeUHostInstance (DescribeUHostInstance)",
            "client:before_send signed=true",
            "call:before_send signed=true",
            "client:after_attempt 1 status=Some(503) uuid=Some(\"req-1234\") failed=true",
            "call:after_attempt 1 status=Some(503) uuid=Some(\"req-1234\") failed=true",
            "client:before_send signed=true",
            "call:before_send signed=true",
            "client:after_attempt 2 status=Some(503) uuid=Some(\"req-1234\") failed=true",
            "call:after_attempt 2 status=Some(503) uuid=Some(\"req-1234\") failed=true",
            "client:before_send signed=true",
            "call:before_send signed=true",
            "client:after_attempt 3 status=Some(200) uuid=Some(\"req-1234\") failed=false",
            "call:after_attempt 3 status=Some(200) uuid=Some(\"req-1234\") failed=false",
            "client:on_outcome attempts=3 failed=false",
            "call:on_outcome attempts=3 failed=false",
        ]
    );
}

#[tokio::test]
async fn a_header_added_before_sending_reaches_the_server() {
    let (url, seen) = server(|| json(StatusCode::OK, OK)).await;
    let client = builder(&url).interceptor(TraceId).build().unwrap();
    client.send(describe()).await.unwrap();
    let seen = seen.lock().unwrap()[0].clone();
    assert_eq!(seen.headers["x-trace-id"], "trace-7f3a");
    assert_eq!(seen.content_type, "application/x-www-form-urlencoded");
}

#[tokio::test]
async fn a_parameter_added_before_signing_is_sent_and_signed() {
    let (url, seen) = server(|| json(StatusCode::OK, OK)).await;
    let client = builder(&url).interceptor(Channel).build().unwrap();
    client.send(describe()).await.unwrap();
    let _: serde_json::Value = client
        .invoke("DescribeUHostInstance", serde_json::json!({"Limit": 1}))
        .await
        .unwrap();
    for seen in seen.lock().unwrap().iter() {
        let pairs = form(&seen.body);
        assert!(
            pairs.contains(&("Channel".into(), "batch-jobs".into())),
            "{pairs:?}"
        );
        let signature = &pairs.iter().find(|(k, _)| k == "Signature").unwrap().1;
        assert_eq!(*signature, expected_signature(&pairs, PRIVATE));
    }
}

#[tokio::test]
async fn a_hook_error_ends_the_call_before_anything_is_sent() {
    #[derive(Debug)]
    struct Refuse;
    impl Interceptor for Refuse {
        fn before_sign(&self, call: &CallInfo<'_>, _: &mut Params<'_>) -> Result<(), Error> {
            Err(Error::Config {
                message: format!("{} is not allowed here", call.action),
            })
        }
    }
    let (url, seen) = server(|| json(StatusCode::OK, OK)).await;
    let lines = Arc::new(Mutex::new(Vec::new()));
    let client = builder(&url)
        .interceptor(Refuse)
        .interceptor(Recorder::named("after", &lines))
        .build()
        .unwrap();
    let err = client.send(describe()).await.unwrap_err();
    assert!(
        err.to_string()
            .contains("DescribeUHostInstance is not allowed here"),
        "{err}"
    );
    assert!(seen.lock().unwrap().is_empty(), "nothing was sent");
    assert_eq!(
        *lines.lock().unwrap(),
        ["after:on_outcome attempts=0 failed=true"],
        "later hooks are skipped, but the outcome is reported"
    );
}

#[tokio::test]
async fn an_undeclared_call_has_no_metadata() {
    let (url, _) = server(|| json(StatusCode::OK, OK)).await;
    let lines = Arc::new(Mutex::new(Vec::new()));
    let client = builder(&url).build().unwrap();
    let _: serde_json::Value = client
        .invoke("DescribeUHostInstance", serde_json::json!({}))
        .interceptor(Recorder::named("call", &lines))
        .await
        .unwrap();
    assert_eq!(
        lines.lock().unwrap()[0],
        "call:before_sign DescribeUHostInstance (undeclared)"
    );
}
