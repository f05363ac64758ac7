//! Reading flow files: TOML with spans, turned into [`Flow`]s, every problem tied to a line.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::{Choice, Condition, Flow, Raise, Rule, Step, StepKind, SummaryField, Validator};

use crate::problem::{Lines, Problem, files_in};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    flow: Spanned<RawHeader>,
    #[serde(default, rename = "step")]
    steps: Vec<Spanned<RawStep>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    id: String,
    start: Spanned<String>,
    #[serde(default)]
    description: Option<String>,
    help: Option<Spanned<String>>,
    person: Option<Spanned<String>>,
    safety: Option<Spanned<String>>,
    ask: Option<Spanned<String>>,
    #[serde(default)]
    after_handoff: Option<Spanned<String>>,
    #[serde(default)]
    consent_version: Option<String>,
    back: Option<Spanned<String>>,
    #[serde(default)]
    commands: Option<toml::Table>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    id: Spanned<String>,
    kind: Spanned<String>,
    text: Option<Spanned<toml::Value>>,
    summary: Option<Vec<Spanned<RawSummary>>>,
    save: Option<String>,
    next: Option<Spanned<String>>,
    options: Option<Vec<Spanned<RawOption>>>,
    columns: Option<usize>,
    done: Option<String>,
    min: Option<usize>,
    validate: Option<Spanned<String>>,
    max_len: Option<usize>,
    skip: Option<String>,
    measure: Option<String>,
    item: Option<String>,
    scale_min: Option<u8>,
    scale_max: Option<u8>,
    rules: Option<Vec<Spanned<RawRule>>>,
    otherwise: Option<Spanned<String>>,
    partial: Option<bool>,
    category: Option<String>,
    labels: Option<Vec<String>>,
    action: Option<Spanned<String>>,
    one_bubble: Option<bool>,
    careful: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    id: String,
    label: String,
    next: Option<String>,
    flag: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSummary {
    answer: String,
    label: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    answer: String,
    #[serde(rename = "in")]
    in_: Option<Vec<String>>,
    in_setting: Option<String>,
    present: Option<bool>,
    next: String,
}

/// Reads every `*.toml` directly in `dir` as a flow. Problems are collected, not fatal.
pub fn load_dir(dir: &Path) -> (Vec<Flow>, Vec<Problem>) {
    let mut flows = Vec::new();
    let mut problems = Vec::new();
    let files = match files_in(dir, "toml") {
        Ok(files) => files,
        Err(e) => {
            problems.push(Problem::new(dir, 0, None, format!("cannot read the flows folder: {e}")));
            return (flows, problems);
        }
    };
    if files.is_empty() {
        problems.push(Problem::new(dir, 0, None, "no flow files (*.toml) found"));
    }
    for file in files {
        match std::fs::read_to_string(&file) {
            Ok(text) => match parse(&file, &text) {
                Ok(flow) => flows.push(flow),
                Err(mut p) => problems.append(&mut p),
            },
            Err(e) => problems.push(Problem::new(&file, 0, None, format!("cannot read file: {e}"))),
        }
    }
    (flows, problems)
}

