//! Key pair actions: create (with a private key body), import, list with
//! paging, delete.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::json;

use super::{Ctx, check_quota, page, paging, text};
use crate::answer::{ApiError, Reply};
use crate::params::Params;
use crate::state::AccountData;
use crate::state::key_pairs::{KeyPair, fingerprint};

const KEY_TYPES: &[&str] = &[
    "ssh-rsa",
    "ssh-ed25519",
    "ssh-dss",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
];

fn new_key_pair(ctx: &Ctx<'_>, p: &Params, id: String, name: &str, public_key: &str) -> KeyPair {
    KeyPair {
        id,
        name: name.to_owned(),
        fingerprint: fingerprint(public_key),
        created: ctx.unix_now,
        project_id: p
            .get("ProjectId")
            .unwrap_or(ctx.account.default_project())
            .to_owned(),
    }
}

/// A made-up PEM body, deterministic for the key pair id.
fn private_key_body(id: &str) -> String {
    let seed = id
        .bytes()
        .fold(0u64, |h, b| h.wrapping_mul(131).wrapping_add(u64::from(b)));
    let mut rng = fastrand::Rng::with_seed(seed);
    let raw: Vec<u8> = (0..1190).map(|_| rng.u8(..)).collect();
    let encoded = STANDARD.encode(raw);
    let lines: Vec<&str> = encoded
        .as_bytes()
        .chunks(64)
        .filter_map(|c| std::str::from_utf8(c).ok())
        .collect();
    format!(
        "-----BEGIN RSA PRIVATE KEY-----\n{}\n-----END RSA PRIVATE KEY-----\n",
        lines.join("\n")
    )
}

/// CreateUHostKeyPair: a new key pair and its private key body (only
/// returned here).
pub(super) fn create(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    let name = text(p, "KeyPairName", 63)?.ok_or_else(|| ApiError::missing("KeyPairName"))?;
    let mut data = ctx.account.write();
    key_pair_quota(ctx, &data)?;
    let id = ctx.store.ids.next("uhostkp");
    let body = private_key_body(&id);
    let key_pair = new_key_pair(ctx, p, id, name, &body);
    let answer = json!({
        "KeyPair": {
            "KeyPairId": key_pair.id,
            "KeyPairName": key_pair.name,
            "KeyPairFingerPrint": key_pair.fingerprint,
            "PrivateKeyBody": body,
            "CreateTime": key_pair.created,
            "ProjectId": key_pair.project_id,
        }
    });
    data.key_pairs.push(key_pair);
    ctx.reply(&answer)
}

/// 8095 unless one more key pair fits.
fn key_pair_quota(ctx: &Ctx<'_>, data: &AccountData) -> Result<(), ApiError> {
    check_quota(
        "key pairs",
        "in all regions",
        data.key_pairs.iter().count(),
        1,
        ctx.account.quotas.key_pairs,
    )
}

/// ImportUHostKeyPairs: registers an OpenSSH public key.
pub(super) fn import(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    let name = text(p, "KeyPairName", 63)?.ok_or_else(|| ApiError::missing("KeyPairName"))?;
    let body = p.required("PublicKeyBody")?;
    let mut fields = body.split_whitespace();
    let key_type = fields.next().unwrap_or_default();
    let blob = fields.next().unwrap_or_default();
    if !KEY_TYPES.contains(&key_type) || STANDARD.decode(blob).map_or(true, |b| b.is_empty()) {
        return Err(ApiError::invalid(
            "PublicKeyBody",
            "not an OpenSSH public key (\"ssh-ed25519 AAAA… comment\")",
        ));
    }
    let mut data = ctx.account.write();
    key_pair_quota(ctx, &data)?;
    let key_pair = new_key_pair(ctx, p, ctx.store.ids.next("uhostkp"), name, body);
    let answer = json!({
        "KeyPairId": key_pair.id,
        "KeyPairName": key_pair.name,
        "KeyPairFingerPrint": key_pair.fingerprint,
    });
    data.key_pairs.push(key_pair);
    ctx.reply(&answer)
}

/// DescribeUHostKeyPairs: filters `KeyPairName` and `KeyPairFingerPrint`;
/// pages with `Offset`/`Limit` (default 20, at most 100).
pub(super) fn describe(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    let name = p.get("KeyPairName");
    let print = p.get("KeyPairFingerPrint");
    let window = paging(p, 20, Some(100))?;
    let data = ctx.account.read();
    let matching: Vec<&KeyPair> = data
        .key_pairs
        .iter()
        .filter(|k| name.is_none_or(|n| k.name == n))
        .filter(|k| print.is_none_or(|f| k.fingerprint == f))
        .collect();
    let total = matching.len();
    let set: Vec<_> = page(matching, window)
        .into_iter()
        .map(|k| {
            json!({
                "KeyPairId": k.id,
                "KeyPairName": k.name,
                "KeyPairFingerPrint": k.fingerprint,
                "CreateTime": k.created,
                "ProjectId": k.project_id,
            })
        })
        .collect();
    ctx.reply(&json!({ "TotalCount": total, "KeyPairs": set }))
}

/// DeleteUHostKeyPairs: deletes all the named key pairs, or none if any is
/// unknown.
pub(super) fn delete(ctx: &Ctx<'_>, p: &Params) -> Result<Reply, ApiError> {
    let ids = p.list("KeyPairIds");
    let mut data = ctx.account.write();
    if let Some((i, unknown)) = ids
        .iter()
        .enumerate()
        .find(|(_, id)| data.key_pair(id).is_none())
    {
        return Err(ApiError::invalid(
            &format!("KeyPairIds.{i}"),
            format!("no key pair {unknown:?}"),
        ));
    }
    for id in &ids {
        data.key_pairs.remove(id);
    }
    ctx.reply(&json!({}))
}
