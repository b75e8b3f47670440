//! The image of a scanned page, for OCR: the page's own image XObject as a
//! file Tesseract reads (a JPEG as stored, other images written as PNM), and
//! the matrix from its pixels to page space. No renderer is a dependency:
//! a page that is not one scanned image is not read.

use lopdf::{Document as PdfDoc, Object, ObjectId};

use super::content::Matrix;
use super::objects::{StreamError, decode_stream, deref, name_of, num};
use crate::extract::ocr::OcrImage;

/// An image drawn on a page: its object and where its unit square goes
/// (page space, y down).
#[derive(Debug, Clone, Copy)]
pub struct Placed {
    /// None for an inline image (`BI … EI`), which is not read.
    pub id: Option<ObjectId>,
    pub matrix: Matrix,
}

impl Placed {
    fn area(&self) -> f32 {
        let [a, b, c, d, _, _] = self.matrix.0;
        (a * d - b * c).abs()
    }
}

/// Why a scanned page could not be given to OCR (said in a note, per page).
pub fn unsupported<T>(what: &str) -> Result<T, String> {
    Err(what.to_string())
}

/// Most pixels one page image may have (a 600 dpi A3 scan is 7016 × 9921).
const MAX_PIXELS: u64 = 100_000_000;

/// The page's scanned image and its pixel-to-page matrix, or why not.
/// `page_area` is the page's size in square points: the image read must cover
/// half of it at least (a logo alone is not a scan of the page).
pub fn page_image(
    doc: &PdfDoc,
    placed: &[Placed],
    page_area: f32,
) -> Result<(OcrImage, Matrix), String> {
    let (big, stream) = scan_of_page(doc, placed, page_area)?;
    let dict = &stream.dict;
    let int = |key: &[u8]| {
        dict.get(key)
            .ok()
            .map(|o| deref(doc, o))
            .and_then(num)
            .map(|v| v as i64)
    };
    let (Some(w), Some(h)) = (int(b"Width"), int(b"Height")) else {
        return unsupported("an image without Width or Height");
    };
    if w <= 0 || h <= 0 || (w as u64) * (h as u64) > MAX_PIXELS {
        return unsupported("an image of an unusable size");
    }
    let (w, h) = (w as u32, h as u32);
    // Pixel (column, row from the top) → the image's unit square → page space.
    let to_page = Matrix([1.0 / w as f32, 0.0, 0.0, -1.0 / h as f32, 0.0, 1.0]).then(&big.matrix);
    let dpi = dpi_of(w, &big.matrix);
    let (bytes, ext) = pixels(doc, stream, w, h)?;
    Ok((OcrImage { bytes, ext, dpi }, to_page))
}

/// The one image that covers half the page or more (the largest), and its stream.
fn scan_of_page<'d>(
    doc: &'d PdfDoc,
    placed: &'d [Placed],
    page_area: f32,
) -> Result<(&'d Placed, &'d lopdf::Stream), String> {
    let Some(big) = placed
        .iter()
        .filter(|p| p.area() >= 0.5 * page_area)
        .max_by(|a, b| a.area().total_cmp(&b.area()))
    else {
        return unsupported(
            "not one scanned image (text drawn as vector art or several small images): \
             not rendered, no OCR",
        );
    };
    let Some(id) = big.id else {
        return unsupported("an inline image: not read");
    };
    let Some(Object::Stream(stream)) = doc.objects.get(&id) else {
        return unsupported("the image object is missing");
    };
    Ok((big, stream))
}

/// The scan's resolution: its pixel width over its width on the page (300 when
/// the image is placed narrower than a point), kept within 50–1200 dpi.
fn dpi_of(width_px: u32, placed: &Matrix) -> u32 {
    let width_pt = {
        let [a, b, ..] = placed.0;
        (a * a + b * b).sqrt()
    };
    if width_pt > 1.0 {
        (width_px as f32 * 72.0 / width_pt)
            .round()
            .clamp(50.0, 1200.0) as u32
    } else {
        300
    }
}

