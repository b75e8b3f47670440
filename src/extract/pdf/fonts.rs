//! Fonts: how a string's bytes become character codes, text and widths.

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use lopdf::{Dictionary, Document as PdfDoc, Object};

use super::cmap::CMap;
use super::encoding::{BaseEncoding, glyph_name_to_unicode, normalise_text};
use super::objects::{
    IntMap, array_f32, decode_stream, deref, dict_of, name_of, num, stream_bytes,
};
use super::truetype;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FontKind {
    Simple,
    Type0,
    Type3,
}

/// Distinct character codes of one font whose decoding is remembered.
const MAX_MEMO: usize = 65_536;

/// One decoded character.
#[derive(Debug, Clone)]
pub struct Char {
    /// Its text, shared by every glyph of this code.
    pub text: Rc<str>,
    /// Advance in text space before Tfs/Th scaling (glyph width / 1000 for most fonts).
    pub width: f32,
    /// A single-byte code 32: word spacing (Tw) applies.
    pub is_space_code: bool,
    /// The text is white space only (or empty).
    pub blank: bool,
}

#[derive(Debug, Clone)]
pub struct Font {
    pub kind: FontKind,
    pub bold: bool,
    /// An object the font names is missing (a truncated file): its text may
    /// decode wrongly, so the page counts as damaged.
    pub damaged: bool,
    to_unicode: Option<CMap>,
    /// Codespace of a Type0 font's encoding CMap (Identity-H: 2 bytes).
    codespace: Option<CMap>,
    /// Simple fonts: text of each code.
    table: Vec<Option<String>>,
    /// Embedded TrueType fallback for symbolic fonts with no ToUnicode.
    embedded: OnceCell<HashMap<u32, String>>,
    /// The embedded font (FontFile2) it is read from when first needed, and
    /// whether its codes are CIDs: most fonts never need it, and inflating
    /// the font program was a tenth of reading a PDF.
    embedded_font: Option<(Box<lopdf::Stream>, bool)>,
    /// Symbolic simple font: the embedded font's tables come before the encoding.
    prefer_embedded: bool,
    /// Type0 font whose ToUnicode maps many glyphs to a space (Word's math
    /// font: every italic letter of an equation "is" U+0020): a glyph it
    /// maps to white space is read from the embedded font's own cmap.
    blank_glyphs: bool,
    /// Looked up for every string shown (the space's width): a fast hash.
    widths: IntMap<u32, f32>,
    default_width: f32,
    /// Glyph space → text space (0.001, or a Type3 FontMatrix's a).
    scale: f32,
    /// Type0 with an Identity or other CID CMap: codes are CIDs.
    std_widths: Option<&'static [u16; 95]>,
    std_default: f32,
    /// Type0: the advance of a space in text space before Tfs/Th scaling (see `space_width`).
    cid_space: f32,
    /// Characters decoded so far, by (code << 8 | byte length).
    memo: RefCell<IntMap<u64, Char>>,
}

/// True when one of `keys` of `dict` refers to an object the file does not have.
fn names_missing(doc: &PdfDoc, dict: &Dictionary, keys: &[&[u8]]) -> bool {
    keys.iter()
        .any(|k| matches!(dict.get(k), Ok(Object::Reference(id)) if !doc.objects.contains_key(id)))
}

impl Font {
    /// A stand-in when a font cannot be read: Latin-1-ish text with average widths.
    pub fn fallback() -> Font {
        Font {
            kind: FontKind::Simple,
            bold: false,
            damaged: false,
            to_unicode: None,
            codespace: None,
            table: (0..=255u8)
                .map(|c| BaseEncoding::WinAnsi.decode(c))
                .collect(),
            embedded: OnceCell::new(),
            embedded_font: None,
            prefer_embedded: false,
            blank_glyphs: false,
            widths: IntMap::default(),
            default_width: 500.0,
            scale: 0.001,
            std_widths: None,
            std_default: 500.0,
            cid_space: 0.0,
            memo: RefCell::default(),
        }
    }

