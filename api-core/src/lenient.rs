//! Tolerant decoding of response fields.
//!
//! Real answers are looser than their documentation: numbers arrive as
//! strings, strings as numbers, `null` where a value was promised. Fields
//! declared with `#[api_action]`/`#[api_model]` decode through [`Lenient`],
//! which accepts all of these and falls back to the type's default for
//! `null`.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::ser::SerializeStruct;
use serde::{Deserializer, Serialize};

/// A type an answer field can have: it decodes tolerantly, and clones,
/// compares, prints, defaults and serializes, as the answers and models
/// the macros write do.
///
/// Implemented for integers, `f32`/`f64`, `bool`, `String`,
/// `serde_json::Value`, `Option<T>` and `Vec<T>` of those, and by
/// `#[api_model]` and `#[api_enum]`.
///
/// Generated code reaches every operation on a field through this trait
/// (the hidden `*_field` methods), so a field of the wrong type is one
/// error at the field's type rather than one per derived trait.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a field of an answer",
    label = "not an answer field type",
    note = "declare a struct with #[api_model] and an enum with #[api_enum]; other answer fields are String, integers, f32, f64, bool, serde_json::Value, or Option<T> or Vec<T> of those"
)]
pub trait Lenient: Sized + Clone + PartialEq + fmt::Debug + Default + Serialize {
    /// Decodes `Self`, accepting the loose forms real answers use.
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error>;

    /// Decodes the value of the map entry whose key was just read.
    #[doc(hidden)]
    fn decode_field<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Self, A::Error> {
        map.next_value_seed(LenientSeed(PhantomData))
    }

    /// Writes `self` as the struct field `key`.
    #[doc(hidden)]
    fn encode_field<S: SerializeStruct>(
        &self,
        s: &mut S,
        key: &'static str,
    ) -> Result<(), S::Error> {
        s.serialize_field(key, self)
    }

    /// `Clone::clone`.
    #[doc(hidden)]
    fn clone_field(&self) -> Self {
        self.clone()
    }

    /// `PartialEq::eq`.
    #[doc(hidden)]
    fn eq_field(&self, other: &Self) -> bool {
        self == other
    }

    /// `self` for `Debug` output.
    #[doc(hidden)]
    fn debug_field(&self) -> &dyn fmt::Debug {
        self
    }

    /// `Default::default`.
    #[doc(hidden)]
    fn default_field() -> Self {
        Self::default()
    }
}

struct IntVisitor<T>(PhantomData<T>);

macro_rules! lenient_ints {
    ($($t:ty)*) => {$(
        impl<'de> Visitor<'de> for IntVisitor<$t> {
            type Value = $t;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "an integer ({}), as a number or a numeric string", stringify!($t))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<$t, E> {
                <$t>::try_from(v).map_err(|_| E::custom(format!("{v} is out of range for {}", stringify!($t))))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<$t, E> {
                <$t>::try_from(v).map_err(|_| E::custom(format!("{v} is out of range for {}", stringify!($t))))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<$t, E> {
                if v.fract() == 0.0 && v.abs() < 9.0e15 {
                    #[allow(clippy::cast_possible_truncation)]
                    self.visit_i64(v as i64)
                } else {
                    Err(E::custom(format!("{v} is not an integer")))
                }
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<$t, E> {
                let v = v.trim();
                if v.is_empty() {
                    return Ok(0);
                }
                match v.parse::<$t>() {
                    Ok(n) => Ok(n),
                    Err(_) => match v.parse::<f64>() {
                        Ok(f) => self.visit_f64(f),
                        Err(_) => Err(E::custom(format!("{v:?} is not an integer"))),
                    },
                }
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<$t, E> {
                Ok(<$t>::from(v))
            }
            fn visit_unit<E: de::Error>(self) -> Result<$t, E> {
                Ok(0)
            }
        }
        impl Lenient for $t {
            fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_any(IntVisitor::<$t>(PhantomData))
            }
        }
    )*};
}
lenient_ints!(i8 i16 i32 i64 u8 u16 u32 u64);

struct FloatVisitor;

impl Visitor<'_> for FloatVisitor {
    type Value = f64;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number, or a numeric string")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<f64, E> {
        #[allow(clippy::cast_precision_loss)]
        Ok(v as f64)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<f64, E> {
        #[allow(clippy::cast_precision_loss)]
        Ok(v as f64)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<f64, E> {
        Ok(v)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<f64, E> {
        let v = v.trim();
        if v.is_empty() {
            return Ok(0.0);
        }
        v.parse()
            .map_err(|_| E::custom(format!("{v:?} is not a number")))
    }
    fn visit_unit<E: de::Error>(self) -> Result<f64, E> {
        Ok(0.0)
    }
}

impl Lenient for f64 {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(FloatVisitor)
    }
}

impl Lenient for f32 {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[allow(clippy::cast_possible_truncation)]
        d.deserialize_any(FloatVisitor).map(|v| v as f32)
    }
}

struct BoolVisitor;

impl Visitor<'_> for BoolVisitor {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a bool, \"true\"/\"false\", or 0/1")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<bool, E> {
        Ok(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<bool, E> {
        Ok(v != 0)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<bool, E> {
        Ok(v != 0)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
        match v.trim() {
            "true" | "True" | "TRUE" | "1" | "yes" | "Yes" => Ok(true),
            "false" | "False" | "FALSE" | "0" | "no" | "No" | "" => Ok(false),
            other => Err(E::custom(format!("{other:?} is not a bool"))),
        }
    }
    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }
}

impl Lenient for bool {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(BoolVisitor)
    }
}

