//! The case page's activities: what was suggested to the young person and what they did with
//! it, the onward referrals recorded, a directory search pre-filled from the case, and the two
//! things a link worker does with a result (send it to the young person, record a referral).

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;

use super::actions::{back, checked, hold};
use super::auth::Signed;
use super::{AppState, Page};
use crate::conversation::{Content, SendError, keys, suggestion_state};
use crate::directory::{self, Asked, Mapping, OTHER_REFERRAL, Options, Query, Service, Unreadable, ages_text};
use crate::display::visible;
use crate::store::cases::CaseRecord;
use crate::store::{self, casework, suggestions};
use crate::time::{Zone, now_ms};

/// The search shows at most this many results, best first.
pub const SHOWN: usize = 10;

/// A referral's note is at most this many characters (a pointer, not the casework).
pub const MAX_NOTE: usize = 500;

/// Search input longer than this is cut (the form's own fields are far shorter).
const MAX_FIELD: usize = 60;
const MAX_CHOICES: usize = 40;

/// The activities section of the case page.
pub struct ActivitiesView {
    pub suggestions: Vec<SuggestionView>,
    pub referrals: Vec<ReferralView>,
    pub search: SearchView,
}

pub struct SuggestionView {
    pub name: String,
    /// "the bot, at the hand-off", or the worker's name.
    pub by: String,
    pub at: String,
    /// shown, asked for more, interested.
    pub state: String,
    pub interested: bool,
    /// When they last did something with it ("" when only shown).
    pub since: String,
}

pub struct ReferralView {
    pub name: String,
    pub kind: String,
    pub note: String,
    pub worker: String,
    pub at: String,
}

/// One tick box of the search form.
pub struct Tick {
    pub id: String,
    pub label: String,
    pub checked: bool,
}

pub struct SearchView {
    pub interests: Vec<Tick>,
    pub topics: Vec<Tick>,
    /// Any topic is ticked (the topics' box opens to show it).
    pub topics_open: bool,
    pub age: String,
    pub area: String,
    /// The flow's age bands (id, words), offered as the age field's suggestions.
    pub bands: Vec<(String, String)>,
    /// Why the search could not run, in plain words.
    pub problem: Option<String>,
    /// Ticked choices the mapping gives no directory terms, so they narrow nothing.
    pub left_out: String,
    pub empty_directory: bool,
    /// A search ran (the results, even none, are worth showing).
    pub ran: bool,
    pub results: Vec<ResultView>,
    /// How many fit in all (more than `results` when over [`SHOWN`]).
    pub found: usize,
    /// Referral kinds (id, words), "other" last.
    pub kinds: Vec<(String, String)>,
    /// Why "Send to young person" is off, or "" when it is on.
    pub no_send: String,
    /// Referrals may be recorded (the case is not erased).
    pub can_refer: bool,
}

pub struct ResultView {
    pub id: String,
    pub name: String,
    pub organisation: String,
    pub ages: String,
    pub cost: String,
    pub when: String,
    pub place: String,
    pub near: String,
    pub matched: String,
    pub contact: String,
    /// The referral kind the service most likely is.
    pub kind: String,
    /// Put to the young person already, and what they did ("" when not): a second send would
    /// show them the same card again.
    pub already: String,
}

/// What the search form asked, read from the case page's query string.
#[derive(Debug, Default)]
struct Asking {
    /// The form was sent (`activities=1`); otherwise the search is the case's own answers.
    sent: bool,
    interests: Vec<String>,
    topics: Vec<String>,
    age: String,
    area: String,
}

impl Asking {
    fn parse(query: &str) -> Asking {
        let mut a = Asking::default();
        let cut = |v: &str| v.trim().chars().take(MAX_FIELD).collect::<String>();
        for (k, v) in url::form_urlencoded::parse(query.as_bytes()) {
            match k.as_ref() {
                "activities" => a.sent = true,
                "interests" if a.interests.len() < MAX_CHOICES => a.interests.push(cut(&v)),
                "topics" if a.topics.len() < MAX_CHOICES => a.topics.push(cut(&v)),
                "age" => a.age = cut(&v),
                "area" => a.area = cut(&v),
                _ => {}
            }
        }
        a
    }

    /// The case's own answers: its interests, age band and area.
    fn of_case(case: &CaseRecord) -> Asking {
        Asking {
            sent: false,
            interests: serde_json::from_str(&case.interests).unwrap_or_default(),
            topics: Vec::new(),
            age: case.age_band.clone().unwrap_or_default(),
            area: case.area.clone().unwrap_or_default(),
        }
    }
}

