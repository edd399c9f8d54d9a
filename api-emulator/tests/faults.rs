//! Injected faults: every kind, the action and times limits, seeded rates,
//! changes while running, and request counting.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::time::{Duration, Instant};

use api_emulator::{Emulator, Error, Fault, FaultKind};
use support::{Client, PK, SK, read, signed};

const R: (&str, &str) = ("Region", "cn-bj2");

async fn with_faults(faults: Vec<Fault>) -> Emulator {
    Emulator::builder()
        .account(PK, SK)
        .time_scale(0.0)
        .faults(faults)
        .start("127.0.0.1:0")
        .await
        .unwrap()
}

/// Sends a signed DescribeImage and returns the raw answer.
async fn describe_image(c: &Client) -> Result<support::Answer, reqwest::Error> {
    let params = signed(&[("Action", "DescribeImage"), R], PK, SK);
    Ok(read(c.http.post(&c.base).form(&params).send().await?).await)
}

#[tokio::test]
async fn retcode_faults_follow_action_and_times() {
    let emu = with_faults(vec![
        Fault::new(FaultKind::RetCode(150))
            .action("DescribeUHostInstance")
            .times(2),
    ])
    .await;
    let c = Client::new(&emu);
    let first = c.fails("DescribeUHostInstance", &[R], 150).await;
    assert!(first.contains("unavailable"), "{first}");
    c.fails("DescribeUHostInstance", &[R], 150).await;
    c.ok("DescribeUHostInstance", &[R]).await;
    c.ok("DescribeImage", &[R]).await;
    assert_eq!(emu.request_count("DescribeUHostInstance"), 3);
    assert_eq!(emu.request_count("DescribeImage"), 1);
    assert_eq!(emu.request_count("NoSuchAction"), 0);
}

#[tokio::test]
async fn faults_come_after_authentication_and_change_nothing() {
    let emu = with_faults(vec![Fault::new(FaultKind::RetCode(153))]).await;
    let c = Client::new(&emu);
    // A bad signature is still a bad signature.
    let params = signed(&[("Action", "DescribeImage"), R], PK, "wrong");
    assert_eq!(c.post_form(&params).await.ret_code(), 171);
    // Unknown actions are not faulted either.
    assert_eq!(
        c.post_form(&signed(&[("Action", "Nope")], PK, SK))
            .await
            .ret_code(),
        161
    );
    // A faulted create creates nothing, and is not checked.
    c.fails("CreateUHostInstance", &[R], 153).await;
    emu.clear_faults();
    assert_eq!(c.ok("DescribeUHostInstance", &[R]).await["TotalCount"], 0);
    assert_eq!(emu.request_count("CreateUHostInstance"), 1);
    assert_eq!(emu.request_count("DescribeImage"), 1);
}

#[tokio::test]
async fn http_status_faults_keep_the_request_uuid() {
    let emu = with_faults(vec![Fault::new(FaultKind::HttpStatus(503)).times(1)]).await;
    let c = Client::new(&emu);
    let answer = describe_image(&c).await.unwrap();
    assert_eq!(answer.status, 503);
    assert!(answer.uuid().is_some());
    assert!(answer.text.contains("503"));
    assert_eq!(describe_image(&c).await.unwrap().status, 200);
    emu.set_faults(vec![
        "http=429".parse().unwrap(),
        "http=502".parse().unwrap(),
    ])
    .unwrap();
    assert_eq!(describe_image(&c).await.unwrap().status, 429);
}

#[tokio::test]
async fn malformed_and_truncated_bodies_are_not_json() {
    let emu = with_faults(vec![
        Fault::new(FaultKind::MalformedJson).times(1),
        Fault::new(FaultKind::TruncatedJson).times(1),
    ])
    .await;
    let c = Client::new(&emu);
    for _ in 0..2 {
        let answer = describe_image(&c).await.unwrap();
        assert_eq!(answer.status, 200);
        assert_eq!(answer.headers["content-type"], "application/json");
        assert!(answer.uuid().is_some());
        assert!(
            answer
                .text
                .starts_with("{\"Action\":\"DescribeImageResponse\""),
            "{}",
            answer.text
        );
        assert!(
            serde_json::from_str::<serde_json::Value>(&answer.text).is_err(),
            "{}",
            answer.text
        );
    }
    assert_eq!(describe_image(&c).await.unwrap().ret_code(), 0);
}

