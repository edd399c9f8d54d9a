//! HTTP/1.1 serving on hyper: the accept loop and its cap on open
//! connections, one task per connection, reading bodies within limits,
//! sending `/_emulator/` to the control plane and everything else to the
//! gateway, writing answers with their headers, the per-request log line
//! and record, closing connections for the drop fault, and graceful
//! shutdown.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime};

use http_body_util::{BodyExt, Full};
use hyper::body::{Body, Bytes, Incoming};
use hyper::header::{CONNECTION, CONTENT_TYPE, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc, watch};

use crate::answer::request_uuid;
use crate::control;
use crate::faults::FaultAnswer;
use crate::gateway::{self, Outcome, Shared, Summary};
use crate::journal::{Journal, RequestRecord};
use crate::retcodes;

/// API request bodies above this size are refused.
const MAX_BODY: usize = 1024 * 1024;
/// Control plane bodies (a state dump) may be this large.
const MAX_CONTROL_BODY: usize = 256 * MAX_BODY;
/// Oversized bodies up to this size are read and thrown away before the
/// refusal, so the client sees the answer; beyond it the connection closes.
const DRAIN_LIMIT: usize = 16 * MAX_BODY;
/// A body must arrive within this time.
const BODY_TIMEOUT: Duration = Duration::from_secs(30);
/// Request headers must arrive within this time.
const HEADER_TIMEOUT: Duration = Duration::from_secs(30);
/// How long shutdown waits for open connections to finish.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// The header that carries the request id on every answer.
const REQUEST_UUID: &str = "x-ucloud-request-uuid";
/// The per-request log lines go to this target, so `RUST_LOG` can quiet
/// them alone (`info,api_emulator::requests=warn`).
const REQUEST_LOG: &str = "api_emulator::requests";
/// What a connection beyond the cap is told before it is closed.
const FULL: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\nconnection: close\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: 34\r\n\r\ntoo many open connections, retry\r\n";

/// What every connection serves.
#[derive(Debug)]
pub(crate) struct Service {
    /// Accounts, resources, faults and counters.
    pub(crate) shared: Shared,
    /// Recent API requests.
    pub(crate) journal: Journal,
    /// Whether `/_emulator/` answers.
    pub(crate) control: bool,
}

/// What happens to a connection when the cap on open connections is
/// reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum OverLimit {
    /// It waits, unaccepted, until another connection closes.
    #[default]
    Wait,
    /// It is answered at once with HTTP 503 and closed.
    Refuse,
}

/// The cap on open connections.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// At most this many connections are served at once.
    pub(crate) max_connections: usize,
    /// What happens to the next one.
    pub(crate) over_limit: OverLimit,
}

/// Serves `listener` until `shutdown` changes (or its sender goes away),
/// then lets open connections finish their current request.
pub(crate) async fn serve(
    listener: TcpListener,
    service: Arc<Service>,
    limits: Limits,
    mut shutdown: watch::Receiver<bool>,
) {
    let (open_tx, mut open_rx) = mpsc::channel::<()>(1);
    let slots = Arc::new(Semaphore::new(
        limits.max_connections.min(Semaphore::MAX_PERMITS),
    ));
    let full = AtomicU64::new(0);
    loop {
        let waited = match limits.over_limit {
            OverLimit::Refuse => None,
            OverLimit::Wait => {
                let slot = match slots.clone().try_acquire_owned() {
                    Ok(slot) => Ok(slot),
                    Err(_) => {
                        note_full(&full, limits);
                        tokio::select! {
                            slot = slots.clone().acquire_owned() => slot,
                            _ = shutdown.changed() => break,
                        }
                    }
                };
                match slot {
                    Ok(slot) => Some(slot),
                    Err(_) => break,
                }
            }
        };
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    let slot = match waited {
                        Some(slot) => slot,
                        None => match slots.clone().try_acquire_owned() {
                            Ok(slot) => slot,
                            Err(_) => {
                                note_full(&full, limits);
                                refuse(&stream);
                                continue;
                            }
                        },
                    };
                    tokio::spawn(connection(stream, service.clone(), shutdown.clone(), open_tx.clone(), slot));
                }
                Err(e) => {
                    // Out of file descriptors and the like: back off briefly.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
            },
            _ = shutdown.changed() => break,
        }
    }
    drop(listener);
    drop(open_tx);
    // Every connection task holds a sender; recv() ends when all are gone.
    if tokio::time::timeout(SHUTDOWN_GRACE, open_rx.recv())
        .await
        .is_err()
    {
        tracing::warn!("connections still open after the shutdown grace period");
    }
}

