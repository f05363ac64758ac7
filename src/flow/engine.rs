//! The pure conversation engine: `step(flow, state, input, ctx) -> (state, effects)`, no I/O.
//!
//! Messages come out as message ids with arguments; turning them into words is the job of
//! [`crate::i18n`], so one engine serves every language and every channel.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Action, Choice, Condition, Flow, RESTART, RESUME, Raise, Settings, Step, StepKind, keys};
use crate::answer::{self, Valid};
pub use crate::message::{Arg, Button, Label, Reply, SummaryLine, SummaryValue, Text};

/// Message ids the engine itself uses; every locale must define them.
pub const SYSTEM_MESSAGES: &[&str] = &[
    "reask-choose-button",
    "reask-old-button",
    "reask-pick-at-least",
    "reask-scale",
    "back-at-start",
    "restarting",
    "welcome-back",
    "unknown-command",
    "keywords-back",
    "keywords-restart",
    "keywords-help",
    "keywords-person",
    "media-not-read",
    "command-not-yet",
    "did-you-mean",
    "guess-not-that",
    "handed-off-help",
    "handed-off-person",
    "handed-off-back",
    "btn-guess-no",
    "btn-guess-keep",
    "btn-cmd-back",
    "btn-cmd-restart",
    "btn-cmd-help",
    "btn-cmd-person",
];

/// What the young person did, already interpreted (see [`crate::intent`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A first contact or `/start`.
    Start,
    Text(String),
    /// A button press: its payload, `step|option`.
    Press(String),
    Command(Command),
    /// A sticker, photo, voice note or anything else that is not text or a button.
    Unreadable,
    /// Typed words that nearly match a button (or a command): asked "Did you mean...?" first.
    Guess(Guess),
}

/// A near miss waiting to be confirmed: the button it would press (`step|option`, or
/// `step|#cmd-help` for a command) and what was typed, kept in case it was meant as it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Guess {
    pub payload: String,
    pub typed: String,
}

/// The payload of "No, something else" after a guess.
pub const GUESS_NO: &str = "#guess-no";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Back,
    Restart,
    Help,
    Person,
    /// A crisis reply was just given: offer a link worker now, then carry on.
    Safety,
    /// The safety check is unsure about this category: ask the direct question.
    Ask(String),
    /// The question again, as it stands (a choice typed that was ticked already).
    Again,
    /// A `/command` the bot does not know.
    Unknown(String),
    /// A command of the menu whose feature is not built yet.
    NotYet(String),
}

impl Command {
    /// The commands a young person can type at any question, by their keywords
    /// (`keywords-<name>` in the locale), `/<name>`, or a guess's button (`#cmd-<name>`).
    pub const TYPED: [Command; 4] = [Command::Back, Command::Restart, Command::Help, Command::Person];

    /// The name of a [`Command::TYPED`] command: "back", "restart", "help", "person".
    pub fn name(&self) -> Option<&'static str> {
        Some(match self {
            Command::Back => "back",
            Command::Restart => "restart",
            Command::Help => "help",
            Command::Person => "person",
            _ => return None,
        })
    }

    /// The typed command with this name.
    pub fn named(name: &str) -> Option<Command> {
        Command::TYPED.into_iter().find(|c| c.name() == Some(name))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Active,
    HandedOff,
    Ended,
}

/// An answer as stored: structured, not only as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Answer {
    Choice { value: String },
    Multi { values: Vec<String> },
    Text { value: String, kind: Option<String> },
    Scale { value: u8, measure: String, item: String },
    Skipped,
}

impl Answer {
    /// The option ids this answer holds, for branch rules.
    fn option_ids(&self) -> Vec<&str> {
        match self {
            Answer::Choice { value } => vec![value.as_str()],
            Answer::Multi { values } => values.iter().map(String::as_str).collect(),
            _ => vec![],
        }
    }
}

