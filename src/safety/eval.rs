//! Measuring rules on a labelled corpus (`label<TAB>text` lines): recall and precision per
//! category and overall. Labels are category ids (comma-separated for several) or `none`.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::RuleSet;

/// One labelled line and what the rules made of it.
#[derive(Debug, Clone)]
pub struct Case {
    pub line: usize,
    pub labels: Vec<String>,
    pub text: String,
    pub found: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Counts {
    /// Lines labelled with the category.
    pub labelled: usize,
    /// Of those, lines where it was found.
    pub caught: usize,
    /// Lines where it was found.
    pub flagged: usize,
    /// Of those, lines labelled with it.
    pub right: usize,
}

impl Counts {
    pub fn recall(&self) -> f64 {
        ratio(self.caught, self.labelled)
    }

    pub fn precision(&self) -> f64 {
        ratio(self.right, self.flagged)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    pub cases: Vec<Case>,
    pub by_category: BTreeMap<String, Counts>,
    /// Disclosures (lines not labelled `none`) and those with every label found.
    pub disclosures: usize,
    pub disclosures_caught: usize,
    /// Lines with anything found, and those that are disclosures.
    pub flagged_lines: usize,
    pub flagged_disclosures: usize,
    pub negatives: usize,
    /// Problems with the file itself (bad lines).
    pub errors: Vec<String>,
}

impl Report {
    /// Share of disclosures caught with every labelled category.
    pub fn recall(&self) -> f64 {
        ratio(self.disclosures_caught, self.disclosures)
    }

    /// Share of flagged lines that are disclosures.
    pub fn precision(&self) -> f64 {
        ratio(self.flagged_disclosures, self.flagged_lines)
    }

    pub fn missed(&self) -> impl Iterator<Item = &Case> {
        self.cases.iter().filter(|c| !c.labels.is_empty() && !c.labels.iter().all(|l| c.found.contains(l)))
    }

    pub fn false_alarms(&self) -> impl Iterator<Item = &Case> {
        self.cases.iter().filter(|c| c.labels.is_empty() && !c.found.is_empty())
    }

    /// A table for people, then every miss and false alarm.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{:<14} {:>8} {:>7} {:>8} {:>8} {:>10}",
            "category", "labelled", "caught", "recall", "flagged", "precision"
        );
        for (category, c) in &self.by_category {
            let _ = writeln!(
                out,
                "{:<14} {:>8} {:>7} {:>7.1}% {:>8} {:>9.1}%",
                category,
                c.labelled,
                c.caught,
                100.0 * c.recall(),
                c.flagged,
                100.0 * c.precision()
            );
        }
        let _ = writeln!(
            out,
            "{:<14} {:>8} {:>7} {:>7.1}% {:>8} {:>9.1}%",
            "all",
            self.disclosures,
            self.disclosures_caught,
            100.0 * self.recall(),
            self.flagged_lines,
            100.0 * self.precision()
        );
        let alarms = self.false_alarms().count();
        let _ = writeln!(out, "hard negatives: {}, false alarms: {alarms}", self.negatives);
        for c in self.missed() {
            let _ = writeln!(
                out,
                "MISSED line {} [{}] found [{}]: {}",
                c.line,
                c.labels.join(","),
                c.found.join(","),
                c.text
            );
        }
        for c in self.false_alarms() {
            let _ = writeln!(out, "FALSE ALARM line {} found [{}]: {}", c.line, c.found.join(","), c.text);
        }
        for e in &self.errors {
            let _ = writeln!(out, "BAD LINE {e}");
        }
        out
    }
}

/// Runs `rules` over a TSV corpus. Lines starting with `#` and blank lines are skipped.
pub fn evaluate(rules: &RuleSet, tsv: &str) -> Report {
    let mut report = Report::default();
    for c in &rules.categories {
        report.by_category.insert(c.id.clone(), Counts::default());
    }
    for (i, line) in tsv.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((label, text)) = line.split_once('\t') else {
            report.errors.push(format!("{}: no tab between label and text", i + 1));
            continue;
        };
        let labels: Vec<String> =
            if label.trim() == "none" { vec![] } else { label.split(',').map(|l| l.trim().to_string()).collect() };
        if let Some(unknown) = labels.iter().find(|l| !report.by_category.contains_key(*l)) {
            report.errors.push(format!("{}: unknown label {unknown:?}", i + 1));
            continue;
        }
        let found: Vec<String> = rules.check(text).categories().into_iter().map(str::to_string).collect();
        for l in &labels {
            let counts = report.by_category.get_mut(l).expect("checked above");
            counts.labelled += 1;
            counts.caught += usize::from(found.contains(l));
        }
        for f in &found {
            if let Some(counts) = report.by_category.get_mut(f) {
                counts.flagged += 1;
                counts.right += usize::from(labels.contains(f));
            }
        }
        if labels.is_empty() {
            report.negatives += 1;
        } else {
            report.disclosures += 1;
            report.disclosures_caught += usize::from(labels.iter().all(|l| found.contains(l)));
        }
        if !found.is_empty() {
            report.flagged_lines += 1;
            report.flagged_disclosures += usize::from(!labels.is_empty());
        }
        report.cases.push(Case { line: i + 1, labels, text: text.to_string(), found });
    }
    report
}
