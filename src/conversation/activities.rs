//! Activities from the directory put to a young person: up to three that fit at the hand-off (when they asked for some), "Tell me more" and "I'm interested" on each, typed or tapped, and one a link worker sends.
//!
//! Each activity's buttons carry its suggestion's id ("#activity|more|12"), and the suggestion
//! keeps the service as it was shown, so a button pressed days later, after a re-import,
//! still says what it said.

use serde_json::json;

use super::{Here, Linkup, OutButton, Outgoing, SendError, Turn};
use crate::directory::{Ages, Area, Options, Query, Service};
use crate::flow::engine::{Answer, State};
use crate::intent::{Incoming, normalise};
use crate::message::{Arg, Text};
use crate::store::cases::CaseRecord;
use crate::store::suggestions::{self, Suggestion};
use crate::store::transcript::{self, Direction, NewEntry};
use crate::store::workers::Worker;
use crate::store::{self, Tx, casework, outbox, people};

/// How many activities the hand-off suggests, at most.
pub const SUGGESTED: usize = 3;

/// Message ids used here; every locale has them.
pub const MESSAGES: &[&str] = &[
    "activities-intro",
    "activities-none",
    "activities-empty",
    "activity-from-worker",
    "activity-card",
    "activity-ages",
    "activity-free",
    "activity-more-when",
    "activity-more-cost",
    "activity-more-where",
    "activity-more-how",
    "activity-more-end",
    "activity-interested",
    "activity-interested-again",
    "activity-gone",
    "activity-which",
    "activity-no-thanks",
    "btn-activity-more",
    "btn-activity-interested",
    "words-activity-more",
    "words-activity-interested",
    "words-activity-which",
    "words-activity-last",
];

/// An activity button's payload starts so: "#activity|more|<suggestion id>".
const PREFIX: &str = "#activity|";
const MORE: &str = "more";
const INTERESTED: &str = "yes";

/// The longest typed line read as an answer to the activities; longer is someone's own words.
const MAX_TYPED_WORDS: usize = 12;

/// How long after the activities were shown words that name one of them are still read so.
const WHILE_MS: i64 = 3_600_000;

/// What the young person did with an activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Choice {
    More,
    Interested,
}

/// An activity button pressed, or what typed words say to the activities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Pick {
    /// One activity's button (none for a button that names none).
    Button { id: Option<i64>, choice: Choice },
    /// What they want is plain, which one is not: asked which.
    Which(Choice),
    /// None of them, thanks.
    NoThanks,
}

/// What a typed line says to the activities just shown (their places in the list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Typed {
    /// This one, for this ("the football one" alone is "tell me more").
    Chose(usize, Choice),
    /// "yeah", "more info" with several shown.
    Which(Choice),
    /// "nah", "i dont like any of them".
    NoThanks,
}

fn payload(choice: Choice, id: i64) -> String {
    let what = match choice {
        Choice::More => MORE,
        Choice::Interested => INTERESTED,
    };
    format!("{PREFIX}{what}|{id}")
}

fn pressed(payload: &str) -> Option<Pick> {
    let rest = payload.strip_prefix(PREFIX)?;
    let (what, id) = rest.split_once('|').unwrap_or((rest, ""));
    let choice = match what {
        MORE => Choice::More,
        INTERESTED => Choice::Interested,
        _ => return None,
    };
    Some(Pick::Button { id: id.parse().ok(), choice })
}

/// The words that answer the activities when typed, in a locale (and en-GB's).
#[derive(Debug, Clone, Default)]
pub(super) struct Words {
    more: Vec<String>,
    interested: Vec<String>,
    /// "first", "second", "third".
    which: Vec<String>,
    /// "the last one".
    last: Vec<String>,
    numbers: Vec<(String, i64)>,
    no: Vec<String>,
}

/// Does `said` (normalised) hold `phrase` as whole words?
fn has(said: &str, phrase: &str) -> bool {
    !phrase.is_empty() && format!(" {said} ").contains(&format!(" {phrase} "))
}

