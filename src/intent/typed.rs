//! A typed line read as a question's buttons: their numbers, their labels with small typos,
//! synonyms and numbers in words from the locale, an age for an age band, a score ("like a 6",
//! "6/10"), several choices in one line ("family, sleep and school") and "thats it".
//!
//! Pure and language-neutral: every word it knows comes from [`Words`], which the locale fills.
//! A reading is [`Reading::Sure`] only when nothing in the line is left unexplained; a near
//! miss is a [`Reading::Guess`], to be confirmed with a button, never silently taken.

use super::normalise;

/// One button the question shows: its payload, its label as shown, and other ways of saying it
/// (already normalised).
#[derive(Debug, Clone)]
pub struct Candidate {
    pub payload: String,
    pub label: String,
    pub also: Vec<String>,
}

/// The kind of question, as far as reading a typed answer goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    /// One button.
    Choice,
    /// Several buttons, the last of them Done.
    Multi,
    /// A number from `min` to `max` (the buttons are the numbers).
    Scale { min: u8, max: u8 },
    /// A free-text question with a Skip button: a near miss of "skip" is someone's name.
    Skip,
    /// A direct safety question: only its buttons' numbers, labels and other names. "ok" or
    /// "fine" is not Yes to "have you thought about ending your life?", and a typo is asked
    /// about, never taken.
    Direct,
}

/// What the line says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    /// These buttons, in order (several at a multi-choice question).
    Sure(Vec<String>),
    /// Sure of these, then a guess at one more: confirm it before taking it.
    Guess { sure: Vec<String>, guess: String },
    /// Not an answer to this question.
    Nothing,
}

/// The words a locale gives for reading typed answers (`words-*` in `system.ftl`).
#[derive(Debug, Clone, Default)]
pub struct Words {
    pub yes: Vec<String>,
    /// Yes words that are only a loose yes ("ok", "k", "sure"): not taken at a careful question.
    pub loose_yes: Vec<String>,
    pub no: Vec<String>,
    /// "done", "thats it", "nothing else": the Done button of a multi-choice question.
    pub done: Vec<String>,
    /// Words that change nothing: "um", "like", "i think", "my".
    pub filler: Vec<String>,
    /// Number words and their values: ("seven", 7).
    pub numbers: Vec<(String, i64)>,
    /// Words around an age: "im", "years", "old".
    pub age: Vec<String>,
    /// "under 11", "over 25".
    pub under: Vec<String>,
    pub over: Vec<String>,
    /// Words between several choices: "and", "n", "also".
    pub and: Vec<String>,
    /// School years: "year", "yr".
    pub school_year: Vec<String>,
}

/// The longest line read as choices; anything longer is someone's own words.
const MAX_WORDS: usize = 24;