/// The image's pixels as a file Tesseract reads (JPEG as stored; fax and
/// Flate images as PGM/PPM) and its extension, or why it cannot be read.
fn pixels(
    doc: &PdfDoc,
    stream: &lopdf::Stream,
    w: u32,
    h: u32,
) -> Result<(Vec<u8>, &'static str), String> {
    let dict = &stream.dict;
    let filters: Vec<Vec<u8>> = match dict.get(b"Filter").ok().map(|o| deref(doc, o)) {
        Some(Object::Name(n)) => vec![n.clone()],
        Some(Object::Array(a)) => a
            .iter()
            .filter_map(|o| name_of(deref(doc, o)).map(<[u8]>::to_vec))
            .collect(),
        _ => Vec::new(),
    };
    let last = filters.last().map(Vec::as_slice);
    match last {
        Some(b"DCTDecode" | b"DCT") if filters.len() == 1 => {
            crate::limits::charge(stream.content.len() as u64).map_err(|e| e.to_string())?;
            Ok((stream.content.clone(), "jpg"))
        }
        Some(b"CCITTFaxDecode" | b"CCF") if filters.len() == 1 => {
            crate::limits::charge(stream.content.len() as u64).map_err(|e| e.to_string())?;
            let params = ccitt_params(doc, dict.get(b"DecodeParms").ok(), w, h)?;
            let data = ccitt_decode(&stream.content, &params, h)?;
            let bytes = pnm(&data, w, h, 1, 1, decode_inverted(doc, dict))?;
            crate::limits::charge(bytes.len() as u64).map_err(|e| e.to_string())?;
            Ok((bytes, "pgm"))
        }
        Some(b"CCITTFaxDecode" | b"CCF") => {
            unsupported("a CCITT fax image under another filter: not supported")
        }
        Some(b"JBIG2Decode") => unsupported("a JBIG2 image: not supported"),
        Some(b"JPXDecode") => unsupported("a JPEG 2000 image: not supported"),
        Some(b"DCTDecode" | b"DCT") => unsupported("a JPEG under another filter: not supported"),
        Some(b"FlateDecode" | b"Fl") | None if filters.len() <= 1 => {
            flate_pixels(doc, stream, w, h)
        }
        _ => unsupported("an image under filters not supported"),
    }
}

/// A Flate (or unfiltered) image: gray, RGB or a 1-bit mask, as PGM/PPM.
fn flate_pixels(
    doc: &PdfDoc,
    stream: &lopdf::Stream,
    w: u32,
    h: u32,
) -> Result<(Vec<u8>, &'static str), String> {
    let dict = &stream.dict;
    let image_mask = matches!(dict.get(b"ImageMask"), Ok(Object::Boolean(true)));
    let bits = if image_mask {
        1
    } else {
        dict.get(b"BitsPerComponent")
            .ok()
            .map(|o| deref(doc, o))
            .and_then(num)
            .map_or(8, |v| v as i64)
    };
    let channels = if image_mask {
        1
    } else {
        match colour_channels(doc, dict.get(b"ColorSpace").ok()) {
            Some(c) => c,
            None => {
                return unsupported(
                    "an image in a colour space other than DeviceGray, DeviceRGB \
                     or ICCBased gray/RGB (Indexed, CMYK, …): not supported",
                );
            }
        }
    };
    let data = match decode_stream(stream) {
        Ok(d) => d,
        Err(StreamError::Limit(m)) => return Err(m),
        Err(StreamError::Damaged) => return unsupported("the image data is damaged"),
    };
    let bytes = pnm(&data, w, h, bits, channels, decode_inverted(doc, dict))?;
    crate::limits::charge(bytes.len() as u64).map_err(|e| e.to_string())?;
    let ext = if channels == 3 { "ppm" } else { "pgm" };
    Ok((bytes, ext))
}

/// Whether a 1-bit image's /Decode is [1 0]: then a 1 is black. By default
/// a 0 is black, in a gray image (0 is no light) as in an image mask (0 paints
/// the fill colour, taken as dark: the scan's ink).
fn decode_inverted(doc: &PdfDoc, dict: &lopdf::Dictionary) -> bool {
    dict.get(b"Decode")
        .ok()
        .map(|o| deref(doc, o))
        .and_then(|o| match o {
            Object::Array(a) => a.first().map(|v| deref(doc, v)).and_then(num),
            _ => None,
        })
        .is_some_and(|first| first > 0.5)
}

