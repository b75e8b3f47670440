//! CMaps: ToUnicode (bfchar, bfrange with arrays) and the codespace ranges that
//! say how many bytes a character code takes in a Type0 font.

use std::collections::HashMap;

/// Hard cap on mappings from one CMap (a crafted bfrange can span 2^32 codes).
const MAX_MAPPINGS: usize = 200_000;

#[derive(Debug, Clone, Default)]
pub struct CMap {
    /// (byte length, low, high) of each codespace range.
    pub codespace: Vec<(usize, u32, u32)>,
    /// (code, byte length) → text.
    pub map: HashMap<(u32, u8), String>,
    /// Ranges kept unexpanded: (len, low, high, first destination as UTF-16 units).
    ranges: Vec<(u8, u32, u32, Vec<u16>)>,
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Hex(Vec<u8>),
    Name,
    Num,
    Word(String),
    Open,
    Close,
}

fn tokenize(data: &[u8]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        match c {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let start = i + 1;
                let mut j = start;
                while j < data.len() && data[j] != b'>' {
                    j += 1;
                }
                let digits: Vec<u8> = data[start..j.min(data.len())]
                    .iter()
                    .copied()
                    .filter(u8::is_ascii_hexdigit)
                    .collect();
                out.push(Token::Hex(hex_bytes(&digits)));
                i = j + 1;
            }
            b'[' => {
                out.push(Token::Open);
                i += 1;
            }
            b']' => {
                out.push(Token::Close);
                i += 1;
            }
            b'(' => {
                // Literal strings are rare in CMaps; skip them balanced.
                let mut depth = 0usize;
                while i < data.len() {
                    match data[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                i += 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                out.push(Token::Name);
            }
            b'/' => {
                i += 1;
                while i < data.len() && !is_delim(data[i]) {
                    i += 1;
                }
                out.push(Token::Name);
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                let start = i;
                while i < data.len() && !is_delim(data[i]) {
                    i += 1;
                }
                if i == start {
                    i += 1;
                    continue;
                }
                let word = String::from_utf8_lossy(&data[start..i]).into_owned();
                if word.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '.') {
                    out.push(Token::Num);
                } else {
                    out.push(Token::Word(word));
                }
            }
        }
    }
    out
}

/// The bytes a hex string's digits write. Five digits are a code point
/// beyond U+FFFF written as such (MuPDF writes `<1d443>` for U+1D443 in a
/// ToUnicode destination, where UTF-16 wants `<d835dc43>`): read as its
/// UTF-16 surrogate pair, not as three bytes padded with a zero.
fn hex_bytes(digits: &[u8]) -> Vec<u8> {
    if digits.len() == 5 {
        let value = digits
            .iter()
            .fold(0u32, |acc, &d| (acc << 4) | hex_val(d) as u32);
        if let Some(c) = char::from_u32(value).filter(|&c| c as u32 > 0xFFFF) {
            let mut units = [0u16; 2];
            return c
                .encode_utf16(&mut units)
                .iter()
                .flat_map(|u| u.to_be_bytes())
                .collect();
        }
    }
    let mut bytes = Vec::with_capacity(digits.len() / 2 + 1);
    for pair in digits.chunks(2) {
        let hi = hex_val(pair[0]);
        let lo = pair.get(1).map(|&d| hex_val(d)).unwrap_or(0);
        bytes.push(hi << 4 | lo);
    }
    bytes
}

fn is_delim(c: u8) -> bool {
    c.is_ascii_whitespace() || b"()<>[]{}/%".contains(&c)
}

fn hex_val(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        b'A'..=b'F' => c - b'A' + 10,
        _ => 0,
    }
}

fn code_of(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |acc, &b| (acc << 8) | b as u32)
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|c| {
            if c.len() == 2 {
                u16::from_be_bytes([c[0], c[1]])
            } else {
                c[0] as u16
            }
        })
        .collect()
}

fn units_to_string(units: &[u16]) -> String {
    String::from_utf16_lossy(units)
}

