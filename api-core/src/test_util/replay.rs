//! Serving a recorded cassette offline.

use std::fmt;
use std::fmt::Write as _;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use super::answer::Answer;
use super::cassette::Exchange;
use super::serve::{self, Responder};
use super::wire::{WireParams, differences};
use crate::config::ClientBuilder;
use crate::error::Error;
use crate::transport::HttpRequest;

/// Serves the exchanges of a cassette (written by a
/// [`Recorder`](super::Recorder)) to a client, opening no socket.
///
/// Each attempt gets the first exchange not yet served with the same
/// action and the same parameters. `PublicKey`, `SecurityToken` and
/// `Signature` are not compared (they are not recorded), nor are
/// parameters recorded as `<redacted>` or named with
/// [`Replay::ignore_param`]. An attempt no exchange fits fails with
/// [`Error::Config`], showing the closest recorded exchange and how it
/// differs. Exchanges serve in the order they were recorded, so a
/// recorded failure and its retry replay as they happened.
///
/// ```no_run
/// # fn run() -> Result<(), api_core::Error> {
/// use api_core::test_util::Replay;
///
/// let replay = Replay::open("tests/cassettes/list.jsonl")?;
/// let client = replay
///     .attach(api_core::Client::builder().credential(api_core::Credential::new("any", "any")).region("cn-bj2"))
///     .build()?;
/// # Ok(()) }
/// ```
///
/// The client must fill in the same defaults (`Region`, `Zone`,
/// `ProjectId`) as the recording client did. Clones share what was served.
#[derive(Clone)]
pub struct Replay {
    source: Arc<str>,
    ignored: Arc<[String]>,
    tape: Arc<Mutex<Vec<Entry>>>,
}

/// One recorded exchange.
struct Entry {
    line: usize,
    exchange: Exchange,
    params: WireParams,
    served: bool,
}

impl Replay {
    /// The cassette at `path`.
    pub fn open(path: impl AsRef<Path>) -> Result<Replay, Error> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| {
            Error::config(format!(
                "cannot read the cassette {}: {e}; record it first with a Recorder",
                path.display()
            ))
        })?;
        Replay::parse_named(&path.display().to_string(), &text)
    }

    /// The cassette in `text`, one exchange per line.
    pub fn parse(text: &str) -> Result<Replay, Error> {
        Replay::parse_named("given as text", text)
    }

    fn parse_named(source: &str, text: &str) -> Result<Replay, Error> {
        let mut tape = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let bad = |why: &dyn fmt::Display| {
                Error::config(format!(
                    "line {} of the cassette {source} is not a recorded exchange: {why}; \
                     record the cassette again",
                    i + 1
                ))
            };
            let exchange: Exchange = serde_json::from_str(line).map_err(|e| bad(&e))?;
            if let Some(problem) = exchange.problem() {
                return Err(bad(&problem));
            }
            tape.push(Entry {
                line: i + 1,
                params: WireParams::from_map(exchange.params.clone()),
                exchange,
                served: false,
            });
        }
        Ok(Replay {
            source: source.into(),
            ignored: Arc::new([]),
            tape: Arc::new(Mutex::new(tape)),
        })
    }

    /// Leaves the parameter `name` (and its elements and fields) out of
    /// the comparison, for values that change from run to run.
    pub fn ignore_param(mut self, name: impl Into<String>) -> Self {
        let mut ignored = self.ignored.to_vec();
        ignored.push(name.into());
        self.ignored = ignored.into();
        self
    }

    /// `builder` with this cassette as its transport (and an interceptor
    /// that picks the exchanges, added after its others).
    pub fn attach(&self, builder: ClientBuilder) -> ClientBuilder {
        serve::attach(Arc::new(self.clone()), builder)
    }

    /// How many recorded exchanges were not served yet.
    pub fn remaining(&self) -> usize {
        self.tape().iter().filter(|e| !e.served).count()
    }

    fn tape(&self) -> MutexGuard<'_, Vec<Entry>> {
        self.tape.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Responder for Replay {
    fn respond(&self, action: &str, request: &HttpRequest) -> Result<Answer, Error> {
        let (_, sent) = WireParams::from_body(&request.body);
        let mut tape = self.tape();
        let fits = |e: &Entry| {
            e.exchange.action == action
                && differences(&e.params, &sent, false, &self.ignored).is_empty()
        };
        if let Some(entry) = tape.iter_mut().find(|e| !e.served && fits(e)) {
            entry.served = true;
            return Ok(entry.exchange.answer());
        }
        let mut message = format!(
            "the cassette {} has no exchange left for {action} (attempt {}) with {sent}; ",
            self.source, request.attempt
        );
        let closest = tape
            .iter()
            .filter(|e| e.exchange.action == action)
            .map(|e| (e, differences(&e.params, &sent, false, &self.ignored)))
            .min_by_key(|(e, diff)| (e.served, diff.len()));
        match closest {
            None => {
                let _ = write!(message, "it recorded no call of {action}; ");
            }
            Some((entry, diff)) if diff.is_empty() => {
                let _ = write!(
                    message,
                    "line {} recorded this request and was already served: the code made more \
                     calls than when recording; ",
                    entry.line
                );
            }
            Some((entry, diff)) => {
                let _ = write!(
                    message,
                    "the closest is line {}{}, which differs: {}; ",
                    entry.line,
                    if entry.served {
                        " (already served)"
                    } else {
                        ""
                    },
                    diff.join("; ")
                );
            }
        }
        message.push_str(
            "record the cassette again if the requests changed on purpose, or leave a parameter \
             that changes from run to run out with Replay::ignore_param",
        );
        Err(Error::config(message))
    }
}

impl fmt::Debug for Replay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tape = self.tape();
        f.debug_struct("Replay")
            .field("source", &self.source)
            .field("ignored", &self.ignored)
            .field("exchanges", &tape.len())
            .field("served", &tape.iter().filter(|e| e.served).count())
            .finish()
    }
}
