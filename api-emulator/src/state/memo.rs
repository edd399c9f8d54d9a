//! A one-entry cache for a value derived from a resource, such as its
//! serialized answer, kept while a key (its time-dependent state) holds.
//!
//! The owner clears it whenever the resource changes; a clone starts empty.

use std::fmt;
use std::sync::{Mutex, PoisonError};

/// The last derived value and the key it was derived for.
pub(crate) struct Memo<K, V>(Mutex<Option<(K, V)>>);

impl<K: PartialEq, V> Memo<K, V> {
    /// An empty cache.
    pub(crate) fn new() -> Self {
        Self(Mutex::new(None))
    }

    /// Forgets the value (the resource changed).
    pub(crate) fn clear(&mut self) {
        *self.0.get_mut().unwrap_or_else(PoisonError::into_inner) = None;
    }

    /// Runs `read` on the value for `key`, deriving it with `make` first
    /// when the cache is empty or holds another key.
    pub(crate) fn with<R, E>(
        &self,
        key: K,
        make: impl FnOnce() -> Result<V, E>,
        read: impl FnOnce(&V) -> R,
    ) -> Result<R, E> {
        let mut slot = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let value = match slot.take() {
            Some((cached, value)) if cached == key => value,
            _ => make()?,
        };
        let result = read(&value);
        *slot = Some((key, value));
        Ok(result)
    }
}

impl<K: PartialEq, V> Clone for Memo<K, V> {
    fn clone(&self) -> Self {
        Self::new()
    }
}

impl<K, V> fmt::Debug for Memo<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Memo")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derives_once_per_key_until_cleared() {
        let mut memo: Memo<u8, String> = Memo::new();
        let mut made = 0;
        let mut get = |memo: &Memo<u8, String>, key| {
            memo.with(
                key,
                || {
                    made += 1;
                    Ok::<_, ()>(format!("v{key}"))
                },
                String::clone,
            )
            .unwrap()
        };
        assert_eq!(get(&memo, 1), "v1");
        assert_eq!(get(&memo, 1), "v1");
        assert_eq!(get(&memo, 2), "v2");
        memo.clear();
        assert_eq!(get(&memo, 2), "v2");
        assert_eq!(made, 3);
        let failed: Result<(), &str> = memo.with(3, || Err("no"), |_| ());
        assert_eq!(failed, Err("no"));
    }
}
