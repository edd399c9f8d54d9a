//! Moving a signed request to the server and its answer back.
//!
//! [`Transport`] is the seam between the client and HTTP; [`HttpTransport`]
//! is the implementation over `reqwest` with one connection pool per
//! client. Tests and special environments can plug in their own.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use crate::error::{BoxError, TimeoutKind};

pub use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

/// A boxed, sendable future, as [`Transport::send`] returns.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// One request, ready to send: a form-encoded, signed body.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct HttpRequest {
    /// Where to POST.
    pub url: Arc<str>,
    /// The `application/x-www-form-urlencoded` body, signature included.
    pub body: String,
    /// The time limit for this attempt, answer included.
    pub timeout: Duration,
    /// The largest body to accept.
    pub max_response_bytes: usize,
    /// Headers to send besides `Content-Type` and `User-Agent`, e.g. ones
    /// an [`Interceptor`](crate::intercept::Interceptor) added.
    pub headers: HeaderMap,
    /// The attempt's number within its call, 1 for the first: retries of
    /// a call send the same body with a higher number.
    pub attempt: u32,
}

/// The answer to one request.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct HttpResponse {
    /// The HTTP status code.
    pub status: u16,
    /// The `X-UCLOUD-REQUEST-UUID` header, when present.
    pub request_uuid: Option<String>,
    /// The whole body.
    pub body: Vec<u8>,
    /// The answer's headers.
    pub headers: HeaderMap,
}

impl HttpResponse {
    /// An answer with the given status, request UUID and body.
    pub fn new(status: u16, request_uuid: Option<String>, body: Vec<u8>) -> Self {
        HttpResponse {
            status,
            request_uuid,
            body,
            headers: HeaderMap::new(),
        }
    }

    /// The same answer with these headers.
    pub fn with_headers(mut self, headers: HeaderMap) -> Self {
        self.headers = headers;
        self
    }

    /// The `Location` header, when present and readable as text.
    pub fn location(&self) -> Option<&str> {
        self.headers
            .get(reqwest::header::LOCATION)
            .and_then(|v| v.to_str().ok())
    }
}

