//! A client for code that does not run on an async runtime (enabled by the
//! cargo feature `blocking`).
//!
//! [`Client`] owns a small tokio runtime and runs the calls of an
//! [`api_core::Client`](crate::Client) on it, so a `main` without
//! `#[tokio::main]`, a script or a worker thread can call the API and get
//! the answer back as a plain value. Every call blocks the calling
//! thread until it is done; many threads may call at once.
//!
//! Calls made from inside an async runtime would stall it, so they fail at
//! once with [`Error::Config`] instead: async code uses
//! [`api_core::Client`](crate::Client) and `.await`.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use futures_core::Stream;
use futures_util::StreamExt;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::action::Action;
use crate::config::ClientBuilder;
use crate::error::Error;
use crate::intercept::Interceptor;
use crate::paginate::{Page, Paginated};
use crate::retry::RetryPolicy;

/// A blocking handle on the API: cheap to clone, one connection pool and
/// one runtime shared by every clone, usable from many threads at once.
///
/// It has the calls of [`api_core::Client`](crate::Client), each returning
/// its answer instead of a future. [`Client::run`] runs any async code
/// (such as the waiters of `api_uhost::wait`) to completion.
///
/// ```no_run
/// # fn main() -> Result<(), api_core::Error> {
/// use std::time::Duration;
///
/// let client = api_core::blocking::Client::from_env()?;
/// let answer = client
///     .invoke("DescribeUHostInstance", serde_json::json!({"Limit": 10}))
///     .timeout(Duration::from_secs(5))
///     .value()?;
/// println!("{} instances", answer["TotalCount"]);
/// # Ok(()) }
/// ```
///
/// Its calls fail with [`Error::Config`] when made from inside an async
/// runtime (a `#[tokio::main]` function, a task, `Runtime::block_on`),
/// where blocking would stall the runtime. Creating and dropping it there
/// is fine.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

/// What every clone of a [`Client`] shares.
struct Inner {
    client: crate::Client,
    /// Always `Some` until dropped.
    runtime: Option<tokio::runtime::Runtime>,
}

