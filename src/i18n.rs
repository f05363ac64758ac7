//! Words: Fluent bundles per locale from `locales/<locale>/*.ftl`, with en-GB as the fallback.
//!
//! Also knows, for `flows check`, which message ids each locale defines, where, and with which
//! variables.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use unic_langid::LanguageIdentifier;

use crate::message::{Arg, Label, Text};
use crate::problem::{Lines, Problem, files_in};

pub const FALLBACK: &str = "en-GB";

/// Where a message is defined and which variables it uses.
#[derive(Debug, Clone)]
pub struct MessageInfo {
    pub file: PathBuf,
    pub line: usize,
    pub variables: BTreeSet<String>,
}

/// Every locale's bundle plus what `flows check` needs to know about its messages.
pub struct Locales {
    bundles: HashMap<String, FluentBundle<FluentResource>>,
    /// locale → message id → info
    pub messages: BTreeMap<String, BTreeMap<String, MessageInfo>>,
    pub dir: PathBuf,
}

impl std::fmt::Debug for Locales {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Locales").field("locales", &self.messages.keys().collect::<Vec<_>>()).finish()
    }
}

impl Locales {
    /// Loads every locale folder in `dir`. Problems (syntax errors, duplicate ids) are returned
    /// beside whatever could be loaded.
    pub fn load(dir: &Path) -> (Locales, Vec<Problem>) {
        let mut problems = Vec::new();
        let mut locales = Locales { bundles: HashMap::new(), messages: BTreeMap::new(), dir: dir.to_path_buf() };
        let mut folders: Vec<PathBuf> = match std::fs::read_dir(dir) {
            Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect(),
            Err(e) => {
                problems.push(Problem::new(dir, 0, None, format!("cannot read the locales folder: {e}")));
                return (locales, problems);
            }
        };
        folders.sort();
        for folder in folders {
            let name = folder.file_name().unwrap_or_default().to_string_lossy().to_string();
            let langid: LanguageIdentifier = match name.parse() {
                Ok(id) => id,
                Err(_) => {
                    problems.push(Problem::new(
                        &folder,
                        0,
                        None,
                        format!("\"{name}\" is not a language tag (e.g. en-GB, cy)"),
                    ));
                    continue;
                }
            };
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            // Isolation marks (U+2068/U+2069) would show up as odd characters in chats and terminals.
            bundle.set_use_isolating(false);
            let mut infos = BTreeMap::new();
            for file in files_in(&folder, "ftl").unwrap_or_default() {
                let text = match std::fs::read_to_string(&file) {
                    Ok(t) => t,
                    Err(e) => {
                        problems.push(Problem::new(&file, 0, None, format!("cannot read file: {e}")));
                        continue;
                    }
                };
                let lines = Lines::new(&text);
                let line_of = message_lines(&text);
                let resource = match FluentResource::try_new(text.clone()) {
                    Ok(r) => r,
                    Err((r, errors)) => {
                        for e in errors {
                            problems.push(Problem::new(
                                &file,
                                lines.line(e.pos.start),
                                None,
                                format!("Fluent syntax: {e}"),
                            ));
                        }
                        r
                    }
                };
                for entry in resource.entries() {
                    if let ast::Entry::Message(m) = entry {
                        let id = m.id.name.to_string();
                        let line = line_of.get(id.as_str()).copied().unwrap_or(0);
                        let mut variables = BTreeSet::new();
                        if let Some(p) = &m.value {
                            pattern_variables(p, &mut variables);
                        }
                        for a in &m.attributes {
                            pattern_variables(&a.value, &mut variables);
                        }
                        if let Some(previous) = infos.get(&id) {
                            let previous: &MessageInfo = previous;
                            problems.push(Problem::new(
                                &file,
                                line,
                                None,
                                format!(
                                    "message \"{id}\" is defined twice (also {}:{})",
                                    previous.file.display(),
                                    previous.line
                                ),
                            ));
                            continue;
                        }
                        infos.insert(id, MessageInfo { file: file.clone(), line, variables });
                    }
                }
                // Duplicates were reported above; add_resource_overriding keeps the bundle usable.
                bundle.add_resource_overriding(resource);
            }
            locales.bundles.insert(name.clone(), bundle);
            locales.messages.insert(name, infos);
        }
        if !locales.bundles.contains_key(FALLBACK) {
            problems.push(Problem::new(dir, 0, None, format!("the fallback locale {FALLBACK} is missing")));
        }
        (locales, problems)
    }

