//! printf-style `str % args`, generic over how the interpreter converts its values.
//!
//! Mirrors PyUnicode_Format in Objects/unicodeobject.c (3.11): the same parse order, the
//! same argument consumption, the same errors.

use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

use super::float_repr::{FloatFormat, FloatStyle, format_float_abs, is_negative};
use super::format_spec::FormatError;
use super::str_algo::{byte_offset, char_len};
use super::str_repr::escape_non_ascii;

/// What `%`-formatting needs from the interpreter for its values.
pub trait PercentOperands {
    /// A Python value; cloning must be cheap (a reference count).
    type Value: Clone;
    /// A Python exception; formatting errors convert into it.
    type Error: From<FormatError>;

    /// `str(value)`.
    fn str(&mut self, value: &Self::Value) -> Result<String, Self::Error>;
    /// `repr(value)`.
    fn repr(&mut self, value: &Self::Value) -> Result<String, Self::Error>;
    /// The text of `value` if it is a `str`.
    fn str_value(&mut self, value: &Self::Value) -> Option<String>;
    /// The value of `value` if it is an `int` instance (bool included), for `*` widths.
    fn int_value(&mut self, value: &Self::Value) -> Option<BigInt>;
    /// `int(value)` for `%d`: `Ok(None)` when `value` is not a number; an error from the
    /// conversion itself (`float('inf')`) is returned as is.
    fn to_int(&mut self, value: &Self::Value) -> Result<Option<BigInt>, Self::Error>;
    /// `operator.index(value)` for `%x`, `%o`, `%c`: `Ok(None)` without `__index__`.
    fn to_index(&mut self, value: &Self::Value) -> Result<Option<BigInt>, Self::Error>;
    /// `float(value)` for `%e`, `%f`, `%g`: `Ok(None)` when `value` is not a real number.
    fn to_float(&mut self, value: &Self::Value) -> Result<Option<f64>, Self::Error>;
    /// `mapping[key]` for `%(key)s`.
    fn get_item(&mut self, mapping: &Self::Value, key: &str) -> Result<Self::Value, Self::Error>;
    /// `type(value).__name__`, for error messages.
    fn type_name(&mut self, value: &Self::Value) -> String;
}

/// The right operand of `%`, classified the way CPython does.
#[derive(Debug, Clone, PartialEq)]
pub enum PercentArgs<V> {
    /// A tuple: its items are the arguments.
    Tuple(Vec<V>),
    /// A mapping that is not a tuple or str (anything with `__getitem__`, lists included):
    /// `%(key)` looks up in it, and a plain `%s` formats it whole.
    Mapping(V),
    /// Any other single value.
    Single(V),
}

/// The conversion flags of one `%` directive.
#[derive(Debug, Clone, Copy, Default)]
struct Flags {
    /// `-`: pad on the right.
    left: bool,
    /// `+`: always a sign.
    plus: bool,
    /// ` `: a space for non-negative numbers.
    blank: bool,
    /// `#`: alternate form.
    alternate: bool,
    /// `0`: pad numbers with zeros.
    zero: bool,
}

/// Where the next argument comes from. Mirrors the args/arglen/argidx trio of
/// unicode_formatter_t.
enum ArgSource<V> {
    /// Items of a tuple and the index of the next one.
    Tuple(Vec<V>, usize),
    /// One value, usable once.
    One(V, bool),
}

/// The running state of one `%` operation.
struct Formatter<V> {
    /// The next-argument source.
    source: ArgSource<V>,
    /// The mapping for `%(key)`, when the right operand is one.
    mapping: Option<V>,
}

impl<V: Clone> Formatter<V> {
    /// The next positional argument. Mirrors unicode_format_getnextarg.
    fn next_arg(&mut self) -> Result<V, FormatError> {
        let not_enough = || FormatError::type_error("not enough arguments for format string");
        match &mut self.source {
            ArgSource::Tuple(items, next) => {
                let item = items.get(*next).cloned().ok_or_else(not_enough)?;
                *next += 1;
                Ok(item)
            }
            ArgSource::One(value, used) => {
                if *used {
                    return Err(not_enough());
                }
                *used = true;
                Ok(value.clone())
            }
        }
    }