/// The activities section: loaded, and the search run (`query`: the page's query string).
pub async fn section(
    state: &AppState,
    case: &CaseRecord,
    query: Option<&str>,
    zone: Zone,
) -> Result<ActivitiesView, store::Error> {
    let pool = &state.linkup.store.pool;
    let content = &state.linkup.content;
    let mapping = &content.directory;
    let shown = suggestions::for_case(pool, case.id).await?;
    let referred = suggestions::referrals(pool, case.id).await?;
    let services = store::directory::load(pool).await?;
    let asking = match query.map(Asking::parse) {
        Some(a) if a.sent => a,
        _ => Asking::of_case(case),
    };
    let mut search = search(content, &state.linkup.flow_id, case, &services, &asking);
    for result in &mut search.results {
        if let Some(s) = shown.iter().rev().find(|s| s.service.id == result.id) {
            result.already = suggestion_state(s).to_string();
        }
    }
    Ok(ActivitiesView {
        suggestions: shown
            .iter()
            .map(|s| {
                let state = suggestion_state(s);
                SuggestionView {
                    name: s.service.name.clone(),
                    by: s.worker.clone().unwrap_or_else(|| "the bot, at the hand-off".into()),
                    at: zone.at(s.shown_at),
                    state: state.to_string(),
                    interested: s.interested_at.is_some(),
                    since: match (s.interested_at, s.more_at) {
                        (Some(at), _) => format!("said they were interested {}", zone.at(at)),
                        (None, Some(at)) => format!("asked for more {}", zone.at(at)),
                        (None, None) => String::new(),
                    },
                }
            })
            .collect(),
        referrals: referred
            .iter()
            .map(|r| ReferralView {
                // Erasure keeps only the kind.
                name: if r.name.is_empty() { "(deleted)".into() } else { r.name.clone() },
                kind: mapping.referral_label(&r.kind).to_string(),
                note: visible(r.note.as_deref().unwrap_or_default()),
                worker: r.worker.clone().unwrap_or_default(),
                at: zone.at(r.created_at),
            })
            .collect(),
        search,
    })
}

/// Every referral kind (id, words): the mapping's, then "other".
pub fn kinds(mapping: &Mapping) -> Vec<(String, String)> {
    mapping
        .referrals
        .iter()
        .map(|(id, k)| (id.clone(), k.label.clone()))
        .chain([(OTHER_REFERRAL.to_string(), mapping.referral_label(OTHER_REFERRAL).to_string())])
        .collect()
}

/// The search form as asked, and what fits.
fn search(content: &Content, flow_id: &str, case: &CaseRecord, services: &[Service], asking: &Asking) -> SearchView {
    let mapping = &content.directory;
    let flow = case.flow.as_str();
    let options = content.flow(flow_id).map(Options::of).unwrap_or_default();
    let ticks = |key: &str, ids: &[String], asked: &[String]| -> Vec<Tick> {
        ids.iter()
            .map(|id| Tick { id: id.clone(), label: content.option_label(flow, key, id), checked: asked.contains(id) })
            .collect()
    };
    let no_send = if case.erased_at.is_some() {
        "the young person deleted their data"
    } else if case.consent_withdrawn_at.is_some() {
        "the young person withdrew their consent"
    } else if !case.status.is_open() {
        "the case is closed (reopen it first)"
    } else {
        ""
    };
    let mut view = SearchView {
        interests: ticks(keys::INTERESTS, &options.interests, &asking.interests),
        topics: ticks(keys::TOPICS, &options.topics, &asking.topics),
        topics_open: !asking.topics.is_empty(),
        age: asking.age.clone(),
        area: asking.area.clone(),
        bands: options.age_bands.iter().map(|b| (b.clone(), content.option_label(flow, keys::AGE_BAND, b))).collect(),
        problem: None,
        left_out: String::new(),
        empty_directory: services.is_empty(),
        ran: false,
        results: Vec::new(),
        found: 0,
        kinds: kinds(mapping),
        no_send: no_send.to_string(),
        can_refer: case.erased_at.is_none(),
    };
    if services.is_empty() {
        return view;
    }
    if asking.age.is_empty() || asking.area.is_empty() {
        // The case's own answers may lack them (handed off early); asked for, it is a problem.
        if asking.sent {
            view.problem = Some("Give an age and an area to search: both are needed.".into());
        }
        return view;
    }
    let asked = Asked { interests: &asking.interests, topics: &asking.topics, age: &asking.age, area: &asking.area };
    let query = match Query::read(mapping, &options, services, asked) {
        Ok(q) => q,
        Err(e) => {
            view.problem = Some(unreadable(&e, &asking.area, mapping));
            return view;
        }
    };
    // A choice the mapping gives no terms ("something else") asks for nothing in particular,
    // as at the hand-off; the worker is told it was left out.
    let (wanted, unmapped): (Vec<_>, Vec<_>) = query.wanted.into_iter().partition(|w| !w.terms.is_empty());
    let label = |id: &str| -> String {
        if options.interests.iter().any(|i| i == id) {
            content.option_label(flow, keys::INTERESTS, id)
        } else if options.topics.iter().any(|t| t == id) {
            content.option_label(flow, keys::TOPICS, id)
        } else {
            id.to_string()
        }
    };
    view.left_out = unmapped.iter().map(|w| label(&w.label)).collect::<Vec<_>>().join(", ");
    let query = Query { wanted, ..query };
    let found = directory::matches(services, &query, mapping);
    view.ran = true;
    view.found = found.len();
    view.results = found
        .iter()
        .take(SHOWN)
        .map(|m| {
            let s = m.service;
            let mut places: Vec<String> = s.postcodes.iter().map(|p| p.postcode.clone()).collect();
            // A service area that only repeats a location's district ("M14" beside "M14 5AB") says nothing more.
            let known: Vec<&str> = s.postcodes.iter().map(|p| p.district.as_str()).collect();
            places.extend(s.areas.iter().filter(|a| !known.contains(&a.name.trim())).map(|a| a.name.clone()));
            ResultView {
                id: s.id.clone(),
                name: s.name.clone(),
                organisation: s.organisation.clone(),
                ages: ages_text(s.minimum_age, s.maximum_age),
                cost: match (s.free, s.cost.trim()) {
                    (true, "") => "Free".into(),
                    (_, "") => "Cost not given".into(),
                    (_, cost) => cost.to_string(),
                },
                when: s.schedule.clone(),
                place: if places.is_empty() { "Anywhere (no area given)".into() } else { places.join(", ") },
                near: directory::distance_words(m.distance).to_string(),
                matched: m.matched.iter().map(|id| label(id)).collect::<Vec<_>>().join(", "),
                contact: [s.contact.as_str(), s.url.as_str()]
                    .into_iter()
                    .filter(|c| !c.trim().is_empty())
                    .collect::<Vec<_>>()
                    .join(" · "),
                kind: mapping.referral_kind(s).to_string(),
                already: String::new(),
            }
        })
        .collect();
    view
}

