//! Taking one message from a young person through the engine and back, in one transaction:
//! person, state, transcript and (at hand-off) the case commit together.
//!
//! Every text is checked by [`crate::safety`] before the flow sees it (`escalate`).
//! The channel seam ([`crate::channel`]) calls [`Linkup::receive_via`] for each stored payload;
//! the terminal and tests may call [`Linkup::receive`] and show the replies themselves.

mod activities;
mod contact;
mod escalate;
mod language;
mod privacy;
mod side;
mod wellbeing;

pub use activities::{SUGGESTED, state_of as suggestion_state};
pub use contact::{MAX_WORKER_MESSAGE, SendError};
pub use privacy::MESSAGES as PRIVACY_MESSAGES;
pub use side::{CHECKIN as CHECKIN_FLOW, DATA_RIGHTS as DATA_RIGHTS_FLOW};
pub use wellbeing::Reminded;

use std::path::Path;
use std::sync::Arc;

use serde::Serialize;
use serde_json::json;

use crate::config::Config;
use crate::flow::engine::{self, Answer, Command, Context, Effect, Input, State};
use crate::flow::{Flow, Settings, StepKind, check, load};
use crate::i18n::Locales;
use crate::intent::{self, Incoming};
use crate::measures::Measures;
use crate::message::{Arg, Reply, SummaryValue, Text};
use crate::problem::Problem;
use crate::safety::{Assessment, Level, Safety};
use crate::store::cases::{NewCase, NewScore};
use crate::store::outbox::{self, Item};
use crate::store::transcript::{Direction, NewEntry};
use crate::store::{self, Store, cases, conversations, flags, inbox, people, transcript};

/// Everything a service edits: flows, words, measures and safety rules, loaded and checked
/// together.
#[derive(Debug)]
pub struct Content {
    pub flows: Vec<Flow>,
    pub locales: Locales,
    pub measures: Measures,
    pub safety: Safety,
    /// `flows/directory/mapping.toml`: answers as the activities directory's terms.
    pub directory: crate::directory::Mapping,
}

impl Content {
    /// Loads and checks everything; any problem at all is an error listing every problem.
    pub fn load(flows_dir: &Path, locales_dir: &Path) -> Result<Content, Vec<Problem>> {
        let (flows, mut problems) = load::load_dir(flows_dir);
        let (locales, locale_problems) = Locales::load(locales_dir);
        let (measures, measure_problems) = Measures::load(&flows_dir.join("measures"));
        let (safety, safety_problems) = Safety::load(&flows_dir.join("safety"));
        problems.extend(locale_problems);
        problems.extend(measure_problems);
        problems.extend(safety_problems);
        problems.extend(check::check(&flows, &locales, &measures));
        problems.extend(words_missing(&safety, &measures, &locales));
        problems.extend(safety_categories(&flows, &safety));
        let directory = directory_mapping(flows_dir, &flows).unwrap_or_else(|problem| {
            problems.push(problem);
            Default::default()
        });
        if problems.is_empty() { Ok(Content { flows, locales, measures, safety, directory }) } else { Err(problems) }
    }

    pub fn flow(&self, id: &str) -> Option<&Flow> {
        self.flows.iter().find(|f| f.id == id)
    }

    /// The words of an option id as link workers read them (the fallback locale).
    pub fn option_label(&self, flow: &str, key: &str, value: &str) -> String {
        self.option_label_in(crate::i18n::FALLBACK, flow, key, value)
    }

    /// As [`Content::option_label`], in `locale`'s words.
    pub fn option_label_in(&self, locale: &str, flow: &str, key: &str, value: &str) -> String {
        self.flow(flow)
            .and_then(|f| f.step_saving(key))
            .and_then(|s| match &s.kind {
                StepKind::Choice { options, .. } | StepKind::Multi { options, .. } => {
                    options.iter().find(|o| o.id == value)
                }
                StepKind::Text { .. }
                | StepKind::Scale { .. }
                | StepKind::Measure { .. }
                | StepKind::Action { .. }
                | StepKind::Message { .. }
                | StepKind::Branch { .. }
                | StepKind::HandOff { .. }
                | StepKind::End => None,
            })
            .map(|o| self.locales.render(locale, &Text::new(o.label.as_str())))
            .unwrap_or_else(|| value.to_string())
    }

    /// Labels of a JSON list of option ids, joined with commas; "—" for none.
    pub fn option_labels(&self, flow: &str, key: &str, json_list: &str) -> String {
        let values: Vec<String> = serde_json::from_str(json_list).unwrap_or_default();
        if values.is_empty() {
            return "—".into();
        }
        values.iter().map(|v| self.option_label(flow, key, v)).collect::<Vec<_>>().join(", ")
    }
}

/// The directory mapping, checked against the answers of every flow that is not a side flow;
/// none when the file is absent (no activities are suggested then).
fn directory_mapping(flows_dir: &Path, flows: &[Flow]) -> Result<crate::directory::Mapping, Problem> {
    let file = flows_dir.join(crate::directory::MAPPING_FILE);
    let Ok(text) = std::fs::read_to_string(&file) else { return Ok(Default::default()) };
    let mut options = crate::directory::Options::default();
    for flow in flows.iter().filter(|f| !f.is_side()) {
        let of = crate::directory::Options::of(flow);
        options.interests.extend(of.interests);
        options.topics.extend(of.topics);
        options.age_bands.extend(of.age_bands);
    }
    crate::directory::Mapping::parse(&text, &options).map_err(|e| Problem::new(&file, 0, None, e))
}

