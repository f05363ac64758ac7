//! Side flows: data rights (`flows/data-rights.toml`) and check-ins (`flows/checkin.toml`),
//! run by the engine beside the main flow. This module owns which side flow a message is for,
//! where in it the young person is, the facts its branches test, and the actions its steps
//! ask for.
//!
//! A side flow keeps no state of its own: every button it shows names its step ("#delete|yes"),
//! so a button pressed later still does what it says, and typed words are read at the question
//! the bot asked last. A check-in's place is its open check-in: the answers stored so far.

use crate::command::Parsed;
use crate::flow::engine::{self, Answer, Command, Context, Effect, Guess, Input, State};
use crate::flow::{Action, Flow, StepKind, measure};
use crate::intent::{self, Incoming};
use crate::measures::Instrument;
use crate::message::{Arg, Reply, Text};
use crate::store::checkins::{self as stored, Open};
use crate::store::people::Person;
use crate::store::{self, Tx, cases, casework, erase, export, people};

use super::{Attachment, Linkup, Outgoing};

/// The side flows' ids; `flows check` and startup require both.
pub const DATA_RIGHTS: &str = "data-rights";
pub const CHECKIN: &str = "checkin";

/// How long a started check-in stays open for answers.
const OPEN_MS: i64 = 24 * 3_600_000;

/// A button's value that enters its step rather than answering it: "#delete|ask".
const ENTER: &str = "ask";

/// Buttons already in young people's chats from before these were flows, and what they are now.
const LEGACY: &[(&str, &str)] = &[
    ("#menu|worker", "#worker|ask"),
    ("#menu|carry", "#carry|ask"),
    ("#menu|mydata", "#mydata|ask"),
    ("#menu|stop", "#stop|ask"),
    ("#checkin|chart", "#see-chart|ask"),
];

/// A legacy check-in answer: "#ci|<check-in id>|<item>|<score>".
const LEGACY_ANSWER: &str = "#ci|";

/// A message for a side flow, read: the flow (a check-in's spelled out for the person), where
/// they are in it, and what the message does there.
pub(super) struct Side {
    flow: Flow,
    state: State,
    what: What,
    checkin: Option<CheckinPlace>,
}

/// What a message does in a side flow.
enum What {
    /// Enters a step: a command, or a button naming a step.
    Enter(String),
    /// What it says at the step the person is on.
    Inputs(Vec<Input>),
}

/// Where a young person's check-ins stand.
struct CheckinPlace {
    /// The case check-ins are for, and its age band.
    case: Option<(i64, Option<String>)>,
    open: Option<Open>,
    /// Items answered in the open check-in, in the order answered.
    answered: Vec<(String, i64)>,
    instrument: Instrument,
    /// How it was begun, if this message begins one.
    by_reminder: bool,
}

impl CheckinPlace {
    fn age_band(&self) -> Option<&str> {
        match &self.open {
            Some(open) => open.age_band.as_deref(),
            None => self.case.as_ref().and_then(|(_, band)| band.as_deref()),
        }
    }
}

/// What a side flow's run produced.
#[derive(Default)]
pub(super) struct SideTurn {
    pub replies: Vec<Outgoing>,
    /// Everything was erased: the replies are said and not written down.
    pub erased: bool,
    /// The main flow picks up where they were, as after `/start`.
    pub carry_on: bool,
}

impl Side {
    /// The inputs as a transcript records them (payloads as the buttons carry them).
    pub(super) fn inputs(&self) -> Vec<Input> {
        match &self.what {
            What::Enter(_) => vec![],
            What::Inputs(inputs) => inputs
                .iter()
                .map(|i| match i {
                    Input::Press(p) => Input::Press(format!("#{p}")),
                    other => other.clone(),
                })
                .collect(),
        }
    }
}

impl Linkup {
    fn side_flow(&self, id: &str) -> &Flow {
        self.content.flow(id).expect("checked in Linkup::new")
    }

