//! Testing code that calls the SDK without a network (cargo feature
//! `test-util`, off by default; enable it in `[dev-dependencies]`).
//!
//! - [`Mock`] and [`rule`]: a [`Client`](crate::Client) whose answers
//!   come from rules per action (typed answers, JSON, API errors, HTTP
//!   statuses, delays, dropped connections, timeouts; once, `n` times,
//!   forever or in sequence), with every call recorded for assertions.
//! - [`Recorder`] and [`Replay`]: record real exchanges to a cassette
//!   file, then serve them offline.
//! - [`Collected`]: an action encoded without streaming, to compare with
//!   the streamed encoding of the same request.
//!
//! A unit test with a canned typed answer:
//!
//! ```
//! # /// Lists instances (declared as in `api-uhost`).
//! # #[api_core::api_action("DescribeUHostInstance")]
//! # #[response(
//! #     /// How many instances match.
//! #     total_count: i64,
//! # )]
//! # pub struct DescribeUHostInstance {}
//! # async fn count_instances(client: &api_core::Client) -> Result<i64, api_core::Error> {
//! #     Ok(client.send(DescribeUHostInstance::new()).await?.total_count)
//! # }
//! # #[tokio::main(flavor = "current_thread")] async fn main() { counts_instances().await }
//! use api_core::test_util::{Mock, rule};
//!
//! // #[tokio::test]
//! async fn counts_instances() {
//!     let answer = DescribeUHostInstanceResponse { total_count: 3, ..Default::default() };
//!     let mock = Mock::new().with_rule(rule::<DescribeUHostInstance>().output(answer));
//!     assert_eq!(count_instances(&mock.client()).await.unwrap(), 3);
//!     mock.assert_called::<DescribeUHostInstance>(1);
//! }
//! ```
//!
//! # Rules and answers
//!
//! A rule names an action by its type ([`rule`]) or by name
//! ([`rule_for`], for [`Client::invoke`](crate::Client::invoke) calls),
//! optionally matches the request ([`Rule::match_request`] with a typed
//! value, [`Rule::match_params`] with a predicate on the wire
//! parameters), and lists its answers in order, each served once unless
//! [`Rule::times`] or [`Rule::repeatedly`] say otherwise. Each attempt
//! takes one answer, so retries, time limits, waiters and paginators run
//! unchanged:
//!
//! ```
//! # use api_core::test_util::{Mock, rule_for};
//! let mock = Mock::new().with_rule(
//!     rule_for("DescribeUHostInstance")
//!         .http_status(503)
//!         .times(2) // two attempts fail…
//!         .json(serde_json::json!({"TotalCount": 0})), // …the third succeeds
//! );
//! ```
//!
//! Typed answers and JSON get `RetCode: 0` and `Action` added, and go
//! through the client's real decoder. A delayed answer
//! ([`Answer::after`]) sleeps on tokio's clock: under
//! `tokio::time::pause()` (this feature turns on tokio's `test-util`),
//! delays, backoff and time limits pass at once.
//!
//! Requests are matched on what the server would receive: the typed
//! request a rule expects is encoded as the client would encode it and
//! compared parameter by parameter. (Rules cannot see the typed request
//! value itself: calls take any action, by value or by reference, and
//! only its parameters travel past `Client::send`.)
//!
//! # Assertions
//!
//! A mock records every attempt ([`Mock::calls`]: action, parameters,
//! attempt number, the rule that answered). [`Mock::assert_called`],
//! [`Mock::assert_called_with`], [`Mock::assert_all_matched`] and
//! [`Mock::assert_rules_used`] fail the test with what was called
//! instead. A call no rule answers fails with
//! [`Error::Config`](crate::Error::Config), naming the action and its
//! parameters and listing the rules with why each did not take it; it is
//! not retried.
//!
//! # Cassettes
//!
//! A [`Recorder`] is a transport that sends through another and writes
//! each attempt as one JSON line; a [`Replay`] serves those lines to a
//! client offline, matching by action and parameters.
//!
//! ```text
//! {"action":"DescribeUHostInstance","attempt":1,"params":{"Limit":"10","Region":"cn-bj2"},"status":200,"request_uuid":"6f1c…","response":{"Action":"DescribeUHostInstanceResponse","RetCode":0,"TotalCount":0,"UHostSet":[]}}
//! {"action":"StopUHostInstance","attempt":1,"params":{"Region":"cn-bj2","UHostId":"uhost-1"},"error":{"kind":"timeout","message":"per-attempt timeout"}}
//! ```
//!
//! `PublicKey`, `SecurityToken` and `Signature` are not recorded; secret
//! parameters (by name: passwords, user data, tokens, private keys; more
//! with [`Recorder::secret`]) and secret-named fields of JSON answers are
//! recorded as `<redacted>`, which matches any value on replay. A failed
//! attempt has `"error": {"kind": …, "message": …}`, with `kind` one of
//! `connect`, `connect_timeout`, `timeout`, `local_resources`,
//! `too_large` and `other`.
//!
//! # Blocking code
//!
//! `Mock::blocking_client` (with the `blocking` feature), or
//! `api_core::blocking::Client::from_async` on any mocked or replaying
//! client.
//!
//! # Dependencies
//!
//! `form_urlencoded` reads the form bodies the client sends back into
//! parameters; tokio's `test-util` provides `tokio::time::pause`.

mod answer;
mod cassette;
mod collected;
mod mock;
mod record;
mod replay;
mod rule;
mod serve;
mod wire;

pub use answer::Answer;
pub use collected::Collected;
pub use mock::{Call, MOCK_BASE_URL, MOCK_REGION, MOCK_ZONE, Mock};
pub use record::Recorder;
pub use replay::Replay;
pub use rule::{Rule, Untyped, rule, rule_for};
pub use wire::WireParams;
