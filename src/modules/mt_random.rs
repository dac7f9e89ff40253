//! The algorithms of CPython's `random` module as a pure Rust struct, so that a seeded program
//! draws exactly the numbers CPython 3.11 draws.
//!
//! The generator mirrors Modules/_randommodule.c (MT19937, `init_by_array` seeding,
//! `getrandbits`, `random`); the methods built on it mirror Lib/random.py.

use std::collections::HashSet;
use std::fmt;

use num_bigint::{BigInt, BigUint, Sign};
use num_traits::{One, Signed, ToPrimitive};
use sha2::{Digest, Sha512};

/// Words of MT19937 state.
const STATE_WORDS: usize = 624;
/// The MT19937 "middle word" offset.
const SHIFT_WORDS: usize = 397;
/// The twist matrix constant.
const MATRIX_A: u32 = 0x9908_b0df;
/// Most significant bit of a word.
const UPPER_MASK: u32 = 0x8000_0000;
/// The 31 least significant bits of a word.
const LOWER_MASK: u32 = 0x7fff_ffff;

/// An error raised by a `random` function: the Python exception type and its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RandomError {
    /// `ValueError` with this message.
    Value(String),
    /// `IndexError` with this message.
    Index(String),
    /// `TypeError` with this message.
    Type(String),
}

impl fmt::Display for RandomError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (kind, message) = match self {
            RandomError::Value(m) => ("ValueError", m),
            RandomError::Index(m) => ("IndexError", m),
            RandomError::Type(m) => ("TypeError", m),
        };
        write!(f, "{kind}: {message}")
    }
}

/// Shorthand for a `ValueError`.
fn value_error(message: impl Into<String>) -> RandomError {
    RandomError::Value(message.into())
}

/// The weights given to [`MersenneTwister::choices`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Weights<'a> {
    /// Every element equally likely.
    Uniform,
    /// Relative weights, one per element (`weights=`).
    Relative(&'a [f64]),
    /// Running totals of the weights, one per element (`cum_weights=`).
    Cumulative(&'a [f64]),
}

/// A Mersenne Twister with CPython's `random.Random` methods on top.
#[derive(Clone)]
pub struct MersenneTwister {
    /// The 624 words of generator state.
    state: [u32; STATE_WORDS],
    /// The next word of `state` to temper and return; `STATE_WORDS` means "twist first".
    index: usize,
    /// The second normal deviate `gauss` computed last time, if unused.
    gauss_next: Option<f64>,
}

impl fmt::Debug for MersenneTwister {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MersenneTwister")
            .field("index", &self.index)
            .finish_non_exhaustive()
    }
}

impl MersenneTwister {
    /// A generator seeded with `init_by_array(key)`; `random.seed` builds the key.
    pub fn from_key(key: &[u32]) -> Self {
        let mut twister = MersenneTwister {
            state: [0; STATE_WORDS],
            index: STATE_WORDS,
            gauss_next: None,
        };
        twister.init_by_array(key);
        twister
    }

    /// A generator seeded like `random.seed(n)` for an int.
    pub fn from_int(seed: &BigInt) -> Self {
        Self::from_key(&key_from_int(seed))
    }

    /// Re-seeds like `random.seed(n)` for an int (a float seeds with `abs(hash(x))`).
    /// Mirrors _randommodule.c random_seed.
    pub fn seed_int(&mut self, seed: &BigInt) {
        self.init_by_array(&key_from_int(seed));
        self.gauss_next = None;
    }

    /// Re-seeds like `random.seed(b)` for `bytes` (version 2): the int
    /// `int.from_bytes(b + sha512(b).digest(), 'big')`.
    pub fn seed_bytes(&mut self, bytes: &[u8]) {
        let mut material = bytes.to_vec();
        material.extend_from_slice(&Sha512::digest(bytes));
        let seed = BigInt::from_bytes_be(Sign::Plus, &material);
        self.seed_int(&seed);
    }

    /// Re-seeds like `random.seed(s)` for a `str` (its UTF-8 encoding, version 2).
    pub fn seed_str(&mut self, text: &str) {
        self.seed_bytes(text.as_bytes());
    }

