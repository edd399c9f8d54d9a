//! Key pairs: SSH keys for logging in to instances created or reinstalled
//! with `LoginMode` `KeyPair`.

use api_core::{api_action, api_model};

/// A key pair just created, with its private key.
#[api_model]
pub struct KeyPair {
    /// Key pair id, as `KeyPairId` parameters take it.
    pub key_pair_id: String,
    /// Key pair name.
    pub key_pair_name: String,
    /// Fingerprint of the public key.
    pub key_pair_finger_print: String,
    /// The private key, in PEM form. Returned only here, once: keep it.
    #[api(secret)]
    pub private_key_body: String,
    /// Project of the key pair.
    pub project_id: String,
    /// Creation time, Unix seconds.
    pub create_time: i64,
}

/// A key pair, as [`DescribeUHostKeyPairs`] lists it.
#[api_model]
pub struct KeyPairDesc {
    /// Key pair id.
    pub key_pair_id: String,
    /// Key pair name.
    pub key_pair_name: String,
    /// Fingerprint of the public key.
    pub key_pair_finger_print: String,
    /// Project of the key pair.
    pub project_id: String,
    /// Creation time, Unix seconds.
    pub create_time: i64,
}

/// Creates a key pair and returns its private key. No other action returns
/// the private key: save it from this answer.
///
/// Not retried automatically: a repeated request makes another key pair.
#[api_action("CreateUHostKeyPair", common(region?, zone?, project_id?))]
#[response(
    /// The new key pair, private key included.
    key_pair: KeyPair,
)]
pub struct CreateUHostKeyPair {
    /// Name: 1 to 63 letters, digits and symbols.
    pub key_pair_name: String,
}

/// Imports an existing public key as a key pair.
#[api_action("ImportUHostKeyPairs", common(region?, zone?, project_id?))]
#[response(
    /// The new key pair's id.
    key_pair_id: String,
    /// Its name.
    key_pair_name: String,
    /// Fingerprint of the public key (MD5, RFC 4716 form).
    key_pair_finger_print: String,
)]
pub struct ImportUHostKeyPairs {
    /// Name: 1 to 63 letters, digits and symbols.
    pub key_pair_name: String,
    /// The public key, e.g. `ssh-ed25519 AAAA… user@host`.
    pub public_key_body: String,
}

/// Lists key pairs, filtered and paged with `offset`/`limit` (20 by
/// default, at most 100).
#[api_action("DescribeUHostKeyPairs", common(region?, zone?, project_id?), paginate(offset = offset, limit = limit, total = total_count, items = key_pairs))]
#[response(
    /// How many key pairs match.
    total_count: i64,
    /// This page of key pairs.
    key_pairs: Vec<KeyPairDesc>,
)]
pub struct DescribeUHostKeyPairs {
    /// Only the key pair with this fingerprint.
    pub key_pair_finger_print: Option<String>,
    /// Only the key pair with this name.
    pub key_pair_name: Option<String>,
    /// How many to return (20 when unset, at most 100).
    pub limit: Option<i64>,
    /// Where the page starts (0 when unset).
    pub offset: Option<i64>,
}

/// Deletes up to 100 key pairs. Instances that were given one show its
/// `KeyPairState` as `Deleted` in
/// [`DescribeUHostInstance`](crate::instances::DescribeUHostInstance).
#[api_action("DeleteUHostKeyPairs", common(region?, zone?, project_id?))]
#[response()]
pub struct DeleteUHostKeyPairs {
    /// The key pairs to delete, at most 100.
    #[api(required)]
    pub key_pair_ids: Vec<String>,
}
