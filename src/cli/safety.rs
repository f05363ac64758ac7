//! `linkup safety check|eval|train`: for service leads testing their rules and model.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

use crate::conversation::Content;
use crate::safety::model;
use crate::safety::train::{self, Example};
use crate::safety::{Action, RuleSet, eval, learned_probabilities};

/// Prints what `text` would raise, one finding a line, with the tier, rule and score.
pub fn check(content: &Content, text: &str, out: &mut impl Write) -> anyhow::Result<()> {
    let assessment = content.safety.check(text);
    writeln!(out, "normalised: \"{}\"", crate::safety::normalise::normalise(text).trim())?;
    if assessment.is_empty() {
        writeln!(out, "no signs found")?;
    }
    let score = |s: Option<f32>| s.map(|s| format!("\tscore {s:.2}")).unwrap_or_default();
    for f in &assessment.findings {
        let what = if f.denial { format!("{} (denial)", f.level.as_str()) } else { f.level.as_str().to_string() };
        writeln!(
            out,
            "{}\t{}\t{} {}\tmatched \"{}\"{}",
            f.category,
            what,
            if f.tier == crate::safety::Tier::Rules { "rule" } else { "tier" },
            if f.tier == crate::safety::Tier::Rules { f.rule.as_str() } else { f.tier.as_str() },
            f.matched,
            score(f.score)
        )?;
    }
    if let Some(u) = &assessment.unsure {
        writeln!(
            out,
            "{}\tunsure\ttier {}\tmatched \"{}\"{}",
            u.category,
            u.tier.as_str(),
            u.matched,
            score(Some(u.score))
        )?;
    }
    if let (Some(model), Some(rules)) = (&content.safety.learned, content.safety.english()) {
        let p = crate::safety::learned_probabilities(rules, model, text, true);
        let all: Vec<String> = model.categories.iter().zip(&p).map(|(c, p)| format!("{c} {p:.2}")).collect();
        writeln!(out, "learned tier: {}", all.join(", "))?;
    }
    match assessment.action() {
        Action::Crisis => {
            let category = assessment.crisis().map(|f| f.category.as_str()).unwrap_or_default();
            writeln!(out, "→ crisis reply for {category}; the case goes to the top of the queue")?;
        }
        Action::Ask => {
            let category = assessment.unsure.as_ref().map(|u| u.category.as_str()).unwrap_or_default();
            writeln!(out, "→ unsure: the direct question about {category}; a yes is a crisis")?;
        }
        Action::Flag => writeln!(out, "→ flagged for a link worker; the conversation carries on")?,
        Action::Nothing => {}
    }
    Ok(())
}

/// Prints recall and precision on a labelled TSV file, or on conversations. Returns 1 if the
/// file has bad lines.
pub fn evaluate(
    content: &Content,
    file: &Path,
    conversations: bool,
    json: bool,
    out: &mut impl Write,
) -> anyhow::Result<i32> {
    let text = std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let rules = content.safety.english().context("no safety rules loaded")?;
    let model = content.safety.learned.as_ref();
    let name = file.display().to_string();
    if conversations {
        let examples = train::read_conversations(&name, &text, &categories(rules))?;
        let report = eval::evaluate_conversations(rules, model, &examples);
        if json {
            writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
        } else {
            write!(out, "{}", report.to_text())?;
        }
        return Ok(0);
    }
    // Messages go through the check as a conversation runs it: every language's rules, then
    // the learned tier.
    let report = eval::evaluate_tsv_by(rules, &name, &text, |t| content.safety.check(t));
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
    } else {
        write!(out, "{}", report.to_text())?;
    }
    Ok(if report.errors.is_empty() { 0 } else { 1 })
}

fn categories(rules: &RuleSet) -> Vec<String> {
    rules.categories.iter().map(|c| c.id.clone()).collect()
}

/// Options of `linkup safety train`.
pub struct Train {
    /// Labelled files or folders (default: `tests/safety`).
    pub data: Vec<PathBuf>,
    /// Where the weights go (default: `learned.bin` beside `learned.toml`).
    pub out: Option<PathBuf>,
    /// Also fit one model per batch held out, and print what they score on it.
    pub held_out: bool,
    /// Where to write every line's held-out probabilities (for choosing thresholds).
    pub scores: Option<PathBuf>,
    /// Hold batches out in this many groups instead of one at a time (fewer models to fit).
    pub folds: Option<usize>,
}

