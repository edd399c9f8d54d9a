//! The gateway: from the parameters of a request to its answer, through the
//! checks in the real gateway's order, the request counters and the faults.
//!
//! 1. no `Action` → 160
//! 2. no or unknown `PublicKey` → 172
//! 3. no `Signature` → 170
//! 4. wrong `Signature` → 171
//! 5. unknown `Action` → 161
//! 6. a `ProjectId` that is not one of the account's projects → 292
//! 7. faults (latency, or an answer in place of the action's)
//! 8. the action's parameter checks (230 …) and the action itself

use std::borrow::Cow;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::actions::{self, COUNT};
use crate::answer::{self, ApiError};
use crate::faults::{FaultAnswer, FaultEngine, Target};
use crate::params::{Params, ParamsError};
use crate::retcodes;
use crate::signature;
use crate::state::Store;

/// State shared by every connection.
#[derive(Debug)]
pub(crate) struct Shared {
    /// Accounts and resources.
    pub(crate) store: Store,
    /// Injected faults.
    pub(crate) faults: FaultEngine,
    counts: [AtomicU64; COUNT],
}

impl Shared {
    /// Shared state over `store` and `faults`, with all counters at zero.
    pub(crate) fn new(store: Store, faults: FaultEngine) -> Self {
        Self {
            store,
            faults,
            counts: std::array::from_fn(|_| AtomicU64::new(0)),
        }
    }

    /// How many requests named the action `name` (0 for unknown names).
    pub(crate) fn count(&self, name: &str) -> u64 {
        actions::find(name)
            .and_then(|(at, _)| self.counts.get(at))
            .map_or(0, |c| c.load(Ordering::Relaxed))
    }
}

/// What the log line and the request log say about a request.
#[derive(Debug, Default)]
pub(crate) struct Summary {
    /// The `Action` the request names (cut to 64 characters).
    pub(crate) action: Option<String>,
    /// The `PublicKey` the request gives (cut to 64 characters).
    pub(crate) account: Option<String>,
    /// The RetCode of a JSON answer.
    pub(crate) ret_code: Option<i64>,
    /// The answering fault that fired, if any.
    pub(crate) fault: Option<FaultAnswer>,
}

/// At most 64 characters of a request's value, for logs.
fn clip(value: &str) -> String {
    value.chars().take(64).collect()
}

/// What the server sends back.
#[derive(Debug, PartialEq)]
pub(crate) enum Outcome {
    /// HTTP 200 with this body and a JSON content type.
    Json(Vec<u8>),
    /// This HTTP status with a short text body (a fault).
    Status(u16),
    /// No answer: close the connection (a fault).
    Drop,
}

/// The error answer for a request whose body could not be read; the
/// `Action` comes from the query string when it has one.
pub(crate) fn unreadable(query: Option<&str>, problem: &str) -> Vec<u8> {
    refused(query, &ApiError::invalid("body", problem))
}

/// The error answer for a request whose parameters could not be read, such
/// as one that names a parameter twice.
fn unreadable_params(query: Option<&str>, problem: &ParamsError) -> Vec<u8> {
    refused(query, &ApiError::invalid(&problem.param, &problem.reason))
}

fn refused(query: Option<&str>, error: &ApiError) -> Vec<u8> {
    let action = query
        .and_then(|q| Params::parse(Some(q), None, b"").ok())
        .and_then(|p| p.get("Action").map(answer::response_name))
        .unwrap_or_else(|| "Response".to_owned());
    answer::failure(&action, error)
}

/// Answers one request, noting in `summary` what the logs show of it.
pub(crate) async fn handle(
    shared: &Shared,
    query: Option<&str>,
    content_type: Option<&str>,
    body: &[u8],
    summary: &mut Summary,
) -> Outcome {
    let params = match Params::parse(query, content_type, body) {
        Ok(params) => params,
        Err(problem) => {
            summary.ret_code = Some(retcodes::INVALID_PARAMS);
            return Outcome::Json(unreadable_params(query, &problem));
        }
    };
    summary.action = params.get("Action").map(clip);
    summary.account = params.get("PublicKey").map(clip);
    let outcome = respond(shared, &params, summary).await;
    match (summary.fault, &outcome) {
        (Some(FaultAnswer::RetCode(code)), _) => summary.ret_code = Some(code),
        (None, Outcome::Json(_)) if summary.ret_code.is_none() => summary.ret_code = Some(0),
        _ => {}
    }
    outcome
}

