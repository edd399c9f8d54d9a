//! The request signature: `hex(sha1(k1 v1 k2 v2 … PrivateKey))` over every
//! parameter sorted bytewise by key, values unescaped.

use sha1::{Digest, Sha1};

use crate::params::Params;

/// The 40-character lowercase hex signature of `params`, which must already
/// be sorted ([`Params::sort`]) and include `Action`, `PublicKey` and, when
/// set, `SecurityToken`, but not `Signature`.
///
/// The hasher is fed each key and value in place: no signing string is
/// built.
pub fn signature(params: &Params<'_>, private_key: &str) -> String {
    let mut hasher = Sha1::new();
    for (key, value) in params.iter() {
        hasher.update(key.as_bytes());
        hasher.update(value.as_bytes());
    }
    hasher.update(private_key.as_bytes());
    let mut hex = String::with_capacity(40);
    for byte in hasher.finalize().iter() {
        hex.push(char::from(HEX[usize::from(byte >> 4)]));
        hex.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    hex
}

/// A signature computed pair by pair, so that the caller can write the
/// form body in the same pass over the parameters.
pub(crate) struct Signer(Sha1);

impl Signer {
    pub(crate) fn new() -> Self {
        Signer(Sha1::new())
    }

    /// Feeds the next pair, in sorted order.
    pub(crate) fn update(&mut self, key: &str, value: &str) {
        self.0.update(key.as_bytes());
        self.0.update(value.as_bytes());
    }

    /// The lowercase hex digits of the signature.
    pub(crate) fn finish(mut self, private_key: &str) -> [u8; 40] {
        self.0.update(private_key.as_bytes());
        let digest = self.0.finalize();
        let mut hex = [0u8; 40];
        for (pair, byte) in hex.chunks_exact_mut(2).zip(digest.iter()) {
            pair[0] = HEX[usize::from(byte >> 4)];
            pair[1] = HEX[usize::from(byte & 0x0f)];
        }
        hex
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted<'a>(pairs: &[(&'a str, &'a str)]) -> Params<'a> {
        let mut params = Params::new();
        for (k, v) in pairs {
            params.push(*k, *v);
        }
        params.sort().unwrap();
        params
    }

    #[test]
    fn reproduces_the_reference_vector() {
        let params = sorted(&[
            ("Action", "DescribeUHostInstance"),
            ("Region", "cn-bj2"),
            ("Limit", "10"),
            ("PublicKey", "ucloudsomeone@example.com1296235120854146120"),
        ]);
        assert_eq!(
            signature(&params, "46f09bb9fab4f12dfc160dae12273d5332b5debe"),
            "cba5cf5ec4d4233d206b1b54951e3787350a642f"
        );
    }

    #[test]
    fn reproduces_the_python_sdk_vectors() {
        let params = sorted(&[("foo", "bar")]);
        assert_eq!(
            signature(&params, "my_private_key"),
            "634edc1bb957c0d65e5ab5494cf3b7784fbc87af"
        );
        let params = sorted(&[("foo", "bar"), ("PublicKey", "my_public_key")]);
        assert_eq!(
            signature(&params, "my_private_key"),
            "d4411ab30953fb0bbcb1e7313081f05e4e91a394"
        );
    }

    #[test]
    fn values_are_signed_unescaped() {
        let escaped = sorted(&[("Name", "a%20b")]);
        let raw = sorted(&[("Name", "a b")]);
        assert_ne!(signature(&escaped, "k"), signature(&raw, "k"));
        assert_eq!(signature(&raw, "k"), sha1_hex(b"Namea bk"));
    }

    fn sha1_hex(data: &[u8]) -> String {
        Sha1::digest(data)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}