/// Parses one flow file. Returns every structural problem found (the graph and locale checks
/// live in [`super::check`]).
pub fn parse(file: &Path, text: &str) -> Result<Flow, Vec<Problem>> {
    let lines = Lines::new(text);
    let raw: RawFile = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            let line = e.span().map(|s| lines.line(s.start)).unwrap_or(0);
            let message = e.message().trim().to_string();
            return Err(vec![Problem::new(file, line, None, message)]);
        }
    };
    let mut problems = Vec::new();
    let header_line = lines.line(raw.flow.span().start);
    let header = raw.flow.into_inner();
    let mut steps = Vec::new();
    let mut index = HashMap::new();
    for raw_step in raw.steps {
        let step_line = lines.line(raw_step.span().start);
        let raw_step = raw_step.into_inner();
        let id = raw_step.id.get_ref().clone();
        let id_line = lines.line(raw_step.id.span().start);
        let mut ctx = StepCtx { file, lines: &lines, id: &id, line: step_line, problems: &mut problems };
        if id.is_empty() || id.starts_with('@') || id.contains('|') {
            ctx.problem(id_line, "a step id must not be empty, start with '@' or contain '|'");
            continue;
        }
        if index.contains_key(&id) {
            ctx.problem(id_line, format!("duplicate step id \"{id}\""));
            continue;
        }
        if let Some(step) = build_step(raw_step, &mut ctx) {
            index.insert(id, steps.len());
            steps.push(step);
        }
    }
    let mut commands = Vec::new();
    for (name, step) in header.commands.unwrap_or_default() {
        match step {
            toml::Value::String(step) if crate::command::Slash::named(&name).is_some() => commands.push((name, step)),
            toml::Value::String(_) => problems.push(Problem::new(
                file,
                header_line,
                None,
                format!("`commands`: unknown command \"{name}\" (known: {})", crate::command::Slash::names()),
            )),
            _ => problems.push(Problem::new(file, header_line, None, "`commands` maps a command's name to a step id")),
        }
    }
    let hands_off = steps.iter().any(|s: &Step| matches!(s.kind, StepKind::HandOff { .. }));
    if hands_off && (header.after_handoff.is_none() || header.consent_version.is_none()) {
        problems.push(Problem::new(
            file,
            header_line,
            None,
            "a flow with a handoff step needs `after_handoff` and `consent_version`",
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Flow {
        id: header.id,
        file: file.to_path_buf(),
        start_line: lines.line(header.start.span().start),
        start: header.start.into_inner(),
        help: header.help.map(Spanned::into_inner),
        person: header.person.map(Spanned::into_inner),
        safety: header.safety.map(Spanned::into_inner),
        ask: header.ask.map(Spanned::into_inner),
        after_handoff: header.after_handoff.map(Spanned::into_inner).unwrap_or_default(),
        consent_version: header.consent_version.unwrap_or_default(),
        back: header.back.map(Spanned::into_inner),
        commands,
        description: header.description,
        header_line,
        steps,
        index,
    })
}

struct StepCtx<'a> {
    file: &'a Path,
    lines: &'a Lines,
    id: &'a str,
    line: usize,
    problems: &'a mut Vec<Problem>,
}

impl StepCtx<'_> {
    fn problem(&mut self, line: usize, message: impl Into<String>) {
        self.problems.push(Problem::new(self.file, line, Some(self.id), message));
    }

    fn require<T>(&mut self, value: Option<T>, field: &str, kind: &str) -> Option<T> {
        if value.is_none() {
            let line = self.line;
            self.problem(line, format!("a {kind} step needs `{field}`"));
        }
        value
    }
}

