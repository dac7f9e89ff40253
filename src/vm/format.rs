//! `format()` / f-string format specs (the format mini-language) and `str % args`.

use super::number::{float_repr, Num};
use super::value::Value;
use super::{PyResult, Vm};

/// A parsed format spec `[[fill]align][sign][#][0][width][,|_][.precision][type]`.
#[derive(Default, Debug)]
struct Spec {
    fill: Option<char>,
    align: Option<char>,
    sign: Option<char>,
    alternate: bool,
    zero: bool,
    width: usize,
    grouping: Option<char>,
    precision: Option<usize>,
    ty: Option<char>,
}

fn parse_spec(spec: &str) -> Option<Spec> {
    let chars: Vec<char> = spec.chars().collect();
    let mut s = Spec::default();
    let mut i = 0;
    let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
    if chars.len() >= 2 && is_align(chars[1]) {
        s.fill = Some(chars[0]);
        s.align = Some(chars[1]);
        i = 2;
    } else if !chars.is_empty() && is_align(chars[0]) {
        s.align = Some(chars[0]);
        i = 1;
    }
    if i < chars.len() && matches!(chars[i], '+' | '-' | ' ') {
        s.sign = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() && chars[i] == 'z' {
        i += 1;
    }
    if i < chars.len() && chars[i] == '#' {
        s.alternate = true;
        i += 1;
    }
    if i < chars.len() && chars[i] == '0' {
        s.zero = true;
        i += 1;
    }
    let start = i;
    while i < chars.len() && chars[i].is_ascii_digit() {
        i += 1;
    }
    if i > start {
        s.width = chars[start..i].iter().collect::<String>().parse().ok()?;
    }
    if i < chars.len() && matches!(chars[i], ',' | '_') {
        s.grouping = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() && chars[i] == '.' {
        i += 1;
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return None;
        }
        s.precision = Some(chars[start..i].iter().collect::<String>().parse().ok()?);
    }
    if i < chars.len() {
        s.ty = Some(chars[i]);
        i += 1;
    }
    if i != chars.len() {
        return None;
    }
    Some(s)
}

/// Inserts a grouping separator every three digits of an integer digit string.
fn group_digits(digits: &str, sep: char) -> String {
    let mut out = String::new();
    let n = digits.len();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// Pads `body` (with its sign/prefix `sign`) per the spec's fill, align and width.
fn pad(spec: &Spec, sign: &str, body: &str, default_right: bool) -> String {
    let len = sign.chars().count() + body.chars().count();
    if spec.width <= len {
        return format!("{sign}{body}");
    }
    let fill_n = spec.width - len;
    let (fill, align) = if spec.zero && spec.align.is_none() {
        ('0', '=')
    } else {
        (spec.fill.unwrap_or(' '), spec.align.unwrap_or(if default_right { '>' } else { '<' }))
    };
    let f = |n: usize| fill.to_string().repeat(n);
    match align {
        '<' => format!("{sign}{body}{}", f(fill_n)),
        '^' => format!("{}{sign}{body}{}", f(fill_n / 2), f(fill_n - fill_n / 2)),
        '=' => format!("{sign}{}{body}", f(fill_n)),
        _ => format!("{}{sign}{body}", f(fill_n)),
    }
}

/// Formats a finite or special float with a fixed type character (e, f, g, %).
fn format_float_body(x: f64, ty: char, precision: Option<usize>, alternate: bool) -> String {
    if x.is_nan() {
        return if ty.is_ascii_uppercase() { "NAN".into() } else { "nan".into() };
    }
    if x.is_infinite() {
        return if ty.is_ascii_uppercase() { "INF".into() } else { "inf".into() };
    }
    match ty {
        'f' | 'F' => format!("{:.*}", precision.unwrap_or(6), x),
        '%' => format!("{:.*}%", precision.unwrap_or(6), x * 100.0),
        'e' | 'E' => {
            let s = sci(x, precision.unwrap_or(6));
            if ty == 'E' { s.to_uppercase() } else { s }
        }
        'g' | 'G' | 'n' => {
            let p = precision.unwrap_or(6).max(1);
            let s = general(x, p, alternate);
            if ty == 'G' { s.to_uppercase() } else { s }
        }
        _ => float_repr(x),
    }
}

/// `{:.{p}e}` in C's style (`1.500000e+00`).
fn sci(x: f64, p: usize) -> String {
    let s = format!("{:.*e}", p, x);
    let (m, e) = s.split_once('e').expect("exponent");
    let e: i32 = e.parse().expect("int exponent");
    format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
}

/// The `g` presentation type with `p` significant digits.
fn general(x: f64, p: usize, alternate: bool) -> String {
    if x == 0.0 {
        return if alternate { format!("{:.*}", p - 1, x) } else if x.is_sign_negative() { "-0".into() } else { "0".into() };
    }
    let s = format!("{:.*e}", p - 1, x);
    let (_, e) = s.split_once('e').expect("exponent");
    let exp: i32 = e.parse().expect("int exponent");
    let body = if exp >= -4 && exp < p as i32 {
        format!("{:.*}", (p as i32 - 1 - exp).max(0) as usize, x)
    } else {
        sci(x, p - 1)
    };
    if alternate {
        return body;
    }
    match body.split_once('e') {
        Some((m, e)) => {
            let m = if m.contains('.') { m.trim_end_matches('0').trim_end_matches('.') } else { m };
            format!("{m}e{e}")
        }
        None if body.contains('.') => body.trim_end_matches('0').trim_end_matches('.').to_string(),
        None => body,
    }
}

/// Escapes non-ASCII characters as `ascii()` does.
pub fn ascii_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let n = c as u32;
        if n < 0x80 {
            out.push(c);
        } else if n <= 0xff {
            out.push_str(&format!("\\x{n:02x}"));
        } else if n <= 0xffff {
            out.push_str(&format!("\\u{n:04x}"));
        } else {
            out.push_str(&format!("\\U{n:08x}"));
        }
    }
    out
}

