//! The gateway's request signature.
//!
//! `Signature` is the lowercase hex SHA1 of every other received parameter,
//! sorted bytewise by name, written as name then value (unescaped), followed
//! by the account's private key.

use sha1::{Digest, Sha1};

use crate::params::Params;

/// The SHA1 digest behind the signature of `params` (its `Signature`
/// parameter left out) under `private_key`.
fn digest(params: &Params, private_key: &str) -> [u8; 20] {
    let mut hasher = Sha1::new();
    for (name, value) in params.iter().filter(|(name, _)| *name != "Signature") {
        hasher.update(name.as_bytes());
        hasher.update(value.as_bytes());
    }
    hasher.update(private_key.as_bytes());
    hasher.finalize().into()
}

/// The signature of `params` under `private_key`, as lowercase hex.
#[cfg(test)]
pub(crate) fn sign(params: &Params, private_key: &str) -> String {
    hex::encode(digest(params, private_key))
}

/// Whether `given` (40 lowercase hex digits) is the signature of `params`
/// under `private_key`.
pub(crate) fn verify(params: &Params, private_key: &str, given: &str) -> bool {
    let lowercase_hex = given
        .bytes()
        .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    let mut wanted = [0u8; 20];
    lowercase_hex
        && hex::decode_to_slice(given, &mut wanted).is_ok()
        && wanted == digest(params, private_key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_vector() {
        let params = Params::from_pairs([
            ("Action", "DescribeUHostInstance"),
            ("Region", "cn-bj2"),
            ("Limit", "10"),
            ("PublicKey", "ucloudsomeone@example.com1296235120854146120"),
        ]);
        assert_eq!(
            sign(&params, "46f09bb9fab4f12dfc160dae12273d5332b5debe"),
            "cba5cf5ec4d4233d206b1b54951e3787350a642f"
        );
    }

    #[test]
    fn python_sdk_vectors() {
        let params = Params::from_pairs([("foo", "bar")]);
        assert_eq!(
            sign(&params, "my_private_key"),
            "634edc1bb957c0d65e5ab5494cf3b7784fbc87af"
        );
        let params = Params::from_pairs([("foo", "bar"), ("PublicKey", "my_public_key")]);
        assert_eq!(
            sign(&params, "my_private_key"),
            "d4411ab30953fb0bbcb1e7313081f05e4e91a394"
        );
    }

    #[test]
    fn signature_parameter_is_not_signed() {
        let plain = Params::from_pairs([("foo", "bar")]);
        let signed = Params::from_pairs([("foo", "bar"), ("Signature", "whatever")]);
        assert_eq!(sign(&plain, "k"), sign(&signed, "k"));
        assert!(verify(
            &signed,
            "my_private_key",
            "634edc1bb957c0d65e5ab5494cf3b7784fbc87af"
        ));
        assert!(!verify(
            &signed,
            "other_key",
            "634edc1bb957c0d65e5ab5494cf3b7784fbc87af"
        ));
    }
}
