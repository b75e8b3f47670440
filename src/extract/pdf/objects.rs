//! Small, panic-free accessors over lopdf objects.

use lopdf::{Dictionary, Document as PdfDoc, Object};

pub use crate::fasthash::IntMap;

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

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Stream, dictionary};

    fn doc_with(objects: Vec<((u32, u16), Object)>) -> PdfDoc {
        let mut doc = PdfDoc::new();
        for (id, obj) in objects {
            doc.objects.insert(id, obj);
        }
        doc
    }

    #[test]
    fn deref_follows_a_chain_of_references() {
        let doc = doc_with(vec![
            ((1, 0), Object::Reference((2, 0))),
            ((2, 0), Object::Integer(7)),
        ]);
        assert_eq!(deref(&doc, &Object::Reference((1, 0))), &Object::Integer(7));
        // A direct object is itself.
        assert_eq!(deref(&doc, &Object::Real(1.5)), &Object::Real(1.5));
    }

    #[test]
    fn deref_of_a_missing_object_is_null() {
        let doc = doc_with(vec![((1, 0), Object::Reference((9, 0)))]);
        assert_eq!(deref(&doc, &Object::Reference((1, 0))), &Object::Null);
        assert_eq!(deref(&doc, &Object::Reference((5, 0))), &Object::Null);
    }

    #[test]
    fn deref_stops_on_a_cycle() {
        let doc = doc_with(vec![
            ((1, 0), Object::Reference((2, 0))),
            ((2, 0), Object::Reference((1, 0))),
        ]);
        assert_eq!(deref(&doc, &Object::Reference((1, 0))), &Object::Null);
        // A reference to itself too.
        let doc = doc_with(vec![((3, 0), Object::Reference((3, 0)))]);
        assert_eq!(deref(&doc, &Object::Reference((3, 0))), &Object::Null);
    }

    #[test]
    fn dict_of_reads_dictionaries_and_stream_dictionaries_only() {
        let stream = Stream::new(dictionary! { "Length" => 0 }, Vec::new());
        let doc = doc_with(vec![
            ((1, 0), Object::Dictionary(dictionary! { "Type" => "Font" })),
            ((2, 0), Object::Stream(stream)),
            ((3, 0), Object::Integer(1)),
        ]);
        let font = dict_of(&doc, &Object::Reference((1, 0))).expect("a dictionary");
        assert_eq!(font.get(b"Type").ok().and_then(name_of), Some(&b"Font"[..]));
        assert!(dict_of(&doc, &Object::Reference((2, 0))).is_some_and(|d| d.has(b"Length")));
        assert!(dict_of(&doc, &Object::Reference((3, 0))).is_none());
        assert!(dict_of(&doc, &Object::Reference((4, 0))).is_none());
    }

    #[test]
    fn numbers_are_finite_integers_or_reals() {
        assert_eq!(num(&Object::Integer(3)), Some(3.0));
        assert_eq!(num(&Object::Real(2.5)), Some(2.5));
        assert_eq!(num(&Object::Real(f32::NAN)), None);
        assert_eq!(num(&Object::Real(f32::INFINITY)), None);
        assert_eq!(num(&Object::Name(b"W".to_vec())), None);
        assert_eq!(name_of(&Object::Integer(1)), None);
    }

    #[test]
    fn array_f32_resolves_references_and_skips_what_is_not_a_number() {
        let doc = doc_with(vec![
            ((1, 0), Object::Integer(500)),
            (
                (2, 0),
                Object::Array(vec![
                    Object::Integer(1),
                    Object::Reference((1, 0)),
                    Object::Name(b"X".to_vec()),
                    Object::Real(0.5),
                    Object::Reference((8, 0)),
                ]),
            ),
        ]);
        assert_eq!(
            array_f32(&doc, &Object::Reference((2, 0))),
            vec![1.0, 500.0, 0.5]
        );
        assert!(array_f32(&doc, &Object::Integer(1)).is_empty());
    }

    #[test]
    fn stream_bytes_decodes_plain_streams_and_nothing_else() {
        let plain = Stream::new(dictionary! {}, b"BT ET".to_vec());
        let broken = Stream::new(
            dictionary! { "Filter" => "FlateDecode" },
            b"not deflate data".to_vec(),
        );
        let doc = doc_with(vec![
            ((1, 0), Object::Stream(plain)),
            ((2, 0), Object::Stream(broken)),
            ((3, 0), Object::Integer(4)),
        ]);
        assert_eq!(
            stream_bytes(&doc, &Object::Reference((1, 0))),
            Some(b"BT ET".to_vec())
        );
        // lopdf decodes broken Flate data to nothing: no content, no panic.
        assert!(
            stream_bytes(&doc, &Object::Reference((2, 0)))
                .unwrap_or_default()
                .is_empty()
        );
        assert_eq!(stream_bytes(&doc, &Object::Reference((3, 0))), None);
    }

    #[test]
    fn int_hasher_spreads_small_keys() {
        let mut map: IntMap<u32, u32> = IntMap::default();
        for i in 0..100 {
            map.insert(i, i * 2);
        }
        assert_eq!(map.len(), 100);
        assert_eq!(map.get(&42), Some(&84));
        use std::hash::{BuildHasher, BuildHasherDefault};
        let h = BuildHasherDefault::<crate::fasthash::IntHasher>::default();
        assert_ne!(h.hash_one(1u32), h.hash_one(2u32));
    }
}
