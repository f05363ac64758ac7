//! Answers typed instead of tapped, by a table over every kind of question in the real flow
//! and words: numbers, labels with typos, synonyms, numbers in words, ages, scores, several
//! choices in one line, "thats it", commands with slips, and what must stay words.

use std::sync::LazyLock;

use linkup::conversation::Content;
use linkup::flow::engine::{Guess, Input, State};
use linkup::intent::{Incoming, interpret};

static CONTENT: LazyLock<Content> = LazyLock::new(crate::support::content);

/// What a line must become.
#[derive(Debug, PartialEq)]
enum Want<'a> {
    /// These options (ids) pressed, in order; `#done` and `#skip` as the engine names them.
    Press(&'a [&'a str]),
    /// "Did you mean ...?" for this option (or `#cmd-help`), after pressing `sure`.
    Guess(&'a [&'a str], &'a str),
    /// Words, for the step's own checks.
    Words,
    Command(&'a str),
}

fn read(step: &str, selected: &[&str], line: &str) -> Vec<Input> {
    let flow = CONTENT.flow("self-referral").unwrap();
    let mut state = State::new(flow, 0);
    state.step = step.to_string();
    state.selected = selected.iter().map(|s| s.to_string()).collect();
    interpret(&Incoming::Text(line.to_string()), flow, Some(&state), &CONTENT.locales, "en-GB")
}

