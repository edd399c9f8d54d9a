//! The client: fills defaults, signs, sends, retries and decodes.

use std::borrow::Cow;
use std::fmt;
use std::future::IntoFuture;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::Serialize;
use serde::de::DeserializeOwned;
use tracing::Instrument;

use crate::action::{Action, ActionMeta};
use crate::config::{ClientBuilder, Config};
use crate::credential::Credential;
use crate::envelope;
use crate::error::{Error, TimeoutKind, excerpt};
use crate::flatten::flatten;
use crate::form;
use crate::params::{ParamMeta, Params};
use crate::retry::{RetryPolicy, may_retry};
use crate::sign;
use crate::transport::{BoxFuture, HttpRequest, HttpResponse, TransportError};

/// A handle on the API: cheap to clone, one connection pool, usable from
/// many tasks at once.
///
/// Its futures must run on a tokio runtime (with IO and time enabled):
/// polled outside one, they panic. Code without a runtime can use
/// `api_core::blocking::Client` (cargo feature `blocking`) instead.
///
/// ```no_run
/// # async fn run(action: impl api_core::Action + 'static) -> Result<(), api_core::Error> {
/// let client = api_core::Client::from_env()?;
/// let response = client.send(action).await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Client {
    inner: Arc<Config>,
}

impl Client {
    /// A builder with nothing set.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// A client configured from the environment and the shared
    /// configuration files (see [`ClientBuilder::from_env`]).
    pub fn from_env() -> Result<Client, Error> {
        ClientBuilder::from_env()?.build()
    }

    pub(crate) fn from_config(config: Config) -> Client {
        Client {
            inner: Arc::new(config),
        }
    }

    /// The credential requests are signed with.
    pub fn credential(&self) -> &Credential {
        &self.inner.credential
    }

    /// The default `Region`.
    pub fn region(&self) -> Option<&str> {
        self.inner.region.as_deref()
    }

    /// The default `Zone`.
    pub fn zone(&self) -> Option<&str> {
        self.inner.zone.as_deref()
    }

    /// The default `ProjectId`.
    pub fn project_id(&self) -> Option<&str> {
        self.inner.project_id.as_deref()
    }

    /// The endpoint requests are POSTed to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The time limit of one attempt.
    pub fn timeout(&self) -> Duration {
        self.inner.timeout
    }

    /// The time limit of a whole call, retries included.
    pub fn total_timeout(&self) -> Duration {
        self.inner.total_timeout
    }

    /// The time limit for opening a connection.
    pub fn connect_timeout(&self) -> Duration {
        self.inner.connect_timeout
    }

    /// The default retry policy.
    pub fn retry_policy(&self) -> RetryPolicy {
        self.inner.retry
    }

    /// The `User-Agent` sent with every request.
    pub fn user_agent(&self) -> &str {
        &self.inner.user_agent
    }

    /// Sends `action` with the client's settings and decodes its answer.
    ///
    /// Common parameters the action takes but leaves unset (`Region`,
    /// `Zone`, `ProjectId`) come from the client's defaults; a required
    /// parameter still missing fails here, before anything is sent.
    /// Retryable failures are retried by the client's [`RetryPolicy`] when
    /// the action is safe to repeat (see [`ActionMeta::retryable`]).
    pub async fn send<A: Action>(&self, action: A) -> Result<A::Response, Error> {
        self.request(action).send().await
    }

