//! String helpers: CPython's `repr` of str and bytes, char indexing and slicing, and the
//! allocation-lean fast paths for building strings (f-strings, `+`, `str(int)`).

use super::object::{Obj, Payload, PyStr};
use super::value::{ObjRef, Value};
use super::{PyResult, Vm};

/// "00" to "99": two digits per step of `i64_decimal`.
const DIGIT_PAIRS: &[u8; 200] = b"\
0001020304050607080910111213141516171819\
2021222324252627282930313233343536373839\
4041424344454647484950515253545556575859\
6061626364656667686970717273747576777879\
8081828384858687888990919293949596979899";

/// The decimal digits of `i` written into the end of `buf` (no allocation; mirrors
/// int.__str__), two digits per division.
pub fn i64_decimal(i: i64, buf: &mut [u8; 20]) -> &[u8] {
    let mut at = buf.len();
    let mut n = i.unsigned_abs();
    while n >= 100 {
        let pair = (n % 100) as usize * 2;
        n /= 100;
        at -= 2;
        buf[at..at + 2].copy_from_slice(&DIGIT_PAIRS[pair..pair + 2]);
    }
    if n >= 10 {
        let pair = n as usize * 2;
        at -= 2;
        buf[at..at + 2].copy_from_slice(&DIGIT_PAIRS[pair..pair + 2]);
    } else {
        at -= 1;
        buf[at] = b'0' + n as u8;
    }
    if i < 0 {
        at -= 1;
        buf[at] = b'-';
    }
    &buf[at..]
}

/// A `str` value holding the decimal text of `i`.
pub fn int_to_str_value(i: i64) -> Value {
    let mut buf = [0u8; 20];
    let text = PyStr::from_ascii(i64_decimal(i, &mut buf)).unwrap_or_else(|| PyStr::new(""));
    Value::Obj(Obj::new(Payload::Str(text)))
}

thread_local! {
    /// The one-character strs of code points below 256, made on first use (CPython keeps
    /// the same latin-1 singletons, so `s[0] is s[0]` holds there too).
    static LATIN1_CHARS: Vec<Value> = (0u8..=255)
        .map(|b| Value::str(char::from(b).encode_utf8(&mut [0; 4])))
        .collect();
}

/// The one-character str `c` (shared for code points below 256).
pub fn char_value(c: char) -> Value {
    if (c as u32) < 256 {
        return LATIN1_CHARS.with(|t| t[c as usize].clone());
    }
    Value::str(c.encode_utf8(&mut [0; 4]))
}

/// The byte range `s[start:stop]` (step 1) selects, with Python's clamping of negative and
/// out-of-range bounds (mirrors PySlice_AdjustIndices for step 1).
pub fn str_slice_range(
    s: &str,
    ascii: bool,
    start: Option<i64>,
    stop: Option<i64>,
) -> (usize, usize) {
    let len = if ascii { s.len() } else { s.chars().count() } as i64;
    let clamp = |v: Option<i64>, default: i64| match v {
        None => default,
        Some(x) if x < 0 => (x + len).max(0),
        Some(x) => x.min(len),
    };
    let lo = clamp(start, 0) as usize;
    let hi = (clamp(stop, len) as usize).max(lo);
    if ascii {
        return (lo, hi);
    }
    let offset = |n: usize| s.char_indices().nth(n).map_or(s.len(), |(at, _)| at);
    (offset(lo), offset(hi))
}

/// True for an object of exactly the built-in `str` type.
fn is_exact_str(v: &Value) -> bool {
    matches!(v, Value::Obj(o) if o.class.is_none() && matches!(o.payload, Payload::Str(_)))
}

/// FORMAT_VALUE without conversion or spec when the answer needs no method call: an exact
/// str is its own text, and an int stays as it is: BUILD_STRING (which consumes every
/// FORMAT_VALUE result) writes its decimal digits (what `format(x, "")` gives) straight into
/// the joined text, so no intermediate str is made.
pub fn format_simple(v: &Value) -> Option<Value> {
    match v {
        Value::Int(_) => Some(v.clone()),
        _ if is_exact_str(v) => Some(v.clone()),
        _ => None,
    }
}

