//! One call from prepared parameters to its typed answer: interceptors,
//! signing, attempts, retries, time limits, error mapping and secrets
//! kept out of what the call reports.
//!
//! ```text
//! execute ── before_sign ── credential + signature ── total timeout ─┐
//!   attempts: slot ── before_send ── transport ── decode ── after_attempt
//!             └── retry? (policy, safety, budget, backoff) ──┘
//!   ── on_outcome
//! ```

use std::sync::Arc;
use std::time::Duration;

use tokio::time::Instant;

use serde::de::DeserializeOwned;
use tracing::Instrument;

use crate::action::ActionMeta;
use crate::config::Config;
use crate::envelope;
use crate::error::{Error, TimeoutKind, excerpt};
use crate::intercept::{AttemptInfo, CallInfo, Hooks, Interceptor, Outcome};
use crate::params::{ParamMeta, Params};
use crate::prepare;
use crate::redact::{ParamSource, RedactedParams, Scrubber, WorkOut, url_without_userinfo};
use crate::retry::{RetryPolicy, may_retry};
use crate::transport::{HeaderMap, HttpRequest, HttpResponse, TransportError};

/// A call ready to run.
pub(crate) struct Call<'a> {
    pub(crate) name: &'a str,
    /// The declaration, for declared actions.
    pub(crate) meta: Option<&'static ActionMeta>,
    pub(crate) retryable: bool,
    pub(crate) encoded: Encoded<'a>,
}

/// A call's parameters, collected or already streamed into a body.
pub(crate) enum Encoded<'a> {
    /// The parameters with defaults, not yet signed: interceptors see them
    /// before they are.
    Params(Params<'a>),
    /// The signed body of a declared action that streamed its parameters
    /// ([`prepare::streamed_body`]), and how to collect the same signed
    /// parameters should an error need the call's secrets removed.
    Signed {
        body: String,
        params: &'a WorkOut<'a>,
    },
}

impl Call<'_> {
    fn param_meta(&self) -> &'static [ParamMeta] {
        self.meta.map_or(&[], |meta| meta.params)
    }
}

/// The target of the trace that lists a call's parameters.
const PARAMS_TARGET: &str = "api_core::orchestrate";

/// Whether a subscriber wants the trace of a call's parameters, which
/// needs them collected rather than streamed into the body.
pub(crate) fn params_traced() -> bool {
    tracing::enabled!(target: PARAMS_TARGET, tracing::Level::TRACE)
}

/// Settings for one call that override the client's.
#[derive(Debug, Clone, Default)]
pub(crate) struct CallOptions {
    pub(crate) timeout: Option<Duration>,
    pub(crate) total_timeout: Option<Duration>,
    pub(crate) retry: Option<RetryPolicy>,
    pub(crate) retry_unsafe: bool,
    pub(crate) interceptors: Vec<Arc<dyn Interceptor>>,
    /// Names of parameters to treat as secret besides the default rule.
    pub(crate) secret_names: Vec<String>,
}

/// Runs a prepared call: interceptors, signing, retries, timeouts,
/// tracing, decoding.
pub(crate) async fn execute<R: DeserializeOwned>(
    config: &Config,
    call: Call<'_>,
    options: &CallOptions,
) -> Result<R, Error> {
    let name = call.name;
    let span = tracing::info_span!(
        "api_call",
        action = name,
        attempts = tracing::field::Empty,
        request_uuid = tracing::field::Empty,
        latency_ms = tracing::field::Empty,
        outcome = tracing::field::Empty,
    );
    // Nobody listens: no tracing subscriber takes the span, and no logger
    // would get it through `tracing`'s `log` feature. The call then skips
    // entering the span on every poll and recording into it.
    let quiet = span.is_disabled() && log::max_level() == log::LevelFilter::Off;
    let started = Instant::now();
    let hooks = Hooks {
        client: &config.interceptors,
        call: &options.interceptors,
    };
    // Whether a span or an interceptor receives how long things took:
    // the clock is read for them only.
    let timed = !quiet || !hooks.is_empty();
    let info = CallInfo {
        action: name,
        meta: call.meta,
        idempotent: call.retryable || options.retry_unsafe,
    };
    let total = options.total_timeout.unwrap_or(config.total_timeout);
    let mut attempts_made = 0;
    let work = async {
        let param_meta = call.param_meta();
        let collected;
        let (body, params) = match call.encoded {
            Encoded::Params(mut params) => {
                if !hooks.is_empty() {
                    hooks.before_sign(&info, &mut params)?;
                }
                collected = prepare::with_credential(&config.credential, name, params)?;
                if params_traced() {
                    tracing::trace!(target: PARAMS_TARGET, params = %RedactedParams::new(&collected, param_meta, &options.secret_names), "request parameters");
                }
                let body = prepare::signed_body(&collected, config.credential.private_key());
                (body, ParamSource::Ready(&collected))
            }
            Encoded::Signed { body, params } => (body, ParamSource::Later(params)),
        };
        let mut secrets = Scrubber::for_call(
            params,
            param_meta,
            &options.secret_names,
            config.credential.private_key(),
            config.credential.security_token(),
        );
        if let Some(password) = &config.url_password {
            secrets.add_secret(password.as_str());
        }
        let mut run = Run {
            config,
            info,
            hooks,
            options,
            body,
            secrets,
            started,
            total,
            span: (!quiet).then_some(&span),
            timed,
        };
        // Each attempt's time limit is clipped to what is left of the
        // call's, and no retry waits past it: a transport that keeps its
        // time limits bounds the call without another timer. Waiting for
        // an in-flight slot, an interceptor that may change an attempt's
        // limit, or a transport that may ignore it, need the timer.
        if config.transport.enforces_timeout() && config.in_flight.is_none() && hooks.is_empty() {
            return run.attempts::<R>(&mut attempts_made).await;
        }
        match tokio::time::timeout(total, run.attempts::<R>(&mut attempts_made)).await {
            Ok(result) => result,
            Err(_) => Err(Error::Timeout {
                action: name.to_owned(),
                kind: TimeoutKind::Total,
                after: total,
                attempts: attempts_made,
            }),
        }
    };
    let result = if quiet {
        work.await
    } else {
        work.instrument(span.clone()).await
    };
    let elapsed = if timed {
        started.elapsed()
    } else {
        Duration::ZERO
    };
    if !quiet {
        span.record("latency_ms", elapsed.as_millis() as u64);
        match &result {
            Ok(_) => span.record("outcome", "ok"),
            Err(err) => span.record("outcome", tracing::field::display(outcome(err))),
        };
    }
    if !hooks.is_empty() {
        hooks.on_outcome(
            &info,
            &Outcome {
                attempts: attempts_made,
                elapsed,
                error: result.as_ref().err(),
            },
        );
    }
    result
}

