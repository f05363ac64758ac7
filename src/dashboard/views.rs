//! What the templates show: page structs (askama, HTML-escaped) and rows made readable from
//! the store's records.

use askama::Template;

use super::auth::Signed;
use crate::conversation::Content;
use crate::display::visible;
use crate::duty::Deadline;
use crate::store::casework::{self, QueueItem};
use crate::time::{Zone, waited};

/// The signed-in worker, for the header.
pub struct Nav {
    pub name: String,
    pub team: String,
    pub role: String,
    pub csrf: String,
    pub leads: bool,
}

impl Nav {
    pub fn of(signed: &Signed) -> Nav {
        let w = &signed.worker;
        Nav {
            name: w.name.clone(),
            team: w.team.clone(),
            role: w.role.as_str().to_string(),
            csrf: signed.csrf.clone(),
            leads: w.role.leads(),
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub nav: Option<Nav>,
    pub message: String,
}

#[derive(Template)]
#[template(path = "login.html")]
pub struct LoginPage {
    pub nav: Option<Nav>,
    pub csrf: String,
    pub email: String,
    pub error: Option<String>,
}

pub const STATUSES: &[(&str, &str)] = &[
    ("open", "Open (not closed)"),
    ("waiting", "Waiting"),
    ("claimed", "Claimed"),
    ("in_contact", "In contact"),
    ("closed", "Closed"),
    ("deleted", "Deleted at their request"),
    ("all", "All"),
];

#[derive(Template)]
#[template(path = "queue.html")]
pub struct QueuePage {
    pub nav: Option<Nav>,
    pub statuses: Vec<(String, String)>,
    pub status: String,
    pub mine: bool,
    pub search: String,
    pub urgent_only: bool,
    pub area: String,
    pub unassigned: bool,
    pub sorts: Vec<(String, String)>,
    pub sort: String,
    /// Any find or filter is on (the box opens to show it).
    pub filtered: bool,
    pub team: String,
    pub teams: Vec<String>,
    pub target: String,
    pub query: String,
    pub rows: Vec<Row>,
    /// Every open urgent case's reference, whatever the filters (for the alerts).
    pub urgent_all: String,
    pub csrf: String,
}

#[derive(Template)]
#[template(path = "queue_rows.html")]
pub struct QueueRows {
    pub rows: Vec<Row>,
    pub csrf: String,
}

/// A queue row, ready to show.
pub struct Row {
    pub reference: String,
    pub urgent: bool,
    pub flags: String,
    pub name: String,
    pub age: String,
    pub area: String,
    pub source: String,
    pub topics: String,
    pub waited: String,
    pub overdue: bool,
    /// The target for a first reply is close.
    pub due_soon: bool,
    pub status: String,
    pub claimed_by: String,
    pub claimable: bool,
    pub unreachable: bool,
    pub paused: bool,
    pub deleted: bool,
    /// Nothing to show yet: no name, age or area (handed off early).
    pub no_details: bool,
    pub new_message: bool,
}

impl Row {
    /// `deadline`: where the case stands against the target for a first reply.
    pub fn of(item: &QueueItem, flags: Vec<&str>, content: &Content, deadline: Deadline, now: i64) -> Row {
        let flow = item.flow.as_str();
        let dash = |v: &Option<String>| v.clone().filter(|s| !s.is_empty()).unwrap_or_else(|| "—".into());
        let waiting = now - item.created_at;
        Row {
            reference: item.reference.clone(),
            urgent: item.urgent != 0,
            flags: flags.join(", "),
            name: visible(&dash(&item.preferred_name)),
            age: item
                .age_band
                .as_deref()
                .map(|a| content.option_label(flow, crate::conversation::keys::AGE_BAND, a))
                .unwrap_or_else(|| "—".into()),
            area: visible(&dash(&item.area)),
            source: item.source.clone(),
            topics: content.option_labels(flow, crate::conversation::keys::TOPICS, &item.topics),
            waited: waited(waiting),
            // The target is for a first reply: it matters until someone is in contact.
            overdue: item.status.awaits_contact() && deadline == Deadline::Overdue,
            due_soon: item.status.awaits_contact() && deadline == Deadline::DueSoon,
            status: item.status.label().to_string(),
            claimed_by: item.claimed_by_name.clone().unwrap_or_default(),
            claimable: item.claimed_by.is_none() && item.status.is_open(),
            unreachable: item.unreachable != 0,
            paused: item.paused_at.is_some(),
            deleted: item.erased_at.is_some(),
            no_details: [&item.preferred_name, &item.age_band, &item.area]
                .iter()
                .all(|v| v.as_deref().is_none_or(|s| s.trim().is_empty())),
            new_message: item
                .last_inbound_message
                .is_some_and(|m| item.worker_seen_message.is_none_or(|seen| m > seen)),
        }
    }
}

#[derive(Template)]
#[template(path = "case.html")]
pub struct CasePage {
    pub nav: Option<Nav>,
    pub csrf: String,
    pub flash: Option<String>,
    pub c: CaseView,
    pub first_name: String,
    pub flags: Vec<FlagView>,
    pub shared: Vec<(String, String)>,
    pub scores: Vec<ScoreView>,
    /// Scores over time (the hand-off's, then each finished check-in's), as the chart shows.
    pub checkins: Vec<CheckinView>,
    /// Reminders: whether the young person opted in, and where the schedule is.
    pub schedule: String,
    pub messages: Vec<MessageView>,
    pub notes: Vec<NoteView>,
    pub events: Vec<EventView>,
    pub outcomes: Vec<(String, String)>,
    pub reassign_to: Vec<(i64, String)>,
    pub audit: Vec<AuditView>,
    pub activities: super::activities::ActivitiesView,
}

pub struct CaseView {
    pub reference: String,
    pub status_label: String,
    pub urgent: bool,
    pub team: String,
    pub created: String,
    pub waited: String,
    pub claimed_by: String,
    pub outcome: String,
    pub deleted: bool,
    pub erased: String,
    pub had_open_flag: bool,
    pub consent_withdrawn: bool,
    pub consent_withdrawn_at: String,
    pub unreachable: bool,
    pub paused: bool,
    pub claimable: bool,
    pub releasable: bool,
    pub can_message: bool,
    pub closed: bool,
    /// Holds the case or leads: may clear the urgent mark, reopen and release.
    pub decides: bool,
}

pub struct FlagView {
    pub category: String,
    pub level: String,
    pub at: String,
    pub step: String,
    /// Which tier raised it and how (see `Flag::how`).
    pub how: String,
    pub words: String,
    pub open: bool,
    pub cleared: String,
}

/// One occasion's scores: "Life satisfaction 6 · Happy yesterday 5".
pub struct CheckinView {
    pub at: String,
    pub what: String,
    pub scores: String,
}

pub struct ScoreView {
    pub question: String,
    pub score: i64,
    pub band: String,
    pub at: String,
}

#[derive(Template)]
#[template(path = "conversation.html")]
pub struct Conversation {
    pub messages: Vec<MessageView>,
}

pub struct MessageView {
    /// The transcript entry's id, which the page's refresh asks from.
    pub id: i64,
    pub class: String,
    pub who: String,
    pub at: String,
    pub body: String,
    /// A link worker's message: queued, sent, failed or unreachable.
    pub state: String,
}

pub struct NoteView {
    pub at: String,
    pub worker: String,
    pub body: String,
}

pub struct EventView {
    pub at: String,
    pub what: String,
    pub worker: String,
    pub note: String,
}

impl EventView {
    pub fn of(e: &casework::Event, zone: Zone) -> EventView {
        let what = match (e.kind.as_str(), &e.outcome) {
            ("closed", Some(o)) => format!("Closed: {}", casework::outcome_label(o)),
            ("claimed", _) => "Claimed".into(),
            ("released", _) => "Released to the queue".into(),
            ("reassigned", _) => "Reassigned".into(),
            ("in_contact", _) => "In contact (first message sent)".into(),
            ("reopened", _) => "Reopened".into(),
            ("urgent_cleared", _) => "Urgent mark cleared".into(),
            (other, _) => other.to_string(),
        };
        EventView {
            at: zone.at(e.at),
            what,
            worker: e.worker.clone().unwrap_or_default(),
            note: visible(&e.note.clone().unwrap_or_default()),
        }
    }
}

pub struct AuditView {
    pub at: String,
    pub worker: String,
    pub reference: String,
    pub action: String,
    pub detail: String,
}

impl AuditView {
    pub fn of(a: &casework::AuditEntry, zone: Zone) -> AuditView {
        AuditView {
            at: zone.at(a.at),
            worker: match (&a.worker, &a.reference) {
                (Some(w), _) => w.clone(),
                (None, Some(_)) => "the young person".into(),
                (None, None) => "the command line".into(),
            },
            reference: a.reference.clone().unwrap_or_default(),
            action: a.action.clone(),
            // An outcome id ("not_needed") as a link worker reads it.
            detail: if a.action == "closed" {
                casework::outcome_label(&a.detail).to_string()
            } else {
                visible(&a.detail)
            },
        }
    }
}

#[derive(Template)]
#[template(path = "audit.html")]
pub struct AuditPage {
    pub nav: Option<Nav>,
    pub team: String,
    /// The service's time zone, which the days and times are in.
    pub zone: String,
    /// The filters as asked (shown again in the form; the worker is in `workers`).
    pub case: String,
    pub from: String,
    pub to: String,
    /// The workers the lead can filter by.
    pub workers: Vec<WorkerChoice>,
    /// How many entries match, and how many of them are shown.
    pub total: i64,
    pub limit: usize,
    /// More match than the page shows.
    pub more: bool,
    pub csv_link: String,
    pub error: Option<String>,
    pub audit: Vec<AuditView>,
}

/// One worker in the audit page's worker filter.
pub struct WorkerChoice {
    pub id: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "workers.html")]
pub struct WorkersPage {
    pub nav: Option<Nav>,
    pub csrf: String,
    /// The lead's team ("" for an admin, who sees every team).
    pub team: String,
    pub flash: Option<String>,
    pub workers: Vec<WorkerView>,
}

pub struct WorkerView {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub team: String,
    pub role: String,
    /// When they were disabled ("" while they can sign in).
    pub disabled: String,
    pub manageable: bool,
    pub me: bool,
}

#[derive(Template)]
#[template(path = "report.html")]
pub struct ReportPage {
    pub nav: Option<Nav>,
    pub from: String,
    pub to: String,
    /// The team shown ("" for every team), and the choice an admin has.
    pub team: String,
    pub teams: Vec<String>,
    pub admin: bool,
    pub csv_link: String,
    pub error: Option<String>,
    pub r: Option<ReportView>,
}

/// A count with its share, for a table row with a bar.
pub struct Share {
    pub label: String,
    pub count: usize,
    pub percent: String,
}

pub struct ChangeView {
    pub measure: String,
    pub label: String,
    pub cases: usize,
    pub first: String,
    pub latest: String,
    pub improved: usize,
    pub improved_pct: String,
    pub same_pct: String,
    pub worse_pct: String,
}

pub struct ReportView {
    pub cases: usize,
    pub by_source: Vec<Share>,
    pub by_area: Vec<Share>,
    pub outcomes: Vec<Share>,
    pub contacted: usize,
    pub not_yet: usize,
    pub median: String,
    pub mean: String,
    /// The first-contact target, in working days (`response_days`, by `[urgent]`).
    pub target_days: u32,
    pub within_target: usize,
    pub within_target_pct: String,
    pub changes: Vec<ChangeView>,
    /// Onward referrals by kind (every kind, 0 where none), and all of them.
    pub referrals: Vec<(String, usize)>,
    pub referrals_total: usize,
}

impl ReportView {
    pub fn of(r: &crate::report::Report) -> ReportView {
        use crate::report::percent;
        let shares = |rows: &[(String, usize)]| {
            rows.iter()
                .map(|(label, count)| Share {
                    label: label.clone(),
                    count: *count,
                    percent: format!("{:.1}", percent(*count, r.cases)),
                })
                .collect()
        };
        let hours = |h: Option<f64>| h.map_or("—".to_string(), |h| format!("{h:.1} hours"));
        let fc = &r.first_contact;
        ReportView {
            cases: r.cases,
            by_source: shares(&r.by_source),
            by_area: shares(&r.by_area),
            outcomes: shares(&r.outcomes),
            contacted: fc.contacted,
            not_yet: fc.not_yet,
            median: hours(fc.median_hours),
            mean: hours(fc.mean_hours),
            target_days: fc.target_days,
            within_target: fc.within_target,
            within_target_pct: format!("{:.1}", percent(fc.within_target, fc.contacted)),
            changes: r
                .changes
                .iter()
                .map(|c| ChangeView {
                    measure: c.measure.clone(),
                    label: if c.higher_is_better { c.label.clone() } else { format!("{} (lower is better)", c.label) },
                    cases: c.cases,
                    first: format!("{:.2}", c.first_mean),
                    latest: format!("{:.2}", c.latest_mean),
                    improved: c.improved,
                    improved_pct: format!("{:.1}", percent(c.improved, c.cases)),
                    same_pct: format!("{:.1}", percent(c.same, c.cases)),
                    worse_pct: format!("{:.1}", percent(c.worse, c.cases)),
                })
                .collect(),
            referrals: r.referrals.clone(),
            referrals_total: r.referrals.iter().map(|(_, n)| n).sum(),
        }
    }
}
