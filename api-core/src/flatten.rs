//! Flattening any `serde::Serialize` value into [`Params`], by the same
//! rules as declared actions: `Name.0`, `Name.Field`, canonical scalars,
//! nothing for `None`, unit and empty arrays, an error for NaN.
//!
//! Used by generic calls ([`Client::invoke`](crate::Client::invoke)).

use std::borrow::Cow;
use std::fmt::Display;

use serde::ser::{self, Impossible, Serialize};

use crate::error::Error;
use crate::params::Params;

/// Writes `value`, which must serialize as a map or struct, into `params`.
pub(crate) fn flatten(value: &impl Serialize, params: &mut Params<'_>) -> Result<(), Error> {
    value.serialize(Flattener {
        params,
        path: String::new(),
    })
}

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Error::invalid_request(msg.to_string())
    }
}

/// Serializes one value at `path`.
struct Flattener<'p, 'a> {
    params: &'p mut Params<'a>,
    path: String,
}

impl<'p, 'a> Flattener<'p, 'a> {
    fn scalar(self, text: impl Into<String>) -> Result<(), Error> {
        if self.path.is_empty() {
            return Err(Error::invalid_request(
                "generic call parameters must be a map or struct of named parameters",
            ));
        }
        self.params
            .push(Cow::Owned(self.path), Cow::Owned(text.into()));
        Ok(())
    }

    fn child(&mut self, name: &str) -> Flattener<'_, 'a> {
        let path = if self.path.is_empty() {
            name.to_owned()
        } else {
            format!("{}.{name}", self.path)
        };
        Flattener {
            params: self.params,
            path,
        }
    }

    fn float(self, value: f64, text: String) -> Result<(), Error> {
        if value.is_finite() {
            self.scalar(text)
        } else {
            Err(Error::invalid_request(format!(
                "parameter `{}` is {value}; only finite numbers can be sent",
                self.path
            )))
        }
    }
}

/// Arrays: elements at `path.0`, `path.1`, …
struct Elements<'p, 'a> {
    parent: Flattener<'p, 'a>,
    index: usize,
}

impl ser::SerializeSeq for Elements<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        let name = self.index.to_string();
        self.index += 1;
        value.serialize(self.parent.child(&name))
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

impl ser::SerializeTuple for Elements<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

/// Maps and structs: fields at `path.Name`.
struct Fields<'p, 'a> {
    parent: Flattener<'p, 'a>,
    key: Option<String>,
}

impl ser::SerializeMap for Fields<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Error> {
        self.key = Some(key.serialize(KeyName)?);
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        let key = self
            .key
            .take()
            .ok_or_else(|| Error::invalid_request("a map value came without its key"))?;
        value.serialize(self.parent.child(&key))
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

impl ser::SerializeStruct for Fields<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self.parent.child(key))
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

