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
    /// The largest body to accept. A declared `Content-Length` above it is
    /// refused before any of the body is read. Memory follows the bytes
    /// that actually arrive, whatever the limit or the declared length:
    /// at most [`INITIAL_BODY_RESERVE`] is reserved up front, and the
    /// buffer grows by at most [`MAX_BODY_GROWTH`] beyond each incoming
    /// chunk, never above this limit.
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

/// The most bytes reserved for a body before any of it arrived, however
/// long the answer says it is.
pub const INITIAL_BODY_RESERVE: usize = 64 * 1024;

/// The most a body buffer grows by beyond the chunk that just arrived.
pub const MAX_BODY_GROWTH: usize = 1024 * 1024;

/// [`Transport`] over `reqwest`: HTTP/1.1 and HTTP/2, rustls with the
/// `ring` provider and the platform's certificate verifier, keep-alive
/// connection pooling.
///
/// Neither its `Debug` output nor its errors show a user name or
/// password the URL holds: `Debug` shows the endpoint without them,
/// errors from `reqwest` lose their URL, and an unparsable URL is quoted
/// without them.
#[derive(Clone)]
pub struct HttpTransport {
    client: reqwest::Client,
    /// The last URL sent to, parsed: a client posts to one endpoint, so
    /// this spares parsing it again on every request.
    endpoint: Arc<std::sync::Mutex<Option<Endpoint>>>,
}

/// A URL as text and parsed.
type Endpoint = (Arc<str>, reqwest::Url);

impl std::fmt::Debug for HttpTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let endpoint = self
            .endpoint
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .as_ref()
            .map(|(_, parsed)| without_userinfo(parsed).to_string());
        f.debug_struct("HttpTransport")
            .field("client", &self.client)
            .field("endpoint", &endpoint)
            .finish()
    }
}

/// `url` without user name and password.
fn without_userinfo(url: &reqwest::Url) -> reqwest::Url {
    let mut url = url.clone();
    // Both fail only for URLs that cannot have user information at all.
    let _ = url.set_username("");
    let _ = url.set_password(None);
    url
}

/// `url` as text with anything between `scheme://` and the last `@` of
/// the authority left out, for URLs that do not parse.
fn redact_userinfo(url: &str) -> String {
    let Some(start) = url.find("://").map(|i| i + 3) else {
        return url.to_owned();
    };
    let rest = &url[start..];
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    match authority.rfind('@') {
        Some(at) => format!("{}{}", &url[..start], &rest[at + 1..]),
        None => url.to_owned(),
    }
}

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
        let parsed = reqwest::Url::parse(url).map_err(|e| {
            TransportError::Other(format!("invalid URL {:?}: {e}", redact_userinfo(url)).into())
        })?;
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
                let declared = response.content_length();
                if declared.is_some_and(|length| length > max_response_bytes as u64) {
                    return Err(too_large(request_uuid));
                }
                // Memory follows what arrived, not what the answer claims:
                // a hostile `Content-Length` below a raised limit must not
                // reserve it all (see `BodyBuffer`).
                let mut body = BodyBuffer::new(declared, max_response_bytes);
                while let Some(chunk) = response.chunk().await.map_err(classify)? {
                    if !body.push(&chunk) {
                        return Err(too_large(request_uuid));
                    }
                }
                let body = body.into_inner();
                Ok(HttpResponse::new(status, request_uuid, body).with_headers(headers))
            };
            match tokio::time::timeout(timeout, exchange).await {
                Ok(result) => result,
                Err(_) => Err(TransportError::Timeout(TimeoutKind::Attempt)),
            }
        })
    }
}

/// A body being read, in a buffer that grows with the bytes received.
///
/// The rule: at most `min(declared, INITIAL_BODY_RESERVE)` is reserved
/// before anything arrived; when a chunk does not fit, the buffer grows to
/// hold it plus at most `min(len, MAX_BODY_GROWTH)` more (amortized
/// doubling, capped), never above the limit, nor above the declared length
/// while the body is within it. So the buffer holds at most twice the bytes
/// received, and at most 1 MiB more than them (or 64 KiB at the start),
/// whatever the `Content-Length` says.
#[derive(Debug)]
struct BodyBuffer {
    bytes: Vec<u8>,
    declared: Option<u64>,
    limit: usize,
}