/// Fits the learned tier on every labelled file and writes its weights; with `held_out`,
/// prints the figures of models that never saw each batch.
pub fn train(flows_dir: &Path, options: Train, out: &mut impl Write) -> anyhow::Result<i32> {
    let safety_dir = flows_dir.join("safety");
    let rules = RuleSet::load(&safety_dir.join("en.toml")).map_err(|p| {
        anyhow::anyhow!(
            "the English rules have problems:\n{}",
            p.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
        )
    })?;
    let settings_file = safety_dir.join("learned.toml");
    let settings = model::read_settings(&settings_file).map_err(|p| {
        anyhow::anyhow!(
            "{} has problems:\n{}",
            settings_file.display(),
            p.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
        )
    })?;
    let data = if options.data.is_empty() { vec![PathBuf::from("tests/safety")] } else { options.data };
    let mut files = Vec::new();
    for path in &data {
        if path.is_dir() {
            files.extend(train::data_files(path).with_context(|| format!("reading {}", path.display()))?);
        } else {
            files.push(path.clone());
        }
    }
    if files.is_empty() {
        bail!(
            "no labelled files (*.tsv, *.conv) in {}",
            data.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
        );
    }
    let base = std::env::current_dir().unwrap_or_default();
    let categories = categories(&rules);
    let examples = train::read_files(&files, &base, &categories)?;
    let lines = examples.iter().filter(|e| e.messages.is_empty()).count();
    writeln!(out, "training on {} files: {lines} lines and {} conversations", files.len(), examples.len() - lines)?;
    let all: Vec<&Example> = examples.iter().collect();
    let fitted = train::fit(&settings, &categories, &all).with_trained_on(train::provenance(&examples));
    let target = options.out.unwrap_or_else(|| safety_dir.join("learned.bin"));
    let bytes = fitted.to_bytes();
    std::fs::write(&target, &bytes).with_context(|| format!("writing {}", target.display()))?;
    writeln!(out, "wrote {} ({} bytes, {} non-zero weights)", target.display(), bytes.len(), fitted.nonzero_weights())?;
    if options.held_out || options.scores.is_some() {
        let scores = match &options.scores {
            Some(p) => Some(std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?),
            None => None,
        };
        held_out(&rules, &settings, &examples, options.folds, scores, out)?;
    }
    Ok(0)
}

/// Each batch scored by a model trained on all the others: per batch, then in all; and, with
/// `scores`, every line's held-out probabilities.
fn held_out(
    rules: &RuleSet,
    settings: &model::LearnedSettings,
    examples: &[Example],
    folds: Option<usize>,
    mut scores: Option<std::fs::File>,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let categories: Vec<String> = rules.categories.iter().map(|c| c.id.clone()).collect();
    let mut written: std::io::Result<()> = Ok(());
    if let Some(file) = scores.as_mut() {
        written = writeln!(file, "batch\tline\tkind\tlabels\trules\t{}\t{}", categories.join("\t"), model::ANY);
    }
    let result = train::held_out(rules, settings, examples, folds, |model, unseen| {
        if let (Some(file), Ok(())) = (scores.as_mut(), &written) {
            written = write_scores(file, rules, model, settings, &categories, unseen);
        }
    });
    written.context("writing the scores")?;
    for (batch, messages, conversations) in &result.batches {
        if let Some(r) = messages {
            writeln!(
                out,
                "held out {batch}: any flag {:.1}% of {}, crisis reply or question {:.1}%, precision {:.1}%",
                100.0 * r.any_recall(),
                r.disclosures,
                100.0 * r.urgent_recall(),
                100.0 * r.precision()
            )?;
        }
        if let Some(c) = conversations {
            writeln!(out, "held out {batch}: {}", c.summary_line())?;
        }
    }
    let how = match folds {
        Some(k) => format!("batches held out in {k} groups"),
        None => "every batch held out in turn".to_string(),
    };
    writeln!(out, "\n{how} (messages):\n{}", result.messages.summary())?;
    writeln!(out, "{how}: {}", result.conversations.summary_line())?;
    Ok(())
}

/// A line once; a conversation as each message, and each window of recent messages ending
/// there, as the context tier sees them; with what the rules found ("!" a crisis, "~" a denial).
fn write_scores(
    file: &mut std::fs::File,
    rules: &RuleSet,
    model: &model::Model,
    settings: &model::LearnedSettings,
    categories: &[String],
    unseen: &[&Example],
) -> std::io::Result<()> {
    for e in unseen {
        let labels: Vec<&str> = e.labels.iter().map(|&i| categories[i].as_str()).collect();
        let labels = if labels.is_empty() { "none".to_string() } else { labels.join(",") };
        let mut rows: Vec<(String, String, Vec<f32>)> = Vec::new();
        if e.messages.is_empty() {
            rows.push(("line".into(), e.text.clone(), learned_probabilities(rules, model, &e.text, true)));
        } else {
            for i in 0..e.messages.len() {
                let m = &e.messages[i];
                rows.push((format!("m{}", i + 1), m.clone(), learned_probabilities(rules, model, m, true)));
                let from = (i + 1).saturating_sub(settings.context_messages);
                let window = e.messages[from..=i].join("\n");
                rows.push((format!("w{}", i + 1), String::new(), learned_probabilities(rules, model, &window, false)));
            }
        }
        for (kind, text, p) in rows {
            let found: Vec<String> = rules
                .check(&text)
                .findings
                .iter()
                .map(|f| {
                    let mark = if f.denial {
                        "~"
                    } else if f.level == crate::safety::Level::Crisis {
                        "!"
                    } else {
                        ""
                    };
                    format!("{}{mark}", f.category)
                })
                .collect();
            let p: Vec<String> = p.iter().map(|x| format!("{x:.4}")).collect();
            writeln!(file, "{}\t{}\t{kind}\t{labels}\t{}\t{}", e.batch, e.line, found.join(","), p.join("\t"))?;
        }
    }
    Ok(())
}