impl Drop for Inner {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            // Tokio refuses to wait for a runtime to stop from inside an
            // async context; let it stop on its own there.
            if tokio::runtime::Handle::try_current().is_ok() {
                runtime.shutdown_background();
            } else {
                drop(runtime);
            }
        }
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("client", &self.inner.client)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A builder with nothing set; pass it to [`Client::new`].
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// A client configured from the environment and the shared
    /// configuration files (see [`ClientBuilder::from_env`]).
    pub fn from_env() -> Result<Client, Error> {
        Client::new(ClientBuilder::from_env()?)
    }

    /// Checks the settings of `builder` and builds a client with them.
    pub fn new(builder: ClientBuilder) -> Result<Client, Error> {
        Client::from_async(builder.build()?)
    }

    /// A blocking client that sends through `client` (and shares its
    /// settings, retry budget and connection pool).
    ///
    /// Connections are driven by the runtime that opened them: wrap a
    /// client that has not been used on another runtime, or keep that
    /// runtime running.
    pub fn from_async(client: crate::Client) -> Result<Client, Error> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("api-core-blocking")
            .enable_io()
            .enable_time()
            .build()
            .map_err(|e| {
                Error::config(format!(
                    "cannot start the runtime of the blocking client: {e}"
                ))
            })?;
        Ok(Client {
            inner: Arc::new(Inner {
                client,
                runtime: Some(runtime),
            }),
        })
    }

    /// The async client calls are sent through, for its settings
    /// (`region()`, `timeout()`, …) and for [`Client::run`].
    pub fn as_async(&self) -> &crate::Client {
        &self.inner.client
    }

    /// Sends `action` with the client's settings and decodes its answer;
    /// see [`api_core::Client::send`](crate::Client::send).
    pub fn send<A: Action>(&self, action: A) -> Result<A::Response, Error> {
        self.request(action).send()
    }

    /// Sends `action` with settings for this call only; call `send` on it.
    ///
    /// ```no_run
    /// # fn run(client: api_core::blocking::Client, action: impl api_core::Action) -> Result<(), api_core::Error> {
    /// use std::time::Duration;
    /// let response = client
    ///     .request(action)
    ///     .timeout(Duration::from_secs(5))
    ///     .max_attempts(5)
    ///     .send()?;
    /// # Ok(()) }
    /// ```
    pub fn request<A: Action>(&self, action: A) -> Request<'_, A> {
        Request {
            client: self,
            call: self.inner.client.request(action),
        }
    }

    /// Calls an action no crate declares; see
    /// [`api_core::Client::invoke`](crate::Client::invoke). Call
    /// `value()` for a `serde_json::Value`, or `send::<T>()` for a typed
    /// answer.
    pub fn invoke<'c, P: Serialize + Send + 'c>(
        &'c self,
        action: &'c str,
        params: P,
    ) -> Invoke<'c, P> {
        Invoke {
            client: self,
            call: self.inner.client.invoke(action, params),
        }
    }

    /// Every item of a list action that pages with `Offset`/`Limit`, as an
    /// iterator that fetches pages as it goes.
    ///
    /// ```no_run
    /// # fn run<A>(client: api_core::blocking::Client, list: A) -> Result<(), api_core::Error>
    /// # where A: api_core::Paginated + 'static, A::Item: Send + std::fmt::Debug + 'static {
    /// for item in client.paginate(list).items() {
    ///     println!("{:?}", item?);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn paginate<A>(&self, action: A) -> Paginator<A>
    where
        A: Paginated + 'static,
        A::Item: Send + 'static,
    {
        Paginator {
            client: self.clone(),
            inner: self.inner.client.paginate(action),
        }
    }

    /// Runs async code on the client's runtime and returns its outcome:
    /// `f` gets a clone of the async client. This is the way to use the
    /// async helpers of the SDK, such as the waiters of `api_uhost::wait`,
    /// from blocking code.
    ///
    /// ```no_run
    /// # fn run(client: api_core::blocking::Client) -> Result<(), api_core::Error> {
    /// use api_core::wait::{Status, Waiter};
    ///
    /// let answer = client.run(|client| async move {
    ///     Waiter::new("the answer to be ready")
    ///         .until(|| async { Ok(Status::Ready(client.region().is_some())) })
    ///         .await
    /// })?;
    /// # Ok(()) }
    /// ```
    ///
    /// Fails with [`Error::Config`], without calling `f`, when called from
    /// inside an async runtime.
    pub fn run<F, Fut, T, E>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(crate::Client) -> Fut,
        Fut: Future<Output = Result<T, E>>,
        E: From<Error>,
    {
        let runtime = self.runtime("api_core::blocking::Client::run")?;
        runtime.block_on(f(self.inner.client.clone()))
    }

    /// Runs `future` to completion on the client's runtime.
    fn block_on<F: Future>(&self, future: F) -> Result<F::Output, Error> {
        Ok(self.runtime("api_core::blocking::Client")?.block_on(future))
    }

    /// The runtime, when the calling thread may block on it.
    fn runtime(&self, what: &str) -> Result<&tokio::runtime::Runtime, Error> {
        refuse_inside_runtime(what)?;
        self.inner
            .runtime
            .as_ref()
            .ok_or_else(|| Error::config("the blocking client's runtime has stopped"))
    }
}

/// Fails when the calling thread is inside an async runtime, where
/// blocking would stall it (and where tokio refuses to start another
/// runtime).
pub(crate) fn refuse_inside_runtime(what: &str) -> Result<(), Error> {
    if tokio::runtime::Handle::try_current().is_ok() {
        return Err(Error::config(format!(
            "{what} was called from inside an async runtime, where blocking would stall it; \
             use api_core::Client and .await there (or make the call from a thread the \
             runtime does not manage, e.g. one started with std::thread::spawn)"
        )));
    }
    Ok(())
}

/// The per-call setters shared by [`Request`] and [`Invoke`], forwarded
/// to the async call they wrap.
macro_rules! call_settings {
    () => {
        /// The time limit of each attempt of this call.
        pub fn timeout(mut self, timeout: Duration) -> Self {
            self.call = self.call.timeout(timeout);
            self
        }

        /// The time limit of this call, retries included.
        pub fn total_timeout(mut self, timeout: Duration) -> Self {
            self.call = self.call.total_timeout(timeout);
            self
        }

        /// The retry policy of this call.
        pub fn retry(mut self, policy: RetryPolicy) -> Self {
            self.call = self.call.retry(policy);
            self
        }

        /// The number of attempts of this call, the first included.
        pub fn max_attempts(mut self, attempts: u32) -> Self {
            self.call = self.call.max_attempts(attempts);
            self
        }

        /// Declares this call safe to repeat, so that it is retried even
        /// after a failure that may have reached the server.
        pub fn idempotent(mut self) -> Self {
            self.call = self.call.idempotent();
            self
        }

        /// Adds an interceptor for this call only; it runs after the
        /// client's. See [`crate::intercept`].
        pub fn interceptor(mut self, interceptor: impl Interceptor) -> Self {
            self.call = self.call.interceptor(interceptor);
            self
        }
    };
}

