//! The regular expressions written in the code, compiled with ASCII word
//! boundaries.
//!
//! A Unicode `\b` needs the Unicode word tables at each boundary: the regex
//! crate's lazy DFA gives up on a text with any character beyond ASCII (a
//! report's "–", "“", "≥") and the whole search falls back to the slower
//! backtracking or Pike VM engines. The reports are Indonesian, written in
//! ASCII letters: a boundary between a word and a letter beyond ASCII ("é",
//! "ﬁ") is all the ASCII `\b` reads otherwise. The rule files' patterns have
//! their own narrowed forms (`rules::checks::narrowed`).

use std::borrow::Cow;

use regex::Regex;

/// Compiles `pattern` with `\b` and `\B` as ASCII word boundaries.
pub fn compile(pattern: &str) -> Result<Regex, regex::Error> {
    Regex::new(&ascii_word_boundaries(pattern))
}

/// `pattern` with each `\b` and `\B` outside a character class written
/// `(?-u:\b)`, `(?-u:\B)`.
pub fn ascii_word_boundaries(pattern: &str) -> Cow<'_, str> {
    if !pattern.contains("\\b") && !pattern.contains("\\B") {
        return Cow::Borrowed(pattern);
    }
    let mut out = String::with_capacity(pattern.len() + 32);
    let mut class_depth = 0usize;
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(escaped) = chars.next() else {
                    out.push('\\');
                    break;
                };
                if class_depth == 0 && matches!(escaped, 'b' | 'B') {
                    out.push_str("(?-u:\\");
                    out.push(escaped);
                    out.push(')');
                } else {
                    out.push('\\');
                    out.push(escaped);
                }
                continue;
            }
            '[' => {
                out.push('[');
                class_depth += 1;
                // A ']' first in a class (after any '^') is a literal.
                if chars.peek() == Some(&'^') {
                    out.push('^');
                    chars.next();
                }
                if chars.peek() == Some(&']') {
                    out.push(']');
                    chars.next();
                }
                continue;
            }
            ']' if class_depth > 0 => class_depth -= 1,
            _ => {}
        }
        out.push(c);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_outside_classes_become_ascii() {
        assert_eq!(
            ascii_word_boundaries(r"(?i)\btahun\s+\d{4}\B"),
            r"(?i)(?-u:\b)tahun\s+\d{4}(?-u:\B)"
        );
        // Escapes and classes are copied as they are, a ']' first in a class too.
        assert_eq!(
            ascii_word_boundaries(r"[\]b][^]\\b]\\\b[[:alpha:]]\b"),
            r"[\]b][^]\\b]\\(?-u:\b)[[:alpha:]](?-u:\b)"
        );
        assert!(matches!(ascii_word_boundaries(r"\d+%"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_text_beyond_ascii_matches_as_before() {
        let re = compile(r"(?i)\b(?:Rp|IDR)\.?\s*\d+\b").expect("valid");
        let text = "Anggaran – “Rp 1500” ≥ xRp 20 dan Rp 30";
        let found: Vec<&str> = re.find_iter(text).map(|m| m.as_str()).collect();
        assert_eq!(found, ["Rp 1500", "Rp 30"]);
        // Only a letter beyond ASCII next to the boundary reads otherwise.
        assert!(compile(r"\bRp").expect("valid").is_match("éRp"));
        assert!(!Regex::new(r"\bRp").expect("valid").is_match("éRp"));
    }
}
