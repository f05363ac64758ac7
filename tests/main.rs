//! One test binary: every test module below, sharing `support`.

mod support;

mod answers;
mod concurrency;
mod engine;
mod flow_check;
mod hostile;
mod journey;
mod locales;
mod safety;
