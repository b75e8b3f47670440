//! The content-stream interpreter: text operators and matrices, graphics state,
//! Form XObjects, marked content with ActualText, and the straight lines and
//! rectangles that rule tables. Output is in page space: points, origin at the
//! top-left of the page as displayed (after /Rotate), y growing downwards.

use std::rc::Rc;

use lopdf::content::Content;
use lopdf::{Dictionary, Document as PdfDoc, Object, ObjectId};

use super::PdfError;
use super::fonts::Font;
use super::lexer::{Lexer, Next, Operand};
use super::objects::{IntMap, array_f32, decode_stream, deref, dict_of, name_of, num};
use crate::extract::DropReason;

/// How deep Form XObjects may nest (a crafted file may make them recurse).
const MAX_FORM_DEPTH: usize = 8;
/// Operators one page may run, forms included.
pub const MAX_OPS_PER_PAGE: usize = 3_000_000;
/// Glyphs one page may produce.
const MAX_GLYPHS_PER_PAGE: usize = 500_000;
/// q without Q nesting.
const MAX_STATE_DEPTH: usize = 256;
/// Marked-content nesting kept track of.
const MAX_MARKED_DEPTH: usize = 256;
/// A glyph whose baseline is further than this (degrees) from the page's axes is oblique.
const OBLIQUE_DEGREES: f32 = 10.0;
/// Filled shapes (points) smaller than this in either direction cannot hide a glyph.
const MIN_COVER: f32 = 2.0;
/// Height (points) of the page bands glyphs are filed under for fills.
const BAND: f32 = 16.0;

/// How many glyphs already in one grid cell a new glyph is compared with
/// (a crafted page may stack thousands at one place).
const MAX_CELL_SCAN: usize = 64;

/// Glyph indices filed by grid cell, in the order filed: each cell's list is
/// a chain through one vector of nodes (no allocation per cell).
struct Grid<K> {
    /// The last node of each cell.
    last: IntMap<K, u32>,
    /// (glyph index, the node before it in its cell or `NO_NODE`).
    nodes: Vec<(u32, u32)>,
}

const NO_NODE: u32 = u32::MAX;

/// Glyphs a page's vectors are made for at first (see `Interpreter::new`).
const GLYPHS_RESERVED: usize = 2048;

impl<K> Grid<K> {
    /// A grid for a page's glyphs (`GLYPHS_RESERVED`).
    fn for_page() -> Self {
        Grid {
            last: IntMap::default(),
            nodes: Vec::with_capacity(GLYPHS_RESERVED),
        }
    }
}

impl<K: std::hash::Hash + Eq> Grid<K> {
    fn file(&mut self, key: K, glyph: u32) {
        let node = self.nodes.len() as u32;
        let before = self.last.insert(key, node).unwrap_or(NO_NODE);
        self.nodes.push((glyph, before));
    }

    /// The glyphs filed in a cell, the last filed first.
    fn latest_first(&self, key: &K) -> impl Iterator<Item = u32> + '_ {
        let mut node = self.last.get(key).copied().unwrap_or(NO_NODE);
        std::iter::from_fn(move || {
            let &(glyph, before) = self.nodes.get(node as usize)?;
            node = before;
            Some(glyph)
        })
    }
}

/// Text of one letter or digit (a glyph that may overdraw another).
fn is_letter(t: &str) -> bool {
    let mut cs = t.chars();
    cs.next().is_some_and(char::is_alphanumeric) && cs.next().is_none()
}

/// `x.floor() as i32` (saturating, NaN as 0) without a call to a software `floorf`.
fn floor_i32(x: f32) -> i32 {
    let t = x as i32;
    if (t as f32) > x {
        t.saturating_sub(1)
    } else {
        t
    }
}

/// An axis-aligned box in page space: x0, y0, x1, y1 (y down).
pub type BBox = [f32; 4];

fn intersect(a: BBox, b: BBox) -> BBox {
    [
        a[0].max(b[0]),
        a[1].max(b[1]),
        a[2].min(b[2]),
        a[3].min(b[3]),
    ]
}

/// Whether two boxes share any area (touching edges do not count).
fn overlaps(a: BBox, b: BBox) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// Whether `inner` lies inside `outer`, give or take `slack` points.
fn inside(inner: BBox, outer: BBox, slack: f32) -> bool {
    inner[0] >= outer[0] - slack
        && inner[1] >= outer[1] - slack
        && inner[2] <= outer[2] + slack
        && inner[3] <= outer[3] + slack
}

/// The bounding box of points.
fn bbox_of(points: &[(f32, f32)]) -> Option<BBox> {
    let mut it = points.iter().filter(|p| p.0.is_finite() && p.1.is_finite());
    let &(x, y) = it.next()?;
    Some(it.fold([x, y, x, y], |b, &(x, y)| {
        [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)]
    }))
}

fn grow(b: Option<BBox>, points: &[(f32, f32)]) -> Option<BBox> {
    match (b, bbox_of(points)) {
        (Some(a), Some(c)) => Some([
            a[0].min(c[0]),
            a[1].min(c[1]),
            a[2].max(c[2]),
            a[3].max(c[3]),
        ]),
        (a, c) => a.or(c),
    }
}

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

    fn from_operands(ops: &[Operand]) -> Option<Matrix> {
        if ops.len() < 6 {
            return None;
        }
        let mut m = [0f32; 6];
        for (slot, o) in m.iter_mut().zip(ops) {
            *slot = o.num()?;
        }
        Some(Matrix(m))
    }

    /// The first six of `values`, if there are six.
    fn from_values(values: &[f32]) -> Option<Matrix> {
        Some(Matrix(values.get(..6)?.try_into().ok()?))
    }
}

