//! Catalog: the indicator catalog, `catalog/indicators.toml`, compiled into rules.
//!
//! The catalog is data reviewed like code; this module only reads it. What a
//! key, a topic or a unit group means is documented at the top of the TOML
//! file; how the rules are weighed against a figure lives in `facts`.
//! The file is embedded at build time and parsed once; a malformed catalog is
//! a build defect, caught by the tests, never a run-time error.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, Hasher};
use std::sync::OnceLock;

use serde::Deserialize;

const CATALOG_TOML: &str = include_str!("../../../catalog/indicators.toml");

pub struct Catalog {
    pub indicators: Vec<Indicator>,
    /// How figures of the catalog must agree (`[[relation]]` in the TOML).
    pub relations: Vec<Relation>,
    /// The indicators each unit can measure: a figure is weighed only against those.
    by_unit: HashMap<String, IndicatorSet>,
    /// (indicator, key) index pairs by the first character of the key's last
    /// part: a figure's clause names the few keys worth trying.
    by_key_start: HashMap<char, Vec<(usize, usize)>, BuildCharHasher>,
}

/// Hashes a char by multiplying it out: the key lookup runs for every
/// character of every clause, and SipHash's strength buys nothing here.
#[derive(Clone, Copy, Default)]
struct BuildCharHasher;

impl BuildHasher for BuildCharHasher {
    type Hasher = CharHasher;

    fn build_hasher(&self) -> CharHasher {
        CharHasher(0)
    }
}

struct CharHasher(u64);

impl Hasher for CharHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0 ^ u64::from(n)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A set of indicators, by their index in the catalog.
#[derive(Clone, Debug, Default)]
pub struct IndicatorSet(Vec<u64>);

impl IndicatorSet {
    fn insert(&mut self, i: usize) {
        if self.0.len() <= i / 64 {
            self.0.resize(i / 64 + 1, 0);
        }
        self.0[i / 64] |= 1 << (i % 64);
    }

    pub fn contains(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }
}

/// One indicator of the catalog with the phrases that recognise it.
pub struct Indicator {
    pub id: String,
    pub name: String,
    pub units: Vec<String>,
    pub keys: Vec<Key>,
    pub topic: Vec<String>,
    /// `topic` as chars, for matching inside a sentence.
    pub topic_chars: Vec<Vec<char>>,
    /// The topic must be in the figure's own sentence, not only in its paragraph.
    pub topic_in_sentence: bool,
    pub not: Vec<String>,
    /// The indicators this one breaks down: as a part after 其中, a figure keeps
    /// its indicator only when its whole has one of these.
    pub part_of: Vec<String>,
}

/// How figures of a report must agree, as `indicators.md` states it.
#[derive(Clone, Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Relation {
    /// `whole` is the sum of `parts`: of its listed parts when the report
    /// breaks it down (其中…), or of all of them when `all_given` and the
    /// report states every one in the same paragraph.
    Sum {
        whole: String,
        parts: Vec<String>,
        #[serde(default)]
        all_given: bool,
    },
    /// `part` is at most `whole`, when both are stated in one sentence.
    AtMost { part: String, whole: String },
    /// `rate` is `numerator` / `denominator` × 100, for one of the
    /// denominators practice uses (the closest is taken as the report's).
    Rate {
        rate: String,
        numerator: String,
        denominators: Vec<String>,
    },
}

impl Relation {
    fn ids(&self) -> Vec<&str> {
        let mut ids = Vec::new();
        match self {
            Relation::Sum { whole, parts, .. } => {
                ids.push(whole.as_str());
                ids.extend(parts.iter().map(String::as_str));
            }
            Relation::AtMost { part, whole } => ids.extend([part.as_str(), whole.as_str()]),
            Relation::Rate {
                rate,
                numerator,
                denominators,
            } => {
                ids.extend([rate.as_str(), numerator.as_str()]);
                ids.extend(denominators.iter().map(String::as_str));
            }
        }
        ids
    }
}

/// A phrase that says what a figure counts, kept as chars: matching runs on
/// the chars of a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Key {
    pub parts: Vec<Vec<char>>,
    /// `A+B`: the parts appear in this order; `A&B`: in any order.
    pub ordered: bool,
    /// How much text the key names: longer keys are more specific.
    pub weight: usize,
}

impl Key {
    fn parse(s: &str) -> Key {
        let (sep, ordered) = if s.contains('&') {
            ('&', false)
        } else {
            ('+', true)
        };
        let parts: Vec<Vec<char>> = s.split(sep).map(|p| p.chars().collect()).collect();
        let weight = parts.iter().map(Vec::len).sum();
        Key {
            parts,
            ordered,
            weight,
        }
    }
}

