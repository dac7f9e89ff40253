//! The format-spec mini-language of `format()`, `str.format` and f-strings:
//! `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`, parsed once into a
//! [`FormatSpec`] and applied to `str`, `int` and `float` values.
//!
//! Mirrors Python/formatter_unicode.c.

use std::fmt;

use num_bigint::{BigInt, Sign as BigSign};
use num_traits::ToPrimitive;

use super::float_repr::{FloatFormat, FloatStyle, format_float_abs, is_negative};
use super::str_algo::char_len;

/// The Python exception a formatting error is raised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatErrorKind {
    /// `ValueError`.
    Value,
    /// `OverflowError`.
    Overflow,
    /// `TypeError` (raised by `%`-formatting).
    Type,
}

/// A formatting failure: the exception type and CPython's exact message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    /// Which exception to raise.
    pub kind: FormatErrorKind,
    /// The message, as CPython words it.
    pub message: String,
}

impl FormatError {
    /// A `ValueError` with `message`.
    pub fn value(message: impl Into<String>) -> Self {
        FormatError {
            kind: FormatErrorKind::Value,
            message: message.into(),
        }
    }

    /// A `TypeError` with `message`.
    pub fn type_error(message: impl Into<String>) -> Self {
        FormatError {
            kind: FormatErrorKind::Type,
            message: message.into(),
        }
    }

    /// An `OverflowError` with `message`.
    pub fn overflow(message: impl Into<String>) -> Self {
        FormatError {
            kind: FormatErrorKind::Overflow,
            message: message.into(),
        }
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            FormatErrorKind::Value => "ValueError",
            FormatErrorKind::Overflow => "OverflowError",
            FormatErrorKind::Type => "TypeError",
        };
        write!(f, "{kind}: {}", self.message)
    }
}

/// Lets unit tests use `String` as their exception type.
#[cfg(test)]
impl From<FormatError> for String {
    fn from(error: FormatError) -> String {
        error.to_string()
    }
}

/// Where the padding goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// `<`: padding on the right.
    Left,
    /// `>`: padding on the left.
    Right,
    /// `^`: half the padding on the left (rounded down), the rest on the right.
    Center,
    /// `=`: padding between the sign/prefix and the digits.
    AfterSign,
}

/// What to print in front of a non-negative number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignMode {
    /// `-` or nothing: only negative numbers get a sign.
    Minus,
    /// `+`: a `+` for non-negative numbers.
    Plus,
    /// ` `: a space for non-negative numbers.
    Space,
}

/// The thousands separator requested.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    /// `,` every three digits.
    Comma,
    /// `_` every three decimal digits, every four in `b`/`o`/`x`/`X`.
    Underscore,
}

impl Grouping {
    /// The separator character.
    fn separator(self) -> char {
        match self {
            Grouping::Comma => ',',
            Grouping::Underscore => '_',
        }
    }
}

/// A parsed format spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatSpec {
    /// The padding character (a space unless given, `0` with the `0` flag).
    pub fill: char,
    /// The alignment, if one was given (explicitly or by the `0` flag).
    pub align: Option<Align>,
    /// The sign option.
    pub sign: Option<SignMode>,
    /// `z`: turn a negative zero result into a positive one.
    pub no_neg_zero: bool,
    /// `#`: the alternate form.
    pub alternate: bool,
    /// The minimum width in code points.
    pub width: Option<usize>,
    /// The thousands separator.
    pub grouping: Option<Grouping>,
    /// The precision.
    pub precision: Option<usize>,
    /// The presentation type, or the default type given to [`parse_format_spec`] when absent.
    pub kind: Option<char>,
}

/// Reads a decimal integer at `chars[*pos..]`; `None` when there are no digits.
/// Mirrors formatter_unicode.c get_integer.
fn read_integer(chars: &[char], pos: &mut usize) -> Result<Option<usize>, FormatError> {
    let start = *pos;
    let mut value: usize = 0;
    while let Some(digit) = chars.get(*pos).and_then(|c| c.to_digit(10)) {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(digit as usize))
            .filter(|&v| v <= isize::MAX as usize)
            .ok_or_else(|| FormatError::value("Too many decimal digits in format string"))?;
        *pos += 1;
    }
    Ok((*pos > start).then_some(value))
}