/// One glyph in page space.
#[derive(Debug, Clone)]
pub struct Glyph {
    /// Its text (shared with the font's other glyphs of that code).
    pub text: Rc<str>,
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
    /// 0 for upright text; 1, 2, 3 for text turned by 90°, 180°, 270°; 4 for
    /// oblique text (coordinates are then in that text's own frame so it reads
    /// left to right).
    pub dir: u8,
    /// Width of the font's space at this size (points); 0 when the font has none.
    pub space: f32,
    /// The text object (BT … ET) or Form XObject on the page that drew it.
    pub group: u32,
}

impl Glyph {
    /// Only white space (`text.trim().is_empty()`, without trimming: asked
    /// of every glyph several times over).
    pub fn is_blank(&self) -> bool {
        self.text.chars().all(char::is_whitespace)
    }
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
    /// Glyphs a viewer does not show, with the reason.
    pub hidden: Vec<(Glyph, DropReason)>,
    pub rules: Vec<Rule>,
    /// Filled boxes wider and taller than a rule (shading, a cell's box):
    /// x0, y0, x1, y1 in page space.
    pub fills: Vec<[f32; 4]>,
    pub images: usize,
    /// The images drawn, with where (for OCR of a scanned page).
    pub placed: Vec<super::images::Placed>,
    /// The page as shown (after /Rotate), in points.
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
    /// Text render mode (Tr).
    render: u8,
    /// Bounding box of the clipping path (page space); None: the whole page.
    clip: Option<BBox>,
    /// Fills paint over what is below (no transparency, no blending, no soft mask).
    opaque: bool,
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
            render: 0,
            clip: None,
            opaque: true,
        }
    }
}

/// Fonts shared across the pages of one document.
#[derive(Default)]
pub struct FontCache {
    by_id: IntMap<ObjectId, Rc<Font>>,
}

/// An open marked-content section.
struct Marked {
    /// Its ActualText and the index of the first glyph inside it.
    actual: Option<(String, usize)>,
    /// An /Artifact marked as pagination or watermark: its glyphs are left
    /// out, with the section's number (they are kept if it is never closed).
    drop: Option<(DropReason, u32)>,
}

/// What the interpreter knows of a glyph besides what layout needs.
#[derive(Clone, Copy)]
struct Meta {
    bbox: BBox,
    hidden: Option<DropReason>,
    /// Inside an artifact section that leaves its text out (see `Marked::drop`).
    artifact: Option<(DropReason, u32)>,
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
    /// Open marked-content sections.
    marked: Vec<Marked>,
    space_pending: bool,
    glue_pending: bool,
    form_ids: Vec<ObjectId>,
    /// One per glyph of `out.glyphs`.
    meta: Vec<Meta>,
    /// Bounding box of the current path (control points included).
    path_box: Option<BBox>,
    /// W or W* seen: the current path becomes the clip when it ends.
    clip_pending: bool,
    /// Where images were placed (page space).
    images: Vec<BBox>,
    /// Visible glyphs by (dir, y / 2, x / 16), for duplicates and overdrawn glyphs.
    near: Grid<(u8, i32, i32)>,
    /// The widest one-letter glyph filed in `near`: how far left of a
    /// glyph a letter it overdraws may start.
    widest_letter: f32,
    /// Glyphs by the band of the page their box's centre is in (page y / BAND),
    /// so that a fill looks only at the glyphs beside it.
    bands: Grid<i32>,
    /// The current text object or top-level form (see `Glyph::group`), and the last one given.
    group: u32,
    groups: u32,
    in_form: bool,
    /// Artifact sections opened, and those closed by their EMC.
    sections: u32,
    closed: std::collections::HashSet<u32>,
}

