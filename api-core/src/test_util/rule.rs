//! Rules: which calls a mock answers, and with what.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

use serde::Serialize;

use super::answer::Answer;
use super::wire::{WireParams, differences};
use crate::action::Action;

/// A rule for every call of the action `A`; narrow it with matchers and
/// give it answers. See [`Rule`].
///
/// ```
/// # /// Lists instances.
/// # #[api_core::api_action("DescribeUHostInstance")]
/// # #[response(
/// #     /// How many instances match.
/// #     total_count: i64,
/// # )]
/// # pub struct DescribeUHostInstance {}
/// use api_core::test_util::rule;
///
/// let flaky = rule::<DescribeUHostInstance>()
///     .match_params(|p| p.get("Limit") == Some("10"))
///     .http_status(503)
///     .times(2)
///     .json(serde_json::json!({"TotalCount": 0}));
/// ```
pub fn rule<A: Action>() -> Rule<A> {
    Rule::with_action(A::META.name.to_owned())
}

/// A rule for every call of the action named `action`, for calls made
/// with [`Client::invoke`](crate::Client::invoke) (or when the action
/// type is not at hand). It answers with JSON, errors and failures; typed
/// answers need [`rule`].
pub fn rule_for(action: impl Into<String>) -> Rule<Untyped> {
    Rule::with_action(action.into())
}

/// The action type of a rule made by name with [`rule_for`].
#[derive(Debug, Clone, Copy)]
pub enum Untyped {}

/// Which calls of one action a mock answers, and its answers in order.
///
/// A call matches a rule when it is a call of the rule's action, every
/// matcher accepts its parameters, and the rule has an answer left. Each
/// answer is served once unless [`times`](Rule::times) or
/// [`repeatedly`](Rule::repeatedly) say otherwise; a rule whose answers
/// are all served stops matching, and later rules get their turn. Every
/// attempt counts: a retried call takes one answer per attempt, so
/// `http_status(503).times(2).output(..)` makes a call succeed on its
/// third attempt.
#[must_use = "a rule does nothing until it is added to a Mock"]
pub struct Rule<A> {
    pub(crate) spec: RuleSpec,
    _action: PhantomData<fn() -> A>,
}

/// A rule without its action type.
#[derive(Clone)]
pub(crate) struct RuleSpec {
    pub(crate) action: String,
    pub(crate) matchers: Vec<Matcher>,
    pub(crate) steps: Vec<Step>,
}

/// A test of a call's parameters, and how to describe it.
#[derive(Clone)]
pub(crate) enum Matcher {
    /// The request written by a typed value (or why it could not be).
    Request(Result<WireParams, String>),
    /// A predicate.
    Params(Arc<dyn Fn(&WireParams) -> bool + Send + Sync>),
}

/// One answer of a rule and how many times it serves.
#[derive(Clone, Debug)]
pub(crate) struct Step {
    pub(crate) answer: Answer,
    /// `None`: every further call.
    pub(crate) limit: Option<usize>,
    pub(crate) served: usize,
}

impl<A> Rule<A> {
    fn with_action(action: String) -> Self {
        Rule {
            spec: RuleSpec {
                action,
                matchers: Vec::new(),
                steps: Vec::new(),
            },
            _action: PhantomData,
        }
    }

    /// Matches only calls whose parameters `matcher` accepts. The
    /// parameters are those the server would get, defaults included;
    /// see [`WireParams`].
    pub fn match_params(
        mut self,
        matcher: impl Fn(&WireParams) -> bool + Send + Sync + 'static,
    ) -> Self {
        self.spec.matchers.push(Matcher::Params(Arc::new(matcher)));
        self
    }

    /// Adds `answer` as the next answer.
    pub fn answer(mut self, answer: Answer) -> Self {
        self.spec.steps.push(Step {
            answer,
            limit: Some(1),
            served: 0,
        });
        self
    }

    /// Next, answers with these JSON fields; see [`Answer::json`].
    pub fn json(self, fields: serde_json::Value) -> Self {
        self.answer(Answer::json(fields))
    }

    /// Next, answers with an API error; see [`Answer::api_error`].
    pub fn api_error(self, ret_code: i64, message: impl Into<String>) -> Self {
        self.answer(Answer::api_error(ret_code, message))
    }

    /// Next, answers with an HTTP status and no body; see
    /// [`Answer::http_status`].
    pub fn http_status(self, status: u16) -> Self {
        self.answer(Answer::http_status(status))
    }

    /// Next, drops the connection; see [`Answer::dropped_connection`].
    pub fn dropped_connection(self) -> Self {
        self.answer(Answer::dropped_connection())
    }

    /// Next, times the attempt out; see [`Answer::timeout`].
    pub fn timeout(self) -> Self {
        self.answer(Answer::timeout())
    }

