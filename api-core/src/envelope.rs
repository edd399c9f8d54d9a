//! Decoding an answer: the common `RetCode`/`Action`/`Message` envelope and
//! the action's own fields, in one pass over the body.
//!
//! The typed response is deserialized straight from the body through a
//! thin wrapper that takes `RetCode`, `Message` and `Action` out of the
//! top-level object as they go by, so the response types need not declare
//! them and the body is parsed once. A response struct that does declare a
//! `Message` field gets the message as well, for actions that answer with
//! one on success (ModifyUHostIP).

use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::error::{Error, excerpt};

/// The envelope fields of an answer that decide its outcome. `Action`
/// (e.g. `CreateCustomImageResponse`) is skipped: it says nothing the
/// caller does not know.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Envelope {
    /// `RetCode`: 0 on success.
    pub ret_code: Option<i64>,
    /// `Message`, when present.
    pub message: Option<String>,
}

/// Decodes a 2xx answer of `action` into `R`, or the API error it reports.
pub fn decode<R: DeserializeOwned>(
    action: &str,
    body: &[u8],
    request_uuid: Option<&str>,
) -> Result<R, Error> {
    let mut envelope = Envelope::default();
    // A body checked as UTF-8 once, in bulk, spares checking every string
    // in it again; one that is not UTF-8 is read as bytes, which reports
    // where it fails.
    let typed = match std::str::from_utf8(body) {
        Ok(text) => read(serde_json::Deserializer::from_str(text), &mut envelope),
        Err(_) => read(serde_json::Deserializer::from_slice(body), &mut envelope),
    };
    match typed {
        Ok(value) => match envelope.ret_code {
            Some(0) => Ok(value),
            Some(code) => Err(api_error(action, code, envelope.message, request_uuid)),
            None => Err(decode_error(
                action,
                ".",
                "the answer has no RetCode",
                body,
                request_uuid,
            )),
        },
        Err(_) => Err(diagnose::<R>(action, body, request_uuid)),
    }
}

/// Deserializes `R` from `json`, recording the envelope, and checks that
/// nothing but whitespace follows.
fn read<'de, R: Deserialize<'de>, J: serde_json::de::Read<'de>>(
    mut json: serde_json::Deserializer<J>,
    envelope: &mut Envelope,
) -> serde_json::Result<R> {
    let value = R::deserialize(Enveloped {
        inner: &mut json,
        envelope,
    })?;
    json.end()?;
    Ok(value)
}

/// Works out why a body did not decode: an API error whose other fields do
/// not fit the response type, or a decode error with the failing path.
fn diagnose<R: DeserializeOwned>(action: &str, body: &[u8], request_uuid: Option<&str>) -> Error {
    if let Ok(head) = serde_json::from_slice::<Head>(body)
        && let Some(code) = head.ret_code.filter(|code| *code != 0)
    {
        return api_error(action, code, head.message, request_uuid);
    }
    let mut json = serde_json::Deserializer::from_slice(body);
    match serde_path_to_error::deserialize::<_, R>(&mut json) {
        Err(err) => {
            let path = err.path().to_string();
            decode_error(
                action,
                &path,
                &err.into_inner().to_string(),
                body,
                request_uuid,
            )
        }
        Ok(_) => {
            let reason = match json.end() {
                Err(e) => e.to_string(),
                Ok(()) => "the answer is not a JSON object with a RetCode".to_owned(),
            };
            decode_error(action, ".", &reason, body, request_uuid)
        }
    }
}

fn api_error(
    action: &str,
    code: i64,
    message: Option<String>,
    request_uuid: Option<&str>,
) -> Error {
    Error::Api {
        action: action.to_owned(),
        code,
        message: message.unwrap_or_default(),
        request_uuid: request_uuid.map(str::to_owned),
        attempts: 1,
    }
}

fn decode_error(
    action: &str,
    path: &str,
    reason: &str,
    body: &[u8],
    request_uuid: Option<&str>,
) -> Error {
    let reason = if body.is_empty() {
        "the body is empty".to_owned()
    } else {
        reason.to_owned()
    };
    Error::Decode {
        action: action.to_owned(),
        path: path.into(),
        reason,
        excerpt: excerpt(body),
        request_uuid: request_uuid.map(str::to_owned),
        attempts: 1,
    }
}

/// The envelope alone, for diagnosing bodies whose other fields failed.
#[derive(Deserialize)]
struct Head {
    #[serde(rename = "RetCode", default, deserialize_with = "ret_code")]
    ret_code: Option<i64>,
    #[serde(rename = "Message", default)]
    message: Option<String>,
}

fn ret_code<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    d.deserialize_any(RetCodeVisitor).map(Some)
}

