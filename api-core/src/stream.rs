//! A declared action's parameters streamed straight into the signature and
//! the form body, so that nothing is collected or sorted.
//!
//! `#[api_action]` writes an action's fields in bytewise order of their
//! wire names, with the client's parameters (`Action`, `PublicKey`,
//! `SecurityToken`, and the defaults of `Region`, `Zone` and `ProjectId`)
//! at their places among them; elements of arrays come in bytewise order
//! of their indices (`Ids.0`, `Ids.1`, `Ids.10`, `Ids.2`) and the fields of
//! request objects in order too: the order signing needs. Wire names made
//! of letters, digits and `_` only keep the keys of a field's elements and
//! fields before the next field's name, as each such character sorts after
//! the `.` that joins them. An action streams when all of its parameter
//! types say they write in order ([`ParamValue::SORTED`]); otherwise the
//! call is collected and sorted instead.
//!
//! [`ParamValue::SORTED`]: crate::ParamValue::SORTED

use std::fmt;

use crate::error::Error;
use crate::form;
use crate::sign::Signer;

/// The client's own parameters, each made ready once when the client is
/// built: `Name=value&` for the body, `Namevalue` for the signature.
#[derive(Default)]
pub(crate) struct Fragments {
    pub(crate) public_key: Fragment,
    pub(crate) security_token: Option<Fragment>,
    pub(crate) region: Option<Fragment>,
    pub(crate) zone: Option<Fragment>,
    pub(crate) project_id: Option<Fragment>,
}

/// One parameter of the client's, ready to stream.
#[derive(Default)]
pub(crate) struct Fragment {
    /// `Name=value&`, the value form-encoded.
    body: Box<str>,
    /// `Namevalue`, as signed.
    signed: Box<str>,
}

impl Fragment {
    /// The fragment of `name` set to `value`.
    pub(crate) fn of(name: &str, value: &str) -> Fragment {
        let mut body = String::with_capacity(name.len() + value.len() + 8);
        body.push_str(name);
        body.push('=');
        form::encode_into(&mut body, value);
        body.push('&');
        Fragment {
            body: body.into_boxed_str(),
            signed: [name, value].concat().into_boxed_str(),
        }
    }
}

impl fmt::Debug for Fragments {
    /// Nothing: the fragments hold the security token.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Fragments")
    }
}

/// A parameter the client sets on every call, placed by generated code.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientParam {
    /// `Action`.
    Action,
    /// `PublicKey`.
    PublicKey,
    /// `SecurityToken`, when the credential has one.
    SecurityToken,
}

/// A common parameter, filled from the client's default when the call
/// leaves it unset; placed by generated code.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommonParam {
    /// `Region`.
    Region = 0,
    /// `Zone`.
    Zone,
    /// `ProjectId`.
    ProjectId,
}

impl CommonParam {
    /// The wire name.
    pub const fn wire_name(self) -> &'static str {
        match self {
            CommonParam::Region => "Region",
            CommonParam::Zone => "Zone",
            CommonParam::ProjectId => "ProjectId",
        }
    }
}

/// The signature and body of one call being written.
pub(crate) struct Streamed<'a> {
    signer: Signer,
    body: String,
    fragments: &'a Fragments,
    action: &'static str,
    /// Pairs the action wrote.
    written: usize,
    /// Required common parameters without a value or a default, indexed
    /// by [`CommonParam`].
    missing: [bool; 3],
}

impl fmt::Debug for Streamed<'_> {
    /// How far it got, not what it wrote.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Streamed")
            .field("action", &self.action)
            .field("written", &self.written)
            .finish_non_exhaustive()
    }
}

impl<'a> Streamed<'a> {
    /// A stream for the action named `action`, sent with the client's
    /// `fragments`, with room for about `params` parameters.
    #[cfg_attr(debug_assertions, inline)]
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub(crate) fn new(action: &'static str, fragments: &'a Fragments, params: usize) -> Self {
        Streamed {
            signer: Signer::new(),
            body: String::with_capacity(192 + 24 * params),
            fragments,
            action,
            written: 0,
            missing: [false; 3],
        }
    }

    /// How many pairs the action wrote.
    #[cfg_attr(debug_assertions, inline)]
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub(crate) fn written(&self) -> usize {
        self.written
    }

    /// A pair whose key is the top-level name `key`.
    #[cfg_attr(debug_assertions, inline)]
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub(crate) fn top(&mut self, key: &str, value: &str) {
        self.written += 1;
        self.pair(key, value);
    }

    /// A pair whose key is a nested name, `Disks.0.Type`.
    #[cfg_attr(debug_assertions, inline)]
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub(crate) fn nested(&mut self, key: &str, value: &str) {
        self.written += 1;
        self.pair(key, value);
    }

    #[cfg_attr(debug_assertions, inline)]
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn pair(&mut self, key: &str, value: &str) {
        self.signer.bytes(key.as_bytes());
        self.signer.bytes(value.as_bytes());
        form::push_short(&mut self.body, key);
        self.body.push('=');
        form::encode_into(&mut self.body, value);
        self.body.push('&');
    }

    fn fragment(&mut self, fragment: &Fragment) {
        self.raw(&fragment.signed, &fragment.body);
    }

    /// A pair made ready beforehand: `Namevalue` as signed, `Name=value&`
    /// for the body.
    #[inline]
    pub(crate) fn raw(&mut self, signed: &str, body: &str) {
        self.signer.bytes(signed.as_bytes());
        form::push_short(&mut self.body, body);
    }

