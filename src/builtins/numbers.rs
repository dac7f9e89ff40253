//! `int`, `bool` and `float`: constructors, arithmetic dunders and methods.

use super::object::add_new;
use super::self_arg;
use crate::ast::Operator;
use crate::vm::number::Num;
use crate::vm::object::{Obj, Payload};
use crate::vm::ops::{ALL_OPERATORS, op_names};
use crate::vm::{ObjRef, PyResult, Value, Vm};
use num_bigint::BigInt;
use num_traits::Num as _;

/// `int(text, base)` when the text is an optionally signed run of at most 18 plain decimal
/// digits (the common case, parsed without the general path and without a BigInt).
pub fn parse_small_int(text: &str, base: u32) -> Option<i64> {
    let t = text.trim();
    let (neg, t) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    parse_small_decimal(t, base).map(|v| if neg { -v } else { v })
}

/// The value of plain decimal digits (no sign, underscores or prefix) that fit in i64
/// without overflow checks: the common `int("123")`, parsed without the general path.
fn parse_small_decimal(digits: &str, base: u32) -> Option<i64> {
    let bytes = digits.as_bytes();
    let plain = base == 10 || (base == 0 && (bytes.len() == 1 || bytes.first() != Some(&b'0')));
    if !plain || bytes.is_empty() || bytes.len() > 18 || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(
        bytes
            .iter()
            .fold(0i64, |acc, d| acc * 10 + (d - b'0') as i64),
    )
}

/// Parses an int literal like `int(s, base)` does (underscores, sign, prefixes for base 0).
pub fn parse_int(text: &str, base: u32) -> Option<BigInt> {
    let t = text.trim();
    let (neg, t) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    if let Some(v) = parse_small_decimal(t, base) {
        return Some(BigInt::from(if neg { -v } else { v }));
    }
    let lower = t.to_ascii_lowercase();
    // A base prefix may be followed by one underscore ("0x_1f"); bare digits may not start
    // with one.
    let after_prefix = |prefix: &str| {
        lower
            .strip_prefix(prefix)
            .map(|r| r.strip_prefix('_').unwrap_or(r))
    };
    let (base, digits) = match base {
        0 => {
            if let Some(r) = after_prefix("0x") {
                (16, r.to_string())
            } else if let Some(r) = after_prefix("0o") {
                (8, r.to_string())
            } else if let Some(r) = after_prefix("0b") {
                (2, r.to_string())
            } else {
                if lower.len() > 1
                    && lower.starts_with('0')
                    && lower.chars().any(|c| c != '0' && c != '_')
                {
                    return None;
                }
                (10, lower.clone())
            }
        }
        16 => (16, after_prefix("0x").unwrap_or(&lower).to_string()),
        8 => (8, after_prefix("0o").unwrap_or(&lower).to_string()),
        2 => (2, after_prefix("0b").unwrap_or(&lower).to_string()),
        b => (b, lower.clone()),
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
    {
        return None;
    }
    let clean: String = digits.chars().filter(|c| *c != '_').collect();
    if !clean.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let v = BigInt::from_str_radix(&clean, base).ok()?;
    Some(if neg { -v } else { v })
}

/// Parses a float literal like `float(s)` does.
pub fn parse_float(text: &str) -> Option<f64> {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    let body = lower.trim_start_matches(['+', '-']);
    if matches!(body, "inf" | "infinity" | "nan") {
        let v = if body == "nan" {
            f64::NAN
        } else {
            f64::INFINITY
        };
        return Some(if lower.starts_with('-') { -v } else { v });
    }
    if t.is_empty() || t.contains("__") || t.starts_with('_') || t.ends_with('_') {
        return None;
    }
    let clean: String = t.chars().filter(|c| *c != '_').collect();
    if !clean
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
    {
        return None;
    }
    clean.parse::<f64>().ok()
}

/// The text `int()` and `float()` parse out of `v`: a str's, or a bytes object's (CPython
/// takes both; bytes that are not UTF-8 become text no literal matches).
fn literal_text(v: &Value) -> Option<std::borrow::Cow<'_, str>> {
    match v.payload() {
        Some(Payload::Bytes(b)) => Some(String::from_utf8_lossy(b)),
        _ => v.as_str().map(std::borrow::Cow::Borrowed),
    }
}

