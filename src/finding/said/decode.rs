//! Reading a finding's facts back: the family is found from the `said` tag, so that a
//! report that was edited by hand or written by a newer guicang gets an error naming the
//! sentence and what is wrong with it, not serde's "did not match any variant of untagged
//! enum" (which is all an untagged enum can say).

use serde::de::value::MapDeserializer;
use serde::de::{self, Deserialize, DeserializeOwned, Deserializer};
use serde_json::Value;

use super::{ChainSaid, ChronologySaid, FileSaid, LedgerSaid, ProjectSaid, Said, WaiverSaid};

impl<'de> Deserialize<'de> for Said {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Said, D::Error> {
        let value = Value::deserialize(deserializer)?;
        #[cfg(test)]
        if value.get("said").is_none()
            && let Some(Value::String(text)) = value.get("text")
        {
            return Ok(Said::Text { text: text.clone() });
        }
        let tag = match value.get("said") {
            Some(Value::String(tag)) => tag.clone(),
            Some(other) => {
                return Err(de::Error::custom(format_args!(
                    "a finding's `said` must be the name of a sentence, not {other}"
                )));
            }
            None => return Err(de::Error::missing_field("said")),
        };
        let Some((_, read)) = families().into_iter().find(|(knows, _)| knows(&tag)) else {
            return Err(de::Error::custom(format_args!(
                "no kind of finding says \"{tag}\" (a report of a newer guicang, or edited by \
                 hand?)"
            )));
        };
        read(value).map_err(|error| {
            de::Error::custom(format_args!("the facts of `said` \"{tag}\": {error}"))
        })
    }
}

/// One family of sentences: whether it has a tag, and how its facts are read.
type Family = (fn(&str) -> bool, fn(Value) -> serde_json::Result<Said>);

/// Every family, in the order of `Said`.
fn families() -> [Family; 6] {
    [
        family::<ProjectSaid>(),
        family::<FileSaid>(),
        family::<LedgerSaid>(),
        family::<ChainSaid>(),
        family::<ChronologySaid>(),
        family::<WaiverSaid>(),
    ]
}

/// The family `F`.
fn family<F: DeserializeOwned + Into<Said>>() -> Family {
    (knows::<F>, |value| F::deserialize(value).map(Into::into))
}

/// Whether the family `F` has a sentence tagged `tag`: `F` is asked to read a map holding
/// the tag alone, and says "unknown variant" only when the tag is none of its own (a known
/// tag fails later, on a missing field, or reads a sentence without fields).
fn knows<F: DeserializeOwned>(tag: &str) -> bool {
    let probe = MapDeserializer::<_, Probe>::new(std::iter::once(("said", tag)));
    !matches!(F::deserialize(probe), Err(Probe::UnknownTag))
}

/// The error of a probe: whether the tag was unknown, or anything else.
#[derive(Debug)]
enum Probe {
    UnknownTag,
    Other,
}

impl std::fmt::Display for Probe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Probe::UnknownTag => "unknown tag",
            Probe::Other => "not a sentence of this family",
        })
    }
}

impl std::error::Error for Probe {}

impl de::Error for Probe {
    fn custom<T: std::fmt::Display>(_: T) -> Probe {
        Probe::Other
    }

    fn unknown_variant(_: &str, _: &'static [&'static str]) -> Probe {
        Probe::UnknownTag
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<Said, String> {
        serde_json::from_str::<Said>(json).map_err(|e| e.to_string())
    }

    #[test]
    fn every_family_is_found_by_its_tag() {
        let cases = [
            r#"{"said":"category-unknown"}"#,
            r#"{"said":"stray-file","temporary":true}"#,
            r#"{"said":"cumulative-mismatch","stated":"5410000.5","recomputed":"5400000.5"}"#,
        ];
        for json in cases {
            let said = read(json).unwrap_or_else(|e| panic!("{json}: {e}"));
            assert_eq!(serde_json::to_string(&said).unwrap(), json);
        }
    }

    #[test]
    fn an_unknown_sentence_is_named() {
        let error = read(r#"{"said":"missing-widget","count":3}"#).unwrap_err();
        assert!(
            error.contains("no kind of finding says \"missing-widget\""),
            "{error}"
        );
    }

    #[test]
    fn a_known_sentence_with_wrong_facts_names_the_sentence_and_the_fact() {
        let error = read(r#"{"said":"missing-document","found":1}"#).unwrap_err();
        assert!(error.contains("\"missing-document\""), "{error}");
        assert!(error.contains("missing field `needed`"), "{error}");
        let error = read(r#"{"said":"stray-file","temporary":"yes"}"#).unwrap_err();
        assert!(error.contains("\"stray-file\""), "{error}");
        assert!(error.contains("expected a boolean"), "{error}");
    }

    #[test]
    fn facts_without_a_sentence_say_so() {
        let error = read(r#"{"found":1}"#).unwrap_err();
        assert!(error.contains("missing field `said`"), "{error}");
        let error = read(r#"{"said":7}"#).unwrap_err();
        assert!(error.contains("not 7"), "{error}");
    }
}
