//! The commands a young person can send as `/name`: one list and one parser. A channel's
//! command menu and the list in the help text are made from it, in the young person's
//! language (`cmd-<name>` in the locale), so a new command is added here and in the locales,
//! and nowhere else.

use crate::i18n::Locales;
use crate::intent::Incoming;
use crate::message::Text;

/// A command linkup knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slash {
    /// Start, or carry on where they were (`/start CODE` brings a referral code).
    Start,
    Help,
    /// A wellbeing check-in.
    Checkin,
    /// A copy of what linkup keeps about them.
    MyData,
    /// Delete what linkup keeps about them.
    Delete,
    /// Pause all messages.
    Stop,
    Menu,
    Language,
    /// The last question again.
    Back,
    /// Begin again.
    Restart,
    /// Talk to a person.
    Person,
}

impl Slash {
    /// Every command, in menu order.
    pub const ALL: [Slash; 11] = [
        Slash::Start,
        Slash::Help,
        Slash::Checkin,
        Slash::MyData,
        Slash::Delete,
        Slash::Stop,
        Slash::Language,
        Slash::Menu,
        Slash::Back,
        Slash::Restart,
        Slash::Person,
    ];

    /// The commands a channel's menu and the help text offer. The others are typed words
    /// too ("back"); `/language` joins the menu when the languages issue builds it (until then
    /// it says so, kindly, if typed).
    pub const MENU: [Slash; 7] =
        [Slash::Start, Slash::Help, Slash::Checkin, Slash::MyData, Slash::Delete, Slash::Stop, Slash::Menu];

    /// What is typed after the `/`.
    pub fn name(self) -> &'static str {
        match self {
            Slash::Start => "start",
            Slash::Help => "help",
            Slash::Checkin => "checkin",
            Slash::MyData => "mydata",
            Slash::Delete => "delete",
            Slash::Stop => "stop",
            Slash::Menu => "menu",
            Slash::Language => "language",
            Slash::Back => "back",
            Slash::Restart => "restart",
            Slash::Person => "person",
        }
    }

    /// The command typed as `/name`.
    pub fn named(name: &str) -> Option<Slash> {
        Slash::ALL.into_iter().find(|s| s.name() == name)
    }

    /// Every command's name, for a problem that names an unknown one.
    pub fn names() -> String {
        Slash::ALL.map(Slash::name).join(", ")
    }

    /// The message id of its description in a menu.
    pub fn description(self) -> &'static str {
        match self {
            Slash::Start => "cmd-start",
            Slash::Help => "cmd-help",
            Slash::Checkin => "cmd-checkin",
            Slash::MyData => "cmd-mydata",
            Slash::Delete => "cmd-delete",
            Slash::Stop => "cmd-stop",
            Slash::Menu => "cmd-menu",
            Slash::Language => "cmd-language",
            Slash::Back => "cmd-back",
            Slash::Restart => "cmd-restart",
            Slash::Person => "cmd-person",
        }
    }
}

/// Message ids used here; every locale has them.
pub const MESSAGES: &[&str] = &[
    "cmd-start",
    "cmd-help",
    "cmd-checkin",
    "cmd-mydata",
    "cmd-delete",
    "cmd-stop",
    "cmd-menu",
    "cmd-language",
    "cmd-back",
    "cmd-restart",
    "cmd-person",
];

/// A line that starts with `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    /// A known command, and what followed it (`/start CODE`: the code).
    Known(Slash, String),
    /// A command linkup does not know, by its name.
    Unknown(String),
}

impl Parsed {
    pub fn slash(&self) -> Option<Slash> {
        match self {
            Parsed::Known(slash, _) => Some(*slash),
            Parsed::Unknown(_) => None,
        }
    }
}

/// Reads a typed line as a command: `None` if it does not start with `/`. Case does not
/// matter, and a bot's name after `@` (`/help@linkup_bot`, as group chats send it) is ignored.
pub fn parse(text: &str) -> Option<Parsed> {
    let rest = text.trim().strip_prefix('/')?;
    let (word, after) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let name = word.split('@').next().unwrap_or_default().to_lowercase();
    Some(match Slash::ALL.into_iter().find(|s| s.name() == name) {
        Some(slash) => Parsed::Known(slash, after.trim().to_string()),
        None => Parsed::Unknown(name),
    })
}

/// The command in a message, if it is one.
pub fn of(incoming: &Incoming) -> Option<Parsed> {
    match incoming {
        Incoming::Text(t) => parse(t),
        _ => None,
    }
}

/// The menu in `locale`'s words: each command's name and description.
pub fn menu(locales: &Locales, locale: &str) -> Vec<(&'static str, String)> {
    Slash::MENU.iter().map(|s| (s.name(), locales.render(locale, &Text::new(s.description())))).collect()
}

/// The menu as lines for the help text: "/checkin: A quick wellbeing check-in".
pub fn list(locales: &Locales, locale: &str) -> String {
    menu(locales, locale).into_iter().map(|(name, words)| format!("/{name}: {words}")).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::{Parsed, Slash, parse};

    #[test]
    fn commands_are_read_whatever_the_case_and_bot_name() {
        assert_eq!(parse("/start OAKS"), Some(Parsed::Known(Slash::Start, "OAKS".into())));
        assert_eq!(parse("  /MyData@linkup_bot "), Some(Parsed::Known(Slash::MyData, String::new())));
        assert_eq!(parse("/dance"), Some(Parsed::Unknown("dance".into())));
        assert_eq!(parse("/"), Some(Parsed::Unknown(String::new())));
        assert_eq!(parse("back"), None);
        assert_eq!(parse("1/2"), None);
    }
}
