//! The dashboard's pages (GET): sign-in, the queue (and its rows, polled), the case view (and
//! its conversation, polled; its activities section is `activities`'), the outcome report and the audit.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::auth::{self, Signed, Watching};
use super::views::{self, CasePage, CaseView, Nav, Row};
use super::{AppState, Page};
use crate::conversation::keys;
use crate::display::visible;
use crate::store::cases::{self, CaseRecord, Status};
use crate::store::workers::{self, Role};
use crate::store::{casework, checkins, flags, people, transcript};
use crate::time::now_ms;
use crate::time::{Zone, waited};

pub async fn login_form(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Some(token) = auth::cookie(&headers, auth::SESSION_COOKIE) {
        let now = now_ms();
        if let Ok(Some(_)) = workers::session(&state.linkup.store.pool, &auth::token_hash(&token), now, None).await {
            return Redirect::to("/").into_response();
        }
    }
    login_page(&state, &headers, "", None, StatusCode::OK)
}

/// The sign-in form with a fresh pre-session CSRF token (a cookie the form must echo).
pub fn login_page(
    state: &AppState,
    headers: &HeaderMap,
    email: &str,
    error: Option<&str>,
    status: StatusCode,
) -> Response {
    let csrf = auth::random_token();
    let page =
        views::LoginPage { nav: None, csrf: csrf.clone(), email: email.to_string(), error: error.map(str::to_string) };
    let cookie = auth::set_cookie(auth::LOGIN_COOKIE, &csrf, 3600, auth::secure(state, headers));
    (status, [(header::SET_COOKIE, cookie)], Page::html(&page)).into_response()
}

#[derive(Debug, Deserialize, Default)]
pub struct QueueQuery {
    #[serde(default)]
    status: String,
    #[serde(default)]
    mine: String,
    #[serde(default)]
    team: String,
    /// A reference or a name, or part of one.
    #[serde(default)]
    q: String,
    #[serde(default)]
    urgent: String,
    #[serde(default)]
    area: String,
    #[serde(default)]
    unassigned: String,
    #[serde(default)]
    sort: String,
}

impl QueueQuery {
    fn filter(&self, signed: &Signed) -> casework::Filter {
        let w = &signed.worker;
        let status =
            if views::STATUSES.iter().any(|(s, _)| *s == self.status) { self.status.clone() } else { "open".into() };
        casework::Filter {
            status,
            mine: (self.mine == "1").then_some(w.id),
            // Only admins choose a team; everyone else sees their own.
            team: match w.role {
                Role::Admin if self.team.is_empty() => None,
                Role::Admin => Some(self.team.clone()),
                _ => Some(w.team.clone()),
            },
            search: self.q.chars().take(100).collect(),
            urgent_only: self.urgent == "1",
            area: self.area.chars().take(40).collect(),
            unassigned: self.unassigned == "1",
            sort: casework::Sort::parse(&self.sort),
        }
    }

    fn query_string(&self) -> String {
        url::form_urlencoded::Serializer::new(String::new())
            .append_pair("status", &self.status)
            .append_pair("mine", &self.mine)
            .append_pair("team", &self.team)
            .append_pair("q", &self.q)
            .append_pair("urgent", &self.urgent)
            .append_pair("area", &self.area)
            .append_pair("unassigned", &self.unassigned)
            .append_pair("sort", &self.sort)
            .finish()
    }
}

async fn rows(state: &AppState, filter: &casework::Filter) -> Result<Vec<Row>, Response> {
    let pool = &state.linkup.store.reader;
    let items = casework::queue(pool, filter).await.map_err(Page::store_error)?;
    let open = casework::open_flag_categories(pool).await.map_err(Page::store_error)?;
    let mut by_case: BTreeMap<i64, Vec<&str>> = BTreeMap::new();
    for (case, category) in &open {
        by_case.entry(*case).or_default().push(category);
    }
    let now = now_ms();
    let (duty, days) = (&state.linkup.duty, state.config.response_days);
    Ok(items
        .iter()
        .map(|i| {
            let deadline = crate::duty::deadline(duty.due(i.created_at, days), now);
            Row::of(i, by_case.get(&i.id).cloned().unwrap_or_default(), &state.linkup.content, deadline, now)
        })
        .collect())
}