    /// Which side flow `incoming` is for, if any: a side flow's command, a button naming one
    /// of its steps, or words typed at its question (never words with any sign of risk:
    /// safety comes first, in the conversation).
    #[allow(clippy::too_many_arguments)]
    pub(super) async fn side(
        &self,
        tx: &mut Tx<'_>,
        person: &Person,
        main: Option<&State>,
        incoming: &Incoming,
        command: Option<&Parsed>,
        offered: &[(String, String)],
        locale: &str,
        now: i64,
    ) -> Result<Option<Side>, store::Error> {
        let sides = [DATA_RIGHTS, CHECKIN];
        match incoming {
            Incoming::Text(_) if let Some(slash) = command.and_then(Parsed::slash) => {
                for id in sides {
                    if let Some(step) = self.side_flow(id).command_step(slash.name()) {
                        let step = step.to_string();
                        return Ok(Some(self.place(tx, person, id, &step, What::Enter(step.clone()), now).await?));
                    }
                }
                self.typed_at_side(tx, person, main, incoming, offered, locale, now).await
            }
            Incoming::Text(_) => self.typed_at_side(tx, person, main, incoming, offered, locale, now).await,
            Incoming::Press(payload) if payload.starts_with('#') => {
                self.pressed_at_side(tx, person, payload, now).await
            }
            Incoming::Press(_) | Incoming::Start | Incoming::Media(_) | Incoming::Edited(_) => Ok(None),
        }
    }

    /// A button of a side flow: "#<step>|<value>", or "#<step>|ask" to enter the step.
    async fn pressed_at_side(
        &self,
        tx: &mut Tx<'_>,
        person: &Person,
        payload: &str,
        now: i64,
    ) -> Result<Option<Side>, store::Error> {
        let mut payload = LEGACY.iter().find(|(old, _)| *old == payload).map_or(payload, |(_, new)| new).to_string();
        let mut place = None;
        if let Some(rest) = payload.strip_prefix(LEGACY_ANSWER) {
            // An answer button of a check-in from before: its question, if that check-in is open.
            let here = self.checkin_place(tx, person, now).await?;
            let mut parts = rest.split('|');
            let (checkin, item, score) = (parts.next(), parts.next(), parts.next());
            let open = here.open.as_ref().map(|o| o.id.to_string());
            payload = match (checkin, item, score) {
                (Some(id), Some(item), Some(score)) if Some(id) == open.as_deref() => format!("#{item}|{score}"),
                _ => format!("#ended|{ENTER}"),
            };
            place = Some(here);
        }
        let Some((step, value)) = payload[1..].split_once('|') else { return Ok(None) };
        let (step, value) = (step.to_string(), value.to_string());
        if self.side_flow(DATA_RIGHTS).step(&step).is_some() {
            let what =
                if value == ENTER { What::Enter(step.clone()) } else { What::Inputs(vec![press(&step, &value)]) };
            return Ok(Some(self.place(tx, person, DATA_RIGHTS, &step, what, now).await?));
        }
        let here = match place {
            Some(here) => here,
            None => self.checkin_place(tx, person, now).await?,
        };
        let flow = self.checkin_flow(&here);
        let Some(target) = flow.step(&step) else { return Ok(None) };
        let is_item = matches!(target.kind, StepKind::Scale { .. });
        let by_reminder = step == "checkin" && value == "start";
        let here = CheckinPlace { by_reminder, ..here };
        let side = match (is_item, value == ENTER) {
            (_, true) => self.checkin_side(flow, here, &step, What::Enter(step.clone()), now),
            // An answer: at the question the open check-in is on (an earlier question's button
            // changes nothing), or, with none open, the offer of a new one.
            (true, false) => match current_item(&flow, &here) {
                Some(current) => {
                    let input = What::Inputs(vec![press(&step, &value)]);
                    self.checkin_side(flow, here, &current, input, now)
                }
                None => self.checkin_side(flow, here, "ended", What::Enter("ended".into()), now),
            },
            (false, false) => self.checkin_side(flow, here, &step, What::Inputs(vec![press(&step, &value)]), now),
        };
        Ok(Some(side))
    }

