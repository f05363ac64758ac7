//! A language's safety rules (`flows/safety/<language>.toml`): categories, patterns, idioms to
//! ignore and the denial test, compiled once and checked with [`RuleSet::check`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use regex::{Regex, RegexSet};
use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::normalise::{self, variants};
use super::{Assessment, Finding};
use crate::problem::{Lines, Problem};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Answer at once with crisis contacts; the case goes to the top of the queue.
    Crisis,
    /// Flag for a link worker; the conversation carries on.
    Concern,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Crisis => "crisis",
            Level::Concern => "concern",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: String,
    pub level: Level,
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub category: String,
    pub regex: Regex,
    pub line: usize,
    /// Matched whatever the idioms and negations around it (medical emergencies: "hes not
    /// breathing" is not a denial, and no game or story makes it one).
    pub always: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Blank out only the words matched.
    Span,
    /// Skip the whole sentence for the listed categories.
    Sentence,
}

#[derive(Debug, Clone)]
pub struct Ignore {
    pub id: String,
    pub regex: Regex,
    pub scope: Scope,
    /// Categories this applies to; empty for all.
    pub categories: Vec<String>,
}

impl Ignore {
    fn applies_to(&self, category: &str) -> bool {
        self.categories.is_empty() || self.categories.iter().any(|c| c == category)
    }
}

#[derive(Debug, Clone)]
pub struct RuleSet {
    pub language: String,
    pub file: PathBuf,
    pub categories: Vec<Category>,
    pub rules: Vec<Rule>,
    pub ignores: Vec<Ignore>,
    denial: Regex,
    not_denial: Option<Regex>,
    /// Categories that share the same ignores share one masked text: per category, the index
    /// of its group; per group, the ignores that apply.
    mask_group: Vec<usize>,
    mask_groups: Vec<Vec<usize>>,
    /// Every ignore's pattern as one automaton: one pass tells which can change a sentence.
    /// (The rules stay one regex each: as one set they are too big to run fast.)
    ignore_set: RegexSet,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    language: String,
    denial: Spanned<String>,
    not_denial: Option<Spanned<String>>,
    #[serde(rename = "category")]
    categories: Vec<Category>,
    #[serde(rename = "rule", default)]
    rules: Vec<Spanned<RawRule>>,
    #[serde(rename = "ignore", default)]
    ignores: Vec<Spanned<RawIgnore>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: String,
    category: String,
    pattern: String,
    #[serde(default)]
    always: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIgnore {
    id: String,
    pattern: String,
    #[serde(default = "span")]
    scope: Scope,
    #[serde(default)]
    categories: Vec<String>,
}

fn span() -> Scope {
    Scope::Span
}

/// Regexes here run over short messages from untrusted people: keep their compiled size
/// bounded so a pattern mistake cannot make a message expensive.
fn compile(pattern: &str) -> Result<Regex, String> {
    regex::RegexBuilder::new(pattern).size_limit(20 << 20).build().map_err(|e| e.to_string())
}

/// The patterns as one set (each compiled alone already, so this only fails on size).
fn compile_set<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Result<RegexSet, String> {
    regex::RegexSetBuilder::new(patterns).size_limit(256 << 20).build().map_err(|e| e.to_string())
}

impl RuleSet {
    pub fn load(file: &Path) -> Result<RuleSet, Vec<Problem>> {
        let text = std::fs::read_to_string(file)
            .map_err(|e| vec![Problem::new(file, 0, None, format!("cannot read file: {e}"))])?;
        RuleSet::parse(file, &text)
    }

