//! Conversation flows: the types a flow file becomes, loading, checking and the pure engine.
//!
//! A flow is data (`flows/*.toml`); nothing here knows which questions a service asks.

pub mod check;
pub mod engine;
pub mod graph;
pub mod keys;
pub mod load;
pub mod measure;

use std::collections::HashMap;
use std::path::PathBuf;

/// The special target that returns to the step a detour (such as "talk to a person") left.
pub const RESUME: &str = "@resume";

/// The special target that forgets every answer and begins the flow again.
pub const RESTART: &str = "@restart";

/// Whether `target` is one of the special `@` targets rather than a step id.
pub fn is_special(target: &str) -> bool {
    target == RESUME || target == RESTART
}

/// A loaded flow: steps in file order plus an index by id.
#[derive(Debug, Clone)]
pub struct Flow {
    pub id: String,
    pub file: PathBuf,
    pub start: String,
    pub start_line: usize,
    /// Message shown for "help", before the current question is asked again.
    pub help: Option<String>,
    /// Step entered for "talk to a person".
    pub person: Option<String>,
    /// Step entered after a crisis reply (an offer to talk to a link worker now).
    pub safety: Option<String>,
    /// Step entered when the safety check is unsure: a direct question with buttons, worded by
    /// the `$category` it is about.
    pub ask: Option<String>,
    /// Message shown for anything the young person sends after the hand-off (a flow that
    /// hands off must have one).
    pub after_handoff: String,
    /// The version of the consent wording, recorded with consent on the case.
    pub consent_version: String,
    /// Step entered for "back" at the first question, instead of "you are at the start".
    pub back: Option<String>,
    /// A side flow's commands: `/name` enters the step. A flow with commands is a side flow,
    /// run beside the main one (see [`crate::conversation::side`]).
    pub commands: Vec<(String, String)>,
    pub description: Option<String>,
    pub header_line: usize,
    pub steps: Vec<Step>,
    index: HashMap<String, usize>,
}

impl Flow {
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.index.get(id).map(|&i| &self.steps[i])
    }

    /// A flow with these steps in place of its own (a `measure` step spelled out).
    pub fn with_steps(&self, steps: Vec<Step>) -> Flow {
        let index = steps.iter().enumerate().map(|(i, s)| (s.id.clone(), i)).collect();
        Flow { steps, index, ..self.clone() }
    }

    /// Whether this is a side flow: entered by its commands and buttons, beside the main flow.
    pub fn is_side(&self) -> bool {
        !self.commands.is_empty()
    }

    /// The step `/name` enters, in a side flow.
    pub fn command_step(&self, name: &str) -> Option<&str> {
        self.commands.iter().find(|(n, _)| n == name).map(|(_, s)| s.as_str())
    }

    /// The step whose `save` key is `key`, used to turn an answer back into its labels.
    pub fn step_saving(&self, key: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.kind.save_key() == Some(key))
    }
}

/// One step of a flow.
#[derive(Debug, Clone)]
pub struct Step {
    pub id: String,
    pub line: usize,
    /// Message ids shown when the step is entered, one chat bubble each.
    pub texts: Vec<String>,
    /// Answers read back under the last bubble (the summary before consent).
    pub summary: Vec<SummaryField>,
    /// The safeguarding category a flagged option of this step raises (a direct question).
    pub category: Option<String>,
    /// All texts in the one bubble that carries the buttons, also when asked again ("Question
    /// 2 of 4" above the question).
    pub one_bubble: bool,
    /// Typed answers must say a button's words ("yes", "yes delete it"): a loose "ok" or "k"
    /// is not taken, as at a direct safety question. For what cannot be undone.
    pub careful: bool,
    pub kind: StepKind,
}

#[derive(Debug, Clone)]
pub struct SummaryField {
    pub answer: String,
    pub label: String,
}

