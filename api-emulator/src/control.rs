//! The control plane: the operations that steer a running emulator (reset,
//! state dump and load, faults, the clock, the request log), and their
//! JSON endpoints under `/_emulator/`, which are never taken for API calls.
//!
//! [`Emulator`](crate::Emulator)'s methods call the same operations.

use std::time::{Duration, UNIX_EPOCH};

use hyper::{Method, StatusCode, Uri};
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::faults::{Fault, FaultStatus};
use crate::journal::RequestRecord;
use crate::params::Params;
use crate::server::Service;
use crate::state::snapshot::Totals;

/// The reserved path prefix.
const PREFIX: &str = "/_emulator";

/// How many requests `GET /_emulator/requests` lists without a `limit`.
const DEFAULT_LIMIT: usize = 100;

/// Whether `path` belongs to the control plane.
pub(crate) fn is_control(path: &str) -> bool {
    path.strip_prefix(PREFIX)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

impl Service {
    /// Checks faults against this emulator: an `account=` must be one of
    /// its accounts.
    fn check_faults(&self, faults: &[Fault]) -> Result<(), Error> {
        for fault in faults {
            fault.check()?;
            if let Some(key) = fault.account_filter()
                && self.shared.store.account(key).is_none()
            {
                return Err(Error::Config(format!(
                    "fault {fault}: no account has the public key {key:?}"
                )));
            }
        }
        Ok(())
    }

    /// Adds faults after the active ones.
    pub(crate) fn add_faults(&self, faults: Vec<Fault>) -> Result<(), Error> {
        self.check_faults(&faults)?;
        self.shared.faults.add(faults);
        Ok(())
    }

    /// Replaces the faults and restarts the seeded generator.
    pub(crate) fn set_faults(&self, faults: Vec<Fault>) -> Result<(), Error> {
        self.check_faults(&faults)?;
        self.shared.faults.replace(faults);
        Ok(())
    }
}

/// The JSON body of an error answer.
pub(crate) fn error(status: StatusCode, message: &str) -> (StatusCode, Vec<u8>) {
    #[derive(Serialize)]
    struct Failure<'a> {
        error: &'a str,
    }
    reply(status, &Failure { error: message })
}

fn reply<T: Serialize>(status: StatusCode, value: &T) -> (StatusCode, Vec<u8>) {
    match serde_json::to_vec(value) {
        Ok(body) => (status, body),
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("{{\"error\":\"cannot write the answer: {e}\"}}")
                .replace('\n', " ")
                .into_bytes(),
        ),
    }
}

fn ok<T: Serialize>(value: &T) -> (StatusCode, Vec<u8>) {
    reply(StatusCode::OK, value)
}

fn bad(e: &Error) -> (StatusCode, Vec<u8>) {
    let status = match e {
        Error::UnknownAccount(_) => StatusCode::NOT_FOUND,
        _ => StatusCode::BAD_REQUEST,
    };
    error(status, &e.to_string())
}

/// Answers a control plane request with a status and a JSON body.
pub(crate) fn handle(
    service: &Service,
    method: &Method,
    uri: &Uri,
    body: &[u8],
) -> (StatusCode, Vec<u8>) {
    let query = match Params::parse(uri.query(), None, b"") {
        Ok(query) => query,
        Err(e) => {
            return error(
                StatusCode::BAD_REQUEST,
                &format!("unreadable query string: {}: {}", e.param, e.reason),
            );
        }
    };
    let endpoint = uri.path().strip_prefix(PREFIX).unwrap_or_default();
    let allowed: &[Method] = match endpoint {
        "/health" => &[Method::GET],
        "/reset" => &[Method::POST],
        "/state" => &[Method::GET, Method::PUT],
        "/faults" => &[Method::GET, Method::POST, Method::DELETE],
        "/clock" => &[Method::GET, Method::POST],
        "/requests" => &[Method::GET, Method::DELETE],
        _ => {
            return error(
                StatusCode::NOT_FOUND,
                &format!(
                    "no control endpoint {:?}; there are {PREFIX}/health, /reset, /state, /faults, /clock and /requests",
                    uri.path()
                ),
            );
        }
    };
    if !allowed.contains(method) {
        let names: Vec<&str> = allowed.iter().map(Method::as_str).collect();
        return error(
            StatusCode::METHOD_NOT_ALLOWED,
            &format!(
                "{PREFIX}{endpoint} takes {}, not {method}",
                names.join(", ")
            ),
        );
    }
    match (endpoint, method.as_str()) {
        ("/health", _) => health(service),
        ("/reset", _) => reset(service, &query),
        ("/state", "GET") => match service.shared.store.dump() {
            Ok(dump) => (StatusCode::OK, dump),
            Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
        },
        ("/state", _) => match service.shared.store.load(body) {
            Ok(totals) => ok(&Loaded { loaded: totals }),
            Err(e) => bad(&e),
        },
        ("/faults", "GET") => faults(service),
        ("/faults", "POST") => add_faults(service, body),
        ("/faults", _) => {
            service.shared.faults.replace(Vec::new());
            faults(service)
        }
        ("/clock", "GET") => clock(service),
        ("/clock", _) => change_clock(service, body),
        ("/requests", "GET") => requests(service, &query),
        ("/requests", _) => {
            service.journal.clear();
            requests(service, &query)
        }
        _ => error(StatusCode::METHOD_NOT_ALLOWED, "not allowed"),
    }
}

/// Reads a JSON body into `T`, or says why not.
fn json_body<'a, T: Deserialize<'a>>(body: &'a [u8]) -> Result<T, (StatusCode, Vec<u8>)> {
    serde_json::from_slice(body).map_err(|e| {
        error(
            StatusCode::BAD_REQUEST,
            &format!("unreadable JSON body: {e}"),
        )
    })
}

