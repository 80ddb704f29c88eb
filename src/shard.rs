//! Shards (`--shard K/N`): which projects one of N machines sweeps. A project belongs to
//! shard `1 + h(key) mod N`, `h` the FNV-1a hash of its stable key, so the split is the
//! same on every machine and platform, needs no list, and a project never moves between
//! shards while its key stays.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// One shard of N: `index` from 1 to `count`. Read back from a report, it is held to the
/// bounds of `--shard` (a hand-edited `{"index": 4, "count": 3}` is refused, not merged).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "ShardFields")]
pub struct Shard {
    /// Which shard, from 1.
    pub index: u32,
    /// How many shards the archive is split into.
    pub count: u32,
}

impl Shard {
    /// Whether the project with stable key `key` is swept by this shard.
    pub fn holds(&self, key: &str) -> bool {
        shard_of(key, self.count) == self.index
    }

    /// Whether this shard reports what belongs to no project (the archive's own findings):
    /// the first does, so that they are reported once.
    pub fn holds_archive(&self) -> bool {
        self.index == 1
    }
}

/// The shard (1 to `count`) of the project with stable key `key`.
pub fn shard_of(key: &str, count: u32) -> u32 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let hash = key
        .bytes()
        .fold(OFFSET, |hash, b| (hash ^ u64::from(b)).wrapping_mul(PRIME));
    1 + (hash % u64::from(count.max(1))) as u32
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// What is wrong with a `--shard` value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{given}` is not a shard: write K/N with 1 ≤ K ≤ N ≤ 10000, for example 2/3")]
pub struct ShardError {
    /// The value as given.
    pub given: String,
}

/// The most shards an archive is split into: more machines than that cannot share one
/// archive drive usefully.
const MAX_SHARDS: u32 = 10_000;

/// A shard as a report writes it, before its bounds are checked.
#[derive(Deserialize)]
struct ShardFields {
    index: u32,
    count: u32,
}

impl TryFrom<ShardFields> for Shard {
    type Error = ShardError;

    fn try_from(fields: ShardFields) -> Result<Shard, ShardError> {
        format!("{}/{}", fields.index, fields.count).parse()
    }
}

impl FromStr for Shard {
    type Err = ShardError;

    fn from_str(text: &str) -> Result<Shard, ShardError> {
        let error = || ShardError {
            given: text.to_string(),
        };
        let (k, n) = text.trim().split_once('/').ok_or_else(error)?;
        let index: u32 = k.trim().parse().map_err(|_| error())?;
        let count: u32 = n.trim().parse().map_err(|_| error())?;
        if index == 0 || index > count || count > MAX_SHARDS {
            return Err(error());
        }
        Ok(Shard { index, count })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_k_of_n_and_refuses_the_rest() {
        assert_eq!("2/3".parse(), Ok(Shard { index: 2, count: 3 }));
        assert_eq!(" 1 / 1 ".parse(), Ok(Shard { index: 1, count: 1 }));
        for bad in ["0/3", "4/3", "3", "a/b", "1/0", "1/10001", "-1/3", ""] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
        let err = "4/3".parse::<Shard>().unwrap_err();
        assert!(err.to_string().contains("`4/3`"), "{err}");
    }

    #[test]
    fn a_shard_read_back_keeps_the_bounds() {
        let read = |json: &str| serde_json::from_str::<Shard>(json);
        assert_eq!(
            read(r#"{"index": 2, "count": 3}"#).unwrap(),
            Shard { index: 2, count: 3 }
        );
        for bad in [
            r#"{"index": 4, "count": 3}"#,
            r#"{"index": 0, "count": 0}"#,
            r#"{"index": 1, "count": 4000000000}"#,
        ] {
            let err = read(bad).unwrap_err().to_string();
            assert!(err.contains("is not a shard"), "{bad}: {err}");
        }
    }

    #[test]
    fn every_key_is_in_exactly_one_shard_and_the_split_is_even() {
        let shards: Vec<Shard> = (1..=3).map(|index| Shard { index, count: 3 }).collect();
        let mut sizes = [0usize; 3];
        for i in 0..3000 {
            let key = format!("MGT-2023-{i:03}");
            let holders: Vec<&Shard> = shards.iter().filter(|s| s.holds(&key)).collect();
            assert_eq!(holders.len(), 1, "{key}");
            sizes[holders[0].index as usize - 1] += 1;
        }
        assert!(
            sizes.iter().all(|&n| (800..=1200).contains(&n)),
            "{sizes:?}"
        );
    }

    #[test]
    fn the_split_is_fixed() {
        // The same key in the same shard on every machine and in every version: shards
        // recorded in the history are compared with the same shard of a later sweep.
        // FNV-1a 64 of "" is its offset basis, of "a" 0xaf63dc4c8601ec8c (the published
        // test vectors).
        assert_eq!(shard_of("", 7), 1 + (0xcbf2_9ce4_8422_2325u64 % 7) as u32);
        assert_eq!(shard_of("a", 1000), 997);
        assert_eq!(shard_of("MGT-2023-001", 3), shard_of("MGT-2023-001", 3));
    }
}