/// One call of a declared action with its own settings; see
/// [`Client::request`].
#[must_use = "a request does nothing until it is sent"]
pub struct Request<'c, A> {
    client: &'c Client,
    call: crate::Request<'c, A>,
}

impl<'c, A: Action + 'c> Request<'c, A> {
    call_settings!();

    /// Sends the request and decodes its answer.
    pub fn send(self) -> Result<A::Response, Error> {
        self.client.block_on(self.call.send())?
    }
}

impl<A> fmt::Debug for Request<'_, A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("call", &self.call)
            .finish_non_exhaustive()
    }
}

/// A generic call of any action; see [`Client::invoke`].
#[must_use = "a call does nothing until it is sent"]
pub struct Invoke<'c, P> {
    client: &'c Client,
    call: crate::Invoke<'c, P>,
}

impl<'c, P: Serialize + Send + 'c> Invoke<'c, P> {
    call_settings!();

    /// Treats the parameter `name` as secret; see
    /// [`crate::Invoke::secret`].
    pub fn secret(mut self, name: impl Into<String>) -> Self {
        self.call = self.call.secret(name);
        self
    }

    /// Sends the call and decodes its answer into `T`.
    pub fn send<T: DeserializeOwned>(self) -> Result<T, Error> {
        self.client.block_on(self.call.send::<T>())?
    }

    /// Sends the call and returns its answer as JSON.
    pub fn value(self) -> Result<serde_json::Value, Error> {
        self.send()
    }
}

impl<P> fmt::Debug for Invoke<'_, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Invoke")
            .field("call", &self.call)
            .finish_non_exhaustive()
    }
}

/// Lists every item of a paginated action, fetching pages as the
/// iterator advances; see [`Client::paginate`].
#[derive(Debug)]
#[must_use = "a paginator does nothing until its iterator is advanced"]
pub struct Paginator<A> {
    client: Client,
    inner: crate::Paginator<A>,
}

impl<A> Paginator<A>
where
    A: Paginated + 'static,
    A::Item: Send + 'static,
{
    /// The number of items to ask for per page.
    pub fn page_size(mut self, size: u64) -> Self {
        self.inner = self.inner.page_size(size);
        self
    }

    /// The pages, one request each, starting at the request's `Offset`,
    /// with the stopping rules of
    /// [`api_core::Paginator::pages`](crate::Paginator::pages). The
    /// iterator ends after the first error.
    pub fn pages(self) -> impl Iterator<Item = Result<Page<A::Item>, Error>> + Send + 'static {
        Pages {
            client: self.client,
            stream: Some(Box::pin(self.inner.pages())),
        }
    }

    /// Every item, in order, across pages. The iterator ends after the
    /// first error.
    pub fn items(self) -> impl Iterator<Item = Result<A::Item, Error>> + Send + 'static {
        self.pages().flat_map(|page| {
            let (items, error) = match page {
                Ok(page) => (page.items, None),
                Err(error) => (Vec::new(), Some(error)),
            };
            items.into_iter().map(Ok).chain(error.map(Err))
        })
    }
}

/// The async page stream.
type PageStream<T> = Pin<Box<dyn Stream<Item = Result<Page<T>, Error>> + Send>>;

/// The pages of a [`Paginator`], each fetched by blocking on the async
/// stream.
struct Pages<T> {
    client: Client,
    /// `None` once the stream ended or failed.
    stream: Option<PageStream<T>>,
}

impl<T> Iterator for Pages<T> {
    type Item = Result<Page<T>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let stream = self.stream.as_mut()?;
        let next = self
            .client
            .block_on(stream.next())
            .unwrap_or_else(|refused| Some(Err(refused)));
        if !matches!(next, Some(Ok(_))) {
            self.stream = None;
        }
        next
    }
}