    /// Whether positional arguments are left over at the end.
    fn has_unused(&self) -> bool {
        match &self.source {
            ArgSource::Tuple(items, next) => *next < items.len(),
            ArgSource::One(_, used) => !used,
        }
    }
}

/// `template % args`. Mirrors PyUnicode_Format.
pub fn percent_format<O: PercentOperands>(
    template: &str,
    args: PercentArgs<O::Value>,
    ops: &mut O,
) -> Result<String, O::Error> {
    let (source, mapping) = match args {
        PercentArgs::Tuple(items) => (ArgSource::Tuple(items, 0), None),
        PercentArgs::Mapping(value) => (ArgSource::One(value.clone(), false), Some(value)),
        PercentArgs::Single(value) => (ArgSource::One(value, false), None),
    };
    let mut state = Formatter { source, mapping };
    let chars: Vec<char> = template.chars().collect();
    let mut out = String::with_capacity(template.len());
    let mut pos = 0;
    while pos < chars.len() {
        if chars[pos] != '%' {
            out.push(chars[pos]);
            pos += 1;
            continue;
        }
        pos += 1;
        if chars.get(pos) == Some(&'%') {
            out.push('%');
            pos += 1;
            continue;
        }
        format_directive(&chars, &mut pos, &mut state, ops, &mut out)?;
    }
    if state.mapping.is_none() && state.has_unused() {
        return Err(FormatError::type_error(
            "not all arguments converted during string formatting",
        )
        .into());
    }
    Ok(out)
}

/// A `*` width or precision argument. Mirrors the `*` branches of unicode_format_arg_parse.
fn star_value<O: PercentOperands>(
    state: &mut Formatter<O::Value>,
    ops: &mut O,
    limit: i64,
    overflow: &str,
) -> Result<i64, O::Error> {
    let value = state.next_arg()?;
    let number = ops
        .int_value(&value)
        .ok_or_else(|| FormatError::type_error("* wants int"))?;
    number
        .to_i64()
        .filter(|n| (-limit..=limit).contains(n))
        .ok_or_else(|| FormatError::overflow(overflow).into())
}

/// Reads decimal digits into a number no larger than `limit`.
fn read_number(
    chars: &[char],
    pos: &mut usize,
    limit: i64,
    too_big: &str,
) -> Result<Option<i64>, FormatError> {
    let mut value: Option<i64> = None;
    while let Some(digit) = chars.get(*pos).and_then(|c| c.to_digit(10)) {
        let next = value.unwrap_or(0) * 10 + i64::from(digit);
        if next > limit {
            return Err(FormatError::value(too_big));
        }
        value = Some(next);
        *pos += 1;
    }
    Ok(value)
}