/// Reads a typed line after activities were shown (their names, in order): which one, and
/// what they want with it. Only a short line that says so plainly; anything else is their own
/// words, for the link worker.
///
/// `default` is what a name or number alone asks for (tell me more; after "Which one are you
/// interested in?", interest). `explicit` (a while after the activities, with other messages
/// between): only a line that names one of them counts, never a bare "yeah" or "nah".
pub(super) fn read_typed(
    text: &str,
    names: &[String],
    words: &Words,
    default: Choice,
    explicit: bool,
) -> Option<Typed> {
    let said = normalise(text);
    let tokens: Vec<&str> = said.split(' ').filter(|t| !t.is_empty()).collect();
    if tokens.is_empty() || tokens.len() > MAX_TYPED_WORDS || names.is_empty() {
        return None;
    }
    // "not interested", "nah", "i dont like any of them": not a yes to anything.
    let negative = words.no.iter().any(|w| has(&said, w))
        || tokens.iter().any(|t| matches!(*t, "not" | "dont" | "never" | "none" | "neither"));
    if negative {
        return (tokens.len() <= 8 && !explicit).then_some(Typed::NoThanks);
    }
    // A phrase as typed, or one long word with one slip ("intrested", "detials").
    let says = |list: &[String]| {
        list.iter().any(|w| {
            has(&said, w)
                || (!w.contains(' ')
                    && w.chars().count() >= 6
                    && tokens.iter().any(|t| crate::intent::typed::near(t, w)))
        })
    };
    let choice = match (says(&words.interested), says(&words.more)) {
        (true, _) => Some(Choice::Interested),
        (false, true) => Some(Choice::More),
        (false, false) => None,
    };
    let mut which: Vec<usize> = Vec::new();
    // A while later a number or "first" alone may answer something else: it needs words
    // saying what, there; a name does not.
    let by_place = !explicit || choice.is_some();
    let mut note = |i: usize| {
        if i < names.len() && !which.contains(&i) {
            which.push(i);
        }
    };
    for t in &tokens {
        // "2", and "2nd".
        let digits = ["st", "nd", "rd", "th"].iter().find_map(|s| t.strip_suffix(s)).unwrap_or(t);
        if let Ok(n) = digits.parse::<usize>() {
            if (1..=names.len()).contains(&n) && by_place {
                note(n - 1);
            } else {
                return None;
            }
        }
    }
    for (i, w) in words.which.iter().enumerate() {
        if has(&said, w) && by_place {
            note(i);
        }
    }
    // A number in words alone ("three") or after "number" ("number two"): "the music one" says
    // no number.
    for (w, n) in &words.numbers {
        let alone = tokens.len() <= 2 && tokens.contains(&w.as_str());
        if by_place
            && (1..=names.len() as i64).contains(n)
            && (alone || ["number", "no", "option"].iter().any(|b| has(&said, &format!("{b} {w}"))))
        {
            note(*n as usize - 1);
        }
    }
    if by_place && words.last.iter().any(|w| has(&said, w)) {
        note(names.len() - 1);
    }
    // A word of one name and no other's ("the music one").
    let named: Vec<Vec<String>> = names
        .iter()
        .map(|n| normalise(n).split(' ').filter(|w| w.chars().count() >= 4).map(String::from).collect())
        .collect();
    for (i, own) in named.iter().enumerate() {
        let unique = own.iter().filter(|w| named.iter().enumerate().all(|(j, o)| j == i || !o.contains(w)));
        if unique.into_iter().any(|w| tokens.contains(&w.as_str())) {
            note(i);
        }
    }
    match (which.as_slice(), choice) {
        ([one], choice) => Some(Typed::Chose(*one, choice.unwrap_or(default))),
        _ if explicit => None,
        ([], Some(choice)) if names.len() == 1 => Some(Typed::Chose(0, choice)),
        (_, Some(choice)) => Some(Typed::Which(choice)),
        (_, None) => None,
    }
}

impl Linkup {
    fn activity_words(&self, locale: &str) -> Words {
        let locales = &self.content.locales;
        let list = |id: &str| -> Vec<String> {
            locales.list(locale, id).iter().map(|w| normalise(w)).filter(|w| !w.is_empty()).collect()
        };
        let mut more = list("words-activity-more");
        more.push(normalise(&locales.render(locale, &Text::new("btn-activity-more"))));
        let mut interested = list("words-activity-interested");
        interested.push(normalise(&locales.render(locale, &Text::new("btn-activity-interested"))));
        // A plain yes is "I'm interested" when it can only mean one of them.
        interested.extend(list("words-yes"));
        let typed = crate::intent::words(locales, locale);
        Words {
            more,
            interested,
            which: list("words-activity-which"),
            last: list("words-activity-last"),
            numbers: typed.numbers,
            no: list("words-no"),
        }
    }

