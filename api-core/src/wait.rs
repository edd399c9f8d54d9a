//! Polling until a resource gets where it should, or failing clearly.

use std::future::Future;
use std::time::Duration;

use crate::error::Error;

/// What one check of a waited-for resource found.
#[derive(Debug, Clone, PartialEq)]
pub enum Status<T> {
    /// Done: the value to return.
    Ready(T),
    /// Not yet; the state seen, e.g. `Initializing`.
    Pending(String),
    /// A state the resource will not leave on its own, e.g. `Install Fail`.
    Failed(String),
}

/// A callback told each pending state and the time waited so far.
type ProgressReport<'p> = Box<dyn FnMut(&str, Duration) + Send + 'p>;

/// Polls a check with growing delays until it is ready, fails, or the
/// deadline passes.
///
/// ```no_run
/// # async fn run() -> Result<(), api_core::Error> {
/// use std::time::Duration;
/// use api_core::wait::{Status, Waiter};
///
/// let value = Waiter::new("the answer to be ready")
///     .timeout(Duration::from_secs(60))
///     .until(|| async { Ok(Status::Ready(42)) })
///     .await?;
/// # Ok(()) }
/// ```
#[must_use]
pub struct Waiter<'p> {
    what: String,
    initial_delay: Duration,
    max_delay: Duration,
    timeout: Duration,
    on_progress: Option<ProgressReport<'p>>,
}

impl std::fmt::Debug for Waiter<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Waiter")
            .field("what", &self.what)
            .field("initial_delay", &self.initial_delay)
            .field("max_delay", &self.max_delay)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// The default first delay between checks.
pub const DEFAULT_INITIAL_DELAY: Duration = Duration::from_millis(500);
/// The default cap on the delay between checks.
pub const DEFAULT_MAX_DELAY: Duration = Duration::from_secs(10);
/// The default deadline.
pub const DEFAULT_WAIT_TIMEOUT: Duration = Duration::from_secs(600);

impl<'p> Waiter<'p> {
    /// A waiter; `what` names the goal in errors and traces, e.g.
    /// `"instance uhost-1 to be Running"`.
    pub fn new(what: impl Into<String>) -> Self {
        Waiter {
            what: what.into(),
            initial_delay: DEFAULT_INITIAL_DELAY,
            max_delay: DEFAULT_MAX_DELAY,
            timeout: DEFAULT_WAIT_TIMEOUT,
            on_progress: None,
        }
    }

    /// Replaces the description of the goal.
    pub fn describe(mut self, what: impl Into<String>) -> Self {
        self.what = what.into();
        self
    }

    /// The first delay between checks; it grows by half each time.
    pub fn initial_delay(mut self, delay: Duration) -> Self {
        self.initial_delay = delay;
        self
    }

    /// The cap on the delay between checks.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// How long to wait in all.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Calls `report` with each pending state seen and the time waited so
    /// far, e.g. to show progress.
    pub fn on_progress(mut self, report: impl FnMut(&str, Duration) + Send + 'p) -> Self {
        self.on_progress = Some(Box::new(report));
        self
    }

    /// Checks until ready. Fails with [`Error::WaitFailed`] as soon as a
    /// failure state is seen, with [`Error::WaitTimeout`] (naming the last
    /// state) when the deadline passes, and with the check's own error if
    /// a check fails.
    pub async fn until<T, F, Fut>(mut self, mut check: F) -> Result<T, Error>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<Status<T>, Error>>,
    {
        let started = tokio::time::Instant::now();
        let mut delay = self.initial_delay;
        loop {
            let status = check().await?;
            match self.next_step(status, started.elapsed(), &mut delay) {
                Step::Done(result) => return result,
                Step::Sleep(pause) => tokio::time::sleep(pause).await,
            }
        }
    }

