//! Hooks that run between the stages of a call.
//!
//! An [`Interceptor`] is added to every call of a client with
//! [`ClientBuilder::interceptor`](crate::ClientBuilder::interceptor), or to
//! one call with [`Request::interceptor`](crate::Request::interceptor) and
//! [`Invoke::interceptor`](crate::Invoke::interceptor). Each hook has a
//! default that does nothing, so an interceptor implements only the ones
//! it needs. Client interceptors run first, in the order they were added,
//! then the call's own.
//!
//! A call with interceptors collects its parameters so that
//! `before_sign` can see and change them, then sorts and signs them; one
//! without streams a declared action's parameters straight into the
//! signature and body, which costs less (BENCHMARKS.md, section 1). The
//! body is the same either way.
//!
//! ```text
//! defaults ─► before_sign (once) ─► sign ─┬─► before_send ─► HTTP ─► after_attempt ─┐
//!                                         └──────────── retry ◄──────────────────────┘
//!                                                        └─► on_outcome (once)
//! ```
//!
//! A header on every request, e.g. a trace id:
//!
//! ```
//! use api_core::intercept::{CallInfo, Interceptor};
//! use api_core::transport::{HeaderValue, HttpRequest};
//!
//! #[derive(Debug)]
//! struct TraceId(&'static str);
//!
//! impl Interceptor for TraceId {
//!     fn before_send(&self, _call: &CallInfo<'_>, request: &mut HttpRequest) -> Result<(), api_core::Error> {
//!         request.headers.insert("x-trace-id", HeaderValue::from_static(self.0));
//!         Ok(())
//!     }
//! }
//!
//! let client = api_core::Client::builder()
//!     .credential(api_core::Credential::new("public", "private"))
//!     .interceptor(TraceId("7f3a"))
//!     .build()?;
//! # Ok::<(), api_core::Error>(())
//! ```
//!
//! A counter of calls and attempts per outcome:
//!
//! ```
//! use std::sync::atomic::{AtomicU64, Ordering};
//! use api_core::intercept::{AttemptInfo, CallInfo, Interceptor, Outcome};
//!
//! #[derive(Debug, Default)]
//! struct Metrics { attempts: AtomicU64, failed_calls: AtomicU64 }
//!
//! impl Interceptor for Metrics {
//!     fn after_attempt(&self, _call: &CallInfo<'_>, _attempt: &AttemptInfo<'_>) {
//!         self.attempts.fetch_add(1, Ordering::Relaxed);
//!     }
//!     fn on_outcome(&self, _call: &CallInfo<'_>, outcome: &Outcome<'_>) {
//!         if outcome.error.is_some() {
//!             self.failed_calls.fetch_add(1, Ordering::Relaxed);
//!         }
//!     }
//! }
//! ```
//!
//! A parameter added to every call that does not set it (it is signed
//! with the rest):
//!
//! ```
//! use api_core::intercept::{CallInfo, Interceptor};
//! use api_core::Params;
//!
//! #[derive(Debug)]
//! struct Channel;
//!
//! impl Interceptor for Channel {
//!     fn before_sign(&self, _call: &CallInfo<'_>, params: &mut Params<'_>) -> Result<(), api_core::Error> {
//!         if !params.contains_name("Channel") {
//!             params.push("Channel", "batch-jobs");
//!         }
//!         Ok(())
//!     }
//! }
//! ```

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::action::ActionMeta;
use crate::error::Error;
use crate::params::Params;
use crate::transport::HttpRequest;

/// Hooks between the stages of a call; every one defaults to doing
/// nothing. Hooks are synchronous and run on the task making the call, so
/// they should be quick.
pub trait Interceptor: Send + Sync + fmt::Debug + 'static {
    /// Once per call, after the client's defaults were filled in and
    /// before `Action`, `PublicKey` and the signature are added: read or
    /// change the parameters. An error ends the call before anything is
    /// sent.
    fn before_sign(&self, call: &CallInfo<'_>, params: &mut Params<'_>) -> Result<(), Error> {
        let _ = (call, params);
        Ok(())
    }

    /// Before each attempt is sent: read the signed request, add headers.
    /// Changing the body breaks its signature. An error ends the call.
    fn before_send(&self, call: &CallInfo<'_>, request: &mut HttpRequest) -> Result<(), Error> {
        let _ = (call, request);
        Ok(())
    }

    /// After each attempt, whatever its result.
    fn after_attempt(&self, call: &CallInfo<'_>, attempt: &AttemptInfo<'_>) {
        let _ = (call, attempt);
    }

    /// Once, when the call ends.
    fn on_outcome(&self, call: &CallInfo<'_>, outcome: &Outcome<'_>) {
        let _ = (call, outcome);
    }
}

/// What a hook knows of the call it runs in.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct CallInfo<'a> {
    /// The action's name, e.g. `DescribeUHostInstance`.
    pub action: &'a str,
    /// The declaration of the action; `None` for [`Client::invoke`](crate::Client::invoke).
    pub meta: Option<&'static ActionMeta>,
    /// Whether the call may be sent again after it may have reached the
    /// server (the action is safe to repeat, or the call was marked
    /// idempotent).
    pub idempotent: bool,
}

/// How one attempt went.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct AttemptInfo<'a> {
    /// The attempt's number, 1 for the first.
    pub attempt: u32,
    /// The HTTP status of the answer, when one arrived.
    pub status: Option<u16>,
    /// How long the attempt took, from sending to its answer decoded.
    pub latency: Duration,
    /// The request UUID of the answer, when it had one.
    pub request_uuid: Option<&'a str>,
    /// Why the attempt failed; `None` when it succeeded.
    pub error: Option<&'a Error>,
}

/// How a call ended.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Outcome<'a> {
    /// How many attempts were sent (0 when the call failed before one).
    pub attempts: u32,
    /// How long the whole call took.
    pub elapsed: Duration,
    /// Why the call failed; `None` when it succeeded.
    pub error: Option<&'a Error>,
}

/// The interceptors of one call: the client's, then the call's own.
#[derive(Clone, Copy)]
pub(crate) struct Hooks<'a> {
    pub(crate) client: &'a [Arc<dyn Interceptor>],
    pub(crate) call: &'a [Arc<dyn Interceptor>],
}

impl Hooks<'_> {
    fn all(&self) -> impl Iterator<Item = &Arc<dyn Interceptor>> {
        self.client.iter().chain(self.call)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.client.is_empty() && self.call.is_empty()
    }

    pub(crate) fn before_sign(
        &self,
        call: &CallInfo<'_>,
        params: &mut Params<'_>,
    ) -> Result<(), Error> {
        self.all()
            .try_for_each(|hook| hook.before_sign(call, params))
    }

    pub(crate) fn before_send(
        &self,
        call: &CallInfo<'_>,
        request: &mut HttpRequest,
    ) -> Result<(), Error> {
        self.all()
            .try_for_each(|hook| hook.before_send(call, request))
    }

    pub(crate) fn after_attempt(&self, call: &CallInfo<'_>, attempt: &AttemptInfo<'_>) {
        self.all()
            .for_each(|hook| hook.after_attempt(call, attempt));
    }

    pub(crate) fn on_outcome(&self, call: &CallInfo<'_>, outcome: &Outcome<'_>) {
        self.all().for_each(|hook| hook.on_outcome(call, outcome));
    }
}
