//! Time: the emulator's clock of state changes (which can be paused and
//! advanced), state-change delays scaled by the time scale, and Unix
//! timestamps.

use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// No scaled delay is longer than a year.
const LONGEST: Duration = Duration::from_secs(365 * 24 * 3600);

/// The clock state changes are measured by, and the scale of their delays.
///
/// It runs with real time from its start, except that it can be paused
/// (its time stands still), resumed, and advanced by any amount. Every
/// reading is an [`Instant`], so state changes compare against it as they
/// would against real time.
#[derive(Debug)]
pub(crate) struct Clock {
    scale: f64,
    time: Mutex<Reading>,
}

/// The clock's time was `at` when real time was `real`; it has not moved
/// since if `paused`.
#[derive(Debug, Clone, Copy)]
struct Reading {
    real: Instant,
    at: Instant,
    paused: bool,
}

/// What [`Clock::status`] reports.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ClockStatus {
    /// Whether the clock stands still.
    pub(crate) paused: bool,
    /// How far the clock is ahead of real time (negative: behind).
    pub(crate) ahead_seconds: f64,
    /// The clock's time in Unix milliseconds.
    pub(crate) unix_ms: u64,
}

impl Clock {
    /// A running clock whose delays are multiplied by `scale` (0 = immediate).
    pub(crate) fn new(scale: f64) -> Self {
        let now = Instant::now();
        Self {
            scale,
            time: Mutex::new(Reading {
                real: now,
                at: now,
                paused: false,
            }),
        }
    }

    fn reading(&self) -> std::sync::MutexGuard<'_, Reading> {
        self.time.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The clock's time now.
    pub(crate) fn now(&self) -> Instant {
        let reading = *self.reading();
        Self::time_at(reading, Instant::now())
    }

    fn time_at(reading: Reading, real: Instant) -> Instant {
        if reading.paused {
            reading.at
        } else {
            reading
                .at
                .checked_add(real.saturating_duration_since(reading.real))
                .unwrap_or(reading.at)
        }
    }

    /// Stops the clock; state changes under way stay where they are.
    pub(crate) fn pause(&self) {
        let mut reading = self.reading();
        let real = Instant::now();
        *reading = Reading {
            real,
            at: Self::time_at(*reading, real),
            paused: true,
        };
    }

    /// Lets a paused clock run on from where it stood.
    pub(crate) fn resume(&self) {
        let mut reading = self.reading();
        let real = Instant::now();
        *reading = Reading {
            real,
            at: Self::time_at(*reading, real),
            paused: false,
        };
    }

    /// Moves the clock forward by `by` (capped at a year per call), paused
    /// or not: state changes due within it are done.
    pub(crate) fn advance(&self, by: Duration) {
        let mut reading = self.reading();
        let real = Instant::now();
        let at = Self::time_at(*reading, real);
        *reading = Reading {
            real,
            at: at.checked_add(by.min(LONGEST)).unwrap_or(at),
            paused: reading.paused,
        };
    }

    /// Paused or not, how far ahead, and the clock's Unix time.
    pub(crate) fn status(&self) -> ClockStatus {
        let reading = *self.reading();
        let real = Instant::now();
        let at = Self::time_at(reading, real);
        let ahead_seconds = if at >= real {
            at.duration_since(real).as_secs_f64()
        } else {
            -real.duration_since(at).as_secs_f64()
        };
        ClockStatus {
            paused: reading.paused,
            ahead_seconds,
            unix_ms: u64::try_from(self.unix_time_at(at, real).as_millis()).unwrap_or(u64::MAX),
        }
    }

    /// The clock's time as time since the Unix epoch.
    fn unix_time_at(&self, at: Instant, real: Instant) -> Duration {
        let wall = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        if at >= real {
            wall.saturating_add(at.duration_since(real))
        } else {
            wall.saturating_sub(real.duration_since(at))
        }
    }

    /// The clock's time in Unix seconds, for timestamps in answers.
    pub(crate) fn unix_now(&self) -> u64 {
        let reading = *self.reading();
        let real = Instant::now();
        self.unix_time_at(Self::time_at(reading, real), real)
            .as_secs()
    }

    /// When a change that takes `base` at scale 1 and starts at `now` is done.
    pub(crate) fn due(&self, now: Instant, base: Duration) -> Instant {
        let scaled = Duration::try_from_secs_f64(base.as_secs_f64() * self.scale)
            .unwrap_or(LONGEST)
            .min(LONGEST);
        now.checked_add(scaled).unwrap_or(now)
    }
}

/// Seconds since the Unix epoch, by the real clock.
pub(crate) fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_scale() {
        let now = Instant::now();
        assert_eq!(Clock::new(0.0).due(now, Duration::from_secs(3)), now);
        assert_eq!(
            Clock::new(0.5).due(now, Duration::from_secs(3)),
            now + Duration::from_millis(1500)
        );
        assert_eq!(
            Clock::new(1e300).due(now, Duration::from_secs(3)),
            now + LONGEST
        );
    }

    #[test]
    fn a_paused_clock_stands_still_and_advances_on_demand() {
        let clock = Clock::new(1.0);
        clock.pause();
        let stopped = clock.now();
        assert_eq!(clock.now(), stopped);
        clock.advance(Duration::from_secs(90));
        assert_eq!(clock.now(), stopped + Duration::from_secs(90));
        let status = clock.status();
        assert!(status.paused);
        assert!(status.ahead_seconds > 89.0, "{status:?}");
        clock.resume();
        assert!(clock.now() >= stopped + Duration::from_secs(90));
        assert!(!clock.status().paused);
    }

    #[test]
    fn unix_time_follows_the_clock() {
        let clock = Clock::new(1.0);
        let before = clock.unix_now();
        clock.advance(Duration::from_secs(3600));
        let after = clock.unix_now();
        assert!(
            (3599..=3601).contains(&(after - before)),
            "{before} {after}"
        );
    }
}
