//! A mock client answers from rules: every kind of answer, sequences,
//! matchers, and the SDK's retries, time limits, paginators and waiters
//! running unchanged on top. Nothing here opens a socket: the mock's
//! transport serves every answer in memory.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod mock_support;

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use api_core::intercept::{AttemptInfo, CallInfo, Interceptor};
use api_core::test_util::{Answer, Mock, rule, rule_for};
use api_core::wait::{Status, Waiter};
use api_core::{Error, RetryPolicy, TimeoutKind, retcode};
use futures_util::TryStreamExt;
use mock_support::{
    CreateUHostInstance, CreateUHostInstanceResponse, DescribeUHostInstance, create, instance, page,
};
use tokio::time::Instant;

#[tokio::test]
async fn a_typed_answer_comes_back_through_the_real_decoder() {
    let answer = page(1, &[instance("uhost-1", "Running")]);
    let mock = Mock::new().with_rule(rule::<DescribeUHostInstance>().output(answer.clone()));
    let got = mock
        .client()
        .send(DescribeUHostInstance::default())
        .await
        .unwrap();
    assert_eq!(got, answer);
}

#[tokio::test]
async fn json_answers_get_ret_code_and_action_added() {
    let mock = Mock::new().with_rule(
        rule_for("DescribeUHostInstance")
            .json(serde_json::json!({"TotalCount": 7}))
            .times(2),
    );
    let client = mock.client();
    // Without a RetCode the client would refuse the answer as undecodable.
    let typed = client.send(DescribeUHostInstance::default()).await.unwrap();
    assert_eq!(typed.total_count, 7);
    let raw = client
        .invoke("DescribeUHostInstance", serde_json::json!({}))
        .await
        .unwrap();
    assert_eq!(raw["TotalCount"], 7);
}

#[tokio::test]
async fn an_api_error_answer_is_an_api_error() {
    let mock = Mock::new().with_rule(
        rule::<DescribeUHostInstance>().answer(
            Answer::api_error(retcode::INSTANCE_DELETED, "the instance was deleted")
                .request_uuid("req-42"),
        ),
    );
    let err = mock
        .client()
        .send(DescribeUHostInstance::ids(&["uhost-x"]))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(retcode::INSTANCE_DELETED));
    assert_eq!(err.request_uuid(), Some("req-42"));
    assert!(
        err.to_string().contains("the instance was deleted"),
        "{err}"
    );
}

#[tokio::test]
async fn an_http_status_answer_is_an_http_status_error() {
    let mock = Mock::new().with_rule(rule::<CreateUHostInstance>().http_status(403));
    let err = mock.client().send(create("image-1")).await.unwrap_err();
    assert_eq!(err.http_status(), Some(403));
}

#[tokio::test(start_paused = true)]
async fn a_sequence_of_failures_then_an_answer_is_retried_to_success() {
    let mock = Mock::new().with_rule(
        rule::<DescribeUHostInstance>()
            .http_status(503)
            .times(2)
            .output(page(0, &[])),
    );
    mock.client()
        .send(DescribeUHostInstance::default())
        .await
        .unwrap();
    let attempts: Vec<u32> = mock.calls().iter().map(|c| c.attempt).collect();
    assert_eq!(attempts, [1, 2, 3]);
    mock.assert_called::<DescribeUHostInstance>(1);
    mock.assert_rules_used();
}

#[tokio::test(start_paused = true)]
async fn a_dropped_connection_is_retried_only_for_actions_safe_to_repeat() {
    let mock = Mock::new()
        .with_rule(
            rule::<DescribeUHostInstance>()
                .dropped_connection()
                .output(page(0, &[])),
        )
        .with_rule(
            rule::<CreateUHostInstance>()
                .dropped_connection()
                .output(CreateUHostInstanceResponse::default()),
        );
    let client = mock.client();
    client.send(DescribeUHostInstance::default()).await.unwrap();
    let err = client.send(create("image-1")).await.unwrap_err();
    assert!(matches!(err, Error::Transport { attempts: 1, .. }), "{err}");
    assert_eq!(mock.calls_of::<CreateUHostInstance>().len(), 1);
}

#[tokio::test(start_paused = true)]
async fn a_refused_connection_is_retried_even_for_unsafe_actions() {
    let mock = Mock::new().with_rule(
        rule::<CreateUHostInstance>()
            .answer(Answer::refused_connection())
            .output(CreateUHostInstanceResponse {
                uhost_ids: vec!["uhost-1".into()],
            }),
    );
    let created = mock.client().send(create("image-1")).await.unwrap();
    assert_eq!(created.uhost_ids, ["uhost-1"]);
}

#[tokio::test(start_paused = true)]
async fn a_timeout_answer_times_the_attempt_out() {
    let mock = Mock::new().with_rule(rule::<DescribeUHostInstance>().timeout().repeatedly());
    let err = mock
        .client()
        .send(DescribeUHostInstance::default())
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Timeout {
                kind: TimeoutKind::Attempt,
                attempts: 3,
                ..
            }
        ),
        "{err}"
    );
}

