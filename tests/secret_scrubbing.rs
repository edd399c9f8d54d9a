//! A server that echoes the request back cannot make the client reveal a
//! secret: not in the error's `Display` or `Debug`, not in the logs.
//!
//! The server below answers every request with the raw form body it got,
//! as an API error message, an HTTP 500 body, inside malformed JSON, or as
//! the message of a retryable gateway error (which the client also logs
//! when it retries). The request carries a password, cloud-init user data
//! with a credential in it, and an STS token, and is signed with a private
//! key; none of them, in any form the body carries them, may come back
//! out, whole or in part.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use api_core::{Client, Credential, Error, RetryPolicy, retcode};
use api_uhost::disks::DiskType;
use api_uhost::instances::{CreateUHostInstance, LoginMode, UHostDisk};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use support::Captured;

const PUBLIC_KEY: &str = "public-key-echo";
const PRIVATE_KEY: &str = "pk-secret-7f3a9c1e5b2d";
const TOKEN: &str = "sts-tok-4d2e8a6b9c01";
const PASSWORD: &str = "S3cret-Passw0rd!";
/// The credential inside the cloud-init script.
const SCRIPT_CREDENTIAL: &str = "fake-cloud-init-credential-4d1f";

/// Parts of a secret at least this long must not show either: an excerpt
/// cut in the middle of a secret still leaks its beginning.
const PIECE: usize = 10;

/// The RetCode the service gives a missing or invalid parameter; the
/// reference's error lists do not document it, so `retcode` has no name
/// for it.
const INVALID_PARAMS: i64 = 230;

/// What the echoing server does with the request body.
#[derive(Debug, Clone, Copy)]
enum Echo {
    /// [`INVALID_PARAMS`] with the body as `Message`.
    ApiError,
    /// HTTP 500 with the body as the response body.
    HttpError,
    /// HTTP 200 with JSON that breaks off inside the body.
    MalformedJson,
    /// [`retcode::SERVICE_UNAVAILABLE`] (retryable) with the body as
    /// `Message`.
    RetryableApiError,
}

fn b64(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(text)
}

fn form_encoded(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// The user data: a base64 cloud-init script that writes a credential.
fn user_data() -> String {
    b64(&format!(
        "#cloud-config\nwrite_files:\n  - path: /etc/app/env\n    content: \"API_SECRET={SCRIPT_CREDENTIAL}\"\n"
    ))
}

/// Starts the echoing server on 127.0.0.1; returns its URL and the bodies
/// it received.
async fn echo_server(echo: Echo) -> (String, Arc<Mutex<Vec<String>>>) {
    let bodies = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&bodies);
    let app = axum::Router::new().fallback(move |body: axum::body::Bytes| {
        let seen = Arc::clone(&seen);
        async move {
            let body = String::from_utf8(body.to_vec()).unwrap();
            seen.lock().unwrap().push(body.clone());
            let api_error = |code: i64| {
                serde_json::json!({
                    "RetCode": code,
                    "Message": body,
                    "Action": "CreateUHostInstanceResponse",
                })
                .to_string()
            };
            let response: Response = match echo {
                Echo::ApiError => api_error(INVALID_PARAMS).into_response(),
                Echo::RetryableApiError => api_error(retcode::SERVICE_UNAVAILABLE).into_response(),
                Echo::HttpError => (StatusCode::INTERNAL_SERVER_ERROR, body).into_response(),
                Echo::MalformedJson => format!("{{\"RetCode\":0,\"Echo\":\"{body}").into_response(),
            };
            response
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, bodies)
}

/// What one call against the echoing server left behind.
struct Outcome {
    error: Error,
    log: String,
    /// The request bodies the server received.
    bodies: Vec<String>,
}

/// Sends a CreateUHostInstance with every kind of secret to a server that
/// echoes it as `echo` says, capturing everything logged at TRACE level on
/// this thread meanwhile.
fn call_echoing_server(echo: Echo) -> Outcome {
    call_echoing_server_logging(echo, tracing::Level::TRACE)
}

/// The same, capturing what is logged at `level` and above. Below TRACE
/// the client streams the call's parameters into its body instead of
/// collecting them, and works them out again only to scrub an error.
fn call_echoing_server_logging(echo: Echo, level: tracing::Level) -> Outcome {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(level)
        .with_writer(captured.clone())
        .with_ansi(false)
        .finish();
    let (error, bodies) = tracing::subscriber::with_default(subscriber, || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let (url, bodies) = echo_server(echo).await;
            let client = Client::builder()
                .credential(Credential::new(PUBLIC_KEY, PRIVATE_KEY).with_security_token(TOKEN))
                .base_url(url)
                .region("cn-bj2")
                .zone("cn-bj2-02")
                .timeout(Duration::from_secs(10))
                .retry(RetryPolicy {
                    max_attempts: 2,
                    initial_backoff: Duration::from_millis(1),
                    max_backoff: Duration::from_millis(5),
                })
                .build()
                .unwrap();
            let action = CreateUHostInstance::new("uimage-echo", LoginMode::Password)
                .password(PASSWORD)
                .user_data(user_data())
                .disks([UHostDisk::boot(DiskType::CloudSsd, 20)]);
            let error = client
                .request(action)
                .idempotent()
                .max_attempts(2)
                .await
                .expect_err("the echoing server never answers with success");
            let bodies = bodies.lock().unwrap().clone();
            (error, bodies)
        })
    });
    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    Outcome { error, log, bodies }
}