impl<'a> Interpreter<'a> {
    /// `page_box` is the crop (or media) box; `rotate` the page's /Rotate.
    pub fn new(doc: &'a PdfDoc, fonts: &'a mut FontCache, page_box: [f32; 4], rotate: i64) -> Self {
        let [llx, lly, urx, ury] = page_box;
        let (w, h) = (urx - llx, ury - lly);
        let r = rotate.rem_euclid(360);
        // The page as shown: a quarter turn swaps width and height.
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
                // A page of text holds a thousand glyphs or two: growing
                // the vectors from empty copied them over and over.
                glyphs: Vec::with_capacity(GLYPHS_RESERVED),
                ..Default::default()
            },
            ops: 0,
            path: Vec::new(),
            rects: Vec::new(),
            marked: Vec::new(),
            space_pending: false,
            glue_pending: false,
            form_ids: Vec::new(),
            meta: Vec::with_capacity(GLYPHS_RESERVED),
            path_box: None,
            clip_pending: false,
            images: Vec::new(),
            near: Grid::for_page(),
            widest_letter: 0.0,
            bands: Grid::for_page(),
            group: 0,
            groups: 0,
            in_form: false,
            sections: 0,
            closed: Default::default(),
        }
    }

    /// The page's glyphs, those a viewer does not show set apart.
    pub fn finish(mut self) -> PageContent {
        // Invisible text over an image is an OCR layer: it is the page's text.
        for (m, g) in self.meta.iter_mut().zip(&self.out.glyphs) {
            if m.hidden == Some(DropReason::Invisible) && !g.text.is_empty() {
                let (cx, cy) = ((m.bbox[0] + m.bbox[2]) / 2.0, (m.bbox[1] + m.bbox[3]) / 2.0);
                if self
                    .images
                    .iter()
                    .any(|r| cx >= r[0] && cx <= r[2] && cy >= r[1] && cy <= r[3])
                {
                    m.hidden = None;
                }
            }
        }
        // An artifact section never closed (some producers forget the EMC of a
        // footer and the whole page follows) does not leave text out.
        for m in &mut self.meta {
            if let Some((reason, section)) = m.artifact
                && self.closed.contains(&section)
            {
                m.hidden = Some(reason);
            }
        }
        mark_oblique_groups(&mut self.out.glyphs);
        let glyphs = std::mem::take(&mut self.out.glyphs);
        let mut kept = Vec::with_capacity(glyphs.len());
        for (g, m) in glyphs.into_iter().zip(self.meta) {
            match m.hidden {
                Some(reason) => self.out.hidden.push((g, reason)),
                None => kept.push(g),
            }
        }
        self.out.glyphs = kept;
        self.out
    }

    /// Runs one content stream with its resources.
    pub fn run(
        &mut self,
        data: &[u8],
        resources: Option<&'a Dictionary>,
        depth: usize,
    ) -> Result<(), PdfError> {
        let mut lexer = Lexer::new(data);
        let mut operands = Vec::new();
        loop {
            match lexer.next(&mut operands) {
                Next::Op(operator) => {
                    self.count_op()?;
                    self.op(operator, &operands, resources, depth)?;
                }
                // An inline image: lopdf reads the rest of the stream.
                Next::Lopdf(at) => {
                    for op in Content::decode_iter(data.get(at..).unwrap_or_default()) {
                        // A damaged stream: keep what was read before the damage.
                        let Ok(op) = op else { break };
                        self.count_op()?;
                        let operands: Vec<Operand> =
                            op.operands.iter().map(Operand::from_object).collect();
                        self.op(op.operator.as_bytes(), &operands, resources, depth)?;
                    }
                    break;
                }
                // The end, or damage: keep what was read before it.
                Next::End => break,
            }
        }
        Ok(())
    }

    /// One more operator on this page: within the page's limits and the time budget.
    fn count_op(&mut self) -> Result<(), PdfError> {
        self.ops += 1;
        if self.ops > MAX_OPS_PER_PAGE {
            return Err(PdfError::Limit(format!(
                "more than {MAX_OPS_PER_PAGE} operators on one page"
            )));
        }
        if self.ops.is_multiple_of(4096) {
            crate::limits::check_time().map_err(|e| PdfError::Limit(e.to_string()))?;
        }
        Ok(())
    }

    fn op(
        &mut self,
        operator: &[u8],
        a: &[Operand],
        resources: Option<&'a Dictionary>,
        depth: usize,
    ) -> Result<(), PdfError> {
        let f = |i: usize| a.get(i).and_then(Operand::num).unwrap_or(0.0);
        match operator {
            b"q" if self.stack.len() < MAX_STATE_DEPTH => self.stack.push(self.gs.clone()),
            b"Q" => {
                if let Some(g) = self.stack.pop() {
                    self.gs = g;
                }
            }
            b"cm" => {
                if let Some(m) = Matrix::from_operands(a) {
                    self.gs.ctm = m.then(&self.gs.ctm);
                }
            }
            b"BT" => {
                self.tm = Matrix::IDENTITY;
                self.tlm = Matrix::IDENTITY;
                if !self.in_form {
                    self.groups += 1;
                    self.group = self.groups;
                }
            }
            b"ET" => {}
            b"Tf" => {
                self.gs.size = f(1);
                self.gs.font = a
                    .first()
                    .and_then(Operand::name)
                    .map(|n| self.font(resources, n));
            }
            b"Tc" => self.gs.char_spacing = f(0),
            b"Tw" => self.gs.word_spacing = f(0),
            b"Tz" => self.gs.h_scale = f(0) / 100.0,
            b"TL" => self.gs.leading = f(0),
            b"Ts" => self.gs.rise = f(0),
            b"Tr" => self.gs.render = f(0).clamp(0.0, 7.0) as u8,
            b"gs" => {
                if let Some(name) = a.first().and_then(Operand::name) {
                    self.ext_gstate(resources, name);
                }
            }
            b"W" | b"W*" => self.clip_pending = true,
            b"Td" => self.next_line(f(0), f(1)),
            b"TD" => {
                self.gs.leading = -f(1);
                self.next_line(f(0), f(1));
            }
            b"Tm" => {
                if let Some(m) = Matrix::from_operands(a) {
                    self.tm = m;
                    self.tlm = m;
                }
            }
            b"T*" => self.next_line(0.0, -self.gs.leading),
            b"Tj" => {
                if let Some(Operand::Str(s, _)) = a.first() {
                    self.show(s);
                }
            }
            b"'" => {
                self.next_line(0.0, -self.gs.leading);
                if let Some(Operand::Str(s, _)) = a.first() {
                    self.show(s);
                }
            }
            b"\"" => {
                self.gs.word_spacing = f(0);
                self.gs.char_spacing = f(1);
                self.next_line(0.0, -self.gs.leading);
                if let Some(Operand::Str(s, _)) = a.get(2) {
                    self.show(s);
                }
            }
            b"TJ" => {
                if let Some(Operand::Array(items)) = a.first() {
                    for item in items {
                        match item {
                            Operand::Str(s, _) => self.show(s),
                            other => {
                                if let Some(n) = other.num() {
                                    let tx = -n / 1000.0 * self.gs.size * self.gs.h_scale;
                                    self.tm = Matrix([1.0, 0.0, 0.0, 1.0, tx, 0.0]).then(&self.tm);
                                }
                            }
                        }
                    }
                }
            }
            b"m" => {
                let p = self.gs.ctm.then(&self.page).apply(f(0), f(1));
                self.path_box = grow(self.path_box, &[p]);
                self.path.push((p.0, p.1, true));
            }
            b"l" => {
                let p = self.gs.ctm.then(&self.page).apply(f(0), f(1));
                self.path_box = grow(self.path_box, &[p]);
                self.path.push((p.0, p.1, false));
            }
            b"c" | b"v" | b"y" => {
                // Curves do not rule tables; keep the end point so the path stays connected.
                let m = self.gs.ctm.then(&self.page);
                let controls: Vec<(f32, f32)> = (0..a.len().min(6) / 2)
                    .map(|i| m.apply(f(2 * i), f(2 * i + 1)))
                    .collect();
                self.path_box = grow(self.path_box, &controls);
                let (x, y) = match operator {
                    b"c" => (f(4), f(5)),
                    _ => (f(2), f(3)),
                };
                let p = m.apply(x, y);
                self.path.push((p.0, p.1, true));
            }
            b"h" => {
                if let Some(start) = self.path.iter().rposition(|p| p.2)
                    && let Some(&(x, y, _)) = self.path.get(start)
                {
                    self.path.push((x, y, false));
                }
            }
            b"re" => {
                let m = self.gs.ctm.then(&self.page);
                let (x, y, w, h) = (f(0), f(1), f(2), f(3));
                let corners = [
                    m.apply(x, y),
                    m.apply(x + w, y),
                    m.apply(x + w, y + h),
                    m.apply(x, y + h),
                ];
                self.path_box = grow(self.path_box, &corners);
                self.rects.push(corners);
            }
            b"S" | b"s" | b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*" => {
                let fill = operator != b"S" && operator != b"s";
                if fill {
                    self.cover();
                }
                // Only a path that is stroked draws its outline.
                let stroked = matches!(operator, b"S" | b"s" | b"B" | b"B*" | b"b" | b"b*");
                self.paint(!stroked);
                self.end_path();
            }
            b"n" => {
                self.path.clear();
                self.rects.clear();
                self.end_path();
            }
            b"Do" => {
                if let Some(name) = a.first().and_then(Operand::name) {
                    self.xobject(resources, name, depth)?;
                }
            }
            b"BI" => {
                self.out.images += 1;
                self.place_image(None);
            }
            b"BMC" if self.marked.len() < MAX_MARKED_DEPTH => self.marked.push(Marked {
                actual: None,
                drop: None,
            }),
            b"BDC" if self.marked.len() < MAX_MARKED_DEPTH => {
                let props = a.get(1).and_then(|p| self.properties(resources, p));
                let actual = props.and_then(|d| self.actual_text(d));
                let artifact = a.first().and_then(Operand::name) == Some(b"Artifact".as_slice());
                let drop = props
                    .filter(|_| artifact)
                    .and_then(|d| self.artifact_kind(d));
                let drop = drop.map(|reason| {
                    self.sections += 1;
                    (reason, self.sections)
                });
                self.marked.push(Marked {
                    actual: actual.map(|t| (t, self.out.glyphs.len())),
                    drop,
                });
            }
            b"EMC" => {
                if let Some(Marked { actual, drop }) = self.marked.pop() {
                    if let Some((_, section)) = drop
                        && self.closed.len() < 100_000
                    {
                        self.closed.insert(section);
                    }
                    if let Some((text, start)) = actual {
                        self.replace_with_actual_text(text, start);
                    }
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
        let space = font.space_width() * size * th;
        font.each_char(bytes, |ch| {
            let tx = (ch.width * size
                + self.gs.char_spacing
                + if ch.is_space_code {
                    self.gs.word_spacing
                } else {
                    0.0
                })
                * th;
            if ch.text.is_empty() {
                // A soft hyphen (or an unmapped glyph) inside a word: what follows is glued on.
                self.glue_pending = true;
            } else if ch.blank {
                self.space_pending = true;
                self.glue_pending = false;
            } else if self.out.glyphs.len() < MAX_GLYPHS_PER_PAGE {
                let advance = ch.width * size * th;
                self.push_glyph(ch.text, advance, space, font.bold);
            }
            self.tm = Matrix([1.0, 0.0, 0.0, 1.0, tx, 0.0]).then(&self.tm);
        });
    }

    /// Places one glyph at the current text position, and decides whether a
    /// viewer shows it.
    fn push_glyph(&mut self, text: Rc<str>, advance: f32, space: f32, bold: bool) {
        let size = self.gs.size;
        let rise = self.gs.rise;
        let text_to_page = self.tm.then(&self.gs.ctm).then(&self.page);
        let (ox, oy) = text_to_page.apply(0.0, rise);
        let [a, b, c, d, _, _] = text_to_page.0;
        let glyph_size = (size * (c * c + d * d).sqrt()).abs();
        // The glyph's box: from a little below the baseline to about the cap height.
        let bbox = bbox_of(&[
            text_to_page.apply(0.0, rise - 0.2 * size),
            text_to_page.apply(advance, rise - 0.2 * size),
            text_to_page.apply(0.0, rise + 0.7 * size),
            text_to_page.apply(advance, rise + 0.7 * size),
        ])
        .unwrap_or([ox, oy, ox, oy]);
        let (dx, dy) = (advance * a, advance * b);
        let dir = direction(a, b);
        let scale = (a * a + b * b).sqrt();
        let (x, y, width) = match dir {
            0 => (ox, oy, dx),
            2 => (-ox, -oy, -dx),
            1 => (oy, -ox, dy),
            3 => (-oy, ox, -dy),
            // In the baseline's own frame.
            _ => {
                let (ux, uy) = (a / scale, b / scale);
                (ox * ux + oy * uy, oy * ux - ox * uy, advance * scale)
            }
        };
        let glyph = Glyph {
            text,
            x,
            y,
            width: width.max(0.0),
            size: if glyph_size.is_finite() {
                glyph_size
            } else {
                0.0
            },
            bold,
            space_before: std::mem::take(&mut self.space_pending),
            glue: std::mem::take(&mut self.glue_pending),
            dir,
            space: if (space * scale).is_finite() {
                (space * scale).max(0.0)
            } else {
                0.0
            },
            group: self.group,
        };
        let hidden = self.hidden_reason(&glyph, bbox);
        let artifact = self.marked.iter().rev().find_map(|m| m.drop);
        let index = self.out.glyphs.len() as u32;
        if hidden.is_none() && glyph.x.is_finite() && glyph.y.is_finite() {
            let key = (dir, floor_i32(glyph.y / 2.0), floor_i32(glyph.x / 16.0));
            self.near.file(key, index);
            if is_letter(&glyph.text) {
                self.widest_letter = self.widest_letter.max(glyph.width);
            }
        }
        let centre = (bbox[1] + bbox[3]) / 2.0;
        if centre.is_finite() {
            self.bands.file(floor_i32(centre / BAND), index);
        }
        self.out.glyphs.push(glyph);
        self.meta.push(Meta {
            bbox,
            hidden,
            artifact,
        });
    }

    /// Why a glyph about to be drawn is not seen, if it is not. A glyph that
    /// covers an earlier one with other text hides that one instead.
    fn hidden_reason(&mut self, g: &Glyph, bbox: BBox) -> Option<DropReason> {
        if matches!(self.gs.render, 3 | 7) {
            return Some(DropReason::Invisible);
        }
        // (Text running off the page's edge is still read: the generated
        // corpus and some producers set lines wider than the page.)
        if self.gs.clip.is_some_and(|c| !overlaps(bbox, c)) {
            return Some(DropReason::Clipped);
        }
        if !(g.x.is_finite() && g.y.is_finite()) {
            return None;
        }
        let size = g.size.max(1.0);
        let (yb, xb) = (floor_i32(g.y / 2.0), floor_i32(g.x / 16.0));
        let g_letter = is_letter(&g.text);
        // Of the 3 × 3 cells around the glyph's own, only those that may
        // hold a glyph it duplicates or overdraws are looked in: within
        // 0.2 size of its baseline; along it, a duplicate within 0.15 size,
        // an overdrawn letter overlapping it (so starting at most the widest
        // letter's width to its left). `slack` covers the rounding of the
        // tests below.
        let slack = 0.01 + 1e-5 * (g.x.abs() + g.y.abs() + size + g.width + self.widest_letter);
        let (left, right) = if g_letter {
            (
                (0.15 * size).max(self.widest_letter),
                (0.15 * size).max(g.width),
            )
        } else {
            (0.15 * size, 0.15 * size)
        };
        let y_reach = 0.2 * size + slack;
        let ys = floor_i32((g.y - y_reach) / 2.0).max(yb - 1)
            ..=floor_i32((g.y + y_reach) / 2.0).min(yb + 1);
        let xs = floor_i32((g.x - left - slack) / 16.0).max(xb - 1)
            ..=floor_i32((g.x + right + slack) / 16.0).min(xb + 1);
        let mut overdrawn = Vec::new();
        for ky in ys {
            for kx in xs.clone() {
                for i in self.near.latest_first(&(g.dir, ky, kx)).take(MAX_CELL_SCAN) {
                    let (Some(other), Some(m)) =
                        (self.out.glyphs.get(i as usize), self.meta.get(i as usize))
                    else {
                        continue;
                    };
                    if m.hidden.is_some()
                        || (other.y - g.y).abs() > 0.2 * size
                        || (other.size - g.size).abs() > 0.2 * size
                    {
                        continue;
                    }
                    // Fake bold shifts a copy by a fraction of a point; two
                    // like letters side by side ("ll") are a glyph apart.
                    if (other.x - g.x).abs() < (0.15 * size).min(0.5 * g.width.max(other.width))
                        && other.text == g.text
                    {
                        return Some(DropReason::Duplicate);
                    }
                    let overlap = (other.x + other.width).min(g.x + g.width) - other.x.max(g.x);
                    if g_letter
                        && overlap > 0.6 * other.width.min(g.width)
                        && other.width.min(g.width) > 0.0
                        && is_letter(&other.text)
                    {
                        overdrawn.push(i);
                    }
                }
            }
        }
        for i in overdrawn {
            if let Some(m) = self.meta.get_mut(i as usize) {
                m.hidden = Some(DropReason::Overdrawn);
            }
        }
        None
    }

    /// A fill is about to be painted: the glyphs it covers are hidden.
    fn cover(&mut self) {
        if !self.gs.opaque {
            return;
        }
        let mut areas: Vec<BBox> = Vec::new();
        for r in &self.rects {
            // Only rectangles square to the page cover a box exactly.
            let square = (r[0].0 - r[3].0).abs() < 0.01 && (r[0].1 - r[1].1).abs() < 0.01
                || (r[0].1 - r[3].1).abs() < 0.01 && (r[0].0 - r[1].0).abs() < 0.01;
            if let Some(b) = bbox_of(r).filter(|_| square) {
                areas.push(b);
            }
        }
        // A path of straight lines that is a rectangle (m l l l h).
        if self.path.iter().skip(1).all(|p| !p.2) {
            areas.extend(outlined_box(&self.path));
        }
        for mut area in areas {
            if let Some(c) = self.gs.clip {
                area = intersect(area, c);
            }
            if area[2] - area[0] < MIN_COVER || area[3] - area[1] < MIN_COVER {
                continue;
            }
            // A glyph inside the area has its centre in one of the area's bands.
            let (first, last) = ((area[1] / BAND).floor(), (area[3] / BAND).floor());
            if !(first.is_finite() && last.is_finite()) {
                continue;
            }
            let (first, last) = (first.max(-1e6) as i32, last.min(1e6) as i32);
            for band in first..=last.min(first.saturating_add(1000)) {
                for i in self.bands.latest_first(&band) {
                    if let Some(m) = self.meta.get_mut(i as usize)
                        && m.hidden.is_none()
                        && inside(m.bbox, area, 0.5)
                    {
                        m.hidden = Some(DropReason::Covered);
                    }
                }
            }
        }
    }

    /// The current path ends: it becomes the clip if W or W* came before.
    fn end_path(&mut self) {
        let b = self.path_box.take();
        if std::mem::take(&mut self.clip_pending)
            && let Some(b) = b
        {
            self.gs.clip = Some(match self.gs.clip {
                Some(c) => intersect(c, b),
                None => b,
            });
        }
    }

    /// An image is drawn in the unit square of the current matrix.
    fn place_image(&mut self, id: Option<ObjectId>) {
        let m = self.gs.ctm.then(&self.page);
        if self.out.placed.len() < 10_000 {
            self.out
                .placed
                .push(super::images::Placed { id, matrix: m });
        }
        let Some(b) = bbox_of(&[
            m.apply(0.0, 0.0),
            m.apply(1.0, 0.0),
            m.apply(0.0, 1.0),
            m.apply(1.0, 1.0),
        ]) else {
            return;
        };
        if self.images.len() < 10_000 {
            self.images.push(b);
        }
        // An image squeezed into a flat bar draws a line as a thin filled
        // bar does (a range's dash between two figures, a rule).
        if let Some((true, at, from, to)) = thin_bar(b[0], b[1], b[2], b[3]) {
            self.push_rule(true, at, from, to);
        }
    }

    /// `gs`: fill transparency, blending and soft masks decide whether fills hide text.
    fn ext_gstate(&mut self, resources: Option<&'a Dictionary>, name: &[u8]) {
        let doc = self.doc;
        let Some(d) = resources
            .and_then(|r| r.get(b"ExtGState").ok())
            .and_then(|o| dict_of(doc, o))
            .and_then(|g| g.get(name).ok())
            .and_then(|o| dict_of(doc, o))
        else {
            return;
        };
        let get = |k: &[u8]| d.get(k).ok().map(|o| deref(doc, o));
        let mut opaque = self.gs.opaque;
        if let Some(ca) = get(b"ca").and_then(num) {
            opaque = ca >= 0.99;
        }
        if let Some(bm) = get(b"BM") {
            let normal = |o: &Object| matches!(name_of(o), Some(b"Normal" | b"Compatible"));
            opaque &= match bm {
                Object::Array(items) => items.first().is_some_and(|o| normal(deref(doc, o))),
                other => normal(other),
            };
        }
        if let Some(mask) = get(b"SMask") {
            opaque &= name_of(mask) == Some(b"None".as_slice());
        }
        self.gs.opaque = opaque;
    }

    /// Rules from the path just painted; `fill_only`: filled, not stroked.
    fn paint(&mut self, fill_only: bool) {
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
            if let Some((horizontal, at, from, to)) = thin_bar(x0, y0, x1, y1) {
                self.push_rule(horizontal, at, from, to);
            } else if w > 3.0 && h > 3.0 && fill_only {
                self.push_fill([x0, y0, x1, y1]);
            } else if w > 3.0 && h > 3.0 {
                // A filled box is a cell's shading (Word fills a shaded cell in
                // pieces around its padding), not its borders: only a stroked
                // box draws rules.
                self.push_rule(true, y0, x0, x1);
                self.push_rule(true, y1, x0, x1);
                self.push_rule(false, x0, y0, y1);
                self.push_rule(false, x1, y0, y1);
            }
        }
        let path = std::mem::take(&mut self.path);
        // A filled area drawn as a path is shading too, unless it is a thin bar (a rule).
        if fill_only && !path.is_empty() {
            let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
            for p in &path {
                (x0, y0, x1, y1) = (x0.min(p.0), y0.min(p.1), x1.max(p.0), y1.max(p.1));
            }
            let (w, h) = (x1 - x0, y1 - y0);
            if w.is_finite()
                && h.is_finite()
                && let Some((horizontal, at, from, to)) = thin_bar(x0, y0, x1, y1)
            {
                self.push_rule(horizontal, at, from, to);
            }
            // Each box the path outlines (m l l l h), as a cell's shading is drawn.
            for b in path_boxes(&path) {
                self.push_fill(b);
            }
            return;
        }
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

    fn push_fill(&mut self, b: [f32; 4]) {
        if self.out.fills.len() < 100_000 && b.iter().all(|v| v.is_finite()) {
            self.out.fills.push(b);
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
                self.place_image(id);
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
                    .and_then(|o| Matrix::from_values(&array_f32(doc, o)))
                    .unwrap_or(Matrix::IDENTITY);
                let saved = (self.gs.clone(), self.tm, self.tlm, self.stack.len());
                let saved_path = (
                    std::mem::take(&mut self.path),
                    std::mem::take(&mut self.rects),
                    self.path_box.take(),
                    std::mem::take(&mut self.clip_pending),
                );
                self.gs.ctm = matrix.then(&self.gs.ctm);
                // A form is clipped to its bounding box.
                let bbox = array_f32(doc, stream.dict.get(b"BBox").unwrap_or(&Object::Null));
                if let [x0, y0, x1, y1] = bbox[..] {
                    let m = self.gs.ctm.then(&self.page);
                    if let Some(b) = bbox_of(&[
                        m.apply(x0, y0),
                        m.apply(x1, y0),
                        m.apply(x0, y1),
                        m.apply(x1, y1),
                    ]) {
                        self.gs.clip = Some(self.gs.clip.map_or(b, |c| intersect(c, b)));
                    }
                }
                // Everything a top-level form draws is one group.
                let was_in_form = self.in_form;
                if !was_in_form {
                    self.groups += 1;
                    self.group = self.groups;
                    self.in_form = true;
                }
                if let Some(id) = id {
                    self.form_ids.push(id);
                }
                let result = self.run(&data, form_resources, depth + 1);
                if id.is_some() {
                    self.form_ids.pop();
                }
                self.in_form = was_in_form;
                self.gs = saved.0;
                self.tm = saved.1;
                self.tlm = saved.2;
                self.stack.truncate(saved.3);
                (self.path, self.rects, self.path_box, self.clip_pending) = saved_path;
                result
            }
            _ => Ok(()),
        }
    }

    /// The property list of a BDC: inline, or named in the resources.
    fn properties<'p>(
        &self,
        resources: Option<&'a Dictionary>,
        props: &'p Operand,
    ) -> Option<&'p Dictionary>
    where
        'a: 'p,
    {
        let doc = self.doc;
        match props {
            Operand::Dict(d) => Some(d),
            Operand::Name(n) => resources
                .and_then(|r| r.get(b"Properties").ok())
                .and_then(|o| dict_of(doc, o))
                .and_then(|p| p.get(n).ok())
                .and_then(|o| dict_of(doc, o)),
            _ => None,
        }
    }

    fn actual_text(&self, dict: &Dictionary) -> Option<String> {
        let obj = deref(self.doc, dict.get(b"ActualText").ok()?);
        lopdf::decode_text_string(obj).ok()
    }

    /// An artifact marked as a watermark. (Headers and footers marked as
    /// /Pagination artifacts are left to the running-line detection: producers
    /// mark a header's table or a page's whole text so when they forget an EMC.)
    fn artifact_kind(&self, dict: &Dictionary) -> Option<DropReason> {
        let subtype = dict
            .get(b"Subtype")
            .ok()
            .and_then(|o| name_of(deref(self.doc, o)));
        (subtype == Some(b"Watermark".as_slice())).then_some(DropReason::Watermark)
    }

    fn replace_with_actual_text(&mut self, text: String, start: usize) {
        let glyphs = &mut self.out.glyphs;
        if start > glyphs.len() {
            return;
        }
        let replaced: Vec<Glyph> = glyphs.drain(start..).collect();
        let metas: Vec<Meta> = self.meta.drain(start.min(self.meta.len())..).collect();
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
        let boxes: Vec<(f32, f32)> = metas
            .iter()
            .flat_map(|m| [(m.bbox[0], m.bbox[1]), (m.bbox[2], m.bbox[3])])
            .collect();
        // Hidden when everything it stands for is.
        let hidden = metas
            .iter()
            .map(|m| m.hidden)
            .reduce(|a, b| a.and(b))
            .flatten();
        glyphs.push(Glyph {
            text: Rc::from(text),
            width: end - first.x,
            ..first.clone()
        });
        self.meta.push(Meta {
            bbox: bbox_of(&boxes).unwrap_or_default(),
            hidden,
            artifact: metas.first().and_then(|m| m.artifact),
        });
    }
}

