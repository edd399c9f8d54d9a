//! HTTP/1.1 over plain TCP, exchanged in the task that makes the call.
//!
//! A client posts to one endpoint, one request at a time per connection,
//! and reads each answer whole. For plain `http` endpoints that is done
//! here rather than through `hyper`'s pooled client: the request goes out
//! in one write and the answer usually comes in one read, framed by
//! `httparse`, with no connection task, no channel between tasks and no
//! pool keyed by a hashed URI. `https` endpoints and endpoints behind a
//! proxy keep `hyper` and `reqwest` (see [`HttpTransport`]).
//!
//! The framing follows RFC 9112: interim (1xx) answers are skipped; no
//! body after 204 and 304; `Transfer-Encoding` before `Content-Length`;
//! `chunked` decoded with its trailers read and dropped; otherwise the
//! body runs to the end of the connection. A connection is reused only
//! when the answer ended exactly where its framing says, and neither side
//! asked to close it.
//!
//! [`HttpTransport`]: crate::transport::HttpTransport

use std::borrow::Cow;
use std::io;
use std::pin::{Pin, pin};
use std::sync::Mutex;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use hyper_util::client::legacy::connect::HttpConnector;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::Sleep;

use crate::error::{BoxError, TimeoutKind};
use crate::transport::{Answer, HttpResponse, REQUEST_UUID_HEADER, TransportError, within};

/// The largest answer head (status line and headers) accepted.
const MAX_HEAD_BYTES: usize = 64 * 1024;

/// The most header lines an answer head may have.
pub(crate) const MAX_HEADERS: usize = 100;

/// The longest chunk-size line (with extensions) accepted.
const MAX_CHUNK_LINE: usize = 4 * 1024;

/// The most trailer bytes accepted after the last chunk.
const MAX_TRAILER_BYTES: usize = 64 * 1024;

/// The most interim (1xx) answers accepted before the final one.
const MAX_INTERIM: usize = 16;

/// The read buffer a connection starts with and keeps between answers.
const READ_BUFFER: usize = 8 * 1024;

/// Idle keep-alive connections to one endpoint, most recently used last.
#[derive(Debug)]
pub(crate) struct Pool {
    idle: Mutex<Vec<Idle>>,
    max_idle: usize,
    idle_timeout: Duration,
    connector: HttpConnector,
    connect_timeout: Duration,
}

#[derive(Debug)]
struct Idle {
    conn: Conn,
    timer: Option<Timer>,
    /// When the connection has been idle too long; `None` for a limit
    /// too far to reach.
    until: Option<Instant>,
}

impl Idle {
    fn expired(&self, now: Instant) -> bool {
        self.until.is_some_and(|until| now >= until)
    }
}

/// A kept connection's time limit, made on its first reuse and kept with
/// it: moving a registered timer's deadline later is one atomic write,
/// where a new timer is put into the runtime's timer wheel and taken out
/// again on every exchange.
type Timer = Pin<Box<Sleep>>;

/// An open connection and its read buffer.
#[derive(Debug)]
struct Conn {
    stream: TcpStream,
    buf: Vec<u8>,
}

/// What went wrong after the connection was open.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ExchangeError {
    /// The server closed the connection before any byte of an answer.
    #[error(
        "the server closed the connection without answering; the request may or may not have been handled"
    )]
    ClosedBeforeAnswer,
    /// The answer ended early.
    #[error("the connection closed in the middle of the answer ({0})")]
    Truncated(&'static str),
    /// The answer is not HTTP/1.x as RFC 9112 frames it.
    #[error("the answer is not valid HTTP/1.1: {0}")]
    Malformed(String),
    /// The answer's head is longer than this client accepts.
    #[error("the answer's head exceeds {MAX_HEAD_BYTES} bytes")]
    HeadTooLarge,
}

impl Pool {
    /// A pool that keeps at most `max_idle` idle connections, each for at
    /// most `idle_timeout`, and opens new ones through `connector` within
    /// `connect_timeout`.
    pub(crate) fn new(
        connector: HttpConnector,
        connect_timeout: Duration,
        max_idle: usize,
        idle_timeout: Duration,
    ) -> Self {
        Pool {
            idle: Mutex::new(Vec::new()),
            max_idle,
            idle_timeout,
            connector,
            connect_timeout,
        }
    }

    /// Posts `body` to `uri` after `head` (the request line and headers,
    /// each line ended, `Content-Length` left out) and reads the answer,
    /// with a body of at most `limit` bytes, or fails with a timeout at
    /// `deadline`. `now` is the time the exchange starts.
    pub(crate) async fn post(
        &self,
        uri: &hyper::Uri,
        head: Cow<'_, [u8]>,
        body: String,
        limit: usize,
        now: Instant,
        deadline: tokio::time::Instant,
    ) -> Result<HttpResponse, TransportError> {
        let request = Request {
            head: &head,
            body: body.as_bytes(),
        };
        // `now` serves both ends: a connection's idle time counts from
        // just before the exchange it last carried.
        // Opening a connection is the rare way: boxed, so that its
        // future does not make every exchange's larger.
        let Some(Idle {
            mut conn,
            timer,
            until: _,
        }) = self.checkout(now)
        else {
            return Box::pin(self.post_fresh(uri, request, limit, now, deadline)).await;
        };
        let mut timer = match timer {
            Some(mut timer) => {
                timer.as_mut().reset(deadline);
                timer
            }
            None => Box::pin(tokio::time::sleep_until(deadline)),
        };
        if within(pin!(write_request(&mut conn, request)), timer.as_mut())
            .await?
            .is_err()
        {
            // A kept connection the server closed meanwhile: the request
            // did not get through whole, so a new connection may carry it.
            return Box::pin(self.post_fresh(uri, request, limit, now, deadline)).await;
        }
        let (response, reusable) =
            within(pin!(read_answer(&mut conn, limit)), timer.as_mut()).await??;
        if reusable {
            self.checkin(conn, Some(timer), now);
        }
        Ok(response)
    }

