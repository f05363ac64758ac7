//! Crisis contacts (`flows/safety/contacts.toml`): who to call or text, for which ages, for
//! which categories, and when each was last checked.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::rules::{Level, RuleSet};
use crate::problem::{Lines, Problem};

/// Contacts last checked longer ago than this are reported by `flows check`.
pub const STALE_AFTER_DAYS: i64 = 183;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub id: String,
    pub name: String,
    /// Message id of the words, with `$number` and `$keyword`.
    pub message: String,
    pub number: String,
    #[serde(default)]
    pub keyword: String,
    /// Age-band option ids served; empty for everyone.
    #[serde(default)]
    pub ages: Vec<String>,
    /// Languages ("cy") whose speakers are given this contact (a helpline in their language);
    /// empty for everyone.
    #[serde(default)]
    pub languages: Vec<String>,
    /// `YYYY-MM-DD`.
    pub last_checked: String,
}

impl Contact {
    /// Whether to give this contact to someone in `age_band` (unknown age: everyone) who uses
    /// `locale` ("cy-GB").
    pub fn serves(&self, age_band: Option<&str>, locale: &str) -> bool {
        let ages = match age_band {
            Some(band) if !self.ages.is_empty() => self.ages.iter().any(|a| a == band),
            _ => true,
        };
        let language = locale.split(['-', '_']).next().unwrap_or_default();
        ages && (self.languages.is_empty() || self.languages.iter().any(|l| l.eq_ignore_ascii_case(language)))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(rename = "contact")]
    contacts: Vec<Contact>,
    #[serde(rename = "for")]
    routes: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Default)]
pub struct Contacts {
    pub file: PathBuf,
    pub contacts: Vec<Contact>,
    /// Category (or `denial`) → contact ids, in order.
    pub routes: BTreeMap<String, Vec<String>>,
}

impl Contacts {
    pub fn load(file: &Path) -> (Contacts, Vec<Problem>) {
        let text = match std::fs::read_to_string(file) {
            Ok(t) => t,
            Err(e) => {
                return (Contacts::default(), vec![Problem::new(file, 0, None, format!("cannot read contacts: {e}"))]);
            }
        };
        let raw: RawFile = match toml::from_str(&text) {
            Ok(r) => r,
            Err(e) => {
                let line = e.span().map(|s| Lines::new(&text).line(s.start)).unwrap_or(0);
                return (Contacts::default(), vec![Problem::new(file, line, None, e.message().trim().to_string())]);
            }
        };
        let mut problems = Vec::new();
        for c in &raw.contacts {
            if days_from_date(&c.last_checked).is_none() {
                problems.push(Problem::new(
                    file,
                    0,
                    Some(&c.id),
                    format!("last_checked must be a date like 2026-11-21, not {:?}", c.last_checked),
                ));
            }
        }
        for (category, ids) in &raw.routes {
            for id in ids {
                if !raw.contacts.iter().any(|c| &c.id == id) {
                    problems.push(Problem::new(file, 0, Some(category), format!("unknown contact \"{id}\"")));
                }
            }
        }
        if !raw.routes.contains_key("denial") {
            problems.push(Problem::new(file, 0, None, "[for] needs `denial`: the contacts given with a gentle reply"));
        }
        (Contacts { file: file.to_path_buf(), contacts: raw.contacts, routes: raw.routes }, problems)
    }

    /// Every crisis category of `rules` has contacts.
    pub fn check_categories(&self, rules: &RuleSet) -> Vec<Problem> {
        rules
            .categories
            .iter()
            .filter(|c| c.level == Level::Crisis && self.routes.get(&c.id).is_none_or(Vec::is_empty))
            .map(|c| {
                Problem::new(&self.file, 0, None, format!("[for] has no contacts for crisis category \"{}\"", c.id))
            })
            .collect()
    }

    /// The contacts for `category` (or `denial`) that serve `age_band` and `locale`, in order.
    pub fn for_category(&self, category: &str, age_band: Option<&str>, locale: &str) -> Vec<&Contact> {
        self.routes
            .get(category)
            .into_iter()
            .flatten()
            .filter_map(|id| self.contacts.iter().find(|c| &c.id == id))
            .filter(|c| c.serves(age_band, locale))
            .collect()
    }

    /// Contacts last checked more than [`STALE_AFTER_DAYS`] before `today` (days since 1970).
    pub fn stale(&self, today: i64) -> Vec<(&Contact, i64)> {
        self.contacts
            .iter()
            .filter_map(|c| days_from_date(&c.last_checked).map(|d| (c, today - d)))
            .filter(|(_, age)| *age > STALE_AFTER_DAYS)
            .collect()
    }
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date.
pub fn days_from_date(date: &str) -> Option<i64> {
    let mut parts = date.split('-');
    let (y, m, d): (i64, i64, i64) =
        (parts.next()?.parse().ok()?, parts.next()?.parse().ok()?, parts.next()?.parse().ok()?);
    if parts.next().is_some() || !(1..=12).contains(&m) || !(1..=31).contains(&d) || date.len() != 10 {
        return None;
    }
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates() {
        assert_eq!(super::days_from_date("1970-01-01"), Some(0));
        assert_eq!(super::days_from_date("2026-11-21"), Some(20_778));
        assert_eq!(super::days_from_date("2026-13-01"), None);
        assert_eq!(super::days_from_date("21/11/2026"), None);
    }
}
