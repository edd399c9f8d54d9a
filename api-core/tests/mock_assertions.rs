//! A mock records every attempt, and its assertions say what was called
//! instead when they fail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod mock_support;

use std::panic::{AssertUnwindSafe, catch_unwind};

use api_core::test_util::{Mock, rule};
use mock_support::{CreateUHostInstance, DescribeUHostInstance, create, page};

/// The message of the panic `f` raises.
fn panic_message(f: impl FnOnce()) -> String {
    let payload = catch_unwind(AssertUnwindSafe(f)).expect_err("the assertion fails");
    match payload.downcast::<String>() {
        Ok(text) => *text,
        Err(payload) => payload
            .downcast::<&str>()
            .map(|s| (*s).to_owned())
            .unwrap_or_default(),
    }
}

#[tokio::test(start_paused = true)]
async fn every_attempt_is_recorded_with_action_params_attempt_and_rule() {
    let mock = Mock::new().with_rule(
        rule::<DescribeUHostInstance>()
            .http_status(503)
            .output(page(0, &[])),
    );
    mock.client()
        .send(DescribeUHostInstance::ids(&["uhost-1"]))
        .await
        .unwrap();
    let calls = mock.calls();
    assert_eq!(calls.len(), 2);
    for (call, attempt) in calls.iter().zip(1..) {
        assert_eq!(call.action, "DescribeUHostInstance");
        assert_eq!(call.attempt, attempt);
        assert_eq!(call.rule, Some(1));
        assert_eq!(call.params.list("UHostIds"), ["uhost-1"]);
        // The client's defaults are part of what was sent; the credential
        // and signature are not.
        assert_eq!(call.params.get("Region"), Some("cn-bj2"));
        assert_eq!(call.params.get("Zone"), Some("cn-bj2-02"));
        assert!(!call.params.contains("Signature") && !call.params.contains("PublicKey"));
        assert!(call.is(&DescribeUHostInstance::ids(&["uhost-1"])));
    }
}

#[tokio::test(start_paused = true)]
async fn called_counts_calls_not_attempts() {
    let mock = Mock::new().with_rule(
        rule::<DescribeUHostInstance>()
            .http_status(503)
            .output(page(0, &[]))
            .repeatedly(),
    );
    let client = mock.client();
    client.send(DescribeUHostInstance::default()).await.unwrap();
    client.send(DescribeUHostInstance::default()).await.unwrap();
    assert_eq!(mock.calls_of::<DescribeUHostInstance>().len(), 3);
    assert_eq!(mock.times_called::<DescribeUHostInstance>(), 2);
    mock.assert_called::<DescribeUHostInstance>(2);
    mock.assert_called::<CreateUHostInstance>(0);
    let message = panic_message(|| mock.assert_called::<DescribeUHostInstance>(1));
    assert!(
        message.starts_with("expected 1 call of DescribeUHostInstance, got 2; the calls made:"),
        "{message}"
    );
    assert!(
        message.contains("DescribeUHostInstance attempt 2 with"),
        "{message}"
    );
}

#[tokio::test]
async fn called_with_compares_requests_and_shows_the_differences() {
    let mock = Mock::new().with_rule(rule::<CreateUHostInstance>().output(Default::default()));
    mock.client().send(create("image-1")).await.unwrap();
    mock.assert_called_with(&create("image-1"));
    let message = panic_message(|| mock.assert_called_with(&create("image-2")));
    assert!(
        message.starts_with("no call of CreateUHostInstance sent"),
        "{message}"
    );
    assert!(
        message.contains(r#"attempt 1 differs: ImageId: expected "image-2", sent "image-1""#),
        "{message}"
    );
    // Secrets stay out of the message.
    assert!(!message.contains("Sup3r-Secret"), "{message}");
    let message = panic_message(|| mock.assert_called_with(&DescribeUHostInstance::default()));
    assert!(message.contains("the calls made:"), "{message}");
}

#[tokio::test]
async fn all_matched_lists_the_calls_no_rule_answered() {
    let mock = Mock::new().with_rule(rule::<DescribeUHostInstance>().output(page(0, &[])));
    let client = mock.client();
    client.send(DescribeUHostInstance::default()).await.unwrap();
    mock.assert_all_matched();
    client.send(create("image-1")).await.unwrap_err();
    assert_eq!(mock.unmatched().len(), 1);
    let message = panic_message(|| mock.assert_all_matched());
    assert!(
        message.starts_with("1 attempt matched no rule:"),
        "{message}"
    );
    assert!(
        message.contains("CreateUHostInstance attempt 1 with"),
        "{message}"
    );
    assert!(message.contains(r#"Password="<redacted>""#), "{message}");
    assert!(
        message.contains("#1 DescribeUHostInstance, 1 of 1 answers served"),
        "{message}"
    );
}

#[tokio::test]
async fn rules_used_names_the_rules_with_answers_left() {
    let mock = Mock::new()
        .with_rule(
            rule::<DescribeUHostInstance>()
                .output(page(0, &[]))
                .times(2),
        )
        .with_rule(
            rule::<CreateUHostInstance>()
                .output(Default::default())
                .repeatedly(),
        );
    let client = mock.client();
    client.send(DescribeUHostInstance::default()).await.unwrap();
    let message = panic_message(|| mock.assert_rules_used());
    assert!(
        message.contains("#1 DescribeUHostInstance, 1 of 2 answers served"),
        "{message}"
    );
    assert!(
        message.contains("#2 CreateUHostInstance, answers repeatedly, 0 served"),
        "{message}"
    );
    client.send(DescribeUHostInstance::default()).await.unwrap();
    client.send(create("image-1")).await.unwrap();
    mock.assert_rules_used();
}

#[tokio::test]
async fn rules_added_later_answer_later_calls() {
    let mock = Mock::new();
    let client = mock.client();
    let err = client
        .send(DescribeUHostInstance::default())
        .await
        .unwrap_err();
    assert!(err.to_string().contains("the mock has no rules"), "{err}");
    mock.add_rule(rule::<DescribeUHostInstance>().output(page(3, &[])));
    assert_eq!(
        client
            .send(DescribeUHostInstance::default())
            .await
            .unwrap()
            .total_count,
        3
    );
}
