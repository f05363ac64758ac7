//! The Telegram channel's settings (the `[telegram]` table of `linkup.toml`). The token is only
//! ever read from `TELOXIDE_TOKEN`.

use serde::Deserialize;

/// How updates arrive from Telegram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// linkup asks for them (getUpdates): no public address needed.
    Polling,
    /// Telegram posts them to linkup behind a reverse proxy.
    Webhook,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Polling => "polling",
            Mode::Webhook => "webhook",
        }
    }
}

/// The Telegram channel's settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// How updates arrive: `polling` (default) or `webhook`.
    pub mode: Mode,
    /// Bot API base URL (`TELOXIDE_API_URL`); Telegram's own when unset.
    pub api_url: Option<String>,
    /// Webhook: the public HTTPS URL Telegram posts to (behind your reverse proxy).
    pub webhook_url: Option<String>,
    /// Webhook: where linkup listens for the reverse proxy.
    pub webhook_listen: String,
    /// Webhook: the secret Telegram sends in `X-Telegram-Bot-Api-Secret-Token`
    /// (`LINKUP_WEBHOOK_SECRET`); requests without it get 401.
    pub webhook_secret: Option<String>,
    /// At least this long between two messages to one chat (Telegram: about 1 a second).
    pub per_chat_interval_ms: u64,
    /// At most this many messages a second in all (Telegram: about 30).
    pub global_per_second: u32,
    /// Long-polling timeout, seconds.
    pub poll_timeout_s: u32,
    /// Messages being sent at once (at most one per chat).
    pub max_in_flight: usize,
    /// How long a sender holds a message before another may take it, milliseconds. A sender
    /// that dies mid-send delays that chat's messages by up to this much.
    pub lease_ms: i64,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            mode: Mode::Polling,
            api_url: None,
            webhook_url: None,
            webhook_listen: "127.0.0.1:8443".into(),
            webhook_secret: None,
            per_chat_interval_ms: 1000,
            global_per_second: 30,
            poll_timeout_s: 25,
            max_in_flight: 256,
            lease_ms: 30_000,
        }
    }
}

impl Settings {
    /// Applies the Telegram variables read through `var`.
    pub fn apply_env(&mut self, var: impl Fn(&str) -> Option<String>) -> anyhow::Result<()> {
        if let Some(v) = var("TELOXIDE_API_URL") {
            self.api_url = Some(v);
        }
        if let Some(v) = var("LINKUP_TELEGRAM_MODE") {
            self.mode = match v.trim() {
                "polling" => Mode::Polling,
                "webhook" => Mode::Webhook,
                other => anyhow::bail!("LINKUP_TELEGRAM_MODE must be polling or webhook, not {other:?}"),
            };
        }
        if let Some(v) = var("LINKUP_WEBHOOK_URL") {
            self.webhook_url = Some(v);
        }
        if let Some(v) = var("LINKUP_WEBHOOK_LISTEN") {
            self.webhook_listen = v;
        }
        if let Some(v) = var("LINKUP_WEBHOOK_SECRET") {
            self.webhook_secret = Some(v);
        }
        Ok(())
    }

    /// The settings as a person may see them: lines of `telegram.key = value`, the secret and any
    /// credentials in the URLs hidden.
    pub fn describe(&self) -> String {
        format!(
            "telegram.mode = {:?}\ntelegram.api_url = {:?}\ntelegram.webhook_url = {:?}\ntelegram.webhook_secret = {}\n",
            self.mode.as_str(),
            self.api_url.as_deref().map(crate::store::redact),
            self.webhook_url.as_deref().map(crate::store::redact),
            if self.webhook_secret.is_some() { "(set)" } else { "(not set)" },
        )
    }
}
