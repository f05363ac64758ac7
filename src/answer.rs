//! Free-text answers: cleaning what was typed and checking it is what the question asked for.
//!
//! Each check returns either a clean value or the message id of a kind re-ask. The original
//! text is kept untouched in the transcript; only the answer is cleaned.

use std::sync::LazyLock;

use regex::Regex;

use crate::flow::Validator;
use crate::message::{Arg, Text};

/// Message ids the validators use; every locale must define them.
pub const MESSAGES: &[&str] = &[
    "reask-text-empty",
    "reask-text-too-long",
    "reask-needs-words",
    "reask-area",
    "reask-area-address",
    "note-area-district",
    "reask-phone",
    "reask-mobile",
];

/// A cleaned answer, what kind of value it is (for areas), and a note to show the young person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Valid {
    pub value: String,
    pub kind: Option<&'static str>,
    pub note: Option<Text>,
}

impl Valid {
    fn plain(value: String) -> Valid {
        Valid { value, kind: None, note: None }
    }
}

/// Checks `raw` for `validator`; `max_len` counts characters after cleaning.
pub fn validate(validator: Validator, raw: &str, max_len: usize) -> Result<Valid, Text> {
    let multiline = validator == Validator::Words;
    let text = clean(raw, multiline);
    if text.is_empty() {
        return Err(Text::new("reask-text-empty"));
    }
    if text.chars().count() > max_len {
        return Err(Text::new("reask-text-too-long").arg("max", Arg::Num(max_len as i64)));
    }
    match validator {
        Validator::Words => {
            if !text.chars().any(char::is_alphanumeric) {
                return Err(Text::new("reask-needs-words"));
            }
            Ok(Valid::plain(text))
        }
        Validator::Name => {
            if !text.chars().any(char::is_alphabetic) {
                return Err(Text::new("reask-needs-words"));
            }
            Ok(Valid::plain(text))
        }
        Validator::Area => area(&text),
        Validator::UkPhone => uk_phone(&text, false),
        Validator::UkMobile => uk_phone(&text, true),
    }
}

/// Drops control characters (keeping line breaks when `multiline`), trims, and folds runs of
/// spaces. Right-to-left text, emoji and accents are kept as they are.
pub fn clean(raw: &str, multiline: bool) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut last_space = true;
    for c in raw.chars() {
        let c = match c {
            '\n' if multiline => '\n',
            '\n' | '\r' | '\t' => ' ',
            c if c.is_control() => continue,
            // Bidi overrides can make a name display as something else; isolates are harmless
            // but have no use in an answer either.
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => continue,
            c => c,
        };
        if c == ' ' {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            if c == '\n' && out.ends_with(' ') {
                out.pop();
            }
            out.push(c);
            last_space = c == '\n';
        }
    }
    out.trim().to_string()
}

/// The 121 UK postcode areas and the three Crown Dependencies' (GY, JE, IM), which use the
/// same format; so "XY1" is not taken for a district.
const POSTCODE_AREAS: &[&str] = &[
    "AB", "AL", "B", "BA", "BB", "BD", "BH", "BL", "BN", "BR", "BS", "BT", "CA", "CB", "CF", "CH", "CM", "CO", "CR",
    "CT", "CV", "CW", "DA", "DD", "DE", "DG", "DH", "DL", "DN", "DT", "DY", "E", "EC", "EH", "EN", "EX", "FK", "FY",
    "G", "GL", "GU", "GY", "HA", "HD", "HG", "HP", "HR", "HS", "HU", "HX", "IG", "IM", "IP", "IV", "JE", "KA", "KT",
    "KW", "KY", "L", "LA", "LD", "LE", "LL", "LN", "LS", "LU", "M", "ME", "MK", "ML", "N", "NE", "NG", "NN", "NP",
    "NR", "NW", "OL", "OX", "PA", "PE", "PH", "PL", "PO", "PR", "RG", "RH", "RM", "S", "SA", "SE", "SG", "SK", "SL",
    "SM", "SN", "SO", "SP", "SR", "SS", "ST", "SW", "SY", "TA", "TD", "TF", "TN", "TQ", "TR", "TS", "TW", "UB", "W",
    "WA", "WC", "WD", "WF", "WN", "WR", "WS", "WV", "YO", "ZE",
];

static DISTRICT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^([A-Z]{1,2})([0-9][A-Z0-9]?)$").unwrap());
static FULL_POSTCODE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$").unwrap());
static POSTCODE_INSIDE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\b").unwrap());
static STREET_ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(flat\s*\d+|\d+[a-z]?,?\s+([a-z'\-]+\s+){0,3}(road|rd|street|st|avenue|ave|lane|ln|close|drive|dr|way|crescent|cres|court|ct|place|pl|gardens|gdns|grove|terrace|hill|walk|row|square|sq|mews|park|rise|view))\b",
    )
    .unwrap()
});

