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
    widths: HashMap<u32, f32>,
    default_width: f32,
    /// Glyph space → text space (0.001, or a Type3 FontMatrix's a).
    scale: f32,
    /// Type0 with an Identity or other CID CMap: codes are CIDs.
    std_widths: Option<&'static [u16; 95]>,
    std_default: f32,
    /// Characters decoded so far, by (code << 8 | byte length).
    memo: RefCell<IntMap<u64, Char>>,
}

impl Font {
    /// A stand-in when a font cannot be read: Latin-1-ish text with average widths.
    pub fn fallback() -> Font {
        Font {
            kind: FontKind::Simple,
            bold: false,
            to_unicode: None,
            codespace: None,
            table: (0..=255u8)
                .map(|c| BaseEncoding::WinAnsi.decode(c))
                .collect(),
            embedded: OnceCell::new(),
            embedded_font: None,
            prefer_embedded: false,
            widths: HashMap::new(),
            default_width: 500.0,
            scale: 0.001,
            std_widths: None,
            std_default: 500.0,
            memo: RefCell::default(),
        }
    }

    pub fn load(doc: &PdfDoc, dict: &Dictionary) -> Font {
        let subtype = dict.get(b"Subtype").ok().and_then(name_of).unwrap_or(b"");
        let base_font = dict
            .get(b"BaseFont")
            .ok()
            .and_then(|o| name_of(deref(doc, o)))
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default();
        let to_unicode = dict
            .get(b"ToUnicode")
            .ok()
            .and_then(|o| stream_bytes(doc, o))
            .map(|b| CMap::parse(&b))
            .filter(|c| !c.is_empty());
        let mut font = Font::fallback();
        font.to_unicode = to_unicode;
        font.bold = is_bold_name(&base_font);
        match subtype {
            b"Type0" => {
                font.kind = FontKind::Type0;
                font.table.clear();
                let enc = dict.get(b"Encoding").ok().map(|o| deref(doc, o));
                font.codespace = match enc {
                    Some(Object::Stream(_)) => enc
                        .and_then(|o| stream_bytes(doc, o))
                        .map(|b| CMap::parse(&b)),
                    _ => None,
                };
                let descendant = dict
                    .get(b"DescendantFonts")
                    .ok()
                    .map(|o| deref(doc, o))
                    .and_then(|o| o.as_array().ok())
                    .and_then(|a| a.first())
                    .and_then(|o| dict_of(doc, o));
                font.default_width = 1000.0;
                if let Some(desc) = descendant {
                    if let Some(dw) = desc.get(b"DW").ok().and_then(|o| num(deref(doc, o))) {
                        font.default_width = dw;
                    }
                    if let Some(w) = desc.get(b"W").ok().map(|o| deref(doc, o)) {
                        read_w_array(doc, w, &mut font.widths);
                    }
                    if let Some(fd) = desc
                        .get(b"FontDescriptor")
                        .ok()
                        .and_then(|o| dict_of(doc, o))
                    {
                        font.bold |= descriptor_bold(doc, fd);
                        if font.to_unicode.is_none() {
                            font.embedded_font = embedded_font(doc, fd, true);
                        }
                    }
                }
            }
            _ => {
                font.kind = if subtype == b"Type3" {
                    FontKind::Type3
                } else {
                    FontKind::Simple
                };
                let descriptor = dict
                    .get(b"FontDescriptor")
                    .ok()
                    .and_then(|o| dict_of(doc, o));
                let flags = descriptor
                    .and_then(|fd| fd.get(b"Flags").ok())
                    .and_then(|o| num(deref(doc, o)))
                    .unwrap_or(0.0) as u32;
                let symbolic = flags & 4 != 0 && flags & 32 == 0;
                if let Some(fd) = descriptor {
                    font.bold |= descriptor_bold(doc, fd);
                    if let Some(mw) = fd
                        .get(b"MissingWidth")
                        .ok()
                        .and_then(|o| num(deref(doc, o)))
                    {
                        font.default_width = mw;
                    }
                }
                let std = standard_widths(&base_font);
                if let Some((table, default)) = std {
                    font.std_widths = table;
                    font.std_default = default;
                    if descriptor.is_none() {
                        font.default_width = default;
                    }
                }
                // Encoding: base + Differences.
                let enc = dict.get(b"Encoding").ok().map(|o| deref(doc, o));
                let mut base =
                    if symbolic || base_font.contains("Symbol") || base_font.contains("Dingbats") {
                        BaseEncoding::Symbol
                    } else if subtype == b"Type1" && descriptor.is_some() && std.is_none() {
                        // An embedded Type1 font's own encoding is usually Standard.
                        BaseEncoding::Standard
                    } else {
                        BaseEncoding::WinAnsi
                    };
                let mut differences: Option<&Vec<Object>> = None;
                match enc {
                    Some(Object::Name(n)) => {
                        if let Some(b) = BaseEncoding::from_name(n) {
                            base = b;
                        }
                    }
                    Some(Object::Dictionary(d)) => {
                        if let Some(b) = d
                            .get(b"BaseEncoding")
                            .ok()
                            .and_then(|o| name_of(deref(doc, o)))
                            .and_then(BaseEncoding::from_name)
                        {
                            base = b;
                        } else if base == BaseEncoding::Symbol && !symbolic {
                            base = BaseEncoding::WinAnsi;
                        }
                        differences = d
                            .get(b"Differences")
                            .ok()
                            .map(|o| deref(doc, o))
                            .and_then(|o| o.as_array().ok());
                    }
                    _ => {}
                }
                font.table = (0..=255u8).map(|c| base.decode(c)).collect();
                if let Some(diffs) = differences {
                    let mut code: i64 = 0;
                    for item in diffs {
                        match deref(doc, item) {
                            Object::Integer(i) => code = *i,
                            Object::Real(r) => code = *r as i64,
                            Object::Name(n) => {
                                if (0..256).contains(&code) {
                                    let name = String::from_utf8_lossy(n);
                                    let text = glyph_name_to_unicode(&name);
                                    if let Some(slot) = font.table.get_mut(code as usize) {
                                        *slot = text.or_else(|| slot.take().filter(|_| symbolic));
                                    }
                                }
                                code += 1;
                            }
                            _ => {}
                        }
                    }
                }
                if font.to_unicode.is_none()
                    && (symbolic || subtype == b"TrueType")
                    && let Some(fd) = descriptor
                {
                    font.embedded_font = embedded_font(doc, fd, false);
                    font.prefer_embedded = symbolic;
                }
                let first = dict
                    .get(b"FirstChar")
                    .ok()
                    .and_then(|o| num(deref(doc, o)))
                    .unwrap_or(0.0) as u32;
                if let Some(ws) = dict
                    .get(b"Widths")
                    .ok()
                    .map(|o| deref(doc, o))
                    .and_then(|o| o.as_array().ok())
                {
                    for (i, w) in ws.iter().enumerate().take(65_536) {
                        if let Some(w) = num(deref(doc, w)) {
                            font.widths.insert(first + i as u32, w);
                        }
                    }
                }
                if subtype == b"Type3" {
                    let m = dict
                        .get(b"FontMatrix")
                        .ok()
                        .map(|o| array_f32(doc, o))
                        .unwrap_or_default();
                    font.scale = m
                        .first()
                        .copied()
                        .filter(|a| a.is_finite() && *a != 0.0)
                        .map(f32::abs)
                        .unwrap_or(0.001);
                    if descriptor.is_none() {
                        font.default_width = 0.0;
                    }
                }
            }
        }
        font
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
        let text = normalise_text(&text);
        Char {
            blank: text.chars().all(char::is_whitespace),
            text: Rc::from(text),
            width: self.width(code) * self.scale,
            is_space_code: len == 1 && code == 32,
        }
    }