/// A direct question's `category` is a crisis category of the safety rules (a yes gets its
/// crisis reply).
fn safety_categories(flows: &[Flow], safety: &Safety) -> Vec<Problem> {
    let Some(rules) = safety.rules.get("en") else { return vec![] };
    let mut problems = Vec::new();
    for flow in flows {
        for step in &flow.steps {
            if let Some(category) = &step.category
                && rules.category(category).is_none_or(|c| c.level != Level::Crisis)
            {
                let known: Vec<&str> =
                    rules.categories.iter().filter(|c| c.level == Level::Crisis).map(|c| c.id.as_str()).collect();
                problems.push(Problem::new(
                    &flow.file,
                    step.line,
                    Some(&step.id),
                    format!(
                        "category \"{category}\" is not a crisis category of the safety rules ({})",
                        known.join(", ")
                    ),
                ));
            }
        }
    }
    problems
}

/// Every locale has the words for each crisis category, each contact, the safety notes, the
/// data-rights and check-in messages, and each measure's.
fn words_missing(safety: &Safety, measures: &Measures, locales: &Locales) -> Vec<Problem> {
    let mut ids: Vec<(String, &Path)> = Vec::new();
    for rules in safety.rules.values() {
        for c in rules.categories.iter().filter(|c| c.level == Level::Crisis) {
            ids.push((escalate::reply_id(&c.id), &rules.file));
        }
    }
    for c in &safety.contacts.contacts {
        ids.push((c.message.clone(), &safety.contacts.file));
    }
    let shared = escalate::MESSAGES.iter().chain(privacy::MESSAGES).chain(contact::MESSAGES).chain(wellbeing::MESSAGES);
    let shared = shared.chain(language::MESSAGES).chain(activities::MESSAGES);
    for id in shared.chain(crate::command::MESSAGES).chain(crate::channel::web::routes::MESSAGES) {
        ids.push((id.to_string(), &safety.contacts.file));
    }
    let mut problems = Vec::new();
    for (locale, messages) in &locales.messages {
        for (id, file) in &ids {
            if !messages.contains_key(id) {
                problems.push(Problem::new(
                    file,
                    0,
                    None,
                    format!("message \"{id}\" (safety) is missing from locale {locale}"),
                ));
            }
        }
    }
    // The words of every instrument: its questions, responses and chart names.
    for instrument in measures.instruments.values() {
        for id in instrument.message_ids() {
            for (locale, messages) in &locales.messages {
                if !messages.contains_key(id) && !instrument.in_english(locale, id) {
                    problems.push(Problem::new(
                        &instrument.file,
                        0,
                        None,
                        format!("message \"{id}\" (measure {}) is missing from locale {locale}", instrument.id),
                    ));
                }
            }
        }
    }
    problems
}

/// Who sent a message: a channel and the person's id there, their language if known, and
/// where they came from (a referral code's source) if this message says.
#[derive(Debug, Clone)]
pub struct Sender<'a> {
    pub channel: &'a str,
    pub user: &'a str,
    pub language: Option<&'a str>,
    pub source: Option<&'a str>,
}

impl<'a> Sender<'a> {
    pub fn new(channel: &'a str, user: &'a str) -> Sender<'a> {
        Sender { channel, user, language: None, source: None }
    }
}

/// Where replies go, and the stored payload a message came from.
#[derive(Debug, Clone, Copy, Default)]
pub struct Delivery<'a> {
    /// Queued in the outbox for this chat, in the same transaction. `None`: returned to the
    /// caller only, who shows them at once (the terminal's replies to a line, tests).
    pub outbox: Option<&'a str>,
    /// The stored inbox payload the message came from, claimed in that transaction so it is
    /// handled once, in order.
    pub inbox: Option<&'a inbox::Stored>,
}

impl<'a> Delivery<'a> {
    /// Replies returned to the caller; nothing stored in the inbox.
    pub const DIRECT: Delivery<'static> = Delivery { outbox: None, inbox: None };

    /// Replies queued for `chat`; nothing stored in the inbox (reminders, a worker's message).
    pub fn outbox(chat: &'a str) -> Delivery<'a> {
        Delivery { outbox: Some(chat), inbox: None }
    }
}

/// A button as a channel shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutButton {
    pub label: String,
    pub payload: String,
    /// Written only when ticked: every button of every message is kept in the transcript.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub selected: bool,
}

/// A message as a channel shows it: words, and buttons in rows of `columns`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outgoing {
    pub text: String,
    pub buttons: Vec<OutButton>,
    pub columns: usize,
    /// Redraws the previous message's buttons (a tick on a multi-select) instead of adding one.
    pub update_previous: bool,
    /// Its buttons stay usable under it after later messages (an activity's), rather than
    /// being the latest question's; a channel that shows only the latest buttons keeps these.
    pub lasting: bool,
    /// A file sent with `text` as its caption (the young person's data, for `/mydata`).
    pub attachment: Option<Attachment>,
}

/// A file to send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attachment {
    pub filename: String,
    #[serde(skip)]
    pub body: Vec<u8>,
    /// A picture, shown as one (a chart), rather than a file to open.
    pub image: bool,
}

impl Attachment {
    pub fn json(filename: String, body: String) -> Attachment {
        Attachment { filename, body: body.into_bytes(), image: false }
    }

    pub fn png(filename: String, body: Vec<u8>) -> Attachment {
        Attachment { filename, body, image: true }
    }
}