fn health(service: &Service) -> (StatusCode, Vec<u8>) {
    #[derive(Serialize)]
    struct Health {
        status: &'static str,
        version: &'static str,
        resources: Totals,
    }
    ok(&Health {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
        resources: service.shared.store.totals(),
    })
}

fn reset(service: &Service, query: &Params) -> (StatusCode, Vec<u8>) {
    #[derive(Serialize)]
    struct Reset<'a> {
        reset: &'a str,
    }
    let account = query.get("account");
    match service.shared.store.reset(account) {
        Ok(()) => ok(&Reset {
            reset: account.unwrap_or("all"),
        }),
        Err(e) => bad(&e),
    }
}

#[derive(Serialize)]
struct Loaded {
    loaded: Totals,
}

#[derive(Serialize)]
struct FaultOut {
    spec: String,
    seen: u64,
    fired: u64,
    left: Option<u64>,
}

impl From<&FaultStatus> for FaultOut {
    fn from(status: &FaultStatus) -> Self {
        Self {
            spec: status.fault().to_string(),
            seen: status.seen(),
            fired: status.fired(),
            left: status.left(),
        }
    }
}

fn faults(service: &Service) -> (StatusCode, Vec<u8>) {
    #[derive(Serialize)]
    struct Faults {
        faults: Vec<FaultOut>,
    }
    ok(&Faults {
        faults: service
            .shared
            .faults
            .list()
            .iter()
            .map(FaultOut::from)
            .collect(),
    })
}

fn add_faults(service: &Service, body: &[u8]) -> (StatusCode, Vec<u8>) {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Add {
        #[serde(default)]
        fault: Option<String>,
        #[serde(default)]
        faults: Vec<String>,
    }
    let add: Add = match json_body(body) {
        Ok(add) => add,
        Err(answer) => return answer,
    };
    let parsed: Result<Vec<Fault>, Error> = add
        .fault
        .iter()
        .chain(&add.faults)
        .map(|spec| spec.parse())
        .collect();
    let added = parsed.and_then(|faults| {
        if faults.is_empty() {
            return Err(Error::Config(
                "give \"fault\": \"SPEC\" or \"faults\": [\"SPEC\", ...]".to_owned(),
            ));
        }
        service.add_faults(faults)
    });
    match added {
        Ok(()) => faults(service),
        Err(e) => bad(&e),
    }
}

fn clock(service: &Service) -> (StatusCode, Vec<u8>) {
    #[derive(Serialize)]
    struct ClockOut {
        paused: bool,
        ahead_seconds: f64,
        unix_ms: u64,
    }
    let status = service.shared.store.clock.status();
    ok(&ClockOut {
        paused: status.paused,
        ahead_seconds: status.ahead_seconds,
        unix_ms: status.unix_ms,
    })
}

fn change_clock(service: &Service, body: &[u8]) -> (StatusCode, Vec<u8>) {
    #[derive(Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Action {
        Pause,
        Resume,
        Advance,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Change {
        action: Action,
        seconds: Option<f64>,
    }
    let change: Change = match json_body(body) {
        Ok(change) => change,
        Err(answer) => return answer,
    };
    let clock = &service.shared.store.clock;
    match (change.action, change.seconds) {
        (Action::Pause, None) => clock.pause(),
        (Action::Resume, None) => clock.resume(),
        (Action::Advance, Some(seconds)) => match Duration::try_from_secs_f64(seconds) {
            Ok(by) => clock.advance(by),
            Err(_) => {
                return error(
                    StatusCode::BAD_REQUEST,
                    &format!("seconds must be a number >= 0, not {seconds}"),
                );
            }
        },
        (Action::Advance, None) => {
            return error(StatusCode::BAD_REQUEST, "advance needs \"seconds\"");
        }
        (Action::Pause | Action::Resume, Some(_)) => {
            return error(StatusCode::BAD_REQUEST, "only advance takes \"seconds\"");
        }
    }
    self::clock(service)
}

#[derive(Serialize)]
struct RequestOut<'a> {
    time_unix_ms: u64,
    request_uuid: &'a str,
    account: Option<&'a str>,
    action: Option<&'a str>,
    ret_code: Option<i64>,
    http_status: Option<u16>,
    fault: Option<&'a str>,
    latency_ms: f64,
}

impl<'a> From<&'a RequestRecord> for RequestOut<'a> {
    fn from(r: &'a RequestRecord) -> Self {
        Self {
            time_unix_ms: r
                .time()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX)),
            request_uuid: r.request_uuid(),
            account: r.account(),
            action: r.action(),
            ret_code: r.ret_code(),
            http_status: r.http_status(),
            fault: r.fault(),
            latency_ms: r.latency().as_secs_f64() * 1000.0,
        }
    }
}

fn requests(service: &Service, query: &Params) -> (StatusCode, Vec<u8>) {
    #[derive(Serialize)]
    struct Requests<'a> {
        requests: Vec<RequestOut<'a>>,
    }
    let limit = match query.get("limit").map(str::parse::<usize>) {
        None => DEFAULT_LIMIT,
        Some(Ok(limit)) => limit,
        Some(Err(_)) => {
            return error(StatusCode::BAD_REQUEST, "limit must be a count (0 or more)");
        }
    };
    let action = query.get("action");
    let account = query.get("account");
    let records = service.journal.recent(limit, |r| {
        action.is_none_or(|a| r.action() == Some(a))
            && account.is_none_or(|a| r.account() == Some(a))
    });
    ok(&Requests {
        requests: records.iter().map(RequestOut::from).collect(),
    })
}
