//! The content-stream interpreter: text operators and matrices, graphics state,
//! Form XObjects, marked content with ActualText, and the straight lines and
//! rectangles that rule tables. Output is in page space: points, origin at the
//! top-left of the page as displayed (after /Rotate), y growing downwards.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document as PdfDoc, Object, ObjectId};

use super::PdfError;
use super::fonts::Font;
use super::objects::{array_f32, decode_stream, deref, dict_of, name_of, num};

/// How deep Form XObjects may nest (a crafted file may make them recurse).
const MAX_FORM_DEPTH: usize = 8;
/// Operators one page may run, forms included.
pub const MAX_OPS_PER_PAGE: usize = 3_000_000;
/// Glyphs one page may produce.
const MAX_GLYPHS_PER_PAGE: usize = 500_000;
/// q without Q nesting.
const MAX_STATE_DEPTH: usize = 256;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Matrix(pub [f32; 6]);

impl Matrix {
    pub const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// self × other (apply self first, then other).
    pub fn then(&self, o: &Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = o.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    pub fn apply(&self, x: f32, y: f32) -> (f32, f32) {
        let [a, b, c, d, e, f] = self.0;
        (x * a + y * c + e, x * b + y * d + f)
    }

    fn from_operands(ops: &[Object]) -> Option<Matrix> {
        if ops.len() < 6 {
            return None;
        }
        let mut m = [0f32; 6];
        for (slot, o) in m.iter_mut().zip(ops) {
            *slot = num(o)?;
        }
        Some(Matrix(m))
    }
}

/// One glyph in page space.
#[derive(Debug, Clone)]
pub struct Glyph {
    pub text: String,
    /// Left of the glyph along its baseline.
    pub x: f32,
    /// The baseline.
    pub y: f32,
    pub width: f32,
    pub size: f32,
    pub bold: bool,
    /// The content stream put a space before this glyph.
    pub space_before: bool,
    /// A soft hyphen came just before: no word space is inferred from the gap it left.
    pub glue: bool,
    /// 0 for upright text; 1, 2, 3 for text turned by 90°, 180°, 270° (coordinates
    /// are then in that text's own frame so it reads left to right).
    pub dir: u8,
}

/// A horizontal or vertical ruling in page space.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub horizontal: bool,
    /// y of a horizontal rule, x of a vertical one.
    pub at: f32,
    pub from: f32,
    pub to: f32,
}

#[derive(Debug, Default)]
pub struct PageContent {
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    pub images: usize,
    pub width: f32,
    pub height: f32,
    /// A font the page uses is missing, whole or in part (a truncated file).
    pub damaged: bool,
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    h_scale: f32,
    leading: f32,
    rise: f32,
}