async fn respond(shared: &Shared, params: &Params, summary: &mut Summary) -> Outcome {
    let mut fail = |response: &str, code: i64, message: String| {
        tracing::debug!(response, code, %message, "refused");
        summary.ret_code = Some(code);
        Outcome::Json(answer::failure(response, &ApiError::new(code, message)))
    };
    let Some(action) = params.get("Action") else {
        return fail(
            "Response",
            retcodes::MISSING_ACTION,
            "Missing Action".to_owned(),
        );
    };
    let known = actions::find(action);
    if let Some(counter) = known.and_then(|(at, _)| shared.counts.get(at)) {
        counter.fetch_add(1, Ordering::Relaxed);
    }
    let response: Cow<'_, str> = match known {
        Some((_, spec)) => Cow::Borrowed(spec.response),
        None => Cow::Owned(answer::response_name(action)),
    };
    let public_key = params.get("PublicKey");
    let account = match public_key {
        None => {
            return fail(
                &response,
                retcodes::UNKNOWN_USER,
                "Missing PublicKey".to_owned(),
            );
        }
        Some(public_key) => match shared.store.account(public_key) {
            Some(account) => account,
            None => {
                return fail(
                    &response,
                    retcodes::UNKNOWN_USER,
                    format!("User [{public_key}] does not exist"),
                );
            }
        },
    };
    let Some(given) = params.get("Signature") else {
        return fail(
            &response,
            retcodes::MISSING_SIGNATURE,
            "Missing Signature".to_owned(),
        );
    };
    if !signature::verify(params, &account.private_key, given) {
        return fail(
            &response,
            retcodes::BAD_SIGNATURE,
            "Signature VerifyAC Error: the signature does not match the parameters".to_owned(),
        );
    }
    let Some((_, spec)) = known else {
        return fail(
            &response,
            retcodes::UNKNOWN_ACTION,
            format!("Action [{action}] not found"),
        );
    };
    if let Some(project) = params.get("ProjectId")
        && account.project(project).is_none()
    {
        return fail(
            spec.response,
            retcodes::UNKNOWN_PROJECT,
            format!("Project [{project}] does not exist"),
        );
    }
    let decision = shared.faults.decide(&Target {
        action: spec.name,
        region: params.get("Region"),
        account: public_key.unwrap_or_default(),
    });
    if !decision.delay.is_zero() {
        tokio::time::sleep(decision.delay).await;
    }
    if let Some(fault) = decision.answer {
        tracing::debug!(action = spec.name, ?fault, "fault injected");
        summary.fault = Some(fault);
        return fault_outcome(fault, spec.response);
    }
    match spec.run(&shared.store, account, params) {
        Ok(reply) => {
            tracing::debug!(action = spec.name, "answered");
            Outcome::Json(reply.0)
        }
        Err(error) => fail(spec.response, error.code, error.message),
    }
}

fn fault_outcome(fault: FaultAnswer, response: &str) -> Outcome {
    match fault {
        FaultAnswer::RetCode(code) => Outcome::Json(answer::failure(
            response,
            &ApiError::new(code, gateway_message(code)),
        )),
        FaultAnswer::HttpStatus(status) => Outcome::Status(status),
        FaultAnswer::Malformed => Outcome::Json(
            format!("{{\"Action\":\"{response}\",\"RetCode\":0,<html>bad gateway</html>")
                .into_bytes(),
        ),
        FaultAnswer::Truncated => {
            Outcome::Json(format!("{{\"Action\":\"{response}\",\"RetCode\":0,").into_bytes())
        }
        FaultAnswer::Drop => Outcome::Drop,
    }
}

/// The gateway's wording for its own codes.
fn gateway_message(code: i64) -> &'static str {
    match code {
        110 => "API request timed out",
        130 => "API gateway or authentication service error",
        150 => "Service is temporarily unavailable, please retry later",
        153 => "API request rate limit exceeded",
        _ => "Fault injected by the emulator",
    }
}
