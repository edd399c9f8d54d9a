//! The log of recent API requests: what `GET /_emulator/requests` and
//! [`Emulator::recent_requests`](crate::Emulator::recent_requests) show.
//!
//! It keeps no parameters, so no secret (signature, password, user data)
//! ever reaches it.

use std::collections::VecDeque;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, SystemTime};

/// One API request as the emulator answered it.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestRecord {
    pub(crate) time: SystemTime,
    pub(crate) request_uuid: String,
    pub(crate) account: Option<String>,
    pub(crate) action: Option<String>,
    pub(crate) ret_code: Option<i64>,
    pub(crate) http_status: Option<u16>,
    pub(crate) fault: Option<&'static str>,
    pub(crate) latency: Duration,
}

impl RequestRecord {
    /// When the request arrived (the real clock).
    pub fn time(&self) -> SystemTime {
        self.time
    }

    /// The `X-UCLOUD-REQUEST-UUID` of its answer.
    pub fn request_uuid(&self) -> &str {
        &self.request_uuid
    }

    /// The `PublicKey` it gave (its first 64 characters), if any.
    pub fn account(&self) -> Option<&str> {
        self.account.as_deref()
    }

    /// The `Action` it named (its first 64 characters), if any.
    pub fn action(&self) -> Option<&str> {
        self.action.as_deref()
    }

    /// The RetCode of its JSON answer; `None` when a fault answered with an
    /// HTTP status, a malformed or truncated body, or no answer.
    pub fn ret_code(&self) -> Option<i64> {
        self.ret_code
    }

    /// The HTTP status of its answer; `None` when the connection was
    /// dropped without one.
    pub fn http_status(&self) -> Option<u16> {
        self.http_status
    }

    /// The fault that answered it, in the `--fault` spelling of its kind
    /// (`retcode`, `http`, `malformed`, `truncate`, `drop`), if any.
    pub fn fault(&self) -> Option<&str> {
        self.fault
    }

    /// From the request's arrival to its answer (injected latency included).
    pub fn latency(&self) -> Duration {
        self.latency
    }
}

/// The last `capacity` requests, oldest first.
#[derive(Debug)]
pub(crate) struct Journal {
    capacity: usize,
    records: Mutex<VecDeque<RequestRecord>>,
}

impl Journal {
    /// A journal that keeps the last `capacity` requests (0 keeps none).
    pub(crate) fn new(capacity: usize) -> Self {
        Self {
            capacity,
            records: Mutex::new(VecDeque::with_capacity(capacity.min(4096))),
        }
    }

    /// Adds a request, forgetting the oldest beyond the capacity.
    pub(crate) fn push(&self, record: RequestRecord) {
        if self.capacity == 0 {
            return;
        }
        let mut records = self.records.lock().unwrap_or_else(PoisonError::into_inner);
        if records.len() >= self.capacity {
            records.pop_front();
        }
        records.push_back(record);
    }

    /// The last `limit` requests that pass `keep`, oldest first.
    pub(crate) fn recent(
        &self,
        limit: usize,
        keep: impl Fn(&RequestRecord) -> bool,
    ) -> Vec<RequestRecord> {
        let records = self.records.lock().unwrap_or_else(PoisonError::into_inner);
        let mut last: Vec<RequestRecord> = records
            .iter()
            .rev()
            .filter(|r| keep(r))
            .take(limit)
            .cloned()
            .collect();
        last.reverse();
        last
    }

    /// Forgets every request.
    pub(crate) fn clear(&self) {
        self.records
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(n: i64) -> RequestRecord {
        RequestRecord {
            time: SystemTime::UNIX_EPOCH,
            request_uuid: n.to_string(),
            account: None,
            action: Some(if n % 2 == 0 { "Even" } else { "Odd" }.to_owned()),
            ret_code: Some(n),
            http_status: Some(200),
            fault: None,
            latency: Duration::ZERO,
        }
    }

    #[test]
    fn keeps_the_last_requests_in_order() {
        let journal = Journal::new(3);
        (0..5).for_each(|n| journal.push(record(n)));
        let codes = |v: Vec<RequestRecord>| v.iter().filter_map(|r| r.ret_code).collect::<Vec<_>>();
        assert_eq!(codes(journal.recent(10, |_| true)), [2, 3, 4]);
        assert_eq!(codes(journal.recent(2, |_| true)), [3, 4]);
        assert_eq!(
            codes(journal.recent(10, |r| r.action() == Some("Even"))),
            [2, 4]
        );
        journal.clear();
        assert!(journal.recent(10, |_| true).is_empty());
        let off = Journal::new(0);
        off.push(record(1));
        assert!(off.recent(10, |_| true).is_empty());
    }
}