/// Reads `line` for a question with `buttons` (a multi-choice's Done last).
pub fn read(line: &str, question: Question, buttons: &[Candidate], words: &Words) -> Reading {
    let trimmed = line.trim();
    let said = normalise(trimmed);
    // "-3" is not the button "3", and "3.5" is not "3 5".
    let chars: Vec<char> = trimmed.chars().collect();
    let negative = matches!(chars.as_slice(), ['-' | '−', d, ..] if d.is_ascii_digit());
    // "7,5" is a decimal only where a score is asked; "1,3" elsewhere is two buttons.
    let comma = matches!(question, Question::Scale { .. });
    let decimal = chars
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && (w[1] == '.' || (comma && w[1] == ',')) && w[2].is_ascii_digit());
    if negative || decimal {
        return Reading::Nothing;
    }
    if trimmed.is_empty() {
        return Reading::Nothing;
    }
    if said.is_empty() {
        // An emoji typed on its own: "👍" can be in the yes words.
        return match yes_or_no(&trimmed.to_lowercase(), words).and_then(|w| by_first_word(w, buttons)) {
            Some(p) => Reading::Sure(vec![p]),
            None => Reading::Nothing,
        };
    }
    match question {
        Question::Scale { min, max } => score(trimmed, &said, min, max, buttons, words),
        Question::Skip | Question::Direct => match button_numbers(&said, buttons, false) {
            Some(p) => Reading::Sure(p),
            None => match one(&said, buttons, words, false) {
                // "Nona" is a name, not a slip for "none".
                Some(Reading::Guess { .. }) if question == Question::Skip => Reading::Nothing,
                r => r.unwrap_or(Reading::Nothing),
            },
        },
        Question::Choice => {
            if let Some(p) = button_numbers(&said, buttons, false) {
                return Reading::Sure(p);
            }
            if let Some(r) = one(&said, buttons, words, true) {
                return r;
            }
            if let Some(p) = age_band(&said, buttons, words) {
                return p;
            }
            // Words around the answer: "um yes please", "i think the first one".
            let kept = without(&said, &words.filler);
            match (kept != said && !kept.is_empty()).then(|| one(&kept, buttons, words, true)).flatten() {
                Some(r) => r,
                None => Reading::Nothing,
            }
        }
        Question::Multi => match button_numbers(&said, buttons, true) {
            Some(p) => Reading::Sure(p),
            None => several(&said, buttons, words),
        },
    }
}

/// Button numbers as the terminal shows them: "2", or "1 3 5" where several are allowed.
fn button_numbers(said: &str, buttons: &[Candidate], several: bool) -> Option<Vec<String>> {
    let numbers: Option<Vec<usize>> =
        said.split(' ').map(|s| s.parse::<usize>().ok().filter(|n| (1..=buttons.len()).contains(n))).collect();
    match numbers {
        Some(n) if n.len() == 1 || (several && !n.is_empty()) => {
            Some(n.into_iter().map(|i| buttons[i - 1].payload.clone()).collect())
        }
        _ => None,
    }
}

/// One answer in `said`, or `None` if nothing fits. Not `loose`: only labels, their other
/// names and their first words are sure; a near miss is a guess.
fn one(said: &str, buttons: &[Candidate], words: &Words, loose: bool) -> Option<Reading> {
    let sure = |p: &str| Some(Reading::Sure(vec![p.to_string()]));
    // A label or one of its other names, exactly.
    if let Some(b) = buttons.iter().find(|b| normalise(&b.label) == said || b.also.iter().any(|a| a == said)) {
        return sure(&b.payload);
    }
    if !loose {
        let prefix = format!("{said} ");
        if let Some(b) = only(buttons.iter().filter(|b| normalise(&b.label).starts_with(&prefix))) {
            return sure(&b.payload);
        }
        return match fuzzy(said, buttons, words) {
            Some(Reading::Sure(p)) => Some(Reading::Guess { sure: vec![], guess: p.into_iter().next()? }),
            other => other,
        };
    }
    // "yeah ok", "nah": the button that starts with yes (or no), if only one does.
    if let Some(p) = yes_or_no(said, words).and_then(|w| by_first_word(w, buttons)) {
        return sure(&p);
    }
    // The first words of exactly one label: "yes" for "Yes, let's go", "not" for "Not now".
    let prefix = format!("{said} ");
    if let Some(b) = only(buttons.iter().filter(|b| normalise(&b.label).starts_with(&prefix))) {
        return sure(&b.payload);
    }
    // A word or words inside exactly one label: "worried" for "Feeling worried or low". Words
    // every label might share ("or", "feeling") are not enough.
    if !words.filler.iter().any(|f| f == said) && !words.and.iter().any(|a| a == said) && said.len() >= 3 {
        let padded = format!(" {said} ");
        if let Some(b) = only(buttons.iter().filter(|b| format!(" {} ", normalise(&b.label)).contains(&padded))) {
            return sure(&b.payload);
        }
    }
    fuzzy(said, buttons, words)
}

