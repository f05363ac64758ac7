//! Checking flows against each other, the locales and the measures: everything `flows check`
//! reports beyond what loading a single file finds.

use std::collections::{BTreeSet, HashSet, VecDeque};

use super::engine::SYSTEM_MESSAGES;
use super::{Condition, Flow, RESTART, RESUME, Settings, StepKind, is_special};
use crate::channel::SHORTEST_CALLBACK;
use crate::i18n::{FALLBACK, Locales};
use crate::measures::Measures;
use crate::problem::Problem;

/// Every problem in the loaded flows, in file order.
pub fn check(flows: &[Flow], locales: &Locales, measures: &Measures) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut ids = HashSet::new();
    for flow in flows {
        if !ids.insert(flow.id.as_str()) {
            problems.push(Problem::new(
                &flow.file,
                flow.header_line,
                None,
                format!("duplicate flow id \"{}\"", flow.id),
            ));
        }
        check_flow(flow, locales, measures, &mut problems);
    }
    for flow in flows.iter().filter(|f| !f.is_side()) {
        for step in flow.steps.iter().filter(|s| matches!(s.kind, StepKind::Action { .. })) {
            problems.push(Problem::new(
                &flow.file,
                step.line,
                Some(&step.id),
                "action steps are for side flows (a flow with `commands`)".to_string(),
            ));
        }
    }
    // A side flow's button names its step alone, so no two side flows share a step id.
    let mut side_steps: HashSet<&str> = HashSet::new();
    for flow in flows.iter().filter(|f| f.is_side()) {
        for step in &flow.steps {
            if !side_steps.insert(step.id.as_str()) {
                problems.push(Problem::new(
                    &flow.file,
                    step.line,
                    Some(&step.id),
                    format!("step id \"{}\" is used by another side flow; a button could not tell them apart", step.id),
                ));
            }
            if matches!(step.kind, StepKind::HandOff { .. }) || super::engine::is_question(step) {
                problems.push(Problem::new(
                    &flow.file,
                    step.line,
                    Some(&step.id),
                    "a side flow neither hands off nor asks a flagged safety question: the self-referral does"
                        .to_string(),
                ));
            }
        }
    }
    check_locales(flows, locales, measures, &mut problems);
    problems
}

