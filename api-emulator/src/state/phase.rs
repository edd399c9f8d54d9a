//! A resource state that may be on its way to another one.
//!
//! Nothing runs in the background: a change stores the state shown while it
//! lasts, the state it ends in and when it ends, and every read works out
//! which one applies at that moment.

use std::time::Instant;

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
