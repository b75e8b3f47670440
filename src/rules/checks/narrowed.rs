//! Cheaper equivalents of a costly pattern for the texts it is usually run
//! on. Compiling was most of a one-report audit: Unicode classes (`\w`,
//! `\p{L}`, `[^.]`, `.`) repeated (`{0,8}`, `{0,400}`) expand into thousands
//! of automaton states, yet a report's line is nearly always plain ASCII, and
//! otherwise made of a few Latin letters and punctuation. On a text whose
//! characters all belong to a set, every class of the pattern can be cut to
//! that set (and a literal outside it can never match) without changing a
//! match, its position or its groups: the narrowed pattern is a small
//! automaton, compiled instead of the whole one until a text needs it.

use std::cell::RefCell;

use regex_syntax::hir::{self, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look};

use crate::fasthash::IntMap;

/// The characters a narrowed pattern is valid for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Chars {
    /// ASCII only (most lines of a report).
    Ascii,
    /// ASCII with the non-ASCII punctuation and symbols a report's text is
    /// made of: Latin-1's (no-break space, °, ², ±, ×, ÷), general
    /// punctuation (dashes, quotes, bullets, ‰), arrows, mathematical
    /// operators, shapes, dingbats and the private-use area of symbol fonts.
    /// Letters beyond ASCII are left out: cut to this set, a class of letters
    /// or a case-insensitive letter stays (nearly) ASCII.
    Common,
}

impl Chars {
    /// The narrowest set holding every character of `text`, if any.
    pub(super) fn of(text: &str) -> Option<Chars> {
        if text.is_ascii() {
            Some(Chars::Ascii)
        } else if text.chars().all(is_common) {
            Some(Chars::Common)
        } else {
            None
        }
    }

    fn class(self) -> ClassUnicode {
        let ranges: &[(char, char)] = match self {
            Chars::Ascii => &[('\0', '\x7f')],
            Chars::Common => COMMON,
        };
        ClassUnicode::new(ranges.iter().map(|&(a, b)| ClassUnicodeRange::new(a, b)))
    }
}

const COMMON: &[(char, char)] = &[
    ('\0', '\u{bf}'),
    ('\u{d7}', '\u{d7}'),
    ('\u{f7}', '\u{f7}'),
    ('\u{2000}', '\u{20cf}'),
    ('\u{2190}', '\u{2bff}'),
    ('\u{e000}', '\u{f8ff}'),
    ('\u{fffd}', '\u{fffd}'),
];

fn is_common(c: char) -> bool {
    COMMON.iter().any(|&(a, b)| a <= c && c <= b)
}

/// What compiling `hir` roughly costs: the UTF-8 byte ranges of its classes
/// reaching beyond ASCII (each an automaton state or more; an ASCII class is
/// one), times how often a bounded repetition copies them.
pub(super) fn weight(hir: &Hir) -> u64 {
    fn walk(h: &Hir, times: u64) -> u64 {
        match h.kind() {
            HirKind::Class(Class::Unicode(c)) if !c.is_ascii() => {
                times.saturating_mul(sequences(c) as u64)
            }
            HirKind::Repetition(r) => walk(
                &r.sub,
                times.saturating_mul(u64::from(r.max.unwrap_or(1).max(1))),
            ),
            HirKind::Capture(c) => walk(&c.sub, times),
            HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().map(|x| walk(x, times)).sum(),
            _ => 0,
        }
    }
    walk(hir, 1)
}

/// How many UTF-8 byte-range sequences a class compiles to: counted once
/// per class and thread, as the same `\w`, `\s`, `\d` or `[^.]` recurs in
/// most patterns and counting a large one cost more than the rest of
/// planning a pattern.
fn sequences(c: &ClassUnicode) -> usize {
    thread_local! {
        static COUNTS: RefCell<IntMap<Vec<(char, char)>, usize>> = RefCell::default();
    }
    let key: Vec<(char, char)> = c.ranges().iter().map(|r| (r.start(), r.end())).collect();
    if let Some(n) = COUNTS.with(|m| m.borrow().get(&key).copied()) {
        return n;
    }
    let n = c
        .ranges()
        .iter()
        .map(|r| regex_syntax::utf8::Utf8Sequences::new(r.start(), r.end()).count())
        .sum();
    COUNTS.with(|m| {
        let mut m = m.borrow_mut();
        // Rule files of the user's may hold many classes: the memo stays small.
        if m.len() >= 4096 {
            m.clear();
        }
        m.insert(key, n);
    });
    n
}

/// Whether narrowing `hir` is worth compiling narrowed forms: it is costly,
/// and cut to the common characters (which most reports hold somewhere, so
/// that form is compiled too) it costs a third or less. Else the whole
/// pattern is compiled, as cheap as the narrowed ones together. `common`
/// is `hir` narrowed to the common characters.
pub(super) fn worth_narrowing(hir: &Hir, common: &Hir) -> bool {
    let whole = weight(hir);
    whole >= 500 && weight(common) * 3 <= whole
}

