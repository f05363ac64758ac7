//! Turning what a young person typed into engine inputs: commands, keywords ("back", "help"),
//! a button's label typed instead of pressed, or button numbers ("2", or "1 3 5" for several).
//!
//! Pure: it reads the flow, the state and the words of the person's locale.

use crate::flow::Flow;
use crate::flow::engine::{self, Command, Input, State, Status};
use crate::i18n::Locales;

/// What arrived from a channel, before interpretation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Incoming {
    /// First contact, or `/start`.
    Start,
    Text(String),
    /// A button's payload.
    Press(String),
    /// Something that is not text or a button (photo, sticker, voice, location...): its kind.
    Media(String),
    /// An edit of a message sent earlier: recorded and safety-checked, not answered again.
    Edited(String),
}

/// Interprets `incoming` for the step the person is on. Usually one input; several when a
/// line of numbers ticks several boxes at once.
pub fn interpret(
    incoming: &Incoming,
    flow: &Flow,
    state: Option<&State>,
    locales: &Locales,
    locale: &str,
) -> Vec<Input> {
    let text = match incoming {
        Incoming::Start => return vec![Input::Start],
        Incoming::Press(p) => return vec![Input::Press(p.clone())],
        Incoming::Media(_) => return vec![Input::Unreadable],
        Incoming::Edited(_) => return vec![],
        Incoming::Text(t) => t,
    };
    let trimmed = text.trim();
    if let Some(command) = trimmed.strip_prefix('/') {
        let name = command.split([' ', '@']).next().unwrap_or_default().to_ascii_lowercase();
        return vec![match name.as_str() {
            "start" => Input::Start,
            "back" => Input::Command(Command::Back),
            "restart" => Input::Command(Command::Restart),
            "help" => Input::Command(Command::Help),
            "person" => Input::Command(Command::Person),
            // On the bot's menu; each issue that builds one replaces its line here.
            // (/delete, /stop, /mydata, /menu and /checkin are handled before the flow: see
            // conversation::privacy and conversation::checkin.)
            "language" => Input::Command(Command::NotYet(name)),
            _ => Input::Command(Command::Unknown(name)),
        }];
    }
    let said = normalise(trimmed);
    for (id, command) in [
        ("keywords-back", Command::Back),
        ("keywords-restart", Command::Restart),
        ("keywords-help", Command::Help),
        ("keywords-person", Command::Person),
    ] {
        if !said.is_empty() && locales.list(locale, id).iter().any(|k| normalise(k) == said) {
            return vec![Input::Command(command)];
        }
    }
    let Some(state) = state.filter(|s| s.status == Status::Active && s.flow == flow.id) else {
        return vec![Input::Text(text.clone())];
    };
    let Some(step) = flow.step(&state.step) else {
        return vec![Input::Text(text.clone())];
    };
    let (buttons, _) = engine::buttons(step, &state.selected);
    if buttons.is_empty() {
        return vec![Input::Text(text.clone())];
    }
    // A label typed instead of pressed, in any case, with or without emoji and punctuation.
    // A number is never matched loosely: "-3" must not become the button "3".
    let is_number = trimmed.parse::<i64>().is_ok();
    let matching = |b: &&engine::Button| {
        let label = locales.label(locale, &b.label);
        if is_number { label == trimmed } else { !said.is_empty() && normalise(&label) == said }
    };
    if let Some(b) = buttons.iter().find(matching) {
        return vec![Input::Press(b.payload.clone())];
    }
    // The first words of exactly one label: "yes" for "Yes, let's go", "not" for "Not now".
    if !is_number && !said.is_empty() {
        let prefix = format!("{said} ");
        let mut starting = buttons.iter().filter(|b| normalise(&locales.label(locale, &b.label)).starts_with(&prefix));
        if let (Some(b), None) = (starting.next(), starting.next()) {
            return vec![Input::Press(b.payload.clone())];
        }
    }
    // Button numbers, as the terminal shows them. A scale's buttons are numbers already,
    // matched above.
    if matches!(step.kind, crate::flow::StepKind::Choice { .. } | crate::flow::StepKind::Multi { .. }) {
        let numbers: Option<Vec<usize>> = trimmed
            .split([',', ' ', ';'])
            .filter(|s| !s.is_empty())
            .map(|s| s.parse::<usize>().ok().filter(|n| (1..=buttons.len()).contains(n)))
            .collect();
        let several_allowed = matches!(step.kind, crate::flow::StepKind::Multi { .. });
        match numbers {
            Some(n) if n.len() == 1 || (several_allowed && !n.is_empty()) => {
                return n.into_iter().map(|i| Input::Press(buttons[i - 1].payload.clone())).collect();
            }
            _ => {}
        }
    }
    vec![Input::Text(text.clone())]
}

/// Lower case, letters, digits and single spaces only: "Yes, let's go! 👍" → "yes lets go".
pub fn normalise(s: &str) -> String {
    let kept: String = s
        .chars()
        .filter(|c| !matches!(c, '\'' | '’'))
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .flat_map(char::to_lowercase)
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn normalise_drops_case_punctuation_and_emoji() {
        assert_eq!(super::normalise("  Yes, let's GO! 👍 "), "yes lets go");
        assert_eq!(super::normalise("13–15"), "13 15");
        assert_eq!(super::normalise("😢"), "");
    }
}
