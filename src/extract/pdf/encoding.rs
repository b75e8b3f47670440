//! Simple-font encodings (WinAnsi, MacRoman, Standard) and glyph names → Unicode.

/// A base encoding of a simple font.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseEncoding {
    WinAnsi,
    MacRoman,
    Standard,
    /// Symbolic fonts: codes are read as WinAnsi when nothing better is known.
    Symbol,
}

impl BaseEncoding {
    pub fn from_name(name: &[u8]) -> Option<BaseEncoding> {
        match name {
            b"WinAnsiEncoding" => Some(BaseEncoding::WinAnsi),
            b"MacRomanEncoding" | b"MacExpertEncoding" => Some(BaseEncoding::MacRoman),
            b"StandardEncoding" => Some(BaseEncoding::Standard),
            _ => None,
        }
    }

    /// The text of `code` in this encoding.
    pub fn decode(self, code: u8) -> Option<String> {
        match self {
            BaseEncoding::WinAnsi | BaseEncoding::Symbol => {
                if code < 0x20 {
                    return None;
                }
                let bytes = [code];
                let (s, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
                Some(s.into_owned())
            }
            BaseEncoding::MacRoman => {
                if code < 0x20 {
                    return None;
                }
                let bytes = [code];
                let (s, _, _) = encoding_rs::MACINTOSH.decode(&bytes);
                Some(s.into_owned())
            }
            BaseEncoding::Standard => standard(code).map(str::to_string),
        }
    }
}

fn standard(code: u8) -> Option<&'static str> {
    Some(match code {
        0x27 => "\u{2019}",
        0x60 => "\u{2018}",
        0x20..=0x7e => return ascii(code),
        0xa1 => "¡",
        0xa2 => "¢",
        0xa3 => "£",
        0xa4 => "\u{2044}",
        0xa5 => "¥",
        0xa6 => "ƒ",
        0xa7 => "§",
        0xa8 => "¤",
        0xa9 => "'",
        0xaa => "\u{201c}",
        0xab => "«",
        0xac => "\u{2039}",
        0xad => "\u{203a}",
        0xae => "fi",
        0xaf => "fl",
        0xb1 => "\u{2013}",
        0xb2 => "\u{2020}",
        0xb3 => "\u{2021}",
        0xb4 => "·",
        0xb6 => "¶",
        0xb7 => "\u{2022}",
        0xb8 => "\u{201a}",
        0xb9 => "\u{201e}",
        0xba => "\u{201d}",
        0xbb => "»",
        0xbc => "\u{2026}",
        0xbd => "\u{2030}",
        0xbf => "¿",
        0xc1 => "`",
        0xc2 => "´",
        0xc3 => "ˆ",
        0xc4 => "˜",
        0xc5 => "¯",
        0xc6 => "˘",
        0xc7 => "˙",
        0xc8 => "¨",
        0xca => "˚",
        0xcb => "¸",
        0xcd => "˝",
        0xce => "˛",
        0xcf => "ˇ",
        0xd0 => "\u{2014}",
        0xe1 => "Æ",
        0xe3 => "ª",
        0xe8 => "Ł",
        0xe9 => "Ø",
        0xea => "Œ",
        0xeb => "º",
        0xf1 => "æ",
        0xf5 => "ı",
        0xf8 => "ł",
        0xf9 => "ø",
        0xfa => "œ",
        0xfb => "ß",
        _ => return None,
    })
}

const ASCII: &str = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";

fn ascii(code: u8) -> Option<&'static str> {
    let i = (code as usize).checked_sub(0x20)?;
    ASCII.get(i..i + 1)
}

/// Names of ASCII 0x20..=0x7e in order.
const ASCII_NAMES: [&str; 95] = [
    "space",
    "exclam",
    "quotedbl",
    "numbersign",
    "dollar",
    "percent",
    "ampersand",
    "quotesingle",
    "parenleft",
    "parenright",
    "asterisk",
    "plus",
    "comma",
    "hyphen",
    "period",
    "slash",
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "colon",
    "semicolon",
    "less",
    "equal",
    "greater",
    "question",
    "at",
    "A",
    "B",
    "C",
    "D",
    "E",
    "F",
    "G",
    "H",
    "I",
    "J",
    "K",
    "L",
    "M",
    "N",
    "O",
    "P",
    "Q",
    "R",
    "S",
    "T",
    "U",
    "V",
    "W",
    "X",
    "Y",
    "Z",
    "bracketleft",
    "backslash",
    "bracketright",
    "asciicircum",
    "underscore",
    "grave",
    "a",
    "b",
    "c",
    "d",
    "e",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "v",
    "w",
    "x",
    "y",
    "z",
    "braceleft",
    "bar",
    "braceright",
    "asciitilde",
];

