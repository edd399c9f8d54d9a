//! The client against local servers that misbehave on purpose: redirects
//! to another address, a lying `Content-Length`, and bursts that test the
//! idle pool and the in-flight bound. The servers are raw TCP listeners on
//! 127.0.0.1 that write their answers by hand.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use api_core::{Client, ClientBuilder, Credential, Error, RetryPolicy};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinSet;

const OK_BODY: &str =
    r#"{"RetCode":0,"Action":"DescribeUHostInstanceResponse","TotalCount":0,"UHostSet":[]}"#;

fn ok_answer() -> String {
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{OK_BODY}",
        OK_BODY.len()
    )
}

/// What a [`serve`] server saw.
#[derive(Default)]
struct Stats {
    /// Connections accepted.
    accepted: AtomicUsize,
    /// Connections not yet closed by the client.
    open: AtomicUsize,
    /// Requests read in full.
    requests: AtomicUsize,
    /// Requests between being read and being answered.
    handling: AtomicUsize,
    /// The most requests ever handled at once.
    peak: AtomicUsize,
}

/// How a [`serve`] server answers each request.
#[derive(Clone)]
struct Behaviour {
    answer: Vec<u8>,
    delay: Duration,
    /// Close the connection after the answer instead of waiting for the
    /// next request.
    close: bool,
}

/// Reads one request (headers and a `Content-Length` body) off `stream`;
/// `false` once the client closed the connection.
async fn read_request(stream: &mut TcpStream, buf: &mut Vec<u8>) -> bool {
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
            let length: usize = head
                .lines()
                .find_map(|line| line.strip_prefix("content-length:"))
                .map_or(0, |v| v.trim().parse().unwrap());
            let total = end + 4 + length;
            while buf.len() < total {
                match stream.read(&mut chunk).await {
                    Ok(0) | Err(_) => return false,
                    Ok(n) => buf.extend_from_slice(&chunk[..n]),
                }
            }
            buf.drain(..total);
            return true;
        }
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return false,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
}

/// A server on 127.0.0.1 that answers every request with `behaviour` and
/// counts connections and requests; returns its base URL.
async fn serve(behaviour: Behaviour) -> (String, Arc<Stats>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    let stats = Arc::new(Stats::default());
    let counted = Arc::clone(&stats);
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let (stats, behaviour) = (Arc::clone(&counted), behaviour.clone());
            stats.accepted.fetch_add(1, Ordering::SeqCst);
            stats.open.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                let mut buf = Vec::new();
                while read_request(&mut stream, &mut buf).await {
                    stats.requests.fetch_add(1, Ordering::SeqCst);
                    let now = stats.handling.fetch_add(1, Ordering::SeqCst) + 1;
                    stats.peak.fetch_max(now, Ordering::SeqCst);
                    tokio::time::sleep(behaviour.delay).await;
                    stats.handling.fetch_sub(1, Ordering::SeqCst);
                    if stream.write_all(&behaviour.answer).await.is_err() || behaviour.close {
                        break;
                    }
                }
                stats.open.fetch_sub(1, Ordering::SeqCst);
            });
        }
    });
    (url, stats)
}

/// A listener that only counts the connections it accepts.
async fn counting_listener() -> (u16, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let accepted = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&accepted);
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            drop(stream);
        }
    });
    (port, accepted)
}

fn builder(base_url: &str) -> ClientBuilder {
    Client::builder()
        .credential(Credential::new("hostile-public", "hostile-private"))
        .region("cn-bj2")
        .base_url(base_url)
        .timeout(Duration::from_secs(5))
        .retry(RetryPolicy {
            max_attempts: 5,
            initial_backoff: Duration::from_millis(1),
            max_backoff: Duration::from_millis(5),
        })
}

/// One generic call, declared safe to repeat so that only the error's
/// nature can stop a retry.
async fn call(client: &Client) -> Result<serde_json::Value, Error> {
    client
        .invoke("DescribeUHostInstance", serde_json::json!({"Limit": 1}))
        .idempotent()
        .await
}

#[tokio::test]
async fn redirects_are_neither_followed_nor_retried() {
    let (steal_port, stolen) = counting_listener().await;
    let location = format!("http://127.0.0.1:{steal_port}/steal");
    for status in [301, 302, 303, 307, 308] {
        let answer =
            format!("HTTP/1.1 {status} Moved\r\nLocation: {location}\r\nContent-Length: 0\r\n\r\n");
        let (url, stats) = serve(Behaviour {
            answer: answer.into_bytes(),
            delay: Duration::ZERO,
            close: false,
        })
        .await;
        let client = builder(&url).build().unwrap();
        let err = call(&client).await.unwrap_err();
        match &err {
            Error::HttpStatus {
                status: got,
                location: Some(got_location),
                ..
            } => {
                assert_eq!(*got, status);
                assert_eq!(got_location, &location);
            }
            other => panic!("HTTP {status}: {other:?}"),
        }
        assert_eq!(err.attempts(), 1, "HTTP {status} was retried: {err}");
        assert_eq!(stats.requests.load(Ordering::SeqCst), 1, "HTTP {status}");
        assert!(!err.is_retryable());
        let text = err.to_string();
        assert!(text.contains(&location), "{text}");
        assert!(text.contains("redirects are not followed"), "{text}");
    }
    // Give a stray connection time to land before counting.
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(stolen.load(Ordering::SeqCst), 0, "a redirect was followed");
}

