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
pub fn unsupported(what: &str) -> Result<(OcrImage, Matrix), String> {
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
    let filters: Vec<Vec<u8>> = match dict.get(b"Filter").ok().map(|o| deref(doc, o)) {
        Some(Object::Name(n)) => vec![n.clone()],
        Some(Object::Array(a)) => a
            .iter()
            .filter_map(|o| name_of(deref(doc, o)).map(<[u8]>::to_vec))
            .collect(),
        _ => Vec::new(),
    };
    // Pixel (column, row from the top) → the image's unit square → page space.
    let to_page = Matrix([1.0 / w as f32, 0.0, 0.0, -1.0 / h as f32, 0.0, 1.0]).then(&big.matrix);
    let width_pt = {
        let [a, b, ..] = big.matrix.0;
        (a * a + b * b).sqrt()
    };
    let dpi = if width_pt > 1.0 {
        (w as f32 * 72.0 / width_pt).round().clamp(50.0, 1200.0) as u32
    } else {
        300
    };
    let last = filters.last().map(Vec::as_slice);
    match last {
        Some(b"DCTDecode" | b"DCT") if filters.len() == 1 => {
            crate::limits::charge(stream.content.len() as u64).map_err(|e| e.to_string())?;
            Ok((
                OcrImage {
                    bytes: stream.content.clone(),
                    ext: "jpg",
                    dpi,
                },
                to_page,
            ))
        }
        Some(b"CCITTFaxDecode" | b"CCF") => unsupported("a CCITT fax image: not supported"),
        Some(b"JBIG2Decode") => unsupported("a JBIG2 image: not supported"),
        Some(b"JPXDecode") => unsupported("a JPEG 2000 image: not supported"),
        Some(b"DCTDecode" | b"DCT") => unsupported("a JPEG under another filter: not supported"),
        Some(b"FlateDecode" | b"Fl") | None if filters.len() <= 1 => {
            let image_mask = matches!(dict.get(b"ImageMask"), Ok(Object::Boolean(true)));
            let bits = if image_mask {
                1
            } else {
                int(b"BitsPerComponent").unwrap_or(8)
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
            // 1-bit images: 0 is black, unless an image mask or /Decode [1 0] says otherwise.
            let decode_inverted = dict
                .get(b"Decode")
                .ok()
                .map(|o| deref(doc, o))
                .and_then(|o| match o {
                    Object::Array(a) => a.first().map(|v| deref(doc, v)).and_then(num),
                    _ => None,
                })
                .is_some_and(|first| first > 0.5);
            let black_is_one = image_mask != decode_inverted;
            let bytes = pnm(&data, w, h, bits, channels, black_is_one)?;
            crate::limits::charge(bytes.len() as u64).map_err(|e| e.to_string())?;
            let ext = if channels == 3 { "ppm" } else { "pgm" };
            Ok((OcrImage { bytes, ext, dpi }, to_page))
        }
        _ => unsupported("an image under filters not supported"),
    }
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
}