/// `hir` for texts made of `chars` only: each class cut to them, a literal
/// with another character never matching, and for ASCII the word boundaries
/// made ASCII (the same on such a text, and cheaper).
pub(super) fn narrow(h: &Hir, chars: Chars) -> Hir {
    narrow_with(h, &chars.class(), chars)
}

fn narrow_with(h: &Hir, set: &ClassUnicode, chars: Chars) -> Hir {
    let rec = |x: &Hir| narrow_with(x, set, chars);
    match h.kind() {
        HirKind::Empty | HirKind::Class(Class::Bytes(_)) => h.clone(),
        HirKind::Literal(l) => match std::str::from_utf8(&l.0) {
            Ok(t)
                if t.chars()
                    .any(|c| !set.ranges().iter().any(|r| r.start() <= c && c <= r.end())) =>
            {
                Hir::fail()
            }
            _ => h.clone(),
        },
        HirKind::Class(Class::Unicode(c)) => {
            let mut c = c.clone();
            c.intersect(set);
            Hir::class(Class::Unicode(c))
        }
        HirKind::Look(l) => Hir::look(if chars == Chars::Ascii {
            ascii_look(*l)
        } else {
            *l
        }),
        HirKind::Repetition(r) => Hir::repetition(hir::Repetition {
            min: r.min,
            max: r.max,
            greedy: r.greedy,
            sub: Box::new(rec(&r.sub)),
        }),
        HirKind::Capture(c) => Hir::capture(hir::Capture {
            index: c.index,
            name: c.name.clone(),
            sub: Box::new(rec(&c.sub)),
        }),
        HirKind::Concat(v) => Hir::concat(v.iter().map(rec).collect()),
        HirKind::Alternation(v) => Hir::alternation(v.iter().map(rec).collect()),
    }
}

/// A word boundary between ASCII characters is the same in both senses.
fn ascii_look(l: Look) -> Look {
    match l {
        Look::WordUnicode => Look::WordAscii,
        Look::WordUnicodeNegate => Look::WordAsciiNegate,
        Look::WordStartUnicode => Look::WordStartAscii,
        Look::WordEndUnicode => Look::WordEndAscii,
        Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
        Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
        other => other,
    }
}

/// Sets of literals such that every match of `hir` holds one literal of
/// each set, lower-cased, to be looked for ignoring ASCII case: a text
/// lacking every literal of a set cannot match, and the pattern need not be
/// compiled to say so. On the `narrow`ed form, for texts of its set (there a
/// case-insensitive ASCII letter is only itself in either case); on the
/// whole pattern, for any text (a letter with a third case form, "k" or "s",
/// is then no literal, so its literals are fewer).
/// The few surest sets with literals of three bytes or more; none when no
/// such set is known; a set without literals when nothing can match.
pub(super) fn needles(hir: &Hir) -> Vec<Needles> {
    let mut sets: Vec<Needles> = required(hir)
        .into_iter()
        .filter(|set| set.len() <= MAX_NEEDLES && set.iter().all(|n| n.len() >= 3))
        .collect();
    sets.sort_by_key(|set| std::cmp::Reverse(sureness(set)));
    sets.dedup();
    sets.truncate(MAX_SETS);
    sets
}

/// Literals one of which a match holds.
pub(super) type Needles = Vec<Vec<u8>>;

/// The most literals in a set, and the most sets, kept: more would make
/// looking for them cost like a search.
const MAX_NEEDLES: usize = 64;
const MAX_SETS: usize = 3;

/// How surely a set rules a text out: first none (nothing matches), then
/// the longer its shortest literal and the fewer its literals.
fn sureness(set: &Needles) -> (usize, std::cmp::Reverse<usize>) {
    let shortest = set.iter().map(Vec::len).min().unwrap_or(usize::MAX);
    (shortest, std::cmp::Reverse(set.len()))
}

/// The sets of literals every match of one node holds one of (an empty
/// set: it cannot match; no set: nothing is known).
fn required(h: &Hir) -> Vec<Needles> {
    match h.kind() {
        HirKind::Empty | HirKind::Look(_) | HirKind::Class(Class::Bytes(_)) => vec![],
        HirKind::Literal(_) | HirKind::Class(_) => match one_char(h) {
            Some(c) => vec![vec![c]],
            None if is_fail(h) => vec![vec![]],
            None => vec![],
        },
        HirKind::Repetition(r) if r.min >= 1 => required(&r.sub),
        HirKind::Repetition(_) => vec![],
        HirKind::Capture(c) => required(&c.sub),
        HirKind::Alternation(v) => {
            // One set: each branch's surest, together.
            let mut all: Needles = Vec::new();
            for x in v {
                let Some(best) = required(x).into_iter().max_by_key(sureness) else {
                    return vec![];
                };
                for n in best {
                    if !all.contains(&n) {
                        all.push(n);
                    }
                }
            }
            vec![all]
        }
        HirKind::Concat(v) => {
            // Each child's sets, and each run of single characters (a
            // case-insensitive word is a run of one-letter classes).
            let mut sets: Vec<Needles> = Vec::new();
            let mut run: Vec<u8> = Vec::new();
            for x in v {
                if let Some(c) = one_char(x) {
                    run.extend(c);
                    continue;
                }
                if !run.is_empty() {
                    sets.push(vec![std::mem::take(&mut run)]);
                }
                sets.extend(required(x));
            }
            if !run.is_empty() {
                sets.push(vec![run]);
            }
            sets
        }
    }
}