    /// Sends `action` with settings for this call only; await it or call
    /// `send`.
    ///
    /// ```no_run
    /// # async fn run(client: api_core::Client, action: impl api_core::Action + 'static) -> Result<(), api_core::Error> {
    /// use std::time::Duration;
    /// let response = client
    ///     .request(action)
    ///     .timeout(Duration::from_secs(5))
    ///     .max_attempts(5)
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn request<A: Action>(&self, action: A) -> Request<'_, A> {
        Request {
            client: self,
            action,
            options: CallOptions::default(),
        }
    }

    /// Calls an action no crate declares: `params` is any value that
    /// serializes as a map or struct (a `serde_json::Value`, a `HashMap`, a
    /// `#[derive(Serialize)]` struct with wire names), flattened by the same
    /// rules as declared actions. `Region` and `ProjectId` come from the
    /// client's defaults when `params` leaves them out. Await it for a
    /// `serde_json::Value`, or call `send::<T>()` for a typed answer.
    ///
    /// A generic call is not retried after it may have reached the server
    /// unless it is marked [`Invoke::idempotent`].
    ///
    /// ```no_run
    /// # async fn run(client: api_core::Client) -> Result<(), api_core::Error> {
    /// let answer = client
    ///     .invoke("DescribeUHostInstance", serde_json::json!({"Limit": 10}))
    ///     .idempotent()
    ///     .await?;
    /// println!("{}", answer["TotalCount"]);
    /// # Ok(()) }
    /// ```
    pub fn invoke<'c, P: Serialize + Send + 'c>(
        &'c self,
        action: &'c str,
        params: P,
    ) -> Invoke<'c, P> {
        Invoke {
            client: self,
            action,
            params,
            options: CallOptions::default(),
        }
    }

    /// Every item of a list action that pages with `Offset`/`Limit`, as a
    /// stream that fetches pages as it goes.
    ///
    /// ```no_run
    /// # async fn run<A>(client: api_core::Client, list: A) -> Result<(), api_core::Error>
    /// # where A: api_core::Paginated + 'static, A::Item: Send + std::fmt::Debug + 'static {
    /// use futures_util::TryStreamExt;
    /// let mut items = std::pin::pin!(client.paginate(list).items());
    /// while let Some(item) = items.try_next().await? {
    ///     println!("{item:?}");
    /// }
    /// # Ok(()) }
    /// ```
    pub fn paginate<A>(&self, action: A) -> crate::Paginator<A>
    where
        A: crate::Paginated + 'static,
        A::Item: Send + 'static,
    {
        crate::Paginator::new(self.clone(), action)
    }

    /// The signed, form-encoded body `send` would POST for `action`, without
    /// sending it.
    pub fn encode<A: Action + ?Sized>(&self, action: &A) -> Result<String, Error> {
        let params = self.prepare(action)?;
        let params = self.with_credential(A::META.name, params)?;
        Ok(self.signed_body(&params))
    }

    /// The action's parameters with the client's defaults, checked.
    fn prepare<'a, A: Action + ?Sized>(&'a self, action: &'a A) -> Result<Params<'a>, Error> {
        let meta = A::META;
        let mut params = Params::with_capacity(meta.params.len() + 4);
        action
            .write_params(&mut params.writer())
            .map_err(|e| e.for_action(meta.name))?;
        let common = meta.params.iter().filter(|p| p.common).map(|p| p.wire_name);
        self.fill_defaults(common, &mut params);
        check_required(meta, &params)?;
        Ok(params)
    }

    /// Adds the client's default for each of `names` that `params` leaves
    /// unset.
    fn fill_defaults<'a>(&'a self, names: impl Iterator<Item = &'a str>, params: &mut Params<'a>) {
        for name in names {
            let default = match name {
                "Region" => self.inner.region.as_deref(),
                "Zone" => self.inner.zone.as_deref(),
                "ProjectId" => self.inner.project_id.as_deref(),
                _ => None,
            };
            if let Some(value) = default
                && !params.contains_name(name)
            {
                params.push(name, Cow::Borrowed(value));
            }
        }
    }

    /// Adds `Action`, `PublicKey` and `SecurityToken` and sorts, refusing
    /// duplicates and a preset `Signature`.
    fn with_credential<'a>(
        &'a self,
        action: &'a str,
        mut params: Params<'a>,
    ) -> Result<Params<'a>, Error> {
        if params.get("Signature").is_some() {
            return Err(Error::invalid_request(
                "`Signature` is computed by the client and cannot be set as a parameter",
            )
            .for_action(action));
        }
        let credential = &self.inner.credential;
        params.push("Action", action);
        params.push("PublicKey", credential.public_key());
        if let Some(token) = credential.security_token() {
            params.push("SecurityToken", token);
        }
        params.sort().map_err(|e| e.for_action(action))?;
        Ok(params)
    }

    /// Signs the sorted `params` and form-encodes them with the signature.
    fn signed_body(&self, params: &Params<'_>) -> String {
        let signature = sign::signature(params, self.inner.credential.private_key());
        // Most bytes need no escaping: size for the raw text plus a margin.
        let estimate = params
            .iter()
            .map(|(k, v)| k.len() + v.len() + 2)
            .sum::<usize>()
            + 64;
        let mut body = Vec::with_capacity(estimate);
        for (key, value) in params.iter() {
            form::append_pair(&mut body, key, value);
        }
        form::append_pair(&mut body, "Signature", &signature);
        form::into_string(body)
    }

    /// Runs a prepared call: retries, timeouts, tracing, decoding.
    async fn execute<R: DeserializeOwned>(
        &self,
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
        let started = Instant::now();
        let total = options.total_timeout.unwrap_or(self.inner.total_timeout);
        let result = async {
            let params = self.with_credential(name, call.params)?;
            if tracing::enabled!(tracing::Level::TRACE) {
                tracing::trace!(params = %Redacted { params: &params, meta: call.meta }, "request parameters");
            }
            match tokio::time::timeout(total, self.attempts::<R>(name, call.retryable, &params, options, started, total)).await
            {
                Ok(result) => result,
                Err(_) => Err(Error::Timeout {
                    action: name.to_owned(),
                    kind: TimeoutKind::Total,
                    after: total,
                }),
            }
        }
        .instrument(span.clone())
        .await;
        span.record("latency_ms", started.elapsed().as_millis() as u64);
        match &result {
            Ok(_) => span.record("outcome", "ok"),
            Err(err) => span.record("outcome", tracing::field::display(outcome(err))),
        };
        result
    }

    /// Attempts until success, a failure not worth retrying, the retry
    /// policy's limit, or an empty retry budget.
    async fn attempts<R: DeserializeOwned>(
        &self,
        name: &str,
        retryable: bool,
        params: &Params<'_>,
        options: &CallOptions,
        started: Instant,
        total: Duration,
    ) -> Result<R, Error> {
        let policy = options.retry.unwrap_or(self.inner.retry);
        let per_attempt = options.timeout.unwrap_or(self.inner.timeout);
        let mut retry_cost = None;
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            tracing::Span::current().record("attempts", attempt);
            let attempt_started = Instant::now();
            let remaining = total.saturating_sub(started.elapsed());
            let clipped = remaining < per_attempt;
            let result = self
                .attempt::<R>(name, params, per_attempt.min(remaining), per_attempt)
                .await
                .map_err(|error| match error {
                    // The call's deadline, not the attempt's, ran out.
                    Error::Timeout { action, .. } if clipped => Error::Timeout {
                        action,
                        kind: TimeoutKind::Total,
                        after: total,
                    },
                    other => other,
                });
            let request_uuid = match &result {
                Ok((_, uuid)) => uuid.as_deref(),
                Err(err) => err.request_uuid(),
            };
            if let Some(uuid) = request_uuid {
                tracing::Span::current().record("request_uuid", uuid);
            }
            tracing::debug!(
                attempt,
                request_uuid,
                latency_ms = attempt_started.elapsed().as_millis() as u64,
                outcome = %result.as_ref().map_or_else(outcome, |_| "ok"),
                "attempt finished"
            );
            let error = match result {
                Ok((value, _)) => {
                    self.inner.budget.deposit(retry_cost);
                    return Ok(value);
                }
                Err(error) => error,
            };
            let give_up = |error: Error| {
                if attempt > 1 {
                    Error::Retried {
                        attempts: attempt,
                        last: Box::new(error),
                    }
                } else {
                    error
                }
            };
            if attempt >= policy.max_attempts || !may_retry(&error, retryable, options.retry_unsafe)
            {
                return Err(give_up(error));
            }
            let Some(cost) = self.inner.budget.withdraw(&error) else {
                tracing::warn!(error = %error, "not retrying: the client's retry budget is exhausted");
                return Err(give_up(error));
            };
            retry_cost = Some(cost);
            let delay = policy.backoff(attempt);
            if started.elapsed() + delay >= total {
                return Err(give_up(error));
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

    /// One attempt: sign, send, decode. Returns the value and the request
    /// UUID of its answer.
    async fn attempt<R: DeserializeOwned>(
        &self,
        name: &str,
        params: &Params<'_>,
        timeout: Duration,
        configured_timeout: Duration,
    ) -> Result<(R, Option<String>), Error> {
        let request = HttpRequest {
            url: Arc::clone(&self.inner.base_url),
            body: self.signed_body(params),
            timeout,
            max_response_bytes: self.inner.max_response_bytes,
        };
        let response = self
            .inner
            .transport
            .send(request)
            .await
            .map_err(|e| self.transport_error(name, e, configured_timeout))?;
        let value = decode_response(name, &response)?;
        Ok((value, response.request_uuid))
    }

    fn transport_error(
        &self,
        action: &str,
        err: TransportError,
        attempt_timeout: Duration,
    ) -> Error {
        let action = action.to_owned();
        match err {
            TransportError::Connect(source) => Error::Connect {
                action,
                url: self.inner.base_url.to_string(),
                source,
            },
            TransportError::Timeout(kind) => Error::Timeout {
                action,
                kind,
                after: match kind {
                    TimeoutKind::Connect => self.inner.connect_timeout,
                    _ => attempt_timeout,
                },
            },
            TransportError::TooLarge {
                limit,
                request_uuid,
            } => Error::ResponseTooLarge {
                action,
                limit,
                request_uuid,
            },
            TransportError::Other(source) => Error::Transport { action, source },
        }
    }
}

/// A call ready to run.
struct Call<'a> {
    name: &'a str,
    retryable: bool,
    params: Params<'a>,
    /// Parameter metadata, for redacting secrets in traces.
    meta: &'a [ParamMeta],
}

