//! A scanned page's image before OCR: decoded to gray (a JPEG by the
//! `zune-jpeg` crate, a PGM/PPM as written by the PDF reader), the table
//! rulings on it found and erased, and handed to Tesseract as a PGM.
//!
//! Why: a scanned table's ruling lines are read by Tesseract as characters
//! glued to the figures beside them (`|100` → "1100", `|93,83` → "193,83"),
//! often with a high confidence, and a scanned page has no vector rules for
//! the ruled-table reader. Erased, they no longer touch the figures; found,
//! they are given to the same ruled-table reader as a text layer's rules.
//!
//! A ruling is a run of dark pixels, straight within a few degrees (a scan's
//! skew), much longer than any letter's stroke: a vertical one at least
//! [`MIN_VERTICAL`] inch, a horizontal one at least [`MIN_HORIZONTAL`] inch.
//! Erasing whitens only the line's own thin cross-section: where a letter
//! touches the line (a longer dark run across it), its pixels stay.

use super::ocr::OcrImage;
use std::io::Cursor;

/// The shortest vertical ruling (inches): taller than letters of up to
/// about 20 pt, shorter than a one-line table row with its padding.
pub const MIN_VERTICAL: f32 = 0.28;
/// The shortest horizontal ruling (inches): wider than a long dash or a
/// long word (whose serifs may touch along its baseline); a table's row
/// rules run across all its columns.
pub const MIN_HORIZONTAL: f32 = 1.0;
/// The steepest a ruling may lean (tan of about 3°): the skew of a scan.
const MAX_SLOPE: f32 = 0.055;
/// Darker than this (0 black, 255 white) is ink when tracing rulings: a
/// hairline rule blurred by the scan is no darker than about 160.
const INK: u8 = 200;
/// The same for horizontal rulings: a word processor's inner row borders
/// are hairlines, about 195 when scanned (the vertical ones thicker).
const FAINT_INK: u8 = 215;
/// Lighter than this is paper when erasing (a ruling's blurred edge is erased too).
const PAPER: u8 = 215;

/// A gray image, row by row.
#[derive(Debug, Clone, PartialEq)]
pub struct Gray {
    pub width: usize,
    pub height: usize,
    pub px: Vec<u8>,
}

impl Gray {
    fn at(&self, x: usize, y: usize) -> u8 {
        self.px.get(y * self.width + x).copied().unwrap_or(255)
    }

    fn set(&mut self, x: usize, y: usize, v: u8) {
        if let Some(p) = self.px.get_mut(y * self.width + x) {
            *p = v;
        }
    }

    /// As a binary PGM (P5).
    pub fn to_pgm(&self) -> Vec<u8> {
        let mut out = format!("P5\n{} {}\n255\n", self.width, self.height).into_bytes();
        out.extend_from_slice(&self.px);
        out
    }
}

/// A ruling found on the image: its two ends, in pixels (x, y).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ruling {
    pub horizontal: bool,
    pub from: (f32, f32),
    pub to: (f32, f32),
}

/// The image decoded to gray: a JPEG, or a binary PGM/PPM of 8-bit samples.
pub fn decode(image: &OcrImage) -> Result<Gray, String> {
    match image.ext {
        "jpg" => {
            use zune_jpeg::zune_core::colorspace::ColorSpace;
            use zune_jpeg::zune_core::options::DecoderOptions;
            let options = DecoderOptions::default()
                .jpeg_set_out_colorspace(ColorSpace::Luma)
                .set_max_width(30_000)
                .set_max_height(30_000);
            let mut dec =
                zune_jpeg::JpegDecoder::new_with_options(Cursor::new(&image.bytes), options);
            let px = dec.decode().map_err(|e| format!("JPEG: {e:?}"))?;
            let (width, height) = dec.dimensions().ok_or("JPEG: no size")?;
            if px.len() != width * height {
                return Err("JPEG: not decoded to gray".to_string());
            }
            Ok(Gray { width, height, px })
        }
        "pgm" | "ppm" => parse_pnm(&image.bytes),
        other => Err(format!("{other}: not decoded")),
    }
}