/// Warns when the cap is reached (the first time, then at every power of
/// two, so that a flood does not flood the log too).
fn note_full(full: &AtomicU64, limits: Limits) {
    let n = full.fetch_add(1, Ordering::Relaxed) + 1;
    if n.is_power_of_two() {
        let what = match limits.over_limit {
            OverLimit::Wait => "new connections wait",
            OverLimit::Refuse => "new connections are refused",
        };
        tracing::warn!(
            max_connections = limits.max_connections,
            times = n,
            "the cap on open connections is reached; {what}"
        );
    }
}

/// Tells a connection beyond the cap so (without waiting for it) and
/// closes it.
fn refuse(stream: &TcpStream) {
    if let Err(e) = stream.try_write(FULL) {
        tracing::debug!(error = %e, "cannot tell a refused connection why");
    }
}

async fn connection(
    stream: TcpStream,
    service: Arc<Service>,
    mut shutdown: watch::Receiver<bool>,
    _open: mpsc::Sender<()>,
    _slot: OwnedSemaphorePermit,
) {
    if let Err(e) = stream.set_nodelay(true) {
        tracing::debug!(error = %e, "cannot set TCP_NODELAY");
    }
    let service = service_fn(move |request| {
        let service = service.clone();
        async move { respond(&service, request).await }
    });
    let conn = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT)
        .serve_connection(TokioIo::new(stream), service);
    tokio::pin!(conn);
    let mut draining = false;
    loop {
        tokio::select! {
            result = conn.as_mut() => {
                if let Err(e) = result {
                    tracing::debug!(error = %e, "connection ended");
                }
                break;
            }
            _ = shutdown.changed(), if !draining => {
                conn.as_mut().graceful_shutdown();
                draining = true;
            }
        }
    }
}

/// Returned by the service to make hyper close the connection without an
/// answer (the drop fault, or a client that broke off its body).
#[derive(Debug)]
struct CloseConnection;

impl fmt::Display for CloseConnection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("connection closed without an answer")
    }
}

impl std::error::Error for CloseConnection {}

async fn respond(
    service: &Service,
    request: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, CloseConnection> {
    let started = Instant::now();
    let arrived = SystemTime::now();
    if service.control && control::is_control(request.uri().path()) {
        return control_answer(service, request).await;
    }
    let uuid = request_uuid();
    let mut summary = Summary::default();
    let result = api_answer(service, request, &uuid, &mut summary).await;
    let http_status = result.as_ref().ok().map(|r| r.status().as_u16());
    let record = RequestRecord {
        time: arrived,
        request_uuid: uuid,
        account: summary.account,
        action: summary.action,
        ret_code: summary.ret_code,
        http_status,
        fault: summary.fault.map(fault_name),
        latency: started.elapsed(),
    };
    log_request(&record);
    service.journal.push(record);
    result
}

/// The answer to an API call; `summary` learns what the logs show of it.
async fn api_answer(
    service: &Service,
    request: Request<Incoming>,
    uuid: &str,
    summary: &mut Summary,
) -> Result<Response<Full<Bytes>>, CloseConnection> {
    let (parts, body) = request.into_parts();
    let query = parts.uri.query();
    let body = match read_body(body, MAX_BODY).await {
        Ok(body) => body,
        Err(problem) => {
            summary.ret_code = Some(retcodes::INVALID_PARAMS);
            let (why, close) = match problem {
                BodyProblem::TooLarge { drained } => {
                    ("the request body is larger than 1 MiB", !drained)
                }
                BodyProblem::TimedOut => ("the request body did not arrive in time", true),
                BodyProblem::Broken => return Err(CloseConnection),
            };
            return Ok(json(uuid, gateway::unreadable(query, why), close));
        }
    };
    let content_type = parts
        .headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    match gateway::handle(&service.shared, query, content_type, &body, summary).await {
        Outcome::Json(answer) => Ok(json(uuid, answer, false)),
        Outcome::Status(status) => Ok(status_only(uuid, status)),
        Outcome::Drop => Err(CloseConnection),
    }
}

/// The answer of the control plane (which has no request UUID and is not
/// logged per request at INFO).
async fn control_answer(
    service: &Service,
    request: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, CloseConnection> {
    let (parts, body) = request.into_parts();
    let (status, body) = match read_body(body, MAX_CONTROL_BODY).await {
        Ok(body) => control::handle(service, &parts.method, &parts.uri, &body),
        Err(BodyProblem::TooLarge { .. }) => control::error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "the request body is larger than 256 MiB",
        ),
        Err(BodyProblem::TimedOut) => control::error(
            StatusCode::REQUEST_TIMEOUT,
            "the request body did not arrive in time",
        ),
        Err(BodyProblem::Broken) => return Err(CloseConnection),
    };
    tracing::debug!(method = %parts.method, path = parts.uri.path(), status = status.as_u16(), "control");
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    Ok(response)
}

/// The `--fault` spelling of an answering fault's kind.
fn fault_name(fault: FaultAnswer) -> &'static str {
    match fault {
        FaultAnswer::RetCode(_) => "retcode",
        FaultAnswer::HttpStatus(_) => "http",
        FaultAnswer::Malformed => "malformed",
        FaultAnswer::Truncated => "truncate",
        FaultAnswer::Drop => "drop",
    }
}