/// Settings for one call that override the client's.
#[derive(Debug, Clone, Copy, Default)]
struct CallOptions {
    timeout: Option<Duration>,
    total_timeout: Option<Duration>,
    retry: Option<RetryPolicy>,
    retry_unsafe: bool,
}

/// The per-call setters shared by [`Request`] and [`Invoke`].
macro_rules! call_settings {
    () => {
        /// The time limit of each attempt of this call.
        pub fn timeout(mut self, timeout: Duration) -> Self {
            self.options.timeout = Some(timeout);
            self
        }

        /// The time limit of this call, retries included.
        pub fn total_timeout(mut self, timeout: Duration) -> Self {
            self.options.total_timeout = Some(timeout);
            self
        }

        /// The retry policy of this call.
        pub fn retry(mut self, policy: RetryPolicy) -> Self {
            self.options.retry = Some(policy);
            self
        }

        /// The number of attempts of this call, the first included.
        pub fn max_attempts(mut self, attempts: u32) -> Self {
            let policy = self.options.retry.get_or_insert(self.client.inner.retry);
            policy.max_attempts = attempts.max(1);
            self
        }

        /// Declares this call safe to repeat, so that it is retried even
        /// after a failure that may have reached the server.
        pub fn idempotent(mut self) -> Self {
            self.options.retry_unsafe = true;
            self
        }
    };
}