    /// Words typed at a side flow's question: the bot's last message, or a check-in under way
    /// (its scores only, and not in the middle of the self-referral).
    #[allow(clippy::too_many_arguments)]
    async fn typed_at_side(
        &self,
        tx: &mut Tx<'_>,
        person: &Person,
        main: Option<&State>,
        incoming: &Incoming,
        offered: &[(String, String)],
        locale: &str,
        now: i64,
    ) -> Result<Option<Side>, store::Error> {
        let locales = &self.content.locales;
        // The step the last message asked, if every button names that one step of a side flow.
        let asked = offered.iter().map(|(p, _)| p.strip_prefix('#').and_then(|p| p.split_once('|')).map(|(s, _)| s));
        let asked: Option<Vec<&str>> = asked.collect();
        let asked = asked.filter(|s| !s.is_empty() && s.iter().all(|x| *x == s[0])).map(|s| s[0].to_string());
        // "Did you mean...?" at a side question: its buttons are the guess and "no".
        let no = format!("|{}", engine::GUESS_NO);
        let guess = offered
            .iter()
            .find(|(p, _)| !p.ends_with(&no))
            .filter(|_| offered.len() == 2 && offered.iter().any(|(p, _)| p.ends_with(&no)));
        let guess = guess.map(|(p, _)| Guess { payload: p[1..].to_string(), typed: String::new() });
        let Incoming::Text(text) = incoming else { return Ok(None) };
        // Words with any sign of risk are never an answer here: safety comes first, in the
        // conversation. A typed button ("no", "7") is read by the rules alone, as at any
        // question: the learned tier reads words, not buttons.
        let safety = &self.content.safety;
        // At the question just asked (`asked`), a few words that are no answer ("what?",
        // "yess") get the question again, if it is a question (two buttons or more, not an
        // offer such as "See my chart"); more go on to the conversation as usual.
        let short = text.split_whitespace().count() <= 3 && offered.len() >= 2;
        let holds = |inputs: &[Input], asked: bool| {
            let button = |i: &Input| matches!(i, Input::Press(_) | Input::Command(_));
            let risky = match inputs.iter().all(button) {
                true => !safety.check_rules(text).is_empty(),
                false => !safety.check(text).is_empty(),
            };
            !risky
                && !inputs.is_empty()
                && inputs.iter().all(|i| match i {
                    Input::Press(_) | Input::Guess(_) => true,
                    Input::Command(Command::Help | Command::Back | Command::Again) => asked,
                    Input::Text(_) => asked && short,
                    Input::Start | Input::Unreadable | Input::Command(_) => false,
                })
        };
        if let Some(step) = asked {
            if self.side_flow(DATA_RIGHTS).step(&step).is_some() {
                let mut side = self.place(tx, person, DATA_RIGHTS, &step, What::Inputs(vec![]), now).await?;
                side.state.guess = guess;
                let inputs = intent::interpret(incoming, &side.flow, Some(&side.state), locales, locale);
                return Ok(holds(&inputs, true).then_some(Side { what: What::Inputs(inputs), ..side }));
            }
            let here = self.checkin_place(tx, person, now).await?;
            let flow = self.checkin_flow(&here);
            if let Some(target) = flow.step(&step) {
                // An item asked before the check-in ended is over: not this one.
                let current = current_item(&flow, &here);
                if !matches!(target.kind, StepKind::Scale { .. }) || current.as_deref() == Some(&step) {
                    let mut side = self.checkin_side(flow, here, &step, What::Inputs(vec![]), now);
                    side.state.guess = guess;
                    let inputs = intent::interpret(incoming, &side.flow, Some(&side.state), locales, locale);
                    return Ok(holds(&inputs, true).then_some(Side { what: What::Inputs(inputs), ..side }));
                }
            }
        }
        // Numbers typed mid-flow are the flow's; after it, an open check-in's.
        if main.is_some_and(|s| s.status == engine::Status::Active) {
            return Ok(None);
        }
        let here = self.checkin_place(tx, person, now).await?;
        let flow = self.checkin_flow(&here);
        let Some(current) = current_item(&flow, &here) else { return Ok(None) };
        let side = self.checkin_side(flow, here, &current, What::Inputs(vec![]), now);
        let inputs = intent::interpret(incoming, &side.flow, Some(&side.state), locales, locale);
        Ok(holds(&inputs, false).then_some(Side { what: What::Inputs(inputs), ..side }))
    }