fn check_flow(flow: &Flow, locales: &Locales, measures: &Measures, problems: &mut Vec<Problem>) {
    let file = flow.file.as_path();
    let problem = |problems: &mut Vec<Problem>, line: usize, step: &str, message: String| {
        problems.push(Problem::new(file, line, Some(step), message));
    };
    // Targets.
    let commands = flow.commands.iter().map(|(name, step)| (name.as_str(), Some(step)));
    for (name, target) in [
        ("start", Some(&flow.start)),
        ("person", flow.person.as_ref()),
        ("safety", flow.safety.as_ref()),
        ("ask", flow.ask.as_ref()),
        ("back", flow.back.as_ref()),
    ]
    .into_iter()
    .chain(commands)
    {
        if let Some(t) = target
            && flow.step(t).is_none()
        {
            problems.push(Problem::new(file, flow.header_line, None, format!("`{name}` names unknown step \"{t}\"")));
        }
    }
    // The direct question asked when the safety check is unsure: buttons, each saying what it raises.
    // (It may be a branch, by age, to such questions.)
    if let Some(step) = flow.ask.as_ref().and_then(|a| flow.step(a)) {
        let questions: Vec<&super::Step> = match &step.kind {
            StepKind::Branch { .. } => step.kind.targets().iter().filter_map(|(_, t)| flow.step(t)).collect(),
            StepKind::Choice { .. }
            | StepKind::Multi { .. }
            | StepKind::Text { .. }
            | StepKind::Scale { .. }
            | StepKind::Measure { .. }
            | StepKind::Action { .. }
            | StepKind::Message { .. }
            | StepKind::HandOff { .. }
            | StepKind::End => vec![step],
        };
        let urgent = |s: &&super::Step| match &s.kind {
            StepKind::Choice { options, .. } => options.iter().any(|o| o.flag == Some(super::Raise::Urgent)),
            StepKind::Multi { .. }
            | StepKind::Text { .. }
            | StepKind::Scale { .. }
            | StepKind::Measure { .. }
            | StepKind::Action { .. }
            | StepKind::Message { .. }
            | StepKind::Branch { .. }
            | StepKind::HandOff { .. }
            | StepKind::End => false,
        };
        if !questions.iter().all(urgent) {
            problem(
                problems,
                step.line,
                &step.id,
                "the `ask` step must be a choice (or a branch to choices) with an option flagged \"urgent\" (the yes)"
                    .to_string(),
            );
        }
    }
    let asked: Vec<&str> = match flow.ask.as_ref().and_then(|a| flow.step(a)) {
        Some(step) => {
            std::iter::once(step.id.as_str()).chain(step.kind.targets().into_iter().map(|(_, t)| t)).collect()
        }
        None => vec![],
    };
    for step in &flow.steps {
        if super::engine::is_question(step) && step.category.is_none() && !asked.contains(&step.id.as_str()) {
            problem(
                problems,
                step.line,
                &step.id,
                "options have a `flag`, so the step needs the `category` they raise".to_string(),
            );
        }
        for (_, target) in step.kind.targets() {
            if target == RESUME {
                if flow.person.is_none() && flow.safety.is_none() && flow.ask.is_none() {
                    problem(
                        problems,
                        step.line,
                        &step.id,
                        format!(
                            "\"{RESUME}\" is only for the `person`, `safety` and `ask` detours, and this flow has none"
                        ),
                    );
                }
            } else if target != RESTART && flow.step(target).is_none() {
                problem(problems, step.line, &step.id, format!("unknown target \"{target}\""));
            }
        }
        // Payloads that every channel takes back (the strictest limit of them all).
        for payload in payloads(&step.id, &step.kind) {
            if payload.len() > SHORTEST_CALLBACK {
                problem(
                    problems,
                    step.line,
                    &step.id,
                    format!(
                        "button payload \"{payload}\" is {} bytes; every channel takes {SHORTEST_CALLBACK} at most",
                        payload.len()
                    ),
                );
            }
        }
        // Measures and settings.
        if let StepKind::Scale { measure, item, min, max, .. } = &step.kind {
            match measures.instruments.get(measure) {
                None => problem(problems, step.line, &step.id, format!("unknown measure \"{measure}\"")),
                Some(i) if i.item(item).is_none() => {
                    problem(problems, step.line, &step.id, format!("measure \"{measure}\" has no item \"{item}\""))
                }
                Some(i) if (i.min, i.max) != (*min, *max) => problem(
                    problems,
                    step.line,
                    &step.id,
                    format!("scale {min}–{max} does not match measure \"{measure}\" ({}–{})", i.min, i.max),
                ),
                Some(_) => {}
            }
        }
        if let StepKind::Branch { rules, .. } = &step.kind {
            for rule in rules {
                let fact = flow.is_side() && super::FACTS.contains(&rule.answer.as_str());
                if flow.step_saving(&rule.answer).is_none() && !fact {
                    problem(problems, step.line, &step.id, format!("no step saves the answer \"{}\"", rule.answer));
                }
                if let Condition::InSetting(name) = &rule.condition
                    && !Settings::LIST_NAMES.contains(&name.as_str())
                {
                    problem(
                        problems,
                        step.line,
                        &step.id,
                        format!("unknown setting \"{name}\" (known: {})", Settings::LIST_NAMES.join(", ")),
                    );
                }
            }
        }
        for field in &step.summary {
            if flow.step_saving(&field.answer).is_none() {
                problem(
                    problems,
                    step.line,
                    &step.id,
                    format!("summary: no step saves the answer \"{}\"", field.answer),
                );
            }
        }
    }
    // With a target unknown, reachability would only repeat that mistake in other words.
    let targets_known = flow.step(&flow.start).is_some()
        && [&flow.person, &flow.safety, &flow.ask, &flow.back].into_iter().flatten().all(|d| flow.step(d).is_some())
        && flow.commands.iter().all(|(_, s)| flow.step(s).is_some())
        && flow.steps.iter().all(|s| s.kind.targets().iter().all(|(_, t)| is_special(t) || flow.step(t).is_some()));
    if targets_known {
        check_paths(flow, problems);
    }
    // Message ids used by this flow, in every locale.
    for (line, step, id) in message_uses(flow) {
        for (locale, messages) in &locales.messages {
            if !messages.contains_key(id) && !measures.in_english(locale, id) {
                problems.push(Problem::new(
                    file,
                    line,
                    step,
                    format!("message \"{id}\" is missing from locale {locale}"),
                ));
            }
        }
    }
}

