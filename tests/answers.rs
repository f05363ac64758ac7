//! What typed lines mean at each question: labels in any case, numbers, keywords and commands.

use linkup::flow::engine::{self, Command, Context, Input, State};
use linkup::intent::{Incoming, interpret};

use crate::support::content;

/// The state after `presses` from the start of the real flow.
fn at(presses: &[&str]) -> State {
    let content = content();
    let flow = content.flow("self-referral").unwrap();
    let settings = linkup::config::Config::default().settings();
    let ctx = Context { now: 0, settings: &settings, reference: "LU-TEST", service: &[] };
    let mut state = engine::step(flow, None, &Input::Start, &ctx).state;
    for p in presses {
        state = engine::step(flow, Some(&state), &Input::Press(p.to_string()), &ctx).state;
    }
    state
}

fn means(state: &State, typed: &str) -> Vec<Input> {
    let content = content();
    let flow = content.flow("self-referral").unwrap();
    interpret(&Incoming::Text(typed.into()), flow, Some(state), &content.locales, "en-GB")
}

fn press(p: &str) -> Vec<Input> {
    vec![Input::Press(p.into())]
}

#[test]
fn typed_lines_mean_what_a_young_person_expects() {
    let welcome = at(&[]);
    let age = at(&["welcome|yes"]);
    let topics = at(&["welcome|yes", "age|16-18"]);
    let topics = {
        // Name and area are typed; go straight to topics by setting the step.
        let mut s = topics.clone();
        s.step = "topics".into();
        s
    };
    let scale = {
        let mut s = age.clone();
        s.step = "ons-life".into();
        s
    };
    let cases: Vec<(&State, &str, Vec<Input>)> = vec![
        (&welcome, "yes, let's go", press("welcome|yes")),
        (&welcome, "YES LETS GO", press("welcome|yes")),
        (&welcome, "  Not Now!! ", press("welcome|no")),
        (&welcome, "2", press("welcome|no")),
        (&welcome, "yes", press("welcome|yes")),
        (&welcome, "Yes!", press("welcome|yes")),
        (&welcome, "not", press("welcome|no")),
        (&welcome, "y", vec![Input::Text("y".into())]),
        (&welcome, "3", vec![Input::Text("3".into())]),
        (&welcome, "0", vec![Input::Text("0".into())]),
        (&age, "16-18", press("age|16-18")),
        (&age, "16–18", press("age|16-18")),
        (&age, "under 11", press("age|under-11")),
        (&age, "1 2", vec![Input::Text("1 2".into())]),
        (
            &topics,
            "1, 3 5",
            vec![
                Input::Press("topics|school".into()),
                Input::Press("topics|family".into()),
                Input::Press("topics|worried-low".into()),
            ],
        ),
        (&topics, "done", press("topics|#done")),
        (&topics, "Done ✅", press("topics|#done")),
        (&topics, "feeling lonely", press("topics|lonely")),
        (&topics, "feeling", vec![Input::Text("feeling".into())]),
        (&topics, "1 99", vec![Input::Text("1 99".into())]),
        (&scale, "7", press("ons-life|7")),
        (&scale, "10", press("ons-life|10")),
        (&scale, "11", vec![Input::Text("11".into())]),
        (&age, "back", vec![Input::Command(Command::Back)]),
        (&age, "Go back", vec![Input::Command(Command::Back)]),
        (&age, "start again", vec![Input::Command(Command::Restart)]),
        (&age, "HELP", vec![Input::Command(Command::Help)]),
        (&age, "help me", vec![Input::Text("help me".into())]),
        (&age, "talk to a person", vec![Input::Command(Command::Person)]),
        (&age, "/help@linkup_bot", vec![Input::Command(Command::Help)]),
        (&age, "/start", vec![Input::Start]),
        (&age, "/pizza", vec![Input::Command(Command::Unknown("pizza".into()))]),
    ];
    let mut failures = Vec::new();
    for (state, typed, want) in cases {
        let got = means(state, typed);
        if got != want {
            failures.push(format!("{typed:?} at {}: got {got:?}, want {want:?}", state.step));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// The engine says at the hand-off whether consent was given and check-ins were wanted, so
/// the conversation never reads the answers back.
#[test]
fn the_hand_off_carries_consent_and_asks_for_check_ins() {
    use engine::Effect;
    let content = content();
    let flow = content.flow("self-referral").unwrap();
    let settings = linkup::config::Config::default().settings();
    let ctx = Context { now: 0, settings: &settings, reference: "LU-TEST", service: &[] };
    let journey = |checkins: &str| {
        let inputs: Vec<Input> = [
            "welcome|yes",
            "age|16-18",
            "Sam",
            "M14",
            "topics|school",
            "topics|#done",
            "I want to make friends",
            "interests|music",
            "interests|#done",
            "ons-life|6",
            "ons-worthwhile|7",
            "ons-happy|5",
            "ons-anxious|3",
            "safety-screen-older|no",
            "help|talk",
            "help|#done",
            "contact-method|chat",
            "contact-times|evenings",
            "contact-times|#done",
            checkins,
            "summary|yes",
        ]
        .iter()
        .map(|s| if s.contains('|') { Input::Press(s.to_string()) } else { Input::Text(s.to_string()) })
        .collect();
        let mut state = engine::step(flow, None, &Input::Start, &ctx).state;
        let mut effects = Vec::new();
        for input in &inputs {
            let out = engine::step(flow, Some(&state), input, &ctx);
            effects.extend(out.effects.into_iter().filter(|e| !matches!(e, Effect::Reply(_))));
            state = out.state;
        }
        effects
    };
    let handed = |consent| Effect::HandOff { reference: "LU-TEST".into(), partial: false, consent };
    assert_eq!(journey("checkins|yes"), [handed(true), Effect::ScheduleCheckins]);
    assert_eq!(journey("checkins|no"), [handed(true)]);
}
