//! A request's parameters as the server receives them, read back from the
//! signed form body, and how two parameter sets differ.

use std::collections::BTreeMap;
use std::fmt;

use crate::action::{Action, COMMON_PARAMS};
use crate::params::{Params, is_under};
use crate::redact::{REDACTED, is_secret_name};

/// Parameters that carry the call's credential rather than its request.
const CREDENTIAL_PARAMS: [&str; 3] = ["PublicKey", "SecurityToken", "Signature"];

/// The parameters of one request as the server receives them: decoded
/// from the form body, sorted bytewise by key (`Ids.10` before `Ids.2`),
/// without `Action`, `PublicKey`, `SecurityToken` and `Signature`.
///
/// Values are the wire text: numbers as the client prints them, arrays as
/// `Name.0`, `Name.1`, …, object fields as `Name.Field`, base64 passwords
/// encoded.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct WireParams {
    entries: BTreeMap<String, String>,
}

impl WireParams {
    /// The parameters of a signed form body, and its `Action`.
    pub(crate) fn from_body(body: &str) -> (Option<String>, WireParams) {
        let mut action = None;
        let mut entries = BTreeMap::new();
        for (key, value) in form_urlencoded::parse(body.as_bytes()) {
            if key == "Action" {
                action = Some(value.into_owned());
            } else if !CREDENTIAL_PARAMS.contains(&key.as_ref()) {
                entries.insert(key.into_owned(), value.into_owned());
            }
        }
        (action, WireParams { entries })
    }

    /// The parameters `action` writes itself, without the client's
    /// defaults.
    pub(crate) fn of_action<A: Action + ?Sized>(action: &A) -> Result<WireParams, String> {
        let mut params = Params::new();
        action
            .write_params(&mut params.writer())
            .map_err(|e| e.to_string())?;
        Ok(WireParams::from_pairs(params.iter()))
    }

    /// Parameters from `(key, value)` pairs; a later pair replaces an
    /// earlier one with the same key.
    pub(crate) fn from_pairs<'p>(pairs: impl IntoIterator<Item = (&'p str, &'p str)>) -> Self {
        WireParams {
            entries: pairs
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
        }
    }

    pub(crate) fn from_map(entries: BTreeMap<String, String>) -> Self {
        WireParams { entries }
    }

    pub(crate) fn into_map(self) -> BTreeMap<String, String> {
        self.entries
    }

    /// The value of `key` (`Limit`, `UHostIds.0`, `Disks.1.Type`), if sent.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.entries.get(key).map(String::as_str)
    }

    /// The elements of the array `name` in index order: the values of
    /// `name.0`, `name.1`, … up to the first index not sent.
    pub fn list(&self, name: &str) -> Vec<&str> {
        (0..)
            .map_while(|i| self.get(&format!("{name}.{i}")))
            .collect()
    }

    /// Whether `name` itself or anything under it (`name.…`) was sent.
    pub fn contains(&self, name: &str) -> bool {
        self.entries.keys().any(|k| is_under(k, name))
    }

    /// The `(key, value)` pairs, sorted bytewise by key.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entries.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// How many pairs were sent.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no parameter was sent.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// `Key="value"` pairs separated by spaces, with `<redacted>` for values
/// whose key reads as a secret (a password, user data, a token).
impl fmt::Display for WireParams {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.entries.is_empty() {
            return f.write_str("no parameters");
        }
        for (i, (key, value)) in self.entries.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{key}={:?}", shown(key, value))?;
        }
        Ok(())
    }
}

impl fmt::Debug for WireParams {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.entries.iter().map(|(k, v)| (k, shown(k, v))))
            .finish()
    }
}

/// A value as messages may show it.
fn shown<'v>(key: &str, value: &'v str) -> &'v str {
    if is_secret_name(key) { REDACTED } else { value }
}

/// How `sent` differs from `expected`, one line per key, empty when they
/// agree.
///
/// With `defaults_free`, a common parameter (`Region`, `Zone`,
/// `ProjectId`) that `expected` leaves out may have any value, since the
/// client fills it from its defaults. An expected `<redacted>` (a secret
/// removed from a cassette) matches any value.
pub(crate) fn differences(
    expected: &WireParams,
    sent: &WireParams,
    defaults_free: bool,
    ignored: &[String],
) -> Vec<String> {
    let skip = |key: &str| ignored.iter().any(|name| is_under(key, name));
    let mut out = Vec::new();
    for (key, want) in &expected.entries {
        if skip(key) {
            continue;
        }
        match sent.entries.get(key) {
            Some(got) if got == want || want == REDACTED => {}
            Some(got) => out.push(format!(
                "{key}: expected {:?}, sent {:?}",
                shown(key, want),
                shown(key, got)
            )),
            None => out.push(format!("{key}: expected {:?}, not sent", shown(key, want))),
        }
    }
    for (key, got) in &sent.entries {
        if skip(key) || expected.entries.contains_key(key) {
            continue;
        }
        let filled_default = defaults_free
            && COMMON_PARAMS.iter().any(|name| is_under(key, name))
            && !expected.contains(key);
        if !filled_default {
            out.push(format!("{key}: sent {:?}, not expected", shown(key, got)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> WireParams {
        WireParams::from_pairs(pairs.iter().copied())
    }

    #[test]
    fn bodies_decode_without_credential_params() {
        let (action, params) = WireParams::from_body(
            "Action=DescribeUHostInstance&Limit=10&Name=a+b%26c&PublicKey=pk&Signature=s&UHostIds.0=u1&UHostIds.1=u2",
        );
        assert_eq!(action.as_deref(), Some("DescribeUHostInstance"));
        assert_eq!(params.get("Name"), Some("a b&c"));
        assert_eq!(params.list("UHostIds"), ["u1", "u2"]);
        assert_eq!(params.get("PublicKey"), None);
        assert_eq!(params.get("Signature"), None);
        assert!(params.contains("UHostIds"));
        assert!(!params.contains("UHost"));
    }

    #[test]
    fn display_redacts_secret_values() {
        let shown = params(&[("Password", "hunter22"), ("Limit", "10")]).to_string();
        assert_eq!(shown, r#"Limit="10" Password="<redacted>""#);
    }

    #[test]
    fn defaults_may_fill_common_params_the_expectation_leaves_out() {
        let expected = params(&[("Limit", "10")]);
        let sent = params(&[("Limit", "10"), ("Region", "cn-bj2")]);
        assert!(differences(&expected, &sent, true, &[]).is_empty());
        assert_eq!(
            differences(&expected, &sent, false, &[]),
            [r#"Region: sent "cn-bj2", not expected"#]
        );
    }

    #[test]
    fn differences_name_each_key() {
        let expected = params(&[("Limit", "10"), ("Offset", "0"), ("Password", REDACTED)]);
        let sent = params(&[("Limit", "20"), ("Tag", "x"), ("Password", "pw-pw-pw")]);
        assert_eq!(
            differences(&expected, &sent, true, &[]),
            [
                r#"Limit: expected "10", sent "20""#,
                r#"Offset: expected "0", not sent"#,
                r#"Tag: sent "x", not expected"#,
            ]
        );
        assert!(
            differences(
                &expected,
                &sent,
                true,
                &["Limit".into(), "Offset".into(), "Tag".into()]
            )
            .is_empty()
        );
    }
}