/// One signed call being attempted.
struct Run<'r> {
    config: &'r Config,
    info: CallInfo<'r>,
    hooks: Hooks<'r>,
    options: &'r CallOptions,
    body: String,
    secrets: Scrubber<'r, 'r>,
    started: Instant,
    total: Duration,
    /// The call's span, unless nobody listens.
    span: Option<&'r tracing::Span>,
    /// Whether the span or an interceptor receives latencies.
    timed: bool,
}

impl Run<'_> {
    /// Attempts until success, a failure not worth retrying, the retry
    /// policy's limit, or an empty retry budget. Counts attempts in
    /// `made`, which outlives a total timeout that cancels this future.
    async fn attempts<R: DeserializeOwned>(&mut self, made: &mut u32) -> Result<R, Error> {
        let config = self.config;
        let policy = self.options.retry.unwrap_or(config.retry);
        let per_attempt = self.options.timeout.unwrap_or(config.timeout);
        let mut retry_cost = None;
        loop {
            let attempt = *made + 1;
            let slot = match &config.in_flight {
                Some(slots) => Some(slots.acquire().await.map_err(|_| {
                    Error::config("the client's in-flight limit was closed").with_attempts(attempt)
                })?),
                None => None,
            };
            *made = attempt;
            if let Some(span) = self.span {
                span.record("attempts", attempt);
            }
            // A first attempt that did not wait for a slot starts with
            // the call: no clock to read.
            let (attempt_started, remaining) = if attempt == 1 && config.in_flight.is_none() {
                (self.started, self.total)
            } else {
                let now = Instant::now();
                (now, self.total.saturating_sub(now - self.started))
            };
            let clipped = remaining < per_attempt;
            // The last attempt the policy allows takes the body; the others
            // send a copy, in case another attempt follows.
            let body = if attempt >= policy.max_attempts {
                std::mem::take(&mut self.body)
            } else {
                self.body.clone()
            };
            let result = self
                .attempt::<R>(
                    attempt,
                    attempt_started,
                    body,
                    per_attempt.min(remaining),
                    per_attempt,
                )
                .await
                .map_err(|(error, status)| match error {
                    // The call's deadline, not the attempt's, ran out.
                    Error::Timeout { action, .. } if clipped => (
                        Error::Timeout {
                            action,
                            kind: TimeoutKind::Total,
                            after: self.total,
                            attempts: 1,
                        },
                        status,
                    ),
                    other => (other, status),
                });
            drop(slot);
            let (result, status) = match result {
                Ok((value, response)) => {
                    (Ok((value, response.request_uuid)), Some(response.status))
                }
                Err((error, status)) => (Err(error.with_attempts(attempt)), status),
            };
            let request_uuid = match &result {
                Ok((_, uuid)) => uuid.as_deref(),
                Err(err) => err.request_uuid(),
            };
            if let (Some(uuid), Some(span)) = (request_uuid, self.span) {
                span.record("request_uuid", uuid);
            }
            let latency = if self.timed {
                attempt_started.elapsed()
            } else {
                Duration::ZERO
            };
            tracing::debug!(
                attempt,
                request_uuid,
                latency_ms = latency.as_millis() as u64,
                outcome = %result.as_ref().map_or_else(outcome, |_| "ok"),
                "attempt finished"
            );
            if !self.hooks.is_empty() {
                self.hooks.after_attempt(
                    &self.info,
                    &AttemptInfo {
                        attempt,
                        status,
                        latency,
                        request_uuid,
                        error: result.as_ref().err(),
                    },
                );
            }
            let error = match result {
                Ok((value, _)) => {
                    config.budget.deposit(retry_cost);
                    return Ok(value);
                }
                Err(error) => error,
            };
            if attempt >= policy.max_attempts || !may_retry(&error, self.info.idempotent) {
                return Err(error);
            }
            let Some(cost) = config.budget.withdraw(&error) else {
                tracing::warn!(error = %error, "not retrying: the client's retry budget is exhausted");
                return Err(error);
            };
            retry_cost = Some(cost);
            let delay = policy.backoff(attempt);
            if self.started.elapsed() + delay >= self.total {
                return Err(error);
            }
            tracing::info!(
                attempt,
                delay_ms = delay.as_millis() as u64,
                error = %error,
                "retrying"
            );
            tokio::time::sleep(delay).await;
        }
    }

    /// One attempt: send, decode. Returns the value and the answer, or the
    /// error with the answer's HTTP status when one arrived.
    async fn attempt<R: DeserializeOwned>(
        &self,
        attempt: u32,
        started: Instant,
        body: String,
        timeout: Duration,
        configured_timeout: Duration,
    ) -> Result<(R, HttpResponse), (Error, Option<u16>)> {
        let config = self.config;
        let name = self.info.action;
        let mut request = HttpRequest {
            url: Arc::clone(&config.base_url),
            body,
            timeout,
            max_response_bytes: config.max_response_bytes,
            headers: HeaderMap::new(),
            attempt,
            started: Some(started),
        };
        if !self.hooks.is_empty() {
            self.hooks
                .before_send(&self.info, &mut request)
                .map_err(|e| (e, None))?;
        }
        let sent = match config.transport.built_in() {
            Some(http) => http.exchange(request).await,
            None => config.transport.send(request).await,
        };
        let response =
            sent.map_err(|e| (transport_error(config, name, e, configured_timeout), None))?;
        match decode_response(name, &response) {
            Ok(value) => Ok((value, response)),
            Err(error) => Err((
                scrub(error, &self.secrets, &response.body),
                Some(response.status),
            )),
        }
    }
}

