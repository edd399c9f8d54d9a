//! A burst of calls in a process short of file descriptors: the calls that
//! cannot open a socket fail as `Error::LocalResources`, not retried, and
//! `max_in_flight` avoids the failures altogether.
//!
//! Its own test binary, since it lowers `RLIMIT_NOFILE` for the whole
//! process. The slow server runs in a child process (`python3`), started
//! before the limit is lowered, so that only the client's sockets count
//! against it.
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use api_core::{Client, Credential, Error};
use rlimit::Resource;
use tokio::task::JoinSet;

/// An HTTP/1.1 server with keep-alive on 127.0.0.1 that answers every
/// request after the number of milliseconds its path names, prints its
/// port, and exits when its standard input closes.
const SERVER: &str = r#"
import asyncio, sys
BODY = b'{"RetCode":0,"Action":"DescribeUHostInstanceResponse","TotalCount":0,"UHostSet":[]}'
ANSWER = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (len(BODY), BODY)
async def handle(reader, writer):
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            await reader.readexactly(length)
            delay = int(head.split(b" ")[1].strip(b"/") or b"0")
            await asyncio.sleep(delay / 1000)
            writer.write(ANSWER)
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()
async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=1024)
    print(server.sockets[0].getsockname()[1], flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)
asyncio.run(main())
"#;

/// The server process, killed when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_server() -> (Server, u16) {
    let mut child = Command::new("python3")
        .args(["-c", SERVER])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs the test server");
    let stdout = child.stdout.take().unwrap();
    let server = Server(child);
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let port = line.trim().parse().expect("the server prints its port");
    (server, port)
}

/// Restores the open-file limit when dropped.
struct Limit {
    soft: u64,
    hard: u64,
}

impl Drop for Limit {
    fn drop(&mut self) {
        let _ = Resource::NOFILE.set(self.soft, self.hard);
    }
}

fn open_descriptors() -> usize {
    std::fs::read_dir("/proc/self/fd").unwrap().count()
}

fn client(base_url: &str) -> api_core::ClientBuilder {
    Client::builder()
        .credential(Credential::new("fd-public", "fd-private"))
        .region("cn-bj2")
        .base_url(base_url)
        .timeout(Duration::from_secs(5))
}

/// Fires `count` concurrent calls, declared safe to repeat.
async fn burst(client: &Client, count: usize) -> Vec<Result<serde_json::Value, Error>> {
    let mut calls = JoinSet::new();
    for _ in 0..count {
        let client = client.clone();
        calls.spawn(async move {
            client
                .invoke("DescribeUHostInstance", serde_json::json!({"Limit": 1}))
                .idempotent()
                .await
        });
    }
    let mut results = Vec::new();
    while let Some(result) = calls.join_next().await {
        results.push(result.unwrap());
    }
    results
}

#[tokio::test]
async fn running_out_of_descriptors_is_reported_and_max_in_flight_avoids_it() {
    let (_server, port) = start_server();
    // The slow phase makes calls pile up; the bounded one runs 13 rounds
    // and so answers sooner, after 30 ms.
    let unbounded = client(&format!("http://127.0.0.1:{port}/300"))
        .build()
        .unwrap();
    let bounded = client(&format!("http://127.0.0.1:{port}/30"))
        .max_in_flight(16)
        .build()
        .unwrap();

    let (soft, hard) = Resource::NOFILE.get().unwrap();
    let _restore = Limit { soft, hard };
    let allowed = open_descriptors() as u64 + 40;
    assert!(allowed < soft, "the limit is already below {allowed}");
    Resource::NOFILE.set(allowed, hard).unwrap();

    let results = burst(&unbounded, 200).await;
    let succeeded = results.iter().filter(|r| r.is_ok()).count();
    let mut short = 0;
    for err in results.iter().filter_map(|r| r.as_ref().err()) {
        match err {
            Error::LocalResources { .. } => {
                short += 1;
                assert_eq!(err.attempts(), 1, "retried: {err}");
                let text = err.to_string();
                assert!(text.contains("out of local resources"), "{text}");
                assert!(text.contains("ulimit -n"), "{text}");
                assert!(text.contains("max_in_flight"), "{text}");
            }
            other => panic!("expected only LocalResources failures: {other:?}"),
        }
    }
    assert!(short > 0, "all {succeeded} calls found a descriptor");
    assert!(succeeded > 0, "no call found a descriptor");
    drop(unbounded);
    // Let the dropped pool close its connections.
    tokio::time::sleep(Duration::from_millis(50)).await;

    let results = burst(&bounded, 200).await;
    let failed: Vec<_> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    assert!(
        failed.is_empty(),
        "{} failed, e.g. {}",
        failed.len(),
        failed[0]
    );
}