    /// The locale to use for a language code a device reports, such as "cy" or "en".
    pub fn pick(&self, code: Option<&str>) -> String {
        let Some(code) = code else {
            return FALLBACK.to_string();
        };
        if self.bundles.contains_key(code) {
            return code.to_string();
        }
        let language = code.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        let mut names: Vec<&String> = self.bundles.keys().collect();
        names.sort();
        names
            .into_iter()
            .find(|name| name.split('-').next().is_some_and(|l| l.eq_ignore_ascii_case(&language)))
            .cloned()
            .unwrap_or_else(|| FALLBACK.to_string())
    }

    /// `locale` if there are words for it, else the fallback (a stored locale whose folder was
    /// removed since).
    pub fn known(&self, locale: &str) -> String {
        if self.bundles.contains_key(locale) { locale.to_string() } else { FALLBACK.to_string() }
    }

    /// Renders a message, falling back to en-GB, then to the id itself (logged) so a missing
    /// word never stops a conversation.
    pub fn render(&self, locale: &str, text: &Text) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in &text.args {
            match value {
                Arg::Str(s) => args.set(name.as_str(), FluentValue::from(s.as_str())),
                Arg::Num(n) => args.set(name.as_str(), FluentValue::from(*n)),
            }
        }
        for name in [locale, FALLBACK] {
            let Some(bundle) = self.bundles.get(name) else {
                continue;
            };
            let Some(pattern) = bundle.get_message(&text.id).and_then(|m| m.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            let out = bundle.format_pattern(pattern, Some(&args), &mut errors);
            if !errors.is_empty() {
                tracing::warn!(message_id = %text.id, locale = name, ?errors, "message rendered with errors");
            }
            return out.into_owned();
        }
        tracing::error!(message_id = %text.id, locale, "message missing from every locale");
        text.id.clone()
    }

    pub fn label(&self, locale: &str, label: &Label) -> String {
        match label {
            Label::Msg(id) => self.render(locale, &Text::new(id.as_str())),
            Label::Literal(s) => s.clone(),
        }
    }

    /// Other ways of saying a button's label, from its `.also` attribute (comma-separated),
    /// normalised: `topic-friends = Friends` with `.also = mates, my friends`. The person's
    /// locale if it has the message, else en-GB's.
    pub fn also(&self, locale: &str, id: &str) -> Vec<String> {
        for name in [locale, FALLBACK] {
            let Some(message) = self.bundles.get(name).and_then(|b| b.get_message(id).map(|m| (b, m))) else {
                continue;
            };
            let (bundle, message) = message;
            let Some(attribute) = message.get_attribute("also") else {
                return vec![];
            };
            let mut errors = Vec::new();
            let out = bundle.format_pattern(attribute.value(), None, &mut errors);
            return out.split(',').map(crate::intent::normalise).filter(|s| !s.is_empty()).collect();
        }
        vec![]
    }

    /// A comma-separated list message (such as `keywords-back`), lower-cased.
    pub fn list(&self, locale: &str, id: &str) -> Vec<String> {
        self.render(locale, &Text::new(id))
            .split(',')
            .map(|s| s.trim().to_lowercase())
            .filter(|s| !s.is_empty())
            .collect()
    }
}

/// Line of each message definition (`id = ...` at the start of a line).
fn message_lines(text: &str) -> HashMap<&str, usize> {
    let mut out = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        if let Some((id, _)) = line.split_once('=') {
            let id = id.trim_end();
            if !id.is_empty()
                && id.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                out.entry(id).or_insert(i + 1);
            }
        }
    }
    out
}

fn pattern_variables(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Inline(inline) => inline_variables(inline, out),
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for v in variants {
                pattern_variables(&v.value, out);
            }
        }
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_variables(a, out);
            }
            for a in &arguments.named {
                inline_variables(&a.value, out);
            }
        }
        ast::InlineExpression::TermReference { arguments: Some(arguments), .. } => {
            for a in &arguments.positional {
                inline_variables(a, out);
            }
            for a in &arguments.named {
                inline_variables(&a.value, out);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, out),
        _ => {}
    }
}
