//! Every gateway check of the emulator, seen through the SDK: the RetCode,
//! the message and the request UUID reach the caller, and none is retried.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::sync::Arc;
use std::time::Duration;

use api_core::transport::{
    BoxFuture, HttpRequest, HttpResponse, HttpTransport, Transport, TransportError,
};
use api_core::{Client, Credential, Error, retcode};
use api_uhost::instances::DescribeUHostInstance;

/// A transport that removes one parameter from every body before sending:
/// a way to make requests the SDK itself would never make.
#[derive(Debug)]
struct Without {
    name: &'static str,
    inner: HttpTransport,
}

impl Transport for Without {
    fn send(
        &self,
        mut request: HttpRequest,
    ) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        request.body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(
                form_urlencoded::parse(request.body.as_bytes()).filter(|(k, _)| k != self.name),
            )
            .finish();
        self.inner.send(request)
    }
}

fn without(emu: &api_emulator::Emulator, name: &'static str) -> Client {
    let inner = HttpTransport::new(Duration::from_secs(5), "gateway-test").unwrap();
    support::client_builder(emu)
        .transport(Arc::new(Without { name, inner }))
        .build()
        .unwrap()
}

async fn expect_code(client: &Client, code: i64) -> Error {
    let err = client.send(DescribeUHostInstance::new()).await.unwrap_err();
    assert_eq!(err.code(), Some(code), "{err}");
    assert_eq!(err.attempts(), 1, "{err}");
    assert!(err.request_uuid().is_some(), "{err:?}");
    assert!(
        matches!(&err, Error::Api { message, .. } if !message.is_empty()),
        "{err:?}"
    );
    err
}

#[tokio::test]
async fn missing_action_is_160() {
    let emu = support::emulator([]).await;
    expect_code(&without(&emu, "Action"), retcode::MISSING_ACTION).await;
}

#[tokio::test]
async fn unknown_public_key_is_172() {
    let emu = support::emulator([]).await;
    let client = support::client_builder(&emu)
        .credential(Credential::new("nobody", support::PRIVATE_KEY))
        .build()
        .unwrap();
    expect_code(&client, retcode::UNKNOWN_USER).await;
}

#[tokio::test]
async fn missing_signature_is_170() {
    let emu = support::emulator([]).await;
    expect_code(&without(&emu, "Signature"), retcode::MISSING_SIGNATURE).await;
}

#[tokio::test]
async fn wrong_signature_is_171() {
    let emu = support::emulator([]).await;
    let client = support::client_builder(&emu)
        .credential(Credential::new(support::PUBLIC_KEY, "not-the-private-key"))
        .build()
        .unwrap();
    expect_code(&client, retcode::BAD_SIGNATURE).await;
}

#[tokio::test]
async fn unknown_action_is_161() {
    let emu = support::emulator([]).await;
    let client = support::client(&emu);
    let err = client
        .invoke("DescribeUnicorns", serde_json::json!({}))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(retcode::UNKNOWN_ACTION), "{err}");
}

#[tokio::test]
async fn a_missing_required_parameter_names_it() {
    let emu = support::emulator([]).await;
    // The SDK checks required parameters itself; a generic call does not.
    let err = support::client(&emu)
        .invoke("StopUHostInstance", serde_json::json!({}))
        .await
        .unwrap_err();
    assert!(err.code().is_some_and(|c| c != 0), "{err}");
    assert!(err.to_string().contains("UHostId"), "{err}");
}

#[tokio::test]
async fn an_unknown_instance_is_an_api_error_not_a_decode_error() {
    let emu = support::emulator([]).await;
    let err = support::client(&emu)
        .send(api_uhost::instances::StopUHostInstance::new("uhost-nope"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Api { .. }), "{err:?}");
}