/// The closest label or other name by edit distance, when it is close: one slip in a word of
/// four letters or more is sure ("frends", "gamin"); a little further is a guess.
fn fuzzy(said: &str, buttons: &[Candidate], words: &Words) -> Option<Reading> {
    // Numbers are never near misses: "too" is not "two", "8" is not "9".
    if said.len() < 3 || said.chars().any(|c| c.is_ascii_digit()) || words.numbers.iter().any(|(n, _)| n == said) {
        return None;
    }
    let mut best: Vec<(usize, f64, &str)> = Vec::new();
    for b in buttons {
        let label = normalise(&b.label);
        let names = std::iter::once(label.as_str())
            .chain(label.split(' ').filter(|w| w.len() >= 4))
            .chain(b.also.iter().map(String::as_str));
        let closest = names
            .map(|name| (strsim::osa_distance(said, name), strsim::normalized_damerau_levenshtein(said, name)))
            .min_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        if let Some((d, s)) = closest {
            best.push((d, s, b.payload.as_str()));
        }
    }
    best.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
    let (d, s, payload) = *best.first()?;
    let runner_up = best.get(1).map(|r| r.0);
    let clear = runner_up.is_none_or(|r| r > d);
    let chars = said.chars().count();
    if clear && ((d == 1 && chars >= 4) || (d == 2 && chars >= 8)) {
        return Some(Reading::Sure(vec![payload.to_string()]));
    }
    if clear && s >= 0.6 && d <= 2 {
        return Some(Reading::Guess { sure: vec![], guess: payload.to_string() });
    }
    None
}

/// Several answers in one line, each part read on its own: "frends n family", "family sleep
/// and school, thats it", "1 3 done". Every word must be part of an answer, a word between
/// answers or a filler; otherwise it is someone's own words, not a list of buttons.
fn several(said: &str, buttons: &[Candidate], words: &Words) -> Reading {
    let tokens: Vec<&str> = said.split(' ').collect();
    if tokens.len() > MAX_WORDS {
        return Reading::Nothing;
    }
    let mut sure: Vec<String> = Vec::new();
    let mut guess: Option<String> = None;
    let mut i = 0;
    'outer: while i < tokens.len() {
        let between = |w: &str| words.and.iter().any(|a| a == w) || words.filler.iter().any(|f| f == w);
        // The longest span from here that is one answer. A filler ("like", "and") only starts
        // one that fits for sure ("the outdoors"); alone it is skipped.
        for j in (i + 1..=tokens.len()).rev() {
            if between(tokens[i]) && j == i + 1 {
                break;
            }
            let span = tokens[i..j].join(" ");
            let reading = if j == i + 1 && tokens[i].parse::<usize>().is_ok() {
                button_numbers(&span, buttons, false).map(Reading::Sure)
            } else {
                one(&span, buttons, words, true)
            };
            match reading {
                Some(Reading::Sure(p)) => {
                    for p in p {
                        if !sure.contains(&p) {
                            sure.push(p);
                        }
                    }
                    i = j;
                    continue 'outer;
                }
                // One guess per line; a second means the line is not a list of buttons.
                Some(Reading::Guess { guess: g, .. }) if guess.is_none() && j == i + 1 && !between(tokens[i]) => {
                    guess = Some(g);
                    i = j;
                    continue 'outer;
                }
                _ => {}
            }
        }
        if between(tokens[i]) {
            i += 1;
            continue;
        }
        return Reading::Nothing;
    }
    // Done last, whatever order it was typed in.
    if let Some(done) = buttons.last().map(|b| b.payload.clone())
        && let Some(at) = sure.iter().position(|p| *p == done)
    {
        sure.remove(at);
        sure.push(done);
    }
    match guess {
        Some(g) => Reading::Guess { sure, guess: g },
        None if sure.is_empty() => Reading::Nothing,
        None => Reading::Sure(sure),
    }
}

