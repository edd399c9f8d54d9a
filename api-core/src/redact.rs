//! Keeping secrets out of traces, error messages and logs.
//!
//! A call carries secrets: password and user-data parameters, the security
//! token, the signature, and the private key the signature is made with.
//! A misbehaving server or proxy may echo the request back, and the client
//! quotes server text in its errors and logs. This module has the tools
//! that keep those secrets in:
//!
//! - [`is_secret_name`]: the rule that tells a secret parameter by its name
//!   alone, for parameters no metadata describes.
//! - [`RedactedParams`]: a call's parameters for traces, secrets shown as
//!   `<redacted>`.
//! - [`Scrubber`]: removes the exact secret values of one call, in every
//!   form they take on the wire or in a JSON answer, from text the server
//!   sent.
//! - [`url_without_userinfo`]: a URL without its `user:password@`.

// The client adopts these tools in a change of its own; until it does,
// only the tests use them.

use std::borrow::Cow;
use std::fmt;
use std::fmt::Write as _;
use std::sync::OnceLock;

use base64::Engine as _;

use crate::form;
use crate::params::{ParamMeta, Params};
use crate::sign;

/// What a secret is replaced with.
pub(crate) const REDACTED: &str = "<redacted>";

/// The shortest secret text, in bytes, that [`Scrubber`] looks for.
///
/// Shorter values would match inside unrelated text (a three-character
/// password also occurs in ordinary words, numbers and JSON keys) and
/// mangle it. They are still redacted by name in traces
/// ([`RedactedParams`]), and a value that short is no real protection
/// anyway.
pub(crate) const MIN_SECRET_LEN: usize = 4;

/// Parameters of the signing scheme that are secret whatever the action
/// says: the STS token and the signature.
const CREDENTIAL_PARAMS: [&str; 2] = ["SecurityToken", "Signature"];

/// Words that make a parameter name secret, lower case, each also matched
/// with a trailing `s` (`AccessTokens`) and as two adjacent words joined
/// (`User` + `Data`, `Pass` + `Word`, `Private` + `Key`).
///
/// `private` on its own is not on the list: `PrivateIp` and `PrivateMac`
/// are addresses, not secrets; `PrivateKey` is caught as `privatekey`.
const SECRET_WORDS: [&str; 9] = [
    "password",
    "passwd",
    "pwd",
    "pass",
    "secret",
    "token",
    "credential",
    "privatekey",
    "userdata",
];

/// The length of the longest word of [`SECRET_WORDS`], plus a plural `s`.
const LONGEST_WORD: usize = 11;

/// Whether a parameter name reads as a secret.
///
/// The name is split into words at every character that is not an ASCII
/// letter (`.`, `_`, `-`, digits, …), where lower case turns to upper case
/// (`LoginPassword` → `Login`, `Password`) and where an upper-case run
/// turns into a capitalized word (`HTTPPassword` → `HTTP`, `Password`;
/// `UHostId` → `U`, `Host`, `Id`; a plural `s` stays with its acronym, as
/// in `IPs`). The name is secret when a word, or two adjacent words
/// joined, equals one of `password`, `passwd`, `pwd`, `pass`, `secret`,
/// `token`, `credential`, `privatekey` or `userdata`, ignoring case and a
/// trailing `s`.
///
/// So `Password`, `Disks.0.Password`, `PassWord`, `DbPwd`, `SecurityToken`,
/// `AccessTokens`, `ClientSecret`, `Credentials`, `PrivateKey`, `UserData`,
/// `user_data` and `X-Auth-Token` are secret, while `Passport`, `Bypass`,
/// `PassengerCount`, `TokenizerMode`, `KeyPairId`, `PublicKey`,
/// `PrivateIp` and `UHostId` are not: a secret word inside a longer word
/// does not count.
pub(crate) fn is_secret_name(name: &str) -> bool {
    let mut previous = "";
    for word in Words::new(name) {
        if is_secret_word(word, "") || (!previous.is_empty() && is_secret_word(previous, word)) {
            return true;
        }
        previous = word;
    }
    false
}

