//! A call's span reaches a `log` logger when no `tracing` subscriber is
//! installed: `tracing` forwards spans to `log` when its `log` feature is
//! on (as it is in this crate's tests, through axum), and the client must
//! not skip the span on the grounds that no subscriber listens.
//! A test binary of its own: the logger is global to the process.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::sync::Mutex;

use axum::http::StatusCode;
use support::*;

/// Every record logged, as `target: message`.
static RECORDS: Mutex<Vec<String>> = Mutex::new(Vec::new());

struct Capture;

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata<'_>) -> bool {
        true
    }
    fn log(&self, record: &log::Record<'_>) {
        RECORDS
            .lock()
            .unwrap()
            .push(format!("{}: {}", record.target(), record.args()));
    }
    fn flush(&self) {}
}

#[tokio::test]
async fn the_call_span_reaches_a_logger_without_a_subscriber() {
    let (url, _) = server(|| {
        json(
            StatusCode::OK,
            r#"{"Action":"DescribeUHostInstanceResponse","RetCode":0,"TotalCount":0,"UHostSet":[]}"#,
        )
    })
    .await;
    let client = client(&url);
    // Quiet first: nothing is logged, and nothing breaks.
    client.send(describe()).await.unwrap();
    assert!(RECORDS.lock().unwrap().is_empty());

    log::set_logger(&Capture).unwrap();
    log::set_max_level(log::LevelFilter::Trace);
    client.send(describe()).await.unwrap();
    let records = RECORDS.lock().unwrap().join("\n");
    // Created with its action, entered, and given its fields as the call
    // goes.
    for expected in [
        "api_call; action=\"DescribeUHostInstance\"",
        "-> api_call",
        "api_call; attempts=1",
        "api_call; request_uuid=",
        "api_call; latency_ms=",
        "api_call; outcome=\"ok\"",
    ] {
        assert!(records.contains(expected), "{expected} in {records}");
    }
}
