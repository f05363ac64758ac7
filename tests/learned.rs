//! The learned tier as CI holds it: rebuilt byte for byte from the repo's labelled data, and
//! its figures on batches it never saw kept from falling below those docs/safety.md reports.

use linkup::safety::{model, train};

use crate::support::{content, root};

/// The figures with batches held out in 4 groups (`linkup safety train --folds 4`), as
/// reported in docs/safety.md. A change that lowers any of them fails here; one that raises
/// them should raise these floors and the docs with them.
const ANY_FLAG: f64 = 0.955;
const CRISIS_OR_QUESTION: f64 = 0.941;
const PRECISION: f64 = 0.900;
const EACH_CRISIS_CATEGORY: f64 = 0.91;
const CONVERSATIONS_FLAGGED: usize = 214;
const CONVERSATIONS_WITH_RISK: usize = 220;
const CONVERSATION_FALSE_ALARMS: usize = 140;

#[test]
fn batches_held_out_keep_the_figures_the_docs_report() {
    let content = content();
    let rules = content.safety.rules_for("en-GB").unwrap();
    let settings = &content.safety.learned.as_ref().expect("the learned tier ships").settings;
    let categories: Vec<String> = rules.categories.iter().map(|c| c.id.clone()).collect();
    let files = train::data_files(&root().join("tests/safety")).unwrap();
    let examples = train::read_files(&files, &root(), &categories).unwrap();
    let held = train::held_out(rules, settings, &examples, Some(4), |_, _| {});
    let m = &held.messages;
    println!("{}\n{}", m.summary(), held.conversations.summary_line());
    assert!(
        m.disclosures >= 4000 && m.negatives >= 4000,
        "several thousand lines: {} / {}",
        m.disclosures,
        m.negatives
    );
    assert!(m.any_recall() >= ANY_FLAG, "any flag {:.4} < {ANY_FLAG}\n{}", m.any_recall(), m.summary());
    assert!(
        m.urgent_recall() >= CRISIS_OR_QUESTION,
        "crisis reply or question {:.4}\n{}",
        m.urgent_recall(),
        m.summary()
    );
    assert!(m.precision() >= PRECISION, "precision {:.4} < {PRECISION}\n{}", m.precision(), m.summary());
    for (category, c) in m.by_category.iter().filter(|(_, c)| c.crisis) {
        assert!(
            c.urgent_recall() >= EACH_CRISIS_CATEGORY,
            "{category}: crisis reply or question {:.4}\n{}",
            c.urgent_recall(),
            m.summary()
        );
    }
    let c = &held.conversations;
    assert_eq!(c.with_risk, CONVERSATIONS_WITH_RISK, "the conversation sets changed: update the floors");
    assert!(c.flagged >= CONVERSATIONS_FLAGGED, "{}", c.summary_line());
    assert!(c.false_alarms <= CONVERSATION_FALSE_ALARMS, "{}", c.summary_line());
}

#[test]
fn the_weights_are_rebuilt_byte_for_byte_by_safety_train() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("learned.bin");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_linkup"))
        .args(["safety", "train", "--no-held-out", "--out"])
        .arg(&out)
        .current_dir(root())
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.contains("training on") && stdout.contains("non-zero weights"), "{stdout}");
    let rebuilt = std::fs::read(&out).unwrap();
    let shipped = std::fs::read(root().join("flows/safety/learned.bin")).unwrap();
    assert!(
        rebuilt == shipped,
        "flows/safety/learned.bin is not what `linkup safety train` builds from tests/safety: run it and commit the result"
    );
}

#[test]
fn a_weights_file_trained_with_other_settings_is_refused_by_flows_check() {
    let dir = tempfile::tempdir().unwrap();
    let flows = dir.path().join("flows");
    std::fs::create_dir_all(flows.join("safety")).unwrap();
    std::fs::create_dir_all(flows.join("measures")).unwrap();
    for entry in std::fs::read_dir(root().join("flows/safety")).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, flows.join("safety").join(p.file_name().unwrap())).unwrap();
    }
    for entry in std::fs::read_dir(root().join("flows/measures")).unwrap() {
        let p = entry.unwrap().path();
        if p.is_file() {
            std::fs::copy(&p, flows.join("measures").join(p.file_name().unwrap())).unwrap();
        }
    }
    std::fs::copy(root().join("flows/self-referral.toml"), flows.join("self-referral.toml")).unwrap();
    let settings = flows.join("safety/learned.toml");
    let text = std::fs::read_to_string(&settings).unwrap().replace("epochs = 8", "epochs = 9");
    std::fs::write(&settings, text).unwrap();
    let (run, stdout) = flows_check(&flows);
    assert_eq!(run.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("learned.bin:0: learned.toml's [features] or [training] differ"), "{stdout}");
    // A threshold can change without a retrain.
    let text = std::fs::read_to_string(&settings)
        .unwrap()
        .replace("epochs = 9", "epochs = 8")
        .replace("suicide = { crisis = 0.9, ask = 0.34", "suicide = { crisis = 0.9, ask = 0.3");
    std::fs::write(&settings, text).unwrap();
    let (run, stdout) = flows_check(&flows);
    assert!(run.status.success() && stdout.contains(", a learned tier ("), "{stdout}");
    let broken = model::read_settings(&root().join("tests/fixtures/learned-bad.toml")).unwrap_err();
    assert!(broken.iter().any(|p| p.message.contains("thresholds.suicide.ask must be 0 to 1")), "{broken:?}");
}

#[test]
fn safety_eval_reads_conversations_and_prints_json() {
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_linkup"))
        .args(["safety", "eval", "--conversations", "tests/safety/batches/r2-conversations.conv"])
        .current_dir(root())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "{stdout}");
    let last = stdout.lines().last().unwrap();
    assert!(last.starts_with("conversations: flagged ") && last.contains(" of 40 with risk, false alarms "), "{last}");
    assert!(stdout.contains("[none] 6 messages: not flagged"), "{stdout}");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_linkup"))
        .args(["safety", "eval", "--json", "tests/safety/final.tsv"])
        .current_dir(root())
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON");
    assert_eq!(report["disclosures"], 132);
    assert!(report["cases"].as_array().unwrap().iter().all(|c| c["action"].is_string()));
    let check = std::process::Command::new(env!("CARGO_BIN_EXE_linkup"))
        .args(["safety", "check", "i wish i wasnt alive"])
        .current_dir(root())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert!(stdout.contains("tier learned") && stdout.contains("\tscore "), "{stdout}");
    assert!(stdout.contains("learned tier: danger "), "{stdout}");
}

/// `linkup flows check` on the flows in `flows`: how it ended, and what it printed.
fn flows_check(flows: &std::path::Path) -> (std::process::Output, String) {
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_linkup"))
        .args(["flows", "check"])
        .current_dir(root())
        .env("LINKUP_FLOWS_DIR", flows)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout).into_owned();
    (run, stdout)
}
