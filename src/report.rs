//! The outcome report for a service and its commissioners: cases by referral source and area,
//! time from hand-off to first contact (against the target in working days, by `[urgent]`),
//! first versus latest wellbeing scores, outcomes on closing, and onward referrals by kind, as
//! CSV or Markdown. [`build`] and [`onward`] are pure, on rows the store read; [`outcomes`]
//! reads them and builds.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::directory::{Mapping, OTHER_REFERRAL};
use crate::duty::Duty;
use crate::measures::Measures;
use crate::store::cases::Status;
use crate::store::casework;
use crate::store::outcomes::{CaseRow, ScoreRow};

const DAY_MS: i64 = 86_400_000;
const HOUR_MS: f64 = 3_600_000.0;
/// Areas beyond this many are counted together as "Other places".
const TOP_AREAS: usize = 10;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ReportError {
    #[error("{0:?} is not a date: use YYYY-MM-DD, like 2026-04-01")]
    Date(String),
    #[error("the period ends ({to}) before it starts ({from})")]
    Backwards { from: String, to: String },
    #[error("unknown format {0:?}: use csv or md")]
    Format(String),
}

/// Days from `from` to `to`, both included (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    pub fn parse(from: &str, to: &str) -> Result<Period, ReportError> {
        let date =
            |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| ReportError::Date(s.to_string()));
        let (from, to) = (date(from)?, date(to)?);
        if to < from {
            return Err(ReportError::Backwards { from: from.to_string(), to: to.to_string() });
        }
        Ok(Period { from, to })
    }

    /// Unix milliseconds: the start of `from` and the end of `to` (exclusive).
    pub fn bounds(&self) -> (i64, i64) {
        let start = |d: NaiveDate| d.and_hms_opt(0, 0, 0).map_or(0, |t| t.and_utc().timestamp_millis());
        (start(self.from), start(self.to) + DAY_MS)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Markdown,
}

impl Format {
    pub fn parse(s: &str) -> Result<Format, ReportError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "csv" => Ok(Format::Csv),
            "md" | "markdown" => Ok(Format::Markdown),
            _ => Err(ReportError::Format(s.to_string())),
        }
    }
}

/// Time from hand-off to a link worker's first message.
#[derive(Debug, Clone, PartialEq)]
pub struct FirstContact {
    pub contacted: usize,
    pub not_yet: usize,
    pub median_hours: Option<f64>,
    pub mean_hours: Option<f64>,
    /// Contacted by the time the first reply was due: `target_days` working days after the
    /// hand-off, counted in the service's working time ([`Duty::due`]).
    pub within_target: usize,
    /// The target in working days (`response_days`).
    pub target_days: u32,
}

/// First versus latest score of one item (or an instrument's total), over the cases that have
/// both: the hand-off's (or first check-in's) and a later check-in's.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub measure: String,
    pub item: String,
    pub label: String,
    pub higher_is_better: bool,
    pub cases: usize,
    pub first_mean: f64,
    pub latest_mean: f64,
    pub improved: usize,
    pub same: usize,
    pub worse: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub period: Period,
    pub team: Option<String>,
    pub cases: usize,
    pub by_source: Vec<(String, usize)>,
    pub by_area: Vec<(String, usize)>,
    pub first_contact: FirstContact,
    pub changes: Vec<Change>,
    /// Closed cases by outcome, then those still open (and deleted before closing).
    pub outcomes: Vec<(String, usize)>,
    /// Onward referrals of these cases by kind (its words): every kind the mapping names, then
    /// any it no longer names, then Other; none is 0.
    pub referrals: Vec<(String, usize)>,
}

/// Counts, most first, then by name.
fn tally(keys: impl Iterator<Item = String>) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for k in keys {
        *counts.entry(k).or_default() += 1;
    }
    let mut v: Vec<_> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

/// An area as reports group it: a postcode district as given ("LS6"), a place name in title
/// case ("Hebden Bridge"), or "Not given".
fn area_of(case: &CaseRow) -> String {
    match (case.area.as_deref().map(str::trim).filter(|a| !a.is_empty()), case.area_kind.as_deref()) {
        (None, _) => "Not given".into(),
        (Some(a), Some("district")) => a.to_ascii_uppercase(),
        (Some(a), _) => a
            .split_whitespace()
            .map(|w| {
                let mut c = w.chars();
                c.next().map_or(String::new(), |f| f.to_uppercase().chain(c.flat_map(char::to_lowercase)).collect())
            })
            .collect::<Vec<_>>()
            .join(" "),
    }
}