impl Catalog {
    /// The catalog compiled into the binary.
    pub fn builtin() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG
            .get_or_init(|| Catalog::parse(CATALOG_TOML).expect("catalog/indicators.toml is valid"))
    }

    /// The indicators a figure in `unit` may measure.
    pub fn measuring(&self, unit: &str) -> Option<&IndicatorSet> {
        self.by_unit.get(unit)
    }

    /// The keys (as indicator and key indexes) whose last part starts with `c`.
    pub fn keys_whose_last_part_starts_with(&self, c: char) -> &[(usize, usize)] {
        self.by_key_start.get(&c).map_or(&[], Vec::as_slice)
    }

    pub fn get(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    fn parse(toml_text: &str) -> Result<Catalog, String> {
        let file: File = toml::from_str(toml_text).map_err(|e| e.to_string())?;
        let mut indicators = Vec::with_capacity(file.indicator.len());
        for raw in file.indicator {
            let units =
                expand_units(&raw.units, &file.units).map_err(|e| format!("{}: {e}", raw.id))?;
            if raw.keys.is_empty() {
                return Err(format!("{}: no keys", raw.id));
            }
            indicators.push(Indicator {
                keys: raw.keys.iter().map(|k| Key::parse(k)).collect(),
                id: raw.id,
                name: raw.name,
                units,
                topic_chars: raw.topic.iter().map(|t| t.chars().collect()).collect(),
                topic: raw.topic,
                topic_in_sentence: raw.topic_in_sentence,
                not: raw.not,
                part_of: raw.part_of,
            });
        }
        let mut by_unit: HashMap<String, IndicatorSet> = HashMap::new();
        for (i, ind) in indicators.iter().enumerate() {
            for unit in &ind.units {
                by_unit.entry(unit.clone()).or_default().insert(i);
            }
        }
        let mut by_key_start: HashMap<char, Vec<(usize, usize)>, BuildCharHasher> =
            HashMap::default();
        for (i, ind) in indicators.iter().enumerate() {
            for (k, key) in ind.keys.iter().enumerate() {
                if let Some(&first) = key.parts.last().and_then(|p| p.first()) {
                    by_key_start.entry(first).or_default().push((i, k));
                }
            }
        }
        let catalog = Catalog {
            indicators,
            relations: file.relation,
            by_unit,
            by_key_start,
        };
        for ind in &catalog.indicators {
            if let Some(whole) = ind.part_of.iter().find(|w| catalog.get(w).is_none()) {
                return Err(format!(
                    "{}: part_of names unknown indicator {whole}",
                    ind.id
                ));
            }
        }
        for relation in &catalog.relations {
            if let Some(id) = relation
                .ids()
                .into_iter()
                .find(|id| catalog.get(id).is_none())
            {
                return Err(format!("relation names unknown indicator {id}"));
            }
        }
        Ok(catalog)
    }
}

fn expand_units(
    units: &[String],
    groups: &BTreeMap<String, Vec<String>>,
) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for unit in units {
        match unit.strip_prefix('@') {
            Some(group) => out.extend(
                groups
                    .get(group)
                    .ok_or(format!("unknown unit group @{group}"))?
                    .iter()
                    .cloned(),
            ),
            None => out.push(unit.clone()),
        }
    }
    Ok(out)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    units: BTreeMap<String, Vec<String>>,
    indicator: Vec<RawIndicator>,
    #[serde(default)]
    relation: Vec<Relation>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    id: String,
    name: String,
    units: Vec<String>,
    keys: Vec<String>,
    #[serde(default)]
    topic: Vec<String>,
    #[serde(default)]
    topic_in_sentence: bool,
    #[serde(default)]
    not: Vec<String>,
    #[serde(default)]
    part_of: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalog_parses() {
        let catalog = Catalog::builtin();
        assert!(catalog.indicators.len() > 100);
        assert!(catalog.get("reconsideration.accepted").is_some());
    }

    #[test]
    fn ids_are_unique_and_dotted() {
        let catalog = Catalog::builtin();
        let mut ids: Vec<&str> = catalog.indicators.iter().map(|i| i.id.as_str()).collect();
        for id in &ids {
            let (area, name) = id.split_once('.').expect("area.name");
            assert!(!area.is_empty() && !name.is_empty(), "{id}");
            assert!(
                id.chars()
                    .all(|c| c.is_ascii_lowercase() || c == '.' || c == '_'),
                "{id}"
            );
        }
        ids.sort_unstable();
        let before = ids.len();
        ids.dedup();
        assert_eq!(before, ids.len(), "duplicate indicator ids");
    }

    #[test]
    fn keys_parse_into_parts() {
        let chars = |s: &str| s.chars().collect::<Vec<char>>();
        let key = Key::parse("收到+申请");
        assert_eq!(
            (key.parts, key.ordered, key.weight),
            (vec![chars("收到"), chars("申请")], true, 4)
        );
        let key = Key::parse("常委会&常务会");
        assert_eq!(
            (key.parts, key.ordered),
            (vec![chars("常委会"), chars("常务会")], false)
        );
    }

    #[test]
    fn unknown_unit_groups_are_rejected() {
        let bad =
            "[[indicator]]\nid = \"a.b\"\nname = \"x\"\nunits = [\"@nope\"]\nkeys = [\"x\"]\n";
        let err = Catalog::parse(bad)
            .err()
            .expect("an unknown unit group is an error");
        assert!(err.contains("@nope"), "{err}");
    }
}
