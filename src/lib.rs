//! linkup: young people refer themselves to a social prescribing link worker from their phone.
//!
//! # Layout
//!
//! A message's way through, in order (see `docs/architecture.md`):
//!
//! - [`channel`]: where young people talk to linkup. Each adapter (`channel::telegram`,
//!   `channel::web`, `channel::terminal`) turns its payloads into events and delivers outbox items through the
//!   `Channel` trait; the shared inbox processor and outbox sender do the rest (once each, in
//!   order per chat, leases across replicas, pacing and retries).
//! - [`conversation`]: one message in one transaction: read once, recorded, routed (a side
//!   flow, data rights or a check-in, in `conversation::side`; or the flow and the link worker
//!   in contact), safety first, one engine run, each effect applied, replies written by one
//!   `send_all`; the language (`/language`, a service's offer), hand-off, escalation,
//!   check-in charts and reminders, and the activities offered at the hand-off
//!   (`conversation::activities`).
//! - [`command`]: the `/commands`: one list, parsed once, from which menus and help are made.
//! - [`intent`]: what a typed line means at the current step: a command, a button (typed
//!   answers read in `intent::typed`: numbers, typos, synonyms, ages, scores, several at once), text.
//! - [`flow`]: flow files (`flows/*.toml`): types, loading, checking, Mermaid graphs, the answer
//!   keys, a measure spelled out as questions, and the pure engine
//!   `step(flow, state, input, ctx) -> (state, effects)`.
//! - [`message`]: the shared vocabulary of what is said: message ids with arguments, buttons,
//!   bubbles. [`problem`]: a problem in a content file, by file and line. Both are leaves.
//! - [`answer`]: cleaning and checking free-text answers (names, areas, phone numbers).
//! - [`i18n`]: Fluent words per locale (`locales/<locale>/*.ftl`), en-GB as the fallback; plural
//!   categories, and right-to-left text's number and command runs.
//! - [`safety`]: safeguarding: rules per language (all of them on every text), a learned
//!   classifier, recent messages scored together, and contacts, all data (`flows/safety/`);
//!   every text is checked first.
//! - [`measures`]: wellbeing instruments as data (`flows/measures/*.toml`): items, bands,
//!   scoring (sums and raw-to-metric tables).
//! - [`reminders`]: when check-in reminders go out: the plan and quiet hours (pure).
//! - [`duty`]: when link workers read urgent cases, told honestly after a crisis reply.
//! - [`store`]: sqlx over SQLite or PostgreSQL, all the SQL there is: people, the inbox and
//!   outbox, conversations, transcript, cases and casework, check-ins, erasure, export, retention,
//!   the activities directory, and the activities suggested and referrals made.
//! - [`dashboard`]: the link workers' web pages (axum, server-rendered HTML): queue, case,
//!   replies, the case's activities (directory search, sending one, onward referrals), reports,
//!   audit, workers' accounts; sign-in, CSRF and same-origin checks.
//! - [`app`]: the application as `serve`, `demo` and the tests start it, and the jobs beside
//!   the channels (dashboard, reminders, retention).
//! - [`metrics`]: Prometheus metric names, the recorder, and the queue gauges `/metrics` reads.
//! - [`config`]: settings from defaults, `linkup.toml` and `LINKUP_*` variables.
//! - [`directory`]: the local activities directory: Open Referral UK exports read and checked,
//!   `flows/directory/mapping.toml` (linkup's interests and topics as taxonomy terms), and matching (pure).
//! - [`report`]: the outcome report (sources, areas, first contact, scores, outcomes).
//! - [`display`]: a young person's words shown safely (direction controls made visible).
//! - [`chart`]: trend charts of scores over time, as PNG images.
//! - [`readability`]: Flesch–Kincaid grade, to keep words simple.
//! - [`time`]: the clock, and times as people read them.
//! - [`cli`]: the `linkup` command's subcommands.

pub mod answer;
pub mod app;
pub mod channel;
pub mod chart;
pub mod cli;
pub mod command;
pub mod config;
pub mod conversation;
pub mod dashboard;
pub mod directory;
pub mod display;
pub mod duty;
pub mod flow;
pub mod i18n;
pub mod intent;
pub mod measures;
pub mod message;
pub mod metrics;
pub mod problem;
pub mod readability;
pub mod reminders;
pub mod report;
pub mod safety;
pub mod store;
pub mod time;
