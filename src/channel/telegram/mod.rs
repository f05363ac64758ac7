//! The Telegram channel (teloxide): updates are stored in the inbox before Telegram is told
//! they arrived ([`poll`], [`webhook`]); a processor takes them through the conversation once
//! each, in order per chat ([`process`]); a sender delivers the outbox within Telegram's limits
//! ([`send`]).

pub mod poll;
pub mod process;
pub mod send;
pub mod webhook;

use std::sync::{Arc, OnceLock};

use teloxide::Bot;
use teloxide::types::{
    BotCommand, ChatMemberKind, InlineKeyboardButton, InlineKeyboardMarkup, MediaKind, MessageKind, Update, UpdateKind,
};
use tokio::sync::{Notify, watch};

use crate::config::Config;
use crate::conversation::Linkup;
use crate::intent::Incoming;
use crate::store::outbox;

pub const CHANNEL: &str = "telegram";

/// Everything the Telegram tasks share.
#[derive(Clone)]
pub struct Telegram {
    pub bot: Bot,
    pub linkup: Linkup,
    pub config: Arc<Config>,
    /// Woken when updates are stored.
    pub stored: Arc<Notify>,
    /// Woken when replies are queued.
    pub queued: Arc<Notify>,
}

impl Telegram {
    pub fn new(token: &str, linkup: Linkup, config: Config) -> anyhow::Result<Telegram> {
        let mut bot = Bot::new(token);
        if let Some(url) = &config.telegram.api_url {
            bot = bot.set_api_url(url.parse().map_err(|e| anyhow::anyhow!("TELOXIDE_API_URL {url:?}: {e}"))?);
        }
        Ok(Telegram {
            bot,
            linkup,
            config: Arc::new(config),
            stored: Arc::new(Notify::new()),
            queued: Arc::new(Notify::new()),
        })
    }

    /// Runs until `shutdown` turns true: the receiver (polling or webhook), the processor and
    /// the sender. Each finishes its current item before stopping. If one fails, the others
    /// are stopped and the error returned.
    pub async fn run(self, mut shutdown: watch::Receiver<bool>) -> anyhow::Result<()> {
        use teloxide::prelude::Requester;
        if self.config.telegram.mode == "webhook" && self.config.telegram.webhook_secret.is_none() {
            anyhow::bail!("webhook mode needs a secret: set LINKUP_WEBHOOK_SECRET (letters, digits, _ and -)");
        }
        if let Err(e) = self.bot.set_my_commands(commands()).await {
            tracing::warn!(error = %e, "could not set the command menu; carrying on");
        }
        let (stop, inner) = watch::channel(false);
        let mut tasks = tokio::task::JoinSet::new();
        tasks.spawn(process::run(self.clone(), inner.clone()));
        tasks.spawn(send::run(self.clone(), inner.clone()));
        if self.config.telegram.mode == "webhook" {
            tasks.spawn(webhook::run(self.clone(), inner.clone()));
        } else {
            tasks.spawn(poll::run(self.clone(), inner.clone()));
        }
        let mut failure = None;
        loop {
            tokio::select! {
                _ = shutdown.wait_for(|stop| *stop), if failure.is_none() && !*stop.borrow() => {
                    let _ = stop.send(true);
                }
                finished = tasks.join_next() => {
                    let Some(finished) = finished else { break };
                    let result = finished.map_err(anyhow::Error::from).and_then(|r| r);
                    if let Err(e) = result {
                        failure.get_or_insert(e);
                        let _ = stop.send(true);
                    }
                }
            }
        }
        failure.map_or(Ok(()), Err)
    }
}

/// The bot's command menu.
pub fn commands() -> Vec<BotCommand> {
    [
        ("start", "Start, or carry on where you were"),
        ("help", "How this works"),
        ("checkin", "A quick wellbeing check-in"),
        ("mydata", "See what linkup keeps about you"),
        ("delete", "Delete what linkup keeps about you"),
        ("stop", "Pause all messages"),
        ("language", "Change language"),
        ("menu", "Show the menu"),
    ]
    .into_iter()
    .map(|(c, d)| BotCommand::new(c, d))
    .collect()
}

/// What an update means for linkup.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A message for the conversation, from `chat`.
    Message {
        chat: String,
        language: Option<String>,
        /// A deep-link code (`/start CODE`).
        referral: Option<String>,
        incoming: Incoming,
        /// A button press to answer so the phone stops spinning.
        callback: Option<String>,
    },
    /// The young person blocked (or unblocked) the bot.
    Membership { chat: String, blocked: bool },
    /// Nothing for linkup (channel posts, polls, ...).
    Ignore,
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
                (Some(text), _) => match text.trim().strip_prefix("/start") {
                    Some(rest) if rest.is_empty() || rest.starts_with(' ') => {
                        let code = rest.trim();
                        (Incoming::Start, (!code.is_empty()).then(|| code.to_string()))
                    }
                    _ => (Incoming::Text(text.to_string()), None),
                },
                (None, MessageKind::Common(common)) => (Incoming::Media(media_name(&common.media_kind).into()), None),
                (None, _) => return Event::Ignore,
            };
            Event::Message { chat, language, referral, incoming, callback: None }
        }
        UpdateKind::CallbackQuery(q) => Event::Message {
            chat: q.message.as_ref().map(|m| m.chat().id.0.to_string()).unwrap_or_else(|| q.from.id.0.to_string()),
            language: q.from.language_code.clone(),
            referral: None,
            incoming: Incoming::Press(q.data.clone().unwrap_or_default()),
            callback: Some(q.id.0.clone()),
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

/// Test-only crash points (`LINKUP_FAILPOINT=after-store|after-commit|after-send`): the process
/// aborts there, as `kill -9` would, so the restart guarantees can be tested.
pub fn failpoint(name: &str) {
    static POINT: OnceLock<Option<String>> = OnceLock::new();
    if POINT.get_or_init(|| std::env::var("LINKUP_FAILPOINT").ok()).as_deref() == Some(name) {
        eprintln!("failpoint {name}: aborting");
        std::process::abort();
    }
}