    /// The side flow `id` at `step`.
    async fn place(
        &self,
        tx: &mut Tx<'_>,
        person: &Person,
        id: &str,
        step: &str,
        what: What,
        now: i64,
    ) -> Result<Side, store::Error> {
        if id == CHECKIN {
            let here = self.checkin_place(tx, person, now).await?;
            let flow = self.checkin_flow(&here);
            return Ok(self.checkin_side(flow, here, step, what, now));
        }
        let flow = self.side_flow(id).clone();
        let state = State { step: step.to_string(), ..State::new(&flow, now) };
        Ok(Side { flow, state, what, checkin: None })
    }

    async fn checkin_place(&self, tx: &mut Tx<'_>, person: &Person, now: i64) -> Result<CheckinPlace, store::Error> {
        let case = stored::case_for(tx, person.id).await?;
        let open = stored::open(tx, person.id, now - OPEN_MS).await?;
        let answered = match &open {
            Some(open) => stored::answered(tx, open.id).await?,
            None => vec![],
        };
        let measures = &self.content.measures.instruments;
        let configured = &self.config.checkins.measure;
        let instrument = open
            .as_ref()
            .and_then(|o| measures.get(&o.measure))
            .or_else(|| measures.get(configured))
            .expect("checked in Linkup::new")
            .clone();
        Ok(CheckinPlace { case, open, answered, instrument, by_reminder: false })
    }

    /// The check-in flow with the measure's questions for the person's age band.
    fn checkin_flow(&self, here: &CheckinPlace) -> Flow {
        let answered: Vec<String> = here.answered.iter().map(|(item, _)| item.clone()).collect();
        measure::spell_out(self.side_flow(CHECKIN), &here.instrument, here.age_band(), &answered)
    }

    /// The check-in flow at `step`, with the open check-in's answers as the answers so far.
    fn checkin_side(&self, flow: Flow, here: CheckinPlace, step: &str, what: What, now: i64) -> Side {
        let mut state = State { step: step.to_string(), ..State::new(&flow, now) };
        for (item, score) in &here.answered {
            let Some(question) = flow.steps.iter().find(|s| s.kind.save_key() == Some(item)) else { continue };
            state.history.push(question.id.clone());
            let value = u8::try_from(*score).unwrap_or_default();
            let answer = Answer::Scale { value, measure: here.instrument.id.clone(), item: item.clone() };
            state.answers.insert(item.clone(), answer);
        }
        Side { flow, state, what, checkin: Some(here) }
    }

