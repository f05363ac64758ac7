//! `linkup safety check` and `linkup safety eval`: for service leads testing their rules.

use std::io::Write;
use std::path::Path;

use anyhow::Context as _;

use crate::conversation::Content;
use crate::safety::eval;

/// Prints what `text` would raise, one finding a line, and which rule matched.
pub fn check(content: &Content, locale: &str, text: &str, out: &mut impl Write) -> anyhow::Result<()> {
    let assessment = content.safety.check(locale, text);
    if assessment.is_empty() {
        writeln!(out, "no signs found")?;
    }
    for f in &assessment.findings {
        let what = if f.denial { format!("{} (denial)", f.level.as_str()) } else { f.level.as_str().to_string() };
        writeln!(out, "{}\t{}\trule {}\tmatched \"{}\"", f.category, what, f.rule, f.matched)?;
    }
    if let Some(crisis) = assessment.crisis() {
        writeln!(out, "→ crisis reply for {}; the case goes to the top of the queue", crisis.category)?;
    } else if !assessment.is_empty() {
        writeln!(out, "→ flagged for a link worker; the conversation carries on")?;
    }
    Ok(())
}

/// Prints recall and precision on a labelled TSV file. Returns 1 if the file has bad lines.
pub fn evaluate(content: &Content, locale: &str, file: &Path, out: &mut impl Write) -> anyhow::Result<i32> {
    let tsv = std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let rules = content.safety.rules_for(locale).context("no safety rules loaded")?;
    let report = eval::evaluate(rules, &tsv);
    write!(out, "{}", report.to_text())?;
    Ok(if report.errors.is_empty() { 0 } else { 1 })
}