impl Default for GState {
    fn default() -> Self {
        GState {
            ctm: Matrix::IDENTITY,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            h_scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

/// Fonts shared across the pages of one document.
#[derive(Default)]
pub struct FontCache {
    by_id: HashMap<ObjectId, Rc<Font>>,
}

pub struct Interpreter<'a> {
    doc: &'a PdfDoc,
    fonts: &'a mut FontCache,
    page: Matrix,
    gs: GState,
    stack: Vec<GState>,
    tm: Matrix,
    tlm: Matrix,
    out: PageContent,
    ops: usize,
    path: Vec<(f32, f32, bool)>, // (x, y, starts subpath) in page space
    rects: Vec<[(f32, f32); 4]>,
    /// Open marked-content sections: Some(actual text, first glyph index) when one carries ActualText.
    marked: Vec<Option<(String, usize)>>,
    space_pending: bool,
    glue_pending: bool,
    form_ids: Vec<ObjectId>,
}

impl<'a> Interpreter<'a> {
    /// `page_box` is the crop (or media) box; `rotate` the page's /Rotate.
    pub fn new(doc: &'a PdfDoc, fonts: &'a mut FontCache, page_box: [f32; 4], rotate: i64) -> Self {
        let [llx, lly, urx, ury] = page_box;
        let (w, h) = (urx - llx, ury - lly);
        let r = rotate.rem_euclid(360);
        let (page, width, height) = match r {
            90 => (Matrix([0.0, 1.0, 1.0, 0.0, -lly, -llx]), h, w),
            180 => (Matrix([-1.0, 0.0, 0.0, 1.0, urx, -lly]), w, h),
            270 => (Matrix([0.0, -1.0, -1.0, 0.0, ury, urx]), h, w),
            _ => (Matrix([1.0, 0.0, 0.0, -1.0, -llx, ury]), w, h),
        };
        Interpreter {
            doc,
            fonts,
            page,
            gs: GState::default(),
            stack: Vec::new(),
            tm: Matrix::IDENTITY,
            tlm: Matrix::IDENTITY,
            out: PageContent {
                width,
                height,
                ..Default::default()
            },
            ops: 0,
            path: Vec::new(),
            rects: Vec::new(),
            marked: Vec::new(),
            space_pending: false,
            glue_pending: false,
            form_ids: Vec::new(),
        }
    }

    pub fn finish(self) -> PageContent {
        self.out
    }

    /// Runs one content stream with its resources.
    pub fn run(
        &mut self,
        data: &[u8],
        resources: Option<&'a Dictionary>,
        depth: usize,
    ) -> Result<(), PdfError> {
        for op in Content::decode_iter(data) {
            // A damaged stream: keep what was read before the damage.
            let Ok(op) = op else { break };
            self.ops += 1;
            if self.ops > MAX_OPS_PER_PAGE {
                return Err(PdfError::Limit(format!(
                    "more than {MAX_OPS_PER_PAGE} operators on one page"
                )));
            }
            if self.ops.is_multiple_of(4096) {
                crate::limits::check_time().map_err(|e| PdfError::Limit(e.to_string()))?;
            }
            self.op(&op, resources, depth)?;
        }
        Ok(())
    }

    fn op(
        &mut self,
        op: &Operation,
        resources: Option<&'a Dictionary>,
        depth: usize,
    ) -> Result<(), PdfError> {
        let a = &op.operands;
        let f = |i: usize| a.get(i).and_then(num).unwrap_or(0.0);
        match op.operator.as_str() {
            "q" if self.stack.len() < MAX_STATE_DEPTH => self.stack.push(self.gs.clone()),
            "Q" => {
                if let Some(g) = self.stack.pop() {
                    self.gs = g;
                }
            }
            "cm" => {
                if let Some(m) = Matrix::from_operands(a) {
                    self.gs.ctm = m.then(&self.gs.ctm);
                }
            }
            "BT" => {
                self.tm = Matrix::IDENTITY;
                self.tlm = Matrix::IDENTITY;
            }
            "ET" => {}
            "Tf" => {
                self.gs.size = f(1);
                self.gs.font = a.first().and_then(name_of).map(|n| self.font(resources, n));
            }
            "Tc" => self.gs.char_spacing = f(0),
            "Tw" => self.gs.word_spacing = f(0),
            "Tz" => self.gs.h_scale = f(0) / 100.0,
            "TL" => self.gs.leading = f(0),
            "Ts" => self.gs.rise = f(0),
            "Td" => self.next_line(f(0), f(1)),
            "TD" => {
                self.gs.leading = -f(1);
                self.next_line(f(0), f(1));
            }
            "Tm" => {
                if let Some(m) = Matrix::from_operands(a) {
                    self.tm = m;
                    self.tlm = m;
                }
            }
            "T*" => self.next_line(0.0, -self.gs.leading),
            "Tj" => {
                if let Some(Object::String(s, _)) = a.first() {
                    self.show(s);
                }
            }
            "'" => {
                self.next_line(0.0, -self.gs.leading);
                if let Some(Object::String(s, _)) = a.first() {
                    self.show(s);
                }
            }
            "\"" => {
                self.gs.word_spacing = f(0);
                self.gs.char_spacing = f(1);
                self.next_line(0.0, -self.gs.leading);
                if let Some(Object::String(s, _)) = a.get(2) {
                    self.show(s);
                }
            }
            "TJ" => {
                if let Some(Object::Array(items)) = a.first() {
                    for item in items {
                        match item {
                            Object::String(s, _) => self.show(s),
                            other => {
                                if let Some(n) = num(other) {
                                    let tx = -n / 1000.0 * self.gs.size * self.gs.h_scale;
                                    self.tm = Matrix([1.0, 0.0, 0.0, 1.0, tx, 0.0]).then(&self.tm);
                                }
                            }
                        }
                    }
                }
            }
            "m" => {
                let p = self.gs.ctm.then(&self.page).apply(f(0), f(1));
                self.path.push((p.0, p.1, true));
            }
            "l" => {
                let p = self.gs.ctm.then(&self.page).apply(f(0), f(1));
                self.path.push((p.0, p.1, false));
            }
            "c" | "v" | "y" => {
                // Curves do not rule tables; keep the end point so the path stays connected.
                let (x, y) = match op.operator.as_str() {
                    "c" => (f(4), f(5)),
                    _ => (f(2), f(3)),
                };
                let p = self.gs.ctm.then(&self.page).apply(x, y);
                self.path.push((p.0, p.1, true));
            }
            "h" => {
                if let Some(start) = self.path.iter().rposition(|p| p.2)
                    && let Some(&(x, y, _)) = self.path.get(start)
                {
                    self.path.push((x, y, false));
                }
            }
            "re" => {
                let m = self.gs.ctm.then(&self.page);
                let (x, y, w, h) = (f(0), f(1), f(2), f(3));
                self.rects.push([
                    m.apply(x, y),
                    m.apply(x + w, y),
                    m.apply(x + w, y + h),
                    m.apply(x, y + h),
                ]);
            }
            "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" => {
                let fill = op.operator != "S" && op.operator != "s";
                self.paint(fill);
            }
            "n" => {
                self.path.clear();
                self.rects.clear();
            }
            "Do" => {
                if let Some(name) = a.first().and_then(name_of) {
                    self.xobject(resources, name, depth)?;
                }
            }
            "BI" => self.out.images += 1,
            "BMC" => self.marked.push(None),
            "BDC" => {
                let actual = a.get(1).and_then(|p| self.actual_text(resources, p));
                self.marked.push(actual.map(|t| (t, self.out.glyphs.len())));
            }
            "EMC" => {
                if let Some(Some((text, start))) = self.marked.pop() {
                    self.replace_with_actual_text(text, start);
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn next_line(&mut self, tx: f32, ty: f32) {
        self.tlm = Matrix([1.0, 0.0, 0.0, 1.0, tx, ty]).then(&self.tlm);
        self.tm = self.tlm;
    }

    fn font(&mut self, resources: Option<&'a Dictionary>, name: &[u8]) -> Rc<Font> {
        let doc = self.doc;
        let fonts = resources.and_then(|r| r.get(b"Font").ok());
        let entry = fonts
            .and_then(|o| dict_of(doc, o))
            .and_then(|fonts| fonts.get(name).ok());
        let Some(entry) = entry else {
            // A font dictionary that is named but gone: the file is cut.
            self.out.damaged |= fonts.is_some_and(|o| dict_of(doc, o).is_none());
            return Rc::new(Font::fallback());
        };
        if let Object::Reference(id) = entry
            && let Some(f) = self.fonts.by_id.get(id)
        {
            self.out.damaged |= f.damaged;
            return f.clone();
        }
        let font = match dict_of(doc, entry) {
            Some(d) => Rc::new(Font::load(doc, d)),
            None => {
                let mut f = Font::fallback();
                f.damaged = matches!(entry, Object::Reference(_));
                Rc::new(f)
            }
        };
        self.out.damaged |= font.damaged;
        if let Object::Reference(id) = entry {
            self.fonts.by_id.insert(*id, font.clone());
        }
        font
    }

    fn show(&mut self, bytes: &[u8]) {
        let Some(font) = self.gs.font.clone() else {
            return;
        };
        let size = self.gs.size;
        let th = self.gs.h_scale;
        for ch in font.decode(bytes) {
            let tx = (ch.width * size
                + self.gs.char_spacing
                + if ch.is_space_code {
                    self.gs.word_spacing
                } else {
                    0.0
                })
                * th;
            let is_space = ch.text.chars().all(char::is_whitespace);
            if ch.text.is_empty() {
                // A soft hyphen (or an unmapped glyph) inside a word: what follows is glued on.
                self.glue_pending = true;
            } else if is_space {
                self.space_pending = true;
                self.glue_pending = false;
            } else if self.out.glyphs.len() < MAX_GLYPHS_PER_PAGE {
                let text_to_page = self.tm.then(&self.gs.ctm).then(&self.page);
                let origin = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, self.gs.rise]).then(&text_to_page);
                let (ox, oy) = origin.apply(0.0, 0.0);
                let [a, b, c, d, _, _] = text_to_page.0;
                let advance = ch.width * size * th;
                let (dx, dy) = (advance * a, advance * b);
                let glyph_size = (size * (c * c + d * d).sqrt()).abs();
                // Direction of the baseline on the page (y grows downwards).
                let dir = if a.abs() >= b.abs() {
                    if a >= 0.0 { 0 } else { 2 }
                } else if b < 0.0 {
                    3
                } else {
                    1
                };
                let (x, y, width) = match dir {
                    0 => (ox, oy, dx),
                    2 => (-ox, -oy, -dx),
                    1 => (oy, -ox, dy),
                    _ => (-oy, ox, -dy),
                };
                self.out.glyphs.push(super::content::Glyph {
                    text: ch.text,
                    x,
                    y,
                    width: width.max(0.0),
                    size: if glyph_size.is_finite() {
                        glyph_size
                    } else {
                        0.0
                    },
                    bold: font.bold,
                    space_before: std::mem::take(&mut self.space_pending),
                    glue: std::mem::take(&mut self.glue_pending),
                    dir,
                });
            }
            self.tm = Matrix([1.0, 0.0, 0.0, 1.0, tx, 0.0]).then(&self.tm);
        }
    }

    fn paint(&mut self, fill: bool) {
        let area = self.out.width * self.out.height;
        for r in std::mem::take(&mut self.rects) {
            let xs = r.map(|p| p.0);
            let ys = r.map(|p| p.1);
            let (x0, x1) = (
                xs.iter().copied().fold(f32::MAX, f32::min),
                xs.iter().copied().fold(f32::MIN, f32::max),
            );
            let (y0, y1) = (
                ys.iter().copied().fold(f32::MAX, f32::min),
                ys.iter().copied().fold(f32::MIN, f32::max),
            );
            let (w, h) = (x1 - x0, y1 - y0);
            if !(w.is_finite() && h.is_finite()) {
                continue;
            }
            if h < 3.0 && w > 3.0 {
                self.push_rule(true, (y0 + y1) / 2.0, x0, x1);
            } else if w < 3.0 && h > 3.0 {
                self.push_rule(false, (x0 + x1) / 2.0, y0, y1);
            } else if w > 3.0 && h > 3.0 && !(fill && w * h > area * 0.5) {
                self.push_rule(true, y0, x0, x1);
                self.push_rule(true, y1, x0, x1);
                self.push_rule(false, x0, y0, y1);
                self.push_rule(false, x1, y0, y1);
            }
        }
        let path = std::mem::take(&mut self.path);
        for pair in path.windows(2) {
            let (p, q) = (pair[0], pair[1]);
            if q.2 {
                continue;
            }
            let (dx, dy) = ((q.0 - p.0).abs(), (q.1 - p.1).abs());
            if dy < 1.0 && dx > 3.0 {
                self.push_rule(true, (p.1 + q.1) / 2.0, p.0.min(q.0), p.0.max(q.0));
            } else if dx < 1.0 && dy > 3.0 {
                self.push_rule(false, (p.0 + q.0) / 2.0, p.1.min(q.1), p.1.max(q.1));
            }
        }
    }

    fn push_rule(&mut self, horizontal: bool, at: f32, from: f32, to: f32) {
        if self.out.rules.len() < 100_000 && at.is_finite() && from.is_finite() && to.is_finite() {
            self.out.rules.push(Rule {
                horizontal,
                at,
                from,
                to,
            });
        }
    }

    fn xobject(
        &mut self,
        resources: Option<&'a Dictionary>,
        name: &[u8],
        depth: usize,
    ) -> Result<(), PdfError> {
        let doc = self.doc;
        let Some(entry) = resources
            .and_then(|r| r.get(b"XObject").ok())
            .and_then(|o| dict_of(doc, o))
            .and_then(|x| x.get(name).ok())
        else {
            return Ok(());
        };
        let id = match entry {
            Object::Reference(id) => Some(*id),
            _ => None,
        };
        let Object::Stream(stream) = deref(doc, entry) else {
            return Ok(());
        };
        match stream.dict.get(b"Subtype").ok().and_then(name_of) {
            Some(b"Image") => {
                self.out.images += 1;
                Ok(())
            }
            Some(b"Form") => {
                if depth >= MAX_FORM_DEPTH || id.is_some_and(|id| self.form_ids.contains(&id)) {
                    return Ok(());
                }
                let data = match decode_stream(stream) {
                    Ok(d) => d,
                    Err(super::objects::StreamError::Limit(m)) => return Err(PdfError::Limit(m)),
                    Err(_) => return Ok(()),
                };
                let form_resources = stream
                    .dict
                    .get(b"Resources")
                    .ok()
                    .and_then(|o| dict_of(doc, o))
                    .or(resources);
                let matrix = stream
                    .dict
                    .get(b"Matrix")
                    .ok()
                    .map(|o| array_f32(doc, o))
                    .and_then(|v| {
                        let objs: Vec<Object> = v.into_iter().map(Object::Real).collect();
                        Matrix::from_operands(&objs)
                    })
                    .unwrap_or(Matrix::IDENTITY);
                let saved = (self.gs.clone(), self.tm, self.tlm, self.stack.len());
                self.gs.ctm = matrix.then(&self.gs.ctm);
                if let Some(id) = id {
                    self.form_ids.push(id);
                }
                let result = self.run(&data, form_resources, depth + 1);
                if id.is_some() {
                    self.form_ids.pop();
                }
                self.gs = saved.0;
                self.tm = saved.1;
                self.tlm = saved.2;
                self.stack.truncate(saved.3);
                result
            }
            _ => Ok(()),
        }
    }

    fn actual_text(&self, resources: Option<&Dictionary>, props: &Object) -> Option<String> {
        let doc = self.doc;
        let dict = match props {
            Object::Dictionary(d) => Some(d),
            Object::Name(n) => resources
                .and_then(|r| r.get(b"Properties").ok())
                .and_then(|o| dict_of(doc, o))
                .and_then(|p| p.get(n).ok())
                .and_then(|o| dict_of(doc, o)),
            _ => None,
        }?;
        let obj = deref(doc, dict.get(b"ActualText").ok()?);
        lopdf::decode_text_string(obj).ok()
    }

    fn replace_with_actual_text(&mut self, text: String, start: usize) {
        let glyphs = &mut self.out.glyphs;
        if start > glyphs.len() {
            return;
        }
        let replaced: Vec<Glyph> = glyphs.drain(start..).collect();
        let text = super::encoding::normalise_text(&text);
        let Some(first) = replaced.first() else {
            return;
        };
        if text.trim().is_empty() {
            return;
        }
        let end = replaced
            .iter()
            .filter(|g| g.dir == first.dir)
            .map(|g| g.x + g.width)
            .fold(first.x, f32::max);
        glyphs.push(Glyph {
            text,
            width: end - first.x,
            ..first.clone()
        });
    }
}
