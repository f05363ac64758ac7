//! Turning what a young person typed into engine inputs: commands, keywords ("back", "help")
//! and near misses of them, and answers typed instead of tapped (read in [`typed`]).
//!
//! Pure: it reads the flow, the state and the words of the person's locale.

pub mod typed;

use crate::command::{Parsed, Slash};
use crate::flow::engine::{self, Command, Guess, Input, State, Status};
use crate::flow::{Flow, StepKind};
use crate::i18n::Locales;
use crate::message::Label;

/// What arrived from a channel, before interpretation.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
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
    if let Some(parsed) = crate::command::parse(trimmed) {
        return vec![match parsed {
            Parsed::Known(Slash::Start, _) => Input::Start,
            Parsed::Known(Slash::Help, _) => Input::Command(Command::Help),
            Parsed::Known(Slash::Back, _) => Input::Command(Command::Back),
            Parsed::Known(Slash::Restart, _) => Input::Command(Command::Restart),
            Parsed::Known(Slash::Person, _) => Input::Command(Command::Person),
            // On the menu, not built yet (the languages issue builds it).
            Parsed::Known(Slash::Language, _) => Input::Command(Command::NotYet(Slash::Language.name().into())),
            // Handled before the flow (see conversation::privacy and conversation::checkin);
            // here only if that did not take them.
            Parsed::Known(slash @ (Slash::Checkin | Slash::MyData | Slash::Delete | Slash::Stop | Slash::Menu), _) => {
                Input::Command(Command::Unknown(slash.name().into()))
            }
            Parsed::Unknown(name) => Input::Command(Command::Unknown(name)),
        }];
    }
    let said = normalise(trimmed);
    for command in Command::TYPED {
        if !said.is_empty() && keywords(locales, locale, &command).any(|k| k == said) {
            return vec![Input::Command(command)];
        }
    }
    let Some(state) = state.filter(|s| s.status == Status::Active && s.flow == flow.id) else {
        return vec![Input::Text(text.clone())];
    };
    let Some(step) = flow.step(&state.step) else {
        return vec![Input::Text(text.clone())];
    };
    let words = words(locales, locale);
    // "Did you mean Friends?" answered by typing: yes takes it, no says no.
    if let Some(guess) = &state.guess {
        let choices = yes_no_buttons(guess, &step.id);
        if let typed::Reading::Sure(p) = typed::read(trimmed, typed::Question::Choice, &choices, &words) {
            return p.into_iter().map(Input::Press).collect();
        }
    }
    let (buttons, _) = engine::buttons(step, &state.selected);
    let question = match &step.kind {
        StepKind::Choice { .. } if engine::is_question(step) || step.careful => Some(typed::Question::Direct),
        StepKind::Choice { .. } => Some(typed::Question::Choice),
        StepKind::Multi { .. } => Some(typed::Question::Multi),
        // Answers in words ("Often"): a number typed is the score itself, else read as words.
        StepKind::Scale { min, max, labels, .. } if !labels.is_empty() => {
            if let Ok(n) = said.parse::<u8>()
                && (*min..=*max).contains(&n)
            {
                return vec![Input::Press(format!("{}|{n}", step.id))];
            }
            Some(typed::Question::Direct)
        }
        StepKind::Scale { min, max, .. } => Some(typed::Question::Scale { min: *min, max: *max }),
        StepKind::Text { skip: Some(_), .. } => Some(typed::Question::Skip),
        StepKind::Text { skip: None, .. }
        | StepKind::Measure { .. }
        | StepKind::Action { .. }
        | StepKind::Message { .. }
        | StepKind::Branch { .. }
        | StepKind::HandOff { .. }
        | StepKind::End => None,
    };
    let reading = match question {
        Some(question) if !buttons.is_empty() => {
            let candidates: Vec<typed::Candidate> = buttons
                .iter()
                .map(|b| typed::Candidate {
                    payload: b.payload.clone(),
                    label: locales.label(locale, &b.label),
                    also: match &b.label {
                        Label::Msg(id) if b.payload.ends_with("|#done") => {
                            let mut also = locales.also(locale, id);
                            also.extend(words.done.iter().cloned());
                            also
                        }
                        Label::Msg(id) => locales.also(locale, id),
                        Label::Literal(_) => vec![],
                    },
                })
                .collect();
            match typed::read(trimmed, question, &candidates, &words) {
                // At a careful question "yeah" and "nah" are read as anywhere; only a loose yes
                // ("ok", "k", "sure") is not taken.
                typed::Reading::Nothing if step.careful => {
                    let loose = words.loose_yes.iter().any(|w| *w == said || w.as_str() == trimmed);
                    match typed::read(trimmed, typed::Question::Choice, &candidates, &words) {
                        typed::Reading::Sure(p) if !loose => typed::Reading::Sure(p),
                        _ => typed::Reading::Nothing,
                    }
                }
                reading => reading,
            }
        }
        _ => typed::Reading::Nothing,
    };
    // Typing a choice ticks it; it never unticks one already ticked.
    let press = |payloads: Vec<String>| -> Vec<Input> {
        payloads
            .into_iter()
            .filter(|p| !state.selected.iter().any(|s| p.ends_with(&format!("|{s}"))))
            .map(Input::Press)
            .collect()
    };
    match reading {
        typed::Reading::Sure(payloads) => {
            let inputs = press(payloads);
            // Ticking again what is ticked already shows the question again, ticks and all.
            if inputs.is_empty() { vec![Input::Command(Command::Again)] } else { inputs }
        }
        typed::Reading::Guess { sure, guess } => {
            let mut inputs = press(sure);
            inputs.push(Input::Guess(Guess { payload: guess, typed: text.clone() }));
            inputs
        }
        typed::Reading::Nothing => match near_command(&said, step, locales, locale).and_then(|c| c.name()) {
            // "helpp", "bak": a command, once they say so.
            Some(name) => {
                vec![Input::Guess(Guess { payload: format!("{}|#cmd-{name}", step.id), typed: text.clone() })]
            }
            None => vec![Input::Text(text.clone())],
        },
    }
}