    /// Reads a font dictionary: what is common to every font, then the
    /// Type0 or simple (Type1, TrueType, Type3) specifics.
    pub fn load(doc: &PdfDoc, dict: &Dictionary) -> Font {
        let fd = FontDict { doc, dict };
        let subtype = fd.name(b"Subtype").unwrap_or(b"");
        let base_font = fd
            .name(b"BaseFont")
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default();
        let mut font = Font::fallback();
        font.to_unicode = fd
            .stream(b"ToUnicode")
            .map(|b| CMap::parse(&b))
            .filter(|c| !c.is_empty());
        font.bold = is_bold_name(&base_font);
        // What decodes the text is gone: its map to Unicode, its encoding, or —
        // when there is no map — the embedded font the text is read through.
        let descriptor = dict
            .get(b"FontDescriptor")
            .ok()
            .and_then(|o| dict_of(doc, o));
        font.damaged = names_missing(doc, dict, &[b"ToUnicode", b"Encoding", b"DescendantFonts"])
            || (font.to_unicode.is_none()
                && (names_missing(doc, dict, &[b"FontDescriptor"])
                    || descriptor.is_some_and(|fd| {
                        names_missing(doc, fd, &[b"FontFile", b"FontFile2", b"FontFile3"])
                    })));
        if subtype == b"Type0" {
            font.load_type0(fd);
        } else {
            font.load_simple(fd, subtype, &base_font);
        }
        font
    }

    /// A composite font: its encoding CMap's codespace, and from its
    /// descendant CID font the widths (/DW, /W) and the descriptor.
    fn load_type0(&mut self, fd: FontDict) {
        self.kind = FontKind::Type0;
        self.table.clear();
        self.codespace = match fd.get(b"Encoding") {
            Some(Object::Stream(_)) => fd.stream(b"Encoding").map(|b| CMap::parse(&b)),
            _ => None,
        };
        self.default_width = 1000.0;
        let Some(cid_font) = fd
            .array(b"DescendantFonts")
            .and_then(|a| a.first())
            .and_then(|o| dict_of(fd.doc, o))
            .map(|dict| FontDict { doc: fd.doc, dict })
        else {
            return;
        };
        if let Some(dw) = cid_font.num(b"DW") {
            self.default_width = dw;
        }
        if let Some(w) = cid_font.array(b"W") {
            self.widths = cid_widths(w, |o| deref(fd.doc, o));
        }
        // Glyph ids are read as CIDs only through an identity map.
        let identity = cid_font
            .get(b"CIDToGIDMap")
            .is_none_or(|o| name_of(o) == Some(b"Identity".as_slice()));
        self.blank_glyphs = identity && self.to_unicode.as_ref().is_some_and(maps_glyphs_to_spaces);
        if let Some(descriptor) = cid_font.dict(b"FontDescriptor") {
            self.bold |= descriptor.bold();
            if self.to_unicode.is_none() || self.blank_glyphs {
                self.embedded_font = descriptor.embedded_font(true);
            }
        }
        // The space: the glyph ToUnicode maps to U+0020. Without one the
        // space is not known (0): /DW or a median glyph (430-800 units in
        // the real reports) would only ever raise the gap read as a word
        // space (half of it is over the 0.2 em cap), and beside a glyph of a
        // font whose space is known it would override that one.
        self.cid_space = self
            .to_unicode
            .as_ref()
            .and_then(|c| c.code_of(" "))
            .map_or(0.0, |code| self.width(code) * self.scale);
    }