impl CMap {
    /// Parses a CMap stream (ToUnicode or an embedded encoding CMap).
    pub fn parse(data: &[u8]) -> CMap {
        let tokens = tokenize(data);
        let mut cmap = CMap::default();
        let mut i = 0;
        let mut count = 0usize;
        while i < tokens.len() {
            match &tokens[i] {
                Token::Word(w) if w == "begincodespacerange" => {
                    i += 1;
                    while let (Some(Token::Hex(lo)), Some(Token::Hex(hi))) =
                        (tokens.get(i), tokens.get(i + 1))
                    {
                        if !lo.is_empty() && lo.len() <= 4 {
                            cmap.codespace.push((lo.len(), code_of(lo), code_of(hi)));
                        }
                        i += 2;
                    }
                }
                Token::Word(w) if w == "beginbfchar" || w == "begincidchar" => {
                    i += 1;
                    while let (Some(Token::Hex(src)), Some(dst)) =
                        (tokens.get(i), tokens.get(i + 1))
                    {
                        if let Token::Hex(dst) = dst
                            && count < MAX_MAPPINGS
                            && !src.is_empty()
                            && src.len() <= 4
                        {
                            cmap.map.insert(
                                (code_of(src), src.len() as u8),
                                units_to_string(&utf16_units(dst)),
                            );
                            count += 1;
                        }
                        i += 2;
                    }
                }
                Token::Word(w) if w == "beginbfrange" => {
                    i += 1;
                    while let (Some(Token::Hex(lo)), Some(Token::Hex(hi))) =
                        (tokens.get(i), tokens.get(i + 1))
                    {
                        if lo.is_empty() || lo.len() > 4 {
                            i += 2;
                            continue;
                        }
                        let len = lo.len() as u8;
                        let (lo, hi) = (code_of(lo), code_of(hi));
                        match tokens.get(i + 2) {
                            Some(Token::Hex(dst)) => {
                                if hi >= lo {
                                    cmap.ranges.push((len, lo, hi, utf16_units(dst)));
                                }
                                i += 3;
                            }
                            Some(Token::Open) => {
                                let mut j = i + 3;
                                let mut code = lo;
                                while let Some(Token::Hex(dst)) = tokens.get(j) {
                                    if count < MAX_MAPPINGS && code <= hi {
                                        cmap.map.insert(
                                            (code, len),
                                            units_to_string(&utf16_units(dst)),
                                        );
                                        count += 1;
                                    }
                                    code = code.saturating_add(1);
                                    j += 1;
                                }
                                if let Some(Token::Close) = tokens.get(j) {
                                    j += 1;
                                }
                                i = j;
                            }
                            _ => {
                                i += 3;
                            }
                        }
                    }
                }
                _ => i += 1,
            }
        }
        cmap
    }

    /// Text of a code of `len` bytes.
    pub fn lookup(&self, code: u32, len: usize) -> Option<String> {
        let len8 = len as u8;
        if let Some(s) = self.map.get(&(code, len8)) {
            return Some(s.clone());
        }
        for (l, lo, hi, dst) in &self.ranges {
            if *l == len8 && code >= *lo && code <= *hi {
                let mut units = dst.clone();
                let offset = code - lo;
                // The last unit is incremented (PDF 32000 9.10.3).
                if let Some(last) = units.last_mut() {
                    *last = last.wrapping_add(offset as u16);
                }
                return Some(units_to_string(&units));
            }
        }
        None
    }

    /// The smallest code whose text is `text` (one UTF-16 unit for a range).
    pub fn code_of(&self, text: &str) -> Option<u32> {
        let mapped = self
            .map
            .iter()
            .filter(|(_, t)| t.as_str() == text)
            .map(|(&(code, _), _)| code);
        let unit = {
            let mut units = text.encode_utf16();
            units.next().filter(|_| units.next().is_none())
        };
        let ranged = self.ranges.iter().filter_map(|(_, lo, hi, dst)| {
            let (&last, first) = dst.split_last()?;
            // Only the last unit varies across a range.
            let wanted = unit.filter(|_| first.is_empty())?;
            let offset = u32::from(wanted.checked_sub(last)?);
            let code = lo.checked_add(offset)?;
            (code <= *hi).then_some(code)
        });
        mapped.chain(ranged).min()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty() && self.ranges.is_empty()
    }