/// One call of a declared action with its own settings; see
/// [`Client::request`].
#[must_use = "a request does nothing until it is awaited or sent"]
pub struct Request<'c, A> {
    client: &'c Client,
    action: A,
    options: CallOptions,
}

impl<'c, A: Action + 'c> Request<'c, A> {
    call_settings!();

    /// Sends the request and decodes its answer.
    pub async fn send(self) -> Result<A::Response, Error> {
        let meta = A::META;
        let params = self.client.prepare(&self.action)?;
        let call = Call {
            name: meta.name,
            retryable: meta.retryable,
            params,
            meta: meta.params,
        };
        self.client.execute(call, &self.options).await
    }
}

impl<A> fmt::Debug for Request<'_, A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl<'c, A: Action + 'c> IntoFuture for Request<'c, A> {
    type Output = Result<A::Response, Error>;
    type IntoFuture = BoxFuture<'c, Self::Output>;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// A generic call of any action; see [`Client::invoke`].
#[must_use = "a call does nothing until it is awaited or sent"]
pub struct Invoke<'c, P> {
    client: &'c Client,
    action: &'c str,
    params: P,
    options: CallOptions,
}

impl<'c, P: Serialize + Send + 'c> Invoke<'c, P> {
    call_settings!();

    /// Sends the call and decodes its answer into `T`.
    pub async fn send<T: DeserializeOwned>(self) -> Result<T, Error> {
        let mut params = Params::new();
        flatten(&self.params, &mut params).map_err(|e| e.for_action(self.action))?;
        self.client
            .fill_defaults(["Region", "ProjectId"].into_iter(), &mut params);
        let call = Call {
            name: self.action,
            retryable: false,
            params,
            meta: &[],
        };
        self.client.execute(call, &self.options).await
    }
}

