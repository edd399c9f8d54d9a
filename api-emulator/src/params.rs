//! Reading request parameters: the query string and the body (form or JSON)
//! merged into one flat, bytewise-sorted map, and typed access to it.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::fmt;
use std::ops::Bound;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Number;

use crate::answer::ApiError;

/// At most this many parameters are read from one request.
const MAX_PARAMS: usize = 10_000;

/// The flat parameters of one request, sorted bytewise by name.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Params {
    map: BTreeMap<String, String>,
}

/// Why the parameters of a request could not be read: the parameter at
/// fault (`body` when none in particular) and the reason.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ParamsError {
    pub(crate) param: String,
    pub(crate) reason: String,
}

impl ParamsError {
    /// A problem with the request as a whole.
    fn body(reason: impl Into<String>) -> Self {
        Self {
            param: "body".to_owned(),
            reason: reason.into(),
        }
    }

    /// A parameter given more than once.
    fn repeated(param: String, reason: &str) -> Self {
        Self {
            param,
            reason: reason.to_owned(),
        }
    }
}

impl Params {
    /// Parses the query string and the body and merges them.
    ///
    /// A body whose content type mentions `json` is read as a JSON object;
    /// any other body is read as `application/x-www-form-urlencoded`.
    ///
    /// A name may appear once: twice in the query string, twice in the body
    /// (for JSON, also after flattening), or in both with different values
    /// is refused, naming the parameter, because a proxy reading another
    /// copy would see another request than the one signed. The same value
    /// in the query string and the body is accepted.
    pub(crate) fn parse(
        query: Option<&str>,
        content_type: Option<&str>,
        body: &[u8],
    ) -> Result<Self, ParamsError> {
        let mut params = Self::default();
        if let Some(query) = query {
            params.read_form(query.as_bytes(), "query string")?;
        }
        let content_type = content_type.unwrap_or("").as_bytes();
        let mentions = |word: &[u8]| {
            content_type
                .windows(word.len())
                .any(|w| w.eq_ignore_ascii_case(word))
        };
        if mentions(b"multipart/") {
            return Err(ParamsError::body(format!(
                "unsupported Content-Type {:?}; use application/x-www-form-urlencoded or application/json",
                String::from_utf8_lossy(content_type)
            )));
        }
        let mut from_body = Self::default();
        if mentions(b"json") {
            if !body.iter().all(u8::is_ascii_whitespace) {
                from_body.read_json(body)?;
            }
        } else {
            from_body.read_form(body, "body")?;
        }
        for (key, value) in from_body.map {
            match params.map.get(&key) {
                Some(same) if *same == value => {}
                Some(_) => {
                    return Err(ParamsError::repeated(
                        key,
                        "given in the query string and in the body with different values",
                    ));
                }
                None => params.insert(key, value)?,
            }
        }
        Ok(params)
    }

