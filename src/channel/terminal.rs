//! The terminal channel: bot messages printed with numbered buttons (`[1] Yes  [2] Not now`),
//! one line typed (or piped) per message. Used by `linkup demo` and `linkup chat`.
//!
//! An adapter like any other: each line is stored in the inbox first and claimed in the
//! transaction that handles it. It differs in one way: the person is at the keyboard waiting,
//! so the replies to a line come straight back and are printed ([`Delivery`] without an
//! outbox); what is sent later (a link worker's message, a reminder) goes through the shared
//! sender to [`Terminal::deliver`].

use std::io::{BufRead, Write};
use std::time::Duration;

use anyhow::Context as _;
use serde::{Deserialize, Serialize};

use super::{Channel, Delivered, Event, Limits, Pipe};
use crate::conversation::{Delivery, Handled, Linkup, Outgoing, Sender};
use crate::intent::Incoming;
use crate::store::inbox::{self, Received};
use crate::store::outbox::{self, Item};
use crate::time::now_ms;

pub const NAME: &str = "terminal";
/// A terminal takes back a button's payload of any length.
pub const CALLBACK_BYTES: usize = usize::MAX;
/// The longest message printed whole, in characters.
pub const MAX_TEXT: usize = 4096;

/// A line as the inbox keeps it.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Line {
    chat: String,
    incoming: Incoming,
}

/// The terminal adapter: it reaches only the person at this keyboard.
#[derive(Debug, Clone)]
pub struct Terminal {
    pub user: String,
    /// The locale to chat in (`--locale cy`), as a phone's language would say.
    pub locale: Option<String>,
}

impl Channel for Terminal {
    fn name(&self) -> &'static str {
        NAME
    }

    fn limits(&self) -> Limits {
        Limits {
            burst: 1000.0,
            per_chat: Duration::ZERO,
            global_per_second: 1000,
            max_in_flight: 1,
            lease_ms: 30_000,
            max_text: MAX_TEXT,
            callback_bytes: CALLBACK_BYTES,
        }
    }

    fn event(&self, payload: &str) -> Event {
        match serde_json::from_str::<Line>(payload) {
            Ok(line) => {
                Event::Message { chat: line.chat, language: None, referral: None, incoming: line.incoming, ack: None }
            }
            Err(_) => Event::Ignore,
        }
    }

    fn serves(&self, chat: &str) -> bool {
        chat == self.user
    }

    async fn deliver(&self, _chat: &str, item: &Item, _previous: Option<&str>) -> Delivered {
        let (text, buttons) = match item {
            Item::Message { text, buttons, .. } => (text.clone(), buttons.clone()),
            Item::Farewell { text } => (text.clone(), vec![]),
            Item::Document { caption, filename, body } => match std::fs::write(filename, body) {
                Ok(()) => (format!("{caption} [saved as {filename}]"), vec![]),
                Err(e) => (format!("{caption} [could not save {filename}: {e}]"), vec![]),
            },
            Item::Photo { caption, filename, png } => {
                match outbox::decode(png).map(|bytes| std::fs::write(filename, bytes)) {
                    Some(Ok(())) => (format!("{caption} [saved as {filename}]"), vec![]),
                    _ => (format!("{caption} [could not save {filename}]"), vec![]),
                }
            }
            // Redrawn buttons were printed with the reply that drew them.
            Item::EditButtons { .. } => return Delivered::Sent(None),
        };
        let shown = Outgoing {
            buttons: buttons
                .into_iter()
                .map(|b| crate::conversation::OutButton { label: b.label, payload: b.payload, selected: false })
                .collect(),
            ..Outgoing::plain(text)
        };
        let mut out = std::io::stdout().lock();
        match show(&mut out, std::slice::from_ref(&shown), &[]) {
            Ok(()) => Delivered::Sent(None),
            Err(e) => Delivered::Retry(e.to_string()),
        }
    }
}

/// Options for a terminal session.
pub struct Session<'a> {
    /// The young person's id on the terminal channel.
    pub user: &'a str,
    /// Print what was read (when input is piped, so the output reads as a conversation).
    pub echo: bool,
    /// Print hints for someone trying linkup out.
    pub demo: bool,
    /// The dashboard's address, when the demo serves it.
    pub dashboard: Option<&'a str>,
}

/// The terminal pipeline for `user`: its sender prints what is queued for them later.
pub fn pipe(linkup: Linkup, user: &str, locale: Option<&str>) -> Pipe<Terminal> {
    Pipe::new(linkup, Terminal { user: user.to_string(), locale: locale.map(String::from) })
}