    /// Whether this message answers activities shown to them: one of their buttons; words
    /// typed straight after them that plainly do; or, within the hour since they were shown
    /// and after the flow, with no link worker in contact, words that name one of them ("the
    /// music one"). Never words with any sign of risk: the safety check comes first.
    #[allow(clippy::too_many_arguments)]
    pub(super) async fn activity_pick(
        &self,
        tx: &mut Tx<'_>,
        person: &people::Person,
        after_flow: bool,
        incoming: &Incoming,
        offered: &[(String, String)],
        locale: &str,
        now: i64,
    ) -> Result<Option<Pick>, store::Error> {
        let text = match incoming {
            Incoming::Press(p) => return Ok(pressed(p)),
            Incoming::Text(text) if crate::command::of(incoming).is_none() => text,
            _ => return Ok(None),
        };
        let buttons: Vec<Pick> = offered.iter().filter_map(|(p, _)| pressed(p)).collect();
        let straight_after = !buttons.is_empty();
        // Later, only when no question is waiting (a check-in's score, a data-rights "yes" is
        // that question's) and the bot is theirs.
        if !straight_after && (!after_flow || person.with_worker != 0 || !offered.is_empty()) {
            return Ok(None);
        }
        let shown = suggestions::last_shown(tx, person.id).await?;
        if shown.is_empty() || (!straight_after && shown[0].shown_at < now - WHILE_MS) {
            return Ok(None);
        }
        if !self.content.safety.check(text).is_empty() {
            return Ok(None);
        }
        let words = self.activity_words(locale);
        // After "Which one are you interested in?" (a button each, all "yes"), a name is interest.
        let choices: Vec<Choice> = buttons
            .iter()
            .filter_map(|b| match b {
                Pick::Button { choice, .. } => Some(*choice),
                Pick::Which(_) | Pick::NoThanks => None,
            })
            .collect();
        let default = match choices.as_slice() {
            [first, _, ..] if choices.iter().all(|c| c == first) => *first,
            _ => Choice::More,
        };
        let names: Vec<String> = shown.iter().map(|s| s.service.name.clone()).collect();
        let read = read_typed(text, &names, &words, default, !straight_after);
        // Straight after "Tell me more", its one button says which when the words name none of
        // the list.
        let only = match buttons.as_slice() {
            [Pick::Button { id: Some(id), choice: Choice::Interested }] => Some(*id),
            _ => None,
        };
        if let (Some(id), None | Some(Typed::Which(_))) = (only, read) {
            let just = suggestions::of_person(tx, person.id, id).await?;
            let name: Vec<String> = just.iter().map(|s| s.service.name.clone()).collect();
            if let Some(Typed::Chose(_, choice)) = read_typed(text, &name, &words, Choice::More, false) {
                return Ok(Some(Pick::Button { id: Some(id), choice }));
            }
        }
        Ok(read.map(|typed| match typed {
            Typed::Chose(i, choice) => Pick::Button { id: Some(shown[i].id), choice },
            Typed::Which(choice) => Pick::Which(choice),
            Typed::NoThanks => Pick::NoThanks,
        }))
    }

