//! Showing a young person's words to people: the invisible characters that change how text
//! around them is drawn (direction embeddings, overrides and isolates) are shown as visible
//! marks, so "\u{202E}gnp.exe" cannot pass for something it is not. Nothing is removed: the
//! stored words stay as they were sent.

use std::borrow::Cow;

/// The characters made visible, and the mark each becomes.
const CONTROLS: &[(char, &str)] = &[
    ('\u{202A}', "[U+202A]"),
    ('\u{202B}', "[U+202B]"),
    ('\u{202C}', "[U+202C]"),
    ('\u{202D}', "[U+202D]"),
    ('\u{202E}', "[U+202E]"),
    ('\u{2066}', "[U+2066]"),
    ('\u{2067}', "[U+2067]"),
    ('\u{2068}', "[U+2068]"),
    ('\u{2069}', "[U+2069]"),
];

/// `text` with every direction control shown as a mark such as `[U+202E]`; plain text is
/// returned as it is.
pub fn visible(text: &str) -> String {
    visible_cow(text).into_owned()
}

fn visible_cow(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match CONTROLS.iter().find(|(k, _)| *k == c) {
            Some((_, mark)) => out.push_str(mark),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn is_control(c: char) -> bool {
    CONTROLS.iter().any(|(k, _)| *k == c)
}

#[cfg(test)]
mod tests {
    use super::visible;

    #[test]
    fn direction_controls_are_shown_and_nothing_else_changes() {
        assert_eq!(visible("hi \u{202E}olleh"), "hi [U+202E]olleh");
        assert_eq!(visible("\u{2067}x\u{2069}"), "[U+2067]x[U+2069]");
        // Marks that only nudge neutral characters, and Arabic itself, stay.
        assert_eq!(visible("مرحبا \u{200F}123"), "مرحبا \u{200F}123");
        assert_eq!(visible("plain words"), "plain words");
    }
}
