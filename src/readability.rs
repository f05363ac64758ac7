//! Reading age: the Flesch–Kincaid grade of a text, to keep messages for young people simple.

/// Flesch–Kincaid grade level: 0.39 × words per sentence + 11.8 × syllables per word − 15.59.
/// Text with no words is grade 0.
pub fn flesch_kincaid_grade(text: &str) -> f64 {
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    if words.is_empty() {
        return 0.0;
    }
    let sentences =
        text.split(['.', '!', '?', '\n', ':', ';']).filter(|s| s.chars().any(char::is_alphabetic)).count().max(1);
    let syllables: usize = words.iter().map(|w| syllables(w)).sum();
    0.39 * (words.len() as f64 / sentences as f64) + 11.8 * (syllables as f64 / words.len() as f64) - 15.59
}

/// Syllables in an English word, by counting vowel groups with the usual corrections.
pub fn syllables(word: &str) -> usize {
    let w: String = word.to_lowercase().chars().filter(|c| c.is_ascii_alphabetic()).collect();
    if w.is_empty() {
        return 1;
    }
    if w.len() <= 3 {
        return 1;
    }
    let vowel = |c: char| "aeiouy".contains(c);
    let chars: Vec<char> = w.chars().collect();
    let mut count = 0;
    let mut previous = false;
    for &c in &chars {
        let v = vowel(c);
        if v && !previous {
            count += 1;
        }
        previous = v;
    }
    // Silent final e ("make"), but not "-le" after a consonant ("little").
    if w.ends_with('e') && !w.ends_with("le") && !w.ends_with("ee") && count > 1 {
        count -= 1;
    }
    // A vowel before "-ing" is its own syllable ("be-ing", "go-ing"), not a vowel pair.
    if w.len() > 4 && w.ends_with("ing") && chars.get(chars.len() - 4).is_some_and(|&c| vowel(c)) {
        count += 1;
    }
    // "-ed" is usually not its own syllable ("played"), except after t or d ("wanted").
    if w.ends_with("ed") && !w.ends_with("ted") && !w.ends_with("ded") && count > 1 {
        count -= 1;
    }
    count.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllable_counts() {
        for (word, n) in [
            ("cat", 1),
            ("make", 1),
            ("little", 2),
            ("played", 1),
            ("wanted", 2),
            ("wellbeing", 3),
            ("family", 3),
            ("being", 2),
            ("going", 2),
            ("sing", 1),
        ] {
            assert_eq!(syllables(word), n, "{word}");
        }
    }

    #[test]
    fn simple_text_is_low_grade_and_hard_text_is_high() {
        assert!(flesch_kincaid_grade("The cat sat on the mat.") < 2.0);
        let hard =
            "Notwithstanding the aforementioned considerations, confidentiality obligations necessitate documentation.";
        assert!(flesch_kincaid_grade(hard) > 12.0);
    }
}