/// The ValueError of a literal `v` that does not parse: `{what}: {repr(v)}`.
fn literal_error(vm: &mut Vm, what: &str, v: &Value) -> ObjRef {
    let shown = match v.as_str() {
        Some(s) => crate::vm::strings::str_repr(s),
        None => match vm.repr(v) {
            Ok(r) => r,
            Err(e) => return e,
        },
    };
    vm.new_value_error(format!("{what}: {shown}"))
}

/// `int(v)` for any value.
pub fn to_int(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match Num::of(v) {
        Some(Num::Small(i)) => return Ok(Value::Int(i)),
        Some(Num::Big(b)) => return Ok(Value::bigint(b)),
        Some(Num::Float(f)) => {
            if f.is_nan() {
                return Err(vm.new_value_error("cannot convert float NaN to integer"));
            }
            if f.is_infinite() {
                return Err(vm.new_overflow_error("cannot convert float infinity to integer"));
            }
            return Ok(float_to_int(f));
        }
        None => {}
    }
    if let Some(s) = literal_text(v) {
        if let Some(i) = parse_small_int(&s, 10) {
            return Ok(Value::Int(i));
        }
        return match parse_int(&s, 10) {
            Some(b) => Ok(Value::bigint(b)),
            None => Err(literal_error(
                vm,
                "invalid literal for int() with base 10",
                v,
            )),
        };
    }
    for name in ["__int__", "__index__", "__trunc__"] {
        if let Some(r) = vm.call_dunder(v, name, vec![])? {
            return Ok(r);
        }
    }
    Err(vm.new_type_error(format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
        vm.type_name(v)
    )))
}

/// Truncates a finite float to an int value.
pub fn float_to_int(f: f64) -> Value {
    let t = f.trunc();
    if t.abs() < 9.0e18 {
        Value::Int(t as i64)
    } else {
        Value::bigint(num_bigint::BigInt::from_biguint(
            if t < 0.0 {
                num_bigint::Sign::Minus
            } else {
                num_bigint::Sign::Plus
            },
            num_bigint::BigUint::from_bytes_le(&float_mag_bytes(t.abs())),
        ))
    }
}

fn float_mag_bytes(x: f64) -> Vec<u8> {
    // x is an integer-valued float ≥ 2^63: mantissa << (exp - 52).
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64 - 1075;
    let mant = (bits & ((1u64 << 52) - 1)) | (1u64 << 52);
    let v = BigInt::from(mant) << (exp as usize);
    v.to_bytes_le().1
}

/// `float(v)` for any value.
pub fn to_float(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    if let Some(n) = Num::of(v) {
        match n.to_f64() {
            Some(f) => return Ok(f),
            None => return Err(vm.new_overflow_error("int too large to convert to float")),
        }
    }
    if let Some(s) = literal_text(v) {
        return match parse_float(&s) {
            Some(f) => Ok(f),
            None => Err(literal_error(vm, "could not convert string to float", v)),
        };
    }
    for name in ["__float__", "__index__"] {
        if let Some(r) = vm.call_dunder(v, name, vec![])?
            && let Some(f) = Num::of(&r).and_then(|n| n.to_f64())
        {
            return Ok(f);
        }
    }
    Err(vm.new_type_error(format!(
        "float() argument must be a string or a real number, not '{}'",
        vm.type_name(v)
    )))
}

/// Registers `__op__`/`__rop__` natives for the given operators on `cls`.
pub fn add_operator_dunders(vm: &mut Vm, cls: &ObjRef, ops: &[Operator]) {
    for &op in ops {
        let (name, rname, _, _) = op_names(op);
        vm.add_method(cls, name, move |vm, args| {
            let a = args.check(vm, name, 2, 2)?.to_vec();
            Ok(vm
                .native_binop(&a[0], &a[1], op)?
                .unwrap_or_else(|| vm.not_implemented.clone()))
        });
        vm.add_method(cls, rname, move |vm, args| {
            let a = args.check(vm, rname, 2, 2)?.to_vec();
            Ok(vm
                .native_binop(&a[1], &a[0], op)?
                .unwrap_or_else(|| vm.not_implemented.clone()))
        });
    }
}