/// Whether `first` followed by `second` (which may be empty) spells a
/// word of [`SECRET_WORDS`], ignoring case and a trailing `s`. Allocates
/// nothing.
fn is_secret_word(first: &str, second: &str) -> bool {
    let len = first.len() + second.len();
    if len > LONGEST_WORD {
        return false;
    }
    let mut buf = [0u8; LONGEST_WORD];
    buf[..first.len()].copy_from_slice(first.as_bytes());
    buf[first.len()..len].copy_from_slice(second.as_bytes());
    buf[..len].make_ascii_lowercase();
    let joined = &buf[..len];
    let singular = joined.strip_suffix(b"s").unwrap_or(joined);
    SECRET_WORDS
        .iter()
        .any(|word| word.as_bytes() == joined || word.as_bytes() == singular)
}

/// The words of a name, as slices of it; see [`is_secret_name`].
struct Words<'n> {
    name: &'n str,
    pos: usize,
}

impl<'n> Words<'n> {
    fn new(name: &'n str) -> Self {
        Words { name, pos: 0 }
    }
}

impl<'n> Iterator for Words<'n> {
    type Item = &'n str;

    fn next(&mut self) -> Option<&'n str> {
        let bytes = self.name.as_bytes();
        // Anything but an ASCII letter separates words. Words are made of
        // ASCII bytes only, so every cut falls on a character boundary.
        while self.pos < bytes.len() && !bytes[self.pos].is_ascii_alphabetic() {
            self.pos += 1;
        }
        if self.pos == bytes.len() {
            return None;
        }
        let start = self.pos;
        let lower = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_lowercase);
        let upper = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_uppercase);
        let mut end = start + 1;
        while end < bytes.len() && bytes[end].is_ascii_alphabetic() {
            // `loginPassword`: lower case turning to upper case.
            let camel = lower(end - 1) && upper(end);
            // `HTTPPassword`: the last capital of a run starts the next
            // word, unless all that follows is a plural `s` (`IPs`).
            let plural = bytes.get(end + 1) == Some(&b's') && !lower(end + 2);
            let acronym = upper(end - 1) && upper(end) && lower(end + 1) && !plural;
            if camel || acronym {
                break;
            }
            end += 1;
        }
        self.pos = end;
        Some(&self.name[start..end])
    }
}

/// Whether the parameter `key` of a call is secret: its name is
/// [`SecurityToken` or `Signature`](CREDENTIAL_PARAMS), the action's
/// metadata marks it or an object field on its path secret, the caller
/// named it (or an enclosing name, such as `Disks` for `Disks.0.Type`) in
/// `extra_secret_names`, or [`is_secret_name`] says so of the full key.
pub(crate) fn is_secret_param(
    key: &str,
    meta: &[ParamMeta],
    extra_secret_names: &[String],
) -> bool {
    CREDENTIAL_PARAMS.contains(&key)
        || declared_secret(key, meta)
        || extra_secret_names.iter().any(|name| {
            key.strip_prefix(name.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
        })
        || is_secret_name(key)
}

/// Whether the metadata marks `key` (`Name`, `Name.0`, `Name.Field`, …) or
/// any name on its path secret.
fn declared_secret(key: &str, meta: &[ParamMeta]) -> bool {
    let mut level = meta;
    for segment in key.split('.') {
        if segment.bytes().all(|b| b.is_ascii_digit()) {
            // An array index: the element has its array's fields.
            continue;
        }
        match level.iter().find(|p| p.wire_name == segment) {
            Some(p) if p.secret => return true,
            Some(p) => level = p.fields,
            None => return false,
        }
    }
    false
}

/// A call's parameters for traces: `Key="value"` pairs separated by
/// spaces, with `<redacted>` for the value of every secret parameter (see
/// [`is_secret_param`]). `PublicKey` is shown: it names the account but
/// signs nothing.
pub(crate) struct RedactedParams<'p, 'a> {
    params: &'p Params<'a>,
    meta: &'p [ParamMeta],
    extra_secret_names: &'p [String],
}

impl<'p, 'a> RedactedParams<'p, 'a> {
    /// Shows `params`, with `meta` the action's parameter metadata (empty
    /// for a generic call) and `extra_secret_names` the names the caller
    /// declared secret.
    pub(crate) fn new(
        params: &'p Params<'a>,
        meta: &'p [ParamMeta],
        extra_secret_names: &'p [String],
    ) -> Self {
        RedactedParams {
            params,
            meta,
            extra_secret_names,
        }
    }
}

impl fmt::Display for RedactedParams<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (key, value)) in self.params.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            if is_secret_param(key, self.meta, self.extra_secret_names) {
                write!(f, "{key}={REDACTED}")?;
            } else {
                write!(f, "{key}={value:?}")?;
            }
        }
        Ok(())
    }
}

