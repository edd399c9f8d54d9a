//! Moving a signed request to the server and its answer back.
//!
//! [`Transport`] is the seam between the client and HTTP; [`HttpTransport`]
//! is the built-in implementation, with its connection pools per client.
//! Tests and special environments can plug in their own.

use std::borrow::Cow;
use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::{Arc, OnceLock};
use std::task::Poll;
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
    /// When the attempt started, as the call read the clock: its time
    /// limit counts from here. The built-in transport reads the clock
    /// itself when it is not known.
    pub(crate) started: Option<tokio::time::Instant>,
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
    headers: ResponseHeaders,
}

impl HttpResponse {
    /// An answer with the given status, request UUID and body.
    pub fn new(status: u16, request_uuid: Option<String>, body: Vec<u8>) -> Self {
        HttpResponse {
            status,
            request_uuid,
            body,
            headers: ResponseHeaders::default(),
        }
    }

    /// The same answer with these headers.
    pub fn with_headers(mut self, headers: HeaderMap) -> Self {
        self.headers = ResponseHeaders::from(headers);
        self
    }

    /// The answer's headers.
    ///
    /// The built-in transport reads on a plain `http` connection only
    /// the headers that frame the answer; the map of them all is made
    /// the first time it is asked for.
    pub fn headers(&self) -> &HeaderMap {
        self.headers.map()
    }

    /// The `Location` header, when present and readable as text.
    pub fn location(&self) -> Option<&str> {
        self.headers()
            .get(reqwest::header::LOCATION)
            .and_then(|v| v.to_str().ok())
    }
}

/// An answer's headers: a map, or the head they came in, parsed into a
/// map when first needed. The map is boxed: an answer is moved a few
/// times on its way to the caller, and most are never asked for it.
#[derive(Clone, Default)]
struct ResponseHeaders {
    map: OnceLock<Box<HeaderMap>>,
    raw: Option<Box<[u8]>>,
}

impl From<HeaderMap> for ResponseHeaders {
    fn from(map: HeaderMap) -> Self {
        ResponseHeaders {
            map: OnceLock::from(Box::new(map)),
            raw: None,
        }
    }
}

impl ResponseHeaders {
    fn map(&self) -> &HeaderMap {
        self.map
            .get_or_init(|| Box::new(self.raw.as_deref().map(headers_of).unwrap_or_default()))
    }
}

impl std::fmt::Debug for ResponseHeaders {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.map().fmt(f)
    }
}

/// The headers of an HTTP/1.1 answer's head. The transport parsed the
/// same bytes with the same rules before it kept them, so nothing is
/// refused here; a line that somehow were would be left out.
fn headers_of(head: &[u8]) -> HeaderMap {
    let mut slots = vec![httparse::EMPTY_HEADER; crate::h1::MAX_HEADERS];
    let mut parsed = httparse::Response::new(&mut slots);
    let mut map = HeaderMap::new();
    if httparse::ParserConfig::default()
        .parse_response(&mut parsed, head)
        .is_ok()
    {
        for header in parsed.headers.iter() {
            if let (Ok(name), Ok(value)) = (
                HeaderName::from_bytes(header.name.as_bytes()),
                HeaderValue::from_bytes(header.value),
            ) {
                map.append(name, value);
            }
        }
    }
    map
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

    /// Whether [`send`](Transport::send) always gives up with
    /// [`TransportError::Timeout`] once [`HttpRequest::timeout`] has
    /// passed. When it does, the client bounds a call's total time
    /// through the time limit of each attempt alone; otherwise it also
    /// keeps a timer over the whole call. `false` unless a transport
    /// says so.
    fn enforces_timeout(&self) -> bool {
        false
    }

    /// The built-in transport, which the client then awaits directly
    /// instead of through the boxed future of [`send`](Transport::send).
    #[doc(hidden)]
    fn built_in(&self) -> Option<&HttpTransport> {
        None
    }
}

/// The header that carries the request UUID.
pub const REQUEST_UUID_HEADER: &str = "x-ucloud-request-uuid";

/// [`REQUEST_UUID_HEADER`] as a `HeaderName` made once, not parsed from
/// text on every answer.
pub(crate) const REQUEST_UUID: HeaderName = HeaderName::from_static(REQUEST_UUID_HEADER);

/// The most bytes reserved for a body before any of it arrived, however
/// long the answer says it is.
pub const INITIAL_BODY_RESERVE: usize = 64 * 1024;

/// The most a body buffer grows by beyond the chunk that just arrived.
pub const MAX_BODY_GROWTH: usize = 1024 * 1024;

