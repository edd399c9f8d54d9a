//! The one error type of the SDK.

use std::fmt;
use std::time::Duration;

/// A boxed error source from a lower layer (HTTP client, I/O).
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Which time limit ran out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimeoutKind {
    /// Opening the connection took too long.
    Connect,
    /// One attempt (send and read the answer) took too long.
    Attempt,
    /// The whole call, retries included, took too long.
    Total,
}

impl fmt::Display for TimeoutKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TimeoutKind::Connect => "connect timeout",
            TimeoutKind::Attempt => "per-attempt timeout",
            TimeoutKind::Total => "total timeout",
        })
    }
}

/// Everything that can go wrong when calling the API.
///
/// Each variant says what failed and carries the `X-UCLOUD-REQUEST-UUID`
/// of the answer when there was one, to quote to the provider's support.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The API answered with a non-zero `RetCode`.
    #[error(
        "{action} failed with RetCode {code}: {message}{}",
        uuid_note(request_uuid)
    )]
    Api {
        /// The action that was called.
        action: String,
        /// The `RetCode` of the answer.
        code: i64,
        /// The `Message` of the answer.
        message: String,
        /// The request UUID of the answer.
        request_uuid: Option<String>,
    },

    /// The server answered with an HTTP status other than 2xx.
    #[error(
        "{action} got HTTP status {status}{}; the body starts with {excerpt:?}",
        uuid_note(request_uuid)
    )]
    HttpStatus {
        /// The action that was called.
        action: String,
        /// The HTTP status code.
        status: u16,
        /// The start of the body, at most [`EXCERPT_LEN`] bytes.
        excerpt: String,
        /// The request UUID of the answer.
        request_uuid: Option<String>,
    },

    /// The connection could not be opened: the request never reached the
    /// server.
    #[error("{action} could not connect to {url}: {source}; check the base URL and the network")]
    Connect {
        /// The action that was called.
        action: String,
        /// The URL that was tried.
        url: String,
        /// The underlying cause.
        #[source]
        source: BoxError,
    },

    /// A time limit ran out.
    #[error("{action} timed out ({kind} of {after:?}); retry later or raise the limit")]
    Timeout {
        /// The action that was called.
        action: String,
        /// Which limit ran out.
        kind: TimeoutKind,
        /// The limit.
        after: Duration,
    },

    /// The connection failed after the request may have been sent.
    #[error(
        "{action} failed in transport: {source}; the request may or may not have reached the server"
    )]
    Transport {
        /// The action that was called.
        action: String,
        /// The underlying cause.
        #[source]
        source: BoxError,
    },

    /// The answer could not be decoded.
    #[error(
        "{action} answer could not be decoded at `{path}`: {reason}{}; the body starts with {excerpt:?}",
        uuid_note(request_uuid)
    )]
    Decode {
        /// The action that was called.
        action: String,
        /// Where in the JSON document decoding failed (`.` for the top).
        path: String,
        /// What was wrong.
        reason: String,
        /// The start of the body, at most [`EXCERPT_LEN`] bytes.
        excerpt: String,
        /// The request UUID of the answer.
        request_uuid: Option<String>,
    },

    /// The answer is larger than the client's body limit.
    #[error(
        "{action} answer exceeds the limit of {limit} bytes{}; raise `max_response_bytes` if it is expected",
        uuid_note(request_uuid)
    )]
    ResponseTooLarge {
        /// The action that was called.
        action: String,
        /// The limit in bytes.
        limit: usize,
        /// The request UUID of the answer.
        request_uuid: Option<String>,
    },

    /// The request is invalid and was not sent.
    #[error("invalid {action} request: {message}")]
    InvalidRequest {
        /// The action that was being prepared (empty when not yet known).
        action: String,
        /// What is wrong and how to fix it.
        message: String,
    },

    /// The client's configuration is invalid or incomplete.
    #[error("configuration error: {message}")]
    Config {
        /// What is wrong and how to fix it.
        message: String,
    },

    /// The call failed after more than one attempt; `last` is the final
    /// failure. The accessors ([`Error::code`], [`Error::request_uuid`], …)
    /// look through to it.
    #[error("{last} (gave up after {attempts} attempts)")]
    Retried {
        /// How many attempts were made.
        attempts: u32,
        /// The failure of the last attempt.
        last: Box<Error>,
    },

    /// A waiter's deadline passed before the resource got where it should.
    #[error("gave up waiting for {what} after {after:?}; last state seen: {last_state:?}")]
    WaitTimeout {
        /// What was awaited, e.g. `instance uhost-1 to be Running`.
        what: String,
        /// The last state observed.
        last_state: String,
        /// How long the waiter waited.
        after: Duration,
    },

    /// A waited-for resource entered a state it cannot leave on its own.
    #[error("stopped waiting for {what}: it entered the failure state {state:?}")]
    WaitFailed {
        /// What was awaited.
        what: String,
        /// The failure state seen.
        state: String,
    },
}

/// How many bytes of a body an error quotes.
pub const EXCERPT_LEN: usize = 256;