/// The direction of a baseline (a, b) on the page (y grows downwards): 0 for
/// upright text; 1, 2, 3 for text turned by 90°, 180°, 270°; 4 for oblique.
fn direction(a: f32, b: f32) -> u8 {
    // Upright text, the common case, without the trigonometry.
    if b == 0.0 && a > 0.0 {
        return 0;
    }
    direction_by_angle(a, b)
}

fn direction_by_angle(a: f32, b: f32) -> u8 {
    let degrees = b.atan2(a).to_degrees();
    let off_axis = (degrees - 90.0 * (degrees / 90.0).round()).abs();
    if off_axis > OBLIQUE_DEGREES {
        4
    } else if a.abs() >= b.abs() {
        if a >= 0.0 { 0 } else { 2 }
    } else if b < 0.0 {
        3
    } else {
        1
    }
}

/// A text object or form whose glyphs are mostly oblique (a stamp, a
/// watermark, a slanted label) is oblique as a whole: its few glyphs that
/// happen to lie near an axis do not join the page's lines.
fn mark_oblique_groups(glyphs: &mut [Glyph]) {
    if !glyphs.iter().any(|g| g.dir == 4) {
        return;
    }
    let mut counts: IntMap<u32, (usize, usize)> = IntMap::default();
    for g in glyphs.iter() {
        let c = counts.entry(g.group).or_default();
        c.0 += 1;
        c.1 += usize::from(g.dir == 4);
    }
    for g in glyphs.iter_mut() {
        if let Some(&(all, oblique)) = counts.get(&g.group)
            && oblique > 0
            && oblique * 2 >= all
        {
            g.dir = 4;
        }
    }
}