    /// Builds parameters from name/value pairs.
    #[cfg(test)]
    pub(crate) fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        Self {
            map: pairs
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
        }
    }

    /// Adds a parameter that must not be there yet.
    fn insert(&mut self, key: String, value: String) -> Result<(), ParamsError> {
        if self.map.len() >= MAX_PARAMS {
            return Err(ParamsError::body(format!(
                "more than {MAX_PARAMS} parameters in one request"
            )));
        }
        match self.map.entry(key) {
            Entry::Vacant(slot) => {
                slot.insert(value);
                Ok(())
            }
            Entry::Occupied(slot) => Err(ParamsError::repeated(
                slot.key().clone(),
                "given more than once",
            )),
        }
    }

    fn read_form(&mut self, text: &[u8], place: &str) -> Result<(), ParamsError> {
        for pair in text.split(|&b| b == b'&') {
            if pair.is_empty() {
                continue;
            }
            let mut halves = pair.splitn(2, |&b| b == b'=');
            let key = halves.next().unwrap_or_default();
            let value = halves.next().unwrap_or_default();
            let key = percent_decode(key)
                .map_err(|e| ParamsError::body(format!("bad urlencoding in the {place}: {e}")))?;
            if key.is_empty() {
                continue;
            }
            let value = percent_decode(value).map_err(|e| {
                ParamsError::body(format!(
                    "bad urlencoding in the {place}, parameter {key}: {e}"
                ))
            })?;
            self.insert(key, value)?;
        }
        Ok(())
    }

    fn read_json(&mut self, body: &[u8]) -> Result<(), ParamsError> {
        let value: Node = serde_json::from_slice(body)
            .map_err(|e| ParamsError::body(format!("malformed JSON body: {e}")))?;
        let Node::Object(fields) = value else {
            return Err(ParamsError::body("the JSON body must be an object"));
        };
        for (name, value) in fields {
            self.flatten(name, value)?;
        }
        Ok(())
    }

    /// Flattens one JSON value the way the SDKs flatten parameters:
    /// arrays as `Name.0`, objects as `Name.Field`, scalars as text.
    fn flatten(&mut self, name: String, value: Node) -> Result<(), ParamsError> {
        match value {
            Node::Null => Ok(()),
            Node::Bool(b) => self.insert(name, b.to_string()),
            Node::Number(n) => self.insert(name, number_text(&n)),
            Node::String(s) => self.insert(name, s),
            Node::Array(items) => {
                for (i, item) in items.into_iter().enumerate() {
                    self.flatten(format!("{name}.{i}"), item)?;
                }
                Ok(())
            }
            Node::Object(fields) => {
                for (field, item) in fields {
                    self.flatten(format!("{name}.{field}"), item)?;
                }
                Ok(())
            }
        }
    }

    /// Every parameter, sorted bytewise by name.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.map.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The value of a parameter, as received (possibly empty).
    pub(crate) fn raw(&self, name: &str) -> Option<&str> {
        self.map.get(name).map(String::as_str)
    }

    /// The value of a parameter; an empty value counts as absent.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.raw(name).filter(|v| !v.is_empty())
    }

    /// The value of a required parameter.
    pub(crate) fn required(&self, name: &str) -> Result<&str, ApiError> {
        self.get(name).ok_or_else(|| ApiError::missing(name))
    }

    /// An optional integer parameter.
    pub(crate) fn int(&self, name: &str) -> Result<Option<i64>, ApiError> {
        self.get(name).map(|v| parse_int(name, v)).transpose()
    }

    /// An optional boolean parameter.
    pub(crate) fn bool(&self, name: &str) -> Result<Option<bool>, ApiError> {
        self.get(name).map(|v| parse_bool(name, v)).transpose()
    }

    /// An optional parameter that must be one of `allowed`.
    pub(crate) fn choice(
        &self,
        name: &str,
        allowed: &[&'static str],
    ) -> Result<Option<&'static str>, ApiError> {
        self.get(name)
            .map(|v| parse_choice(name, v, allowed))
            .transpose()
    }

    /// The elements `Name.0`, `Name.1`, … of an array parameter, in index
    /// order; empty values are skipped.
    pub(crate) fn list(&self, name: &str) -> Vec<&str> {
        let mut found: Vec<(usize, &str)> = self
            .children(name)
            .filter_map(|(rest, value)| Some((rest.parse().ok()?, value)))
            .filter(|(_, value)| !value.is_empty())
            .collect();
        found.sort_unstable_by_key(|(i, _)| *i);
        found.into_iter().map(|(_, v)| v).collect()
    }

    /// The elements `Name.N.*` of an array-of-structs parameter, in index
    /// order.
    pub(crate) fn items(&self, name: &str) -> Vec<Item<'_>> {
        let mut items: BTreeMap<usize, Item<'_>> = BTreeMap::new();
        for (rest, value) in self.children(name) {
            let Some((index, field)) = rest.split_once('.') else {
                continue;
            };
            let Ok(i) = index.parse::<usize>() else {
                continue;
            };
            items
                .entry(i)
                .or_insert_with(|| Item {
                    prefix: format!("{name}.{i}"),
                    fields: BTreeMap::new(),
                })
                .fields
                .insert(field, value);
        }
        items.into_values().collect()
    }

    /// Whether any parameter starts with `Name.`.
    pub(crate) fn has_children(&self, name: &str) -> bool {
        self.children(name).next().is_some()
    }

    /// `(rest, value)` for every parameter named `name.rest`.
    fn children<'a>(&'a self, name: &str) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        let prefix = format!("{name}.");
        self.map
            .range::<str, _>((Bound::Included(prefix.as_str()), Bound::Unbounded))
            .map_while(move |(k, v)| Some((k.strip_prefix(prefix.as_str())?, v.as_str())))
    }
}

