//! The Telegram channel (teloxide), an adapter of the [channel seam](crate::channel): updates
//! are stored in the inbox before Telegram is told they arrived ([`poll`], [`webhook`]); the
//! shared processor and sender do the rest, through [`Telegram`]'s [`Channel`] methods: an
//! update read as an [`Event`], an outbox item delivered within Telegram's limits ([`deliver`]).

pub mod deliver;
pub mod poll;
pub mod settings;
pub mod webhook;

use std::time::Duration;

use teloxide::Bot;
use teloxide::types::{
    BotCommand, ChatMemberKind, InlineKeyboardButton, InlineKeyboardMarkup, MediaKind, MessageKind, Update, UpdateKind,
};
use tokio::sync::watch;
use tokio::task::JoinSet;

pub use settings::{Mode, Settings};

use super::{Channel, Delivered, Event, Limits, Pipe};
use crate::command::{self, Parsed, Slash};
use crate::conversation::Linkup;
use crate::i18n::{FALLBACK, Locales};
use crate::intent::Incoming;
use crate::store::outbox::{self, Item};

pub const NAME: &str = "telegram";
/// Telegram's limit on a button's callback data, in bytes.
pub const CALLBACK_BYTES: usize = 64;
/// Telegram's limit on a message's length, in characters.
pub const MAX_TEXT: usize = 4096;
/// Messages a chat may get at once before the per-chat pace applies.
const BURST: f64 = 3.0;

/// The Telegram adapter: the bot client and its settings.
#[derive(Clone)]
pub struct Telegram {
    pub bot: Bot,
    pub settings: Settings,
}

impl Telegram {
    pub fn new(token: &str, settings: &Settings) -> anyhow::Result<Telegram> {
        let mut bot = Bot::new(token);
        if let Some(url) = &settings.api_url {
            bot = bot.set_api_url(
                url.parse().map_err(|e| anyhow::anyhow!("TELOXIDE_API_URL {:?}: {e}", crate::store::redact(url)))?,
            );
        }
        Ok(Telegram { bot, settings: settings.clone() })
    }
}

impl Channel for Telegram {
    fn name(&self) -> &'static str {
        NAME
    }

    fn limits(&self) -> Limits {
        Limits {
            burst: BURST,
            per_chat: Duration::from_millis(self.settings.per_chat_interval_ms),
            global_per_second: self.settings.global_per_second,
            max_in_flight: self.settings.max_in_flight,
            lease_ms: self.settings.lease_ms,
            max_text: MAX_TEXT,
            callback_bytes: CALLBACK_BYTES,
        }
    }

    fn event(&self, payload: &str) -> Event {
        serde_json::from_str::<Update>(payload).ok().as_ref().map_or(Event::Ignore, event_of)
    }

    async fn deliver(&self, chat: &str, item: &Item, previous: Option<&str>) -> Delivered {
        deliver::deliver(&self.bot, chat, item, previous).await
    }

    async fn acknowledge(&self, ack: &str) {
        use teloxide::prelude::Requester;
        // Best effort: it only stops the spinner on the phone.
        if let Err(e) = self.bot.answer_callback_query(teloxide::types::CallbackQueryId(ack.to_string())).await {
            tracing::debug!(error = %e, "answerCallbackQuery failed");
        }
    }
}

