//! How canned answers reach a client: an interceptor picks the answer to
//! each attempt and a transport serves it.
//!
//! The answer is picked in [`Interceptor::before_send`], which sees the
//! call's action and the signed request, so that a call nothing answers
//! ends there with [`Error::Config`]: a transport error would be retried
//! and read as a network fault. The transport then serves the picked
//! answer through the client's real decoder. The two meet in a queue
//! keyed by the request's body and attempt number; both run on the
//! calling task with no await between them, and identical requests are
//! interchangeable, so the answer always reaches its own attempt.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use super::answer::Answer;
use crate::config::ClientBuilder;
use crate::error::Error;
use crate::intercept::{CallInfo, Interceptor};
use crate::transport::{BoxFuture, HttpRequest, HttpResponse, Transport, TransportError};

/// Something that answers attempts: a mock's rules, a cassette.
pub(crate) trait Responder: Send + Sync + fmt::Debug + 'static {
    /// The answer to this attempt of `action`, or the error that ends the
    /// call (not retried).
    fn respond(&self, action: &str, request: &HttpRequest) -> Result<Answer, Error>;
}

/// `builder` with its transport and an interceptor serving the answers of
/// `responder`.
pub(crate) fn attach(responder: Arc<dyn Responder>, builder: ClientBuilder) -> ClientBuilder {
    let desk = Arc::new(Desk {
        responder,
        picked: Mutex::new(HashMap::new()),
    });
    builder
        .transport(Arc::new(Server(Arc::clone(&desk))))
        .interceptor(Picker(desk))
}

/// Answers picked and not yet served, by request body and attempt
/// number, each with its action's name.
type Picked = HashMap<(String, u32), VecDeque<(String, Answer)>>;

/// What the picker and the server share.
#[derive(Debug)]
struct Desk {
    responder: Arc<dyn Responder>,
    picked: Mutex<Picked>,
}

impl Desk {
    fn picked(&self) -> MutexGuard<'_, Picked> {
        self.picked.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Picks the answer to each attempt.
#[derive(Debug)]
struct Picker(Arc<Desk>);

impl Interceptor for Picker {
    fn before_send(&self, call: &CallInfo<'_>, request: &mut HttpRequest) -> Result<(), Error> {
        let answer = self.0.responder.respond(call.action, request)?;
        self.0
            .picked()
            .entry((request.body.clone(), request.attempt))
            .or_default()
            .push_back((call.action.to_owned(), answer));
        Ok(())
    }
}

/// Serves the picked answers; opens no connection.
#[derive(Debug)]
struct Server(Arc<Desk>);

impl Transport for Server {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        let key = (request.body, request.attempt);
        let picked = {
            let mut picked = self.0.picked();
            let answer = picked.get_mut(&key).and_then(VecDeque::pop_front);
            if picked.get(&key).is_some_and(VecDeque::is_empty) {
                picked.remove(&key);
            }
            answer
        };
        Box::pin(async move {
            match picked {
                Some((action, answer)) => answer.serve(&action, request.timeout).await,
                None => Err(TransportError::Other(
                    "no canned answer was picked for this request: an interceptor after the \
                     mock's changed its body, or the transport was taken out of the client it \
                     was attached to; attach the mock to the client that sends"
                        .into(),
                )),
            }
        })
    }
}