impl Outgoing {
    /// Words only.
    pub fn plain(text: String) -> Outgoing {
        Outgoing { text, buttons: vec![], columns: 1, update_previous: false, lasting: false, attachment: None }
    }
}

impl Outgoing {
    /// The outbox item for a channel that draws ticks itself (✓ before a ticked label).
    pub fn to_item(&self) -> Item {
        let buttons = self
            .buttons
            .iter()
            .map(|b| outbox::Button {
                label: if b.selected { format!("✓ {}", b.label) } else { b.label.clone() },
                payload: b.payload.clone(),
            })
            .collect();
        if let Some(file) = &self.attachment {
            if file.image {
                Item::Photo {
                    filename: file.filename.clone(),
                    caption: self.text.clone(),
                    png: outbox::encode(&file.body),
                }
            } else {
                Item::Document {
                    filename: file.filename.clone(),
                    caption: self.text.clone(),
                    body: String::from_utf8_lossy(&file.body).into_owned(),
                }
            }
        } else if self.update_previous {
            Item::EditButtons { buttons, columns: self.columns }
        } else {
            Item::Message { text: self.text.clone(), buttons, columns: self.columns }
        }
    }
}

/// What handling one message produced.
#[derive(Debug, Clone)]
pub struct Handled {
    pub replies: Vec<Outgoing>,
    /// The reference of a case created by this message.
    pub new_case: Option<String>,
    /// The crisis category, when this message made the case urgent.
    pub urgent: Option<String>,
    /// The update was handled already, or an earlier one of its chat must go first.
    pub skipped: bool,
}

/// A message read once (see [`Linkup::read`]).
struct Read {
    incoming: Incoming,
    command: Option<crate::command::Parsed>,
    /// What it says at the step the person is on (in a side flow, if it is for one).
    inputs: Vec<Input>,
    /// Typed, and a button, a command or a phone number rather than words.
    typed_button: bool,
}

/// Who and when, for applying effects.
#[derive(Clone, Copy)]
struct Here<'a> {
    person: &'a people::Person,
    locale: &'a str,
    /// The transcript entry of the message and its words as written.
    inbound: (i64, &'a str),
    /// The reference a case made now gets (an open case's own, if they have one).
    reference: &'a str,
    now: i64,
}

/// What one message has produced so far.
#[derive(Default)]
struct Turn {
    replies: Vec<Outgoing>,
    /// The reference of a case this message created.
    new_case: Option<String>,
    /// The crisis category, when this message made the case urgent.
    urgent: Option<String>,
    /// The case the hand-off in this turn made or completed.
    handed_off: Option<i64>,
}

impl Turn {
    fn reply(&mut self, out: Outgoing) {
        // Several ticks from one line ("1 3 5") redraw the buttons once.
        if out.update_previous && self.replies.last().is_some_and(|r| r.update_previous) {
            self.replies.pop();
        }
        self.replies.push(out);
    }

