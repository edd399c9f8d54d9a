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
///
/// A call that was retried fails with the error of its last attempt, so
/// `match` and the accessors see the same variant whether or not the call
/// was retried; the variants an attempt can end in carry `attempts`, the
/// number of attempts the call made (see [`Error::attempts`]).
///
/// ```
/// # fn handle(err: api_core::Error) {
/// match err {
///     api_core::Error::Api { code: 8010, attempts, .. } => println!("stopped after {attempts}"),
///     other => println!("{other}"),
/// }
/// # }
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The API answered with a non-zero `RetCode`.
    #[error(
        "{action} failed with RetCode {code}: {message}{}{}",
        uuid_note(request_uuid),
        attempts_note(*attempts)
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
        /// How many attempts the call made.
        attempts: u32,
    },

    /// The server answered with an HTTP status other than 2xx. Redirects
    /// (3xx) are never followed: they end here, naming where they pointed.
    #[error(
        "{action} got HTTP status {status}{}{}; {}{}",
        location_note(location),
        uuid_note(request_uuid),
        status_advice(*status, location, excerpt),
        attempts_note(*attempts)
    )]
    HttpStatus {
        /// The action that was called.
        action: String,
        /// The HTTP status code.
        status: u16,
        /// The `Location` header of a redirect, without any user
        /// information it held.
        location: Option<String>,
        /// The start of the body, at most [`EXCERPT_LEN`] bytes.
        excerpt: String,
        /// The request UUID of the answer.
        request_uuid: Option<String>,
        /// How many attempts the call made.
        attempts: u32,
    },

    /// The connection could not be opened: the request never reached the
    /// server.
    #[error(
        "{action} could not connect to {url}: {}; check the base URL and the network{}",
        SourceChain(source.as_ref()),
        attempts_note(*attempts)
    )]
    Connect {
        /// The action that was called.
        action: String,
        /// The URL that was tried, without user information.
        url: String,
        /// The underlying cause.
        #[source]
        source: BoxError,
        /// How many attempts the call made.
        attempts: u32,
    },

    /// This process ran out of a local resource (open files, ephemeral
    /// ports, memory for sockets) when opening a connection; the request
    /// never left. Not retried: retrying would compete for the same
    /// resource.
    #[error(
        "{action} could not open a connection to {url}: this process is out of local resources ({}); \
         raise the open-file limit (`ulimit -n`) or bound concurrent calls with \
         `ClientBuilder::max_in_flight`{}",
        SourceChain(source.as_ref()),
        attempts_note(*attempts)
    )]
    LocalResources {
        /// The action that was called.
        action: String,
        /// The URL that was tried, without user information.
        url: String,
        /// The underlying cause.
        #[source]
        source: BoxError,
        /// How many attempts the call made.
        attempts: u32,
    },

    /// A time limit ran out.
    #[error(
        "{action} timed out ({kind} of {after:?}); retry later or raise the limit{}",
        attempts_note(*attempts)
    )]
    Timeout {
        /// The action that was called.
        action: String,
        /// Which limit ran out.
        kind: TimeoutKind,
        /// The limit.
        after: Duration,
        /// How many attempts the call made.
        attempts: u32,
    },

    /// The connection failed after the request may have been sent.
    #[error(
        "{action} failed in transport: {}; the request may or may not have reached the server{}",
        SourceChain(source.as_ref()),
        attempts_note(*attempts)
    )]
    Transport {
        /// The action that was called.
        action: String,
        /// The underlying cause.
        #[source]
        source: BoxError,
        /// How many attempts the call made.
        attempts: u32,
    },

    /// The answer could not be decoded.
    #[error(
        "{action} answer could not be decoded at `{path}`: {reason}{}; the body starts with {excerpt:?}{}",
        uuid_note(request_uuid),
        attempts_note(*attempts)
    )]
    Decode {
        /// The action that was called.
        action: String,
        /// Where in the JSON document decoding failed (`.` for the top).
        path: Box<str>,
        /// What was wrong.
        reason: String,
        /// The start of the body, at most [`EXCERPT_LEN`] bytes.
        excerpt: String,
        /// The request UUID of the answer.
        request_uuid: Option<String>,
        /// How many attempts the call made.
        attempts: u32,
    },

    /// The answer is larger than the client's body limit.
    #[error(
        "{action} answer exceeds the limit of {limit} bytes{}; raise `max_response_bytes` if it is expected{}",
        uuid_note(request_uuid),
        attempts_note(*attempts)
    )]
    ResponseTooLarge {
        /// The action that was called.
        action: String,
        /// The limit in bytes.
        limit: usize,
        /// The request UUID of the answer.
        request_uuid: Option<String>,
        /// How many attempts the call made.
        attempts: u32,
    },

    /// The request is invalid and was not sent.
    #[error("invalid {action} request: {message}")]
    InvalidRequest {
        /// The action that was being prepared (empty when not yet known).
        action: String,
        /// What is wrong and how to fix it.
        message: String,
    },

    /// The client's configuration is invalid or incomplete, or the client
    /// was used where it cannot work.
    #[error("configuration error: {message}")]
    Config {
        /// What is wrong and how to fix it.
        message: String,
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

fn attempts_note(attempts: u32) -> String {
    if attempts > 1 {
        format!(" (gave up after {attempts} attempts)")
    } else {
        String::new()
    }
}

fn location_note(location: &Option<String>) -> String {
    match location {
        Some(location) => format!(" redirecting to {location:?}"),
        None => String::new(),
    }
}

/// What to do about an HTTP status, and what the body says.
fn status_advice(status: u16, location: &Option<String>, excerpt: &str) -> String {
    if (300..400).contains(&status) {
        let target = if location.is_some() {
            "the address it names"
        } else {
            "the final endpoint"
        };
        format!(
            "redirects are not followed, since they would resend the signed request elsewhere; \
             if the redirect is expected, set the base URL to {target}; the body starts with {excerpt:?}"
        )
    } else {
        format!("the body starts with {excerpt:?}")
    }
}

/// An error and its causes, `: `-separated, skipping a cause whose text
/// its parent already shows.
struct SourceChain<'a>(&'a (dyn std::error::Error + 'static));

impl fmt::Display for SourceChain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut shown = self.0.to_string();
        f.write_str(&shown)?;
        let mut next = self.0.source();
        while let Some(cause) = next {
            let text = cause.to_string();
            if !text.is_empty() && !shown.contains(&text) {
                write!(f, ": {text}")?;
                shown = text;
            }
            next = cause.source();
        }
        Ok(())
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

/// A pattern for every variant an attempt can end in, binding its attempt
/// count to `$n`: the one list of them.
macro_rules! per_attempt {
    ($n:ident) => {
        Error::Api { attempts: $n, .. }
            | Error::HttpStatus { attempts: $n, .. }
            | Error::Connect { attempts: $n, .. }
            | Error::LocalResources { attempts: $n, .. }
            | Error::Timeout { attempts: $n, .. }
            | Error::Transport { attempts: $n, .. }
            | Error::Decode { attempts: $n, .. }
            | Error::ResponseTooLarge { attempts: $n, .. }
    };
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

    /// Records that the call made `count` attempts in all.
    pub(crate) fn with_attempts(mut self, count: u32) -> Self {
        if let per_attempt!(attempts) = &mut self {
            *attempts = count;
        }
        self
    }

    /// Calls `f` on each text the error quotes from the server: the API's
    /// message, a body excerpt, a redirect's location, a decode failure's
    /// reason and path. For removing secrets from them.
    pub(crate) fn for_each_quoted_text(&mut self, mut f: impl FnMut(&mut String)) {
        match self {
            Error::Api { message, .. } => f(message),
            Error::HttpStatus {
                excerpt, location, ..
            } => {
                f(excerpt);
                location.iter_mut().for_each(f);
            }
            Error::Decode {
                path,
                reason,
                excerpt,
                ..
            } => {
                let mut text = String::from(std::mem::take(path));
                f(&mut text);
                *path = text.into_boxed_str();
                f(reason);
                f(excerpt);
            }
            _ => {}
        }
    }

    /// How many attempts the call made: 1 unless it was retried, 0 for
    /// errors raised before anything was sent.
    pub fn attempts(&self) -> u32 {
        match self {
            per_attempt!(attempts) => *attempts,
            _ => 0,
        }
    }

    /// Whether a time limit ran out.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout { .. })
    }

    /// The `X-UCLOUD-REQUEST-UUID` of the answer, when there was one.
    pub fn request_uuid(&self) -> Option<&str> {
        match self {
            Error::Api { request_uuid, .. }
            | Error::HttpStatus { request_uuid, .. }
            | Error::Decode { request_uuid, .. }
            | Error::ResponseTooLarge { request_uuid, .. } => request_uuid.as_deref(),
            _ => None,
        }
    }

    /// The API's `RetCode`, for API errors.
    pub fn code(&self) -> Option<i64> {
        match self {
            Error::Api { code, .. } => Some(*code),
            _ => None,
        }
    }

    /// What the API's `RetCode` means, for API errors with a code the
    /// reference documents; see [`crate::retcode`].
    pub fn code_meaning(&self) -> Option<&'static str> {
        self.code().and_then(crate::retcode::meaning)
    }

    /// The HTTP status, for answers other than 2xx.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            Error::HttpStatus { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Whether a later attempt could succeed: connection failures, timeouts,
    /// HTTP 429/502/503/504 and the gateway's RetCodes 150 (service
    /// unavailable) and 153 (rate limited). Redirects and a process out of
    /// local resources are not.
    ///
    /// Whether a retry is *safe* also depends on the action; see
    /// [`crate::Action::META`].
    pub fn is_retryable(&self) -> bool {
        match self {
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
            self,
            Error::Connect { .. }
                | Error::LocalResources { .. }
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
            attempts: 1,
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
                attempts: 1,
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
                location: None,
                excerpt: String::new(),
                request_uuid: None,
                attempts: 1,
            };
            assert_eq!(err.is_retryable(), retry, "HTTP {status}");
        }
    }

    #[test]
    fn api_errors_tell_their_code_meaning() {
        let api = |code| Error::Api {
            action: "TerminateUHostInstance".into(),
            code,
            message: String::new(),
            request_uuid: None,
            attempts: 1,
        };
        assert_eq!(
            api(crate::retcode::STOP_BEFORE_DELETE).code_meaning(),
            Some("Delete failed; stop the instance first.")
        );
        assert_eq!(api(230).code_meaning(), None, "not in the error lists");
        assert_eq!(Error::invalid_request("no").code_meaning(), None);
    }

    #[test]
    fn excerpts_are_bounded_and_safe_on_any_bytes() {
        let long = "é".repeat(1000);
        let text = excerpt(long.as_bytes());
        assert!(text.len() <= EXCERPT_LEN + 4);
        assert!(text.ends_with('…'));
        assert_eq!(excerpt(b"\xff\xfe ok"), "\u{fffd}\u{fffd} ok");
    }

    #[test]
    fn errors_stay_small_enough_to_return_by_value() {
        assert!(
            std::mem::size_of::<Error>() < 128,
            "{}",
            std::mem::size_of::<Error>()
        );
    }

    #[test]
    fn a_retried_error_keeps_its_variant_and_counts_attempts() {
        let err = Error::Api {
            action: "DescribeImage".into(),
            code: 150,
            message: "busy".into(),
            request_uuid: None,
            attempts: 1,
        }
        .with_attempts(3);
        assert!(matches!(
            err,
            Error::Api {
                code: 150,
                attempts: 3,
                ..
            }
        ));
        assert_eq!((err.code(), err.attempts()), (Some(150), 3));
        assert!(
            err.to_string().ends_with("(gave up after 3 attempts)"),
            "{err}"
        );
        let before_sending = Error::invalid_request("no").with_attempts(2);
        assert_eq!(before_sending.attempts(), 0);
    }

    #[test]
    fn display_carries_the_root_cause() {
        #[derive(Debug)]
        struct Outer(std::io::Error);
        impl fmt::Display for Outer {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("error sending request")
            }
        }
        impl std::error::Error for Outer {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                Some(&self.0)
            }
        }
        let refused =
            std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "Connection refused");
        let err = Error::Connect {
            action: "DescribeImage".into(),
            url: "http://127.0.0.1:1".into(),
            source: Box::new(Outer(refused)),
            attempts: 1,
        };
        assert_eq!(
            err.to_string(),
            "DescribeImage could not connect to http://127.0.0.1:1: error sending request: \
             Connection refused; check the base URL and the network"
        );
    }

    #[test]
    fn a_redirect_names_its_target_and_is_not_retried() {
        let err = Error::HttpStatus {
            action: "DescribeImage".into(),
            status: 307,
            location: Some("http://127.0.0.1:9/steal".into()),
            excerpt: String::new(),
            request_uuid: None,
            attempts: 1,
        };
        let text = err.to_string();
        assert!(
            text.contains("307 redirecting to \"http://127.0.0.1:9/steal\""),
            "{text}"
        );
        assert!(text.contains("redirects are not followed"), "{text}");
        assert!(!err.is_retryable());
        assert_eq!(err.http_status(), Some(307));
    }
}