/// What a step does. Input kinds wait for the young person; the others run straight through.
#[derive(Debug, Clone)]
pub enum StepKind {
    /// Show the texts and carry on.
    Message { next: String },
    /// One button out of several.
    Choice { save: String, options: Vec<Choice>, next: Option<String>, columns: usize },
    /// Any number of buttons, toggled, then Done.
    Multi { save: String, options: Vec<Choice>, done: String, min: usize, next: String, columns: usize },
    /// Free text, checked by a validator.
    Text { save: String, validate: Validator, max_len: usize, skip: Option<String>, next: String },
    /// A 0–10 (or other range) scale item of a wellbeing measure. `labels`: a message id per
    /// score, min first, for a measure whose answers are words; none shows the numbers.
    Scale { save: String, measure: String, item: String, min: u8, max: u8, labels: Vec<String>, next: String },
    /// Every item of the check-in measure for the young person's age band, one scale question
    /// each, spelled out when the flow runs (see [`measure`]); then `next`.
    Measure { next: String },
    /// Something the service does (see [`Action`]), then `next`; without `next` the flow ends.
    Action { action: Action, next: Option<String> },
    /// Go to the first rule that matches an earlier answer.
    Branch { rules: Vec<Rule>, otherwise: String },
    /// Create the case for a link worker; the conversation is then handed off.
    HandOff { partial: bool },
    /// A kind ending; a later message starts again.
    End,
}

impl StepKind {
    pub fn name(&self) -> &'static str {
        match self {
            StepKind::Message { .. } => "message",
            StepKind::Choice { .. } => "choice",
            StepKind::Multi { .. } => "multi",
            StepKind::Text { .. } => "text",
            StepKind::Scale { .. } => "scale",
            StepKind::Measure { .. } => "measure",
            StepKind::Action { .. } => "action",
            StepKind::Branch { .. } => "branch",
            StepKind::HandOff { .. } => "handoff",
            StepKind::End => "end",
        }
    }

    pub fn save_key(&self) -> Option<&str> {
        match self {
            StepKind::Choice { save, .. }
            | StepKind::Multi { save, .. }
            | StepKind::Text { save, .. }
            | StepKind::Scale { save, .. } => Some(save),
            _ => None,
        }
    }

    pub fn waits_for_input(&self) -> bool {
        matches!(
            self,
            StepKind::Choice { .. } | StepKind::Multi { .. } | StepKind::Text { .. } | StepKind::Scale { .. }
        )
    }

    /// Every step id this step can go to, with the option id that leads there (if any).
    pub fn targets(&self) -> Vec<(Option<&str>, &str)> {
        match self {
            StepKind::Message { next }
            | StepKind::Multi { next, .. }
            | StepKind::Text { next, .. }
            | StepKind::Scale { next, .. }
            | StepKind::Measure { next }
            | StepKind::Action { next: Some(next), .. } => vec![(None, next.as_str())],
            StepKind::Choice { options, next, .. } => {
                let mut out: Vec<(Option<&str>, &str)> =
                    options.iter().filter_map(|o| o.next.as_deref().map(|n| (Some(o.id.as_str()), n))).collect();
                if let Some(n) = next {
                    out.push((None, n.as_str()));
                }
                out
            }
            StepKind::Branch { rules, otherwise } => {
                let mut out: Vec<(Option<&str>, &str)> =
                    rules.iter().map(|r| (Some(r.answer.as_str()), r.next.as_str())).collect();
                out.push((None, otherwise.as_str()));
                out
            }
            StepKind::HandOff { .. } | StepKind::End | StepKind::Action { next: None, .. } => vec![],
        }
    }

    /// Whether the flow ends here when nothing follows.
    pub fn finishes(&self) -> bool {
        matches!(self, StepKind::HandOff { .. } | StepKind::End | StepKind::Action { next: None, .. })
    }
}

/// What an `action` step asks the service to do. The engine only names it; the conversation
/// does it, in the message's transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Everything about the young person erased; what follows is said and not written down.
    Erase,
    /// Nothing sent to them until they write again.
    Pause,
    /// Their data as a file in the chat (and the summary's words for what follows).
    Export,
    /// Consent taken back: their open cases closed.
    WithdrawConsent,
    /// Their words go to the link worker in contact again.
    BackToWorker,
    /// Their words come to the bot, not the link worker (the menu takes the bot back).
    ToBot,
    /// The main flow picks up where they were, as after `/start`.
    CarryOn,
    /// A check-in begun (or the open one carried on).
    BeginCheckin,
    /// The check-in's answers stored as finished.
    FinishCheckin,
    /// Their scores over time as a picture.
    Chart,
    /// The next check-in reminder put off.
    Snooze,
    /// No more check-in reminders.
    StopCheckins,
}

