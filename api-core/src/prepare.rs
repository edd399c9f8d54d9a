//! The first stages of a call: an action's parameters with the client's
//! defaults, checked, then `Action`, `PublicKey` and `SecurityToken` added
//! and sorted, then the signed form body.

use std::borrow::Cow;

use serde::Serialize;

use crate::action::{Action, ActionMeta, COMMON_PARAMS};
use crate::config::Config;
use crate::credential::Credential;
use crate::error::Error;
use crate::flatten::flatten;
use crate::form;
use crate::params::{ParamWriter, Params};
use crate::sign;
use crate::stream::Streamed;

/// The action's parameters with the client's defaults, checked.
pub(crate) fn action_params<'a, A: Action + ?Sized>(
    config: &'a Config,
    action: &'a A,
) -> Result<Params<'a>, Error> {
    let meta = A::META;
    let mut params = Params::with_capacity(meta.params.len() + 4);
    action
        .write_params(&mut params.writer())
        .map_err(|e| e.for_action(meta.name))?;
    fill_defaults(config, Some(meta), &mut params);
    check_required(meta, &params)?;
    Ok(params)
}

/// The signed body of a declared action whose parameters stream in order
/// ([`Action::SORTED_WRITES`]), written in one pass with no parameter list
/// in between; `None` when the action does not stream, and the call must be
/// encoded the collecting way.
pub(crate) fn streamed_body<A: Action + ?Sized>(
    config: &Config,
    action: &A,
) -> Result<Option<String>, Error> {
    if !A::SORTED_WRITES {
        return Ok(None);
    }
    let meta = A::META;
    let mut stream = Streamed::new(meta.name, &config.fragments, meta.params.len());
    if let Err(err) = action.write_params(&mut ParamWriter::streaming(&mut stream)) {
        return Err(err.for_action(meta.name));
    }
    match stream.finish(config.credential.private_key()) {
        Ok(body) => Ok(Some(body)),
        Err(err) => Err(err.for_action(meta.name)),
    }
}

/// The parameters of a generic call: `params` flattened by the rules of
/// declared actions, with the client's defaults.
pub(crate) fn invoke_params<'a, P: Serialize>(
    config: &'a Config,
    action: &str,
    params: &P,
) -> Result<Params<'a>, Error> {
    let mut out = Params::new();
    flatten(params, &mut out).map_err(|e| e.for_action(action))?;
    fill_defaults(config, None, &mut out);
    Ok(out)
}

/// The common parameters a call takes: a declared action's, as its
/// metadata lists them; a generic call's, the default set
/// [`COMMON_PARAMS`] (what an action declared without `common(...)` takes).
fn common_names(meta: Option<&'static ActionMeta>) -> impl Iterator<Item = &'static str> {
    let declared = meta
        .into_iter()
        .flat_map(|m| m.params.iter().filter(|p| p.common).map(|p| p.wire_name));
    let default = meta
        .is_none()
        .then_some(COMMON_PARAMS)
        .into_iter()
        .flatten();
    declared.chain(default)
}

/// The one rule for defaults, for `send` and `invoke` alike: each common
/// parameter the call takes and leaves unset gets the client's default,
/// when it has one.
fn fill_defaults<'a>(
    config: &'a Config,
    meta: Option<&'static ActionMeta>,
    params: &mut Params<'a>,
) {
    for name in common_names(meta) {
        let default = match name {
            "Region" => config.region.as_deref(),
            "Zone" => config.zone.as_deref(),
            "ProjectId" => config.project_id.as_deref(),
            _ => None,
        };
        if let Some(value) = default
            && !params.contains_name(name)
        {
            params.insert_sorted(name, Cow::Borrowed(value));
        }
    }
}

/// Fails when a parameter the action requires was not written.
fn check_required(meta: &ActionMeta, params: &Params<'_>) -> Result<(), Error> {
    match meta
        .params
        .iter()
        .find(|p| p.required && !params.contains_name(p.wire_name))
    {
        None => Ok(()),
        Some(missing) if missing.common => Err(Error::invalid_request(format!(
            "`{0}` is required; set it on the request or give the client a default {0}",
            missing.wire_name
        ))
        .for_action(meta.name)),
        Some(missing) => Err(Error::invalid_request(format!(
            "`{}` is required and was not set",
            missing.wire_name
        ))
        .for_action(meta.name)),
    }
}

/// Adds `Action`, `PublicKey` and `SecurityToken` and sorts, refusing
/// duplicates and a preset `Signature`.
///
/// The three are inserted at their places in the order, so parameters a
/// declared action wrote in order need no sorting.
pub(crate) fn with_credential<'a>(
    credential: &'a Credential,
    action: &'a str,
    mut params: Params<'a>,
) -> Result<Params<'a>, Error> {
    if params.get("Signature").is_some() {
        return Err(Error::invalid_request(
            "`Signature` is computed by the client and cannot be set as a parameter",
        )
        .for_action(action));
    }
    params.insert_sorted("Action", action);
    params.insert_sorted("PublicKey", credential.public_key());
    if let Some(token) = credential.security_token() {
        params.insert_sorted("SecurityToken", token);
    }
    params.sort().map_err(|e| e.for_action(action))?;
    Ok(params)
}

/// The form encoding of the sorted `params` with their signature, in one
/// pass: each pair is fed to the hash and appended to the body together.
pub(crate) fn signed_body(params: &Params<'_>, private_key: &str) -> String {
    // Most bytes need no escaping: size for the raw text plus a margin
    // that also holds `&Signature=` and the 40 hex digits.
    let estimate = params
        .iter()
        .map(|(k, v)| k.len() + v.len() + 2)
        .sum::<usize>()
        + 64;
    let mut body = String::with_capacity(estimate);
    let mut signer = sign::Signer::new();
    for (key, value) in params.iter() {
        signer.update(key, value);
        form::append_pair(&mut body, key, value);
    }
    if !body.is_empty() {
        body.push('&');
    }
    body.push_str("Signature=");
    signer.finish_into(private_key, &mut body);
    body
}