/// The alignment an align character stands for.
fn align_of(c: char) -> Option<Align> {
    match c {
        '<' => Some(Align::Left),
        '>' => Some(Align::Right),
        '^' => Some(Align::Center),
        '=' => Some(Align::AfterSign),
        _ => None,
    }
}

/// Parses `spec` for a value of type `type_name` whose presentation type defaults to
/// `default_kind` (`'s'` for `str`, `'d'` for `int`, none for `float`); strings align left by
/// default, numbers right. Mirrors parse_internal_render_format_spec.
pub fn parse_format_spec(
    spec: &str,
    type_name: &str,
    default_kind: Option<char>,
) -> Result<FormatSpec, FormatError> {
    let numeric = default_kind != Some('s');
    let chars: Vec<char> = spec.chars().collect();
    let mut parsed = FormatSpec {
        fill: ' ',
        align: None,
        sign: None,
        no_neg_zero: false,
        alternate: false,
        width: None,
        grouping: None,
        precision: None,
        kind: default_kind,
    };
    let mut pos = 0;
    let mut fill_specified = false;
    if let Some(align) = chars.get(1).and_then(|&c| align_of(c)) {
        parsed.fill = chars[0];
        parsed.align = Some(align);
        fill_specified = true;
        pos = 2;
    } else if let Some(align) = chars.first().and_then(|&c| align_of(c)) {
        parsed.align = Some(align);
        pos = 1;
    }
    parsed.sign = match chars.get(pos) {
        Some('+') => Some(SignMode::Plus),
        Some(' ') => Some(SignMode::Space),
        Some('-') => Some(SignMode::Minus),
        _ => None,
    };
    if parsed.sign.is_some() {
        pos += 1;
    }
    if chars.get(pos) == Some(&'z') {
        parsed.no_neg_zero = true;
        pos += 1;
    }
    if chars.get(pos) == Some(&'#') {
        parsed.alternate = true;
        pos += 1;
    }
    if chars.get(pos) == Some(&'0') && !fill_specified {
        parsed.fill = '0';
        if parsed.align.is_none() && numeric {
            parsed.align = Some(Align::AfterSign);
        }
        pos += 1;
    }
    parsed.width = read_integer(&chars, &mut pos)?;
    if chars.get(pos) == Some(&',') {
        parsed.grouping = Some(Grouping::Comma);
        pos += 1;
    }
    if chars.get(pos) == Some(&'_') {
        if parsed.grouping.is_some() {
            return Err(FormatError::value("Cannot specify both ',' and '_'."));
        }
        parsed.grouping = Some(Grouping::Underscore);
        pos += 1;
    }
    if chars.get(pos) == Some(&',') && parsed.grouping == Some(Grouping::Underscore) {
        return Err(FormatError::value("Cannot specify both ',' and '_'."));
    }
    if chars.get(pos) == Some(&'.') {
        pos += 1;
        parsed.precision = read_integer(&chars, &mut pos)?;
        if parsed.precision.is_none() {
            return Err(FormatError::value("Format specifier missing precision"));
        }
    }
    match chars.len() - pos {
        0 => {}
        1 => parsed.kind = Some(chars[pos]),
        _ => {
            return Err(FormatError::value(format!(
                "Invalid format specifier '{spec}' for object of type '{type_name}'"
            )));
        }
    }
    if let Some(grouping) = parsed.grouping {
        let allowed = match parsed.kind {
            None => true,
            Some(kind) if "defgEG%F".contains(kind) => true,
            Some('b' | 'o' | 'x' | 'X') => grouping == Grouping::Underscore,
            Some(_) => false,
        };
        if !allowed {
            let kind = parsed
                .kind
                .unwrap_or_else(|| unreachable!("no type is allowed"));
            let shown = if (' '..='~').contains(&kind) {
                kind.to_string()
            } else {
                format!("\\x{:x}", kind as u32)
            };
            return Err(FormatError::value(format!(
                "Cannot specify '{}' with '{shown}'.",
                grouping.separator()
            )));
        }
    }
    Ok(parsed)
}

/// `Unknown format code 'X' for object of type 'T'`.
fn unknown_code(kind: char, type_name: &str) -> FormatError {
    let shown = if (' '..='~').contains(&kind) {
        format!("'{kind}'")
    } else {
        format!("'\\x{:x}'", kind as u32)
    };
    FormatError::value(format!(
        "Unknown format code {shown} for object of type '{type_name}'"
    ))
}

