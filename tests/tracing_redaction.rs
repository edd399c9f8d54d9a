//! The tracing output of calls shows what happened and never a secret.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use api_core::retcode;
use api_emulator::{Fault, FaultKind};
use base64::Engine as _;
use support::Captured;

const PASSWORD: &str = "Sup3r-Secret-Pw!";
const USER_DATA: &str = "#!/bin/sh\necho user-data-secret";

#[tokio::test]
async fn a_failing_call_with_a_password_logs_no_secret() {
    let emu =
        support::emulator(
            [Fault::new(FaultKind::RetCode(retcode::SERVICE_UNAVAILABLE))
                .action("CreateUHostInstance")],
        )
        .await;
    let client = support::client_builder(&emu)
        .credential(
            api_core::Credential::new(support::PUBLIC_KEY, support::PRIVATE_KEY)
                .with_security_token("sts-token-secret"),
        )
        .build()
        .unwrap();
    let image = support::linux_image(&client).await;
    let request = support::new_instances(&image, 1).user_data(USER_DATA);
    let body = client.encode(&request).unwrap();
    let signature = form_urlencoded::parse(body.as_bytes())
        .find(|(k, _)| k == "Signature")
        .map(|(_, v)| v.into_owned())
        .unwrap();

    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(captured.clone())
        .with_ansi(false)
        .finish();
    let err = {
        let _guard = tracing::subscriber::set_default(subscriber);
        let err = client
            .request(request)
            .idempotent()
            .max_attempts(2)
            .await
            .unwrap_err();
        // A generic call with a password-like parameter, too.
        let _ = client
            .invoke(
                "ResetUHostInstancePassword",
                serde_json::json!({"UHostId": "uhost-x", "Password": PASSWORD}),
            )
            .await;
        err
    };
    assert_eq!(err.code(), Some(retcode::SERVICE_UNAVAILABLE));
    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();

    // What happened is there.
    for needle in [
        "api_call",
        "CreateUHostInstance",
        "attempt",
        "retrying",
        "request_uuid",
        "api_error",
        "Password=<redacted>",
        "UserData=<redacted>",
        "ImageId",
    ] {
        assert!(log.contains(needle), "missing {needle:?} in:\n{log}");
    }
    assert!(
        log.contains(err.request_uuid().unwrap()),
        "the request UUID is traced"
    );
    // No secret is.
    let encoded = base64::engine::general_purpose::STANDARD.encode(PASSWORD);
    for secret in [
        PASSWORD,
        encoded.as_str(),
        "user-data-secret",
        support::PRIVATE_KEY,
        "sts-token-secret",
        signature.as_str(),
    ] {
        assert!(!log.contains(secret), "{secret:?} leaked into:\n{log}");
    }
}

/// A subscriber that wants the parameters' trace and nothing else at that
/// level gets it: the client collects the parameters for it instead of
/// streaming them into the body.
#[tokio::test]
async fn the_parameters_trace_alone_is_written_when_asked_for() {
    let emu = support::emulator([]).await;
    let client = support::client_builder(&emu).build().unwrap();
    let image = support::linux_image(&client).await;
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new(
            "warn,api_core::orchestrate=trace",
        ))
        .with_writer(captured.clone())
        .with_ansi(false)
        .finish();
    {
        let _guard = tracing::subscriber::set_default(subscriber);
        client
            .send(support::new_instances(&image, 1).password(PASSWORD))
            .await
            .unwrap();
    }
    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(log.contains("request parameters"), "{log}");
    assert!(log.contains("Password=<redacted>"), "{log}");
    assert!(!log.contains(PASSWORD), "{log}");
}