impl BodyBuffer {
    fn new(declared: Option<u64>, limit: usize) -> Self {
        let initial = declared
            .map_or(0, |length| usize::try_from(length).unwrap_or(usize::MAX))
            .min(INITIAL_BODY_RESERVE)
            .min(limit);
        BodyBuffer {
            bytes: Vec::with_capacity(initial),
            declared,
            limit,
        }
    }

    /// Appends `chunk`, or returns `false` when the body would exceed the
    /// limit.
    fn push(&mut self, chunk: &[u8]) -> bool {
        let len = self.bytes.len();
        let Some(needed) = len.checked_add(chunk.len()).filter(|&n| n <= self.limit) else {
            return false;
        };
        if needed > self.bytes.capacity() {
            let mut target = needed
                .saturating_add(len.min(MAX_BODY_GROWTH))
                .min(self.limit);
            if let Some(declared) = self.declared.and_then(|d| usize::try_from(d).ok())
                && declared >= needed
            {
                target = target.min(declared);
            }
            self.bytes.reserve_exact(target - len);
        }
        self.bytes.extend_from_slice(chunk);
        true
    }

    fn into_inner(self) -> Vec<u8> {
        self.bytes
    }
}

/// Sorts a `reqwest` error into what the orchestrator needs to know, with
/// the URL left out of its text: a base URL may carry a user name and
/// password.
fn classify(err: reqwest::Error) -> TransportError {
    let err = err.without_url();
    if err.is_connect() {
        if out_of_local_resources(&err) {
            TransportError::LocalResources(Box::new(err))
        } else if err.is_timeout() {
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

/// OS error codes that mean this process, not the network or the server,
/// ran out of something: descriptors (`EMFILE`, `ENFILE`), socket buffers
/// (`ENOBUFS`), memory (`ENOMEM`) or ephemeral ports (`EADDRNOTAVAIL`).
#[cfg(any(target_os = "linux", target_os = "android"))]
const LOCAL_RESOURCE_ERRNOS: &[i32] = &[24, 23, 105, 12, 99];
#[cfg(any(
    target_os = "macos",
    target_os = "ios",
    target_os = "freebsd",
    target_os = "netbsd",
    target_os = "openbsd",
    target_os = "dragonfly"
))]
const LOCAL_RESOURCE_ERRNOS: &[i32] = &[24, 23, 55, 12, 49];
/// `WSAEMFILE`, `WSAENOBUFS`, `WSAEADDRNOTAVAIL`.
#[cfg(windows)]
const LOCAL_RESOURCE_ERRNOS: &[i32] = &[10024, 10055, 10049];
#[cfg(not(any(
    target_os = "linux",
    target_os = "android",
    target_os = "macos",
    target_os = "ios",
    target_os = "freebsd",
    target_os = "netbsd",
    target_os = "openbsd",
    target_os = "dragonfly",
    windows
)))]
const LOCAL_RESOURCE_ERRNOS: &[i32] = &[];

/// Whether an I/O error somewhere in the causes of `err` says this process
/// ran out of a local resource.
fn out_of_local_resources(err: &(dyn std::error::Error + 'static)) -> bool {
    let mut next = Some(err);
    while let Some(cause) = next {
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            let inner = io
                .get_ref()
                .and_then(|inner| inner.downcast_ref::<std::io::Error>());
            if [Some(io), inner]
                .into_iter()
                .flatten()
                .any(is_local_resource_error)
            {
                return true;
            }
        }
        next = cause.source();
    }
    false
}