#[tokio::test(start_paused = true)]
async fn a_delay_passes_on_tokio_time_and_past_the_limit_times_out() {
    let mock = Mock::new().with_rule(
        rule::<DescribeUHostInstance>()
            .answer(Answer::output(&page(0, &[])).after(Duration::from_secs(60)))
            .answer(Answer::output(&page(0, &[])).after(Duration::from_secs(2))),
    );
    let client = mock
        .client_builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let started = Instant::now();
    client.send(DescribeUHostInstance::default()).await.unwrap();
    // The first attempt timed out after 10 s, the retry took 2 s; the
    // backoff between them is at most 100 ms.
    let elapsed = started.elapsed();
    assert!(
        elapsed >= Duration::from_secs(12) && elapsed < Duration::from_secs(13),
        "{elapsed:?}"
    );
    let attempts: Vec<u32> = mock.calls().iter().map(|c| c.attempt).collect();
    assert_eq!(attempts, [1, 2]);
}

#[tokio::test(start_paused = true)]
async fn the_total_time_limit_cuts_slow_answers_short() {
    let slow = Answer::output(&page(0, &[])).after(Duration::from_secs(20));
    let mock = Mock::new().with_rule(rule::<DescribeUHostInstance>().answer(slow).repeatedly());
    let client = mock
        .client_builder()
        .timeout(Duration::from_secs(15))
        .total_timeout(Duration::from_secs(25))
        .build()
        .unwrap();
    let err = client
        .send(DescribeUHostInstance::default())
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Timeout {
                kind: TimeoutKind::Total,
                attempts: 2,
                ..
            }
        ),
        "{err}"
    );
}

#[tokio::test]
async fn typed_requests_pick_their_rule() {
    let mock = Mock::new()
        .with_rule(
            rule::<DescribeUHostInstance>()
                .match_request(DescribeUHostInstance::ids(&["uhost-1"]))
                .output(page(1, &[instance("uhost-1", "Running")]))
                .repeatedly(),
        )
        .with_rule(
            rule::<DescribeUHostInstance>()
                .match_request(DescribeUHostInstance::ids(&["uhost-2"]))
                .output(page(1, &[instance("uhost-2", "Stopped")]))
                .repeatedly(),
        );
    let client = mock.client();
    for (id, state) in [("uhost-2", "Stopped"), ("uhost-1", "Running")] {
        let got = client
            .send(DescribeUHostInstance::ids(&[id]))
            .await
            .unwrap();
        assert_eq!(got.uhost_set[0].state, state);
    }
    let rules: Vec<Option<usize>> = mock.calls().iter().map(|c| c.rule).collect();
    assert_eq!(rules, [Some(2), Some(1)]);
}

#[tokio::test]
async fn a_typed_request_matches_whatever_defaults_the_client_adds() {
    let mock = Mock::new().with_rule(
        rule::<DescribeUHostInstance>()
            .match_request(DescribeUHostInstance::default())
            .output(page(0, &[])),
    );
    let client = mock.client_builder().region("cn-sh2").build().unwrap();
    client.send(DescribeUHostInstance::default()).await.unwrap();
    assert_eq!(mock.calls()[0].params.get("Region"), Some("cn-sh2"));
}

#[tokio::test]
async fn parameter_predicates_pick_their_rule() {
    let mock = Mock::new()
        .with_rule(
            rule::<DescribeUHostInstance>()
                .match_params(|p| p.list("UHostIds").contains(&"uhost-9"))
                .api_error(retcode::INSTANCE_DELETED, "the instance was deleted"),
        )
        .with_rule(
            rule::<DescribeUHostInstance>()
                .output(page(0, &[]))
                .repeatedly(),
        );
    let client = mock.client();
    client
        .send(DescribeUHostInstance::ids(&["uhost-1"]))
        .await
        .unwrap();
    let err = client
        .send(DescribeUHostInstance::ids(&["uhost-1", "uhost-9"]))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(retcode::INSTANCE_DELETED));
}

#[tokio::test]
async fn a_rule_that_served_its_answers_gives_way_to_the_next() {
    let mock = Mock::new()
        .with_rule(rule::<DescribeUHostInstance>().output(page(1, &[])))
        .with_rule(
            rule::<DescribeUHostInstance>()
                .output(page(2, &[]))
                .times(2),
        );
    let client = mock.client();
    let mut totals = Vec::new();
    for _ in 0..3 {
        let got = client.send(DescribeUHostInstance::default()).await.unwrap();
        totals.push(got.total_count);
    }
    assert_eq!(totals, [1, 2, 2]);
    assert!(client.send(DescribeUHostInstance::default()).await.is_err());
}