/// The bot's token, from `TELOXIDE_TOKEN` (never from a file or the command line).
pub fn token_from_env() -> Option<String> {
    std::env::var("TELOXIDE_TOKEN").ok().map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

/// The Telegram pipeline with the bot's token from `TELOXIDE_TOKEN`.
pub fn from_env(linkup: Linkup) -> anyhow::Result<Pipe<Telegram>> {
    match token_from_env() {
        Some(token) => pipe(&token, linkup),
        None => anyhow::bail!("set TELOXIDE_TOKEN to your bot's token from @BotFather (see the README)"),
    }
}

/// The Telegram pipeline for `linkup`: the adapter with the shared processor and sender.
pub fn pipe(token: &str, linkup: Linkup) -> anyhow::Result<Pipe<Telegram>> {
    let telegram = Telegram::new(token, &linkup.config.telegram)?;
    Ok(Pipe::new(linkup, telegram))
}

/// Runs until `shutdown` turns true: the receiver (polling or webhook), the processor and the
/// sender. Each finishes its current item before stopping. If one fails, the others are
/// stopped and the error returned.
pub async fn run(pipe: Pipe<Telegram>, shutdown: watch::Receiver<bool>) -> anyhow::Result<()> {
    let settings = &pipe.channel.settings;
    if settings.mode == Mode::Webhook && settings.webhook_secret.is_none() {
        anyhow::bail!("webhook mode needs a secret: set LINKUP_WEBHOOK_SECRET (letters, digits, _ and -)");
    }
    set_menus(&pipe).await;
    let (stop, inner) = watch::channel(false);
    let mut tasks = JoinSet::new();
    pipe.spawn(&mut tasks, &inner);
    if settings.mode == Mode::Webhook {
        tasks.spawn(webhook::run(pipe.clone(), inner.clone()));
    } else {
        tasks.spawn(poll::run(pipe.clone(), inner.clone()));
    }
    super::supervise(tasks, stop, shutdown).await
}

/// The bot's command menu in `locale`'s words, from [`crate::command`].
pub fn commands(locales: &Locales, locale: &str) -> Vec<BotCommand> {
    command::menu(locales, locale).into_iter().map(|(name, words)| BotCommand::new(name, words)).collect()
}

/// Sets the command menu: the fallback locale's words for everyone, and each other locale's
/// for phones set to its language ("cy" for cy-GB). Best effort: a menu that fails to set
/// does not stop the bot.
async fn set_menus(pipe: &Pipe<Telegram>) {
    use teloxide::payloads::SetMyCommandsSetters;
    use teloxide::prelude::Requester;
    let locales = &pipe.linkup.content.locales;
    for locale in locales.messages.keys() {
        let mut request = pipe.channel.bot.set_my_commands(commands(locales, locale));
        if locale != FALLBACK {
            request = request.language_code(locale.split('-').next().unwrap_or(locale).to_string());
        }
        if let Err(e) = request.await {
            tracing::warn!(error = %e, locale, "could not set the command menu; carrying on");
        }
    }
}

/// The chat an update belongs to, for ordering; `None` for updates without one.
pub fn chat_of(update: &Update) -> Option<String> {
    update.chat().map(|c| c.id.0.to_string()).or_else(|| match &update.kind {
        UpdateKind::CallbackQuery(q) => Some(q.from.id.0.to_string()),
        _ => None,
    })
}

pub fn event_of(update: &Update) -> Event {
    match &update.kind {
        UpdateKind::Message(m) | UpdateKind::EditedMessage(m) if m.chat.is_private() => {
            let edited = matches!(update.kind, UpdateKind::EditedMessage(_));
            let language = m.from.as_ref().and_then(|u| u.language_code.clone());
            let chat = m.chat.id.0.to_string();
            let (incoming, referral) = match (m.text(), &m.kind) {
                (Some(text), _) if edited => (Incoming::Edited(text.to_string()), None),
                (Some(text), _) => match command::parse(text) {
                    Some(Parsed::Known(Slash::Start, code)) => (Incoming::Start, (!code.is_empty()).then_some(code)),
                    _ => (Incoming::Text(text.to_string()), None),
                },
                (None, MessageKind::Common(common)) => (Incoming::Media(media_name(&common.media_kind).into()), None),
                (None, _) => return Event::Ignore,
            };
            Event::Message { chat, language, referral, incoming, ack: None }
        }
        UpdateKind::CallbackQuery(q) => Event::Message {
            chat: q.message.as_ref().map(|m| m.chat().id.0.to_string()).unwrap_or_else(|| q.from.id.0.to_string()),
            language: q.from.language_code.clone(),
            referral: None,
            incoming: Incoming::Press(q.data.clone().unwrap_or_default()),
            ack: Some(q.id.0.clone()),
        },
        UpdateKind::MyChatMember(m) if m.chat.is_private() => Event::Membership {
            chat: m.chat.id.0.to_string(),
            blocked: matches!(m.new_chat_member.kind, ChatMemberKind::Banned(_) | ChatMemberKind::Left),
        },
        _ => Event::Ignore,
    }
}

fn media_name(kind: &MediaKind) -> &'static str {
    match kind {
        MediaKind::Sticker(_) => "sticker",
        MediaKind::Photo(_) => "photo",
        MediaKind::Voice(_) => "voice note",
        MediaKind::Video(_) | MediaKind::VideoNote(_) | MediaKind::Animation(_) => "video",
        MediaKind::Location(_) | MediaKind::Venue(_) => "location",
        MediaKind::Contact(_) => "contact",
        MediaKind::Document(_) => "document",
        MediaKind::Audio(_) => "audio",
        _ => "something else",
    }
}

/// Buttons as an inline keyboard, `columns` to a row.
pub fn keyboard(buttons: &[outbox::Button], columns: usize) -> InlineKeyboardMarkup {
    let rows: Vec<Vec<InlineKeyboardButton>> = buttons
        .chunks(columns.max(1))
        .map(|row| row.iter().map(|b| InlineKeyboardButton::callback(b.label.clone(), b.payload.clone())).collect())
        .collect();
    InlineKeyboardMarkup::new(rows)
}
