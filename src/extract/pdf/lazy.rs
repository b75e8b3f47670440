//! Loading only the objects that reading the pages uses: the catalog, the page
//! tree and what the pages reach (resources, fonts, forms, images, contents),
//! each read where the cross-reference data puts it. A tagged report from Word
//! is mostly its structure tree (peternakan: 6,663 of 6,945 objects), which
//! lopdf's full load parses and page reading never looks at.
//!
//! Objects are read as lopdf reads them (its grammar, by `Lexer`), and this
//! reader only goes where lopdf would read the same: anything it does not
//! expect (encryption, a repair lopdf would make, an object not where the
//! cross-reference data says, a stream whose length is wrong) makes `load`
//! return None, and the caller loads the whole file with lopdf.

use std::collections::{BTreeMap, HashMap};

use lopdf::{Dictionary, Document as PdfDoc, Object, ObjectId, Stream};

use super::lexer::Lexer;

/// Keys under which nothing page reading uses is found, and which can lead
/// to much of a file (annotations lead to the form fields and back to the
/// structure tree).
const SKIPPED_KEYS: [&[u8]; 6] = [
    b"Annots",
    b"StructTreeRoot",
    b"Metadata",
    b"Thumb",
    b"B",
    b"PieceInfo",
];

/// Cross-reference sections followed through `/Prev`.
const MAX_SECTIONS: usize = 256;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Entry {
    Free,
    Normal { offset: usize },
    Compressed { container: u32 },
}

/// An object stream, decoded: its content and where each object starts.
struct ObjectStream {
    content: Vec<u8>,
    starts: Vec<(u32, usize)>,
}

struct Reader<'b> {
    buffer: &'b [u8],
    lexer: Lexer<'b>,
    entries: HashMap<u32, Entry>,
    streams: HashMap<u32, Option<ObjectStream>>,
    /// Most bytes one stream may decode to (lopdf's `max_decompressed_size`).
    cap: usize,
}

/// The document with the objects its pages reach, or None where lopdf's full
/// load is needed (see the module's comment). `max_objects`: the most objects
/// read before giving up.
pub(super) fn load(bytes: &[u8], cap: usize, max_objects: usize) -> Option<PdfDoc> {
    let start = bytes.windows(5).position(|w| w == b"%PDF-")?;
    let buffer = bytes.get(start..)?;
    let version = version(buffer)?;
    let mut reader = Reader {
        buffer,
        lexer: Lexer::new(buffer),
        entries: HashMap::new(),
        streams: HashMap::new(),
        cap,
    };
    let trailer = reader.cross_references()?;
    if trailer.has(b"Encrypt") {
        return None;
    }
    let root = trailer.get(b"Root").ok()?.as_reference().ok()?;
    let catalog = reader.object(root)?;
    // Of the catalog, only the page tree: the rest (outlines, structure
    // tree, names, forms) is never read.
    let pages = catalog
        .as_dict()
        .ok()?
        .get(b"Pages")
        .ok()?
        .as_reference()
        .ok()?;
    let mut objects = BTreeMap::new();
    objects.insert(root, catalog);
    let mut queue = vec![pages];
    while let Some(id) = queue.pop() {
        if objects.contains_key(&id) {
            continue;
        }
        // A free entry deletes the object; one with no entry at all may
        // still be in an object stream lopdf reads whole.
        match reader.entries.get(&id.0)? {
            Entry::Free => continue,
            Entry::Normal { .. } | Entry::Compressed { .. } => {}
        }
        let object = reader.object(id)?;
        references(&object, &mut queue);
        objects.insert(id, object);
        if objects.len() > max_objects {
            return None;
        }
    }
    let mut doc = PdfDoc::new();
    doc.version = version;
    doc.max_id = objects.keys().next_back().map_or(0, |id| id.0);
    doc.trailer = trailer;
    doc.objects = objects;
    // A page tree lopdf would rebuild or find empty is lopdf's to read.
    if doc.get_pages().is_empty() {
        return None;
    }
    Some(doc)
}