/// A binary PGM (P5) or PPM (P6) with 8-bit samples, as gray.
fn parse_pnm(bytes: &[u8]) -> Result<Gray, String> {
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if bytes.get(i) == Some(&b'#') {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if start == i {
            return Err("PNM: header cut short".to_string());
        }
        fields.push(String::from_utf8_lossy(&bytes[start..i]).to_string());
    }
    let channels = match fields[0].as_str() {
        "P5" => 1,
        "P6" => 3,
        m => return Err(format!("PNM: {m} not read")),
    };
    let num = |s: &str| {
        s.parse::<usize>()
            .map_err(|_| format!("PNM: bad number {s}"))
    };
    let (width, height, max) = (num(&fields[1])?, num(&fields[2])?, num(&fields[3])?);
    if max != 255 {
        return Err("PNM: not 8-bit".to_string());
    }
    let data = bytes.get(i + 1..).unwrap_or_default();
    let n = width
        .checked_mul(height)
        .and_then(|n| n.checked_mul(channels))
        .ok_or("PNM: too large")?;
    let data = data.get(..n).ok_or("PNM: data cut short")?;
    let px = if channels == 1 {
        data.to_vec()
    } else {
        data.chunks_exact(3)
            .map(|c| ((299 * c[0] as u32 + 587 * c[1] as u32 + 114 * c[2] as u32) / 1000) as u8)
            .collect()
    };
    Ok(Gray { width, height, px })
}

/// The page image Tesseract reads (a PGM with the rulings erased) and the
/// rulings found; the image as it was and no rulings when it cannot be decoded.
pub fn prepare(image: OcrImage) -> (OcrImage, Vec<Ruling>) {
    let Ok(mut gray) = decode(&image) else {
        return (image, Vec::new());
    };
    let rulings = find_rulings(&gray, image.dpi);
    if rulings.is_empty() {
        return (image, rulings);
    }
    erase(&mut gray, &rulings, image.dpi);
    (
        OcrImage {
            bytes: gray.to_pgm(),
            ext: "pgm",
            dpi: image.dpi,
        },
        rulings,
    )
}

/// The rulings of an image at `dpi`.
pub fn find_rulings(g: &Gray, dpi: u32) -> Vec<Ruling> {
    let dpi = dpi.clamp(50, 1200) as f32;
    let mut out = Vec::new();
    // Vertical rulings are traced down the rows, horizontal ones along the
    // columns at a lighter threshold (thin row borders scan faint), each step
    // leaning a pixel to either side.
    for horizontal in [false, true] {
        let (along, across, ink, min_length) = if horizontal {
            (g.width, g.height, FAINT_INK, MIN_HORIZONTAL)
        } else {
            (g.height, g.width, INK, MIN_VERTICAL)
        };
        let runs = paths(
            along,
            across,
            |p, s| {
                let (x, y) = as_xy(horizontal, p, s);
                g.at(x, y) < ink
            },
            (0.08 * dpi) as usize,
        );
        for (p0, s0, p1, s1) in merge(runs, dpi) {
            if (p1 - p0) >= min_length * dpi {
                out.push(Ruling {
                    horizontal,
                    from: as_xy(horizontal, p0, s0),
                    to: as_xy(horizontal, p1, s1),
                });
            }
        }
    }
    out
}

/// A point (along, across) of a ruling's trace as (x, y).
fn as_xy<T>(horizontal: bool, along: T, across: T) -> (T, T) {
    if horizontal {
        (along, across)
    } else {
        (across, along)
    }
}

/// A traced run: its first and last pixel along the primary axis, with the
/// secondary coordinate at each (p0, s0, p1, s1).
type Run = (f32, f32, f32, f32);

