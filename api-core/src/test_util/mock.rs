//! The mock: rules that answer a client's calls, and the record of every
//! call it answered or could not.

use std::fmt;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use super::answer::Answer;
use super::rule::{Rule, RuleSpec};
use super::serve::{self, Responder};
use super::wire::{WireParams, differences};
use crate::action::Action;
use crate::client::Client;
use crate::config::ClientBuilder;
use crate::credential::Credential;
use crate::error::Error;
use crate::transport::HttpRequest;

/// The default `Region` of a mock's client.
pub const MOCK_REGION: &str = "cn-bj2";
/// The default `Zone` of a mock's client.
pub const MOCK_ZONE: &str = "cn-bj2-02";
/// The base URL of a mock's client; nothing is ever sent to it. It names
/// the loopback discard port, so that even a mistake could not reach
/// another machine or a name server.
pub const MOCK_BASE_URL: &str = "http://127.0.0.1:9";

/// Answers a client's calls from [rules](super::Rule), opening no socket,
/// and records every call.
///
/// Its clients are real [`Client`]s: requests are prepared, signed and
/// encoded, answers decoded, and retries, time limits, interceptors,
/// waiters and paginators work as in production. Only the transport is
/// replaced. Rules are tried in the order they were added; the first that
/// matches a call and has an answer left serves it. A call no rule
/// answers fails with [`Error::Config`], naming the action and listing
/// the rules, and is recorded as unmatched.
///
/// Clones share rules and records.
#[derive(Clone, Default)]
pub struct Mock {
    book: Arc<Mutex<Book>>,
}

/// The rules and the calls.
#[derive(Default)]
struct Book {
    rules: Vec<RuleSpec>,
    calls: Vec<Call>,
}

/// One attempt of a call, as a mock saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Call {
    /// The action's name, e.g. `DescribeUHostInstance`.
    pub action: String,
    /// The parameters sent, defaults included; see [`WireParams`].
    pub params: WireParams,
    /// The attempt's number within its call, 1 for the first.
    pub attempt: u32,
    /// The rule that answered, counting from 1 in the order rules were
    /// added; `None` when no rule did.
    pub rule: Option<usize>,
}

impl Call {
    /// Whether this is a call of `A` that sent the request `expected`
    /// (see [`Rule::match_request`] for how requests compare).
    pub fn is<A: Action>(&self, expected: &A) -> bool {
        self.action == A::META.name
            && WireParams::of_action(expected)
                .is_ok_and(|want| differences(&want, &self.params, true, &[]).is_empty())
    }
}

impl fmt::Display for Call {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} attempt {} with {}",
            self.action, self.attempt, self.params
        )?;
        match self.rule {
            Some(rule) => write!(f, ", answered by rule #{rule}"),
            None => f.write_str(", unmatched"),
        }
    }
}

impl Mock {
    /// A mock with no rules.
    pub fn new() -> Self {
        Mock::default()
    }

    /// The mock with `rule` added after its other rules.
    pub fn with_rule<A>(self, rule: Rule<A>) -> Self {
        self.add_rule(rule);
        self
    }

    /// Adds `rule` after the other rules, also while clients are using the
    /// mock.
    pub fn add_rule<A>(&self, rule: Rule<A>) {
        self.book().rules.push(rule.spec);
    }

    fn book(&self) -> MutexGuard<'_, Book> {
        self.book.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A client answered by this mock, with a placeholder credential,
    /// region [`MOCK_REGION`], zone [`MOCK_ZONE`] and otherwise the
    /// default settings (three attempts per call, real backoff delays:
    /// use `tokio::time::pause` to skip them).
    pub fn client(&self) -> Client {
        match self.client_builder().build() {
            Ok(client) => client,
            // The settings above are fixed and valid.
            Err(e) => unreachable!("the mock's client settings are valid: {e}"),
        }
    }

    /// The builder of [`Mock::client`], to change its settings (retry
    /// policy, time limits, region, interceptors) before building.
    pub fn client_builder(&self) -> ClientBuilder {
        self.attach(
            Client::builder()
                .credential(Credential::new("mock-public-key", "mock-private-key"))
                .base_url(MOCK_BASE_URL)
                .region(MOCK_REGION)
                .zone(MOCK_ZONE),
        )
    }

    /// `builder` answered by this mock: its transport is replaced and an
    /// interceptor that picks the answers is added after its others.
    pub fn attach(&self, builder: ClientBuilder) -> ClientBuilder {
        serve::attach(Arc::new(self.clone()), builder)
    }

    /// A blocking client answered by this mock (cargo feature
    /// `blocking`), with the settings of [`Mock::client`].
    #[cfg(feature = "blocking")]
    pub fn blocking_client(&self) -> Result<crate::blocking::Client, Error> {
        crate::blocking::Client::from_async(self.client())
    }

    /// Every attempt of every call so far, in the order they were sent.
    pub fn calls(&self) -> Vec<Call> {
        self.book().calls.clone()
    }

    /// The attempts of calls of `A`.
    pub fn calls_of<A: Action>(&self) -> Vec<Call> {
        self.calls_named(A::META.name)
    }

    fn calls_named(&self, action: &str) -> Vec<Call> {
        self.book()
            .calls
            .iter()
            .filter(|c| c.action == action)
            .cloned()
            .collect()
    }

    /// How many calls of `A` were made, each counted once however many
    /// attempts it took.
    pub fn times_called<A: Action>(&self) -> usize {
        self.calls_of::<A>()
            .iter()
            .filter(|c| c.attempt == 1)
            .count()
    }

