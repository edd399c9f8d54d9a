//! The blocking client runs on the same mocks as the async one.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod mock_support;

use std::time::Duration;

use api_core::RetryPolicy;
use api_core::test_util::{Answer, Mock, rule};
use mock_support::{DescribeUHostInstance, instance, page};

#[test]
fn the_blocking_client_of_a_mock_gets_its_answers() {
    let mock = Mock::new().with_rule(rule::<DescribeUHostInstance>().output(page(4, &[])));
    let client = mock.blocking_client().unwrap();
    let got = client.send(DescribeUHostInstance::default()).unwrap();
    assert_eq!(got.total_count, 4);
    mock.assert_called::<DescribeUHostInstance>(1);
}

#[test]
fn a_wrapped_mock_client_retries_and_pages_as_the_async_one() {
    let mock = Mock::new().with_rule(
        rule::<DescribeUHostInstance>()
            .http_status(503)
            .answer(
                Answer::output(&page(
                    3,
                    &[instance("a", "Running"), instance("b", "Running")],
                ))
                .after(Duration::from_millis(5)),
            )
            .output(page(3, &[instance("c", "Stopped")])),
    );
    let fast_retries = mock
        .client_builder()
        .retry(RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(1),
            max_backoff: Duration::from_millis(1),
        })
        .build()
        .unwrap();
    let client = api_core::blocking::Client::from_async(fast_retries).unwrap();
    let ids: Vec<String> = client
        .paginate(DescribeUHostInstance {
            limit: Some(2),
            ..Default::default()
        })
        .items()
        .map(|item| item.unwrap().uhost_id)
        .collect();
    assert_eq!(ids, ["a", "b", "c"]);
    let attempts: Vec<u32> = mock.calls().iter().map(|c| c.attempt).collect();
    assert_eq!(attempts, [1, 2, 1]);
    mock.assert_rules_used();
}

#[test]
fn an_unmatched_blocking_call_fails_naming_the_action() {
    let mock = Mock::new();
    let err = mock
        .blocking_client()
        .unwrap()
        .send(DescribeUHostInstance::default())
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("no mock rule answers DescribeUHostInstance"),
        "{err}"
    );
}