impl Vm {
    /// `format(v, spec)`.
    pub fn format_value(&mut self, v: &Value, spec: &str) -> PyResult<String> {
        if let Some(f) = self.user_dunder(v, "__format__") {
            let r = self.call_bound_dunder(&f, v, vec![Value::str(spec)])?;
            return match r.as_str() {
                Some(s) => Ok(s.to_string()),
                None => Err(self.new_type_error(format!("__format__ must return a str, not {}", self.type_name(&r)))),
            };
        }
        if spec.is_empty() {
            return self.str(v);
        }
        let bad = |vm: &mut Vm| {
            vm.new_value_error(format!("Invalid format specifier '{spec}' for object of type '{}'", vm.type_name(v)))
        };
        let Some(s) = parse_spec(spec) else { return Err(bad(self)) };
        if let Some(text) = v.as_str() {
            if s.ty.is_some_and(|t| t != 's') || s.sign.is_some() {
                let t = s.ty.unwrap_or('s');
                return Err(self.new_value_error(format!("Unknown format code '{t}' for object of type 'str'")));
            }
            let text: String = match s.precision {
                Some(p) => text.chars().take(p).collect(),
                None => text.to_string(),
            };
            return Ok(pad(&s, "", &text, false));
        }
        match Num::of(v) {
            Some(Num::Float(x)) => self.format_float(x, &s, v),
            Some(n) if !matches!(v, Value::Bool(_)) || s.ty.is_some() => {
                let ty = s.ty.unwrap_or('d');
                if matches!(ty, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') {
                    let x = n.to_f64().unwrap_or(f64::INFINITY);
                    return self.format_float(x, &s, v);
                }
                let big = match n {
                    Num::Small(i) => num_bigint::BigInt::from(i),
                    Num::Big(b) => b,
                    Num::Float(_) => unreachable!("floats handled above"),
                };
                let neg = big.sign() == num_bigint::Sign::Minus;
                let mag = if neg { -big } else { big };
                let (digits, prefix) = match ty {
                    'd' | 'n' => (mag.to_string(), ""),
                    'x' => (mag.to_str_radix(16), "0x"),
                    'X' => (mag.to_str_radix(16).to_uppercase(), "0X"),
                    'o' => (mag.to_str_radix(8), "0o"),
                    'b' => (mag.to_str_radix(2), "0b"),
                    'c' => {
                        let c = num_traits::ToPrimitive::to_u32(&mag).and_then(char::from_u32).unwrap_or('\u{fffd}');
                        return Ok(pad(&s, "", &c.to_string(), false));
                    }
                    _ => {
                        return Err(self.new_value_error(format!(
                            "Unknown format code '{ty}' for object of type '{}'",
                            self.type_name(v)
                        )));
                    }
                };
                let digits = match s.grouping {
                    Some(g) if ty == 'd' || ty == 'n' => group_digits(&digits, g),
                    _ => digits,
                };
                let sign = if neg {
                    "-"
                } else {
                    match s.sign {
                        Some('+') => "+",
                        Some(' ') => " ",
                        _ => "",
                    }
                };
                let full_sign = format!("{sign}{}", if s.alternate { prefix } else { "" });
                Ok(pad(&s, &full_sign, &digits, true))
            }
            _ => {
                if matches!(v, Value::Bool(_)) {
                    let text = self.str(v)?;
                    return Ok(pad(&s, "", &text, false));
                }
                Err(self.new_type_error(format!(
                    "unsupported format string passed to {}.__format__",
                    self.type_name(v)
                )))
            }
        }
    }

