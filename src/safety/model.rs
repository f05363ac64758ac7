//! The learned tier: a linear classifier over hashed word and character n-grams of the
//! normalised text, one probability per category. Its settings and thresholds are
//! `flows/safety/learned.toml`; its weights are `flows/safety/learned.bin`, rebuilt by
//! `linkup safety train` (see [`super::train`]).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::normalise::normalise;
use crate::problem::{Lines, Problem};

/// The name of the model's last output: any category at all, against none.
pub const ANY: &str = "any";

/// The first bytes of a weights file, then its format version.
const MAGIC: &[u8; 8] = b"LINKUPSM";
const VERSION: u32 = 1;

/// How text becomes features. Part of the model: changing it needs a retrain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeatureSettings {
    /// Hash buckets (a power of two).
    pub buckets: u32,
    /// Word n-grams from 1 to this.
    pub word_ngrams: usize,
    /// Character n-grams inside each word (with its boundaries), from..=to.
    pub char_ngrams: [usize; 2],
}

/// How the weights are fitted (FTRL-proximal logistic regression, one per category).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainSettings {
    pub epochs: usize,
    pub alpha: f64,
    pub beta: f64,
    pub l1: f64,
    pub l2: f64,
    /// Weight of a line labelled with the category, against 1 for the others.
    pub positive_weight: f64,
    /// Seeds the order lines are visited in, so training is reproducible.
    pub seed: u64,
}

/// What a probability means for one category.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    /// At or above: the crisis reply at once (crisis categories only).
    #[serde(default = "never")]
    pub crisis: f32,
    /// At or above: ask the direct question (crisis categories) or flag for a link worker
    /// (concern categories).
    pub ask: f32,
    /// The same as `ask`, for a person's recent messages scored together.
    pub context: f32,
}

fn never() -> f32 {
    2.0
}

/// `flows/safety/learned.toml`: what a service reads and may edit.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LearnedSettings {
    pub features: FeatureSettings,
    pub training: TrainSettings,
    pub thresholds: BTreeMap<String, Threshold>,
    /// Recent messages scored together: how many, and how far back (hours).
    pub context_messages: usize,
    pub context_hours: u32,
}

/// A loaded model: settings, weights and biases.
#[derive(Debug, Clone)]
pub struct Model {
    pub settings: LearnedSettings,
    pub file: PathBuf,
    pub categories: Vec<String>,
    /// `buckets × categories`, bucket-major.
    weights: Vec<f32>,
    bias: Vec<f32>,
    /// What the weights file says it was trained from (files and line counts), for people.
    pub trained_on: String,
}

/// One category's probability, and the words that pushed it up most.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    pub category: String,
    pub probability: f32,
}

impl Model {
    /// Reads `learned.toml` and `learned.bin` from `dir`. `None` with no problem when neither
    /// exists (a service without a learned tier); a problem for anything half there or broken.
    pub fn load(dir: &Path) -> (Option<Model>, Vec<Problem>) {
        let toml_file = dir.join("learned.toml");
        let bin_file = dir.join("learned.bin");
        if !toml_file.exists() && !bin_file.exists() {
            return (None, vec![]);
        }
        let settings = match read_settings(&toml_file) {
            Ok(s) => s,
            Err(p) => return (None, p),
        };
        let bytes = match std::fs::read(&bin_file) {
            Ok(b) => b,
            Err(e) => {
                let why = format!("cannot read the learned weights: {e} (run `linkup safety train`)");
                return (None, vec![Problem::new(&bin_file, 0, None, why)]);
            }
        };
        match Model::from_bytes(settings, &bin_file, &bytes) {
            Ok(m) => (Some(m), vec![]),
            Err(why) => (None, vec![Problem::new(&bin_file, 0, None, why)]),
        }
    }

    /// A model from trained weights.
    pub fn new(settings: LearnedSettings, categories: Vec<String>, weights: Vec<f32>, bias: Vec<f32>) -> Model {
        Model { settings, file: PathBuf::new(), categories, weights, bias, trained_on: String::new() }
    }

    pub fn with_trained_on(mut self, trained_on: String) -> Model {
        self.trained_on = trained_on;
        self
    }

    /// Probabilities per category, in [`Model::categories`] order.
    pub fn probabilities(&self, text: &str) -> Vec<f32> {
        let features = features(&self.settings.features, text);
        self.probabilities_of(&features)
    }

