//! Waiters against the emulator's timed state changes: they succeed, time
//! out naming the last state, and fail fast.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use api_core::Error;
use api_core::wait::Waiter;
use api_uhost::instances::{InstanceState, StopUHostInstance, TerminateUHostInstance};
use api_uhost::wait;

fn quick() -> Waiter<'static> {
    Waiter::new("")
        .initial_delay(Duration::from_millis(5))
        .max_delay(Duration::from_millis(20))
        .timeout(Duration::from_secs(10))
}

#[tokio::test]
async fn an_instance_is_awaited_through_its_states() {
    // Creating takes 3 s on the real service; 30 ms here.
    let emu = support::emulator_at_scale(0.01, []).await;
    let client = support::client(&emu);
    let id = support::create_instances(&client, 1).await.remove(0);
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let running = wait::instance_state(
        &client,
        &id,
        InstanceState::Running,
        quick().on_progress(move |state, _| log.lock().unwrap().push(state.to_owned())),
    )
    .await
    .unwrap();
    assert_eq!(running.state, InstanceState::Running);
    assert_eq!(running.uhost_id, id);
    assert!(
        seen.lock().unwrap().iter().any(|s| s == "Initializing"),
        "{seen:?}"
    );

    client.send(StopUHostInstance::new(&*id)).await.unwrap();
    let stopped = wait::instance_state(&client, &id, InstanceState::Stopped, quick())
        .await
        .unwrap();
    assert_eq!(stopped.state, InstanceState::Stopped);

    client
        .send(TerminateUHostInstance::new(&*id))
        .await
        .unwrap();
    wait::instance_gone(&client, &id, quick()).await.unwrap();
}

#[tokio::test]
async fn a_wait_times_out_naming_the_last_state() {
    // At full scale creating takes 3 s; the waiter gives up after 200 ms.
    let emu = support::emulator_at_scale(1.0, []).await;
    let client = support::client(&emu);
    let id = support::create_instances(&client, 1).await.remove(0);
    let started = Instant::now();
    let err = wait::instance_state(
        &client,
        &id,
        InstanceState::Running,
        quick().timeout(Duration::from_millis(200)),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&err, Error::WaitTimeout { last_state, what, .. } if last_state == "Initializing" && what.contains(&id)),
        "{err:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn a_wait_fails_fast_when_the_instance_is_gone() {
    let emu = support::emulator([]).await;
    let client = support::client(&emu);
    let id = support::create_instances(&client, 1).await.remove(0);
    client.send(StopUHostInstance::new(&*id)).await.unwrap();
    client
        .send(TerminateUHostInstance::new(&*id))
        .await
        .unwrap();
    let started = Instant::now();
    let err = wait::instance_state(&client, &id, InstanceState::Running, quick())
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::WaitFailed { state, .. } if state == "gone"),
        "{err:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "no waiting for the deadline"
    );
}