fn median(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

/// Reads the period's cases and scores and builds the report; first contact is measured
/// against `target_days` working days of `duty`'s working time.
/// Onward referrals are counted by the kinds of `mapping`.
pub async fn outcomes(
    store: &crate::store::Store,
    measures: &Measures,
    mapping: &Mapping,
    period: Period,
    team: Option<&str>,
    duty: &Duty,
    target_days: u32,
) -> Result<Report, crate::store::Error> {
    let (from, to) = period.bounds();
    let cases = crate::store::outcomes::cases(&store.reader, from, to, team).await?;
    let scores = crate::store::outcomes::scores(&store.reader, from, to, team).await?;
    let referred = crate::store::suggestions::referrals_by_kind(&store.reader, from, to, team).await?;
    let mut report = build(period, team, &cases, &scores, measures, duty, target_days);
    report.referrals = onward(mapping, &referred);
    Ok(report)
}

/// Referrals by kind as the report lists them: every kind of `mapping` in its order, then
/// kinds recorded that it no longer names, then Other, each with its count (0 when none), so
/// a service sees each figure is counted.
pub fn onward(mapping: &Mapping, counted: &[(String, i64)]) -> Vec<(String, usize)> {
    let count = |kind: &str| {
        counted.iter().filter(|(k, _)| k == kind).map(|(_, n)| usize::try_from(*n).unwrap_or(0)).sum::<usize>()
    };
    let mut out: Vec<(String, usize)> = mapping.referrals.iter().map(|(id, k)| (k.label.clone(), count(id))).collect();
    let mut gone: Vec<&str> = counted
        .iter()
        .map(|(k, _)| k.as_str())
        .filter(|k| *k != OTHER_REFERRAL && !mapping.referrals.contains_key(*k))
        .collect();
    gone.sort_unstable();
    gone.dedup();
    out.extend(gone.into_iter().map(|k| (mapping.referral_label(k).to_string(), count(k))));
    out.push((mapping.referral_label(OTHER_REFERRAL).to_string(), count(OTHER_REFERRAL)));
    out
}

/// The report of cases and scores already read; a case is contacted within target when its
/// first contact came no later than [`Duty::due`] of its hand-off and `target_days`.
pub fn build(
    period: Period,
    team: Option<&str>,
    cases: &[CaseRow],
    scores: &[ScoreRow],
    measures: &Measures,
    duty: &Duty,
    target_days: u32,
) -> Report {
    let by_source = tally(cases.iter().map(|c| if c.source.is_empty() { "self".into() } else { c.source.clone() }));
    let mut by_area = tally(cases.iter().map(area_of));
    if by_area.len() > TOP_AREAS {
        let rest: usize = by_area.drain(TOP_AREAS..).map(|(_, n)| n).sum();
        by_area.push(("Other places".into(), rest));
    }

    let mut hours: Vec<f64> =
        cases.iter().filter_map(|c| c.first_contact_at.map(|t| (t - c.created_at).max(0) as f64 / HOUR_MS)).collect();
    hours.sort_by(f64::total_cmp);
    let first_contact = FirstContact {
        contacted: hours.len(),
        not_yet: cases.len() - hours.len(),
        median_hours: median(&hours),
        mean_hours: (!hours.is_empty()).then(|| hours.iter().sum::<f64>() / hours.len() as f64),
        within_target: cases
            .iter()
            .filter(|c| c.first_contact_at.is_some_and(|t| t <= duty.due(c.created_at, target_days)))
            .count(),
        target_days,
    };

    let outcomes = {
        let closed = tally(
            cases
                .iter()
                .filter(|c| c.status == Status::Closed)
                .map(|c| casework::outcome_label(c.outcome.as_deref().unwrap_or("")).to_string()),
        );
        let open = cases.iter().filter(|c| c.status.is_open()).count();
        let deleted = cases.iter().filter(|c| c.status == Status::Deleted).count();
        let mut v = closed;
        v.push(("Still open".into(), open));
        // Always a line, so a service sees the figure is counted even when it is none.
        v.push(("Deleted at the young person's request".into(), deleted));
        v
    };

    Report {
        period,
        team: team.map(str::to_string),
        cases: cases.len(),
        by_source,
        by_area,
        first_contact,
        changes: changes(cases, scores, measures),
        outcomes,
        referrals: Vec::new(),
    }
}

/// First and latest scores of one item (or a total), a pair per case that has both.
struct Pairs {
    item: String,
    label: String,
    higher_is_better: bool,
    pairs: Vec<(f64, f64)>,
}

/// The first and the last of at least two, or nothing.
fn first_and_last(v: &[f64]) -> Option<(f64, f64)> {
    match v {
        [first, .., last] => Some((*first, *last)),
        _ => None,
    }
}

/// First versus latest per item, then per total, for every instrument with scores.
fn changes(cases: &[CaseRow], scores: &[ScoreRow], measures: &Measures) -> Vec<Change> {
    // Each case's scores on each measure, oldest first (the rows come in that order), grouped
    // once: a quarter's report reads thousands of cases.
    let mut by_case: BTreeMap<(i64, &str), Vec<&ScoreRow>> = BTreeMap::new();
    for s in scores {
        by_case.entry((s.case_id, s.measure.as_str())).or_default().push(s);
    }
    let mut out = Vec::new();
    for (id, instrument) in &measures.instruments {
        let of_case = |c: &CaseRow| -> &[&ScoreRow] { by_case.get(&(c.id, id.as_str())).map_or(&[], Vec::as_slice) };
        let mut all: Vec<Pairs> = instrument
            .items
            .iter()
            .map(|item| Pairs {
                item: item.id.clone(),
                label: item.label.clone(),
                higher_is_better: item.higher_is_better,
                // Two occasions at least: a hand-off and a check-in, or two check-ins.
                pairs: cases
                    .iter()
                    .filter_map(|c| {
                        let mine: Vec<f64> =
                            of_case(c).iter().filter(|s| s.item == item.id).map(|s| s.score as f64).collect();
                        first_and_last(&mine)
                    })
                    .collect(),
            })
            .collect();
        if let Some(scoring) = &instrument.scoring {
            let pairs = cases
                .iter()
                .filter_map(|c| {
                    let answers: Vec<(Option<i64>, &str, i64)> =
                        of_case(c).iter().map(|s| (s.checkin_id, s.item.as_str(), s.score)).collect();
                    let totals: Vec<f64> = instrument.totals(&answers).into_iter().map(|(_, t)| t).collect();
                    first_and_last(&totals)
                })
                .collect();
            all.push(Pairs { item: "total".into(), label: scoring.label.clone(), higher_is_better: true, pairs });
        }
        for Pairs { item, label, higher_is_better, pairs } in all {
            if pairs.is_empty() {
                continue;
            }
            let n = pairs.len();
            let better = |f: f64, l: f64| if higher_is_better { l > f } else { l < f };
            out.push(Change {
                measure: id.clone(),
                item,
                label,
                higher_is_better,
                cases: n,
                first_mean: pairs.iter().map(|p| p.0).sum::<f64>() / n as f64,
                latest_mean: pairs.iter().map(|p| p.1).sum::<f64>() / n as f64,
                improved: pairs.iter().filter(|(f, l)| better(*f, *l)).count(),
                same: pairs.iter().filter(|(f, l)| f == l).count(),
                worse: pairs.iter().filter(|(f, l)| f != l && !better(*f, *l)).count(),
            });
        }
    }
    out
}

/// `part` of `whole` as a percentage with one decimal; 0 of nothing is 0.
pub fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 { 0.0 } else { (part as f64 * 1000.0 / whole as f64).round() / 10.0 }
}

