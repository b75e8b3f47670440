//! The regular expressions written in the code and in the rule files,
//! compiled with ASCII word boundaries and with digit, word and letter
//! classes of the characters a report writes.
//!
//! A Unicode `\b` needs the Unicode word tables at each boundary: the regex
//! crate's lazy DFA gives up on a text with any character beyond ASCII (a
//! report's "–", "“", "≥") and the whole search falls back to the slower
//! backtracking or Pike VM engines. Unicode's `\d`, `\w` and `\W` are
//! classes of hundreds of ranges, whose automata cost most of a pattern's
//! compile time in a process that audits one file. The reports are
//! Indonesian: their digits are ASCII digits and their letters Latin ones,
//! accented at most ("é" in a name). So `\b` is ASCII's, `\d` is `[0-9]`, and
//! a word character is an ASCII letter, digit or "_", or a Latin letter of
//! U+00C0–U+024F. A rule file's pattern is compiled so when whole; its
//! narrowed forms (`rules::checks::narrowed`) are exact for the texts they
//! are used on. Patterns built from a report's own words keep Unicode's
//! classes.

use std::borrow::Cow;

use regex::Regex;

/// Compiles `pattern` with the classes of `plain_classes`, or as written
/// where those do not compile (a rule's `(?-u)` group, where the classes'
/// accented letters would be bytes).
pub fn compile(pattern: &str) -> Result<Regex, regex::Error> {
    compile_with(pattern, Regex::new)
}

/// `compile` with `build` making the regex (a rule file's pattern goes
/// through its cache of compiled patterns).
pub fn compile_with(
    pattern: &str,
    build: impl Fn(&str) -> Result<Regex, regex::Error>,
) -> Result<Regex, regex::Error> {
    match plain_classes(pattern) {
        Cow::Owned(plain) => build(&plain).or_else(|_| build(pattern)),
        Cow::Borrowed(_) => build(pattern),
    }
}

/// A word character: an ASCII letter, digit or "_", or a Latin letter with
/// an accent (U+00C0–U+024F less "×" and "÷"), as a class's items.
const WORD: &str = r"0-9A-Za-z_\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{24F}";

/// A letter (`\p{L}`) of the Latin script: ASCII's, Latin-1's ("ª", "µ",
/// "º" and the accented ones) and Latin Extended-A and -B's.
const LETTER: &str = r"A-Za-z\x{AA}\x{B5}\x{BA}\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{24F}";

/// `pattern` with, outside a character class, `\b` and `\B` written
/// `(?-u:\b)`, `(?-u:\B)`, `\d` and `\D` as `[0-9]`, `[^0-9]`, `\w` and `\W`
/// as the class of `WORD` and its complement, `\p{L}` as the class of
/// `LETTER`; inside one, `\d`, `\w` and `\p{L}` as those ranges.
pub fn plain_classes(pattern: &str) -> Cow<'_, str> {
    if !pattern.contains('\\') {
        return Cow::Borrowed(pattern);
    }
    let mut out = String::with_capacity(pattern.len() + 64);
    let mut class_depth = 0usize;
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(escaped) = chars.next() else {
                    out.push('\\');
                    break;
                };
                let inside = class_depth > 0;
                match escaped {
                    'b' | 'B' if !inside => {
                        out.push_str("(?-u:\\");
                        out.push(escaped);
                        out.push(')');
                    }
                    'd' if inside => out.push_str("0-9"),
                    'd' => out.push_str("[0-9]"),
                    'D' if !inside => out.push_str("[^0-9]"),
                    'w' if inside => out.push_str(WORD),
                    'w' => {
                        out.push('[');
                        out.push_str(WORD);
                        out.push(']');
                    }
                    'W' if !inside => {
                        out.push_str("[^");
                        out.push_str(WORD);
                        out.push(']');
                    }
                    'p' if chars.peek() == Some(&'{') && rest_starts(&chars, "{L}") => {
                        for _ in 0..3 {
                            chars.next();
                        }
                        if inside {
                            out.push_str(LETTER);
                        } else {
                            out.push('[');
                            out.push_str(LETTER);
                            out.push(']');
                        }
                    }
                    _ => {
                        out.push('\\');
                        out.push(escaped);
                    }
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

/// Whether the characters still to come start with `text`.
fn rest_starts(chars: &std::iter::Peekable<std::str::Chars<'_>>, text: &str) -> bool {
    chars.clone().take(text.chars().count()).eq(text.chars())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_outside_and_inside_brackets_are_rewritten() {
        assert_eq!(
            plain_classes(r"(?i)\btahun\s+\d{4}\B\D"),
            r"(?i)(?-u:\b)tahun\s+[0-9]{4}(?-u:\B)[^0-9]"
        );
        assert_eq!(
            plain_classes(r"\w+\W[\d.,\w]"),
            format!("[{WORD}]+[^{WORD}][0-9.,{WORD}]")
        );
        assert_eq!(
            plain_classes(r"\p{L}+[\p{L}/]"),
            format!("[{LETTER}]+[{LETTER}/]")
        );
        // Other escapes and classes are copied as they are, a ']' first in a
        // class too; nothing to rewrite, nothing copied.
        assert_eq!(
            plain_classes(r"[\]b][^]\\b]\\\b[[:alpha:]]\b\s\p{Lu}[\W]"),
            r"[\]b][^]\\b]\\(?-u:\b)[[:alpha:]](?-u:\b)\s\p{Lu}[\W]"
        );
        assert!(matches!(plain_classes(r"^[0-9]+%$"), Cow::Borrowed(_)));
    }

    /// The matches of `pattern`, compiled by `compile`, in `text`.
    fn found<'t>(pattern: &str, text: &'t str) -> Vec<&'t str> {
        let re = compile(pattern).expect("valid");
        re.find_iter(text).map(|m| m.as_str()).collect()
    }

    #[test]
    fn a_report_s_text_matches_as_with_unicode_classes() {
        let text = "Anggaran – “Rp 1500” ≥ xRp 20 dan Rp 30";
        assert_eq!(
            found(r"(?i)\b(?:Rp|IDR)\.?\s*\d+\b", text),
            ["Rp 1500", "Rp 30"]
        );
        // An accented Latin letter is a word character, a dash or a quote is not.
        assert_eq!(found(r"\w+", "“Café” – ruang_2"), ["Café", "ruang_2"]);
        assert_eq!(
            found(r"\p{L}+", "Ruang-Kantor 2 Cabé"),
            ["Ruang", "Kantor", "Cabé"]
        );
        // Where the classes cannot be written so, the pattern is compiled as written.
        assert!(compile(r"(?-u:\w)+").expect("valid").is_match("kata"));
        // Only a letter beyond ASCII next to a boundary reads otherwise.
        assert!(compile(r"\bRp").expect("valid").is_match("éRp"));
        assert!(!Regex::new(r"\bRp").expect("valid").is_match("éRp"));
    }
}