/// `RetCode` as a number or a numeric string.
struct RetCodeVisitor;

impl Visitor<'_> for RetCodeVisitor {
    type Value = i64;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an integer RetCode, as a number or a numeric string")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        Ok(v)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| E::custom(format!("RetCode {v} is out of range")))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<i64, E> {
        if v.fract() == 0.0 && v.abs() < 9.0e15 {
            #[allow(clippy::cast_possible_truncation)]
            Ok(v as i64)
        } else {
            Err(E::custom(format!("RetCode {v} is not an integer")))
        }
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<i64, E> {
        v.trim()
            .parse()
            .map_err(|_| E::custom(format!("RetCode {v:?} is not a number")))
    }
}

/// A deserializer that hands the response type every top-level field but
/// the envelope's, which it records.
struct Enveloped<'e, D> {
    inner: D,
    envelope: &'e mut Envelope,
}

impl<'de, D: Deserializer<'de>> Enveloped<'_, D> {
    /// Reads the top-level object, handing `Message` on to the visitor too
    /// when `keep_message` is set.
    fn read<V: Visitor<'de>>(self, visitor: V, keep_message: bool) -> Result<V::Value, D::Error> {
        self.inner.deserialize_map(EnvelopedVisitor {
            inner: visitor,
            envelope: self.envelope,
            keep_message,
        })
    }
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Enveloped<'_, D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.read(visitor, false)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.read(visitor, fields.contains(&"Message"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

struct EnvelopedVisitor<'e, V> {
    inner: V,
    envelope: &'e mut Envelope,
    /// Whether the response type declares `Message` and is handed it too.
    keep_message: bool,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for EnvelopedVisitor<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object with a RetCode")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.inner.visit_map(EnvelopedMap {
            inner: map,
            envelope: self.envelope,
            keep_message: self.keep_message,
            pending_message: None,
        })
    }
}

struct EnvelopedMap<'e, A> {
    inner: A,
    envelope: &'e mut Envelope,
    keep_message: bool,
    /// The message, already read, that the response type is to get as the
    /// value of the `Message` key just handed to it.
    pending_message: Option<String>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for EnvelopedMap<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        loop {
            let Some(key) = self.inner.next_key_seed(KeySeed)? else {
                return Ok(None);
            };
            match key.as_str() {
                "RetCode" => {
                    let code = self.inner.next_value_seed(RetCodeSeed)?;
                    self.envelope.ret_code = Some(code);
                }
                "Message" => {
                    let message = self.inner.next_value::<Option<String>>()?;
                    if self.keep_message && message.is_some() {
                        self.pending_message.clone_from(&message);
                        self.envelope.message = message;
                        return seed
                            .deserialize(de::value::BorrowedStrDeserializer::new("Message"))
                            .map(Some);
                    }
                    self.envelope.message = message;
                }
                "Action" => {
                    self.inner.next_value::<de::IgnoredAny>()?;
                }
                _ => {
                    return match key {
                        Key::Borrowed(k) => {
                            seed.deserialize(de::value::BorrowedStrDeserializer::new(k))
                        }
                        Key::Owned(k) => seed.deserialize(k.into_deserializer()),
                    }
                    .map(Some);
                }
            }
        }
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        match self.pending_message.take() {
            Some(message) => seed.deserialize(message.into_deserializer()),
            None => self.inner.next_value_seed(seed),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

/// A map key, borrowed from the body when it has no escapes.
enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(k) => k,
            Key::Owned(k) => k,
        }
    }
}

struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key<'de>, D::Error> {
        d.deserialize_str(KeySeed)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Key<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
        Ok(Key::Borrowed(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
        Ok(Key::Owned(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
        Ok(Key::Owned(v))
    }
}

struct RetCodeSeed;

impl<'de> DeserializeSeed<'de> for RetCodeSeed {
    type Value = i64;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<i64, D::Error> {
        d.deserialize_any(RetCodeVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Debug, Default, PartialEq)]
    #[serde(default)]
    struct Created {
        #[serde(rename = "ImageId")]
        image_id: String,
        #[serde(rename = "DataSnapshotIds")]
        data_snapshot_ids: Vec<String>,
    }

    #[test]
    fn success_decodes_fields_and_strips_the_envelope() {
        let body = br#"{"Action":"CreateCustomImageResponse","DataSnapshotIds":["hoSgBxwr"],"ImageId":"uimage-xxx","RetCode":0,"Extra":{"a":[1,2]}}"#;
        let got: Created = decode("CreateCustomImage", body, None).unwrap();
        assert_eq!(
            got,
            Created {
                image_id: "uimage-xxx".into(),
                data_snapshot_ids: vec!["hoSgBxwr".into()]
            }
        );
    }

    #[test]
    fn a_value_type_sees_no_envelope_fields() {
        let body = br#"{"RetCode":0,"Action":"XResponse","Message":"","Items":[1]}"#;
        let got: serde_json::Value = decode("X", body, None).unwrap();
        assert_eq!(got, serde_json::json!({"Items": [1]}));
    }

    #[test]
    fn a_struct_that_declares_message_gets_it_and_the_envelope_keeps_it() {
        #[derive(Deserialize, Debug, Default, PartialEq)]
        #[serde(default)]
        struct Noted {
            #[serde(rename = "Message")]
            message: String,
            #[serde(rename = "UHostId")]
            uhost_id: String,
        }
        let body = br#"{"Action":"ModifyUHostIPResponse","Message":"done","RetCode":0,"UHostId":"uhost-1"}"#;
        let got: Noted = decode("ModifyUHostIP", body, None).unwrap();
        assert_eq!(
            (got.message.as_str(), got.uhost_id.as_str()),
            ("done", "uhost-1")
        );
        let quiet: Noted =
            decode("ModifyUHostIP", br#"{"RetCode":0,"Message":null}"#, None).unwrap();
        assert_eq!(quiet, Noted::default());
        let err = decode::<Noted>(
            "ModifyUHostIP",
            br#"{"RetCode":8010,"Message":"stop first"}"#,
            None,
        )
        .unwrap_err();
        assert!(
            matches!(&err, Error::Api { message, .. } if message == "stop first"),
            "{err:?}"
        );
        let created: Created =
            decode("A", br#"{"RetCode":0,"Message":"x","ImageId":"i"}"#, None).unwrap();
        assert_eq!(created.image_id, "i");
    }

    #[test]
    fn non_zero_ret_code_is_an_api_error_with_message_and_uuid() {
        let body =
            br#"{"RetCode":8039,"Action":"CreateCustomImageResponse","Message":"host deleted"}"#;
        let err = decode::<Created>("CreateCustomImage", body, Some("uuid-1")).unwrap_err();
        match err {
            Error::Api {
                code,
                message,
                request_uuid,
                action,
                ..
            } => {
                assert_eq!((code, message.as_str()), (8039, "host deleted"));
                assert_eq!(request_uuid.as_deref(), Some("uuid-1"));
                assert_eq!(action, "CreateCustomImage");
            }
            other => panic!("expected an API error, got {other:?}"),
        }
    }

    #[test]
    fn ret_code_may_be_a_numeric_string() {
        let ok: Created = decode("A", br#"{"RetCode":"0","ImageId":"i"}"#, None).unwrap();
        assert_eq!(ok.image_id, "i");
        let err = decode::<Created>("A", br#"{"RetCode":"171","Message":"bad signature"}"#, None)
            .unwrap_err();
        assert_eq!(err.code(), Some(171));
        let err = decode::<Created>("A", br#"{"RetCode":"abc"}"#, None).unwrap_err();
        assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    }

    #[test]
    fn api_error_wins_when_the_other_fields_do_not_fit() {
        let body = br#"{"RetCode":230,"Message":"Params [X] not available","ImageId":17}"#;
        assert_eq!(
            decode::<Created>("A", body, None).unwrap_err().code(),
            Some(230)
        );
    }

    #[test]
    fn decode_errors_name_the_failing_field() {
        let body = br#"{"RetCode":0,"DataSnapshotIds":["a",5]}"#;
        match decode::<Created>("A", body, None).unwrap_err() {
            Error::Decode { path, excerpt, .. } => {
                assert_eq!(&*path, "DataSnapshotIds[1]");
                assert!(excerpt.starts_with("{\"RetCode\""));
            }
            other => panic!("expected a decode error, got {other:?}"),
        }
    }

    #[test]
    fn truncated_empty_and_non_object_bodies_are_decode_errors() {
        for body in [
            &br#"{"RetCode":0,"ImageId":"ui"#[..],
            b"",
            b"[1,2]",
            b"<html>oops</html>",
            br#"{"ImageId":"x"}"#,
            br#"{"RetCode":0} trailing"#,
        ] {
            let err = decode::<Created>("A", body, None).unwrap_err();
            assert!(matches!(err, Error::Decode { .. }), "{body:?}: {err:?}");
        }
        let err = decode::<Created>("A", b"", None).unwrap_err();
        assert!(err.to_string().contains("the body is empty"), "{err}");
    }

    #[test]
    fn escaped_keys_are_matched_too() {
        let body = br#"{"Ret\u0043ode":0,"Image\u0049d":"esc"}"#;
        let got: Created = decode("A", body, None).unwrap();
        assert_eq!(got.image_id, "esc");
    }
}