    /// [`Pool::post`] on a new connection.
    async fn post_fresh(
        &self,
        uri: &hyper::Uri,
        request: Request<'_>,
        limit: usize,
        now: Instant,
        deadline: tokio::time::Instant,
    ) -> Result<HttpResponse, TransportError> {
        let timer = pin!(tokio::time::sleep_until(deadline));
        let exchange = pin!(async {
            let mut conn = self.connect(uri).await?;
            write_request(&mut conn, request)
                .await
                .map_err(|e| io_error(e, "sending the request"))?;
            let (response, reusable) = read_answer(&mut conn, limit).await?;
            Ok::<_, TransportError>((conn, response, reusable))
        });
        let (conn, response, reusable) = within(exchange, timer).await??;
        if reusable {
            self.checkin(conn, None, now);
        }
        Ok(response)
    }

    async fn connect(&self, uri: &hyper::Uri) -> Result<Conn, TransportError> {
        use tower_service::Service as _;

        let mut connector = self.connector.clone();
        let connecting = connector.call(uri.clone());
        let stream = match tokio::time::timeout(self.connect_timeout, connecting).await {
            Ok(Ok(io)) => io.into_inner(),
            Ok(Err(err)) => return Err(crate::transport::classify_connect(Box::new(err))),
            Err(_) => return Err(TransportError::Timeout(TimeoutKind::Connect)),
        };
        Ok(Conn {
            stream,
            buf: Vec::with_capacity(READ_BUFFER),
        })
    }

    /// The most recently used idle connection that is still open.
    fn checkout(&self, now: Instant) -> Option<Idle> {
        let mut idle = self
            .idle
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        while let Some(entry) = idle.pop() {
            if !entry.expired(now) && entry.conn.is_open() {
                return Some(entry);
            }
        }
        None
    }

    /// Keeps `conn` for the next request, unless the pool is full; drops
    /// connections that stayed idle too long.
    fn checkin(&self, mut conn: Conn, timer: Option<Timer>, now: Instant) {
        if self.max_idle == 0 {
            return;
        }
        if conn.buf.capacity() > 2 * READ_BUFFER {
            conn.buf = Vec::with_capacity(READ_BUFFER);
        }
        let mut idle = self
            .idle
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        // The oldest are first: drop those past their time.
        let expired = idle.iter().take_while(|entry| entry.expired(now)).count();
        idle.drain(..expired);
        if idle.len() < self.max_idle {
            idle.push(Idle {
                conn,
                timer,
                until: now.checked_add(self.idle_timeout),
            });
        }
    }
}

impl Conn {
    /// Whether the connection is still open with nothing unread on it:
    /// what the runtime last heard from the socket, checked with a read
    /// only when it reported activity.
    fn is_open(&self) -> bool {
        let mut cx = Context::from_waker(std::task::Waker::noop());
        match self.stream.poll_read_ready(&mut cx) {
            Poll::Pending => true,
            Poll::Ready(Err(_)) => false,
            Poll::Ready(Ok(())) => {
                let mut probe = [0u8; 1];
                matches!(
                    self.stream.try_read(&mut probe),
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock
                )
            }
        }
    }

    /// Reads what arrives into the buffer; 0 at the end of the stream.
    async fn fill(&mut self) -> Result<usize, TransportError> {
        if self.buf.capacity() - self.buf.len() < READ_BUFFER / 2 {
            self.buf.reserve(READ_BUFFER);
        }
        self.stream
            .read_buf(&mut self.buf)
            .await
            .map_err(|e| io_error(e, "reading the answer"))
    }
}

/// A request to write: the head without `Content-Length`, and the body.
#[derive(Clone, Copy)]
struct Request<'a> {
    head: &'a [u8],
    body: &'a [u8],
}

/// Writes `request`, its length added, gathered first in the connection's
/// buffer, which holds nothing unread between exchanges. The runtime
/// writes one buffer with `send`, which costs the kernel less than a
/// `writev` of the parts: that goes through the file layer and checks and
/// copies each part on its own.
async fn write_request(conn: &mut Conn, request: Request<'_>) -> io::Result<()> {
    let out = &mut conn.buf;
    out.clear();
    out.extend_from_slice(request.head);
    out.extend_from_slice(b"content-length: ");
    out.extend_from_slice(itoa::Buffer::new().format(request.body.len()).as_bytes());
    out.extend_from_slice(b"\r\n\r\n");
    out.extend_from_slice(request.body);
    conn.stream.write_all(&conn.buf).await
}

/// An I/O error while `doing` something on an open connection.
fn io_error(err: io::Error, doing: &str) -> TransportError {
    if err.kind() == io::ErrorKind::TimedOut {
        return TransportError::Timeout(TimeoutKind::Attempt);
    }
    TransportError::Other(format!("{doing} failed: {err}").into())
}

