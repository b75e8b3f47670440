//! The operations of a content stream, with their operands borrowed from the
//! stream where they can be: the grammar of `lopdf::content::Content::decode_iter`
//! (the same bytes give the same operations, and reading stops where lopdf's
//! stops), without lopdf's allocation of every operator, operand and string.
//! An inline image (`BI … ID … EI`) is the one construct left to lopdf: the
//! rest of the stream from there is read by it.

use std::borrow::Cow;
use std::cell::RefCell;

use lopdf::{Dictionary, Object, ObjectId, StringFormat};

/// Nesting of parentheses inside one literal string (lopdf's `MAX_BRACKET`).
const MAX_BRACKET: usize = 100;
/// Nesting of arrays and dictionaries (lopdf's `MAX_NESTING_DEPTH`).
const MAX_NESTING_DEPTH: usize = 100;

/// One operand, as lopdf would read it into an `Object`.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand<'d> {
    Null,
    Bool(bool),
    Int(i64),
    Real(f32),
    Name(Cow<'d, [u8]>),
    Str(Cow<'d, [u8]>, StringFormat),
    Array(Vec<Operand<'d>>),
    Dict(Box<Dictionary>),
    Ref(ObjectId),
}

impl<'d> Operand<'d> {
    /// A finite number (as `objects::num` reads an `Object`).
    pub fn num(&self) -> Option<f32> {
        match self {
            Operand::Int(i) => Some(*i as f32),
            Operand::Real(r) if r.is_finite() => Some(*r),
            _ => None,
        }
    }

    pub fn name(&self) -> Option<&[u8]> {
        match self {
            Operand::Name(n) => Some(n),
            _ => None,
        }
    }

    pub fn to_object(&self) -> Object {
        match self {
            Operand::Null => Object::Null,
            Operand::Bool(b) => Object::Boolean(*b),
            Operand::Int(i) => Object::Integer(*i),
            Operand::Real(r) => Object::Real(*r),
            Operand::Name(n) => Object::Name(n.to_vec()),
            Operand::Str(s, format) => Object::String(s.to_vec(), *format),
            Operand::Array(items) => Object::Array(items.iter().map(Operand::to_object).collect()),
            Operand::Dict(d) => Object::Dictionary((**d).clone()),
            Operand::Ref(id) => Object::Reference(*id),
        }
    }

    /// An operand of an operation lopdf read (streams, only an inline image's, become Null).
    pub fn from_object(o: &'d Object) -> Operand<'d> {
        match o {
            Object::Null | Object::Stream(_) => Operand::Null,
            Object::Boolean(b) => Operand::Bool(*b),
            Object::Integer(i) => Operand::Int(*i),
            Object::Real(r) => Operand::Real(*r),
            Object::Name(n) => Operand::Name(Cow::Borrowed(n)),
            Object::String(s, format) => Operand::Str(Cow::Borrowed(s), *format),
            Object::Array(items) => {
                Operand::Array(items.iter().map(Operand::from_object).collect())
            }
            Object::Dictionary(d) => Operand::Dict(Box::new(d.clone())),
            Object::Reference(id) => Operand::Ref(*id),
        }
    }
}

/// What the next call to [`Lexer::next`] found.
#[derive(Debug, PartialEq)]
pub enum Next<'d> {
    /// An operator; its operands are in the vector passed.
    Op(&'d [u8]),
    /// An inline image starts the operation at this offset: lopdf reads the rest.
    Lopdf(usize),
    /// The end of the stream, or damage that ends the reading.
    End,
}

/// Why a parser did not match: `Error` lets an alternative or a repetition
/// end there; `Failure` ends the reading (lopdf's nom `Error` and `Failure`).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Fail {
    Error,
    Failure,
}

type Parsed<T> = Result<(usize, T), Fail>;

fn is_whitespace(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0 | 0x0c)
}

fn is_delimiter(c: u8) -> bool {
    matches!(
        c,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(c: u8) -> bool {
    !is_whitespace(c) && !is_delimiter(c)
}

fn is_operator_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'*' | b'\'' | b'"')
}

fn hex_value(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|v| v as u8)
}

