//! Safeguarding: every free-text message is checked for crisis and safeguarding signs before
//! the flow sees it. Rules, the learned model and contacts are data (`flows/safety/`).
//!
//! Tiers, in order: precise rules per language; a learned classifier over the normalised
//! text, which catches wording nobody wrote a rule for; a person's recent messages scored
//! together ([`context`]); and, when unsure, a direct question (the flow's `ask` step).
//!
//! - [`normalise`]: one plain form for the many ways a thing is typed.
//! - [`rules`]: loading and checking a language's rules; [`RuleSet::check`] finds what a
//!   message discloses.
//! - [`model`]: the learned tier's features, weights file and scores.
//! - [`train`]: fitting the learned tier, and scores on whole batches held out.
//! - [`context`]: recent messages scored together.
//! - [`eval`]: recall and precision of everything together, on labelled files.
//! - [`contacts`]: UK crisis contacts with a "last checked" date, and which to give for what.

pub mod contacts;
pub mod context;
pub mod eval;
pub mod model;
pub mod normalise;
pub mod rules;
pub mod train;

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

pub use contacts::Contacts;
pub use rules::{Level, RuleSet};

use crate::problem::{Problem, files_in};
pub use model::Model;

/// Which tier of the check decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// A rule of `flows/safety/<language>.toml`.
    Rules,
    /// The learned classifier, on this message.
    Learned,
    /// The learned classifier, on the person's recent messages together.
    Context,
    /// The young person's answer to a direct safety question.
    Question,
}

impl Tier {
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Rules => "rules",
            Tier::Learned => "learned",
            Tier::Context => "context",
            Tier::Question => "question",
        }
    }
}

/// What one tier found in a message.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub category: String,
    pub level: Level,
    /// The rule's id, or what else decided ("learned", "context", "asked").
    pub rule: String,
    /// The normalised words that raised it (a rule's match; the learned tier's strongest words).
    pub matched: String,
    /// Said as a denial ("I'm not going to hurt myself"): shown to a link worker, gently,
    /// without the full crisis reply.
    pub denial: bool,
    pub tier: Tier,
    /// The learned tier's probability, when it decided.
    pub score: Option<f32>,
    /// The recent messages, one a line, when they were scored together (the context tier).
    pub recent: Option<String>,
}

/// Unsure: between clearly fine and clearly a crisis. The young person is asked directly.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unsure {
    pub category: String,
    pub score: f32,
    pub tier: Tier,
    /// The words that raised it most.
    pub matched: String,
    /// The recent messages, one a line, when they were scored together (the context tier).
    pub recent: Option<String>,
}

/// Everything a message disclosed, most urgent first (category order in the rules file), and
/// what to ask about when unsure.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Assessment {
    pub findings: Vec<Finding>,
    /// Set only when no finding is a crisis.
    pub unsure: Option<Unsure>,
}

impl Assessment {
    /// The crisis to answer now: the first crisis finding that is not a denial.
    pub fn crisis(&self) -> Option<&Finding> {
        self.findings.iter().find(|f| f.level == Level::Crisis && !f.denial)
    }

    /// Nothing found, and nothing to ask about.
    pub fn is_empty(&self) -> bool {
        self.findings.is_empty() && self.unsure.is_none()
    }

    /// Categories found, then the one to ask about.
    pub fn categories(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for c in
            self.findings.iter().map(|f| f.category.as_str()).chain(self.unsure.iter().map(|u| u.category.as_str()))
        {
            if !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }

    /// What a person would call the outcome: a crisis reply, a question, a flag, or nothing.
    pub fn action(&self) -> Action {
        if self.crisis().is_some() {
            Action::Crisis
        } else if self.unsure.is_some() {
            Action::Ask
        } else if !self.findings.is_empty() {
            Action::Flag
        } else {
            Action::Nothing
        }
    }
}

/// The outcome of a check, as evaluation counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Nothing,
    /// Flagged for a link worker (a concern or a denial); the conversation carries on.
    Flag,
    /// The direct question is asked.
    Ask,
    /// The crisis reply at once.
    Crisis,
}

/// Rules per language, the learned tier and contacts: everything the safety check needs.
#[derive(Debug)]
pub struct Safety {
    /// By language subtag ("en").
    pub rules: BTreeMap<String, RuleSet>,
    pub contacts: Contacts,
    /// The learned tier, if the service ships one (`learned.toml` and `learned.bin`).
    pub learned: Option<Model>,
}