/// Every button payload a step can send.
fn payloads(step: &str, kind: &StepKind) -> Vec<String> {
    let p = |v: &str| format!("{step}|{v}");
    match kind {
        StepKind::Choice { options, .. } => options.iter().map(|o| p(&o.id)).collect(),
        StepKind::Multi { options, .. } => options.iter().map(|o| p(&o.id)).chain([p("#done")]).collect(),
        StepKind::Text { skip: Some(_), .. } => vec![p("#skip")],
        StepKind::Scale { min, max, .. } => (*min..=*max).map(|n| p(&n.to_string())).collect(),
        StepKind::Text { skip: None, .. }
        | StepKind::Measure { .. }
        | StepKind::Action { .. }
        | StepKind::Message { .. }
        | StepKind::Branch { .. }
        | StepKind::HandOff { .. }
        | StepKind::End => vec![],
    }
}

/// (line, step id, message id) for every message a flow shows.
pub fn message_uses(flow: &Flow) -> Vec<(usize, Option<&str>, &str)> {
    let mut out: Vec<(usize, Option<&str>, &str)> = Vec::new();
    if !flow.after_handoff.is_empty() {
        out.push((flow.header_line, None, flow.after_handoff.as_str()));
    }
    if let Some(h) = &flow.help {
        out.push((flow.header_line, None, h.as_str()));
    }
    for step in &flow.steps {
        let s = Some(step.id.as_str());
        out.extend(step.texts.iter().map(|t| (step.line, s, t.as_str())));
        out.extend(step.summary.iter().map(|f| (step.line, s, f.label.as_str())));
        match &step.kind {
            StepKind::Choice { options, .. } => out.extend(options.iter().map(|o| (o.line, s, o.label.as_str()))),
            StepKind::Multi { options, done, .. } => {
                out.extend(options.iter().map(|o| (o.line, s, o.label.as_str())));
                out.push((step.line, s, done.as_str()));
            }
            StepKind::Text { skip: Some(skip), .. } => out.push((step.line, s, skip.as_str())),
            StepKind::Scale { labels, .. } => out.extend(labels.iter().map(|l| (step.line, s, l.as_str()))),
            StepKind::Text { skip: None, .. }
            | StepKind::Measure { .. }
            | StepKind::Action { .. }
            | StepKind::Message { .. }
            | StepKind::Branch { .. }
            | StepKind::HandOff { .. }
            | StepKind::End => {}
        }
    }
    out
}

/// The engine's own messages exist everywhere; every locale has every en-GB message (but a
/// measure's validated wording only where it has an official translation), with the same
/// variables, and the plural forms its language needs.
fn check_locales(flows: &[Flow], locales: &Locales, measures: &Measures, problems: &mut Vec<Problem>) {
    let system: BTreeSet<&str> = SYSTEM_MESSAGES.iter().chain(crate::answer::MESSAGES).copied().collect();
    for (locale, messages) in &locales.messages {
        for id in &system {
            if !messages.contains_key(*id) {
                problems.push(Problem::new(
                    &locales.dir.join(locale),
                    0,
                    None,
                    format!("message \"{id}\" (used by linkup itself) is missing from locale {locale}"),
                ));
            }
        }
    }
    let Some(reference) = locales.messages.get(FALLBACK) else {
        return;
    };
    let used: BTreeSet<&str> = flows.iter().flat_map(|f| message_uses(f).into_iter().map(|(_, _, id)| id)).collect();
    for (locale, messages) in &locales.messages {
        check_plurals(locale, messages, problems);
        if locale == FALLBACK {
            continue;
        }
        // Missing: what the flows use is reported with the flow's line, linkup's own above.
        let missing: Vec<&str> = reference
            .keys()
            .map(String::as_str)
            .filter(|id| !messages.contains_key(*id) && !used.contains(id) && !system.contains(id))
            .filter(|id| !measures.in_english(locale, id))
            .collect();
        for id in missing {
            problems.push(Problem::new(
                &locales.dir.join(locale),
                0,
                None,
                format!("message \"{id}\" of {FALLBACK} is missing from locale {locale}"),
            ));
        }
        for (id, info) in messages.iter().filter(|(id, _)| measures.in_english(locale, id)) {
            problems.push(Problem::new(
                &info.file,
                info.line,
                None,
                format!(
                    "message \"{id}\" is a measure's validated wording, which has no official translation for \
                     {locale}: it is asked in English. Remove it, or add the language to the measure's \
                     `translated` once this is the official wording"
                ),
            ));
        }
        for (id, info) in messages {
            match reference.get(id) {
                Some(base) if base.variables != info.variables => problems.push(Problem::new(
                    &info.file,
                    info.line,
                    None,
                    format!(
                        "message \"{id}\" uses variables {:?} but {FALLBACK} uses {:?}",
                        info.variables, base.variables
                    ),
                )),
                None if !used.contains(id.as_str()) && !system.contains(id.as_str()) => problems.push(Problem::new(
                    &info.file,
                    info.line,
                    None,
                    format!("message \"{id}\" is not in {FALLBACK} (a typo, or left over?)"),
                )),
                _ => {}
            }
        }
    }
}

