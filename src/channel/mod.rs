//! Channels: where young people talk to linkup: Telegram, and the terminal (demo and scripting).

pub mod telegram;
pub mod terminal;