    /// The answer to an activity's button: its details, or the link worker told they are
    /// interested. The message is written to the transcript here, with the activity's name.
    pub(super) async fn activity_turn(
        &self,
        tx: &mut Tx<'_>,
        person: &people::Person,
        pick: &Pick,
        incoming: &Incoming,
        locale: &str,
        now: i64,
    ) -> Result<Vec<Outgoing>, store::Error> {
        let locales = &self.content.locales;
        let (id, choice) = match pick {
            Pick::Button { id, choice } => (*id, *choice),
            // Words, not a button: kept as typed, and answered.
            Pick::Which(_) | Pick::NoThanks => {
                let Incoming::Text(text) = incoming else { return Ok(vec![]) };
                let entry =
                    NewEntry { direction: Direction::In, kind: "text", body: text, meta: json!({}), step: None };
                let inbound = transcript::append(tx, person.id, entry, now).await?;
                // Their own words: the link worker sees them as a new message.
                let shown = suggestions::last_shown(tx, person.id).await?;
                if let Some(case) = shown.first() {
                    crate::store::cases::note_inbound(tx, case.case_id, inbound).await?;
                }
                let Pick::Which(choice) = pick else {
                    return Ok(vec![Outgoing::plain(locales.render(locale, &Text::new("activity-no-thanks")))]);
                };
                // Which one, with a button for each (its name), doing what they asked.
                let what = match choice {
                    Choice::More => "more",
                    Choice::Interested => "interested",
                };
                let text = Text::new("activity-which")
                    .arg("count", Arg::Num(shown.len() as i64))
                    .arg("choice", Arg::Str(what.into()));
                let buttons = shown
                    .iter()
                    .map(|s| OutButton {
                        label: s.service.name.clone(),
                        payload: payload(*choice, s.id),
                        selected: false,
                    })
                    .collect();
                // A question of its own (not lasting): its buttons are the latest, numbered 1 to n.
                let out = Outgoing { buttons, ..Outgoing::plain(locales.render(locale, &text)) };
                return Ok(vec![out]);
            }
        };
        let found = match id {
            Some(id) => suggestions::of_person(tx, person.id, id).await?,
            None => None,
        };
        let button = match choice {
            Choice::More => "btn-activity-more",
            Choice::Interested => "btn-activity-interested",
        };
        let label = locales.render(locale, &Text::new(button));
        let chosen = match &found {
            Some(s) => format!("{label}: {}", s.service.name),
            None => label,
        };
        let (kind, body, meta) = match incoming {
            Incoming::Text(t) => {
                ("text", t.clone(), json!({ transcript::TYPED_BUTTON: true, transcript::CHOSEN: chosen }))
            }
            Incoming::Press(p) => ("button", chosen, json!({ "payload": p })),
            _ => ("button", chosen, json!({})),
        };
        let entry = NewEntry { direction: Direction::In, kind, body: &body, meta, step: None };
        let inbound = transcript::append(tx, person.id, entry, now).await?;
        let Some(suggestion) = found else {
            return Ok(vec![Outgoing::plain(locales.render(locale, &Text::new("activity-gone")))]);
        };
        let name = || Arg::Str(suggestion.service.name.clone());
        let reply = match choice {
            Choice::More => {
                suggestions::asked_more(tx, suggestion.id, now).await?;
                let mut out = self.details(&suggestion.service, locale);
                out.lasting = true;
                out.buttons = vec![OutButton {
                    label: locales.render(locale, &Text::new("btn-activity-interested")),
                    payload: payload(Choice::Interested, suggestion.id),
                    selected: false,
                }];
                out
            }
            Choice::Interested => {
                let id = if suggestions::interested(tx, suggestion.id, now).await? {
                    // The link worker sees it as a new message on the case.
                    crate::store::cases::note_inbound(tx, suggestion.case_id, inbound).await?;
                    tracing::info!(case = suggestion.case_id, "a young person is interested in an activity");
                    "activity-interested"
                } else {
                    "activity-interested-again"
                };
                Outgoing::plain(locales.render(locale, &Text::new(id).arg("name", name())))
            }
        };
        Ok(vec![reply])
    }

    /// After a whole hand-off by someone who asked for activities: up to [`SUGGESTED`] that
    /// fit their interests and topics, age band and area, each with its buttons; or a kind
    /// word when the directory is empty or nothing fits.
    pub(super) async fn suggest_activities(
        &self,
        tx: &mut Tx<'_>,
        here: &Here<'_>,
        state: &State,
        turn: &mut Turn,
    ) -> Result<(), store::Error> {
        let Some(case) = turn.handed_off else {
            tracing::warn!("activities asked for without a hand-off in the same turn; none suggested");
            return Ok(());
        };
        let locales = &self.content.locales;
        let say = |id: &str| Outgoing::plain(locales.render(here.locale, &Text::new(id)));
        let services = crate::store::directory::load_in(tx).await?;
        if services.is_empty() {
            turn.replies.push(say("activities-empty"));
            return Ok(());
        }
        let fitting = self.fitting(services, state);
        if fitting.is_empty() {
            turn.replies.push(say("activities-none"));
            return Ok(());
        }
        let intro = Text::new("activities-intro").arg("count", Arg::Num(fitting.len() as i64));
        turn.replies.push(Outgoing::plain(locales.render(here.locale, &intro)));
        for service in &fitting {
            let id = suggestions::shown(tx, case, service, None, here.now).await?;
            turn.replies.push(self.card(service, id, here.locale));
        }
        Ok(())
    }