    /// As [`Model::probabilities`], from features made already.
    pub fn probabilities_of(&self, features: &[(u32, f32)]) -> Vec<f32> {
        let n = self.categories.len();
        let mut z: Vec<f32> = self.bias.clone();
        for &(bucket, value) in features {
            let row = &self.weights[bucket as usize * n..(bucket as usize + 1) * n];
            for (zc, w) in z.iter_mut().zip(row) {
                *zc += w * value;
            }
        }
        z.into_iter().map(sigmoid).collect()
    }

    /// The index of a category, if the model knows it.
    pub fn index(&self, category: &str) -> Option<usize> {
        self.categories.iter().position(|c| c == category)
    }

    /// The words of `text` that pushed `category` up most, strongest first: shown to a link
    /// worker as what raised a flag.
    pub fn explain(&self, text: &str, category: usize, most: usize) -> Vec<String> {
        let n = self.categories.len();
        let plain = normalise(text);
        let words: Vec<&str> = plain.split_whitespace().collect();
        let mut pushes: Vec<(f32, usize)> = words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let mut buckets = Vec::new();
                word_buckets(&self.settings.features, w, &mut buckets);
                let push: f32 = buckets.iter().map(|b| self.weights[*b as usize * n + category]).sum();
                (push, i)
            })
            .filter(|(push, _)| *push > 0.0)
            .collect();
        pushes.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut top: Vec<usize> = pushes.into_iter().take(most).map(|(_, i)| i).collect();
        top.sort();
        top.into_iter().map(|i| words[i].to_string()).collect()
    }

    /// The weights file: magic, version, a text header (categories, features, provenance),
    /// then biases and every non-zero weight as (bucket, category, value), little-endian.
    pub fn to_bytes(&self) -> Vec<u8> {
        let header = Header {
            categories: self.categories.clone(),
            features: self.settings.features.clone(),
            training: self.settings.training.clone(),
            trained_on: self.trained_on.clone(),
        };
        let header = toml::to_string(&header).unwrap_or_default();
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(header.len() as u32).to_le_bytes());
        out.extend_from_slice(header.as_bytes());
        for b in &self.bias {
            out.extend_from_slice(&b.to_le_bytes());
        }
        let n = self.categories.len();
        let nonzero: Vec<(usize, &f32)> = self.weights.iter().enumerate().filter(|(_, w)| **w != 0.0).collect();
        out.extend_from_slice(&(nonzero.len() as u32).to_le_bytes());
        for (i, w) in nonzero {
            out.extend_from_slice(&((i / n) as u32).to_le_bytes());
            out.push((i % n) as u8);
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    fn from_bytes(settings: LearnedSettings, file: &Path, bytes: &[u8]) -> Result<Model, String> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(8)? != MAGIC {
            return Err("not a linkup weights file".into());
        }
        let version = r.u32()?;
        if version != VERSION {
            return Err(format!("weights file version {version}, this linkup reads {VERSION}"));
        }
        let header_len = r.u32()? as usize;
        let header = std::str::from_utf8(r.take(header_len)?).map_err(|_| "header is not UTF-8".to_string())?;
        let header: Header = toml::from_str(header).map_err(|e| format!("header: {}", e.message()))?;
        if header.features != settings.features || header.training != settings.training {
            return Err("learned.toml's [features] or [training] differ from what the weights were trained with; \
                 run `linkup safety train`"
                .into());
        }
        let n = header.categories.len();
        if n == 0 || n > 255 {
            return Err(format!("{n} categories"));
        }
        let buckets = settings.features.buckets as usize;
        if !buckets.is_power_of_two() || buckets > 1 << 24 {
            return Err(format!("buckets = {buckets}: use a power of two up to 16777216"));
        }
        let bias = (0..n).map(|_| r.f32()).collect::<Result<Vec<_>, _>>()?;
        let count = r.u32()? as usize;
        let mut weights = vec![0.0f32; buckets * n];
        for _ in 0..count {
            let bucket = r.u32()? as usize;
            let category = r.take(1)?[0] as usize;
            let w = r.f32()?;
            if bucket >= buckets || category >= n || !w.is_finite() {
                return Err(format!("a weight out of range (bucket {bucket}, category {category})"));
            }
            weights[bucket * n + category] = w;
        }
        if r.at != bytes.len() {
            return Err("extra bytes at the end".into());
        }
        Ok(Model {
            settings,
            file: file.to_path_buf(),
            categories: header.categories,
            weights,
            bias,
            trained_on: header.trained_on,
        })
    }

    /// Non-zero weights, for people reading `safety check` or the docs.
    pub fn nonzero_weights(&self) -> usize {
        self.weights.iter().filter(|w| **w != 0.0).count()
    }
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    categories: Vec<String>,
    features: FeatureSettings,
    training: TrainSettings,
    trained_on: String,
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], String> {
        let end = self.at.checked_add(n).filter(|e| *e <= self.bytes.len()).ok_or("the file is cut short")?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }

    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().map_err(|_| "short")?))
    }

    fn f32(&mut self) -> Result<f32, String> {
        Ok(f32::from_le_bytes(self.take(4)?.try_into().map_err(|_| "short")?))
    }
}

