//! Injected faults: what can go wrong, for which requests, and the seeded
//! choice of which requests it hits.
//!
//! A list of faults is also a sequence: faults are tried in order, `after`
//! lets a fault wait for its Nth matching request and `times` ends it, so
//! `retcode=150,times=2` followed by `http=503,after=2,times=1` fails the
//! first three requests in two ways and lets the rest through.

use std::fmt;
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use crate::actions;
use crate::error::Error;
use crate::regions;

/// What a fault does to a request.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum FaultKind {
    /// Wait this long before handling the request (combines with any
    /// answering fault that also fires).
    Latency(Duration),
    /// Answer with this RetCode in a normal JSON error answer (e.g. 150
    /// service unavailable, 153 rate limited).
    RetCode(i64),
    /// Answer with this HTTP status (200–599) and a short plain-text body.
    HttpStatus(u16),
    /// Answer 200 with a JSON content type and a body that is not JSON.
    MalformedJson,
    /// Answer 200 with a JSON answer cut off after its `RetCode`.
    TruncatedJson,
    /// Close the connection without answering.
    DropConnection,
}

impl FaultKind {
    /// Whether the fault replaces the answer (everything but latency).
    fn answers(&self) -> bool {
        !matches!(self, FaultKind::Latency(_))
    }
}

/// An answer a fault puts in place of the action's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum FaultAnswer {
    /// A JSON error answer with this RetCode.
    RetCode(i64),
    /// This HTTP status.
    HttpStatus(u16),
    /// A body that is not JSON.
    Malformed,
    /// A JSON answer cut off after its `RetCode`.
    Truncated,
    /// No answer at all.
    Drop,
}

/// A fault and the requests it applies to.
///
/// ```
/// use api_emulator::{Fault, FaultKind};
///
/// let fault = Fault::new(FaultKind::RetCode(150))
///     .action("DescribeUHostInstance")
///     .times(2);
/// assert_eq!(fault.to_string(), "retcode=150,action=DescribeUHostInstance,times=2");
/// assert_eq!("retcode=150,action=DescribeUHostInstance,times=2".parse::<Fault>().unwrap(), fault);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Fault {
    kind: FaultKind,
    action: Option<String>,
    region: Option<String>,
    account: Option<String>,
    after: Option<u64>,
    times: Option<u64>,
    rate: Option<f64>,
}

impl Fault {
    /// A fault that hits every request.
    pub fn new(kind: FaultKind) -> Self {
        Self {
            kind,
            action: None,
            region: None,
            account: None,
            after: None,
            times: None,
            rate: None,
        }
    }

    /// Only requests of this Action.
    pub fn action(mut self, action: impl Into<String>) -> Self {
        self.action = Some(action.into());
        self
    }

    /// Only requests whose `Region` parameter is `region`.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Only requests of the account with this public key.
    pub fn account(mut self, public_key: impl Into<String>) -> Self {
        self.account = Some(public_key.into());
        self
    }

    /// Lets the first `n` matching requests through and applies from the
    /// next one on; every matching request counts, whatever answered it.
    pub fn after(mut self, n: u64) -> Self {
        self.after = Some(n);
        self
    }

    /// Only the first `n` requests it would otherwise hit.
    pub fn times(mut self, n: u64) -> Self {
        self.times = Some(n);
        self
    }

    /// Each matching request with probability `p` (0–1), drawn from the
    /// seeded generator.
    pub fn rate(mut self, p: f64) -> Self {
        self.rate = Some(p);
        self
    }

    /// What the fault does.
    pub fn kind(&self) -> &FaultKind {
        &self.kind
    }

    /// The account it is limited to, if any.
    pub(crate) fn account_filter(&self) -> Option<&str> {
        self.account.as_deref()
    }

    /// Whether it applies to a request for `target` (leaving `after`,
    /// `times` and `rate` aside).
    fn matches(&self, target: &Target<'_>) -> bool {
        self.action.as_deref().is_none_or(|a| a == target.action)
            && self
                .region
                .as_deref()
                .is_none_or(|r| target.region == Some(r))
            && self.account.as_deref().is_none_or(|a| a == target.account)
    }