fn build_step(raw: RawStep, ctx: &mut StepCtx<'_>) -> Option<Step> {
    let kind_line = ctx.lines.line(raw.kind.span().start);
    let kind_name = raw.kind.get_ref().clone();
    let texts = match raw.text {
        None => Vec::new(),
        Some(v) => {
            let line = ctx.lines.line(v.span().start);
            match v.into_inner() {
                toml::Value::String(s) => vec![s],
                toml::Value::Array(items) => {
                    let mut out = Vec::new();
                    for item in items {
                        match item {
                            toml::Value::String(s) => out.push(s),
                            _ => ctx.problem(line, "`text` must be a message id or a list of message ids"),
                        }
                    }
                    out
                }
                _ => {
                    ctx.problem(line, "`text` must be a message id or a list of message ids");
                    Vec::new()
                }
            }
        }
    };
    let summary = raw
        .summary
        .unwrap_or_default()
        .into_iter()
        .map(|s| {
            let s = s.into_inner();
            SummaryField { answer: s.answer, label: s.label }
        })
        .collect();
    let options = |ctx: &mut StepCtx<'_>, raw: Option<Vec<Spanned<RawOption>>>| -> Option<Vec<Choice>> {
        let raw = ctx.require(raw, "options", &kind_name)?;
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        for o in raw {
            let line = ctx.lines.line(o.span().start);
            let o = o.into_inner();
            if o.id.is_empty() || o.id.starts_with('#') || o.id.contains('|') {
                ctx.problem(line, format!("option id \"{}\" must not be empty, start with '#' or contain '|'", o.id));
            }
            if !seen.insert(o.id.clone()) {
                ctx.problem(line, format!("duplicate option id \"{}\"", o.id));
            }
            let flag = match o.flag.as_deref() {
                None => None,
                Some(f) => match Raise::parse(f) {
                    Some(r) => Some(r),
                    None => {
                        ctx.problem(line, format!("unknown flag \"{f}\" (known: {})", Raise::NAMES));
                        None
                    }
                },
            };
            out.push(Choice { id: o.id, label: o.label, next: o.next, line, flag });
        }
        if out.is_empty() {
            let line = ctx.line;
            ctx.problem(line, "a step with options needs at least one option");
        }
        Some(out)
    };
    let next = raw.next.map(Spanned::into_inner);
    let has_next = next.is_some();
    let kind = match kind_name.as_str() {
        "message" => StepKind::Message { next: ctx.require(next, "next", "message")? },
        "choice" => {
            let save = ctx.require(raw.save, "save", "choice")?;
            let options = options(ctx, raw.options)?;
            if next.is_none() && options.iter().any(|o| o.next.is_none()) {
                let line = ctx.line;
                ctx.problem(line, "no way out: an option has no `next` and the step has no `next`");
            }
            StepKind::Choice { save, options, next, columns: raw.columns.unwrap_or(1).max(1) }
        }
        "multi" => {
            let save = ctx.require(raw.save, "save", "multi")?;
            let options = options(ctx, raw.options)?;
            StepKind::Multi {
                save,
                options,
                done: ctx.require(raw.done, "done", "multi")?,
                min: raw.min.unwrap_or(0),
                next: ctx.require(next, "next", "multi")?,
                columns: raw.columns.unwrap_or(1).max(1),
            }
        }
        "text" => {
            let save = ctx.require(raw.save, "save", "text")?;
            let validate = match raw.validate {
                None => Validator::Words,
                Some(v) => {
                    let line = ctx.lines.line(v.span().start);
                    match Validator::parse(v.get_ref()) {
                        Some(val) => val,
                        None => {
                            ctx.problem(
                                line,
                                format!("unknown validator \"{}\" (known: {})", v.get_ref(), Validator::NAMES),
                            );
                            return None;
                        }
                    }
                }
            };
            StepKind::Text {
                save,
                validate,
                max_len: raw.max_len.unwrap_or(1000).clamp(1, 4000),
                skip: raw.skip,
                next: ctx.require(next, "next", "text")?,
            }
        }
        "scale" => {
            let (min, max) = (raw.scale_min.unwrap_or(0), raw.scale_max.unwrap_or(10));
            if min >= max {
                let line = ctx.line;
                ctx.problem(line, "`scale_min` must be below `scale_max`");
            }
            let labels = raw.labels.unwrap_or_default();
            if !labels.is_empty() && labels.len() != usize::from(max.saturating_sub(min)) + 1 {
                let line = ctx.line;
                ctx.problem(line, "`labels` needs one message id per score, from `scale_min` to `scale_max`");
            }
            StepKind::Scale {
                save: ctx.require(raw.save, "save", "scale")?,
                measure: ctx.require(raw.measure, "measure", "scale")?,
                item: ctx.require(raw.item, "item", "scale")?,
                min,
                max,
                labels,
                next: ctx.require(next, "next", "scale")?,
            }
        }
        "measure" => StepKind::Measure { next: ctx.require(next, "next", "measure")? },
        "action" => {
            let action = ctx.require(raw.action, "action", "action")?;
            let line = ctx.lines.line(action.span().start);
            match super::Action::parse(action.get_ref()) {
                Some(action) => StepKind::Action { action, next },
                None => {
                    let known = super::Action::names();
                    ctx.problem(line, format!("unknown action \"{}\" (known: {known})", action.get_ref()));
                    return None;
                }
            }
        }
        "branch" => {
            let mut rules = Vec::new();
            for r in raw.rules.unwrap_or_default() {
                let line = ctx.lines.line(r.span().start);
                let r = r.into_inner();
                let condition = match (r.in_, r.in_setting, r.present) {
                    (Some(list), None, None) => Condition::In(list),
                    (None, Some(name), None) => Condition::InSetting(name),
                    (None, None, Some(true)) => Condition::Present,
                    _ => {
                        ctx.problem(line, "a rule needs exactly one of `in`, `in_setting` or `present = true`");
                        continue;
                    }
                };
                rules.push(Rule { answer: r.answer, condition, next: r.next });
            }
            let otherwise = ctx.require(raw.otherwise.map(Spanned::into_inner), "otherwise", "branch")?;
            StepKind::Branch { rules, otherwise }
        }
        "handoff" => StepKind::HandOff { partial: raw.partial.unwrap_or(false) },
        "end" => StepKind::End,
        other => {
            ctx.problem(
                kind_line,
                format!(
                    "unknown step kind \"{other}\" (known: message, choice, multi, text, scale, measure, action, branch, handoff, end)"
                ),
            );
            return None;
        }
    };
    if matches!(kind, StepKind::HandOff { .. } | StepKind::End) && has_next {
        let line = ctx.line;
        ctx.problem(line, format!("a {kind_name} step ends the conversation and cannot have `next`"));
    }
    if let StepKind::Multi { options, .. } = &kind
        && options.iter().any(|o| o.flag.is_some())
    {
        let line = ctx.line;
        ctx.problem(line, "only a choice step's options can have a `flag`");
    }
    Some(Step {
        id: ctx.id.to_string(),
        line: ctx.line,
        texts,
        summary,
        category: raw.category,
        one_bubble: raw.one_bubble.unwrap_or(false),
        careful: raw.careful.unwrap_or(false),
        kind,
    })
}