pub async fn queue(State(state): State<AppState>, signed: Signed, Query(q): Query<QueueQuery>) -> Response {
    let filter = q.filter(&signed);
    let rows = match rows(&state, &filter).await {
        Ok(r) => r,
        Err(e) => return e,
    };
    let urgent_all = match urgent_references(&state, &filter).await {
        Ok(u) => u,
        Err(e) => return e,
    };
    let teams = if signed.worker.role == Role::Admin {
        workers::teams(&state.linkup.store.reader).await.unwrap_or_default()
    } else {
        Vec::new()
    };
    let page = views::QueuePage {
        nav: Some(Nav::of(&signed)),
        statuses: views::STATUSES.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect(),
        status: filter.status.clone(),
        mine: filter.mine.is_some(),
        search: filter.search.clone(),
        urgent_only: filter.urgent_only,
        area: filter.area.clone(),
        unassigned: filter.unassigned,
        sorts: casework::Sort::ALL.iter().map(|(_, id, label)| (id.to_string(), label.to_string())).collect(),
        sort: filter.sort.id().to_string(),
        filtered: !filter.search.trim().is_empty()
            || filter.urgent_only
            || !filter.area.trim().is_empty()
            || filter.unassigned
            || filter.mine.is_some()
            || filter.status != "open"
            || filter.sort != casework::Sort::UrgentFirst
            || !q.team.is_empty(),
        team: q.team.clone(),
        teams,
        target: match state.config.response_days {
            1 => "1 working day".to_string(),
            n => format!("{n} working days"),
        },
        query: q.query_string(),
        rows,
        urgent_all,
        csrf: signed.csrf.clone(),
    };
    Page::html(&page)
}

pub async fn queue_rows(State(state): State<AppState>, watching: Watching, Query(q): Query<QueueQuery>) -> Response {
    let signed = watching.0;
    let filter = q.filter(&signed);
    let urgent = match urgent_references(&state, &filter).await {
        Ok(u) => u,
        Err(e) => return e,
    };
    match rows(&state, &filter).await {
        Ok(rows) => {
            let mut page = Page::html(&views::QueueRows { rows, csrf: signed.csrf.clone() });
            // References are letters, digits and "-": always a valid header value.
            if let Ok(value) = axum::http::HeaderValue::from_str(&urgent) {
                page.headers_mut().insert("x-linkup-urgent", value);
            }
            page
        }
        Err(e) => e,
    }
}

/// Every open urgent case the worker's queue covers, whatever else is filtered, comma-joined:
/// the page's alerts watch these, so "only mine" never hides a new urgent case.
async fn urgent_references(state: &AppState, filter: &casework::Filter) -> Result<String, Response> {
    let all = casework::Filter { team: filter.team.clone(), urgent_only: true, ..casework::Filter::default() };
    let items = casework::queue(&state.linkup.store.reader, &all).await.map_err(Page::store_error)?;
    Ok(items.iter().map(|i| i.reference.as_str()).collect::<Vec<_>>().join(","))
}

/// The case, if this worker may see it. Another team's case, or a reference that does not
/// exist, is the same "not found".
pub async fn visible_case(state: &AppState, signed: &Signed, reference: &str) -> Result<CaseRecord, Response> {
    let reference = reference.trim().to_uppercase();
    match cases::by_reference(&state.linkup.store.pool, &reference).await {
        Ok(Some(case)) if signed.worker.sees(&case.team) => Ok(case),
        Ok(_) => Err(Page::error(StatusCode::NOT_FOUND, "There is no case with that reference in your team.")),
        Err(e) => Err(Page::store_error(e)),
    }
}

#[derive(Debug, Deserialize, Default)]
pub struct Said {
    #[serde(default)]
    said: String,
}

