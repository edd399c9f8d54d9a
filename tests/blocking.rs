//! The blocking client against the emulator: the calls, per-call options,
//! paging iterators and waiters of the async client, from plain threads;
//! and a clear error, never a panic or a hang, inside an async runtime.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use api_core::wait::{Status, Waiter};
use api_core::{Action, Error, RetryPolicy, TimeoutKind, blocking, retcode};
use api_emulator::{Emulator, Fault, FaultKind};
use api_uhost::images::{DescribeImage, ImageType, OsType};
use api_uhost::instances::{DescribeUHostInstance, InstanceState};
use api_uhost::wait;

const DESCRIBE: &str = "DescribeUHostInstance";

/// An emulator serving from its own runtime, so that the test thread is
/// free to block.
struct Service {
    emu: Emulator,
    _runtime: tokio::runtime::Runtime,
}

fn service(faults: impl IntoIterator<Item = Fault>) -> Service {
    service_at_scale(0.0, faults)
}

fn service_at_scale(scale: f64, faults: impl IntoIterator<Item = Fault>) -> Service {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let emu = runtime.block_on(support::emulator_at_scale(scale, faults));
    Service {
        emu,
        _runtime: runtime,
    }
}

fn client(service: &Service) -> blocking::Client {
    blocking::Client::new(support::client_builder(&service.emu)).unwrap()
}

fn linux_image(client: &blocking::Client) -> String {
    let answer = client
        .send(
            DescribeImage::new()
                .image_type(ImageType::Base)
                .os_type(OsType::Linux)
                .limit(1),
        )
        .unwrap();
    answer.image_set[0].image_id.clone()
}

fn create_instances(client: &blocking::Client, count: i64) -> Vec<String> {
    let image = linux_image(client);
    client
        .send(support::new_instances(&image, count))
        .unwrap()
        .uhost_ids
}

fn quick() -> Waiter<'static> {
    Waiter::new("")
        .initial_delay(Duration::from_millis(5))
        .max_delay(Duration::from_millis(20))
        .timeout(Duration::from_secs(10))
}

fn is_refusal(result: Result<impl std::fmt::Debug, Error>) -> bool {
    matches!(
        &result,
        Err(Error::Config { message }) if message.contains("inside an async runtime")
            && message.contains("api_core::Client")
    )
}

#[test]
fn send_returns_the_typed_answer_of_a_real_action() {
    let svc = service([]);
    let client = client(&svc);
    let images = client.send(DescribeImage::new().limit(2)).unwrap();
    assert_eq!(images.image_set.len(), 2);
    assert!(images.total_count >= 2);

    let ids = create_instances(&client, 2);
    let listed = client.send(DescribeUHostInstance::new()).unwrap();
    assert_eq!(listed.total_count, 2);
    let listed: BTreeSet<String> = listed.uhost_set.into_iter().map(|i| i.uhost_id).collect();
    assert_eq!(listed, ids.into_iter().collect());
    assert_eq!(client.as_async().region(), Some(support::REGION));
}

#[test]
fn max_attempts_decides_whether_a_faulty_call_recovers() {
    let svc = service([]);
    let client = client(&svc);
    let two_failures = || {
        vec![
            Fault::new(FaultKind::RetCode(retcode::RATE_LIMITED))
                .action(DESCRIBE)
                .times(2),
        ]
    };

    svc.emu.set_faults(two_failures()).unwrap();
    let err = client
        .request(DescribeUHostInstance::new())
        .max_attempts(2)
        .send()
        .unwrap_err();
    assert_eq!(err.attempts(), 2, "{err}");
    assert_eq!(err.code(), Some(retcode::RATE_LIMITED), "{err}");
    assert_eq!(svc.emu.request_count(DESCRIBE), 2);

    svc.emu.set_faults(two_failures()).unwrap();
    let answer = client
        .request(DescribeUHostInstance::new())
        .max_attempts(3)
        .send()
        .unwrap();
    assert_eq!(answer.total_count, 0);
    assert_eq!(svc.emu.request_count(DESCRIBE), 5);

    // A whole policy, then one attempt: the last setter wins.
    svc.emu.set_faults(two_failures()).unwrap();
    let err = client
        .request(DescribeUHostInstance::new())
        .retry(RetryPolicy {
            max_attempts: 5,
            initial_backoff: Duration::from_millis(1),
            max_backoff: Duration::from_millis(1),
        })
        .max_attempts(1)
        .send()
        .unwrap_err();
    assert_eq!(err.attempts(), 1, "{err}");
    assert_eq!(svc.emu.request_count(DESCRIBE), 6);
}