fn uuid_note(request_uuid: &Option<String>) -> String {
    match request_uuid {
        Some(uuid) => format!(" (request {uuid})"),
        None => String::new(),
    }
}

/// The start of a body as text, at most [`EXCERPT_LEN`] bytes, cut at a
/// character boundary.
pub(crate) fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(EXCERPT_LEN)]);
    let mut text = text.into_owned();
    if body.len() > EXCERPT_LEN {
        text.push('…');
    }
    text
}

impl Error {
    pub(crate) fn invalid_request(message: impl Into<String>) -> Self {
        Error::InvalidRequest {
            action: String::new(),
            message: message.into(),
        }
    }

    pub(crate) fn config(message: impl Into<String>) -> Self {
        Error::Config {
            message: message.into(),
        }
    }

    /// Names the action in an invalid-request error that was raised before
    /// the action was known.
    pub(crate) fn for_action(mut self, name: &str) -> Self {
        if let Error::InvalidRequest { action, .. } = &mut self
            && action.is_empty()
        {
            name.clone_into(action);
        }
        self
    }

    /// The failure of the last attempt (the error itself when there was
    /// only one).
    pub fn last_attempt(&self) -> &Error {
        match self {
            Error::Retried { last, .. } => last.last_attempt(),
            other => other,
        }
    }

    /// How many attempts the call made (1 unless it was retried).
    pub fn attempts(&self) -> u32 {
        match self {
            Error::Retried { attempts, .. } => *attempts,
            _ => 1,
        }
    }

    /// Whether a time limit ran out.
    pub fn is_timeout(&self) -> bool {
        matches!(self.last_attempt(), Error::Timeout { .. })
    }

    /// The `X-UCLOUD-REQUEST-UUID` of the answer, when there was one.
    pub fn request_uuid(&self) -> Option<&str> {
        match self.last_attempt() {
            Error::Api { request_uuid, .. }
            | Error::HttpStatus { request_uuid, .. }
            | Error::Decode { request_uuid, .. }
            | Error::ResponseTooLarge { request_uuid, .. } => request_uuid.as_deref(),
            _ => None,
        }
    }

    /// The API's `RetCode`, for API errors.
    pub fn code(&self) -> Option<i64> {
        match self.last_attempt() {
            Error::Api { code, .. } => Some(*code),
            _ => None,
        }
    }

    /// Whether a later attempt could succeed: connection failures, timeouts,
    /// HTTP 429/502/503/504 and the gateway's RetCodes 150 (service
    /// unavailable) and 153 (rate limited).
    ///
    /// Whether a retry is *safe* also depends on the action; see
    /// [`crate::Action::META`].
    pub fn is_retryable(&self) -> bool {
        match self.last_attempt() {
            Error::Api { code, .. } => matches!(code, 150 | 153),
            Error::HttpStatus { status, .. } => matches!(status, 429 | 502 | 503 | 504),
            Error::Connect { .. } | Error::Timeout { .. } | Error::Transport { .. } => true,
            _ => false,
        }
    }

    /// Whether the request certainly never reached the server, so that even
    /// an action that is not safe to repeat can be sent again.
    pub fn never_sent(&self) -> bool {
        matches!(
            self.last_attempt(),
            Error::Connect { .. }
                | Error::Timeout {
                    kind: TimeoutKind::Connect,
                    ..
                }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_errors_show_code_message_and_request_uuid() {
        let err = Error::Api {
            action: "StopUHostInstance".into(),
            code: 8010,
            message: "stop the instance first".into(),
            request_uuid: Some("abc-123".into()),
        };
        assert_eq!(
            err.to_string(),
            "StopUHostInstance failed with RetCode 8010: stop the instance first (request abc-123)"
        );
        assert_eq!(err.request_uuid(), Some("abc-123"));
        assert_eq!(err.code(), Some(8010));
        assert!(!err.is_retryable());
    }

    #[test]
    fn gateway_throttling_and_unavailability_are_retryable() {
        for (code, retry) in [
            (150, true),
            (153, true),
            (171, false),
            (172, false),
            (0, false),
        ] {
            let err = Error::Api {
                action: "A".into(),
                code,
                message: String::new(),
                request_uuid: None,
            };
            assert_eq!(err.is_retryable(), retry, "RetCode {code}");
        }
        for (status, retry) in [
            (429, true),
            (502, true),
            (503, true),
            (504, true),
            (500, false),
            (404, false),
        ] {
            let err = Error::HttpStatus {
                action: "A".into(),
                status,
                excerpt: String::new(),
                request_uuid: None,
            };
            assert_eq!(err.is_retryable(), retry, "HTTP {status}");
        }
    }

    #[test]
    fn excerpts_are_bounded_and_safe_on_any_bytes() {
        let long = "é".repeat(1000);
        let text = excerpt(long.as_bytes());
        assert!(text.len() <= EXCERPT_LEN + 4);
        assert!(text.ends_with('…'));
        assert_eq!(excerpt(b"\xff\xfe ok"), "\u{fffd}\u{fffd} ok");
    }
}
