//! Channels: where young people talk to linkup. An adapter (one module under `channel/`) only
//! turns its payloads into [`Event`]s and delivers outbox [`Item`]s, through the [`Channel`]
//! trait; what lies between is shared by every channel: the inbox (stored before the channel is
//! told it arrived, once each), the [`process`]or (in order per chat, chats in parallel, across
//! replicas) and the [`send`]er (pacing, retries, leases). Erasure, export and retention read
//! the same two tables, so they cover a new channel by construction.
//!
//! Adapters: [`telegram`], the [`web`] chat, and the [`terminal`] (demo and scripting).

pub mod process;
pub mod send;
pub mod telegram;
pub mod terminal;
pub mod web;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Notify, watch};
use tokio::task::JoinSet;

use crate::conversation::Linkup;
use crate::intent::Incoming;
use crate::store::inbox::{self, Received};
use crate::store::outbox::Item;
use crate::time::now_ms;

/// The strictest limit on a button's payload, in bytes, of every channel linkup has:
/// `linkup flows check` holds every flow's buttons to it.
pub const SHORTEST_CALLBACK: usize = min(min(telegram::CALLBACK_BYTES, terminal::CALLBACK_BYTES), web::CALLBACK_BYTES);

/// The strictest limit on a message's length, in characters, of every channel linkup has.
pub const SHORTEST_TEXT: usize = min(min(telegram::MAX_TEXT, terminal::MAX_TEXT), web::MAX_TEXT);

const fn min(a: usize, b: usize) -> usize {
    if a < b { a } else { b }
}

/// What a payload means for linkup.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A message for the conversation, from `chat`.
    Message {
        chat: String,
        /// The language the young person's device says, if the channel knows it.
        language: Option<String>,
        /// A deep-link code (a school's, say), when the message brings one.
        referral: Option<String>,
        incoming: Incoming,
        /// Something to tell the channel once the message is handled (a pressed button, so
        /// the phone stops spinning): passed to [`Channel::acknowledge`].
        ack: Option<String>,
    },
    /// The young person blocked (or unblocked) linkup on the channel.
    Membership { chat: String, blocked: bool },
    /// Nothing for linkup (a channel's own notices, unreadable payloads).
    Ignore,
}

/// How a channel wants its messages paced and held.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// Messages a chat may get at once before `per_chat` applies.
    pub burst: f64,
    /// At least this long, on average, between two messages to one chat.
    pub per_chat: Duration,
    /// At most this many messages a second in all.
    pub global_per_second: u32,
    /// Messages being delivered at once (at most one per chat).
    pub max_in_flight: usize,
    /// How long a sender holds a message before another replica may take it, milliseconds.
    pub lease_ms: i64,
    /// The longest text the channel takes, in characters; longer is cut.
    pub max_text: usize,
    /// The longest button payload the channel takes back, in bytes.
    pub callback_bytes: usize,
}

/// What became of one delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivered {
    /// Delivered; the channel's id for the message when it has one (to redraw its buttons).
    Sent(Option<String>),
    /// The channel asked to wait this long before the next try.
    RetryAfter(Duration),
    /// The young person cannot be reached there (they blocked linkup): everything queued for
    /// them is held until they write again.
    Unreachable,
    /// Failed for now (network, server error): tried again later, with backoff.
    Retry(String),
    /// The channel will never accept it: given up.
    Rejected(String),
}