    /// A simple font: flags and widths from its descriptor, the standard 14
    /// metrics, the code table (base encoding and /Differences), /FirstChar
    /// and /Widths, and a Type3 font's matrix.
    fn load_simple(&mut self, fd: FontDict, subtype: &[u8], base_font: &str) {
        self.kind = if subtype == b"Type3" {
            FontKind::Type3
        } else {
            FontKind::Simple
        };
        let descriptor = fd.dict(b"FontDescriptor");
        let flags = descriptor.and_then(|d| d.num(b"Flags")).unwrap_or(0.0) as u32;
        let symbolic = flags & 4 != 0 && flags & 32 == 0;
        if let Some(d) = descriptor {
            self.bold |= d.bold();
            if let Some(mw) = d.num(b"MissingWidth") {
                self.default_width = mw;
            }
        }
        let std = standard_widths(base_font);
        if let Some((table, default)) = std {
            self.std_widths = table;
            self.std_default = default;
            if descriptor.is_none() {
                self.default_width = default;
            }
        }
        let (entry, differences) = match fd.get(b"Encoding") {
            Some(Object::Name(n)) => (EncodingEntry::Name(n), None),
            Some(Object::Dictionary(d)) => {
                let enc = FontDict {
                    doc: fd.doc,
                    dict: d,
                };
                (
                    EncodingEntry::Dict(enc.name(b"BaseEncoding")),
                    enc.array(b"Differences"),
                )
            }
            _ => (EncodingEntry::None, None),
        };
        let embedded = descriptor.is_some() && std.is_none();
        let base = base_encoding(subtype, base_font, symbolic, embedded, entry);
        self.table = (0..=255u8).map(|c| base.decode(c)).collect();
        if let Some(items) = differences {
            apply_differences(&mut self.table, items, symbolic, |o| deref(fd.doc, o));
        }
        if self.to_unicode.is_none()
            && (symbolic || subtype == b"TrueType")
            && let Some(d) = descriptor
        {
            self.embedded_font = d.embedded_font(false);
            self.prefer_embedded = symbolic;
        }
        let first = fd.num(b"FirstChar").unwrap_or(0.0) as u32;
        if let Some(ws) = fd.array(b"Widths") {
            self.widths = simple_widths(first, ws, |o| deref(fd.doc, o));
        }
        if subtype == b"Type3" {
            let m = fd
                .get(b"FontMatrix")
                .map(|o| array_f32(fd.doc, o))
                .unwrap_or_default();
            self.scale = m
                .first()
                .copied()
                .filter(|a| a.is_finite() && *a != 0.0)
                .map(f32::abs)
                .unwrap_or(0.001);
            if descriptor.is_none() {
                self.default_width = 0.0;
            }
        }
    }

    /// Calls `f` with each character of a shown string, in order.
    pub fn each_char(&self, bytes: &[u8], mut f: impl FnMut(Char)) {
        match self.kind {
            FontKind::Type0 => {
                let cs = self
                    .codespace
                    .as_ref()
                    .filter(|c| !c.codespace.is_empty())
                    .or(self.to_unicode.as_ref().filter(|c| !c.codespace.is_empty()));
                match cs {
                    Some(c) => c
                        .codes(bytes, 2)
                        .for_each(|(code, len)| f(self.char(code, len))),
                    None => bytes.chunks(2).for_each(|c| {
                        f(self.char(c.iter().fold(0u32, |a, &b| (a << 8) | b as u32), 2))
                    }),
                }
            }
            _ => bytes.iter().for_each(|&b| f(self.char(b as u32, 1))),
        }
    }

    /// The character of a code `len` bytes long (remembered once decoded).
    fn char(&self, code: u32, len: usize) -> Char {
        let key = (u64::from(code) << 8) | (len as u64 & 0xff);
        if let Some(c) = self.memo.borrow().get(&key) {
            return c.clone();
        }
        let c = self.decode_char(code, len);
        let mut memo = self.memo.borrow_mut();
        if memo.len() < MAX_MEMO {
            memo.insert(key, c.clone());
        }
        c
    }

    fn decode_char(&self, code: u32, len: usize) -> Char {
        let text = self
            .to_unicode
            .as_ref()
            .and_then(|c| c.lookup(code, len))
            .map(|t| {
                if self.blank_glyphs && t.chars().all(char::is_whitespace) {
                    self.embedded()
                        .get(&code)
                        .filter(|e| !e.chars().all(char::is_whitespace))
                        .map(|e| e.chars().map(plain_math_letter).collect())
                        .unwrap_or(t)
                } else {
                    t
                }
            })
            .or_else(|| {
                let embedded = || self.embedded().get(&code).cloned();
                let table = || self.table.get(code as usize).cloned().flatten();
                if self.prefer_embedded || self.kind == FontKind::Type0 {
                    embedded().or_else(table)
                } else {
                    table().or_else(embedded)
                }
            })
            .unwrap_or_default();
        let width = self.width(code) * self.scale;
        // A soft hyphen that is drawn is seen: a hyphen (at a line's end it
        // joins the word as a typed one does). Only one without width is a
        // mere break point inside a word.
        let text = if text == "\u{ad}" && width > 0.0 {
            "-".to_string()
        } else {
            normalise_text(&text)
        };
        Char {
            blank: text.chars().all(char::is_whitespace),
            text: Rc::from(text),
            width,
            is_space_code: len == 1 && code == 32,
        }
    }