/// Removes the secrets of one call from text that came back from the
/// server (error messages, body excerpts) before the client quotes it.
///
/// The secrets are the value of every secret parameter (the rule of
/// [`is_secret_param`]), the private key, the security token and the
/// request's signature. Each is looked for in every form an echo of the
/// request can show it in:
///
/// - the value itself;
/// - its standard base64 encoding;
/// - when the value is base64 of UTF-8 text (a password on the wire, user
///   data), that text;
/// - each of these `application/x-www-form-urlencoded` (as in the request
///   body), escaped as in a JSON string (both with `/` as is and as `\/`,
///   and with non-ASCII characters as `\uXXXX`), and escaped as Rust's
///   `Debug` quotes it.
///
/// Forms shorter than [`MIN_SECRET_LEN`] bytes are not looked for.
///
/// Building a scrubber copies nothing and computes nothing: the forms (and
/// the signature) are worked out when text is first scrubbed, which only
/// happens on the error path.
pub(crate) struct Scrubber<'p, 'a> {
    params: ParamSource<'p, 'a>,
    meta: &'p [ParamMeta],
    extra_secret_names: &'p [String],
    private_key: &'p str,
    security_token: Option<&'p str>,
    /// Secrets added with [`Scrubber::add_secret`].
    more: Vec<Cow<'p, str>>,
    /// Every form of every secret, worked out on first use.
    needles: OnceLock<Needles>,
}

/// The signed parameters of a call, as a scrubber finds them.
#[derive(Clone, Copy)]
pub(crate) enum ParamSource<'p, 'a> {
    /// Collected before signing.
    Ready(&'p Params<'a>),
    /// Streamed into the body without being collected: worked out again
    /// when text is first scrubbed.
    Later(&'p WorkOut<'p>),
}

/// Collects a streamed call's signed parameters again and hands them to
/// the function it is given.
pub(crate) type WorkOut<'w> = dyn Fn(&mut dyn FnMut(&Params<'_>)) + Send + Sync + 'w;

/// The texts to remove, longest first, without duplicates.
struct Needles {
    list: Vec<String>,
}

impl<'p, 'a> Scrubber<'p, 'a> {
    /// The scrubber of a call whose signed parameters are `params` (sorted,
    /// with `Action`, `PublicKey` and any `SecurityToken`, without
    /// `Signature`: the set [`sign::signature`] signs), whose action has
    /// the parameter metadata `meta` (empty for a generic call), whose
    /// caller declared `extra_secret_names` secret, and which is signed
    /// with `private_key` and carries `security_token`.
    ///
    /// The request's signature is computed from `params` and `private_key`
    /// when needed; the parameters must therefore be exactly those signed.
    pub(crate) fn for_call(
        params: ParamSource<'p, 'a>,
        meta: &'p [ParamMeta],
        extra_secret_names: &'p [String],
        private_key: &'p str,
        security_token: Option<&'p str>,
    ) -> Self {
        Scrubber {
            params,
            meta,
            extra_secret_names,
            private_key,
            security_token,
            more: Vec::new(),
            needles: OnceLock::new(),
        }
    }

    /// Adds one more secret, such as the password of a proxy URL.
    pub(crate) fn add_secret(&mut self, secret: impl Into<Cow<'p, str>>) {
        self.more.push(secret.into());
        // Forms already worked out do not include it.
        self.needles = OnceLock::new();
    }