/// [`Transport`] over HTTP/1.1 and HTTP/2: rustls with the `ring`
/// provider and the platform's certificate verifier, keep-alive
/// connection pooling.
///
/// Three ways, by endpoint:
/// - plain `http`: HTTP/1.1 exchanged in the task that makes the call,
///   one write and usually one read per request, over a pool of
///   keep-alive connections; the answer's head is parsed by `httparse`;
/// - `https`: `hyper`'s pooled client, with HTTP/2 where TLS negotiates it;
/// - an endpoint that the system's proxy settings (`HTTP_PROXY`,
///   `HTTPS_PROXY`, `ALL_PROXY`, `NO_PROXY`) send through a proxy:
///   `reqwest`, which speaks to proxies.
///
/// All follow the same rules: no redirects, the same connect timeout,
/// pool bound and headers, a user name and password in the URL sent as
/// basic authentication, and the attempt's time limit over the whole
/// exchange.
///
/// The `https` and proxy clients, and the platform's certificates they
/// load, are made when the first request needs them: a transport that
/// only speaks plain `http` costs microseconds to make, not milliseconds.
/// Should they fail to be made, every request that needs them fails with
/// the reason.
///
/// Neither its `Debug` output nor its errors show a user name or
/// password the URL holds: `Debug` shows the endpoint without them,
/// errors lose their URL, and an unparsable URL is quoted without them.
#[derive(Clone)]
pub struct HttpTransport {
    /// Plain `http` endpoints not behind a proxy.
    plain: Arc<crate::h1::Pool>,
    /// `https` endpoints and those behind a proxy, made on first use:
    /// loading the platform's certificates takes milliseconds that a
    /// client of plain `http` endpoints (the emulator, a test) never
    /// needs.
    tls: Arc<OnceLock<Result<TlsClients, String>>>,
    settings: Settings,
    proxies: Arc<hyper_util::client::proxy::matcher::Matcher>,
    user_agent: HeaderValue,
    /// The last URL sent to, parsed: a client posts to one endpoint, so
    /// this spares parsing it again on every request.
    endpoint: Arc<std::sync::Mutex<Option<Arc<Endpoint>>>>,
}

/// The clients of the endpoints that are not plain `http` or are behind
/// a proxy.
struct TlsClients {
    direct: DirectClient,
    proxied: reqwest::Client,
}

/// What the clients are made with.
#[derive(Clone)]
struct Settings {
    connect_timeout: Duration,
    max_idle_per_host: usize,
}

/// `hyper`'s pooled client over TCP or TLS, with a connect timeout.
type DirectClient =
    hyper_util::client::legacy::Client<TimedConnector, http_body_util::Full<bytes::Bytes>>;

/// A URL as text and parsed, with what a request to it needs.
struct Endpoint {
    text: Arc<str>,
    url: reqwest::Url,
    /// The URL without user name and password, for `hyper`.
    uri: hyper::Uri,
    /// `Authorization` from the URL's user name and password.
    authorization: Option<HeaderValue>,
    /// `Host` for plain `http`, as `hyper` would write it on an HTTP/1.1
    /// connection: written once here rather than formatted per request.
    /// For `https` `hyper` adds it, since a connection that negotiated
    /// HTTP/2 carries the authority in `:authority` instead.
    host: Option<HeaderValue>,
    /// For plain `http`: the request line and the default headers as
    /// written on the wire, each line ending in CRLF.
    plain_head: Option<Vec<u8>>,
    /// Whether the system's proxy settings send it through a proxy.
    proxied: bool,
}

impl std::fmt::Debug for HttpTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let endpoint = self
            .endpoint
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .as_ref()
            .map(|endpoint| without_userinfo(&endpoint.url).to_string());
        f.debug_struct("HttpTransport")
            .field("tls_clients_made", &self.tls.get().is_some())
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

/// TCP keepalive probes on pooled connections, as `reqwest` sets them.
const TCP_KEEPALIVE: Duration = Duration::from_secs(15);

