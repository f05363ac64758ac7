//! Conversation flows: the types a flow file becomes, loading, checking and the pure engine.
//!
//! A flow is data (`flows/*.toml`); nothing here knows which questions a service asks.

pub mod check;
pub mod engine;
pub mod graph;
pub mod keys;
pub mod load;

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
    /// Message shown for anything the young person sends after the hand-off.
    pub after_handoff: String,
    /// The version of the consent wording, recorded with consent on the case.
    pub consent_version: String,
    pub description: Option<String>,
    pub header_line: usize,
    pub steps: Vec<Step>,
    index: HashMap<String, usize>,
}

impl Flow {
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.index.get(id).map(|&i| &self.steps[i])
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
    /// A 0–10 (or other range) scale item of a wellbeing measure.
    Scale { save: String, measure: String, item: String, min: u8, max: u8, next: String },
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
            | StepKind::Scale { next, .. } => vec![(None, next.as_str())],
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
            StepKind::HandOff { .. } | StepKind::End => vec![],
        }
    }
}

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
