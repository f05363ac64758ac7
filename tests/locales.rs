//! Words: every locale defines every message the flows use with the same variables as en-GB,
//! and every en-GB message a young person reads is at Flesch–Kincaid grade 6 or below.

use std::collections::BTreeMap;

use linkup::flow::check::{self, message_uses};
use linkup::flow::engine::{Arg, SYSTEM_MESSAGES, Text};
use linkup::i18n::Locales;
use linkup::readability::flesch_kincaid_grade;

use crate::support::{content, root};

/// Every message id a young person can be shown: the flows' and linkup's own.
fn shown_ids() -> Vec<String> {
    let content = content();
    let mut ids: Vec<String> = content
        .flows
        .iter()
        .flat_map(|f| message_uses(f).into_iter().map(|(_, _, id)| id.to_string()))
        .chain(SYSTEM_MESSAGES.iter().chain(linkup::answer::MESSAGES).map(|s| s.to_string()))
        .chain(safety_ids(&content))
        .filter(|id| !id.starts_with("keywords-"))
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// The safety words: each crisis category's reply, each contact, and the notes.
fn safety_ids(content: &linkup::conversation::Content) -> Vec<String> {
    let rules = content.safety.rules_for("en-GB").unwrap();
    let mut ids: Vec<String> = rules
        .categories
        .iter()
        .filter(|c| c.level == linkup::safety::Level::Crisis)
        .map(|c| format!("safety-{}", c.id.replace('_', "-")))
        .collect();
    ids.extend(content.safety.contacts.contacts.iter().map(|c| c.message.clone()));
    ids.extend(["safety-flagged".to_string(), "safety-denial".to_string()]);
    ids.extend(linkup::conversation::PRIVACY_MESSAGES.iter().map(|s| s.to_string()));
    ids
}

#[test]
fn every_locale_has_every_message_with_the_same_variables() {
    let content = content();
    let en = &content.locales.messages["en-GB"];
    for (locale, messages) in &content.locales.messages {
        for id in shown_ids() {
            // A measure's validated wording is asked in English where it has no official
            // translation (ONS4 has Welsh): the locale must not have it.
            if content.measures.in_english(locale, &id) {
                assert!(!messages.contains_key(&id), "{locale} translates validated wording {id}");
                continue;
            }
            let info = messages.get(&id).unwrap_or_else(|| panic!("{locale} lacks {id}"));
            assert_eq!(info.variables, en[&id].variables, "{locale}: {id}");
        }
    }
    assert!(content.locales.messages.len() >= 5, "en-GB, cy, pl, uk and ar");
    assert!(content.measures.in_english("pl", "ons-life") && !content.measures.in_english("cy", "ons-life"));
}

#[test]
fn plural_forms_missing_and_validated_wording_translated_are_reported() {
    // Welsh with English's two plural forms, and Polish with ONS4's wording of its own.
    let dir = tempfile::tempdir().unwrap();
    let en_src = root().join("locales/en-GB");
    for name in ["en-GB", "cy", "pl"] {
        let to = dir.path().join(name);
        std::fs::create_dir_all(&to).unwrap();
        for entry in std::fs::read_dir(&en_src).unwrap() {
            let path = entry.unwrap().path();
            let mut text = std::fs::read_to_string(&path).unwrap();
            if name == "pl" {
                text = text
                    .lines()
                    .filter(|l| !l.starts_with("ons-") && !l.starts_with("age-ask"))
                    .collect::<Vec<_>>()
                    .join("\n");
                if path.ends_with("questions.ftl") {
                    text.push_str("\nons-life = Ogólnie, jak bardzo jesteś zadowolony ze swojego życia?\n");
                }
            }
            std::fs::write(to.join(path.file_name().unwrap()), text).unwrap();
        }
    }
    let real = content();
    let (locales, problems) = Locales::load(dir.path());
    assert!(problems.is_empty(), "{problems:#?}");
    let found: Vec<String> =
        check::check(&real.flows, &locales, &real.measures).iter().map(ToString::to_string).collect();
    let plural =
        found.iter().find(|p| p.contains(r#"message "reask-pick-at-least": $min needs the plural forms of cy"#));
    let plural = plural.unwrap_or_else(|| panic!("{found:#?}"));
    assert!(plural.ends_with("missing: few, many, two, zero"), "{plural}");
    assert!(!found.iter().any(|p| p.contains("plural forms of en-GB")), "{found:#?}");
    assert!(found.iter().any(|p| p.contains(r#"message "ons-life" is a measure's validated wording"#)), "{found:#?}");
    // Polish asks the other ONS questions in English: not missing. Its own words are.
    assert!(!found.iter().any(|p| p.contains(r#""ons-happy" is missing from locale pl"#)), "{found:#?}");
    assert!(found.iter().any(|p| p.contains(r#""age-ask" is missing from locale pl"#)), "{found:#?}");
    assert_eq!(linkup::i18n::plural_categories("ar").len(), 6);
    assert_eq!(linkup::i18n::plural_categories("pl").into_iter().collect::<Vec<_>>(), ["few", "many", "one", "other"]);
}

#[test]
fn a_locale_missing_a_message_or_changing_variables_is_reported() {
    // A Welsh folder made from en-GB with one message dropped and one variable renamed.
    let dir = tempfile::tempdir().unwrap();
    let en_src = root().join("locales/en-GB");
    for (name, edit) in [("en-GB", false), ("cy", true)] {
        let to = dir.path().join(name);
        std::fs::create_dir_all(&to).unwrap();
        for entry in std::fs::read_dir(&en_src).unwrap() {
            let path = entry.unwrap().path();
            let mut text = std::fs::read_to_string(&path).unwrap();
            if edit {
                text = text
                    .lines()
                    .filter(|l| !l.starts_with("age-ask ="))
                    .map(|l| l.replace("{ $reference }", "{ $ref }"))
                    .collect::<Vec<_>>()
                    .join("\n");
            }
            std::fs::write(to.join(path.file_name().unwrap()), text).unwrap();
        }
    }
    let real = content();
    let (locales, problems) = Locales::load(dir.path());
    assert!(problems.is_empty(), "{problems:#?}");
    let found: Vec<String> =
        check::check(&real.flows, &locales, &real.measures).iter().map(ToString::to_string).collect();
    assert!(found.iter().any(|p| p.ends_with(r#": age: message "age-ask" is missing from locale cy"#)), "{found:#?}");
    assert!(
        found
            .iter()
            .any(|p| p.contains(r#"message "handoff-done" uses variables {"ref"} but en-GB uses {"reference"}"#)),
        "{found:#?}"
    );
}

#[test]
fn a_new_locale_is_picked_by_language_code() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["en-GB", "cy"] {
        std::fs::create_dir_all(dir.path().join(name)).unwrap();
        std::fs::write(dir.path().join(name).join("a.ftl"), format!("hello = hello from {name}\n")).unwrap();
    }
    let (locales, _) = Locales::load(dir.path());
    assert_eq!(locales.pick(Some("cy")), "cy");
    assert_eq!(locales.pick(Some("cy-GB")), "cy");
    assert_eq!(locales.pick(Some("en")), "en-GB");
    assert_eq!(locales.pick(Some("fr")), "en-GB");
    assert_eq!(locales.pick(None), "en-GB");
    assert_eq!(locales.render("cy", &Text::new("hello")), "hello from cy");
}

#[derive(serde::Deserialize)]
struct AllowList {
    allow: Vec<Allowed>,
}

#[derive(serde::Deserialize)]
struct Allowed {
    id: String,
    why: String,
}

#[test]
fn young_people_read_at_grade_six_or_below() {
    let content = content();
    let allow: AllowList =
        toml::from_str(&std::fs::read_to_string(root().join("tests/readability-allow.toml")).unwrap()).unwrap();
    let allowed: BTreeMap<&str, &str> = allow.allow.iter().map(|a| (a.id.as_str(), a.why.as_str())).collect();
    assert!(allowed.values().all(|why| why.len() > 20), "every allowance needs a reason");
    let mut too_hard = Vec::new();
    let mut grades = Vec::new();
    let mut needed = std::collections::BTreeSet::new();
    for id in shown_ids() {
        let text = Text::new(id.as_str())
            .arg("reference", Arg::Str("LU-7K3Q".into()))
            .arg("response_days", Arg::Num(2))
            .arg("min", Arg::Num(0))
            .arg("max", Arg::Num(10))
            .arg("district", Arg::Str("M14".into()))
            .arg("number", Arg::Str("0800 1111".into()))
            .arg("keyword", Arg::Str("SHOUT".into()));
        let words = content.locales.render("en-GB", &text);
        // The grade is a measure of running text; for a label of a few words it says nothing
        // ("Family" alone is "grade 20"), so labels are held to fitting on a phone's button.
        if words.split_whitespace().count() < 5 {
            if words.split_whitespace().count() > 4 || words.chars().count() > 30 {
                too_hard.push(format!("{id}: too long for a button: {words}"));
            }
            continue;
        }
        let grade = flesch_kincaid_grade(&words);
        grades.push(grade);
        if grade > 6.0 {
            if allowed.contains_key(id.as_str()) {
                needed.insert(id.clone());
            } else {
                too_hard.push(format!("{id}: grade {grade:.1}: {words}"));
            }
        }
    }
    let mean = grades.iter().sum::<f64>() / grades.len() as f64;
    println!("{} messages of 5+ words, mean Flesch–Kincaid grade {mean:.1}", grades.len());
    assert!(too_hard.is_empty(), "above grade 6:\n{}", too_hard.join("\n"));
    let unneeded: Vec<&&str> = allowed.keys().filter(|id| !needed.contains(**id)).collect();
    assert!(unneeded.is_empty(), "allowed but no longer above grade 6 (remove them): {unneeded:?}");
}
