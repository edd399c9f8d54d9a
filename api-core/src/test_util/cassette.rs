//! The cassette format: one JSON object per line, one line per attempt,
//! in the order the attempts were sent.
//!
//! ```text
//! {"action":"DescribeUHostInstance","attempt":1,"params":{"Limit":"10","Region":"cn-bj2"},"status":200,"request_uuid":"6f1c…","response":{"Action":"DescribeUHostInstanceResponse","RetCode":0,"TotalCount":0,"UHostSet":[]}}
//! {"action":"StopUHostInstance","attempt":1,"params":{"Region":"cn-bj2","UHostId":"uhost-1"},"error":{"kind":"timeout","message":"per-attempt timeout"}}
//! ```
//!
//! - `params`: what was sent, without `Action` (it has its own field),
//!   `PublicKey`, `SecurityToken` and `Signature`; the value of every
//!   secret parameter (a password, user data, a token, a private key) is
//!   `<redacted>`.
//! - An answer has `status`, `request_uuid` and either `response` (a JSON
//!   body, where every string under a secret-named field is `<redacted>`)
//!   or `body` (any other body, as text).
//! - A failed attempt has `error`: `kind` is one of `connect`,
//!   `connect_timeout`, `timeout`, `local_resources`, `too_large` (with
//!   `limit`) and `other`; `message` says what happened.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::answer::{Answer, Failure};
use super::wire::WireParams;
use crate::error::TimeoutKind;
use crate::redact::{REDACTED, is_secret_name, is_secret_param, url_without_userinfo};
use crate::transport::{HttpResponse, TransportError};

/// One attempt and how it ended.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Exchange {
    pub(crate) action: String,
    #[serde(default = "first_attempt")]
    pub(crate) attempt: u32,
    #[serde(default)]
    pub(crate) params: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) status: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) request_uuid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) response: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) body: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) error: Option<RecordedError>,
}

fn first_attempt() -> u32 {
    1
}

/// A failed attempt.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RecordedError {
    pub(crate) kind: ErrorKind,
    #[serde(default)]
    pub(crate) message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) limit: Option<usize>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ErrorKind {
    Connect,
    ConnectTimeout,
    Timeout,
    LocalResources,
    TooLarge,
    Other,
}

impl Exchange {
    /// The record of one attempt, secrets removed: `extra_secrets` names
    /// parameters to treat as secret besides the default rule, and `url`
    /// is the address sent to (its user information is kept out of
    /// error messages).
    pub(crate) fn record(
        action: String,
        attempt: u32,
        params: WireParams,
        result: &Result<HttpResponse, TransportError>,
        extra_secrets: &[String],
        url: &str,
    ) -> Exchange {
        let params = params
            .into_map()
            .into_iter()
            .map(|(key, value)| {
                if is_secret_param(&key, &[], extra_secrets) {
                    (key, REDACTED.to_owned())
                } else {
                    (key, value)
                }
            })
            .collect();
        let mut exchange = Exchange {
            action,
            attempt,
            params,
            status: None,
            request_uuid: None,
            response: None,
            body: None,
            error: None,
        };
        match result {
            Ok(answer) => {
                exchange.status = Some(answer.status);
                exchange.request_uuid.clone_from(&answer.request_uuid);
                match serde_json::from_slice::<Value>(&answer.body) {
                    Ok(mut json) => {
                        redact_json(&mut json, false);
                        exchange.response = Some(json);
                    }
                    Err(_) if answer.body.is_empty() => {}
                    Err(_) => {
                        exchange.body = Some(String::from_utf8_lossy(&answer.body).into_owned());
                    }
                }
            }
            Err(error) => exchange.error = Some(RecordedError::of(error, url)),
        }
        exchange
    }

    /// The recorded answer, to serve again.
    pub(crate) fn answer(&self) -> Answer {
        if let Some(error) = &self.error {
            return Answer::failure(error.failure());
        }
        let body = match (&self.response, &self.body) {
            (Some(json), _) => serde_json::to_vec(json).unwrap_or_default(),
            (None, Some(text)) => text.clone().into_bytes(),
            (None, None) => Vec::new(),
        };
        let answer = Answer::body(self.status.unwrap_or(200), body);
        match &self.request_uuid {
            Some(uuid) => answer.request_uuid(uuid.clone()),
            None => answer,
        }
    }