    /// Advance of the font's space (code 32 of a simple font) in text space
    /// before Tfs/Th scaling; 0 when the font has no space or it is not known.
    pub fn space_width(&self) -> f32 {
        if self.kind == FontKind::Type0 {
            return 0.0;
        }
        let w = self.width(32) * self.scale;
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

fn read_w_array(doc: &PdfDoc, w: &Object, out: &mut HashMap<u32, f32>) {
    let Ok(items) = w.as_array() else { return };
    let mut i = 0;
    while i < items.len() && out.len() < 200_000 {
        let Some(first) = num(deref(doc, &items[i])) else {
            i += 1;
            continue;
        };
        match items.get(i + 1).map(|o| deref(doc, o)) {
            Some(Object::Array(ws)) => {
                for (k, w) in ws.iter().enumerate() {
                    if let Some(w) = num(deref(doc, w)) {
                        out.insert(first as u32 + k as u32, w);
                    }
                }
                i += 2;
            }
            Some(last) => {
                let last = num(last).unwrap_or(first);
                let w = items
                    .get(i + 2)
                    .and_then(|o| num(deref(doc, o)))
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

fn descriptor_bold(doc: &PdfDoc, fd: &Dictionary) -> bool {
    let flags = fd
        .get(b"Flags")
        .ok()
        .and_then(|o| num(deref(doc, o)))
        .unwrap_or(0.0) as u32;
    let weight = fd
        .get(b"FontWeight")
        .ok()
        .and_then(|o| num(deref(doc, o)))
        .unwrap_or(400.0);
    flags & (1 << 18) != 0 || weight >= 600.0
}

/// The embedded TrueType font of a descriptor, to read codes from when needed.
fn embedded_font(doc: &PdfDoc, fd: &Dictionary, cid: bool) -> Option<(Box<lopdf::Stream>, bool)> {
    match deref(doc, fd.get(b"FontFile2").ok()?) {
        Object::Stream(s) => Some((Box::new(s.clone()), cid)),
        _ => None,
    }
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