    /// What fits the answers, best first, at most [`SUGGESTED`]: for every age of their age
    /// band (linkup knows only the band, so a club for 8 to 16 is not put to a 16–18), serving
    /// their area (a postcode district or a place the mapping names; else only activities that
    /// serve everywhere), offering something they asked for.
    fn fitting(&self, services: Vec<Service>, state: &State) -> Vec<Service> {
        let mapping = &self.content.directory;
        let options = Options::of(self.flow());
        let list = |key: &str| match state.answers.get(key) {
            Some(Answer::Multi { values }) => values.clone(),
            Some(Answer::Choice { value }) => vec![value.clone()],
            _ => vec![],
        };
        let Some(Answer::Choice { value: band }) = state.answers.get(super::keys::AGE_BAND) else { return vec![] };
        let Ok(ages) = Ages::parse(band, &options.age_bands) else { return vec![] };
        let services: Vec<Service> =
            services.into_iter().filter(|s| ages.covered_by(s.minimum_age, s.maximum_age)).collect();
        let area = match state.answers.get(super::keys::AREA) {
            Some(Answer::Text { value, .. }) => Area::resolve(value, mapping).ok(),
            _ => None,
        };
        let area = area.unwrap_or(Area { districts: vec![], letters: vec![] });
        // Answers the mapping gives no terms for ("something else") ask for nothing in particular.
        let Ok(wanted) =
            Query::wanted(mapping, &options, &services, &list(super::keys::INTERESTS), &list(super::keys::TOPICS))
        else {
            return vec![];
        };
        let wanted: Vec<_> = wanted.into_iter().filter(|w| !w.terms.is_empty()).collect();
        // Nothing they chose is in the directory's terms ("Animals", "Something else"): nothing
        // offered, rather than whatever is near (a food bank to someone who likes animals).
        if wanted.is_empty() {
            return vec![];
        }
        let query = Query { wanted, ages, area };
        crate::directory::matches(&services, &query, mapping)
            .into_iter()
            .take(SUGGESTED)
            .map(|m| m.service.clone())
            .collect()
    }

    /// One activity in a few lines, with its two buttons.
    fn card(&self, service: &Service, id: i64, locale: &str) -> Outgoing {
        let locales = &self.content.locales;
        let text = Text::new("activity-card")
            .arg("name", Arg::Str(service.name.clone()))
            .arg("about", Arg::Str(first_sentence(&service.description)))
            .arg("ages", Arg::Str(self.ages(service, locale)))
            .arg("cost", Arg::Str(self.cost(service, locale)));
        let button = |label: &str, choice| OutButton {
            label: locales.render(locale, &Text::new(label)),
            payload: payload(choice, id),
            selected: false,
        };
        Outgoing {
            text: tidy_lines(&locales.render(locale, &text)),
            buttons: vec![
                button("btn-activity-more", Choice::More),
                button("btn-activity-interested", Choice::Interested),
            ],
            columns: 2,
            update_previous: false,
            lasting: true,
            attachment: None,
        }
    }

    /// "Tell me more": what it is, when, cost, where and how to go; the lines the directory has.
    fn details(&self, service: &Service, locale: &str) -> Outgoing {
        let locales = &self.content.locales;
        let line = |id: &str, arg: &str, value: &str| {
            (!value.trim().is_empty())
                .then(|| locales.render(locale, &Text::new(id).arg(arg, Arg::Str(value.trim().to_string()))))
        };
        let postcodes: Vec<&str> = service.postcodes.iter().map(|p| p.postcode.as_str()).collect();
        let how: Vec<&str> = [service.how.as_str(), service.url.as_str(), service.contact.as_str()]
            .into_iter()
            .filter(|s| !s.trim().is_empty())
            .collect();
        let mut lines = vec![service.name.clone()];
        lines.extend((!service.description.trim().is_empty()).then(|| service.description.trim().to_string()));
        lines.push(self.ages(service, locale));
        lines.extend(line("activity-more-when", "when", &service.schedule));
        lines.extend(line("activity-more-cost", "cost", &self.cost(service, locale)));
        lines.extend(line("activity-more-where", "where", &postcodes.join(", ")));
        lines.extend(line("activity-more-how", "how", &how.join(" · ")));
        lines.push(locales.render(locale, &Text::new("activity-more-end")));
        Outgoing::plain(lines.join("\n"))
    }

