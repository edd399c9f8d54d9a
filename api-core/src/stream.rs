//! A declared action's parameters streamed straight into the signature and
//! the form body, with the client's own parameters merged in at their
//! places, so that nothing is collected or sorted.
//!
//! `#[api_action]` writes an action's fields in bytewise order of their
//! wire names, elements of arrays in bytewise order of their indices
//! (`Ids.0`, `Ids.1`, `Ids.10`, `Ids.2`), and the fields of request
//! objects in order too: the order signing needs. The client's parameters
//! (`Action`, `PublicKey`, `SecurityToken` and the defaults of `Region`,
//! `Zone` and `ProjectId`) are a short sorted list merged in as the
//! action's names go by. Each key is checked against the one before; a
//! key out of order (a hand-written parameter type, say), a key longer
//! than [`KEY_MAX`], or a name the client sets itself marks the stream
//! [`Streamed::abandoned`], and the call is encoded the collecting way
//! instead, which sorts and reports duplicates.

use std::fmt;

use crate::action::ActionMeta;
use crate::error::Error;
use crate::form;
use crate::sign::Signer;

/// The longest nested key (`Disks.0.Type`) streamed; longer ones are
/// encoded the collecting way.
const KEY_MAX: usize = 128;

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

/// Which of the common parameters an action takes, and whether it
/// requires each: worked out from its metadata at compile time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CommonSet {
    /// `Region`, `Zone`, `ProjectId`: `None` when not taken, else whether
    /// required.
    pub(crate) takes: [Option<bool>; 3],
}

impl CommonSet {
    /// The common parameters `meta` lists.
    pub(crate) const fn of(meta: &ActionMeta) -> CommonSet {
        let mut takes = [None; 3];
        let mut i = 0;
        while i < meta.params.len() {
            let p = &meta.params[i];
            if p.common {
                let slot = if str_eq(p.wire_name, "Region") {
                    0
                } else if str_eq(p.wire_name, "Zone") {
                    1
                } else if str_eq(p.wire_name, "ProjectId") {
                    2
                } else {
                    3
                };
                if slot < 3 {
                    takes[slot] = Some(p.required);
                }
            }
            i += 1;
        }
        CommonSet { takes }
    }
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// What a parameter the client adds stands for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ExtraKind {
    /// Always sent; the action may not set it (`Action`, `PublicKey`,
    /// `SecurityToken`).
    Fixed,
    /// Never sent, and the action may not set it either (`Signature`).
    Reserved,
    /// A default, sent unless the action sets the name.
    Default,
    /// A required common parameter without a default: an error unless the
    /// action sets it.
    Missing,
}

/// One parameter the client adds.
#[derive(Clone, Copy)]
struct Extra<'a> {
    name: &'static str,
    value: &'a str,
    /// Made ready when the client was built; `None` to write `name` and
    /// `value` when sent.
    fragment: Option<&'a Fragment>,
    kind: ExtraKind,
}

impl<'a> Extra<'a> {
    const NONE: Extra<'static> = Extra {
        name: "",
        value: "",
        fragment: None,
        kind: ExtraKind::Reserved,
    };
}

/// The previous key, for the order check.
#[derive(Clone, Copy)]
enum Prev<'a> {
    None,
    Top(&'a str),
    /// In `prev_key`.
    Nested,
}

/// The signature and body of one call being written.
pub(crate) struct Streamed<'a> {
    signer: Signer,
    body: String,
    /// The client's parameters, sorted by name, `extras_len` of them.
    extras: [Extra<'a>; 7],
    extras_len: usize,
    /// The next extra to merge.
    next: usize,
    /// Whether the action's name is written as itself in a form.
    action_plain: bool,
    prev: Prev<'a>,
    prev_key: [u8; KEY_MAX],
    prev_len: usize,
    /// The nested key being written, starting with `root`.
    key: [u8; KEY_MAX],
    key_len: usize,
    root: &'a str,
    /// Pairs the action wrote.
    written: usize,
    abandoned: bool,
}

impl fmt::Debug for Streamed<'_> {
    /// The pairs written so far, not their values.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Streamed")
            .field("written", &self.written)
            .field("abandoned", &self.abandoned)
            .finish_non_exhaustive()
    }
}

/// The client's side of a streamed call.
pub(crate) struct ClientSide<'a> {
    pub(crate) public_key: &'a str,
    pub(crate) security_token: Option<&'a str>,
    pub(crate) defaults: [Option<&'a str>; 3],
    pub(crate) fragments: &'a Fragments,
}