/// Where a conversation is. Stored as JSON, so fields are only ever added with defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    pub flow: String,
    pub status: Status,
    pub step: String,
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
    /// Input steps answered, most recent last: what "back" walks.
    #[serde(default)]
    pub history: Vec<String>,
    /// Options ticked so far at the current multi step.
    #[serde(default)]
    pub selected: Vec<String>,
    /// The step a detour (such as "talk to a person") will return to.
    #[serde(default)]
    pub resume: Option<String>,
    /// The case reference once handed off.
    #[serde(default)]
    pub reference: Option<String>,
    /// The safeguarding category the `ask` step is asking about.
    #[serde(default)]
    pub asking: Option<String>,
    /// "Did you mean...?" asked and not answered yet.
    #[serde(default)]
    pub guess: Option<Guess>,
    /// Unix ms of the first and latest step.
    pub started_at: i64,
    pub updated_at: i64,
}

impl State {
    pub fn new(flow: &Flow, now: i64) -> State {
        State {
            flow: flow.id.clone(),
            status: Status::Active,
            step: flow.start.clone(),
            answers: BTreeMap::new(),
            history: Vec::new(),
            selected: Vec::new(),
            resume: None,
            reference: None,
            asking: None,
            guess: None,
            started_at: now,
            updated_at: now,
        }
    }
}

/// What the engine may read besides the flow and state. All of it is passed in, so the engine
/// stays pure.
#[derive(Debug, Clone)]
pub struct Context<'a> {
    pub now: i64,
    pub settings: &'a Settings,
    /// A fresh, unused case reference, used if this step hands off.
    pub reference: &'a str,
    /// Arguments every flow message may use about the service right now, such as whether a
    /// link worker is on duty (`on_duty`) and when the next one is (`next_day`, `next_time`).
    pub service: &'a [(String, Arg)],
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Reply(Reply),
    /// Create the case for a link worker from the answers so far. `consent`: they said yes to
    /// sharing ([`keys::CONSENT`]); it is recorded only then.
    HandOff {
        reference: String,
        partial: bool,
        consent: bool,
    },
    /// After a whole hand-off with consent, they asked for check-in reminders
    /// ([`keys::CHECKINS`]): schedule them for the case just handed off.
    ScheduleCheckins,
    /// After a whole hand-off with consent, they asked for activities ([`keys::HELP`] has
    /// [`keys::ACTIVITIES`]): suggest some from the directory, after the hand-off's words.
    SuggestActivities,
    /// An answer to a direct safety question: what it raises, for which category.
    Safeguard {
        category: String,
        raise: Raise,
        /// The option chosen, or `no-answer`.
        answer: String,
        step: String,
    },
    /// An `action` step: the service does it, in order with the replies around it.
    Do(Action),
}

/// The answer recorded when the direct question got something other than its buttons.
pub const NO_ANSWER: &str = "no-answer";

#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub state: State,
    pub effects: Vec<Effect>,
}

impl Outcome {
    /// The replies, in order.
    pub fn replies(&self) -> impl Iterator<Item = &Reply> {
        self.effects.iter().filter_map(|e| match e {
            Effect::Reply(r) => Some(r),
            Effect::HandOff { .. }
            | Effect::ScheduleCheckins
            | Effect::SuggestActivities
            | Effect::Safeguard { .. }
            | Effect::Do(_) => None,
        })
    }
}

/// A flow's steps never chain this many non-input steps in a row; a guard against a cycle
/// that validation missed.
const MAX_CHAIN: usize = 64;