    /// Checks the settings; the emulator refuses invalid faults.
    pub(crate) fn check(&self) -> Result<(), Error> {
        match self.kind {
            FaultKind::HttpStatus(status) if !(200..=599).contains(&status) => {
                return Err(Error::Config(format!(
                    "fault HTTP status {status} is outside 200-599"
                )));
            }
            FaultKind::RetCode(0) => {
                return Err(Error::Config(
                    "a retcode fault needs a non-zero RetCode".to_owned(),
                ));
            }
            _ => {}
        }
        if let Some(action) = &self.action
            && actions::find(action).is_none()
        {
            return Err(Error::Config(format!(
                "fault action {action:?} is not a UHost action"
            )));
        }
        if let Some(region) = &self.region
            && regions::region(region).is_none()
        {
            return Err(Error::Config(format!(
                "fault region {region:?} is not a known region"
            )));
        }
        if self.account.as_deref() == Some("") {
            return Err(Error::Config("fault account must not be empty".to_owned()));
        }
        if self.times == Some(0) {
            return Err(Error::Config("fault times must be at least 1".to_owned()));
        }
        if let Some(rate) = self.rate
            && !(0.0..=1.0).contains(&rate)
        {
            return Err(Error::Config(format!("fault rate {rate} is outside 0-1")));
        }
        Ok(())
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            FaultKind::Latency(d) => write!(f, "latency={}", d.as_millis())?,
            FaultKind::RetCode(code) => write!(f, "retcode={code}")?,
            FaultKind::HttpStatus(status) => write!(f, "http={status}")?,
            FaultKind::MalformedJson => f.write_str("malformed")?,
            FaultKind::TruncatedJson => f.write_str("truncate")?,
            FaultKind::DropConnection => f.write_str("drop")?,
        }
        if let Some(action) = &self.action {
            write!(f, ",action={action}")?;
        }
        if let Some(region) = &self.region {
            write!(f, ",region={region}")?;
        }
        if let Some(account) = &self.account {
            write!(f, ",account={account}")?;
        }
        if let Some(after) = self.after {
            write!(f, ",after={after}")?;
        }
        if let Some(times) = self.times {
            write!(f, ",times={times}")?;
        }
        if let Some(rate) = self.rate {
            write!(f, ",rate={rate}")?;
        }
        Ok(())
    }
}

/// Parses the compact syntax of `--fault`:
/// `KIND[,action=NAME][,region=ID][,account=PUBLIC_KEY][,after=N][,times=N][,rate=P]`
/// where `KIND` is `latency=MS`, `retcode=N`, `http=STATUS`, `malformed`,
/// `truncate` or `drop`.
impl FromStr for Fault {
    type Err = Error;

    fn from_str(spec: &str) -> Result<Self, Error> {
        let bad = |why: String| Error::Config(format!("fault {spec:?}: {why}"));
        let mut parts = spec.split(',').map(str::trim);
        let kind_part = parts.next().unwrap_or_default();
        let (kind_name, kind_value) = match kind_part.split_once('=') {
            Some((name, value)) => (name, Some(value)),
            None => (kind_part, None),
        };
        let number = |value: Option<&str>| -> Result<i64, Error> {
            let value = value.ok_or_else(|| bad(format!("{kind_name} needs a value")))?;
            value
                .parse()
                .map_err(|_| bad(format!("{value:?} is not an integer")))
        };
        let kind = match kind_name {
            "latency" => {
                let ms = u64::try_from(number(kind_value)?)
                    .map_err(|_| bad("latency must not be negative".to_owned()))?;
                FaultKind::Latency(Duration::from_millis(ms))
            }
            "retcode" => FaultKind::RetCode(number(kind_value)?),
            "http" => FaultKind::HttpStatus(
                u16::try_from(number(kind_value)?)
                    .map_err(|_| bad("HTTP status out of range".to_owned()))?,
            ),
            "malformed" | "truncate" | "drop" if kind_value.is_some() => {
                return Err(bad(format!("{kind_name} takes no value")));
            }
            "malformed" => FaultKind::MalformedJson,
            "truncate" => FaultKind::TruncatedJson,
            "drop" => FaultKind::DropConnection,
            other => {
                return Err(bad(format!(
                    "unknown fault {other:?}; use latency=MS, retcode=N, http=STATUS, malformed, truncate or drop"
                )));
            }
        };
        let mut fault = Fault::new(kind);
        for part in parts {
            let (key, value) = part
                .split_once('=')
                .ok_or_else(|| bad(format!("{part:?} is not KEY=VALUE")))?;
            match key {
                "action" => fault = fault.action(value),
                "region" => fault = fault.region(value),
                "account" => fault = fault.account(value),
                "after" => {
                    fault = fault.after(
                        value
                            .parse()
                            .map_err(|_| bad(format!("after {value:?} is not a count")))?,
                    );
                }
                "times" => {
                    fault = fault.times(
                        value
                            .parse()
                            .map_err(|_| bad(format!("times {value:?} is not a count")))?,
                    );
                }
                "rate" => {
                    fault = fault.rate(
                        value
                            .parse()
                            .map_err(|_| bad(format!("rate {value:?} is not a number")))?,
                    );
                }
                other => {
                    return Err(bad(format!(
                        "unknown option {other:?}; use action=, region=, account=, after=, times= or rate="
                    )));
                }
            }
        }
        fault.check()?;
        Ok(fault)
    }
}