impl<'a> Streamed<'a> {
    /// A stream for the action named `action` (`action_plain` when its
    /// name needs no form encoding), which takes `commons`, with room for
    /// about `params` parameters.
    #[inline]
    pub(crate) fn new(
        action: &'static str,
        action_plain: bool,
        commons: CommonSet,
        client: &ClientSide<'a>,
        params: usize,
    ) -> Self {
        let fragments = client.fragments;
        let mut extras = [Extra::NONE; 7];
        let mut extras_len = 0;
        let mut add = |extra: Extra<'a>| {
            extras[extras_len] = extra;
            extras_len += 1;
        };
        let common = |slot: usize, name: &'static str, fragment: Option<&'a Fragment>| {
            let required = commons.takes[slot]?;
            match client.defaults[slot] {
                Some(value) => Some(Extra {
                    name,
                    value,
                    fragment,
                    kind: ExtraKind::Default,
                }),
                None => required.then_some(Extra {
                    name,
                    value: "",
                    fragment: None,
                    kind: ExtraKind::Missing,
                }),
            }
        };
        // In order of their names.
        add(Extra {
            name: "Action",
            value: action,
            fragment: None,
            kind: ExtraKind::Fixed,
        });
        if let Some(extra) = common(2, "ProjectId", fragments.project_id.as_ref()) {
            add(extra);
        }
        add(Extra {
            name: "PublicKey",
            value: client.public_key,
            fragment: Some(&fragments.public_key),
            kind: ExtraKind::Fixed,
        });
        if let Some(extra) = common(0, "Region", fragments.region.as_ref()) {
            add(extra);
        }
        if let Some(token) = client.security_token {
            add(Extra {
                name: "SecurityToken",
                value: token,
                fragment: fragments.security_token.as_ref(),
                kind: ExtraKind::Fixed,
            });
        }
        add(Extra {
            name: "Signature",
            ..Extra::NONE
        });
        if let Some(extra) = common(1, "Zone", fragments.zone.as_ref()) {
            add(extra);
        }
        Streamed {
            signer: Signer::new(),
            body: String::with_capacity(192 + 24 * params),
            extras,
            extras_len,
            next: 0,
            action_plain,
            prev: Prev::None,
            prev_key: [0; KEY_MAX],
            prev_len: 0,
            key: [0; KEY_MAX],
            key_len: 0,
            root: "",
            written: 0,
            abandoned: false,
        }
    }

    /// How many pairs the action wrote.
    #[inline]
    pub(crate) fn written(&self) -> usize {
        self.written
    }

    /// The length of the nested key; 0 at the top level.
    #[inline]
    pub(crate) fn key_len(&self) -> usize {
        self.key_len
    }

    /// The nested key written so far.
    #[inline]
    pub(crate) fn key(&self) -> &str {
        std::str::from_utf8(&self.key[..self.key_len]).unwrap_or("")
    }

    /// Starts a nested key at the top-level name `root`.
    #[inline]
    pub(crate) fn begin_nested(&mut self, root: &'a str) {
        self.root = root;
        self.key_len = 0;
        self.push_bytes(root.as_bytes());
    }

    /// Appends `.segment` to the nested key.
    #[inline]
    pub(crate) fn push_segment(&mut self, segment: &str) {
        self.push_bytes(b".");
        self.push_bytes(segment.as_bytes());
    }

    #[inline]
    fn push_bytes(&mut self, bytes: &[u8]) {
        match self.key.get_mut(self.key_len..self.key_len + bytes.len()) {
            Some(room) => {
                room.copy_from_slice(bytes);
                self.key_len += bytes.len();
            }
            None => self.abandoned = true,
        }
    }

    /// Cuts the nested key back to `len` bytes.
    #[inline]
    pub(crate) fn truncate_key(&mut self, len: usize) {
        self.key_len = len.min(self.key_len);
    }

    /// A pair whose key is the top-level name `key`.
    #[inline]
    pub(crate) fn top(&mut self, key: &'a str, value: &str) -> Result<(), Error> {
        self.written += 1;
        if self.abandoned {
            return Ok(());
        }
        self.merge_before(key)?;
        let in_order = match self.prev {
            Prev::None => true,
            Prev::Top(prev) => key_less(prev.as_bytes(), key.as_bytes()),
            Prev::Nested => key_less(&self.prev_key[..self.prev_len], key.as_bytes()),
        };
        if !in_order || self.abandoned {
            self.abandoned = true;
            return Ok(());
        }
        self.prev = Prev::Top(key);
        self.signer.bytes(key.as_bytes());
        self.signer.bytes(value.as_bytes());
        self.body.push_str(key);
        self.body.push('=');
        form::encode_into(&mut self.body, value);
        self.body.push('&');
        Ok(())
    }

    /// A pair whose key is the nested key written so far.
    #[inline]
    pub(crate) fn nested(&mut self, value: &str) -> Result<(), Error> {
        self.written += 1;
        if self.abandoned {
            return Ok(());
        }
        self.merge_before(self.root)?;
        let key = &self.key[..self.key_len];
        let in_order = match self.prev {
            Prev::None => true,
            Prev::Top(prev) => key_less(prev.as_bytes(), key),
            Prev::Nested => key_less(&self.prev_key[..self.prev_len], key),
        };
        if !in_order || self.abandoned {
            self.abandoned = true;
            return Ok(());
        }
        self.prev_key[..key.len()].copy_from_slice(key);
        self.prev_len = key.len();
        self.prev = Prev::Nested;
        self.signer.bytes(key);
        self.signer.bytes(value.as_bytes());
        // The key is made of names and digits: the conversion cannot fail.
        self.body
            .push_str(std::str::from_utf8(key).unwrap_or_default());
        self.body.push('=');
        form::encode_into(&mut self.body, value);
        self.body.push('&');
        Ok(())
    }

    /// Sends the client's parameters that sort before the action's name
    /// `root`; takes a default the action overrides off the list.
    #[inline]
    fn merge_before(&mut self, root: &str) -> Result<(), Error> {
        while self.next < self.extras_len {
            let extra = self.extras[self.next];
            if key_less(extra.name.as_bytes(), root.as_bytes()) {
                self.next += 1;
                self.send_extra(extra)?;
                continue;
            }
            if extra.name == root {
                match extra.kind {
                    ExtraKind::Default | ExtraKind::Missing => self.next += 1,
                    ExtraKind::Fixed | ExtraKind::Reserved => self.abandoned = true,
                }
            }
            break;
        }
        Ok(())
    }

    fn send_extra(&mut self, extra: Extra<'_>) -> Result<(), Error> {
        match (extra.kind, extra.fragment) {
            (ExtraKind::Reserved, _) => {}
            (ExtraKind::Missing, _) => {
                return Err(Error::invalid_request(format!(
                    "`{0}` is required; set it on the request or give the client a default {0}",
                    extra.name
                )));
            }
            (_, Some(fragment)) => {
                self.signer.bytes(fragment.signed.as_bytes());
                self.body.push_str(&fragment.body);
            }
            (_, None) => {
                self.signer.bytes(extra.name.as_bytes());
                self.signer.bytes(extra.value.as_bytes());
                self.body.push_str(extra.name);
                self.body.push('=');
                if self.action_plain && extra.name == "Action" {
                    self.body.push_str(extra.value);
                } else {
                    form::encode_into(&mut self.body, extra.value);
                }
                self.body.push('&');
            }
        }
        Ok(())
    }

    /// The signed body, or `None` when the stream was abandoned.
    pub(crate) fn finish(mut self, private_key: &str) -> Result<Option<String>, Error> {
        while !self.abandoned && self.next < self.extras_len {
            let extra = self.extras[self.next];
            self.next += 1;
            self.send_extra(extra)?;
        }
        if self.abandoned {
            return Ok(None);
        }
        self.body.push_str("Signature=");
        self.signer.finish_into(private_key, &mut self.body);
        Ok(Some(self.body))
    }
}

