//! The web chat, an adapter of the [channel seam](crate::channel) for young people who cannot
//! or will not use Telegram (its terms exclude under-16s in the UK): `/chat` on the
//! dashboard's listener, no account and no phone number, an anonymous session in an HttpOnly
//! cookie. A posted message is stored in the inbox (unique by the session's chat and the form's
//! own message id) before the page is answered; the shared processor and sender do the rest.
//! The page shows the transcript, so delivering is making a message available to it
//! ([`Web::deliver`]). Routes and pages: [`routes`].

pub mod routes;
pub mod settings;

use std::time::Duration;

use serde::{Deserialize, Serialize};

pub use settings::Settings;

use super::{Channel, Delivered, Event, Limits, Pipe};
use crate::conversation::Linkup;
use crate::intent::Incoming;
use crate::store::outbox::Item;

pub const NAME: &str = "web";
/// A button's payload comes back in a form field: any length a flow uses.
pub const CALLBACK_BYTES: usize = 256;
/// The longest message shown whole, in characters.
pub const MAX_TEXT: usize = 4096;
/// The longest message a young person can send, in characters.
pub const MAX_MESSAGE: usize = 2000;

/// A posted message as the inbox keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Posted {
    pub chat: String,
    pub incoming: Incoming,
    /// A referral code from the chat link (`/chat?start=CODE`), with the first message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referral: Option<String>,
    /// The browser's preferred language (`Accept-Language`), as a language code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// The web chat adapter.
#[derive(Debug, Clone, Default)]
pub struct Web;

impl Channel for Web {
    fn name(&self) -> &'static str {
        NAME
    }

    fn limits(&self) -> Limits {
        Limits {
            burst: 1000.0,
            per_chat: Duration::ZERO,
            global_per_second: 10_000,
            max_in_flight: 64,
            lease_ms: 30_000,
            max_text: MAX_TEXT,
            callback_bytes: CALLBACK_BYTES,
        }
    }

    fn event(&self, payload: &str) -> Event {
        match serde_json::from_str::<Posted>(payload) {
            Ok(p) => Event::Message {
                chat: p.chat,
                language: p.language,
                referral: p.referral,
                incoming: p.incoming,
                ack: None,
            },
            Err(_) => Event::Ignore,
        }
    }

    fn default_source(&self) -> Option<&'static str> {
        Some(NAME)
    }

    /// The page reads the transcript, where every reply is already written in the
    /// transaction that caused it: there is nothing more to send.
    async fn deliver(&self, _chat: &str, _item: &Item, _previous: Option<&str>) -> Delivered {
        Delivered::Sent(None)
    }
}

/// The web chat's pipeline for `linkup`.
pub fn pipe(linkup: Linkup) -> Pipe<Web> {
    Pipe::new(linkup, Web)
}
