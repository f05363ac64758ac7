//! Taking one message from a young person through the engine and back, in one transaction:
//! person, state, transcript and (at hand-off) the case commit together.
//!
//! Every text is checked by [`crate::safety`] before the flow sees it ([`escalate`]).
//! The channel seam ([`crate::channel`]) calls [`Linkup::receive_via`] for each stored payload;
//! the terminal and tests may call [`Linkup::receive`] and show the replies themselves.

mod checkin;
mod contact;
mod escalate;
mod privacy;

pub use checkin::Reminded;
pub use contact::{MAX_WORKER_MESSAGE, SendError};
pub use privacy::MESSAGES as PRIVACY_MESSAGES;

use std::path::Path;
use std::sync::Arc;

use serde::Serialize;
use serde_json::json;

use crate::config::Config;
use crate::flow::engine::{self, Answer, Command, Context, Effect, Input, State};
use crate::flow::{Flow, Settings, StepKind, check, load};
use crate::i18n::Locales;
use crate::intent::{self, Incoming, typed};
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
        if problems.is_empty() { Ok(Content { flows, locales, measures, safety }) } else { Err(problems) }
    }

    pub fn flow(&self, id: &str) -> Option<&Flow> {
        self.flows.iter().find(|f| f.id == id)
    }

    /// The words of an option id as link workers read them (the fallback locale).
    pub fn option_label(&self, flow: &str, key: &str, value: &str) -> String {
        self.flow(flow)
            .and_then(|f| f.step_saving(key))
            .and_then(|s| match &s.kind {
                StepKind::Choice { options, .. } | StepKind::Multi { options, .. } => {
                    options.iter().find(|o| o.id == value)
                }
                _ => None,
            })
            .map(|o| self.locales.render(crate::i18n::FALLBACK, &Text::new(o.label.as_str())))
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
    let shared = escalate::MESSAGES.iter().chain(privacy::MESSAGES).chain(contact::MESSAGES).chain(checkin::MESSAGES);
    for id in shared.chain(crate::command::MESSAGES) {
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
                if !messages.contains_key(id) {
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
        Outgoing { text, buttons: vec![], columns: 1, update_previous: false, attachment: None }
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

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] store::Error),
    #[error("the configured flow \"{0}\" does not exist")]
    NoFlow(String),
    #[error("[checkins] measure \"{0}\" is not in flows/measures")]
    NoMeasure(String),
    #[error(transparent)]
    Plan(#[from] crate::checkins::PlanError),
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
    pub plan: crate::checkins::Plan,
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
        Ok(Linkup {
            plan: crate::checkins::Plan::from_config(&config.checkins)?,
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
        loop {
            let reference = new_reference();
            match self.receive_once(sender, incoming, now, &reference, delivery).await {
                Err(Error::Store(store::Error::ReferenceTaken)) if attempts < 8 => attempts += 1,
                other => return other,
            }
        }
    }

    async fn receive_once(
        &self,
        sender: &Sender<'_>,
        incoming: &Incoming,
        now: i64,
        reference: &str,
        delivery: Delivery<'_>,
    ) -> Result<Handled, Error> {
        let locales = &self.content.locales;
        let flow = self.flow();
        let mut tx = self.store.begin().await?;
        let person =
            people::touch(&mut tx, sender.channel, sender.user, &locales.pick(sender.language), sender.source, now)
                .await?;
        if let Some(stored) = delivery.inbox
            && !inbox::claim(&mut tx, stored, now).await?
        {
            return Ok(Handled { replies: vec![], new_case: None, urgent: None, skipped: true });
        }
        let locale = locales.known(&person.locale);
        let mut state = conversations::load(&mut tx, person.id).await?;
        let step_before = state.as_ref().map(|s| s.step.clone());

        // A button the bot offered outside the flow (/delete's "Yes, delete it all", a
        // reminder's "Yes", the menu) typed instead of tapped: pressed, and kept as typed.
        let offered = transcript::last_offer(&mut tx, person.id).await?;
        // A `/command`, read once here for every route below.
        let command = crate::command::of(incoming);
        let typed_offer = match incoming {
            Incoming::Text(t) if command.is_none() => self.typed_offer(&offered, t, &locale).map(|p| (t.clone(), p)),
            _ => None,
        };
        let as_press;
        let incoming = match &typed_offer {
            Some((_, payload)) => {
                as_press = Incoming::Press(payload.clone());
                &as_press
            }
            None => incoming,
        };
        // What the line means at this step, read once.
        let read = intent::interpret(incoming, flow, state.as_ref(), locales, &locale);
        // A typed button ("2", "done", a label), a command, or a phone number at the question
        // asking for one is an answer, not words for the learned tier to read (the rules still
        // read it), nor part of what recent messages say together.
        let typed_button = matches!(incoming, Incoming::Text(_))
            && (read.iter().all(|i| !matches!(i, Input::Text(_) | Input::Guess(_)))
                || Self::phone_answer(flow, state.as_ref(), incoming));
        // Typed buttons keep what was typed, and the labels it chose beside it.
        let label = |p: &str| self.pressed_label(state.as_ref(), p, &locale, &offered);
        let (kind, body, meta) = match (incoming, &typed_offer) {
            (_, Some((typed, payload))) => (
                "text",
                typed.clone(),
                json!({ transcript::TYPED_BUTTON: true, "payload": payload, transcript::CHOSEN: label(payload) }),
            ),
            (incoming, None) => match incoming {
                Incoming::Start => ("start", "/start".to_string(), json!({})),
                Incoming::Text(t) if typed_button => {
                    let chosen: Vec<String> = read
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
            },
        };
        let inbound = transcript::append(
            &mut tx,
            person.id,
            NewEntry { direction: Direction::In, kind, body: &body, meta, step: step_before.as_deref() },
            now,
        )
        .await?;
        if let Some(request) = privacy::request(incoming, command.as_ref()) {
            return Ok(self.data_rights(tx, request, &person, &locale, delivery, now).await?);
        }
        let checkin = match incoming {
            // Numbers typed mid-flow are the flow's; after it, an open check-in's.
            Incoming::Text(t) if command.is_none() => {
                if state.as_ref().is_some_and(|s| s.status == engine::Status::Active) {
                    None
                } else {
                    self.typed_answer(&mut tx, &person, t, &locale, now).await?
                }
            }
            other => checkin::request(other, command.as_ref()),
        };
        if let Some(request) = checkin {
            return Ok(self.checkin(tx, request, &person, &locale, delivery, now).await?);
        }
        // The menu's "carry on" picks the flow up as /start does.
        let (incoming, read) = match incoming {
            Incoming::Press(p) if p == privacy::CARRY_ON => (&Incoming::Start, vec![Input::Start]),
            other => (other, read),
        };
        // While a link worker is in contact, words go to them (commands still reach the bot).
        let to_worker = person.with_worker != 0
            && match incoming {
                Incoming::Text(_) => command.is_none(),
                Incoming::Edited(_) => true,
                _ => false,
            };

        // A case opened earlier (by a safeguarding flag) keeps its reference at hand-off.
        let open_case = cases::open_for_person(&mut tx, person.id).await?;
        let reference = open_case.as_ref().map_or(reference, |(_, r)| r.as_str()).to_string();
        let mut service = self.duty.at(now).args();
        // Every message may list the commands (the help text does), in the person's words.
        service.push(("commands".into(), Arg::Str(crate::command::list(locales, &locale))));
        let ctx = Context { now, settings: &self.settings, reference: &reference, service: &service };
        let mut replies = Vec::new();
        let mut new_case = None;
        let mut urgent = None;

        // Safety first: every text is checked before the flow sees it, on its own and with the
        // person's recent messages.
        let assessment = match incoming {
            Incoming::Text(text) if typed_button => self.content.safety.check_rules(&locale, text),
            Incoming::Text(text) | Incoming::Edited(text) => {
                self.assess(&mut tx, person.id, &locale, text, now).await?
            }
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
            can_ask = !flags::categories_since(&mut tx, person.id, since).await?.contains(&unsure.category);
        }
        let inputs = if assessment.is_empty() {
            read
        } else {
            let disclosure = escalate::Disclosure {
                person: &person,
                state: current,
                step: &current.step,
                locale: &locale,
                words: &body,
                assessment: &assessment,
                open_case: open_case.clone(),
                reference: &reference,
                can_ask,
                now,
            };
            let escalated = self.escalate(&mut tx, disclosure).await?;
            replies.extend(escalated.replies);
            new_case = escalated.new_case;
            urgent = escalated.urgent;
            match (&urgent, escalated.ask) {
                // The words are not an answer to the question: the offer of a person comes next.
                (Some(_), _) => vec![Input::Command(Command::Safety)],
                (None, Some(category)) => vec![Input::Command(Command::Ask(category))],
                (None, None) => read,
            }
        };

        // While a link worker is in contact the words are theirs: crisis words got their reply
        // and made the case urgent above, and nothing goes to the flow.
        let mut inputs = if to_worker {
            if let Some((id, _)) = &open_case {
                cases::note_inbound(&mut tx, *id, inbound).await?;
            }
            vec![]
        } else {
            inputs
        };
        // Words after their case was closed go to a link worker again (see contact.rs).
        if current.status == engine::Status::HandedOff
            && open_case.is_none()
            && inputs.iter().any(|i| matches!(i, Input::Text(_)))
            && let Some(reply) = self.written_after_closing(&mut tx, person.id, inbound, &locale, now).await?
        {
            replies.push(reply);
            inputs.clear();
        }
        for input in inputs {
            let outcome = engine::step(flow, state.as_ref(), &input, &ctx);
            for effect in &outcome.effects {
                match effect {
                    Effect::Reply(reply) => {
                        let out = self.render(reply, &locale);
                        // Several ticks from one line ("1 3 5") redraw the buttons once.
                        if out.update_previous && replies.last().is_some_and(|r: &Outgoing| r.update_previous) {
                            replies.pop();
                        }
                        replies.push(out);
                    }
                    Effect::HandOff { reference, partial } => {
                        // Consent is recorded only when it was asked. An early hand-off says why
                        // it was shared without: a case a safeguarding reply opened, or they asked.
                        let consent = matches!(outcome.state.answers.get(keys::CONSENT), Some(Answer::Choice { value }) if value == "yes");
                        let open = cases::open_for_person(&mut tx, person.id).await?;
                        let mut case =
                            self.new_case(&outcome.state, &person, &locale, reference, *partial, consent, now);
                        if *partial && !consent {
                            let why = if open.is_some() { cases::SAFEGUARDING } else { cases::ASKED_EARLY };
                            case.shared_without_consent = Some(why.into());
                        }
                        let id = match open {
                            Some((id, _)) => {
                                cases::complete(&mut tx, id, &case, now).await?;
                                id
                            }
                            None => {
                                new_case = Some(reference.clone());
                                cases::insert(&mut tx, &case, now).await?
                            }
                        };
                        flags::attach(&mut tx, person.id, id).await?;
                        let checkins = matches!(outcome.state.answers.get(keys::CHECKINS), Some(Answer::Choice { value }) if value == "yes");
                        if consent && checkins && !*partial {
                            let (first, until) = self.plan.start(now);
                            store::checkins::schedule(&mut tx, person.id, id, first, until, now).await?;
                        }
                        tracing::info!(reference = %reference, partial, "case handed off to the queue");
                    }
                    Effect::Safeguard { category, raise, answer, step } => {
                        let open = cases::open_for_person(&mut tx, person.id).await?;
                        let case_reference = open.as_ref().map_or(reference.as_str(), |(_, r)| r.as_str()).to_string();
                        let disclosure = escalate::Disclosure {
                            person: &person,
                            state: &outcome.state,
                            step,
                            locale: &locale,
                            words: &body,
                            assessment: &Assessment::default(),
                            open_case: open,
                            reference: &case_reference,
                            can_ask: false,
                            now,
                        };
                        let escalated = self.safeguard(&mut tx, disclosure, category, *raise, answer, step).await?;
                        replies.extend(escalated.replies);
                        new_case = new_case.or(escalated.new_case);
                        urgent = urgent.or(escalated.urgent);
                    }
                }
            }
            state = Some(outcome.state);
        }
        // An edit runs no step, so someone the bot has not met yet may have no state.
        if let Some(state) = &state {
            conversations::save(&mut tx, person.id, state, now).await?;
        }
        let step = state.as_ref().map(|s| s.step.as_str());
        for reply in &replies {
            transcript::append(
                &mut tx,
                person.id,
                NewEntry {
                    direction: Direction::Out,
                    kind: "bot",
                    body: &reply.text,
                    meta: json!({ "buttons": reply.buttons, "update_previous": reply.update_previous }),
                    step,
                },
                now,
            )
            .await?;
            if let Some(chat) = delivery.outbox {
                outbox::enqueue(&mut tx, person.id, sender.channel, chat, &reply.to_item(), now).await?;
            }
        }
        tx.commit().await.map_err(store::Error::from)?;
        tracing::debug!(person = person.id, step = ?step, replies = replies.len(), "message handled");
        Ok(Handled { replies, new_case, urgent, skipped: false })
    }

    /// The safety check of one text: the message on its own, then (when that raised no crisis
    /// and no question) with the person's recent messages, so risk that builds up is seen.
    async fn assess(
        &self,
        tx: &mut store::Tx<'_>,
        person: i64,
        locale: &str,
        text: &str,
        now: i64,
    ) -> Result<Assessment, store::Error> {
        let safety = &self.content.safety;
        let single = safety.check(locale, text);
        let (Some(model), Some(rules)) = (&safety.learned, safety.rules_for(locale)) else {
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

    /// The payload of a button the bot's last message offered outside the flow (payloads
    /// starting with `#`) that `text` means, read as any question's buttons are.
    fn typed_offer(&self, offered: &[(String, String)], text: &str, locale: &str) -> Option<String> {
        if offered.is_empty() || !offered.iter().all(|(payload, _)| payload.starts_with('#')) {
            return None;
        }
        let buttons: Vec<typed::Candidate> = offered
            .iter()
            .map(|(payload, label)| typed::Candidate { payload: payload.clone(), label: label.clone(), also: vec![] })
            .collect();
        // A row of numbers is a score (a check-in's): "8" is the button 8, not the 8th button.
        let numbers: Option<Vec<u8>> = buttons.iter().map(|b| b.label.parse().ok()).collect();
        let question = match numbers.as_deref().map(|n| (n.iter().min(), n.iter().max())) {
            Some((Some(&min), Some(&max))) => typed::Question::Scale { min, max },
            _ => typed::Question::Choice,
        };
        let words = intent::words(&self.content.locales, locale);
        match typed::read(text, question, &buttons, &words) {
            typed::Reading::Sure(p) if p.len() == 1 => p.into_iter().next(),
            _ => None,
        }
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
            _ => false,
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
            .or_else(|| checkin::answer_label(payload))
            .unwrap_or_else(|| payload.to_string())
    }

    /// Words for a reply: bubbles' texts, then the summary as "• Label: value" lines.
    pub fn render(&self, reply: &Reply, locale: &str) -> Outgoing {
        let locales = &self.content.locales;
        let mut parts: Vec<String> = reply.texts.iter().map(|t| locales.render(locale, t)).collect();
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

/// The answer keys (`save = "..."` in a flow) that fill a case's fields.
pub mod keys {
    pub const NAME: &str = "name";
    pub const AGE_BAND: &str = "age_band";
    pub const AREA: &str = "area";
    pub const TOPICS: &str = "topics";
    pub const WHAT_MATTERS: &str = "what_matters";
    pub const INTERESTS: &str = "interests";
    pub const HELP: &str = "help";
    pub const CONTACT_METHOD: &str = "contact_method";
    pub const CONTACT_TIMES: &str = "contact_times";
    pub const PHONE: &str = "phone";
    pub const CONSENT: &str = "consent_share";
    /// "yes": the young person would like check-in reminders after the hand-off.
    pub const CHECKINS: &str = "checkins";
}

/// Writes the bot's replies to the transcript (a file as its caption and name) and, for a
/// channel with an outbox, queues them: for replies outside the flow (data rights, check-ins,
/// reminders).
async fn send_all(
    tx: &mut store::Tx<'_>,
    person: i64,
    channel: &str,
    replies: &[Outgoing],
    delivery: Delivery<'_>,
    now: i64,
) -> Result<(), store::Error> {
    for reply in replies {
        let body = match &reply.attachment {
            Some(file) => format!("{}\n[file: {}]", reply.text, file.filename),
            None => reply.text.clone(),
        };
        let entry = NewEntry {
            direction: Direction::Out,
            kind: "bot",
            body: &body,
            meta: json!({ "buttons": reply.buttons }),
            step: None,
        };
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
