//! Training the learned tier: labelled lines and conversations in, weights out, and figures on
//! whole batches held out (each file in turn), never on a random split of lines.
//!
//! Reproducible: lines are read in file order, visited in an order drawn from a fixed seed,
//! and fitted in one thread, so the same data and settings give the same bytes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::RuleSet;
use super::eval::{ConversationReport, Report};
use super::model::{self, LearnedSettings, Model};

/// One labelled text: a message, or a whole conversation joined.
#[derive(Debug, Clone)]
pub struct Example {
    pub text: String,
    /// Category indices it is labelled with; empty for `none`.
    pub labels: Vec<usize>,
    /// The file it came from: the unit held out together.
    pub batch: String,
    pub line: usize,
    /// A conversation's messages, when it is one (`text` joins them).
    pub messages: Vec<String>,
}

/// A labelled file that could not be read as one, with the line.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{file}:{line}: {why}")]
pub struct DataError {
    pub file: String,
    pub line: usize,
    pub why: String,
}

/// Labels from `label[,label]` or `none`.
fn labels(raw: &str, categories: &[String], file: &str, line: usize) -> Result<Vec<usize>, DataError> {
    if raw.trim() == "none" {
        return Ok(vec![]);
    }
    raw.split(',')
        .map(|l| {
            let l = l.trim();
            categories.iter().position(|c| c == l).ok_or_else(|| DataError {
                file: file.into(),
                line,
                why: format!("unknown label {l:?}"),
            })
        })
        .collect()
}

/// Reads `label<TAB>text` lines (`#` comments and blank lines skipped).
pub fn read_tsv(name: &str, text: &str, categories: &[String]) -> Result<Vec<Example>, DataError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (label, body) = line.split_once('\t').ok_or_else(|| DataError {
            file: name.into(),
            line: i + 1,
            why: "no tab between label and text".into(),
        })?;
        out.push(Example {
            text: body.to_string(),
            labels: labels(label, categories, name, i + 1)?,
            batch: name.to_string(),
            line: i + 1,
            messages: vec![],
        });
    }
    Ok(out)
}

/// Reads conversations: blocks separated by a blank line, each starting `# label: ...`, then
/// one message a line.
pub fn read_conversations(name: &str, text: &str, categories: &[String]) -> Result<Vec<Example>, DataError> {
    let mut out: Vec<Example> = Vec::new();
    let mut current: Option<Example> = None;
    let flush = |current: &mut Option<Example>, out: &mut Vec<Example>| -> Result<(), DataError> {
        if let Some(mut c) = current.take() {
            if c.messages.is_empty() {
                return Err(DataError {
                    file: name.into(),
                    line: c.line,
                    why: "a conversation with no messages".into(),
                });
            }
            c.text = c.messages.join("\n");
            out.push(c);
        }
        Ok(())
    };
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            flush(&mut current, &mut out)?;
        } else if let Some(label) = trimmed.strip_prefix("# label:") {
            flush(&mut current, &mut out)?;
            current = Some(Example {
                text: String::new(),
                labels: labels(label, categories, name, i + 1)?,
                batch: name.to_string(),
                line: i + 1,
                messages: vec![],
            });
        } else if trimmed.starts_with('#') {
            continue;
        } else {
            match current.as_mut() {
                Some(c) => c.messages.push(line.to_string()),
                None => {
                    return Err(DataError {
                        file: name.into(),
                        line: i + 1,
                        why: "a message before any `# label:` line".into(),
                    });
                }
            }
        }
    }
    flush(&mut current, &mut out)?;
    Ok(out)
}

/// Every labelled file under `dir`, in path order: `*.tsv` (messages) and `*.conv`
/// (conversations).
pub fn data_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "tsv" || e == "conv") {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Reads files as [`data_files`] lists them; names are relative to `base` for the record.
pub fn read_files(files: &[PathBuf], base: &Path, categories: &[String]) -> anyhow::Result<Vec<Example>> {
    let mut out = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(file).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
        let name = file.strip_prefix(base).unwrap_or(file).to_string_lossy().replace('\\', "/");
        let mut examples = if file.extension().is_some_and(|e| e == "conv") {
            read_conversations(&name, &text, categories)?
        } else {
            read_tsv(&name, &text, categories)?
        };
        out.append(&mut examples);
    }
    Ok(out)
}