fn area(text: &str) -> Result<Valid, Text> {
    let upper: String = text.to_uppercase();
    let squeezed = upper.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(c) = FULL_POSTCODE.captures(&squeezed) {
        let district = c[1].to_string();
        if known_district(&district) {
            let note = Text::new("note-area-district").arg("district", Arg::Str(district.clone()));
            return Ok(Valid { value: district, kind: Some("district"), note: Some(note) });
        }
    }
    let compact = squeezed.replace(' ', "");
    if DISTRICT.is_match(&compact) {
        return if known_district(&compact) {
            Ok(Valid { value: compact, kind: Some("district"), note: None })
        } else {
            Err(Text::new("reask-area"))
        };
    }
    if POSTCODE_INSIDE.is_match(text) || STREET_ADDRESS.is_match(text) {
        return Err(Text::new("reask-area-address"));
    }
    if text.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return Err(Text::new("reask-area"));
    }
    Ok(Valid { value: text.to_string(), kind: Some("place"), note: None })
}

fn known_district(district: &str) -> bool {
    DISTRICT.captures(district).is_some_and(|c| POSTCODE_AREAS.binary_search(&&c[1]).is_ok())
}

fn uk_phone(text: &str, mobile_only: bool) -> Result<Valid, Text> {
    let mut digits: String = text.chars().filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')')).collect();
    if let Some(rest) = digits.strip_prefix("+44").or_else(|| digits.strip_prefix("0044")) {
        digits = format!("0{}", rest.trim_start_matches("(0)").trim_start_matches('0'));
    }
    let all_digits = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit());
    let mobile = all_digits && digits.len() == 11 && digits.starts_with("07");
    let landline = all_digits
        && ((digits.starts_with("01") || digits.starts_with("02")) && (10..=11).contains(&digits.len())
            || digits.starts_with("03") && digits.len() == 11);
    match (mobile, landline, mobile_only) {
        (true, _, _) | (false, true, false) => Ok(Valid::plain(digits)),
        (false, _, true) => Err(Text::new("reask-mobile")),
        _ => Err(Text::new("reask-phone")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(v: Validator, s: &str) -> String {
        validate(v, s, 200).unwrap_or_else(|e| panic!("{s:?} rejected with {}", e.id)).value
    }

    fn err(v: Validator, s: &str) -> String {
        validate(v, s, 200).err().unwrap_or_else(|| panic!("{s:?} accepted")).id
    }

    #[test]
    fn postcode_areas_are_sorted_for_binary_search() {
        assert!(POSTCODE_AREAS.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(POSTCODE_AREAS.len(), 124);
    }

    #[test]
    fn areas() {
        assert_eq!(ok(Validator::Area, "m14"), "M14");
        assert_eq!(ok(Validator::Area, " SW1A "), "SW1A");
        assert_eq!(ok(Validator::Area, "sw1a 1aa"), "SW1A");
        assert_eq!(ok(Validator::Area, "Oak Hill Academy"), "Oak Hill Academy");
        assert_eq!(err(Validator::Area, "XY1"), "reask-area");
        assert_eq!(err(Validator::Area, "12 Acacia Road"), "reask-area-address");
        assert_eq!(err(Validator::Area, "flat 3, Tower Block, M14 5AB"), "reask-area-address");
        assert_eq!(err(Validator::Area, "7"), "reask-area");
    }

    #[test]
    fn phones() {
        assert_eq!(ok(Validator::UkPhone, "07700 900123"), "07700900123");
        assert_eq!(ok(Validator::UkPhone, "+44 7700 900123"), "07700900123");
        assert_eq!(ok(Validator::UkPhone, "+44 (0)161 496 0000"), "01614960000");
        assert_eq!(ok(Validator::UkPhone, "0161-496-0000"), "01614960000");
        assert_eq!(err(Validator::UkMobile, "0161 496 0000"), "reask-mobile");
        assert_eq!(err(Validator::UkPhone, "12345"), "reask-phone");
        assert_eq!(err(Validator::UkPhone, "call me"), "reask-phone");
    }

    #[test]
    fn words_and_names() {
        assert_eq!(err(Validator::Words, "😢😢"), "reask-needs-words");
        assert_eq!(err(Validator::Name, "   "), "reask-text-empty");
        assert_eq!(err(Validator::Name, "\u{0}\u{7}"), "reask-text-empty");
        assert_eq!(ok(Validator::Name, "  Sam\t Lee "), "Sam Lee");
        assert_eq!(ok(Validator::Name, "مريم"), "مريم");
        assert_eq!(ok(Validator::Words, "line one\r\n\nline two"), "line one\n\nline two");
        assert_eq!(validate(Validator::Words, &"a".repeat(201), 200).unwrap_err().id, "reask-text-too-long");
    }
}