/// Takes one input through the flow. `state` is `None` for someone the bot has not met.
pub fn step(flow: &Flow, state: Option<&State>, input: &Input, ctx: &Context<'_>) -> Outcome {
    let mut run = Run { flow, ctx, effects: Vec::new() };
    let mut state = match state {
        Some(s) if s.flow == flow.id && flow.step(&s.step).is_some() => s.clone(),
        // New, or a state from a flow that has since changed beyond recognition: begin again.
        _ => {
            run.notice(input);
            let s = run.begin(input);
            return run.finish(s);
        }
    };
    state.updated_at = ctx.now;
    match state.status {
        Status::Ended => {
            run.notice(input);
            state = run.begin(input);
        }
        Status::HandedOff => match input {
            // The crisis reply said it all, or a flag was raised; the case is with a link
            // worker already.
            Input::Command(Command::Safety | Command::Ask(_)) => {}
            // What is true once the answers are with a link worker: no going back or starting
            // again, and the person is already on their way.
            Input::Command(Command::Help) => run.say(run.text("handed-off-help", &state)),
            Input::Command(Command::Person) => run.say(run.text("handed-off-person", &state)),
            Input::Command(Command::Back | Command::Restart) => run.say(run.text("handed-off-back", &state)),
            Input::Unreadable | Input::Command(Command::NotYet(_)) => run.notice(input),
            _ => run.say(run.text(&flow.after_handoff, &state)),
        },
        Status::Active => run.active(&mut state, input),
    }
    run.finish(state)
}

/// Enters `step` from `state`, as a button or command that names a step does (a side flow's
/// `/delete`, or its "ask" buttons): its texts, and its question if it asks one.
pub fn enter_at(flow: &Flow, state: State, step: &str, ctx: &Context<'_>) -> Outcome {
    let mut run = Run { flow, ctx, effects: Vec::new() };
    let mut state = State { updated_at: ctx.now, status: Status::Active, guess: None, ..state };
    run.enter(&mut state, step);
    run.finish(state)
}

struct Run<'a> {
    flow: &'a Flow,
    ctx: &'a Context<'a>,
    effects: Vec<Effect>,
}