    /// Checks until ready, like [`Waiter::until`], for code that does not
    /// run on an async runtime: `check` is a plain function (for example
    /// one that calls [`blocking::Client`](crate::blocking::Client)) and
    /// the delays between checks put the calling thread to sleep.
    ///
    /// The delays, the deadline, the progress reports and the errors are
    /// those of [`Waiter::until`]. Called from inside an async runtime,
    /// where sleeping would stall it, it fails at once with
    /// [`Error::Config`] without calling `check`.
    ///
    /// ```no_run
    /// # fn run() -> Result<(), api_core::Error> {
    /// use std::time::Duration;
    /// use api_core::wait::{Status, Waiter};
    ///
    /// let value = Waiter::new("the answer to be ready")
    ///     .timeout(Duration::from_secs(60))
    ///     .until_blocking(|| Ok(Status::Ready(42)))?;
    /// # Ok(()) }
    /// ```
    #[cfg(feature = "blocking")]
    pub fn until_blocking<T>(
        mut self,
        mut check: impl FnMut() -> Result<Status<T>, Error>,
    ) -> Result<T, Error> {
        crate::blocking::refuse_inside_runtime("api_core::wait::Waiter::until_blocking")?;
        let started = std::time::Instant::now();
        let mut delay = self.initial_delay;
        loop {
            let status = check()?;
            match self.next_step(status, started.elapsed(), &mut delay) {
                Step::Done(result) => return result,
                Step::Sleep(pause) => std::thread::sleep(pause),
            }
        }
    }

    /// The schedule shared by `Waiter::until` and
    /// `Waiter::until_blocking`: given what a check found after
    /// `waited`, either the outcome or how long to pause before the next
    /// check. `delay` is the next pause; it grows by half each time, up to
    /// the cap, and never runs past the deadline.
    fn next_step<T>(
        &mut self,
        status: Status<T>,
        waited: Duration,
        delay: &mut Duration,
    ) -> Step<T> {
        let state = match status {
            Status::Ready(value) => {
                tracing::debug!(what = %self.what, waited_ms = waited.as_millis() as u64, "wait done");
                return Step::Done(Ok(value));
            }
            Status::Failed(state) => {
                tracing::warn!(what = %self.what, state = %state, "wait failed");
                return Step::Done(Err(Error::WaitFailed {
                    what: std::mem::take(&mut self.what),
                    state,
                }));
            }
            Status::Pending(state) => state,
        };
        tracing::debug!(what = %self.what, state = %state, waited_ms = waited.as_millis() as u64, "waiting");
        if let Some(report) = self.on_progress.as_mut() {
            report(&state, waited);
        }
        let remaining = self.timeout.saturating_sub(waited);
        if remaining.is_zero() {
            return Step::Done(Err(Error::WaitTimeout {
                what: std::mem::take(&mut self.what),
                last_state: state,
                after: self.timeout,
            }));
        }
        let pause = (*delay).min(remaining);
        *delay = delay.saturating_add(*delay / 2).min(self.max_delay);
        Step::Sleep(pause)
    }
}

/// What a waiter does after a check.
enum Step<T> {
    /// Stop with this outcome.
    Done(Result<T, Error>),
    /// Check again after this pause.
    Sleep(Duration),
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    #[tokio::test(start_paused = true)]
    async fn succeeds_once_ready_and_reports_progress() {
        let calls = AtomicU32::new(0);
        let mut seen = Vec::new();
        let value = Waiter::new("thing")
            .initial_delay(Duration::from_millis(10))
            .on_progress(|state, _| seen.push(state.to_owned()))
            .until(|| async {
                match calls.fetch_add(1, Ordering::SeqCst) {
                    0 => Ok(Status::Pending("Making".into())),
                    1 => Ok(Status::Pending("Copying".into())),
                    _ => Ok(Status::Ready("done")),
                }
            })
            .await
            .unwrap();
        assert_eq!(value, "done");
        assert_eq!(seen, ["Making", "Copying"]);
    }