impl Safety {
    /// Reads `dir` (`flows/safety`): `contacts.toml` and one `<language>.toml` per language.
    pub fn load(dir: &Path) -> (Safety, Vec<Problem>) {
        let mut problems = Vec::new();
        let mut rules = BTreeMap::new();
        let (contacts, mut contact_problems) = Contacts::load(&dir.join("contacts.toml"));
        problems.append(&mut contact_problems);
        match files_in(dir, "toml") {
            Ok(files) => {
                for file in files.into_iter().filter(|p| !p.ends_with("contacts.toml") && !p.ends_with("learned.toml"))
                {
                    match RuleSet::load(&file) {
                        Ok(set) => {
                            problems.extend(contacts.check_categories(&set));
                            rules.insert(set.language.clone(), set);
                        }
                        Err(mut p) => problems.append(&mut p),
                    }
                }
            }
            Err(e) => problems.push(Problem::new(dir, 0, None, format!("cannot read the safety folder: {e}"))),
        }
        match rules.get("en") {
            Some(english) => problems.extend(rules.values().flat_map(|set| check_language(english, set))),
            None => problems.push(Problem::new(dir, 0, None, "safety rules for English (en.toml) are missing")),
        }
        let (learned, mut learned_problems) = Model::load(dir);
        problems.append(&mut learned_problems);
        if let (Some(model), Some(en)) = (&learned, rules.get("en")) {
            problems.extend(model::check_against(model, en));
        }
        (Safety { rules, contacts, learned }, problems)
    }

    /// The English rules: their categories are every language's, and the learned tier reads
    /// with them.
    pub fn english(&self) -> Option<&RuleSet> {
        self.rules.get("en")
    }

    /// The rules written for a locale's language ("cy-GB" → "cy"), falling back to English.
    pub fn rules_for(&self, locale: &str) -> Option<&RuleSet> {
        let language = locale.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        self.rules.get(&language).or_else(|| self.english())
    }

    /// Checks a message with the rules alone, for a typed button ("2", "done"), which is an
    /// answer rather than words to read. Every language's rules apply, whatever the young
    /// person's locale: young people mix languages, and a phone set to English says nothing
    /// about the language a disclosure is written in.
    pub fn check_rules(&self, text: &str) -> Assessment {
        let Some(english) = self.english() else { return Assessment::default() };
        let mut assessment = english.check(text);
        for set in self.rules.values().filter(|s| s.language != english.language) {
            merge_findings(english, &mut assessment, set.check(text));
        }
        assessment
    }

    /// Checks a message: every language's rules, then the learned tier.
    pub fn check(&self, text: &str) -> Assessment {
        let assessment = self.check_rules(text);
        match (self.english(), &self.learned) {
            (Some(english), Some(model)) => {
                let probabilities = learned_probabilities(english, model, text, true);
                combine(english, model, assessment, &probabilities, text)
            }
            _ => assessment,
        }
    }
}

/// Another language's rules use English's categories, at the same level, and rule ids of
/// their own (a link worker sees which rule matched).
fn check_language(english: &RuleSet, set: &RuleSet) -> Vec<Problem> {
    if set.language == english.language {
        return vec![];
    }
    let mut problems = Vec::new();
    for c in &set.categories {
        match english.category(&c.id) {
            Some(e) if e.level == c.level => {}
            Some(e) => problems.push(Problem::new(
                &set.file,
                0,
                None,
                format!("category \"{}\" is {} here but {} in English", c.id, c.level.as_str(), e.level.as_str()),
            )),
            None => problems.push(Problem::new(
                &set.file,
                0,
                None,
                format!("category \"{}\" is not one of English's (en.toml)", c.id),
            )),
        }
    }
    for r in &set.rules {
        if english.rules.iter().any(|e| e.id == r.id) {
            problems.push(Problem::new(&set.file, r.line, Some(&r.id), "this rule id is also used in en.toml"));
        }
    }
    problems
}

/// Adds another language's findings: per category the plain disclosure over a denial, most
/// urgent first in the English order.
fn merge_findings(english: &RuleSet, into: &mut Assessment, other: Assessment) {
    for finding in other.findings {
        match into.findings.iter_mut().find(|f| f.category == finding.category) {
            Some(existing) if existing.denial && !finding.denial => *existing = finding,
            Some(_) => {}
            None => into.findings.push(finding),
        }
    }
    let rank = |c: &str| english.categories.iter().position(|x| x.id == c).unwrap_or(usize::MAX);
    into.findings.sort_by_key(|f| rank(&f.category));
}

/// One message through the rules and, if there is one, the learned tier.
pub fn assess(rules: &RuleSet, model: Option<&Model>, text: &str) -> Assessment {
    let assessment = rules.check(text);
    match model {
        Some(model) => combine(rules, model, assessment, &learned_probabilities(rules, model, text, true), text),
        None => assessment,
    }
}

/// The category the learned tier finds likeliest, with its index.
pub fn likeliest<'r>(rules: &'r RuleSet, model: &Model, probabilities: &[f32]) -> Option<(usize, &'r rules::Category)> {
    rules
        .categories
        .iter()
        .filter_map(|c| model.index(&c.id).map(|i| (i, c)))
        .max_by(|a, b| probabilities[a.0].total_cmp(&probabilities[b.0]))
}

