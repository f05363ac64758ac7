//! A young person's data rights and the bot's menu, handled before the flow: `/mydata` (a
//! summary in the chat and everything as a JSON file), withdrawing consent, `/delete`
//! (confirmed with buttons, then everything erased), `/stop` (nothing sent until they write
//! again) and `/menu` (the bot back while a link worker is in contact).

use serde_json::json;

use super::{Attachment, Delivery, Handled, Linkup, OutButton, Outgoing};
use crate::command::{Parsed, Slash};
use crate::intent::Incoming;
use crate::message::{Arg, Text};
use crate::store::outbox::{self, Item};
use crate::store::people::{self, Person};
use crate::store::{self, Tx, cases, casework, erase, export};

/// Message ids used here; every locale has them.
pub const MESSAGES: &[&str] = &[
    "privacy-delete-ask",
    "btn-delete-yes",
    "btn-delete-no",
    "privacy-deleted",
    "privacy-kept",
    "privacy-paused",
    "mydata-summary",
    "mydata-file",
    "mydata-nothing",
    "btn-withdraw",
    "btn-delete",
    "consent-withdraw-ask",
    "btn-withdraw-yes",
    "btn-withdraw-no",
    "consent-withdrawn",
    "consent-kept",
    "menu",
    "btn-menu-worker",
    "btn-menu-carry",
    "btn-menu-mydata",
    "btn-menu-stop",
    "menu-worker-back",
];

/// A request handled here rather than by the flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Request {
    AskDelete,
    Delete,
    Keep,
    Stop,
    MyData,
    AskWithdraw,
    Withdraw,
    KeepConsent,
    Menu,
    BackToWorker,
}

/// Buttons' payloads. They start with `#`, which no flow step id does.
const PAYLOADS: &[(&str, Request)] = &[
    ("#delete|yes", Request::Delete),
    ("#delete|no", Request::Keep),
    ("#delete|ask", Request::AskDelete),
    ("#consent|ask", Request::AskWithdraw),
    ("#consent|yes", Request::Withdraw),
    ("#consent|no", Request::KeepConsent),
    ("#menu|worker", Request::BackToWorker),
    ("#menu|mydata", Request::MyData),
    ("#menu|stop", Request::Stop),
];

/// The menu's "carry on" button: the flow picks up where they were, as after /start.
pub(super) const CARRY_ON: &str = "#menu|carry";

fn payload(request: Request) -> &'static str {
    PAYLOADS.iter().find(|(_, r)| *r == request).map_or("", |(p, _)| p)
}

/// The file of a young person's data: its name, and everything stored, table by table.
fn my_data_file(data: &serde_json::Value, now: i64) -> (String, String) {
    let file = json!({
        "about": "Everything linkup has stored about you, table by table.",
        "made_at": crate::time::date(now),
        "data": data,
    });
    (format!("linkup-my-data-{}.json", crate::time::date(now)), serde_json::to_string_pretty(&file).unwrap_or_default())
}

pub(super) fn request(incoming: &Incoming, command: Option<&Parsed>) -> Option<Request> {
    match incoming {
        Incoming::Text(_) => match command.and_then(Parsed::slash)? {
            Slash::Delete => Some(Request::AskDelete),
            Slash::Stop => Some(Request::Stop),
            Slash::MyData => Some(Request::MyData),
            Slash::Menu => Some(Request::Menu),
            _ => None,
        },
        Incoming::Press(p) => PAYLOADS.iter().find(|(payload, _)| payload == p).map(|(_, r)| *r),
        _ => None,
    }
}

