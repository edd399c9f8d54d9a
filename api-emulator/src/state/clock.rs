//! Time: state-change delays scaled by the time scale, and Unix timestamps.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// No scaled delay is longer than a year.
const LONGEST: Duration = Duration::from_secs(365 * 24 * 3600);

/// Scales the delays of state changes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Clock {
    scale: f64,
}

impl Clock {
    /// A clock whose delays are multiplied by `scale` (0 = immediate).
    pub(crate) fn new(scale: f64) -> Self {
        Self { scale }
    }

    /// When a change that takes `base` at scale 1 and starts at `now` is done.
    pub(crate) fn due(&self, now: Instant, base: Duration) -> Instant {
        let scaled = Duration::try_from_secs_f64(base.as_secs_f64() * self.scale)
            .unwrap_or(LONGEST)
            .min(LONGEST);
        now.checked_add(scaled).unwrap_or(now)
    }
}

/// Seconds since the Unix epoch.
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
}
