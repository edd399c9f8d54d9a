//! Login passwords: base64 on the wire, and held to the reference rules
//! (8–30 characters from letters, digits and common symbols; at least two
//! kinds of character on Linux, three on Windows).

use base64::Engine;
use base64::engine::general_purpose::STANDARD_PAD_INDIFFERENT;

use crate::answer::ApiError;
use crate::params::Params;

const SYMBOLS: &str = "()`~!@#$%^&*-+=_|{}[]:;'<>,.?/";

/// The decoded `Password`, checked for an instance running `os_type`.
pub(super) fn decode(params: &Params, os_type: &str) -> Result<Option<String>, ApiError> {
    let Some(encoded) = params.get("Password") else {
        return Ok(None);
    };
    let bytes = STANDARD_PAD_INDIFFERENT.decode(encoded).map_err(|e| {
        ApiError::invalid(
            "Password",
            format!("the password must be base64-encoded ({e})"),
        )
    })?;
    let password = String::from_utf8(bytes)
        .map_err(|_| ApiError::invalid("Password", "the decoded password is not UTF-8"))?;
    check(&password, os_type)?;
    Ok(Some(password))
}

fn check(password: &str, os_type: &str) -> Result<(), ApiError> {
    let length = password.chars().count();
    if !(8..=30).contains(&length) {
        return Err(ApiError::invalid(
            "Password",
            format!("the password has {length} characters; 8-30 are allowed"),
        ));
    }
    if let Some(bad) = password
        .chars()
        .find(|c| !c.is_ascii_alphanumeric() && !SYMBOLS.contains(*c))
    {
        return Err(ApiError::invalid(
            "Password",
            format!("the password contains {bad:?}; use letters, digits and {SYMBOLS}"),
        ));
    }
    let kinds = [
        password.chars().any(|c| c.is_ascii_uppercase()),
        password.chars().any(|c| c.is_ascii_lowercase()),
        password.chars().any(|c| c.is_ascii_digit()),
        password.chars().any(|c| SYMBOLS.contains(c)),
    ]
    .iter()
    .filter(|k| **k)
    .count();
    let needed = if os_type == "Windows" { 3 } else { 2 };
    if kinds < needed {
        return Err(ApiError::invalid(
            "Password",
            format!(
                "a {os_type} password needs at least {needed} of: upper case, lower case, digits, symbols"
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_one(encoded: &str, os: &str) -> Result<Option<String>, ApiError> {
        decode(&Params::from_pairs([("Password", encoded)]), os)
    }

    #[test]
    fn base64_passwords_decode() {
        assert_eq!(
            decode_one("UGFzc3dvcmQx", "Linux").unwrap().as_deref(),
            Some("Password1")
        );
        assert_eq!(decode(&Params::default(), "Linux").unwrap(), None);
    }

    #[test]
    fn bad_passwords_are_refused_with_the_reason() {
        let err = decode_one("Password1!", "Linux").unwrap_err();
        assert!(err.message.contains("base64"), "{}", err.message);
        assert!(
            decode_one("c2hvcnQx", "Linux")
                .unwrap_err()
                .message
                .contains("8-30")
        );
        // "passwordonly" has one kind of character.
        assert!(decode_one("cGFzc3dvcmRvbmx5", "Linux").is_err());
        // "Password1" has three kinds: fine on Windows too; "password1" only two.
        assert!(decode_one("UGFzc3dvcmQx", "Windows").is_ok());
        assert!(decode_one("cGFzc3dvcmQx", "Windows").is_err());
        // A space is not allowed.
        assert!(decode_one("UGFzcyB3b3JkMQ==", "Linux").is_err());
    }
}