/// How long an idle pooled connection is kept.
const POOL_IDLE_TIMEOUT: Duration = Duration::from_secs(30);

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
    /// another address. Fails only on a `User-Agent` that is not a valid
    /// header value.
    pub fn with_pool(
        connect_timeout: Duration,
        user_agent: &str,
        max_idle_per_host: usize,
    ) -> Result<Self, crate::Error> {
        ensure_crypto_provider();
        let cannot = |e: &dyn std::fmt::Display| {
            crate::Error::config(format!("cannot build the HTTP client: {e}"))
        };
        let user_agent = HeaderValue::from_str(user_agent).map_err(|e| cannot(&e))?;
        let plain = crate::h1::Pool::new(
            tcp_connector(),
            connect_timeout,
            max_idle_per_host,
            POOL_IDLE_TIMEOUT,
        );
        Ok(HttpTransport {
            plain: Arc::new(plain),
            tls: Arc::default(),
            settings: Settings {
                connect_timeout,
                max_idle_per_host,
            },
            proxies: Arc::new(hyper_util::client::proxy::matcher::Matcher::from_system()),
            user_agent,
            endpoint: Arc::default(),
        })
    }

    /// The clients for `https` and proxied endpoints, made the first time
    /// one is needed; why they could not be made, then and after.
    fn tls_clients(&self) -> Result<&TlsClients, TransportError> {
        let made = self.tls.get_or_init(|| {
            tls_clients(&self.settings, &self.user_agent)
                .map_err(|e| format!("cannot build the HTTPS client: {e}"))
        });
        made.as_ref()
            .map_err(|reason| TransportError::Other(reason.clone().into()))
    }

    /// `url` parsed, from the cache when it is the endpoint of last time.
    fn endpoint(&self, url: &Arc<str>) -> Result<Arc<Endpoint>, TransportError> {
        let mut cached = self
            .endpoint
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(endpoint) = cached.as_ref()
            && (Arc::ptr_eq(&endpoint.text, url) || *endpoint.text == **url)
        {
            return Ok(Arc::clone(endpoint));
        }
        let invalid = |e: &dyn std::fmt::Display| {
            TransportError::Other(format!("invalid URL {:?}: {e}", redact_userinfo(url)).into())
        };
        let parsed = reqwest::Url::parse(url).map_err(|e| invalid(&e))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(invalid(&"the scheme is neither http nor https"));
        }
        let bare = without_userinfo(&parsed);
        let uri = hyper::Uri::try_from(bare.as_str()).map_err(|e| invalid(&e))?;
        let host = http1_host(&uri);
        let authorization = basic_auth(&parsed);
        let plain_head = host.is_some().then(|| {
            self.plain_head(
                &uri,
                host.as_ref(),
                authorization.as_ref(),
                HeaderMap::new(),
            )
        });
        let endpoint = Arc::new(Endpoint {
            text: Arc::clone(url),
            proxied: self.proxies.intercept(&uri).is_some(),
            host,
            authorization,
            plain_head,
            url: parsed,
            uri,
        });
        *cached = Some(Arc::clone(&endpoint));
        Ok(endpoint)
    }

    /// The exchange over `reqwest`, for endpoints behind a proxy.
    async fn send_proxied(
        &self,
        endpoint: &Endpoint,
        body: String,
        headers: HeaderMap,
        max_response_bytes: usize,
    ) -> Result<HttpResponse, TransportError> {
        let mut response = self
            .tls_clients()?
            .proxied
            .post(endpoint.url.clone())
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
        let mut body = Answer::new(headers, response.content_length(), max_response_bytes)?;
        while let Some(chunk) = response.chunk().await.map_err(classify)? {
            body.push(&chunk)?;
        }
        Ok(body.finish(status))
    }

    /// The headers every request carries, unless the call replaces them.
    fn default_headers(
        &self,
        host: Option<&HeaderValue>,
        authorization: Option<&HeaderValue>,
        sent: &mut HeaderMap,
    ) {
        use hyper::header;

        sent.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/x-www-form-urlencoded"),
        );
        sent.insert(header::USER_AGENT, self.user_agent.clone());
        sent.insert(header::ACCEPT, HeaderValue::from_static("*/*"));
        if let Some(host) = host {
            sent.insert(header::HOST, host.clone());
        }
        if let Some(authorization) = authorization {
            sent.insert(header::AUTHORIZATION, authorization.clone());
        }
    }

    /// The request line and headers of a POST to `uri`, the defaults with
    /// `extra` in place of theirs, as HTTP/1.1 writes them.
    fn plain_head(
        &self,
        uri: &hyper::Uri,
        host: Option<&HeaderValue>,
        authorization: Option<&HeaderValue>,
        extra: HeaderMap,
    ) -> Vec<u8> {
        let mut sent = HeaderMap::new();
        self.default_headers(host, authorization, &mut sent);
        replace_headers(&mut sent, extra);
        let mut head = Vec::new();
        write_head(uri, &sent, &mut head);
        head
    }

    /// The exchange over `hyper`.
    async fn send_direct(
        &self,
        endpoint: &Endpoint,
        body: String,
        headers: HeaderMap,
        max_response_bytes: usize,
    ) -> Result<HttpResponse, TransportError> {
        use hyper::body::Body as _;

        let mut request = hyper::Request::new(http_body_util::Full::new(bytes::Bytes::from(body)));
        *request.method_mut() = hyper::Method::POST;
        *request.uri_mut() = endpoint.uri.clone();
        let sent = request.headers_mut();
        self.default_headers(
            endpoint.host.as_ref(),
            endpoint.authorization.as_ref(),
            sent,
        );
        if !headers.is_empty() {
            replace_headers(sent, headers);
        }
        let response = self
            .tls_clients()?
            .direct
            .request(request)
            .await
            .map_err(classify_direct)?;
        let (parts, mut incoming) = response.into_parts();
        let declared = incoming.size_hint().exact();
        let mut body = Answer::new(parts.headers, declared, max_response_bytes)?;
        while let Some(frame) = http_body_util::BodyExt::frame(&mut incoming).await {
            let frame = frame.map_err(|e| classify_body(Box::new(e)))?;
            if let Some(chunk) = frame.data_ref() {
                body.push(chunk)?;
            }
        }
        Ok(body.finish(parts.status.as_u16()))
    }
}