/// Fixed words for what just happened (never text from the request).
fn flash(said: &str, case: &CaseRecord, holder: &str) -> Option<String> {
    Some(match said {
        "claimed" => "You have claimed this case.".to_string(),
        "taken" => format!("Someone got there first: {holder} has this case."),
        "not-open" => "This case is closed, so it cannot be claimed.".into(),
        "released" => "Released: the case is back in the queue.".into(),
        "assigned" => format!("Reassigned to {holder}."),
        "sent" => "Message queued. Its delivery state shows next to it.".into(),
        "noted" => "Note added.".into(),
        "closed" => "Case closed.".into(),
        "reopened" => "Case reopened.".into(),
        "cleared" => "Urgent mark cleared.".into(),
        "outcome-needed" => "Please choose an outcome: nothing is chosen for you.".into(),
        "note-needed" => "Please write a note first (a few words at least): it is required.".into(),
        "message-empty" => "The message was empty, so nothing was sent.".into(),
        "message-long" => {
            format!("That message is too long (over {} characters).", crate::conversation::MAX_WORKER_MESSAGE)
        }
        "message-refused" => match (&case.consent_withdrawn_at, case.status) {
            (Some(_), _) => "Not sent: the young person withdrew their consent.".into(),
            (_, Status::Deleted) => "Not sent: the young person deleted their data.".into(),
            _ => "Not sent: the case is closed. Reopen it first.".into(),
        },
        "activity-sent" => {
            "Activity sent to the young person, with its \"Tell me more\" and \"I'm interested\" buttons.".into()
        }
        "activity-gone" => "That activity is no longer in the directory. Search again for what is there now.".into(),
        "referred" => "Referral recorded. The outcome report counts it by kind.".into(),
        "referral-kind" => "Please choose a kind of referral from the list: nothing was recorded.".into(),
        "referral-long" => {
            format!("That note is too long (over {} characters): nothing was recorded.", super::activities::MAX_NOTE)
        }
        "erased" => "This case was deleted at the young person's request: nothing can be sent or recorded.".into(),
        "not-yours" if holder.is_empty() => {
            "Only the worker holding this case, or a lead, can do that. Claim it first.".into()
        }
        "not-yours" => format!("Only {holder} or a lead can do that."),
        _ => return None,
    })
}

