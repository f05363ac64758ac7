//! The web chat's settings (the `[web]` table of `linkup.toml`).

use serde::Deserialize;

/// The web chat's settings.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Where "Leave quickly" goes: a neutral page that says nothing about linkup.
    pub exit_url: String,
    /// Sites allowed to show the chat inside their own page (an iframe), as origins such as
    /// `https://www.example-youth.org`. None by default: the chat cannot be framed.
    pub frame_ancestors: Vec<String>,
    /// Messages one chat may send in a minute.
    pub per_chat_per_minute: u32,
    /// Messages one address may send in a minute (several young people may share one, at a
    /// school or a youth club).
    pub per_address_per_minute: u32,
    /// Behind a reverse proxy every request comes from the proxy's address: set this (only
    /// then) so the address is the last one the proxy added to `X-Forwarded-For`.
    pub behind_proxy: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            exit_url: "https://www.bbc.co.uk/weather".into(),
            frame_ancestors: Vec::new(),
            per_chat_per_minute: 30,
            per_address_per_minute: 300,
            behind_proxy: false,
        }
    }
}

impl Settings {
    /// The CSP `frame-ancestors` value: `'none'` unless origins are configured.
    pub fn frame_ancestors(&self) -> String {
        let origins: Vec<&str> = self
            .frame_ancestors
            .iter()
            .map(|o| o.trim())
            .filter(|o| o.starts_with("https://") && !o.contains([' ', ';', '\'', '"']))
            .collect();
        if origins.is_empty() { "'none'".into() } else { origins.join(" ") }
    }
}
