//! Wellbeing instruments as data (`flows/measures/*.toml`): items and their wording, who they
//! are for, the response scale, bands, and scoring (a sum, optionally through a raw-to-metric
//! conversion table, as SWEMWBS is scored).

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::problem::{Lines, Problem};

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
    /// The question, as a message id in the locales (asked at check-ins).
    pub ask: String,
    /// Other wording for some age bands (age-band option id → message id).
    #[serde(default)]
    pub ask_by_age: BTreeMap<String, String>,
    /// A short name for the young person's chart legend (a message id); `label` if unset.
    #[serde(default)]
    pub short: Option<String>,
    /// Age bands this item is asked of; everyone when empty.
    #[serde(default)]
    pub ages: Vec<String>,
}

impl Item {
    /// The message id of the question for someone in `age_band`.
    pub fn question(&self, age_band: Option<&str>) -> &str {
        age_band.and_then(|a| self.ask_by_age.get(a)).unwrap_or(&self.ask)
    }

    pub fn is_for(&self, age_band: Option<&str>) -> bool {
        self.ages.is_empty() || age_band.is_some_and(|a| self.ages.iter().any(|x| x == a))
    }
}

/// How items add up to a total, for instruments scored as a whole.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    /// Only `sum` (every item answered, added up) for now.
    pub method: String,
    /// Raw total → reported score (e.g. SWEMWBS's metric scores). Empty: the raw total.
    #[serde(default)]
    pub table: Vec<Conversion>,
    /// Bands of the (converted) total: totals up to and including `upto` fall in `band`.
    #[serde(default)]
    pub bands: Vec<TotalBand>,
    /// The total's name for reports and charts.
    #[serde(default = "total_label")]
    pub label: String,
}

