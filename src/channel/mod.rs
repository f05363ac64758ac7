//! Channels: where young people talk to linkup. The terminal (demo and scripting) for now.

pub mod terminal;