/// One element of an array-of-structs parameter, such as `Disks.0.*`.
#[derive(Debug, Clone)]
pub(crate) struct Item<'a> {
    prefix: String,
    fields: BTreeMap<&'a str, &'a str>,
}

impl<'a> Item<'a> {
    /// The full wire name of a field of this element, e.g. `Disks.0.Size`.
    pub(crate) fn name(&self, field: &str) -> String {
        format!("{}.{field}", self.prefix)
    }

    /// A field's value; an empty value counts as absent.
    pub(crate) fn get(&self, field: &str) -> Option<&'a str> {
        self.fields.get(field).copied().filter(|v| !v.is_empty())
    }

    /// A required field's value.
    pub(crate) fn required(&self, field: &str) -> Result<&'a str, ApiError> {
        self.get(field)
            .ok_or_else(|| ApiError::missing(&self.name(field)))
    }

    /// An optional integer field.
    pub(crate) fn int(&self, field: &str) -> Result<Option<i64>, ApiError> {
        self.get(field)
            .map(|v| parse_int(&self.name(field), v))
            .transpose()
    }
}

/// Parses an integer parameter value.
pub(crate) fn parse_int(name: &str, value: &str) -> Result<i64, ApiError> {
    value
        .parse()
        .map_err(|_| ApiError::invalid(name, format!("{value:?} is not an integer")))
}

/// Parses a boolean parameter value (`true`/`false`, any case).
pub(crate) fn parse_bool(name: &str, value: &str) -> Result<bool, ApiError> {
    if value.eq_ignore_ascii_case("true") {
        Ok(true)
    } else if value.eq_ignore_ascii_case("false") {
        Ok(false)
    } else {
        Err(ApiError::invalid(
            name,
            format!("{value:?} is not a boolean (true or false)"),
        ))
    }
}

/// Checks a value against an enum, exactly as spelled.
pub(crate) fn parse_choice(
    name: &str,
    value: &str,
    allowed: &[&'static str],
) -> Result<&'static str, ApiError> {
    allowed
        .iter()
        .copied()
        .find(|a| *a == value)
        .ok_or_else(|| {
            ApiError::invalid(
                name,
                format!("{value:?} is not one of {}", allowed.join(", ")),
            )
        })
}