/// The bytes of a literal, or of a class of one character or of one ASCII
/// letter in both cases (lower-cased), else None.
fn one_char(h: &Hir) -> Option<Vec<u8>> {
    match h.kind() {
        HirKind::Literal(l) => Some(l.0.to_ascii_lowercase()),
        HirKind::Class(Class::Unicode(c)) => match c.ranges() {
            [r] if r.start() == r.end() => {
                Some(r.start().to_string().into_bytes().to_ascii_lowercase())
            }
            [a, b]
                if a.start() == a.end()
                    && b.start() == b.end()
                    && a.start().is_ascii_uppercase()
                    && b.start() == a.start().to_ascii_lowercase() =>
            {
                Some(vec![b.start() as u8])
            }
            _ => None,
        },
        _ => None,
    }
}

/// A class matching no character (what `narrow` makes of a literal outside
/// the set).
fn is_fail(h: &Hir) -> bool {
    matches!(h.kind(), HirKind::Class(Class::Unicode(c)) if c.ranges().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    fn both(pattern: &str, chars: Chars) -> (Regex, Regex) {
        let hir = regex_syntax::Parser::new().parse(pattern).unwrap();
        let narrowed = Regex::new(&narrow(&hir, chars).to_string()).unwrap();
        (Regex::new(pattern).unwrap(), narrowed)
    }

    fn spans(re: &Regex, text: &str) -> Vec<Vec<Option<(usize, usize)>>> {
        re.captures_iter(text)
            .map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect())
            .collect()
    }

    #[test]
    fn sets_of_texts() {
        assert_eq!(Chars::of("capaian 100%"), Some(Chars::Ascii));
        assert_eq!(
            Chars::of("target – realisasi “baik” • ≥ 90‰ ±2°"),
            Some(Chars::Common)
        );
        assert_eq!(Chars::of("señor"), None);
        assert_eq!(Chars::of("μ 北京"), None);
    }

    /// The same matches, groups and positions on texts of the set.
    #[test]
    fn narrowed_patterns_match_the_same() {
        let patterns = [
            r"(?i)(?:se)?makin\s+(?:tinggi|besar)\s+realisasi\W+(?:\w+\W+){0,8}?(?:se)?makin\s+baik",
            r"(?i)\bsasaran\s+(?P<n>\d+)\s*:[^.]{0,40}?predikat\s+(?P<label>\p{L}+)\b",
            r"^\s*(?:[A-H]\.\s+\p{Lu}\p{Ll}+(?:\s+\p{L}+){0,5}\s*$|x)",
            r"(?i)k.{0,3}s–",
        ];
        let texts = [
            "Semakin tinggi realisasi maka capaian akan semakin baik. makin besar realisasi x y makin baik",
            "Sasaran 2: capaian 95% dengan predikat Baik; sasaran 3 : predikat sangat",
            "A. Perencanaan Kinerja Tahunan",
            "K  s– kelvin ks–",
            "Sasaran 1: naik – “predikat” Baik • ﬁnal; semakin tinggi realisasi “x” semakin baik",
            "K\u{212a}s– ſ",
            "Ks– ſ ±½ × “a” ‿b",
        ];
        for p in patterns {
            for t in texts {
                let Some(chars) = Chars::of(t) else { continue };
                let (full, narrowed) = both(p, chars);
                assert_eq!(
                    spans(&full, t),
                    spans(&narrowed, t),
                    "{p} on {t:?} ({chars:?})"
                );
                let names: Vec<_> = full.capture_names().collect();
                assert_eq!(names, narrowed.capture_names().collect::<Vec<_>>());
            }
        }
    }

    /// A word boundary next to a non-ASCII letter differs between the two
    /// senses: such a text is not ASCII, so the ASCII form never sees it.
    #[test]
    fn a_text_beyond_the_set_is_not_narrowed() {
        assert_eq!(Chars::of("é"), None);
        assert_eq!(Chars::of("Ω"), None);
    }

    #[test]
    fn only_costly_patterns_are_narrowed() {
        let worth = |p: &str| {
            let hir = regex_syntax::Parser::new().parse(p).unwrap();
            worth_narrowing(&hir, &narrow(&hir, Chars::Common))
        };
        assert!(worth(r"(?:\w+\W+){0,8}"));
        assert!(worth(r"(?i)^\W*nomor\s*:?\s*(?P<number>[^*]+?)\W*$"));
        // Negated classes stay as costly on the common characters.
        assert!(!worth(r"[^.]{0,200}"));
        assert!(!worth(r"(?i)\btarget\b"));
        assert!(!worth(r"capaian\s+kinerja"));
    }
}
