//! Text normalisation for safety rules: one plain form for the many ways a thing is typed.
//!
//! Lower case; accents, fancy letters and full-width forms to plain letters; apostrophes
//! dropped ("i'm" → "im"); leetspeak inside words ("k1ll" → "kill"); a few signal emoji to
//! words; everything else that is not a letter or digit to a space; runs of three or more of
//! a letter cut to two ("sooooo" → "soo"); letters spaced out ("k i l l") joined; spaces
//! folded. The result has a space at each end, so rules can use `\b` or spaces freely.

use unicode_normalization::UnicodeNormalization;

/// Emoji that carry meaning for safety, as words. Laughing faces become "lol" so idioms such
/// as "I can't breathe 😂" can be recognised.
const EMOJI_WORDS: &[(char, &str)] = &[
    ('🔪', "knife"),
    ('🗡', "knife"),
    ('💊', "pills"),
    ('🩸', "blood"),
    ('🪢', "rope"),
    ('🔫', "gun"),
    ('⚰', "coffin"),
    ('😂', "lol"),
    ('🤣', "lol"),
    ('😭', "crying"),
];

/// Where sentences end, in the scripts linkup has rules for (Arabic's question mark and
/// semicolon too). Each sentence is checked on its own.
pub const SENTENCE_ENDS: [char; 7] = ['.', '!', '?', ';', '\n', '؟', '؛'];

/// One character of NFKD text as matching reads it: combining accents and Arabic marks
/// dropped (`None`), letters typed for one another made one.
pub fn fold(c: char) -> Option<char> {
    if ('\u{300}'..='\u{36f}').contains(&c) || is_arabic_mark(c) { None } else { Some(same_letter(c)) }
}

/// Arabic marks typed or not as the writer likes: short vowels and other harakat, the hamza
/// marks NFKD splits from alef ("أ" → "ا" + U+0654), the superscript alef and the tatweel.
fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{64B}'..='\u{65F}' | '\u{670}' | '\u{640}')
}

/// Letters often typed for one another, as one: Arabic alef maqsura and ya, ta marbuta and ha;
/// Polish ł (which NFKD leaves alone) and l; Ukrainian ґ and г; Arabic-Indic digits and 0–9.
fn same_letter(c: char) -> char {
    match c {
        'ى' => 'ي',
        'ة' => 'ه',
        'ł' => 'l',
        'Ł' => 'L',
        'ґ' => 'г',
        'Ґ' => 'Г',
        '\u{660}'..='\u{669}' => char::from(b'0' + (c as u32 - 0x660) as u8),
        '\u{6F0}'..='\u{6F9}' => char::from(b'0' + (c as u32 - 0x6F0) as u8),
        c => c,
    }
}

/// Digits and symbols read as letters when they follow a letter in a word ("k1ll", "su1c1de").
fn leet(c: char) -> Option<char> {
    Some(match c {
        '0' => 'o',
        '1' | '!' | '|' => 'i',
        '3' => 'e',
        '4' | '@' => 'a',
        '5' | '$' => 's',
        '7' => 't',
        _ => return None,
    })
}

/// The forms a message is checked in: letters repeated three or more times cut to two
/// ("killlll" → "kill") and, when that differs, to one ("kiiiill" → "kill").
pub fn variants(text: &str) -> Vec<String> {
    let two = normalise_with(text, 2);
    let one = normalise_with(text, 1);
    if one == two { vec![two] } else { vec![two, one] }
}

pub fn normalise(text: &str) -> String {
    normalise_with(text, 2)
}

/// Normalises, cutting runs of three or more of a letter to `max_run`.
fn normalise_with(text: &str, max_run: usize) -> String {
    // Compatibility decomposition turns 𝓀, ｋ and é into k, k and e + accent.
    let mut plain = String::with_capacity(text.len());
    for c in text.nfkd() {
        let Some(c) = fold(c) else { continue };
        if let Some((_, word)) = EMOJI_WORDS.iter().find(|(e, _)| *e == c) {
            plain.push(' ');
            plain.push_str(word);
            plain.push(' ');
            continue;
        }
        match c {
            '\'' | '’' | '‘' | '`' | '´' => {}
            c => plain.extend(c.to_lowercase()),
        }
    }
    // Leetspeak within words, then anything that is not a letter or digit to a space.
    let mut mapped = String::with_capacity(plain.len());
    let mut previous_letter = false;
    let chars: Vec<char> = plain.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next_is_word = chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        let out = if c.is_alphabetic() {
            c
        } else if let Some(l) = leet(c).filter(|_| previous_letter && (c.is_ascii_digit() || next_is_word)) {
            l
        } else if c.is_alphanumeric() {
            c
        } else {
            ' '
        };
        previous_letter = out.is_alphabetic();
        mapped.push(out);
    }
    // Runs of three or more of one letter cut to `max_run`.
    let mut squeezed = String::with_capacity(mapped.len());
    let mut chars = mapped.chars().peekable();
    while let Some(c) = chars.next() {
        let mut run = 1;
        while chars.peek() == Some(&c) {
            chars.next();
            run += 1;
        }
        let keep = if c.is_alphabetic() && run >= 3 { max_run } else { run };
        squeezed.extend(std::iter::repeat_n(c, keep));
    }
    // Letters spaced out, four or more in a row ("k i l l m y s e l f"), joined.
    let words: Vec<&str> = squeezed.split_whitespace().collect();
    let mut out = String::from(" ");
    let mut i = 0;
    while i < words.len() {
        let single = |w: &str| w.chars().count() == 1 && w.chars().all(char::is_alphabetic);
        let mut j = i;
        while j < words.len() && single(words[j]) {
            j += 1;
        }
        if j - i >= 4 {
            out.push_str(&words[i..j].concat());
            out.push(' ');
            i = j;
        } else {
            out.push_str(words[i]);
            out.push(' ');
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn one_plain_form() {
        for (typed, plain) in [
            ("I'm SO sad!!!", " im so sad "),
            ("sooooo tired", " soo tired "),
            ("k1ll mys3lf", " kill myself "),
            ("su1c1d3", " suicide "),
            ("I'm 12 years old", " im 12 years old "),
            ("12yo", " 12yo "),
            ("self-harm", " self harm "),
            ("Café naïve", " cafe naive "),
            ("ｋｉｌｌ", " kill "),
            ("k i l l m y s e l f", " killmyself "),
            ("i am a b", " i am a b "),
            ("Zabiję się", " zabije sie "),
            ("chcę umrzeć, źle mi", " chce umrzec zle mi "),
            ("Хочу вбити себе", " хочу вбити себе "),
            ("Я не хочу жити й", " я не хочу жити и "),
            ("أُريدُ أنْ أموت", " اريد ان اموت "),
            ("مـــوت", " موت "),
            ("عمري ١٤", " عمري 14 "),
            ("Rydw i eisiau marw", " rydw i eisiau marw "),
            ("got a 🔪", " got a knife "),
            ("I can’t breathe 😂😂", " i cant breathe lol lol "),
            ("help!", " help "),
        ] {
            assert_eq!(normalise(typed), plain, "{typed}");
        }
    }
}
