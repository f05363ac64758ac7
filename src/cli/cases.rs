//! `linkup queue` and `linkup case show`: the link worker's view from the command line.

use std::io::Write;

use serde_json::json;

use crate::conversation::{Content, keys};
use crate::store::{Store, cases, flags, transcript};
use crate::time::now_ms;
use crate::time::{utc, waited};

pub async fn queue(store: &Store, content: &Content, as_json: bool, out: &mut impl Write) -> anyhow::Result<()> {
    let rows = cases::queue(&store.pool).await?;
    let mut open_flags: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for (reference, category) in flags::open_by_reference(&store.pool).await? {
        open_flags.entry(reference).or_default().push(category);
    }
    let flags_of = |reference: &str| open_flags.get(reference).cloned().unwrap_or_default();
    if as_json {
        let rows: Vec<serde_json::Value> = rows
            .iter()
            .map(|r| {
                let mut v = serde_json::to_value(r).unwrap_or_default();
                v["flags"] = json!(flags_of(&r.reference));
                v
            })
            .collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)?;
        return Ok(());
    }
    if rows.is_empty() {
        writeln!(out, "The queue is empty.")?;
        return Ok(());
    }
    let now = now_ms();
    writeln!(
        out,
        "{:<8}  {:<6}  {:<22}  {:<11}  {:>7}  {:<8}  {:<12}  ON THEIR MIND",
        "REF", "URGENT", "FLAGS", "STATUS", "WAITED", "AGE", "AREA"
    )?;
    for r in rows {
        let age = r
            .age_band
            .as_deref()
            .map(|a| content.option_label(&r.flow, keys::AGE_BAND, a))
            .unwrap_or_else(|| "—".into());
        writeln!(
            out,
            "{:<8}  {:<6}  {:<22}  {:<11}  {:>7}  {:<8}  {:<12}  {}",
            r.reference,
            if r.urgent != 0 { "URGENT" } else { "" },
            truncate(&flags_of(&r.reference).join(","), 22),
            if r.unreachable != 0 { "UNREACHABLE" } else { r.status.as_str() },
            waited(now - r.created_at),
            age,
            truncate(r.area.as_deref().unwrap_or("—"), 12),
            content.option_labels(&r.flow, keys::TOPICS, &r.topics),
        )?;
    }
    Ok(())
}

