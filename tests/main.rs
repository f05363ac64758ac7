//! One test binary: every test module below, sharing `support`.

mod fake_channel;
mod fake_telegram;
mod support;

mod activities_dashboard;
mod answers;
mod audit;
mod backup;
mod browser;
mod checkins;
mod concurrency;
mod dashboard;
mod dashboard_security;
mod directory;
mod engine;
mod flow_check;
mod hostile;
mod indexes;
mod journey;
mod languages;
mod learned;
mod locales;
mod ops;
mod privacy;
mod replicas;
mod retention;
mod safety;
mod suggestions;
mod telegram;
mod typed;
mod web;