    pub fn parse(file: &Path, text: &str) -> Result<RuleSet, Vec<Problem>> {
        let lines = Lines::new(text);
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| lines.line(s.start)).unwrap_or(0);
            vec![Problem::new(file, line, None, e.message().trim().to_string())]
        })?;
        let mut problems = Vec::new();
        let mut regex = |pattern: &str, line: usize, id: Option<&str>| match compile(pattern) {
            Ok(r) => Some(r),
            Err(e) => {
                problems.push(Problem::new(file, line, id, format!("pattern does not compile: {e}")));
                None
            }
        };
        let denial = regex(raw.denial.get_ref(), lines.line(raw.denial.span().start), None);
        let not_denial = raw.not_denial.as_ref().and_then(|n| regex(n.get_ref(), lines.line(n.span().start), None));
        let mut rules = Vec::new();
        for r in raw.rules {
            let line = lines.line(r.span().start);
            let r = r.into_inner();
            if let Some(re) = regex(&r.pattern, line, Some(&r.id)) {
                rules.push(Rule { id: r.id, category: r.category, regex: re, line, always: r.always });
            }
        }
        let mut ignores = Vec::new();
        for i in raw.ignores {
            let line = lines.line(i.span().start);
            let i = i.into_inner();
            if let Some(re) = regex(&i.pattern, line, Some(&i.id)) {
                ignores.push((Ignore { id: i.id, regex: re, scope: i.scope, categories: i.categories }, line));
            }
        }
        let known: Vec<&str> = raw.categories.iter().map(|c| c.id.as_str()).collect();
        let mut ids = std::collections::HashSet::new();
        for r in &rules {
            if !known.contains(&r.category.as_str()) {
                problems.push(Problem::new(file, r.line, Some(&r.id), format!("unknown category \"{}\"", r.category)));
            }
            if !ids.insert(r.id.clone()) {
                problems.push(Problem::new(file, r.line, Some(&r.id), "duplicate rule id"));
            }
        }
        for (i, line) in &ignores {
            for c in &i.categories {
                if !known.contains(&c.as_str()) {
                    problems.push(Problem::new(file, *line, Some(&i.id), format!("unknown category \"{c}\"")));
                }
            }
        }
        for c in &raw.categories {
            if !rules.iter().any(|r| r.category == c.id) {
                problems.push(Problem::new(file, 0, None, format!("category \"{}\" has no rules", c.id)));
            }
        }
        let ignores: Vec<Ignore> = ignores.into_iter().map(|(i, _)| i).collect();
        let mut mask_groups: Vec<Vec<usize>> = Vec::new();
        let mut mask_group = Vec::new();
        for c in &raw.categories {
            let applying: Vec<usize> = (0..ignores.len()).filter(|&i| ignores[i].applies_to(&c.id)).collect();
            let group = match mask_groups.iter().position(|g| *g == applying) {
                Some(g) => g,
                None => {
                    mask_groups.push(applying);
                    mask_groups.len() - 1
                }
            };
            mask_group.push(group);
        }
        let ignore_set = match compile_set(ignores.iter().map(|i| i.regex.as_str())) {
            Ok(set) => set,
            Err(e) => {
                problems.push(Problem::new(file, 0, None, format!("the patterns together are too big: {e}")));
                return Err(problems);
            }
        };
        match (denial, problems.is_empty()) {
            (Some(denial), true) => Ok(RuleSet {
                language: raw.language,
                file: file.to_path_buf(),
                categories: raw.categories,
                rules,
                ignores,
                denial,
                not_denial,
                mask_group,
                mask_groups,
                ignore_set,
            }),
            _ => Err(problems),
        }
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// Everything `text` discloses, one finding per category, in category order.
    pub fn check(&self, text: &str) -> Assessment {
        let mut found: BTreeMap<usize, Finding> = BTreeMap::new();
        // Each sentence, and the whole message for what spans sentences ("its not her fault.
        // bye x"), each in both normal forms.
        let pieces: Vec<&str> = text.split(normalise::SENTENCE_ENDS).collect();
        let whole = (pieces.len() > 1).then_some(text);
        for plain in pieces.into_iter().chain(whole).flat_map(variants) {
            if plain.trim().is_empty() {
                continue;
            }
            // Per category, the sentence with its idioms blanked out (same length, so match
            // positions still point into `plain`); worked out only once a rule could match.
            let mut masked: Option<Vec<Option<String>>> = None;
            for (order, category) in self.categories.iter().enumerate() {
                // The first plain disclosure wins; a denial only if there is nothing else
                // ("im not suicidal but i want to kill myself" is not a denial).
                let mut best: Option<Finding> = None;
                'rules: for rule in self.rules.iter().filter(|r| r.category == category.id) {
                    // Blanking idioms only removes words: a rule that cannot match the sentence
                    // as typed cannot match it masked.
                    if !rule.regex.is_match(&plain) {
                        continue;
                    }
                    let text = if rule.always {
                        plain.as_str()
                    } else {
                        masked.get_or_insert_with(|| self.masks(&plain))[order].as_deref().unwrap_or_default()
                    };
                    for m in rule.regex.find_iter(text) {
                        let denial = !rule.always && self.is_denial(&text[..m.start()]);
                        if best.is_none() || !denial {
                            best = Some(Finding {
                                category: category.id.clone(),
                                level: category.level,
                                rule: rule.id.clone(),
                                matched: m.as_str().trim().to_string(),
                                denial,
                                tier: super::Tier::Rules,
                                score: None,
                                recent: None,
                            });
                        }
                        if !denial {
                            break 'rules;
                        }
                    }
                }
                // Across sentences too, keep the strongest per category.
                if let Some(finding) = best {
                    match found.get(&order) {
                        Some(existing) if !existing.denial || finding.denial => {}
                        _ => {
                            found.insert(order, finding);
                        }
                    }
                }
            }
        }
        Assessment { findings: found.into_values().collect(), unsure: None }
    }

    /// Per category (in order), the sentence with its ignored idioms blanked, or `None` when a
    /// sentence-wide ignore applies; worked out once for categories that share their ignores.
    pub fn masks(&self, plain: &str) -> Vec<Option<String>> {
        // Only the ignores that match the sentence as typed can change it.
        let present = self.ignore_set.matches(plain);
        let groups: Vec<Option<String>> = self
            .mask_groups
            .iter()
            .map(|ignores| {
                let here: Vec<usize> = ignores.iter().copied().filter(|&i| present.matched(i)).collect();
                self.mask_with(plain, &here)
            })
            .collect();
        self.mask_group.iter().map(|&g| groups[g].clone()).collect()
    }

    /// The sentence with only the ignores for every category applied (for what belongs to no
    /// one category, such as the learned tier's "any").
    pub fn mask_everywhere(&self, plain: &str) -> Option<String> {
        let everywhere: Vec<usize> =
            (0..self.ignores.len()).filter(|&i| self.ignores[i].categories.is_empty()).collect();
        self.mask_with(plain, &everywhere)
    }

    /// The sentence with the given ignores applied.
    fn mask_with(&self, plain: &str, ignores: &[usize]) -> Option<String> {
        let mut text = plain.to_string();
        for ignore in ignores.iter().map(|&i| &self.ignores[i]) {
            match ignore.scope {
                Scope::Sentence if ignore.regex.is_match(&text) => return None,
                Scope::Sentence => {}
                Scope::Span => {
                    let spans: Vec<(usize, usize)> =
                        ignore.regex.find_iter(&text).map(|m| (m.start(), m.end())).collect();
                    for (start, end) in spans {
                        text.replace_range(start..end, &" ".repeat(end - start));
                    }
                }
            }
        }
        Some(text)
    }

    /// Whether the words just before a match deny it ("im not going to").
    fn is_denial(&self, before: &str) -> bool {
        let words: Vec<&str> = before.split_whitespace().collect();
        let tail = format!(" {} ", words[words.len().saturating_sub(5)..].join(" "));
        self.denial.is_match(&tail) && !self.not_denial.as_ref().is_some_and(|n| n.is_match(&tail))
    }
}