    fn format_float(&mut self, x: f64, s: &Spec, v: &Value) -> PyResult<String> {
        let ty = s.ty.unwrap_or('?');
        if !matches!(ty, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' | 'n' | '?') {
            return Err(self.new_value_error(format!(
                "Unknown format code '{ty}' for object of type '{}'",
                self.type_name(v)
            )));
        }
        let neg = x.is_sign_negative() && !x.is_nan();
        let ax = x.abs();
        let mut body = if ty == '?' {
            match s.precision {
                None => float_repr(ax),
                Some(p) => {
                    let g = general(ax, p.max(1), s.alternate);
                    if g.contains(['.', 'e', 'n', 'i']) { g } else { format!("{g}.0") }
                }
            }
        } else {
            format_float_body(ax, ty, s.precision, s.alternate)
        };
        if let Some(g) = s.grouping {
            let (int_part, rest) = match body.find(|c: char| !c.is_ascii_digit()) {
                Some(i) => (body[..i].to_string(), body[i..].to_string()),
                None => (body.clone(), String::new()),
            };
            body = format!("{}{rest}", group_digits(&int_part, g));
        }
        let sign = if neg {
            "-"
        } else {
            match s.sign {
                Some('+') => "+",
                Some(' ') => " ",
                _ => "",
            }
        };
        Ok(pad(s, sign, &body, true))
    }