/// What the faults decided for one request.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Decision {
    /// Added latency.
    pub(crate) delay: Duration,
    /// The answer that replaces the action's, if any.
    pub(crate) answer: Option<FaultAnswer>,
}

/// The request a fault decision is for.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Target<'a> {
    /// The action's name.
    pub(crate) action: &'a str,
    /// The `Region` parameter, if given.
    pub(crate) region: Option<&'a str>,
    /// The account's public key.
    pub(crate) account: &'a str,
}

/// A fault and how far it has got.
#[derive(Debug, Clone, PartialEq)]
pub struct FaultStatus {
    fault: Fault,
    seen: u64,
    fired: u64,
}

impl FaultStatus {
    /// The fault as it was added.
    pub fn fault(&self) -> &Fault {
        &self.fault
    }

    /// How many requests it matched (by action, region and account).
    pub fn seen(&self) -> u64 {
        self.seen
    }

    /// How many requests it hit.
    pub fn fired(&self) -> u64 {
        self.fired
    }

    /// How many more requests it may hit (`None`: no `times` limit).
    pub fn left(&self) -> Option<u64> {
        self.fault.times.map(|t| t.saturating_sub(self.fired))
    }
}

/// The active faults and the seeded generator behind their rates.
#[derive(Debug)]
pub(crate) struct FaultEngine {
    seed: u64,
    armed: AtomicBool,
    state: Mutex<Armed>,
}

#[derive(Debug)]
struct Armed {
    faults: Vec<FaultStatus>,
    rng: fastrand::Rng,
}

