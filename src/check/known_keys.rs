//! The keys of the reports' small maps of figures (`unknown`, `sources`, `evidence`), read
//! back from a JSON report for `guicang merge`. In memory they are `&'static str`: the
//! names of fields, written by the checks, never data; a key this version does not write is
//! an error, never a guess.
//!
//! The maps every project keeps from the checks to the report ([`FigureMap`]) hold at most
//! a handful of entries: a sorted vector, not a `BTreeMap`, whose first node alone is
//! hundreds of bytes, and there are tens of thousands of projects.

use std::collections::BTreeMap;

use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Every key the checks write: planned dates, funding-chain figures and indicators.
const KNOWN: [&str; 12] = [
    "planned_start",
    "planned_finish",
    "aid_funds",
    "allocated",
    "contracted",
    "paid",
    "execution_rate",
    "funds_in_place_rate",
    "delay_days",
    "cost_saving_rate",
    "archive_completeness",
    "chain_clean",
];

/// Reads a map keyed by figure names, each key given back as the checks' own name.
pub fn map<'de, D, V>(deserializer: D) -> Result<BTreeMap<&'static str, V>, D::Error>
where
    D: Deserializer<'de>,
    V: Deserialize<'de>,
{
    BTreeMap::<String, V>::deserialize(deserializer)?
        .into_iter()
        .map(|(key, value)| match KNOWN.iter().find(|k| **k == key) {
            Some(known) => Ok((*known, value)),
            None => Err(serde::de::Error::custom(format!(
                "unknown figure `{key}` (a report of another guicang version?)"
            ))),
        })
        .collect()
}

/// A small map from figure names to values, sorted by name: it reads, iterates and
/// serialises as a `BTreeMap` of the same entries would, in a few dozen bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureMap<V> {
    /// The entries, sorted by name, each name once.
    entries: Vec<(&'static str, V)>,
}

impl<V> Default for FigureMap<V> {
    fn default() -> Self {
        FigureMap {
            entries: Vec::new(),
        }
    }
}

impl<V> FigureMap<V> {
    /// An empty map (allocates nothing).
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `name` to `value`; returns the value it replaces.
    pub fn insert(&mut self, name: &'static str, value: V) -> Option<V> {
        match self.entries.binary_search_by(|(k, _)| (*k).cmp(name)) {
            Ok(at) => Some(std::mem::replace(&mut self.entries[at].1, value)),
            Err(at) => {
                self.entries.insert(at, (name, value));
                None
            }
        }
    }

    /// The value of `name`.
    pub fn get(&self, name: &str) -> Option<&V> {
        self.entries
            .binary_search_by(|(k, _)| (*k).cmp(name))
            .ok()
            .map(|at| &self.entries[at].1)
    }

    /// Whether it holds nothing.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// How many names it holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// The entries, sorted by name.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &V)> {
        self.entries.iter().map(|(k, v)| (*k, v))
    }

    /// The values, in the order of their names.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.entries.iter().map(|(_, v)| v)
    }
}

impl<V: Serialize> Serialize for FigureMap<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.entries.len()))?;
        for (name, value) in &self.entries {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for FigureMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(FigureMap {
            // Sorted and unique already: a `BTreeMap` gave them.
            entries: map(deserializer)?.into_iter().collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_map_reads_and_writes_as_a_btree_map_of_the_same_entries() {
        let mut figures = FigureMap::new();
        let mut tree = BTreeMap::new();
        for (name, value) in [("paid", 1), ("allocated", 2), ("execution_rate", 3)] {
            assert_eq!(figures.insert(name, value), tree.insert(name, value));
        }
        assert_eq!(figures.insert("paid", 4), tree.insert("paid", 4));
        assert_eq!(figures.len(), tree.len());
        assert_eq!(figures.get("paid"), Some(&4));
        assert_eq!(figures.get("contracted"), None);
        assert_eq!(
            figures.iter().collect::<Vec<_>>(),
            tree.iter().map(|(k, v)| (*k, v)).collect::<Vec<_>>()
        );
        let json = serde_json::to_string(&figures).unwrap();
        assert_eq!(json, serde_json::to_string(&tree).unwrap());
        assert_eq!(
            serde_json::from_str::<FigureMap<i32>>(&json).unwrap(),
            figures
        );
        let err = serde_json::from_str::<FigureMap<i32>>(r#"{"rain": 1}"#).unwrap_err();
        assert!(err.to_string().contains("unknown figure `rain`"), "{err}");
        assert!(FigureMap::<i32>::new().is_empty());
    }

    #[test]
    fn known_keys_come_back_and_others_are_refused() {
        let read = |json: &str| -> Result<BTreeMap<&'static str, u32>, serde_json::Error> {
            let mut d = serde_json::Deserializer::from_str(json);
            map(&mut d)
        };
        let ok = read(r#"{"paid": 1, "delay_days": 2}"#).unwrap();
        assert_eq!(
            ok.into_iter().collect::<Vec<_>>(),
            [("delay_days", 2), ("paid", 1)]
        );
        let err = read(r#"{"paid": 1, "weather": 2}"#).unwrap_err();
        assert!(
            err.to_string().contains("unknown figure `weather`"),
            "{err}"
        );
    }
}
