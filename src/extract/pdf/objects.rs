//! Small, panic-free accessors over lopdf objects.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use lopdf::{Dictionary, Document as PdfDoc, Object};

/// A fast hasher for small integer keys (glyph grids, character codes): no
/// protection against crafted collisions is needed where the maps are capped.
#[derive(Default, Clone, Copy)]
pub struct IntHasher(u64);

impl IntHasher {
    fn add(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl std::hash::Hasher for IntHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.add(u64::from(b));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_i32(&mut self, i: i32) {
        self.add(u64::from(i as u32));
    }
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
}

/// A map with small integer keys, hashed by [`IntHasher`].
pub type IntMap<K, V> = HashMap<K, V, BuildHasherDefault<IntHasher>>;

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