/// What a conversation teaches: the whole of it with its label; for a benign one, each message
/// on its own is a `none` line too.
fn training_texts(examples: &[&Example]) -> Vec<(String, Vec<usize>)> {
    let mut out = Vec::new();
    for e in examples {
        out.push((e.text.clone(), e.labels.clone()));
        if !e.messages.is_empty() && e.labels.is_empty() {
            out.extend(e.messages.iter().map(|m| (m.clone(), vec![])));
        }
    }
    out
}

/// A small, fixed pseudo-random sequence (SplitMix64) for the visiting order.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// Fits one logistic regression per category with FTRL-proximal (per-coordinate learning
/// rates; L1 keeps most weights at zero, so the file stays small).
pub fn fit(settings: &LearnedSettings, categories: &[String], examples: &[&Example]) -> Model {
    // One more output, last: any category at all (risk against none), which pools what every
    // category's lines have in common.
    let categories: Vec<String> = categories.iter().cloned().chain([model::ANY.to_string()]).collect();
    let any = categories.len() - 1;
    let texts: Vec<(String, Vec<usize>)> = training_texts(examples)
        .into_iter()
        .map(|(t, mut l)| {
            if !l.is_empty() {
                l.push(any);
            }
            (t, l)
        })
        .collect();
    let features: Vec<Vec<(u32, f32)>> = texts.iter().map(|(t, _)| model::features(&settings.features, t)).collect();
    let n = categories.len();
    let buckets = settings.features.buckets as usize;
    let t = &settings.training;
    let mut z = vec![0.0f64; buckets * n];
    let mut sq = vec![0.0f64; buckets * n];
    let mut bias_z = vec![0.0f64; n];
    let mut bias_sq = vec![0.0f64; n];
    let weight_of = |z: f64, sq: f64, l1: f64| -> f64 {
        if z.abs() <= l1 { 0.0 } else { -(z - z.signum() * l1) / ((t.beta + sq.sqrt()) / t.alpha + t.l2) }
    };
    let mut order: Vec<usize> = (0..texts.len()).collect();
    let mut rng = SplitMix(t.seed);
    for _ in 0..t.epochs {
        rng.shuffle(&mut order);
        for &i in &order {
            let x = &features[i];
            let labels = &texts[i].1;
            for c in 0..n {
                let mut score = weight_of(bias_z[c], bias_sq[c], 0.0);
                let w: Vec<f64> =
                    x.iter().map(|&(b, _)| weight_of(z[b as usize * n + c], sq[b as usize * n + c], t.l1)).collect();
                for (wi, &(_, v)) in w.iter().zip(x) {
                    score += wi * f64::from(v);
                }
                let p = 1.0 / (1.0 + (-score.clamp(-35.0, 35.0)).exp());
                let positive = labels.contains(&c);
                let g = (p - f64::from(u8::from(positive))) * if positive { t.positive_weight } else { 1.0 };
                for (wi, &(b, v)) in w.iter().zip(x) {
                    let k = b as usize * n + c;
                    let gi = g * f64::from(v);
                    let sigma = ((sq[k] + gi * gi).sqrt() - sq[k].sqrt()) / t.alpha;
                    z[k] += gi - sigma * wi;
                    sq[k] += gi * gi;
                }
                let wb = weight_of(bias_z[c], bias_sq[c], 0.0);
                let sigma = ((bias_sq[c] + g * g).sqrt() - bias_sq[c].sqrt()) / t.alpha;
                bias_z[c] += g - sigma * wb;
                bias_sq[c] += g * g;
            }
        }
    }
    let weights = z.iter().zip(&sq).map(|(&z, &s)| weight_of(z, s, t.l1) as f32).collect();
    let bias = bias_z.iter().zip(&bias_sq).map(|(&z, &s)| weight_of(z, s, 0.0) as f32).collect();
    Model::new(settings.clone(), categories, weights, bias)
}

/// What the model was trained on, for the weights file's header: each file and its lines.
pub fn provenance(examples: &[Example]) -> String {
    let mut by_batch: BTreeMap<&str, usize> = BTreeMap::new();
    for e in examples {
        *by_batch.entry(e.batch.as_str()).or_default() += 1;
    }
    by_batch.iter().map(|(b, n)| format!("{b} ({n})")).collect::<Vec<_>>().join(", ")
}