impl Linkup {
    /// Handles a request and commits.
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
        let button = |label: &str, request: Request| OutButton {
            label: words(label),
            payload: payload(request).into(),
            selected: false,
        };
        let with_buttons = |text: String, buttons: Vec<OutButton>| Outgoing { buttons, ..Outgoing::plain(text) };
        let mut farewell = false;
        let mut replies = Vec::new();
        match request {
            Request::AskDelete => replies.push(with_buttons(
                words("privacy-delete-ask"),
                vec![button("btn-delete-yes", Request::Delete), button("btn-delete-no", Request::Keep)],
            )),
            Request::Keep => replies.push(Outgoing::plain(words("privacy-kept"))),
            Request::Stop => {
                people::pause(&mut tx, person.id, now).await?;
                tracing::info!(person = person.id, "young person paused all messages");
                replies.push(Outgoing::plain(words("privacy-paused")));
            }
            Request::Delete => {
                let erased = erase::person(&mut tx, person.id, now).await?;
                if erased.flagged {
                    tracing::warn!(cases = ?erased.cases, "a case with an open safeguarding flag was deleted at the young person's request");
                } else {
                    tracing::info!(cases = ?erased.cases, "data deleted at the young person's request");
                }
                farewell = true;
                replies.push(Outgoing::plain(words("privacy-deleted")));
            }
            Request::MyData => {
                // Read in this transaction: everything up to and including "/mydata".
                let data = export::person(&self.store, &mut tx, person.id).await?;
                replies.extend(self.my_data(&data, locale, now));
                tracing::info!(person = person.id, "young person asked for their data");
            }
            Request::AskWithdraw => replies.push(with_buttons(
                words("consent-withdraw-ask"),
                vec![button("btn-withdraw-yes", Request::Withdraw), button("btn-withdraw-no", Request::KeepConsent)],
            )),
            Request::KeepConsent => replies.push(Outgoing::plain(words("consent-kept"))),
            Request::Withdraw => {
                let open = cases::withdraw_consent(&mut tx, person.id, now).await?;
                for case in &open {
                    casework::close_in(
                        &mut tx,
                        *case,
                        None,
                        "consent_withdrawn",
                        "Withdrawn by the young person in the chat",
                        now,
                    )
                    .await?;
                }
                tracing::info!(person = person.id, cases = open.len(), "young person withdrew consent");
                replies.push(with_buttons(words("consent-withdrawn"), vec![button("btn-delete", Request::AskDelete)]));
            }
            Request::Menu => {
                people::set_with_worker(&mut tx, person.id, false).await?;
                let in_contact = cases::worker_in_contact(&mut tx, person.id).await?;
                let mut buttons = Vec::new();
                if in_contact.is_some() {
                    buttons.push(button("btn-menu-worker", Request::BackToWorker));
                } else {
                    buttons.push(OutButton {
                        label: words("btn-menu-carry"),
                        payload: CARRY_ON.into(),
                        selected: false,
                    });
                }
                buttons.push(OutButton {
                    label: words("btn-checkin-chart"),
                    payload: super::wellbeing::CHART.into(),
                    selected: false,
                });
                buttons.push(button("btn-menu-mydata", Request::MyData));
                buttons.push(button("btn-menu-stop", Request::Stop));
                buttons.push(button("btn-delete", Request::AskDelete));
                replies.push(with_buttons(words("menu"), buttons));
            }
            Request::BackToWorker => {
                if let Some(name) = cases::worker_in_contact(&mut tx, person.id).await? {
                    people::set_with_worker(&mut tx, person.id, true).await?;
                    let first = name.split_whitespace().next().unwrap_or(&name).to_string();
                    let text = Text::new("menu-worker-back").arg("name", Arg::Str(first));
                    replies.push(Outgoing::plain(self.content.locales.render(locale, &text)));
                } else {
                    // The link worker closed the case since the menu was shown.
                    replies.push(Outgoing::plain(words("privacy-kept")));
                }
            }
        }
        if farewell {
            // After an erasure nothing is written down: the farewell goes out and is forgotten.
            if let Some(chat) = delivery.outbox {
                for reply in &replies {
                    let item = Item::Farewell { text: reply.text.clone() };
                    outbox::enqueue(&mut tx, person.id, &person.channel, chat, &item, now).await?;
                }
            }
        } else {
            super::send_all(&mut tx, person.id, &person.channel, &replies, delivery, None, now).await?;
        }
        tx.commit().await?;
        Ok(Handled { replies, new_case: None, urgent: None, skipped: false })
    }

    /// The readable summary and the file.
    fn my_data(&self, data: &serde_json::Value, locale: &str, now: i64) -> Vec<Outgoing> {
        let locales = &self.content.locales;
        let case = data["cases"].as_array().and_then(|c| c.last()).cloned().unwrap_or_default();
        let count = |table: &str| data[table].as_array().map_or(0, Vec::len) as i64;
        let text_of = |v: &serde_json::Value| v.as_str().filter(|s| !s.is_empty()).unwrap_or("—").to_string();
        let summary = if case.is_null() {
            Text::new("mydata-nothing").arg("messages", Arg::Num(count("messages")))
        } else {
            let consent = case["consent_at"].as_i64().map_or("—".to_string(), crate::time::date);
            Text::new("mydata-summary")
                .arg("reference", Arg::Str(text_of(&case["reference"])))
                .arg("name", Arg::Str(text_of(&case["preferred_name"])))
                .arg("age", Arg::Str(text_of(&case["age_band"])))
                .arg("area", Arg::Str(text_of(&case["area"])))
                .arg("contact", Arg::Str(text_of(&case["contact_method"])))
                .arg("phone", Arg::Str(text_of(&case["phone"])))
                .arg("consent", Arg::Str(consent))
                .arg("shared", Arg::Str(case["shared_without_consent"].as_str().unwrap_or("none").to_string()))
                .arg("messages", Arg::Num(count("messages")))
                .arg("scores", Arg::Num(count("case_scores")))
        };
        let mut buttons = Vec::new();
        if !case.is_null() && case["consent_withdrawn_at"].is_null() && case["consent_at"].as_i64().is_some() {
            buttons.push(OutButton {
                label: locales.render(locale, &Text::new("btn-withdraw")),
                payload: payload(Request::AskWithdraw).into(),
                selected: false,
            });
        }
        buttons.push(OutButton {
            label: locales.render(locale, &Text::new("btn-delete")),
            payload: payload(Request::AskDelete).into(),
            selected: false,
        });
        let (filename, body) = my_data_file(data, now);
        vec![
            Outgoing { buttons, ..Outgoing::plain(locales.render(locale, &summary)) },
            Outgoing {
                attachment: Some(Attachment::json(filename, body)),
                ..Outgoing::plain(locales.render(locale, &Text::new("mydata-file")))
            },
        ]
    }

    /// A person's copy of their data as a file, read now: for a channel that hands files over
    /// when asked (the web chat's download) rather than sending them.
    pub async fn my_data_now(&self, person: i64, now: i64) -> Result<(String, String), store::Error> {
        let mut tx = self.store.begin().await?;
        let data = export::person(&self.store, &mut tx, person).await?;
        tx.commit().await?;
        Ok(my_data_file(&data, now))
    }
}