impl<P> fmt::Debug for Invoke<'_, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Invoke")
            .field("action", &self.action)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl<'c, P: Serialize + Send + 'c> IntoFuture for Invoke<'c, P> {
    type Output = Result<serde_json::Value, Error>;
    type IntoFuture = BoxFuture<'c, Self::Output>;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// Fails when a parameter the action requires was not written.
fn check_required(meta: &ActionMeta, params: &Params<'_>) -> Result<(), Error> {
    match meta
        .params
        .iter()
        .find(|p| p.required && !params.contains_name(p.wire_name))
    {
        None => Ok(()),
        Some(missing) if missing.common => Err(Error::invalid_request(format!(
            "`{0}` is required; set it on the request or give the client a default {0}",
            missing.wire_name
        ))
        .for_action(meta.name)),
        Some(missing) => Err(Error::invalid_request(format!(
            "`{}` is required and was not set",
            missing.wire_name
        ))
        .for_action(meta.name)),
    }
}

/// Turns an HTTP answer into the typed response or the error it reports.
fn decode_response<R: DeserializeOwned>(action: &str, response: &HttpResponse) -> Result<R, Error> {
    if !(200..300).contains(&response.status) {
        return Err(Error::HttpStatus {
            action: action.to_owned(),
            status: response.status,
            excerpt: excerpt(&response.body),
            request_uuid: response.request_uuid.clone(),
        });
    }
    envelope::decode(action, &response.body, response.request_uuid.as_deref())
}

/// A short word for how a call ended, for traces.
fn outcome(error: &Error) -> &'static str {
    match error.last_attempt() {
        Error::Api { .. } => "api_error",
        Error::HttpStatus { .. } => "http_error",
        Error::Connect { .. } => "connect_error",
        Error::Timeout { .. } => "timeout",
        Error::Transport { .. } => "transport_error",
        Error::Decode { .. } => "decode_error",
        Error::ResponseTooLarge { .. } => "too_large",
        Error::InvalidRequest { .. } => "invalid_request",
        _ => "error",
    }
}

/// Parameters for traces, with secrets replaced: every parameter the
/// action marks secret, the credential's own, and any name that reads as
/// a password, private key or user data.
struct Redacted<'p, 'a> {
    params: &'p Params<'a>,
    meta: &'p [ParamMeta],
}

impl Redacted<'_, '_> {
    fn is_secret(&self, key: &str) -> bool {
        let top = key.split('.').next().unwrap_or(key);
        let declared = self.meta.iter().any(|p| p.wire_name == top && p.secret);
        let lower = key.to_ascii_lowercase();
        declared
            || [
                "password",
                "privatekey",
                "userdata",
                "securitytoken",
                "secret",
            ]
            .iter()
            .any(|word| lower.contains(word))
    }
}

impl fmt::Display for Redacted<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for (key, value) in self.params.iter() {
            if !first {
                f.write_str(" ")?;
            }
            first = false;
            if self.is_secret(key) {
                write!(f, "{key}=<redacted>")?;
            } else {
                write!(f, "{key}={value:?}")?;
            }
        }
        Ok(())
    }
}