/// Parses and formats one directive; `pos` is just past its `%`.
/// Mirrors unicode_format_arg_parse and unicode_format_arg_format.
fn format_directive<O: PercentOperands>(
    chars: &[char],
    pos: &mut usize,
    state: &mut Formatter<O::Value>,
    ops: &mut O,
    out: &mut String,
) -> Result<(), O::Error> {
    if chars.get(*pos) == Some(&'(') {
        let Some(mapping) = state.mapping.clone() else {
            return Err(FormatError::type_error("format requires a mapping").into());
        };
        *pos += 1;
        let start = *pos;
        let mut depth = 1;
        while depth > 0 && *pos < chars.len() {
            match chars[*pos] {
                ')' => depth -= 1,
                '(' => depth += 1,
                _ => {}
            }
            *pos += 1;
        }
        if depth > 0 {
            return Err(FormatError::value("incomplete format key").into());
        }
        let key: String = chars[start..*pos - 1].iter().collect();
        let value = ops.get_item(&mapping, &key)?;
        state.source = ArgSource::One(value, false);
    }
    let mut flags = Flags::default();
    while let Some(&c) = chars.get(*pos) {
        match c {
            '-' => flags.left = true,
            '+' => flags.plus = true,
            ' ' => flags.blank = true,
            '#' => flags.alternate = true,
            '0' => flags.zero = true,
            _ => break,
        }
        *pos += 1;
    }
    let mut width = 0usize;
    if chars.get(*pos) == Some(&'*') {
        *pos += 1;
        let value = star_value(
            state,
            ops,
            isize::MAX as i64,
            "Python int too large to convert to C ssize_t",
        )?;
        if value < 0 {
            flags.left = true;
        }
        width = value.unsigned_abs() as usize;
    } else if let Some(value) = read_number(chars, pos, isize::MAX as i64, "width too big")? {
        width = value as usize;
    }
    let mut precision = None;
    if chars.get(*pos) == Some(&'.') {
        *pos += 1;
        if chars.get(*pos) == Some(&'*') {
            *pos += 1;
            let value = star_value(
                state,
                ops,
                i64::from(i32::MAX),
                "Python int too large to convert to C int",
            )?;
            precision = Some(value.max(0) as usize);
        } else {
            let value = read_number(chars, pos, i64::from(i32::MAX), "precision too big")?;
            precision = Some(value.unwrap_or(0) as usize);
        }
    }
    if matches!(chars.get(*pos), Some('h' | 'l' | 'L')) {
        *pos += 1;
    }
    let Some(&conversion) = chars.get(*pos) else {
        return Err(FormatError::value("incomplete format").into());
    };
    *pos += 1;
    let value = state.next_arg()?;
    let directive = Directive {
        flags,
        width,
        precision,
    };
    match conversion {
        's' | 'r' | 'a' => {
            let text = match conversion {
                's' => match ops.str_value(&value) {
                    Some(text) => text,
                    None => ops.str(&value)?,
                },
                'r' => ops.repr(&value)?,
                _ => escape_non_ascii(&ops.repr(&value)?),
            };
            let text = match precision {
                Some(limit) if limit < char_len(&text) => {
                    text[..byte_offset(&text, limit)].to_string()
                }
                _ => text,
            };
            directive.write_text(&text, out);
        }
        'c' => {
            let c = char_operand(&value, ops)?;
            directive.write_text(&c.to_string(), out);
        }
        'd' | 'i' | 'u' | 'o' | 'x' | 'X' => {
            let number = if matches!(conversion, 'o' | 'x' | 'X') {
                ops.to_index(&value)?
            } else {
                ops.to_int(&value)?
            };
            let Some(number) = number else {
                let wanted = if matches!(conversion, 'o' | 'x' | 'X') {
                    "an integer"
                } else {
                    "a real number"
                };
                let type_name = ops.type_name(&value);
                return Err(FormatError::type_error(format!(
                    "%{conversion} format: {wanted} is required, not {type_name}"
                ))
                .into());
            };
            directive.write_int(&number, conversion, out);
        }
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
            let Some(number) = ops.to_float(&value)? else {
                let type_name = ops.type_name(&value);
                return Err(FormatError::type_error(format!(
                    "must be real number, not {type_name}"
                ))
                .into());
            };
            directive.write_float(number, conversion, out);
        }
        _ => {
            let shown = if (' '..='~').contains(&conversion) {
                conversion
            } else {
                '?'
            };
            return Err(FormatError::value(format!(
                "unsupported format character '{shown}' (0x{:x}) at index {}",
                conversion as u32,
                *pos - 1
            ))
            .into());
        }
    }
    Ok(())
}

/// The character `%c` formats: a one-character str or an int code point. Mirrors formatchar.
fn char_operand<O: PercentOperands>(value: &O::Value, ops: &mut O) -> Result<char, O::Error> {
    let requires = || FormatError::type_error("%c requires int or char");
    if let Some(text) = ops.str_value(value) {
        let mut chars = text.chars();
        return match (chars.next(), chars.next()) {
            (Some(c), None) => Ok(c),
            _ => Err(requires().into()),
        };
    }
    let code = ops.to_index(value)?.ok_or_else(requires)?;
    let code = code
        .to_u32()
        .filter(|&c| c <= 0x10ffff)
        .ok_or_else(|| FormatError::overflow("%c arg not in range(0x110000)"))?;
    // Lone surrogates cannot live in a Rust string; U+FFFD stands in for them.
    Ok(char::from_u32(code).unwrap_or('\u{fffd}'))
}

/// The parsed flags, width and precision of one directive.
struct Directive {
    /// The flags.
    flags: Flags,
    /// The minimum width.
    width: usize,
    /// The precision, if given.
    precision: Option<usize>,
}