/// Straight runs of ink along the primary axis (`along` steps), each step
/// staying in the same line of the secondary axis or moving one to either
/// side, drifting no more than [`MAX_SLOPE`]; those at least `min` long.
fn paths(along: usize, across: usize, ink: impl Fn(usize, usize) -> bool, min: usize) -> Vec<Run> {
    let mut out = Vec::new();
    let mut prev_len = vec![0u32; across];
    let mut prev_start = vec![(0u32, 0u32); across];
    let mut cur_len = vec![0u32; across];
    let mut cur_start = vec![(0u32, 0u32); across];
    let mut continued = vec![false; across];
    let min = min.max(2) as u32;
    for p in 0..along {
        continued.iter_mut().for_each(|c| *c = false);
        for s in 0..across {
            if !ink(p, s) {
                cur_len[s] = 0;
                continue;
            }
            let mut best: Option<usize> = (prev_len[s] > 0).then_some(s);
            if best.is_none() {
                for c in [s.wrapping_sub(1), s + 1] {
                    if c < across
                        && prev_len[c] > 0
                        && best.is_none_or(|b| prev_len[c] > prev_len[b])
                    {
                        best = Some(c);
                    }
                }
            }
            let fresh = (1, (p as u32, s as u32));
            let (len, start) = match best {
                Some(b) => {
                    let len = prev_len[b] + 1;
                    let start = prev_start[b];
                    let drift = (s as f32 - start.1 as f32).abs();
                    if drift <= 2.0 + len as f32 * MAX_SLOPE {
                        continued[b] = true;
                        (len, start)
                    } else {
                        fresh
                    }
                }
                None => fresh,
            };
            cur_len[s] = len;
            cur_start[s] = start;
        }
        if p > 0 {
            for s in 0..across {
                if prev_len[s] >= min && !continued[s] {
                    let (sp, ss) = prev_start[s];
                    out.push((sp as f32, ss as f32, (p - 1) as f32, s as f32));
                }
            }
        }
        std::mem::swap(&mut prev_len, &mut cur_len);
        std::mem::swap(&mut prev_start, &mut cur_start);
        if out.len() > 200_000 {
            // A page of solid ink (a photograph): no rulings to find.
            return Vec::new();
        }
    }
    for s in 0..across {
        if prev_len[s] >= min {
            let (sp, ss) = prev_start[s];
            out.push((
                sp as f32,
                ss as f32,
                along.saturating_sub(1) as f32,
                s as f32,
            ));
        }
    }
    out
}

/// Runs of one line joined: the strands of a thick line side by side, and
/// pieces in a row with small gaps (noise) between them.
fn merge(mut runs: Vec<Run>, dpi: f32) -> Vec<Run> {
    runs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let gap = (0.02 * dpi).max(2.0);
    let width = (0.015 * dpi).max(2.0);
    let mut lines: Vec<Run> = Vec::new();
    for r in runs {
        let found = lines.iter_mut().rev().take(400).find(|l| {
            if r.0 > l.2 + gap {
                return false;
            }
            // The line's secondary coordinate where the run starts.
            let slope = if l.2 > l.0 {
                (l.3 - l.1) / (l.2 - l.0)
            } else {
                0.0
            };
            let at = l.1 + slope * (r.0 - l.0);
            (at - r.1).abs() <= width
        });
        match found {
            Some(l) => {
                if r.2 > l.2 {
                    l.2 = r.2;
                    l.3 = r.3;
                }
            }
            None => lines.push(r),
        }
    }
    lines
        .into_iter()
        .filter(|l| l.2 > l.0 && ((l.3 - l.1) / (l.2 - l.0)).abs() <= MAX_SLOPE)
        .collect()
}