    /// Advance of the font's space in text space before Tfs/Th scaling: code
    /// 32 of a simple font, the glyph a Type0 font's ToUnicode maps to U+0020;
    /// 0 when the font has no space or it is not known.
    pub fn space_width(&self) -> f32 {
        let w = if self.kind == FontKind::Type0 {
            self.cid_space
        } else {
            self.width(32) * self.scale
        };
        if w.is_finite() && w > 0.0 { w } else { 0.0 }
    }

    /// Code → text from the embedded TrueType font's own tables (read once).
    fn embedded(&self) -> &HashMap<u32, String> {
        self.embedded.get_or_init(|| {
            self.embedded_font
                .as_ref()
                .and_then(|(stream, cid)| {
                    let bytes = decode_stream(stream).ok()?;
                    Some(truetype::code_to_unicode(&bytes, *cid))
                })
                .unwrap_or_default()
        })
    }

    fn width(&self, code: u32) -> f32 {
        if let Some(w) = self.widths.get(&code) {
            return *w;
        }
        if let Some(table) = self.std_widths {
            return (code as usize)
                .checked_sub(32)
                .and_then(|i| table.get(i))
                .map(|&w| w as f32)
                .unwrap_or(self.std_default);
        }
        self.default_width
    }
}

/// A ToUnicode CMap that gives a space for more than one code: one font has
/// one space glyph (two at most, with a no-break space), so the others are
/// glyphs it did not name (Word writes an equation's letters this way).
fn maps_glyphs_to_spaces(cmap: &CMap) -> bool {
    cmap.map.values().filter(|t| t.as_str() == " ").count() > 2
}

/// A letter or digit of Unicode's mathematical alphabets (italic, bold,
/// script… U+1D400–U+1D7FF, and the italic h U+210E) as the plain one.
fn plain_math_letter(c: char) -> char {
    let u = c as u32;
    if u == 0x210E {
        return 'h';
    }
    if (0x1D400..=0x1D6A3).contains(&u) {
        let i = (u - 0x1D400) % 52;
        let base = if i < 26 {
            b'A' as u32 + i
        } else {
            b'a' as u32 + i - 26
        };
        return char::from_u32(base).unwrap_or(c);
    }
    if (0x1D7CE..=0x1D7FF).contains(&u) {
        return char::from_u32(b'0' as u32 + (u - 0x1D7CE) % 10).unwrap_or(c);
    }
    c
}

/// A CID font's /W array: `c [w1 w2 …]` gives widths from CID c on, `c1 c2 w`
/// one width for CIDs c1 to c2. `resolve` follows references.
fn cid_widths<'o>(
    items: &'o [Object],
    resolve: impl Fn(&'o Object) -> &'o Object,
) -> IntMap<u32, f32> {
    let mut out = IntMap::default();
    let mut i = 0;
    while i < items.len() && out.len() < 200_000 {
        let Some(first) = items.get(i).and_then(|o| num(resolve(o))) else {
            i += 1;
            continue;
        };
        match items.get(i + 1).map(&resolve) {
            Some(Object::Array(ws)) => {
                for (k, w) in ws.iter().enumerate() {
                    if let Some(w) = num(resolve(w)) {
                        out.insert((first as u32).wrapping_add(k as u32), w);
                    }
                }
                i += 2;
            }
            Some(last) => {
                let last = num(last).unwrap_or(first);
                let w = items
                    .get(i + 2)
                    .and_then(|o| num(resolve(o)))
                    .unwrap_or(1000.0);
                let (a, b) = (first as u32, last.max(first) as u32);
                for c in a..=b.min(a.saturating_add(65_535)) {
                    out.insert(c, w);
                }
                i += 3;
            }
            None => break,
        }
    }
    out
}