fn wrap_subclass(vm: &mut Vm, cls: &ObjRef, exact: &ObjRef, v: Value) -> PyResult<Value> {
    if ObjRef::ptr_eq(cls, exact) {
        return Ok(v);
    }
    let payload = match Num::of(&v) {
        Some(Num::Float(f)) => Payload::Float(f),
        _ => Payload::Int(v.as_bigint().unwrap_or_default()),
    };
    let dict = if cls.as_type().is_some_and(|t| t.is_heap) {
        Some(vm.new_dict())
    } else {
        None
    };
    Ok(Value::Obj(Obj::with_class(cls.clone(), dict, payload)))
}

/// `int.__format__`/`float.__format__`: the format mini-language (object's refuses any
/// spec but the empty one).
fn add_format_dunder(vm: &mut Vm, cls: &ObjRef) {
    vm.add_method(cls, "__format__", |vm, args| {
        let a = args.check(vm, "__format__", 2, 2)?.to_vec();
        let Some(spec) = a[1].as_str().map(str::to_string) else {
            let shown = crate::vm::method_sigs::clinic_type_name(vm, &a[1]);
            let msg = format!("__format__() argument must be str, not {shown}");
            return Err(vm.new_type_error(msg));
        };
        Ok(Value::string(vm.builtin_format(&a[0], &spec)?))
    });
}