impl Action {
    const ALL: [(&'static str, Action); 12] = [
        ("erase", Action::Erase),
        ("pause", Action::Pause),
        ("export", Action::Export),
        ("withdraw_consent", Action::WithdrawConsent),
        ("back_to_worker", Action::BackToWorker),
        ("to_bot", Action::ToBot),
        ("carry_on", Action::CarryOn),
        ("begin_checkin", Action::BeginCheckin),
        ("finish_checkin", Action::FinishCheckin),
        ("chart", Action::Chart),
        ("snooze", Action::Snooze),
        ("stop_checkins", Action::StopCheckins),
    ];

    pub fn parse(s: &str) -> Option<Action> {
        Action::ALL.iter().find(|(n, _)| *n == s).map(|(_, a)| *a)
    }

    pub fn names() -> String {
        Action::ALL.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
    }
}

/// Answers a side flow's branches may test that no step saves: facts the conversation looks up
/// before the flow runs, each "yes" or "no".
pub const FACTS: &[&str] = &[
    // A link worker is in contact with them now.
    "in_contact",
    // They have a case (of any kind) on record.
    "has_case",
    // Their latest case has their OK to share, not taken back.
    "consented",
    // Check-ins have a case to be for (handed off with consent).
    "checkin_case",
    // The check-in measure is for their age band.
    "age_ok",
    // Check-in reminders are running.
    "reminders",
    // There are scores to draw.
    "has_scores",
];

/// A button of a choice or multi step.
#[derive(Debug, Clone)]
pub struct Choice {
    pub id: String,
    pub label: String,
    pub next: Option<String>,
    pub line: usize,
    /// What choosing it means for safeguarding (the buttons of a direct safety question).
    pub flag: Option<Raise>,
}

/// What an answer to a direct safety question raises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Raise {
    /// A crisis: the crisis reply, and the case urgent at the top of the queue.
    Urgent,
    /// A link worker should look (a "rather not say", or no answer): a flag, and a case.
    Review,
    /// The answer is recorded beside what was asked; nothing more.
    Noted,
}

impl Raise {
    pub fn parse(s: &str) -> Option<Raise> {
        Some(match s {
            "urgent" => Raise::Urgent,
            "review" => Raise::Review,
            "noted" => Raise::Noted,
            _ => return None,
        })
    }

    pub const NAMES: &'static str = "urgent, review, noted";
}

/// How a branch rule tests an earlier answer.
#[derive(Debug, Clone)]
pub enum Condition {
    /// The answer (or one of a multi answer) is one of these option ids.
    In(Vec<String>),
    /// The answer is in a list from the service's settings (e.g. `eligible_age_bands`).
    InSetting(String),
    /// The question was answered and not skipped.
    Present,
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub answer: String,
    pub condition: Condition,
    pub next: String,
}

/// Checks applied to free text before it becomes an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Validator {
    /// Any words (not only emoji or symbols).
    Words,
    /// A name someone would like to be called.
    Name,
    /// A UK postcode district or the name of a school, college or place; never a full address.
    Area,
    /// A UK phone number.
    UkPhone,
    /// A UK mobile number (for text messages).
    UkMobile,
}

impl Validator {
    pub fn parse(s: &str) -> Option<Validator> {
        Some(match s {
            "words" => Validator::Words,
            "name" => Validator::Name,
            "area" => Validator::Area,
            "uk_phone" => Validator::UkPhone,
            "uk_mobile" => Validator::UkMobile,
            _ => return None,
        })
    }

    pub const NAMES: &'static str = "words, name, area, uk_phone, uk_mobile";
}

/// Settings the engine reads: everything a flow may depend on that is not in the flow.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub lists: HashMap<String, Vec<String>>,
    pub response_days: u32,
}

impl Settings {
    pub const LIST_NAMES: &'static [&'static str] = &["eligible_age_bands"];
}