/// A simple font's widths: /Widths from code /FirstChar on (65,536 at most).
fn simple_widths<'o>(
    first: u32,
    widths: &'o [Object],
    resolve: impl Fn(&'o Object) -> &'o Object,
) -> IntMap<u32, f32> {
    widths
        .iter()
        .enumerate()
        .take(65_536)
        .filter_map(|(i, w)| Some((first.wrapping_add(i as u32), num(resolve(w))?)))
        .collect()
}

/// What a simple font's /Encoding entry is.
#[derive(Debug, Clone, Copy)]
enum EncodingEntry<'a> {
    None,
    /// A predefined encoding's name.
    Name(&'a [u8]),
    /// A dictionary, with its /BaseEncoding name if it has one.
    Dict(Option<&'a [u8]>),
}

/// The encoding a simple font's codes start from before /Differences. A
/// symbolic font (or one named Symbol or Dingbats) reads codes as they are; an
/// `embedded` Type1 font (with a descriptor, not one of the standard 14) has
/// its own encoding, usually Standard; others WinAnsi. A named encoding in
/// /Encoding or its /BaseEncoding wins; a /Differences dictionary without one
/// over a font that only looks symbolic by its name is read as WinAnsi.
fn base_encoding(
    subtype: &[u8],
    base_font: &str,
    symbolic: bool,
    embedded: bool,
    entry: EncodingEntry,
) -> BaseEncoding {
    let implicit = if symbolic || base_font.contains("Symbol") || base_font.contains("Dingbats") {
        BaseEncoding::Symbol
    } else if subtype == b"Type1" && embedded {
        BaseEncoding::Standard
    } else {
        BaseEncoding::WinAnsi
    };
    match entry {
        EncodingEntry::Name(n) => BaseEncoding::from_name(n).unwrap_or(implicit),
        EncodingEntry::Dict(base) => match base.and_then(BaseEncoding::from_name) {
            Some(b) => b,
            None if implicit == BaseEncoding::Symbol && !symbolic => BaseEncoding::WinAnsi,
            None => implicit,
        },
        EncodingEntry::None => implicit,
    }
}

/// Applies a /Differences array (`code /name /name … code /name …`) to a
/// simple font's code table. A glyph name with no known text leaves a
/// symbolic font's code as it was and unmaps it otherwise.
fn apply_differences<'o>(
    table: &mut [Option<String>],
    items: &'o [Object],
    symbolic: bool,
    resolve: impl Fn(&'o Object) -> &'o Object,
) {
    let mut code: i64 = 0;
    for item in items {
        match resolve(item) {
            Object::Integer(i) => code = *i,
            Object::Real(r) => code = *r as i64,
            Object::Name(n) => {
                if (0..256).contains(&code) {
                    let text = glyph_name_to_unicode(&String::from_utf8_lossy(n));
                    if let Some(slot) = table.get_mut(code as usize) {
                        *slot = text.or_else(|| slot.take().filter(|_| symbolic));
                    }
                }
                code = code.wrapping_add(1);
            }
            _ => {}
        }
    }
}

/// A dictionary of a font (the font, its descendant, its descriptor, its
/// encoding) with accessors that follow references.
#[derive(Clone, Copy)]
struct FontDict<'a> {
    doc: &'a PdfDoc,
    dict: &'a Dictionary,
}

