//! Measuring the whole check (rules, learned tier, context) on labelled data: messages
//! (`label<TAB>text` lines) and conversations (blocks starting `# label: ...`). Labels are
//! category ids (comma-separated for several) or `none`.
//!
//! For each message it counts what a young person would get: a crisis reply, the direct
//! question, a flag for a link worker, or nothing.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use super::train::Example;
use super::{Action, Assessment, Level, Model, RuleSet, assess, context};

/// One labelled line and what the check made of it.
#[derive(Debug, Clone, Serialize)]
pub struct Case {
    pub batch: String,
    pub line: usize,
    pub labels: Vec<String>,
    pub text: String,
    /// Categories found, then the one asked about.
    pub found: Vec<String>,
    pub action: Action,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    /// Lines labelled with the category.
    pub labelled: usize,
    /// Of those, lines where anything at all was raised.
    pub any: usize,
    /// Of those, lines where this category was found or asked about.
    pub caught: usize,
    /// Of those, lines that got the crisis reply or the direct question.
    pub urgent: usize,
    /// Lines where the category was found or asked about.
    pub flagged: usize,
    /// Of those, lines labelled with it.
    pub right: usize,
    /// Whether it is a crisis category.
    pub crisis: bool,
}

impl Counts {
    pub fn recall(&self) -> f64 {
        ratio(self.caught, self.labelled)
    }

    pub fn any_recall(&self) -> f64 {
        ratio(self.any, self.labelled)
    }

    pub fn urgent_recall(&self) -> f64 {
        ratio(self.urgent, self.labelled)
    }