    /// Writes one of the client's parameters.
    pub(crate) fn client_param(&mut self, which: ClientParam) {
        let fragments = self.fragments;
        match which {
            // Generated code writes a plain name with `action_param`; this
            // is for the others, whose names need encoding.
            ClientParam::Action => self.pair("Action", self.action),
            ClientParam::PublicKey => self.fragment(&fragments.public_key),
            ClientParam::SecurityToken => {
                if let Some(token) = &fragments.security_token {
                    self.fragment(token);
                }
            }
        }
    }

    /// Writes the client's default of a common parameter the call left
    /// unset; notes it missing when there is none and the action requires
    /// it ([`Streamed::finish`] fails then).
    pub(crate) fn common_default(&mut self, which: CommonParam, required: bool) {
        let fragments = self.fragments;
        let fragment = match which {
            CommonParam::Region => &fragments.region,
            CommonParam::Zone => &fragments.zone,
            CommonParam::ProjectId => &fragments.project_id,
        };
        match fragment {
            Some(fragment) => self.fragment(fragment),
            None if required => self.missing[which as usize] = true,
            None => {}
        }
    }

    /// The signed body; fails, as a collected call does after all of its
    /// parameters were written, when a required common parameter had
    /// neither a value nor a default.
    pub(crate) fn finish(&mut self, private_key: &str) -> Result<String, Error> {
        let missing = [
            CommonParam::Region,
            CommonParam::Zone,
            CommonParam::ProjectId,
        ]
        .into_iter()
        .find(|which| self.missing[*which as usize]);
        if let Some(which) = missing {
            return Err(Error::invalid_request(format!(
                "`{0}` is required; set it on the request or give the client a default {0}",
                which.wire_name()
            )));
        }
        self.body.push_str("Signature=");
        self.signer.finish_into(private_key, &mut self.body);
        Ok(std::mem::take(&mut self.body))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::{ParamWriter, Params};

    static FRAGMENTS: std::sync::LazyLock<Fragments> = std::sync::LazyLock::new(|| Fragments {
        public_key: Fragment::of("PublicKey", "pk@x"),
        security_token: Some(Fragment::of("SecurityToken", "t/k")),
        region: Some(Fragment::of("Region", "cn-bj2")),
        zone: None,
        project_id: Some(Fragment::of("ProjectId", "org-1")),
    });

    /// Streams what `write` writes for a client with a region, a project
    /// and a token.
    fn stream<'a>(
        write: impl FnOnce(&mut ParamWriter<'_, 'a>) -> Result<(), Error>,
    ) -> Result<String, Error> {
        let mut stream = Streamed::new("Describe Thing", &FRAGMENTS, 4);
        write(&mut ParamWriter::streaming(&mut stream))?;
        stream.finish("sk")
    }

    /// The body the collecting way, for the same pairs.
    fn collected(pairs: &[(&str, &str)]) -> String {
        let mut params = Params::new();
        for (key, value) in pairs {
            params.push(*key, *value);
        }
        params.sort().unwrap();
        crate::prepare::signed_body(&params, "sk")
    }

    #[test]
    fn pairs_in_order_stream_with_the_clients_own_in_place() {
        let ids: Vec<String> = (0..12).map(|i| i.to_string()).collect();
        let (name, zone) = ("x y&".to_string(), "cn-bj2-02".to_string());
        let none = None::<String>;
        let body = stream(|w| {
            w.client_param(ClientParam::Action);
            w.field("Ids", &ids)?;
            w.field("Name", &name)?;
            w.common_field(CommonParam::ProjectId, false, &none)?;
            w.client_param(ClientParam::PublicKey);
            w.common_field(CommonParam::Region, true, &none)?;
            w.client_param(ClientParam::SecurityToken);
            w.common_field(CommonParam::Zone, false, &zone)
        })
        .unwrap();
        let keys: Vec<String> = (0..12).map(|i| format!("Ids.{i}")).collect();
        let mut pairs: Vec<(&str, &str)> = keys.iter().map(|k| (k.as_str(), "")).collect();
        for (pair, id) in pairs.iter_mut().zip(&ids) {
            pair.1 = id;
        }
        pairs.extend([
            ("Action", "Describe Thing"),
            ("Name", "x y&"),
            ("ProjectId", "org-1"),
            ("PublicKey", "pk@x"),
            ("Region", "cn-bj2"),
            ("SecurityToken", "t/k"),
            ("Zone", "cn-bj2-02"),
        ]);
        assert_eq!(body, collected(&pairs));
    }

    #[test]
    fn a_value_of_the_calls_own_replaces_the_default() {
        let region = Some("cn-sh2".to_string());
        let body = stream(|w| w.common_field(CommonParam::Region, true, &region)).unwrap();
        assert!(body.starts_with("Region=cn-sh2&Signature="), "{body}");
    }

    #[test]
    fn a_missing_required_common_parameter_is_an_error() {
        let none = None::<String>;
        assert!(
            stream(|w| w.common_field(CommonParam::Zone, false, &none))
                .unwrap()
                .starts_with("Signature=")
        );
        let err = stream(|w| w.common_field(CommonParam::Zone, true, &none)).unwrap_err();
        assert!(err.to_string().contains("`Zone` is required"), "{err}");
    }

    #[test]
    fn nested_keys_of_any_length_stream() {
        let long = "N".repeat(300);
        let body = stream(|w| w.named("Root", |w| w.named(&long, |w| w.value("v")))).unwrap();
        assert!(
            body.starts_with(&format!("Root.{long}=v&Signature=")),
            "{body}"
        );
    }
}