/// The CCITTFaxDecode parameters a PDF gives (PDF 32000-1, table 11), with
/// their defaults; `black_is_one` is /BlackIs1 (a decoded 1 bit is black).
#[derive(Debug, Clone, Copy)]
struct CcittParams {
    settings: hayro_ccitt::DecodeSettings,
    black_is_one: bool,
}

fn ccitt_params(
    doc: &PdfDoc,
    parms: Option<&Object>,
    w: u32,
    h: u32,
) -> Result<CcittParams, String> {
    // /DecodeParms is a dictionary, or an array of one per filter (one here).
    let parms = match parms.map(|o| deref(doc, o)) {
        Some(Object::Dictionary(d)) => Some(d),
        Some(Object::Array(a)) => match a.first().map(|o| deref(doc, o)) {
            Some(Object::Dictionary(d)) => Some(d),
            _ => None,
        },
        _ => None,
    };
    let get = |key: &[u8]| parms.and_then(|d| d.get(key).ok()).map(|o| deref(doc, o));
    let int = |key: &[u8], default: i64| get(key).and_then(num).map_or(default, |v| v as i64);
    let flag = |key: &[u8], default: bool| match get(key) {
        Some(Object::Boolean(b)) => *b,
        _ => default,
    };
    let k = int(b"K", 0);
    let columns = int(b"Columns", 1728);
    if columns != i64::from(w) {
        return Err(format!(
            "a CCITT fax image whose Columns ({columns}) are not its Width ({w}): not supported"
        ));
    }
    // Rows 0 (the default) means as many as the data holds: the Height.
    let rows = match int(b"Rows", 0) {
        r if r > 0 && r <= i64::from(h) => r as u32,
        _ => h,
    };
    let encoding = match k {
        k if k < 0 => hayro_ccitt::EncodingMode::Group4,
        0 => hayro_ccitt::EncodingMode::Group3_1D,
        k => hayro_ccitt::EncodingMode::Group3_2D {
            k: u32::try_from(k).unwrap_or(u32::MAX),
        },
    };
    Ok(CcittParams {
        settings: hayro_ccitt::DecodeSettings {
            columns: w,
            rows,
            end_of_block: flag(b"EndOfBlock", true),
            end_of_line: flag(b"EndOfLine", false),
            rows_are_byte_aligned: flag(b"EncodedByteAlign", false),
            encoding,
            // Colours are mapped here, by /BlackIs1 and then /Decode.
            invert_black: false,
        },
        black_is_one: flag(b"BlackIs1", false),
    })
}

/// Collects decoded CCITT pixels as 1-bit samples, rows padded to whole
/// bytes (as the PDF filter gives them); a sample is 1 for black when
/// /BlackIs1, else for white.
struct Bits {
    data: Vec<u8>,
    row_bytes: usize,
    width: usize,
    rows: usize,
    row: usize,
    col: usize,
    black_is_one: bool,
}

impl Bits {
    fn set(&mut self, white: bool, count: usize) {
        let one = white != self.black_is_one;
        let end = (self.col + count).min(self.width);
        if self.row < self.rows {
            let line = &mut self.data[self.row * self.row_bytes..(self.row + 1) * self.row_bytes];
            for c in self.col..end {
                let mask = 0x80u8 >> (c % 8);
                if one {
                    line[c / 8] |= mask;
                } else {
                    line[c / 8] &= !mask;
                }
            }
        }
        self.col = end;
    }
}

impl hayro_ccitt::Decoder for Bits {
    fn push_pixel(&mut self, white: bool) {
        self.set(white, 1);
    }
    fn push_pixel_chunk(&mut self, white: bool, chunk_count: u32) {
        self.set(white, chunk_count as usize * 8);
    }
    fn next_line(&mut self) {
        self.row += 1;
        self.col = 0;
    }
}