    #[tokio::test(start_paused = true)]
    async fn fails_fast_on_a_failure_state() {
        let err = Waiter::new("instance to run")
            .until(|| async { Ok::<Status<()>, Error>(Status::Failed("Install Fail".into())) })
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::WaitFailed { state, .. } if state == "Install Fail"),
            "{err:?}"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn times_out_naming_the_last_state() {
        let started = tokio::time::Instant::now();
        let err = Waiter::new("image to be Available")
            .timeout(Duration::from_secs(30))
            .until(|| async { Ok::<Status<()>, Error>(Status::Pending("Making".into())) })
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::WaitTimeout { last_state, .. } if last_state == "Making"),
            "{err:?}"
        );
        let waited = started.elapsed();
        assert!(
            waited >= Duration::from_secs(30) && waited < Duration::from_secs(31),
            "{waited:?}"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_failing_check_stops_the_wait() {
        let err = Waiter::new("x")
            .until(|| async { Err::<Status<()>, Error>(Error::config("broken")) })
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Config { .. }));
    }

    #[cfg(feature = "blocking")]
    mod blocking {
        use super::*;
        use std::time::Instant;

        fn quick() -> Waiter<'static> {
            Waiter::new("thing")
                .initial_delay(Duration::from_millis(1))
                .max_delay(Duration::from_millis(4))
        }

        #[test]
        fn succeeds_once_ready_and_reports_progress() {
            let mut calls = 0;
            let mut seen = Vec::new();
            let value = quick()
                .on_progress(|state, _| seen.push(state.to_owned()))
                .until_blocking(|| {
                    calls += 1;
                    Ok(match calls {
                        1 => Status::Pending("Making".into()),
                        2 => Status::Pending("Copying".into()),
                        _ => Status::Ready("done"),
                    })
                })
                .unwrap();
            assert_eq!(value, "done");
            assert_eq!(seen, ["Making", "Copying"]);
        }

        #[test]
        fn fails_fast_on_a_failure_state() {
            let mut calls = 0;
            let err = quick()
                .describe("instance to run")
                .until_blocking(|| {
                    calls += 1;
                    Ok::<Status<()>, Error>(Status::Failed("Install Fail".into()))
                })
                .unwrap_err();
            assert!(
                matches!(&err, Error::WaitFailed { state, what } if state == "Install Fail" && what == "instance to run"),
                "{err:?}"
            );
            assert_eq!(calls, 1);
        }

        #[test]
        fn times_out_naming_the_last_state_with_growing_delays() {
            let mut checks = Vec::new();
            let started = Instant::now();
            let err = quick()
                .timeout(Duration::from_millis(30))
                .until_blocking(|| {
                    checks.push(started.elapsed());
                    Ok::<Status<()>, Error>(Status::Pending("Making".into()))
                })
                .unwrap_err();
            let waited = started.elapsed();
            assert!(
                matches!(&err, Error::WaitTimeout { last_state, after, .. }
                    if last_state == "Making" && *after == Duration::from_millis(30)),
                "{err:?}"
            );
            // Only lower bounds on time: a loaded machine may run late.
            assert!(waited >= Duration::from_millis(30), "{waited:?}");
            // Delays of 1, 1.5, 2.25, 3.375 ms, then 4 ms each: about ten
            // checks in 30 ms, never one per millisecond.
            assert!(checks.len() >= 2 && checks.len() <= 20, "{}", checks.len());
            let gaps: Vec<Duration> = checks.windows(2).map(|w| w[1] - w[0]).collect();
            // The last sleep is cut short by the deadline.
            let (_, full) = gaps.split_last().unwrap_or((&Duration::ZERO, &[]));
            assert!(
                full.iter().all(|gap| *gap >= Duration::from_millis(1)),
                "{gaps:?}"
            );
        }

        #[test]
        fn a_failing_check_stops_the_wait() {
            let err = quick()
                .until_blocking(|| Err::<Status<()>, Error>(Error::config("broken")))
                .unwrap_err();
            assert!(
                matches!(&err, Error::Config { message } if message == "broken"),
                "{err:?}"
            );
        }

        #[tokio::test]
        async fn refuses_to_sleep_inside_an_async_runtime() {
            let mut calls = 0;
            let err = quick()
                .until_blocking(|| {
                    calls += 1;
                    Ok(Status::Ready(()))
                })
                .unwrap_err();
            assert!(
                matches!(&err, Error::Config { message } if message.contains("inside an async runtime")),
                "{err:?}"
            );
            assert_eq!(calls, 0);
        }
    }
}