    pub fn precision(&self) -> f64 {
        ratio(self.right, self.flagged)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// The Wilson score interval (95%) for `k` of `n`, as fractions.
pub fn wilson(k: usize, n: usize) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let (k, n, z) = (k as f64, n as f64, 1.96_f64);
    let p = k / n;
    let centre = (p + z * z / (2.0 * n)) / (1.0 + z * z / n);
    let half = z * ((p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt()) / (1.0 + z * z / n);
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub cases: Vec<Case>,
    pub by_category: BTreeMap<String, Counts>,
    /// Disclosures (lines not labelled `none`), those with anything raised, and those with
    /// every labelled category found or asked about.
    pub disclosures: usize,
    pub disclosures_any: usize,
    pub disclosures_caught: usize,
    /// Lines labelled with a crisis category, and those that got the crisis reply or question.
    pub crisis_lines: usize,
    pub crisis_urgent: usize,
    /// Lines with anything raised, and those that are disclosures.
    pub flagged_lines: usize,
    pub flagged_disclosures: usize,
    pub negatives: usize,
    /// Hard negatives that got the crisis reply, or the question.
    pub negatives_crisis: usize,
    pub negatives_asked: usize,
    /// Problems with the file itself (bad lines).
    pub errors: Vec<String>,
}

impl Report {
    fn new(rules: &RuleSet) -> Report {
        let mut report = Report::default();
        for c in &rules.categories {
            report.by_category.insert(c.id.clone(), Counts { crisis: c.level == Level::Crisis, ..Counts::default() });
        }
        report
    }

    /// Share of disclosures with anything raised.
    pub fn any_recall(&self) -> f64 {
        ratio(self.disclosures_any, self.disclosures)
    }

    /// Share of disclosures with every labelled category found or asked about.
    pub fn recall(&self) -> f64 {
        ratio(self.disclosures_caught, self.disclosures)
    }

    /// Share of crisis disclosures that got the crisis reply or the direct question.
    pub fn urgent_recall(&self) -> f64 {
        ratio(self.crisis_urgent, self.crisis_lines)
    }

    /// Share of lines with anything raised that are disclosures.
    pub fn precision(&self) -> f64 {
        ratio(self.flagged_disclosures, self.flagged_lines)
    }

    fn add(&mut self, batch: &str, line: usize, labels: Vec<String>, text: &str, assessment: &Assessment) {
        let found: Vec<String> = assessment.categories().into_iter().map(str::to_string).collect();
        let action = assessment.action();
        let urgent = matches!(action, Action::Crisis | Action::Ask);
        for l in &labels {
            if let Some(counts) = self.by_category.get_mut(l) {
                counts.labelled += 1;
                counts.any += usize::from(action != Action::Nothing);
                counts.caught += usize::from(found.contains(l));
                counts.urgent += usize::from(urgent);
            }
        }
        for f in &found {
            if let Some(counts) = self.by_category.get_mut(f) {
                counts.flagged += 1;
                counts.right += usize::from(labels.contains(f));
            }
        }
        if labels.is_empty() {
            self.negatives += 1;
            self.negatives_crisis += usize::from(action == Action::Crisis);
            self.negatives_asked += usize::from(action == Action::Ask);
        } else {
            self.disclosures += 1;
            self.disclosures_any += usize::from(action != Action::Nothing);
            self.disclosures_caught += usize::from(labels.iter().all(|l| found.contains(l)));
            if labels.iter().any(|l| self.by_category.get(l).is_some_and(|c| c.crisis)) {
                self.crisis_lines += 1;
                self.crisis_urgent += usize::from(urgent);
            }
        }
        if action != Action::Nothing {
            self.flagged_lines += 1;
            self.flagged_disclosures += usize::from(!labels.is_empty());
        }
        self.cases.push(Case { batch: batch.to_string(), line, labels, text: text.to_string(), found, action });
    }

    /// Adds another report's counts and cases to this one's.
    pub fn absorb(&mut self, from: Report) {
        for (category, c) in from.by_category {
            let e = self.by_category.entry(category).or_default();
            e.crisis = c.crisis;
            e.labelled += c.labelled;
            e.any += c.any;
            e.caught += c.caught;
            e.urgent += c.urgent;
            e.flagged += c.flagged;
            e.right += c.right;
        }
        self.disclosures += from.disclosures;
        self.disclosures_any += from.disclosures_any;
        self.disclosures_caught += from.disclosures_caught;
        self.crisis_lines += from.crisis_lines;
        self.crisis_urgent += from.crisis_urgent;
        self.flagged_lines += from.flagged_lines;
        self.flagged_disclosures += from.flagged_disclosures;
        self.negatives += from.negatives;
        self.negatives_crisis += from.negatives_crisis;
        self.negatives_asked += from.negatives_asked;
        self.cases.extend(from.cases);
        self.errors.extend(from.errors);
    }

    pub fn missed(&self) -> impl Iterator<Item = &Case> {
        self.cases.iter().filter(|c| !c.labels.is_empty() && c.action == Action::Nothing)
    }

    pub fn false_alarms(&self) -> impl Iterator<Item = &Case> {
        self.cases.iter().filter(|c| c.labels.is_empty() && c.action != Action::Nothing)
    }

    /// The figures as a table: per category, lines with anything raised (with its 95%
    /// interval), with the right category, with the crisis reply or question; then overall.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{:<14} {:>8} {:>9} {:>15} {:>8} {:>12} {:>8} {:>10}",
            "category", "labelled", "any flag", "95% interval", "right", "crisis/ask", "flagged", "precision"
        );
        let pct = |x: f64| format!("{:.1}%", 100.0 * x);
        for (category, c) in &self.by_category {
            let (lo, hi) = wilson(c.any, c.labelled);
            let urgent = if c.crisis { pct(c.urgent_recall()) } else { "-".into() };
            let _ = writeln!(
                out,
                "{:<14} {:>8} {:>9} {:>15} {:>8} {:>12} {:>8} {:>10}",
                category,
                c.labelled,
                pct(c.any_recall()),
                format!("{:.0}–{:.0}%", 100.0 * lo, 100.0 * hi),
                pct(c.recall()),
                urgent,
                c.flagged,
                pct(c.precision())
            );
        }
        let (lo, hi) = wilson(self.disclosures_any, self.disclosures);
        let _ = writeln!(
            out,
            "{:<14} {:>8} {:>9} {:>15} {:>8} {:>12} {:>8} {:>10}",
            "all",
            self.disclosures,
            pct(self.any_recall()),
            format!("{:.0}–{:.0}%", 100.0 * lo, 100.0 * hi),
            pct(self.recall()),
            pct(self.urgent_recall()),
            self.flagged_lines,
            pct(self.precision())
        );
        let alarms = self.false_alarms().count();
        let _ = writeln!(
            out,
            "hard negatives: {}, false alarms: {alarms} ({} crisis replies, {} questions)",
            self.negatives, self.negatives_crisis, self.negatives_asked
        );
        out
    }

