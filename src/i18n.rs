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
    /// Every select expression on a variable: its name and its variants' keys, for checking
    /// plural forms.
    pub selects: Vec<(String, BTreeSet<String>)>,
}

/// Every locale's bundle plus what `flows check` needs to know about its messages.
pub struct Locales {
    bundles: HashMap<String, FluentBundle<FluentResource>>,
    /// Locales written right to left (Arabic).
    rtl: BTreeSet<String>,
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
        let mut locales = Locales {
            bundles: HashMap::new(),
            rtl: BTreeSet::new(),
            messages: BTreeMap::new(),
            dir: dir.to_path_buf(),
        };
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
            if langid.character_direction() == unic_langid::CharacterDirection::RTL {
                locales.rtl.insert(name.clone());
            }
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
                        let mut selects = Vec::new();
                        for p in m.value.iter().chain(m.attributes.iter().map(|a| &a.value)) {
                            pattern_variables(p, &mut variables);
                            pattern_selects(p, &mut selects);
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
                        infos.insert(id, MessageInfo { file: file.clone(), line, variables, selects });
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

    /// Whether `locale` is written right to left.
    pub fn is_rtl(&self, locale: &str) -> bool {
        self.rtl.contains(locale)
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
            return if self.rtl.contains(locale) { left_to_right_runs(&out) } else { out.into_owned() };
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
    /// locale's, then en-GB's: young people mix languages, and English words work everywhere.
    pub fn also(&self, locale: &str, id: &str) -> Vec<String> {
        let mut out = Vec::new();
        for name in self.with_english(locale) {
            for word in self.also_in(name, id) {
                if !out.contains(&word) {
                    out.push(word);
                }
            }
        }
        out
    }

    /// A message's `.also` words in `locale` alone, normalised.
    pub fn also_in(&self, locale: &str, id: &str) -> Vec<String> {
        let Some((bundle, message)) = self.bundles.get(locale).and_then(|b| b.get_message(id).map(|m| (b, m))) else {
            return vec![];
        };
        let Some(attribute) = message.get_attribute("also") else { return vec![] };
        let mut errors = Vec::new();
        let words = bundle.format_pattern(attribute.value(), None, &mut errors);
        words.split(',').map(crate::intent::normalise).filter(|s| !s.is_empty()).collect()
    }

    /// A comma-separated list message (such as `keywords-back`), lower-cased: the locale's
    /// words, then en-GB's.
    pub fn list(&self, locale: &str, id: &str) -> Vec<String> {
        let mut out = Vec::new();
        for name in self.with_english(locale) {
            for word in self.list_in(name, id) {
                if !out.contains(&word) {
                    out.push(word);
                }
            }
        }
        out
    }

    /// A comma-separated list message in `locale` alone (en-GB's if the locale lacks it): for
    /// lists whose order means something, such as `words-numbers`.
    pub fn list_in(&self, locale: &str, id: &str) -> Vec<String> {
        self.render(locale, &Text::new(id))
            .split(',')
            .map(|s| s.trim().to_lowercase())
            .filter(|s| !s.is_empty())
            .collect()
    }

    /// The locale, then en-GB if it is another.
    pub fn with_english<'a>(&self, locale: &'a str) -> Vec<&'a str> {
        if locale == FALLBACK { vec![FALLBACK] } else { vec![locale, FALLBACK] }
    }
}

/// Right-to-left text keeps left-to-right runs in order: the groups of a phone number stay
/// together ("0800 1111", not "1111 0800": a no-break space between digits joins them) and a
/// command keeps its slash in front ("/language": a left-to-right mark before it).
pub fn left_to_right_runs(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        match c {
            ' ' if before.is_some_and(|b| b.is_ascii_digit()) && after.is_some_and(|a| a.is_ascii_digit()) => {
                out.push('\u{A0}')
            }
            '/' if before.is_none_or(char::is_whitespace) && after.is_some_and(|a| a.is_ascii_alphabetic()) => {
                out.push('\u{200E}');
                out.push('/');
            }
            c => out.push(c),
        }
    }
    out
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

/// The select expressions in a pattern (nested ones too): the variable and the variant keys.
fn pattern_selects(pattern: &ast::Pattern<&str>, out: &mut Vec<(String, BTreeSet<String>)>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression: ast::Expression::Select { selector, variants } } = element {
            if let ast::InlineExpression::VariableReference { id } = selector {
                let keys = variants
                    .iter()
                    .map(|v| match &v.key {
                        ast::VariantKey::Identifier { name } => name.to_string(),
                        ast::VariantKey::NumberLiteral { value } => value.to_string(),
                    })
                    .collect();
                out.push((id.name.to_string(), keys));
            }
            for v in variants {
                pattern_selects(&v.value, out);
            }
        }
    }
}

/// The CLDR plural categories of a locale's cardinal numbers ("one", "few", "many", "other"
/// for Polish; six for Welsh and Arabic), as the locale's plural rules give them to whole
/// numbers up to 1,000 and to a fraction.
pub fn plural_categories(locale: &str) -> BTreeSet<&'static str> {
    let Ok(langid) = locale.parse::<LanguageIdentifier>() else { return BTreeSet::new() };
    let Ok(rules) = intl_pluralrules::PluralRules::create(langid, intl_pluralrules::PluralRuleType::CARDINAL) else {
        return BTreeSet::new();
    };
    let name = |c: intl_pluralrules::PluralCategory| match c {
        intl_pluralrules::PluralCategory::ZERO => "zero",
        intl_pluralrules::PluralCategory::ONE => "one",
        intl_pluralrules::PluralCategory::TWO => "two",
        intl_pluralrules::PluralCategory::FEW => "few",
        intl_pluralrules::PluralCategory::MANY => "many",
        intl_pluralrules::PluralCategory::OTHER => "other",
    };
    let whole = (0u32..=1000).filter_map(|n| rules.select(n).ok());
    whole.chain(rules.select("1.5").ok()).map(name).collect()
}

/// The names of plural categories, as Fluent variant keys.
pub const PLURAL_KEYS: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

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