impl Directive {
    /// Writes text (`%s`, `%r`, `%a`, `%c`) padded with spaces; `0`, `+`, ` ` do not apply.
    fn write_text(&self, text: &str, out: &mut String) {
        let padding = self.width.saturating_sub(char_len(text));
        if !self.flags.left {
            out.extend(std::iter::repeat_n(' ', padding));
        }
        out.push_str(text);
        if self.flags.left {
            out.extend(std::iter::repeat_n(' ', padding));
        }
    }

    /// Writes a number from its sign, prefix and digits, padding like
    /// unicode_format_arg_output: zeros go after the sign and prefix.
    fn write_number(&self, negative: bool, prefix: &str, body: &str, out: &mut String) {
        let sign = if negative {
            "-"
        } else if self.flags.plus {
            "+"
        } else if self.flags.blank {
            " "
        } else {
            ""
        };
        let len = sign.len() + prefix.len() + char_len(body);
        let padding = self.width.saturating_sub(len);
        if self.flags.left {
            out.push_str(sign);
            out.push_str(prefix);
            out.push_str(body);
            out.extend(std::iter::repeat_n(' ', padding));
        } else if self.flags.zero {
            out.push_str(sign);
            out.push_str(prefix);
            out.extend(std::iter::repeat_n('0', padding));
            out.push_str(body);
        } else {
            out.extend(std::iter::repeat_n(' ', padding));
            out.push_str(sign);
            out.push_str(prefix);
            out.push_str(body);
        }
    }

    /// `%d %i %u %o %x %X`. Mirrors _PyUnicode_FormatLong.
    fn write_int(&self, number: &BigInt, conversion: char, out: &mut String) {
        let (radix, prefix) = match conversion {
            'o' => (8, "0o"),
            'x' => (16, "0x"),
            'X' => (16, "0X"),
            _ => (10, ""),
        };
        let mut digits = number.magnitude().to_str_radix(radix);
        if conversion == 'X' {
            digits.make_ascii_uppercase();
        }
        if let Some(precision) = self.precision
            && digits.len() < precision
        {
            digits = format!("{}{digits}", "0".repeat(precision - digits.len()));
        }
        let prefix = if self.flags.alternate { prefix } else { "" };
        self.write_number(number.sign() == Sign::Minus, prefix, &digits, out);
    }