/// A score from a line: "7", "seven", "like a 6", "6/10", "7 out of 10". One number and only
/// filler words is sure; one number among other words is a guess; two numbers are neither.
fn score(trimmed: &str, said: &str, min: u8, max: u8, buttons: &[Candidate], words: &Words) -> Reading {
    let lower = trimmed.to_lowercase();
    // "6/10" and "6 out of 10": the scale's top is not a second number.
    let out_of = [format!("/{max}"), format!("/ {max}"), format!("out of {max}"), format!("outta {max}")];
    let mut text = lower.clone();
    for o in &out_of {
        text = text.replace(o.as_str(), " ");
    }
    let said_now = if text == lower { said.to_string() } else { normalise(&text) };
    let mut numbers = Vec::new();
    let mut others = 0;
    for token in numbers_in(&said_now, words) {
        match token {
            Token::Number(n) => numbers.push(n),
            Token::Word(w) if words.filler.contains(&w) => {}
            Token::Word(_) => others += 1,
        }
    }
    let payload = |n: i64| buttons.iter().find(|b| b.label == n.to_string()).map(|b| b.payload.clone());
    match numbers.as_slice() {
        [n] if (i64::from(min)..=i64::from(max)).contains(n) => match payload(*n) {
            Some(p) if others == 0 => Reading::Sure(vec![p]),
            Some(p) => Reading::Guess { sure: vec![], guess: p },
            None => Reading::Nothing,
        },
        _ => Reading::Nothing,
    }
}

enum Token {
    Number(i64),
    Word(String),
}

/// The words of `said` with numbers in digits or words as numbers ("twenty one" is 21).
fn numbers_in(said: &str, words: &Words) -> Vec<Token> {
    let tokens: Vec<&str> = said.split(' ').filter(|t| !t.is_empty()).collect();
    let mut out = Vec::new();
    let mut i = 0;
    'outer: while i < tokens.len() {
        if let Ok(n) = tokens[i].parse::<i64>() {
            out.push(Token::Number(n));
            i += 1;
            continue;
        }
        // The longest number in words from here ("twenty one" before "twenty").
        for j in (i + 1..=tokens.len().min(i + 3)).rev() {
            let span = tokens[i..j].join(" ");
            if let Some((_, n)) = words.numbers.iter().find(|(w, _)| *w == span) {
                out.push(Token::Number(*n));
                i = j;
                continue 'outer;
            }
        }
        out.push(Token::Word(tokens[i].to_string()));
        i += 1;
    }
    out
}

/// An age for a question whose buttons are age ranges ("11–12", "Under 11", "Over 25"): "im
/// 14", "fourteen", "16 to 18", "year 9".
fn age_band(said: &str, buttons: &[Candidate], words: &Words) -> Option<Reading> {
    let ranges: Vec<(i64, i64)> =
        buttons.iter().map(|b| range_of(&normalise(&b.label), words)).collect::<Option<_>>()?;
    if ranges.len() < 2 {
        return None;
    }
    let tokens = numbers_in(said, words);
    let mut numbers = Vec::new();
    let mut school_year = false;
    for (k, token) in tokens.iter().enumerate() {
        match token {
            Token::Number(n) => numbers.push(*n),
            Token::Word(w) if words.school_year.iter().any(|y| y == w) => {
                school_year = matches!(tokens.get(k + 1), Some(Token::Number(_)));
            }
            // "y9": a school year written short.
            Token::Word(w) if w.len() >= 2 && w.starts_with('y') && w[1..].parse::<i64>().is_ok() => {
                numbers.push(w[1..].parse().ok()?);
                school_year = true;
            }
            Token::Word(w) if words.age.iter().chain(&words.filler).chain(&words.and).any(|a| a == w) || w == "to" => {}
            Token::Word(_) => return None,
        }
    }
    let (low, high) = match numbers.as_slice() {
        // In England, year 9 is ages 13 to 14.
        [y] if school_year && (1..=13).contains(y) => (y + 4, y + 5),
        [n] if !school_year => (*n, *n),
        // "16 to 18"; "1 2" is two button numbers, not an age.
        [a, b] if !school_year && a < b && *a > buttons.len() as i64 => (*a, *b),
        _ => return None,
    };
    let fits: Vec<usize> = (0..ranges.len()).filter(|&k| ranges[k].0 <= low && high <= ranges[k].1).collect();
    match fits.as_slice() {
        [k] => Some(Reading::Sure(vec![buttons[*k].payload.clone()])),
        _ => None,
    }
}