/// One line through the inbox and the conversation: stored, then handled and claimed in one
/// transaction. A line that could not be handled is set aside with its error, so the next goes on.
async fn receive(pipe: &Pipe<Terminal>, incoming: Incoming, n: u64, session: &str) -> anyhow::Result<Handled> {
    let user = &pipe.channel.user;
    let line = Line { chat: user.clone(), incoming };
    let received = Received {
        external_id: format!("{session}:{n}"),
        seq: None,
        chat: user.clone(),
        payload: serde_json::to_string(&line)?,
    };
    let pool = &pipe.linkup.store.pool;
    let stored =
        inbox::store_one(pool, NAME, &received, now_ms()).await?.context("a line of this session was stored twice")?;
    let Event::Message { incoming, .. } = pipe.channel.event(&stored.payload) else {
        anyhow::bail!("a stored line could not be read back");
    };
    let sender = Sender { language: pipe.channel.locale.as_deref(), ..Sender::new(NAME, user) };
    let delivery = Delivery { outbox: None, inbox: Some(&stored) };
    match pipe.linkup.receive_via(&sender, &incoming, now_ms(), delivery).await {
        Ok(handled) => Ok(handled),
        Err(e) => {
            let _ = inbox::failed(pool, stored.id, &e.to_string(), 1, now_ms()).await;
            Err(e.into())
        }
    }
}

/// Runs the chat until the input ends. Returns the references of cases created.
pub async fn run(
    pipe: &Pipe<Terminal>,
    session: &Session<'_>,
    mut input: impl BufRead,
    mut out: impl Write,
) -> anyhow::Result<Vec<String>> {
    // Lines are unique per session: the time it began and a count.
    let session_id = format!("{}", now_ms());
    let mut n = 0;
    let mut cases = Vec::new();
    let handled = receive(pipe, Incoming::Start, n, &session_id).await.context("starting the chat")?;
    show(&mut out, &handled.replies, &[])?;
    let mut shown = handled.replies;
    // Activities' buttons stay usable after later messages, numbered across the batch.
    let mut lasting: Vec<crate::conversation::OutButton> = Vec::new();
    let mut bytes = Vec::new();
    loop {
        bytes.clear();
        if input.read_until(b'\n', &mut bytes).context("reading from the terminal")? == 0 {
            break;
        }
        // Bytes that are not UTF-8 become U+FFFD, the mark of a character that could not be
        // read; the rest of the line, and the lines after it, are kept.
        let line = String::from_utf8_lossy(&bytes).into_owned();
        let line = line.strip_suffix('\n').unwrap_or(&line);
        // Line endings from Windows-made scripts are not part of the message.
        let line = line.strip_suffix('\r').unwrap_or(line).to_string();
        if session.echo {
            writeln!(out, "> {}", printable(&line))?;
        }
        let incoming = pressed(&shown, &lasting, &line).map_or(Incoming::Text(line), Incoming::Press);
        n += 1;
        let handled = match receive(pipe, incoming, n, &session_id).await {
            Ok(h) => h,
            Err(e) => {
                // One failing message is reported and the chat goes on; what was typed is in
                // the transcript only if the transaction committed, so say so plainly.
                tracing::error!(error = %e, "could not handle a message");
                writeln!(out, "  (linkup could not save that message. Please send it again.)")?;
                continue;
            }
        };
        show(&mut out, &handled.replies, &lasting)?;
        shown = handled.replies.clone();
        // New activities renumber; buttons already numbered ("Which one?", "I'm interested"
        // under the details) keep their numbers.
        let fresh = shown.iter().filter(|r| r.lasting).any(|r| !all_known(r, &lasting));
        if fresh {
            lasting = shown.iter().filter(|r| r.lasting).flat_map(|r| r.buttons.clone()).collect();
        }
        if let (Some(category), true) = (&handled.urgent, session.demo) {
            writeln!(
                out,
                "\n  [demo] Safeguarding: this message was flagged as {category}. The case is URGENT, at the top of the queue."
            )?;
        }
        if let Some(reference) = handled.new_case {
            if session.demo {
                writeln!(out, "\n  [demo] Case {reference} is now in the link-worker queue.")?;
                match session.dashboard {
                    Some(url) => writeln!(
                        out,
                        "  [demo] Open {url} to see it as a link worker: claim it and reply, and the reply appears here.\n"
                    )?,
                    None => writeln!(
                        out,
                        "  [demo] See it with:  cargo run --release -- queue   and   cargo run --release -- case show {reference}\n"
                    )?,
                }
            }
            cases.push(reference);
        }
        out.flush()?;
    }
    Ok(cases)
}

