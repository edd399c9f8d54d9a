//! What a mock or a cassette answers to one attempt.

use std::time::Duration;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::TimeoutKind;
use crate::transport::{HeaderMap, HeaderValue, HttpResponse, REQUEST_UUID_HEADER, TransportError};

/// One answer to one attempt of a call: a body the client decodes as it
/// would a server's, or a failure of the transport.
///
/// Answers with a body go through the client's real decoder, so a typed
/// answer exercises the same path as production. A [`Rule`](super::Rule)
/// has shortcuts for each kind; `Answer` is for the rarer combinations,
/// such as a delayed answer.
///
/// ```
/// use std::time::Duration;
/// use api_core::test_util::Answer;
///
/// let slow = Answer::json(serde_json::json!({"TotalCount": 0})).after(Duration::from_secs(5));
/// let throttled = Answer::api_error(api_core::retcode::RATE_LIMITED, "rate limited").request_uuid("req-1");
/// ```
#[derive(Debug, Clone)]
pub struct Answer {
    kind: Kind,
    delay: Duration,
    request_uuid: Option<String>,
}

#[derive(Debug, Clone)]
enum Kind {
    /// The fields of a JSON answer; `RetCode` and `Action` are added when
    /// served unless present.
    Fields(Map<String, Value>),
    /// A body as it is.
    Body { status: u16, body: Vec<u8> },
    /// A failure of the transport.
    Failure(Failure),
    /// An answer that could not be made, and why.
    Broken(String),
}

/// How a transport can fail, as a mock or a cassette reproduces it.
#[derive(Debug, Clone)]
pub(crate) enum Failure {
    Dropped(String),
    Refused(String),
    Timeout(TimeoutKind),
    LocalResources(String),
    TooLarge(usize),
    Other(String),
}

impl Answer {
    fn new(kind: Kind) -> Self {
        Answer {
            kind,
            delay: Duration::ZERO,
            request_uuid: None,
        }
    }

    /// A successful answer with the fields of `value`, serialized by their
    /// wire names (`RetCode: 0` and `Action` are added). `value` must
    /// serialize as a struct or map; anything else makes the call that
    /// gets this answer fail with an error saying so.
    pub fn output<R: Serialize + ?Sized>(value: &R) -> Self {
        match serde_json::to_value(value) {
            Ok(value) => Answer::json(value),
            Err(e) => Answer::new(Kind::Broken(format!(
                "the answer value could not be serialized: {e}"
            ))),
        }
    }

    /// An answer with these JSON fields, by their wire names. `RetCode: 0`
    /// and `Action` (`<action>Response`) are added unless present; for a
    /// body sent exactly as given, use [`Answer::body`]. `fields` must be
    /// a JSON object; anything else makes the call that gets this answer
    /// fail with an error saying so.
    pub fn json(fields: Value) -> Self {
        match fields {
            Value::Object(map) => Answer::new(Kind::Fields(map)),
            other => Answer::new(Kind::Broken(format!(
                "an answer must be a JSON object of fields, not {}; use Answer::body for any other body",
                json_kind(&other)
            ))),
        }
    }

    /// An API error: HTTP 200 with a non-zero `RetCode` and its `Message`.
    pub fn api_error(ret_code: i64, message: impl Into<String>) -> Self {
        let mut map = Map::new();
        map.insert("RetCode".to_owned(), ret_code.into());
        map.insert("Message".to_owned(), message.into().into());
        Answer::new(Kind::Fields(map))
    }

    /// An HTTP status with an empty body, e.g. 503.
    pub fn http_status(status: u16) -> Self {
        Answer::body(status, Vec::new())
    }

    /// An HTTP status with this body, sent exactly as given.
    pub fn body(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Answer::new(Kind::Body {
            status,
            body: body.into(),
        })
    }

    /// The connection breaks after the request was sent, before an answer
    /// arrives: the call cannot know whether the server acted on it.
    pub fn dropped_connection() -> Self {
        Answer::new(Kind::Failure(Failure::Dropped(
            "the connection closed before an answer arrived (a mock answer)".to_owned(),
        )))
    }

    /// The connection cannot be opened: the request certainly never left,
    /// so even calls that are not safe to repeat are retried.
    pub fn refused_connection() -> Self {
        Answer::new(Kind::Failure(Failure::Refused(
            "connection refused (a mock answer)".to_owned(),
        )))
    }

    /// The attempt times out, at once, as though its time limit had run
    /// out. For a timeout that takes its time, delay an answer past the
    /// limit with [`Answer::after`].
    pub fn timeout() -> Self {
        Answer::new(Kind::Failure(Failure::Timeout(TimeoutKind::Attempt)))
    }

    pub(crate) fn failure(failure: Failure) -> Self {
        Answer::new(Kind::Failure(failure))
    }

    /// The same answer, arriving `delay` after the request. The delay is
    /// slept with `tokio::time::sleep`, so under `tokio::time::pause` it
    /// passes at once; past the attempt's time limit the attempt times out
    /// instead, as with a slow server.
    pub fn after(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    /// The same answer with this `X-UCLOUD-REQUEST-UUID`.
    pub fn request_uuid(mut self, uuid: impl Into<String>) -> Self {
        self.request_uuid = Some(uuid.into());
        self
    }

    /// Why this answer cannot be served, when it cannot.
    pub(crate) fn problem(&self) -> Option<&str> {
        match &self.kind {
            Kind::Broken(why) => Some(why),
            _ => None,
        }
    }

    /// Serves the answer to an attempt of `action` with time limit
    /// `timeout`.
    pub(crate) async fn serve(
        self,
        action: &str,
        timeout: Duration,
    ) -> Result<HttpResponse, TransportError> {
        if self.delay >= timeout {
            tokio::time::sleep(timeout).await;
            return Err(TransportError::Timeout(TimeoutKind::Attempt));
        }
        if !self.delay.is_zero() {
            tokio::time::sleep(self.delay).await;
        }
        let (status, body) = match self.kind {
            Kind::Fields(mut map) => {
                map.entry("RetCode").or_insert(Value::from(0));
                map.entry("Action")
                    .or_insert_with(|| Value::from(format!("{action}Response")));
                let body =
                    serde_json::to_vec(&map).map_err(|e| TransportError::Other(Box::new(e)))?;
                (200, body)
            }
            Kind::Body { status, body } => (status, body),
            Kind::Failure(failure) => return Err(failure.into_error(self.request_uuid)),
            Kind::Broken(why) => return Err(TransportError::Other(why.into())),
        };
        let mut headers = HeaderMap::new();
        if let Some(uuid) = &self.request_uuid
            && let Ok(value) = HeaderValue::from_str(uuid)
        {
            headers.insert(REQUEST_UUID_HEADER, value);
        }
        Ok(HttpResponse::new(status, self.request_uuid, body).with_headers(headers))
    }
}

impl Failure {
    fn into_error(self, request_uuid: Option<String>) -> TransportError {
        match self {
            Failure::Dropped(message) | Failure::Other(message) => {
                TransportError::Other(message.into())
            }
            Failure::Refused(message) => TransportError::Connect(message.into()),
            Failure::Timeout(kind) => TransportError::Timeout(kind),
            Failure::LocalResources(message) => TransportError::LocalResources(message.into()),
            Failure::TooLarge(limit) => TransportError::TooLarge {
                limit,
                request_uuid,
            },
        }
    }
}

/// The kind of a JSON value, for messages.
fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