    /// `fmt % args` (printf-style formatting).
    pub fn percent_format(&mut self, fmt: &str, args: &Value) -> PyResult<Value> {
        let mapping = matches!(args.payload(), Some(super::object::Payload::Dict(_))) || (self.has_user_class(args) && args.as_tuple().is_none());
        let items: Vec<Value> = match args.as_tuple() {
            Some(t) => t.to_vec(),
            None => vec![args.clone()],
        };
        let mut next = 0usize;
        let mut out = String::new();
        let chars: Vec<char> = fmt.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            i += 1;
            if c != '%' {
                out.push(c);
                continue;
            }
            let mut key: Option<String> = None;
            if i < chars.len() && chars[i] == '(' {
                let end = chars[i..].iter().position(|c| *c == ')').map(|p| p + i);
                let Some(end) = end else { return Err(self.new_value_error("incomplete format key")) };
                key = Some(chars[i + 1..end].iter().collect());
                i = end + 1;
            }
            let mut flags = String::new();
            while i < chars.len() && matches!(chars[i], '-' | '+' | ' ' | '#' | '0') {
                flags.push(chars[i]);
                i += 1;
            }
            let mut width = String::new();
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '*') {
                width.push(chars[i]);
                i += 1;
            }
            let mut precision: Option<String> = None;
            if i < chars.len() && chars[i] == '.' {
                i += 1;
                let mut p = String::new();
                while i < chars.len() && chars[i].is_ascii_digit() {
                    p.push(chars[i]);
                    i += 1;
                }
                precision = Some(p);
            }
            let Some(&ty) = chars.get(i) else {
                return Err(self.new_value_error("incomplete format"));
            };
            i += 1;
            if ty == '%' {
                out.push('%');
                continue;
            }
            let arg = match &key {
                Some(k) => self.get_item(args, &Value::str(k))?,
                None => {
                    let Some(a) = items.get(next).cloned() else {
                        return Err(self.new_type_error("not enough arguments for format string"));
                    };
                    next += 1;
                    a
                }
            };
            let mut spec = String::new();
            if flags.contains('-') {
                spec.push('<');
            } else if ty != 's' && ty != 'r' && ty != 'a' {
                spec.push('>');
            }
            if flags.contains('+') {
                spec.push('+');
            } else if flags.contains(' ') {
                spec.push(' ');
            }
            if flags.contains('#') {
                spec.push('#');
            }
            if flags.contains('0') && !flags.contains('-') {
                spec.clear();
                if flags.contains('+') {
                    spec.push('+');
                }
                spec.push('0');
            }
            spec.push_str(&width);
            let piece = match ty {
                's' | 'r' | 'a' => {
                    let text = match ty {
                        's' => self.str(&arg)?,
                        'r' => self.repr(&arg)?,
                        _ => ascii_escape(&self.repr(&arg)?),
                    };
                    let text: String = match &precision {
                        Some(p) => text.chars().take(p.parse().unwrap_or(0)).collect(),
                        None => text,
                    };
                    let w: usize = width.parse().unwrap_or(0);
                    let n = text.chars().count();
                    if n >= w {
                        text
                    } else if flags.contains('-') {
                        format!("{text}{}", " ".repeat(w - n))
                    } else {
                        format!("{}{text}", " ".repeat(w - n))
                    }
                }
                'd' | 'i' | 'u' => {
                    let n = match Num::of(&arg) {
                        Some(Num::Float(f)) => Value::bigint(num_bigint::BigInt::from(f.trunc() as i64)),
                        Some(_) => arg.clone(),
                        None => {
                            return Err(self.new_type_error(format!(
                                "%{ty} format: a real number is required, not {}",
                                self.type_name(&arg)
                            )));
                        }
                    };
                    self.format_value(&n, &format!("{spec}d"))?
                }
                'x' | 'X' | 'o' => self.format_value(&arg, &format!("{spec}{ty}"))?,
                'f' | 'F' | 'e' | 'E' | 'g' | 'G' => {
                    let x = match Num::of(&arg).and_then(|n| n.to_f64()) {
                        Some(x) => Value::Float(x),
                        None => {
                            return Err(self.new_type_error(format!(
                                "must be real number, not {}",
                                self.type_name(&arg)
                            )));
                        }
                    };
                    let p = precision.clone().map(|p| format!(".{}", if p.is_empty() { "0".into() } else { p })).unwrap_or_else(|| ".6".into());
                    self.format_value(&x, &format!("{spec}{p}{ty}"))?
                }
                'c' => match arg.as_str() {
                    Some(s) => s.to_string(),
                    None => self.format_value(&arg, "c")?,
                },
                other => {
                    return Err(self.new_value_error(format!(
                        "unsupported format character '{other}' (0x{:x}) at index {}",
                        other as u32,
                        i - 1
                    )));
                }
            };
            out.push_str(&piece);
        }
        if !mapping && next < items.len() {
            return Err(self.new_type_error("not all arguments converted during string formatting"));
        }
        Ok(Value::string(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn general_format_matches_cpython() {
        assert_eq!(general(1234567.0, 6, false), "1.23457e+06");
        assert_eq!(general(0.5, 6, false), "0.5");
        assert_eq!(general(100.0, 6, false), "100");
        assert_eq!(sci(12345.678, 2), "1.23e+04");
    }
}