    /// Mirrors _randommodule.c init_genrand.
    fn init_genrand(&mut self, seed: u32) {
        self.state[0] = seed;
        for i in 1..STATE_WORDS {
            let previous = self.state[i - 1];
            self.state[i] = 1_812_433_253u32
                .wrapping_mul(previous ^ (previous >> 30))
                .wrapping_add(i as u32);
        }
        self.index = STATE_WORDS;
    }

    /// Mirrors _randommodule.c init_by_array.
    fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19_650_218);
        let key: &[u32] = if key.is_empty() { &[0] } else { key };
        let mut i = 1;
        let mut j = 0;
        for _ in 0..STATE_WORDS.max(key.len()) {
            let previous = self.state[i - 1];
            self.state[i] = (self.state[i] ^ (previous ^ (previous >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= STATE_WORDS {
                self.state[0] = self.state[STATE_WORDS - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..STATE_WORDS - 1 {
            let previous = self.state[i - 1];
            self.state[i] = (self.state[i]
                ^ (previous ^ (previous >> 30)).wrapping_mul(1_566_083_941))
            .wrapping_sub(i as u32);
            i += 1;
            if i >= STATE_WORDS {
                self.state[0] = self.state[STATE_WORDS - 1];
                i = 1;
            }
        }
        self.state[0] = UPPER_MASK;
        self.index = STATE_WORDS;
    }

    /// Regenerates all 624 words of state.
    fn twist(&mut self) {
        let mix = |upper: u32, lower: u32, far: u32| {
            let y = (upper & UPPER_MASK) | (lower & LOWER_MASK);
            far ^ (y >> 1) ^ if y & 1 == 1 { MATRIX_A } else { 0 }
        };
        for k in 0..STATE_WORDS {
            let next = self.state[(k + 1) % STATE_WORDS];
            let far = self.state[(k + SHIFT_WORDS) % STATE_WORDS];
            self.state[k] = mix(self.state[k], next, far);
        }
        self.index = 0;
    }

    /// The next 32 random bits. Mirrors _randommodule.c genrand_uint32.
    pub fn genrand_u32(&mut self) -> u32 {
        if self.index >= STATE_WORDS {
            self.twist();
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// `random.random()`: a float in [0, 1) with 53 random bits.
    pub fn random(&mut self) -> f64 {
        let a = f64::from(self.genrand_u32() >> 5);
        let b = f64::from(self.genrand_u32() >> 6);
        (a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `random.getrandbits(k)` for `k <= 64`.
    pub fn getrandbits_u64(&mut self, k: u32) -> u64 {
        match k {
            0 => 0,
            1..=32 => u64::from(self.genrand_u32() >> (32 - k)),
            _ => {
                let low = u64::from(self.genrand_u32());
                let high = u64::from(self.genrand_u32() >> (64 - k.min(64)));
                (high << 32) | low
            }
        }
    }

    /// `random.getrandbits(k)`: 32-bit words, least significant first, the last one cut to size.
    /// Mirrors _randommodule.c _random_Random_getrandbits_impl.
    pub fn getrandbits(&mut self, k: u64) -> BigUint {
        if k <= 64 {
            return BigUint::from(self.getrandbits_u64(k as u32));
        }
        let mut words = Vec::with_capacity(k.div_ceil(32) as usize);
        let mut remaining = k;
        while remaining > 0 {
            let word = self.genrand_u32();
            words.push(if remaining < 32 {
                word >> (32 - remaining)
            } else {
                word
            });
            remaining = remaining.saturating_sub(32);
        }
        BigUint::from_slice(&words)
    }

    /// A uniform int in `[0, n)` for `n > 0`. Mirrors random.py _randbelow_with_getrandbits.
    pub fn randbelow_u64(&mut self, n: u64) -> u64 {
        let bits = u64::BITS - n.leading_zeros();
        loop {
            let r = self.getrandbits_u64(bits);
            if r < n {
                return r;
            }
        }
    }

    /// A uniform int in `[0, n)` for any `n > 0`.
    pub fn randbelow(&mut self, n: &BigUint) -> BigUint {
        if let Some(small) = n.to_u64() {
            return BigUint::from(self.randbelow_u64(small));
        }
        let bits = n.bits();
        loop {
            let r = self.getrandbits(bits);
            if &r < n {
                return r;
            }
        }
    }

    /// `random.randrange(start, stop, step)` with CPython 3.11's checks and messages;
    /// `stop == None` means `randrange(start)`.
    pub fn randrange(
        &mut self,
        start: &BigInt,
        stop: Option<&BigInt>,
        step: &BigInt,
    ) -> Result<BigInt, RandomError> {
        let Some(stop) = stop else {
            if !step.is_one() {
                return Err(RandomError::Type(
                    "Missing a non-None stop argument".to_string(),
                ));
            }
            if start.is_positive() {
                return Ok(BigInt::from(self.randbelow(start.magnitude())));
            }
            return Err(value_error("empty range for randrange()"));
        };
        let width = stop - start;
        if step.is_one() {
            if width.is_positive() {
                return Ok(start + BigInt::from(self.randbelow(width.magnitude())));
            }
            return Err(value_error(format!(
                "empty range for randrange() ({start}, {stop}, {width})"
            )));
        }
        let count = if step.is_positive() {
            floor_div(&(&width + step - 1), step)
        } else if step.is_negative() {
            floor_div(&(&width + step + 1), step)
        } else {
            return Err(value_error("zero step for randrange()"));
        };
        if !count.is_positive() {
            return Err(value_error("empty range for randrange()"));
        }
        Ok(start + step * BigInt::from(self.randbelow(count.magnitude())))
    }

    /// `random.randrange` on machine ints, without allocating.
    pub fn randrange_i64(
        &mut self,
        start: i64,
        stop: Option<i64>,
        step: i64,
    ) -> Result<i64, RandomError> {
        let Some(stop) = stop else {
            if step != 1 {
                return Err(RandomError::Type(
                    "Missing a non-None stop argument".to_string(),
                ));
            }
            if start > 0 {
                return Ok(self.randbelow_u64(start as u64) as i64);
            }
            return Err(value_error("empty range for randrange()"));
        };
        let (start, stop, step) = (i128::from(start), i128::from(stop), i128::from(step));
        let width = stop - start;
        let (count, scale) = if step == 1 {
            if width <= 0 {
                return Err(value_error(format!(
                    "empty range for randrange() ({start}, {stop}, {width})"
                )));
            }
            (width, 1)
        } else {
            let count = match step {
                0 => return Err(value_error("zero step for randrange()")),
                s if s > 0 => (width + s - 1).div_euclid(s),
                s => floor_div_i128(width + s + 1, s),
            };
            if count <= 0 {
                return Err(value_error("empty range for randrange()"));
            }
            (count, step)
        };
        // `count` fits in u64: it is at most the width of two i64s.
        let offset = i128::from(self.randbelow_u64(count as u64));
        Ok((start + scale * offset) as i64)
    }

    /// `random.randint(a, b)`: `randrange(a, b + 1)`.
    pub fn randint(&mut self, low: i64, high: i64) -> Result<i64, RandomError> {
        match high.checked_add(1) {
            Some(stop) => self.randrange_i64(low, Some(stop), 1),
            None => {
                let value = self.randrange(
                    &BigInt::from(low),
                    Some(&(BigInt::from(high) + 1)),
                    &BigInt::one(),
                )?;
                Ok(value
                    .to_i64()
                    .unwrap_or_else(|| unreachable!("randint result lies between two i64s")))
            }
        }
    }

    /// The index `random.choice(seq)` picks in a sequence of `len` elements.
    pub fn choice_index(&mut self, len: usize) -> Result<usize, RandomError> {
        if len == 0 {
            return Err(RandomError::Index(
                "Cannot choose from an empty sequence".to_string(),
            ));
        }
        Ok(self.randbelow_u64(len as u64) as usize)
    }

    /// `random.shuffle(x)` in place: Fisher–Yates from the end.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.randbelow_u64(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }

    /// The population indices `random.sample(population, k)` picks, in selection order,
    /// for a population of `n`. Uses CPython's pool or set algorithm by the same size rule.
    pub fn sample_indices(&mut self, n: usize, k: i64) -> Result<Vec<usize>, RandomError> {
        if k < 0 || k as u64 > n as u64 {
            return Err(value_error("Sample larger than population or is negative"));
        }
        let k = k as usize;
        // Mirrors `setsize = 21; setsize += 4 ** _ceil(_log(k * 3, 4))` for k > 5.
        let mut set_size: u128 = 21;
        if k > 5 {
            let exponent = (((k * 3) as f64).ln() / 4f64.ln()).ceil() as u32;
            set_size = set_size.saturating_add(4u128.saturating_pow(exponent));
        }
        let mut result = Vec::with_capacity(k);
        if n as u128 <= set_size {
            let mut pool: Vec<usize> = (0..n).collect();
            for i in 0..k {
                let j = self.randbelow_u64((n - i) as u64) as usize;
                result.push(pool[j]);
                pool[j] = pool[n - i - 1];
            }
        } else {
            let mut selected = HashSet::with_capacity(k);
            for _ in 0..k {
                let mut j = self.randbelow_u64(n as u64) as usize;
                while selected.contains(&j) {
                    j = self.randbelow_u64(n as u64) as usize;
                }
                selected.insert(j);
                result.push(j);
            }
        }
        Ok(result)
    }

    /// The population indices `random.sample(population, k, counts=counts)` picks: a sample
    /// of `range(sum(counts))` mapped back through the running totals. The caller checks
    /// that `counts` has one entry per element of the population.
    pub fn sample_counts_indices(
        &mut self,
        counts: &[i64],
        k: i64,
    ) -> Result<Vec<usize>, RandomError> {
        let mut cumulative = Vec::with_capacity(counts.len());
        let mut total: i64 = 0;
        for &count in counts {
            total = total.saturating_add(count);
            cumulative.push(total);
        }
        if cumulative.pop().is_none() || total <= 0 {
            return Err(value_error("Total of counts must be greater than zero"));
        }
        let selections = self.sample_indices(total as usize, k)?;
        Ok(selections
            .into_iter()
            .map(|s| cumulative.partition_point(|&edge| edge <= s as i64))
            .collect())
    }

    /// The population indices `random.choices(population, weights, cum_weights=, k=)` picks,
    /// for a population of `n`. Mirrors random.py choices.
    pub fn choices_indices(
        &mut self,
        n: usize,
        weights: Weights<'_>,
        k: usize,
    ) -> Result<Vec<usize>, RandomError> {
        let cumulative: Vec<f64> = match weights {
            Weights::Uniform => {
                let size = n as f64;
                // CPython draws once and then fails indexing the empty population; return
                // that one index so the caller's look-up raises the right IndexError.
                let draws = if n == 0 { k.min(1) } else { k };
                return Ok((0..draws)
                    .map(|_| (self.random() * size).floor() as usize)
                    .collect());
            }
            Weights::Relative(weights) => weights
                .iter()
                .scan(0.0, |total, &w| {
                    *total += w;
                    Some(*total)
                })
                .collect(),
            Weights::Cumulative(cumulative) => cumulative.to_vec(),
        };
        if cumulative.len() != n {
            return Err(value_error(
                "The number of weights does not match the population",
            ));
        }
        let Some(&total) = cumulative.last() else {
            return Err(RandomError::Index("list index out of range".to_string()));
        };
        if total <= 0.0 {
            return Err(value_error("Total of weights must be greater than zero"));
        }
        if !total.is_finite() {
            return Err(value_error("Total of weights must be finite"));
        }
        let high = n - 1;
        Ok((0..k)
            .map(|_| bisect_right(&cumulative, self.random() * total, high))
            .collect())
    }

    /// `random.uniform(a, b)`.
    pub fn uniform(&mut self, a: f64, b: f64) -> f64 {
        a + (b - a) * self.random()
    }

    /// `random.gauss(mu, sigma)`: Box–Muller, keeping the second deviate for the next call.
    pub fn gauss(&mut self, mu: f64, sigma: f64) -> f64 {
        let z = match self.gauss_next.take() {
            Some(z) => z,
            None => {
                let angle = self.random() * std::f64::consts::TAU;
                let radius = (-2.0 * (1.0 - self.random()).ln()).sqrt();
                self.gauss_next = Some(angle.sin() * radius);
                angle.cos() * radius
            }
        };
        mu + z * sigma
    }

    /// `random.normalvariate(mu, sigma)`: Kinderman and Monahan's ratio method.
    pub fn normalvariate(&mut self, mu: f64, sigma: f64) -> f64 {
        let magic = 4.0 * (-0.5f64).exp() / 2.0f64.sqrt();
        loop {
            let u1 = self.random();
            let u2 = 1.0 - self.random();
            let z = magic * (u1 - 0.5) / u2;
            if z * z / 4.0 <= -u2.ln() {
                return mu + z * sigma;
            }
        }
    }

    /// `random.expovariate(lambd)`.
    pub fn expovariate(&mut self, lambd: f64) -> f64 {
        -(1.0 - self.random()).ln() / lambd
    }

    /// `random.lognormvariate(mu, sigma)`.
    pub fn lognormvariate(&mut self, mu: f64, sigma: f64) -> f64 {
        self.normalvariate(mu, sigma).exp()
    }

    /// `random.triangular(low, high, mode)`. When `mode` is given and `high == low` CPython
    /// returns `low` unchanged (an int stays an int); the caller can check
    /// [`triangular_is_degenerate`] first to keep that.
    pub fn triangular(&mut self, low: f64, high: f64, mode: Option<f64>) -> f64 {
        let u = self.random();
        let c = match mode {
            None => 0.5,
            Some(_) if high - low == 0.0 => return low,
            Some(mode) => (mode - low) / (high - low),
        };
        let (u, c, low, high) = if u > c {
            (1.0 - u, 1.0 - c, high, low)
        } else {
            (u, c, low, high)
        };
        low + (high - low) * (u * c).sqrt()
    }

    /// `random.vonmisesvariate(mu, kappa)`: an angle in [0, 2π).
    pub fn vonmisesvariate(&mut self, mu: f64, kappa: f64) -> f64 {
        use std::f64::consts::{PI, TAU};
        if kappa <= 1e-6 {
            return TAU * self.random();
        }
        let s = 0.5 / kappa;
        let r = s + (1.0 + s * s).sqrt();
        let z = loop {
            let u1 = self.random();
            let z = (PI * u1).cos();
            let d = z / (r + z);
            let u2 = self.random();
            if u2 < 1.0 - d * d || u2 <= (1.0 - d) * d.exp() {
                break z;
            }
        };
        let q = 1.0 / r;
        let f = (q + z) / (1.0 + q * z);
        let u3 = self.random();
        if u3 > 0.5 {
            python_float_mod(mu + f.acos(), TAU)
        } else {
            python_float_mod(mu - f.acos(), TAU)
        }
    }

    /// `random.gammavariate(alpha, beta)`: Cheng's method for alpha > 1, algorithm GS below 1.
    pub fn gammavariate(&mut self, alpha: f64, beta: f64) -> Result<f64, RandomError> {
        if alpha <= 0.0 || beta <= 0.0 {
            return Err(value_error("gammavariate: alpha and beta must be > 0.0"));
        }
        if alpha > 1.0 {
            let ainv = (2.0 * alpha - 1.0).sqrt();
            let bbb = alpha - 4f64.ln();
            let ccc = alpha + ainv;
            let sg_magic = 1.0 + 4.5f64.ln();
            loop {
                let u1 = self.random();
                if !(1e-7 < u1 && u1 < 0.9999999) {
                    continue;
                }
                let u2 = 1.0 - self.random();
                let v = (u1 / (1.0 - u1)).ln() / ainv;
                let x = alpha * v.exp();
                let z = u1 * u1 * u2;
                let r = bbb + ccc * v - x;
                if r + sg_magic - 4.5 * z >= 0.0 || r >= z.ln() {
                    return Ok(x * beta);
                }
            }
        }
        if alpha == 1.0 {
            return Ok(-(1.0 - self.random()).ln() * beta);
        }
        let e = std::f64::consts::E;
        loop {
            let u = self.random();
            let b = (e + alpha) / e;
            let p = b * u;
            let x = if p <= 1.0 {
                p.powf(1.0 / alpha)
            } else {
                -((b - p) / alpha).ln()
            };
            let u1 = self.random();
            let accepted = if p > 1.0 {
                u1 <= x.powf(alpha - 1.0)
            } else {
                u1 <= (-x).exp()
            };
            if accepted {
                return Ok(x * beta);
            }
        }
    }

    /// `random.betavariate(alpha, beta)`.
    pub fn betavariate(&mut self, alpha: f64, beta: f64) -> Result<f64, RandomError> {
        let y = self.gammavariate(alpha, 1.0)?;
        if y != 0.0 {
            Ok(y / (y + self.gammavariate(beta, 1.0)?))
        } else {
            Ok(0.0)
        }
    }

    /// `random.paretovariate(alpha)`.
    pub fn paretovariate(&mut self, alpha: f64) -> f64 {
        let u = 1.0 - self.random();
        u.powf(-1.0 / alpha)
    }

    /// `random.weibullvariate(alpha, beta)`.
    pub fn weibullvariate(&mut self, alpha: f64, beta: f64) -> f64 {
        let u = 1.0 - self.random();
        alpha * (-u.ln()).powf(1.0 / beta)
    }

    /// `random.randbytes(n)`: `getrandbits(8 * n)` as little-endian bytes.
    pub fn randbytes(&mut self, n: usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            let word = self.genrand_u32().to_le_bytes();
            let missing = n - out.len();
            if missing < 4 {
                // The last, partial word keeps its most significant bytes.
                out.extend_from_slice(&word[4 - missing..]);
            } else {
                out.extend_from_slice(&word);
            }
        }
        out
    }

    /// The generator state as `getstate()` exposes it: 624 words, the index, `gauss_next`.
    pub fn state(&self) -> (Vec<u32>, usize, Option<f64>) {
        (self.state.to_vec(), self.index, self.gauss_next)
    }

    /// Restores a state taken by [`MersenneTwister::state`]. Mirrors random_setstate.
    pub fn set_state(
        &mut self,
        words: &[u32],
        index: usize,
        gauss_next: Option<f64>,
    ) -> Result<(), RandomError> {
        if words.len() != STATE_WORDS {
            return Err(value_error("state vector is the wrong size"));
        }
        if index > STATE_WORDS {
            return Err(value_error("invalid state"));
        }
        self.state.copy_from_slice(words);
        self.index = index;
        self.gauss_next = gauss_next;
        Ok(())
    }
}

/// The `init_by_array` key for an int seed: 32-bit chunks of `abs(seed)`, least significant
/// first; zero gives `[0]`.
fn key_from_int(seed: &BigInt) -> Vec<u32> {
    let words = seed.magnitude().to_u32_digits();
    if words.is_empty() { vec![0] } else { words }
}

/// Whether `random.triangular(low, high, mode)` returns `low` untouched (a mode is given
/// and the range is empty, where CPython catches a ZeroDivisionError).
pub fn triangular_is_degenerate(low: f64, high: f64, mode: Option<f64>) -> bool {
    mode.is_some() && high - low == 0.0
}

/// Python's float `a % b`: the result takes the sign of `b`.
fn python_float_mod(a: f64, b: f64) -> f64 {
    let remainder = a % b;
    if remainder != 0.0 && ((b < 0.0) != (remainder < 0.0)) {
        remainder + b
    } else if remainder == 0.0 {
        0.0f64.copysign(b)
    } else {
        remainder
    }
}

/// Python's `a // b` on big ints.
fn floor_div(a: &BigInt, b: &BigInt) -> BigInt {
    num_integer::Integer::div_floor(a, b)
}

/// Python's `a // b` on i128.
fn floor_div_i128(a: i128, b: i128) -> i128 {
    let quotient = a / b;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        quotient - 1
    } else {
        quotient
    }
}

/// `bisect.bisect_right(items, x, 0, high)`.
fn bisect_right(items: &[f64], x: f64, high: usize) -> usize {
    let (mut low, mut high) = (0, high);
    while low < high {
        let middle = (low + high) / 2;
        if x < items[middle] {
            high = middle;
        } else {
            low = middle + 1;
        }
    }
    low
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeded(seed: i64) -> MersenneTwister {
        MersenneTwister::from_int(&BigInt::from(seed))
    }

    #[test]
    fn int_seeds_reproduce_cpython() {
        let mut rng = seeded(2020);
        let draws: Vec<i64> = (0..10).map(|_| rng.randint(5, 10).unwrap()).collect();
        assert_eq!(draws, [9, 9, 6, 10, 8, 8, 8, 7, 8, 9]);
        assert_eq!(seeded(42).random(), 0.6394267984578837);
        let big: BigInt = "-12345678901234567890123".parse().unwrap();
        assert_eq!(
            MersenneTwister::from_int(&big).random(),
            0.15803717805068784
        );
    }

    #[test]
    fn str_and_bytes_seeds_use_sha512() {
        let mut rng = seeded(0);
        rng.seed_str("hello");
        assert_eq!(rng.random(), 0.3537754404730722);
        rng.seed_bytes(b"hello");
        assert_eq!(rng.random(), 0.3537754404730722);
    }

    #[test]
    fn getrandbits_words_are_little_endian() {
        let mut rng = seeded(0);
        assert_eq!(rng.random(), 0.8444218515250481);
        let expected: BigUint = "33321113934853222010955844780".parse().unwrap();
        assert_eq!(rng.getrandbits(100), expected);
        assert_eq!(rng.getrandbits(32), BigUint::from(1112038970u32));
        assert_eq!(rng.getrandbits(5), BigUint::from(30u32));
        assert_eq!(rng.getrandbits(64), BigUint::from(8963783824838420066u64));
    }

    #[test]
    fn shuffle_sample_choices_reproduce_cpython() {
        let mut rng = seeded(7);
        let mut items: Vec<usize> = (0..10).collect();
        rng.shuffle(&mut items);
        assert_eq!(items, [8, 3, 1, 4, 7, 0, 9, 6, 2, 5]);

        let mut rng = seeded(7);
        assert_eq!(rng.sample_indices(100, 5).unwrap(), [41, 19, 50, 83, 6]);
        assert_eq!(
            rng.sample_indices(10, 10).unwrap(),
            [1, 8, 9, 2, 4, 0, 7, 5, 6, 3]
        );
        assert_eq!(
            rng.sample_indices(1000, 30).unwrap()[..8],
            [428, 71, 246, 92, 564, 434, 60, 846]
        );

        let mut rng = seeded(7);
        assert_eq!(
            rng.choices_indices(5, Weights::Uniform, 6).unwrap(),
            [1, 0, 3, 0, 2, 1]
        );
        let weights = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(
            rng.choices_indices(4, Weights::Relative(&weights), 6)
                .unwrap(),
            [0, 2, 0, 2, 0, 0]
        );
        let cumulative = [1.0, 3.0, 6.0, 10.0];
        assert_eq!(
            rng.choices_indices(4, Weights::Cumulative(&cumulative), 4)
                .unwrap(),
            [2, 3, 1, 1]
        );
    }

    #[test]
    fn sample_with_counts_reproduces_cpython() {
        let mut rng = seeded(3);
        assert_eq!(
            rng.sample_counts_indices(&[4, 2, 0, 3], 6).unwrap(),
            [0, 0, 3, 1, 3, 0]
        );
        assert_eq!(
            rng.sample_counts_indices(&[0, 0], 1)
                .unwrap_err()
                .to_string(),
            "ValueError: Total of counts must be greater than zero"
        );
        let mut empty = seeded(3);
        assert_eq!(empty.choices_indices(0, Weights::Uniform, 3).unwrap(), [0]);
    }

    #[test]
    fn float_distributions_reproduce_cpython() {
        let mut rng = seeded(7);
        assert_eq!(rng.uniform(1.0, 3.0), 1.6476655296663247);
        assert_eq!(rng.gauss(0.0, 1.0), 0.8465186258155725);
        assert_eq!(rng.gauss(0.0, 1.0), 1.178302784639487);
        assert_eq!(rng.normalvariate(2.0, 3.0), -2.7412345380197927);
    }

    #[test]
    fn more_distributions_reproduce_cpython() {
        let mut rng = seeded(11);
        assert_eq!(rng.triangular(1.0, 5.0, Some(2.0)), 2.436516948001767);
        assert_eq!(rng.triangular(0.0, 1.0, None), 0.530837121076537);
        assert!(triangular_is_degenerate(2.0, 2.0, Some(2.0)));
        assert_eq!(rng.triangular(2.0, 2.0, Some(2.0)), 2.0);
        assert_eq!(rng.lognormvariate(0.5, 0.25), 1.6001004942593948);
        assert_eq!(rng.vonmisesvariate(1.0, 4.0), 1.6365843111494147);
        assert_eq!(rng.vonmisesvariate(-1.0, 0.0), 3.95766985291252);
        assert_eq!(rng.gammavariate(2.5, 1.5).unwrap(), 2.4748484987938832);
        assert_eq!(rng.gammavariate(1.0, 2.0).unwrap(), 3.317724165941567);
        assert_eq!(rng.gammavariate(0.5, 3.0).unwrap(), 2.022070603774245);
        assert_eq!(rng.betavariate(2.0, 3.0).unwrap(), 0.4777879891997989);
        assert_eq!(rng.paretovariate(2.0), 1.111253980087164);
        assert_eq!(rng.weibullvariate(1.5, 2.0), 0.7894571626662078);
        assert_eq!(rng.expovariate(0.5), 0.061088709280669166);
        assert_eq!(rng.randbytes(7), [0xae, 0x68, 0xc4, 0x76, 0xf6, 0x87, 0x53]);
        assert_eq!(rng.randbytes(4), [0xb8, 0xa5, 0xc6, 0x70]);
        assert_eq!(
            rng.gammavariate(0.0, 1.0).unwrap_err().to_string(),
            "ValueError: gammavariate: alpha and beta must be > 0.0"
        );
    }

    #[test]
    fn randrange_and_choice_reproduce_cpython() {
        let mut rng = seeded(7);
        assert_eq!(rng.randrange_i64(10, None, 1).unwrap(), 5);
        assert_eq!(rng.randrange_i64(5, Some(100), 7).unwrap(), 19);
        assert_eq!(rng.randrange_i64(100, Some(5), -7).unwrap(), 58);
        assert_eq!(rng.choice_index(6).unwrap(), 5);
        let huge = BigInt::from(10u32).pow(30);
        let expected: BigInt = "698893352947583750040010391504".parse().unwrap();
        assert_eq!(
            rng.randrange(&huge, None, &BigInt::one()).unwrap(),
            expected
        );
    }

    #[test]
    fn errors_carry_cpython_messages() {
        let mut rng = seeded(7);
        let message = |r: Result<i64, RandomError>| r.unwrap_err().to_string();
        assert_eq!(
            message(rng.randrange_i64(1, Some(1), 1)),
            "ValueError: empty range for randrange() (1, 1, 0)"
        );
        assert_eq!(
            message(rng.randrange_i64(0, None, 1)),
            "ValueError: empty range for randrange()"
        );
        assert_eq!(
            message(rng.randrange_i64(1, Some(5), 0)),
            "ValueError: zero step for randrange()"
        );
        assert_eq!(
            message(rng.randrange_i64(5, Some(1), 2)),
            "ValueError: empty range for randrange()"
        );
        assert_eq!(
            message(rng.randrange_i64(1, Some(5), -1)),
            "ValueError: empty range for randrange()"
        );
        assert_eq!(
            message(rng.randint(3, 1)),
            "ValueError: empty range for randrange() (3, 2, -1)"
        );
        assert_eq!(
            rng.choice_index(0).unwrap_err().to_string(),
            "IndexError: Cannot choose from an empty sequence"
        );
        assert_eq!(
            rng.sample_indices(3, 4).unwrap_err().to_string(),
            "ValueError: Sample larger than population or is negative"
        );
        let big = BigInt::from(3);
        assert_eq!(
            rng.randrange(&big, Some(&big), &BigInt::one()).unwrap_err(),
            RandomError::Value("empty range for randrange() (3, 3, 0)".to_string())
        );
    }
}