/// Whether `a` sorts strictly before `b` bytewise; the first bytes are
/// compared inline, which decides most pairs without a call.
#[inline]
fn key_less(a: &[u8], b: &[u8]) -> bool {
    match (a.first(), b.first()) {
        (Some(x), Some(y)) if x != y => x < y,
        _ => a < b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::{ParamMeta, ParamWriter, Params};

    const META: ActionMeta = ActionMeta {
        name: "DescribeThing",
        params: &[
            common("Region", true),
            common("Zone", false),
            common("ProjectId", false),
        ],
        retryable: true,
        doc: "",
    };

    const fn common(wire_name: &'static str, required: bool) -> ParamMeta {
        ParamMeta {
            wire_name,
            kind: crate::ParamKind::String,
            required,
            common: true,
            secret: false,
            base64: false,
            doc: "",
            fields: &[],
        }
    }

    /// Streams what `write` writes for a client with a region and a
    /// project; returns the body, `None` when the stream was given up.
    fn stream<'a>(
        write: impl FnOnce(&mut ParamWriter<'_, 'a>) -> Result<(), Error>,
    ) -> Result<Option<String>, Error> {
        static FRAGMENTS: std::sync::LazyLock<Fragments> = std::sync::LazyLock::new(|| Fragments {
            public_key: Fragment::of("PublicKey", "pk"),
            security_token: None,
            region: Some(Fragment::of("Region", "cn-bj2")),
            zone: None,
            project_id: Some(Fragment::of("ProjectId", "org-1")),
        });
        let client = ClientSide {
            public_key: "pk",
            security_token: None,
            defaults: [Some("cn-bj2"), None, Some("org-1")],
            fragments: &FRAGMENTS,
        };
        let mut stream = Streamed::new("DescribeThing", true, CommonSet::of(&META), &client, 4);
        write(&mut ParamWriter::streaming(&mut stream))?;
        stream.finish("sk")
    }

    /// The body the collecting way, for the same pairs.
    fn collected(pairs: &[(&str, &str)]) -> String {
        let mut params = Params::new();
        for (key, value) in [
            ("Action", "DescribeThing"),
            ("PublicKey", "pk"),
            ("Region", "cn-bj2"),
            ("ProjectId", "org-1"),
        ]
        .iter()
        .chain(pairs)
        {
            params.push(*key, *value);
        }
        params.sort().unwrap();
        crate::prepare::signed_body(&params, "sk")
    }

    #[test]
    fn common_sets_come_from_the_metadata() {
        assert_eq!(
            CommonSet::of(&META).takes,
            [Some(true), Some(false), Some(false)]
        );
    }

    #[test]
    fn pairs_in_order_stream_with_the_clients_merged_in() {
        let ids = vec!["a".to_string(); 12];
        let (name, zone) = ("x y".to_string(), "cn-bj2-02".to_string());
        let body = stream(|w| {
            w.field("Ids", &ids)?;
            w.field("Name", &name)?;
            w.field("Zone", &zone)
        })
        .unwrap()
        .expect("streamed");
        let mut pairs: Vec<(String, &str)> = (0..12).map(|i| (format!("Ids.{i}"), "a")).collect();
        pairs.push(("Name".into(), "x y"));
        pairs.push(("Zone".into(), "cn-bj2-02"));
        let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        assert_eq!(body, collected(&pairs));
    }

    #[test]
    fn an_overridden_default_is_sent_once() {
        let region = "cn-sh2".to_string();
        let body = stream(|w| w.field("Region", &region))
            .unwrap()
            .expect("streamed");
        assert!(
            body.contains("&Region=cn-sh2&") && !body.contains("cn-bj2"),
            "{body}"
        );
    }

    #[test]
    fn disorder_clashes_and_long_keys_give_the_stream_up() {
        let (a, b) = ("1".to_string(), "2".to_string());
        assert_eq!(
            stream(|w| {
                w.field("Zeta", &a)?;
                w.field("Alpha", &b)
            })
            .unwrap(),
            None
        );
        assert_eq!(
            stream(|w| {
                w.field("Name", &a)?;
                w.field("Name", &b)
            })
            .unwrap(),
            None
        );
        assert_eq!(stream(|w| w.field("PublicKey", &a)).unwrap(), None);
        assert_eq!(stream(|w| w.field("Signature", &a)).unwrap(), None);
        let long = "N".repeat(KEY_MAX);
        assert_eq!(
            stream(|w| w.named("Root", |w| w.named(&long, |w| w.value("v")))).unwrap(),
            None
        );
    }

    #[test]
    fn a_missing_required_common_parameter_is_an_error() {
        let fragments = Fragments::default();
        let client = ClientSide {
            public_key: "pk",
            security_token: None,
            defaults: [None; 3],
            fragments: &fragments,
        };
        let stream = Streamed::new("DescribeThing", true, CommonSet::of(&META), &client, 0);
        let err = stream.finish("sk").unwrap_err();
        assert!(err.to_string().contains("`Region` is required"), "{err}");
    }
}