/// The model and the rules name the same categories, and every category has thresholds.
pub fn check_against(model: &Model, rules: &super::RuleSet) -> Vec<Problem> {
    let mut problems = Vec::new();
    let ids: Vec<&str> = rules.categories.iter().map(|c| c.id.as_str()).collect();
    let expected: Vec<&str> = ids.iter().copied().chain([ANY]).collect();
    if model.categories.iter().map(String::as_str).collect::<Vec<_>>() != expected {
        problems.push(Problem::new(
            &model.file,
            0,
            None,
            format!(
                "the learned weights are for categories {:?} but {} has {:?}; run `linkup safety train`",
                model.categories,
                rules.file.display(),
                ids
            ),
        ));
    }
    let settings_file = model.file.with_extension("toml");
    for id in &expected {
        if !model.settings.thresholds.contains_key(*id) {
            problems.push(Problem::new(&settings_file, 0, None, format!("no thresholds for category \"{id}\"")));
        }
    }
    for id in model.settings.thresholds.keys() {
        if !expected.contains(&id.as_str()) {
            problems.push(Problem::new(&settings_file, 0, None, format!("thresholds for unknown category \"{id}\"")));
        }
    }
    problems
}

/// Reads and checks `learned.toml`.
pub fn read_settings(file: &Path) -> Result<LearnedSettings, Vec<Problem>> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| vec![Problem::new(file, 0, None, format!("cannot read file: {e}"))])?;
    let lines = Lines::new(&text);
    let settings: LearnedSettings = toml::from_str(&text).map_err(|e| {
        let line = e.span().map(|s| lines.line(s.start)).unwrap_or(0);
        vec![Problem::new(file, line, None, e.message().trim().to_string())]
    })?;
    let mut problems = Vec::new();
    let f = &settings.features;
    if !f.buckets.is_power_of_two() || f.buckets > 1 << 24 {
        problems.push(Problem::new(file, 0, None, "features.buckets must be a power of two up to 16777216"));
    }
    if f.word_ngrams > 4 || f.char_ngrams[0] > f.char_ngrams[1] || f.char_ngrams[1] > 8 {
        problems.push(Problem::new(file, 0, None, "features: word_ngrams up to 4, char_ngrams [from, to] up to 8"));
    }
    for (category, t) in &settings.thresholds {
        for (name, v) in [("ask", t.ask), ("context", t.context)] {
            if !(0.0..=1.0).contains(&v) {
                problems.push(Problem::new(file, 0, None, format!("thresholds.{category}.{name} must be 0 to 1")));
            }
        }
        if t.crisis != never() && !(t.ask..=1.0).contains(&t.crisis) {
            problems.push(Problem::new(
                file,
                0,
                None,
                format!("thresholds.{category}.crisis must be between its ask threshold and 1"),
            ));
        }
    }
    if settings.context_messages < 2 {
        problems.push(Problem::new(file, 0, None, "context_messages must be 2 or more"));
    }
    if problems.is_empty() { Ok(settings) } else { Err(problems) }
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// FNV-1a of a whole string: what [`Fnv`] computes piece by piece (for the tests).
#[cfg(test)]
fn fnv1a(s: &str) -> u64 {
    Fnv::new().bytes(s.as_bytes()).0
}

/// FNV-1a (a fixed, documented hash, so a feature lands in the same bucket on every machine
/// and in every version), fed piece by piece so a feature's name need not be built.
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn bytes(mut self, bytes: &[u8]) -> Fnv {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
        self
    }

    fn char(self, c: char) -> Fnv {
        self.bytes(c.encode_utf8(&mut [0; 4]).as_bytes())
    }

    fn bucket(self, buckets: u32) -> u32 {
        (self.0 & u64::from(buckets - 1)) as u32
    }
}

