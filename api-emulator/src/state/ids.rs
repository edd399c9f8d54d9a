//! Resource ids: unique, realistic-looking (`uhost-k3x9c2ab`) and
//! deterministic for a given seed.
//!
//! Each id is a counter passed through a bijection of 40-bit numbers and
//! written as 8 base-36 digits, so ids never repeat and need no lookup.

use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};

const MASK: u64 = (1 << 40) - 1;

/// Hands out resource ids and private IPv4 host numbers.
#[derive(Debug)]
pub(crate) struct Ids {
    next: AtomicU64,
    hosts: AtomicU64,
    /// The bijection's key; a loaded dump brings its own.
    key: AtomicU64,
    /// The key of the seed, for a restart.
    seed_key: u64,
}

impl Ids {
    /// A generator whose sequence depends only on `seed`.
    pub(crate) fn new(seed: u64) -> Self {
        let seed_key = scramble(seed.wrapping_add(0x5eed));
        Self {
            next: AtomicU64::new(0),
            hosts: AtomicU64::new(0),
            key: AtomicU64::new(seed_key),
            seed_key,
        }
    }

    /// A fresh id such as `uhost-k3x9c2ab`.
    pub(crate) fn next(&self, prefix: &str) -> String {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        let key = self.key.load(Ordering::Relaxed);
        format!("{prefix}-{}", base36(scramble(n ^ key)))
    }

    /// A fresh public address in 106.75.0.0/16 and up, for elastic IPs.
    pub(crate) fn next_public_ip(&self) -> String {
        let n = self.hosts.fetch_add(1, Ordering::Relaxed);
        let fourth = 2 + n % 250;
        let third = (n / 250) % 256;
        let second = 75 + (n / (250 * 256)) % 100;
        format!("106.{second}.{third}.{fourth}")
    }

    /// A fresh private address in 10.0.0.0/8, never ending in .0, .1 or .255.
    pub(crate) fn next_private_ip(&self) -> String {
        let n = self.hosts.fetch_add(1, Ordering::Relaxed);
        let fourth = 2 + n % 250;
        let third = (n / 250) % 256;
        let second = 9 + (n / (250 * 256)) % 240;
        format!("10.{second}.{third}.{fourth}")
    }
}

/// Where the generator stands, for state dumps.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub(crate) struct Counters {
    /// Ids handed out.
    next: u64,
    /// Addresses handed out.
    hosts: u64,
    /// The bijection's key.
    key: u64,
}

impl Ids {
    /// Where the sequences stand.
    pub(crate) fn counters(&self) -> Counters {
        Counters {
            next: self.next.load(Ordering::Relaxed),
            hosts: self.hosts.load(Ordering::Relaxed),
            key: self.key.load(Ordering::Relaxed),
        }
    }

    /// Continues the sequences of a dump, so new ids never repeat its ids.
    pub(crate) fn set_counters(&self, counters: Counters) {
        self.key.store(counters.key, Ordering::Relaxed);
        self.next.store(counters.next, Ordering::Relaxed);
        self.hosts.store(counters.hosts, Ordering::Relaxed);
    }

    /// Starts the seed's sequences again.
    pub(crate) fn restart(&self) {
        self.set_counters(Counters {
            next: 0,
            hosts: 0,
            key: self.seed_key,
        });
    }
}

/// An id that depends only on `n`, for resources that exist before any
/// request (the base image catalog, default VPCs).
pub(crate) fn stable(prefix: &str, n: u64) -> String {
    format!("{prefix}-{}", base36(scramble(n ^ 0x00c0_ffee)))
}

/// A bijection on 40-bit numbers that spreads neighbours apart.
fn scramble(n: u64) -> u64 {
    let mut x = n & MASK;
    x = x.wrapping_mul(0x9e37_79b9_7f4a_7c15) & MASK;
    x ^= x >> 19;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9) & MASK;
    x ^= x >> 21;
    x
}

/// Eight lowercase base-36 digits (36^8 > 2^40, so every 40-bit number fits).
fn base36(mut x: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = [b'0'; 8];
    for slot in out.iter_mut().rev() {
        *slot = DIGITS.get((x % 36) as usize).copied().unwrap_or(b'0');
        x /= 36;
    }
    out.iter().map(|&b| b as char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_and_shaped() {
        let ids = Ids::new(7);
        let all: HashSet<String> = (0..20_000).map(|_| ids.next("uhost")).collect();
        assert_eq!(all.len(), 20_000);
        assert!(all.iter().all(|id| id.len() == "uhost-".len() + 8));
    }

    #[test]
    fn same_seed_same_ids() {
        let a = Ids::new(1);
        let b = Ids::new(1);
        let c = Ids::new(2);
        let first = a.next("x");
        assert_eq!(first, b.next("x"));
        assert_ne!(first, c.next("x"));
    }

    #[test]
    fn private_ips_are_unique_and_valid() {
        let ids = Ids::new(0);
        let all: HashSet<String> = (0..70_000).map(|_| ids.next_private_ip()).collect();
        assert_eq!(all.len(), 70_000);
        assert!(
            all.iter()
                .all(|ip| ip.parse::<std::net::Ipv4Addr>().is_ok())
        );
    }
}