/// Pads `body` (of `len` code points) to the spec's width with its fill and alignment.
fn pad(body: &str, len: usize, spec: &FormatSpec, default: Align) -> String {
    let width = spec.width.unwrap_or(0);
    if width <= len {
        return body.to_string();
    }
    let padding = width - len;
    let left = match spec.align.unwrap_or(default) {
        Align::Left => 0,
        Align::Right | Align::AfterSign => padding,
        Align::Center => padding / 2,
    };
    let mut out = String::with_capacity(body.len() + padding * spec.fill.len_utf8());
    out.extend(std::iter::repeat_n(spec.fill, left));
    out.push_str(body);
    out.extend(std::iter::repeat_n(spec.fill, padding - left));
    out
}

/// `format(s, spec)` for a `str`.
pub fn format_str(value: &str, spec: &str) -> Result<String, FormatError> {
    format_str_as(value, spec, "str")
}

/// `format(s, spec)` for a `str` or a subclass named `type_name`.
/// Mirrors format_string_internal.
pub fn format_str_as(value: &str, spec: &str, type_name: &str) -> Result<String, FormatError> {
    if spec.is_empty() {
        return Ok(value.to_string());
    }
    let parsed = parse_format_spec(spec, type_name, Some('s'))?;
    match parsed.kind {
        None | Some('s') => {}
        Some(kind) => return Err(unknown_code(kind, type_name)),
    }
    match parsed.sign {
        Some(SignMode::Space) => {
            return Err(FormatError::value(
                "Space not allowed in string format specifier",
            ));
        }
        Some(_) => {
            return Err(FormatError::value(
                "Sign not allowed in string format specifier",
            ));
        }
        None => {}
    }
    if parsed.no_neg_zero {
        return Err(FormatError::value(
            "Negative zero coercion (z) not allowed in string format specifier",
        ));
    }
    if parsed.alternate {
        return Err(FormatError::value(
            "Alternate form (#) not allowed in string format specifier",
        ));
    }
    if parsed.align == Some(Align::AfterSign) {
        return Err(FormatError::value(
            "'=' alignment not allowed in string format specifier",
        ));
    }
    let (body, len) = match parsed.precision {
        Some(precision) if precision < char_len(value) => {
            let end = super::str_algo::byte_offset(value, precision);
            (&value[..end], precision)
        }
        _ => (value, char_len(value)),
    };
    Ok(pad(body, len, &parsed, Align::Left))
}

/// Inserts `separator` every `group` digits from the right, padding with zeros to at least
/// `min_width` characters. Mirrors _PyUnicode_InsertThousandsGrouping.
fn group_digits(digits: &str, group: usize, separator: char, min_width: usize) -> String {
    let mut groups: Vec<String> = Vec::new();
    let mut remaining = digits.len();
    let mut min_width = min_width as i64;
    loop {
        let take = (remaining as i64).max(min_width).max(1).min(group as i64) as usize;
        let chars = remaining.min(take);
        let zeros = take - chars;
        let mut piece = "0".repeat(zeros);
        piece.push_str(&digits[remaining - chars..remaining]);
        groups.push(piece);
        remaining -= chars;
        min_width -= take as i64;
        if remaining == 0 && min_width <= 0 {
            break;
        }
        min_width -= 1;
    }
    groups.reverse();
    groups.join(&separator.to_string())
}

/// The pieces of a formatted number, laid out by [`lay_out_number`].
struct NumberParts<'a> {
    /// The value is negative.
    negative: bool,
    /// `0x` and friends.
    prefix: &'a str,
    /// The digits before any decimal point; grouping applies to these only.
    digits: &'a str,
    /// Everything after the leading digits: fraction, exponent, `%`, or `inf`/`nan`.
    remainder: &'a str,
    /// Digits per group for the thousands separator.
    group: usize,
}