/// Why a request got no complete answer.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TransportError {
    /// The connection could not be opened; nothing was sent.
    #[error("connection failed: {0}")]
    Connect(#[source] BoxError),
    /// The connection could not be opened because this process ran out of
    /// a local resource (file descriptors, ephemeral ports, socket
    /// buffers); nothing was sent.
    #[error("out of local resources: {0}")]
    LocalResources(#[source] BoxError),
    /// A time limit ran out.
    #[error("{0}")]
    Timeout(TimeoutKind),
    /// The answer's body is larger than allowed.
    #[error("the body exceeds {limit} bytes")]
    TooLarge {
        /// The limit in bytes.
        limit: usize,
        /// The request UUID of the answer.
        request_uuid: Option<String>,
    },
    /// Anything else, possibly after the request was sent.
    #[error("{0}")]
    Other(#[source] BoxError),
}

/// Sends one request and reads its whole answer.
pub trait Transport: Send + Sync + std::fmt::Debug {
    /// POSTs `request` and returns the answer, or why there is none.
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>>;
}

/// The header that carries the request UUID.
pub const REQUEST_UUID_HEADER: &str = "x-ucloud-request-uuid";

/// [`Transport`] over `reqwest`: HTTP/1.1 and HTTP/2, rustls with the
/// `ring` provider and the platform's certificate verifier, keep-alive
/// connection pooling.
#[derive(Debug, Clone)]
pub struct HttpTransport {
    client: reqwest::Client,
    /// The last URL sent to, parsed: a client posts to one endpoint, so
    /// this spares parsing it again on every request.
    endpoint: Arc<std::sync::Mutex<Option<Endpoint>>>,
}

/// A URL as text and parsed.
type Endpoint = (Arc<str>, reqwest::Url);

impl HttpTransport {
    /// A transport with the given connect timeout and `User-Agent`, and
    /// the default pool of idle connections.
    pub fn new(connect_timeout: Duration, user_agent: &str) -> Result<Self, crate::Error> {
        Self::with_pool(
            connect_timeout,
            user_agent,
            crate::config::DEFAULT_POOL_MAX_IDLE_PER_HOST,
        )
    }

    /// A transport that keeps at most `max_idle_per_host` idle connections
    /// per host. Redirects are never followed: a 3xx answer is returned
    /// as it is, since following it would resend the signed request to
    /// another address.
    pub fn with_pool(
        connect_timeout: Duration,
        user_agent: &str,
        max_idle_per_host: usize,
    ) -> Result<Self, crate::Error> {
        ensure_crypto_provider();
        let client = reqwest::Client::builder()
            .connect_timeout(connect_timeout)
            .user_agent(user_agent)
            .redirect(reqwest::redirect::Policy::none())
            .pool_max_idle_per_host(max_idle_per_host)
            .pool_idle_timeout(Duration::from_secs(30))
            .tcp_nodelay(true)
            .build()
            .map_err(|e| crate::Error::config(format!("cannot build the HTTP client: {e}")))?;
        Ok(HttpTransport {
            client,
            endpoint: Arc::default(),
        })
    }

    /// `url` parsed, from the cache when it is the endpoint of last time.
    fn parsed(&self, url: &Arc<str>) -> Result<reqwest::Url, TransportError> {
        let mut cached = self
            .endpoint
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((text, parsed)) = cached.as_ref()
            && (Arc::ptr_eq(text, url) || **text == **url)
        {
            return Ok(parsed.clone());
        }
        let parsed = reqwest::Url::parse(url)
            .map_err(|e| TransportError::Other(format!("invalid URL {url:?}: {e}").into()))?;
        *cached = Some((Arc::clone(url), parsed.clone()));
        Ok(parsed)
    }
}

/// Makes `ring` the process's rustls crypto provider unless the
/// application installed one already, which then stays in charge.
fn ensure_crypto_provider() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Fails only when another thread installed a provider meanwhile,
        // which is just as good.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

impl Transport for HttpTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(async move {
            let HttpRequest {
                url,
                body,
                timeout,
                max_response_bytes,
                headers,
                attempt: _,
            } = request;
            let exchange = async {
                let mut response = self
                    .client
                    .post(self.parsed(&url)?)
                    .header(
                        reqwest::header::CONTENT_TYPE,
                        "application/x-www-form-urlencoded",
                    )
                    .headers(headers)
                    .body(body)
                    .send()
                    .await
                    .map_err(classify)?;
                let status = response.status().as_u16();
                let headers = std::mem::take(response.headers_mut());
                let request_uuid = headers
                    .get(REQUEST_UUID_HEADER)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned);
                let too_large = |request_uuid| TransportError::TooLarge {
                    limit: max_response_bytes,
                    request_uuid,
                };
                let declared = response.content_length().unwrap_or(0);
                if declared > max_response_bytes as u64 {
                    return Err(too_large(request_uuid));
                }
                let mut body = Vec::with_capacity(usize::try_from(declared).unwrap_or(0));
                while let Some(chunk) = response.chunk().await.map_err(classify)? {
                    if body.len() + chunk.len() > max_response_bytes {
                        return Err(too_large(request_uuid));
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(HttpResponse::new(status, request_uuid, body).with_headers(headers))
            };
            match tokio::time::timeout(timeout, exchange).await {
                Ok(result) => result,
                Err(_) => Err(TransportError::Timeout(TimeoutKind::Attempt)),
            }
        })
    }
}

fn classify(err: reqwest::Error) -> TransportError {
    if err.is_connect() {
        if err.is_timeout() {
            TransportError::Timeout(TimeoutKind::Connect)
        } else {
            TransportError::Connect(Box::new(err))
        }
    } else if err.is_timeout() {
        TransportError::Timeout(TimeoutKind::Attempt)
    } else {
        TransportError::Other(Box::new(err))
    }
}
