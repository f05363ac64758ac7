//! The message vocabulary every part shares: a message id with its arguments ([`Text`]),
//! buttons and their labels, summary lines, and a chat bubble ([`Reply`]). Words come later,
//! from [`crate::i18n`]; this module depends on nothing of linkup's, so the engine, the answer
//! checks and the channels can all use it without a cycle.

use serde::Serialize;

/// A message id with its arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Text {
    pub id: String,
    pub args: Vec<(String, Arg)>,
}

impl Text {
    pub fn new(id: impl Into<String>) -> Text {
        Text { id: id.into(), args: Vec::new() }
    }

    pub fn arg(mut self, name: &str, value: Arg) -> Text {
        self.args.push((name.to_string(), value));
        self
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Arg {
    Str(String),
    Num(i64),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Label {
    /// A message id.
    Msg(String),
    /// Shown as it is (scale numbers).
    Literal(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Button {
    pub label: Label,
    pub payload: String,
    pub selected: bool,
}

/// A line of the summary: a label and the answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SummaryLine {
    pub label: String,
    pub value: SummaryValue,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum SummaryValue {
    Labels(Vec<String>),
    Text(String),
    Number(u8),
    /// Not answered or skipped.
    Nothing,
}

/// One chat bubble: the first text, the summary lines, the other texts, then the buttons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reply {
    pub texts: Vec<Text>,
    pub summary: Vec<SummaryLine>,
    pub buttons: Vec<Button>,
    pub columns: usize,
    /// The bubble redraws the previous one's buttons (a multi-select tick) rather than adding one.
    pub update_previous: bool,
}

impl Reply {
    /// A bubble of one text.
    pub fn text(text: Text) -> Reply {
        Reply { texts: vec![text], summary: vec![], buttons: vec![], columns: 1, update_previous: false }
    }
}
