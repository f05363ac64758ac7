//! Flow validation: one broken flow file per error, each error named exactly, with file, line
//! and step id; and `linkup flows check` exits non-zero with the same lines.

use std::path::Path;

use linkup::flow::load;
use linkup::flow::{check, engine};
use linkup::i18n::Locales;
use linkup::measures::Measures;
use linkup::problem::Problem;

use crate::support::{fixture, root};

/// The fixture words plus linkup's own messages, in a temporary locales folder.
fn fixture_locales() -> (tempfile::TempDir, Locales) {
    let dir = tempfile::tempdir().unwrap();
    let en = dir.path().join("en-GB");
    std::fs::create_dir_all(&en).unwrap();
    std::fs::copy(root().join("locales/en-GB/system.ftl"), en.join("system.ftl")).unwrap();
    std::fs::copy(fixture("locales/en-GB/fixture.ftl"), en.join("fixture.ftl")).unwrap();
    let (locales, problems) = Locales::load(dir.path());
    assert!(problems.is_empty(), "{problems:#?}");
    (dir, locales)
}

/// Every problem for one flow file, as printed.
fn problems(relative: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root().join(relative)).unwrap();
    let (_dir, locales) = fixture_locales();
    let found: Vec<Problem> = match load::parse(Path::new(relative), &text) {
        Ok(flow) => check::check(&[flow], &locales, &Measures::default()),
        Err(p) => p,
    };
    found.iter().map(ToString::to_string).collect()
}

#[test]
fn the_good_fixture_has_no_problems() {
    assert_eq!(problems("tests/fixtures/good.toml"), Vec::<String>::new());
}

#[test]
fn each_broken_flow_is_named_exactly() {
    let b = "tests/fixtures/broken";
    let cases: &[(&str, &[&str])] = &[
        ("unknown-target", &[r#"unknown-target.toml:7: ask: unknown target "nowhere""#]),
        ("unreachable", &[r#"unreachable.toml:20: lonely: unreachable: no step leads here"#]),
        (
            "no-way-out",
            &[
                r#"no-way-out.toml:14: loop: no way out: no path from here reaches a handoff or end step"#,
                r#"no-way-out.toml:20: loop2: no way out: no path from here reaches a handoff or end step"#,
            ],
        ),
        ("no-next", &[r#"no-next.toml:7: ask: no way out: an option has no `next` and the step has no `next`"#]),
        (
            "missing-message",
            &[r#"missing-message.toml:7: ask: message "not-in-any-locale" is missing from locale en-GB"#],
        ),
        ("duplicate-id", &[r#"duplicate-id.toml:16: ask: duplicate step id "ask""#]),
        (
            "long-payload",
            &[
                r#"long-payload.toml:7: ask: button payload "ask|no-i-would-rather-not-answer-this-question-right-now-thank-you" is 66 bytes; every channel takes 64 at most"#,
            ],
        ),
        (
            "side-unknown",
            &[
                r#"side-unknown.toml:16: done: unknown action "explode" (known: erase, pause, export, withdraw_consent, back_to_worker, to_bot, carry_on, begin_checkin, finish_checkin, chart, snooze, stop_checkins)"#,
                r#"side-unknown.toml:1: `commands`: unknown command "shout" (known: start, help, checkin, mydata, delete, stop, language, menu, back, restart, person)"#,
            ],
        ),
        (
            "side-hands-off",
            &[
                r#"side-hands-off.toml:21: fact: no step saves the answer "mood""#,
                r#"side-hands-off.toml:15: gone: a side flow neither hands off nor asks a flagged safety question: the self-referral does"#,
            ],
        ),
        (
            "action-in-main",
            &[r#"action-in-main.toml:14: wipe: action steps are for side flows (a flow with `commands`)"#],
        ),
        (
            "unknown-kind",
            &[
                r#"unknown-kind.toml:9: ask: unknown step kind "chioce" (known: message, choice, multi, text, scale, measure, action, branch, handoff, end)"#,
            ],
        ),
    ];
    let mut failures = Vec::new();
    for (name, want) in cases {
        let got = problems(&format!("{b}/{name}.toml"));
        let want: Vec<String> = want.iter().map(|w| format!("{b}/{w}")).collect();
        if got != want {
            failures.push(format!("{name}:\n  got  {got:#?}\n  want {want:#?}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn toml_mistakes_point_at_their_line() {
    let got = problems("tests/fixtures/broken/unknown-field.toml");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(got[0].starts_with("tests/fixtures/broken/unknown-field.toml:11: unknown field `sav`"), "{got:#?}");
    let got = problems("tests/fixtures/broken/syntax.toml");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(got[0].starts_with("tests/fixtures/broken/syntax.toml:13: "), "{got:#?}");
}

#[test]
fn the_real_content_is_clean_and_uses_every_engine_message() {
    let content = crate::support::content();
    let en = &content.locales.messages["en-GB"];
    for id in engine::SYSTEM_MESSAGES.iter().chain(linkup::answer::MESSAGES) {
        assert!(en.contains_key(*id), "{id} missing from en-GB");
    }
}

#[test]
fn flows_check_command_exits_non_zero_with_problem_lines() {
    let dir = tempfile::tempdir().unwrap();
    let flows = dir.path().join("flows");
    std::fs::create_dir_all(&flows).unwrap();
    std::fs::copy(fixture("broken/unknown-target.toml"), flows.join("broken.toml")).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_linkup"))
        .args(["flows", "check"])
        .current_dir(root())
        .env("LINKUP_FLOWS_DIR", &flows)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let want = format!("{}:7: ask: unknown target \"nowhere\"", flows.join("broken.toml").display());
    assert!(stdout.lines().any(|l| l == want), "{stdout}");

    let ok = std::process::Command::new(env!("CARGO_BIN_EXE_linkup"))
        .args(["flows", "check"])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stdout));
}

#[test]
fn flows_graph_prints_mermaid() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_linkup"))
        .args(["flows", "graph", "self-referral"])
        .current_dir(root())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(stdout.starts_with("flowchart TD\n"), "{stdout}");
    assert!(stdout.contains("s_contact_method -- \"phone\" --> s_phone_call"), "{stdout}");
    assert!(stdout.contains("s_age_check -- \"age_band\" --> s_name"), "{stdout}");
}