    /// The facts a side flow's branches test, looked up for this person.
    async fn facts(
        &self,
        tx: &mut Tx<'_>,
        side: &Side,
        person: &Person,
    ) -> Result<(Vec<(&'static str, bool)>, Option<String>), store::Error> {
        let case = match &side.checkin {
            Some(here) => here.case.clone(),
            None => stored::case_for(tx, person.id).await?,
        };
        let measure = &self.config.checkins.measure;
        let has_scores = match &case {
            Some((case, _)) => stored::history(&mut **tx, *case).await?.iter().any(|p| &p.measure == measure),
            None => false,
        };
        let mut facts = vec![("has_scores", has_scores)];
        let mut worker = None;
        match &side.checkin {
            Some(here) => {
                let ages = &here.instrument.ages;
                let age_ok = ages.is_empty() || here.age_band().is_some_and(|a| ages.iter().any(|x| x == a));
                facts.push(("checkin_case", here.case.is_some()));
                facts.push(("age_ok", age_ok));
                facts.push(("reminders", stored::reminders_running(tx, person.id).await?));
            }
            None => {
                worker = cases::worker_in_contact(tx, person.id).await?;
                let consented = cases::consented(tx, person.id).await?;
                facts.push(("in_contact", worker.is_some()));
                facts.push(("has_case", consented.is_some()));
                facts.push(("consented", consented == Some(true)));
            }
        }
        Ok((facts, worker))
    }

    /// Runs a side flow for one message and does what its steps ask, in the message's
    /// transaction. The caller writes the replies and commits.
    pub(super) async fn run_side(
        &self,
        tx: &mut Tx<'_>,
        mut side: Side,
        person: &Person,
        locale: &str,
        now: i64,
    ) -> Result<SideTurn, store::Error> {
        let (facts, worker) = self.facts(tx, &side, person).await?;
        for (fact, yes) in facts {
            let value = if yes { "yes" } else { "no" };
            side.state.answers.entry(fact.to_string()).or_insert(Answer::Choice { value: value.into() });
        }
        let mut service = self.duty.at(now).args();
        service.push(("commands".into(), Arg::Str(crate::command::list(&self.content.locales, locale))));
        if let Some(here) = &side.checkin {
            let total = measure::questions(&here.instrument, here.age_band());
            service.push(("questions".into(), Arg::Num(total as i64)));
        }
        if let Some(name) = &worker {
            service.push(("worker".into(), Arg::Str(name.split_whitespace().next().unwrap_or(name).to_string())));
        }
        let reference = cases::latest_reference(&mut **tx, person.id).await?.unwrap_or_else(|| "—".into());
        let ctx = Context { now, settings: &self.settings, reference: &reference, service: &service };
        let mut effects = Vec::new();
        let state = match &side.what {
            What::Enter(step) => {
                let outcome = engine::enter_at(&side.flow, side.state.clone(), step, &ctx);
                effects.extend(outcome.effects);
                outcome.state
            }
            What::Inputs(inputs) => {
                let mut state = side.state.clone();
                for input in inputs {
                    let outcome = engine::step(&side.flow, Some(&state), input, &ctx);
                    effects.extend(outcome.effects);
                    state = outcome.state;
                }
                state
            }
        };
        let mut turn = SideTurn::default();
        let mut extra: Vec<(String, Arg)> = Vec::new();
        for effect in effects {
            match effect {
                Effect::Reply(reply) => {
                    let out = self.render_side(&reply, locale, &extra);
                    if out.update_previous && turn.replies.last().is_some_and(|r| r.update_previous) {
                        turn.replies.pop();
                    }
                    turn.replies.push(out);
                }
                Effect::Do(action) => {
                    self.act(tx, action, &mut side, &state, person, locale, now, &mut turn, &mut extra).await?
                }
                // `flows check` keeps hand-offs and flagged questions out of side flows.
                Effect::HandOff { .. }
                | Effect::ScheduleCheckins
                | Effect::SuggestActivities
                | Effect::Safeguard { .. } => {
                    tracing::warn!(flow = %side.flow.id, "a side flow asked for a hand-off or a flag; ignored");
                }
            }
        }
        if !turn.erased {
            self.store_answers(tx, &mut side, &state, now).await?;
        }
        Ok(turn)
    }

    /// One action of a side flow's step.
    #[allow(clippy::too_many_arguments)]
    async fn act(
        &self,
        tx: &mut Tx<'_>,
        action: Action,
        side: &mut Side,
        state: &State,
        person: &Person,
        locale: &str,
        now: i64,
        turn: &mut SideTurn,
        extra: &mut Vec<(String, Arg)>,
    ) -> Result<(), store::Error> {
        let words = |id: &str| self.content.locales.render(locale, &Text::new(id));
        match action {
            Action::Erase => {
                let erased = erase::person(tx, person.id, now).await?;
                if erased.flagged {
                    tracing::warn!(cases = ?erased.cases, "a case with an open safeguarding flag was deleted at the young person's request");
                } else {
                    tracing::info!(cases = ?erased.cases, "data deleted at the young person's request");
                }
                turn.erased = true;
            }
            Action::Pause => {
                people::pause(tx, person.id, now).await?;
                tracing::info!(person = person.id, "young person paused all messages");
            }
            Action::Export => {
                // Read in this transaction: everything up to and including "/mydata".
                let data = export::person(&self.store, tx, person.id).await?;
                extra.extend(super::privacy::summary_args(&data, &self.content, &person.locale));
                let (filename, body) = super::privacy::my_data_file(&data, now);
                turn.replies.push(Outgoing {
                    attachment: Some(Attachment::json(filename, body)),
                    ..Outgoing::plain(words("mydata-file"))
                });
                tracing::info!(person = person.id, "young person asked for their data");
            }
            Action::WithdrawConsent => {
                let open = cases::withdraw_consent(tx, person.id, now).await?;
                for case in &open {
                    let note = "Withdrawn by the young person in the chat";
                    casework::close_in(tx, *case, None, "consent_withdrawn", note, now).await?;
                }
                tracing::info!(person = person.id, cases = open.len(), "young person withdrew consent");
            }
            Action::BackToWorker => people::set_with_worker(tx, person.id, true).await?,
            Action::ToBot => people::set_with_worker(tx, person.id, false).await?,
            Action::CarryOn => turn.carry_on = true,
            Action::BeginCheckin => {
                let Some(here) = side.checkin.as_mut() else { return Ok(()) };
                if here.open.is_none()
                    && let Some((case, age_band)) = here.case.clone()
                {
                    let started_by = if here.by_reminder { "reminder" } else { "asked" };
                    let measure = here.instrument.id.clone();
                    let id = stored::begin(tx, person.id, case, &measure, started_by, now).await?;
                    tracing::info!(person = person.id, started_by, "check-in started");
                    here.open = Some(Open { id, case_id: case, measure, started_at: now, age_band });
                }
            }
            Action::FinishCheckin => {
                self.store_answers(tx, side, state, now).await?;
                if let Some(open) = side.checkin.as_ref().and_then(|h| h.open.as_ref()) {
                    stored::complete(tx, open.id, now).await?;
                    tracing::info!(person = person.id, "check-in finished");
                }
            }
            Action::Chart => turn.replies.push(self.chart_reply(tx, person, locale, now).await?),
            Action::Snooze => {
                let at = self.plan.quiet.next_allowed(now + self.plan.snooze_ms);
                stored::snooze(tx, person.id, at).await?;
            }
            Action::StopCheckins => {
                stored::stop(tx, person.id, now).await?;
                tracing::info!(person = person.id, "young person stopped check-in reminders");
            }
        }
        Ok(())
    }

    /// The check-in's answers as the run left them: new ones stored, ones taken back ("back")
    /// removed. Only the open check-in's, and only its measure's items.
    async fn store_answers(
        &self,
        tx: &mut Tx<'_>,
        side: &mut Side,
        state: &State,
        now: i64,
    ) -> Result<(), store::Error> {
        let Some(here) = side.checkin.as_mut() else { return Ok(()) };
        let Some(open) = &here.open else { return Ok(()) };
        for item in &here.instrument.items {
            let stored_score = here.answered.iter().find(|(i, _)| *i == item.id).map(|(_, s)| *s);
            let now_score = match state.answers.get(&item.id) {
                Some(Answer::Scale { value, .. }) => Some(i64::from(*value)),
                _ => None,
            };
            if stored_score == now_score {
                continue;
            }
            if stored_score.is_some() {
                stored::unanswer(tx, open.id, &item.id).await?;
            }
            if let Some(score) = now_score.and_then(|s| u8::try_from(s).ok()) {
                let band = here.instrument.band(&item.id, score);
                stored::answer(tx, &stored::Answer { checkin: open, item: &item.id, score, band }, now).await?;
            }
        }
        here.answered = here
            .instrument
            .items
            .iter()
            .filter_map(|i| match state.answers.get(&i.id) {
                Some(Answer::Scale { value, .. }) => Some((i.id.clone(), i64::from(*value))),
                _ => None,
            })
            .collect();
        Ok(())
    }

    /// A side flow's reply in words: `extra` arguments for its texts (the data summary's),
    /// and each button's payload marked as a side flow's with `#`.
    fn render_side(&self, reply: &Reply, locale: &str, extra: &[(String, Arg)]) -> Outgoing {
        let mut reply = reply.clone();
        for text in &mut reply.texts {
            text.args.extend(extra.iter().cloned());
        }
        let mut out = self.render(&reply, locale);
        for button in &mut out.buttons {
            button.payload = format!("#{}", button.payload);
        }
        out
    }

    /// The check-in reminder, as the check-in flow's `checkin` step asks it.
    pub(super) fn reminder(&self, locale: &str, now: i64) -> Vec<Outgoing> {
        let flow = self.side_flow(CHECKIN);
        let service = [];
        let ctx = Context { now, settings: &self.settings, reference: "—", service: &service };
        let outcome = engine::enter_at(flow, State::new(flow, now), "checkin", &ctx);
        outcome.replies().map(|r| self.render_side(r, locale, &[])).collect()
    }

    /// The label of a side flow's button, for the transcript, if `payload` is one.
    pub(super) fn side_label(&self, payload: &str, locale: &str) -> Option<String> {
        let payload = LEGACY.iter().find(|(old, _)| *old == payload).map_or(payload, |(_, new)| new);
        let (step, value) = payload.strip_prefix('#')?.split_once('|')?;
        for id in [DATA_RIGHTS, CHECKIN] {
            if let Some(step) = self.side_flow(id).step(step) {
                let (buttons, _) = engine::buttons(step, &[]);
                let wanted = format!("{}|{value}", step.id);
                if let Some(b) = buttons.into_iter().find(|b| b.payload == wanted) {
                    return Some(self.content.locales.label(locale, &b.label));
                }
            }
        }
        // A check-in's answer: the response's words, or the score.
        let item = payload.strip_prefix(LEGACY_ANSWER).and_then(|r| r.split('|').nth(1)).unwrap_or(step);
        let score: u8 = payload.rsplit('|').next()?.parse().ok()?;
        let instrument = self.content.measures.instruments.get(&self.config.checkins.measure)?;
        instrument.item(item)?;
        let label = score.checked_sub(instrument.min).and_then(|i| instrument.responses.get(usize::from(i)));
        Some(match label {
            Some(id) => self.content.locales.render(locale, &Text::new(id.as_str())),
            None => score.to_string(),
        })
    }
}

/// A press of `value` at `step`, as the engine reads buttons.
fn press(step: &str, value: &str) -> Input {
    Input::Press(format!("{step}|{value}"))
}

/// The question the open check-in is on, if one is open.
fn current_item(flow: &Flow, here: &CheckinPlace) -> Option<String> {
    here.open.as_ref()?;
    flow.steps
        .iter()
        .find(|s| matches!(&s.kind, StepKind::Scale { save, .. } if !here.answered.iter().any(|(i, _)| i == save)))
        .map(|s| s.id.clone())
}
