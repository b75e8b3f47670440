//! A fast hasher for the maps and sets of hot loops, where SipHash's
//! protection against crafted collisions costs more than the lookups
//! themselves: glyph grids, character codes and widths, font objects, the
//! words of a paragraph. Only for maps that are looked up, never iterated in
//! an order that matters, and whose size a file's limits cap.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

/// Rotate, xor and multiply per value (FxHash's step): no protection against
/// crafted collisions is needed where the maps are capped.
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

/// A set hashed by [`IntHasher`] (short strings: a byte per step).
pub type IntSet<K> = HashSet<K, BuildHasherDefault<IntHasher>>;
