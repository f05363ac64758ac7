//! A young person's data rights in the chat: `/delete` (confirmed with buttons, then everything
//! erased) and `/stop` (nothing sent until they write again).

use serde_json::json;

use super::{Delivery, Handled, Linkup, Outgoing};
use crate::flow::engine::Text;
use crate::intent::Incoming;
use crate::store::outbox::{self, Item};
use crate::store::{self, Tx, erase, people::Person, transcript};

/// Message ids used here; every locale has them.
pub const MESSAGES: &[&str] =
    &["privacy-delete-ask", "btn-delete-yes", "btn-delete-no", "privacy-deleted", "privacy-kept", "privacy-paused"];

const CONFIRM: &str = "#delete|yes";
const KEEP: &str = "#delete|no";

/// A data-rights request in what arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Request {
    AskDelete,
    Delete,
    Keep,
    Stop,
}

pub(super) fn request(incoming: &Incoming) -> Option<Request> {
    match incoming {
        Incoming::Text(t) => {
            match t.trim().split(['@', ' ']).next().unwrap_or_default().to_ascii_lowercase().as_str() {
                "/delete" => Some(Request::AskDelete),
                "/stop" => Some(Request::Stop),
                _ => None,
            }
        }
        Incoming::Press(p) if p == CONFIRM => Some(Request::Delete),
        Incoming::Press(p) if p == KEEP => Some(Request::Keep),
        _ => None,
    }
}

impl Linkup {
    /// Handles a data-rights request and commits.
    pub(super) async fn data_rights(
        &self,
        mut tx: Tx<'_>,
        request: Request,
        person: &Person,
        locale: &str,
        delivery: Delivery<'_>,
        now: i64,
    ) -> Result<Handled, store::Error> {
        let words = |id: &str| self.content.locales.render(locale, &Text::new(id));
        let plain = |text: String| Outgoing { text, buttons: vec![], columns: 1, update_previous: false };
        let mut farewell = false;
        let reply = match request {
            Request::AskDelete => Outgoing {
                text: words("privacy-delete-ask"),
                buttons: [("btn-delete-yes", CONFIRM), ("btn-delete-no", KEEP)]
                    .into_iter()
                    .map(|(label, payload)| super::OutButton {
                        label: words(label),
                        payload: payload.into(),
                        selected: false,
                    })
                    .collect(),
                columns: 1,
                update_previous: false,
            },
            Request::Keep => plain(words("privacy-kept")),
            Request::Stop => {
                sqlx::query("UPDATE people SET paused_at = $1 WHERE id = $2")
                    .bind(now)
                    .bind(person.id)
                    .execute(&mut *tx)
                    .await?;
                tracing::info!(person = person.id, "young person paused all messages");
                plain(words("privacy-paused"))
            }
            Request::Delete => {
                let erased = erase::person(&mut tx, person.id, now).await?;
                if erased.flagged {
                    tracing::warn!(cases = ?erased.cases, "a case with an open safeguarding flag was deleted at the young person's request");
                } else {
                    tracing::info!(cases = ?erased.cases, "data deleted at the young person's request");
                }
                farewell = true;
                plain(words("privacy-deleted"))
            }
        };
        // After an erasure nothing is written down: the farewell goes out and is forgotten.
        if !farewell {
            transcript::append(
                &mut tx,
                person.id,
                transcript::NewEntry {
                    direction: transcript::Direction::Out,
                    kind: "bot",
                    body: &reply.text,
                    meta: json!({ "buttons": reply.buttons }),
                    step: None,
                },
                now,
            )
            .await?;
        }
        if let Delivery::Outbox { chat, .. } = delivery {
            let item = if farewell { Item::Farewell { text: reply.text.clone() } } else { reply.to_item() };
            outbox::enqueue(&mut tx, person.id, &person.channel, chat, &item, now).await?;
        }
        tx.commit().await?;
        Ok(Handled { replies: vec![reply], new_case: None, urgent: None, skipped: false })
    }
}