impl From<ExchangeError> for TransportError {
    fn from(err: ExchangeError) -> Self {
        TransportError::Other(Box::new(err) as BoxError)
    }
}

/// How the body of an answer is delimited.
#[derive(Debug, Clone, Copy)]
enum Framing {
    /// A body of this many bytes; 0 also for answers that have none
    /// (1xx, 204, 304), whatever their headers say.
    Length(u64),
    Chunked,
    UntilClose,
}

/// The parts of an answer head that the exchange needs.
struct Head {
    len: usize,
    status: u16,
    /// The first `X-UCLOUD-REQUEST-UUID` header, when it is text.
    request_uuid: Option<String>,
    framing: Framing,
    keep_alive: bool,
}

impl Head {
    /// Starts the answer this head, at the start of `buf`, begins: its
    /// bytes kept for the headers, its request UUID taken.
    fn answer(
        &mut self,
        buf: &[u8],
        declared: Option<u64>,
        limit: usize,
    ) -> Result<Answer, TransportError> {
        let raw = Box::from(&buf[..self.len]);
        Answer::with_raw_head(raw, self.request_uuid.take(), declared, limit)
    }
}

/// Reads one answer off `conn`: its head, then its body by its framing.
/// Returns the answer and whether the connection may carry another.
async fn read_answer(
    conn: &mut Conn,
    limit: usize,
) -> Result<(HttpResponse, bool), TransportError> {
    let head = read_head(conn).await?;
    let body = &conn.buf[head.len..];
    match head.framing {
        // The usual answer: its body came with its head.
        Framing::Length(length) if length <= body.len() as u64 => {
            answer_in_buffer(conn, head, length as usize, limit)
        }
        // The rest is boxed, so that the usual answer's future is small.
        _ => Box::pin(read_body(conn, head, limit)).await,
    }
}

/// Reads the head of the final answer into the start of `conn`'s buffer,
/// interim (1xx) answers skipped.
async fn read_head(conn: &mut Conn) -> Result<Head, TransportError> {
    conn.buf.clear();
    let mut interim = 0;
    loop {
        let parsed = match conn.buf.is_empty() {
            true => None,
            false => parse_head(&conn.buf)?,
        };
        match parsed {
            Some(head) if (100..200).contains(&head.status) => {
                if head.status == 101 {
                    return Err(
                        ExchangeError::Malformed("a 101 answer to a plain POST".into()).into(),
                    );
                }
                interim += 1;
                if interim > MAX_INTERIM {
                    return Err(ExchangeError::Malformed(format!(
                        "more than {MAX_INTERIM} interim answers"
                    ))
                    .into());
                }
                conn.buf.drain(..head.len);
            }
            Some(head) => return Ok(head),
            None => {
                if conn.buf.len() >= MAX_HEAD_BYTES {
                    return Err(ExchangeError::HeadTooLarge.into());
                }
                let was_empty = conn.buf.is_empty();
                if conn.fill().await? == 0 {
                    return Err(if was_empty {
                        ExchangeError::ClosedBeforeAnswer
                    } else {
                        ExchangeError::Truncated("in the head")
                    }
                    .into());
                }
            }
        }
    }
}

/// The answer whose `length` bytes of body follow its head in `conn`'s
/// buffer.
fn answer_in_buffer(
    conn: &Conn,
    mut head: Head,
    length: usize,
    limit: usize,
) -> Result<(HttpResponse, bool), TransportError> {
    let end = head.len + length;
    let mut answer = head.answer(&conn.buf, Some(length as u64), limit)?;
    answer.push(&conn.buf[head.len..end])?;
    // Bytes after the answer's end are not an answer to anything sent:
    // the connection is not trusted with another request.
    let reusable = head.keep_alive && end == conn.buf.len();
    Ok((answer.finish(head.status), reusable))
}

/// Reads the body that follows `head` by its framing, as far as it did
/// not come with the head.
async fn read_body(
    conn: &mut Conn,
    mut head: Head,
    limit: usize,
) -> Result<(HttpResponse, bool), TransportError> {
    let declared = match head.framing {
        Framing::Length(length) => Some(length),
        Framing::Chunked | Framing::UntilClose => None,
    };
    let mut answer = head.answer(&conn.buf, declared, limit)?;
    let mut pos = head.len;
    let finished_cleanly = match head.framing {
        Framing::Length(length) => {
            read_exact(conn, &mut pos, length, &mut answer, "in the body").await?;
            true
        }
        Framing::Chunked => {
            read_chunked(conn, &mut pos, &mut answer).await?;
            true
        }
        Framing::UntilClose => {
            answer.push(&conn.buf[pos..])?;
            loop {
                conn.buf.clear();
                pos = 0;
                if conn.fill().await? == 0 {
                    break;
                }
                answer.push(&conn.buf)?;
            }
            false
        }
    };
    // As in `answer_in_buffer`.
    let reusable = finished_cleanly && head.keep_alive && pos == conn.buf.len();
    Ok((answer.finish(head.status), reusable))
}