    /// The summary, then every miss and false alarm.
    pub fn to_text(&self) -> String {
        let mut out = self.summary();
        for c in self.missed() {
            let _ = writeln!(out, "MISSED {}:{} [{}]: {}", c.batch, c.line, c.labels.join(","), c.text);
        }
        for c in self.false_alarms() {
            let what = match c.action {
                Action::Crisis => "crisis",
                Action::Ask => "asked",
                Action::Flag | Action::Nothing => "flag",
            };
            let _ = writeln!(out, "FALSE ALARM {}:{} {what} [{}]: {}", c.batch, c.line, c.found.join(","), c.text);
        }
        for e in &self.errors {
            let _ = writeln!(out, "BAD LINE {e}");
        }
        out
    }
}

/// Measures `rules` and `model` on labelled messages.
pub fn evaluate(rules: &RuleSet, model: Option<&Model>, examples: &[Example]) -> Report {
    evaluate_by(rules, examples, |text| assess(rules, model, text))
}

/// Measures a whole check on labelled messages (labels are `rules`' categories).
pub fn evaluate_by(rules: &RuleSet, examples: &[Example], check: impl Fn(&str) -> Assessment) -> Report {
    let mut report = Report::new(rules);
    for e in examples {
        let labels = e.labels.iter().map(|&i| rules.categories[i].id.clone()).collect();
        report.add(&e.batch, e.line, labels, &e.text, &check(&e.text));
    }
    report
}

/// Reads a TSV and measures `rules` and `model` on it; bad lines are reported, not fatal.
pub fn evaluate_tsv(rules: &RuleSet, model: Option<&Model>, name: &str, tsv: &str) -> Report {
    evaluate_tsv_by(rules, name, tsv, |text| assess(rules, model, text))
}

/// Reads a TSV and measures a whole check on it.
pub fn evaluate_tsv_by(rules: &RuleSet, name: &str, tsv: &str, check: impl Fn(&str) -> Assessment) -> Report {
    let categories: Vec<String> = rules.categories.iter().map(|c| c.id.clone()).collect();
    let mut examples = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in tsv.lines().enumerate() {
        match super::train::read_tsv(name, &format!("{line}\n"), &categories) {
            Ok(mut e) => {
                for x in &mut e {
                    x.line = i + 1;
                }
                examples.append(&mut e);
            }
            Err(e) => errors.push(format!("{}: {}", i + 1, e.why)),
        }
    }
    let mut report = evaluate_by(rules, &examples, check);
    report.errors = errors;
    report
}