/// The payload of a button outside the flow (the menu, data rights: payloads starting `#`) that
/// a typed number or label picks from the latest buttons shown, as a tap would
/// send it; after activities, from all their buttons as numbered (`lasting`), unless a
/// question came since. The flow's own buttons are read by the engine, which also takes
/// several numbers.
fn pressed(shown: &[Outgoing], lasting: &[crate::conversation::OutButton], line: &str) -> Option<String> {
    let latest = shown.iter().rev().find(|r| !r.buttons.is_empty());
    let buttons = match latest {
        Some(r) if !r.lasting => &r.buttons,
        _ if !lasting.is_empty() => lasting,
        _ => return None,
    };
    if !buttons.iter().all(|b| b.payload.starts_with('#')) {
        return None;
    }
    let line = line.trim();
    // A label first: a check-in's buttons are numbers themselves ("[7]" is the 7, not the 7th).
    // A label several buttons share ("Tell me more") says no one of them.
    let labelled: Vec<_> = buttons.iter().filter(|b| b.label.eq_ignore_ascii_case(line)).collect();
    let by_label = match labelled.as_slice() {
        [one] => Some(*one),
        _ => None,
    };
    let by_number = || line.parse::<usize>().ok().and_then(|n| n.checked_sub(1)).and_then(|i| buttons.get(i));
    by_label.or_else(by_number).map(|b| b.payload.clone())
}

/// Whether every button of `reply` is one of `known` (by payload).
fn all_known(reply: &Outgoing, known: &[crate::conversation::OutButton]) -> bool {
    reply.buttons.iter().all(|b| known.iter().any(|k| k.payload == b.payload))
}

/// Prints replies; lasting buttons already numbered (`known`) keep their numbers.
fn show(out: &mut impl Write, replies: &[Outgoing], known: &[crate::conversation::OutButton]) -> std::io::Result<()> {
    // Lasting buttons (activities') are numbered on across the replies.
    let mut first = 1;
    for reply in replies {
        if reply.update_previous {
            for (i, part) in buttons_lines(reply, WIDTH, 1).iter().enumerate() {
                writeln!(out, "  {} {part}", if i == 0 { "↻" } else { " " })?;
            }
            continue;
        }
        writeln!(out)?;
        for line in printable(&reply.text).lines() {
            if line.is_empty() {
                writeln!(out)?;
            }
            for part in wrap(line, WIDTH) {
                writeln!(out, "  {part}")?;
            }
        }
        if let Some(file) = &reply.attachment {
            // The terminal's "document": a file beside where linkup runs.
            match std::fs::write(&file.filename, &file.body) {
                Ok(()) => writeln!(out, "  [saved as {}]", file.filename)?,
                Err(e) => writeln!(out, "  [could not save {}: {e}]", file.filename)?,
            }
        }
        if !reply.buttons.is_empty() {
            if reply.lasting && !known.is_empty() && all_known(reply, known) {
                let numbered: Vec<String> = reply
                    .buttons
                    .iter()
                    .map(|b| {
                        let n = known.iter().position(|k| k.payload == b.payload).unwrap_or_default() + 1;
                        format!("[{n}] {}", printable(&b.label))
                    })
                    .collect();
                writeln!(out, "  {}", numbered.join("  "))?;
                continue;
            }
            let from = if reply.lasting { first } else { 1 };
            for part in buttons_lines(reply, WIDTH, from) {
                writeln!(out, "  {part}")?;
            }
            if reply.lasting {
                first += reply.buttons.len();
            }
        }
    }
    out.flush()
}

/// Columns for the bot's words (after a two-space indent), so lines break between words.
const WIDTH: usize = 76;

/// Greedy word wrap; a word longer than `width` gets a line of its own.
pub fn wrap(line: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in line.split(' ') {
        let needed = current.chars().count() + usize::from(!current.is_empty()) + word.chars().count();
        if !current.is_empty() && needed > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// `[1] Yes  [2] Not now` (numbered from `first`), in lines of at most `width` that never
/// split a button; scales print their numbers once: `[0] [1] … [10]`.
pub fn buttons_lines(reply: &Outgoing, width: usize, first: usize) -> Vec<String> {
    let chunks = reply.buttons.iter().enumerate().map(|(i, b)| {
        let tick = if b.selected { "✓ " } else { "" };
        if b.label.parse::<i64>().is_ok() {
            format!("[{}]", b.label)
        } else {
            format!("[{}] {tick}{}", i + first, printable(&b.label))
        }
    });
    let mut lines = Vec::new();
    let mut current = String::new();
    for chunk in chunks {
        if !current.is_empty() && current.chars().count() + 2 + chunk.chars().count() > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push_str("  ");
        }
        current.push_str(&chunk);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// Text with control characters (other than line breaks) made visible, so nothing typed can
/// move the cursor or recolour the terminal when it is read back.
pub fn printable(s: &str) -> String {
    s.chars().map(|c| if c.is_control() && c != '\n' { char::REPLACEMENT_CHARACTER } else { c }).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn wraps_between_words() {
        assert_eq!(super::wrap("aa bb cc", 5), vec!["aa bb", "cc"]);
        assert_eq!(super::wrap("abcdefgh ij", 5), vec!["abcdefgh", "ij"]);
        assert_eq!(super::wrap("", 5), Vec::<String>::new());
    }
}
