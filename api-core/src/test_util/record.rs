//! Recording real exchanges to a cassette.

use std::fmt;
use std::fs::File;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use super::cassette::Exchange;
use super::wire::WireParams;
use crate::config::{DEFAULT_CONNECT_TIMEOUT, USER_AGENT};
use crate::error::Error;
use crate::transport::{
    BoxFuture, HttpRequest, HttpResponse, HttpTransport, Transport, TransportError,
};

/// A [`Transport`] that sends through another and writes every exchange
/// to a cassette file, for [`Replay`](super::Replay) to serve offline
/// later. The format is described in the [module docs](super#cassettes).
///
/// Each exchange is written (and flushed) as soon as its attempt ends, so
/// a test that fails half-way leaves the exchanges before it. Writing is
/// a small blocking write on the calling task.
///
/// ```no_run
/// # fn run() -> Result<(), api_core::Error> {
/// use std::sync::Arc;
/// use api_core::test_util::Recorder;
///
/// let recorder = Recorder::http("tests/cassettes/list.jsonl")?;
/// let client = api_core::ClientBuilder::from_env()?
///     .transport(Arc::new(recorder))
///     .build()?;
/// # Ok(()) }
/// ```
pub struct Recorder {
    inner: Arc<dyn Transport>,
    path: PathBuf,
    file: Mutex<File>,
    secrets: Vec<String>,
}

impl Recorder {
    /// Records what `inner` sends and receives to the file at `path`,
    /// created or emptied now.
    pub fn new(path: impl AsRef<Path>, inner: Arc<dyn Transport>) -> Result<Recorder, Error> {
        let path = path.as_ref().to_path_buf();
        let file = File::create(&path).map_err(|e| {
            Error::config(format!(
                "cannot create the cassette {}: {e}; check that its directory exists and is writable",
                path.display()
            ))
        })?;
        Ok(Recorder {
            inner,
            path,
            file: Mutex::new(file),
            secrets: Vec::new(),
        })
    }

    /// Records exchanges over HTTP (an [`HttpTransport`] with the default
    /// connect timeout) to the file at `path`.
    pub fn http(path: impl AsRef<Path>) -> Result<Recorder, Error> {
        let http = HttpTransport::new(DEFAULT_CONNECT_TIMEOUT, USER_AGENT)?;
        Recorder::new(path, Arc::new(http))
    }

    /// Also records the parameter `name` (and its elements and fields) as
    /// `<redacted>`, besides the secrets the default rule finds.
    pub fn secret(mut self, name: impl Into<String>) -> Self {
        self.secrets.push(name.into());
        self
    }

    /// The cassette file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn write(&self, exchange: &Exchange) -> Result<(), TransportError> {
        let cannot = |e: &dyn fmt::Display| {
            TransportError::Other(
                format!(
                    "cannot write to the cassette {}: {e}; the call's answer was lost",
                    self.path.display()
                )
                .into(),
            )
        };
        let mut line = serde_json::to_string(exchange).map_err(|e| cannot(&e))?;
        line.push('\n');
        let mut file = self.file.lock().unwrap_or_else(PoisonError::into_inner);
        file.write_all(line.as_bytes())
            .and_then(|()| file.flush())
            .map_err(|e| cannot(&e))
    }
}

impl Transport for Recorder {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        let (action, params) = WireParams::from_body(&request.body);
        let attempt = request.attempt;
        let url = Arc::clone(&request.url);
        Box::pin(async move {
            let result = self.inner.send(request).await;
            let exchange = Exchange::record(
                action.unwrap_or_default(),
                attempt,
                params,
                &result,
                &self.secrets,
                &url,
            );
            self.write(&exchange)?;
            result
        })
    }
}

impl fmt::Debug for Recorder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Recorder")
            .field("inner", &self.inner)
            .field("path", &self.path)
            .field("secrets", &self.secrets)
            .finish_non_exhaustive()
    }
}