    /// `text` with every occurrence of a secret replaced by `<redacted>`;
    /// borrowed when there was none.
    ///
    /// Occurrences may overlap (a secret and a longer one that contains
    /// it, or two that share text): every byte that belongs to any of them
    /// goes, and each run of such bytes becomes one `<redacted>`, so no
    /// part of a longer secret is left behind by a shorter one.
    ///
    /// Scrub text whole, before cutting an excerpt from it. For an excerpt
    /// already cut (text that ends with `…`, as [`crate::error::excerpt`]
    /// marks one), a secret's beginning of at least [`MIN_SECRET_LEN`]
    /// bytes just before the `…` is removed too. Elsewhere, a secret's
    /// beginning is ordinary text and stays.
    pub(crate) fn scrub<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let needles = &self.needles().list;
        if text.len() < MIN_SECRET_LEN || needles.is_empty() {
            return Cow::Borrowed(text);
        }
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for needle in needles {
            // Every start, overlapping ones included: `find` from one
            // character past the last start.
            let step = needle.chars().next().map_or(1, char::len_utf8);
            let mut from = 0;
            while let Some(at) = text[from..].find(needle.as_str()) {
                let start = from + at;
                spans.push((start, start + needle.len()));
                from = start + step;
            }
        }
        // A secret cut short where an excerpt was cut.
        if let Some(cut) = text.strip_suffix('…') {
            let end = cut.len();
            for needle in needles {
                let longest = needle.len().saturating_sub(1).min(end);
                if let Some(k) = (MIN_SECRET_LEN..=longest)
                    .rev()
                    .find(|&k| needle.is_char_boundary(k) && cut.ends_with(&needle[..k]))
                {
                    spans.push((end - k, end));
                }
            }
        }
        if spans.is_empty() {
            return Cow::Borrowed(text);
        }
        spans.sort_unstable();
        let mut out = String::with_capacity(text.len());
        let mut copied = 0;
        let mut spans = spans.into_iter().peekable();
        while let Some((start, mut stop)) = spans.next() {
            while let Some(&(next_start, next_stop)) = spans.peek() {
                if next_start > stop {
                    break;
                }
                stop = stop.max(next_stop);
                spans.next();
            }
            out.push_str(&text[copied..start]);
            out.push_str(REDACTED);
            copied = stop;
        }
        out.push_str(&text[copied..]);
        Cow::Owned(out)
    }

    /// Scrubs `text` in place; allocates only when it held a secret.
    pub(crate) fn scrub_string(&self, text: &mut String) {
        let scrubbed = match self.scrub(text) {
            Cow::Owned(scrubbed) => Some(scrubbed),
            Cow::Borrowed(_) => None,
        };
        if let Some(scrubbed) = scrubbed {
            *text = scrubbed;
        }
    }

    fn needles(&self) -> &Needles {
        self.needles.get_or_init(|| {
            let mut list = Vec::new();
            let mut gather = |params: &Params<'_>| {
                for (key, value) in params.iter() {
                    if is_secret_param(key, self.meta, self.extra_secret_names) {
                        add_forms(&mut list, value);
                    }
                }
                add_forms(&mut list, &sign::signature(params, self.private_key));
            };
            match self.params {
                ParamSource::Ready(params) => gather(params),
                ParamSource::Later(work_out) => work_out(&mut gather),
            }
            add_forms(&mut list, self.private_key);
            if let Some(token) = self.security_token {
                add_forms(&mut list, token);
            }
            for secret in &self.more {
                add_forms(&mut list, secret);
            }
            list.retain(|needle| needle.len() >= MIN_SECRET_LEN);
            list.sort_unstable_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
            list.dedup();
            Needles { list }
        })
    }
}

/// Adds every form of `secret` that [`Scrubber`] looks for to `out`.
fn add_forms(out: &mut Vec<String>, secret: &str) {
    if secret.is_empty() {
        return;
    }
    let engine = &base64::engine::general_purpose::STANDARD;
    let mut bases = vec![secret.to_owned(), engine.encode(secret)];
    if let Ok(bytes) = engine.decode(secret)
        && let Ok(text) = String::from_utf8(bytes)
    {
        bases.push(text);
    }
    for base in bases {
        let mut encoded = String::with_capacity(base.len());
        form::encode_into(&mut encoded, &base);
        out.push(encoded);
        out.push(json_escaped(&base, false));
        out.push(json_escaped(&base, true));
        out.push(base.escape_debug().to_string());
        out.push(base);
    }
}

/// `text` escaped as inside a JSON string: `"`, `\` and control characters
/// always; with `strict`, also `/` as `\/` and every non-ASCII character as
/// `\uXXXX` (UTF-16), as some servers write.
fn json_escaped(text: &str, strict: bool) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '/' if strict => out.push_str("\\/"),
            c if c < ' ' || (strict && !c.is_ascii()) => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// `url` without the `user:password@` of its authority; borrowed when it