impl Run<'_> {
    /// A new conversation. After a crisis reply, a first message is not met with a cheerful
    /// welcome: the offer of a link worker comes first, and "carry on" starts the flow.
    fn begin(&mut self, input: &Input) -> State {
        let mut state = State::new(self.flow, self.ctx.now);
        match (&self.flow.safety, &self.flow.ask, input) {
            (Some(safety), _, Input::Command(Command::Safety)) => {
                state.resume = Some(self.flow.start.clone());
                self.enter(&mut state, &safety.clone());
            }
            (_, Some(ask), Input::Command(Command::Ask(category))) => {
                state.resume = Some(self.flow.start.clone());
                state.asking = Some(category.clone());
                self.enter(&mut state, &ask.clone());
            }
            _ => self.enter(&mut state, &self.flow.start.clone()),
        }
        state
    }

    /// The plain notice for input the flow cannot use (media, commands not built yet).
    fn notice(&mut self, input: &Input) {
        match input {
            Input::Unreadable => self.say(Text::new("media-not-read")),
            Input::Command(Command::NotYet(_)) => self.say(Text::new("command-not-yet")),
            _ => {}
        }
    }

    fn finish(self, state: State) -> Outcome {
        Outcome { state, effects: self.effects }
    }

    fn say(&mut self, text: Text) {
        self.effects.push(Effect::Reply(Reply::text(text)));
    }

    /// A flow message with the arguments every message may use.
    fn text(&self, id: &str, state: &State) -> Text {
        let mut t = Text::new(id)
            .arg("response_days", Arg::Num(i64::from(self.ctx.settings.response_days)))
            // Which of a measure's questions is being asked, from 1 ("Question 2 of 4"): the
            // scale questions answered on the way here, plus one.
            .arg("question", Arg::Num(self.scales_answered(state) as i64 + 1))
            .arg("reference", Arg::Str(state.reference.clone().unwrap_or_else(|| self.ctx.reference.to_string())));
        // Earlier answers by their keys (a choice as its option id, so words can differ by
        // age band), the category being asked about, and the service's state now.
        for (key, answer) in &state.answers {
            match answer {
                Answer::Text { value, .. } | Answer::Choice { value } => t = t.arg(key, Arg::Str(value.clone())),
                Answer::Multi { .. } | Answer::Scale { .. } | Answer::Skipped => {}
            }
        }
        // A choice not answered yet is "none", so words can select on it at any point.
        for step in &self.flow.steps {
            if let StepKind::Choice { save, .. } = &step.kind
                && !state.answers.contains_key(save)
            {
                t = t.arg(save, Arg::Str("none".into()));
            }
        }
        if let Some(category) = &state.asking {
            t = t.arg("category", Arg::Str(category.clone()));
        }
        for (name, value) in self.ctx.service {
            t = t.arg(name, value.clone());
        }
        t
    }

    fn scales_answered(&self, state: &State) -> usize {
        let scale = |id: &String| self.flow.step(id).is_some_and(|s| matches!(s.kind, StepKind::Scale { .. }));
        state.history.iter().filter(|id| scale(id)).count()
    }

    fn active(&mut self, state: &mut State, input: &Input) {
        let current = self.flow.step(&state.step).expect("checked by step()").clone();
        // A guess lasts one message: whatever comes next answers it or moves on.
        let guess = state.guess.take();
        if state.asking.is_some() && is_question(&current) && self.unanswered(state, &current, input) {
            return;
        }
        match input {
            Input::Start => {
                if state.history.is_empty() && state.resume.is_none() {
                    self.prompt(state, &current);
                } else {
                    self.say(Text::new("welcome-back"));
                    self.ask_again(state, &current);
                }
            }
            Input::Command(Command::Back) => self.back(state, &current),
            Input::Command(Command::Restart) => self.enter(state, RESTART),
            Input::Command(Command::Help) => {
                if let Some(help) = self.flow.help.clone() {
                    self.say(self.text(&help, state));
                }
                self.ask_again(state, &current);
            }
            Input::Command(Command::Person) => match self.flow.person.clone() {
                Some(person) if person != current.id => {
                    state.resume = Some(current.id.clone());
                    state.selected.clear();
                    self.enter(state, &person);
                }
                _ => self.ask_again(state, &current),
            },
            Input::Command(Command::Safety) => match self.flow.safety.clone() {
                Some(safety) if safety != current.id => {
                    // Keep the place an earlier detour left, so "carry on" goes back there.
                    state.resume = state.resume.take().or_else(|| Some(current.id.clone()));
                    state.selected.clear();
                    state.asking = None;
                    self.enter(state, &safety);
                }
                _ => self.ask_again(state, &current),
            },
            Input::Command(Command::Ask(category)) => match self.flow.ask.clone() {
                Some(ask) if !(state.asking.is_some() && is_question(&current)) => {
                    state.resume = state.resume.take().or_else(|| Some(current.id.clone()));
                    state.selected.clear();
                    state.asking = Some(category.clone());
                    self.enter(state, &ask);
                }
                _ => self.ask_again(state, &current),
            },
            Input::Unreadable | Input::Command(Command::NotYet(_)) => {
                self.notice(input);
                self.ask_again(state, &current);
            }
            Input::Command(Command::Again) => self.ask_again(state, &current),
            Input::Command(Command::Unknown(_)) => {
                self.say(Text::new("unknown-command"));
                self.ask_again(state, &current);
            }
            Input::Press(payload) => {
                let (step_id, value) = payload.split_once('|').unwrap_or(("", payload.as_str()));
                if step_id != current.id {
                    self.say(Text::new("reask-old-button"));
                    self.ask_again(state, &current);
                } else if value == GUESS_NO {
                    match guess {
                        // Not a typo after all: the words are the answer.
                        Some(g) if matches!(current.kind, StepKind::Text { .. }) => {
                            self.typed(state, &current, &g.typed)
                        }
                        _ => self.reask(state, &current, Text::new("guess-not-that")),
                    }
                } else if let Some(command) = value.strip_prefix("#cmd-").and_then(Command::named) {
                    self.active(state, &Input::Command(command));
                } else {
                    self.pressed(state, &current, value);
                }
            }
            Input::Text(text) => self.typed(state, &current, text),
            Input::Guess(g) => self.guess(state, &current, g),
        }
    }

    /// "Did you mean...?": the button it would be, and one to say no.
    fn guess(&mut self, state: &mut State, step: &Step, guess: &Guess) {
        let value = guess.payload.split_once('|').map_or("", |(_, v)| v);
        let label = match value.strip_prefix("#cmd-") {
            Some(name) => Some(Label::Msg(format!("btn-cmd-{name}"))),
            None => buttons(step, &[]).0.into_iter().find(|b| b.payload == guess.payload).map(|b| b.label),
        };
        let Some(label) = label else {
            return self.reask(state, step, Text::new("reask-choose-button"));
        };
        state.guess = Some(guess.clone());
        let no = if matches!(step.kind, StepKind::Text { .. }) { "btn-guess-keep" } else { "btn-guess-no" };
        let buttons = vec![
            Button { label, payload: guess.payload.clone(), selected: false },
            Button { label: Label::Msg(no.into()), payload: format!("{}|{GUESS_NO}", step.id), selected: false },
        ];
        let reply = Reply {
            texts: vec![Text::new("did-you-mean")],
            summary: vec![],
            buttons,
            columns: 1,
            update_previous: false,
        };
        self.effects.push(Effect::Reply(reply));
    }

    /// At the direct safety question, anything but one of its buttons (words, an old button,
    /// "back") is no answer: a link worker is asked to look, and the question that was
    /// interrupted is asked again. Returns whether it was no answer.
    fn unanswered(&mut self, state: &mut State, step: &Step, input: &Input) -> bool {
        let answered = match input {
            Input::Press(payload) => payload.split_once('|').is_some_and(|(id, _)| id == step.id),
            Input::Text(_) | Input::Command(Command::Back) => false,
            // "Did you mean Yes?" comes first; its answer is the answer.
            Input::Guess(_) => true,
            // Starting again leaves the question unanswered: a link worker is asked to look, and
            // then it starts again.
            Input::Command(Command::Restart) => {
                if let Some(category) = state.asking.take() {
                    self.effects.push(Effect::Safeguard {
                        category,
                        raise: Raise::Review,
                        answer: NO_ANSWER.into(),
                        step: step.id.clone(),
                    });
                }
                true
            }
            // A new worry, help, a person: handled as anywhere else.
            Input::Start | Input::Command(_) | Input::Unreadable => true,
        };
        if answered {
            return false;
        }
        if let Some(category) = state.asking.take() {
            self.effects.push(Effect::Safeguard {
                category,
                raise: Raise::Review,
                answer: NO_ANSWER.into(),
                step: step.id.clone(),
            });
        }
        self.enter(state, RESUME);
        true
    }

    fn back(&mut self, state: &mut State, current: &Step) {
        state.selected.clear();
        if let Some(resume) = state.resume.take() {
            self.enter(state, &resume);
            return;
        }
        match state.history.pop() {
            Some(previous) => {
                // The question will be answered again; an answer it no longer leads to (a phone
                // number after choosing "this chat" instead) must not stay behind.
                if let Some(key) = self.flow.step(&previous).and_then(|s| s.kind.save_key()) {
                    state.answers.remove(key);
                }
                self.enter(state, &previous)
            }
            None => match self.flow.back.clone() {
                Some(back) => self.enter(state, &back),
                None => {
                    self.say(Text::new("back-at-start"));
                    self.prompt(state, current);
                }
            },
        }
    }

    fn pressed(&mut self, state: &mut State, step: &Step, value: &str) {
        match &step.kind {
            StepKind::Choice { save, options, next, .. } => match options.iter().find(|o| o.id == value) {
                Some(option) => {
                    let target = option.next.clone().or_else(|| next.clone()).unwrap_or_default();
                    if let Some(raise) = option.flag {
                        // The question's own category, or the one the `ask` detour was asked about.
                        let category = step.category.clone().or_else(|| state.asking.clone());
                        if let Some(category) = category {
                            self.effects.push(Effect::Safeguard {
                                category,
                                raise,
                                answer: option.id.clone(),
                                step: step.id.clone(),
                            });
                        }
                    }
                    if is_question(step) {
                        state.asking = None;
                    }
                    self.answered(state, step, save, Answer::Choice { value: option.id.clone() }, &target);
                }
                None => self.reask(state, step, Text::new("reask-choose-button")),
            },
            StepKind::Multi { save, options, min, next, .. } => {
                if value == "#done" {
                    if state.selected.len() < *min {
                        let text = Text::new("reask-pick-at-least").arg("min", Arg::Num(*min as i64));
                        self.reask(state, step, text);
                    } else {
                        let values =
                            options.iter().filter(|o| state.selected.contains(&o.id)).map(|o| o.id.clone()).collect();
                        state.selected.clear();
                        self.answered(state, step, save, Answer::Multi { values }, next);
                    }
                } else if options.iter().any(|o| o.id == value) {
                    if let Some(i) = state.selected.iter().position(|s| s == value) {
                        state.selected.remove(i);
                    } else {
                        state.selected.push(value.to_string());
                    }
                    let mut reply =
                        self.question(state, step, step.texts.last().map(std::slice::from_ref).unwrap_or_default());
                    reply.update_previous = true;
                    self.effects.push(Effect::Reply(reply));
                } else {
                    self.reask(state, step, Text::new("reask-choose-button"));
                }
            }
            StepKind::Text { save, skip: Some(_), next, .. } if value == "#skip" => {
                self.answered(state, step, save, Answer::Skipped, next);
            }
            StepKind::Scale { .. } => self.scale(state, step, value),
            _ => self.reask(state, step, Text::new("reask-old-button")),
        }
    }

    fn typed(&mut self, state: &mut State, step: &Step, text: &str) {
        match &step.kind {
            StepKind::Text { save, validate, max_len, next, .. } => match answer::validate(*validate, text, *max_len) {
                Ok(Valid { value, kind, note }) => {
                    if let Some(note) = note {
                        self.say(note);
                    }
                    let answer = Answer::Text { value, kind: kind.map(str::to_string) };
                    self.answered(state, step, save, answer, next);
                }
                Err(why) => self.reask(state, step, why),
            },
            StepKind::Scale { .. } => self.scale(state, step, text.trim()),
            StepKind::Choice { .. }
            | StepKind::Multi { .. }
            | StepKind::Message { .. }
            | StepKind::Measure { .. }
            | StepKind::Action { .. }
            | StepKind::Branch { .. }
            | StepKind::HandOff { .. }
            | StepKind::End => self.reask(state, step, Text::new("reask-choose-button")),
        }
    }

    fn scale(&mut self, state: &mut State, step: &Step, value: &str) {
        let StepKind::Scale { save, measure, item, min, max, next, .. } = &step.kind else {
            return;
        };
        match value.parse::<i64>() {
            Ok(n) if (i64::from(*min)..=i64::from(*max)).contains(&n) => {
                let answer = Answer::Scale { value: n as u8, measure: measure.clone(), item: item.clone() };
                self.answered(state, step, save, answer, next);
            }
            _ => {
                let text = Text::new("reask-scale")
                    .arg("min", Arg::Num(i64::from(*min)))
                    .arg("max", Arg::Num(i64::from(*max)));
                self.reask(state, step, text);
            }
        }
    }

    fn reask(&mut self, state: &State, step: &Step, why: Text) {
        self.say(why);
        self.ask_again(state, step);
    }

    /// Asks again after a re-ask or help: only the bubble with the question and buttons, not
    /// the step's introductions.
    fn ask_again(&mut self, state: &State, step: &Step) {
        let from = if step.summary.is_empty() && !step.one_bubble { step.texts.len().saturating_sub(1) } else { 0 };
        let reply = self.question(state, step, &step.texts[from..]);
        self.effects.push(Effect::Reply(reply));
    }

    fn answered(&mut self, state: &mut State, step: &Step, save: &str, answer: Answer, target: &str) {
        state.answers.insert(save.to_string(), answer);
        // A detour's answers are not part of the path "back" walks.
        if state.resume.is_none() {
            state.history.push(step.id.clone());
        }
        self.enter(state, target);
    }

    /// Moves to `target` and runs through steps that need no input until one does.
    fn enter(&mut self, state: &mut State, target: &str) {
        let mut id = target.to_string();
        for _ in 0..MAX_CHAIN {
            if id == RESUME {
                id = state.resume.take().unwrap_or_else(|| self.flow.start.clone());
            } else if id == RESTART {
                *state = State::new(self.flow, self.ctx.now);
                self.say(Text::new("restarting"));
                id = self.flow.start.clone();
            }
            let Some(step) = self.flow.step(&id) else {
                // Validation rejects unknown targets; if one slips through, end kindly.
                state.status = Status::Ended;
                return;
            };
            state.step = id.clone();
            state.selected.clear();
            match &step.kind {
                StepKind::Message { next } => {
                    for t in &step.texts {
                        self.say(self.text(t, state));
                    }
                    id = next.clone();
                }
                // Spelled out before the flow runs (see `flow::measure`); unspelled, it asks nothing.
                StepKind::Measure { next } => id = next.clone(),
                StepKind::Action { action, next } => {
                    self.effects.push(Effect::Do(*action));
                    for t in &step.texts {
                        self.say(self.text(t, state));
                    }
                    match next {
                        Some(next) => id = next.clone(),
                        None => {
                            state.status = Status::Ended;
                            return;
                        }
                    }
                }
                StepKind::Branch { rules, otherwise } => {
                    id = rules
                        .iter()
                        .find(|r| self.matches(state, &r.answer, &r.condition))
                        .map(|r| r.next.clone())
                        .unwrap_or_else(|| otherwise.clone());
                }
                StepKind::HandOff { partial } => {
                    state.status = Status::HandedOff;
                    state.reference = Some(self.ctx.reference.to_string());
                    state.resume = None;
                    let yes =
                        |key: &str| matches!(state.answers.get(key), Some(Answer::Choice { value }) if value == "yes");
                    let consent = yes(keys::CONSENT);
                    self.effects.push(Effect::HandOff {
                        reference: self.ctx.reference.to_string(),
                        partial: *partial,
                        consent,
                    });
                    if consent && !*partial && yes(keys::CHECKINS) {
                        self.effects.push(Effect::ScheduleCheckins);
                    }
                    for t in &step.texts {
                        self.say(self.text(t, state));
                    }
                    let activities =
                        matches!(state.answers.get(keys::HELP), Some(a) if a.option_ids().contains(&keys::ACTIVITIES));
                    if consent && !*partial && activities {
                        self.effects.push(Effect::SuggestActivities);
                    }
                    return;
                }
                StepKind::End => {
                    state.status = Status::Ended;
                    for t in &step.texts {
                        self.say(self.text(t, state));
                    }
                    return;
                }
                StepKind::Choice { .. } | StepKind::Multi { .. } | StepKind::Text { .. } | StepKind::Scale { .. } => {
                    self.prompt(state, step);
                    return;
                }
            }
        }
        state.status = Status::Ended;
    }

    fn matches(&self, state: &State, key: &str, condition: &Condition) -> bool {
        let answer = state.answers.get(key);
        match condition {
            Condition::Present => matches!(answer, Some(a) if *a != Answer::Skipped),
            Condition::In(list) => answer.is_some_and(|a| a.option_ids().iter().any(|v| list.iter().any(|l| l == v))),
            Condition::InSetting(name) => {
                let list = self.ctx.settings.lists.get(name);
                answer.is_some_and(|a| a.option_ids().iter().any(|v| list.is_some_and(|l| l.iter().any(|x| x == v))))
            }
        }
    }

    /// Asks the step's question: one bubble per text, the last carrying the buttons. A step
    /// with a summary shows one bubble: its first text, the answers, then the rest.
    fn prompt(&mut self, state: &State, step: &Step) {
        let together = if step.summary.is_empty() && !step.one_bubble { step.texts.len().saturating_sub(1) } else { 0 };
        for t in &step.texts[..together] {
            self.say(self.text(t, state));
        }
        let reply = self.question(state, step, &step.texts[together..]);
        if !reply.texts.is_empty() || !reply.buttons.is_empty() || !reply.summary.is_empty() {
            self.effects.push(Effect::Reply(reply));
        }
    }

    /// The bubble that carries the buttons: `texts`, the summary (after the first text) and the
    /// buttons.
    fn question(&self, state: &State, step: &Step, texts: &[String]) -> Reply {
        let texts = texts.iter().map(|t| self.text(t, state)).collect();
        let summary = step.summary.iter().map(|f| self.summary_line(state, &f.answer, &f.label)).collect();
        let (buttons, columns) = buttons(step, &state.selected);
        Reply { texts, summary, buttons, columns, update_previous: false }
    }

    fn summary_line(&self, state: &State, key: &str, label: &str) -> SummaryLine {
        let labels_of = |ids: &[&str]| -> Vec<String> {
            let options = match self.flow.step_saving(key).map(|s| &s.kind) {
                Some(StepKind::Choice { options, .. } | StepKind::Multi { options, .. }) => options.as_slice(),
                Some(
                    StepKind::Text { .. }
                    | StepKind::Scale { .. }
                    | StepKind::Measure { .. }
                    | StepKind::Action { .. }
                    | StepKind::Message { .. }
                    | StepKind::Branch { .. }
                    | StepKind::HandOff { .. }
                    | StepKind::End,
                )
                | None => &[],
            };
            ids.iter()
                .map(|id| {
                    options.iter().find(|o| o.id == *id).map(|o| o.label.clone()).unwrap_or_else(|| id.to_string())
                })
                .collect()
        };
        let value = match state.answers.get(key) {
            None | Some(Answer::Skipped) => SummaryValue::Nothing,
            Some(Answer::Choice { value }) => SummaryValue::Labels(labels_of(&[value.as_str()])),
            Some(Answer::Multi { values }) if values.is_empty() => SummaryValue::Nothing,
            Some(Answer::Multi { values }) => {
                SummaryValue::Labels(labels_of(&values.iter().map(String::as_str).collect::<Vec<_>>()))
            }
            Some(Answer::Text { value, .. }) => SummaryValue::Text(value.clone()),
            Some(Answer::Scale { value, .. }) => SummaryValue::Number(*value),
        };
        SummaryLine { label: label.to_string(), value }
    }
}