/// Powers of ten that f32 holds exactly: a decimal with a mantissa up to 2^24
/// and up to ten decimals is one exact division, correctly rounded — the
/// same value as `str::parse::<f32>` gives (Clinger's fast path).
const POW10: [f32; 11] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10];

/// Powers of ten that f64 holds exactly, for mantissas up to 2^53.
const POW10_F64: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The f32 nearest `m / scale` (`scale` a power of ten), if one exact f64
/// division tells it: that quotient is correctly rounded, and rounding it
/// to f32 rounds the exact value alike unless it lies within an f64 unit
/// of a point halfway between two f32s (the 29 bits f32 drops are then
/// 1000…0, give or take one).
fn quotient_f32(m: u64, scale: f64) -> Option<f32> {
    if m >= 1 << 53 {
        return None;
    }
    let q = m as f64 / scale;
    let dropped = q.to_bits() & ((1 << 29) - 1);
    (dropped.abs_diff(1 << 28) > 1).then_some(q as f32)
}

pub struct Lexer<'d> {
    data: &'d [u8],
    pos: usize,
    done: bool,
    /// Vectors of array operands already read, emptied for the next arrays.
    spare: RefCell<Vec<Vec<Operand<'d>>>>,
}

impl<'d> Lexer<'d> {
    pub fn new(data: &'d [u8]) -> Self {
        let mut lexer = Lexer {
            data,
            pos: 0,
            done: false,
            spare: RefCell::default(),
        };
        lexer.pos = lexer.white(0);
        lexer
    }

    /// The next operation: its operator, with its operands put in `operands`.
    pub fn next(&mut self, operands: &mut Vec<Operand<'d>>) -> Next<'d> {
        let spare = self.spare.get_mut();
        for o in operands.drain(..) {
            if let Operand::Array(mut items) = o
                && spare.len() < 16
            {
                items.clear();
                spare.push(items);
            }
        }
        if self.done {
            return Next::End;
        }
        let start = self.pos;
        let mut p = start;
        // Comments (each with its end of line) and the white space after them.
        while let Some(end) = self.comment(p) {
            p = self.white(end);
        }
        if self.data.get(p..).is_some_and(|r| r.starts_with(b"BI")) {
            self.done = true;
            return Next::Lopdf(start);
        }
        loop {
            match self.operand(p) {
                Ok((end, o)) => {
                    operands.push(o);
                    p = self.white(end);
                }
                Err(Fail::Error) => break,
                Err(Fail::Failure) => return self.end(operands),
            }
        }
        let len = self.run_of(p, is_operator_char);
        if len == 0 || self.byte(p).is_some_and(|c| c.is_ascii_digit()) {
            return self.end(operands);
        }
        let Some(operator) = self.data.get(p..p + len) else {
            return self.end(operands);
        };
        self.pos = self.white(p + len);
        Next::Op(operator)
    }

    /// An object of a file at `p` (lopdf's `direct_object` there, without
    /// the white space after it), and the offset just past it.
    pub fn file_object(&self, p: usize) -> Option<(usize, Object)> {
        self.direct_objects(p, MAX_NESTING_DEPTH - 1)
            .ok()
            .map(|(end, o)| (end, o.to_object()))
    }

    /// Past white space and comments from `p`.
    pub fn skip_space(&self, p: usize) -> usize {
        self.space(p)
    }

    fn end(&mut self, operands: &mut Vec<Operand<'d>>) -> Next<'d> {
        operands.clear();
        self.done = true;
        Next::End
    }

    fn byte(&self, p: usize) -> Option<u8> {
        self.data.get(p).copied()
    }

    /// Whether the data at `p` starts with `s`.
    pub fn starts(&self, p: usize, s: &[u8]) -> bool {
        self.data.get(p..).is_some_and(|r| r.starts_with(s))
    }

    /// How many bytes from `p` on satisfy `f`.
    fn run_of(&self, p: usize, f: impl Fn(u8) -> bool) -> usize {
        self.data
            .get(p..)
            .map_or(0, |r| r.iter().take_while(|&&c| f(c)).count())
    }

    /// Past white space (no comments): lopdf's `content_space` and `white_space`.
    fn white(&self, p: usize) -> usize {
        p + self.run_of(p, is_whitespace)
    }

    /// Past an end of line (CR LF, LF or CR).
    pub fn eol(&self, p: usize) -> Option<usize> {
        if self.starts(p, b"\r\n") {
            Some(p + 2)
        } else if matches!(self.byte(p), Some(b'\n' | b'\r')) {
            Some(p + 1)
        } else {
            None
        }
    }

    /// Past a comment and its end of line (a comment without one is not one).
    fn comment(&self, p: usize) -> Option<usize> {
        if self.byte(p) != Some(b'%') {
            return None;
        }
        let body = p + 1 + self.run_of(p + 1, |c| c != b'\r' && c != b'\n');
        self.eol(body)
    }

    /// Past white space and comments: lopdf's `space`.
    fn space(&self, mut p: usize) -> usize {
        loop {
            let q = self.white(p);
            if q > p {
                p = q;
            } else if let Some(q) = self.comment(p) {
                p = q;
            } else {
                return p;
            }
        }
    }

    /// An operand of an operation (lopdf's `operand` without the white space after it).
    fn operand(&self, p: usize) -> Parsed<Operand<'d>> {
        let keyword = self.keyword(p);
        if keyword.is_ok() {
            return keyword;
        }
        if let Ok(number) = self.number(p) {
            return Ok(number);
        }
        match self.byte(p) {
            Some(b'/') => self.name(p).map(|(q, n)| (q, Operand::Name(n))),
            Some(b'(') => self.literal(p),
            Some(b'<') => self
                .hex(p)
                .or_else(|_| self.dictionary(p, MAX_NESTING_DEPTH)),
            Some(b'[') => self.array(p, MAX_NESTING_DEPTH),
            _ => Err(Fail::Error),
        }
    }

    /// `null`, `true` or `false`.
    fn keyword(&self, p: usize) -> Parsed<Operand<'d>> {
        if self.starts(p, b"null") {
            Ok((p + 4, Operand::Null))
        } else if self.starts(p, b"true") {
            Ok((p + 4, Operand::Bool(true)))
        } else if self.starts(p, b"false") {
            Ok((p + 5, Operand::Bool(false)))
        } else {
            Err(Fail::Error)
        }
    }