fn one_decimal(x: f64) -> String {
    format!("{:.1}", x)
}

/// A bar of up to 20 blocks, for Markdown.
fn bar(part: usize, whole: usize) -> String {
    let blocks = if whole == 0 { 0 } else { (part * 20).div_ceil(whole) };
    "█".repeat(blocks)
}

/// A CSV field, quoted when it must be (a comma, quote, CR or LF; quotes doubled); a leading
/// `=`, `+`, `-`, `@`, tab or CR is defused with a `'` so a spreadsheet does not run it as a
/// formula. The outcome report and the audit's CSV both use it.
pub fn field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s }
}

impl Report {
    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Csv => self.csv(),
            Format::Markdown => self.markdown(),
        }
    }

    /// One figure a row: `section,group,figure,value`.
    pub fn csv(&self) -> String {
        let mut out = String::from("section,group,figure,value\n");
        let mut row = |section: &str, group: &str, figure: &str, value: String| {
            let _ = writeln!(out, "{},{},{},{}", field(section), field(group), field(figure), field(&value));
        };
        row("period", "all", "from", self.period.from.to_string());
        row("period", "all", "to", self.period.to.to_string());
        row("period", "all", "team", self.team.clone().unwrap_or_else(|| "all".into()));
        row("cases", "all", "handed_off", self.cases.to_string());
        for (source, n) in &self.by_source {
            row("source", source, "cases", n.to_string());
        }
        for (area, n) in &self.by_area {
            row("area", area, "cases", n.to_string());
        }
        let fc = &self.first_contact;
        row("first_contact", "all", "contacted", fc.contacted.to_string());
        row("first_contact", "all", "not_yet", fc.not_yet.to_string());
        row("first_contact", "all", "median_hours", fc.median_hours.map(one_decimal).unwrap_or_default());
        row("first_contact", "all", "mean_hours", fc.mean_hours.map(one_decimal).unwrap_or_default());
        row("first_contact", "all", &format!("within_{}_days", fc.target_days), fc.within_target.to_string());
        row(
            "first_contact",
            "all",
            &format!("within_{}_days_pct", fc.target_days),
            one_decimal(percent(fc.within_target, fc.contacted)),
        );
        for c in &self.changes {
            let group = format!("{}.{}", c.measure, c.item);
            row("scores", &group, "cases", c.cases.to_string());
            row("scores", &group, "first_mean", format!("{:.2}", c.first_mean));
            row("scores", &group, "latest_mean", format!("{:.2}", c.latest_mean));
            row("scores", &group, "improved", c.improved.to_string());
            row("scores", &group, "same", c.same.to_string());
            row("scores", &group, "worse", c.worse.to_string());
            row("scores", &group, "improved_pct", one_decimal(percent(c.improved, c.cases)));
            row("scores", &group, "same_pct", one_decimal(percent(c.same, c.cases)));
            row("scores", &group, "worse_pct", one_decimal(percent(c.worse, c.cases)));
        }
        for (outcome, n) in &self.outcomes {
            row("outcome", outcome, "cases", n.to_string());
        }
        for (kind, n) in &self.referrals {
            row("referral", kind, "referrals", n.to_string());
        }
        out
    }

    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let team = self.team.as_deref().unwrap_or("all teams");
        let _ = writeln!(out, "# Outcomes: {} to {} ({team})\n", self.period.from, self.period.to);
        let _ = writeln!(out, "Cases handed off: **{}**\n", self.cases);
        counts(&mut out, "By referral source", &self.by_source, self.cases);
        counts(&mut out, "By area", &self.by_area, self.cases);
        let fc = &self.first_contact;
        let hours = |h: Option<f64>| h.map_or("—".to_string(), |h| format!("{} hours", one_decimal(h)));
        let _ = writeln!(out, "## Time from hand-off to first contact\n");
        let _ = writeln!(out, "- Contacted: {} of {} (not yet: {})", fc.contacted, self.cases, fc.not_yet);
        let _ = writeln!(out, "- Median: {}; mean: {}", hours(fc.median_hours), hours(fc.mean_hours));
        let _ = writeln!(
            out,
            "- Within {} working days: {} ({}% of those contacted) {}\n",
            fc.target_days,
            fc.within_target,
            one_decimal(percent(fc.within_target, fc.contacted)),
            bar(fc.within_target, fc.contacted)
        );
        let _ = writeln!(out, "## Wellbeing: first versus latest score\n");
        if self.changes.is_empty() {
            let _ = writeln!(out, "No case has a check-in after its first scores yet.\n");
        } else {
            let _ = writeln!(
                out,
                "| Measure | Item | Cases | First (mean) | Latest (mean) | Improved | Same | Worse |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
            );
            for c in &self.changes {
                let direction = if c.higher_is_better { "" } else { " (lower is better)" };
                let _ = writeln!(
                    out,
                    "| {} | {}{direction} | {} | {:.2} | {:.2} | {}% {} | {}% | {}% |",
                    c.measure,
                    c.label,
                    c.cases,
                    c.first_mean,
                    c.latest_mean,
                    one_decimal(percent(c.improved, c.cases)),
                    bar(c.improved, c.cases),
                    one_decimal(percent(c.same, c.cases)),
                    one_decimal(percent(c.worse, c.cases)),
                );
            }
            let _ = writeln!(out);
        }
        counts(&mut out, "Outcomes", &self.outcomes, self.cases);
        let _ = writeln!(out, "## Onward referrals\n\n| Kind | Referrals |\n| --- | ---: |");
        for (kind, n) in &self.referrals {
            let _ = writeln!(out, "| {} | {n} |", kind.replace('|', "/"));
        }
        let total: usize = self.referrals.iter().map(|(_, n)| n).sum();
        let _ = writeln!(out, "| **All** | **{total}** |\n");
        out
    }
}