    fn ages(&self, service: &Service, locale: &str) -> String {
        let kind = match (service.minimum_age, service.maximum_age) {
            (Some(_), Some(_)) => "range",
            (Some(_), None) => "from",
            (None, Some(_)) => "upto",
            (None, None) => "any",
        };
        let num = |n: Option<u32>| Arg::Num(i64::from(n.unwrap_or_default()));
        let text = Text::new("activity-ages")
            .arg("kind", Arg::Str(kind.into()))
            .arg("from", num(service.minimum_age))
            .arg("to", num(service.maximum_age));
        self.content.locales.render(locale, &text)
    }

    /// "Free" in their words, or the directory's own words for a cost.
    fn cost(&self, service: &Service, locale: &str) -> String {
        match (service.free, service.cost.trim()) {
            (true, "") | (true, "Free") => self.content.locales.render(locale, &Text::new("activity-free")),
            (_, cost) => cost.to_string(),
        }
    }

    /// Sends one directory activity to the young person of `case` from a link worker, with
    /// its buttons, in one transaction with the suggestion, the transcript and the audit.
    pub async fn send_activity_from_worker(
        &self,
        case: &CaseRecord,
        worker: &Worker,
        service_id: &str,
        now: i64,
    ) -> Result<i64, SendError> {
        Self::sendable(case)?;
        let mut tx = self.store.begin().await?;
        let services = crate::store::directory::load_in(&mut tx).await?;
        let Some(service) = services.iter().find(|s| s.id == service_id) else {
            return Err(SendError::NoActivity);
        };
        let (channel, chat) = people::address(&mut tx, case.person_id).await?;
        let locale = self.content.locales.known(&case.locale);
        let id = suggestions::shown(&mut tx, case.id, service, Some(worker.id), now).await?;
        let intro = Text::new("activity-from-worker").arg("name", Arg::Str(worker.first_name().to_string()));
        let mut card = self.card(service, id, &locale);
        card.text = format!("{}\n\n{}", self.content.locales.render(&locale, &intro), card.text);
        let sent = outbox::enqueue(&mut tx, case.person_id, &channel, &chat, &card.to_item(), now).await?;
        let entry = NewEntry {
            direction: Direction::Out,
            kind: "worker",
            body: &card.text,
            meta: json!({ "worker": worker.id, "outbox": sent, "buttons": card.buttons, transcript::LASTING: true }),
            step: None,
        };
        transcript::append(&mut tx, case.person_id, entry, now).await?;
        people::set_with_worker(&mut tx, case.person_id, true).await?;
        casework::in_contact(&mut tx, case.id, worker.id, now).await?;
        casework::audit(&mut tx, Some(worker.id), Some(case.id), "sent activity", &service.id, now).await?;
        tx.commit().await.map_err(store::Error::from)?;
        tracing::info!(reference = %case.reference, worker = worker.id, "activity sent to a young person");
        Ok(sent)
    }
}

/// The first sentence of a description, or its first 140 characters.
fn first_sentence(description: &str) -> String {
    let text = description.split_whitespace().collect::<Vec<_>>().join(" ");
    let end = text.find(". ").map_or(text.len(), |i| i + 1);
    let cut: String = text[..end].chars().take(140).collect();
    if cut.chars().count() < text[..end].chars().count() { format!("{}…", cut.trim_end()) } else { cut }
}

/// Drops empty lines (an activity with no description).
fn tidy_lines(text: &str) -> String {
    text.lines().filter(|l| !l.trim().is_empty()).collect::<Vec<_>>().join("\n")
}