/// has none.
///
/// A URL that parses is rewritten by [`reqwest::Url`] (and so comes back
/// normalized). One that does not is cut by hand: everything after `://`
/// (or from the start, without `://`) up to and including the last `@`
/// goes. That can take part of a path with it, but it never leaves a
/// password behind, even one with an unescaped `/`, `?` or `#` in it.
pub(crate) fn url_without_userinfo(url: &str) -> Cow<'_, str> {
    if let Ok(mut parsed) = reqwest::Url::parse(url)
        && parsed.has_host()
    {
        if parsed.username().is_empty() && parsed.password().is_none() {
            return Cow::Borrowed(url);
        }
        if parsed.set_username("").is_ok() && parsed.set_password(None).is_ok() {
            return Cow::Owned(parsed.into());
        }
    }
    let start = url.find("://").map_or(0, |i| i + 3);
    match url[start..].rfind('@') {
        Some(at) => Cow::Owned(format!("{}{}", &url[..start], &url[start + at + 1..])),
        None => Cow::Borrowed(url),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::ParamKind;

    const SECRET_NAMES: [&str; 24] = [
        "Password",
        "password",
        "PASSWORD",
        "LoginPassword",
        "Disks.0.Password",
        "NetworkInterface.1.EIP.Password",
        "DiskPassword",
        "Passwords",
        "PrivateKey",
        "private_key",
        "SecurityToken",
        "AccessTokens",
        "ClientSecret",
        "Credentials",
        "UserData",
        "user_data",
        "USER_DATA",
        "UserDataScript",
        "DbPwd",
        "PassWord",
        "HTTPPassword",
        "X-Auth-Token",
        "db-passwd",
        "Pass",
    ];

    const PLAIN_NAMES: [&str; 25] = [
        "Passport",
        "Bypass",
        "Compass",
        "PassengerCount",
        "TokenizerMode",
        "KeyPairId",
        "KeyPairIds.0",
        "PublicKey",
        "PublicKeyBody",
        "UHostId",
        "UHostIds.3",
        "Name",
        "Tag",
        "Remark",
        "Region",
        "PrivateIp.0",
        "PrivateMac",
        "DataUDiskIds.0",
        "AutoDataDiskInit",
        "Disks.0.KmsKeyId",
        "User",
        "Data",
        "Action",
        "",
        "0.1",
    ];

    #[test]
    fn secret_names_are_recognized() {
        for name in SECRET_NAMES {
            assert!(is_secret_name(name), "{name:?} should be secret");
        }
    }

    #[test]
    fn a_secret_word_inside_a_longer_word_does_not_count() {
        for name in PLAIN_NAMES {
            assert!(!is_secret_name(name), "{name:?} should not be secret");
        }
    }

    #[test]
    fn names_split_at_separators_digits_and_case_changes() {
        let split = |name| Words::new(name).collect::<Vec<_>>();
        assert_eq!(split("HTTPPassword"), ["HTTP", "Password"]);
        assert_eq!(split("UHostId"), ["U", "Host", "Id"]);
        assert_eq!(split("loginPassword"), ["login", "Password"]);
        assert_eq!(split("Disks.0.Type"), ["Disks", "Type"]);
        assert_eq!(split("x-auth_token2b"), ["x", "auth", "token", "b"]);
        assert_eq!(split("PrivateIPs"), ["Private", "IPs"]);
        assert_eq!(split("API_TOKENs"), ["API", "TOKENs"]);
        assert_eq!(split("naïve"), ["na", "ve"]);
        assert!(split("..-_12").is_empty());
    }

    const fn meta(
        wire_name: &'static str,
        secret: bool,
        fields: &'static [ParamMeta],
    ) -> ParamMeta {
        ParamMeta {
            wire_name,
            kind: ParamKind::String,
            required: false,
            common: false,
            secret,
            base64: false,
            doc: "",
            fields,
        }
    }

    const DISK_FIELDS: [ParamMeta; 2] = [meta("Type", false, &[]), meta("Key", true, &[])];
    const META: [ParamMeta; 4] = [
        meta("Name", false, &[]),
        meta("LoginCode", true, &[]),
        meta("Disks", false, &DISK_FIELDS),
        meta("Opaque", true, &[]),
    ];

    #[test]
    fn declared_credential_named_and_rule_secrets_are_secret() {
        let extra = vec!["Custom".to_owned(), "Nested.Field".to_owned()];
        let secret = |key| is_secret_param(key, &META, &extra);
        // Declared, at the top or on the path.
        assert!(secret("LoginCode"));
        assert!(secret("Disks.0.Key"));
        assert!(secret("Opaque.1.Anything"));
        // The signing scheme's own.
        assert!(secret("SecurityToken"));
        assert!(secret("Signature"));
        // Named by the caller, and what they contain.
        assert!(secret("Custom"));
        assert!(secret("Custom.0"));
        assert!(secret("Nested.Field.2"));
        // By the rule, declared or not.
        assert!(secret("Password"));
        assert!(secret("Disks.0.Password"));

        for plain in [
            "Name",
            "Disks.0.Type",
            "CustomName",
            "Nested.FieldName",
            "Nested",
            "PublicKey",
            "Action",
            "Region",
        ] {
            assert!(!secret(plain), "{plain:?} should not be secret");
        }
    }

    fn params<'a>(pairs: &[(&'a str, &'a str)]) -> Params<'a> {
        let mut params = Params::new();
        for &(key, value) in pairs {
            params.push(key, value);
        }
        params.sort().unwrap();
        params
    }

    #[test]
    fn traces_show_plain_values_quoted_and_secrets_redacted() {
        let params = params(&[
            ("Action", "CreateUHostInstance"),
            ("Name", "web \"1\""),
            ("LoginCode", "code-123"),
            ("Password", "cGFzc3dvcmQ="),
            ("Disks.0.Key", "disk-key-1"),
            ("Disks.0.Type", "CLOUD_SSD"),
            ("Custom", "custom-value"),
            ("PublicKey", "pub-1"),
            ("SecurityToken", "sts-token-1"),
            ("UserData", "IyEvYmluL3No"),
        ]);
        let extra = vec!["Custom".to_owned()];
        let text = RedactedParams::new(&params, &META, &extra).to_string();
        assert_eq!(
            text,
            "Action=\"CreateUHostInstance\" Custom=<redacted> Disks.0.Key=<redacted> \
             Disks.0.Type=\"CLOUD_SSD\" LoginCode=<redacted> Name=\"web \\\"1\\\"\" \
             Password=<redacted> PublicKey=\"pub-1\" SecurityToken=<redacted> \
             UserData=<redacted>"
        );
        assert_eq!(
            RedactedParams::new(&Params::new(), &[], &[]).to_string(),
            ""
        );
    }

    fn b64(text: &str) -> String {
        base64::engine::general_purpose::STANDARD.encode(text)
    }

    fn form_encoded(text: &str) -> String {
        let mut out = String::new();
        form::encode_into(&mut out, text);
        out
    }

    #[test]
    fn scrubbing_an_echoed_request_body_leaves_no_secret_in_any_form() {
        let password = "S3cret-Passw0rd!";
        let script = "#!/bin/sh\necho \"db_password=hunter2-db\" > /etc/app.conf\n";
        let (password_b64, user_data) = (b64(password), b64(script));
        let private_key = "private-key-0123456789";
        let token = "tok-5b7a0c2e-8d4f";
        let params = params(&[
            ("Action", "CreateUHostInstance"),
            ("ImageId", "uimage-abc"),
            ("Password", &password_b64),
            ("PublicKey", "public-key-1"),
            ("SecurityToken", token),
            ("UserData", &user_data),
        ]);
        let signature = sign::signature(&params, private_key);
        assert_eq!(signature.len(), 40);
        let mut body = String::new();
        for (key, value) in params.iter() {
            form::append_pair(&mut body, key, value);
        }
        form::append_pair(&mut body, "Signature", &signature);
        assert!(body.contains("%3D"), "{body}");

        let scrubber = Scrubber::for_call(
            ParamSource::Ready(&params),
            &[],
            &[],
            private_key,
            Some(token),
        );
        let all_forms = |secret: &str| {
            let mut forms = vec![
                secret.to_owned(),
                b64(secret),
                form_encoded(secret),
                form_encoded(&b64(secret)),
                json_escaped(secret, false),
                json_escaped(secret, true),
                secret.escape_debug().to_string(),
            ];
            forms.retain(|form| form.len() >= MIN_SECRET_LEN);
            forms
        };
        let mut forbidden = Vec::new();
        for secret in [
            password,
            &password_b64,
            script,
            &user_data,
            private_key,
            token,
            &signature,
        ] {
            forbidden.extend(all_forms(secret));
        }

        let json_message = serde_json::to_string(&body).unwrap();
        let echoes = [
            body.clone(),
            format!("bad request: {body}"),
            format!("{{\"RetCode\":230,\"Message\":{json_message}}}"),
            json_message.replace('/', "\\/"),
            format!("{body:?}"),
            format!("plain: {password} {script} {private_key} {password_b64}"),
        ];
        for echo in echoes {
            let scrubbed = scrubber.scrub(&echo);
            for secret in &forbidden {
                assert!(
                    !scrubbed.contains(secret.as_str()),
                    "{secret:?} is left in {scrubbed:?}"
                );
            }
            assert!(scrubbed.contains(REDACTED), "{scrubbed}");
        }
        let scrubbed = scrubber.scrub(&body);
        // What is not secret stays.
        for kept in [
            "Action=CreateUHostInstance",
            "ImageId=uimage-abc",
            "PublicKey=public-key-1",
            "Password=<redacted>",
            "SecurityToken=<redacted>",
            "UserData=<redacted>",
            "Signature=<redacted>",
        ] {
            assert!(scrubbed.contains(kept), "{kept:?} missing from {scrubbed}");
        }
    }

    #[test]
    fn text_without_secrets_is_borrowed() {
        let params = params(&[("Action", "Describe"), ("Password", "cGFzc3dvcmQ=")]);
        let scrubber =
            Scrubber::for_call(ParamSource::Ready(&params), &[], &[], "private-key", None);
        for text in ["", "abc", "nothing to see here", "pass"] {
            assert!(matches!(scrubber.scrub(text), Cow::Borrowed(_)), "{text:?}");
        }
        let mut text = String::from("the password is password");
        let before = text.as_ptr();
        scrubber.scrub_string(&mut text);
        assert_eq!(text, "the <redacted> is <redacted>");
        assert_ne!(text.as_ptr(), before);
        let mut clean = String::from("fine");
        scrubber.scrub_string(&mut clean);
        assert_eq!(clean, "fine");
    }

    #[test]
    fn overlapping_secrets_leave_no_tail() {
        let params = params(&[
            ("Action", "A"),
            ("Password", "abcdef-long-secret"),
            ("Secret", "xxabcd"),
            ("Token", "ababab"),
        ]);
        let scrubber = Scrubber::for_call(ParamSource::Ready(&params), &[], &[], "zzzz-key", None);
        // A shorter secret starting before a longer one.
        assert_eq!(scrubber.scrub("[xxabcdef-long-secret]"), "[<redacted>]");
        // Overlapping occurrences of one secret.
        assert_eq!(scrubber.scrub("<abababab>"), "<<redacted>>");
        // Adjacent occurrences become one.
        assert_eq!(scrubber.scrub("zzzz-keyzzzz-key."), "<redacted>.");
    }

    #[test]
    fn a_secret_cut_off_at_the_end_is_removed() {
        let params = params(&[("Action", "A"), ("Password", "S3cret-Passw0rd!")]);
        let scrubber =
            Scrubber::for_call(ParamSource::Ready(&params), &[], &[], "private-key-1", None);
        assert_eq!(
            scrubber.scrub("Password=S3cret-Pa…"),
            "Password=<redacted>…"
        );
        assert_eq!(
            scrubber.scrub("Password=UzNjcmV0LVBhc3N3MHJkIQ%3…"),
            "Password=<redacted>…"
        );
        // Fewer than MIN_SECRET_LEN bytes are not enough to tell.
        assert_eq!(scrubber.scrub("Password=S3c…"), "Password=S3c…");
        // Text that was not cut may end with anything.
        assert_eq!(scrubber.scrub("Password=S3cret-Pa"), "Password=S3cret-Pa");
        assert_eq!(scrubber.scrub("S3cret-Pa and more…"), "S3cret-Pa and more…");
    }

    #[test]
    fn short_and_empty_secrets_are_not_looked_for() {
        let params = params(&[
            ("Action", "A"),
            ("Password", "abc"),
            ("Token", ""),
            ("Name", "word"),
        ]);
        let scrubber = Scrubber::for_call(ParamSource::Ready(&params), &[], &[], "k", Some("t"));
        let needles = &scrubber.needles().list;
        assert!(
            needles.iter().all(|n| n.len() >= MIN_SECRET_LEN),
            "{needles:?}"
        );
        // `abc` is short, but its base64 (`YWJj`) is not.
        assert_eq!(
            scrubber.scrub("abc abcd YWJj word"),
            "abc abcd <redacted> word"
        );
    }

    #[test]
    fn declared_and_extra_secrets_are_scrubbed_and_others_kept() {
        let params = params(&[
            ("Action", "A"),
            ("LoginCode", "login-code-1"),
            ("Disks.0.Key", "disk-key-1"),
            ("Disks.0.Type", "CLOUD_SSD"),
            ("Custom", "custom-value"),
            ("Name", "my-host"),
            ("PrivateIp.0", "10.0.0.5"),
        ]);
        let extra = vec!["Custom".to_owned()];
        let scrubber = Scrubber::for_call(
            ParamSource::Ready(&params),
            &META,
            &extra,
            "private-key-1",
            None,
        );
        assert_eq!(
            scrubber.scrub(
                "login-code-1 disk-key-1 custom-value private-key-1 my-host CLOUD_SSD 10.0.0.5"
            ),
            "<redacted> <redacted> <redacted> <redacted> my-host CLOUD_SSD 10.0.0.5"
        );
    }

    #[test]
    fn added_secrets_are_scrubbed_even_after_first_use() {
        let params = params(&[("Action", "A")]);
        let mut scrubber =
            Scrubber::for_call(ParamSource::Ready(&params), &[], &[], "private-key-1", None);
        assert_eq!(scrubber.scrub("proxy-pass"), "proxy-pass");
        scrubber.add_secret("proxy-pass");
        scrubber.add_secret(String::from("owned-secret"));
        assert_eq!(
            scrubber.scrub("proxy-pass owned-secret"),
            "<redacted> <redacted>"
        );
    }

    #[test]
    fn secrets_are_found_in_json_and_debug_escapes() {
        let secret = "pa/ss\"wö\\rd\n";
        let params = params(&[("Action", "A"), ("Password", secret)]);
        let scrubber =
            Scrubber::for_call(ParamSource::Ready(&params), &[], &[], "private-key-1", None);
        for text in [
            serde_json::to_string(secret).unwrap(),
            r#""pa\/ss\"w\u00f6\\rd\n""#.to_owned(),
            format!("{secret:?}"),
            form_encoded(secret),
        ] {
            assert_eq!(scrubber.scrub(&text).trim_matches('"'), REDACTED, "{text}");
        }
        assert_eq!(json_escaped("\u{1}😀", true), "\\u0001\\ud83d\\ude00");
        assert_eq!(json_escaped("a/é", false), "a/é");
    }

    #[test]
    fn the_signature_is_derived_from_the_signed_parameters() {
        let params = params(&[("Action", "A"), ("PublicKey", "pub")]);
        let signature = sign::signature(&params, "private-key-1");
        let scrubber =
            Scrubber::for_call(ParamSource::Ready(&params), &[], &[], "private-key-1", None);
        assert_eq!(
            scrubber.scrub(&format!("Signature={signature}")),
            "Signature=<redacted>"
        );
    }

    #[test]
    fn urls_lose_their_user_and_password() {
        let cases = [
            (
                "https://user:pa55@api.example.com/v1?x=1",
                "https://api.example.com/v1?x=1",
            ),
            ("http://user@127.0.0.1:8080/", "http://127.0.0.1:8080/"),
            ("http://:pa55@127.0.0.1:8080/", "http://127.0.0.1:8080/"),
            // Does not parse: cut by hand, through the last `@`.
            (
                "http://user:pa/5?5#@exa mple.com/x",
                "http://exa mple.com/x",
            ),
            ("user:pa55@host:99999", "host:99999"),
        ];
        for (url, expected) in cases {
            let cleaned = url_without_userinfo(url);
            assert_eq!(cleaned, expected, "{url}");
            assert!(!cleaned.contains("pa55") && !cleaned.contains("pa/5"));
        }
        for url in [
            "https://api.ucloud.cn",
            "http://127.0.0.1:8080/path@not-userinfo",
            "not a url",
        ] {
            assert!(matches!(url_without_userinfo(url), Cow::Borrowed(u) if u == url));
        }
    }
}
