//! The key pair (and optional STS token) requests are signed with.

use std::fmt;

/// A public key, a private key and, for temporary (STS) credentials, a
/// security token.
///
/// `Debug` and `Display` show the public key only; the private key and the
/// token never appear in output.
#[derive(Clone, PartialEq, Eq)]
pub struct Credential {
    public_key: String,
    private_key: String,
    security_token: Option<String>,
}

impl Credential {
    /// A credential from a key pair.
    pub fn new(public_key: impl Into<String>, private_key: impl Into<String>) -> Self {
        Credential {
            public_key: public_key.into(),
            private_key: private_key.into(),
            security_token: None,
        }
    }

    /// Adds the security token of temporary (STS) credentials; it is sent
    /// as `SecurityToken` and signed with the rest.
    pub fn with_security_token(mut self, token: impl Into<String>) -> Self {
        self.security_token = Some(token.into());
        self
    }

    /// The public key, sent as `PublicKey`.
    pub fn public_key(&self) -> &str {
        &self.public_key
    }

    /// The private key. It is never sent; it only feeds the signature.
    pub fn private_key(&self) -> &str {
        &self.private_key
    }

    /// The security token, if any.
    pub fn security_token(&self) -> Option<&str> {
        self.security_token.as_deref()
    }
}

const REDACTED: &str = "<redacted>";

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credential")
            .field("public_key", &self.public_key)
            .field("private_key", &REDACTED)
            .field(
                "security_token",
                &self.security_token.as_ref().map(|_| REDACTED),
            )
            .finish()
    }
}

impl fmt::Display for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "credential for public key {}", self.public_key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_never_reveal_the_private_key_or_token() {
        let cred = Credential::new("pub-key-1", "very-secret-private")
            .with_security_token("sts-token-xyz");
        for text in [format!("{cred:?}"), format!("{cred:#?}"), cred.to_string()] {
            assert!(text.contains("pub-key-1"), "{text}");
            assert!(!text.contains("very-secret-private"), "{text}");
            assert!(!text.contains("sts-token-xyz"), "{text}");
        }
        assert_eq!(cred.security_token(), Some("sts-token-xyz"));
        assert_eq!(cred.private_key(), "very-secret-private");
    }
}
