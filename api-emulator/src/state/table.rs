//! Resources of one kind, in creation order and indexed by id, and the
//! bounded memory of terminated instance ids.
//!
//! Both serialize as a plain list (resources, or ids oldest first) and
//! rebuild their index when read back.

use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, SeqAccess, Visitor};
use serde::ser::{Serialize, Serializer};

/// A resource with an id.
pub(crate) trait Keyed {
    /// The resource's id, such as `uhost-k3x9c2ab`.
    fn key(&self) -> &str;
}

/// Resources in creation order with an id index: lookups by id take
/// constant time; removal takes time linear in the resources after it.
#[derive(Debug, Clone)]
pub(crate) struct Table<T> {
    items: Vec<T>,
    index: HashMap<String, usize>,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Self {
            items: Vec::new(),
            index: HashMap::new(),
        }
    }
}

impl<T: Keyed> Table<T> {
    /// A table of `items` (later duplicates of an id are dropped).
    pub(crate) fn from_items(items: Vec<T>) -> Self {
        let mut table = Self::default();
        for item in items {
            table.push(item);
        }
        table
    }

    /// The resources, oldest first.
    pub(crate) fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }

    /// The resource `id`.
    pub(crate) fn get(&self, id: &str) -> Option<&T> {
        self.index.get(id).and_then(|&at| self.items.get(at))
    }

    /// The resource `id`, for changing it (not its id).
    pub(crate) fn get_mut(&mut self, id: &str) -> Option<&mut T> {
        let at = *self.index.get(id)?;
        self.items.get_mut(at)
    }

    /// The position of `id` in creation order.
    pub(crate) fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// Adds a resource at the end; an id already present is left as it was.
    pub(crate) fn push(&mut self, item: T) {
        if self.index.contains_key(item.key()) {
            return;
        }
        self.index.insert(item.key().to_owned(), self.items.len());
        self.items.push(item);
    }

    /// Removes and returns the resource `id`.
    pub(crate) fn remove(&mut self, id: &str) -> Option<T> {
        let at = self.index.remove(id)?;
        if at >= self.items.len() {
            return None;
        }
        let item = self.items.remove(at);
        for later in self.items.iter().skip(at) {
            if let Some(slot) = self.index.get_mut(later.key()) {
                *slot -= 1;
            }
        }
        Some(item)
    }
}

impl<T: Serialize> Serialize for Table<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.items.serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de> + Keyed> Deserialize<'de> for Table<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<T>::deserialize(deserializer).map(Self::from_items)
    }
}

/// How many terminated instance ids an account remembers.
pub(crate) const TERMINATED_MEMORY: usize = 10_000;

/// The ids of the most recently terminated instances, so that later calls
/// naming them can say so (8039); the oldest are forgotten beyond
/// [`TERMINATED_MEMORY`], after which such an id names nothing (230).
#[derive(Debug, Clone, Default)]
pub(crate) struct Terminated {
    order: VecDeque<String>,
    ids: HashSet<String>,
}

impl Terminated {
    /// Remembers `id`, forgetting the oldest id when full.
    pub(crate) fn insert(&mut self, id: String) {
        if self.ids.contains(&id) {
            return;
        }
        while self.order.len() >= TERMINATED_MEMORY {
            if let Some(oldest) = self.order.pop_front() {
                self.ids.remove(&oldest);
            }
        }
        self.ids.insert(id.clone());
        self.order.push_back(id);
    }

    /// Whether `id` is remembered as terminated.
    pub(crate) fn contains(&self, id: &str) -> bool {
        self.ids.contains(id)
    }

    /// How many ids are remembered.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.order.len()
    }
}

impl Serialize for Terminated {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(&self.order)
    }
}

impl<'de> Deserialize<'de> for Terminated {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Ids(PhantomData<Terminated>);
        impl<'de> Visitor<'de> for Ids {
            type Value = Terminated;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of instance ids")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Terminated, A::Error> {
                let mut terminated = Terminated::default();
                while let Some(id) = seq.next_element::<String>()? {
                    terminated.insert(id);
                }
                Ok(terminated)
            }
        }
        deserializer.deserialize_seq(Ids(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Thing {
        id: String,
        n: u32,
    }

    impl Keyed for Thing {
        fn key(&self) -> &str {
            &self.id
        }
    }

    fn thing(id: &str, n: u32) -> Thing {
        Thing {
            id: id.to_owned(),
            n,
        }
    }

    #[test]
    fn lookups_follow_pushes_and_removals() {
        let mut table = Table::default();
        for (i, id) in ["a", "b", "c", "d"].into_iter().enumerate() {
            table.push(thing(id, i as u32));
        }
        table.push(thing("b", 99));
        assert_eq!(table.iter().count(), 4);
        assert_eq!(table.get("b").map(|t| t.n), Some(1));
        assert_eq!(table.remove("b").map(|t| t.n), Some(1));
        assert_eq!(table.remove("b"), None);
        assert_eq!(table.position("c"), Some(1));
        assert_eq!(table.get("d").map(|t| t.n), Some(3));
        if let Some(c) = table.get_mut("c") {
            c.n = 7;
        }
        let order: Vec<(&str, u32)> = table.iter().map(|t| (t.id.as_str(), t.n)).collect();
        assert_eq!(order, [("a", 0), ("c", 7), ("d", 3)]);
    }

    #[test]
    fn a_table_serializes_as_a_list_and_reindexes() {
        let table = Table::from_items(vec![thing("x", 1), thing("y", 2)]);
        let text = serde_json::to_string(&table).unwrap();
        assert_eq!(text, r#"[{"id":"x","n":1},{"id":"y","n":2}]"#);
        let back: Table<Thing> = serde_json::from_str(&text).unwrap();
        assert_eq!(back.get("y"), Some(&thing("y", 2)));
    }

    #[test]
    fn terminated_ids_are_pruned_oldest_first() {
        let mut terminated = Terminated::default();
        for n in 0..TERMINATED_MEMORY + 5 {
            terminated.insert(format!("uhost-{n}"));
        }
        assert_eq!(terminated.len(), TERMINATED_MEMORY);
        assert!(!terminated.contains("uhost-4"));
        assert!(terminated.contains("uhost-5"));
        assert!(terminated.contains(&format!("uhost-{}", TERMINATED_MEMORY + 4)));
        let text = serde_json::to_string(&terminated).unwrap();
        let back: Terminated = serde_json::from_str(&text).unwrap();
        assert_eq!(back.len(), TERMINATED_MEMORY);
        assert!(back.contains("uhost-5"));
    }
}