/// The ages a label covers: "11 12" (from "11–12"), "under 11", "over 25".
fn range_of(label: &str, words: &Words) -> Option<(i64, i64)> {
    let numbers: Vec<i64> = label.split(' ').filter_map(|t| t.parse().ok()).collect();
    let has = |list: &[String]| list.iter().any(|w| format!(" {label} ").contains(&format!(" {w} ")));
    match numbers.as_slice() {
        [a, b] if a < b => Some((*a, *b)),
        [n] if has(&words.under) => Some((0, n - 1)),
        [n] if has(&words.over) => Some((n + 1, 150)),
        _ => None,
    }
}

/// "yes" or "no", with the list of its words, when every word of `said` is one of them,
/// fillers aside: "yeah ok", "yes please", "nah", "ie".
fn yes_or_no<'a>(said: &str, words: &'a Words) -> Option<(&'static str, &'a [String])> {
    for (list, word) in [(&words.yes, "yes"), (&words.no, "no")] {
        if list.iter().any(|w| w == said) {
            return Some((word, list));
        }
        // Phrases first: "yeah go on" is "yeah" and "go on".
        let mut rest = format!(" {said} ");
        for phrase in list.iter().filter(|w| w.contains(' ')) {
            rest = rest.replace(&format!(" {phrase} "), &format!(" {word} "));
        }
        let tokens: Vec<&str> = rest.split_whitespace().collect();
        let is_word = |t: &str| list.iter().any(|w| w == t) || t == word;
        let all = tokens.iter().all(|t| is_word(t) || words.filler.iter().any(|f| f == t));
        if all && tokens.iter().any(|t| is_word(t)) {
            return Some((word, list));
        }
    }
    None
}

/// The one button whose label starts with "yes" (or "no") or names it; else the one whose
/// label starts with, or names, another of the list's words ("ie" for "Ie, awn ni").
fn by_first_word((word, list): (&str, &[String]), buttons: &[Candidate]) -> Option<String> {
    let names = |b: &Candidate, word: &str| {
        let label = normalise(&b.label);
        label == word || label.starts_with(&format!("{word} ")) || b.also.iter().any(|a| a == word)
    };
    if let Some(b) = only(buttons.iter().filter(|b| names(b, word))) {
        return Some(b.payload.clone());
    }
    only(buttons.iter().filter(|b| list.iter().any(|w| names(b, w)))).map(|b| b.payload.clone())
}

fn only<'a>(mut it: impl Iterator<Item = &'a Candidate>) -> Option<&'a Candidate> {
    match (it.next(), it.next()) {
        (Some(b), None) => Some(b),
        _ => None,
    }
}

/// `said` without the words in `list`.
fn without(said: &str, list: &[String]) -> String {
    said.split(' ').filter(|t| !list.iter().any(|w| w == t)).collect::<Vec<_>>().join(" ")
}

/// Whether a typed word is one slip from a command word ("helpp", "bak", "restrat"). Only one:
/// "helpme" is words for the safety check to read, not the command "help".
pub fn near(said: &str, keyword: &str) -> bool {
    said.chars().count() >= 3 && strsim::osa_distance(said, keyword) == 1 && !said.chars().any(|c| c.is_ascii_digit())
}
