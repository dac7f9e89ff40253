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

/// Hash of a str (FNV-1a over UTF-8; to be replaced by CPython's siphash13).
pub fn hash_str(s: &str) -> i64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.as_bytes() {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    let h = h as i64;
    if h == -1 { -2 } else { h }
}

/// Hash of bytes (same scheme as str).
pub fn hash_bytes(b: &[u8]) -> i64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for x in b {
        h ^= *x as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    let h = h as i64;
    if h == -1 { -2 } else { h }
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
}