pub async fn case(
    State(state): State<AppState>,
    signed: Signed,
    Path(reference): Path<String>,
    Query(said): Query<Said>,
    RawQuery(query): RawQuery,
) -> Response {
    let case = match visible_case(&state, &signed, &reference).await {
        Ok(c) => c,
        Err(e) => return e,
    };
    let pool = &state.linkup.store.pool;
    let now = now_ms();
    if let Err(e) = casework::viewed(pool, case.id, signed.worker.id, now).await {
        return Page::store_error(e);
    }
    let loaded = async {
        let scores = cases::scores(pool, case.id).await?;
        let case_flags = flags::for_case(pool, case.id).await?;
        let notes = casework::notes(pool, case.id).await?;
        let events = casework::events(pool, case.id).await?;
        let holder = match case.claimed_by {
            Some(id) => workers::by_id(pool, id).await?.map(|w| w.name).unwrap_or_default(),
            None => String::new(),
        };
        let reach = people::reach(pool, case.person_id).await?;
        let locale = people::locale(pool, case.person_id).await?;
        let audit =
            if signed.worker.role.leads() { casework::audit_for_case(pool, case.id).await? } else { Vec::new() };
        let team = if signed.worker.role.leads() { workers::in_team(pool, &case.team).await? } else { Vec::new() };
        let history = checkins::history(pool, case.id).await?;
        let schedule = checkins::schedule_of(pool, case.id).await?;
        Ok::<_, crate::store::Error>((
            scores, case_flags, notes, events, holder, reach, audit, team, history, schedule, locale,
        ))
    }
    .await;
    let (scores, case_flags, notes, events, holder, reach, audit, team, history, schedule, locale) = match loaded {
        Ok(v) => v,
        Err(e) => return Page::store_error(e),
    };
    let messages = match conversation_of(&state, &case, &Since::default()).await {
        Ok(m) => m,
        Err(e) => return e,
    };
    let zone = Zone(state.linkup.duty.zone);
    let activities = match super::activities::section(&state, &case, query.as_deref(), zone).await {
        Ok(a) => a,
        Err(e) => return Page::store_error(e),
    };
    let content = &state.linkup.content;
    let flow = case.flow.as_str();
    let dash = |v: &Option<String>| v.clone().filter(|s| !s.is_empty()).unwrap_or_else(|| "—".into());
    let one = |key: &str, v: &Option<String>| {
        v.as_deref().map(|v| content.option_label(flow, key, v)).unwrap_or_else(|| "—".into())
    };
    let open = case.status.is_open();
    let mine = case.claimed_by == Some(signed.worker.id);
    // The language they use linkup in: a link worker who speaks it can reply in it.
    let language = locale.map(|l| {
        let l = content.locales.known(&l);
        format!("{} ({l})", content.locales.render(&l, &crate::message::Text::new("language-name")))
    });
    let mut shared = vec![
        ("Came via".to_string(), case.source.clone()),
        ("Their language".into(), dash(&language)),
        ("Call them".into(), dash(&case.preferred_name)),
        ("Age band".into(), one(keys::AGE_BAND, &case.age_band)),
        (
            "Area".into(),
            format!(
                "{}{}",
                dash(&case.area),
                match case.area_kind.as_deref() {
                    Some("district") => " (postcode district)",
                    Some("place") => " (school, college or place)",
                    _ => "",
                }
            ),
        ),
        ("On their mind".into(), content.option_labels(flow, keys::TOPICS, &case.topics)),
        ("What matters to them, in their words".into(), dash(&case.what_matters)),
        ("Interests".into(), content.option_labels(flow, keys::INTERESTS, &case.interests)),
        ("What would help".into(), content.option_labels(flow, keys::HELP, &case.help)),
        (
            "Contact".into(),
            format!(
                "{}{}; {}",
                one(keys::CONTACT_METHOD, &case.contact_method),
                case.phone.as_deref().map(|p| format!(" on {p}")).unwrap_or_default(),
                content.option_labels(flow, keys::CONTACT_TIMES, &case.contact_times)
            ),
        ),
        ("Consent to share".into(), case.consent()),
    ];
    if case.partial != 0 {
        shared.push((
            "Handed off early".into(),
            "Before the end of the questions: they asked for a person, or a safeguarding flag opened the case.".into(),
        ));
    }
    let page = CasePage {
        nav: Some(Nav::of(&signed)),
        csrf: signed.csrf.clone(),
        flash: flash(&said.said, &case, &holder),
        c: CaseView {
            reference: case.reference.clone(),
            status_label: case.status.label().to_string(),
            urgent: case.urgent != 0,
            team: case.team.clone(),
            created: zone.at(case.created_at),
            waited: waited(now - case.created_at),
            claimed_by: holder.clone(),
            outcome: case.outcome.as_deref().map(casework::outcome_label).unwrap_or_default().to_string(),
            deleted: case.erased_at.is_some(),
            erased: case.erased_at.map(|at| zone.at(at)).unwrap_or_default(),
            had_open_flag: case_flags.iter().any(|f| f.cleared_at.is_none()),
            consent_withdrawn: case.consent_withdrawn_at.is_some(),
            consent_withdrawn_at: case.consent_withdrawn_at.map(|at| zone.at(at)).unwrap_or_default(),
            unreachable: reach.unreachable != 0,
            paused: reach.paused_at.is_some(),
            claimable: open && case.claimed_by.is_none(),
            releasable: open && case.claimed_by.is_some() && (mine || signed.worker.role.leads()),
            can_message: open && case.erased_at.is_none() && case.consent_withdrawn_at.is_none(),
            closed: case.status == Status::Closed,
            decides: mine || signed.worker.role.leads(),
        },
        first_name: signed.worker.first_name().to_string(),
        flags: case_flags
            .iter()
            .map(|f| views::FlagView {
                category: f.category.clone(),
                level: if f.denial != 0 { format!("{}, said as a denial", f.level) } else { f.level.clone() },
                at: zone.at(f.created_at),
                step: f.step.clone().unwrap_or_else(|| "—".into()),
                how: f.how(),
                words: visible(&f.words),
                open: f.cleared_at.is_none(),
                cleared: f
                    .cleared_at
                    .map(|at| {
                        format!(
                            "{} by {}: {}",
                            zone.at(at),
                            f.cleared_by.as_deref().unwrap_or("?"),
                            f.clear_note.as_deref().unwrap_or("")
                        )
                    })
                    .unwrap_or_default(),
            })
            .collect(),
        shared: shared.into_iter().map(|(label, value)| (label, visible(&value))).collect(),
        scores: scores
            .iter()
            .map(|s| views::ScoreView {
                question: content
                    .measures
                    .instruments
                    .get(&s.measure)
                    .and_then(|i| i.item(&s.item))
                    .map(|i| i.label.clone())
                    .unwrap_or_else(|| format!("{}.{}", s.measure, s.item)),
                score: s.score,
                band: s.band.clone().unwrap_or_else(|| "—".into()),
                at: zone.at(s.recorded_at),
            })
            .collect(),
        checkins: checkin_rows(content, &history, zone),
        schedule: schedule_line(schedule.as_ref(), zone),
        messages,
        notes: notes
            .iter()
            .map(|n| views::NoteView { at: zone.at(n.at), worker: n.worker.clone(), body: visible(&n.body) })
            .collect(),
        events: events.iter().map(|e| views::EventView::of(e, zone)).collect(),
        outcomes: casework::worker_outcomes().map(|(a, b)| (a.to_string(), b.to_string())).collect(),
        reassign_to: if open {
            team.iter().filter(|w| Some(w.id) != case.claimed_by).map(|w| (w.id, w.name.clone())).collect()
        } else {
            Vec::new()
        },
        audit: audit.iter().map(|a| views::AuditView::of(a, zone)).collect(),
        activities,
    };
    Page::html(&page)
}