/// Every secret of the call, named, in each form the request carries it
/// (and the plain forms the caller knows).
fn secrets(bodies: &[String]) -> Vec<(&'static str, String)> {
    let signatures: Vec<String> = bodies
        .iter()
        .map(|body| {
            form_urlencoded::parse(body.as_bytes())
                .find(|(k, _)| k == "Signature")
                .map(|(_, v)| v.into_owned())
                .expect("every request is signed")
        })
        .collect();
    let signature = signatures[0].clone();
    assert_eq!(signature.len(), 40, "{signature}");
    assert!(
        signatures.iter().all(|s| *s == signature),
        "the parameters, and so the signature, are the same on every attempt: {signatures:?}"
    );
    let password = b64(PASSWORD);
    let user_data = user_data();
    let secrets = vec![
        ("the password", PASSWORD.to_owned()),
        ("the password in base64", password.clone()),
        ("the password as sent", form_encoded(&password)),
        ("the user data", user_data.clone()),
        ("the user data as sent", form_encoded(&user_data)),
        (
            "the credential in the user data",
            SCRIPT_CREDENTIAL.to_owned(),
        ),
        ("the private key", PRIVATE_KEY.to_owned()),
        ("the security token", TOKEN.to_owned()),
        ("the signature", signature),
    ];
    // The echo does carry the secrets: the test would prove nothing
    // otherwise.
    for body in bodies {
        for (what, secret) in &secrets[..] {
            let on_the_wire = matches!(
                *what,
                "the password as sent"
                    | "the user data as sent"
                    | "the security token"
                    | "the signature"
            );
            if on_the_wire {
                assert!(body.contains(secret.as_str()), "{what} is not in {body}");
            }
        }
    }
    secrets
}

/// Fails if `text` holds any secret, or a piece of one of [`PIECE`] bytes.
fn assert_no_secret(what_text: &str, text: &str, secrets: &[(&str, String)]) {
    for (what, secret) in secrets {
        assert!(
            !text.contains(secret.as_str()),
            "{what} ({secret:?}) leaked into {what_text}:\n{text}"
        );
        let bytes = secret.as_bytes();
        for start in 0..bytes.len().saturating_sub(PIECE - 1) {
            let Some(piece) = secret.get(start..start + PIECE) else {
                continue;
            };
            assert!(
                !text.contains(piece),
                "part of {what} ({piece:?} of {secret:?}) leaked into {what_text}:\n{text}"
            );
        }
    }
}

