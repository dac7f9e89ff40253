//! Hash functions for the built-in immutable types (numeric ones mirror CPython's pyhash.c).

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive};

/// CPython's modulus for numeric hashes: the Mersenne prime 2**61 - 1.
pub const MODULUS: i64 = (1 << 61) - 1;

/// Mirrors long_hash for i64: `x mod (2**61-1)` with the sign kept, -1 mapped to -2.
pub fn hash_i64(x: i64) -> i64 {
    let h = if x >= 0 {
        x % MODULUS
    } else {
        -((x.unsigned_abs() % MODULUS as u64) as i64)
    };
    if h == -1 { -2 } else { h }
}

/// Mirrors long_hash for big ints.
pub fn hash_bigint(x: &BigInt) -> i64 {
    let m = BigInt::from(MODULUS);
    let r = x.abs().mod_floor(&m).to_i64().unwrap_or(0);
    let h = if x.is_negative() { -r } else { r };
    if h == -1 { -2 } else { h }
}

/// Mirrors _Py_HashDouble (nan hashes to 0 here; CPython uses the object's identity).
pub fn hash_f64(v: f64) -> i64 {
    if v.is_nan() {
        return 0;
    }
    if v.is_infinite() {
        return if v > 0.0 { 314159 } else { -314159 };
    }
    let (mut m, mut e) = frexp(v);
    let mut sign = 1i64;
    if m < 0.0 {
        sign = -1;
        m = -m;
    }
    let p = MODULUS as u64;
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & p) | (x >> (61 - 28));
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= p {
            x -= p;
        }
    }
    let e = if e >= 0 {
        e % 61
    } else {
        61 - 1 - ((-1 - e) % 61)
    };
    x = ((x << e) & p) | (x >> (61 - e));
    let h = (x as i64) * sign;
    if h == -1 { -2 } else { h }
}

/// Splits a finite float into mantissa in [0.5, 1) and exponent (C's frexp).
fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 {
        return (v, 0);
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp(v * 2f64.powi(54));
        return (m, e - 54);
    }
    let e = exp - 1022;
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, e)
}

/// `rest` (at most 7 bytes) as a little-endian integer, from at most two overlapping
/// fixed-size loads (the overlap holds the same bytes in both, so OR-ing is exact).
#[inline(always)]
fn le_tail(rest: &[u8]) -> u64 {
    let n = rest.len();
    if n >= 4 {
        let lo = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]);
        let hi = u32::from_le_bytes([rest[n - 4], rest[n - 3], rest[n - 2], rest[n - 1]]);
        u64::from(lo) | (u64::from(hi) << (8 * (n - 4)))
    } else if n >= 2 {
        let lo = u16::from_le_bytes([rest[0], rest[1]]);
        let hi = u16::from_le_bytes([rest[n - 2], rest[n - 1]]);
        u64::from(lo) | (u64::from(hi) << (8 * (n - 2)))
    } else if n == 1 {
        u64::from(rest[0])
    } else {
        0
    }
}

/// Mirrors pyhash.c siphash13 with the all-zero key CPython uses under PYTHONHASHSEED=0.
fn siphash13(data: &[u8]) -> u64 {
    let (k0, k1) = (0u64, 0u64);
    let mut v0 = k0 ^ 0x736f6d6570736575;
    let mut v1 = k1 ^ 0x646f72616e646f6d;
    let mut v2 = k0 ^ 0x6c7967656e657261;
    let mut v3 = k1 ^ 0x7465646279746573;
    let round = |v0: &mut u64, v1: &mut u64, v2: &mut u64, v3: &mut u64| {
        *v0 = v0.wrapping_add(*v1);
        *v2 = v2.wrapping_add(*v3);
        *v1 = v1.rotate_left(13) ^ *v0;
        *v3 = v3.rotate_left(16) ^ *v2;
        *v0 = v0.rotate_left(32);
        *v2 = v2.wrapping_add(*v1);
        *v0 = v0.wrapping_add(*v3);
        *v1 = v1.rotate_left(17) ^ *v2;
        *v3 = v3.rotate_left(21) ^ *v0;
        *v2 = v2.rotate_left(32);
    };
    let mut chunks = data.chunks_exact(8);
    for chunk in &mut chunks {
        let mi = u64::from_le_bytes(chunk.try_into().expect("8-byte chunk"));
        v3 ^= mi;
        round(&mut v0, &mut v1, &mut v2, &mut v3);
        v0 ^= mi;
    }
    // The last 0-7 bytes, little-endian, gathered without a memcpy call or a byte loop.
    let tail = le_tail(chunks.remainder());
    let b = ((data.len() as u64) << 56) | tail;
    v3 ^= b;
    round(&mut v0, &mut v1, &mut v2, &mut v3);
    v0 ^= b;
    v2 ^= 0xff;
    round(&mut v0, &mut v1, &mut v2, &mut v3);
    round(&mut v0, &mut v1, &mut v2, &mut v3);
    round(&mut v0, &mut v1, &mut v2, &mut v3);
    (v0 ^ v1) ^ (v2 ^ v3)
}