/// Each occasion's scores in one row, oldest first.
fn checkin_rows(
    content: &crate::conversation::Content,
    history: &[checkins::Point],
    zone: Zone,
) -> Vec<views::CheckinView> {
    let mut rows: Vec<(Option<i64>, i64, Vec<String>)> = Vec::new();
    for p in history {
        let label = content
            .measures
            .instruments
            .get(&p.measure)
            .and_then(|i| i.item(&p.item))
            .map_or_else(|| format!("{}.{}", p.measure, p.item), |i| i.label.clone());
        let score = format!("{label} {}", p.score);
        match rows.iter_mut().find(|(c, _, _)| *c == p.checkin_id) {
            Some(row) => row.2.push(score),
            None => rows.push((p.checkin_id, p.recorded_at, vec![score])),
        }
    }
    rows.into_iter()
        .map(|(checkin, at, scores)| views::CheckinView {
            at: zone.at(at),
            what: if checkin.is_some() { "Check-in".into() } else { "At referral".into() },
            scores: scores.join(" · "),
        })
        .collect()
}

fn schedule_line(schedule: Option<&checkins::Schedule>, zone: Zone) -> String {
    let Some(s) = schedule else {
        return "No check-in reminders: the young person did not ask for them. They can send /checkin at any time."
            .into();
    };
    let sent = format!("{} reminder{} sent", s.reminders_sent, if s.reminders_sent == 1 { "" } else { "s" });
    match (s.stopped_at, s.next_at) {
        (Some(at), _) => format!("Reminders stopped {} ({sent}).", zone.at(at)),
        (None, Some(next)) => {
            format!("Next reminder {}, until {} ({sent}).", zone.at(next), crate::time::date(s.until_at))
        }
        (None, None) => format!("Reminders finished ({sent})."),
    }
}

/// The case's scores over time as a PNG, the chart the young person gets.
pub async fn chart(State(state): State<AppState>, signed: Signed, Path(reference): Path<String>) -> Response {
    let case = match visible_case(&state, &signed, &reference).await {
        Ok(c) => c,
        Err(e) => return e,
    };
    let history = match checkins::history(&state.linkup.store.pool, case.id).await {
        Ok(h) => h,
        Err(e) => return Page::store_error(e),
    };
    let Some(chart) = state.linkup.trend(&history, crate::i18n::FALLBACK) else {
        return Page::error(StatusCode::NOT_FOUND, "This case has no scores to chart yet.");
    };
    match crate::chart::png(&chart) {
        Ok(png) => ([(header::CONTENT_TYPE, "image/png")], png).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "could not draw a case's chart");
            Page::error(StatusCode::INTERNAL_SERVER_ERROR, "The chart could not be drawn.")
        }
    }
}

#[derive(Debug, Deserialize, Default)]
pub struct ReportQuery {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    team: String,
    #[serde(default)]
    format: String,
}