/// Names of U+00A1..=U+00FF in order.
const LATIN1_NAMES: [&str; 95] = [
    "exclamdown",
    "cent",
    "sterling",
    "currency",
    "yen",
    "brokenbar",
    "section",
    "dieresis",
    "copyright",
    "ordfeminine",
    "guillemotleft",
    "logicalnot",
    "uni00AD",
    "registered",
    "macron",
    "degree",
    "plusminus",
    "twosuperior",
    "threesuperior",
    "acute",
    "mu",
    "paragraph",
    "periodcentered",
    "cedilla",
    "onesuperior",
    "ordmasculine",
    "guillemotright",
    "onequarter",
    "onehalf",
    "threequarters",
    "questiondown",
    "Agrave",
    "Aacute",
    "Acircumflex",
    "Atilde",
    "Adieresis",
    "Aring",
    "AE",
    "Ccedilla",
    "Egrave",
    "Eacute",
    "Ecircumflex",
    "Edieresis",
    "Igrave",
    "Iacute",
    "Icircumflex",
    "Idieresis",
    "Eth",
    "Ntilde",
    "Ograve",
    "Oacute",
    "Ocircumflex",
    "Otilde",
    "Odieresis",
    "multiply",
    "Oslash",
    "Ugrave",
    "Uacute",
    "Ucircumflex",
    "Udieresis",
    "Yacute",
    "Thorn",
    "germandbls",
    "agrave",
    "aacute",
    "acircumflex",
    "atilde",
    "adieresis",
    "aring",
    "ae",
    "ccedilla",
    "egrave",
    "eacute",
    "ecircumflex",
    "edieresis",
    "igrave",
    "iacute",
    "icircumflex",
    "idieresis",
    "eth",
    "ntilde",
    "ograve",
    "oacute",
    "ocircumflex",
    "otilde",
    "odieresis",
    "divide",
    "oslash",
    "ugrave",
    "uacute",
    "ucircumflex",
    "udieresis",
    "yacute",
    "thorn",
    "ydieresis",
];

const OTHER_NAMES: &[(&str, &str)] = &[
    ("Euro", "€"),
    ("quotesinglbase", "\u{201a}"),
    ("florin", "ƒ"),
    ("quotedblbase", "\u{201e}"),
    ("ellipsis", "\u{2026}"),
    ("dagger", "\u{2020}"),
    ("daggerdbl", "\u{2021}"),
    ("circumflex", "ˆ"),
    ("perthousand", "\u{2030}"),
    ("Scaron", "Š"),
    ("guilsinglleft", "\u{2039}"),
    ("OE", "Œ"),
    ("Zcaron", "Ž"),
    ("quoteleft", "\u{2018}"),
    ("quoteright", "\u{2019}"),
    ("quotedblleft", "\u{201c}"),
    ("quotedblright", "\u{201d}"),
    ("bullet", "\u{2022}"),
    ("endash", "\u{2013}"),
    ("emdash", "\u{2014}"),
    ("tilde", "˜"),
    ("trademark", "\u{2122}"),
    ("scaron", "š"),
    ("guilsinglright", "\u{203a}"),
    ("oe", "œ"),
    ("zcaron", "ž"),
    ("Ydieresis", "Ÿ"),
    ("fi", "fi"),
    ("fl", "fl"),
    ("ff", "ff"),
    ("ffi", "ffi"),
    ("ffl", "ffl"),
    ("dotlessi", "ı"),
    ("Lslash", "Ł"),
    ("lslash", "ł"),
    ("fraction", "\u{2044}"),
    ("minus", "\u{2212}"),
    ("nbspace", "\u{a0}"),
    ("sfthyphen", "\u{ad}"),
    ("softhyphen", "\u{ad}"),
    ("middot", "·"),
    ("mu1", "µ"),
    ("Delta", "Δ"),
    ("Omega", "Ω"),
    ("ring", "˚"),
    ("breve", "˘"),
    ("dotaccent", "˙"),
    ("hungarumlaut", "˝"),
    ("ogonek", "˛"),
    ("caron", "ˇ"),
    ("arrowright", "\u{2192}"),
    ("arrowleft", "\u{2190}"),
    ("checkmark", "\u{2713}"),
    ("lessequal", "\u{2264}"),
    ("greaterequal", "\u{2265}"),
    ("notequal", "\u{2260}"),
    ("infinity", "\u{221e}"),
    ("periodcentered", "·"),
    ("twodotenleader", "\u{2025}"),
    ("onedotenleader", "\u{2024}"),
];

