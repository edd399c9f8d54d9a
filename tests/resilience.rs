//! Retries and timeouts against the emulator's faults: safe actions
//! recover from every transient fault, unsafe ones are never resent once
//! they may have arrived, lasting failures are not retried, and time
//! limits hold.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::time::{Duration, Instant};

use api_core::{Error, TimeoutKind, retcode};
use api_emulator::{Fault, FaultKind};
use api_uhost::instances::DescribeUHostInstance;

const DESCRIBE: &str = "DescribeUHostInstance";
const CREATE: &str = "CreateUHostInstance";

fn transient_faults() -> Vec<FaultKind> {
    vec![
        FaultKind::RetCode(retcode::SERVICE_UNAVAILABLE),
        FaultKind::RetCode(retcode::RATE_LIMITED),
        FaultKind::HttpStatus(429),
        FaultKind::HttpStatus(502),
        FaultKind::HttpStatus(503),
        FaultKind::HttpStatus(504),
        FaultKind::DropConnection,
    ]
}

#[tokio::test]
async fn a_safe_action_recovers_from_each_transient_fault() {
    let emu = support::emulator([]).await;
    let client = support::client(&emu);
    support::create_instances(&client, 1).await;
    for kind in transient_faults() {
        let before = emu.request_count(DESCRIBE);
        emu.set_faults(vec![Fault::new(kind.clone()).action(DESCRIBE).times(2)])
            .unwrap();
        let answer = client
            .send(DescribeUHostInstance::new())
            .await
            .unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        assert_eq!(answer.total_count, 1, "{kind:?}");
        assert_eq!(
            emu.request_count(DESCRIBE) - before,
            3,
            "{kind:?}: two failures, one success"
        );
    }
}