/// Parses the head at the start of `buf`; `None` while it is incomplete.
fn parse_head(buf: &[u8]) -> Result<Option<Head>, ExchangeError> {
    // Left uninitialized: zeroing a hundred slots costs more than parsing
    // a typical head.
    let mut slots = [const { std::mem::MaybeUninit::uninit() }; MAX_HEADERS];
    let mut parsed = httparse::Response::new(&mut []);
    let config = httparse::ParserConfig::default();
    let len = match config.parse_response_with_uninit_headers(&mut parsed, buf, &mut slots) {
        Ok(httparse::Status::Complete(len)) => len,
        Ok(httparse::Status::Partial) => return Ok(None),
        Err(httparse::Error::TooManyHeaders) => {
            return Err(ExchangeError::Malformed(format!(
                "more than {MAX_HEADERS} header lines"
            )));
        }
        Err(err) => return Err(ExchangeError::Malformed(format!("{err} in the head"))),
    };
    let status = parsed.code.unwrap_or_default();
    let http11 = parsed.version == Some(1);
    // Only what frames the answer and the request UUID are read here;
    // the map of all headers is made from the kept head when asked for.
    let mut request_uuid = None;
    let mut content_length: Option<u64> = None;
    let mut transfer_encoding: Option<bool> = None;
    let mut close = false;
    let mut keep_alive_token = false;
    for header in parsed.headers.iter() {
        let name = header.name.as_bytes();
        if is_name(name, b"content-length") {
            for part in split_list(header.value) {
                let length = parse_length(part).ok_or_else(|| {
                    ExchangeError::Malformed(format!(
                        "invalid Content-Length {:?}",
                        String::from_utf8_lossy(header.value)
                    ))
                })?;
                if content_length.is_some_and(|seen| seen != length) {
                    return Err(ExchangeError::Malformed(
                        "conflicting Content-Length values".into(),
                    ));
                }
                content_length = Some(length);
            }
        } else if is_name(name, b"transfer-encoding") {
            // Only the last coding of the last header decides.
            if let Some(last) = split_list(header.value).last() {
                transfer_encoding = Some(last.eq_ignore_ascii_case(b"chunked"));
            }
        } else if is_name(name, b"connection") {
            for token in split_list(header.value) {
                close |= token.eq_ignore_ascii_case(b"close");
                keep_alive_token |= token.eq_ignore_ascii_case(b"keep-alive");
            }
        } else if request_uuid.is_none() && is_name(name, REQUEST_UUID_HEADER.as_bytes()) {
            // As `HeaderValue::to_str` reads it: visible ASCII and tabs
            // only. `httparse` let no other control byte through, so
            // ASCII is enough.
            request_uuid = std::str::from_utf8(header.value)
                .ok()
                .filter(|text| text.is_ascii())
                .map(str::to_owned);
        }
    }
    let mut keep_alive = !close && (http11 || keep_alive_token);
    let framing = if (100..200).contains(&status) || status == 204 || status == 304 {
        Framing::Length(0)
    } else if let Some(chunked) = transfer_encoding {
        // Both kinds of framing at once is how requests get smuggled:
        // the body is read as `Transfer-Encoding` says, and the
        // connection is not used again.
        keep_alive &= content_length.is_none();
        if chunked {
            Framing::Chunked
        } else {
            Framing::UntilClose
        }
    } else if let Some(length) = content_length {
        Framing::Length(length)
    } else {
        Framing::UntilClose
    };
    if matches!(framing, Framing::UntilClose) {
        keep_alive = false;
    }
    Ok(Some(Head {
        len,
        status,
        request_uuid,
        framing,
        keep_alive,
    }))
}

/// Whether `name`, a header name as `httparse` accepts them (a token), is
/// `lower`, a name in lower-case letters and `-`, in any case. Setting
/// each byte's 0x20 bit folds the case of letters; no other byte a token
/// may hold folds onto a letter or onto `-`. Every byte is compared, with
/// no early exit, which compiles to a few wide comparisons.
#[inline]
fn is_name(name: &[u8], lower: &[u8]) -> bool {
    name.len() == lower.len()
        && name
            .iter()
            .zip(lower)
            .fold(0, |differ, (&byte, &want)| differ | ((byte | 0x20) ^ want))
            == 0
}

/// The items of a comma-separated header value, trimmed, empty ones left
/// out.
fn split_list(value: &[u8]) -> impl Iterator<Item = &[u8]> {
    value
        .split(|&b| b == b',')
        .map(<[u8]>::trim_ascii)
        .filter(|item| !item.is_empty())
}

/// A `Content-Length` value: decimal digits only.
fn parse_length(text: &[u8]) -> Option<u64> {
    if text.is_empty() || !text.iter().all(u8::is_ascii_digit) {
        return None;
    }
    text.iter().try_fold(0u64, |acc, &digit| {
        acc.checked_mul(10)?.checked_add(u64::from(digit - b'0'))
    })
}

/// Reads `length` body bytes, starting at `pos` in the buffer, into
/// `answer`; `pos` ends just after them. `part` names what is being read
/// for the error when the connection closes first.
async fn read_exact(
    conn: &mut Conn,
    pos: &mut usize,
    length: u64,
    answer: &mut Answer,
    part: &'static str,
) -> Result<(), TransportError> {
    let mut remaining = length;
    loop {
        let available = &conn.buf[*pos..];
        let take = usize::try_from(remaining)
            .unwrap_or(usize::MAX)
            .min(available.len());
        answer.push(&available[..take])?;
        *pos += take;
        remaining -= take as u64;
        if remaining == 0 {
            return Ok(());
        }
        more(conn, pos, part).await?;
    }
}

/// Makes more bytes available after `pos`: drops what was consumed and
/// reads. Fails at the end of the stream, naming the `part` being read.
async fn more(conn: &mut Conn, pos: &mut usize, part: &'static str) -> Result<(), TransportError> {
    conn.buf.drain(..*pos);
    *pos = 0;
    match conn.fill().await? {
        0 => Err(ExchangeError::Truncated(part).into()),
        _ => Ok(()),
    }
}