/// The INFO line of one API request.
fn log_request(record: &RequestRecord) {
    tracing::info!(
        target: REQUEST_LOG,
        action = ?record.action.as_deref().unwrap_or("-"),
        account = ?record.account.as_deref().unwrap_or("-"),
        ret_code = record.ret_code,
        http_status = record.http_status.filter(|s| *s != 200),
        fault = record.fault,
        latency_ms = %format_args!("{:.3}", record.latency.as_secs_f64() * 1000.0),
        request_uuid = %record.request_uuid,
        "answered"
    );
}

enum BodyProblem {
    /// Over [`MAX_BODY`]; `drained` when it was read to its end anyway.
    TooLarge {
        drained: bool,
    },
    TimedOut,
    Broken,
}

/// Reads a body of at most `max` bytes (and drains one of up to
/// [`DRAIN_LIMIT`] before refusing it).
async fn read_body(mut body: Incoming, max: usize) -> Result<Vec<u8>, BodyProblem> {
    let drain_limit = DRAIN_LIMIT.max(max);
    if body.size_hint().lower() > drain_limit as u64 {
        return Err(BodyProblem::TooLarge { drained: false });
    }
    let read = async move {
        let mut kept = Vec::new();
        let mut seen = 0usize;
        while let Some(frame) = body.frame().await {
            let frame = frame.map_err(|_| BodyProblem::Broken)?;
            let Ok(data) = frame.into_data() else {
                continue;
            };
            seen = seen.saturating_add(data.len());
            if seen <= max {
                kept.extend_from_slice(&data);
            } else if seen > drain_limit {
                return Err(BodyProblem::TooLarge { drained: false });
            }
        }
        if seen > max {
            Err(BodyProblem::TooLarge { drained: true })
        } else {
            Ok(kept)
        }
    };
    tokio::time::timeout(BODY_TIMEOUT, read)
        .await
        .unwrap_or(Err(BodyProblem::TimedOut))
}

fn with_uuid(mut response: Response<Full<Bytes>>, uuid: &str) -> Response<Full<Bytes>> {
    if let Ok(value) = HeaderValue::from_str(uuid) {
        response.headers_mut().insert(REQUEST_UUID, value);
    }
    response
}

/// HTTP 200 with a JSON body; `close` ends the connection afterwards.
fn json(uuid: &str, body: Vec<u8>, close: bool) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(body)));
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    if close {
        headers.insert(CONNECTION, HeaderValue::from_static("close"));
    }
    with_uuid(response, uuid)
}

/// A bare HTTP status with a one-line text body.
fn status_only(uuid: &str, status: u16) -> Response<Full<Bytes>> {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let text = format!(
        "{} {}\n",
        status.as_u16(),
        status.canonical_reason().unwrap_or("Error")
    );
    let mut response = Response::new(Full::new(Bytes::from(text)));
    *response.status_mut() = status;
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    with_uuid(response, uuid)
}