/// `error` with every secret of the call removed from the text it quotes
/// (see [`Scrubber`]); an excerpt is cut again from the scrubbed `body`,
/// so that no part of a secret is left where the excerpt ends.
fn scrub(mut error: Error, secrets: &Scrubber<'_, '_>, body: &[u8]) -> Error {
    if let Error::HttpStatus { excerpt: text, .. } | Error::Decode { excerpt: text, .. } =
        &mut error
    {
        *text = excerpt(secrets.scrub(&String::from_utf8_lossy(body)).as_bytes());
    }
    if let Error::HttpStatus {
        location: Some(location),
        ..
    } = &mut error
    {
        *location = url_without_userinfo(location).into_owned();
    }
    error.for_each_quoted_text(|text| secrets.scrub_string(text));
    error
}

fn transport_error(
    config: &Config,
    action: &str,
    err: TransportError,
    attempt_timeout: Duration,
) -> Error {
    let action = action.to_owned();
    match err {
        TransportError::Connect(source) => Error::Connect {
            action,
            url: url_without_userinfo(&config.base_url).into_owned(),
            source,
            attempts: 1,
        },
        TransportError::LocalResources(source) => Error::LocalResources {
            action,
            url: url_without_userinfo(&config.base_url).into_owned(),
            source,
            attempts: 1,
        },
        TransportError::Timeout(kind) => Error::Timeout {
            action,
            kind,
            after: match kind {
                TimeoutKind::Connect => config.connect_timeout,
                _ => attempt_timeout,
            },
            attempts: 1,
        },
        TransportError::TooLarge {
            limit,
            request_uuid,
        } => Error::ResponseTooLarge {
            action,
            limit,
            request_uuid,
            attempts: 1,
        },
        TransportError::Other(source) => Error::Transport {
            action,
            source,
            attempts: 1,
        },
    }
}

/// Turns an HTTP answer into the typed response or the error it reports.
fn decode_response<R: DeserializeOwned>(action: &str, response: &HttpResponse) -> Result<R, Error> {
    if !(200..300).contains(&response.status) {
        return Err(Error::HttpStatus {
            action: action.to_owned(),
            status: response.status,
            location: response.location().map(str::to_owned),
            excerpt: excerpt(&response.body),
            request_uuid: response.request_uuid.clone(),
            attempts: 1,
        });
    }
    envelope::decode(action, &response.body, response.request_uuid.as_deref())
}

/// A short word for how a call ended, for traces.
fn outcome(error: &Error) -> &'static str {
    match error {
        Error::Api { .. } => "api_error",
        Error::HttpStatus { .. } => "http_error",
        Error::Connect { .. } => "connect_error",
        Error::LocalResources { .. } => "local_resources",
        Error::Timeout { .. } => "timeout",
        Error::Transport { .. } => "transport_error",
        Error::Decode { .. } => "decode_error",
        Error::ResponseTooLarge { .. } => "too_large",
        Error::InvalidRequest { .. } => "invalid_request",
        _ => "error",
    }
}