struct StringVisitor;

impl Visitor<'_> for StringVisitor {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string, or a number or bool to read as text")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_unit<E: de::Error>(self) -> Result<String, E> {
        Ok(String::new())
    }
}

impl Lenient for String {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StringVisitor)
    }
}

impl Lenient for serde_json::Value {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde::Deserialize::deserialize(d)
    }
}

impl<T: Lenient> Lenient for Option<T> {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_option(OptionVisitor(PhantomData))
    }
}

struct OptionVisitor<T>(PhantomData<T>);

impl<'de, T: Lenient> Visitor<'de> for OptionVisitor<T> {
    type Value = Option<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value or null")
    }
    fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        T::deserialize_lenient(d).map(Some)
    }
}

impl<T: Lenient> Lenient for Vec<T> {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(VecVisitor(PhantomData))
    }
}

struct VecVisitor<T>(PhantomData<T>);

impl<'de, T: Lenient> Visitor<'de> for VecVisitor<T> {
    type Value = Vec<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array or null")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element_seed(LenientSeed::<T>(PhantomData))? {
            items.push(item);
        }
        Ok(items)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }
}

/// Decodes one `T` leniently; for sequences of lenient values.
struct LenientSeed<T>(PhantomData<T>);

impl<'de, T: Lenient> DeserializeSeed<'de> for LenientSeed<T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        T::deserialize_lenient(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn de<T: Lenient>(json: &str) -> Result<T, serde_json::Error> {
        T::deserialize_lenient(&mut serde_json::Deserializer::from_str(json))
    }

    #[test]
    fn integers_accept_numbers_numeric_strings_and_null() {
        assert_eq!(de::<i64>("42").unwrap(), 42);
        assert_eq!(de::<i64>("\"42\"").unwrap(), 42);
        assert_eq!(de::<i32>("\" -7 \"").unwrap(), -7);
        assert_eq!(de::<u32>("3.0").unwrap(), 3);
        assert_eq!(de::<i64>("null").unwrap(), 0);
        assert_eq!(de::<i64>("\"\"").unwrap(), 0);
        assert!(de::<u8>("300").is_err());
        assert!(de::<i64>("\"x\"").is_err());
        assert!(de::<i64>("1.5").is_err());
    }

    #[test]
    fn floats_bools_and_strings_accept_their_loose_forms() {
        assert_eq!(de::<f64>("\"1.25\"").unwrap(), 1.25);
        assert_eq!(de::<f64>("3").unwrap(), 3.0);
        assert!(de::<bool>("\"true\"").unwrap());
        assert!(!de::<bool>("0").unwrap());
        assert!(de::<bool>("\"maybe\"").is_err());
        assert_eq!(de::<String>("12").unwrap(), "12");
        assert_eq!(de::<String>("null").unwrap(), "");
    }

    #[test]
    fn arrays_and_options_accept_null_and_lenient_elements() {
        assert_eq!(de::<Vec<i64>>("[1,\"2\",null]").unwrap(), vec![1, 2, 0]);
        assert_eq!(de::<Vec<String>>("null").unwrap(), Vec::<String>::new());
        assert_eq!(de::<Option<i64>>("null").unwrap(), None);
        assert_eq!(de::<Option<i64>>("\"5\"").unwrap(), Some(5));
        assert!(de::<Vec<i64>>("{}").is_err());
    }
}
