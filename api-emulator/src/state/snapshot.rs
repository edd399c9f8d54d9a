//! Dumping, loading and resetting the resources of every account.
//!
//! A dump is JSON in the emulator's own format (see the crate docs): the
//! id counters and, by public key, each account's resources with the
//! field names of the state structs. Private keys are never in it. A state
//! change under way is written as the state shown, the state it ends in
//! and the milliseconds left, counted from the moment of the dump; loading
//! counts them from the moment of the load.
//!
//! Fixed names (regions, zones, types) are `&'static str` in the state;
//! loading maps regions and zones to the region table and keeps other
//! names in a small, bounded set of interned strings.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::sync::{Mutex, PoisonError, RwLockWriteGuard};
use std::time::Instant;

use serde::{Deserialize, Deserializer, Serialize};

use super::ids::Counters;
use super::{AccountData, Store};
use crate::error::Error;
use crate::regions;

/// A name from a fixed table (a region, a zone, a disk type, …).
///
/// The alias keeps serde from taking `&'static str` fields for strings
/// borrowed from the input, which a dump read from a buffer cannot be.
pub(crate) type StaticStr = &'static str;

/// The `format` of the dumps this version writes and reads.
pub(crate) const FORMAT: &str = "api-emulator-state/1";

/// At most this many distinct names are ever interned ...
const MAX_WORDS: usize = 4096;
/// ... each at most this long ...
const MAX_WORD_LEN: usize = 128;
/// ... and at most this many distinct feature lists.
const MAX_LISTS: usize = 256;

thread_local! {
    /// The moment a dump or load on this thread counts from.
    static MOMENT: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// The moment the dump or load under way counts remaining times from (the
/// real time outside of one).
pub(super) fn moment() -> Instant {
    MOMENT.with(Cell::get).unwrap_or_else(Instant::now)
}

/// Runs `f` with [`moment`] at `now`.
fn at_moment<R>(now: Instant, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<Instant>);
    impl Drop for Restore {
        fn drop(&mut self) {
            MOMENT.with(|m| m.set(self.0));
        }
    }
    let _restore = Restore(MOMENT.with(|m| m.replace(Some(now))));
    f()
}

#[derive(Serialize)]
struct DumpOut<'a> {
    format: &'static str,
    ids: Counters,
    accounts: BTreeMap<&'a str, &'a AccountData>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DumpIn {
    format: String,
    #[serde(default)]
    ids: Option<Counters>,
    #[serde(default)]
    accounts: BTreeMap<String, AccountData>,
}

/// How many resources a store holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Totals {
    /// Accounts.
    pub(crate) accounts: usize,
    /// Live instances.
    pub(crate) instances: usize,
    /// Custom images.
    pub(crate) images: usize,
    /// Key pairs.
    pub(crate) key_pairs: usize,
    /// Isolation groups.
    pub(crate) isolation_groups: usize,
}

impl Totals {
    fn add(&mut self, data: &AccountData) {
        self.accounts += 1;
        self.instances += data.instances.iter().len();
        self.images += data.images.iter().len();
        self.key_pairs += data.key_pairs.iter().len();
        self.isolation_groups += data.isolation_groups.iter().len();
    }
}

impl Store {
    /// Public keys in sorted order: the order accounts are locked in when
    /// several are locked at once.
    fn sorted_keys(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = self.accounts.keys().map(String::as_str).collect();
        keys.sort_unstable();
        keys
    }

    fn write_all(&self) -> Vec<(&str, RwLockWriteGuard<'_, AccountData>)> {
        self.sorted_keys()
            .into_iter()
            .filter_map(|key| Some((key, self.accounts.get(key)?.write())))
            .collect()
    }

    /// The JSON dump of every account's resources, consistent across
    /// accounts (all are locked while it is written).
    pub(crate) fn dump(&self) -> Result<Vec<u8>, Error> {
        let guards: Vec<_> = self
            .sorted_keys()
            .into_iter()
            .filter_map(|key| Some((key, self.accounts.get(key)?.read())))
            .collect();
        let dump = DumpOut {
            format: FORMAT,
            ids: self.ids.counters(),
            accounts: guards.iter().map(|(key, data)| (*key, &**data)).collect(),
        };
        at_moment(self.clock.now(), || serde_json::to_vec_pretty(&dump))
            .map_err(|e| Error::State(format!("cannot write the state: {e}")))
    }