    /// Serves the last answer added `n` times in all (once by default).
    /// Call it after the answer it applies to.
    pub fn times(mut self, n: usize) -> Self {
        if let Some(step) = self.spec.steps.last_mut() {
            step.limit = Some(n);
        }
        self
    }

    /// Serves the last answer added to every further call, so the rule
    /// never runs out; answers added after it are never served. Call it
    /// after the answer it applies to.
    pub fn repeatedly(mut self) -> Self {
        if let Some(step) = self.spec.steps.last_mut() {
            step.limit = None;
        }
        self
    }
}

impl<A: Action> Rule<A> {
    /// Matches only calls that sent the request `expected`: the same
    /// parameters on the wire. Common parameters `expected` leaves unset
    /// (`Region`, `Zone`, `ProjectId`) match whatever the client filled in
    /// from its defaults.
    pub fn match_request(mut self, expected: A) -> Self {
        self.spec
            .matchers
            .push(Matcher::Request(WireParams::of_action(&expected)));
        self
    }

    /// Next, answers with `value` as the action's typed answer, serialized
    /// by its wire names and decoded again by the client.
    pub fn output(self, value: A::Response) -> Self
    where
        A::Response: Serialize,
    {
        self.answer(Answer::output(&value))
    }
}

impl RuleSpec {
    /// Whether the rule accepts a call of `action` with `params`,
    /// answers left or not.
    pub(crate) fn accepts(&self, action: &str, params: &WireParams) -> bool {
        self.action == action
            && self.matchers.iter().all(|m| match m {
                Matcher::Request(Ok(expected)) => {
                    differences(expected, params, true, &[]).is_empty()
                }
                Matcher::Request(Err(_)) => false,
                Matcher::Params(accept) => accept(params),
            })
    }

    /// Takes the next answer, if one is left.
    pub(crate) fn take(&mut self) -> Option<Answer> {
        let step = self
            .steps
            .iter_mut()
            .find(|s| s.limit.is_none_or(|limit| s.served < limit))?;
        step.served += 1;
        Some(step.answer.clone())
    }

    /// Whether every answer was served as often as it should be (a
    /// repeated one at least once).
    pub(crate) fn used_up(&self) -> bool {
        self.steps.iter().all(|s| s.served >= s.limit.unwrap_or(1))
    }

    /// Why the rule does not accept a call of `action` with `params`,
    /// when it says more than its description.
    pub(crate) fn why_not(&self, action: &str, params: &WireParams) -> Option<String> {
        if self.action != action {
            return None;
        }
        let mut reasons = Vec::new();
        for matcher in &self.matchers {
            match matcher {
                Matcher::Request(Ok(expected)) => {
                    let diff = differences(expected, params, true, &[]);
                    if !diff.is_empty() {
                        reasons.push(format!("the request differs: {}", diff.join("; ")));
                    }
                }
                Matcher::Request(Err(why)) => reasons.push(format!(
                    "its expected request could not be encoded ({why}), so it matches nothing"
                )),
                Matcher::Params(accept) => {
                    if !accept(params) {
                        reasons.push("its match_params predicate returned false".to_owned());
                    }
                }
            }
        }
        if reasons.is_empty() && !self.steps.is_empty() && self.take_preview().is_none() {
            reasons.push("all its answers were served".to_owned());
        }
        (!reasons.is_empty()).then(|| reasons.join(", "))
    }

    fn take_preview(&self) -> Option<&Answer> {
        self.steps
            .iter()
            .find(|s| s.limit.is_none_or(|limit| s.served < limit))
            .map(|s| &s.answer)
    }
}

/// `DescribeUHostInstance where request is Limit="10", 1 of 3 answers
/// served`.
impl fmt::Display for RuleSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.action)?;
        for matcher in &self.matchers {
            match matcher {
                Matcher::Request(Ok(expected)) => write!(f, " where the request is {expected}")?,
                Matcher::Request(Err(_)) => f.write_str(" where the request is (unencodable)")?,
                Matcher::Params(_) => f.write_str(" with a match_params predicate")?,
            }
        }
        let served: usize = self.steps.iter().map(|s| s.served).sum();
        if self.steps.is_empty() {
            f.write_str(", no answers: give it one with .output(..), .json(..) or .answer(..)")
        } else if self.steps.iter().any(|s| s.limit.is_none()) {
            write!(f, ", answers repeatedly, {served} served")
        } else {
            let total: usize = self.steps.iter().filter_map(|s| s.limit).sum();
            write!(f, ", {served} of {total} answers served")
        }
    }
}

impl<A> fmt::Debug for Rule<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Rule").field(&self.spec.to_string()).finish()
    }
}

impl fmt::Debug for RuleSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_string())
    }
}