/// The version in the header, which lopdf requires (`%PDF-1.7`).
fn version(buffer: &[u8]) -> Option<String> {
    let rest = buffer.get(5..)?;
    let digits = rest
        .iter()
        .take_while(|c| c.is_ascii_digit() || **c == b'.')
        .count();
    let line = rest.iter().position(|&c| c == b'\r' || c == b'\n')?;
    (line >= digits).then(|| String::from_utf8_lossy(&rest[..digits]).into_owned())
}

/// Every object `object` refers to, outside the skipped keys.
fn references(object: &Object, out: &mut Vec<ObjectId>) {
    match object {
        Object::Reference(id) => out.push(*id),
        Object::Array(items) => items.iter().for_each(|o| references(o, out)),
        Object::Dictionary(d) => dictionary_references(d, out),
        Object::Stream(s) => dictionary_references(&s.dict, out),
        _ => {}
    }
}

fn dictionary_references(dict: &Dictionary, out: &mut Vec<ObjectId>) {
    for (key, value) in dict.iter() {
        if !SKIPPED_KEYS.contains(&key.as_slice()) {
            references(value, out);
        }
    }
}

/// An unsigned decimal at `p`, and the offset after it.
fn unsigned(buffer: &[u8], p: usize) -> Option<(u64, usize)> {
    let digits = buffer
        .get(p..)?
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if digits == 0 || digits > 19 {
        return None;
    }
    let value = buffer[p..p + digits]
        .iter()
        .fold(0u64, |v, &c| v * 10 + u64::from(c - b'0'));
    Some((value, p + digits))
}

/// Where `startxref` says the last cross-reference section is: as lopdf's
/// `get_xref_start` finds it, before the last `%%EOF`.
fn xref_start(buffer: &[u8], lexer: &Lexer<'_>) -> Option<usize> {
    let end = buffer
        .iter()
        .rposition(|c| !b" \t\n\r\0\x0C".contains(c))
        .map_or(0, |p| p + 1);
    let tail_start = end.saturating_sub(1024);
    let tail = buffer.get(tail_start..end)?;
    let eof = tail_start + tail.windows(5).rposition(|w| w == b"%%EOF")?;
    // Anything after the last `%%EOF` (a file cut short inside an update,
    // or bytes appended) is for lopdf's reading and its repairs.
    if eof <= 25 || eof + 5 != end {
        return None;
    }
    let from = eof - 25;
    let at = from
        + buffer
            .get(from..eof)?
            .windows(9)
            .rposition(|w| w == b"startxref")?;
    let mut p = at + 9;
    if buffer.get(p) == Some(&b' ') {
        p += 1;
    }
    p = lexer.eol(p)?;
    p += buffer.get(p..)?.iter().take_while(|&&c| c == b' ').count();
    let (offset, q) = unsigned(buffer, p)?;
    let q = q + buffer.get(q..)?.iter().take_while(|&&c| c == b' ').count();
    let q = lexer.eol(q)?;
    lexer
        .starts(q, b"%%EOF")
        .then_some(usize::try_from(offset).ok()?)
}