/// Unicode text of a glyph name (Adobe Glyph List subset and uniXXXX / uXXXX[XX] forms).
/// Ligatures come back as their letters; `a.sc`-style suffixes are ignored.
pub fn glyph_name_to_unicode(name: &str) -> Option<String> {
    let base = name.split('.').next().unwrap_or(name);
    if base.is_empty() {
        return None;
    }
    if let Some(i) = ASCII_NAMES.iter().position(|n| *n == base) {
        return char::from_u32(0x20 + i as u32).map(String::from);
    }
    if let Some(i) = LATIN1_NAMES.iter().position(|n| *n == base) {
        return char::from_u32(0xa1 + i as u32).map(String::from);
    }
    if let Some((_, s)) = OTHER_NAMES.iter().find(|(n, _)| *n == base) {
        return Some((*s).to_string());
    }
    // Ligature names joined by underscores: "f_f_i".
    if base.contains('_') {
        let parts: Option<String> = base.split('_').map(glyph_name_to_unicode).collect();
        return parts;
    }
    if let Some(hex) = base.strip_prefix("uni")
        && hex.len() >= 4
        && hex.len() % 4 == 0
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
    {
        // uniXXXX or a sequence uniXXXXYYYY (UTF-16 code units in the AGL spec).
        let units: Vec<u16> = hex
            .as_bytes()
            .chunks(4)
            .filter_map(|c| std::str::from_utf8(c).ok())
            .filter_map(|c| u16::from_str_radix(c, 16).ok())
            .collect();
        let s = String::from_utf16_lossy(&units);
        return (!s.is_empty()).then_some(s);
    }
    if let Some(hex) = base.strip_prefix('u')
        && (4..=6).contains(&hex.len())
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
    {
        return u32::from_str_radix(hex, 16)
            .ok()
            .and_then(char::from_u32)
            .map(String::from);
    }
    None
}

/// Makes glyph text plain: ligatures become letters, soft hyphens and controls vanish.
pub fn normalise_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            '\u{fb05}' | '\u{fb06}' => out.push_str("st"),
            '\u{ad}' | '\u{200b}' | '\u{feff}' | '\u{fffd}' => {}
            // Unicode's hyphen and non-breaking hyphen (mupdf writes Word's
            // hyphens so) are the hyphen every pattern looks for.
            '\u{2010}' | '\u{2011}' => out.push('-'),
            // A tab is a space some producers map their space glyph to.
            '\t' | '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{3000}' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(crate::extract::plain_symbol(c)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_name_to_unicode("A").as_deref(), Some("A"));
        assert_eq!(glyph_name_to_unicode("eacute").as_deref(), Some("é"));
        assert_eq!(glyph_name_to_unicode("uni0041").as_deref(), Some("A"));
        assert_eq!(glyph_name_to_unicode("u1F600").as_deref(), Some("😀"));
        assert_eq!(glyph_name_to_unicode("f_f_i").as_deref(), Some("ffi"));
        assert_eq!(glyph_name_to_unicode("fi").as_deref(), Some("fi"));
        assert_eq!(glyph_name_to_unicode("zero.osf").as_deref(), Some("0"));
        assert_eq!(glyph_name_to_unicode("g123"), None);
    }

    #[test]
    fn encodings() {
        assert_eq!(BaseEncoding::WinAnsi.decode(0x80).as_deref(), Some("€"));
        assert_eq!(BaseEncoding::MacRoman.decode(0x8e).as_deref(), Some("é"));
        assert_eq!(
            BaseEncoding::Standard.decode(0x27).as_deref(),
            Some("\u{2019}")
        );
        assert_eq!(normalise_text("e\u{fb03}cient\u{ad}"), "efficient");
        assert_eq!(normalise_text("a\tb"), "a b");
        assert_eq!(
            normalise_text("\u{1D443}\u{1D452}\u{1D45F}\u{210E} \u{1D7D0}\u{1D7CE}"),
            "Perh 20"
        );
        assert_eq!(normalise_text("\u{1D6A8}"), "\u{1D6A8}");
        assert_eq!(normalise_text("\u{f0b7} a \u{f0d8} b"), "• a • b");
        assert_eq!(
            normalise_text("Undang\u{2011}undang 2013 \u{2010} 2018"),
            "Undang-undang 2013 - 2018"
        );
    }
}