/// The learned tier's probabilities for `text`, with the rules' everyday idioms blanked first
/// ("this homework is killing me"), per category as the rules do. With `sentences`, the most
/// of the whole and of each sentence, so one worrying sentence in a long answer is not
/// averaged away.
pub fn learned_probabilities(rules: &RuleSet, model: &Model, text: &str, sentences: bool) -> Vec<f32> {
    let mut best = vec![0.0f32; model.categories.len()];
    let pieces: Vec<&str> = text.split(normalise::SENTENCE_ENDS).filter(|p| !p.trim().is_empty()).collect();
    let whole = std::iter::once(text);
    let parts: Vec<&str> = if sentences && pieces.len() > 1 { whole.chain(pieces).collect() } else { whole.collect() };
    for part in parts {
        let plain = normalise::normalise(part);
        let mut masks: Vec<(Option<usize>, Option<String>)> =
            rules.categories.iter().map(|c| model.index(&c.id)).zip(rules.masks(&plain)).collect();
        masks.push((model.index(model::ANY), rules.mask_everywhere(&plain)));
        // Categories often share one masked form: score each form once.
        let mut scored: Vec<(&str, Vec<f32>)> = Vec::new();
        for (index, masked) in &masks {
            let (Some(index), Some(masked)) = (*index, masked.as_deref()) else { continue };
            // What is left when an idiom is blanked out of a short message ("this") says
            // nothing on its own.
            if masked != plain && masked.split_whitespace().count() < 3 {
                continue;
            }
            let p = match scored.iter().find(|(m, _)| *m == masked) {
                Some((_, p)) => p,
                None => {
                    scored.push((masked, model.probabilities(masked)));
                    &scored[scored.len() - 1].1
                }
            };
            best[index] = best[index].max(p[index]);
        }
    }
    best
}

/// Adds what the learned tier says to what the rules found. Rules decide a category they
/// matched (a denial stays a denial); for the others, a probability at the crisis threshold
/// is a crisis, at the ask threshold a question (crisis categories) or a flag (concerns).
/// Pure, so evaluation can pass probabilities from a model that never saw the line.
pub fn combine(
    rules: &RuleSet,
    model: &Model,
    mut assessment: Assessment,
    probabilities: &[f32],
    text: &str,
) -> Assessment {
    let mut unsure: Option<(f32, usize)> = None;
    for category in &rules.categories {
        if assessment.findings.iter().any(|f| f.category == category.id) {
            continue;
        }
        let (Some(index), Some(threshold)) = (model.index(&category.id), model.settings.thresholds.get(&category.id))
        else {
            continue;
        };
        let p = probabilities.get(index).copied().unwrap_or(0.0);
        let crisis = category.level == Level::Crisis;
        let finding = |level| Finding {
            category: category.id.clone(),
            level,
            rule: "learned".into(),
            matched: model.explain(text, index, 4).join(" "),
            denial: false,
            tier: Tier::Learned,
            score: Some(p),
            recent: None,
        };
        if crisis && p >= threshold.crisis {
            assessment.findings.push(finding(Level::Crisis));
        } else if !crisis && p >= threshold.ask {
            assessment.findings.push(finding(Level::Concern));
        } else if crisis && p >= threshold.ask && unsure.is_none_or(|(best, _)| p / threshold.ask > best) {
            unsure = Some((p / threshold.ask, index));
        }
    }
    // Most urgent first, as the rules order them.
    let rank = |c: &str| rules.categories.iter().position(|x| x.id == c).unwrap_or(usize::MAX);
    assessment.findings.sort_by_key(|f| rank(&f.category));
    // Nothing certain, but some risk: ask about (or flag) the likeliest category.
    if unsure.is_none()
        && assessment.findings.is_empty()
        && let Some(any) = model.index(model::ANY)
        && model
            .settings
            .thresholds
            .get(model::ANY)
            .is_some_and(|t| probabilities.get(any).is_some_and(|p| *p >= t.ask))
        && let Some((index, category)) = likeliest(rules, model, probabilities)
    {
        match category.level {
            Level::Crisis => unsure = Some((0.0, index)),
            Level::Concern => assessment.findings.push(Finding {
                category: category.id.clone(),
                level: Level::Concern,
                rule: "learned".into(),
                matched: model.explain(text, index, 4).join(" "),
                denial: false,
                tier: Tier::Learned,
                score: Some(probabilities[any]),
                recent: None,
            }),
        }
    }
    // A denial ("im not going to hurt myself") gets its gentle word, not a question as well.
    if assessment.crisis().is_none()
        && !assessment.findings.iter().any(|f| f.denial)
        && let Some((_, index)) = unsure
    {
        let p = probabilities[index];
        assessment.unsure = Some(Unsure {
            category: model.categories[index].clone(),
            score: p,
            tier: Tier::Learned,
            matched: model.explain(text, index, 4).join(" "),
            recent: None,
        });
    }
    assessment
}