/// Assembles sign, prefix, grouped digits and padding. Mirrors calc_number_widths and
/// fill_number.
fn lay_out_number(parts: NumberParts<'_>, spec: &FormatSpec) -> String {
    let sign = if parts.negative {
        "-"
    } else {
        match spec.sign {
            Some(SignMode::Plus) => "+",
            Some(SignMode::Space) => " ",
            _ => "",
        }
    };
    let align = spec.align.unwrap_or(Align::Right);
    let width = spec.width.unwrap_or(0);
    let fixed = sign.len() + parts.prefix.len() + char_len(parts.remainder);
    let digits = match spec.grouping {
        Some(grouping) if !parts.digits.is_empty() => {
            let min_width = if spec.fill == '0' && align == Align::AfterSign {
                width.saturating_sub(fixed)
            } else {
                0
            };
            group_digits(parts.digits, parts.group, grouping.separator(), min_width)
        }
        _ => parts.digits.to_string(),
    };
    let total = fixed + digits.len();
    let padding = width.saturating_sub(total);
    let (left, middle, right) = match align {
        Align::Left => (0, 0, padding),
        Align::Right => (padding, 0, 0),
        Align::Center => (padding / 2, 0, padding - padding / 2),
        Align::AfterSign => (0, padding, 0),
    };
    let mut out = String::with_capacity(total + padding * spec.fill.len_utf8());
    out.extend(std::iter::repeat_n(spec.fill, left));
    out.push_str(sign);
    out.push_str(parts.prefix);
    out.extend(std::iter::repeat_n(spec.fill, middle));
    out.push_str(&digits);
    out.push_str(parts.remainder);
    out.extend(std::iter::repeat_n(spec.fill, right));
    out
}

/// `format(n, spec)` for an `int`.
pub fn format_int(value: &BigInt, spec: &str) -> Result<String, FormatError> {
    format_int_as(value, spec, "int")
}