/// Where a `chunked` body was cut short, for its error.
const CHUNKED: &str = "in the chunked body";

/// Decodes a `chunked` body starting at `pos` into `answer`, trailers
/// read and dropped; `pos` ends just after it.
async fn read_chunked(
    conn: &mut Conn,
    pos: &mut usize,
    answer: &mut Answer,
) -> Result<(), TransportError> {
    loop {
        let size = loop {
            match httparse::parse_chunk_size(&conn.buf[*pos..]) {
                Ok(httparse::Status::Complete((used, size))) => {
                    *pos += used;
                    break size;
                }
                Ok(httparse::Status::Partial) if conn.buf.len() - *pos < MAX_CHUNK_LINE => {
                    more(conn, pos, CHUNKED).await?;
                }
                Ok(httparse::Status::Partial) => {
                    return Err(
                        ExchangeError::Malformed("a chunk-size line too long".into()).into(),
                    );
                }
                Err(_) => {
                    return Err(ExchangeError::Malformed("an invalid chunk size".into()).into());
                }
            }
        };
        if size == 0 {
            return skip_trailers(conn, pos).await;
        }
        read_exact(conn, pos, size, answer, CHUNKED).await?;
        while conn.buf.len() - *pos < 2 {
            more(conn, pos, CHUNKED).await?;
        }
        if &conn.buf[*pos..*pos + 2] != b"\r\n" {
            return Err(ExchangeError::Malformed("a chunk not followed by CRLF".into()).into());
        }
        *pos += 2;
    }
}

/// Reads the trailer section after the last chunk, up to its empty line.
async fn skip_trailers(conn: &mut Conn, pos: &mut usize) -> Result<(), TransportError> {
    loop {
        match trailer_end(&conn.buf[*pos..])? {
            Some(used) => {
                *pos += used;
                return Ok(());
            }
            None => more(conn, pos, CHUNKED).await?,
        }
    }
}

