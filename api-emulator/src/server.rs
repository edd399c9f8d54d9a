//! HTTP/1.1 serving on hyper: the accept loop, one task per connection,
//! reading bodies within limits, writing answers with their headers, closing
//! connections for the drop fault, and graceful shutdown.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use http_body_util::{BodyExt, Full};
use hyper::body::{Body, Bytes, Incoming};
use hyper::header::{CONNECTION, CONTENT_TYPE, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, watch};

use crate::answer::request_uuid;
use crate::gateway::{self, Outcome, Shared};

/// Bodies above this size are refused.
const MAX_BODY: usize = 1024 * 1024;
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

/// Serves `listener` until `shutdown` changes (or its sender goes away),
/// then lets open connections finish their current request.
pub(crate) async fn serve(
    listener: TcpListener,
    shared: Arc<Shared>,
    mut shutdown: watch::Receiver<bool>,
) {
    let (open_tx, mut open_rx) = mpsc::channel::<()>(1);
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    tokio::spawn(connection(stream, shared.clone(), shutdown.clone(), open_tx.clone()));
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

async fn connection(
    stream: TcpStream,
    shared: Arc<Shared>,
    mut shutdown: watch::Receiver<bool>,
    _open: mpsc::Sender<()>,
) {
    if let Err(e) = stream.set_nodelay(true) {
        tracing::debug!(error = %e, "cannot set TCP_NODELAY");
    }
    let service = service_fn(move |request| {
        let shared = shared.clone();
        async move { respond(&shared, request).await }
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
    shared: &Shared,
    request: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, CloseConnection> {
    let uuid = request_uuid();
    let (parts, body) = request.into_parts();
    let query = parts.uri.query();
    let body = match read_body(body).await {
        Ok(body) => body,
        Err(BodyProblem::TooLarge { drained }) => {
            let answer = gateway::unreadable(query, "the request body is larger than 1 MiB");
            return Ok(json(&uuid, answer, !drained));
        }
        Err(BodyProblem::TimedOut) => {
            let answer = gateway::unreadable(query, "the request body did not arrive in time");
            return Ok(json(&uuid, answer, true));
        }
        Err(BodyProblem::Broken) => return Err(CloseConnection),
    };
    let content_type = parts
        .headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    match gateway::handle(shared, query, content_type, &body).await {
        Outcome::Json(answer) => Ok(json(&uuid, answer, false)),
        Outcome::Status(status) => Ok(status_only(&uuid, status)),
        Outcome::Drop => Err(CloseConnection),
    }
}

enum BodyProblem {
    /// Over [`MAX_BODY`]; `drained` when it was read to its end anyway.
    TooLarge {
        drained: bool,
    },
    TimedOut,
    Broken,
}

async fn read_body(mut body: Incoming) -> Result<Vec<u8>, BodyProblem> {
    if body.size_hint().lower() > DRAIN_LIMIT as u64 {
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
            if seen <= MAX_BODY {
                kept.extend_from_slice(&data);
            } else if seen > DRAIN_LIMIT {
                return Err(BodyProblem::TooLarge { drained: false });
            }
        }
        if seen > MAX_BODY {
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