    fn escalated(&mut self, e: escalate::Escalated) {
        self.replies.extend(e.replies);
        self.new_case = self.new_case.take().or(e.new_case);
        self.urgent = self.urgent.take().or(e.urgent);
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] store::Error),
    #[error("the configured flow \"{0}\" does not exist")]
    NoFlow(String),
    #[error("[checkins] measure \"{0}\" is not in flows/measures")]
    NoMeasure(String),
    #[error("offer_languages names \"{0}\", but there are no words for it (the locales are {1})")]
    NoLocale(String, String),
    #[error("the side flow \"{0}\" is missing from the flows folder (flows/{0}.toml)")]
    NoSideFlow(&'static str),
    #[error(transparent)]
    Plan(#[from] crate::reminders::PlanError),
    #[error(transparent)]
    Duty(#[from] crate::duty::DutyError),
}

/// The running service: store, content and settings.
#[derive(Debug, Clone)]
pub struct Linkup {
    pub store: Store,
    pub content: Arc<Content>,
    pub settings: Arc<Settings>,
    pub flow_id: String,
    /// Settings outside the flow: team routing, the dashboard, check-ins.
    pub config: Arc<Config>,
    /// When check-in reminders go out.
    pub plan: crate::reminders::Plan,
    /// When link workers read urgent cases.
    pub duty: crate::duty::Duty,
}

impl Linkup {
    pub fn new(store: Store, content: Arc<Content>, config: &Config) -> Result<Linkup, Error> {
        if content.flow(&config.flow).is_none() {
            return Err(Error::NoFlow(config.flow.clone()));
        }
        if !content.measures.instruments.contains_key(&config.checkins.measure) {
            return Err(Error::NoMeasure(config.checkins.measure.clone()));
        }
        let locales = &content.locales;
        // "cy-GB" for the "cy" folder is fine; "fr" with no folder is not.
        let language = |l: &str| l.split(['-', '_']).next().unwrap_or_default().to_lowercase();
        if let Some(unknown) =
            config.offer_languages.iter().find(|l| language(&locales.pick(Some(l.as_str()))) != language(l))
        {
            let known: Vec<&str> = locales.messages.keys().map(String::as_str).collect();
            return Err(Error::NoLocale(unknown.clone(), known.join(", ")));
        }
        for id in [side::DATA_RIGHTS, side::CHECKIN] {
            if content.flow(id).is_none_or(|f| !f.is_side()) {
                return Err(Error::NoSideFlow(id));
            }
        }
        Ok(Linkup {
            plan: crate::reminders::Plan::from_config(&config.checkins)?,
            duty: crate::duty::Duty::from_config(&config.urgent)?,
            store,
            content,
            settings: Arc::new(config.settings()),
            flow_id: config.flow.clone(),
            config: Arc::new(config.clone()),
        })
    }

    fn flow(&self) -> &Flow {
        self.content.flow(&self.flow_id).expect("checked in Linkup::new")
    }

    /// Handles one incoming message. Safe to call concurrently: messages from one person are
    /// serialised by the database, different people run in parallel.
    #[tracing::instrument(skip_all, fields(channel = sender.channel))]
    pub async fn receive(&self, sender: &Sender<'_>, incoming: &Incoming, now: i64) -> Result<Handled, Error> {
        self.receive_via(sender, incoming, now, Delivery::DIRECT).await
    }

    /// As [`Linkup::receive`], with the replies delivered as `delivery` says.
    pub async fn receive_via(
        &self,
        sender: &Sender<'_>,
        incoming: &Incoming,
        now: i64,
        delivery: Delivery<'_>,
    ) -> Result<Handled, Error> {
        // A clash of case references is rare (31^4 of them); try again with a new one.
        let mut attempts = 0;
        let started = std::time::Instant::now();
        loop {
            let reference = new_reference();
            match self.receive_once(sender, incoming, now, &reference, delivery).await {
                Err(Error::Store(store::Error::ReferenceTaken)) if attempts < 8 => attempts += 1,
                other => {
                    // Counted once committed: a payload another replica handled is not counted here.
                    if other.as_ref().is_ok_and(|h| !h.skipped) {
                        crate::metrics::message_in(sender.channel, started.elapsed());
                    }
                    return other;
                }
            }
        }
    }

    /// One message, in one transaction: read it once, record it, route it (data rights, a
    /// check-in, or the conversation), and commit what that did with the replies it caused.
    async fn receive_once(
        &self,
        sender: &Sender<'_>,
        incoming: &Incoming,
        now: i64,
        reference: &str,
        delivery: Delivery<'_>,
    ) -> Result<Handled, Error> {
        let locales = &self.content.locales;
        let mut tx = self.store.begin().await?;
        let person =
            people::touch(&mut tx, sender.channel, sender.user, &locales.pick(sender.language), sender.source, now)
                .await?;
        if let Some(stored) = delivery.inbox
            && !inbox::claim(&mut tx, stored, now).await?
        {
            return Ok(Handled { replies: vec![], new_case: None, urgent: None, skipped: true });
        }
        let mut locale = locales.known(&person.locale);
        let state = conversations::load(&mut tx, person.id).await?;
        let offered = transcript::last_offer(&mut tx, person.id).await?;
        let command = crate::command::of(incoming);
        // The language, first: `/language`, its buttons, or a service's offer to someone new.
        let mut first: Vec<Outgoing> = Vec::new();
        let language = self.language_move(state.as_ref(), incoming, command.as_ref(), &offered);
        // An activity's button, or its words typed straight after the activities.
        let activity = match language {
            Some(_) => None,
            None => {
                let after_flow = state.as_ref().is_none_or(|s| s.status != engine::Status::Active);
                self.activity_pick(&mut tx, &person, after_flow, incoming, &offered, &locale, now).await?
            }
        };
        if let Some(pick) = activity {
            let replies = self.activity_turn(&mut tx, &person, &pick, incoming, &locale, now).await?;
            send_all(&mut tx, person.id, &person.channel, &replies, delivery, None, now).await?;
            tx.commit().await.map_err(store::Error::from)?;
            return Ok(Handled { replies, new_case: None, urgent: None, skipped: false });
        }
        let side = match language {
            Some(_) => None,
            None => {
                self.side(&mut tx, &person, state.as_ref(), incoming, command.as_ref(), &offered, &locale, now).await?
            }
        };
        let mut read = match (&side, &language) {
            (Some(side), _) => self.read_side(incoming, command, side),
            (None, Some(m)) => Read {
                incoming: incoming.clone(),
                command,
                inputs: match m {
                    language::Move::Set(l) => vec![Input::Press(format!("#language|{l}"))],
                    _ => vec![],
                },
                typed_button: matches!((incoming, m), (Incoming::Text(_), language::Move::Set(_))),
            },
            (None, None) => self.read(incoming, command, state.as_ref(), &locale),
        };
        let inbound = self.record_inbound(&mut tx, &person, state.as_ref(), &read, &offered, &locale, now).await?;
        if let Some(m) = language {
            if let language::Move::Set(chosen) = &m {
                people::set_locale(&mut tx, person.id, chosen).await?;
                locale = chosen.clone();
            }
            first = self.language_replies(&m, &locale);
            if !matches!(m, language::Move::Set(_)) || !Linkup::language_carries_on(state.as_ref()) {
                send_all(&mut tx, person.id, &person.channel, &first, delivery, None, now).await?;
                tx.commit().await.map_err(store::Error::from)?;
                return Ok(Handled { replies: first, new_case: None, urgent: None, skipped: false });
            }
            // The self-referral goes on in the new language, as after /start.
            read = Read { incoming: Incoming::Start, command: None, inputs: vec![Input::Start], typed_button: false };
        }
        if let Some(side) = side {
            let done = self.run_side(&mut tx, side, &person, &locale, now).await?;
            if !done.carry_on {
                if done.erased {
                    // After an erasure nothing is written down: the farewell goes out and is forgotten.
                    if let Some(chat) = delivery.outbox {
                        for reply in &done.replies {
                            let item = Item::Farewell { text: reply.text.clone() };
                            outbox::enqueue(&mut tx, person.id, &person.channel, chat, &item, now).await?;
                        }
                    }
                } else {
                    send_all(&mut tx, person.id, &person.channel, &done.replies, delivery, None, now).await?;
                }
                tx.commit().await.map_err(store::Error::from)?;
                return Ok(Handled { replies: done.replies, new_case: None, urgent: None, skipped: false });
            }
            // The menu's "carry on": the flow picks up as after /start.
            read = Read { incoming: Incoming::Start, command: None, inputs: vec![Input::Start], typed_button: false };
        }
        let here = Here { person: &person, locale: &locale, inbound: (inbound.0, &inbound.1), reference, now };
        let (state, turn) = self.converse(&mut tx, here, state, read).await?;
        // An edit runs no step, so someone the bot has not met yet may have no state.
        if let Some(state) = &state {
            conversations::save(&mut tx, person.id, state, now).await?;
        }
        let step = state.as_ref().map(|s| s.step.as_str());
        first.extend(turn.replies);
        send_all(&mut tx, person.id, sender.channel, &first, delivery, step, now).await?;
        tx.commit().await.map_err(store::Error::from)?;
        tracing::debug!(person = person.id, step = ?step, replies = first.len(), "message handled");
        Ok(Handled { replies: first, new_case: turn.new_case, urgent: turn.urgent, skipped: false })
    }

    /// A message for a side flow, read: what it says there.
    fn read_side(&self, incoming: &Incoming, command: Option<crate::command::Parsed>, side: &side::Side) -> Read {
        let inputs = side.inputs();
        let typed_button = matches!(incoming, Incoming::Text(_))
            && inputs.iter().all(|i| !matches!(i, Input::Text(_) | Input::Guess(_)));
        Read { incoming: incoming.clone(), command, inputs, typed_button }
    }

    /// What a message means at the step the person is on, read once.
    fn read(
        &self,
        incoming: &Incoming,
        command: Option<crate::command::Parsed>,
        state: Option<&State>,
        locale: &str,
    ) -> Read {
        let flow = self.flow();
        let inputs = intent::interpret(incoming, flow, state, &self.content.locales, locale);
        // A typed button ("2", "done", a label), a command, or a phone number at the question
        // asking for one is an answer, not words for the learned tier to read (the rules still
        // read it), nor part of what recent messages say together.
        let typed_button = matches!(incoming, Incoming::Text(_))
            && (inputs.iter().all(|i| !matches!(i, Input::Text(_) | Input::Guess(_)))
                || Self::phone_answer(flow, state, incoming));
        Read { incoming: incoming.clone(), command, inputs, typed_button }
    }

    /// Writes the message to the transcript: typed buttons keep what was typed, with the
    /// labels it chose beside it. Returns the entry's id and the words as written.
    #[allow(clippy::too_many_arguments)]
    async fn record_inbound(
        &self,
        tx: &mut store::Tx<'_>,
        person: &people::Person,
        state: Option<&State>,
        read: &Read,
        offered: &[(String, String)],
        locale: &str,
        now: i64,
    ) -> Result<(i64, String), store::Error> {
        let label = |p: &str| self.pressed_label(state, p, locale, offered);
        let (kind, body, meta) = match &read.incoming {
            Incoming::Start => ("start", "/start".to_string(), json!({})),
            Incoming::Text(t) if read.typed_button => {
                let chosen: Vec<String> = read
                    .inputs
                    .iter()
                    .filter_map(|i| match i {
                        Input::Press(p) => Some(label(p)),
                        _ => None,
                    })
                    .collect();
                let meta = match chosen.is_empty() {
                    true => json!({ transcript::TYPED_BUTTON: true }),
                    false => json!({ transcript::TYPED_BUTTON: true, transcript::CHOSEN: chosen.join(", ") }),
                };
                ("text", t.clone(), meta)
            }
            Incoming::Text(t) => ("text", t.clone(), json!({})),
            Incoming::Press(p) => ("button", label(p), json!({ "payload": p })),
            Incoming::Media(what) => ("media", format!("[{what}]"), json!({ "media": what })),
            Incoming::Edited(t) => ("edited", t.clone(), json!({})),
        };
        let step = state.map(|s| s.step.as_str());
        let entry = NewEntry { direction: Direction::In, kind, body: &body, meta, step };
        let id = transcript::append(tx, person.id, entry, now).await?;
        Ok((id, body))
    }

    /// The conversation: safety first on every text, then the flow's one run (or the words to
    /// the link worker in contact), each effect applied. Returns the new state and the turn.
    async fn converse(
        &self,
        tx: &mut store::Tx<'_>,
        here: Here<'_>,
        mut state: Option<State>,
        read: Read,
    ) -> Result<(Option<State>, Turn), Error> {
        let flow = self.flow();
        let (person, locale, now) = (here.person, here.locale, here.now);
        // While a link worker is in contact, words go to them (commands still reach the bot).
        let to_worker = person.with_worker != 0
            && match &read.incoming {
                Incoming::Text(_) => read.command.is_none(),
                Incoming::Edited(_) => true,
                _ => false,
            };
        // A case opened earlier (by a safeguarding flag) keeps its reference at hand-off.
        let open_case = cases::open_for_person(tx, person.id).await?;
        let reference = open_case.as_ref().map_or(here.reference, |(_, r)| r.as_str()).to_string();
        let here = Here { reference: &reference, ..here };
        let mut service = self.duty.at(now).args();
        // Every message may list the commands (the help text does), in the person's words.
        service.push(("commands".into(), Arg::Str(crate::command::list(&self.content.locales, locale))));
        let ctx = Context { now, settings: &self.settings, reference: &reference, service: &service };
        let mut turn = Turn::default();

        // Safety first: every text is checked before the flow sees it, on its own and with the
        // person's recent messages.
        let assessment = match &read.incoming {
            Incoming::Text(text) if read.typed_button => self.content.safety.check_rules(text),
            Incoming::Text(text) | Incoming::Edited(text) => self.assess(tx, person.id, text, now).await?,
            _ => Assessment::default(),
        };
        let blank;
        let current = match &state {
            Some(s) => s,
            None => {
                blank = State::new(flow, now);
                &blank
            }
        };
        // The direct question is the flow's; after the hand-off or with a link worker in
        // contact, an unsure check flags the case for them instead.
        let mut can_ask = !to_worker && current.status != engine::Status::HandedOff && flow.ask.is_some();
        // Asked about it already, lately: a link worker is told again rather than the question.
        if let (true, Some(unsure), Some(model)) = (can_ask, &assessment.unsure, &self.content.safety.learned) {
            let since = now - i64::from(model.settings.context_hours) * 3_600_000;
            can_ask = !flags::categories_since(tx, person.id, since).await?.contains(&unsure.category);
        }
        let mut inputs = if assessment.is_empty() {
            read.inputs
        } else {
            let disclosure = escalate::Disclosure {
                person,
                state: current,
                step: &current.step,
                locale,
                words: here.inbound.1,
                assessment: &assessment,
                open_case: open_case.clone(),
                reference: &reference,
                can_ask,
                now,
            };
            let escalated = self.escalate(tx, disclosure).await?;
            let ask = escalated.ask.clone();
            turn.escalated(escalated);
            match (&turn.urgent, ask) {
                // The words are not an answer to the question: the offer of a person comes next.
                (Some(_), _) => vec![Input::Command(Command::Safety)],
                (None, Some(category)) => vec![Input::Command(Command::Ask(category))],
                (None, None) => read.inputs,
            }
        };
        // While a link worker is in contact the words are theirs: crisis words got their reply
        // and made the case urgent above, and nothing goes to the flow.
        if to_worker {
            if let Some((id, _)) = &open_case {
                cases::note_inbound(tx, *id, here.inbound.0).await?;
            }
            inputs.clear();
        }
        // Words after their case was closed go to a link worker again (see contact.rs).
        if current.status == engine::Status::HandedOff
            && open_case.is_none()
            && inputs.iter().any(|i| matches!(i, Input::Text(_)))
            && let Some(reply) = self.written_after_closing(tx, person.id, here.inbound.0, locale, now).await?
        {
            turn.replies.push(reply);
            inputs.clear();
        }
        for input in inputs {
            let outcome = engine::step(flow, state.as_ref(), &input, &ctx);
            for effect in &outcome.effects {
                self.apply(tx, &here, &outcome.state, effect, &mut turn).await?;
            }
            state = Some(outcome.state);
        }
        Ok((state, turn))
    }

    /// One effect of the engine, applied in the message's transaction.
    async fn apply(
        &self,
        tx: &mut store::Tx<'_>,
        here: &Here<'_>,
        state: &State,
        effect: &Effect,
        turn: &mut Turn,
    ) -> Result<(), Error> {
        match effect {
            Effect::Reply(reply) => turn.reply(self.render(reply, here.locale)),
            Effect::HandOff { reference, partial, consent } => {
                self.hand_off(tx, here, state, reference, *partial, *consent, turn).await?
            }
            Effect::ScheduleCheckins => self.schedule_checkins(tx, here, turn).await?,
            Effect::SuggestActivities => self.suggest_activities(tx, here, state, turn).await?,
            // The self-referral has no action steps (`flows check` says so); side flows' are
            // done in `side`.
            Effect::Do(action) => tracing::warn!(?action, "an action step in the main flow; ignored"),
            Effect::Safeguard { category, raise, answer, step } => {
                let open = cases::open_for_person(tx, here.person.id).await?;
                let case_reference = open.as_ref().map_or(here.reference, |(_, r)| r.as_str()).to_string();
                let disclosure = escalate::Disclosure {
                    person: here.person,
                    state,
                    step,
                    locale: here.locale,
                    words: here.inbound.1,
                    assessment: &Assessment::default(),
                    open_case: open,
                    reference: &case_reference,
                    can_ask: false,
                    now: here.now,
                };
                let escalated = self.safeguard(tx, disclosure, category, *raise, answer, step).await?;
                turn.escalated(escalated);
            }
        }
        Ok(())
    }

    /// The hand-off: the case from the answers so far, new or completing the one a
    /// safeguarding reply opened. Consent is recorded only when it was asked; an early
    /// hand-off says why it was shared without (a safeguarding reply opened it, or they asked).
    #[allow(clippy::too_many_arguments)]
    async fn hand_off(
        &self,
        tx: &mut store::Tx<'_>,
        here: &Here<'_>,
        state: &State,
        reference: &str,
        partial: bool,
        consent: bool,
        turn: &mut Turn,
    ) -> Result<(), Error> {
        let open = cases::open_for_person(tx, here.person.id).await?;
        let mut case = self.new_case(state, here.person, here.locale, reference, partial, consent, here.now);
        if partial && !consent {
            let why = if open.is_some() { cases::SAFEGUARDING } else { cases::ASKED_EARLY };
            case.shared_without_consent = Some(why.into());
        }
        let id = match open {
            Some((id, _)) => {
                cases::complete(tx, id, &case, here.now).await?;
                id
            }
            None => {
                turn.new_case = Some(reference.to_string());
                cases::insert(tx, &case, here.now).await?
            }
        };
        flags::attach(tx, here.person.id, id).await?;
        turn.handed_off = Some(id);
        tracing::info!(reference = %reference, partial, "case handed off to the queue");
        Ok(())
    }

    /// Check-in reminders for the case just handed off, on the service's plan.
    async fn schedule_checkins(&self, tx: &mut store::Tx<'_>, here: &Here<'_>, turn: &Turn) -> Result<(), Error> {
        let Some(case) = turn.handed_off else {
            tracing::warn!("check-ins asked for without a hand-off in the same turn; none scheduled");
            return Ok(());
        };
        let (first, until) = self.plan.start(here.now);
        store::checkins::schedule(tx, here.person.id, case, first, until, here.now).await?;
        Ok(())
    }

    /// The safety check of one text: the message on its own, then (when that raised no crisis
    /// and no question) with the person's recent messages, so risk that builds up is seen.
    async fn assess(
        &self,
        tx: &mut store::Tx<'_>,
        person: i64,
        text: &str,
        now: i64,
    ) -> Result<Assessment, store::Error> {
        let safety = &self.content.safety;
        let single = safety.check(text);
        let (Some(model), Some(rules)) = (&safety.learned, safety.english()) else {
            return Ok(single);
        };
        if single.crisis().is_some() || single.unsure.is_some() {
            return Ok(single);
        }
        let since = now - i64::from(model.settings.context_hours) * 3_600_000;
        let recent = transcript::recent_texts(tx, person, since, model.settings.context_messages).await?;
        let mut already = flags::categories_since(tx, person, since).await?;
        already.extend(single.findings.iter().map(|f| f.category.clone()));
        let recent: Vec<&str> = recent.iter().map(String::as_str).collect();
        let already: Vec<&str> = already.iter().map(String::as_str).collect();
        Ok(crate::safety::context::merge(single, crate::safety::context::assess(model, rules, &recent, &already)))
    }

    /// Whether `incoming` is a valid phone number typed at the question asking for one.
    fn phone_answer(flow: &Flow, state: Option<&State>, incoming: &Incoming) -> bool {
        let (Incoming::Text(text), Some(state)) = (incoming, state) else {
            return false;
        };
        match flow.step(&state.step).map(|s| &s.kind) {
            Some(StepKind::Text {
                validate: v @ (crate::flow::Validator::UkPhone | crate::flow::Validator::UkMobile),
                max_len,
                ..
            }) => crate::answer::validate(*v, text, *max_len).is_ok(),
            Some(
                StepKind::Text { .. }
                | StepKind::Choice { .. }
                | StepKind::Multi { .. }
                | StepKind::Scale { .. }
                | StepKind::Measure { .. }
                | StepKind::Action { .. }
                | StepKind::Message { .. }
                | StepKind::Branch { .. }
                | StepKind::HandOff { .. }
                | StepKind::End,
            )
            | None => false,
        }
    }

    /// The label of a pressed button, for a readable transcript: the flow's, or the one the
    /// bot's last message showed (menus, check-ins, "Did you mean...?"); never an internal code
    /// unless the button is unknown.
    fn pressed_label(
        &self,
        state: Option<&State>,
        payload: &str,
        locale: &str,
        offered: &[(String, String)],
    ) -> String {
        let step_id = payload.split('|').next().unwrap_or_default();
        self.flow()
            .step(step_id)
            .and_then(|step| {
                let selected = state.map(|s| s.selected.as_slice()).unwrap_or_default();
                engine::buttons(step, selected).0.into_iter().find(|b| b.payload == payload)
            })
            .map(|b| self.content.locales.label(locale, &b.label))
            .or_else(|| offered.iter().find(|(p, _)| p == payload).map(|(_, label)| label.clone()))
            .or_else(|| self.side_label(payload, locale))
            .or_else(|| self.language_label(payload))
            .unwrap_or_else(|| payload.to_string())
    }

    /// Words for a reply: bubbles' texts, then the summary as "• Label: value" lines.
    pub fn render(&self, reply: &Reply, locale: &str) -> Outgoing {
        let locales = &self.content.locales;
        let mut parts: Vec<String> = Vec::new();
        for text in &reply.texts {
            parts.push(locales.render(locale, text));
            // A measure's validated question asked in English, said so in their language.
            if self.content.measures.in_english(locale, &text.id) {
                parts.push(locales.render(locale, &Text::new(wellbeing::IN_ENGLISH)));
            }
        }
        if !reply.summary.is_empty() {
            let lines: Vec<String> = reply
                .summary
                .iter()
                .map(|line| {
                    let label = locales.render(locale, &Text::new(line.label.as_str()));
                    let value = match &line.value {
                        SummaryValue::Labels(ids) => ids
                            .iter()
                            .map(|id| locales.render(locale, &Text::new(id.as_str())))
                            .collect::<Vec<_>>()
                            .join(", "),
                        SummaryValue::Text(t) => t.clone(),
                        SummaryValue::Number(n) => n.to_string(),
                        SummaryValue::Nothing => locales.render(locale, &Text::new("summary-nothing")),
                    };
                    format!("• {label}: {value}")
                })
                .collect();
            parts.insert(parts.len().min(1), lines.join("\n"));
        }
        Outgoing {
            text: parts.join("\n\n"),
            buttons: reply
                .buttons
                .iter()
                .map(|b| OutButton {
                    label: locales.label(locale, &b.label),
                    payload: b.payload.clone(),
                    selected: b.selected,
                })
                .collect(),
            columns: reply.columns,
            update_previous: reply.update_previous,
            lasting: false,
            attachment: None,
        }
    }

    /// The case from the answers so far. Answers saved under the well-known keys below fill the
    /// case's fields; every answer is also kept whole in `answers`.
    #[allow(clippy::too_many_arguments)]
    fn new_case(
        &self,
        state: &State,
        person: &people::Person,
        locale: &str,
        reference: &str,
        partial: bool,
        consented: bool,
        now: i64,
    ) -> NewCase {
        let a = &state.answers;
        let text = |key: &str| match a.get(key) {
            Some(Answer::Text { value, .. }) => Some(value.clone()),
            _ => None,
        };
        let choice = |key: &str| match a.get(key) {
            Some(Answer::Choice { value }) => Some(value.clone()),
            _ => None,
        };
        let list = |key: &str| match a.get(key) {
            Some(Answer::Multi { values }) => values.clone(),
            Some(Answer::Choice { value }) => vec![value.clone()],
            _ => vec![],
        };
        // Scores in the order the flow asks them; two steps may save one key (the under-16
        // wording of an item), so each key once.
        let mut keys_in_order: Vec<&str> = Vec::new();
        for key in self.flow().steps.iter().filter_map(|s| s.kind.save_key()) {
            if !keys_in_order.contains(&key) {
                keys_in_order.push(key);
            }
        }
        let scores = keys_in_order
            .into_iter()
            .filter_map(|key| a.get(key))
            .filter_map(|answer| match answer {
                Answer::Scale { value, measure, item } => Some(NewScore {
                    measure: measure.clone(),
                    item: item.clone(),
                    score: *value,
                    band: self.content.measures.band(measure, item, *value).map(str::to_string),
                }),
                _ => None,
            })
            .collect::<Vec<_>>();
        let area_kind = match a.get(keys::AREA) {
            Some(Answer::Text { kind, .. }) => kind.clone(),
            _ => None,
        };
        let district = text(keys::AREA).filter(|_| area_kind.as_deref() == Some("district"));
        NewCase {
            reference: reference.to_string(),
            person_id: person.id,
            flow: state.flow.clone(),
            source: person.source.clone(),
            team: self.config.team_for(&person.source, district.as_deref()),
            partial,
            urgent: false,
            locale: locale.to_string(),
            preferred_name: text(keys::NAME),
            age_band: choice(keys::AGE_BAND),
            area: text(keys::AREA),
            area_kind,
            what_matters: text(keys::WHAT_MATTERS),
            topics: list(keys::TOPICS),
            interests: list(keys::INTERESTS),
            help: list(keys::HELP),
            contact_method: choice(keys::CONTACT_METHOD),
            contact_times: list(keys::CONTACT_TIMES),
            phone: text(keys::PHONE),
            answers: serde_json::to_value(a).unwrap_or_default(),
            consent_at: consented.then_some(now),
            consent_version: consented.then(|| self.flow().consent_version.clone()),
            shared_without_consent: None,
            scores,
        }
    }
}

pub use crate::flow::keys;

/// Writes the bot's replies to the transcript (a file as its caption and name, with the step
/// they were sent at) and, for a channel with an outbox, queues them, in the caller's
/// transaction: the one way out for every reply.
async fn send_all(
    tx: &mut store::Tx<'_>,
    person: i64,
    channel: &str,
    replies: &[Outgoing],
    delivery: Delivery<'_>,
    step: Option<&str>,
    now: i64,
) -> Result<(), store::Error> {
    for reply in replies {
        let body = match &reply.attachment {
            Some(file) => format!("{}\n[file: {}]", reply.text, file.filename),
            None => reply.text.clone(),
        };
        // Only what a reader needs: no buttons, no "false" (a transcript row per message adds up).
        let mut meta = json!({});
        if !reply.buttons.is_empty() {
            meta["buttons"] = json!(reply.buttons);
        }
        if reply.update_previous {
            meta["update_previous"] = json!(true);
        }
        if reply.lasting {
            meta[transcript::LASTING] = json!(true);
        }
        let entry = NewEntry { direction: Direction::Out, kind: "bot", body: &body, meta, step };
        transcript::append(tx, person, entry, now).await?;
        if let Some(chat) = delivery.outbox {
            outbox::enqueue(tx, person, channel, chat, &reply.to_item(), now).await?;
        }
    }
    Ok(())
}

/// Letters and digits that cannot be mistaken for each other when read out or typed.
const REFERENCE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/// A short case reference such as `LU-7K3Q`.
pub fn new_reference() -> String {
    let mut bytes = [0u8; 4];
    if getrandom::fill(&mut bytes).is_err() {
        // No OS randomness is unheard of here; fall back to the clock rather than fail a hand-off.
        bytes = (crate::time::now_ms() as u32).to_le_bytes();
    }
    let code: String =
        bytes.iter().map(|b| REFERENCE_ALPHABET[*b as usize % REFERENCE_ALPHABET.len()] as char).collect();
    format!("LU-{code}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn references_look_right() {
        let r = super::new_reference();
        assert!(r.starts_with("LU-") && r.len() == 7, "{r}");
        assert!(r[3..].bytes().all(|b| super::REFERENCE_ALPHABET.contains(&b)));
    }
}