impl Reader<'_> {
    /// Reads every cross-reference section, newest first (an entry already
    /// read wins), and returns the newest trailer.
    fn cross_references(&mut self) -> Option<Dictionary> {
        let mut next = Some(xref_start(self.buffer, &self.lexer)?);
        let mut seen = Vec::new();
        let mut newest = None;
        while let Some(offset) = next {
            if seen.contains(&offset) {
                break;
            }
            if seen.len() >= MAX_SECTIONS {
                return None;
            }
            seen.push(offset);
            let (mut section, trailer) = self.section(offset)?;
            if let Ok(stream) = trailer.get(b"XRefStm") {
                self.merge_hybrid(&mut section, stream)?;
            }
            for (id, entry) in section {
                self.entries.entry(id).or_insert(entry);
            }
            next = match trailer.get(b"Prev") {
                Ok(prev) => Some(usize::try_from(prev.as_i64().ok()?).ok()?),
                Err(_) => None,
            };
            newest.get_or_insert(trailer);
        }
        newest
    }

    /// The entries of the cross-reference stream a hybrid-reference file's
    /// section names: they replace the table's free entries.
    fn merge_hybrid(&self, section: &mut HashMap<u32, Entry>, offset: &Object) -> Option<()> {
        let offset = usize::try_from(offset.as_i64().ok()?).ok()?;
        let (stream_entries, _) = self.section(offset)?;
        for (id, entry) in stream_entries {
            match section.get(&id) {
                Some(Entry::Normal { .. } | Entry::Compressed { .. }) => {}
                _ => {
                    section.insert(id, entry);
                }
            }
        }
        Some(())
    }

    /// The section at `offset`: a table with its trailer, or a stream.
    fn section(&self, offset: usize) -> Option<(HashMap<u32, Entry>, Dictionary)> {
        if self.lexer.starts(offset, b"xref") {
            self.table(offset)
        } else {
            self.xref_stream(offset)
        }
    }

    /// A cross-reference table and its trailer (lopdf's `xref` and `trailer`,
    /// lenient: entries may end in a bare LF or CR).
    fn table(&self, offset: usize) -> Option<(HashMap<u32, Entry>, Dictionary)> {
        let b = self.buffer;
        let mut p = offset + 4;
        if b.get(p) == Some(&b' ') {
            p += 1;
        }
        p = self.lexer.eol(p)?;
        let mut entries = HashMap::new();
        let mut subsections = 0;
        while let Some((first, q)) = unsigned(b, p) {
            if b.get(q) != Some(&b' ') {
                return None;
            }
            let (_count, q) = unsigned(b, q + 1)?;
            let mut q = q;
            if b.get(q) == Some(&b' ') {
                q += 1;
            }
            p = self.lexer.eol(q)?;
            subsections += 1;
            let mut index = 0u64;
            // Entries: "oooooooooo ggggg n" and an end of line.
            while let Some((value, q)) = unsigned(b, p) {
                if b.get(q) != Some(&b' ') {
                    break;
                }
                let Some((generation, q)) = unsigned(b, q + 1) else {
                    break;
                };
                if b.get(q) != Some(&b' ') {
                    break;
                }
                let kind = *b.get(q + 1)?;
                if kind != b'n' && kind != b'f' {
                    break;
                }
                let r = q + 2;
                let after = if self.lexer.starts(r, b" \r")
                    || self.lexer.starts(r, b" \n")
                    || self.lexer.starts(r, b"\r\n")
                {
                    r + 2
                } else if matches!(b.get(r), Some(b'\n' | b'\r')) {
                    r + 1
                } else {
                    return None;
                };
                let id = u32::try_from(first.checked_add(index)?).ok()?;
                let entry = if kind == b'f' {
                    Entry::Free
                } else {
                    // An entry lopdf cannot read is one the full load decides on.
                    u16::try_from(generation).ok()?;
                    Entry::Normal {
                        offset: usize::try_from(value).ok()?,
                    }
                };
                entries.insert(id, entry);
                index += 1;
                p = after;
            }
        }
        if subsections == 0 {
            return None;
        }
        p = self.lexer.skip_space(p);
        if !self.lexer.starts(p, b"trailer") {
            return None;
        }
        let (_, trailer) = self.lexer.file_object(self.lexer.skip_space(p + 7))?;
        let trailer = trailer.as_dict().ok()?.clone();
        trailer.get(b"Size").ok()?.as_i64().ok()?;
        Some((entries, trailer))
    }

    /// A cross-reference stream (lopdf's `decode_xref_stream_with_limit`).
    fn xref_stream(&self, offset: usize) -> Option<(HashMap<u32, Entry>, Dictionary)> {
        let (_, object) = self.indirect(offset, true)?;
        let Object::Stream(stream) = object else {
            return None;
        };
        let content = stream.get_plain_content_with_limit(self.cap).ok()?;
        let dict = &stream.dict;
        let size = dict.get(b"Size").ok()?.as_i64().ok()?;
        let integers = |o: &Object| -> Option<Vec<i64>> {
            o.as_array().ok()?.iter().map(|x| x.as_i64().ok()).collect()
        };
        let index = match dict.get(b"Index") {
            Ok(o) => integers(o)?,
            Err(_) => vec![0, size],
        };
        let widths = integers(dict.get(b"W").ok()?)?;
        if widths.len() < 3 || widths.iter().take(3).any(|&w| !(0..=8).contains(&w)) {
            return None;
        }
        let widths: Vec<usize> = widths.iter().take(3).map(|&w| w as usize).collect();
        let entry_width: usize = widths.iter().sum();
        if entry_width == 0 || index.len() % 2 != 0 {
            return None;
        }
        let field = |at: usize, width: usize| -> Option<u64> {
            let bytes = content.get(at..at + width)?;
            Some(bytes.iter().fold(0u64, |v, &c| (v << 8) | u64::from(c)))
        };
        let mut entries = HashMap::new();
        let mut at = 0usize;
        for pair in index.chunks(2) {
            let (first, count) = (pair[0], pair[1]);
            for j in 0..count {
                let kind = if widths[0] == 0 {
                    1
                } else {
                    field(at, widths[0])?
                };
                let second = field(at + widths[0], widths[1])?;
                field(at + widths[0] + widths[1], widths[2])?;
                at += entry_width;
                let id = u32::try_from(first.checked_add(j)?).ok()?;
                let entry = match kind {
                    0 => Entry::Free,
                    1 => Entry::Normal {
                        offset: usize::try_from(second).ok()?,
                    },
                    2 => Entry::Compressed {
                        container: u32::try_from(second).ok()?,
                    },
                    _ => continue,
                };
                entries.insert(id, entry);
            }
        }
        Some((entries, dict.clone()))
    }

    /// The object `id`, from where the cross-reference data puts it.
    fn object(&mut self, id: ObjectId) -> Option<Object> {
        match *self.entries.get(&id.0)? {
            Entry::Free => None,
            Entry::Normal { offset } => {
                let (found, object) = self.indirect(offset, true)?;
                (found == id).then_some(object)
            }
            Entry::Compressed { container } => {
                // Objects in object streams have generation 0.
                if id.1 != 0 {
                    return None;
                }
                if !self.streams.contains_key(&container) {
                    let stream = self.object_stream(container);
                    self.streams.insert(container, stream);
                }
                let stream = self.streams.get(&container)?.as_ref()?;
                let mut at = stream.starts.iter().filter(|(n, _)| *n == id.0);
                let (_, start) = at.next()?;
                if at.next().is_some() {
                    return None;
                }
                let lexer = Lexer::new(&stream.content);
                let (_, object) = lexer.file_object(lexer.skip_space(*start))?;
                Some(object)
            }
        }
    }

    /// An object stream's content and the objects' starts (lopdf's
    /// `ObjectStream::new_with_limit`).
    fn object_stream(&self, container: u32) -> Option<ObjectStream> {
        // An object stream is not itself in one (nor, then, in itself).
        let Entry::Normal { offset } = *self.entries.get(&container)? else {
            return None;
        };
        let ((number, generation), Object::Stream(stream)) = self.indirect(offset, true)? else {
            return None;
        };
        if number != container || generation != 0 {
            return None;
        }
        if !stream.dict.has_type(b"ObjStm") {
            return None;
        }
        let content = stream.get_plain_content_with_limit(self.cap).ok()?;
        let first = usize::try_from(stream.dict.get(b"First").ok()?.as_i64().ok()?).ok()?;
        let header = std::str::from_utf8(content.get(..first)?).ok()?;
        let numbers: Vec<Option<u32>> = header
            .split(['\r', '\n'])
            .flat_map(|line| {
                line.split('%')
                    .next()
                    .unwrap_or_default()
                    .split_whitespace()
            })
            .map(|n| n.parse::<u32>().ok())
            .collect();
        let mut starts = Vec::new();
        for pair in numbers.chunks_exact(2) {
            // A pair lopdf cannot read leaves an object it drops: the full load decides.
            let (id, offset) = (pair[0]?, pair[1]?);
            let start = first.checked_add(offset as usize)?;
            if start >= content.len() {
                return None;
            }
            starts.push((id, start));
        }
        Some(ObjectStream { content, starts })
    }

    /// The indirect object at `offset` (`12 0 obj … endobj`) and its number.
    /// `length_elsewhere`: whether a stream's length may be an object of its
    /// own (not when reading that length: a crafted file could loop).
    fn indirect(&self, offset: usize, length_elsewhere: bool) -> Option<(ObjectId, Object)> {
        let b = self.buffer;
        // The object starts where the cross-reference data says, as in an
        // intact file (lopdf allows space before it, and repairs offsets).
        let (number, q) = unsigned(b, offset)?;
        let (generation, r) = unsigned(b, self.lexer.skip_space(q))?;
        let r = self.lexer.skip_space(r);
        if !self.lexer.starts(r, b"obj") {
            return None;
        }
        let id = (u32::try_from(number).ok()?, u16::try_from(generation).ok()?);
        let p = self.lexer.skip_space(r + 3);
        let (end, object) = self.lexer.file_object(p)?;
        let Object::Dictionary(dict) = object else {
            return Some((id, object));
        };
        // The `stream` keyword, spaces or tabs, and an end of line.
        let q = self.lexer.skip_space(end);
        if !self.lexer.starts(q, b"stream") {
            return Some((id, Object::Dictionary(dict)));
        }
        let q = q
            + 6
            + b.get(q + 6..)?
                .iter()
                .take_while(|&&c| c == b' ' || c == b'\t')
                .count();
        let data = self.lexer.eol(q)?;
        let length = match dict.get(b"Length").ok()? {
            Object::Reference(length_id) if length_elsewhere => self.direct_length(*length_id)?,
            o => o.as_i64().ok()?,
        };
        let length = usize::try_from(length).ok()?;
        let end = data.checked_add(length)?;
        let after = self.lexer.eol(end).unwrap_or(end);
        if !self.lexer.starts(after, b"endstream") {
            return None;
        }
        Some((
            id,
            Object::Stream(Stream::new(dict, b.get(data..end)?.to_vec())),
        ))
    }

    /// A stream's length kept in an object of its own, read without the
    /// object-stream cache (a number is all it can be).
    fn direct_length(&self, id: ObjectId) -> Option<i64> {
        match *self.entries.get(&id.0)? {
            Entry::Normal { offset } => {
                let (found, object) = self.indirect(offset, false)?;
                (found == id).then_some(())?;
                object.as_i64().ok()
            }
            Entry::Free | Entry::Compressed { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NO_LIMIT: usize = usize::MAX;

    fn pdfs(dir: &str) -> Vec<std::path::PathBuf> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .expect("fixture folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
            .collect();
        files.sort();
        files
    }

    /// Each object read equals lopdf's full load's, and so do the pages.
    fn assert_as_lopdf_reads(path: &std::path::Path, lazy: &PdfDoc, full: &PdfDoc) {
        for (id, object) in &lazy.objects {
            assert_eq!(
                Some(object),
                full.objects.get(id),
                "{}: object {id:?}",
                path.display()
            );
        }
        assert_eq!(lazy.get_pages(), full.get_pages(), "{}", path.display());
    }

    #[test]
    fn the_real_reports_are_read_lazily_as_lopdf_reads_them() {
        // Tables, hybrid files from Word, a cross-reference stream: all intact.
        let files = pdfs("tests/fixtures/real");
        assert_eq!(files.len(), 15);
        let (mut read, mut in_file) = (0, 0);
        for path in files {
            let bytes = std::fs::read(&path).expect("fixture");
            let lazy = load(&bytes, NO_LIMIT, NO_LIMIT)
                .unwrap_or_else(|| panic!("{}: not read lazily", path.display()));
            let full = PdfDoc::load_mem(&bytes).expect("lopdf reads it");
            assert_as_lopdf_reads(&path, &lazy, &full);
            read += lazy.objects.len();
            in_file += full.objects.len();
        }
        // Most objects of tagged reports are the structure tree, not read.
        assert!(read * 3 < in_file, "{read} of {in_file} objects read");
    }

    #[test]
    fn fixtures_are_read_as_lopdf_reads_them_or_left_to_it() {
        let mut lazily = 0;
        for path in pdfs("tests/fixtures/pdf")
            .into_iter()
            .chain(pdfs("samples/pdf"))
        {
            let bytes = std::fs::read(&path).expect("fixture");
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let lazy = load(&bytes, NO_LIMIT, NO_LIMIT);
            // Damaged files are lopdf's to repair.
            if ["bad-startxref", "truncated"]
                .iter()
                .any(|d| name.starts_with(d))
            {
                assert!(lazy.is_none(), "{name} read lazily");
                continue;
            }
            let (Some(lazy), Ok(full)) = (lazy, PdfDoc::load_mem(&bytes)) else {
                continue;
            };
            assert_as_lopdf_reads(&path, &lazy, &full);
            lazily += 1;
        }
        assert!(lazily >= 30, "{lazily} read lazily");
    }

    #[test]
    fn an_incremental_update_replaces_the_objects_it_lists() {
        let original = b"%PDF-1.4\n\
1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n\
2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n\
3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Rotate 0 >>\nendobj\n";
        let mut file = original.to_vec();
        let offsets: Vec<usize> = [b"1 0 obj", b"2 0 obj", b"3 0 obj"]
            .iter()
            .map(|k| file.windows(7).position(|w| w == *k).expect("object"))
            .collect();
        let first_xref = file.len();
        file.extend_from_slice(b"xref\n0 4\n0000000000 65535 f \n");
        for o in &offsets {
            file.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        file.extend_from_slice(
            format!("trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n{first_xref}\n%%EOF\n")
                .as_bytes(),
        );
        // The update turns the page.
        let updated = file.len();
        file.extend_from_slice(
            b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Rotate 90 >>\nendobj\n",
        );
        let second_xref = file.len();
        file.extend_from_slice(format!("xref\n3 1\n{updated:010} 00000 n \n").as_bytes());
        file.extend_from_slice(
            format!(
                "trailer\n<< /Size 4 /Root 1 0 R /Prev {first_xref} >>\nstartxref\n{second_xref}\n%%EOF\n"
            )
            .as_bytes(),
        );
        let lazy = load(&file, NO_LIMIT, NO_LIMIT).expect("read lazily");
        let full = PdfDoc::load_mem(&file).expect("lopdf reads it");
        assert_as_lopdf_reads(std::path::Path::new("update"), &lazy, &full);
        let page = lazy.get_dictionary((3, 0)).expect("page");
        assert_eq!(page.get(b"Rotate").ok(), Some(&Object::Integer(90)));
        // Cut short inside the update, the file is lopdf's (and its repairs') to read.
        assert!(load(&file[..updated + 20], NO_LIMIT, NO_LIMIT).is_none());
        // So is one with more objects than allowed.
        assert!(load(&file, NO_LIMIT, 2).is_none());
    }
}