fn total_label() -> String {
    "Total".into()
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Conversion {
    pub raw: u32,
    pub score: f64,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TotalBand {
    pub upto: f64,
    pub band: String,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    /// The file it came from, for problems.
    #[serde(skip)]
    pub file: std::path::PathBuf,
    pub id: String,
    pub name: String,
    pub licence: String,
    pub min: u8,
    pub max: u8,
    pub bands: Vec<Band>,
    /// Message ids naming each response from `min` to `max` (e.g. "None of the time"), shown
    /// on the buttons with the number; numbers alone when empty.
    #[serde(default)]
    pub responses: Vec<String>,
    /// Age bands the instrument is licensed or validated for; everyone when empty.
    #[serde(default)]
    pub ages: Vec<String>,
    /// Languages with an official translation of the validated wording (the items' `ask` and
    /// the responses), such as "cy" for ONS4. A locale of another language asks them in
    /// English, as validated, and must not define them (`docs/translations.md`).
    #[serde(default)]
    pub translated: Vec<String>,
    /// A total score; none when items are reported one by one (ONS4).
    #[serde(default)]
    pub scoring: Option<Scoring>,
    #[serde(rename = "item")]
    pub items: Vec<Item>,
}

impl Instrument {
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    /// The items asked of someone in `age_band`, in the file's order.
    pub fn items_for(&self, age_band: Option<&str>) -> Vec<&Item> {
        self.items.iter().filter(|i| i.is_for(age_band)).collect()
    }

    /// The total of a complete set of answers (each item once), through the conversion table
    /// when there is one. `None` without scoring, with an item missing or out of range, or with
    /// a raw total the table does not list.
    pub fn total(&self, answers: &[(&str, u8)]) -> Option<f64> {
        let scoring = self.scoring.as_ref()?;
        let mut raw = 0u32;
        for item in &self.items {
            let score = answers.iter().find(|(id, _)| *id == item.id).map(|(_, s)| *s)?;
            if score < self.min || score > self.max {
                return None;
            }
            raw += u32::from(score);
        }
        if scoring.table.is_empty() {
            return Some(f64::from(raw));
        }
        scoring.table.iter().find(|c| c.raw == raw).map(|c| c.score)
    }

    /// One total per occasion (a hand-off's or a check-in's answers), in the order occasions
    /// first appear; an occasion without a complete set of answers has none.
    pub fn totals<K: PartialEq + Copy>(&self, answers: &[(K, &str, i64)]) -> Vec<(K, f64)> {
        let mut occasions: Vec<K> = Vec::new();
        for (k, _, _) in answers {
            if !occasions.contains(k) {
                occasions.push(*k);
            }
        }
        occasions
            .into_iter()
            .filter_map(|k| {
                let set: Vec<(&str, u8)> = answers
                    .iter()
                    .filter(|(o, _, _)| *o == k)
                    .filter_map(|(_, item, score)| Some((*item, u8::try_from(*score).ok()?)))
                    .collect();
                self.total(&set).map(|t| (k, t))
            })
            .collect()
    }

    /// The band of a total.
    pub fn total_band(&self, total: f64) -> Option<&str> {
        let scoring = self.scoring.as_ref()?;
        scoring.bands.iter().find(|b| total <= b.upto).map(|b| b.band.as_str())
    }

    /// The lowest and highest totals the scoring can give.
    pub fn total_range(&self) -> Option<(f64, f64)> {
        let scoring = self.scoring.as_ref()?;
        let n = self.items.len() as u32;
        let (lo, hi) = (n * u32::from(self.min), n * u32::from(self.max));
        if scoring.table.is_empty() {
            return Some((f64::from(lo), f64::from(hi)));
        }
        let scores = scoring.table.iter().map(|c| c.score);
        Some((scores.clone().fold(f64::INFINITY, f64::min), scores.fold(f64::NEG_INFINITY, f64::max)))
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
        let mut problem = |text: String| out.push(Problem::new(file, line, None, text));
        let span = usize::from(self.max.saturating_sub(self.min)) + 1;
        if !self.responses.is_empty() && self.responses.len() != span {
            problem(format!(
                "{}: `responses` names {} answers, but {}–{} is {span}",
                self.id,
                self.responses.len(),
                self.min,
                self.max
            ));
        }
        for item in &self.items {
            // A check-in answer's payload: "#ci|<check-in id>|<item>|<score>", within every channel's callback limit (crate::channel::SHORTEST_CALLBACK).
            if item.id.len() > MAX_ITEM_ID {
                problem(format!("{}.{}: item ids must be at most {MAX_ITEM_ID} characters", self.id, item.id));
            }
        }
        if let Some(scoring) = &self.scoring {
            if scoring.method != "sum" {
                problem(format!("{}: unknown scoring method \"{}\" (only \"sum\")", self.id, scoring.method));
            }
            let n = self.items.len() as u32;
            let (lo, hi) = (n * u32::from(self.min), n * u32::from(self.max));
            if !scoring.table.is_empty() {
                let raws: Vec<u32> = scoring.table.iter().map(|c| c.raw).collect();
                let expected: Vec<u32> = (lo..=hi).collect();
                if raws != expected {
                    problem(format!(
                        "{}: the scoring table must list every raw total from {lo} to {hi} once, in order",
                        self.id
                    ));
                }
                if !scoring.table.windows(2).all(|w| w[0].score <= w[1].score) {
                    problem(format!("{}: the scoring table's scores must not fall as the raw total rises", self.id));
                }
            }
            if !scoring.bands.windows(2).all(|w| w[0].upto < w[1].upto) {
                problem(format!("{} total bands must rise (each `upto` above the last)", self.id));
            }
        }
        out
    }

    /// The validated wording's message ids: each item's question and the responses.
    /// `ask_by_age` is linkup's own wording for younger people, and is translated freely.
    pub fn validated_ids(&self) -> Vec<&str> {
        self.responses.iter().map(String::as_str).chain(self.items.iter().map(|i| i.ask.as_str())).collect()
    }

    /// Whether `locale` ("cy-GB", "pl") has an official translation of the validated wording.
    pub fn is_translated_for(&self, locale: &str) -> bool {
        let language = locale.split(['-', '_']).next().unwrap_or_default();
        language.eq_ignore_ascii_case("en") || self.translated.iter().any(|t| t.eq_ignore_ascii_case(language))
    }

    /// Whether `locale` asks message `id` in English: validated wording with no official
    /// translation in its language.
    pub fn in_english(&self, locale: &str, id: &str) -> bool {
        !self.is_translated_for(locale) && self.validated_ids().contains(&id)
    }

    /// Message ids the locales must have: questions, response names, chart names.
    pub fn message_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self.responses.iter().map(String::as_str).collect();
        for item in &self.items {
            ids.push(&item.ask);
            ids.extend(item.ask_by_age.values().map(String::as_str));
            ids.extend(item.short.as_deref());
        }
        ids
    }
}

/// The longest item id that fits a check-in button's payload.
pub const MAX_ITEM_ID: usize = 32;

/// All instruments, by id.
#[derive(Debug, Clone, Default)]
pub struct Measures {
    pub instruments: BTreeMap<String, Instrument>,
}

impl Measures {
    /// Reads every `*.toml` in `dir`; a missing folder is no instruments, not an error.
    /// Whether `locale` asks message `id` in English (see [`Instrument::in_english`]).
    pub fn in_english(&self, locale: &str, id: &str) -> bool {
        self.instruments.values().any(|i| i.in_english(locale, id))
    }

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
                Ok(mut instrument) => {
                    instrument.file = file.clone();
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