/// The outcome report: a worker's or lead's own team, or any (or every) team for an admin.
/// `format=csv` downloads the same figures as `linkup report outcomes --format csv`.
pub async fn report(State(state): State<AppState>, signed: Signed, Query(q): Query<ReportQuery>) -> Response {
    let admin = signed.worker.role == Role::Admin;
    let team = if admin { q.team.trim().to_string() } else { signed.worker.team.clone() };
    let today = chrono::Utc::now().date_naive();
    let or = |s: &str, d: chrono::NaiveDate| if s.trim().is_empty() { d.to_string() } else { s.trim().to_string() };
    let (from, to) = (or(&q.from, today - chrono::Duration::days(89)), or(&q.to, today));
    let teams = if admin { workers::teams(&state.linkup.store.reader).await.unwrap_or_default() } else { vec![] };
    let csv_link = format!("/reports/outcomes?from={from}&to={to}&team={}&format=csv", url_encode(&team));
    let mut page = views::ReportPage {
        nav: Some(Nav::of(&signed)),
        from: from.clone(),
        to: to.clone(),
        team: team.clone(),
        teams,
        admin,
        csv_link,
        error: None,
        r: None,
    };
    let period = match crate::report::Period::parse(&from, &to) {
        Ok(p) => p,
        Err(e) => {
            page.error = Some(format!("{e}."));
            return (StatusCode::BAD_REQUEST, Page::html(&page)).into_response();
        }
    };
    let linkup = &state.linkup;
    let team_filter = (!team.is_empty()).then_some(team.as_str());
    let report = match crate::report::outcomes(
        &linkup.store,
        &linkup.content.measures,
        &linkup.content.directory,
        period,
        team_filter,
        &linkup.duty,
        linkup.config.response_days,
    )
    .await
    {
        Ok(r) => r,
        Err(e) => return Page::store_error(e),
    };
    if q.format == "csv" {
        let name = format!("linkup-outcomes-{from}-to-{to}.csv");
        return (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
            ],
            report.csv(),
        )
            .into_response();
    }
    page.r = Some(views::ReportView::of(&report));
    Page::html(&page)
}

/// Percent-encodes a query value.
fn url_encode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// What a conversation page already shows: the last entry's id, and the link-worker messages
/// still waiting to be delivered (their state may have moved on).
#[derive(Debug, Deserialize, Default)]
pub struct Since {
    after: Option<i64>,
    #[serde(default)]
    pending: String,
}

/// At most this many waiting messages are looked at again per refresh.
const MAX_PENDING: usize = 20;

/// Entries this recent are sent again with each refresh, so one whose transaction committed
/// after a later one's is not missed.
const RECENT_MS: i64 = 60_000;

/// The transcript, with each link worker message's delivery state: all of it, or (with
/// `since.after`) only the entries after it and the waiting ones named.
async fn conversation_of(
    state: &AppState,
    case: &CaseRecord,
    since: &Since,
) -> Result<Vec<views::MessageView>, Response> {
    let pool = &state.linkup.store.pool;
    let person = case.person_id;
    let zone = Zone(state.linkup.duty.zone);
    let load = async {
        let Some(after) = since.after else {
            let entries = transcript::for_person(pool, person).await?;
            let states: BTreeMap<i64, String> = casework::delivery_states(pool, person).await?.into_iter().collect();
            return Ok::<_, crate::store::Error>((entries, states));
        };
        let mut entries = transcript::for_person_after(pool, person, after, now_ms() - RECENT_MS).await?;
        let mut pending: Vec<i64> = since.pending.split(',').filter_map(|id| id.trim().parse().ok()).collect();
        pending.sort_unstable();
        pending.dedup();
        pending.retain(|id| entries.iter().all(|e| e.id != *id));
        for id in pending.into_iter().take(MAX_PENDING) {
            entries.extend(transcript::by_id(pool, person, id).await?);
        }
        entries.sort_by_key(|e| e.id);
        let mut states = BTreeMap::new();
        for outbox in entries.iter().filter_map(outbox_of) {
            if let Some(s) = casework::delivery_state(pool, person, outbox).await? {
                states.insert(outbox, s);
            }
        }
        Ok((entries, states))
    };
    let (entries, states) = load.await.map_err(Page::store_error)?;
    Ok(entries
        .iter()
        .map(|m| {
            let (class, who) = match (m.direction.as_str(), m.kind.as_str()) {
                ("in", _) => ("in", "Young person".to_string()),
                (_, "worker") => ("worker", "Link worker".to_string()),
                _ => ("bot", "linkup bot".to_string()),
            };
            let state = match outbox_of(m) {
                // A delivered message's row may be gone (an erasure); then it was sent.
                Some(id) => match states.get(&id).map(String::as_str) {
                    Some("sending") | Some("queued") => "queued",
                    Some("sent") | None => "sent",
                    Some("failed") => "failed",
                    Some("unreachable") => "unreachable",
                    Some(_) => "queued",
                }
                .to_string(),
                None => String::new(),
            };
            views::MessageView {
                id: m.id,
                class: class.into(),
                who,
                at: zone.at(m.created_at),
                body: visible(&m.shown()),
                state,
            }
        })
        .collect())
}