fn is_local_resource_error(err: &std::io::Error) -> bool {
    err.raw_os_error()
        .is_some_and(|code| LOCAL_RESOURCE_ERRNOS.contains(&code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Wrapper(&'static str, Option<std::io::Error>);

    impl std::fmt::Display for Wrapper {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0)
        }
    }

    impl std::error::Error for Wrapper {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            self.1.as_ref().map(|e| e as _)
        }
    }

    /// `code` two layers down, as hyper-util reports a failed connect.
    fn chain(code: i32) -> Wrapper {
        Wrapper(
            "client error (Connect)",
            Some(std::io::Error::other(Wrapper(
                "tcp connect error",
                Some(std::io::Error::from_raw_os_error(code)),
            ))),
        )
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn descriptors_buffers_memory_and_ports_are_local_resources() {
        // EMFILE, ENFILE, ENOBUFS, ENOMEM, EADDRNOTAVAIL.
        for code in [24, 23, 105, 12, 99] {
            assert!(out_of_local_resources(&chain(code)), "errno {code}");
            let direct = std::io::Error::from_raw_os_error(code);
            assert!(out_of_local_resources(&direct), "errno {code}");
            let wrapped = std::io::Error::other(std::io::Error::from_raw_os_error(code));
            assert!(out_of_local_resources(&wrapped), "errno {code}");
        }
        // ECONNREFUSED, ECONNRESET, ETIMEDOUT, EHOSTUNREACH, ENETUNREACH.
        for code in [111, 104, 110, 113, 101] {
            assert!(!out_of_local_resources(&chain(code)), "errno {code}");
        }
        assert!(!out_of_local_resources(&Wrapper("no cause", None)));
        let untyped = std::io::Error::other("too many open files");
        assert!(!out_of_local_resources(&untyped));
    }

    #[tokio::test]
    async fn a_refused_connection_is_a_connect_error_quoting_no_credentials() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        drop(listener);
        let transport = HttpTransport::new(Duration::from_secs(2), "test").unwrap();
        let request = HttpRequest {
            url: format!("http://someone:hunter2@127.0.0.1:{port}/").into(),
            body: String::new(),
            timeout: Duration::from_secs(2),
            max_response_bytes: 1024,
            headers: HeaderMap::new(),
            attempt: 1,
        };
        let err = transport.send(request).await.unwrap_err();
        assert!(matches!(err, TransportError::Connect(_)), "{err:?}");
        let mut texts = vec![format!("{err}"), format!("{err:?}")];
        let mut next = std::error::Error::source(&err);
        while let Some(cause) = next {
            texts.push(format!("{cause} {cause:?}"));
            next = cause.source();
        }
        for text in &texts {
            assert!(!text.contains("http://"), "quotes a URL: {text}");
        }
        let debug = format!("{transport:?}");
        assert!(
            debug.contains(&format!("http://127.0.0.1:{port}/")),
            "{debug}"
        );
        texts.push(debug);
        for text in texts {
            assert!(!text.contains("hunter2"), "{text}");
            assert!(!text.contains("someone"), "{text}");
        }
    }

    #[test]
    fn unparsable_urls_are_quoted_without_user_information() {
        assert_eq!(
            redact_userinfo("http://u:p@host:99999/x@y"),
            "http://host:99999/x@y"
        );
        assert_eq!(redact_userinfo("http://host/a@b"), "http://host/a@b");
        assert_eq!(redact_userinfo("no scheme@all"), "no scheme@all");
    }

    #[test]
    fn a_huge_declared_length_reserves_only_a_little() {
        let mut body = BodyBuffer::new(Some(1 << 62), usize::MAX);
        assert!(body.bytes.capacity() <= INITIAL_BODY_RESERVE);
        let chunk = [b'x'; 8192];
        for _ in 0..1000 {
            assert!(body.push(&chunk));
            let len = body.bytes.len();
            assert!(
                body.bytes.capacity()
                    <= INITIAL_BODY_RESERVE.max(len + len.min(MAX_BODY_GROWTH) + chunk.len()),
                "{} bytes held for {len} received",
                body.bytes.capacity()
            );
        }
        assert_eq!(body.into_inner().len(), 8192 * 1000);
    }

    #[test]
    fn growth_stops_at_the_declared_length_and_the_limit() {
        let mut body = BodyBuffer::new(Some(100_000), usize::MAX);
        for _ in 0..6 {
            assert!(body.push(&[0; 16_000]));
        }
        assert!(body.push(&[0; 4_000]));
        assert_eq!(body.bytes.len(), 100_000);
        assert!(body.bytes.capacity() <= 100_000 + 16_000);

        let mut body = BodyBuffer::new(None, 50_000);
        assert_eq!(body.bytes.capacity(), 0);
        assert!(body.push(&[0; 30_000]));
        assert!(body.push(&[0; 20_000]));
        assert!(body.bytes.capacity() <= 50_000);
        assert!(!body.push(&[0]));
        assert_eq!(body.bytes.len(), 50_000);
    }
}
