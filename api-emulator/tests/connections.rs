//! The cap on open connections: beyond it, new connections wait (or are
//! refused), while calls on connections already served keep their pace.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::time::{Duration, Instant};

use api_emulator::{Emulator, OverLimit};
use support::{PK, SK, signed};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::timeout;

/// A signed keep-alive `DescribeImage` request, as raw HTTP/1.1.
fn describe_image() -> Vec<u8> {
    let body = signed(&[("Action", "DescribeImage"), ("Region", "cn-bj2")], PK, SK)
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    format!(
        "POST / HTTP/1.1\r\nhost: emulator\r\ncontent-type: application/x-www-form-urlencoded\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Reads one HTTP answer (headers and a `content-length` body) and returns
/// its status line and body.
async fn read_answer(stream: &mut TcpStream) -> (String, String) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        let n = stream.read(&mut chunk).await.unwrap();
        assert!(
            n > 0,
            "connection closed after {:?}",
            String::from_utf8_lossy(&buf)
        );
        buf.extend_from_slice(&chunk[..n]);
        let text = String::from_utf8_lossy(&buf).into_owned();
        if let Some(end) = text.find("\r\n\r\n") {
            let head = &text[..end];
            let length: usize = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse().unwrap())
                })
                .unwrap_or(0);
            if buf.len() >= end + 4 + length {
                let status = head.lines().next().unwrap().to_owned();
                return (status, text[end + 4..end + 4 + length].to_owned());
            }
        }
    }
}

async fn call(stream: &mut TcpStream) -> String {
    stream.write_all(&describe_image()).await.unwrap();
    let (status, body) = read_answer(stream).await;
    assert!(status.starts_with("HTTP/1.1 200"), "{status}");
    body
}

async fn connect(emu: &Emulator) -> TcpStream {
    TcpStream::connect(emu.local_addr()).await.unwrap()
}

#[tokio::test]
async fn idle_connections_beyond_the_cap_wait_and_served_ones_keep_their_pace() {
    let emu = Emulator::builder()
        .account(PK, SK)
        .max_connections(32)
        .start("127.0.0.1:0")
        .await
        .unwrap();
    let mut healthy = connect(&emu).await;
    call(&mut healthy).await;

    // A few hundred connections that never send a byte.
    let mut idle = Vec::new();
    for _ in 0..300 {
        idle.push(connect(&emu).await);
    }
    // Calls on the served connection still answer at once.
    let mut slowest = Duration::ZERO;
    for _ in 0..20 {
        let started = Instant::now();
        assert!(call(&mut healthy).await.contains("\"RetCode\":0"));
        slowest = slowest.max(started.elapsed());
    }
    assert!(slowest < Duration::from_secs(1), "slowest call {slowest:?}");

    // A new connection waits while the cap is reached ...
    let mut late = connect(&emu).await;
    late.write_all(&describe_image()).await.unwrap();
    let mut byte = [0u8; 1];
    assert!(
        timeout(Duration::from_millis(300), late.read(&mut byte))
            .await
            .is_err(),
        "a connection beyond the cap was served"
    );
    // ... and is served once the idle ones go away.
    drop(idle);
    let (status, body) = timeout(Duration::from_secs(10), read_answer(&mut late))
        .await
        .expect("the waiting connection was never served");
    assert!(status.starts_with("HTTP/1.1 200"), "{status}");
    assert!(body.contains("\"RetCode\":0"), "{body}");
}

#[tokio::test]
async fn connections_beyond_the_cap_can_be_refused_at_once() {
    let emu = Emulator::builder()
        .account(PK, SK)
        .max_connections(2)
        .over_limit(OverLimit::Refuse)
        .start("127.0.0.1:0")
        .await
        .unwrap();
    let mut first = connect(&emu).await;
    call(&mut first).await;
    let _second = connect(&emu).await;
    // Let the server take the second one before the third arrives.
    let mut third = None;
    for _ in 0..50 {
        let mut extra = connect(&emu).await;
        let mut answer = Vec::new();
        match timeout(Duration::from_millis(200), extra.read_to_end(&mut answer)).await {
            Ok(_) => {
                third = Some(String::from_utf8_lossy(&answer).into_owned());
                break;
            }
            Err(_) => drop(extra),
        }
    }
    let refused = third.expect("no connection was refused");
    assert!(refused.starts_with("HTTP/1.1 503"), "{refused:?}");
    assert!(refused.contains("too many open connections"), "{refused:?}");
    // The served connection still works.
    call(&mut first).await;
}