/// TLS as `reqwest` sets it up: the process's crypto provider (`ring`
/// unless the application installed another), the platform's certificate
/// verifier, TLS 1.2 and 1.3; no ALPN protocols yet.
fn tls_config() -> Result<rustls::ClientConfig, rustls::Error> {
    let provider = rustls::crypto::CryptoProvider::get_default()
        .cloned()
        .unwrap_or_else(|| Arc::new(rustls::crypto::ring::default_provider()));
    let verifier = rustls_platform_verifier::Verifier::new(Arc::clone(&provider))?;
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(rustls::ALL_VERSIONS)?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    Ok(tls)
}

/// The clients for `https` and proxied endpoints: one verifier for both,
/// which loads the platform's certificates.
fn tls_clients(
    settings: &Settings,
    user_agent: &HeaderValue,
) -> Result<TlsClients, Box<dyn std::error::Error + Send + Sync>> {
    let tls = tls_config()?;
    // `hyper_rustls` sets the ALPN protocols itself; `reqwest` takes the
    // configuration as it is.
    let mut proxied_tls = tls.clone();
    proxied_tls.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    let proxied = reqwest::Client::builder()
        .tls_backend_preconfigured(proxied_tls)
        .connect_timeout(settings.connect_timeout)
        .user_agent(user_agent.clone())
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(settings.max_idle_per_host)
        .pool_idle_timeout(POOL_IDLE_TIMEOUT)
        .tcp_nodelay(true)
        .build()?;
    let direct = direct_client(tls, settings.connect_timeout, settings.max_idle_per_host);
    Ok(TlsClients { direct, proxied })
}

/// `hyper`'s pooled client with the settings `reqwest` would use: the
/// connect timeout over TCP and TLS, `TCP_NODELAY`, keepalive probes,
/// HTTP/2 where TLS negotiates it, at most `max_idle_per_host` idle
/// connections kept [`POOL_IDLE_TIMEOUT`] each.
fn direct_client(
    tls: rustls::ClientConfig,
    connect_timeout: Duration,
    max_idle_per_host: usize,
) -> DirectClient {
    let https = hyper_rustls::HttpsConnectorBuilder::new()
        .with_tls_config(tls)
        .https_or_http()
        .enable_all_versions()
        .wrap_connector(tcp_connector());
    let connector = TimedConnector {
        inner: https,
        timeout: connect_timeout,
    };
    let timer = hyper_util::rt::TokioTimer::new();
    hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .timer(timer.clone())
        .pool_timer(timer)
        .pool_idle_timeout(POOL_IDLE_TIMEOUT)
        .pool_max_idle_per_host(max_idle_per_host)
        .build(connector)
}

/// TCP connections as `reqwest` opens them: `TCP_NODELAY` and keepalive
/// probes; the caller checks the scheme.
fn tcp_connector() -> hyper_util::client::legacy::connect::HttpConnector {
    let mut tcp = hyper_util::client::legacy::connect::HttpConnector::new();
    tcp.enforce_http(false);
    tcp.set_nodelay(true);
    tcp.set_keepalive(Some(TCP_KEEPALIVE));
    tcp
}