    /// The codes of a string by the codespace ranges (default: `default_len` bytes each),
    /// as (code, length); a code cut short by the string's end has its declared length.
    pub fn codes<'s>(
        &'s self,
        bytes: &'s [u8],
        default_len: usize,
    ) -> impl Iterator<Item = (u32, usize)> + 's {
        let mut i = 0;
        std::iter::from_fn(move || {
            let rest = bytes.get(i..).filter(|r| !r.is_empty())?;
            let mut len = 0;
            if !self.codespace.is_empty() {
                for n in 1..=4usize {
                    let Some(chunk) = rest.get(..n) else {
                        break;
                    };
                    let code = code_of(chunk);
                    if self
                        .codespace
                        .iter()
                        .any(|(l, lo, hi)| *l == n && code >= *lo && code <= *hi)
                    {
                        len = n;
                        break;
                    }
                }
            }
            if len == 0 {
                len = default_len.clamp(1, 4);
            }
            let code = code_of(rest.get(..len).unwrap_or(rest));
            i += len;
            Some((code, len))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bfchar_bfrange_and_arrays() {
        let data = b"/CIDInit /ProcSet findresource begin
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0003> <0020> <0011> <00660069> endbfchar
2 beginbfrange <0024> <0026> <0041>
<0030> <0031> [<0061> <D83DDE00>] endbfrange
endcmap";
        let c = CMap::parse(data);
        assert_eq!(c.lookup(3, 2).as_deref(), Some(" "));
        assert_eq!(c.lookup(0x11, 2).as_deref(), Some("fi"));
        assert_eq!(c.lookup(0x26, 2).as_deref(), Some("C"));
        assert_eq!(c.lookup(0x30, 2).as_deref(), Some("a"));
        assert_eq!(c.lookup(0x31, 2).as_deref(), Some("😀"));
        assert_eq!(
            c.codes(&[0, 0x24, 0, 0x25], 1).collect::<Vec<_>>(),
            vec![(0x24, 2), (0x25, 2)]
        );
    }

    #[test]
    fn code_point_beyond_bmp_written_in_five_digits() {
        // As `mutool convert` writes a Cambria Math italic letter's text.
        let data = b"1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0732> <1d443> <0010> <004d> endbfchar
1 beginbfrange <0740> <0741> <1d44e> endbfrange";
        let c = CMap::parse(data);
        assert_eq!(c.lookup(0x732, 2).as_deref(), Some("\u{1D443}"));
        assert_eq!(c.lookup(0x10, 2).as_deref(), Some("M"));
        assert_eq!(c.lookup(0x741, 2).as_deref(), Some("\u{1D44F}"));
    }

    #[test]
    fn code_of_a_text() {
        let c = CMap::parse(
            b"3 beginbfchar <0003> <0020> <0001> <0020> <0011> <00660069> endbfchar
1 beginbfrange <0024> <0030> <0041> endbfrange",
        );
        assert_eq!(c.code_of(" "), Some(1));
        assert_eq!(c.code_of("fi"), Some(0x11));
        assert_eq!(c.code_of("C"), Some(0x26));
        assert_eq!(c.code_of("Z"), None);
        let r = CMap::parse(b"1 beginbfrange <0001> <0005> <001E> endbfrange");
        assert_eq!(r.code_of(" "), Some(3));
    }

    #[test]
    fn mixed_byte_codespace() {
        let data = b"2 begincodespacerange <00> <80> <8140> <9FFC> endcodespacerange";
        let c = CMap::parse(data);
        assert_eq!(
            c.codes(&[0x41, 0x81, 0x40, 0x42], 2).collect::<Vec<_>>(),
            vec![(0x41, 1), (0x8140, 2), (0x42, 1)]
        );
    }
}