/// A direct safety question: a choice whose buttons say what they raise.
pub fn is_question(step: &Step) -> bool {
    matches!(&step.kind, StepKind::Choice { options, .. } if options.iter().any(|o| o.flag.is_some()))
}

/// The buttons a step shows (with `selected` ticked) and how many to a row.
pub fn buttons(step: &Step, selected: &[String]) -> (Vec<Button>, usize) {
    let payload = |value: &str| format!("{}|{}", step.id, value);
    let option_buttons = |options: &[Choice]| -> Vec<Button> {
        options
            .iter()
            .map(|o| Button {
                label: Label::Msg(o.label.clone()),
                payload: payload(&o.id),
                selected: selected.contains(&o.id),
            })
            .collect()
    };
    match &step.kind {
        StepKind::Choice { options, columns, .. } => (option_buttons(options), *columns),
        StepKind::Multi { options, done, columns, .. } => {
            let mut b = option_buttons(options);
            b.push(Button { label: Label::Msg(done.clone()), payload: payload("#done"), selected: false });
            (b, *columns)
        }
        StepKind::Text { skip: Some(skip), .. } => {
            (vec![Button { label: Label::Msg(skip.clone()), payload: payload("#skip"), selected: false }], 1)
        }
        StepKind::Scale { min, max, labels, .. } => (
            (*min..=*max)
                .enumerate()
                .map(|(i, n)| Button {
                    label: match labels.get(i) {
                        Some(id) => Label::Msg(id.clone()),
                        None => Label::Literal(n.to_string()),
                    },
                    payload: payload(&n.to_string()),
                    selected: false,
                })
                .collect(),
            if labels.is_empty() { 6 } else { 1 },
        ),
        StepKind::Text { skip: None, .. }
        | StepKind::Measure { .. }
        | StepKind::Action { .. }
        | StepKind::Message { .. }
        | StepKind::Branch { .. }
        | StepKind::HandOff { .. }
        | StepKind::End => (vec![], 1),
    }
}