/// Whitens each ruling's own cross-section, step by step along it: the run
/// of ink across it (its edge blur included) when it is no wider than a
/// ruling; where a letter touches it (a wider run) the pixels stay.
pub fn erase(g: &mut Gray, rulings: &[Ruling], dpi: u32) {
    let thick = ((dpi as f32 / 40.0).round() as i64).max(3);
    // Horizontals first: a crossing is left where a vertical runs through
    // it, and the vertical's pass then finds it narrow.
    let ordered = rulings
        .iter()
        .filter(|r| r.horizontal)
        .chain(rulings.iter().filter(|r| !r.horizontal));
    for r in ordered {
        let (a, b) = if r.horizontal {
            ((r.from.0, r.from.1), (r.to.0, r.to.1))
        } else {
            ((r.from.1, r.from.0), (r.to.1, r.to.0))
        };
        // (primary, secondary) → (x, y)
        let xy = |p: i64, s: i64| if r.horizontal { (p, s) } else { (s, p) };
        let (w, h) = (g.width as i64, g.height as i64);
        let paper = |g: &Gray, p: i64, s: i64| {
            let (x, y) = xy(p, s);
            x < 0 || y < 0 || x >= w || y >= h || g.at(x as usize, y as usize) >= PAPER
        };
        let (p0, p1) = (a.0.round() as i64, b.0.round() as i64);
        for p in p0..=p1 {
            let t = if p1 > p0 {
                (p - p0) as f32 / (p1 - p0) as f32
            } else {
                0.0
            };
            let c = (a.1 + t * (b.1 - a.1)).round() as i64;
            // The ink nearest the line's centre.
            let Some(s) = [0, -1, 1, -2, 2, -3, 3]
                .iter()
                .map(|d| c + d)
                .find(|&s| !paper(g, p, s))
            else {
                continue;
            };
            let (mut lo, mut hi) = (s, s);
            while lo > s - thick - 2 && !paper(g, p, lo - 1) {
                lo -= 1;
            }
            while hi < s + thick + 2 && !paper(g, p, hi + 1) {
                hi += 1;
            }
            if hi - lo + 1 > thick + 2 {
                continue;
            }
            for s in lo..=hi {
                let (x, y) = xy(p, s);
                if x >= 0 && y >= 0 && x < w && y < h {
                    g.set(x as usize, y as usize, 255);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A white page with a skewed ruled box and a few "letters".
    fn page() -> Gray {
        let (width, height) = (800, 600);
        let mut g = Gray {
            width,
            height,
            px: vec![250; width * height],
        };
        // Horizontal rules at y ≈ 100 and 400, falling 1 px every 80 (0.7°), 2 px thick.
        for x in 100..700 {
            for y0 in [100, 400] {
                let y = y0 + x / 80;
                g.set(x, y, 40);
                g.set(x, y + 1, 60);
            }
        }
        // Vertical rules at x ≈ 100, 400 and 700.
        for y in 100..410 {
            for x0 in [100, 400, 700] {
                let x = x0 - y / 80;
                g.set(x, y, 40);
                g.set(x + 1, y, 70);
            }
        }
        // A letter "l" (3 × 25 px) and a "-" (20 × 3 px) in a cell.
        for y in 200..225 {
            for x in 150..153 {
                g.set(x, y, 20);
            }
        }
        for x in 200..220 {
            for y in 220..223 {
                g.set(x, y, 20);
            }
        }
        g
    }

    #[test]
    fn rulings_are_found_straight_through_the_skew_and_letters_are_not() {
        let g = page();
        let r = find_rulings(&g, 200);
        let h: Vec<&Ruling> = r.iter().filter(|r| r.horizontal).collect();
        let v: Vec<&Ruling> = r.iter().filter(|r| !r.horizontal).collect();
        assert_eq!(h.len(), 2, "{r:?}");
        assert_eq!(v.len(), 3, "{r:?}");
        for l in &h {
            assert!(l.to.0 - l.from.0 > 550.0, "{l:?}");
        }
        for l in &v {
            assert!(l.to.1 - l.from.1 > 280.0, "{l:?}");
        }
    }

    #[test]
    fn erasing_whitens_the_rulings_but_not_the_letters() {
        let mut g = page();
        let r = find_rulings(&g, 200);
        erase(&mut g, &r, 200);
        let ink = |g: &Gray, x0: usize, x1: usize, y0: usize, y1: usize| {
            (y0..y1)
                .flat_map(|y| (x0..x1).map(move |x| (x, y)))
                .filter(|&(x, y)| g.at(x, y) < 128)
                .count()
        };
        // The rulings are gone.
        assert_eq!(ink(&g, 0, 800, 0, 99), 0);
        assert!(
            ink(&g, 90, 710, 95, 420) <= 75 + 60,
            "{}",
            ink(&g, 90, 710, 95, 420)
        );
        // The letters stay.
        assert_eq!(ink(&g, 150, 153, 200, 225), 75);
        assert_eq!(ink(&g, 200, 220, 220, 223), 60);
        // The page as a PGM reads back the same.
        let back = parse_pnm(&g.to_pgm()).expect("pgm");
        assert_eq!(back, g);
    }
}