impl FaultEngine {
    /// An engine with `faults` and the generator seeded with `seed`.
    pub(crate) fn new(seed: u64, faults: Vec<Fault>) -> Self {
        let engine = Self {
            seed,
            armed: AtomicBool::new(false),
            state: Mutex::new(Armed {
                faults: Vec::new(),
                rng: fastrand::Rng::with_seed(seed),
            }),
        };
        engine.replace(faults);
        engine
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Armed> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Replaces the faults and restarts the generator from the seed, so a
    /// given fault list always hits the same requests.
    pub(crate) fn replace(&self, faults: Vec<Fault>) {
        let mut state = self.lock();
        state.faults.clear();
        state.rng = fastrand::Rng::with_seed(self.seed);
        self.append(&mut state, faults);
    }

    /// Adds faults after the active ones (the generator goes on).
    pub(crate) fn add(&self, faults: Vec<Fault>) {
        let mut state = self.lock();
        self.append(&mut state, faults);
    }

    fn append(&self, state: &mut Armed, faults: Vec<Fault>) {
        state
            .faults
            .extend(faults.into_iter().map(|fault| FaultStatus {
                fault,
                seen: 0,
                fired: 0,
            }));
        self.armed
            .store(!state.faults.is_empty(), Ordering::Release);
    }

    /// The faults, in the order they are tried, with their progress.
    pub(crate) fn list(&self) -> Vec<FaultStatus> {
        self.lock().faults.clone()
    }

    /// Decides what happens to a request for `target`.
    ///
    /// Faults are tried in order. Every latency fault that fires adds its
    /// delay; the first answering fault that fires decides the answer, and
    /// later answering faults do not fire (they still count the request
    /// as seen, for `after`; their `times` and the generator are left
    /// alone). A fault fires when it matches the action, region and
    /// account, has seen more than `after` matching requests, has `times`
    /// left, and (with a rate) the generator draws below the rate.
    pub(crate) fn decide(&self, target: &Target<'_>) -> Decision {
        let mut decision = Decision::default();
        if !self.armed.load(Ordering::Acquire) {
            return decision;
        }
        let mut state = self.lock();
        let Armed { faults, rng } = &mut *state;
        for status in faults.iter_mut() {
            let fault = &status.fault;
            if !fault.matches(target) {
                continue;
            }
            status.seen = status.seen.saturating_add(1);
            if fault.after.is_some_and(|after| status.seen <= after)
                || (fault.kind.answers() && decision.answer.is_some())
                || fault.times.is_some_and(|times| status.fired >= times)
            {
                continue;
            }
            if let Some(rate) = fault.rate
                && rng.f64() >= rate
            {
                continue;
            }
            status.fired = status.fired.saturating_add(1);
            decision.answer = match fault.kind {
                FaultKind::Latency(d) => {
                    decision.delay = decision.delay.saturating_add(d);
                    continue;
                }
                FaultKind::RetCode(code) => Some(FaultAnswer::RetCode(code)),
                FaultKind::HttpStatus(status) => Some(FaultAnswer::HttpStatus(status)),
                FaultKind::MalformedJson => Some(FaultAnswer::Malformed),
                FaultKind::TruncatedJson => Some(FaultAnswer::Truncated),
                FaultKind::DropConnection => Some(FaultAnswer::Drop),
            };
        }
        decision
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to(action: &str) -> Target<'_> {
        Target {
            action,
            region: Some("cn-bj2"),
            account: "PK",
        }
    }

    #[test]
    fn compact_syntax_round_trips() {
        for spec in [
            "retcode=150,action=DescribeImage,times=2",
            "http=503,rate=0.3",
            "latency=50",
            "drop",
            "truncate,times=1",
            "malformed,action=CreateUHostInstance",
            "retcode=153,action=DescribeImage,region=cn-bj2,account=PK,after=1,times=2,rate=0.5",
        ] {
            let fault: Fault = spec.parse().unwrap();
            assert_eq!(fault.to_string(), spec);
        }
    }

    #[test]
    fn bad_specs_are_refused() {
        for spec in [
            "",
            "explode",
            "retcode",
            "retcode=x",
            "retcode=0",
            "http=99",
            "http=700",
            "latency=-1",
            "drop=1",
            "drop,times=0",
            "drop,rate=1.5",
            "drop,action=Nope",
            "drop,colour=red",
            "drop,times",
            "drop,region=mars",
            "drop,after=x",
            "drop,account=",
        ] {
            assert!(spec.parse::<Fault>().is_err(), "{spec} was accepted");
        }
    }

    #[test]
    fn times_and_action_limit_a_fault() {
        let engine = FaultEngine::new(
            0,
            vec![
                Fault::new(FaultKind::RetCode(150))
                    .action("DescribeImage")
                    .times(2),
            ],
        );
        assert_eq!(engine.decide(&to("DescribeUHostInstance")).answer, None);
        assert_eq!(
            engine.decide(&to("DescribeImage")).answer,
            Some(FaultAnswer::RetCode(150))
        );
        assert_eq!(
            engine.decide(&to("DescribeImage")).answer,
            Some(FaultAnswer::RetCode(150))
        );
        assert_eq!(engine.decide(&to("DescribeImage")).answer, None);
    }

    #[test]
    fn region_and_account_limit_a_fault() {
        let engine = FaultEngine::new(
            0,
            vec![
                Fault::new(FaultKind::RetCode(150))
                    .region("cn-sh2")
                    .account("other"),
            ],
        );
        let mut target = to("DescribeImage");
        assert_eq!(engine.decide(&target).answer, None);
        target.region = Some("cn-sh2");
        assert_eq!(engine.decide(&target).answer, None);
        target.account = "other";
        assert_eq!(
            engine.decide(&target).answer,
            Some(FaultAnswer::RetCode(150))
        );
        target.region = None;
        assert_eq!(engine.decide(&target).answer, None);
    }

    #[test]
    fn a_list_with_after_and_times_is_a_sequence() {
        let engine = FaultEngine::new(
            0,
            vec![
                "retcode=150,action=DescribeImage,times=2".parse().unwrap(),
                "http=503,action=DescribeImage,after=3,times=1"
                    .parse()
                    .unwrap(),
            ],
        );
        let answers: Vec<_> = (0..6)
            .map(|_| engine.decide(&to("DescribeImage")).answer)
            .collect();
        assert_eq!(
            answers,
            [
                Some(FaultAnswer::RetCode(150)),
                Some(FaultAnswer::RetCode(150)),
                None,
                Some(FaultAnswer::HttpStatus(503)),
                None,
                None,
            ]
        );
        let list = engine.list();
        assert_eq!(list[0].fired(), 2);
        assert_eq!(list[0].left(), Some(0));
        assert_eq!(list[1].seen(), 6);
        assert_eq!(list[1].fired(), 1);
        engine.add(vec![Fault::new(FaultKind::DropConnection).times(1)]);
        assert_eq!(
            engine.decide(&to("DescribeImage")).answer,
            Some(FaultAnswer::Drop)
        );
        assert_eq!(engine.list().len(), 3);
    }

    #[test]
    fn latency_adds_up_and_first_answer_wins() {
        let engine = FaultEngine::new(
            0,
            vec![
                Fault::new(FaultKind::Latency(Duration::from_millis(5))),
                Fault::new(FaultKind::DropConnection).times(1),
                Fault::new(FaultKind::HttpStatus(503)).times(1),
                Fault::new(FaultKind::Latency(Duration::from_millis(7))),
            ],
        );
        let first = engine.decide(&to("DescribeImage"));
        assert_eq!(first.delay, Duration::from_millis(12));
        assert_eq!(first.answer, Some(FaultAnswer::Drop));
        assert_eq!(
            engine.decide(&to("DescribeImage")).answer,
            Some(FaultAnswer::HttpStatus(503))
        );
        assert_eq!(engine.decide(&to("DescribeImage")).answer, None);
    }

    #[test]
    fn huge_latencies_saturate() {
        let huge = Fault::new(FaultKind::Latency(Duration::MAX));
        let engine = FaultEngine::new(0, vec![huge.clone(), huge]);
        assert_eq!(engine.decide(&to("DescribeImage")).delay, Duration::MAX);
    }

    #[test]
    fn rates_are_deterministic_per_seed() {
        let run = |seed| {
            let engine =
                FaultEngine::new(seed, vec![Fault::new(FaultKind::RetCode(153)).rate(0.5)]);
            (0..64)
                .map(|_| engine.decide(&to("DescribeImage")).answer.is_some())
                .collect::<Vec<_>>()
        };
        assert_eq!(run(7), run(7));
        assert_ne!(run(7), run(8));
        let hits = run(7).iter().filter(|h| **h).count();
        assert!((16..=48).contains(&hits), "{hits} hits of 64 at rate 0.5");
    }

    #[test]
    fn replacing_restarts_the_sequence() {
        let faults = || vec![Fault::new(FaultKind::RetCode(153)).rate(0.5)];
        let engine = FaultEngine::new(3, faults());
        let first: Vec<_> = (0..16)
            .map(|_| engine.decide(&to("DescribeImage")))
            .collect();
        engine.replace(faults());
        let second: Vec<_> = (0..16)
            .map(|_| engine.decide(&to("DescribeImage")))
            .collect();
        assert_eq!(first, second);
        engine.replace(Vec::new());
        assert_eq!(engine.decide(&to("DescribeImage")), Decision::default());
    }
}
