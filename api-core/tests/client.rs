//! The client against an in-process HTTP server on 127.0.0.1: what goes on
//! the wire, and every class of failure on the way back.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::time::Duration;

use api_core::{Action, ActionMeta, Client, Credential, Error, ParamWriter, TimeoutKind, retcode};
use axum::body::Bytes;
use axum::http::{Method, StatusCode};
use axum::response::IntoResponse;
use support::*;

#[tokio::test]
async fn round_trip_posts_a_signed_form_and_decodes_the_answer() {
    let (url, seen) = server(|| {
        json(
            StatusCode::OK,
            r#"{"Action":"DescribeUHostInstanceResponse","RetCode":0,"TotalCount":2,"UHostSet":["a","b"],"Unknown":true}"#,
        )
    })
    .await;
    let response = client(&url).send(describe()).await.unwrap();
    assert_eq!(response.total_count, 2);
    assert_eq!(response.names, ["a", "b"]);

    let seen = seen.lock().unwrap()[0].clone();
    assert_eq!(seen.method, Method::POST);
    assert_eq!(seen.content_type, "application/x-www-form-urlencoded");
    assert!(
        seen.user_agent.starts_with("api-core/"),
        "{}",
        seen.user_agent
    );
    let pairs = form(&seen.body);
    let keys: Vec<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        keys,
        ["Action", "Limit", "PublicKey", "Region", "Signature"]
    );
    // The reference request of the signature documentation.
    assert_eq!(pairs[4].1, "cba5cf5ec4d4233d206b1b54951e3787350a642f");
    assert_eq!(pairs[4].1, expected_signature(&pairs, PRIVATE));
}