/// A word's own features, as hash buckets: the word ("w word"), and its character n-grams
/// with `<` and `>` at its ends ("c <wo", ...).
fn word_buckets(settings: &FeatureSettings, word: &str, out: &mut Vec<u32>) {
    out.push(Fnv::new().bytes(b"w ").bytes(word.as_bytes()).bucket(settings.buckets));
    let padded: Vec<char> = std::iter::once('<').chain(word.chars()).chain(std::iter::once('>')).collect();
    let [from, to] = settings.char_ngrams;
    let prefix = Fnv::new().bytes(b"c ");
    for n in from.max(1)..=to {
        // The whole padded word is the word feature already.
        if n >= padded.len() {
            break;
        }
        for window in padded.windows(n) {
            out.push(window.iter().fold(prefix, |h, c| h.char(*c)).bucket(settings.buckets));
        }
    }
}

/// Hashed features of `text`: each word, its character n-grams, word n-grams; the vector is
/// scaled to unit length so long messages and short ones score alike.
pub fn features(settings: &FeatureSettings, text: &str) -> Vec<(u32, f32)> {
    let plain = normalise(text);
    let words: Vec<&str> = plain.split_whitespace().collect();
    let mut buckets: Vec<u32> = Vec::with_capacity(words.len() * 24);
    for w in &words {
        word_buckets(settings, w, &mut buckets);
    }
    for n in 2..=settings.word_ngrams {
        for gram in words.windows(n) {
            let mut h = Fnv::new().bytes(b"g ");
            for (i, w) in gram.iter().enumerate() {
                if i > 0 {
                    h = h.bytes(b" ");
                }
                h = h.bytes(w.as_bytes());
            }
            buckets.push(h.bucket(settings.buckets));
        }
    }
    buckets.sort_unstable();
    let mut counts: Vec<(u32, f32)> = Vec::with_capacity(buckets.len());
    for b in buckets {
        match counts.last_mut() {
            Some((last, count)) if *last == b => *count += 1.0,
            _ => counts.push((b, 1.0)),
        }
    }
    let norm = counts.iter().map(|(_, v)| v * v).sum::<f32>().sqrt();
    if norm == 0.0 {
        return vec![];
    }
    for (_, v) in &mut counts {
        *v /= norm;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> FeatureSettings {
        FeatureSettings { buckets: 1 << 12, word_ngrams: 2, char_ngrams: [2, 4] }
    }

    #[test]
    fn features_are_unit_length_and_stable() {
        let f = features(&settings(), "I can't sleep!!");
        let norm: f32 = f.iter().map(|(_, v)| v * v).sum();
        assert!((norm - 1.0).abs() < 1e-5, "{norm}");
        assert_eq!(f, features(&settings(), "i cant sleep"));
        assert!(features(&settings(), "  !!! ").is_empty());
        // The hash is fixed: this bucket must never move, or shipped weights stop meaning anything.
        assert_eq!(fnv1a(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
        // Fed in pieces, a feature hashes as its whole name: "w kms", then "c <km", "c kms", ...
        let mut b = Vec::new();
        word_buckets(&settings(), "kms", &mut b);
        let by_name: Vec<u32> =
            ["w kms", "c <k", "c km", "c ms", "c s>", "c <km", "c kms", "c ms>", "c <kms", "c kms>"]
                .iter()
                .map(|n| (fnv1a(n) & u64::from(settings().buckets - 1)) as u32)
                .collect();
        assert_eq!(b, by_name);
    }

    #[test]
    fn a_weights_file_round_trips_and_refuses_damage() {
        let learned = LearnedSettings {
            features: settings(),
            training: TrainSettings {
                epochs: 1,
                alpha: 0.1,
                beta: 1.0,
                l1: 0.0,
                l2: 0.0,
                positive_weight: 1.0,
                seed: 1,
            },
            thresholds: BTreeMap::new(),
            context_messages: 6,
            context_hours: 72,
        };
        let mut weights = vec![0.0; 2 * (1 << 12)];
        weights[7] = 0.5;
        weights[100] = -1.25;
        let model = Model::new(learned.clone(), vec!["a".into(), "b".into()], weights, vec![-2.0, -3.0]);
        let bytes = model.to_bytes();
        let back = Model::from_bytes(learned.clone(), Path::new("x"), &bytes).unwrap();
        assert_eq!(back.to_bytes(), bytes);
        assert_eq!(back.probabilities("hello"), model.probabilities("hello"));
        assert!(Model::from_bytes(learned.clone(), Path::new("x"), &bytes[..bytes.len() - 1]).is_err());
        assert!(Model::from_bytes(learned.clone(), Path::new("x"), b"LINKUPSMxxxx").is_err());
        let mut other = learned;
        other.features.word_ngrams = 3;
        assert!(Model::from_bytes(other, Path::new("x"), &bytes).unwrap_err().contains("safety train"));
    }
}