impl<'p, 'a> ser::Serializer for Flattener<'p, 'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Elements<'p, 'a>;
    type SerializeTuple = Elements<'p, 'a>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Fields<'p, 'a>;
    type SerializeStruct = Fields<'p, 'a>;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.scalar(if v { "true" } else { "false" })
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.scalar(itoa::Buffer::new().format(v))
    }
    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        self.scalar(itoa::Buffer::new().format(v))
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.scalar(itoa::Buffer::new().format(v))
    }
    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        self.scalar(itoa::Buffer::new().format(v))
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.float(f64::from(v), v.to_string())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.float(v, v.to_string())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.scalar(v.to_string())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.scalar(v)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        Err(Error::invalid_request(format!(
            "parameter `{}` is raw bytes; send text (base64-encode it if the API wants that)",
            self.path
        )))
    }
    fn serialize_none(self) -> Result<(), Error> {
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.scalar(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: &T,
    ) -> Result<(), Error> {
        Err(unsupported(&self.path, variant))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Elements<'p, 'a>, Error> {
        if self.path.is_empty() {
            return Err(Error::invalid_request(
                "generic call parameters must be a map or struct of named parameters, not an array",
            ));
        }
        Ok(Elements {
            parent: self,
            index: 0,
        })
    }
    fn serialize_tuple(self, _: usize) -> Result<Elements<'p, 'a>, Error> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_struct(
        self,
        name: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(unsupported(&self.path, name))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(unsupported(&self.path, variant))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Fields<'p, 'a>, Error> {
        Ok(Fields {
            parent: self,
            key: None,
        })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Fields<'p, 'a>, Error> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(unsupported(&self.path, variant))
    }
}

fn unsupported(path: &str, what: &str) -> Error {
    Error::invalid_request(format!(
        "parameter `{path}` holds `{what}`, which has no parameter form; use strings, numbers, bools, arrays and maps"
    ))
}

/// Map keys must be text (or numbers, written as text).
struct KeyName;

impl ser::Serializer for KeyName {
    type Ok = String;
    type Error = Error;
    type SerializeSeq = Impossible<String, Error>;
    type SerializeTuple = Impossible<String, Error>;
    type SerializeTupleStruct = Impossible<String, Error>;
    type SerializeTupleVariant = Impossible<String, Error>;
    type SerializeMap = Impossible<String, Error>;
    type SerializeStruct = Impossible<String, Error>;
    type SerializeStructVariant = Impossible<String, Error>;

    fn serialize_str(self, v: &str) -> Result<String, Error> {
        Ok(v.to_owned())
    }
    fn serialize_i64(self, v: i64) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_u64(self, v: u64) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_char(self, v: char) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        v: &'static str,
    ) -> Result<String, Error> {
        Ok(v.to_owned())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<String, Error> {
        v.serialize(self)
    }
    fn serialize_bool(self, v: bool) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_i8(self, v: i8) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_i16(self, v: i16) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_i32(self, v: i32) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_u8(self, v: u8) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_u16(self, v: u16) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_u32(self, v: u32) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_f32(self, _: f32) -> Result<String, Error> {
        Err(bad_key())
    }
    fn serialize_f64(self, _: f64) -> Result<String, Error> {
        Err(bad_key())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<String, Error> {
        Err(bad_key())
    }
    fn serialize_none(self) -> Result<String, Error> {
        Err(bad_key())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, v: &T) -> Result<String, Error> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<String, Error> {
        Err(bad_key())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<String, Error> {
        Err(bad_key())
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<String, Error> {
        Err(bad_key())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(bad_key())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Err(bad_key())
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(bad_key())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(bad_key())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(bad_key())
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Error> {
        Err(bad_key())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(bad_key())
    }
}

fn bad_key() -> Error {
    Error::invalid_request("parameter names must be text")
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn flat(value: &impl Serialize) -> Result<Vec<(String, String)>, Error> {
        let mut params = Params::new();
        flatten(value, &mut params)?;
        Ok(params
            .iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect())
    }

    #[test]
    fn json_values_flatten_by_the_declared_rules() {
        let value = serde_json::json!({
            "UHostIds": ["a", "b"],
            "Limit": 10,
            "Price": 42.0,
            "Tiny": 1e-7,
            "Flag": true,
            "Disks": [{"Type": "CLOUD_SSD", "Size": 40}],
            "EIP": {"Bandwidth": 2},
            "Skip": null,
            "Empty": [],
            "Blank": ""
        });
        let mut got = flat(&value).unwrap();
        got.sort();
        let expected: Vec<(String, String)> = [
            ("Blank", ""),
            ("Disks.0.Size", "40"),
            ("Disks.0.Type", "CLOUD_SSD"),
            ("EIP.Bandwidth", "2"),
            ("Flag", "true"),
            ("Limit", "10"),
            ("Price", "42"),
            ("Tiny", "0.0000001"),
            ("UHostIds.0", "a"),
            ("UHostIds.1", "b"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn structs_and_maps_flatten_and_nan_is_refused() {
        #[derive(serde::Serialize)]
        struct Request {
            #[serde(rename = "Region")]
            region: &'static str,
            #[serde(rename = "Size")]
            size: Option<f64>,
        }
        let got = flat(&Request {
            region: "cn-bj2",
            size: None,
        })
        .unwrap();
        assert_eq!(got, [("Region".to_string(), "cn-bj2".to_string())]);
        let err = flat(&Request {
            region: "x",
            size: Some(f64::NAN),
        })
        .unwrap_err();
        assert!(err.to_string().contains("`Size` is NaN"), "{err}");
        let map: BTreeMap<&str, Vec<u32>> = [("Ids", vec![3, 4])].into_iter().collect();
        assert_eq!(flat(&map).unwrap().len(), 2);
    }

    #[test]
    fn non_map_parameters_are_refused() {
        assert!(flat(&"just text").is_err());
        assert!(flat(&vec![1, 2]).is_err());
        assert!(flat(&serde_json::json!({"Raw": {"Nested": [[1]]}})).is_ok());
    }
}
