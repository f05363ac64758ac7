//! `flows graph`: a flow as a Mermaid flowchart, for people who edit flows.

use std::fmt::Write;

use super::{Flow, RESTART, RESUME, StepKind};

pub fn mermaid(flow: &Flow) -> String {
    let mut out = String::from("flowchart TD\n");
    let node = |id: &str| format!("s_{}", id.replace(|c: char| !c.is_ascii_alphanumeric(), "_"));
    for step in &flow.steps {
        let shape = match step.kind {
            StepKind::Branch { .. } => ("{", "}"),
            StepKind::HandOff { .. } | StepKind::End => ("([", "])"),
            StepKind::Action { .. } => ("[[", "]]"),
            StepKind::Message { .. }
            | StepKind::Measure { .. }
            | StepKind::Choice { .. }
            | StepKind::Multi { .. }
            | StepKind::Text { .. }
            | StepKind::Scale { .. } => ("[", "]"),
        };
        let _ = writeln!(
            out,
            "    {}{}\"{}<br/><i>{}</i>\"{}",
            node(&step.id),
            shape.0,
            step.id,
            step.kind.name(),
            shape.1
        );
    }
    if let Some(person) = &flow.person {
        let _ = writeln!(out, "    any((\"any step\")) -. talk to a person .-> {}", node(person));
    }
    for step in &flow.steps {
        for (via, target) in step.kind.targets() {
            let to = match target {
                RESUME => "any".to_string(),
                RESTART => node(&flow.start),
                _ => node(target),
            };
            match via {
                Some(label) => {
                    let _ = writeln!(out, "    {} -- \"{}\" --> {}", node(&step.id), label.replace('"', "'"), to);
                }
                None => {
                    let _ = writeln!(out, "    {} --> {}", node(&step.id), to);
                }
            }
        }
    }
    let _ = writeln!(out, "    classDef start stroke-width:3px\n    class {} start", node(&flow.start));
    out
}