/// The text a BUILD_STRING piece contributes: a str's own, or an int's decimal digits
/// written into `digits`.
fn piece_bytes<'a>(v: &'a Value, digits: &'a mut [u8; 20]) -> &'a [u8] {
    match v {
        Value::Int(i) => i64_decimal(*i, digits),
        _ => v.as_str().unwrap_or_default().as_bytes(),
    }
}

/// The concatenation of `pieces` when it fits in a str's inline storage.
fn join_inline(pieces: &[Value]) -> Option<PyStr> {
    let mut buf = [0u8; super::object::STR_INLINE_CAP];
    let mut len = 0;
    let mut digits = [0u8; 20];
    for v in pieces {
        let bytes = piece_bytes(v, &mut digits);
        if len + bytes.len() > buf.len() {
            return None;
        }
        super::object::copy_short(&mut buf, len, bytes);
        len += bytes.len();
    }
    // SAFETY: `buf[..len]` is whole strs' UTF-8 and ASCII digits laid end to end (every
    // piece is copied entire, none is cut), which is valid UTF-8.
    let text = unsafe { std::str::from_utf8_unchecked(&buf[..len]) };
    Some(PyStr::new(text))
}

/// BUILD_STRING: replaces the top `n` values of `stack` (strs and ints left by FORMAT_VALUE,
/// or constants) with their concatenation, sized once and stored inline when short.
pub fn build_string(stack: &mut super::frame::Stack, n: usize) {
    let start = stack.len() - n;
    // Mirrors _PyUnicode_JoinArray: one exact str is the result itself.
    if n == 1 && is_exact_str(&stack[start]) {
        return;
    }
    let pieces = &stack[start..];
    let joined = join_inline(pieces).unwrap_or_else(|| {
        let mut text = Vec::new();
        let mut digits = [0u8; 20];
        for v in pieces {
            text.extend_from_slice(piece_bytes(v, &mut digits));
        }
        PyStr::from_string(String::from_utf8(text).unwrap_or_default())
    });
    stack.truncate(start);
    stack.push(Value::Obj(Obj::new(Payload::Str(joined))));
}

/// `a + b` for two exact strs (mirrors PyUnicode_Concat, including returning an operand
/// unchanged when the other is empty).
pub fn concat(a: &Value, b: &Value) -> Option<Value> {
    // Both operands exact strs, their payloads matched once.
    let (Value::Obj(x), Value::Obj(y)) = (a, b) else {
        return None;
    };
    let (Payload::Str(p), Payload::Str(q)) = (&x.payload, &y.payload) else {
        return None;
    };
    if x.class.is_some() || y.class.is_some() {
        return None;
    }
    if q.is_empty() {
        return Some(a.clone());
    }
    if p.is_empty() {
        return Some(b.clone());
    }
    Some(Value::Obj(Obj::new(Payload::Str(PyStr::concat(p, q)))))
}

impl Vm {
    /// `str(x)`, `int(x)` and `tuple(x)` with one positional argument, and `range()` of one to three
    /// small ints, called on the exact built-in types: the result without the generic
    /// `__new__`/`__init__` protocol (which has no other effect for these types). `None`
    /// when the call is not of that shape.
    pub fn convert_call_fast(&mut self, cls: &ObjRef, args: &[Value]) -> Option<PyResult<Value>> {
        if ObjRef::ptr_eq(cls, &self.types.range) {
            let (start, stop, step) = small_range_args(args)?;
            return Some(Ok(Value::Obj(Obj::new(Payload::Range {
                start,
                stop,
                step,
            }))));
        }
        let [arg] = args else {
            return None;
        };
        if ObjRef::ptr_eq(cls, &self.types.str_) {
            return Some(match arg {
                Value::Int(i) => Ok(int_to_str_value(*i)),
                // CPython returns an exact str argument itself.
                _ if is_exact_str(arg) => Ok(arg.clone()),
                _ => self.str(arg).map(Value::string),
            });
        }
        if ObjRef::ptr_eq(cls, &self.types.int) {
            return Some(crate::builtins::numbers::to_int(self, arg));
        }
        if ObjRef::ptr_eq(cls, &self.types.tuple) {
            return super::seq::tuple_call_fast(arg).map(Ok);
        }
        None
    }
}

