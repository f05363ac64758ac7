//! Wellbeing instruments as data (`flows/measures/*.toml`): items, score range and bands.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::flow::load::{Lines, Problem};

/// A score band: scores up to and including `upto` fall in `band`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub upto: u8,
    pub band: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    /// A short name for link workers and reports (not shown to young people).
    pub label: String,
    /// Whether a higher score means better wellbeing (false for anxiety).
    #[serde(default = "yes")]
    pub higher_is_better: bool,
    /// Bands for this item, overriding the instrument's.
    #[serde(default)]
    pub bands: Option<Vec<Band>>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    pub id: String,
    pub name: String,
    pub licence: String,
    pub min: u8,
    pub max: u8,
    pub bands: Vec<Band>,
    #[serde(rename = "item")]
    pub items: Vec<Item>,
}

impl Instrument {
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    /// The band of `score` for `item`, if both are known and the score is in range.
    pub fn band(&self, item: &str, score: u8) -> Option<&str> {
        let item = self.item(item)?;
        if score < self.min || score > self.max {
            return None;
        }
        let bands = item.bands.as_ref().unwrap_or(&self.bands);
        bands.iter().find(|b| score <= b.upto).map(|b| b.band.as_str())
    }

    fn problems(&self, file: &Path, line: usize) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut check = |bands: &[Band], whose: &str| {
            if !bands.windows(2).all(|w| w[0].upto < w[1].upto) {
                out.push(Problem::new(
                    file,
                    line,
                    None,
                    format!("{whose} bands must rise (each `upto` above the last)"),
                ));
            }
            if bands.last().is_none_or(|b| b.upto < self.max) {
                out.push(Problem::new(
                    file,
                    line,
                    None,
                    format!("{whose} bands must reach the maximum score {}", self.max),
                ));
            }
        };
        check(&self.bands, &self.id);
        for item in &self.items {
            if let Some(bands) = &item.bands {
                check(bands, &format!("{}.{}", self.id, item.id));
            }
        }
        if self.min >= self.max {
            out.push(Problem::new(file, line, None, "`min` must be below `max`"));
        }
        out
    }
}

/// All instruments, by id.
#[derive(Debug, Clone, Default)]
pub struct Measures {
    pub instruments: BTreeMap<String, Instrument>,
}

impl Measures {
    /// Reads every `*.toml` in `dir`; a missing folder is no instruments, not an error.
    pub fn load(dir: &Path) -> (Measures, Vec<Problem>) {
        let mut measures = Measures::default();
        let mut problems = Vec::new();
        let Ok(entries) = std::fs::read_dir(dir) else {
            return (measures, problems);
        };
        let mut files: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        files.sort();
        for file in files {
            let text = match std::fs::read_to_string(&file) {
                Ok(t) => t,
                Err(e) => {
                    problems.push(Problem::new(&file, 0, None, format!("cannot read file: {e}")));
                    continue;
                }
            };
            match toml::from_str::<Instrument>(&text) {
                Ok(instrument) => {
                    problems.extend(instrument.problems(&file, 1));
                    measures.instruments.insert(instrument.id.clone(), instrument);
                }
                Err(e) => {
                    let line = e.span().map(|s| Lines::new(&text).line(s.start)).unwrap_or(0);
                    problems.push(Problem::new(&file, line, None, e.message().trim().to_string()));
                }
            }
        }
        (measures, problems)
    }

    pub fn band(&self, measure: &str, item: &str, score: u8) -> Option<&str> {
        self.instruments.get(measure)?.band(item, score)
    }
}