    /// What is wrong with a line read from a cassette, if anything.
    pub(crate) fn problem(&self) -> Option<&'static str> {
        match (self.status, &self.error) {
            (None, None) => Some("it has neither a `status` nor an `error`"),
            (Some(_), Some(_)) => Some("it has both a `status` and an `error`"),
            _ if self.response.is_some() && self.body.is_some() => {
                Some("it has both a `response` and a `body`")
            }
            _ => None,
        }
    }
}

impl RecordedError {
    fn of(error: &TransportError, url: &str) -> RecordedError {
        let (kind, limit) = match error {
            TransportError::Connect(_) => (ErrorKind::Connect, None),
            TransportError::LocalResources(_) => (ErrorKind::LocalResources, None),
            TransportError::Timeout(TimeoutKind::Connect) => (ErrorKind::ConnectTimeout, None),
            TransportError::Timeout(_) => (ErrorKind::Timeout, None),
            TransportError::TooLarge { limit, .. } => (ErrorKind::TooLarge, Some(*limit)),
            _ => (ErrorKind::Other, None),
        };
        let mut message = chain(error);
        let shown = url_without_userinfo(url);
        if shown != url {
            message = message.replace(url, &shown);
        }
        RecordedError {
            kind,
            message,
            limit,
        }
    }

    fn failure(&self) -> Failure {
        let message = if self.message.is_empty() {
            "a recorded transport failure".to_owned()
        } else {
            format!("{} (recorded)", self.message)
        };
        match self.kind {
            ErrorKind::Connect => Failure::Refused(message),
            ErrorKind::ConnectTimeout => Failure::Timeout(TimeoutKind::Connect),
            ErrorKind::Timeout => Failure::Timeout(TimeoutKind::Attempt),
            ErrorKind::LocalResources => Failure::LocalResources(message),
            ErrorKind::TooLarge => Failure::TooLarge(self.limit.unwrap_or(0)),
            ErrorKind::Other => Failure::Other(message),
        }
    }
}

/// An error and its causes, `: `-separated.
fn chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut next = error.source();
    while let Some(cause) = next {
        let part = cause.to_string();
        if !text.contains(&part) {
            text.push_str(": ");
            text.push_str(&part);
        }
        next = cause.source();
    }
    text
}

/// Replaces every string under a field whose name reads as a secret
/// (`Password`, `PrivateKeyBody`, `AccessToken`) with `<redacted>`.
fn redact_json(value: &mut Value, secret: bool) {
    match value {
        Value::String(text) if secret => REDACTED.clone_into(text),
        Value::Array(items) => items.iter_mut().for_each(|v| redact_json(v, secret)),
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                redact_json(v, secret || is_secret_name(key));
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_leave_out_credentials_and_secrets() {
        let (action, params) = WireParams::from_body(
            "Action=CreateUHostInstance&Password=c2VjcmV0&PublicKey=pk&Region=cn-bj2&SecurityToken=tok&Signature=sig&Tag=t",
        );
        let body = br#"{"RetCode":0,"KeyPair":{"PrivateKeyBody":"-----BEGIN"},"Ids":["u1"]}"#;
        let answer = HttpResponse::new(200, Some("req-1".into()), body.to_vec());
        let exchange = Exchange::record(
            action.unwrap_or_default(),
            1,
            params,
            &Ok(answer),
            &["Tag".to_owned()],
            "http://127.0.0.1:1",
        );
        let line = serde_json::to_string(&exchange).unwrap_or_default();
        assert_eq!(
            line,
            r#"{"action":"CreateUHostInstance","attempt":1,"params":{"Password":"<redacted>","Region":"cn-bj2","Tag":"<redacted>"},"status":200,"request_uuid":"req-1","response":{"Ids":["u1"],"KeyPair":{"PrivateKeyBody":"<redacted>"},"RetCode":0}}"#
        );
    }

    #[test]
    fn failures_keep_user_information_out() {
        let url = "http://user:hunter22@127.0.0.1:1/";
        let error = TransportError::Connect(format!("cannot reach {url}").into());
        let recorded = RecordedError::of(&error, url);
        assert!(
            !recorded.message.contains("hunter22"),
            "{}",
            recorded.message
        );
        assert!(matches!(recorded.kind, ErrorKind::Connect));
    }
}