/// `format(n, spec)` for an `int` or a subclass named `type_name` (e.g. `bool`).
/// An empty spec gives the decimal digits; for `bool` the caller returns `str(value)` instead.
/// Mirrors format_obj for longs and format_long_internal.
pub fn format_int_as(value: &BigInt, spec: &str, type_name: &str) -> Result<String, FormatError> {
    if spec.is_empty() {
        return Ok(value.to_string());
    }
    let parsed = parse_format_spec(spec, type_name, Some('d'))?;
    let kind = parsed.kind.unwrap_or('d');
    let (radix, prefix) = match kind {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        'd' | 'n' | 'c' => (10, ""),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            let as_float = value
                .to_f64()
                .filter(|f| f.is_finite())
                .ok_or_else(|| FormatError::overflow("int too large to convert to float"))?;
            return format_float_parsed(as_float, &parsed);
        }
        other => return Err(unknown_code(other, type_name)),
    };
    if parsed.precision.is_some() {
        return Err(FormatError::value(
            "Precision not allowed in integer format specifier",
        ));
    }
    if parsed.no_neg_zero {
        return Err(FormatError::value(
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    if kind == 'c' {
        return format_int_as_char(value, &parsed);
    }
    let mut digits = value.magnitude().to_str_radix(radix);
    if kind == 'X' {
        digits.make_ascii_uppercase();
    }
    let group = if radix == 10 { 3 } else { 4 };
    let parts = NumberParts {
        negative: value.sign() == BigSign::Minus,
        prefix: if parsed.alternate { prefix } else { "" },
        digits: &digits,
        remainder: "",
        group,
    };
    Ok(lay_out_number(parts, &parsed))
}

/// `format(n, 'c')`: the character with code point `n`.
fn format_int_as_char(value: &BigInt, spec: &FormatSpec) -> Result<String, FormatError> {
    if spec.sign.is_some() {
        return Err(FormatError::value(
            "Sign not allowed with integer format specifier 'c'",
        ));
    }
    if spec.alternate {
        return Err(FormatError::value(
            "Alternate form (#) not allowed with integer format specifier 'c'",
        ));
    }
    let c = value
        .to_u32()
        .filter(|&code| code <= 0x10ffff)
        .ok_or_else(|| FormatError::overflow("%c arg not in range(0x110000)"))?;
    // Lone surrogates cannot live in a Rust string; U+FFFD stands in for them.
    let c = char::from_u32(c).unwrap_or('\u{fffd}');
    let text = c.to_string();
    let parts = NumberParts {
        negative: false,
        prefix: "",
        digits: "",
        remainder: &text,
        group: 3,
    };
    Ok(lay_out_number(parts, spec))
}

/// `format(n, spec)` for an `int` that fits in an `i64`.
pub fn format_i64(value: i64, spec: &str) -> Result<String, FormatError> {
    if spec.is_empty() {
        return Ok(value.to_string());
    }
    format_int(&BigInt::from(value), spec)
}

/// `format(x, spec)` for a `float`.
pub fn format_float(value: f64, spec: &str) -> Result<String, FormatError> {
    format_float_as(value, spec, "float")
}

/// `format(x, spec)` for a `float` or a subclass named `type_name`.
/// Mirrors format_obj for floats.
pub fn format_float_as(value: f64, spec: &str, type_name: &str) -> Result<String, FormatError> {
    if spec.is_empty() {
        return Ok(super::float_repr::float_repr(value));
    }
    let parsed = parse_format_spec(spec, type_name, None)?;
    match parsed.kind {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') => {
            format_float_parsed(value, &parsed)
        }
        Some(kind) => Err(unknown_code(kind, type_name)),
    }
}

/// Formats a float with an already parsed spec. Mirrors format_float_internal.
fn format_float_parsed(value: f64, spec: &FormatSpec) -> Result<String, FormatError> {
    if spec.precision.is_some_and(|p| p > i32::MAX as usize) {
        return Err(FormatError::value("precision too big"));
    }
    let mut value = value;
    let mut percent = false;
    let mut add_dot_0 = false;
    let (style, upper, default_precision) = match spec.kind {
        None => {
            add_dot_0 = true;
            (FloatStyle::Repr, false, 0)
        }
        Some('n' | 'g') => (FloatStyle::General, false, 6),
        Some('G') => (FloatStyle::General, true, 6),
        Some('e') => (FloatStyle::Exponent, false, 6),
        Some('E') => (FloatStyle::Exponent, true, 6),
        Some('f') => (FloatStyle::Fixed, false, 6),
        Some('F') => (FloatStyle::Fixed, true, 6),
        Some('%') => {
            value *= 100.0;
            percent = true;
            (FloatStyle::Fixed, false, 6)
        }
        Some(other) => unreachable!("format_float_parsed called with type {other:?}"),
    };
    let style = match (style, spec.precision) {
        (FloatStyle::Repr, Some(_)) => FloatStyle::General,
        (style, _) => style,
    };
    let float_format = FloatFormat {
        style,
        precision: spec.precision.unwrap_or(default_precision),
        upper,
        alternate: spec.alternate,
        add_dot_0,
    };
    let mut body = format_float_abs(value, float_format);
    if percent {
        body.push('%');
    }
    let mut negative = is_negative(value);
    if negative && spec.no_neg_zero && !body.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        negative = body.contains("inf");
    }
    let split = body
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(body.len());
    let parts = NumberParts {
        negative,
        prefix: "",
        digits: &body[..split],
        remainder: &body[split..],
        group: 3,
    };
    Ok(lay_out_number(parts, spec))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(value: i64, spec: &str) -> String {
        match format_i64(value, spec) {
            Ok(text) => text,
            Err(error) => error.to_string(),
        }
    }

    fn big(value: &str, spec: &str) -> String {
        let value: BigInt = value.parse().unwrap();
        match format_int(&value, spec) {
            Ok(text) => text,
            Err(error) => error.to_string(),
        }
    }

    fn float(value: f64, spec: &str) -> String {
        match format_float(value, spec) {
            Ok(text) => text,
            Err(error) => error.to_string(),
        }
    }

    fn string(value: &str, spec: &str) -> String {
        match format_str(value, spec) {
            Ok(text) => text,
            Err(error) => error.to_string(),
        }
    }

    #[test]
    fn spec_errors_match_cpython() {
        assert_eq!(
            float(1.5, "d"),
            "ValueError: Unknown format code 'd' for object of type 'float'"
        );
        assert_eq!(
            int(1, "."),
            "ValueError: Format specifier missing precision"
        );
        assert_eq!(
            int(1, ".2d"),
            "ValueError: Precision not allowed in integer format specifier"
        );
        assert_eq!(
            int(1, "x,"),
            "ValueError: Invalid format specifier 'x,' for object of type 'int'"
        );
        assert_eq!(int(1, ",b"), "ValueError: Cannot specify ',' with 'b'.");
        assert_eq!(int(1, "_n"), "ValueError: Cannot specify '_' with 'n'.");
        assert_eq!(int(1, ",_"), "ValueError: Cannot specify both ',' and '_'.");
        assert_eq!(int(1, "_,"), "ValueError: Cannot specify both ',' and '_'.");
        assert_eq!(
            int(1, "z"),
            "ValueError: Negative zero coercion (z) not allowed in integer format specifier"
        );
        assert_eq!(
            int(1, "q"),
            "ValueError: Unknown format code 'q' for object of type 'int'"
        );
        assert_eq!(
            int(1, "10.2.3"),
            "ValueError: Invalid format specifier '10.2.3' for object of type 'int'"
        );
        assert_eq!(
            int(1, "+c"),
            "ValueError: Sign not allowed with integer format specifier 'c'"
        );
        assert_eq!(
            int(-1, "#c"),
            "ValueError: Alternate form (#) not allowed with integer format specifier 'c'"
        );
        assert_eq!(int(-1, "c"), "OverflowError: %c arg not in range(0x110000)");
        assert_eq!(
            int(1, "10000000000000000000000"),
            "ValueError: Too many decimal digits in format string"
        );
        assert_eq!(
            float(1.0, "#z,.2f"),
            "ValueError: Invalid format specifier '#z,.2f' for object of type 'float'"
        );
        assert_eq!(float(1.0, ".2147483648f"), "ValueError: precision too big");
        assert_eq!(
            big(&"9".repeat(400), "e"),
            "OverflowError: int too large to convert to float"
        );
        assert_eq!(
            format_int_as(&BigInt::from(1), "x,", "bool")
                .unwrap_err()
                .message,
            "Invalid format specifier 'x,' for object of type 'bool'"
        );
    }

    #[test]
    fn string_errors_match_cpython() {
        assert_eq!(
            string("a", "+"),
            "ValueError: Sign not allowed in string format specifier"
        );
        assert_eq!(
            string("a", "#"),
            "ValueError: Alternate form (#) not allowed in string format specifier"
        );
        assert_eq!(
            string("a", "="),
            "ValueError: '=' alignment not allowed in string format specifier"
        );
        assert_eq!(
            string("a", ",s"),
            "ValueError: Cannot specify ',' with 's'."
        );
        assert_eq!(string("a", "_"), "ValueError: Cannot specify '_' with 's'.");
        assert_eq!(string("a", ","), "ValueError: Cannot specify ',' with 's'.");
        assert_eq!(
            string("a", "+d"),
            "ValueError: Unknown format code 'd' for object of type 'str'"
        );
        assert_eq!(
            string("a", "z"),
            "ValueError: Negative zero coercion (z) not allowed in string format specifier"
        );
    }

    #[test]
    fn strings_pad_and_truncate() {
        assert_eq!(string("abc", ".2"), "ab");
        assert_eq!(string("abc", "<<5"), "abc<<");
        assert_eq!(string("ab", "05"), "ab000");
        assert_eq!(string("ab", "^5"), " ab  ");
        assert_eq!(string("abc", "^8.2"), "   ab   ");
        assert_eq!(string("日本語", ">6"), "   日本語");
        assert_eq!(string("abc", ".2147483648"), "abc");
        assert_eq!(
            format_str_as("a", "d", "MyStr").unwrap_err().message,
            "Unknown format code 'd' for object of type 'MyStr'"
        );
        assert_eq!(
            format_float_as(1.0, "x,", "MyFloat").unwrap_err().message,
            "Invalid format specifier 'x,' for object of type 'MyFloat'"
        );
    }

    #[test]
    fn ints_match_cpython() {
        assert_eq!(int(1, "=^5"), "==1==");
        assert_eq!(int(1, "_x"), "1");
        assert_eq!(int(1, "05"), "00001");
        assert_eq!(int(1, ">05"), "00001");
        assert_eq!(int(1, "<05"), "10000");
        assert_eq!(int(1, "^05"), "00100");
        assert_eq!(int(1, "z="), "1");
        assert_eq!(int(1, "0"), "1");
        assert_eq!(int(1, "00"), "1");
        assert_eq!(int(1234567, "_d"), "1_234_567");
        assert_eq!(int(1234567, "_o"), "455_3207");
        assert_eq!(int(-255, "#_x"), "-0xff");
        assert_eq!(int(255, "#_b"), "0b1111_1111");
        assert_eq!(int(-1234567, ",d"), "-1,234,567");
        assert_eq!(int(-1234567, "+015,d"), "-00,001,234,567");
        assert_eq!(int(-1234567, "=+15,d"), "-     1,234,567");
        assert_eq!(int(1234567, " 015_d"), " 00_001_234_567");
        assert_eq!(int(255, "#010x"), "0x000000ff");
        assert_eq!(int(255, "#X"), "0XFF");
        assert_eq!(int(255, "#o"), "0o377");
        assert_eq!(int(-255, "#b"), "-0b11111111");
        assert_eq!(int(65, "c"), "A");
        assert_eq!(int(65, "^5c"), "  A  ");
        assert_eq!(int(-3, "*^9"), "***-3****");
        assert_eq!(
            int(5, "\u{1f600}^5"),
            "\u{1f600}\u{1f600}5\u{1f600}\u{1f600}"
        );
        assert_eq!(int(0, "0=5,"), "0,000");
        assert_eq!(int(0, "0=4,"), "0,000");
        assert_eq!(int(12, "0=8_x"), "000_000c");
        assert_eq!(int(12, "0=9_x"), "0000_000c");
        assert_eq!(int(123, ">+7"), "   +123");
        assert_eq!(int(123, "<7"), "123    ");
        assert_eq!(
            big("100000000000000000000", ",d"),
            "100,000,000,000,000,000,000"
        );
        assert_eq!(
            big("-10000000000000000000000000", "#_x"),
            "-0x8_4595_1614_0148_4a00_0000"
        );
        assert_eq!(big("12345678901234567890", "n"), "12345678901234567890");
    }

    #[test]
    fn ints_with_float_types() {
        assert_eq!(int(1234, "e"), "1.234000e+03");
        assert_eq!(int(1234, ".2%"), "123400.00%");
        assert_eq!(int(1234, "g"), "1234");
        assert_eq!(int(1234, "F"), "1234.000000");
        assert_eq!(int(123, "08.3f"), "0123.000");
        assert_eq!(int(123, ".0%"), "12300%");
    }

    #[test]
    fn floats_match_cpython() {
        assert_eq!(float(1.5, ",%"), "150.000000%");
        assert_eq!(float(1234.5678, ",.2f"), "1,234.57");
        assert_eq!(float(1234.5678, "_.3e"), "1.235e+03");
        assert_eq!(float(1234567.5, "_"), "1_234_567.5");
        assert_eq!(float(1234567.0, ","), "1,234,567.0");
        assert_eq!(float(-0.0, "z"), "0.0");
        assert_eq!(float(-0.0, "+z"), "+0.0");
        assert_eq!(float(-1e-9, "z.3f"), "0.000");
        assert_eq!(float(-1e-9, "z.3g"), "-1e-09");
        assert_eq!(float(-1e-9, "z.3"), "-1e-09");
        assert_eq!(float(f64::NAN, "010"), "0000000nan");
        assert_eq!(float(f64::INFINITY, "0=10,"), "0000000inf");
        assert_eq!(float(f64::NEG_INFINITY, "=+10"), "-      inf");
        assert_eq!(float(f64::INFINITY, "010.2f"), "0000000inf");
        assert_eq!(float(1.5, "%"), "150.000000%");
        assert_eq!(float(1.5, ".0%"), "150%");
        assert_eq!(float(1.5, "#.0%"), "150.%");
        assert_eq!(float(0.000012345, ".3"), "1.23e-05");
        assert_eq!(float(123.456, "n"), "123.456");
        assert_eq!(float(12345.678, "012,.2f"), "0,012,345.68");
        assert_eq!(float(12345.678, "015_.2f"), "0_000_012_345.68");
        assert_eq!(float(1.0, "G"), "1");
        assert_eq!(float(1e-10, "G"), "1E-10");
        assert_eq!(float(1.0, ".3E"), "1.000E+00");
        assert_eq!(float(1.0, "^11.3"), "    1.0    ");
        assert_eq!(float(1234567.0, ",g"), "1.23457e+06");
        assert_eq!(float(1e20, ",.0f"), "100,000,000,000,000,000,000");
        assert_eq!(float(1.0, "#"), "1.0");
        assert_eq!(float(1e16, "#"), "1.e+16");
        assert_eq!(float(1.0, "#.0"), "1.e+00");
        assert_eq!(float(1.0, "10"), "       1.0");
        assert_eq!(float(-1.5, "0=+10"), "-0000001.5");
        assert_eq!(float(1.0, ""), "1.0");
        assert_eq!(float(1.0, "_e"), "1.000000e+00");
        assert_eq!(float(1.5, ",c"), "ValueError: Cannot specify ',' with 'c'.");
    }
}