/// Writes the request line of a POST to `uri` and `headers` as HTTP/1.1
/// puts them on the wire. `Content-Length` and `Transfer-Encoding` are
/// left out: the body's own length frames it.
fn write_head(uri: &hyper::Uri, headers: &HeaderMap, out: &mut Vec<u8>) {
    use hyper::header;

    out.extend_from_slice(b"POST ");
    out.extend_from_slice(uri.path_and_query().map_or("/", |p| p.as_str()).as_bytes());
    out.extend_from_slice(b" HTTP/1.1\r\n");
    for (name, value) in headers {
        if name == header::CONTENT_LENGTH || name == header::TRANSFER_ENCODING {
            continue;
        }
        out.extend_from_slice(name.as_str().as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
}

/// The `Host` header of a plain `http` URI: its host, and its port
/// unless that is 80.
fn http1_host(uri: &hyper::Uri) -> Option<HeaderValue> {
    if uri.scheme() != Some(&hyper::http::uri::Scheme::HTTP) {
        return None;
    }
    let host = uri.host()?;
    let value = match uri.port_u16() {
        Some(port) if port != 80 => HeaderValue::try_from(format!("{host}:{port}")),
        _ => HeaderValue::try_from(host),
    };
    value.ok()
}

/// The `Authorization: Basic` header for the user name and password of
/// `url`, percent-decoded, when it has them.
fn basic_auth(url: &reqwest::Url) -> Option<HeaderValue> {
    use base64::Engine as _;

    let decode = |text: &str| -> Option<String> {
        let mut bytes = Vec::with_capacity(text.len());
        let mut rest = text.as_bytes();
        while let Some((&byte, tail)) = rest.split_first() {
            let escaped = match (byte, tail) {
                (b'%', [high, low, ..]) => std::str::from_utf8(&[*high, *low])
                    .ok()
                    .and_then(|hex| u8::from_str_radix(hex, 16).ok()),
                _ => None,
            };
            match escaped {
                Some(value) => {
                    bytes.push(value);
                    rest = &tail[2..];
                }
                None => {
                    bytes.push(byte);
                    rest = tail;
                }
            }
        }
        String::from_utf8(bytes).ok()
    };
    let user = decode(url.username())?;
    let password = match url.password() {
        Some(password) => Some(decode(password)?),
        None => None,
    };
    if user.is_empty() && password.is_none() {
        return None;
    }
    let mut value = String::from("Basic ");
    base64::engine::general_purpose::STANDARD.encode_string(
        format!("{user}:{}", password.unwrap_or_default()),
        &mut value,
    );
    let mut value = HeaderValue::from_str(&value).ok()?;
    value.set_sensitive(true);
    Some(value)
}

/// Puts `extra` into `headers`, each name's values replacing those
/// already there, as `reqwest`'s `RequestBuilder::headers` does.
fn replace_headers(headers: &mut HeaderMap, extra: HeaderMap) {
    let mut last = None;
    for (name, value) in extra {
        match (name, &last) {
            (Some(name), _) => {
                headers.insert(name.clone(), value);
                last = Some(name);
            }
            (None, Some(name)) => {
                headers.append(name, value);
            }
            (None, None) => {}
        }
    }
}

/// Wraps a connector in a time limit over the whole connect: TCP, and
/// TLS for `https`.
#[derive(Clone)]
struct TimedConnector {
    inner: hyper_rustls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector>,
    timeout: Duration,
}

impl tower_service::Service<hyper::Uri> for TimedConnector {
    type Response = hyper_rustls::MaybeHttpsStream<hyper_util::rt::TokioIo<tokio::net::TcpStream>>;
    type Error = BoxError;
    type Future = BoxFuture<'static, Result<Self::Response, BoxError>>;

    fn poll_ready(
        &mut self,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, uri: hyper::Uri) -> Self::Future {
        let connecting = self.inner.call(uri);
        let timeout = self.timeout;
        Box::pin(async move {
            match tokio::time::timeout(timeout, connecting).await {
                Ok(result) => result,
                Err(_) => Err(Box::new(ConnectTimedOut) as BoxError),
            }
        })
    }
}

/// The connect timeout ran out.
#[derive(Debug, thiserror::Error)]
#[error("the connect timeout ran out")]
struct ConnectTimedOut;

/// An answer being read: its headers, request UUID and a body within
/// the limit.
pub(crate) struct Answer {
    headers: ResponseHeaders,
    request_uuid: Option<String>,
    body: BodyBuffer,
    limit: usize,
}

impl Answer {
    /// Starts reading an answer with these headers whose body is
    /// `declared` bytes long, or refuses it when that is above `limit`.
    pub(crate) fn new(
        headers: HeaderMap,
        declared: Option<u64>,
        limit: usize,
    ) -> Result<Self, TransportError> {
        let request_uuid = headers
            .get(REQUEST_UUID)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        Answer::start(headers.into(), request_uuid, declared, limit)
    }

    /// [`Answer::new`] for an HTTP/1.1 head as received, whose request
    /// UUID the caller read.
    pub(crate) fn with_raw_head(
        head: Box<[u8]>,
        request_uuid: Option<String>,
        declared: Option<u64>,
        limit: usize,
    ) -> Result<Self, TransportError> {
        let headers = ResponseHeaders {
            map: OnceLock::new(),
            raw: Some(head),
        };
        Answer::start(headers, request_uuid, declared, limit)
    }

    fn start(
        headers: ResponseHeaders,
        request_uuid: Option<String>,
        declared: Option<u64>,
        limit: usize,
    ) -> Result<Self, TransportError> {
        if declared.is_some_and(|length| length > limit as u64) {
            return Err(TransportError::TooLarge {
                limit,
                request_uuid,
            });
        }
        // Memory follows what arrived, not what the answer claims:
        // a hostile `Content-Length` below a raised limit must not
        // reserve it all (see `BodyBuffer`).
        Ok(Answer {
            headers,
            request_uuid,
            body: BodyBuffer::new(declared, limit),
            limit,
        })
    }

    /// Appends `chunk`, or fails when the body would exceed the limit.
    pub(crate) fn push(&mut self, chunk: &[u8]) -> Result<(), TransportError> {
        if self.body.push(chunk) {
            Ok(())
        } else {
            Err(TransportError::TooLarge {
                limit: self.limit,
                request_uuid: self.request_uuid.take(),
            })
        }
    }

    pub(crate) fn finish(self, status: u16) -> HttpResponse {
        HttpResponse {
            status,
            request_uuid: self.request_uuid,
            body: self.body.into_inner(),
            headers: self.headers,
        }
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
        Box::pin(self.exchange(request))
    }

    fn enforces_timeout(&self) -> bool {
        true
    }

    fn built_in(&self) -> Option<&HttpTransport> {
        Some(self)
    }
}

impl HttpTransport {
    /// [`Transport::send`], unboxed.
    pub(crate) async fn exchange(
        &self,
        request: HttpRequest,
    ) -> Result<HttpResponse, TransportError> {
        let HttpRequest {
            url,
            body,
            timeout,
            max_response_bytes,
            headers,
            attempt: _,
            started,
        } = request;
        let endpoint = self.endpoint(&url)?;
        // One clock reading, the call's, serves the time limit and the
        // pool.
        let now = started.unwrap_or_else(tokio::time::Instant::now);
        // A limit too far to reach is thirty years, as `tokio`'s own.
        let deadline = now
            .checked_add(timeout)
            .or_else(|| now.checked_add(Duration::from_secs(86_400 * 365 * 30)))
            .unwrap_or(now);
        if let (false, Some(head)) = (endpoint.proxied, &endpoint.plain_head) {
            // The exchange over plain `http`, in this task (see
            // [`crate::h1`]); the pool keeps a timer with each
            // connection.
            let head = if headers.is_empty() {
                Cow::Borrowed(&head[..])
            } else {
                Cow::Owned(self.plain_head(
                    &endpoint.uri,
                    endpoint.host.as_ref(),
                    endpoint.authorization.as_ref(),
                    headers,
                ))
            };
            return self
                .plain
                .post(
                    &endpoint.uri,
                    head,
                    body,
                    max_response_bytes,
                    now.into_std(),
                    deadline,
                )
                .await;
        }
        // The timer and the exchange stay where they are made and are
        // polled there: wrapping the exchange in `tokio::time::Timeout`
        // would copy it whole on every call.
        let timer = pin!(tokio::time::sleep_until(deadline));
        // The other two ways are boxed: a future is as large as its
        // largest way, and the plain one is the usual.
        let exchange: BoxFuture<'_, _> = if endpoint.proxied {
            Box::pin(self.send_proxied(&endpoint, body, headers, max_response_bytes))
        } else {
            Box::pin(self.send_direct(&endpoint, body, headers, max_response_bytes))
        };
        within(pin!(exchange), timer).await?
    }
}

/// The output of `exchange`, or a timeout once `timer` fires. The
/// exchange is polled first, as `tokio::time::timeout` does; the timer
/// ignores the task's cooperative budget, so that an exchange that spends
/// it all on every poll still times out.
pub(crate) fn within<T, F>(
    mut exchange: Pin<&mut F>,
    timer: Pin<&mut tokio::time::Sleep>,
) -> impl Future<Output = Result<T, TransportError>>
where
    F: Future<Output = T>,
{
    let mut timer = tokio::task::unconstrained(timer);
    std::future::poll_fn(move |cx| {
        if let Poll::Ready(result) = exchange.as_mut().poll(cx) {
            return Poll::Ready(Ok(result));
        }
        match Pin::new(&mut timer).poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(TransportError::Timeout(TimeoutKind::Attempt))),
            Poll::Pending => Poll::Pending,
        }
    })
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