/// A suggestion as the case page shows its state.
pub fn state_of(s: &Suggestion) -> &'static str {
    match (s.interested_at, s.more_at) {
        (Some(_), _) => "interested",
        (None, Some(_)) => "asked for more",
        (None, None) => "shown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> Words {
        let list = |s: &str| s.split(", ").map(String::from).collect::<Vec<_>>();
        Words {
            more: list("tell me more, more, info, details, when, where"),
            interested: list("interested, im interested, sounds good, yes, yeah, ok"),
            which: list("first, second, third"),
            last: list("last, the last one"),
            numbers: vec![("one".into(), 1), ("two".into(), 2), ("three".into(), 3)],
            no: list("no, nah"),
        }
    }

    #[test]
    fn typed_answers_to_activities() {
        use Typed::*;
        let names: Vec<String> =
            ["Moss Side Music Club", "Saturday Football", "Youth Club Night"].map(String::from).to_vec();
        let w = words();
        let read = |text: &str| read_typed(text, &names, &w, Choice::More, false);
        assert_eq!(read("I'm interested in the first one"), Some(Chose(0, Choice::Interested)));
        assert_eq!(read("tell me more about 2"), Some(Chose(1, Choice::More)));
        assert_eq!(read("more about the 2nd one"), Some(Chose(1, Choice::More)));
        assert_eq!(read("the football one sounds good"), Some(Chose(1, Choice::Interested)));
        assert_eq!(read("more info on number three pls"), Some(Chose(2, Choice::More)));
        assert_eq!(read("detials for the youth club"), Some(Chose(2, Choice::More)));
        assert_eq!(read("Intrested in music"), Some(Chose(0, Choice::Interested)), "one slip");
        // A name or a place in the list alone: tell me more.
        assert_eq!(read("the football one"), Some(Chose(1, Choice::More)));
        assert_eq!(read("3"), Some(Chose(2, Choice::More)));
        assert_eq!(read("intrsted in music"), Some(Chose(0, Choice::More)), "two slips are not interest");
        // Plain about what, not which: asked which.
        assert_eq!(read("yeah ok"), Some(Which(Choice::Interested)));
        assert_eq!(read("more info"), Some(Which(Choice::More)));
        assert_eq!(read("interested in 1 and 2"), Some(Which(Choice::Interested)), "two at once");
        // No thanks.
        assert_eq!(read("not interested in the first one"), Some(NoThanks));
        assert_eq!(read("nah"), Some(NoThanks));
        assert_eq!(read("i dont like any of them"), Some(NoThanks));
        // Nothing to do with them.
        assert_eq!(read("club"), None, "a word of two names, no choice");
        assert_eq!(read("thanks"), None);
        assert_eq!(read("more about 7"), None);
        let one = vec!["Saturday Football".to_string()];
        assert_eq!(read_typed("yeah ok", &one, &w, Choice::More, false), Some(Chose(0, Choice::Interested)));
        assert_eq!(read_typed("when is it", &one, &w, Choice::More, false), Some(Chose(0, Choice::More)));
        // "the last one", "three".
        assert_eq!(read("the last one"), Some(Chose(2, Choice::More)));
        assert_eq!(read("three"), Some(Chose(2, Choice::More)));
        // After "Which one are you interested in?", a name alone is interest.
        assert_eq!(
            read_typed("the music one", &names, &w, Choice::Interested, false),
            Some(Chose(0, Choice::Interested))
        );
        // A while later, only a line that names one counts.
        let later = |text: &str| read_typed(text, &names, &w, Choice::More, true);
        assert_eq!(later("interested in the football one"), Some(Chose(1, Choice::Interested)));
        assert_eq!(later("yeah ok"), None);
        assert_eq!(later("nah"), None);
        assert_eq!(later("i want to talk about my mum"), None);
        assert_eq!(read_typed("yeah ok", &one, &w, Choice::More, true), None);
        assert_eq!(later("2"), None, "a number alone may answer something else by then");
        assert_eq!(later("tell me more about 2"), Some(Chose(1, Choice::More)));
        assert_eq!(later("the football one"), Some(Chose(1, Choice::More)));
        let long = "i am interested in the first one but i have lots of other things going on at home right now";
        assert_eq!(read(long), None, "their own words go to the link worker");
    }

    #[test]
    fn payloads_round_trip() {
        assert_eq!(pressed(&payload(Choice::More, 12)), Some(Pick::Button { id: Some(12), choice: Choice::More }));
        assert_eq!(pressed("#activity|yes|x"), Some(Pick::Button { id: None, choice: Choice::Interested }));
        assert_eq!(pressed("#activity|maybe|1"), None);
        assert_eq!(pressed("#delete|yes"), None);
        assert!(payload(Choice::Interested, i64::MAX).len() <= 64, "Telegram's callback data limit");
    }

    #[test]
    fn first_sentences() {
        assert_eq!(first_sentence("Music for all. Bring a friend."), "Music for all.");
        assert_eq!(first_sentence("  no full stop  "), "no full stop");
        let long = "é".repeat(200);
        assert_eq!(first_sentence(&long).chars().count(), 141);
    }
}