    /// The attempts no rule answered.
    pub fn unmatched(&self) -> Vec<Call> {
        self.book()
            .calls
            .iter()
            .filter(|c| c.rule.is_none())
            .cloned()
            .collect()
    }

    /// Asserts that `A` was called `times` times (see
    /// [`Mock::times_called`]).
    ///
    /// # Panics
    ///
    /// When it was not, listing the calls that were made.
    #[track_caller]
    pub fn assert_called<A: Action>(&self, times: usize) {
        let made = self.times_called::<A>();
        if made != times {
            fail(format!(
                "expected {times} call{} of {}, got {made}; {}",
                plural(times),
                A::META.name,
                self.calls_listing()
            ));
        }
    }

    /// Asserts that some call of `A` sent the request `expected` (see
    /// [`Rule::match_request`] for how requests compare).
    ///
    /// # Panics
    ///
    /// When none did, showing how each call of `A` differs.
    #[track_caller]
    pub fn assert_called_with<A: Action>(&self, expected: &A) {
        let want = match WireParams::of_action(expected) {
            Ok(want) => want,
            Err(why) => fail(format!(
                "the expected {} request could not be encoded: {why}",
                A::META.name
            )),
        };
        let calls = self.calls_of::<A>();
        if calls.iter().any(|c| c.is(expected)) {
            return;
        }
        let mut message = format!("no call of {} sent {want}", A::META.name);
        if calls.is_empty() {
            message.push_str(&format!("; {}", self.calls_listing()));
        }
        for call in &calls {
            let diff = differences(&want, &call.params, true, &[]);
            let _ = write!(
                message,
                "\n  attempt {} differs: {}",
                call.attempt,
                diff.join("; ")
            );
        }
        fail(message);
    }

    /// Asserts that every call was answered by a rule.
    ///
    /// # Panics
    ///
    /// When a call was not, listing those calls and the rules.
    #[track_caller]
    pub fn assert_all_matched(&self) {
        let unmatched = self.unmatched();
        if unmatched.is_empty() {
            return;
        }
        let mut message = format!(
            "{} attempt{} matched no rule:",
            unmatched.len(),
            plural(unmatched.len())
        );
        for call in &unmatched {
            let _ = write!(message, "\n  {call}");
        }
        message.push_str(&format!("\n{}", self.rules_listing()));
        fail(message);
    }

    /// Asserts that every rule served all its answers (an answer given
    /// [`repeatedly`](Rule::repeatedly) at least once): the code made
    /// every call the test prepared for, retries included.
    ///
    /// # Panics
    ///
    /// When a rule has answers left, listing the rules.
    #[track_caller]
    pub fn assert_rules_used(&self) {
        let book = self.book();
        if book.rules.iter().all(RuleSpec::used_up) {
            return;
        }
        drop(book);
        fail(format!(
            "not every rule served all its answers; {}",
            self.rules_listing()
        ));
    }

    /// `the calls made: …` for messages.
    fn calls_listing(&self) -> String {
        let book = self.book();
        if book.calls.is_empty() {
            return "no calls were made".to_owned();
        }
        let mut out = String::from("the calls made:");
        for call in &book.calls {
            let _ = write!(out, "\n  {call}");
        }
        out
    }

    /// `the mock's rules: …` for messages.
    fn rules_listing(&self) -> String {
        list_rules(&self.book().rules, None)
    }
}

/// The rules, numbered, each with why it does not take a call of `action`
/// with `params` when given.
fn list_rules(rules: &[RuleSpec], call: Option<(&str, &WireParams)>) -> String {
    if rules.is_empty() {
        return "the mock has no rules".to_owned();
    }
    let mut out = String::from("the mock's rules:");
    for (i, rule) in rules.iter().enumerate() {
        let _ = write!(out, "\n  #{} {rule}", i + 1);
        if let Some(why) = call.and_then(|(action, params)| rule.why_not(action, params)) {
            let _ = write!(out, " (not taken: {why})");
        }
    }
    out
}

impl Responder for Mock {
    fn respond(&self, action: &str, request: &HttpRequest) -> Result<Answer, Error> {
        let (_, params) = WireParams::from_body(&request.body);
        let mut book = self.book();
        let taken = book.rules.iter_mut().enumerate().find_map(|(i, rule)| {
            if rule.accepts(action, &params) {
                rule.take().map(|answer| (i + 1, answer))
            } else {
                None
            }
        });
        let call = Call {
            action: action.to_owned(),
            params,
            attempt: request.attempt,
            rule: taken.as_ref().map(|(i, _)| *i),
        };
        let result = match taken {
            Some((i, answer)) => match answer.problem() {
                None => Ok(answer),
                Some(why) => Err(Error::config(format!(
                    "mock rule #{i} cannot answer {action}: {why}"
                ))),
            },
            None => Err(Error::config(format!(
                "no mock rule answers {action} (attempt {}) with {}; add one with \
                 rule::<{action}>() (or rule_for({action:?}) for an invoke call), or see why \
                 the rules do not take it; {}",
                call.attempt,
                call.params,
                list_rules(&book.rules, Some((action, &call.params)))
            ))),
        };
        book.calls.push(call);
        result
    }
}

impl fmt::Debug for Mock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let book = self.book();
        f.debug_struct("Mock")
            .field("rules", &book.rules)
            .field("calls", &book.calls.len())
            .finish()
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Fails the test that made an assertion.
#[track_caller]
#[allow(
    clippy::panic,
    reason = "a failed assertion fails the test by panicking"
)]
fn fail(message: String) -> ! {
    panic!("{message}")
}