    /// A real (`1.5`, `-.5`, `3.`; minus signs inside the fraction, as in
    /// `0.00-41`, are dropped), else an integer.
    fn number(&self, p: usize) -> Parsed<Operand<'d>> {
        let (q, negative) = self.sign(p);
        // The digits before and after a point, as one mantissa (None: over u64).
        let mut mantissa = Some(0u64);
        let mut i = q;
        let mut digits = |i: &mut usize| {
            let start = *i;
            while let Some(&c) = self.data.get(*i)
                && c.is_ascii_digit()
            {
                mantissa = mantissa
                    .and_then(|m| m.checked_mul(10))
                    .and_then(|m| m.checked_add(u64::from(c - b'0')));
                *i += 1;
            }
            *i - start
        };
        let whole = digits(&mut i);
        if self.byte(i) != Some(b'.') {
            // An integer.
            let value = mantissa.filter(|_| whole > 0).and_then(|magnitude| {
                if negative {
                    0i64.checked_sub_unsigned(magnitude)
                } else {
                    i64::try_from(magnitude).ok()
                }
            });
            return value.map(|v| (i, Operand::Int(v))).ok_or(Fail::Error);
        }
        i += 1;
        let fraction = digits(&mut i);
        if whole == 0 && fraction == 0 {
            return Err(Fail::Error);
        }
        let end = i + self.run_of(i, |c| c == b'-' || c.is_ascii_digit());
        if end == i
            && let Some(m) = mantissa.filter(|&m| m <= 1 << 24)
            && let Some(scale) = POW10.get(fraction)
        {
            // One exact division: the correctly rounded value, as str::parse gives.
            let value = m as f32 / scale;
            return Ok((end, Operand::Real(if negative { -value } else { value })));
        }
        if end == i
            && let Some(m) = mantissa
            && let Some(&scale) = POW10_F64.get(fraction)
            && let Some(value) = quotient_f32(m, scale)
        {
            return Ok((end, Operand::Real(if negative { -value } else { value })));
        }
        let text = self.data.get(p..end).ok_or(Fail::Error)?;
        let value = if end > i {
            // Minus signs inside the fraction are dropped.
            let mut digits: Vec<u8> = text.get(..1).unwrap_or_default().to_vec();
            digits.extend(text.iter().skip(1).filter(|&&c| c != b'-'));
            std::str::from_utf8(&digits)
                .ok()
                .and_then(|s| s.parse::<f32>().ok())
        } else {
            std::str::from_utf8(text)
                .ok()
                .and_then(|s| s.parse::<f32>().ok())
        };
        value.map(|v| (end, Operand::Real(v))).ok_or(Fail::Error)
    }

    fn sign(&self, p: usize) -> (usize, bool) {
        match self.byte(p) {
            Some(b'+') => (p + 1, false),
            Some(b'-') => (p + 1, true),
            _ => (p, false),
        }
    }

    fn digits(&self, p: usize) -> usize {
        self.run_of(p, |c| c.is_ascii_digit())
    }

    /// `/Name`, with `#xx` escapes; any other `#` ends it.
    fn name(&self, p: usize) -> Parsed<Cow<'d, [u8]>> {
        if self.byte(p) != Some(b'/') {
            return Err(Fail::Error);
        }
        let start = p + 1;
        let mut q = start;
        let mut owned: Option<Vec<u8>> = None;
        loop {
            let run = self.run_of(q, |c| c != b'#' && is_regular(c));
            if let Some(o) = owned.as_mut() {
                o.extend_from_slice(self.data.get(q..q + run).unwrap_or_default());
            }
            q += run;
            let escaped = match (self.byte(q), self.byte(q + 1), self.byte(q + 2)) {
                (Some(b'#'), Some(h), Some(l)) => hex_value(h).zip(hex_value(l)),
                _ => None,
            };
            let Some((h, l)) = escaped else {
                break;
            };
            owned
                .get_or_insert_with(|| self.data.get(start..q).unwrap_or_default().to_vec())
                .push((h << 4) | l);
            q += 3;
        }
        let name = match owned {
            Some(o) => Cow::Owned(o),
            None => Cow::Borrowed(self.data.get(start..q).unwrap_or_default()),
        };
        Ok((q, name))
    }

    /// `( … )`: borrowed when nothing in it needs decoding.
    fn literal(&self, p: usize) -> Parsed<Operand<'d>> {
        let body = p + 1;
        let plain = self.run_of(body, |c| !matches!(c, b'(' | b')' | b'\\' | b'\r' | b'\n'));
        if self.byte(body + plain) == Some(b')') {
            let s = self.data.get(body..body + plain).unwrap_or_default();
            return Ok((
                body + plain + 1,
                Operand::Str(Cow::Borrowed(s), StringFormat::Literal),
            ));
        }
        let mut out = Vec::new();
        let end = self.literal_inner(body, MAX_BRACKET, &mut out)?;
        if self.byte(end) != Some(b')') {
            return Err(Fail::Error);
        }
        Ok((
            end + 1,
            Operand::Str(Cow::Owned(out), StringFormat::Literal),
        ))
    }

    /// The inside of a literal string up to its closing parenthesis (not consumed).
    fn literal_inner(&self, mut p: usize, depth: usize, out: &mut Vec<u8>) -> Result<usize, Fail> {
        loop {
            let direct = self.run_of(p, |c| !matches!(c, b'(' | b')' | b'\\' | b'\r' | b'\n'));
            if direct > 0 {
                out.extend_from_slice(self.data.get(p..p + direct).unwrap_or_default());
                p += direct;
                continue;
            }
            match self.byte(p) {
                Some(b'\\') => match self.escape(p + 1) {
                    Some((q, byte)) => {
                        out.extend(byte);
                        p = q;
                    }
                    None => return Ok(p),
                },
                Some(b'\r' | b'\n') => {
                    out.push(b'\n');
                    p = self.eol(p).unwrap_or(p + 1);
                }
                Some(b'(') => {
                    if depth == 0 {
                        return Ok(p);
                    }
                    let mut nested = vec![b'('];
                    let Ok(end) = self.literal_inner(p + 1, depth - 1, &mut nested) else {
                        return Ok(p);
                    };
                    if self.byte(end) != Some(b')') {
                        return Ok(p);
                    }
                    nested.push(b')');
                    out.extend_from_slice(&nested);
                    p = end + 1;
                }
                _ => return Ok(p),
            }
        }
    }

    /// After a backslash: the byte it stands for (None for a line continuation).
    fn escape(&self, p: usize) -> Option<(usize, Option<u8>)> {
        let octal = self.run_of(p, |c| (b'0'..=b'7').contains(&c)).min(3);
        if octal > 0 {
            let value = self
                .data
                .get(p..p + octal)?
                .iter()
                .fold(0u16, |v, &c| v * 8 + u16::from(c - b'0'));
            return Some((p + octal, Some(value as u8)));
        }
        if let Some(q) = self.eol(p) {
            return Some((q, None));
        }
        let c = self.byte(p)?;
        let byte = match c {
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'b' => 0x08,
            b'f' => 0x0c,
            other => other,
        };
        Some((p + 1, Some(byte)))
    }

    /// `< hex digits >`, white space allowed between digits.
    fn hex(&self, p: usize) -> Parsed<Operand<'d>> {
        let mut q = p + 1;
        let mut bytes = Vec::new();
        let mut high = true;
        loop {
            let after = self.white(q);
            let Some(v) = self.byte(after).and_then(hex_value) else {
                break;
            };
            if high {
                bytes.push(v << 4);
            } else if let Some(last) = bytes.last_mut() {
                *last |= v;
            }
            high = !high;
            q = after + 1;
        }
        q = self.white(q);
        if self.byte(q) != Some(b'>') {
            return Err(Fail::Error);
        }
        Ok((
            q + 1,
            Operand::Str(Cow::Owned(bytes), StringFormat::Hexadecimal),
        ))
    }

    fn array(&self, p: usize, depth: usize) -> Parsed<Operand<'d>> {
        let mut q = self.space(p + 1);
        let mut items = self.spare.borrow_mut().pop().unwrap_or_default();
        loop {
            match self.direct_object(q, depth) {
                Ok((end, o)) => {
                    items.push(o);
                    q = end;
                }
                Err(Fail::Error) => break,
                Err(Fail::Failure) => return Err(Fail::Failure),
            }
        }
        if self.byte(q) != Some(b']') {
            return Err(Fail::Error);
        }
        Ok((q + 1, Operand::Array(items)))
    }

    fn dictionary(&self, p: usize, depth: usize) -> Parsed<Operand<'d>> {
        if !self.starts(p, b"<<") {
            return Err(Fail::Error);
        }
        let mut q = self.space(p + 2);
        let mut dict = Dictionary::new();
        while let Ok((after_key, key)) = self.name(q) {
            match self.direct_object(self.space(after_key), depth) {
                Ok((end, value)) => {
                    dict.set(key.into_owned(), value.to_object());
                    q = end;
                }
                Err(Fail::Error) => break,
                Err(Fail::Failure) => return Err(Fail::Failure),
            }
        }
        if !self.starts(q, b">>") {
            return Err(Fail::Error);
        }
        Ok((q + 2, Operand::Dict(Box::new(dict))))
    }

    /// An object inside an array or dictionary, and the white space and comments after it.
    fn direct_object(&self, p: usize, depth: usize) -> Parsed<Operand<'d>> {
        if depth == 0 {
            return Err(Fail::Failure);
        }
        let (end, o) = self.direct_objects(p, depth - 1)?;
        Ok((self.space(end), o))
    }

    fn direct_objects(&self, p: usize, depth: usize) -> Parsed<Operand<'d>> {
        match self.byte(p) {
            Some(b'n' | b't' | b'f') => self.keyword(p),
            Some(b'0'..=b'9') => self.reference(p).or_else(|_| self.number(p)),
            Some(b'+' | b'-' | b'.') => self.number(p),
            Some(b'/') => self.name(p).map(|(q, n)| (q, Operand::Name(n))),
            Some(b'(') => self.literal(p),
            Some(b'<') => self.hex(p).or_else(|_| self.dictionary(p, depth)),
            Some(b'[') => self.array(p, depth),
            _ => Err(Fail::Error),
        }
    }

    /// `12 0 R`.
    fn reference(&self, p: usize) -> Parsed<Operand<'d>> {
        let unsigned = |p: usize| -> Option<(usize, u64)> {
            let n = self.digits(p);
            let value = self
                .data
                .get(p..p + n)
                .filter(|d| !d.is_empty())?
                .iter()
                .try_fold(0u64, |v, &c| {
                    v.checked_mul(10)?.checked_add(u64::from(c - b'0'))
                })?;
            Some((self.space(p + n), value))
        };
        let (q, id) = unsigned(p).ok_or(Fail::Error)?;
        let id = u32::try_from(id).map_err(|_| Fail::Error)?;
        let (q, generation) = unsigned(q).ok_or(Fail::Error)?;
        let generation = u16::try_from(generation).map_err(|_| Fail::Error)?;
        if self.byte(q) != Some(b'R') {
            return Err(Fail::Error);
        }
        Ok((q + 1, Operand::Ref((id, generation))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The operations as lopdf reads them, and as the lexer does (lopdf
    /// taking over from an inline image on), as (operator, operands) pairs.
    /// Operations as (operator, operands).
    type Ops = Vec<(String, Vec<Object>)>;

    fn both(data: &[u8]) -> (Ops, Ops) {
        let theirs = lopdf::content::Content::decode_iter(data)
            .map_while(Result::ok)
            .map(|op| (op.operator, op.operands))
            .collect();
        let mut ours = Vec::new();
        let mut lexer = Lexer::new(data);
        let mut operands = Vec::new();
        loop {
            match lexer.next(&mut operands) {
                Next::Op(op) => ours.push((
                    String::from_utf8_lossy(op).into_owned(),
                    operands.iter().map(Operand::to_object).collect(),
                )),
                Next::Lopdf(at) => {
                    ours.extend(
                        lopdf::content::Content::decode_iter(data.get(at..).unwrap_or_default())
                            .map_while(Result::ok)
                            .map(|op| (op.operator, op.operands)),
                    );
                    break;
                }
                Next::End => break,
            }
        }
        (theirs, ours)
    }

    #[test]
    fn reads_as_lopdf_does() {
        let cases: &[&[u8]] = &[
            b"BT /F1 12 Tf 1 0 0 1 72 700 Tm (Hello) Tj [(A) -120 (B) 3.5 (C)] TJ ET",
            b"q 1 0 0 1 10 10 cm (corrupted Q",
            b"BT\n/F1 12 Tf\n[(a)] TJ\n\0\0\0\0ET\x0Cq\0Q",
            b"750 0 d0\n0 0 m 10 10 l S\n500 0 0 -10 480 700 d1\n0 0 480 700 re f",
            b"q\n0.99999994\n0.00-4142502\n0\n1.0000001\n106.729645\n232.27554\ncm\nQ",
            b"% comment\n  %another\r\nq Q % trailing",
            b"1 2 %mid\n m",
            b"/Span <</ActualText (x\\(y\\)) /MCID 3 /K [1 0 R 2 %c\n 0 R] /N null /B true>> BDC EMC",
            b"/P <</MCID 0>>BDC",
            b"/Artifact <</Type/Pagination/Subtype/Watermark>> BDC (a) Tj EMC",
            b"(nested (paren) \\053 \\n \\\r\n line\r\nend) Tj",
            b"(unbalanced (paren) Tj",
            b"<48656C6C6F> Tj <4 8 6> Tj <zz> Tj",
            b"/A#20B /C#2 /D#zz Do",
            b"-.5 +.5 5. .5. 1..2 -- 3 cm",
            b"99999999999999999999 0 Td",
            b"-9223372036854775808 9223372036854775807 Td",
            b"123abc 1 2 re nullx true false ]",
            b"[[[1]]] TJ [1 [2 <</A [3]>>]] TJ [] TJ [ ] TJ",
            b"q BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI Q (after) Tj",
            b"<< >> BDC <<>> BDC << /A >> BDC",
            b"'' \"\" T* 0 0 1 rg",
            b"(\\",
            b"(a\\",
            b"( \\777 \\0 \\12a)Tj",
        ];
        for data in cases {
            let (theirs, ours) = both(data);
            assert_eq!(ours, theirs, "{}", String::from_utf8_lossy(data));
        }
    }

    #[test]
    fn decimals_read_as_str_parse_does() {
        let mut texts: Vec<String> = [
            "0.",
            ".0",
            "-0.0",
            "+.5",
            "1.5",
            "-.001",
            "16777216.",
            "16777217.",
            "1677721.7",
            "0.0000000001",
            "0.00000000001",
            "123.4567",
            "99999.99",
            "-8388608.5",
            "0.1",
            "0.3",
            "3.1415927",
            "007.250",
            "4294967296.0",
            "1.00000000000000000000001",
            // Halfway between two f32s (2^24 + 1), and either side of it.
            "16777217.0",
            "16777217.000000001",
            "16777216.999999999",
            "1677721.70",
            "595.2755905511812",
            "9007199254740993.0",
            "0.0000000000000000000001",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..100_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let digits = (x % 17) as usize + 1;
            let point = (x >> 8) as usize % (digits + 1);
            let n = x.rotate_left(7) % 10u64.pow(digits as u32);
            let s = format!("{n:0digits$}");
            let sign = ["", "-", "+"][(x >> 40) as usize % 3];
            texts.push(format!("{sign}{}.{}", &s[..point], &s[point..]));
        }
        // Decimals at and next to the points halfway between two f32s.
        for k in 0..2_000u32 {
            let v = f32::from_bits(0x3f80_0000 + k * 4099 + (k % 7) * 0x0080_0000);
            let mid = (f64::from(v) + f64::from(f32::from_bits(v.to_bits() + 1))) / 2.0;
            for text in [format!("{mid}"), format!("{mid:.9}"), format!("{mid:.12}")] {
                texts.push(if text.contains('.') {
                    text
                } else {
                    format!("{text}.")
                });
            }
        }
        for t in texts {
            let expected: f32 = t.parse().expect("a decimal");
            let read = Lexer::new(t.as_bytes()).number(0);
            assert_eq!(read, Ok((t.len(), Operand::Real(expected))), "{t}");
            if let Ok((_, Operand::Real(v))) = read {
                assert_eq!(v.to_bits(), expected.to_bits(), "{t}");
            }
        }
    }

    #[test]
    fn deep_nesting_stops_as_lopdf_does() {
        for n in [99usize, 100, 101, 150] {
            let mut arrays = "[".repeat(n).into_bytes();
            arrays.extend("]".repeat(n).bytes());
            arrays.extend_from_slice(b" TJ Q");
            let mut dicts = Vec::new();
            for _ in 0..n {
                dicts.extend_from_slice(b"<</A ");
            }
            dicts.extend_from_slice(b"1");
            for _ in 0..n {
                dicts.extend_from_slice(b">>");
            }
            dicts.extend_from_slice(b" BDC Q");
            let mut parens = "(".repeat(n + 1).into_bytes();
            parens.extend(")".repeat(n + 1).bytes());
            parens.extend_from_slice(b" Tj Q");
            for data in [arrays, dicts, parens] {
                let (theirs, ours) = both(&data);
                assert_eq!(ours, theirs, "depth {n}");
            }
        }
    }

    /// Every content stream of the PDFs the tests read gives lopdf's operations.
    #[test]
    fn fixture_streams_read_as_lopdf_does() {
        let mut streams = 0;
        for dir in ["samples/pdf", "tests/fixtures/pdf", "tests/fixtures/real"] {
            let Ok(entries) = std::fs::read_dir(dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.extension().is_none_or(|e| e != "pdf") {
                    continue;
                }
                let Ok(doc) = lopdf::Document::load(&path) else {
                    continue;
                };
                for object in doc.objects.values() {
                    let Object::Stream(s) = object else { continue };
                    let Ok(data) = s.decompressed_content() else {
                        continue;
                    };
                    if data.len() > 20_000_000 {
                        continue;
                    }
                    let (theirs, ours) = both(&data);
                    assert_eq!(ours.len(), theirs.len(), "{}", path.display());
                    assert!(ours == theirs, "{}", path.display());
                    streams += 1;
                }
            }
        }
        assert!(streams > 100, "{streams} streams read");
    }
}
