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
        self.builtin_format(v, spec)
    }

    /// The built-in types' `__format__` (object's, int's, float's, str's): `str(v)` for an
    /// empty spec, else the mini-language for str, int and float.
    pub fn builtin_format(&mut self, v: &Value, spec: &str) -> PyResult<String> {
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

    /// `fmt % args` (printf-style formatting; the algorithm lives in
    /// `builtins::percent_format`).
    pub fn percent_format(&mut self, fmt: &str, args: &Value) -> PyResult<Value> {
        use crate::builtins::percent_format::{PercentArgs, percent_format};
        let classified = match args.payload() {
            Some(super::object::Payload::Tuple(items)) => PercentArgs::Tuple(items.to_vec()),
            Some(super::object::Payload::Str(_)) => PercentArgs::Single(args.clone()),
            _ => {
                let cls = self.type_of(args);
                if self.lookup_in_mro(&cls, "__getitem__").is_some() {
                    PercentArgs::Mapping(args.clone())
                } else {
                    PercentArgs::Single(args.clone())
                }
            }
        };
        let mut ops = PercentOps { vm: self };
        match percent_format(fmt, classified, &mut ops) {
            Ok(s) => Ok(Value::string(s)),
            Err(PercentError::Py(e)) => Err(e),
            Err(PercentError::Format(f)) => Err(crate::builtins::strings::format_error(ops.vm, f)),
        }
    }
}

/// An error from `%`-formatting: a Python exception or a formatting error.
enum PercentError {
    /// Raised by the VM.
    Py(super::value::ObjRef),
    /// Raised by the formatter.
    Format(crate::builtins::format_spec::FormatError),
}

impl From<crate::builtins::format_spec::FormatError> for PercentError {
    fn from(e: crate::builtins::format_spec::FormatError) -> Self {
        PercentError::Format(e)
    }
}

/// The VM as the value provider of `percent_format`.
struct PercentOps<'a> {
    /// The interpreter.
    vm: &'a mut Vm,
}

impl crate::builtins::percent_format::PercentOperands for PercentOps<'_> {
    type Value = Value;
    type Error = PercentError;
    fn str(&mut self, value: &Value) -> Result<String, PercentError> {
        self.vm.str(value).map_err(PercentError::Py)
    }
    fn repr(&mut self, value: &Value) -> Result<String, PercentError> {
        self.vm.repr(value).map_err(PercentError::Py)
    }
    fn str_value(&mut self, value: &Value) -> Option<String> {
        // A str subclass goes through str() (its __str__ may be overridden).
        if self.vm.has_user_class(value) {
            return None;
        }
        value.as_str().map(String::from)
    }
    fn int_value(&mut self, value: &Value) -> Option<num_bigint::BigInt> {
        value.as_bigint()
    }
    fn to_int(&mut self, value: &Value) -> Result<Option<num_bigint::BigInt>, PercentError> {
        match Num::of(value) {
            Some(Num::Float(f)) => {
                if f.is_nan() {
                    return Err(PercentError::Py(
                        self.vm
                            .new_value_error("cannot convert float NaN to integer"),
                    ));
                }
                if f.is_infinite() {
                    return Err(PercentError::Py(
                        self.vm
                            .new_overflow_error("cannot convert float infinity to integer"),
                    ));
                }
                Ok(crate::builtins::numbers::float_to_int(f).as_bigint())
            }
            Some(_) => Ok(value.as_bigint()),
            None => match self
                .vm
                .call_dunder(value, "__int__", vec![])
                .map_err(PercentError::Py)?
            {
                Some(v) => Ok(v.as_bigint()),
                None => self.to_index(value),
            },
        }
    }
    fn to_index(&mut self, value: &Value) -> Result<Option<num_bigint::BigInt>, PercentError> {
        if value.is_int_like() {
            return Ok(value.as_bigint());
        }
        match self
            .vm
            .call_dunder(value, "__index__", vec![])
            .map_err(PercentError::Py)?
        {
            Some(v) => Ok(v.as_bigint()),
            None => Ok(None),
        }
    }
    fn to_float(&mut self, value: &Value) -> Result<Option<f64>, PercentError> {
        match Num::of(value) {
            Some(n) => match n.to_f64() {
                Some(f) => Ok(Some(f)),
                None => Err(PercentError::Py(
                    self.vm
                        .new_overflow_error("int too large to convert to float"),
                )),
            },
            None => match self
                .vm
                .call_dunder(value, "__float__", vec![])
                .map_err(PercentError::Py)?
            {
                Some(v) => Ok(Num::of(&v).and_then(|n| n.to_f64())),
                None => Ok(None),
            },
        }
    }
    fn get_item(&mut self, mapping: &Value, key: &str) -> Result<Value, PercentError> {
        self.vm
            .get_item(mapping, &Value::str(key))
            .map_err(PercentError::Py)
    }
    fn type_name(&mut self, value: &Value) -> String {
        self.vm.type_name(value).to_string()
    }
}
