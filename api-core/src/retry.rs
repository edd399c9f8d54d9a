//! When and how long to wait before sending a failed call again.
//!
//! Backoff is exponential with full jitter and a cap on each delay. A
//! shared budget (a token bucket, as in the AWS SDKs' standard retry mode)
//! keeps many tasks from multiplying the load on an endpoint that is
//! failing: each retry spends tokens, each success earns some back, and
//! when the bucket is empty failures are returned at once.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use crate::error::Error;

/// How many attempts a call gets and how long to wait between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (1 disables retries). Default 3.
    pub max_attempts: u32,
    /// The delay bound before the first retry; it doubles for each further
    /// retry. Default 100 ms.
    pub initial_backoff: Duration,
    /// The cap on any one delay. Default 5 s.
    pub max_backoff: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(5),
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// The delay before retry number `retry` (1 for the first retry): a
    /// uniformly random duration between zero and
    /// `min(max_backoff, initial_backoff × 2^(retry-1))` ("full jitter").
    pub fn backoff(&self, retry: u32) -> Duration {
        let exponent = retry.saturating_sub(1).min(31);
        let bound = self
            .initial_backoff
            .saturating_mul(1u32 << exponent)
            .min(self.max_backoff);
        let nanos = u64::try_from(bound.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(fastrand::u64(0..=nanos))
    }
}

/// Whether a failed attempt may be sent again.
///
/// Only retryable failures are ([`Error::is_retryable`]); and a call that
/// is not safe to repeat (neither the action nor the caller says so) is
/// sent again only when the failure proves the request never reached the
/// server.
pub(crate) fn may_retry(error: &Error, idempotent: bool) -> bool {
    error.is_retryable() && (idempotent || error.never_sent())
}

/// Tokens a retry costs.
const RETRY_COST: u32 = 5;
/// Tokens a retry after a timeout costs: timeouts hint at overload.
const TIMEOUT_RETRY_COST: u32 = 10;
/// Tokens a call that succeeded at once earns.
const SUCCESS_REWARD: u32 = 1;
/// The default bucket size.
pub const DEFAULT_RETRY_BUDGET: u32 = 500;

/// The token bucket shared by all clones of a client.
#[derive(Debug)]
pub(crate) struct RetryBudget {
    tokens: AtomicU32,
    capacity: u32,
}

impl RetryBudget {
    pub(crate) fn new(capacity: u32) -> Self {
        RetryBudget {
            tokens: AtomicU32::new(capacity),
            capacity,
        }
    }

    /// Takes the tokens for retrying after `error`; `None` when the bucket
    /// cannot afford it.
    pub(crate) fn withdraw(&self, error: &Error) -> Option<u32> {
        let cost = if error.is_timeout() {
            TIMEOUT_RETRY_COST
        } else {
            RETRY_COST
        };
        self.tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| t.checked_sub(cost))
            .ok()
            .map(|_| cost)
    }

    /// Credits a success: the cost of the retry that led to it, or a small
    /// reward when none was needed.
    ///
    /// A full budget, as it is while calls succeed, is read and not
    /// written: threads that share it do not contend for it.
    pub(crate) fn deposit(&self, retry_cost: Option<u32>) {
        let amount = retry_cost.unwrap_or(SUCCESS_REWARD);
        let _ = self
            .tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| {
                (t < self.capacity).then(|| t.saturating_add(amount).min(self.capacity))
            });
    }

    /// The tokens left.
    #[cfg(test)]
    pub(crate) fn available(&self) -> u32 {
        self.tokens.load(Ordering::Acquire)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::TimeoutKind;

    fn api(code: i64) -> Error {
        Error::Api {
            action: "A".into(),
            code,
            message: String::new(),
            request_uuid: None,
            attempts: 1,
        }
    }

    fn connect() -> Error {
        Error::Connect {
            action: "A".into(),
            url: "http://127.0.0.1:1".into(),
            source: "refused".into(),
            attempts: 1,
        }
    }

    #[test]
    fn backoff_is_jittered_below_an_exponential_capped_bound() {
        let policy = RetryPolicy {
            max_attempts: 10,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(250),
        };
        for _ in 0..200 {
            assert!(policy.backoff(1) <= Duration::from_millis(100));
            assert!(policy.backoff(2) <= Duration::from_millis(200));
            assert!(policy.backoff(3) <= Duration::from_millis(250));
            assert!(policy.backoff(40) <= Duration::from_millis(250));
        }
        let spread: std::collections::HashSet<Duration> =
            (0..50).map(|_| policy.backoff(2)).collect();
        assert!(spread.len() > 10, "delays are jittered");
    }

    #[test]
    fn unsafe_actions_retry_only_what_never_reached_the_server() {
        assert!(may_retry(&api(150), true));
        assert!(!may_retry(&api(150), false));
        assert!(may_retry(&connect(), false));
        let timeout = Error::Timeout {
            action: "A".into(),
            kind: TimeoutKind::Attempt,
            after: Duration::from_secs(1),
            attempts: 1,
        };
        assert!(!may_retry(&timeout, false));
        assert!(may_retry(&timeout, true));
        assert!(!may_retry(&api(171), true));
    }

    #[test]
    fn the_budget_runs_dry_and_refills_on_success() {
        let budget = RetryBudget::new(12);
        assert_eq!(budget.withdraw(&api(150)), Some(5));
        assert_eq!(budget.withdraw(&api(150)), Some(5));
        assert_eq!(budget.withdraw(&api(150)), None, "2 tokens left");
        budget.deposit(Some(5));
        assert_eq!(budget.available(), 7);
        budget.deposit(None);
        assert_eq!(budget.available(), 8);
        for _ in 0..100 {
            budget.deposit(Some(5));
        }
        assert_eq!(budget.available(), 12, "never above capacity");
    }
}
