//! A link worker in contact: their messages go to the young person through the outbox,
//! introduced with their first name, and from then on the young person's words go to the case
//! (still safety-checked) instead of the flow, until `/menu` gives them the bot back. Words
//! after a case was closed open it again.

use serde_json::json;

use super::{Linkup, Outgoing};
use crate::message::{Arg, Text};
use crate::store::cases::CaseRecord;
use crate::store::outbox;
use crate::store::transcript::{self, Direction, NewEntry};
use crate::store::workers::Worker;
use crate::store::{self, casework, people};

/// Message ids used here; every locale has them.
pub const MESSAGES: &[&str] = &["contact-from-worker", "after-reopened", "after-withdrawn"];

/// Why a worker's message could not be queued.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    #[error("the message is empty")]
    Empty,
    #[error("the message is longer than {0} characters")]
    TooLong(usize),
    #[error("the case is closed: reopen it first")]
    Closed,
    #[error("the young person deleted their data")]
    Erased,
    #[error("the young person withdrew their consent to be contacted")]
    ConsentWithdrawn,
    #[error("that activity is no longer in the directory")]
    NoActivity,
    #[error(transparent)]
    Store(#[from] store::Error),
}

/// Longest message a worker can send: with the introduction it fits every channel.
pub const MAX_WORKER_MESSAGE: usize = 3500;
const _: () = assert!(MAX_WORKER_MESSAGE + 500 <= crate::channel::SHORTEST_TEXT);

impl Linkup {
    /// Queues a link worker's message to the young person of `case`, in one transaction with
    /// the transcript, the case's status (`in_contact`) and the audit. Returns the outbox id,
    /// whose status is the message's delivery state.
    pub async fn send_from_worker(
        &self,
        case: &CaseRecord,
        worker: &Worker,
        text: &str,
        now: i64,
    ) -> Result<i64, SendError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(SendError::Empty);
        }
        if text.chars().count() > MAX_WORKER_MESSAGE {
            return Err(SendError::TooLong(MAX_WORKER_MESSAGE));
        }
        Self::sendable(case)?;
        let mut tx = self.store.begin().await?;
        let (channel, chat) = people::address(&mut tx, case.person_id).await?;
        let locale = self.content.locales.known(&case.locale);
        let words = Text::new("contact-from-worker")
            .arg("name", Arg::Str(worker.first_name().to_string()))
            .arg("text", Arg::Str(text.to_string()));
        let body = self.content.locales.render(&locale, &words);
        let id =
            outbox::enqueue(&mut tx, case.person_id, &channel, &chat, &Outgoing::plain(body.clone()).to_item(), now)
                .await?;
        transcript::append(
            &mut tx,
            case.person_id,
            NewEntry {
                direction: Direction::Out,
                kind: "worker",
                body: &body,
                meta: json!({ "worker": worker.id, "outbox": id }),
                step: None,
            },
            now,
        )
        .await?;
        people::set_with_worker(&mut tx, case.person_id, true).await?;
        casework::in_contact(&mut tx, case.id, worker.id, now).await?;
        casework::audit(&mut tx, Some(worker.id), Some(case.id), "messaged", "", now).await?;
        tx.commit().await.map_err(store::Error::from)?;
        tracing::info!(reference = %case.reference, worker = worker.id, "link worker message queued");
        Ok(id)
    }
}

impl Linkup {
    /// Whether a link worker may send anything to the young person of `case` now.
    pub(super) fn sendable(case: &CaseRecord) -> Result<(), SendError> {
        if case.erased_at.is_some() {
            return Err(SendError::Erased);
        }
        if case.consent_withdrawn_at.is_some() {
            return Err(SendError::ConsentWithdrawn);
        }
        if !case.status.is_open() {
            return Err(SendError::Closed);
        }
        Ok(())
    }

    /// A message after their case was closed: the case opens again, so a link worker sees it,
    /// and the reply says so; unless they took back their consent, which is said plainly.
    /// `None` if they have no closed case.
    pub(super) async fn written_after_closing(
        &self,
        tx: &mut store::Tx<'_>,
        person: i64,
        inbound: i64,
        locale: &str,
        now: i64,
    ) -> Result<Option<Outgoing>, store::Error> {
        let Some((id, reference, withdrawn)) = crate::store::cases::latest_closed(tx, person).await? else {
            return Ok(None);
        };
        let text = if withdrawn {
            Text::new("after-withdrawn")
        } else {
            casework::reopen_in(tx, id, None, "The young person wrote again after it was closed", now).await?;
            crate::store::cases::note_inbound(tx, id, inbound).await?;
            tracing::info!(reference = %reference, "a closed case reopened by a new message");
            Text::new("after-reopened").arg("reference", Arg::Str(reference))
        };
        Ok(Some(Outgoing::plain(self.content.locales.render(locale, &text))))
    }
}