/// The outbox row a transcript entry was sent through, if it was.
fn outbox_of(entry: &transcript::Entry) -> Option<i64> {
    serde_json::from_str::<serde_json::Value>(&entry.meta).ok()?["outbox"].as_i64()
}

/// The conversation, polled by the case page every few seconds: the whole of it, or with
/// `?after=ID&pending=ID,ID` only what changed (nothing: 204 No Content).
pub async fn conversation(
    State(state): State<AppState>,
    watching: Watching,
    Path(reference): Path<String>,
    Query(since): Query<Since>,
) -> Response {
    let signed = watching.0;
    let case = match visible_case(&state, &signed, &reference).await {
        Ok(c) => c,
        Err(e) => return e,
    };
    // The worker has the case open: their view is recorded once, when the page loaded.
    if let Err(e) = casework::seen(&state.linkup.store.pool, case.id, signed.worker.id).await {
        return Page::store_error(e);
    }
    // Deleted at their request while the page was open: the page reloads, and the words go.
    if since.after.is_some() && case.erased_at.is_some() {
        return StatusCode::RESET_CONTENT.into_response();
    }
    match conversation_of(&state, &case, &since).await {
        Ok(messages) if messages.is_empty() && since.after.is_some() => StatusCode::NO_CONTENT.into_response(),
        Ok(messages) => Page::html(&views::Conversation { messages }),
        Err(e) => e,
    }
}

#[derive(Debug, Deserialize, Default)]
pub struct AuditQuery {
    #[serde(default)]
    worker: String,
    #[serde(default)]
    case: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    format: String,
}

/// The audit page shows the latest this many; its CSV at most `AUDIT_CSV_LIMIT`.
const AUDIT_PAGE_LIMIT: usize = 500;
const AUDIT_CSV_LIMIT: usize = 100_000;

impl AuditQuery {
    /// The query string of these filters (for the CSV link).
    fn query_string(&self, case: &str) -> String {
        url::form_urlencoded::Serializer::new(String::new())
            .append_pair("worker", self.worker.trim())
            .append_pair("case", case)
            .append_pair("from", self.from.trim())
            .append_pair("to", self.to.trim())
            .finish()
    }
}

/// The days asked for, each optional: (from, to) as dates, both included (the service's days).
fn audit_days(
    from: &str,
    to: &str,
) -> Result<(Option<chrono::NaiveDate>, Option<chrono::NaiveDate>), crate::report::ReportError> {
    use crate::report::Period;
    let (from, to) = (from.trim(), to.trim());
    Ok(match (from.is_empty(), to.is_empty()) {
        (true, true) => (None, None),
        (false, true) => (Some(Period::parse(from, from)?.from), None),
        (true, false) => (None, Some(Period::parse(to, to)?.to)),
        (false, false) => {
            let p = Period::parse(from, to)?;
            (Some(p.from), Some(p.to))
        }
    })
}

/// Unix ms at the start of `day` in the service's time zone (the first instant of the day, on
/// a day the clocks change).
fn day_start(day: chrono::NaiveDate, zone: Zone) -> i64 {
    use chrono::TimeZone;
    let midnight = day.and_time(chrono::NaiveTime::MIN);
    match zone.0.from_local_datetime(&midnight).earliest() {
        Some(t) => t.timestamp_millis(),
        None => crate::report::Period { from: day, to: day }.bounds().0,
    }
}

