//! linkup: young people refer themselves to a social prescribing link worker from their phone.
//!
//! # Layout
//!
//! - [`flow`]: flow files (`flows/*.toml`): types, loading, checking, Mermaid graphs, and the
//!   pure engine `step(flow, state, input, ctx) -> (state, effects)`.
//! - [`answer`]: cleaning and checking free-text answers (names, areas, phone numbers).
//! - [`intent`]: what a typed line means at the current step: a command, a button (typed
//!   answers read in `intent::typed`: numbers, typos, synonyms, ages, scores, several at once), text.
//! - [`i18n`]: Fluent words per locale (`locales/<locale>/*.ftl`), en-GB as the fallback.
//! - [`measures`]: wellbeing instruments as data (`flows/measures/*.toml`): items, bands,
//!   scoring (sums and raw-to-metric tables).
//! - [`checkins`]: wellbeing check-ins after the hand-off: schedules, quiet hours, reminders.
//! - [`chart`]: trend charts of scores over time, as PNG images.
//! - [`duty`]: when link workers read urgent cases, told honestly after a crisis reply.
//! - [`safety`]: safeguarding: rules, a learned classifier, recent messages scored together,
//!   and contacts, all data (`flows/safety/`); every text is checked first.
//! - [`conversation`]: one message through safety, engine and store in one transaction;
//!   escalation of disclosures, the direct safety questions' answers; hand-off.
//! - [`store`]: sqlx over SQLite or PostgreSQL: people, conversations, transcript, cases.
//! - [`channel`]: where young people talk to linkup: Telegram, and the terminal (demo).
//! - [`config`]: settings from defaults, `linkup.toml` and `LINKUP_*` variables.
//! - [`report`]: the outcome report (sources, areas, first contact, scores, outcomes).
//! - [`readability`]: Flesch–Kincaid grade, to keep words simple.
//! - [`cli`]: the `linkup` command's subcommands.

pub mod answer;
pub mod app;
pub mod channel;
pub mod chart;
pub mod checkins;
pub mod cli;
pub mod command;
pub mod config;
pub mod conversation;
pub mod dashboard;
pub mod duty;
pub mod flow;
pub mod i18n;
pub mod intent;
pub mod measures;
pub mod message;
pub mod problem;
pub mod readability;
pub mod report;
pub mod safety;
pub mod store;
pub mod time;