/// A channel adapter.
pub trait Channel: Send + Sync + 'static {
    /// The name its payloads, outbox rows and people are stored under.
    fn name(&self) -> &'static str;

    fn limits(&self) -> Limits;

    /// What a stored payload means. Never fails: what it cannot read is [`Event::Ignore`].
    fn event(&self, payload: &str) -> Event;

    /// Where a young person came from when they start here without a referral code (the web
    /// chat: "web"); `None` counts them as "self".
    fn default_source(&self) -> Option<&'static str> {
        None
    }

    /// Whether this process delivers to `chat` (a terminal reaches only the person at its
    /// keyboard); others' messages wait for the process that does.
    fn serves(&self, _chat: &str) -> bool {
        true
    }

    /// Delivers one item to `chat`. `previous` is the channel's id of the latest message with
    /// buttons sent to that chat (for [`Item::EditButtons`]).
    fn deliver(&self, chat: &str, item: &Item, previous: Option<&str>) -> impl Future<Output = Delivered> + Send;

    /// Called once a message carrying `ack` is handled and committed. Best effort.
    fn acknowledge(&self, _ack: &str) -> impl Future<Output = ()> + Send {
        async {}
    }
}

/// One channel's pipeline: the conversation, the adapter, and the signals between the
/// receiver, the processor and the sender.
pub struct Pipe<C> {
    pub linkup: Linkup,
    pub channel: Arc<C>,
    /// Woken when payloads are stored.
    pub stored: Arc<Notify>,
    /// Woken when replies are queued.
    pub queued: Arc<Notify>,
}

impl<C> Clone for Pipe<C> {
    fn clone(&self) -> Self {
        Pipe {
            linkup: self.linkup.clone(),
            channel: self.channel.clone(),
            stored: self.stored.clone(),
            queued: self.queued.clone(),
        }
    }
}

impl<C: Channel> Pipe<C> {
    pub fn new(linkup: Linkup, channel: C) -> Pipe<C> {
        Pipe { linkup, channel: Arc::new(channel), stored: Arc::default(), queued: Arc::default() }
    }

    /// Stores what the channel received, in one transaction, and wakes the processor. Only once
    /// this returns may the channel be told the payloads arrived. Returns how many were new
    /// (repeats of a stored id are ignored).
    pub async fn accept(&self, received: &[Received]) -> Result<u64, crate::store::Error> {
        let new = inbox::store(&self.linkup.store.pool, self.channel.name(), received, now_ms()).await?;
        self.stored.notify_one();
        Ok(new)
    }

    /// Starts the processor and the sender in `tasks`; each stops when `shutdown` turns true.
    pub fn spawn(&self, tasks: &mut JoinSet<anyhow::Result<()>>, shutdown: &watch::Receiver<bool>) {
        tasks.spawn(process::run(self.clone(), shutdown.clone()));
        tasks.spawn(send::run(self.clone(), shutdown.clone()));
    }
}

/// Starts the channels `linkup serve` runs besides the web chat (which is on the dashboard's
/// listener): Telegram when `TELOXIDE_TOKEN` is set.
pub fn spawn_configured(
    linkup: &Linkup,
    tasks: &mut JoinSet<anyhow::Result<()>>,
    shutdown: &watch::Receiver<bool>,
) -> anyhow::Result<()> {
    if telegram::token_from_env().is_none() {
        tracing::warn!("TELOXIDE_TOKEN is not set: the Telegram bot is off; the web chat is at /chat");
        return Ok(());
    }
    let telegram = telegram::from_env(linkup.clone())?;
    tasks.spawn(telegram::run(telegram, shutdown.clone()));
    Ok(())
}

/// Runs `tasks` until `shutdown` turns true, then lets each finish what it has in hand. If one
/// fails, the others are stopped and its error returned.
pub async fn supervise(
    mut tasks: JoinSet<anyhow::Result<()>>,
    stop: watch::Sender<bool>,
    mut shutdown: watch::Receiver<bool>,
) -> anyhow::Result<()> {
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

/// Test-only crash points (`LINKUP_FAILPOINT=after-store|after-commit|after-send`): the process
/// aborts there, as `kill -9` would, so the restart guarantees can be tested.
pub fn failpoint(name: &str) {
    static POINT: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    if POINT.get_or_init(|| std::env::var("LINKUP_FAILPOINT").ok()).as_deref() == Some(name) {
        eprintln!("failpoint {name}: aborting");
        std::process::abort();
    }
}