#[tokio::test]
async fn an_unmatched_call_fails_at_once_naming_the_action_and_the_rules() {
    let mock = Mock::new()
        .with_rule(
            rule::<DescribeUHostInstance>()
                .match_request(DescribeUHostInstance::ids(&["uhost-1"]))
                .output(page(0, &[])),
        )
        .with_rule(rule::<CreateUHostInstance>());
    let err = mock
        .client()
        .send(DescribeUHostInstance::ids(&["uhost-2"]))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Config { .. }), "{err:?}");
    let text = err.to_string();
    for part in [
        "no mock rule answers DescribeUHostInstance (attempt 1)",
        r#"UHostIds.0="uhost-2""#,
        "#1 DescribeUHostInstance where the request is",
        r#"not taken: the request differs: UHostIds.0: expected "uhost-1", sent "uhost-2""#,
        "#2 CreateUHostInstance, no answers",
        "rule::<DescribeUHostInstance>()",
    ] {
        assert!(text.contains(part), "{part:?} missing from: {text}");
    }
    // Not retried, though the action is safe to repeat.
    assert_eq!(mock.calls().len(), 1);
    assert_eq!(mock.unmatched().len(), 1);
}

#[tokio::test]
async fn an_answer_that_cannot_be_made_says_why() {
    let mock =
        Mock::new().with_rule(rule_for("DescribeUHostInstance").json(serde_json::json!([1])));
    let err = mock
        .client()
        .send(DescribeUHostInstance::default())
        .await
        .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("mock rule #1 cannot answer"), "{text}");
    assert!(text.contains("not an array"), "{text}");
}

#[tokio::test]
async fn invoke_calls_are_answered_by_name() {
    let mock = Mock::new().with_rule(
        rule_for("GetRegion").json(serde_json::json!({"Regions": [{"Region": "cn-bj2"}]})),
    );
    let answer = mock
        .client()
        .invoke("GetRegion", serde_json::json!({}))
        .await
        .unwrap();
    assert_eq!(answer["Regions"][0]["Region"], "cn-bj2");
}

#[tokio::test]
async fn a_paginator_walks_the_pages_a_sequence_serves() {
    let mock = Mock::new().with_rule(
        rule::<DescribeUHostInstance>()
            .output(page(
                5,
                &[instance("a", "Running"), instance("b", "Running")],
            ))
            .output(page(
                5,
                &[instance("c", "Stopped"), instance("d", "Running")],
            ))
            .output(page(5, &[instance("e", "Running")])),
    );
    let items: Vec<_> = mock
        .client()
        .paginate(DescribeUHostInstance {
            limit: Some(2),
            ..Default::default()
        })
        .items()
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<&str> = items.iter().map(|i| i.uhost_id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
    let calls = mock.calls();
    let offsets: Vec<Option<&str>> = calls.iter().map(|c| c.params.get("Offset")).collect();
    assert_eq!(offsets, [Some("0"), Some("2"), Some("4")]);
    mock.assert_rules_used();
}

#[tokio::test(start_paused = true)]
async fn a_waiter_polls_until_the_answers_say_ready() {
    let mock = Mock::new().with_rule(
        rule::<DescribeUHostInstance>()
            .output(page(1, &[instance("uhost-1", "Initializing")]))
            .times(3)
            .output(page(1, &[instance("uhost-1", "Running")])),
    );
    let client = mock.client();
    let started = Instant::now();
    let state = Waiter::new("uhost-1 to be Running")
        .until(|| async {
            let got = client
                .send(DescribeUHostInstance::ids(&["uhost-1"]))
                .await?;
            let state = got.uhost_set[0].state.clone();
            Ok(if state == "Running" {
                Status::Ready(state)
            } else {
                Status::Pending(state)
            })
        })
        .await
        .unwrap();
    assert_eq!(state, "Running");
    mock.assert_called::<DescribeUHostInstance>(4);
    // The waiter slept between polls, on paused time.
    assert!(started.elapsed() >= Duration::from_millis(500));
}

#[derive(Debug, Default)]
struct CountAttempts(Arc<AtomicU32>);

impl Interceptor for CountAttempts {
    fn after_attempt(&self, _call: &CallInfo<'_>, _attempt: &AttemptInfo<'_>) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }
}

#[tokio::test(start_paused = true)]
async fn the_client_s_interceptors_and_retry_policy_apply() {
    let counted = Arc::new(AtomicU32::new(0));
    let mock = Mock::new().with_rule(
        rule::<DescribeUHostInstance>()
            .http_status(503)
            .repeatedly(),
    );
    let client = mock
        .client_builder()
        .retry(RetryPolicy {
            max_attempts: 5,
            ..RetryPolicy::default()
        })
        .interceptor(CountAttempts(Arc::clone(&counted)))
        .build()
        .unwrap();
    let err = client
        .send(DescribeUHostInstance::default())
        .await
        .unwrap_err();
    assert_eq!(err.attempts(), 5);
    assert_eq!(counted.load(Ordering::Relaxed), 5);
}
