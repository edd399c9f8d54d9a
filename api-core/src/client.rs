//! The client handle and the builders of one call. The call itself runs
//! in [`crate::orchestrate`].

use std::fmt;
use std::future::IntoFuture;
use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::action::Action;
use crate::config::{ClientBuilder, Config};
use crate::credential::Credential;
use crate::error::Error;
use crate::intercept::Interceptor;
use crate::orchestrate::{self, Call, CallOptions, Encoded};
use crate::paginate::{Paginated, Paginator};
use crate::prepare;
use crate::retry::RetryPolicy;
use crate::transport::BoxFuture;

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
    /// the action is safe to repeat (see [`ActionMeta::retryable`](crate::ActionMeta::retryable)).
    pub fn send<'c, A: Action + 'c>(
        &'c self,
        action: A,
    ) -> impl Future<Output = Result<A::Response, Error>> + 'c {
        // The call's own future, not one more layer around it.
        self.request(action).send()
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
    /// rules as declared actions. `Region`, `Zone` and `ProjectId` come
    /// from the client's defaults when `params` leaves them out, as for an
    /// action declared with the default common parameters. Await it for a
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
    pub fn paginate<A>(&self, action: A) -> Paginator<A>
    where
        A: Paginated + 'static,
        A::Item: Send + 'static,
    {
        Paginator::new(self.clone(), action)
    }

    /// The signed, form-encoded body `send` would POST for `action`, without
    /// sending it. Interceptors do not run.
    pub fn encode<A: Action + ?Sized>(&self, action: &A) -> Result<String, Error> {
        if let Some(body) = prepare::streamed_body(&self.inner, action)? {
            return Ok(body);
        }
        let params = prepare::action_params(&self.inner, action)?;
        let params = prepare::with_credential(&self.inner.credential, A::META.name, params)?;
        Ok(prepare::signed_body(
            &params,
            self.inner.credential.private_key(),
        ))
    }
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

        /// Adds an interceptor for this call only; it runs after the
        /// client's. See [`crate::intercept`].
        pub fn interceptor(mut self, interceptor: impl Interceptor) -> Self {
            self.options.interceptors.push(Arc::new(interceptor));
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
        let config = &*self.client.inner;
        let action = &self.action;
        // Interceptors see the parameters before they are signed, and a
        // trace lists them: both need them collected.
        let streams = A::SORTED_WRITES
            && config.interceptors.is_empty()
            && self.options.interceptors.is_empty()
            && !orchestrate::params_traced();
        let collect = || prepare::action_params(config, action);
        let signed_params = |use_them: &mut dyn FnMut(&crate::Params<'_>)| {
            use_them(
                &collect()
                    .and_then(|params| {
                        prepare::with_credential(&config.credential, meta.name, params)
                    })
                    .unwrap_or_default(),
            );
        };
        let streamed = match streams {
            true => prepare::streamed_body(config, action)?,
            false => None,
        };
        let encoded = match streamed {
            Some(body) => Encoded::Signed {
                body,
                params: &signed_params,
            },
            None => Encoded::Params(collect()?),
        };
        let call = Call {
            name: meta.name,
            meta: Some(meta),
            retryable: meta.retryable,
            encoded,
        };
        orchestrate::execute(&self.client.inner, call, &self.options).await
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

    /// Treats the parameter `name` (and its elements and fields) as
    /// secret, besides those the default rule finds: names with a word
    /// part such as password, passwd, pwd, pass, secret, token,
    /// credential, private or user data. Secret values never appear in
    /// traces, logs or errors.
    pub fn secret(mut self, name: impl Into<String>) -> Self {
        self.options.secret_names.push(name.into());
        self
    }

    /// Sends the call and decodes its answer into `T`.
    pub async fn send<T: DeserializeOwned>(self) -> Result<T, Error> {
        let params = prepare::invoke_params(&self.client.inner, self.action, &self.params)?;
        let call = Call {
            name: self.action,
            meta: None,
            retryable: false,
            encoded: Encoded::Params(params),
        };
        orchestrate::execute(&self.client.inner, call, &self.options).await
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