/// Mirrors _Py_HashBytes: 0 for empty input, -1 mapped to -2.
pub fn hash_bytes(b: &[u8]) -> i64 {
    if b.is_empty() {
        return 0;
    }
    let h = siphash13(b) as i64;
    if h == -1 { -2 } else { h }
}

/// Hash of a str as CPython computes it: siphash13 over the compact representation
/// (1, 2 or 4 bytes per code point, little-endian, chosen by the largest code point).
pub fn hash_str(s: &str) -> i64 {
    // Attribute and global names are hashed over and over: a small direct-mapped memo,
    // keyed by where the text lives but verified by content, saves the siphash rounds.
    if s.len() <= 32 {
        let slot = ((s.as_ptr() as usize >> 3) ^ s.len()) & (NAME_CACHE_SIZE - 1);
        let hit = NAME_CACHE.with(|c| match &c.borrow()[slot] {
            Some((text, h)) if &**text == s => Some(*h),
            _ => None,
        });
        if let Some(h) = hit {
            return h;
        }
        let h = hash_str_uncached(s);
        NAME_CACHE.with(|c| c.borrow_mut()[slot] = Some((Box::from(s), h)));
        return h;
    }
    hash_str_uncached(s)
}

/// One memo slot: the text and its hash.
type NameSlot = Option<(Box<str>, i64)>;

/// Entries in the name-hash memo (a power of two).
const NAME_CACHE_SIZE: usize = 512;

thread_local! {
    /// The name-hash memo used by `hash_str`.
    static NAME_CACHE: std::cell::RefCell<Vec<NameSlot>> =
        std::cell::RefCell::new(vec![None; NAME_CACHE_SIZE]);
}

/// `hash_str` without the memo (for texts whose hash is cached elsewhere, e.g. in a `PyStr`).
pub fn hash_str_uncached(s: &str) -> i64 {
    if s.is_ascii() {
        return hash_bytes(s.as_bytes());
    }
    let max = s.chars().map(|c| c as u32).max().unwrap_or(0);
    let mut buf = Vec::with_capacity(s.len() * 2);
    for c in s.chars() {
        let n = c as u32;
        if max < 0x100 {
            buf.push(n as u8);
        } else if max < 0x10000 {
            buf.extend_from_slice(&(n as u16).to_le_bytes());
        } else {
            buf.extend_from_slice(&n.to_le_bytes());
        }
    }
    hash_bytes(&buf)
}

/// Mirrors tuplehash (xxHash-based) over item hashes.
pub fn hash_tuple(items: &[i64]) -> i64 {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let mut acc: u64 = P5;
    for &h in items {
        acc = acc.wrapping_add((h as u64).wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add((items.len() as u64) ^ (P5 ^ 3527539));
    if acc == u64::MAX {
        return 1546275796;
    }
    acc as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_hashes_match_cpython() {
        assert_eq!(hash_i64(-1), -2);
        assert_eq!(hash_i64(1 << 62), 2);
        assert_eq!(hash_f64(1.5), 1152921504606846977);
        assert_eq!(hash_f64(2.0), 2);
        assert_eq!(hash_tuple(&[1, 2]), -3550055125485641917);
    }

    #[test]
    fn str_hashes_match_cpython_with_hashseed_0() {
        assert_eq!(hash_str("a"), 4644417185603328019);
        assert_eq!(hash_str(""), 0);
        assert_eq!(hash_str("hello world"), -5642461784034726774);
        assert_eq!(hash_str("é"), 6047309291227476195);
        assert_eq!(hash_str("€"), -5529981157763016009);
        assert_eq!(hash_str("😀"), -3536540696076613844);
        assert_eq!(hash_bytes(b"a"), 4644417185603328019);
        assert_eq!(hash_str("abcdefghijklmnop"), -7712962755478248686);
    }

    /// Every tail length of `le_tail` (0-7 bytes after the 8-byte chunks), as CPython hashes.
    #[test]
    fn str_hashes_of_every_tail_length_match_cpython() {
        let cases = [
            ("ab", 6148830537548944441),
            ("abc", -4594863902769663758),
            ("abcd", -2030606670787596663),
            ("abcde", 2674923165546153122),
            ("abcdef", 7070790388344807208),
            ("abcdefg", 7904145750247929094),
            ("abcdefghi", -532774252720507163),
            ("abcdefghijklmno", 2293029479765367930),
            ("k123", 4284457426351673366),
            ("k99", -2543321055962083668),
        ];
        for (text, hash) in cases {
            assert_eq!(hash_str_uncached(text), hash, "{text}");
        }
        for n in 0..8 {
            let bytes: Vec<u8> = (1..=n as u8).map(|b| b.wrapping_mul(37)).collect();
            let folded = bytes
                .iter()
                .enumerate()
                .fold(0u64, |acc, (i, &b)| acc | (u64::from(b) << (8 * i)));
            assert_eq!(le_tail(&bytes), folded, "{n} bytes");
        }
    }
}