/// Registers int, bool and float.
pub fn init(vm: &mut Vm) {
    let int = vm.types.int.clone();
    add_new(vm, &int, |vm, mut args| {
        let cls = args.positional.remove(0).as_obj().cloned().expect("cls");
        let mut slots = args.bind(vm, "int", &["x", "base"], 2, 0)?.into_iter();
        let x = slots.next().flatten();
        let base = slots.next().flatten();
        let v = match (x, base) {
            (None, None) => Value::Int(0),
            (None, Some(_)) => return Err(vm.new_type_error("int() missing string argument")),
            (Some(x), None) => to_int(vm, &x)?,
            (Some(x), Some(b)) => {
                let b = vm.index_value(&b)?;
                if b != 0 && !(2..=36).contains(&b) {
                    return Err(vm.new_value_error("int() base must be >= 2 and <= 36, or 0"));
                }
                let Some(s) = literal_text(&x) else {
                    return Err(
                        vm.new_type_error("int() can't convert non-string with explicit base")
                    );
                };
                match parse_int(&s, b as u32) {
                    Some(v) => Value::bigint(v),
                    None => {
                        let what = format!("invalid literal for int() with base {b}");
                        return Err(literal_error(vm, &what, &x));
                    }
                }
            }
        };
        let exact = vm.types.int.clone();
        wrap_subclass(vm, &cls, &exact, v)
    });
    add_operator_dunders(vm, &int, &ALL_OPERATORS);
    add_format_dunder(vm, &int);
    let float = vm.types.float.clone();
    add_new(vm, &float, |vm, mut args| {
        let cls = args.positional.remove(0).as_obj().cloned().expect("cls");
        let a = args.check(vm, "float", 0, 1)?.to_vec();
        let f = match a.first() {
            Some(x) => to_float(vm, x)?,
            None => 0.0,
        };
        let exact = vm.types.float.clone();
        wrap_subclass(vm, &cls, &exact, Value::Float(f))
    });
    add_format_dunder(vm, &float);
    add_operator_dunders(
        vm,
        &float,
        &[
            Operator::Add,
            Operator::Sub,
            Operator::Mult,
            Operator::Div,
            Operator::FloorDiv,
            Operator::Mod,
            Operator::Pow,
        ],
    );
    let bool_ = vm.types.bool_.clone();
    add_new(vm, &bool_, |vm, args| {
        let a = args.check(vm, "bool", 1, 2)?.to_vec();
        match a.get(1) {
            Some(x) => Ok(Value::Bool(vm.truthy(x)?)),
            None => Ok(Value::Bool(false)),
        }
    });
    for (name, op) in [
        ("__neg__", crate::ast::UnaryOp::USub),
        ("__pos__", crate::ast::UnaryOp::UAdd),
        ("__invert__", crate::ast::UnaryOp::Invert),
    ] {
        for cls in [int.clone(), float.clone()] {
            vm.add_method(&cls, name, move |vm, args| {
                let v = plain_number(&self_arg(&args));
                vm.unary_op(&v, op)
            });
        }
    }
    for cls in [int.clone(), float.clone()] {
        vm.add_method(&cls, "__abs__", |vm, args| {
            let v = plain_number(&self_arg(&args));
            let abs = vm.builtin("abs").expect("abs");
            vm.call(&abs, vec![v])
        });
        vm.add_method(&cls, "__bool__", |vm, args| {
            Ok(Value::Bool(vm.truthy(&plain_number(&self_arg(&args)))?))
        });
        vm.add_method(&cls, "__int__", |vm, args| {
            to_int(vm, &plain_number(&self_arg(&args)))
        });
        vm.add_method(&cls, "__float__", |vm, args| {
            Ok(Value::Float(to_float(vm, &plain_number(&self_arg(&args)))?))
        });
        vm.add_method(&cls, "conjugate", |_, args| {
            Ok(plain_number(&self_arg(&args)))
        });
        vm.add_getter(&cls, "real", |_, me| Ok(plain_number(&me)));
        vm.add_getter(&cls, "imag", |_, me| {
            Ok(if matches!(Num::of(&me), Some(Num::Float(_))) {
                Value::Float(0.0)
            } else {
                Value::Int(0)
            })
        });
        vm.add_method(&cls, "__round__", |vm, args| {
            let mut a = args.positional.clone();
            a[0] = plain_number(&a[0]);
            let round = vm.builtin("round").expect("round");
            vm.call(&round, a)
        });
    }
    vm.add_method(&int, "__index__", |_, args| {
        Ok(plain_number(&self_arg(&args)))
    });
    vm.add_getter(&int, "numerator", |_, me| Ok(plain_number(&me)));
    vm.add_getter(&int, "denominator", |_, _| Ok(Value::Int(1)));
    vm.add_method_noargs(&int, "bit_length", |_, args| {
        let b = self_arg(&args).as_bigint().unwrap_or_default();
        Ok(Value::Int(b.bits() as i64))
    });
    vm.add_method_noargs(&int, "bit_count", |_, args| {
        let b = self_arg(&args).as_bigint().unwrap_or_default();
        Ok(Value::Int(b.magnitude().count_ones() as i64))
    });
    vm.add_method_noargs(&int, "is_integer", |_, _| Ok(Value::Bool(true)));
    vm.add_method_noargs(&int, "as_integer_ratio", |_, args| {
        Ok(Value::tuple(vec![
            plain_number(&self_arg(&args)),
            Value::Int(1),
        ]))
    });
    vm.add_method_noargs(&float, "is_integer", |_, args| {
        let f = match Num::of(&self_arg(&args)) {
            Some(Num::Float(f)) => f,
            _ => 0.0,
        };
        Ok(Value::Bool(f.is_finite() && f.fract() == 0.0))
    });
    vm.add_method_noargs(&float, "as_integer_ratio", |vm, args| {
        let f = match Num::of(&self_arg(&args)) {
            Some(Num::Float(f)) => f,
            _ => 0.0,
        };
        if !f.is_finite() {
            return Err(if f.is_nan() {
                vm.new_value_error("cannot convert NaN to integer ratio")
            } else {
                vm.new_overflow_error("cannot convert Infinity to integer ratio")
            });
        }
        let mut num = f;
        let mut den = BigInt::from(1);
        let mut e = 0;
        while num.fract() != 0.0 && e < 1100 {
            num *= 2.0;
            den *= 2;
            e += 1;
        }
        let n = match float_to_int(num) {
            Value::Int(i) => BigInt::from(i),
            v => v.as_bigint().unwrap_or_default(),
        };
        let g = num_integer::Integer::gcd(&n, &den);
        Ok(Value::tuple(vec![
            Value::bigint(&n / &g),
            Value::bigint(&den / &g),
        ]))
    });
    vm.add_method(&float, "__trunc__", |vm, args| {
        to_int(vm, &plain_number(&self_arg(&args)))
    });
}

/// The plain int/float value of a number (unwrapping subclass instances).
pub fn plain_number(v: &Value) -> Value {
    match Num::of(v) {
        Some(Num::Small(i)) => Value::Int(i),
        Some(Num::Big(b)) => Value::bigint(b),
        Some(Num::Float(f)) => Value::Float(f),
        None => v.clone(),
    }
}
