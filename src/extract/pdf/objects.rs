//! Small, panic-free accessors over lopdf objects.

use lopdf::{Dictionary, Document as PdfDoc, Object};

/// Most bytes one stream may decode to (fonts, CMaps, content, forms).
pub const MAX_STREAM: usize = 64 * 1024 * 1024;

/// Follows references (a bounded number of hops: a crafted file may loop).
pub fn deref<'a>(doc: &'a PdfDoc, mut obj: &'a Object) -> &'a Object {
    for _ in 0..16 {
        match obj {
            Object::Reference(id) => match doc.objects.get(id) {
                Some(o) => obj = o,
                None => return &Object::Null,
            },
            _ => return obj,
        }
    }
    &Object::Null
}

pub fn dict_of<'a>(doc: &'a PdfDoc, obj: &'a Object) -> Option<&'a Dictionary> {
    match deref(doc, obj) {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

pub fn name_of(obj: &Object) -> Option<&[u8]> {
    match obj {
        Object::Name(n) => Some(n),
        _ => None,
    }
}

pub fn num(obj: &Object) -> Option<f32> {
    match obj {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) if r.is_finite() => Some(*r),
        _ => None,
    }
}

pub fn array_f32(doc: &PdfDoc, obj: &Object) -> Vec<f32> {
    match deref(doc, obj) {
        Object::Array(a) => a.iter().filter_map(|o| num(deref(doc, o))).collect(),
        _ => Vec::new(),
    }
}

/// Decoded bytes of a stream object, within the stream cap and the file's memory budget.
pub fn stream_bytes(doc: &PdfDoc, obj: &Object) -> Option<Vec<u8>> {
    match deref(doc, obj) {
        Object::Stream(s) => decode_stream(s).ok(),
        _ => None,
    }
}

/// Why a stream could not be decoded.
#[derive(Debug)]
pub enum StreamError {
    Limit(String),
    Damaged,
}

pub fn decode_stream(s: &lopdf::Stream) -> Result<Vec<u8>, StreamError> {
    let cap = (crate::limits::remaining_memory().min(MAX_STREAM as u64)) as usize;
    let data = match s.decompressed_content_with_limit(cap) {
        Ok(d) => d,
        Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { limit })) => {
            return Err(StreamError::Limit(format!(
                "a stream decodes to more than {limit} bytes"
            )));
        }
        Err(_) => return Err(StreamError::Damaged),
    };
    crate::limits::charge(data.len() as u64).map_err(|e| StreamError::Limit(e.to_string()))?;
    Ok(data)
}
