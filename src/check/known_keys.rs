//! The keys of the reports' small maps of figures (`unknown`, `sources`, `evidence`), read
//! back from a JSON report for `guicang merge`. In memory they are `&'static str`: the
//! names of fields, written by the checks, never data; a key this version does not write is
//! an error, never a guess.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer};

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

#[cfg(test)]
mod tests {
    use super::*;

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