/// A select on a number ("[one] ... *[other]") has a variant for every plural category of
/// the locale's language: Welsh and Arabic have six, Polish and Ukrainian four.
fn check_plurals(
    locale: &str,
    messages: &std::collections::BTreeMap<String, crate::i18n::MessageInfo>,
    problems: &mut Vec<Problem>,
) {
    let needed = crate::i18n::plural_categories(locale);
    for (id, info) in messages {
        for (variable, keys) in &info.selects {
            let plural =
                keys.iter().all(|k| crate::i18n::PLURAL_KEYS.contains(&k.as_str()) || k.parse::<f64>().is_ok())
                    && keys.iter().any(|k| k != "other" && crate::i18n::PLURAL_KEYS.contains(&k.as_str()));
            if !plural {
                continue;
            }
            let missing: Vec<&str> = needed.iter().copied().filter(|c| !keys.contains(*c)).collect();
            if !missing.is_empty() {
                problems.push(Problem::new(
                    &info.file,
                    info.line,
                    None,
                    format!(
                        "message \"{id}\": ${variable} needs the plural forms of {locale} ({}); missing: {}",
                        needed.iter().copied().collect::<Vec<_>>().join(", "),
                        missing.join(", ")
                    ),
                ));
            }
        }
    }
}

/// Unreachable steps, and reachable steps from which no path reaches a hand-off or an end.
fn check_paths(flow: &Flow, problems: &mut Vec<Problem>) {
    let problem = |problems: &mut Vec<Problem>, line: usize, step: &str, message: String| {
        problems.push(Problem::new(&flow.file, line, Some(step), message));
    };
    // Reachability from the start (and the person detour, which any step can enter).
    let mut reachable = HashSet::new();
    let mut queue: VecDeque<&str> = VecDeque::from([flow.start.as_str()]);
    for detour in [&flow.person, &flow.safety, &flow.ask, &flow.back].into_iter().flatten() {
        queue.push_back(detour);
    }
    queue.extend(flow.commands.iter().map(|(_, s)| s.as_str()));
    while let Some(id) = queue.pop_front() {
        if !reachable.insert(id) {
            continue;
        }
        if let Some(step) = flow.step(id) {
            for (_, t) in step.kind.targets() {
                if !is_special(t) {
                    queue.push_back(t);
                }
            }
        }
    }
    // A side flow's steps can each be entered by a button that names them ("Delete my data").
    for step in flow.steps.iter().filter(|_| !flow.is_side()) {
        if !reachable.contains(step.id.as_str()) {
            problem(problems, step.line, &step.id, "unreachable: no step leads here".to_string());
        }
    }
    // A way out: from every step, some path reaches a hand-off or an end.
    let mut finishes: HashSet<&str> = flow.steps.iter().filter(|s| s.kind.finishes()).map(|s| s.id.as_str()).collect();
    loop {
        let before = finishes.len();
        for step in &flow.steps {
            if step.kind.targets().iter().any(|(_, t)| is_special(t) || finishes.contains(t)) {
                finishes.insert(step.id.as_str());
            }
        }
        if finishes.len() == before {
            break;
        }
    }
    for step in &flow.steps {
        if !finishes.contains(step.id.as_str()) && (reachable.contains(step.id.as_str()) || flow.is_side()) {
            problem(
                problems,
                step.line,
                &step.id,
                "no way out: no path from here reaches a handoff or end step".to_string(),
            );
        }
    }
}