#[test]
fn attempt_and_total_timeouts_apply_to_one_call() {
    let svc = service([]);
    let client = client(&svc);
    let slow = || vec![Fault::new(FaultKind::Latency(Duration::from_secs(5))).action(DESCRIBE)];

    svc.emu.set_faults(slow()).unwrap();
    let started = Instant::now();
    let err = client
        .request(DescribeUHostInstance::new())
        .timeout(Duration::from_millis(30))
        .max_attempts(1)
        .send()
        .unwrap_err();
    assert!(
        matches!(err, Error::Timeout { kind: TimeoutKind::Attempt, after, .. } if after == Duration::from_millis(30)),
        "{err:?}"
    );

    let err = client
        .request(DescribeUHostInstance::new())
        .total_timeout(Duration::from_millis(30))
        .send()
        .unwrap_err();
    assert!(
        matches!(
            &err,
            Error::Timeout {
                kind: TimeoutKind::Total,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn invoke_returns_a_value_or_a_typed_answer_and_retries_only_when_idempotent() {
    let svc = service([]);
    let client = client(&svc);
    let answer = client
        .invoke(
            "DescribeImage",
            serde_json::json!({"ImageType": "Base", "OsType": "Linux", "Limit": 1}),
        )
        .value()
        .unwrap();
    assert_eq!(answer["ImageSet"].as_array().unwrap().len(), 1);
    assert!(answer["ImageSet"][0]["ImageId"].is_string(), "{answer}");

    let typed: <DescribeImage as Action>::Response = client
        .invoke("DescribeImage", serde_json::json!({"Limit": 3}))
        .send()
        .unwrap();
    assert_eq!(typed.image_set.len(), 3);

    let one_failure = || {
        vec![
            Fault::new(FaultKind::RetCode(retcode::RATE_LIMITED))
                .action("DescribeImage")
                .times(1),
        ]
    };
    svc.emu.set_faults(one_failure()).unwrap();
    let err = client
        .invoke("DescribeImage", serde_json::json!({}))
        .value()
        .unwrap_err();
    assert_eq!(err.attempts(), 1, "a generic call is not resent: {err}");

    svc.emu.set_faults(one_failure()).unwrap();
    let before = svc.emu.request_count("DescribeImage");
    client
        .invoke("DescribeImage", serde_json::json!({}))
        .idempotent()
        .max_attempts(2)
        .value()
        .unwrap();
    assert_eq!(svc.emu.request_count("DescribeImage") - before, 2);
}

#[test]
fn paging_iterates_over_several_pages_lazily() {
    let svc = service([]);
    let client = client(&svc);
    let created: BTreeSet<String> = create_instances(&client, 7).into_iter().collect();

    let before = svc.emu.request_count(DESCRIBE);
    let ids: Vec<String> = client
        .paginate(DescribeUHostInstance::new())
        .page_size(3)
        .items()
        .map(|item| item.map(|instance| instance.uhost_id))
        .collect::<Result<_, Error>>()
        .unwrap();
    assert_eq!(ids.len(), 7, "each item once");
    assert_eq!(ids.into_iter().collect::<BTreeSet<_>>(), created);
    assert_eq!(svc.emu.request_count(DESCRIBE) - before, 3);

    let sizes: Vec<usize> = client
        .paginate(DescribeUHostInstance::new().offset(2))
        .page_size(2)
        .pages()
        .map(|page| {
            let page = page.unwrap();
            assert_eq!(page.total_count, Some(7));
            page.items.len()
        })
        .collect();
    assert_eq!(sizes, [2, 2, 1]);

    let before = svc.emu.request_count(DESCRIBE);
    let first_two: Vec<_> = client
        .paginate(DescribeUHostInstance::new())
        .page_size(2)
        .items()
        .take(2)
        .collect();
    assert_eq!(first_two.len(), 2);
    assert_eq!(
        svc.emu.request_count(DESCRIBE) - before,
        1,
        "one page fetched"
    );
}

#[test]
fn a_paging_error_ends_the_iterator() {
    let svc = service([Fault::new(FaultKind::HttpStatus(403)).action(DESCRIBE)]);
    let client = client(&svc);
    let mut items = client.paginate(DescribeUHostInstance::new()).items();
    let err = items.next().unwrap().unwrap_err();
    assert!(
        matches!(err, Error::HttpStatus { status: 403, .. }),
        "{err:?}"
    );
    assert!(items.next().is_none());
    assert_eq!(svc.emu.request_count(DESCRIBE), 1);
}

#[test]
fn until_blocking_waits_for_an_instance_through_its_states() {
    // Creating takes 3 s on the real service; 30 ms here.
    let svc = service_at_scale(0.01, []);
    let client = client(&svc);
    let id = create_instances(&client, 1).remove(0);
    let mut seen = Vec::new();
    let running = quick()
        .on_progress(|state, _| seen.push(state.to_owned()))
        .until_blocking(|| {
            let answer = client.send(DescribeUHostInstance::new().uhost_ids([&*id]))?;
            Ok(match answer.uhost_set.into_iter().next() {
                None => Status::Failed("gone".to_owned()),
                Some(instance) if instance.state == InstanceState::Running => {
                    Status::Ready(instance)
                }
                Some(instance) => Status::Pending(instance.state.to_string()),
            })
        })
        .unwrap();
    assert_eq!(running.uhost_id, id);
    assert!(seen.iter().any(|s| s == "Initializing"), "{seen:?}");
}

#[test]
fn run_drives_the_async_waiters() {
    let svc = service_at_scale(0.01, []);
    let client = client(&svc);
    let id = create_instances(&client, 1).remove(0);
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let running = client
        .run(|client| async move {
            let waiter =
                quick().on_progress(move |state, _| log.lock().unwrap().push(state.to_owned()));
            wait::instance_state(&client, &id, InstanceState::Running, waiter).await
        })
        .unwrap();
    assert_eq!(running.state, InstanceState::Running);
    assert!(
        seen.lock().unwrap().iter().any(|s| s == "Initializing"),
        "{seen:?}"
    );

    // Errors of any type that an `api_core::Error` converts into.
    let answer: Result<u32, Box<dyn std::error::Error + Send + Sync>> =
        client.run(|_| async { Ok(7) });
    assert_eq!(answer.unwrap(), 7);
}

#[test]
fn many_threads_share_one_client() {
    let svc = service([]);
    let client = client(&svc);
    create_instances(&client, 2);
    let before = svc.emu.request_count(DESCRIBE);
    std::thread::scope(|scope| {
        for _ in 0..8 {
            let client = client.clone();
            scope.spawn(move || {
                for _ in 0..5 {
                    let answer = client.send(DescribeUHostInstance::new()).unwrap();
                    assert_eq!(answer.total_count, 2);
                }
                let pages = client
                    .paginate(DescribeUHostInstance::new())
                    .page_size(1)
                    .pages()
                    .count();
                assert_eq!(pages, 2);
            });
        }
    });
    assert_eq!(svc.emu.request_count(DESCRIBE) - before, 8 * (5 + 2));
}

/// Every kind of blocking call, made where blocking is not allowed.
fn assert_every_call_is_refused(client: &blocking::Client) {
    assert!(is_refusal(client.send(DescribeUHostInstance::new())));
    assert!(is_refusal(
        client
            .request(DescribeUHostInstance::new())
            .max_attempts(1)
            .send()
    ));
    assert!(is_refusal(
        client
            .invoke("DescribeImage", serde_json::json!({}))
            .value()
    ));
    let mut pages = client.paginate(DescribeUHostInstance::new()).pages();
    assert!(is_refusal(pages.next().unwrap()));
    assert!(pages.next().is_none());
    assert!(is_refusal(client.run(|_| async { Ok(()) })));
    assert!(is_refusal(
        Waiter::new("x").until_blocking(|| Ok(Status::Ready(())))
    ));
}

#[tokio::test]
async fn inside_a_tokio_test_calls_fail_and_creating_and_dropping_do_not_panic() {
    let emu = support::emulator([]).await;
    let client = blocking::Client::new(support::client_builder(&emu)).unwrap();
    assert_every_call_is_refused(&client);
    assert_eq!(emu.request_count(DESCRIBE), 0, "nothing was sent");

    // A thread outside the runtime may use it, then hand it back here.
    let (done, answer) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let result = client.send(DescribeUHostInstance::new());
        let _ = done.send((result, client));
    });
    let (result, client) = answer.await.unwrap();
    assert_eq!(result.unwrap().total_count, 0);
    drop(client);
}

#[test]
fn inside_runtime_block_on_calls_fail_and_dropping_does_not_panic() {
    let svc = service([]);
    let client = client(&svc);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async move {
        assert_every_call_is_refused(&client);
        // The last handle, and with it the client's runtime, goes away
        // inside this runtime.
        drop(client);
    });
    // Also a client created and dropped entirely inside `block_on`.
    runtime.block_on(async {
        let inner = blocking::Client::new(support::client_builder(&svc.emu)).unwrap();
        assert_every_call_is_refused(&inner);
    });
    assert_eq!(svc.emu.request_count(DESCRIBE), 0, "nothing was sent");
}

#[test]
fn calls_nested_in_run_or_spawn_blocking_fail_instead_of_hanging() {
    let svc = service([]);
    let client = client(&svc);
    let nested = client
        .run(|_| async { Ok::<_, Error>(client.send(DescribeUHostInstance::new())) })
        .unwrap();
    assert!(is_refusal(nested));

    // Blocking-pool threads of a runtime are inside it too.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let clone = client.clone();
    let result = runtime
        .block_on(async move {
            tokio::task::spawn_blocking(move || clone.send(DescribeUHostInstance::new())).await
        })
        .unwrap();
    assert!(is_refusal(result));
    assert_eq!(svc.emu.request_count(DESCRIBE), 0, "nothing was sent");
}
