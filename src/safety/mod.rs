//! Safeguarding: every free-text message is checked for crisis and safeguarding signs before
//! the flow sees it. Rules and contacts are data (`flows/safety/`), per language.
//!
//! - [`normalise`]: one plain form for the many ways a thing is typed.
//! - [`rules`]: loading and checking a language's rules; [`RuleSet::check`] finds what a
//!   message discloses.
//! - [`contacts`]: UK crisis contacts with a "last checked" date, and which to give for what.

pub mod contacts;
pub mod eval;
pub mod normalise;
pub mod rules;

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

pub use contacts::Contacts;
pub use rules::{Level, RuleSet};

use crate::flow::load::{Problem, files_in};

/// What one rule found in a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub category: String,
    pub level: Level,
    pub rule: String,
    /// The normalised words the rule matched.
    pub matched: String,
    /// Said as a denial ("I'm not going to hurt myself"): shown to a link worker, gently,
    /// without the full crisis reply.
    pub denial: bool,
}

/// Everything a message disclosed, most urgent first (category order in the rules file).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Assessment {
    pub findings: Vec<Finding>,
}

impl Assessment {
    /// The crisis to answer now: the first crisis finding that is not a denial.
    pub fn crisis(&self) -> Option<&Finding> {
        self.findings.iter().find(|f| f.level == Level::Crisis && !f.denial)
    }

    pub fn is_empty(&self) -> bool {
        self.findings.is_empty()
    }

    pub fn categories(&self) -> Vec<&str> {
        self.findings.iter().map(|f| f.category.as_str()).collect()
    }
}

/// Rules per language plus contacts: everything the safety check needs.
#[derive(Debug)]
pub struct Safety {
    /// By language subtag ("en").
    pub rules: BTreeMap<String, RuleSet>,
    pub contacts: Contacts,
}

impl Safety {
    /// Reads `dir` (`flows/safety`): `contacts.toml` and one `<language>.toml` per language.
    pub fn load(dir: &Path) -> (Safety, Vec<Problem>) {
        let mut problems = Vec::new();
        let mut rules = BTreeMap::new();
        let (contacts, mut contact_problems) = Contacts::load(&dir.join("contacts.toml"));
        problems.append(&mut contact_problems);
        match files_in(dir, "toml") {
            Ok(files) => {
                for file in files.into_iter().filter(|p| !p.ends_with("contacts.toml")) {
                    match RuleSet::load(&file) {
                        Ok(set) => {
                            problems.extend(contacts.check_categories(&set));
                            rules.insert(set.language.clone(), set);
                        }
                        Err(mut p) => problems.append(&mut p),
                    }
                }
            }
            Err(e) => problems.push(Problem::new(dir, 0, None, format!("cannot read the safety folder: {e}"))),
        }
        if !rules.contains_key("en") {
            problems.push(Problem::new(dir, 0, None, "safety rules for English (en.toml) are missing"));
        }
        (Safety { rules, contacts }, problems)
    }

    /// The rules for a locale ("cy-GB" → "cy"), falling back to English.
    pub fn rules_for(&self, locale: &str) -> Option<&RuleSet> {
        let language = locale.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        self.rules.get(&language).or_else(|| self.rules.get("en"))
    }

    /// Checks a message with the rules for `locale`.
    pub fn check(&self, locale: &str, text: &str) -> Assessment {
        self.rules_for(locale).map(|r| r.check(text)).unwrap_or_default()
    }
}
