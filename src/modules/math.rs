//! The `math` module: the float functions are native (Rust's libm, with CPython's
//! `math_1` error rules); the integer and aggregate functions are Python (`py/math.py`).

use crate::builtins::numbers::to_float;
use crate::vm::Payload;
use crate::vm::{Args, ObjRef, PyResult, Value, Vm};

/// A float argument; strings and bytes are CPython's "must be real number" TypeError (to_float
/// alone would parse them, as float() does).
fn real_arg(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    if v.as_str().is_some() || matches!(v.payload(), Some(Payload::Bytes(_))) {
        return Err(vm.new_type_error(format!("must be real number, not {}", vm.type_name(v))));
    }
    to_float(vm, v)
}

/// Mirrors mathmodule.c `math_1`: a NaN from a non-NaN argument is a domain error; an infinity
/// from a finite argument is a range error when the function can overflow, else a domain error.
fn unary(vm: &mut Vm, name: &'static str, f: fn(f64) -> f64, can_overflow: bool) -> Value {
    vm.new_native_fn(name, move |vm, args: Args| {
        let [x] = args.check(vm, name, 1, 1)? else {
            unreachable!("check returned one argument")
        };
        let x = real_arg(vm, &x.clone())?;
        let r = f(x);
        if r.is_nan() && !x.is_nan() {
            return Err(vm.new_value_error("math domain error"));
        }
        if r.is_infinite() && x.is_finite() {
            return Err(if can_overflow {
                vm.new_overflow_error("math range error")
            } else {
                vm.new_value_error("math domain error")
            });
        }
        Ok(Value::Float(r))
    })
}

/// A two-float function with the same error rules as [`unary`].
fn binary(vm: &mut Vm, name: &'static str, f: fn(f64, f64) -> f64) -> Value {
    vm.new_native_fn(name, move |vm, args: Args| {
        let [x, y] = args.check(vm, name, 2, 2)? else {
            unreachable!("check returned two arguments")
        };
        let (x, y) = (x.clone(), y.clone());
        let x = real_arg(vm, &x)?;
        let y = real_arg(vm, &y)?;
        let r = f(x, y);
        if r.is_nan() && !x.is_nan() && !y.is_nan() {
            return Err(vm.new_value_error("math domain error"));
        }
        if r.is_infinite() && x.is_finite() && y.is_finite() {
            return Err(vm.new_overflow_error("math range error"));
        }
        Ok(Value::Float(r))
    })
}

fn domain_checked_log(x: f64) -> f64 {
    if x <= 0.0 { f64::NAN } else { x.ln() }
}

fn domain_checked_log2(x: f64) -> f64 {
    if x <= 0.0 { f64::NAN } else { x.log2() }
}

fn domain_checked_log10(x: f64) -> f64 {
    if x <= 0.0 { f64::NAN } else { x.log10() }
}

fn domain_checked_sqrt(x: f64) -> f64 {
    if x < 0.0 { f64::NAN } else { x.sqrt() }
}

/// Mirrors mathmodule.c `math_fmod`: fmod(x, inf) is x; fmod(inf, y) is a domain error.
fn fmod(x: f64, y: f64) -> f64 {
    if y.is_infinite() && x.is_finite() {
        return x;
    }
    if y == 0.0 || x.is_infinite() {
        return f64::NAN;
    }
    x % y
}

/// Mirrors mathmodule.c `math_pow`'s special cases (pow(0, negative) is a domain error).
fn pow(x: f64, y: f64) -> f64 {
    if x == 0.0 && y < 0.0 && y.is_finite() {
        return f64::NAN;
    }
    if x < 0.0 && x.is_finite() && y.is_finite() && y.fract() != 0.0 {
        return f64::NAN;
    }
    x.powf(y)
}

/// One native unary function: its name, the libm function, and whether it can overflow.
type UnarySpec = (&'static str, fn(f64) -> f64, bool);

/// Builds the `math` module.
pub fn init(vm: &mut Vm) -> PyResult<ObjRef> {
    let unaries: [UnarySpec; 19] = [
        ("sqrt", domain_checked_sqrt, false),
        ("exp", f64::exp, true),
        ("expm1", f64::exp_m1, true),
        ("_ln", domain_checked_log, false),
        ("log2", domain_checked_log2, false),
        ("log10", domain_checked_log10, false),
        (
            "log1p",
            |x| if x <= -1.0 { f64::NAN } else { x.ln_1p() },
            false,
        ),
        ("sin", f64::sin, false),
        ("cos", f64::cos, false),
        ("tan", f64::tan, false),
        ("asin", f64::asin, false),
        ("acos", f64::acos, false),
        ("atan", f64::atan, false),
        ("sinh", f64::sinh, true),
        ("cosh", f64::cosh, true),
        ("tanh", f64::tanh, false),
        ("asinh", f64::asinh, false),
        ("acosh", f64::acosh, false),
        ("atanh", f64::atanh, false),
    ];
    let mut natives = Vec::new();
    for (name, f, can_overflow) in unaries {
        natives.push((name, unary(vm, name, f, can_overflow)));
    }
    natives.push(("fabs", unary(vm, "fabs", f64::abs, false)));
    natives.push(("atan2", binary(vm, "atan2", f64::atan2)));
    natives.push(("copysign", binary(vm, "copysign", f64::copysign)));
    natives.push(("fmod", binary(vm, "fmod", fmod)));
    natives.push(("pow", binary(vm, "pow", pow)));
    natives.push(("_hypot2", binary(vm, "hypot", f64::hypot)));
    natives.push(("pi", Value::Float(std::f64::consts::PI)));
    natives.push(("e", Value::Float(std::f64::consts::E)));
    natives.push(("tau", Value::Float(std::f64::consts::TAU)));
    natives.push(("inf", Value::Float(f64::INFINITY)));
    natives.push(("nan", Value::Float(f64::NAN)));
    let frexp = vm.new_native_fn("frexp", |vm, args: Args| {
        let [x] = args.check(vm, "frexp", 1, 1)? else {
            unreachable!("check returned one argument")
        };
        let x = real_arg(vm, &x.clone())?;
        if x == 0.0 || !x.is_finite() {
            return Ok(Value::tuple(vec![Value::Float(x), Value::Int(0)]));
        }
        let bits = x.abs().to_bits();
        let raw_exp = ((bits >> 52) & 0x7ff) as i64;
        let (mantissa, exp) = if raw_exp == 0 {
            // Subnormal: scale into the normal range first.
            let scaled = x * 2f64.powi(64);
            let sbits = scaled.abs().to_bits();
            let e = ((sbits >> 52) & 0x7ff) as i64 - 1022 - 64;
            (scaled / 2f64.powi((e + 64) as i32), e)
        } else {
            let e = raw_exp - 1022;
            (
                f64::from_bits((x.to_bits() & !(0x7ffu64 << 52)) | (1022u64 << 52)),
                e,
            )
        };
        Ok(Value::tuple(vec![Value::Float(mantissa), Value::Int(exp)]))
    });
    natives.push(("frexp", frexp));
    crate::modules::python_module(
        vm,
        "math",
        "<frozen math>",
        include_str!("py/math.py"),
        natives,
    )
}