impl<'a> FontDict<'a> {
    fn get(&self, key: &[u8]) -> Option<&'a Object> {
        self.dict.get(key).ok().map(|o| deref(self.doc, o))
    }

    fn num(&self, key: &[u8]) -> Option<f32> {
        self.get(key).and_then(num)
    }

    fn name(&self, key: &[u8]) -> Option<&'a [u8]> {
        self.get(key).and_then(name_of)
    }

    fn array(&self, key: &[u8]) -> Option<&'a [Object]> {
        match self.get(key)? {
            Object::Array(items) => Some(items),
            _ => None,
        }
    }

    fn dict(&self, key: &[u8]) -> Option<FontDict<'a>> {
        let dict = dict_of(self.doc, self.dict.get(key).ok()?)?;
        Some(FontDict {
            doc: self.doc,
            dict,
        })
    }

    /// A stream's decoded bytes.
    fn stream(&self, key: &[u8]) -> Option<Vec<u8>> {
        stream_bytes(self.doc, self.dict.get(key).ok()?)
    }

    /// A font descriptor's flags or weight say bold.
    fn bold(&self) -> bool {
        let flags = self.num(b"Flags").unwrap_or(0.0) as u32;
        let weight = self.num(b"FontWeight").unwrap_or(400.0);
        flags & (1 << 18) != 0 || weight >= 600.0
    }

    /// A font descriptor's embedded TrueType program (FontFile2), to read
    /// codes from when needed; `cid`: the codes are CIDs.
    fn embedded_font(&self, cid: bool) -> Option<(Box<lopdf::Stream>, bool)> {
        match self.get(b"FontFile2")? {
            Object::Stream(s) => Some((Box::new(s.clone()), cid)),
            _ => None,
        }
    }
}

fn is_bold_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    // Subset prefix "ABCDEF+" does not matter; the style words do.
    n.contains("bold")
        || n.contains("black")
        || n.contains("heavy")
        || n.contains("semibold")
        || n.contains("demi")
}

/// Approximate AFM widths of the standard 14 fonts for ASCII 32..=126.
fn standard_widths(base_font: &str) -> Option<(Option<&'static [u16; 95]>, f32)> {
    let n = base_font.split('+').next_back().unwrap_or(base_font);
    if n.starts_with("Courier") {
        return Some((None, 600.0));
    }
    if n.starts_with("Helvetica") || n.starts_with("Arial") {
        return Some(if is_bold_name(n) {
            (Some(&HELVETICA_BOLD), 556.0)
        } else {
            (Some(&HELVETICA), 556.0)
        });
    }
    if n.starts_with("Times") {
        return Some((Some(&TIMES), 500.0));
    }
    if n.starts_with("Symbol") || n.starts_with("ZapfDingbats") {
        return Some((None, 600.0));
    }
    None
}

static HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

static HELVETICA_BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667,
    611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556,
    278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];