/// A JSON value that keeps every member of an object in order, repeated
/// names included (`serde_json::Value` keeps only the last), so that a
/// name given twice can be refused.
enum Node {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Node>),
    Object(Vec<(String, Node)>),
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_bool<E>(self, b: bool) -> Result<Node, E> {
        Ok(Node::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Node, E> {
        Ok(Node::Number(n.into()))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Node, E> {
        Ok(Node::Number(n.into()))
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<Node, E> {
        Number::from_f64(n)
            .map(Node::Number)
            .ok_or_else(|| E::custom("a number that is not finite"))
    }

    fn visit_str<E>(self, s: &str) -> Result<Node, E> {
        Ok(Node::String(s.to_owned()))
    }

    fn visit_string<E>(self, s: String) -> Result<Node, E> {
        Ok(Node::String(s))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut fields = Vec::new();
        while let Some(field) = map.next_entry()? {
            fields.push(field);
        }
        Ok(Node::Object(fields))
    }
}

/// A JSON number as the signature sees it: integers in plain decimal,
/// integral floats without a fraction, never scientific notation.
fn number_text(n: &Number) -> String {
    if let Some(i) = n.as_i64() {
        i.to_string()
    } else if let Some(u) = n.as_u64() {
        u.to_string()
    } else {
        // Rust's Display for f64 never uses an exponent and prints integral
        // values without a fraction.
        n.as_f64().map(|f| f.to_string()).unwrap_or_default()
    }
}

/// Strict `application/x-www-form-urlencoded` decoding: `+` is a space,
/// `%XX` must be two hex digits, and the result must be UTF-8.
fn percent_decode(input: &[u8]) -> Result<String, String> {
    let mut out = Vec::with_capacity(input.len());
    let mut rest = input;
    while let Some((&b, tail)) = rest.split_first() {
        rest = tail;
        match b {
            b'+' => out.push(b' '),
            b'%' => {
                let (hi, lo) = match rest {
                    [hi, lo, ..] => (hex_digit(*hi), hex_digit(*lo)),
                    _ => (None, None),
                };
                let (Some(hi), Some(lo)) = (hi, lo) else {
                    return Err("'%' is not followed by two hex digits".to_owned());
                };
                out.push(hi << 4 | lo);
                rest = rest.get(2..).unwrap_or_default();
            }
            _ => out.push(b),
        }
    }
    String::from_utf8(out).map_err(|_| "the decoded text is not UTF-8".to_owned())
}

fn hex_digit(b: u8) -> Option<u8> {
    (b as char).to_digit(16).and_then(|d| u8::try_from(d).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(body: &str) -> Result<Params, ParamsError> {
        Params::parse(
            None,
            Some("application/x-www-form-urlencoded"),
            body.as_bytes(),
        )
    }

    fn json(body: &str) -> Result<Params, ParamsError> {
        Params::parse(None, Some("application/json"), body.as_bytes())
    }

    #[test]
    fn form_values_are_decoded() {
        let p = form("Name=a+b%2Bc&Empty=&Flag&Tag=%E4%B8%AD").unwrap();
        assert_eq!(p.raw("Name"), Some("a b+c"));
        assert_eq!(p.raw("Empty"), Some(""));
        assert_eq!(p.get("Empty"), None);
        assert_eq!(p.raw("Flag"), Some(""));
        assert_eq!(p.raw("Tag"), Some("中"));
    }

    #[test]
    fn bad_urlencoding_is_refused() {
        assert!(form("A=%zz").is_err());
        assert!(form("A=%4").is_err());
        assert!(form("A=%ff").is_err());
    }

    #[test]
    fn query_and_body_merge() {
        let p = Params::parse(Some("Action=X&Region=b"), None, b"Region=b&Limit=1").unwrap();
        let pairs: Vec<_> = p.iter().collect();
        assert_eq!(pairs, [("Action", "X"), ("Limit", "1"), ("Region", "b")]);
    }

    #[test]
    fn repeated_names_are_refused_by_name() {
        let repeated = |e: ParamsError| (e.param, e.reason);
        let (name, reason) = repeated(form("Signature=junk&A=1&Signature=good").unwrap_err());
        assert_eq!(name, "Signature");
        assert!(reason.contains("more than once"), "{reason}");
        assert_eq!(
            repeated(Params::parse(Some("A=1&A=1"), None, b"").unwrap_err()).0,
            "A"
        );
        let (name, reason) =
            repeated(Params::parse(Some("Region=mars"), None, b"Region=cn-bj2").unwrap_err());
        assert_eq!(name, "Region");
        assert!(reason.contains("different values"), "{reason}");
        assert_eq!(repeated(json(r#"{"A":1,"B":2,"A":3}"#).unwrap_err()).0, "A");
        assert_eq!(
            repeated(json(r#"{"Ids":["a"],"Ids.0":"b"}"#).unwrap_err()).0,
            "Ids.0"
        );
        assert_eq!(
            repeated(json(r#"{"D":{"S":1,"S":2}}"#).unwrap_err()).0,
            "D.S"
        );
        // An empty duplicate counts too: it is still a second copy.
        assert_eq!(repeated(form("A=1&A=").unwrap_err()).0, "A");
    }

    #[test]
    fn json_scalars_are_stringified_for_signing() {
        let p =
            json(r#"{"A":10,"B":42.0,"C":1.5,"D":true,"E":null,"F":"x","G":-3,"H":1e21}"#).unwrap();
        assert_eq!(p.raw("A"), Some("10"));
        assert_eq!(p.raw("B"), Some("42"));
        assert_eq!(p.raw("C"), Some("1.5"));
        assert_eq!(p.raw("D"), Some("true"));
        assert_eq!(p.raw("E"), None);
        assert_eq!(p.raw("F"), Some("x"));
        assert_eq!(p.raw("G"), Some("-3"));
        assert_eq!(p.raw("H"), Some("1000000000000000000000"));
    }

    #[test]
    fn json_arrays_and_objects_flatten() {
        let p = json(r#"{"Ids":["a","b"],"Disks":[{"Size":20,"CustomBackup":{"Day":"5"}}],"F":{"UNI":false}}"#)
            .unwrap();
        assert_eq!(p.raw("Ids.0"), Some("a"));
        assert_eq!(p.raw("Ids.1"), Some("b"));
        assert_eq!(p.raw("Disks.0.Size"), Some("20"));
        assert_eq!(p.raw("Disks.0.CustomBackup.Day"), Some("5"));
        assert_eq!(p.raw("F.UNI"), Some("false"));
    }

    #[test]
    fn garbage_json_is_refused() {
        assert!(json("{").is_err());
        assert!(json("[1,2]").is_err());
        assert!(Params::parse(None, Some("application/json"), b"{\"A\":\"\xff\"}").is_err());
        assert!(json("  ").unwrap().iter().next().is_none());
    }

    #[test]
    fn lists_follow_numeric_index_order() {
        let p = Params::from_pairs([
            ("Ids.10", "k"),
            ("Ids.2", "c"),
            ("Ids.0", "a"),
            ("Idsx", "no"),
            ("Ids.x", "no"),
        ]);
        assert_eq!(p.list("Ids"), ["a", "c", "k"]);
    }

    #[test]
    fn items_group_fields_by_index() {
        let p = Params::from_pairs([
            ("Disks.1.Size", "40"),
            ("Disks.0.Size", "20"),
            ("Disks.0.IsBoot", "True"),
            ("Disks.0.CustomBackup.Day", "5"),
        ]);
        let items = p.items("Disks");
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].get("IsBoot"), Some("True"));
        assert_eq!(items[0].get("CustomBackup.Day"), Some("5"));
        assert_eq!(items[1].int("Size").unwrap(), Some(40));
        assert_eq!(
            items[1].required("IsBoot").unwrap_err(),
            ApiError::missing("Disks.1.IsBoot")
        );
    }

    #[test]
    fn typed_values_name_the_parameter_when_malformed() {
        let p = Params::from_pairs([("CPU", "four"), ("Flag", "yes"), ("Mode", "Bad")]);
        assert!(p.int("CPU").unwrap_err().message.contains("[CPU]"));
        assert!(p.bool("Flag").unwrap_err().message.contains("[Flag]"));
        assert!(
            p.choice("Mode", &["Good"])
                .unwrap_err()
                .message
                .contains("Good")
        );
        assert_eq!(p.int("Missing").unwrap(), None);
    }

    #[test]
    fn too_many_parameters_are_refused() {
        let body: String = (0..=MAX_PARAMS).map(|i| format!("K{i}=v&")).collect();
        assert_eq!(form(&body).unwrap_err().param, "body");
    }
}