/// One conversation and when, and with what, it was flagged.
#[derive(Debug, Clone, Serialize)]
pub struct Conversation {
    pub batch: String,
    pub line: usize,
    pub labels: Vec<String>,
    pub messages: usize,
    /// Per raised message: its number (1-based), the categories, the action and whether the
    /// recent messages together raised it.
    pub raised: Vec<Raised>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Raised {
    pub message: usize,
    pub categories: Vec<String>,
    pub action: Action,
    pub from_context: bool,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ConversationReport {
    pub conversations: Vec<Conversation>,
    pub with_risk: usize,
    pub flagged: usize,
    /// Risky conversations flagged only by the context tier.
    pub flagged_by_context: usize,
    pub benign: usize,
    pub false_alarms: usize,
}

impl ConversationReport {
    /// Adds another report's conversations and counts to this one's.
    pub fn absorb(&mut self, from: ConversationReport) {
        self.with_risk += from.with_risk;
        self.flagged += from.flagged;
        self.flagged_by_context += from.flagged_by_context;
        self.benign += from.benign;
        self.false_alarms += from.false_alarms;
        self.conversations.extend(from.conversations);
    }

    pub fn summary_line(&self) -> String {
        format!(
            "conversations: flagged {} of {} with risk, false alarms {} of {}",
            self.flagged, self.with_risk, self.false_alarms, self.benign
        )
    }

    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for c in &self.conversations {
            let label = if c.labels.is_empty() { "none".to_string() } else { c.labels.join(",") };
            let what = match c.raised.first() {
                None => "not flagged".to_string(),
                Some(_) => c
                    .raised
                    .iter()
                    .map(|r| {
                        let action = match r.action {
                            Action::Crisis => "crisis",
                            Action::Ask => "asked",
                            Action::Flag | Action::Nothing => "flag",
                        };
                        let via = if r.from_context { " (context)" } else { "" };
                        format!("message {}: {action} {}{via}", r.message, r.categories.join(","))
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
            };
            let _ = writeln!(out, "{}:{} [{label}] {} messages: {what}", c.batch, c.line, c.messages);
        }
        let _ = writeln!(out, "{}", self.summary_line());
        out
    }
}

/// Plays each conversation a message at a time, as linkup sees it: each message checked on its
/// own, then with the ones before it, with no category raised twice.
pub fn evaluate_conversations(rules: &RuleSet, model: Option<&Model>, examples: &[Example]) -> ConversationReport {
    let mut report = ConversationReport::default();
    for e in examples {
        let mut already: Vec<String> = Vec::new();
        let mut raised = Vec::new();
        let messages: Vec<&str> = e.messages.iter().map(String::as_str).collect();
        for i in 0..messages.len() {
            let mut single = assess(rules, model, messages[i]);
            // As linkup does: a category asked about once is not asked again, only flagged.
            if let Some(u) = single.unsure.take_if(|u| already.contains(&u.category)) {
                single.findings.push(super::Finding {
                    category: u.category,
                    level: Level::Concern,
                    rule: "unsure".into(),
                    matched: u.matched,
                    denial: false,
                    tier: u.tier,
                    score: Some(u.score),
                    recent: None,
                });
            }
            let single_raised = !single.is_empty();
            let together = match model {
                Some(m) => {
                    let taken: Vec<&str> = already.iter().map(String::as_str).collect();
                    context::merge(single, context::assess(m, rules, &messages[..=i], &taken))
                }
                None => single,
            };
            if !together.is_empty() {
                let categories: Vec<String> = together.categories().into_iter().map(str::to_string).collect();
                already.extend(categories.iter().cloned());
                raised.push(Raised {
                    message: i + 1,
                    categories,
                    action: together.action(),
                    from_context: !single_raised,
                });
            }
        }
        let labels: Vec<String> = e.labels.iter().map(|&i| rules.categories[i].id.clone()).collect();
        if labels.is_empty() {
            report.benign += 1;
            report.false_alarms += usize::from(!raised.is_empty());
        } else {
            report.with_risk += 1;
            report.flagged += usize::from(!raised.is_empty());
            report.flagged_by_context +=
                usize::from(!raised.is_empty() && raised.iter().all(|r: &Raised| r.from_context));
        }
        report.conversations.push(Conversation {
            batch: e.batch.clone(),
            line: e.line,
            labels,
            messages: messages.len(),
            raised,
        });
    }
    report
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_wilson_interval_brackets_the_share() {
        let (lo, hi) = super::wilson(90, 100);
        assert!((0.82..0.83).contains(&lo) && (0.94..0.95).contains(&hi), "{lo} {hi}");
        assert_eq!(super::wilson(0, 0), (0.0, 1.0));
        let (lo, hi) = super::wilson(10, 10);
        assert!(lo > 0.69 && hi == 1.0, "{lo} {hi}");
    }
}