static TIMES: [u16; 95] = [
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500,
    500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611,
    556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722,
    722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500,
    278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn same(o: &Object) -> &Object {
        o
    }

    #[test]
    fn math_letters_read_plain() {
        // Mathematical italic R, e, a; bold digit 1; italic h.
        let s: String = [
            '\u{1D445}',
            '\u{1D452}',
            '\u{1D44E}',
            '\u{1D7CF}',
            '\u{210E}',
            '×',
        ]
        .into_iter()
        .map(plain_math_letter)
        .collect();
        assert_eq!(s, "Rea1h×");
    }

    #[test]
    fn a_cmap_giving_many_glyphs_a_space_is_told_from_one_with_a_space() {
        let word_math = CMap::parse(
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
              4 beginbfchar <0003> <0020> <0725> <0020> <0732> <0020> <0734> <0020> endbfchar\n\
              1 beginbfrange <123A> <123B> <0028> endbfrange",
        );
        assert!(maps_glyphs_to_spaces(&word_math));
        let plain = CMap::parse(
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
              2 beginbfchar <0003> <0020> <0024> <0041> endbfchar",
        );
        assert!(!maps_glyphs_to_spaces(&plain));
    }

    #[test]
    fn base_encoding_choices() {
        use BaseEncoding::{MacRoman, Standard, Symbol, WinAnsi};
        use EncodingEntry::{Dict, Name, None as Absent};
        /// (subtype, base font, symbolic, embedded, /Encoding) → base encoding
        type Case<'a> = (
            &'a [u8],
            &'a str,
            bool,
            bool,
            EncodingEntry<'a>,
            BaseEncoding,
        );
        #[rustfmt::skip]
        let cases: &[Case] = &[
            (b"TrueType", "Arial", false, true, Absent, WinAnsi),
            (b"Type1", "ABCDEF+Garamond", false, true, Absent, Standard),
            (b"Type1", "Helvetica", false, false, Absent, WinAnsi),
            (b"Type1", "Garamond", false, false, Absent, WinAnsi),
            (b"TrueType", "Wingdings", true, true, Absent, Symbol),
            (b"Type1", "Symbol", false, false, Absent, Symbol),
            (b"Type1", "ZapfDingbats", false, false, Absent, Symbol),
            (b"Type3", "", false, false, Absent, WinAnsi),
            (b"TrueType", "Arial", false, true, Name(b"MacRomanEncoding"), MacRoman),
            (b"TrueType", "Arial", false, true, Name(b"MacExpertEncoding"), MacRoman),
            (b"Type1", "Garamond", false, true, Name(b"WinAnsiEncoding"), WinAnsi),
            (b"TrueType", "Arial", false, true, Name(b"StandardEncoding"), Standard),
            (b"Type1", "Garamond", false, true, Name(b"Custom"), Standard),
            (b"TrueType", "Wingdings", true, true, Name(b"WinAnsiEncoding"), WinAnsi),
            (b"TrueType", "Arial", false, true, Dict(Some(b"MacRomanEncoding")), MacRoman),
            (b"TrueType", "Arial", false, true, Dict(None), WinAnsi),
            (b"Type1", "Garamond", false, true, Dict(None), Standard),
            // Named Symbol but not flagged symbolic: Differences over WinAnsi.
            (b"Type1", "Symbol", false, false, Dict(None), WinAnsi),
            (b"Type1", "Symbol", false, false, Dict(Some(b"Unknown")), WinAnsi),
            (b"TrueType", "Wingdings", true, true, Dict(None), Symbol),
        ];
        for &(subtype, base_font, symbolic, embedded, entry, expected) in cases {
            assert_eq!(
                base_encoding(subtype, base_font, symbolic, embedded, entry),
                expected,
                "{} {base_font} {symbolic} {embedded} {entry:?}",
                String::from_utf8_lossy(subtype)
            );
        }
    }

    #[test]
    fn differences_replace_codes_from_each_number_on() {
        use BaseEncoding::WinAnsi;
        let mut table: Vec<Option<String>> = (0..=255u8).map(|c| WinAnsi.decode(c)).collect();
        let items = vec![
            Object::Integer(65),
            Object::Name(b"B".to_vec()),
            Object::Name(b"fi".to_vec()),
            Object::Real(300.0),
            Object::Name(b"C".to_vec()),
            Object::Integer(97),
            Object::Name(b"no-such-glyph".to_vec()),
        ];
        apply_differences(&mut table, &items, false, same);
        assert_eq!(table[65].as_deref(), Some("B"));
        assert_eq!(table[66].as_deref(), Some("fi"));
        assert_eq!(table[67].as_deref(), Some("C"));
        assert_eq!(table[97], None);
        let mut symbolic: Vec<Option<String>> = (0..=255u8).map(|c| WinAnsi.decode(c)).collect();
        apply_differences(&mut symbolic, &items, true, same);
        assert_eq!(symbolic[97].as_deref(), Some("a"));
    }

    #[test]
    fn simple_widths_start_at_first_char() {
        let ws = vec![Object::Integer(250), Object::Null, Object::Real(500.5)];
        let w = simple_widths(32, &ws, same);
        assert_eq!(w.get(&32), Some(&250.0));
        assert_eq!(w.get(&33), None);
        assert_eq!(w.get(&34), Some(&500.5));
        assert_eq!(w.len(), 2);
    }

    #[test]
    fn cid_widths_read_both_forms() {
        let items = vec![
            Object::Integer(1),
            Object::Array(vec![Object::Integer(500), Object::Integer(600)]),
            Object::Integer(10),
            Object::Integer(12),
            Object::Integer(250),
            Object::Name(b"junk".to_vec()),
            Object::Integer(20),
            Object::Integer(20),
        ];
        let w = cid_widths(&items, same);
        assert_eq!(w.get(&1), Some(&500.0));
        assert_eq!(w.get(&2), Some(&600.0));
        assert_eq!(w.get(&3), None);
        assert_eq!((10..=12).map(|c| w[&c]).collect::<Vec<_>>(), [250.0; 3]);
        // A range without its width takes 1000.
        assert_eq!(w.get(&20), Some(&1000.0));
    }
}