/// The length of the trailer section at the start of `rest`, its empty
/// line included; `None` while it is incomplete. Trailers are dropped
/// unread.
fn trailer_end(rest: &[u8]) -> Result<Option<usize>, ExchangeError> {
    if rest.starts_with(b"\r\n") {
        return Ok(Some(2));
    }
    match rest.windows(4).position(|w| w == b"\r\n\r\n") {
        Some(end) => Ok(Some(end + 4)),
        None if rest.len() < MAX_TRAILER_BYTES => Ok(None),
        None => Err(ExchangeError::Malformed("trailers too long".into())),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::{TcpListener, TcpStream};

    use super::*;

    /// The head of the requests sent; the body is `A=1`.
    const HEAD: &[u8] = b"POST / HTTP/1.1\r\nhost: x\r\n";

    /// Reads one request of [`HEAD`]'s shape; `false` once the client
    /// closed the connection.
    async fn read_request(stream: &mut TcpStream) -> bool {
        let mut received = Vec::new();
        let mut chunk = [0u8; 1024];
        while !received.ends_with(b"\r\n\r\nA=1") {
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return false,
                Ok(n) => received.extend_from_slice(&chunk[..n]),
            }
        }
        true
    }

    /// A server that answers the n-th request on each connection with
    /// `answers[n]` written in pieces of `piece` bytes, and closes the
    /// connection after the last answer. Returns the endpoint and the
    /// count of accepted connections.
    async fn serve(answers: Vec<Vec<u8>>, piece: usize) -> (hyper::Uri, Arc<AtomicUsize>) {
        serve_then(answers, piece, false).await
    }

    /// A server that answers the first `answered` requests on each
    /// connection with [`OK`], then reads the next and never answers it.
    async fn serve_then_stall(answered: usize) -> (hyper::Uri, Arc<AtomicUsize>) {
        serve_then(vec![OK.to_vec(); answered], 1 << 16, true).await
    }

    /// [`serve`], and when `stall`, instead of closing the connection
    /// after the last answer, reading one more request and never
    /// answering it.
    async fn serve_then(
        answers: Vec<Vec<u8>>,
        piece: usize,
        stall: bool,
    ) -> (hyper::Uri, Arc<AtomicUsize>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let uri = format!("http://{}/", listener.local_addr().unwrap())
            .parse()
            .unwrap();
        let accepted = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&accepted);
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                counter.fetch_add(1, Ordering::SeqCst);
                let answers = answers.clone();
                tokio::spawn(async move {
                    for answer in &answers {
                        if !read_request(&mut stream).await {
                            return;
                        }
                        for part in answer.chunks(piece) {
                            if stream.write_all(part).await.is_err() {
                                return;
                            }
                            stream.flush().await.unwrap();
                            tokio::task::yield_now().await;
                        }
                    }
                    if stall {
                        read_request(&mut stream).await;
                        std::future::pending::<()>().await;
                    }
                });
            }
        });
        (uri, accepted)
    }

    fn pool() -> Pool {
        let mut connector = HttpConnector::new();
        connector.enforce_http(false);
        Pool::new(
            connector,
            Duration::from_secs(5),
            4,
            Duration::from_secs(30),
        )
    }

    /// A deadline no test reaches.
    fn far() -> tokio::time::Instant {
        tokio::time::Instant::now() + Duration::from_secs(3600)
    }

    async fn send(pool: &Pool, uri: &hyper::Uri) -> Result<HttpResponse, TransportError> {
        send_by(pool, uri, far()).await
    }

    async fn send_by(
        pool: &Pool,
        uri: &hyper::Uri,
        deadline: tokio::time::Instant,
    ) -> Result<HttpResponse, TransportError> {
        let body = "A=1".to_owned();
        pool.post(
            uri,
            Cow::Borrowed(HEAD),
            body,
            1 << 20,
            Instant::now(),
            deadline,
        )
        .await
    }

    fn describe(err: TransportError) -> String {
        let mut text = err.to_string();
        let mut next = std::error::Error::source(&err);
        while let Some(cause) = next {
            text.push_str(&format!(": {cause}"));
            next = cause.source();
        }
        text
    }

    const OK: &[u8] =
        b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nx-ucloud-request-uuid: u-1\r\n\r\n{}";

    #[tokio::test]
    async fn a_kept_connection_carries_the_next_request() {
        let (uri, accepted) = serve(vec![OK.to_vec(), OK.to_vec(), OK.to_vec()], 1 << 16).await;
        let pool = pool();
        for _ in 0..3 {
            let response = send(&pool, &uri).await.unwrap();
            assert_eq!(response.status, 200);
            assert_eq!(response.body, b"{}");
            assert_eq!(response.request_uuid.as_deref(), Some("u-1"));
        }
        assert_eq!(accepted.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn header_names_match_in_any_case_and_nothing_else() {
        assert!(is_name(b"Content-Length", b"content-length"));
        assert!(is_name(b"CONTENT-LENGTH", b"content-length"));
        assert!(is_name(b"X-Ucloud-Request-UUID", b"x-ucloud-request-uuid"));
        assert!(!is_name(b"content-lengths", b"content-length"));
        assert!(!is_name(b"content-lengt", b"content-length"));
        // Any other token byte, or another letter, at any place of the
        // name is a mismatch.
        let name = b"content-length";
        let others =
            b"!#$%&'*+.^_`|~0123456789-abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        for at in 0..name.len() {
            for &other in others {
                let mut changed = *name;
                changed[at] = other;
                assert_eq!(
                    is_name(&changed, name),
                    other.to_ascii_lowercase() == name[at],
                    "{}",
                    String::from_utf8_lossy(&changed)
                );
            }
        }
    }

    #[tokio::test]
    async fn a_kept_connection_keeps_each_exchanges_time_limit() {
        let (uri, accepted) = serve_then_stall(2).await;
        let pool = pool();
        let soon = |ms| tokio::time::Instant::now() + Duration::from_millis(ms);
        send_by(&pool, &uri, soon(50)).await.unwrap();
        // The kept connection's timer fires while it is idle, and is set
        // again for the next exchange.
        tokio::time::sleep(Duration::from_millis(100)).await;
        send_by(&pool, &uri, far()).await.unwrap();
        // A deadline earlier than the one the timer last had.
        let started = Instant::now();
        let err = send_by(&pool, &uri, soon(150)).await.unwrap_err();
        assert!(
            matches!(err, TransportError::Timeout(TimeoutKind::Attempt)),
            "{err:?}"
        );
        let waited = started.elapsed();
        assert!(
            waited >= Duration::from_millis(140) && waited < Duration::from_secs(5),
            "{waited:?}"
        );
        assert_eq!(accepted.load(Ordering::SeqCst), 1, "one connection");
    }

    /// The connections a pool keeps belong to the runtime that opened
    /// them: once it is gone, the next runtime opens its own.
    #[test]
    fn a_connection_of_a_runtime_that_ended_is_not_used_again() {
        let runtime = || {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap()
        };
        let server = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let (uri, accepted) = server.block_on(serve(vec![OK.to_vec(); 2], 1 << 16));
        let pool = pool();
        let first = runtime();
        assert_eq!(first.block_on(send(&pool, &uri)).unwrap().status, 200);
        drop(first);
        let second = runtime();
        assert_eq!(second.block_on(send(&pool, &uri)).unwrap().status, 200);
        assert_eq!(accepted.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn an_answer_arriving_byte_by_byte_is_read_whole() {
        let chunked = b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n\
            3;ext=1\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\nx-trailer: t\r\n\r\n";
        let (uri, accepted) = serve(vec![OK.to_vec(), chunked.to_vec(), OK.to_vec()], 1).await;
        let pool = pool();
        assert_eq!(send(&pool, &uri).await.unwrap().body, b"{}");
        let response = send(&pool, &uri).await.unwrap();
        assert_eq!(response.body, b"abc0123456789abcdef");
        assert_eq!(send(&pool, &uri).await.unwrap().body, b"{}");
        assert_eq!(accepted.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn a_request_uuid_is_kept_only_as_ascii_text() {
        let uuid = |value: &[u8]| {
            let head = [
                b"HTTP/1.1 200 OK\r\nx-ucloud-request-uuid: ",
                value,
                b"\r\n\r\n",
            ]
            .concat();
            parse_head(&head).map(|parsed| parsed.and_then(|head| head.request_uuid))
        };
        assert!(matches!(
            uuid(b"u-1\tx").as_ref().map(Option::as_deref),
            Ok(Some("u-1\tx"))
        ));
        assert!(matches!(uuid("caf\u{e9}".as_bytes()), Ok(None)));
        assert!(matches!(uuid(b"caf\xe9"), Ok(None)));
        // Control bytes do not get as far as the UUID: the head is refused.
        assert!(uuid(b"u\x01").is_err());
        assert!(uuid(b"u\x7f").is_err());
    }

    #[tokio::test]
    async fn header_values_keep_their_bytes() {
        let answer = b"HTTP/1.1 200 OK\r\nX-Weird: caf\xe9 \t au lait\r\n\
            X-UCloud-Request-UUID: u-9\r\nset-cookie: a=1\r\nset-cookie: b=2\r\n\
            content-length: 2\r\n\r\n{}";
        let (uri, _) = serve(vec![answer.to_vec()], 5).await;
        let response = send(&pool(), &uri).await.unwrap();
        assert_eq!(response.request_uuid.as_deref(), Some("u-9"));
        let headers = response.headers();
        assert_eq!(headers["x-weird"].as_bytes(), b"caf\xe9 \t au lait");
        let cookies: Vec<_> = headers.get_all("set-cookie").iter().collect();
        assert_eq!(cookies, ["a=1", "b=2"]);
        assert_eq!(headers["content-length"], "2");
    }

    #[tokio::test]
    async fn interim_answers_are_skipped() {
        let answer = [
            b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nlink: x\r\n\r\n".as_slice(),
            OK,
        ]
        .concat();
        let (uri, _) = serve(vec![answer], 1 << 16).await;
        let response = send(&pool(), &uri).await.unwrap();
        assert_eq!(
            (response.status, response.body.as_slice()),
            (200, b"{}".as_slice())
        );

        // An endless run of them is not waited out.
        let flood = b"HTTP/1.1 100 Continue\r\n\r\n".repeat(MAX_INTERIM + 1);
        let (uri, _) = serve(vec![[flood.as_slice(), OK].concat()], 1 << 16).await;
        let text = describe(send(&pool(), &uri).await.unwrap_err());
        assert!(text.contains("interim answers"), "{text}");
    }

    #[tokio::test]
    async fn no_body_follows_204_and_304() {
        let (uri, accepted) = serve(
            vec![
                b"HTTP/1.1 204 No Content\r\ncontent-length: 7\r\n\r\n".to_vec(),
                b"HTTP/1.1 304 Not Modified\r\n\r\n".to_vec(),
                OK.to_vec(),
            ],
            1 << 16,
        )
        .await;
        let pool = pool();
        assert_eq!(send(&pool, &uri).await.unwrap().status, 204);
        assert_eq!(send(&pool, &uri).await.unwrap().status, 304);
        assert_eq!(send(&pool, &uri).await.unwrap().body, b"{}");
        assert_eq!(accepted.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_body_without_length_runs_to_the_close_and_the_connection_is_not_kept() {
        let answer = b"HTTP/1.0 200 OK\r\ncontent-type: text/plain\r\n\r\nall of it".to_vec();
        let (uri, accepted) = serve(vec![answer], 3).await;
        let pool = pool();
        assert_eq!(send(&pool, &uri).await.unwrap().body, b"all of it");
        assert_eq!(send(&pool, &uri).await.unwrap().body, b"all of it");
        assert_eq!(accepted.load(Ordering::SeqCst), 2);
    }

    /// Each answer is sent twice, on one connection if the client keeps
    /// it: the connections the server saw tell whether it did.
    #[tokio::test]
    async fn a_connection_is_kept_only_when_its_answer_allows() {
        let cases: [(&[u8], usize, &str); 6] = [
            (OK, 1, "a plain HTTP/1.1 answer"),
            (
                b"HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-length: 2\r\n\r\n{}",
                2,
                "connection: close",
            ),
            (
                b"HTTP/1.0 200 OK\r\ncontent-length: 2\r\n\r\n{}",
                2,
                "HTTP/1.0",
            ),
            (
                b"HTTP/1.0 200 OK\r\nconnection: keep-alive\r\ncontent-length: 2\r\n\r\n{}",
                1,
                "HTTP/1.0 with keep-alive",
            ),
            (
                b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n[]",
                2,
                "bytes after the answer",
            ),
            (
                b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\ntransfer-encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
                2,
                "Transfer-Encoding beside Content-Length (the former frames the body)",
            ),
        ];
        for (answer, connections, case) in cases {
            let (uri, accepted) = serve(vec![answer.to_vec(), answer.to_vec()], 1 << 16).await;
            let pool = pool();
            for _ in 0..2 {
                assert_eq!(send(&pool, &uri).await.unwrap().body, b"{}", "{case}");
            }
            assert_eq!(accepted.load(Ordering::SeqCst), connections, "{case}");
        }
    }

    #[tokio::test]
    async fn malformed_answers_are_errors_that_say_what_is_wrong() {
        let cases: [(&[u8], &str); 9] = [
            (
                b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\ncontent-length: 3\r\n\r\n{}",
                "conflicting Content-Length",
            ),
            (
                b"HTTP/1.1 200 OK\r\ncontent-length: -2\r\n\r\n{}",
                "invalid Content-Length",
            ),
            (
                b"HTTP/1.1 200 OK\r\ncontent-length: 99999999999999999999999\r\n\r\n{}",
                "invalid Content-Length",
            ),
            (
                b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n",
                "invalid chunk size",
            ),
            (
                b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nffffffffffffffffff\r\n",
                "invalid chunk size",
            ),
            (
                b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n2\r\n{}XX0\r\n\r\n",
                "not followed by CRLF",
            ),
            (b"HTTP/1.1 101 Switching Protocols\r\n\r\n", "101"),
            (b"SSH-2.0-OpenSSH_9.6\r\n\r\n", "not valid HTTP/1.1"),
            (
                b"HTTP/1.1 200 OK\r\nbad header\r\n\r\n",
                "not valid HTTP/1.1",
            ),
        ];
        for (answer, expected) in cases {
            let (uri, _) = serve(vec![answer.to_vec()], 1 << 16).await;
            let err = send(&pool(), &uri).await.unwrap_err();
            assert!(matches!(err, TransportError::Other(_)), "{err:?}");
            let text = describe(err);
            assert!(text.contains(expected), "{text}");
        }
    }

    #[tokio::test]
    async fn an_answer_cut_short_is_an_error() {
        let cases: [(&[u8], &str); 4] = [
            (b"", "closed the connection without answering"),
            (b"HTTP/1.1 200 OK\r\ncontent-le", "in the head"),
            (
                b"HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\n{}",
                "in the body",
            ),
            (
                b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5\r\nab",
                "in the chunked body",
            ),
        ];
        for (answer, expected) in cases {
            // The server closes the connection after this answer.
            let (uri, _) = serve(vec![answer.to_vec()], 1 << 16).await;
            let text = describe(send(&pool(), &uri).await.unwrap_err());
            assert!(text.contains(expected), "{text}");
        }
    }

    #[tokio::test]
    async fn an_endless_head_or_trailer_stops_at_its_bound() {
        let mut head = b"HTTP/1.1 200 OK\r\nx-filler: ".to_vec();
        head.resize(2 * MAX_HEAD_BYTES, b'x');
        let (uri, _) = serve(vec![head], 1 << 16).await;
        let text = describe(send(&pool(), &uri).await.unwrap_err());
        assert!(text.contains("head exceeds"), "{text}");

        let mut many = b"HTTP/1.1 200 OK\r\n".to_vec();
        for _ in 0..=MAX_HEADERS {
            many.extend_from_slice(b"x-a: b\r\n");
        }
        many.extend_from_slice(b"content-length: 0\r\n\r\n");
        let (uri, _) = serve(vec![many], 1 << 16).await;
        let text = describe(send(&pool(), &uri).await.unwrap_err());
        assert!(text.contains("header lines"), "{text}");

        let mut trailers = b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n0\r\n".to_vec();
        while trailers.len() < 2 * MAX_TRAILER_BYTES {
            trailers.extend_from_slice(b"x-t: 0123456789012345678901234567890123456789\r\n");
        }
        let (uri, _) = serve(vec![trailers], 1 << 16).await;
        let text = describe(send(&pool(), &uri).await.unwrap_err());
        assert!(text.contains("trailers too long"), "{text}");
    }

    #[tokio::test]
    async fn the_body_limit_holds_for_every_framing() {
        let big = "x".repeat(100);
        let answers = [
            format!("HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{big}"),
            format!(
                "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n64\r\n{big}\r\n0\r\n\r\n"
            ),
            format!("HTTP/1.1 200 OK\r\n\r\n{big}"),
        ];
        for answer in answers {
            let (uri, _) = serve(vec![answer.clone().into_bytes()], 7).await;
            let err = pool()
                .post(
                    &uri,
                    Cow::Borrowed(HEAD),
                    "A=1".into(),
                    50,
                    Instant::now(),
                    far(),
                )
                .await
                .unwrap_err();
            assert!(
                matches!(err, TransportError::TooLarge { limit: 50, .. }),
                "{answer}: {err:?}"
            );
        }
    }

    #[tokio::test]
    async fn a_kept_connection_the_server_closed_is_not_used() {
        // Each connection answers once, then the server closes it.
        let (uri, accepted) = serve(vec![OK.to_vec()], 1 << 16).await;
        let pool = pool();
        for round in 1..=3 {
            assert_eq!(send(&pool, &uri).await.unwrap().body, b"{}");
            // Time for the close to reach this side.
            for _ in 0..200 {
                tokio::time::sleep(Duration::from_millis(1)).await;
                let idle = pool.idle.lock().unwrap();
                if idle.first().is_none_or(|entry| !entry.conn.is_open()) {
                    break;
                }
            }
            assert_eq!(accepted.load(Ordering::SeqCst), round);
        }
    }

    #[tokio::test]
    async fn the_pool_keeps_at_most_its_bound_and_drops_the_expired() {
        let mut connector = HttpConnector::new();
        connector.enforce_http(false);
        let pool = Pool::new(
            connector,
            Duration::from_secs(5),
            2,
            Duration::from_millis(50),
        );
        let (uri, accepted) = serve(vec![OK.to_vec(); 10], 1 << 16).await;
        let calls: Vec<_> = (0..4).map(|_| send(&pool, &uri)).collect();
        for result in futures_util::future::join_all(calls).await {
            assert_eq!(result.unwrap().body, b"{}");
        }
        assert_eq!(accepted.load(Ordering::SeqCst), 4);
        assert_eq!(pool.idle.lock().unwrap().len(), 2);
        tokio::time::sleep(Duration::from_millis(60)).await;
        assert_eq!(send(&pool, &uri).await.unwrap().body, b"{}");
        // Both kept connections had expired: a new one was opened, and
        // it is the only one kept.
        assert_eq!(accepted.load(Ordering::SeqCst), 5);
        assert_eq!(pool.idle.lock().unwrap().len(), 1);
    }
}
