//! Paging streams: every item exactly once, lazily, and termination even
//! when a server's TotalCount and pages disagree.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use api_core::{Client, Credential};
use api_uhost::instances::DescribeUHostInstance;
use futures_util::{StreamExt, TryStreamExt};

async fn listed_ids(client: &Client, page_size: u64) -> Vec<String> {
    client
        .paginate(DescribeUHostInstance::new())
        .page_size(page_size)
        .items()
        .map_ok(|instance| instance.uhost_id)
        .try_collect()
        .await
        .unwrap()
}

#[tokio::test]
async fn every_instance_is_visited_exactly_once_for_0_1_a_page_and_several_pages() {
    let emu = support::emulator([]).await;
    let client = support::client(&emu);
    let mut created = BTreeSet::new();
    // Totals of 0, 1, 3 (one full page of 3) and 8 (three pages).
    for (add, total) in [(0, 0), (1, 1), (2, 3), (5, 8)] {
        if add > 0 {
            created.extend(support::create_instances(&client, add).await);
        }
        let before = emu.request_count("DescribeUHostInstance");
        let ids = listed_ids(&client, 3).await;
        let unique: BTreeSet<String> = ids.iter().cloned().collect();
        assert_eq!(ids.len(), total, "each item once");
        assert_eq!(unique, created);
        let requests = emu.request_count("DescribeUHostInstance") - before;
        assert_eq!(
            requests,
            (total as u64).div_ceil(3).max(1),
            "total {total}: pages fetched"
        );
    }
}

#[tokio::test]
async fn pages_carry_the_total_count_and_start_at_the_request_offset() {
    let emu = support::emulator([]).await;
    let client = support::client(&emu);
    support::create_instances(&client, 5).await;
    let pages: Vec<_> = client
        .paginate(DescribeUHostInstance::new().offset(2))
        .page_size(2)
        .pages()
        .try_collect()
        .await
        .unwrap();
    let sizes: Vec<usize> = pages.iter().map(|p| p.items.len()).collect();
    assert_eq!(sizes, [2, 1]);
    assert!(pages.iter().all(|p| p.total_count == Some(5)));
}

#[tokio::test]
async fn pages_are_fetched_lazily() {
    let emu = support::emulator([]).await;
    let client = support::client(&emu);
    support::create_instances(&client, 6).await;
    let before = emu.request_count("DescribeUHostInstance");
    let first_two: Vec<_> = client
        .paginate(DescribeUHostInstance::new())
        .page_size(2)
        .items()
        .take(2)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(first_two.len(), 2);
    assert_eq!(emu.request_count("DescribeUHostInstance") - before, 1);
}

/// A server whose pages disagree with its TotalCount: `ignore_offset`
/// returns the first two items for any Offset; otherwise pages past the
/// first are empty. It always claims `total` items.
async fn inconsistent_server(total: u64, ignore_offset: bool) -> (String, Arc<AtomicU64>) {
    let calls = Arc::new(AtomicU64::new(0));
    let seen = Arc::clone(&calls);
    let app = axum::Router::new().fallback(move |body: axum::body::Bytes| {
        let seen = Arc::clone(&seen);
        async move {
            seen.fetch_add(1, Ordering::SeqCst);
            let offset: u64 = form_urlencoded::parse(&body)
                .find(|(k, _)| k == "Offset")
                .and_then(|(_, v)| v.parse().ok())
                .unwrap_or(0);
            let items = if offset == 0 || ignore_offset {
                serde_json::json!([{"UHostId": "uhost-a"}, {"UHostId": "uhost-b"}])
            } else {
                serde_json::json!([])
            };
            serde_json::json!({"RetCode": 0, "TotalCount": total, "UHostSet": items}).to_string()
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, calls)
}

fn plain_client(url: &str) -> Client {
    Client::builder()
        .credential(Credential::new("pk", "sk"))
        .region("cn-bj2")
        .base_url(url)
        .build()
        .unwrap()
}

#[tokio::test]
async fn paging_stops_when_pages_run_out_before_the_total_count() {
    let (url, calls) = inconsistent_server(1_000_000, false).await;
    let ids = listed_ids(&plain_client(&url), 2).await;
    assert_eq!(ids, ["uhost-a", "uhost-b"]);
    assert_eq!(
        calls.load(Ordering::SeqCst),
        2,
        "one full page, one empty page"
    );
}

#[tokio::test]
async fn paging_stops_at_the_first_total_count_when_the_server_ignores_the_offset() {
    let (url, calls) = inconsistent_server(6, true).await;
    let ids = listed_ids(&plain_client(&url), 2).await;
    assert_eq!(ids.len(), 6, "bounded by TotalCount");
    assert_eq!(calls.load(Ordering::SeqCst), 3);
}