/// A sentence with its first letter upper case.
fn sentence(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// The audit's entries as CSV: `at_utc,worker,email,case,action,detail`.
fn audit_csv(entries: &[casework::AuditEntry]) -> String {
    use crate::report::field;
    use std::fmt::Write as _;
    let mut out = String::from("at_utc,worker,email,case,action,detail\n");
    for a in entries {
        let at = chrono::DateTime::from_timestamp_millis(a.at)
            .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
            .unwrap_or_default();
        let worker = views::AuditView::of(a, Zone(chrono_tz::UTC)).worker;
        let _ = writeln!(
            out,
            "{},{},{},{},{},{}",
            field(&at),
            field(&worker),
            field(a.email.as_deref().unwrap_or("")),
            field(a.reference.as_deref().unwrap_or("")),
            field(&visible(&a.action)),
            field(&visible(&a.detail)),
        );
    }
    out
}

/// The audit, for leads (their team's) and admins (every team): filtered by worker, case and
/// days (UTC, both included), the latest 500 on the page; `format=csv` downloads every match
/// (up to 100,000).
pub async fn audit(State(state): State<AppState>, signed: Signed, Query(q): Query<AuditQuery>) -> Response {
    if !signed.worker.role.leads() {
        return Page::error(StatusCode::FORBIDDEN, "Only leads and admins can see the audit.");
    }
    let pool = &state.linkup.store.pool;
    let zone = Zone(state.linkup.duty.zone);
    let team = (signed.worker.role != Role::Admin).then(|| signed.worker.team.clone());
    let case = q.case.trim().to_uppercase();
    let worker = q.worker.trim();
    let choices = match workers::list(pool, team.as_deref()).await {
        Ok(list) => list
            .iter()
            .map(|w| {
                let mut label = w.name.clone();
                if team.is_none() {
                    label.push_str(&format!(" ({})", w.team));
                }
                if w.disabled_at.is_some() {
                    label.push_str(" (disabled)");
                }
                views::WorkerChoice { id: w.id.to_string(), label, selected: w.id.to_string() == worker }
            })
            .collect(),
        Err(e) => return Page::store_error(e),
    };
    let mut page = views::AuditPage {
        nav: Some(Nav::of(&signed)),
        team: team.clone().unwrap_or_default(),
        zone: zone.name().to_string(),
        case: case.clone(),
        from: q.from.trim().to_string(),
        to: q.to.trim().to_string(),
        workers: choices,
        total: 0,
        limit: AUDIT_PAGE_LIMIT,
        more: false,
        csv_link: format!("/audit?{}&format=csv", q.query_string(&case)),
        error: None,
        audit: Vec::new(),
    };
    let (from, to) = match audit_days(&q.from, &q.to) {
        Ok(days) => days,
        Err(e) => {
            page.error = Some(format!("{}. Nothing is shown until the dates are right.", sentence(&e.to_string())));
            return (StatusCode::BAD_REQUEST, Page::html(&page)).into_response();
        }
    };
    // A worker id that is not a number matches nobody (the form only offers real ones).
    let worker_id = match worker {
        "" => None,
        w => Some(w.parse::<i64>().unwrap_or(0)),
    };
    let filter = casework::AuditFilter {
        team: team.clone(),
        worker: worker_id,
        case: (!case.is_empty()).then(|| case.clone()),
        from: from.map(|d| day_start(d, zone)),
        to: to.and_then(|d| d.succ_opt()).map(|d| day_start(d, zone)),
    };
    let csv = q.format == "csv";
    let limit = if csv { AUDIT_CSV_LIMIT } else { AUDIT_PAGE_LIMIT };
    let found = match casework::audit_search(pool, &filter, limit as i64).await {
        Ok(f) => f,
        Err(e) => return Page::store_error(e),
    };
    if csv {
        let name = match (from, to) {
            (Some(f), Some(t)) => format!("linkup-audit-{f}-to-{t}.csv"),
            (Some(f), None) => format!("linkup-audit-from-{f}.csv"),
            (None, Some(t)) => format!("linkup-audit-to-{t}.csv"),
            (None, None) => "linkup-audit.csv".to_string(),
        };
        return (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
            ],
            audit_csv(&found.entries),
        )
            .into_response();
    }
    page.total = found.total;
    page.more = found.total > found.entries.len() as i64;
    page.audit = found.entries.iter().map(|a| views::AuditView::of(a, zone)).collect();
    Page::html(&page)
}