#[tokio::test]
async fn dropped_connections_close_promptly() {
    let emu = with_faults(vec![
        Fault::new(FaultKind::DropConnection)
            .action("DescribeImage")
            .times(1),
    ])
    .await;
    let c = Client::new(&emu);
    let started = Instant::now();
    let outcome = tokio::time::timeout(Duration::from_secs(5), describe_image(&c))
        .await
        .expect("the dropped connection hung");
    let error = outcome.unwrap_err();
    assert!(error.is_request() || error.is_connect(), "{error:?}");
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(emu.request_count("DescribeImage"), 1);
    assert_eq!(describe_image(&c).await.unwrap().ret_code(), 0);
    assert_eq!(emu.request_count("DescribeImage"), 2);
}

#[tokio::test]
async fn latency_delays_the_answer() {
    let emu = with_faults(vec!["latency=60,action=DescribeImage".parse().unwrap()]).await;
    let c = Client::new(&emu);
    let started = Instant::now();
    assert_eq!(describe_image(&c).await.unwrap().ret_code(), 0);
    assert!(started.elapsed() >= Duration::from_millis(60));
    let started = Instant::now();
    c.ok("DescribeUHostInstance", &[R]).await;
    assert!(started.elapsed() < Duration::from_millis(60));
}

#[tokio::test]
async fn rates_repeat_for_the_same_seed() {
    async fn run(seed: u64) -> Vec<i64> {
        let emu = Emulator::builder()
            .account(PK, SK)
            .seed(seed)
            .fault("retcode=153,rate=0.5,action=DescribeImage".parse().unwrap())
            .start("127.0.0.1:0")
            .await
            .unwrap();
        let c = Client::new(&emu);
        let mut codes = Vec::new();
        for _ in 0..40 {
            codes.push(describe_image(&c).await.unwrap().ret_code());
        }
        codes
    }
    let first = run(7).await;
    assert_eq!(first, run(7).await);
    assert_ne!(first, run(8).await);
    let hits = first.iter().filter(|c| **c == 153).count();
    assert!((8..=32).contains(&hits), "{hits} of 40 at rate 0.5");
}

#[tokio::test]
async fn faults_change_while_running_and_bad_ones_are_refused() {
    let emu = with_faults(Vec::new()).await;
    let c = Client::new(&emu);
    c.ok("DescribeImage", &[R]).await;
    emu.set_faults(vec![
        Fault::new(FaultKind::RetCode(150)).action("DescribeImage"),
    ])
    .unwrap();
    c.fails("DescribeImage", &[R], 150).await;
    emu.clear_faults();
    c.ok("DescribeImage", &[R]).await;

    let bad = [
        Fault::new(FaultKind::HttpStatus(99)),
        Fault::new(FaultKind::RetCode(0)),
        Fault::new(FaultKind::DropConnection).action("DescribeEverything"),
        Fault::new(FaultKind::DropConnection).rate(2.0),
        Fault::new(FaultKind::DropConnection).times(0),
    ];
    for fault in bad {
        assert!(
            matches!(emu.set_faults(vec![fault.clone()]), Err(Error::Config(_))),
            "{fault} accepted"
        );
        let start = Emulator::builder()
            .account(PK, SK)
            .fault(fault)
            .start("127.0.0.1:0")
            .await;
        assert!(matches!(start, Err(Error::Config(_))));
    }
    // The refused lists left no fault behind.
    c.ok("DescribeImage", &[R]).await;
}

#[tokio::test]
async fn bad_settings_are_refused() {
    let no_account = Emulator::builder().start("127.0.0.1:0").await;
    assert!(matches!(no_account, Err(Error::Config(_))));
    let twice = Emulator::builder()
        .account("a", "1")
        .account("a", "2")
        .start("127.0.0.1:0")
        .await;
    assert!(matches!(twice, Err(Error::Config(_))));
    let negative = Emulator::builder()
        .account("a", "1")
        .time_scale(-1.0)
        .start("127.0.0.1:0")
        .await;
    assert!(matches!(negative, Err(Error::Config(_))));
    let taken = Emulator::builder()
        .account("a", "1")
        .start("127.0.0.1:0")
        .await
        .unwrap();
    let clash = Emulator::builder()
        .account("a", "1")
        .start(taken.local_addr())
        .await
        .unwrap_err();
    // The error names the address and says it is in use.
    let text = clash.to_string();
    assert!(text.contains(&taken.local_addr().to_string()), "{text}");
    assert!(text.contains("another process"), "{text}");
    match clash {
        Error::Bind { addr, source } => {
            assert_eq!(addr, taken.local_addr());
            assert_eq!(source.kind(), std::io::ErrorKind::AddrInUse);
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn shutdown_stops_serving() {
    let emu = with_faults(Vec::new()).await;
    let c = Client::new(&emu);
    c.ok("DescribeImage", &[R]).await;
    emu.shutdown().await;
    let fresh = support::http();
    assert!(fresh.post(&c.base).send().await.is_err());
}
