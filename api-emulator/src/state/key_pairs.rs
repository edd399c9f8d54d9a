//! SSH key pairs of an account.

use serde::{Deserialize, Serialize};
use sha1::{Digest, Sha1};

/// One key pair.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct KeyPair {
    /// `uhostkp-…`.
    pub(crate) id: String,
    /// Display name.
    pub(crate) name: String,
    /// Colon-separated hex digest of the public key.
    pub(crate) fingerprint: String,
    /// Unix seconds.
    pub(crate) created: u64,
    /// The project given at creation.
    pub(crate) project_id: String,
}

impl super::table::Keyed for KeyPair {
    fn key(&self) -> &str {
        &self.id
    }
}

/// A fingerprint in the usual `aa:bb:…` layout (16 bytes).
///
/// Real fingerprints are MD5 digests of the key blob; the emulator uses the
/// first 16 bytes of a SHA1 of the key text, which looks the same and is
/// stable for the same key.
pub(crate) fn fingerprint(public_key: &str) -> String {
    let digest = Sha1::digest(public_key.trim().as_bytes());
    digest
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(":")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_shape() {
        let f = fingerprint("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample user@host");
        assert_eq!(f.len(), 16 * 3 - 1);
        assert_eq!(
            f,
            fingerprint("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample user@host\n")
        );
    }
}