/// The 1-bit samples of a CCITT fax image of `height` rows. Rows the data
/// does not reach (it ended early, /Rows is fewer, or it is damaged past
/// them) stay white; an image that lost more than half its rows is not read.
fn ccitt_decode(data: &[u8], params: &CcittParams, height: u32) -> Result<Vec<u8>, String> {
    let s = &params.settings;
    let (width, rows) = (s.columns as usize, height as usize);
    let row_bytes = width.div_ceil(8);
    let white = if params.black_is_one { 0x00 } else { 0xFF };
    let mut bits = Bits {
        data: vec![white; row_bytes * rows],
        row_bytes,
        width,
        rows,
        row: 0,
        col: 0,
        black_is_one: params.black_is_one,
    };
    let mut ctx = hayro_ccitt::DecoderContext::new(*s);
    let result = hayro_ccitt::decode(data, &mut bits, &mut ctx);
    if result.is_err() && bits.row * 2 < s.rows as usize {
        return Err(format!(
            "the CCITT fax image data is damaged (row {} of {rows})",
            bits.row + 1
        ));
    }
    Ok(bits.data)
}

/// Channels of DeviceGray (1) and DeviceRGB (3), also as ICCBased with /N 1 or 3.
fn colour_channels(doc: &PdfDoc, cs: Option<&Object>) -> Option<usize> {
    match cs.map(|o| deref(doc, o)) {
        Some(Object::Name(n)) => match n.as_slice() {
            b"DeviceGray" | b"G" | b"CalGray" => Some(1),
            b"DeviceRGB" | b"RGB" | b"CalRGB" => Some(3),
            _ => None,
        },
        Some(Object::Array(a)) => match a.first().and_then(name_of) {
            Some(b"ICCBased") => {
                let Object::Stream(s) = deref(doc, a.get(1)?) else {
                    return None;
                };
                match s.dict.get(b"N").ok().and_then(num)? as i64 {
                    1 => Some(1),
                    3 => Some(3),
                    _ => None,
                }
            }
            Some(b"CalGray") => Some(1),
            Some(b"CalRGB") => Some(3),
            _ => None,
        },
        // An image without a colour space (only masks have none): gray.
        None => Some(1),
        _ => None,
    }
}