/// A search that could not be read, in plain words.
fn unreadable(e: &Unreadable, area: &str, mapping: &Mapping) -> String {
    match e {
        Unreadable::Age(_) => {
            "That age could not be read. Give a whole number like 14, or an age band like 13-15.".into()
        }
        Unreadable::Area(_) => {
            let places: Vec<&str> = mapping.places.keys().map(String::as_str).collect();
            let or = if places.is_empty() { String::new() } else { format!(", or one of {}", places.join(", ")) };
            format!(
                "\u{201c}{area}\u{201d} is not a postcode or a place the directory knows. Give a postcode or its first half, like M14{or}."
            )
        }
        Unreadable::Wanted(_) => {
            "One of the interests or topics is not one linkup knows. Tick them from the list.".into()
        }
    }
}

#[derive(Debug, Deserialize, Default)]
pub struct SendForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    service: String,
}

/// `POST /cases/{reference}/activities`: one directory entry to the young person, through
/// the bot, with its buttons.
pub async fn send(
    State(state): State<AppState>,
    signed: Signed,
    Path(reference): Path<String>,
    Form(form): Form<SendForm>,
) -> Result<Response, Response> {
    let case = checked(&state, &signed, &reference, &form.csrf).await?;
    if case.erased_at.is_some() {
        return back(&case, "erased");
    }
    hold(&state, &signed, &case).await?;
    match state.linkup.send_activity_from_worker(&case, &signed.worker, form.service.trim(), now_ms()).await {
        Ok(_) => back(&case, "activity-sent"),
        Err(SendError::NoActivity) => back(&case, "activity-gone"),
        Err(SendError::Closed | SendError::Erased | SendError::ConsentWithdrawn) => back(&case, "message-refused"),
        // An activity is never empty or too long; were it, it was not sent.
        Err(SendError::Empty | SendError::TooLong(_)) => back(&case, "message-refused"),
        Err(SendError::Store(e)) => Err(Page::store_error(e)),
    }
}

#[derive(Debug, Deserialize, Default)]
pub struct ReferForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    service: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    note: String,
}

/// `POST /cases/{reference}/referrals`: an onward referral to a directory service, of a kind
/// the outcome report counts.
pub async fn refer(
    State(state): State<AppState>,
    signed: Signed,
    Path(reference): Path<String>,
    Form(form): Form<ReferForm>,
) -> Result<Response, Response> {
    let case = checked(&state, &signed, &reference, &form.csrf).await?;
    if case.erased_at.is_some() {
        return back(&case, "erased");
    }
    let kind = form.kind.trim();
    if kind != OTHER_REFERRAL && !state.linkup.content.directory.referrals.contains_key(kind) {
        return back(&case, "referral-kind");
    }
    let note = form.note.trim();
    if note.chars().count() > MAX_NOTE {
        return back(&case, "referral-long");
    }
    let pool = &state.linkup.store.pool;
    let services = store::directory::load(pool).await.map_err(Page::store_error)?;
    let Some(service) = services.iter().find(|s| s.id == form.service.trim()) else {
        return back(&case, "activity-gone");
    };
    hold(&state, &signed, &case).await?;
    let now = now_ms();
    let worker = signed.worker.id;
    let recorded = async {
        let mut tx = state.linkup.store.begin().await?;
        let note = (!note.is_empty()).then_some(note);
        suggestions::refer(&mut tx, case.id, (&service.id, &service.name), kind, note, worker, now).await?;
        casework::audit(&mut tx, Some(worker), Some(case.id), "referred", kind, now).await?;
        tx.commit().await.map_err(store::Error::from)
    };
    recorded.await.map_err(Page::store_error)?;
    tracing::info!(reference = %case.reference, worker, kind, "onward referral recorded");
    back(&case, "referred")
}