/// A command's keywords in `locale` (`keywords-back`: "back, go back, ..."), normalised.
fn keywords<'a>(locales: &'a Locales, locale: &str, command: &Command) -> impl Iterator<Item = String> + 'a {
    let id = format!("keywords-{}", command.name().unwrap_or_default());
    locales.list(locale, &id).into_iter().map(|k| normalise(&k))
}

/// A command's keyword typed with a slip ("helpp", "bak", "restrat"), where no button fits. A
/// name is never taken for one: Jack is not "back".
fn near_command(said: &str, step: &crate::flow::Step, locales: &Locales, locale: &str) -> Option<Command> {
    if matches!(step.kind, StepKind::Text { validate: crate::flow::Validator::Name, .. }) || said.contains(' ') {
        return None;
    }
    let mut found = Command::TYPED
        .into_iter()
        .filter(|c| keywords(locales, locale, c).any(|k| !k.contains(' ') && typed::near(said, &k)));
    match (found.next(), found.next()) {
        (Some(command), None) => Some(command),
        _ => None,
    }
}

/// The two buttons of "Did you mean...?", for reading a typed yes or no.
fn yes_no_buttons(guess: &Guess, step: &str) -> Vec<typed::Candidate> {
    vec![
        typed::Candidate { payload: guess.payload.clone(), label: "yes".into(), also: vec![] },
        typed::Candidate { payload: format!("{step}|{}", engine::GUESS_NO), label: "no".into(), also: vec![] },
    ]
}

/// The words for reading typed answers in `locale` (`words-*` messages).
pub fn words(locales: &Locales, locale: &str) -> typed::Words {
    let list = |id: &str| -> Vec<String> {
        locales.list(locale, id).iter().map(|w| normalise(w)).filter(|w| !w.is_empty()).collect()
    };
    let raw = |id: &str| -> Vec<String> { locales.list(locale, id) };
    let mut yes = list("words-yes");
    // Emoji typed alone ("👍") are kept as they are.
    yes.extend(raw("words-yes").into_iter().filter(|w| normalise(w).is_empty()));
    let mut loose_yes = list("words-loose-yes");
    loose_yes.extend(raw("words-loose-yes").into_iter().filter(|w| normalise(w).is_empty()));
    typed::Words {
        yes,
        loose_yes,
        no: list("words-no"),
        done: list("words-done"),
        filler: list("words-filler"),
        numbers: numbers(locales, locale),
        age: list("words-age"),
        under: list("words-under"),
        over: list("words-over"),
        and: list("words-and"),
        school_year: list("words-school-year"),
    }
}

/// Number words and their values: the locale's (`words-numbers` lists them from zero), then
/// en-GB's.
fn numbers(locales: &Locales, locale: &str) -> Vec<(String, i64)> {
    let mut out: Vec<(String, i64)> = Vec::new();
    for name in locales.with_english(locale) {
        for (value, word) in locales.list_in(name, "words-numbers").iter().enumerate() {
            let word = normalise(word);
            if !word.is_empty() && !out.iter().any(|(w, _)| *w == word) {
                out.push((word, value as i64));
            }
        }
    }
    out
}

/// Lower case, letters, digits and single spaces only: "Yes, let's go! 👍" → "yes lets go".
/// Accents and Arabic marks go, and letters typed for one another are one ("Szkoła" →
/// "szkola", "أسرة" → "اسره", "١٤" → "14"), as the safety check folds them.
pub fn normalise(s: &str) -> String {
    let kept: String = unicode_normalization::UnicodeNormalization::nfkd(s)
        .filter_map(crate::safety::normalise::fold)
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