/// A binary PGM (P5) or PPM (P6) of 8-bit samples: 8-bit data as is, 1-bit
/// data expanded (rows are padded to whole bytes in PDF).
fn pnm(
    data: &[u8],
    w: u32,
    h: u32,
    bits: i64,
    channels: usize,
    black_is_one: bool,
) -> Result<Vec<u8>, String> {
    let (w, h) = (w as usize, h as usize);
    let magic = if channels == 3 { "P6" } else { "P5" };
    let mut out = format!("{magic}\n{w} {h}\n255\n").into_bytes();
    match bits {
        8 => {
            let need = w * h * channels;
            let Some(px) = data.get(..need) else {
                return Err("the image data is shorter than its size".to_string());
            };
            out.extend_from_slice(px);
        }
        1 if channels == 1 => {
            let row = w.div_ceil(8);
            if data.len() < row * h {
                return Err("the image data is shorter than its size".to_string());
            }
            out.reserve(w * h);
            for r in 0..h {
                let bytes = &data[r * row..(r + 1) * row];
                for c in 0..w {
                    let bit = (bytes[c / 8] >> (7 - (c % 8))) & 1 == 1;
                    out.push(if bit == black_is_one { 0 } else { 255 });
                }
            }
        }
        _ => {
            return Err(format!(
                "an image of {bits} bits per component{}: not supported",
                if channels == 3 { " in colour" } else { "" }
            ));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_bit_gray_expands_to_pgm() {
        // 10 pixels wide: two bytes a row, the last 6 bits padding.
        let data = [0b1010_0000, 0b0100_0000, 0xFF, 0xC0];
        let out = pnm(&data, 10, 2, 1, 1, false).expect("pgm");
        let header = b"P5\n10 2\n255\n";
        assert_eq!(&out[..header.len()], header);
        let px = &out[header.len()..];
        assert_eq!(px.len(), 20);
        // 1 = white (255) in DeviceGray; 0 = black.
        assert_eq!(&px[..4], &[255, 0, 255, 0]);
        assert_eq!(px[9], 255);
        assert_eq!(px[10..20], [255; 10]);
        assert!(pnm(&data, 10, 3, 1, 1, false).is_err());
        assert!(pnm(&data, 2, 2, 4, 1, false).is_err());
    }

    // A 10 × 3 page, made by ImageMagick (`-compress Group4` / `Fax` of a
    // PBM, the TIFF strip's bytes): row 1 black in columns 0-2, row 2 white,
    // row 3 black in column 9.
    const G4: [u8; 6] = [0x26, 0xb4, 0x6a, 0x00, 0x20, 0x02];
    const G3_EOL_ALIGNED: [u8; 10] = [0x00, 0x01, 0x35, 0xbc, 0x00, 0x01, 0x38, 0x00, 0x01, 0xa2];
    const INK: [u8; 30] = {
        let mut px = [255; 30];
        px[0] = 0;
        px[1] = 0;
        px[2] = 0;
        px[29] = 0;
        px
    };

    fn parms(pairs: Vec<(&str, Object)>) -> Object {
        let mut d = lopdf::Dictionary::new();
        for (k, v) in pairs {
            d.set(k, v);
        }
        Object::Dictionary(d)
    }

    /// The gray pixels the PGM of a CCITT image gets (header cut off).
    fn gray(data: &[u8], parms: &Object, decode_inverted: bool) -> Result<Vec<u8>, String> {
        let doc = PdfDoc::new();
        let p = ccitt_params(&doc, Some(parms), 10, 3)?;
        let bits = ccitt_decode(data, &p, 3)?;
        let out = pnm(&bits, 10, 3, 1, 1, decode_inverted)?;
        Ok(out[b"P5\n10 3\n255\n".len()..].to_vec())
    }

    #[test]
    fn ccitt_g4_decodes_with_blackis1_and_decode() {
        let g4 = |more: Vec<(&str, Object)>| {
            let mut p = vec![("K", Object::Integer(-1)), ("Columns", Object::Integer(10))];
            p.extend(more);
            parms(p)
        };
        // BlackIs1 false (the default): black runs are 0 bits, black on the page.
        assert_eq!(gray(&G4, &g4(vec![]), false).expect("g4"), INK);
        // As an array of one per filter, and with Rows.
        let listed = Object::Array(vec![g4(vec![("Rows", Object::Integer(3))])]);
        assert_eq!(gray(&G4, &listed, false).expect("g4"), INK);
        // BlackIs1 true: black runs are 1 bits, which a gray image shows
        // white (the page comes out as a negative, as a viewer draws it)…
        let black1 = g4(vec![("BlackIs1", Object::Boolean(true))]);
        let negative: Vec<u8> = INK.iter().map(|v| 255 - v).collect();
        assert_eq!(gray(&G4, &black1, false).expect("g4"), negative);
        // …unless /Decode [1 0] turns it back, as producers pair them.
        assert_eq!(gray(&G4, &black1, true).expect("g4"), INK);
        // Columns that are not the Width, or data that is not CCITT: said, not read.
        let wide = parms(vec![
            ("K", Object::Integer(-1)),
            ("Columns", Object::Integer(12)),
        ]);
        assert!(gray(&G4, &wide, false).is_err_and(|e| e.contains("Columns")));
        assert!(gray(&[0x00; 6], &g4(vec![]), false).is_err_and(|e| e.contains("damaged")));
    }

    #[test]
    fn ccitt_g3_one_dimensional_with_end_of_line() {
        // K 0 (the default): Group 3 1D; EOLs padded to end on a byte.
        let p = parms(vec![
            ("Columns", Object::Integer(10)),
            ("EndOfLine", Object::Boolean(true)),
            ("EncodedByteAlign", Object::Boolean(true)),
        ]);
        assert_eq!(gray(&G3_EOL_ALIGNED, &p, false).expect("g3"), INK);
    }
}