#[tokio::test]
async fn a_safe_action_recovers_from_an_attempt_timeout() {
    let emu = support::emulator([Fault::new(FaultKind::Latency(Duration::from_secs(5)))
        .action(DESCRIBE)
        .times(1)])
    .await;
    let client = support::client(&emu);
    let started = Instant::now();
    let answer = client
        .request(DescribeUHostInstance::new())
        .timeout(Duration::from_millis(300))
        .await
        .unwrap();
    assert_eq!(answer.total_count, 0);
    assert_eq!(emu.request_count(DESCRIBE), 2);
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn an_unsafe_action_is_not_resent_once_it_may_have_arrived() {
    let emu = support::emulator([]).await;
    let client = support::client(&emu);
    let image = support::linux_image(&client).await;
    for kind in transient_faults() {
        let before = emu.request_count(CREATE);
        emu.set_faults(vec![Fault::new(kind.clone()).action(CREATE).times(1)])
            .unwrap();
        let err = client
            .send(support::new_instances(&image, 1))
            .await
            .expect_err("the fault answers the only attempt");
        assert_eq!(err.attempts(), 1, "{kind:?}: {err}");
        assert!(
            err.is_retryable(),
            "{kind:?}: the failure itself is transient"
        );
        assert_eq!(emu.request_count(CREATE) - before, 1, "{kind:?}: sent once");
    }
    emu.clear_faults();
    let listed = client.send(DescribeUHostInstance::new()).await.unwrap();
    assert_eq!(listed.total_count, 0, "no fault created anything");
}

#[tokio::test]
async fn an_unsafe_action_is_retried_when_the_caller_opts_in() {
    let emu = support::emulator([Fault::new(FaultKind::RetCode(retcode::RATE_LIMITED))
        .action(CREATE)
        .times(1)])
    .await;
    let client = support::client(&emu);
    let image = support::linux_image(&client).await;
    let created = client
        .request(support::new_instances(&image, 1))
        .idempotent()
        .await
        .unwrap();
    assert_eq!(created.uhost_ids.len(), 1);
    assert_eq!(emu.request_count(CREATE), 2);
}

#[tokio::test]
async fn a_connect_failure_is_retried_even_for_an_unsafe_action() {
    let emu = support::emulator([]).await;
    let client = support::client_builder(&emu)
        .base_url({
            let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            format!("http://{}", listener.local_addr().unwrap())
        })
        .build()
        .unwrap();
    let err = client
        .send(support::new_instances("uimage-any", 1))
        .await
        .unwrap_err();
    assert!(matches!(&err, Error::Connect { .. }), "{err:?}");
    assert_eq!(err.attempts(), 3, "the request provably never left");
}

#[tokio::test]
async fn lasting_failures_are_not_retried() {
    let emu = support::emulator([]).await;
    for (fault, check) in [
        (
            FaultKind::RetCode(retcode::INSTANCE_DELETED),
            (|e: &Error| e.code() == Some(retcode::INSTANCE_DELETED)) as fn(&Error) -> bool,
        ),
        (FaultKind::HttpStatus(404), |e| {
            matches!(e, Error::HttpStatus { status: 404, .. })
        }),
        (FaultKind::HttpStatus(500), |e| {
            matches!(e, Error::HttpStatus { status: 500, .. })
        }),
        (FaultKind::MalformedJson, |e| {
            matches!(e, Error::Decode { .. })
        }),
        (FaultKind::TruncatedJson, |e| {
            matches!(e, Error::Decode { .. })
        }),
    ] {
        let before = emu.request_count(DESCRIBE);
        emu.set_faults(vec![Fault::new(fault.clone()).action(DESCRIBE).times(1)])
            .unwrap();
        let err = support::client(&emu)
            .send(DescribeUHostInstance::new())
            .await
            .unwrap_err();
        assert!(check(&err), "{fault:?}: {err:?}");
        assert_eq!(err.attempts(), 1, "{fault:?}");
        assert_eq!(emu.request_count(DESCRIBE) - before, 1, "{fault:?}");
        assert!(
            err.request_uuid().is_some() || matches!(fault, FaultKind::HttpStatus(_)),
            "{fault:?}: {err:?}"
        );
    }
}

#[tokio::test]
async fn a_bad_signature_is_not_retried() {
    let emu = support::emulator([]).await;
    let client = support::client_builder(&emu)
        .credential(api_core::Credential::new(
            support::PUBLIC_KEY,
            "wrong-private-key",
        ))
        .build()
        .unwrap();
    let err = client.send(DescribeUHostInstance::new()).await.unwrap_err();
    assert_eq!(
        (err.code(), err.attempts()),
        (Some(retcode::BAD_SIGNATURE), 1),
        "{err}"
    );
    assert_eq!(emu.request_count(DESCRIBE), 1, "sent once");
}

#[tokio::test]
async fn the_final_error_counts_attempts_and_keeps_the_last_cause() {
    let emu = support::emulator([
        Fault::new(FaultKind::RetCode(retcode::SERVICE_UNAVAILABLE)).action(DESCRIBE)
    ])
    .await;
    let err = support::client(&emu)
        .request(DescribeUHostInstance::new())
        .max_attempts(4)
        .await
        .unwrap_err();
    assert_eq!(err.attempts(), 4);
    assert_eq!(err.code(), Some(retcode::SERVICE_UNAVAILABLE));
    // The variant is the last attempt's, whether or not the call was retried.
    assert!(
        matches!(
            &err,
            Error::Api {
                code: retcode::SERVICE_UNAVAILABLE,
                attempts: 4,
                request_uuid: Some(_),
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.request_uuid().is_some());
    assert!(err.to_string().contains("after 4 attempts"), "{err}");
    assert_eq!(emu.request_count(DESCRIBE), 4);
}

#[tokio::test]
async fn the_retry_budget_stops_retries_when_spent() {
    let emu = support::emulator([
        Fault::new(FaultKind::RetCode(retcode::SERVICE_UNAVAILABLE)).action(DESCRIBE)
    ])
    .await;
    // Two retries cost ten tokens: the first call spends the whole budget.
    let client = support::client_builder(&emu)
        .retry_budget(10)
        .build()
        .unwrap();
    let first = client.send(DescribeUHostInstance::new()).await.unwrap_err();
    assert_eq!(first.attempts(), 3);
    let clone = client.clone();
    let second = clone.send(DescribeUHostInstance::new()).await.unwrap_err();
    assert_eq!(second.attempts(), 1, "clones share the empty budget");
    assert_eq!(emu.request_count(DESCRIBE), 4);
}

#[tokio::test]
async fn an_attempt_timeout_fires_within_its_bound() {
    let emu = support::emulator([
        Fault::new(FaultKind::Latency(Duration::from_secs(10))).action(DESCRIBE)
    ])
    .await;
    let started = Instant::now();
    let err = support::client(&emu)
        .request(DescribeUHostInstance::new())
        .timeout(Duration::from_millis(200))
        .max_attempts(1)
        .await
        .unwrap_err();
    let elapsed = started.elapsed();
    assert!(
        matches!(err, Error::Timeout { kind: TimeoutKind::Attempt, after, .. } if after == Duration::from_millis(200)),
        "{err:?}"
    );
    assert!(err.is_timeout());
    assert!(
        elapsed >= Duration::from_millis(200) && elapsed < Duration::from_secs(2),
        "{elapsed:?}"
    );
}

#[tokio::test]
async fn the_total_timeout_bounds_all_attempts() {
    let emu = support::emulator([
        Fault::new(FaultKind::Latency(Duration::from_secs(10))).action(DESCRIBE)
    ])
    .await;
    let started = Instant::now();
    let err = support::client(&emu)
        .request(DescribeUHostInstance::new())
        .timeout(Duration::from_millis(200))
        .total_timeout(Duration::from_millis(500))
        .max_attempts(10)
        .await
        .unwrap_err();
    let elapsed = started.elapsed();
    assert!(
        matches!(&err, Error::Timeout { kind: TimeoutKind::Total, after, .. } if *after == Duration::from_millis(500)),
        "{err:?}"
    );
    assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
    assert!(emu.request_count(DESCRIBE) <= 3);
}