/// Checks that `outcome` reveals no secret anywhere, and returns the
/// error's `Display`.
fn assert_outcome_is_clean(outcome: &Outcome) -> String {
    assert!(!outcome.bodies.is_empty(), "the server got no request");
    let secrets = secrets(&outcome.bodies);
    let display = outcome.error.to_string();
    let debug = format!("{:?}", outcome.error);
    let pretty = format!("{:#?}", outcome.error);
    assert_no_secret("the error's Display", &display, &secrets);
    assert_no_secret("the error's Debug", &debug, &secrets);
    assert_no_secret("the error's pretty Debug", &pretty, &secrets);
    assert_no_secret("the log", &outcome.log, &secrets);
    // The log did capture the call.
    assert!(
        outcome.log.contains("api_call") && outcome.log.contains("CreateUHostInstance"),
        "nothing was logged:\n{}",
        outcome.log
    );
    display
}

#[test]
fn an_api_error_message_echoing_the_request_reveals_no_secret() {
    let outcome = call_echoing_server(Echo::ApiError);
    let display = assert_outcome_is_clean(&outcome);
    assert_eq!(outcome.error.code(), Some(INVALID_PARAMS), "{display}");
    assert_eq!(outcome.error.attempts(), 1, "{display}");
    assert!(
        display.contains(&format!("RetCode {INVALID_PARAMS}")),
        "{display}"
    );
    // The message is still there, its secrets replaced.
    assert!(
        display.contains("Action=CreateUHostInstance") && display.contains("ImageId=uimage-echo"),
        "{display}"
    );
    assert!(display.contains("<redacted>"), "{display}");
}

#[test]
fn an_http_error_body_echoing_the_request_reveals_no_secret() {
    let outcome = call_echoing_server(Echo::HttpError);
    let display = assert_outcome_is_clean(&outcome);
    assert!(
        matches!(&outcome.error, Error::HttpStatus { status: 500, .. }),
        "{:?}",
        outcome.error
    );
    assert!(display.contains("500"), "{display}");
    assert!(display.contains("Action=CreateUHostInstance"), "{display}");
}

#[test]
fn malformed_json_echoing_the_request_reveals_no_secret() {
    let outcome = call_echoing_server(Echo::MalformedJson);
    let display = assert_outcome_is_clean(&outcome);
    assert!(
        matches!(&outcome.error, Error::Decode { .. }),
        "{:?}",
        outcome.error
    );
    assert!(display.contains("could not be decoded"), "{display}");
    assert!(display.contains("Action=CreateUHostInstance"), "{display}");
}

#[test]
fn a_retried_gateway_error_echoing_the_request_reveals_no_secret_in_errors_or_logs() {
    let outcome = call_echoing_server(Echo::RetryableApiError);
    let display = assert_outcome_is_clean(&outcome);
    assert_eq!(
        outcome.error.code(),
        Some(retcode::SERVICE_UNAVAILABLE),
        "{display}"
    );
    assert_eq!(outcome.error.attempts(), 2, "{display}");
    assert_eq!(outcome.bodies.len(), 2);
    let shown = format!("RetCode {}", retcode::SERVICE_UNAVAILABLE);
    assert!(display.contains(&shown), "{display}");
    assert!(display.contains("Action=CreateUHostInstance"), "{display}");
    // The retry was logged with the error, secrets replaced.
    let retrying = outcome
        .log
        .lines()
        .find(|line| line.contains("retrying"))
        .unwrap_or_else(|| panic!("no retry was logged:\n{}", outcome.log));
    assert!(retrying.contains(&shown), "{retrying}");
    assert!(retrying.contains("<redacted>"), "{retrying}");
}

#[test]
fn streamed_calls_reveal_no_secret_either() {
    for echo in [
        Echo::ApiError,
        Echo::HttpError,
        Echo::MalformedJson,
        Echo::RetryableApiError,
    ] {
        let outcome = call_echoing_server_logging(echo, tracing::Level::DEBUG);
        let display = assert_outcome_is_clean(&outcome);
        assert!(display.contains("Action=CreateUHostInstance"), "{display}");
        assert!(
            !outcome.log.contains("request parameters"),
            "{}",
            outcome.log
        );
    }
}