    /// `%e %E %f %F %g %G`. Mirrors formatfloat.
    fn write_float(&self, number: f64, conversion: char, out: &mut String) {
        let style = match conversion.to_ascii_lowercase() {
            'e' => FloatStyle::Exponent,
            'f' => FloatStyle::Fixed,
            _ => FloatStyle::General,
        };
        let body = format_float_abs(
            number,
            FloatFormat {
                style,
                precision: self.precision.unwrap_or(6),
                upper: conversion.is_ascii_uppercase(),
                alternate: self.flags.alternate,
                add_dot_0: false,
            },
        );
        self.write_number(is_negative(number), "", &body, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::float_repr::float_repr;
    use crate::builtins::str_repr::str_repr;

    /// A toy value model: enough of Python's types to exercise every conversion.
    #[derive(Debug, Clone, PartialEq)]
    enum V {
        Int(i64),
        Bool(bool),
        Float(f64),
        Str(&'static str),
        None,
        Dict(Vec<(&'static str, V)>),
    }

    struct Ops;

    impl PercentOperands for Ops {
        type Value = V;
        type Error = String;

        fn str(&mut self, value: &V) -> Result<String, String> {
            Ok(match value {
                V::Int(i) => i.to_string(),
                V::Bool(b) => if *b { "True" } else { "False" }.to_string(),
                V::Float(f) => float_repr(*f),
                V::Str(s) => s.to_string(),
                V::None => "None".to_string(),
                V::Dict(items) => {
                    let parts: Vec<String> = items
                        .iter()
                        .map(|(k, v)| format!("{}: {}", str_repr(k), self.repr(v).unwrap()))
                        .collect();
                    format!("{{{}}}", parts.join(", "))
                }
            })
        }
        fn repr(&mut self, value: &V) -> Result<String, String> {
            match value {
                V::Str(s) => Ok(str_repr(s)),
                other => self.str(other),
            }
        }
        fn str_value(&mut self, value: &V) -> Option<String> {
            match value {
                V::Str(s) => Some(s.to_string()),
                _ => None,
            }
        }
        fn int_value(&mut self, value: &V) -> Option<BigInt> {
            match value {
                V::Int(i) => Some(BigInt::from(*i)),
                V::Bool(b) => Some(BigInt::from(*b as i64)),
                _ => None,
            }
        }
        fn to_int(&mut self, value: &V) -> Result<Option<BigInt>, String> {
            match value {
                V::Float(f) if f.is_infinite() => {
                    Err("OverflowError: cannot convert float infinity to integer".to_string())
                }
                V::Float(f) => Ok(Some(BigInt::from(f.trunc() as i64))),
                other => Ok(self.int_value(other)),
            }
        }
        fn to_index(&mut self, value: &V) -> Result<Option<BigInt>, String> {
            Ok(self.int_value(value))
        }
        fn to_float(&mut self, value: &V) -> Result<Option<f64>, String> {
            Ok(match value {
                V::Float(f) => Some(*f),
                other => self.int_value(other).map(|i| i.to_f64().unwrap()),
            })
        }
        fn get_item(&mut self, mapping: &V, key: &str) -> Result<V, String> {
            let V::Dict(items) = mapping else {
                return Err("TypeError: not subscriptable".to_string());
            };
            items
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.clone())
                .ok_or_else(|| format!("KeyError: {}", str_repr(key)))
        }
        fn type_name(&mut self, value: &V) -> String {
            match value {
                V::Int(_) => "int",
                V::Bool(_) => "bool",
                V::Float(_) => "float",
                V::Str(_) => "str",
                V::None => "NoneType",
                V::Dict(_) => "dict",
            }
            .to_string()
        }
    }

    fn tuple(template: &str, items: &[V]) -> String {
        percent_format(template, PercentArgs::Tuple(items.to_vec()), &mut Ops).unwrap_or_else(|e| e)
    }

    fn mapping(template: &str, items: Vec<(&'static str, V)>) -> String {
        percent_format(template, PercentArgs::Mapping(V::Dict(items)), &mut Ops)
            .unwrap_or_else(|e| e)
    }

    fn single(template: &str, value: V) -> String {
        percent_format(template, PercentArgs::Single(value), &mut Ops).unwrap_or_else(|e| e)
    }

    use V::{Bool, Float, Int, Str};

    #[test]
    fn conversions_match_cpython() {
        assert_eq!(
            tuple("%s %r %a", &[Str("x"), Str("é"), Str("é")]),
            "x 'é' '\\xe9'"
        );
        assert_eq!(
            tuple("%d %i %u", &[Float(3.7), Int(-2), Bool(true)]),
            "3 -2 1"
        );
        assert_eq!(tuple("%o %x %X", &[Int(8), Int(255), Int(255)]), "10 ff FF");
        assert_eq!(
            tuple("%#o %#x %#X", &[Int(8), Int(255), Int(255)]),
            "0o10 0xff 0XFF"
        );
        assert_eq!(
            tuple("%e %E %f %F %g %G", &vec![Float(1.5); 6]),
            "1.500000e+00 1.500000E+00 1.500000 1.500000 1.5 1.5"
        );
        assert_eq!(tuple("%c%c", &[Str("a"), Int(66)]), "aB");
        assert_eq!(tuple("%c", &[Str("é")]), "é");
        assert_eq!(tuple("%%", &[]), "%");
        assert_eq!(tuple("%s %% %s", &[Int(1), Int(2)]), "1 % 2");
        assert_eq!(tuple("%x", &[Int(-255)]), "-ff");
        assert_eq!(tuple("%+x", &[Int(255)]), "+ff");
        assert_eq!(tuple("% o", &[Int(8)]), " 10");
        assert_eq!(tuple("%#o %#x", &[Int(0), Int(0)]), "0o0 0x0");
        assert_eq!(tuple("%+.2e", &[Float(12345.678)]), "+1.23e+04");
        assert_eq!(
            tuple("%#g|%g|%g", &[Float(1.0), Float(1e-5), Float(1e6)]),
            "1.00000|1e-05|1e+06"
        );
        assert_eq!(tuple("%r", &[Float(1.0)]), "1.0");
        assert_eq!(tuple("%.0e|%#.0f", &[Float(2.5), Float(1.0)]), "2e+00|1.");
        assert_eq!(tuple("%F", &[Float(f64::INFINITY)]), "INF");
        assert_eq!(tuple("%ld %hd %Ld", &[Int(1), Int(2), Int(3)]), "1 2 3");
        assert_eq!(tuple("%.5s", &[Str("日本語日本語")]), "日本語日本");
        assert_eq!(tuple("%a", &[Str("日")]), "'\\u65e5'");
        assert_eq!(tuple("%i", &[Float(-0.5)]), "0");
    }

    #[test]
    fn flags_width_and_precision() {
        assert_eq!(
            tuple(
                "%-5d|%+d|% d|%05d|%-05d",
                &[Int(1), Int(2), Int(3), Int(-4), Int(5)]
            ),
            "1    |+2| 3|-0004|5    "
        );
        assert_eq!(
            tuple(
                "%*d|%-*d|%.*f",
                &[Int(5), Int(1), Int(5), Int(1), Int(2), Float(3.14259)]
            ),
            "    1|1    |3.14"
        );
        assert_eq!(tuple("%5.2s|", &[Str("abc")]), "   ab|");
        assert_eq!(
            tuple("%.3d|%.0d|%5.3x", &[Int(5), Int(0), Int(10)]),
            "005|0|  00a"
        );
        assert_eq!(tuple("%#.3x", &[Int(255)]), "0x0ff");
        assert_eq!(tuple("%*s", &[Int(-5), Str("a")]), "a    ");
        assert_eq!(tuple("%0*d", &[Int(-5), Int(1)]), "1    ");
        assert_eq!(
            tuple("%.*d|%.*f", &[Int(-1), Int(1), Int(-1), Float(1.5)]),
            "1|2"
        );
        assert_eq!(tuple("%*d", &[Bool(true), Int(5)]), "5");
        assert_eq!(tuple("%-#10.4x|", &[Int(255)]), "0x00ff    |");
        assert_eq!(tuple("% 08.2f", &[Float(3.14259)]), " 0003.14");
        assert_eq!(tuple("%-+8.2f|", &[Float(-3.14259)]), "-3.14   |");
        assert_eq!(tuple("%08.3e", &[Float(-1234.5)]), "-1.234e+03");
        assert_eq!(tuple("%08f", &[Float(f64::NEG_INFINITY)]), "-0000inf");
        assert_eq!(tuple("%-+ #0d", &[Int(5)]), "+5");
        assert_eq!(
            tuple(
                "%+s|%05s|%#s|%.0s|",
                &[Str("a"), Str("a"), Str("a"), Str("a")]
            ),
            "a|    a|a||"
        );
        assert_eq!(tuple("%5c|%5.1c|", &[Str("a"), Str("a")]), "    a|    a|");
        assert_eq!(tuple("%#5.0e", &[Float(1.0)]), "1.e+00");
    }

    #[test]
    fn mappings_and_single_values() {
        assert_eq!(
            mapping("%(a)s %(b)05.1f", vec![("a", Int(1)), ("b", Float(2.25))]),
            "1 002.2"
        );
        assert_eq!(mapping("%s %(a)s", vec![("a", Int(1))]), "{'a': 1} 1");
        assert_eq!(mapping("%(a)s %(a)s", vec![("a", Int(1))]), "1 1");
        assert_eq!(mapping("%((a))s", vec![("(a)", Int(1))]), "1");
        assert_eq!(mapping("abc", vec![("a", Int(1))]), "abc");
        assert_eq!(mapping("%s", vec![]), "{}");
        assert_eq!(mapping("%(x)s", vec![]), "KeyError: 'x'");
        assert_eq!(
            mapping("%(a)s %s", vec![("a", Int(1))]),
            "TypeError: not enough arguments for format string"
        );
        assert_eq!(
            mapping("%(a)*d", vec![("a", Int(1))]),
            "TypeError: not enough arguments for format string"
        );
        assert_eq!(
            mapping("%(a)d", vec![("a", Str("x"))]),
            "TypeError: %d format: a real number is required, not str"
        );
        assert_eq!(
            mapping("%(a", vec![("a", Int(1))]),
            "ValueError: incomplete format key"
        );
        assert_eq!(
            mapping("%(a)", vec![("a", Int(1))]),
            "ValueError: incomplete format"
        );
        assert_eq!(
            mapping("%(a)%", vec![("a", Int(1))]),
            "ValueError: unsupported format character '%' (0x25) at index 4"
        );
        assert_eq!(single("%s", Int(5)), "5");
        assert_eq!(single("%s", Str("ab")), "ab");
        assert_eq!(
            single("%s %s", Str("ab")),
            "TypeError: not enough arguments for format string"
        );
        assert_eq!(
            single("no args", Int(5)),
            "TypeError: not all arguments converted during string formatting"
        );
    }

    #[test]
    fn errors_match_cpython() {
        let cases: Vec<(&str, Vec<V>, &str)> = vec![
            (
                "%s %s",
                vec![Int(1)],
                "TypeError: not enough arguments for format string",
            ),
            (
                "%d",
                vec![Str("x")],
                "TypeError: %d format: a real number is required, not str",
            ),
            (
                "%d",
                vec![V::None],
                "TypeError: %d format: a real number is required, not NoneType",
            ),
            (
                "%d",
                vec![Int(1), Int(2)],
                "TypeError: not all arguments converted during string formatting",
            ),
            (
                "%%",
                vec![Int(1)],
                "TypeError: not all arguments converted during string formatting",
            ),
            (
                "%y",
                vec![Int(1)],
                "ValueError: unsupported format character 'y' (0x79) at index 1",
            ),
            (
                "%\u{e9}",
                vec![Int(1)],
                "ValueError: unsupported format character '?' (0xe9) at index 1",
            ),
            (
                "%1$s",
                vec![Int(1)],
                "ValueError: unsupported format character '$' (0x24) at index 2",
            ),
            (
                "%5%",
                vec![Int(1)],
                "ValueError: unsupported format character '%' (0x25) at index 2",
            ),
            (
                "%5%|",
                vec![],
                "TypeError: not enough arguments for format string",
            ),
            (
                "%z",
                vec![],
                "TypeError: not enough arguments for format string",
            ),
            ("abc%", vec![Int(1)], "ValueError: incomplete format"),
            ("%20", vec![Int(1)], "ValueError: incomplete format"),
            ("%.", vec![Int(1)], "ValueError: incomplete format"),
            ("%*", vec![Int(1)], "ValueError: incomplete format"),
            ("%h", vec![Int(1)], "ValueError: incomplete format"),
            ("%*", vec![Str("a")], "TypeError: * wants int"),
            ("%.*d", vec![Float(1.5), Int(1)], "TypeError: * wants int"),
            (
                "%(a)s",
                vec![Int(1)],
                "TypeError: format requires a mapping",
            ),
            (
                "%c",
                vec![Int(-1)],
                "OverflowError: %c arg not in range(0x110000)",
            ),
            (
                "%c",
                vec![Int(0x110000)],
                "OverflowError: %c arg not in range(0x110000)",
            ),
            ("%c", vec![Str("ab")], "TypeError: %c requires int or char"),
            ("%c", vec![Str("")], "TypeError: %c requires int or char"),
            ("%c", vec![Float(1.5)], "TypeError: %c requires int or char"),
            (
                "%x",
                vec![Float(1.5)],
                "TypeError: %x format: an integer is required, not float",
            ),
            (
                "%X",
                vec![V::None],
                "TypeError: %X format: an integer is required, not NoneType",
            ),
            (
                "%f",
                vec![Str("a")],
                "TypeError: must be real number, not str",
            ),
            (
                "%s",
                vec![],
                "TypeError: not enough arguments for format string",
            ),
            (
                "%i",
                vec![Float(f64::INFINITY)],
                "OverflowError: cannot convert float infinity to integer",
            ),
            (
                "%.2147483648d",
                vec![Int(1)],
                "ValueError: precision too big",
            ),
        ];
        for (template, args, expected) in cases {
            assert_eq!(tuple(template, &args), expected, "{template:?}");
        }
    }
}
