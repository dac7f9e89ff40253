//! `format()` / f-string format specs (the format mini-language) and `str % args`.

use super::number::Num;
use super::value::Value;
use super::{PyResult, Vm};

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
    /// `format(v, spec)`: `__format__` of user classes, else the built-in mini-language
    /// (`builtins::format_spec`) for str, int and float.
    pub fn format_value(&mut self, v: &Value, spec: &str) -> PyResult<String> {
        if let Some(f) = self.user_dunder(v, "__format__") {
            let r = self.call_bound_dunder(&f, v, vec![Value::str(spec)])?;
            return match r.as_str() {
                Some(s) => Ok(s.to_string()),
                None => Err(self.new_type_error(format!(
                    "__format__ must return a str, not {}",
                    self.type_name(&r)
                ))),
            };
        }
        if spec.is_empty() {
            return self.str(v);
        }
        use crate::builtins::format_spec;
        let r = if let Some(text) = v.as_str() {
            format_spec::format_str(text, spec)
        } else {
            match Num::of(v) {
                Some(Num::Float(x)) => format_spec::format_float(x, spec),
                Some(Num::Small(i)) => format_spec::format_i64(i, spec),
                Some(Num::Big(b)) => format_spec::format_int(&b, spec),
                None => {
                    return Err(self.new_type_error(format!(
                        "unsupported format string passed to {}.__format__",
                        self.type_name(v)
                    )));
                }
            }
        };
        r.map_err(|e| crate::builtins::strings::format_error(self, e))
    }

    /// `fmt % args` (printf-style formatting).
    pub fn percent_format(&mut self, fmt: &str, args: &Value) -> PyResult<Value> {
        let mapping = matches!(args.payload(), Some(super::object::Payload::Dict(_)))
            || (self.has_user_class(args) && args.as_tuple().is_none());
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
                let Some(end) = end else {
                    return Err(self.new_value_error("incomplete format key"));
                };
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
                        Some(Num::Float(f)) => {
                            Value::bigint(num_bigint::BigInt::from(f.trunc() as i64))
                        }
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
                    let p = precision
                        .clone()
                        .map(|p| format!(".{}", if p.is_empty() { "0".into() } else { p }))
                        .unwrap_or_else(|| ".6".into());
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