/// The user name and password a `Location` holds should not reach the
/// error, which its rustdoc promises; the orchestrator copies the header
/// as it is today.
#[tokio::test]
async fn a_redirect_location_loses_its_user_information() {
    let (steal_port, stolen) = counting_listener().await;
    let answer = format!(
        "HTTP/1.1 302 Found\r\nLocation: http://someone:hunter2@127.0.0.1:{steal_port}/\r\nContent-Length: 0\r\n\r\n"
    );
    let (url, _) = serve(Behaviour {
        answer: answer.into_bytes(),
        delay: Duration::ZERO,
        close: false,
    })
    .await;
    let err = call(&builder(&url).build().unwrap()).await.unwrap_err();
    assert_eq!(stolen.load(Ordering::SeqCst), 0);
    let Error::HttpStatus {
        location: Some(location),
        ..
    } = &err
    else {
        panic!("{err:?}");
    };
    assert_eq!(location, &format!("http://127.0.0.1:{steal_port}/"));
    assert!(!err.to_string().contains("hunter2"), "{err}");
}

/// A base URL's user name and password should show in no error either;
/// `Error::Connect` quotes the base URL as it is today.
#[tokio::test]
async fn a_base_url_with_user_information_never_shows_in_errors() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let client = builder(&format!("http://someone:hunter2@127.0.0.1:{port}/"))
        .build()
        .unwrap();
    let err = call(&client).await.unwrap_err();
    assert!(matches!(err, Error::Connect { .. }), "{err:?}");
    for text in [err.to_string(), format!("{err:?}")] {
        assert!(!text.contains("hunter2"), "{text}");
    }
}

#[tokio::test]
async fn a_huge_declared_length_under_an_unbounded_limit_does_not_abort() {
    let answer = "HTTP/1.1 200 OK\r\nContent-Length: 4611686018427387904\r\n\r\n{\"RetCode\":0";
    let (url, _) = serve(Behaviour {
        answer: answer.as_bytes().to_vec(),
        delay: Duration::ZERO,
        close: true,
    })
    .await;
    let client = builder(&url)
        .max_response_bytes(usize::MAX)
        .build()
        .unwrap();
    let err = call(&client).await.unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
}

#[tokio::test]
async fn a_declared_length_above_the_limit_is_refused_at_once() {
    // The server never sends the body it announces.
    let answer =
        "HTTP/1.1 200 OK\r\nx-ucloud-request-uuid: big-1\r\nContent-Length: 1000000000\r\n\r\n{";
    let (url, _) = serve(Behaviour {
        answer: answer.as_bytes().to_vec(),
        delay: Duration::ZERO,
        close: false,
    })
    .await;
    let client = builder(&url).max_response_bytes(1 << 20).build().unwrap();
    let err = tokio::time::timeout(Duration::from_secs(1), call(&client))
        .await
        .expect("the refusal waited for the body")
        .unwrap_err();
    match &err {
        Error::ResponseTooLarge {
            limit,
            request_uuid,
            ..
        } => {
            assert_eq!(*limit, 1 << 20);
            assert_eq!(request_uuid.as_deref(), Some("big-1"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(err.attempts(), 1);
}

#[tokio::test]
async fn the_idle_pool_keeps_only_its_bound_open_after_a_burst() {
    let (url, stats) = serve(Behaviour {
        answer: ok_answer().into_bytes(),
        delay: Duration::from_millis(100),
        close: false,
    })
    .await;
    let client = builder(&url).pool_max_idle_per_host(2).build().unwrap();
    let mut calls = JoinSet::new();
    for _ in 0..50 {
        let client = client.clone();
        calls.spawn(async move { call(&client).await });
    }
    while let Some(result) = calls.join_next().await {
        result.unwrap().unwrap();
    }
    let accepted = stats.accepted.load(Ordering::SeqCst);
    assert!(accepted >= 40, "only {accepted} connections were opened");
    tokio::time::sleep(Duration::from_millis(100)).await;
    let open = stats.open.load(Ordering::SeqCst);
    assert!(open <= 2, "{open} of {accepted} connections stayed open");
    // The ones kept are reused.
    call(&client).await.unwrap();
    assert_eq!(stats.accepted.load(Ordering::SeqCst), accepted);
}

#[tokio::test]
async fn max_in_flight_bounds_the_requests_the_server_sees_at_once() {
    let (url, stats) = serve(Behaviour {
        answer: ok_answer().into_bytes(),
        delay: Duration::from_millis(20),
        close: false,
    })
    .await;
    let client = builder(&url).max_in_flight(4).build().unwrap();
    let mut calls = JoinSet::new();
    for _ in 0..40 {
        let client = client.clone();
        calls.spawn(async move { call(&client).await });
    }
    while let Some(result) = calls.join_next().await {
        result.unwrap().unwrap();
    }
    assert_eq!(stats.requests.load(Ordering::SeqCst), 40);
    let peak = stats.peak.load(Ordering::SeqCst);
    assert!((1..=4).contains(&peak), "{peak} requests at once");
    assert!(stats.accepted.load(Ordering::SeqCst) <= 4);
}
