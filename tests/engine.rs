//! The pure engine, by tables of cases: every step kind, and back, restart, help, talk to a
//! person, stale buttons, unknown commands and the states after the end.

use std::path::Path;

use linkup::flow::engine::{self, Answer, Command, Context, Effect, Input, Label, Outcome, State, Status};
use linkup::flow::{Flow, Settings, load};

const MINI: &str = r#"
[flow]
id = "mini"
start = "hello"
help = "help-text"
person = "person"
after_handoff = "after"
consent_version = "v1"

[[step]]
id = "hello"
kind = "message"
text = "m-hello"
next = "pick"

[[step]]
id = "pick"
kind = "choice"
text = "m-pick"
save = "pick"
options = [{ id = "a", label = "l-a" }, { id = "b", label = "l-b", next = "bye" }]
next = "many"

[[step]]
id = "many"
kind = "multi"
text = ["m-many-1", "m-many-2"]
save = "many"
min = 1
done = "l-done"
options = [{ id = "x", label = "l-x" }, { id = "y", label = "l-y" }]
next = "name"

[[step]]
id = "name"
kind = "text"
text = "m-name"
save = "name"
validate = "name"
max_len = 10
skip = "l-skip"
next = "score"

[[step]]
id = "score"
kind = "scale"
text = "m-score"
save = "score"
measure = "ons4"
item = "happy"
next = "route"

[[step]]
id = "route"
kind = "branch"
rules = [
    { answer = "many", in = ["y"], next = "handoff" },
    { answer = "name", present = true, next = "handoff" },
    { answer = "pick", in_setting = "eligible_age_bands", next = "handoff" },
]
otherwise = "bye"

[[step]]
id = "handoff"
kind = "handoff"
text = "m-done"

[[step]]
id = "bye"
kind = "end"
text = "m-bye"

[[step]]
id = "person"
kind = "choice"
text = "m-person"
save = "person"
options = [{ id = "now", label = "l-now", next = "early" }, { id = "later", label = "l-later", next = "@resume" }]

[[step]]
id = "early"
kind = "handoff"
partial = true
text = "m-done"
"#;

fn mini() -> Flow {
    load::parse(Path::new("mini.toml"), MINI).unwrap_or_else(|p| panic!("{p:#?}"))
}

fn settings() -> Settings {
    let mut s = Settings { response_days: 2, ..Settings::default() };
    s.lists.insert("eligible_age_bands".into(), vec!["a".into()]);
    s
}

/// Runs inputs from a new conversation; returns the last outcome.
fn run(flow: &Flow, inputs: &[Input]) -> Outcome {
    let settings = settings();
    let ctx = Context { now: 1, settings: &settings, reference: "LU-TEST", service: &[] };
    let mut state: Option<State> = None;
    let mut last = None;
    for input in inputs {
        let out = engine::step(flow, state.as_ref(), input, &ctx);
        state = Some(out.state.clone());
        last = Some(out);
    }
    last.expect("at least one input")
}

/// Message ids of every reply, bubble by bubble.
fn ids(out: &Outcome) -> Vec<String> {
    out.replies().flat_map(|r| r.texts.iter().map(|t| t.id.clone())).collect()
}

fn press(v: &str) -> Input {
    Input::Press(v.to_string())
}

fn text(v: &str) -> Input {
    Input::Text(v.to_string())
}

fn cmd(c: Command) -> Input {
    Input::Command(c)
}

/// Inputs that bring a new conversation to the `name` step with `many = [x]`.
fn to_name() -> Vec<Input> {
    vec![Input::Start, press("pick|a"), press("many|x"), press("many|#done")]
}