/// Prints a case; false if there is none with that reference.
pub async fn show(
    store: &Store,
    content: &Content,
    reference: &str,
    as_json: bool,
    out: &mut impl Write,
) -> anyhow::Result<bool> {
    let reference = reference.trim().to_uppercase();
    let Some(case) = cases::by_reference(&store.pool, &reference).await? else {
        return Ok(false);
    };
    let scores = cases::scores(&store.pool, case.id).await?;
    let messages = transcript::for_person(&store.pool, case.person_id).await?;
    let case_flags = flags::for_case(&store.pool, case.id).await?;
    if as_json {
        let value = json!({ "case": case, "scores": scores, "flags": case_flags, "transcript": messages });
        writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
        return Ok(true);
    }
    let flow = case.flow.as_str();
    let one = |key: &str, v: &Option<String>| {
        v.as_deref().map(|v| content.option_label(flow, key, v)).unwrap_or_else(|| "—".into())
    };
    let text = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
    writeln!(out, "Case {}  ·  {}{}", case.reference, case.status, if case.urgent != 0 { "  ·  URGENT" } else { "" })?;
    if let Some(at) = case.erased_at {
        writeln!(out, "Deleted at the young person's request on {}. No content is kept.", utc(at))?;
        if case_flags.iter().any(|f| f.cleared_at.is_none()) {
            writeln!(out, "It had an open safeguarding flag when it was deleted (the words are gone).")?;
        }
    }
    if !case_flags.is_empty() {
        writeln!(out, "Safeguarding flags:")?;
        for f in &case_flags {
            let kind = if f.denial != 0 { format!("{}, said as a denial", f.level) } else { f.level.clone() };
            writeln!(
                out,
                "  {} {} ({kind}) at step {}: {}",
                utc(f.created_at),
                f.category,
                f.step.as_deref().unwrap_or("—"),
                f.how()
            )?;
            writeln!(out, "    words: \"{}\"", crate::channel::terminal::printable(&f.words))?;
            if let Some(at) = f.cleared_at {
                writeln!(
                    out,
                    "    cleared {} by {}: {}",
                    utc(at),
                    f.cleared_by.as_deref().unwrap_or("?"),
                    f.clear_note.as_deref().unwrap_or("")
                )?;
            }
        }
    }
    if case.partial != 0 {
        writeln!(
            out,
            "Handed off early: before the end of the questions (they asked for a person, or a safeguarding flag opened the case)."
        )?;
    }
    writeln!(out, "Came via:        {}", case.source)?;
    writeln!(out, "Handed off:      {} (waited {})", utc(case.created_at), waited(now_ms() - case.created_at))?;
    writeln!(out, "Call them:       {}", text(&case.preferred_name))?;
    writeln!(out, "Age band:        {}", one(keys::AGE_BAND, &case.age_band))?;
    let area_kind = match case.area_kind.as_deref() {
        Some("district") => " (postcode district)",
        Some("place") => " (school, college or place)",
        _ => "",
    };
    writeln!(out, "Area:            {}{area_kind}", text(&case.area))?;
    writeln!(out, "On their mind:   {}", content.option_labels(flow, keys::TOPICS, &case.topics))?;
    writeln!(out, "What matters to them, in their words:")?;
    for line in text(&case.what_matters).lines() {
        writeln!(out, "  │ {}", crate::channel::terminal::printable(line))?;
    }
    writeln!(out, "Interests:       {}", content.option_labels(flow, keys::INTERESTS, &case.interests))?;
    writeln!(out, "What would help: {}", content.option_labels(flow, keys::HELP, &case.help))?;
    writeln!(
        out,
        "Contact:         {}{}; {}",
        one(keys::CONTACT_METHOD, &case.contact_method),
        case.phone.as_deref().map(|p| format!(" on {p}")).unwrap_or_default(),
        content.option_labels(flow, keys::CONTACT_TIMES, &case.contact_times)
    )?;
    writeln!(out, "Consent to share: {}", case.consent())?;
    if !scores.is_empty() {
        writeln!(out, "Wellbeing:")?;
        for s in &scores {
            let name = content
                .measures
                .instruments
                .get(&s.measure)
                .and_then(|i| i.item(&s.item))
                .map(|i| i.label.clone())
                .unwrap_or_else(|| format!("{}.{}", s.measure, s.item));
            writeln!(
                out,
                "  {:<28} {:>2}/10  {}  ({})",
                name,
                s.score,
                s.band.as_deref().unwrap_or("—"),
                utc(s.recorded_at)
            )?;
        }
    }
    writeln!(out, "Transcript:")?;
    for m in &messages {
        let who = if m.direction == "in" { "young person" } else { "linkup" };
        let body = m.shown();
        let mut lines = body.lines();
        let first = lines.next().unwrap_or_default();
        writeln!(out, "  {} {:<12} {}", utc(m.created_at), who, crate::channel::terminal::printable(first))?;
        for line in lines {
            writeln!(out, "  {:16} {:<12} {}", "", "", crate::channel::terminal::printable(line))?;
        }
    }
    Ok(true)
}

/// Clears a case's flags and urgent mark. A note is required; exits 1 without one.
pub async fn clear_urgent(
    store: &Store,
    reference: &str,
    by: &str,
    note: &str,
    out: &mut impl Write,
) -> anyhow::Result<i32> {
    let reference = reference.trim().to_uppercase();
    if note.trim().len() < 5 || by.trim().is_empty() {
        eprintln!("Clearing a safeguarding flag needs who decided (--by) and a note saying why (--note).");
        return Ok(1);
    }
    let Some(case) = cases::by_reference(&store.pool, &reference).await? else {
        eprintln!("No case with reference {reference}.");
        return Ok(1);
    };
    let cleared = flags::clear(&store.pool, case.id, by.trim(), note.trim(), now_ms()).await?;
    tracing::info!(reference = %reference, cleared, "safeguarding flags cleared by a link worker");
    writeln!(out, "Cleared {cleared} flag(s) on {reference}; it is no longer urgent.")?;
    Ok(0)
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n { s.to_string() } else { format!("{}…", s.chars().take(n - 1).collect::<String>()) }
}