impl Vm {
    /// `iter(range(...))` for a call of the built-in `range` with one to three small ints:
    /// the range iterator, without the range object. None for any other call.
    pub fn range_iter_call(&self, cls: &ObjRef, args: &[Value]) -> Option<Value> {
        if !ObjRef::ptr_eq(cls, &self.types.range) {
            return None;
        }
        let (next, stop, step) = small_range_args(args)?;
        let state = super::object::IterState::range(next, stop, step);
        Some(Value::Obj(Obj::new(Payload::Iterator(
            std::cell::RefCell::new(state),
        ))))
    }
}

/// `(start, stop, step)` of `range(args)` when every argument is a small int and the step
/// is not zero (the other cases take range's constructor, which raises or converts).
fn small_range_args(args: &[Value]) -> Option<(i64, i64, i64)> {
    match args {
        [Value::Int(stop)] => Some((0, *stop, 1)),
        [Value::Int(start), Value::Int(stop)] => Some((*start, *stop, 1)),
        [Value::Int(start), Value::Int(stop), Value::Int(step)] if *step != 0 => {
            Some((*start, *stop, *step))
        }
        _ => None,
    }
}

/// Mirrors unicode_repr (the algorithm lives in `builtins::str_repr`).
pub fn str_repr(s: &str) -> String {
    crate::builtins::str_repr::str_repr(s)
}

/// Mirrors bytes_repr.
pub fn bytes_repr(b: &[u8]) -> String {
    crate::builtins::str_repr::bytes_repr(b)
}

/// The char at code-point index `i` (ASCII fast path).
pub fn char_at(s: &str, ascii: bool, i: usize) -> Option<char> {
    if ascii {
        s.as_bytes().get(i).map(|b| *b as char)
    } else {
        s.chars().nth(i)
    }
}

/// Normalises a Python slice (start, stop, step possibly None/negative) against `len`,
/// returning the selected indices. Mirrors PySlice_AdjustIndices.
pub fn slice_indices(start: Option<i64>, stop: Option<i64>, step: i64, len: usize) -> Vec<usize> {
    let len = len as i64;
    let (lo_default, hi_default) = if step < 0 { (len - 1, -1) } else { (0, len) };
    let adjust = |v: Option<i64>, default: i64| -> i64 {
        match v {
            None => default,
            Some(mut x) => {
                if x < 0 {
                    x += len;
                    if x < 0 {
                        x = if step < 0 { -1 } else { 0 };
                    }
                } else if x >= len {
                    x = if step < 0 { len - 1 } else { len };
                }
                x
            }
        }
    };
    let start = adjust(start, lo_default);
    let stop = adjust(stop, hi_default);
    let mut out = Vec::new();
    let mut i = start;
    if step > 0 {
        while i < stop {
            out.push(i as usize);
            i += step;
        }
    } else {
        while i > stop {
            out.push(i as usize);
            i += step;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_digits_match_formatting() {
        let mut buf = [0u8; 20];
        for i in [0, 7, -7, 10, 99, 100, -101, 123456, i64::MAX, i64::MIN] {
            assert_eq!(i64_decimal(i, &mut buf), i.to_string().as_bytes());
        }
    }

    #[test]
    fn slices_normalise_like_cpython() {
        assert_eq!(slice_indices(None, None, -1, 3), vec![2, 1, 0]);
        assert_eq!(slice_indices(Some(-2), None, 1, 3), vec![1, 2]);
    }
}
