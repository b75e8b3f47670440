//! Just enough of TrueType ('cmap' and 'post') to read the text of symbolic
//! fonts that come without a ToUnicode CMap (Word and Nitro PDFs have them).

use std::collections::HashMap;

use super::encoding::glyph_name_to_unicode;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*b.get(at)?, *b.get(at + 1)?]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes([
        *b.get(at)?,
        *b.get(at + 1)?,
        *b.get(at + 2)?,
        *b.get(at + 3)?,
    ]))
}

fn table<'a>(font: &'a [u8], tag: &[u8; 4]) -> Option<&'a [u8]> {
    let n = u16_at(font, 4)? as usize;
    for i in 0..n.min(256) {
        let rec = 12 + 16 * i;
        if font.get(rec..rec + 4)? == tag {
            let off = u32_at(font, rec + 8)? as usize;
            let len = u32_at(font, rec + 12)? as usize;
            return font.get(off..off.checked_add(len)?);
        }
    }
    None
}

/// (platform, encoding) → code → glyph id.
fn cmaps(font: &[u8]) -> Vec<((u16, u16), HashMap<u32, u16>)> {
    let mut out = Vec::new();
    let Some(cmap) = table(font, b"cmap") else {
        return out;
    };
    let n = u16_at(cmap, 2).unwrap_or(0) as usize;
    for i in 0..n.min(32) {
        let rec = 4 + 8 * i;
        let (Some(pid), Some(eid), Some(off)) = (
            u16_at(cmap, rec),
            u16_at(cmap, rec + 2),
            u32_at(cmap, rec + 4),
        ) else {
            continue;
        };
        if let Some(sub) = cmap.get(off as usize..) {
            let map = subtable(sub);
            if !map.is_empty() {
                out.push(((pid, eid), map));
            }
        }
    }
    out
}

fn subtable(sub: &[u8]) -> HashMap<u32, u16> {
    let mut map = HashMap::new();
    match u16_at(sub, 0) {
        Some(0) => {
            for c in 0..256usize {
                if let Some(&g) = sub.get(6 + c)
                    && g != 0
                {
                    map.insert(c as u32, g as u16);
                }
            }
        }
        Some(4) => {
            let segs = u16_at(sub, 6).unwrap_or(0) as usize / 2;
            let ends = 14;
            let starts = ends + 2 * segs + 2;
            let deltas = starts + 2 * segs;
            let offsets = deltas + 2 * segs;
            for s in 0..segs {
                let (Some(end), Some(start), Some(delta), Some(ro)) = (
                    u16_at(sub, ends + 2 * s),
                    u16_at(sub, starts + 2 * s),
                    u16_at(sub, deltas + 2 * s),
                    u16_at(sub, offsets + 2 * s),
                ) else {
                    break;
                };
                if start > end || end == 0xffff && start == 0xffff {
                    continue;
                }
                for c in start..=end {
                    let g = if ro == 0 {
                        c.wrapping_add(delta)
                    } else {
                        let at = offsets + 2 * s + ro as usize + 2 * (c - start) as usize;
                        match u16_at(sub, at) {
                            Some(0) | None => 0,
                            Some(g) => g.wrapping_add(delta),
                        }
                    };
                    if g != 0 {
                        map.insert(c as u32, g);
                    }
                }
            }
        }
        Some(6) => {
            let first = u16_at(sub, 6).unwrap_or(0) as u32;
            let count = u16_at(sub, 8).unwrap_or(0) as usize;
            for i in 0..count {
                if let Some(g) = u16_at(sub, 10 + 2 * i)
                    && g != 0
                {
                    map.insert(first + i as u32, g);
                }
            }
        }
        Some(12) => {
            let groups = u32_at(sub, 12).unwrap_or(0) as usize;
            for i in 0..groups.min(10_000) {
                let at = 16 + 12 * i;
                let (Some(a), Some(b), Some(g)) =
                    (u32_at(sub, at), u32_at(sub, at + 4), u32_at(sub, at + 8))
                else {
                    break;
                };
                for (k, c) in (a..=b.min(a.saturating_add(65_535))).enumerate() {
                    if map.len() > 200_000 {
                        break;
                    }
                    map.insert(c, (g as usize + k) as u16);
                }
            }
        }
        _ => {}
    }
    map
}