    /// Replaces every account's resources with those of a dump; accounts
    /// the dump leaves out are emptied. Nothing changes if the dump cannot
    /// be read or names an account this store does not have.
    pub(crate) fn load(&self, json: &[u8]) -> Result<Totals, Error> {
        let mut dump: DumpIn = at_moment(self.clock.now(), || {
            let mut reader = serde_json::Deserializer::from_slice(json);
            let dump = serde_path_to_error::deserialize(&mut reader).map_err(|e| {
                let path = e.path().to_string();
                let inner = e.into_inner();
                Error::State(if path == "." {
                    inner.to_string()
                } else {
                    format!("{path}: {inner}")
                })
            })?;
            reader
                .end()
                .map_err(|e| Error::State(format!("after the dump: {e}")))?;
            Ok::<_, Error>(dump)
        })?;
        if dump.format != FORMAT {
            return Err(Error::State(format!(
                "format {:?} is not {FORMAT:?}",
                dump.format
            )));
        }
        if let Some(stranger) = dump
            .accounts
            .keys()
            .find(|key| !self.accounts.contains_key(key.as_str()))
        {
            return Err(Error::State(format!(
                "the dump has resources of account {stranger:?}, which this emulator does not serve"
            )));
        }
        let mut totals = Totals::default();
        for (key, mut guard) in self.write_all() {
            *guard = dump.accounts.remove(key).unwrap_or_default();
            totals.add(&guard);
        }
        match dump.ids {
            Some(counters) => self.ids.set_counters(counters),
            None => self.ids.restart(),
        }
        Ok(totals)
    }

    /// Empties one account (`Some(public key)`), or every account and
    /// restarts the id sequences (`None`), as if freshly started.
    pub(crate) fn reset(&self, public_key: Option<&str>) -> Result<(), Error> {
        match public_key {
            Some(key) => {
                let account = self
                    .accounts
                    .get(key)
                    .ok_or_else(|| Error::UnknownAccount(key.to_owned()))?;
                *account.write() = AccountData::default();
            }
            None => {
                let mut guards = self.write_all();
                for (_, guard) in &mut guards {
                    **guard = AccountData::default();
                }
                self.ids.restart();
            }
        }
        Ok(())
    }

    /// How many resources there are now.
    pub(crate) fn totals(&self) -> Totals {
        let mut totals = Totals::default();
        for account in self.accounts.values() {
            totals.add(&account.read());
        }
        totals
    }
}

/// Reads a region id as the region table's own string.
pub(super) fn region<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    let id = String::deserialize(d)?;
    regions::region(&id)
        .map(|r| r.id)
        .ok_or_else(|| serde::de::Error::custom(format!("unknown region {id:?}")))
}

/// Reads a zone id as the region table's own string.
pub(super) fn zone<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    let id = String::deserialize(d)?;
    regions::region_of_zone(&id)
        .and_then(|r| r.zones.iter().copied().find(|z| *z == id))
        .ok_or_else(|| serde::de::Error::custom(format!("unknown zone {id:?}")))
}

static WORDS: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
#[allow(clippy::type_complexity)]
static LISTS: Mutex<Vec<&'static [&'static str]>> = Mutex::new(Vec::new());

/// `word` as a `&'static str`, the same one for equal words.
fn intern(word: &str) -> Result<&'static str, String> {
    let mut words = WORDS.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(known) = words.iter().find(|w| **w == word) {
        return Ok(known);
    }
    if word.len() > MAX_WORD_LEN {
        return Err(format!("{word:?} is longer than {MAX_WORD_LEN} bytes"));
    }
    if words.len() >= MAX_WORDS {
        return Err(format!(
            "more than {MAX_WORDS} distinct names were loaded; {word:?} is one too many"
        ));
    }
    let leaked: &'static str = Box::leak(word.to_owned().into_boxed_str());
    words.push(leaked);
    Ok(leaked)
}

/// Reads a fixed name such as a disk type or OS type.
pub(super) fn word<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    let word = String::deserialize(d)?;
    intern(&word).map_err(serde::de::Error::custom)
}

/// Reads a fixed list of names, such as an image's features.
pub(super) fn words<'de, D: Deserializer<'de>>(d: D) -> Result<&'static [&'static str], D::Error> {
    let given = Vec::<String>::deserialize(d)?;
    let interned = given
        .iter()
        .map(|w| intern(w))
        .collect::<Result<Vec<_>, _>>()
        .map_err(serde::de::Error::custom)?;
    let mut lists = LISTS.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(known) = lists.iter().find(|l| **l == interned.as_slice()) {
        return Ok(known);
    }
    if lists.len() >= MAX_LISTS {
        return Err(serde::de::Error::custom(format!(
            "more than {MAX_LISTS} distinct lists of names were loaded"
        )));
    }
    let leaked: &'static [&'static str] = Box::leak(interned.into_boxed_slice());
    lists.push(leaked);
    Ok(leaked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_words_intern_to_one_string() {
        let a = intern("CLOUD_SSD").unwrap();
        let b = intern(&String::from("CLOUD_SSD")).unwrap();
        assert!(std::ptr::eq(a, b));
        assert!(intern(&"x".repeat(MAX_WORD_LEN + 1)).is_err());
    }
}