#[tokio::test]
async fn values_needing_escapes_are_signed_raw_and_sent_escaped() {
    let (url, seen) = server(|| json(StatusCode::OK, r#"{"RetCode":0}"#)).await;
    let action = DescribeUHostInstance {
        ids: (0..12).map(|i| format!("id {i}&x=é")).collect(),
        zone: Some("cn-bj2-04".into()),
        ..describe()
    };
    client(&url).send(&action).await.unwrap();
    let body = seen.lock().unwrap()[0].body.clone();
    assert!(body.contains("UHostIds.10=id+10%26x%3D%C3%A9"), "{body}");
    let pairs = form(&body);
    let keys: Vec<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        &keys[..8],
        [
            "Action",
            "Limit",
            "PublicKey",
            "Region",
            "UHostIds.0",
            "UHostIds.1",
            "UHostIds.10",
            "UHostIds.11"
        ]
    );
    let signature = &pairs.iter().find(|(k, _)| k == "Signature").unwrap().1;
    assert_eq!(signature, &expected_signature(&pairs, PRIVATE));
}

#[tokio::test]
async fn security_token_is_sent_and_signed() {
    let (url, seen) = server(|| json(StatusCode::OK, r#"{"RetCode":0}"#)).await;
    let client = Client::builder()
        .credential(Credential::new("pk", "sk").with_security_token("tok"))
        .region("cn-bj2")
        .base_url(&url)
        .build()
        .unwrap();
    client.send(describe()).await.unwrap();
    let pairs = form(&seen.lock().unwrap()[0].body);
    assert!(pairs.contains(&("SecurityToken".into(), "tok".into())));
    let signature = &pairs.iter().find(|(k, _)| k == "Signature").unwrap().1;
    assert_eq!(signature, &expected_signature(&pairs, "sk"));
}

#[tokio::test]
async fn request_values_win_over_client_defaults() {
    let (url, seen) = server(|| json(StatusCode::OK, r#"{"RetCode":0}"#)).await;
    let client = Client::builder()
        .credential(Credential::new("pk", "sk"))
        .region("cn-bj2")
        .zone("cn-bj2-02")
        .project_id("org-1")
        .base_url(&url)
        .build()
        .unwrap();
    let action = DescribeUHostInstance {
        region: Some("hk".into()),
        ..describe()
    };
    client.send(action).await.unwrap();
    let pairs = form(&seen.lock().unwrap()[0].body);
    assert!(pairs.contains(&("Region".into(), "hk".into())));
    assert!(pairs.contains(&("Zone".into(), "cn-bj2-02".into())));
    assert!(pairs.contains(&("ProjectId".into(), "org-1".into())));
}

#[tokio::test]
async fn a_missing_required_common_parameter_fails_before_sending() {
    let (url, seen) = server(|| json(StatusCode::OK, r#"{"RetCode":0}"#)).await;
    let client = Client::builder()
        .credential(Credential::new("pk", "sk"))
        .base_url(&url)
        .build()
        .unwrap();
    let err = client.send(describe()).await.unwrap_err();
    assert!(matches!(err, Error::InvalidRequest { .. }), "{err:?}");
    assert!(err.to_string().contains("`Region` is required"), "{err}");
    assert!(err.to_string().contains("DescribeUHostInstance"), "{err}");
    assert!(seen.lock().unwrap().is_empty());
}

#[tokio::test]
async fn non_zero_ret_code_is_an_api_error() {
    let (url, _) = server(|| {
        json(
            StatusCode::OK,
            r#"{"Action":"DescribeUHostInstanceResponse","RetCode":171,"Message":"Signature VerifyAC Error"}"#,
        )
    })
    .await;
    let err = client(&url).send(describe()).await.unwrap_err();
    assert_eq!(err.code(), Some(retcode::BAD_SIGNATURE));
    assert_eq!(err.request_uuid(), Some("req-1234"));
    assert!(!err.is_retryable());
    assert!(
        err.to_string().contains("Signature VerifyAC Error"),
        "{err}"
    );
}

#[tokio::test]
async fn ret_code_as_a_string_is_understood() {
    let (url, _) = server(|| {
        json(
            StatusCode::OK,
            r#"{"RetCode":"153","Message":"rate limited"}"#,
        )
    })
    .await;
    let err = client(&url).send(describe()).await.unwrap_err();
    assert_eq!(err.code(), Some(retcode::RATE_LIMITED));
    assert!(err.is_retryable());
    let (url, _) = server(|| json(StatusCode::OK, r#"{"RetCode":"0","TotalCount":"7"}"#)).await;
    let err = client(&url).send(describe()).await.unwrap_err();
    // TotalCount is a plain serde field here: a string does not fit a u32.
    assert!(
        matches!(&err, Error::Decode { path, .. } if &**path == "TotalCount"),
        "{err:?}"
    );
}

#[tokio::test]
async fn http_500_with_html_is_a_status_error_with_an_excerpt() {
    let (url, _) = server(|| {
        (
            StatusCode::INTERNAL_SERVER_ERROR,
            [
                ("content-type", "text/html"),
                ("x-ucloud-request-uuid", "req-500"),
            ],
            format!(
                "<html><body>{}</body></html>",
                "Internal error ".repeat(100)
            ),
        )
            .into_response()
    })
    .await;
    match client(&url).send(describe()).await.unwrap_err() {
        Error::HttpStatus {
            status,
            excerpt,
            request_uuid,
            ..
        } => {
            assert_eq!(status, 500);
            assert!(excerpt.starts_with("<html><body>Internal error"));
            assert!(excerpt.len() <= api_core::EXCERPT_LEN + 4);
            assert_eq!(request_uuid.as_deref(), Some("req-500"));
        }
        other => panic!("expected an HTTP status error, got {other:?}"),
    }
}

#[tokio::test]
async fn truncated_json_is_a_decode_error() {
    let (url, _) = server(|| {
        json(
            StatusCode::OK,
            r#"{"RetCode":0,"TotalCount":2,"UHostSet":["a","#,
        )
    })
    .await;
    let err = client(&url).send(describe()).await.unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    assert_eq!(err.request_uuid(), Some("req-1234"));
}

#[tokio::test]
async fn an_empty_body_is_a_decode_error() {
    let (url, _) = server(|| json(StatusCode::OK, "")).await;
    let err = client(&url).send(describe()).await.unwrap_err();
    assert!(err.to_string().contains("the body is empty"), "{err}");
}

#[tokio::test]
async fn an_oversize_body_is_refused() {
    let (url, _) = server(|| {
        let names = vec!["x".repeat(1000); 200];
        let body = serde_json::json!({"RetCode": 0, "UHostSet": names}).to_string();
        (StatusCode::OK, body).into_response()
    })
    .await;
    let client = Client::builder()
        .credential(Credential::new("pk", "sk"))
        .region("cn-bj2")
        .base_url(&url)
        .max_response_bytes(64 * 1024)
        .build()
        .unwrap();
    let err = client.send(describe()).await.unwrap_err();
    assert!(
        matches!(err, Error::ResponseTooLarge { limit: 65536, .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn an_oversize_streamed_body_without_length_is_refused() {
    let (url, _) = server(|| {
        let chunks = (0..100).map(|_| Ok::<_, std::io::Error>(Bytes::from(vec![b' '; 4096])));
        let stream = futures_stream(chunks.collect());
        (StatusCode::OK, axum::body::Body::from_stream(stream)).into_response()
    })
    .await;
    let client = Client::builder()
        .credential(Credential::new("pk", "sk"))
        .region("cn-bj2")
        .base_url(&url)
        .max_response_bytes(100_000)
        .build()
        .unwrap();
    let err = client.send(describe()).await.unwrap_err();
    assert!(matches!(err, Error::ResponseTooLarge { .. }), "{err:?}");
}

/// A stream over ready items, without pulling in a stream crate.
fn futures_stream(
    items: Vec<Result<Bytes, std::io::Error>>,
) -> impl futures_core::Stream<Item = Result<Bytes, std::io::Error>> + Send {
    struct Items(std::vec::IntoIter<Result<Bytes, std::io::Error>>);
    impl futures_core::Stream for Items {
        type Item = Result<Bytes, std::io::Error>;
        fn poll_next(
            mut self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Option<Self::Item>> {
            std::task::Poll::Ready(self.0.next())
        }
    }
    Items(items.into_iter())
}

#[tokio::test]
async fn connection_refused_is_a_connect_error_that_was_never_sent() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let err = client(&format!("http://{addr}"))
        .send(describe())
        .await
        .unwrap_err();
    assert!(matches!(&err, Error::Connect { .. }), "{err:?}");
    assert_eq!(err.attempts(), 3, "connect failures are retried");
    assert!(err.never_sent() && err.is_retryable());
    assert!(err.to_string().contains(&addr.to_string()), "{err}");
    assert!(err.to_string().contains("after 3 attempts"), "{err}");
    // The root cause is in the text, not only in `source()`.
    assert!(
        err.to_string()
            .to_lowercase()
            .contains("connection refused"),
        "{err}"
    );
}

#[tokio::test]
async fn a_slow_server_times_out() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = axum::Router::new().fallback(|| async {
        tokio::time::sleep(Duration::from_secs(30)).await;
        "late"
    });
    tokio::spawn(async move { axum::serve(listener, app).await });
    let client = Client::builder()
        .credential(Credential::new("pk", "sk"))
        .region("cn-bj2")
        .base_url(format!("http://{addr}"))
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let err = client
        .request(describe())
        .max_attempts(1)
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Timeout { kind: TimeoutKind::Attempt, after, .. } if after == Duration::from_millis(200)),
        "{err:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(!err.never_sent());
}

#[tokio::test]
async fn a_parameter_named_signature_is_refused() {
    struct Sneaky;
    impl Action for Sneaky {
        type Response = serde_json::Value;
        const META: &'static ActionMeta = &ActionMeta {
            name: "Sneaky",
            params: &[],
            retryable: false,
            doc: "",
        };
        fn write_params<'a>(&'a self, w: &mut ParamWriter<'_, 'a>) -> Result<(), Error> {
            w.field("Signature", "0000")
        }
    }
    let err = client("http://127.0.0.1:1").send(Sneaky).await.unwrap_err();
    assert!(matches!(err, Error::InvalidRequest { .. }), "{err:?}");
}

#[tokio::test]
async fn invoke_keeps_named_and_conventionally_named_secrets_out_of_errors() {
    // The server echoes the request body in its message.
    let app = axum::Router::new().fallback(|body: String| async move {
        axum::Json(serde_json::json!({"RetCode": 230, "Message": body}))
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    let err = client(&format!("http://{addr}"))
        .invoke(
            "CreateThing",
            serde_json::json!({"ApiKeyValue": "k-7b1d9e", "DbPasswd": "pw-51c0aa", "Name": "visible"}),
        )
        .secret("ApiKeyValue")
        .await
        .unwrap_err();
    let text = format!("{err} {err:?}");
    assert!(text.contains("visible"), "{text}");
    for secret in ["k-7b1d9e", "pw-51c0aa", PRIVATE] {
        assert!(!text.contains(secret), "{secret} leaked: {text}");
    }
}

#[test]
fn a_call_can_be_spawned_on_any_thread() {
    fn is_send<T: Send>(_: T) {}
    let client = Client::builder()
        .credential(Credential::new("pk", "sk"))
        .region("cn-bj2")
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap();
    // Made, not polled: that the futures are `Send` is the point.
    is_send(client.request(describe()).send());
    is_send(client.send(describe()));
}