#[test]
fn table_of_cases() {
    let flow = mini();
    struct Case {
        name: &'static str,
        inputs: Vec<Input>,
        step: &'static str,
        status: Status,
        replies: &'static [&'static str],
    }
    let with = |extra: Vec<Input>| -> Vec<Input> { to_name().into_iter().chain(extra).collect() };
    let cases = vec![
        Case {
            name: "first contact shows the message then asks",
            inputs: vec![Input::Start],
            step: "pick",
            status: Status::Active,
            replies: &["m-hello", "m-pick"],
        },
        Case {
            name: "any first message starts the flow",
            inputs: vec![text("hi")],
            step: "pick",
            status: Status::Active,
            replies: &["m-hello", "m-pick"],
        },
        Case {
            name: "choice: a press goes to the step's next",
            inputs: vec![Input::Start, press("pick|a")],
            step: "many",
            status: Status::Active,
            replies: &["m-many-1", "m-many-2"],
        },
        Case {
            name: "choice: an option's own next wins",
            inputs: vec![Input::Start, press("pick|b")],
            step: "bye",
            status: Status::Ended,
            replies: &["m-bye"],
        },
        Case {
            name: "choice: text where a button is expected re-asks",
            inputs: vec![Input::Start, text("maybe")],
            step: "pick",
            status: Status::Active,
            replies: &["reask-choose-button", "m-pick"],
        },
        Case {
            name: "choice: an unknown option re-asks",
            inputs: vec![Input::Start, press("pick|zzz")],
            step: "pick",
            status: Status::Active,
            replies: &["reask-choose-button", "m-pick"],
        },
        Case {
            name: "a button from an earlier question is answered gently",
            inputs: vec![Input::Start, press("pick|a"), press("pick|b")],
            step: "many",
            status: Status::Active,
            replies: &["reask-old-button", "m-many-2"],
        },
        Case {
            name: "multi: Done with nothing ticked re-asks",
            inputs: vec![Input::Start, press("pick|a"), press("many|#done")],
            step: "many",
            status: Status::Active,
            replies: &["reask-pick-at-least", "m-many-2"],
        },
        Case {
            name: "multi: a tick redraws the buttons only",
            inputs: vec![Input::Start, press("pick|a"), press("many|x")],
            step: "many",
            status: Status::Active,
            replies: &["m-many-2"],
        },
        Case {
            name: "multi: Done with ticks moves on",
            inputs: to_name(),
            step: "name",
            status: Status::Active,
            replies: &["m-name"],
        },
        Case {
            name: "text: empty re-asks",
            inputs: with(vec![text("   ")]),
            step: "name",
            status: Status::Active,
            replies: &["reask-text-empty", "m-name"],
        },
        Case {
            name: "text: too long re-asks",
            inputs: with(vec![text("Bartholomew the Great")]),
            step: "name",
            status: Status::Active,
            replies: &["reask-text-too-long", "m-name"],
        },
        Case {
            name: "text: emoji only re-asks",
            inputs: with(vec![text("🙂🙂")]),
            step: "name",
            status: Status::Active,
            replies: &["reask-needs-words", "m-name"],
        },
        Case {
            name: "text: valid moves on",
            inputs: with(vec![text("Sam")]),
            step: "score",
            status: Status::Active,
            replies: &["m-score"],
        },
        Case {
            name: "text: skip moves on",
            inputs: with(vec![press("name|#skip")]),
            step: "score",
            status: Status::Active,
            replies: &["m-score"],
        },
        Case {
            name: "scale: out of range re-asks",
            inputs: with(vec![text("Sam"), text("11")]),
            step: "score",
            status: Status::Active,
            replies: &["reask-scale", "m-score"],
        },
        Case {
            name: "scale: negative re-asks",
            inputs: with(vec![text("Sam"), text("-1")]),
            step: "score",
            status: Status::Active,
            replies: &["reask-scale", "m-score"],
        },
        Case {
            name: "scale: words re-ask",
            inputs: with(vec![text("Sam"), text("seven")]),
            step: "score",
            status: Status::Active,
            replies: &["reask-scale", "m-score"],
        },
        Case {
            name: "scale and branch: a present answer hands off",
            inputs: with(vec![text("Sam"), text("7")]),
            step: "handoff",
            status: Status::HandedOff,
            replies: &["m-done"],
        },
        Case {
            name: "branch: a setting list matches",
            inputs: with(vec![press("name|#skip"), press("score|3")]),
            step: "handoff",
            status: Status::HandedOff,
            replies: &["m-done"],
        },
        Case {
            name: "help shows help then asks again",
            inputs: with(vec![cmd(Command::Help)]),
            step: "name",
            status: Status::Active,
            replies: &["help-text", "m-name"],
        },
        Case {
            name: "back goes to the previous question",
            inputs: with(vec![cmd(Command::Back)]),
            step: "many",
            status: Status::Active,
            replies: &["m-many-1", "m-many-2"],
        },
        Case {
            name: "back at the first question says so",
            inputs: vec![Input::Start, cmd(Command::Back)],
            step: "pick",
            status: Status::Active,
            replies: &["back-at-start", "m-pick"],
        },
        Case {
            name: "start again forgets and begins",
            inputs: with(vec![cmd(Command::Restart)]),
            step: "pick",
            status: Status::Active,
            replies: &["restarting", "m-hello", "m-pick"],
        },
        Case {
            name: "an unknown command re-asks",
            inputs: with(vec![cmd(Command::Unknown("pizza".into()))]),
            step: "name",
            status: Status::Active,
            replies: &["unknown-command", "m-name"],
        },
        Case {
            name: "/start mid-flow welcomes back",
            inputs: with(vec![Input::Start]),
            step: "name",
            status: Status::Active,
            replies: &["welcome-back", "m-name"],
        },
        Case {
            name: "talk to a person detours",
            inputs: with(vec![cmd(Command::Person)]),
            step: "person",
            status: Status::Active,
            replies: &["m-person"],
        },
        Case {
            name: "the detour resumes where it left",
            inputs: with(vec![cmd(Command::Person), press("person|later")]),
            step: "name",
            status: Status::Active,
            replies: &["m-name"],
        },
        Case {
            name: "the detour can hand off early",
            inputs: with(vec![cmd(Command::Person), press("person|now")]),
            step: "early",
            status: Status::HandedOff,
            replies: &["m-done"],
        },
        Case {
            name: "after the hand-off, messages are acknowledged",
            inputs: with(vec![text("Sam"), text("7"), text("thanks")]),
            step: "handoff",
            status: Status::HandedOff,
            replies: &["after"],
        },
        Case {
            name: "after the hand-off, help says what is true then (no back, no start again)",
            inputs: with(vec![text("Sam"), text("7"), cmd(Command::Help)]),
            step: "handoff",
            status: Status::HandedOff,
            replies: &["handed-off-help"],
        },
        Case {
            name: "after the hand-off, talk to a person says they are with the team already",
            inputs: with(vec![text("Sam"), text("7"), cmd(Command::Person)]),
            step: "handoff",
            status: Status::HandedOff,
            replies: &["handed-off-person"],
        },
        Case {
            name: "after the hand-off, back and start again cannot take the answers back",
            inputs: with(vec![text("Sam"), text("7"), cmd(Command::Back), cmd(Command::Restart)]),
            step: "handoff",
            status: Status::HandedOff,
            replies: &["handed-off-back"],
        },
        Case {
            name: "after an end, a message starts again",
            inputs: vec![Input::Start, press("pick|b"), text("hi")],
            step: "pick",
            status: Status::Active,
            replies: &["m-hello", "m-pick"],
        },
    ];
    let mut failures = Vec::new();
    for case in cases {
        let out = run(&flow, &case.inputs);
        let got = ids(&out);
        if out.state.step != case.step || out.state.status != case.status || got != case.replies {
            failures.push(format!(
                "{}: got step {} {:?} replies {:?}; want step {} {:?} replies {:?}",
                case.name, out.state.step, out.state.status, got, case.step, case.status, case.replies
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn answers_are_structured() {
    let flow = mini();
    let out = run(&flow, &[to_name(), vec![text("  Sam  "), press("score|7")]].concat());
    let a = &out.state.answers;
    assert_eq!(a["pick"], Answer::Choice { value: "a".into() });
    assert_eq!(a["many"], Answer::Multi { values: vec!["x".into()] });
    assert_eq!(a["name"], Answer::Text { value: "Sam".into(), kind: None });
    assert_eq!(a["score"], Answer::Scale { value: 7, measure: "ons4".into(), item: "happy".into() });
    assert_eq!(out.state.reference.as_deref(), Some("LU-TEST"));
    assert!(out.effects.contains(&Effect::HandOff { reference: "LU-TEST".into(), partial: false, consent: false }));
}

#[test]
fn multi_ticks_toggle_and_keep_option_order() {
    let flow = mini();
    let out = run(&flow, &[Input::Start, press("pick|a"), press("many|y"), press("many|x"), press("many|y")]);
    assert_eq!(out.state.selected, vec!["x"]);
    let reply = out.replies().next().unwrap();
    assert!(reply.update_previous);
    let ticked: Vec<bool> = reply.buttons.iter().map(|b| b.selected).collect();
    assert_eq!(ticked, vec![true, false, false], "x ticked, y not, Done never");
    let out = run(&flow, &[Input::Start, press("pick|a"), press("many|y"), press("many|x"), press("many|#done")]);
    assert_eq!(out.state.answers["many"], Answer::Multi { values: vec!["x".into(), "y".into()] });
}

#[test]
fn back_forgets_the_answer_it_returns_to() {
    let flow = mini();
    let out = run(&flow, &[to_name(), vec![cmd(Command::Back)]].concat());
    assert!(!out.state.answers.contains_key("many"));
    assert_eq!(out.state.answers["pick"], Answer::Choice { value: "a".into() });
    // And back again, to the very first question.
    let out = run(&flow, &[to_name(), vec![cmd(Command::Back), cmd(Command::Back)]].concat());
    assert_eq!(out.state.step, "pick");
    assert!(out.state.answers.is_empty());
}

#[test]
fn restart_forgets_everything() {
    let flow = mini();
    let out = run(&flow, &[to_name(), vec![cmd(Command::Restart)]].concat());
    assert!(out.state.answers.is_empty() && out.state.history.is_empty());
}

#[test]
fn buttons_carry_step_and_option() {
    let flow = mini();
    let out = run(&flow, &[Input::Start, press("pick|a")]);
    let reply = out.replies().last().unwrap();
    let payloads: Vec<&str> = reply.buttons.iter().map(|b| b.payload.as_str()).collect();
    assert_eq!(payloads, vec!["many|x", "many|y", "many|#done"]);
    let out = run(&flow, &with_score());
    let labels: Vec<Label> = out.replies().last().unwrap().buttons.iter().map(|b| b.label.clone()).collect();
    assert_eq!(labels.len(), 11);
    assert_eq!(labels[10], Label::Literal("10".into()));
}

fn with_score() -> Vec<Input> {
    [to_name(), vec![text("Sam")]].concat()
}

#[test]
fn the_engine_is_a_pure_function() {
    let flow = mini();
    let a = run(&flow, &with_score());
    let b = run(&flow, &with_score());
    assert_eq!(a, b);
}

/// The mini flow with an `ask` detour: a direct safety question whose buttons raise flags.
fn with_ask() -> Flow {
    let text = MINI.replace("person = \"person\"\n", "person = \"person\"\nask = \"ask\"\n").to_string()
        + r#"
[[step]]
id = "ask"
kind = "choice"
text = "m-ask"
save = "ask"
options = [
    { id = "yes", label = "l-yes", flag = "urgent", next = "@resume" },
    { id = "no", label = "l-no", flag = "noted", next = "@resume" },
    { id = "rather-not", label = "l-rather", flag = "review", next = "@resume" },
]
"#;
    load::parse(Path::new("mini.toml"), &text).unwrap_or_else(|p| panic!("{p:#?}"))
}

fn safeguards(out: &Outcome) -> Vec<(String, String, String)> {
    out.effects
        .iter()
        .filter_map(|e| match e {
            Effect::Safeguard { category, raise, answer, step } => {
                Some((category.clone(), format!("{raise:?}"), format!("{answer}@{step}")))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn the_ask_detour_asks_by_category_and_each_answer_raises_what_its_button_says() {
    let flow = with_ask();
    let ask = |extra: Vec<Input>| -> Vec<Input> {
        to_name().into_iter().chain([cmd(Command::Ask("self_harm".into()))]).chain(extra).collect()
    };
    // Asked: the question's words carry the category, and nothing is raised yet.
    let out = run(&flow, &ask(vec![]));
    assert_eq!((out.state.step.as_str(), out.state.asking.as_deref()), ("ask", Some("self_harm")));
    let question = out.replies().last().unwrap();
    assert_eq!(question.texts[0].id, "m-ask");
    assert!(question.texts[0].args.iter().any(|(n, v)| n == "category" && *v == engine::Arg::Str("self_harm".into())));
    assert!(safeguards(&out).is_empty());
    for (button, raise, answer) in [
        ("ask|yes", "Urgent", "yes@ask"),
        ("ask|no", "Noted", "no@ask"),
        ("ask|rather-not", "Review", "rather-not@ask"),
    ] {
        let out = run(&flow, &ask(vec![press(button)]));
        assert_eq!(safeguards(&out), [("self_harm".to_string(), raise.to_string(), answer.to_string())], "{button}");
        assert_eq!(
            (out.state.step.as_str(), out.state.asking.as_deref()),
            ("name", None),
            "{button}: back where they were"
        );
    }
    // Words, an old button or "back" are no answer: a review, and the interrupted question again.
    for other in [text("why do u ask"), press("pick|a"), cmd(Command::Back)] {
        let out = run(&flow, &ask(vec![other.clone()]));
        assert_eq!(safeguards(&out), [("self_harm".into(), "Review".into(), "no-answer@ask".into())], "{other:?}");
        assert_eq!(out.state.step, "name", "{other:?}");
        assert_eq!(ids(&out), ["m-name"], "{other:?}");
    }
    // Help is help, there too; and a first message can be a question before the welcome.
    let out = run(&flow, &ask(vec![cmd(Command::Help)]));
    assert_eq!((out.state.step.as_str(), ids(&out)), ("ask", vec!["help-text".to_string(), "m-ask".to_string()]));
    let out = run(&flow, &[cmd(Command::Ask("abuse".into()))]);
    assert_eq!((out.state.step.as_str(), out.state.resume.as_deref()), ("ask", Some("hello")));
    // After the hand-off nothing is asked (the shell flags the case instead).
    let done: Vec<Input> =
        to_name().into_iter().chain([press("name|#skip"), text("7"), cmd(Command::Ask("abuse".into()))]).collect();
    let out = run(&flow, &done);
    assert_eq!((out.state.status, out.replies().count()), (Status::HandedOff, 0));
}

const SIDE: &str = r#"
[flow]
id = "side"
start = "ask"
help = "help-text"
back = "kept"
commands = { delete = "ask" }

[[step]]
id = "ask"
kind = "choice"
text = "m-pick"
save = "ask"
options = [{ id = "yes", label = "l-a", next = "wipe" }, { id = "no", label = "l-b", next = "kept" }]

[[step]]
id = "wipe"
kind = "action"
action = "erase"
text = "m-hello"

[[step]]
id = "kept"
kind = "end"
text = "m-bye"
"#;

#[test]
fn an_action_step_names_its_action_before_its_words_and_back_at_the_start_goes_where_the_flow_says() {
    let flow = load::parse(Path::new("side.toml"), SIDE).expect("parses");
    assert!(flow.is_side() && flow.command_step("delete") == Some("ask"));
    let settings = settings();
    let ctx = Context { now: 1, settings: &settings, reference: "LU-TEST", service: &[] };
    // Entered by its command: the question, with its buttons.
    let asked = engine::enter_at(&flow, State::new(&flow, 1), "ask", &ctx);
    assert_eq!(ids(&asked), ["m-pick"]);
    let yes = engine::step(&flow, Some(&asked.state), &press("ask|yes"), &ctx);
    assert_eq!(yes.effects[0], Effect::Do(linkup::flow::Action::Erase), "{:?}", yes.effects);
    assert_eq!(ids(&yes), ["m-hello"]);
    assert_eq!(yes.state.status, Status::Ended, "an action with no next ends the flow");
    // "back" at the first question: the flow's `back` step, not "you are at the start".
    let back = engine::step(&flow, Some(&asked.state), &cmd(Command::Back), &ctx);
    assert_eq!(ids(&back), ["m-bye"]);
    assert!(back.effects.iter().all(|e| !matches!(e, Effect::Do(_))));
}

#[test]
fn a_measure_step_is_spelled_out_for_the_age_band_and_counts_its_questions() {
    let checkin = load::parse(
        Path::new("flows/checkin.toml"),
        &std::fs::read_to_string(crate::support::root().join("flows/checkin.toml")).unwrap(),
    )
    .unwrap();
    let (measures, problems) = linkup::measures::Measures::load(&crate::support::root().join("flows/measures"));
    assert!(problems.is_empty());
    let ons4 = &measures.instruments["ons4"];
    // Under 16: two questions, in the words for their age.
    let young = linkup::flow::measure::spell_out(&checkin, ons4, Some("13-15"), &[]);
    let scales: Vec<&str> = young
        .steps
        .iter()
        .filter(|s| matches!(s.kind, linkup::flow::StepKind::Scale { .. }))
        .map(|s| s.texts[1].as_str())
        .collect();
    assert_eq!(scales, ["young-life", "young-happy"]);
    // Carried on after one answer: the measure step leads to the next unanswered question.
    let older = linkup::flow::measure::spell_out(&checkin, ons4, Some("19-25"), &["life_satisfaction".to_string()]);
    assert!(
        matches!(&older.step("questions").unwrap().kind, linkup::flow::StepKind::Message { next } if next == "worthwhile")
    );
    // "Question 2 of 4": the scale questions answered on the way, plus one.
    let settings = settings();
    let ctx = Context { now: 1, settings: &settings, reference: "LU-TEST", service: &[] };
    let first = engine::enter_at(&older, State::new(&older, 1), "life_satisfaction", &ctx);
    let second = engine::step(&older, Some(&first.state), &press("life_satisfaction|7"), &ctx);
    let progress = second.replies().next().unwrap().texts[0].clone();
    assert_eq!(progress.id, "checkin-progress");
    assert!(progress.args.contains(&("question".to_string(), linkup::flow::engine::Arg::Num(2))), "{progress:?}");
    assert_eq!(
        second.state.answers["life_satisfaction"],
        Answer::Scale { value: 7, measure: "ons4".into(), item: "life_satisfaction".into() }
    );
}
