//! A resource state that may be on its way to another one.
//!
//! Nothing runs in the background: a change stores the state shown while it
//! lasts, the state it ends in and when it ends, and every read works out
//! which one applies at that moment.

use std::time::{Duration, Instant};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::snapshot;

/// The state of a resource over time.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Phase<S> {
    during: S,
    then: S,
    until: Instant,
}

impl<S: Copy> Phase<S> {
    /// A resource resting in `state`.
    pub(crate) fn settled(state: S, now: Instant) -> Self {
        Self {
            during: state,
            then: state,
            until: now,
        }
    }

    /// A resource shown as `during` until `until`, then as `then`.
    pub(crate) fn moving(during: S, then: S, until: Instant) -> Self {
        Self {
            during,
            then,
            until,
        }
    }

    /// The state at `now`.
    pub(crate) fn at(&self, now: Instant) -> S {
        if now >= self.until {
            self.then
        } else {
            self.during
        }
    }
}

/// How a phase is written in a state dump: the state shown now and, while
/// a change is under way, the state it ends in and how many milliseconds
/// until then (counted from the dump's moment, see [`snapshot`]).
#[derive(Serialize, Deserialize)]
#[serde(bound(deserialize = "S: Deserialize<'de>"))]
struct Written<S> {
    state: S,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    then: Option<S>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    due_in_ms: Option<u64>,
}

impl<S: Copy + Serialize> Serialize for Phase<S> {
    fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        let now = snapshot::moment();
        let written = if now >= self.until {
            Written {
                state: self.then,
                then: None,
                due_in_ms: None,
            }
        } else {
            let left = self.until.duration_since(now).as_micros().div_ceil(1000);
            Written {
                state: self.during,
                then: Some(self.then),
                due_in_ms: Some(u64::try_from(left).unwrap_or(u64::MAX)),
            }
        };
        written.serialize(serializer)
    }
}

impl<'de, S: Copy + Deserialize<'de>> Deserialize<'de> for Phase<S> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let written = Written::<S>::deserialize(deserializer)?;
        let now = snapshot::moment();
        let due = Duration::from_millis(written.due_in_ms.unwrap_or(0));
        Ok(Self::moving(
            written.state,
            written.then.unwrap_or(written.state),
            now.checked_add(due).unwrap_or(now),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn moves_when_due() {
        let now = Instant::now();
        let phase = Phase::moving("Stopping", "Stopped", now + Duration::from_secs(1));
        assert_eq!(phase.at(now), "Stopping");
        assert_eq!(phase.at(now + Duration::from_secs(1)), "Stopped");
        assert_eq!(Phase::settled("Running", now).at(now), "Running");
    }
}