fn got(step: &str, inputs: &[Input]) -> String {
    let option = |p: &str| p.strip_prefix(&format!("{step}|")).unwrap_or(p).to_string();
    inputs
        .iter()
        .map(|i| match i {
            Input::Press(p) => format!("press {}", option(p)),
            Input::Guess(Guess { payload, .. }) => format!("guess {}", option(payload)),
            Input::Text(_) => "words".into(),
            Input::Command(c) => format!("command {c:?}"),
            other => format!("{other:?}"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn want(want: &Want) -> String {
    match want {
        Want::Press(ids) => ids.iter().map(|i| format!("press {i}")).collect::<Vec<_>>().join(", "),
        Want::Guess(sure, g) => sure
            .iter()
            .map(|i| format!("press {i}"))
            .chain(std::iter::once(format!("guess {g}")))
            .collect::<Vec<_>>()
            .join(", "),
        Want::Words => "words".into(),
        Want::Command(c) => format!("command {c}"),
    }
}

#[test]
fn typed_answers_at_every_kind_of_question() {
    use Want::*;
    let cases: &[(&str, &[&str], &str, Want)] = &[
        // Yes and no, and a button's first word.
        ("welcome", &[], "yeah ok", Press(&["yes"])),
        ("welcome", &[], "ye", Press(&["yes"])),
        ("welcome", &[], "yep", Press(&["yes"])),
        ("welcome", &[], "Yes!!", Press(&["yes"])),
        ("welcome", &[], "1", Press(&["yes"])),
        ("welcome", &[], "nah", Press(&["no"])),
        ("welcome", &[], "not now", Press(&["no"])),
        ("welcome", &[], "👍", Press(&["yes"])),
        ("welcome", &[], "um yes please", Press(&["yes"])),
        // Ages for the age band.
        ("age", &[], "im 17", Press(&["16-18"])),
        ("age", &[], "17", Press(&["16-18"])),
        ("age", &[], "16 to 18", Press(&["16-18"])),
        ("age", &[], "16-18", Press(&["16-18"])),
        ("age", &[], "I'm 14 years old", Press(&["13-15"])),
        ("age", &[], "fourteen", Press(&["13-15"])),
        ("age", &[], "twenty one", Press(&["19-25"])),
        ("age", &[], "im in year 9", Press(&["13-15"])),
        ("age", &[], "y7", Press(&["11-12"])),
        ("age", &[], "10", Press(&["under-11"])),
        ("age", &[], "30", Press(&["over-25"])),
        ("age", &[], "3", Press(&["13-15"])),
        ("age", &[], "old enough", Words),
        ("age", &[], "14 or 15 idk", Words),
        // The name question's Skip button, by number or in words; a name stays a name.
        ("name", &[], "1", Press(&["#skip"])),
        ("name", &[], "skip", Press(&["#skip"])),
        ("name", &[], "id rather not", Press(&["#skip"])),
        ("name", &[], "Sam", Words),
        ("name", &[], "Jack", Words),
        ("name", &[], "Nona", Words),
        // Commands with a slip; an area that is no slip.
        ("area", &[], "helpp", Guess(&[], "#cmd-help")),
        ("area", &[], "bak", Guess(&[], "#cmd-back")),
        ("area", &[], "help", Command("Help")),
        ("area", &[], "go back", Command("Back")),
        ("area", &[], "M14", Words),
        ("area", &[], "Bath", Words),
        ("area", &[], "helpme", Words),
        // Several choices, typos, synonyms and done.
        ("topics", &[], "frends and family", Press(&["friends", "family"])),
        ("topics", &[], "family, sleep and school", Press(&["family", "sleep", "school"])),
        ("topics", &[], "worried", Press(&["worried-low"])),
        ("topics", &[], "family sleep", Press(&["family", "sleep"])),
        ("topics", &[], "mum and dad", Press(&["family"])),
        ("topics", &[], "1 3 5", Press(&["school", "family", "worried-low"])),
        ("topics", &[], "1,3", Press(&["school", "family"])),
        ("topics", &["family"], "thats it", Press(&["#done"])),
        ("topics", &["family"], "dun", Press(&["#done"])),
        ("topics", &["family"], "Done ✅", Press(&["#done"])),
        ("topics", &[], "family and school, thats it", Press(&["family", "school", "#done"])),
        ("topics", &["family"], "family and school", Press(&["school"])),
        ("topics", &["family"], "family", Command("Again")),
        ("topics", &[], "lonley", Press(&["lonely"])),
        ("topics", &[], "bullyed", Press(&["bullied"])),
        ("topics", &[], "my mum and dad are splitting up", Words),
        ("topics", &[], "everything is too much", Words),
        ("interests", &[], "gamin", Press(&["gaming"])),
        ("interests", &[], "football", Press(&["sport"])),
        ("interests", &[], "footie and music", Press(&["sport", "music"])),
        ("interests", &[], "i like football and drawing", Press(&["sport", "art"])),
        ("interests", &[], "music n gaming", Press(&["music", "gaming"])),
        ("interests", &[], "nature and outdoors", Press(&["nature"])),
        ("interests", &[], "nothing", Press(&["#done"])),
        ("interests", &[], "footbal and musc", Press(&["sport", "music"])),
        ("interests", &[], "footbal and musak", Guess(&["sport"], "music")),
        ("help", &[], "idk", Press(&["not-sure"])),
        ("help", &[], "someone to talk to", Press(&["talk"])),
        ("contact-times", &[], "evenings after school", Press(&["evenings", "afternoons"])),
        // Scores, in figures and words.
        ("ons-happy", &[], "seven", Press(&["7"])),
        ("ons-happy", &[], "like a 6", Press(&["6"])),
        ("ons-happy", &[], "6/10", Press(&["6"])),
        ("ons-happy", &[], "7 out of 10", Press(&["7"])),
        ("ons-happy", &[], "0", Press(&["0"])),
        ("ons-happy", &[], "10", Press(&["10"])),
        ("ons-happy", &[], "prob a 4 tbh", Press(&["4"])),
        ("ons-happy", &[], "6 but yesterday was rough", Guess(&[], "6")),
        ("ons-happy", &[], "5 or 6", Words),
        ("ons-happy", &[], "-3", Words),
        ("ons-happy", &[], "7.5", Words),
        ("ons-happy", &[], "7,5", Words),
        ("ons-happy", &[], "11", Words),
        ("young-life", &[], "eight", Press(&["8"])),
        // Choices by their other names.
        ("contact-method", &[], "text me", Press(&["text"])),
        ("contact-method", &[], "call", Press(&["phone"])),
        ("contact-method", &[], "on here", Press(&["chat"])),
        ("contact-method", &[], "phnoe call", Press(&["phone"])),
        ("checkins", &[], "yeah go on", Press(&["yes"])),
        ("checkins", &[], "no thanks", Press(&["no"])),
        ("summary", &[], "yep", Press(&["yes"])),
        ("summary", &[], "no", Press(&["no"])),
        ("summary", &[], "yes send it", Press(&["yes"])),
        ("person", &[], "yes", Press(&["send-now"])),
        ("person", &[], "carry on", Press(&["keep-going"])),
        ("safety-screen-older", &[], "yeah", Press(&["yes"])),
        ("safety-screen-older", &[], "nope", Press(&["no"])),
        ("safety-screen-older", &[], "rather not", Press(&["rather-not"])),
        ("safety-screen-older", &[], "sometimes i guess", Words),
        // Not a loose yes at a direct safety question: "ok" and "fine" are no answer (a link
        // worker looks), and a slip is asked about.
        ("safety-screen-older", &[], "ok", Words),
        ("safety-screen-older", &[], "fine", Words),
        ("safety-screen-older", &[], "yse", Guess(&[], "yes")),
        ("safety-screen-older", &[], "2", Press(&["no"])),
        ("safety-ask", &[], "nah", Press(&["no"])),
        ("safety-ask-younger", &[], "yeah", Press(&["yes"])),
        ("safety-offer", &[], "yes", Press(&["talk-now"])),
        ("safety-offer", &[], "im ok", Press(&["carry-on"])),
        // What a long message says is words, whatever buttons it mentions.
        ("contact-method", &[], "phone but only after 6 because my mum checks it", Words),
        // Questions with no buttons take words.
        ("what-matters", &[], "yes", Words),
        ("what-matters", &[], "football", Words),
    ];
    assert!(cases.len() >= 60, "{} cases", cases.len());
    let mut wrong = Vec::new();
    for (step, selected, line, expected) in cases {
        let inputs = read(step, selected, line);
        let (got, want) = (got(step, &inputs), want(expected));
        if got != want {
            wrong.push(format!("{step} {line:?}: got [{got}], want [{want}]"));
        }
    }
    assert!(wrong.is_empty(), "{} of {} wrong:\n{}", wrong.len(), cases.len(), wrong.join("\n"));
}

#[test]
fn a_guess_is_answered_by_typing_yes_or_no() {
    let flow = CONTENT.flow("self-referral").unwrap();
    let mut state = State::new(flow, 0);
    state.step = "topics".into();
    state.guess = Some(Guess { payload: "topics|friends".into(), typed: "frinds".into() });
    let said = |line: &str| interpret(&Incoming::Text(line.into()), flow, Some(&state), &CONTENT.locales, "en-GB");
    assert_eq!(said("yeah"), vec![Input::Press("topics|friends".into())]);
    assert_eq!(said("nope"), vec![Input::Press("topics|#guess-no".into())]);
    // Anything else is read as usual.
    assert_eq!(said("family"), vec![Input::Press("topics|family".into())]);
}