/// Sorts an error of `hyper`'s pooled client as [`classify`] sorts those
/// of `reqwest`. Its errors quote no URL.
fn classify_direct(err: hyper_util::client::legacy::Error) -> TransportError {
    if err.is_connect() {
        classify_connect(Box::new(err))
    } else {
        classify_body(Box::new(err))
    }
}

/// Sorts an error that kept a connection from opening.
pub(crate) fn classify_connect(err: BoxError) -> TransportError {
    if out_of_local_resources(&*err) {
        TransportError::LocalResources(err)
    } else if timed_out(&*err) {
        TransportError::Timeout(TimeoutKind::Connect)
    } else {
        TransportError::Connect(err)
    }
}

/// Sorts an error that came after the connection was open.
fn classify_body(err: BoxError) -> TransportError {
    if timed_out(&*err) {
        TransportError::Timeout(TimeoutKind::Attempt)
    } else {
        TransportError::Other(err)
    }
}

/// Whether a time limit ran out somewhere in the causes of `err`: the
/// connect timeout, or an I/O operation the system timed out.
fn timed_out(err: &(dyn std::error::Error + 'static)) -> bool {
    let mut next = Some(err);
    while let Some(cause) = next {
        if cause.is::<ConnectTimedOut>()
            || cause
                .downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::TimedOut)
        {
            return true;
        }
        next = cause.source();
    }
    false
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

    #[test]
    fn a_kept_head_becomes_headers_when_asked() {
        let head = b"HTTP/1.1 302 Found\r\nLocation: /next\r\nX-A: 1\r\nx-a: 2\r\n\r\n";
        let answer = Answer::with_raw_head(Box::from(&head[..]), None, Some(0), 10)
            .map(|answer| answer.finish(302));
        let Ok(response) = answer else {
            panic!("an empty body is within any limit");
        };
        let copy = response.clone();
        assert_eq!(response.location(), Some("/next"));
        let values: Vec<_> = copy.headers().get_all("x-a").iter().collect();
        assert_eq!(values, ["1", "2"]);
        assert!(format!("{response:?}").contains("\"location\": \"/next\""));
        let replaced = response.with_headers(HeaderMap::new());
        assert!(replaced.headers().is_empty());
        assert!(
            HttpResponse::new(200, None, Vec::new())
                .headers()
                .is_empty()
        );
    }

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
            started: None,
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

    /// Answers one request on `listener` with `{}` and returns the request
    /// as received: head and body.
    async fn answer_once(listener: tokio::net::TcpListener) -> String {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};

        let (mut stream, _) = listener.accept().await.unwrap();
        let mut received = Vec::new();
        let mut buffer = [0; 4096];
        let complete = |bytes: &[u8]| {
            let text = String::from_utf8_lossy(bytes);
            let Some(end) = text.find("\r\n\r\n") else {
                return false;
            };
            let length = text[..end]
                .lines()
                .find_map(|line| {
                    let (name, value) = line.split_once(':')?;
                    name.eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse::<usize>().ok())?
                })
                .unwrap_or(0);
            bytes.len() >= end + 4 + length
        };
        while !complete(&received) {
            let n = stream.read(&mut buffer).await.unwrap();
            assert!(n > 0, "the request ended early");
            received.extend_from_slice(&buffer[..n]);
        }
        stream
            .write_all(
                b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-UCloud-Request-UUID: u-1\r\n\r\n{}",
            )
            .await
            .unwrap();
        String::from_utf8(received).unwrap()
    }

    fn post(url: String, body: &str) -> HttpRequest {
        HttpRequest {
            url: url.into(),
            body: body.to_owned(),
            timeout: Duration::from_secs(5),
            max_response_bytes: 1024,
            headers: HeaderMap::new(),
            attempt: 1,
            started: None,
        }
    }

    #[tokio::test]
    async fn a_request_carries_its_headers_body_and_the_url_credentials() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = tokio::spawn(answer_once(listener));
        let transport = HttpTransport::new(Duration::from_secs(5), "agent/1").unwrap();
        let mut request = post(format!("http://us%65r:p%40ss@127.0.0.1:{port}/"), "A=1&B=2");
        request
            .headers
            .insert("user-agent", HeaderValue::from_static("other/2"));
        request
            .headers
            .insert("x-extra", HeaderValue::from_static("yes"));
        let response = transport.send(request).await.unwrap();
        assert_eq!(response.status, 200);
        assert_eq!(response.body, b"{}");
        assert_eq!(response.request_uuid.as_deref(), Some("u-1"));
        // Plain `http` needed no TLS client.
        assert!(transport.tls.get().is_none());
        let received = server.await.unwrap().to_ascii_lowercase();
        assert!(received.starts_with("post / http/1.1\r\n"), "{received}");
        // "user:p@ss", percent-decoded, in base64.
        assert!(
            received.contains("\r\nauthorization: basic dxnlcjpwqhnz\r\n"),
            "{received}"
        );
        assert!(received.contains("\r\ncontent-type: application/x-www-form-urlencoded\r\n"));
        assert!(
            received.contains("\r\nuser-agent: other/2\r\n"),
            "{received}"
        );
        assert!(!received.contains("agent/1"), "{received}");
        assert!(received.contains("\r\nx-extra: yes\r\n"), "{received}");
        let host = format!("\r\nhost: 127.0.0.1:{port}\r\n");
        assert_eq!(received.matches(&host).count(), 1, "{received}");
        assert_eq!(received.matches("\r\nhost:").count(), 1, "{received}");
        assert!(received.ends_with("\r\n\r\na=1&b=2"), "{received}");
    }

    #[tokio::test]
    async fn an_endpoint_behind_a_proxy_is_reached_through_it() {
        let proxy = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let proxy_port = proxy.local_addr().unwrap().port();
        let server = tokio::spawn(answer_once(proxy));
        let mut transport = HttpTransport::new(Duration::from_secs(5), "agent/1").unwrap();
        transport.proxies = Arc::new(
            hyper_util::client::proxy::matcher::Matcher::builder()
                .http(format!("http://127.0.0.1:{proxy_port}"))
                .build(),
        );
        // What the system's settings would give `reqwest` as well.
        let mut clients = tls_clients(&transport.settings, &transport.user_agent).unwrap();
        clients.proxied = reqwest::Client::builder()
            .proxy(reqwest::Proxy::http(format!("http://127.0.0.1:{proxy_port}")).unwrap())
            .build()
            .unwrap();
        transport.tls = Arc::new(OnceLock::from(Ok(clients)));
        // Nothing listens on port 1: only the proxy can answer.
        let response = transport
            .send(post("http://127.0.0.1:1/".to_owned(), "A=1"))
            .await
            .unwrap();
        assert_eq!(response.status, 200);
        let received = server.await.unwrap().to_ascii_lowercase();
        assert!(
            received.starts_with("post http://127.0.0.1:1/ http/1.1\r\n"),
            "{received}"
        );
        assert!(received.ends_with("\r\n\r\na=1"), "{received}");
    }

    #[tokio::test]
    async fn a_server_that_does_not_speak_tls_fails_an_https_connect() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        tokio::spawn(async move {
            use tokio::io::AsyncWriteExt;
            let (mut stream, _) = listener.accept().await.unwrap();
            let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\n\r\n").await;
        });
        let transport = HttpTransport::new(Duration::from_secs(5), "agent/1").unwrap();
        // The TLS clients are made for the first `https` request only.
        assert!(transport.tls.get().is_none());
        let err = transport
            .send(post(format!("https://127.0.0.1:{port}/"), "A=1"))
            .await
            .unwrap_err();
        assert!(matches!(err, TransportError::Connect(_)), "{err:?}");
        assert!(matches!(transport.tls.get(), Some(Ok(_))));
    }

    #[tokio::test]
    async fn the_connect_timeout_covers_the_tls_handshake() {
        // Accepts, then never answers the handshake.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = tokio::spawn(async move {
            let (stream, _) = listener.accept().await.unwrap();
            std::future::pending::<()>().await;
            drop(stream);
        });
        let transport = HttpTransport::new(Duration::from_millis(50), "agent/1").unwrap();
        let err = transport
            .send(post(format!("https://127.0.0.1:{port}/"), "A=1"))
            .await
            .unwrap_err();
        assert!(
            matches!(err, TransportError::Timeout(TimeoutKind::Connect)),
            "{err:?}"
        );
        server.abort();
    }

    #[test]
    fn host_is_written_for_plain_http_as_hyper_writes_it() {
        let host =
            |uri: &str| http1_host(&uri.parse().unwrap()).map(|v| v.to_str().unwrap().to_owned());
        assert_eq!(host("http://api.example/").as_deref(), Some("api.example"));
        assert_eq!(
            host("http://api.example:80/").as_deref(),
            Some("api.example")
        );
        assert_eq!(
            host("http://127.0.0.1:8080/x").as_deref(),
            Some("127.0.0.1:8080")
        );
        assert_eq!(host("http://[::1]:8080/").as_deref(), Some("[::1]:8080"));
        assert_eq!(host("https://api.example/"), None);
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
