//! `linkup flows check` and `linkup flows graph`.

use std::io::Write;

use crate::config::Config;
use crate::conversation::Content;
use crate::flow::{graph, load};

/// Prints every problem and returns 1, or a one-line all-clear and 0.
pub fn check(config: &Config, out: &mut impl Write) -> i32 {
    match Content::load(&config.flows_dir, &config.locales_dir) {
        Ok(content) => {
            for warning in crate::app::stale_contacts(&content) {
                let _ = writeln!(out, "{warning}");
            }
            let rules: usize = content.safety.rules.values().map(|r| r.rules.len()).sum();
            let learned = match &content.safety.learned {
                Some(m) => format!(", a learned tier ({} weights)", m.nonzero_weights()),
                None => ", no learned tier".to_string(),
            };
            let _ = writeln!(
                out,
                "ok: {} flow(s), {} locale(s), {} measure(s), {rules} safety rule(s) in {} language(s){learned}, {} contact(s); no problems",
                content.flows.len(),
                content.locales.messages.len(),
                content.measures.instruments.len(),
                content.safety.rules.len(),
                content.safety.contacts.contacts.len()
            );
            0
        }
        Err(problems) => {
            for p in &problems {
                let _ = writeln!(out, "{p}");
            }
            let _ = writeln!(out, "{} problem(s)", problems.len());
            1
        }
    }
}

pub fn graph(config: &Config, id: &str, out: &mut impl Write) -> anyhow::Result<i32> {
    let (flows, problems) = load::load_dir(&config.flows_dir);
    match flows.iter().find(|f| f.id == id) {
        Some(flow) => {
            write!(out, "{}", graph::mermaid(flow))?;
            Ok(0)
        }
        None => {
            let known: Vec<&str> = flows.iter().map(|f| f.id.as_str()).collect();
            eprintln!("No flow \"{id}\". Flows: {}", known.join(", "));
            for p in problems {
                eprintln!("{p}");
            }
            Ok(1)
        }
    }
}
