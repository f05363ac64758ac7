//! Languages: `/language` at any time, the young person's choice kept for them, and a
//! service's offer of its languages side by side at a new young person's first message (the
//! "active offer" Welsh services make). The languages are the locale folders: each button
//! names its language in that language (`language-name`).

use crate::command::{Parsed, Slash};
use crate::flow::engine::{State, Status};
use crate::intent::{Incoming, normalise};
use crate::message::Text;

use super::{Linkup, OutButton, Outgoing};

/// A language button's payload: "#language|cy".
const PAYLOAD: &str = "#language|";

/// The words of the language question and its help, and the confirmation.
pub const MESSAGES: &[&str] = &["language-name", "language-ask", "language-help", "language-set"];

/// What a message does about the language linkup uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Move {
    /// Ask which language: `/language`, an old button for a language that is gone.
    Ask,
    /// The service's languages side by side, at a new young person's first message.
    Offer,
    /// Words at the language question that name no language: ask again, with help.
    Unclear,
    /// Use this locale from now on.
    Set(String),
}

impl Linkup {
    /// What `incoming` does about the language, if anything. Typed words are read as a
    /// language only at the language question, and never words with a sign of risk: those go
    /// on to the conversation, safety first.
    pub(super) fn language_move(
        &self,
        state: Option<&State>,
        incoming: &Incoming,
        command: Option<&Parsed>,
        offered: &[(String, String)],
    ) -> Option<Move> {
        let asked = !offered.is_empty() && offered.iter().all(|(p, _)| p.starts_with(PAYLOAD));
        match incoming {
            Incoming::Text(_) if let Some(Parsed::Known(Slash::Language, rest)) = command => {
                Some(self.named(rest).map_or(Move::Ask, Move::Set))
            }
            Incoming::Press(payload) => {
                let locale = payload.strip_prefix(PAYLOAD)?;
                Some(if self.content.locales.messages.contains_key(locale) {
                    Move::Set(locale.into())
                } else {
                    Move::Ask
                })
            }
            Incoming::Text(text) if asked && command.is_none() => match self.named(text) {
                Some(locale) => Some(Move::Set(locale)),
                None if text.split_whitespace().count() <= 3 && self.content.safety.check(text).is_empty() => {
                    Some(Move::Unclear)
                }
                None => None,
            },
            Incoming::Start | Incoming::Text(_)
                if state.is_none()
                    && !asked
                    && command.is_none_or(|c| c.slash() == Some(Slash::Start))
                    && self.offers().len() > 1 =>
            {
                match incoming {
                    Incoming::Text(text) if !self.content.safety.check(text).is_empty() => None,
                    _ => Some(Move::Offer),
                }
            }
            _ => None,
        }
    }

    /// The replies for a move, in `locale` (the new one once set).
    pub(super) fn language_replies(&self, m: &Move, locale: &str) -> Vec<Outgoing> {
        let locales = &self.content.locales;
        let say = |locale: &str, id: &str| locales.render(locale, &Text::new(id));
        match m {
            Move::Ask => vec![self.language_question(say(locale, "language-ask"), &self.languages())],
            Move::Unclear => {
                let words = format!("{}\n\n{}", say(locale, "language-help"), say(locale, "language-ask"));
                vec![self.language_question(words, &self.languages())]
            }
            Move::Offer => {
                let offers = self.offers();
                let words: Vec<String> = offers.iter().map(|l| say(l, "language-ask")).collect();
                vec![self.language_question(words.join("\n\n"), &offers)]
            }
            Move::Set(locale) => vec![Outgoing::plain(say(locale, "language-set"))],
        }
    }

    /// Whether, after choosing, the self-referral goes on: it is under way, or (after the
    /// offer) about to begin. After the hand-off the choice is only confirmed.
    pub(super) fn language_carries_on(state: Option<&State>) -> bool {
        state.is_none_or(|s| s.status == Status::Active)
    }

    /// The button label of a language payload, for the transcript.
    pub(super) fn language_label(&self, payload: &str) -> Option<String> {
        let locale = payload.strip_prefix(PAYLOAD)?;
        self.content.locales.messages.contains_key(locale).then(|| self.own_name(locale))
    }

    fn language_question(&self, text: String, locales: &[String]) -> Outgoing {
        let buttons = locales
            .iter()
            .map(|l| OutButton { label: self.own_name(l), payload: format!("{PAYLOAD}{l}"), selected: false })
            .collect();
        Outgoing { buttons, columns: 2, ..Outgoing::plain(text) }
    }

    /// A language's name in that language ("Cymraeg").
    fn own_name(&self, locale: &str) -> String {
        self.content.locales.render(locale, &Text::new("language-name"))
    }

    /// Every language there are words for: the service's offered ones first, in its order,
    /// then the rest by their own names.
    fn languages(&self) -> Vec<String> {
        let mut out = self.offers();
        let mut rest: Vec<String> =
            self.content.locales.messages.keys().filter(|l| !out.contains(l)).cloned().collect();
        rest.sort_by_key(|l| self.own_name(l).to_lowercase());
        out.extend(rest);
        out
    }

    /// The languages the service offers side by side (`offer_languages`), those with words.
    fn offers(&self) -> Vec<String> {
        let locales = &self.content.locales;
        let mut out: Vec<String> = Vec::new();
        for l in self.config.offer_languages.iter().map(|l| locales.pick(Some(l))) {
            if !out.contains(&l) {
                out.push(l);
            }
        }
        out
    }

    /// The locale a young person names in words ("welsh", "Cymraeg", "polski", "cy"), if one.
    fn named(&self, said: &str) -> Option<String> {
        let said = normalise(said);
        if said.is_empty() {
            return None;
        }
        let locales = &self.content.locales;
        locales
            .messages
            .keys()
            .find(|l| {
                let own = normalise(&self.own_name(l));
                let code = l.to_lowercase();
                said == own
                    || said == code
                    || said == code.split('-').next().unwrap_or_default()
                    || locales.also_in(l, "language-name").contains(&said)
            })
            .cloned()
    }
}