/// What models that never saw a batch make of it, batch by batch and in all.
#[derive(Debug, Default)]
pub struct HeldOut {
    /// Per batch (file): its messages' report, or its conversations' report.
    pub batches: Vec<(String, Option<Report>, Option<ConversationReport>)>,
    pub messages: Report,
    pub conversations: ConversationReport,
}

/// Scores every batch with a model trained on the others: with `folds`, batches are dealt
/// into that many groups (in path order, round-robin) and each group is held out together,
/// which fits fewer models; without, each batch is held out on its own. `each` sees every
/// fold's model and the examples it never saw (to write their scores, say).
pub fn held_out(
    rules: &RuleSet,
    settings: &LearnedSettings,
    examples: &[Example],
    folds: Option<usize>,
    mut each: impl FnMut(&Model, &[&Example]),
) -> HeldOut {
    let categories: Vec<String> = rules.categories.iter().map(|c| c.id.clone()).collect();
    let mut batches: Vec<&str> = examples.iter().map(|e| e.batch.as_str()).collect();
    batches.sort();
    batches.dedup();
    let folds = folds.unwrap_or(batches.len()).clamp(1, batches.len().max(1));
    let fold_of = |batch: &str| batches.iter().position(|b| *b == batch).unwrap_or(0) % folds;
    let mut out = HeldOut::default();
    for fold in 0..folds {
        let train_on: Vec<&Example> = examples.iter().filter(|e| fold_of(&e.batch) != fold).collect();
        let unseen: Vec<&Example> = examples.iter().filter(|e| fold_of(&e.batch) == fold).collect();
        let model = fit(settings, &categories, &train_on);
        each(&model, &unseen);
        for batch in batches.iter().filter(|b| fold_of(b) == fold) {
            let (convs, lines): (Vec<Example>, Vec<Example>) =
                unseen.iter().filter(|e| e.batch == *batch).map(|e| (*e).clone()).partition(|e| !e.messages.is_empty());
            let messages = (!lines.is_empty()).then(|| super::eval::evaluate(rules, Some(&model), &lines));
            let conversations =
                (!convs.is_empty()).then(|| super::eval::evaluate_conversations(rules, Some(&model), &convs));
            if let Some(m) = &messages {
                out.messages.absorb(m.clone());
            }
            if let Some(c) = &conversations {
                out.conversations.absorb(c.clone());
            }
            out.batches.push((batch.to_string(), messages, conversations));
        }
    }
    out.batches.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cats() -> Vec<String> {
        vec!["suicide".into(), "abuse".into()]
    }

    #[test]
    fn files_are_read_with_their_lines_and_bad_labels_named() {
        let e = read_tsv("a.tsv", "# c\nsuicide\tone\n\nnone\ttwo\nabuse,suicide\tthree\n", &cats()).unwrap();
        assert_eq!(
            e.iter().map(|e| (e.line, e.labels.clone())).collect::<Vec<_>>(),
            [(2, vec![0]), (4, vec![]), (5, vec![1, 0])]
        );
        let err = read_tsv("a.tsv", "sucide\tx\n", &cats()).unwrap_err();
        assert_eq!(err.to_string(), "a.tsv:1: unknown label \"sucide\"");
        assert!(read_tsv("a.tsv", "suicide x\n", &cats()).is_err());
        let c = read_conversations("c.conv", "# label: abuse\nhi\nhe shouts\n\n# label: none\nok\n", &cats()).unwrap();
        assert_eq!(c.len(), 2);
        assert_eq!((c[0].labels.clone(), c[0].messages.len(), c[0].text.as_str()), (vec![1], 2, "hi\nhe shouts"));
        assert!(read_conversations("c.conv", "hello\n", &cats()).is_err());
    }

    #[test]
    fn the_shuffle_is_fixed_by_its_seed() {
        let mut a: Vec<u32> = (0..10).collect();
        let mut b = a.clone();
        SplitMix(7).shuffle(&mut a);
        SplitMix(7).shuffle(&mut b);
        assert_eq!(a, b);
        assert_ne!(a, (0..10).collect::<Vec<_>>());
    }
}