/// Glyph id → name from a format 2 'post' table.
fn post_names(font: &[u8]) -> HashMap<u16, String> {
    let mut out = HashMap::new();
    let Some(post) = table(font, b"post") else {
        return out;
    };
    if u32_at(post, 0) != Some(0x0002_0000) {
        return out;
    }
    let n = u16_at(post, 32).unwrap_or(0) as usize;
    let mut idx = Vec::with_capacity(n);
    for g in 0..n {
        idx.push(u16_at(post, 34 + 2 * g).unwrap_or(0));
    }
    let mut names = Vec::new();
    let mut at = 34 + 2 * n;
    while let Some(&len) = post.get(at) {
        let Some(s) = post.get(at + 1..at + 1 + len as usize) else {
            break;
        };
        names.push(String::from_utf8_lossy(s).into_owned());
        at += 1 + len as usize;
    }
    for (g, &i) in idx.iter().enumerate() {
        let name = if (3..=97).contains(&i) {
            char::from_u32(i as u32 - 3 + 32).map(String::from)
        } else if i >= 258 {
            names
                .get(i as usize - 258)
                .and_then(|n| glyph_name_to_unicode(n))
        } else {
            None
        };
        if let Some(text) = name {
            out.insert(g as u16, text);
        }
    }
    out
}

/// Character code → text: codes go to glyphs by the font's symbol or Mac cmap
/// (or are glyph ids for CID fonts), glyphs to text by the Unicode cmap or 'post' names.
pub fn code_to_unicode(font: &[u8], cid: bool) -> HashMap<u32, String> {
    let maps = cmaps(font);
    let mut gid_text: HashMap<u16, String> = post_names(font);
    if let Some((_, uni)) = maps
        .iter()
        .find(|(k, _)| *k == (3, 1) || *k == (0, 3) || k.0 == 0)
    {
        for (&u, &g) in uni {
            if let Some(c) = char::from_u32(u) {
                gid_text.insert(g, c.to_string());
            }
        }
    }
    // Glyphs beyond the BMP (mathematical letters) are only in the full
    // Unicode subtable (3,10; 0,4 or 0,6).
    if let Some((_, full)) = maps
        .iter()
        .find(|(k, _)| *k == (3, 10) || *k == (0, 4) || *k == (0, 6))
    {
        for (&u, &g) in full {
            if let Some(c) = char::from_u32(u).filter(|_| u > 0xFFFF) {
                gid_text.entry(g).or_insert_with(|| c.to_string());
            }
        }
    }
    let mut out = HashMap::new();
    if cid {
        for (g, t) in gid_text {
            out.insert(g as u32, t);
        }
        return out;
    }
    let code_map = maps
        .iter()
        .find(|(k, _)| *k == (3, 0))
        .or_else(|| maps.iter().find(|(k, _)| *k == (1, 0)));
    if let Some((_, m)) = code_map {
        for code in 0u32..256 {
            let g = [code, 0xf000 + code, 0xf100 + code, 0xf200 + code]
                .iter()
                .find_map(|c| m.get(c).copied());
            if let Some(g) = g
                && let Some(t) = gid_text.get(&g)
            {
                out.insert(code, t.clone());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format6(first: u16, gids: &[u16]) -> Vec<u8> {
        let mut t = Vec::new();
        for v in [
            6u16,
            (10 + 2 * gids.len()) as u16,
            0,
            first,
            gids.len() as u16,
        ] {
            t.extend_from_slice(&v.to_be_bytes());
        }
        for g in gids {
            t.extend_from_slice(&g.to_be_bytes());
        }
        t
    }

    /// A font with only a 'cmap': a symbol subtable (3,0) at U+F041.. and a Unicode one (3,1).
    fn font() -> Vec<u8> {
        let symbol = format6(0xf041, &[5, 6]);
        let unicode = format6(0x58, &[5, 6]);
        let mut cmap = Vec::new();
        for v in [0u16, 2] {
            cmap.extend_from_slice(&v.to_be_bytes());
        }
        let first = 4 + 2 * 8;
        for (pid, eid, off) in [(3u16, 0u16, first), (3, 1, first + symbol.len())] {
            cmap.extend_from_slice(&pid.to_be_bytes());
            cmap.extend_from_slice(&eid.to_be_bytes());
            cmap.extend_from_slice(&(off as u32).to_be_bytes());
        }
        cmap.extend_from_slice(&symbol);
        cmap.extend_from_slice(&unicode);
        let mut f = vec![0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0];
        f.extend_from_slice(b"cmap");
        f.extend_from_slice(&0u32.to_be_bytes());
        f.extend_from_slice(&28u32.to_be_bytes());
        f.extend_from_slice(&(cmap.len() as u32).to_be_bytes());
        f.extend_from_slice(&cmap);
        f
    }

    #[test]
    fn symbolic_codes_go_through_glyphs_to_unicode() {
        let map = code_to_unicode(&font(), false);
        assert_eq!(map.get(&0x41).map(String::as_str), Some("X"));
        assert_eq!(map.get(&0x42).map(String::as_str), Some("Y"));
        // CID fonts: glyph ids are the codes.
        assert_eq!(
            code_to_unicode(&font(), true).get(&5).map(String::as_str),
            Some("X")
        );
        // Garbage never panics.
        assert!(code_to_unicode(&font()[..20], false).is_empty());
        assert!(code_to_unicode(b"", true).is_empty());
    }
}
