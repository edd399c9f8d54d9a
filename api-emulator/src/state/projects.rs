//! The projects of an account: a default one, named after the account's
//! public key so that it is the same in every run, and more by
//! configuration.

use sha1::{Digest, Sha1};

/// One project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Project {
    /// `org-…`.
    pub(crate) id: String,
    /// Display name.
    pub(crate) name: String,
    /// Whether this is the account's default project (exactly one is).
    pub(crate) is_default: bool,
    /// Unix seconds.
    pub(crate) created: u64,
}

/// The id of the default project of the account `public_key`, such as
/// `org-k3x9c2`: six base-36 digits of a SHA1 of the key.
pub(crate) fn default_id(public_key: &str) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let digest = Sha1::digest(public_key.as_bytes());
    let digits: String = digest
        .iter()
        .take(6)
        .map(|b| {
            DIGITS
                .get(usize::from(*b) % 36)
                .map_or('0', |d| char::from(*d))
        })
        .collect();
    format!("org-{digits}")
}

/// The projects of the account `public_key`: its default project, then
/// `extra` (`(id, name)` pairs), all created at `created`.
pub(crate) fn for_account(
    public_key: &str,
    extra: &[(String, String)],
    created: u64,
) -> Vec<Project> {
    let default = Project {
        id: default_id(public_key),
        name: "Default".to_owned(),
        is_default: true,
        created,
    };
    std::iter::once(default)
        .chain(extra.iter().map(|(id, name)| Project {
            id: id.clone(),
            name: name.clone(),
            is_default: false,
            created,
        }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_ids_are_stable_and_shaped() {
        let id = default_id("some-public-key");
        assert_eq!(id, default_id("some-public-key"));
        assert_ne!(id, default_id("other-public-key"));
        assert_eq!(id.len(), "org-".len() + 6);
        assert!(
            id[4..]
                .bytes()
                .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase())
        );
    }

    #[test]
    fn the_default_project_comes_first() {
        let projects = for_account("pk", &[("org-two".to_owned(), "Two".to_owned())], 7);
        assert_eq!(projects.len(), 2);
        assert!(projects[0].is_default && !projects[1].is_default);
        assert_eq!(
            (projects[1].id.as_str(), projects[1].created),
            ("org-two", 7)
        );
    }
}
