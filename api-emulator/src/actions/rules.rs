//! The gateway's generic parameter checks: required parameters are present
//! and integer or boolean parameters parse, before any action code runs.

use crate::answer::ApiError;
use crate::params::{Params, parse_bool, parse_int};

/// The type a parameter must parse as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Any text.
    Str,
    /// A decimal integer.
    Int,
    /// `true` or `false`.
    Bool,
}

/// One checked parameter.
///
/// `Name.N` is an array: required means at least one element. `Name.N.Field`
/// is a field of each element of an array of structs, and `Name.Field` a
/// field of a struct: required means required in every element (or in the
/// struct, when any of its fields is given).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rule {
    name: &'static str,
    kind: Kind,
    required: bool,
}

impl Rule {
    /// A rule for the wire name `name`.
    pub(crate) const fn new(name: &'static str, kind: Kind, required: bool) -> Self {
        Self {
            name,
            kind,
            required,
        }
    }

    /// The wire name, such as `Disks.N.Size`.
    #[cfg(test)]
    pub(crate) fn name(&self) -> &'static str {
        self.name
    }

    /// The type the value must parse as.
    #[cfg(test)]
    pub(crate) fn kind(&self) -> Kind {
        self.kind
    }

    /// Whether the parameter is required.
    #[cfg(test)]
    pub(crate) fn is_required(&self) -> bool {
        self.required
    }

    /// Checks the rule against the parameters of a request.
    pub(crate) fn check(&self, params: &Params) -> Result<(), ApiError> {
        if let Some((array, field)) = self.name.split_once(".N.") {
            for item in params.items(array) {
                match item.get(field) {
                    Some(value) => check_kind(self.kind, &item.name(field), value)?,
                    None if self.required => return Err(ApiError::missing(&item.name(field))),
                    None => {}
                }
            }
            Ok(())
        } else if let Some(array) = self.name.strip_suffix(".N") {
            let values = params.list(array);
            if self.required && values.is_empty() {
                return Err(ApiError::missing(&format!("{array}.0")));
            }
            for (i, value) in values.iter().enumerate() {
                check_kind(self.kind, &format!("{array}.{i}"), value)?;
            }
            Ok(())
        } else {
            match params.get(self.name) {
                Some(value) => check_kind(self.kind, self.name, value),
                None if self.required && self.applies(params) => Err(ApiError::missing(self.name)),
                None => Ok(()),
            }
        }
    }

    /// A struct field is only required when the struct is given.
    fn applies(&self, params: &Params) -> bool {
        match self.name.split_once('.') {
            Some((parent, _)) => params.has_children(parent),
            None => true,
        }
    }
}

/// A required text parameter.
pub(crate) const fn required(name: &'static str) -> Rule {
    Rule::new(name, Kind::Str, true)
}

/// A required integer parameter.
pub(crate) const fn required_int(name: &'static str) -> Rule {
    Rule::new(name, Kind::Int, true)
}

/// A required boolean parameter.
pub(crate) const fn required_bool(name: &'static str) -> Rule {
    Rule::new(name, Kind::Bool, true)
}

/// An optional integer parameter.
pub(crate) const fn int(name: &'static str) -> Rule {
    Rule::new(name, Kind::Int, false)
}

/// An optional boolean parameter.
pub(crate) const fn boolean(name: &'static str) -> Rule {
    Rule::new(name, Kind::Bool, false)
}

fn check_kind(kind: Kind, name: &str, value: &str) -> Result<(), ApiError> {
    match kind {
        Kind::Str => Ok(()),
        Kind::Int => parse_int(name, value).map(drop),
        Kind::Bool => parse_bool(name, value).map(drop),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(rule: Rule, pairs: &[(&str, &str)]) -> Result<(), ApiError> {
        rule.check(&Params::from_pairs(pairs.iter().copied()))
    }

    #[test]
    fn plain_parameters() {
        let rule = Rule::new("UHostId", Kind::Str, true);
        assert_eq!(check(rule, &[]), Err(ApiError::missing("UHostId")));
        assert_eq!(
            check(rule, &[("UHostId", "")]),
            Err(ApiError::missing("UHostId"))
        );
        assert!(check(rule, &[("UHostId", "uhost-1")]).is_ok());
        let rule = Rule::new("Limit", Kind::Int, false);
        assert!(check(rule, &[]).is_ok());
        assert!(
            check(rule, &[("Limit", "ten")])
                .unwrap_err()
                .message
                .contains("[Limit]")
        );
    }

    #[test]
    fn arrays() {
        let rule = Rule::new("UHostIds.N", Kind::Str, true);
        assert_eq!(check(rule, &[]), Err(ApiError::missing("UHostIds.0")));
        assert!(check(rule, &[("UHostIds.0", "a")]).is_ok());
    }

    #[test]
    fn fields_of_array_elements() {
        let rule = Rule::new("Disks.N.Size", Kind::Int, true);
        assert!(check(rule, &[]).is_ok());
        assert_eq!(
            check(
                rule,
                &[("Disks.0.Size", "20"), ("Disks.1.Type", "CLOUD_SSD")]
            ),
            Err(ApiError::missing("Disks.1.Size"))
        );
        assert!(
            check(rule, &[("Disks.0.Size", "big")])
                .unwrap_err()
                .message
                .contains("[Disks.0.Size]")
        );
    }

    #[test]
    fn fields_of_structs() {
        let rule = Rule::new("Features.UNI", Kind::Bool, false);
        assert!(check(rule, &[("Features.UNI", "true")]).is_ok());
        assert!(check(rule, &[("Features.UNI", "maybe")]).is_err());
        let rule = Rule::new("Thing.Id", Kind::Str, true);
        assert!(check(rule, &[]).is_ok());
        assert_eq!(
            check(rule, &[("Thing.Other", "x")]),
            Err(ApiError::missing("Thing.Id"))
        );
    }
}