/// The boxes wider and taller than a rule that a path's subpaths outline,
/// each of four straight sides square to the page (closed or not).
fn path_boxes(path: &[(f32, f32, bool)]) -> Vec<[f32; 4]> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < path.len() {
        let end = path[start + 1..]
            .iter()
            .position(|p| p.2)
            .map_or(path.len(), |i| start + 1 + i);
        let sub = &path[start..end];
        start = end;
        if let Some(b) = outlined_box(sub)
            && b[2] - b[0] > 3.0
            && b[3] - b[1] > 3.0
        {
            out.push(b);
        }
    }
    out
}

/// The box a subpath of four straight sides square to the page outlines
/// (closed or not).
fn outlined_box(sub: &[(f32, f32, bool)]) -> Option<BBox> {
    if !(4..=5).contains(&sub.len()) {
        return None;
    }
    let square = sub
        .windows(2)
        .all(|w| (w[0].0 - w[1].0).abs() < 0.01 || (w[0].1 - w[1].1).abs() < 0.01);
    let points: Vec<(f32, f32)> = sub.iter().map(|p| (p.0, p.1)).collect();
    bbox_of(&points).filter(|_| square)
}

/// The rule a box under 3 points across and over 3 long draws (a line
/// drawn as a thin filled bar): horizontal or not, where it stands, and
/// where it runs from and to.
fn thin_bar(x0: f32, y0: f32, x1: f32, y1: f32) -> Option<(bool, f32, f32, f32)> {
    let (w, h) = (x1 - x0, y1 - y0);
    if h < 3.0 && w > 3.0 {
        Some((true, (y0 + y1) / 2.0, x0, x1))
    } else if w < 3.0 && h > 3.0 {
        Some((false, (x0 + x1) / 2.0, y0, y1))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floor_i32_is_floor_as_i32() {
        let mut values = vec![
            0.0f32,
            -0.0,
            0.5,
            -0.5,
            1.0,
            -1.0,
            -1.5,
            2.999_999_8,
            -2.999_999_8,
            8_388_607.5,
            -8_388_607.5,
            16_777_217.0,
            2_147_483_520.0,
            2_147_483_648.0,
            -2_147_483_648.0,
            -2_147_483_904.0,
            3e10,
            -3e10,
            f32::MAX,
            f32::MIN,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NAN,
            f32::MIN_POSITIVE,
            -f32::MIN_POSITIVE,
        ];
        values.extend((-2000..2000).map(|i| i as f32 * 0.37));
        for v in values {
            assert_eq!(floor_i32(v), v.floor() as i32, "{v}");
        }
    }

    #[test]
    fn a_filled_path_outlining_boxes_gives_each_box() {
        let rect = |x0: f32, y0: f32, x1: f32, y1: f32| {
            vec![
                (x0, y0, true),
                (x1, y0, false),
                (x1, y1, false),
                (x0, y1, false),
                (x0, y0, false),
            ]
        };
        let mut path = rect(10.0, 10.0, 60.0, 30.0);
        path.extend(rect(60.0, 10.0, 90.0, 30.0));
        // A thin bar is a rule, not a box; a slanted side outlines no box.
        path.extend(rect(10.0, 40.0, 90.0, 41.0));
        path.extend([
            (10.0, 50.0, true),
            (50.0, 55.0, false),
            (50.0, 70.0, false),
            (10.0, 70.0, false),
        ]);
        assert_eq!(
            path_boxes(&path),
            [[10.0, 10.0, 60.0, 30.0], [60.0, 10.0, 90.0, 30.0]]
        );
    }

    #[test]
    fn directions() {
        assert_eq!(direction(1.0, 0.0), 0);
        assert_eq!(direction(-1.0, 0.0), 2);
        assert_eq!(direction(0.0, 1.0), 1);
        assert_eq!(direction(0.0, -1.0), 3);
        assert_eq!(direction(1.0, 1.0), 4);
        assert_eq!(direction(1.0, 0.1), 0);
        // The shortcut for upright text agrees with the angle.
        let values = [
            0.0f32,
            -0.0,
            1.0,
            -1.0,
            0.1,
            1e-30,
            -1e-30,
            12.0,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NAN,
        ];
        for a in values {
            for b in values {
                assert_eq!(direction(a, b), direction_by_angle(a, b), "{a} {b}");
            }
        }
    }
}
