//! Writing answers: the JSON envelope every answer shares, the error type of
//! the actions, and the request UUID.

use std::fmt::{self, Display};

use serde::Serialize;

use crate::retcodes;

/// A failed request: the RetCode and Message of the answer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ApiError {
    pub(crate) code: i64,
    pub(crate) message: String,
}

impl ApiError {
    /// An error with any code.
    pub(crate) fn new(code: i64, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    /// A required parameter is missing or empty.
    pub(crate) fn missing(name: &str) -> Self {
        Self::new(
            retcodes::INVALID_PARAMS,
            format!("Params [{name}] not available"),
        )
    }

    /// A parameter is present but its value cannot be used.
    pub(crate) fn invalid(name: &str, reason: impl Display) -> Self {
        Self::new(
            retcodes::INVALID_PARAMS,
            format!("Params [{name}] not available: {reason}"),
        )
    }
}

impl Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RetCode {}: {}", self.code, self.message)
    }
}

/// The serialized JSON body of a successful answer.
#[derive(Debug)]
pub(crate) struct Reply(pub(crate) Vec<u8>);

#[derive(Serialize)]
struct Success<'a, T> {
    #[serde(rename = "Action")]
    action: &'a str,
    #[serde(rename = "RetCode")]
    ret_code: i64,
    #[serde(flatten)]
    fields: &'a T,
}

#[derive(Serialize)]
struct Failure<'a> {
    #[serde(rename = "Action")]
    action: &'a str,
    #[serde(rename = "RetCode")]
    ret_code: i64,
    #[serde(rename = "Message")]
    message: &'a str,
}

/// Serializes a success answer: `Action`, `RetCode` 0 and the fields of
/// `fields`, which must serialize as a map (a struct or a JSON object).
pub(crate) fn success<T: Serialize>(response_name: &str, fields: &T) -> Result<Reply, ApiError> {
    let mut body = Vec::with_capacity(4096);
    serde_json::to_writer(
        &mut body,
        &Success {
            action: response_name,
            ret_code: 0,
            fields,
        },
    )
    .map(|()| Reply(body))
    .map_err(|e| {
        ApiError::new(
            retcodes::INVALID_PARAMS,
            format!("cannot write the answer: {e}"),
        )
    })
}

/// Serializes an error answer: `Action`, `RetCode` and `Message`.
pub(crate) fn failure(response_name: &str, error: &ApiError) -> Vec<u8> {
    let answer = Failure {
        action: response_name,
        ret_code: error.code,
        message: &error.message,
    };
    // A struct of a str, an integer and a str always serializes.
    serde_json::to_vec(&answer).unwrap_or_default()
}

/// The response name for an action name: `X` answers as `XResponse`.
pub(crate) fn response_name(action: &str) -> String {
    format!("{action}Response")
}

/// A fresh random UUID (version 4 layout) for the `X-UCLOUD-REQUEST-UUID`
/// header.
pub(crate) fn request_uuid() -> String {
    let bits = fastrand::u128(..);
    let bits = (bits & !(0xf << 76)) | (0x4 << 76);
    let bits = (bits & !(0x3 << 62)) | (0x2 << 62);
    let hex = format!("{bits:032x}");
    let (a, rest) = hex.split_at(8);
    let (b, rest) = rest.split_at(4);
    let (c, rest) = rest.split_at(4);
    let (d, e) = rest.split_at(4);
    format!("{a}-{b}-{c}-{d}-{e}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_uuids_are_uuid_shaped_and_fresh() {
        let a = request_uuid();
        let b = request_uuid();
        assert_ne!(a, b);
        let groups: Vec<usize> = a.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12]);
        assert!(a.chars().all(|c| c == '-' || c.is_ascii_hexdigit()));
        assert_eq!(a.as_bytes()[14], b'4');
    }

    #[test]
    fn success_puts_envelope_and_fields_together() {
        let reply = success("XResponse", &serde_json::json!({"UHostId": "uhost-1"})).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&reply.0).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"Action": "XResponse", "RetCode": 0, "UHostId": "uhost-1"})
        );
    }

    #[test]
    fn failure_carries_the_message() {
        let body = failure("Response", &ApiError::missing("Action"));
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(v["RetCode"], 230);
        assert_eq!(v["Message"], "Params [Action] not available");
    }
}