/// A Markdown table of counts with their share of `whole` and a bar.
fn counts(out: &mut String, title: &str, rows: &[(String, usize)], whole: usize) {
    let _ = writeln!(out, "## {title}\n\n| | Cases | % | |\n| --- | ---: | ---: | --- |");
    for (k, n) in rows {
        let _ = writeln!(
            out,
            "| {} | {n} | {} | {} |",
            k.replace('|', "/"),
            one_decimal(percent(*n, whole)),
            bar(*n, whole)
        );
    }
    let _ = writeln!(out);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> i64 {
        chrono::DateTime::parse_from_rfc3339(s).unwrap().timestamp_millis()
    }

    fn case(id: i64, created: &str, contacted: Option<&str>) -> CaseRow {
        CaseRow {
            id,
            source: String::new(),
            team: "main".into(),
            area: None,
            area_kind: None,
            status: if contacted.is_some() { Status::InContact } else { Status::Waiting },
            outcome: None,
            created_at: at(created),
            first_contact_at: contacted.map(at),
            closed_at: None,
        }
    }

    #[test]
    fn onward_referrals_list_every_kind_and_other() {
        let options = crate::directory::Options::default();
        let mapping =
            Mapping::parse("[referrals]\nsport = { label = \"Sport\" }\nskills = { label = \"Skills\" }\n", &options)
                .unwrap();
        let counted = [("sport".to_string(), 2), ("retired".to_string(), 1), ("other".to_string(), 3)];
        assert_eq!(
            onward(&mapping, &counted),
            [("Skills".to_string(), 0), ("Sport".into(), 2), ("retired".into(), 1), ("Other".into(), 3)]
        );
        assert_eq!(onward(&mapping, &[]), [("Skills".to_string(), 0), ("Sport".into(), 0), ("Other".into(), 0)]);
        let mut r = build(
            Period::parse("2027-01-01", "2027-01-31").unwrap(),
            None,
            &[],
            &[],
            &Measures { instruments: BTreeMap::new() },
            &Duty::default(),
            2,
        );
        r.referrals = onward(&mapping, &counted);
        assert!(r.csv().contains("referral,Sport,referrals,2\n"), "{}", r.csv());
        assert!(r.csv().contains("referral,Skills,referrals,0\n"));
        assert!(
            r.markdown().contains("| Sport | 2 |") && r.markdown().contains("| **All** | **6** |"),
            "{}",
            r.markdown()
        );
    }

    #[test]
    fn first_contact_is_within_target_in_working_days() {
        let cases = [
            // Friday 10:00 to Monday 10:00: 72 calendar hours, due Tuesday 10:00: within.
            case(1, "2027-01-08T10:00:00Z", Some("2027-01-11T10:00:00Z")),
            // Tuesday 10:00 to Thursday 11:00: due Thursday 10:00, an hour late.
            case(2, "2027-01-12T10:00:00Z", Some("2027-01-14T11:00:00Z")),
            // Thursday before Easter 2027: Good Friday and Easter Monday closed, the clocks
            // forward on the Sunday; due Wednesday 10:00 BST, contacted Tuesday 16:00 BST.
            case(3, "2027-03-25T10:00:00Z", Some("2027-03-30T15:00:00Z")),
            // Saturday: the clock starts Monday 09:00; contacted Wednesday 09:00, just in time.
            case(4, "2027-01-16T11:00:00Z", Some("2027-01-20T09:00:00Z")),
            case(5, "2027-01-18T10:00:00Z", None),
        ];
        let period = Period::parse("2027-01-01", "2027-03-31").unwrap();
        let measures = Measures { instruments: BTreeMap::new() };
        let r = build(period, None, &cases, &[], &measures, &Duty::default(), 2);
        let fc = &r.first_contact;
        assert_eq!((fc.contacted, fc.not_yet, fc.within_target, fc.target_days), (4, 1, 3, 2));
        // Every one of them took more than 48 calendar hours.
        assert!(fc.median_hours.unwrap() > 48.0);
        assert!(r.csv().contains("first_contact,all,within_2_days,3\nfirst_contact,all,within_2_days_pct,75.0\n"));
        assert!(r.markdown().contains("- Within 2 working days: 3 (75.0% of those contacted)"), "{}", r.markdown());
        // Nought days: only a reply at the very start of the clock counts.
        let r = build(period, None, &cases, &[], &measures, &Duty::default(), 0);
        assert_eq!(r.first_contact.within_target, 0);
    }
}
