//! `int.to_bytes`, `int.from_bytes` and `float.fromhex` (Objects/longobject.c, floatobject.c).

use super::bytes_methods::new_bytes;
use crate::vm::object::Payload;
use crate::vm::{Args, PyResult, Value, Vm};
use num_bigint::{BigInt, Sign};

/// Reads a `byteorder` argument: true for big-endian.
fn byteorder(vm: &mut Vm, v: Option<&Value>, fname: &str) -> PyResult<bool> {
    match v {
        None => Ok(true),
        Some(v) => match v.as_str() {
            Some("big") => Ok(true),
            Some("little") => Ok(false),
            Some(_) => Err(vm.new_value_error("byteorder must be either 'little' or 'big'")),
            None => Err(vm.new_type_error(format!(
                "{fname}() argument 'byteorder' must be str, not {}",
                vm.type_name(v)
            ))),
        },
    }
}

/// Splits off the keyword-only `signed` flag.
fn take_signed(vm: &mut Vm, args: &mut Args) -> PyResult<bool> {
    match args.take_kwarg("signed") {
        Some(v) => vm.truthy(&v),
        None => Ok(false),
    }
}

/// Mirrors longobject.c int_to_bytes_impl.
fn to_bytes(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let signed = take_signed(vm, &mut args)?;
    let me = args.positional.first().cloned().unwrap_or(Value::None);
    let Some(n) = me.as_bigint() else {
        return Err(vm.new_type_error("descriptor 'to_bytes' requires a 'int' object"));
    };
    args.positional.remove(0);
    let slots = args.bind(vm, "to_bytes", &["length", "byteorder"], 2, 0)?;
    let length = match &slots[0] {
        Some(v) => vm.index_value(v)?,
        None => 1,
    };
    if length < 0 {
        return Err(vm.new_value_error("length argument must be non-negative"));
    }
    let big = byteorder(vm, slots[1].as_ref(), "to_bytes")?;
    if !signed && n.sign() == Sign::Minus {
        return Err(vm.new_overflow_error("can't convert negative int to unsigned"));
    }
    let mut le = n.to_signed_bytes_le();
    if !signed && le.len() > 1 && le.last() == Some(&0) {
        le.pop();
    }
    let fill = if n.sign() == Sign::Minus { 0xff } else { 0 };
    let length = length as usize;
    if n.sign() == Sign::NoSign {
        le.clear();
    }
    if le.len() > length {
        return Err(vm.new_overflow_error("int too big to convert"));
    }
    le.resize(length, fill);
    if big {
        le.reverse();
    }
    Ok(new_bytes(le))
}

/// Mirrors longobject.c int_from_bytes_impl (for bytes and iterables of ints).
fn from_bytes(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let signed = take_signed(vm, &mut args)?;
    args.positional.remove(0);
    let slots = args.bind(vm, "from_bytes", &["bytes", "byteorder"], 2, 1)?;
    let source = slots[0].clone().unwrap_or(Value::None);
    let data: Vec<u8> = match source.payload() {
        Some(Payload::Bytes(b)) => b.to_vec(),
        _ => {
            let mut out = Vec::new();
            for item in vm.collect(&source)? {
                match item.as_i64() {
                    Some(x) if (0..256).contains(&x) => out.push(x as u8),
                    _ => return Err(vm.new_value_error("bytes must be in range(0, 256)")),
                }
            }
            out
        }
    };
    let big = byteorder(vm, slots[1].as_ref(), "from_bytes")?;
    let n = match (big, signed) {
        (true, true) => BigInt::from_signed_bytes_be(&data),
        (true, false) => BigInt::from_bytes_be(Sign::Plus, &data),
        (false, true) => BigInt::from_signed_bytes_le(&data),
        (false, false) => BigInt::from_bytes_le(Sign::Plus, &data),
    };
    Ok(Value::bigint(n))
}

/// Parses CPython's hexadecimal float syntax; None when it is malformed.
/// Mirrors floatobject.c float_fromhex (finite values rounded through a 64-bit mantissa).
pub fn parse_hex_float(text: &str) -> Option<f64> {
    let s = text.trim().to_ascii_lowercase();
    let (negative, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(&s)),
    };
    let sign = if negative { -1.0 } else { 1.0 };
    match body {
        "inf" | "infinity" => return Some(sign * f64::INFINITY),
        "nan" => return Some(f64::NAN),
        _ => {}
    }
    let body = body.strip_prefix("0x").unwrap_or(body);
    let (mantissa_text, exponent_text) = match body.find('p') {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (int_part, frac_part) = match mantissa_text.find('.') {
        Some(i) => (&mantissa_text[..i], &mantissa_text[i + 1..]),
        None => (mantissa_text, ""),
    };
    if int_part.is_empty() && frac_part.is_empty() {
        return None;
    }
    let mut exponent: i64 = match exponent_text {
        Some(e) => e.parse().ok()?,
        None => 0,
    };
    let mut mantissa: u64 = 0;
    let mut sticky = false;
    for (i, c) in int_part.chars().chain(frac_part.chars()).enumerate() {
        let d = c.to_digit(16)? as u64;
        if mantissa >> 60 == 0 {
            mantissa = mantissa * 16 + d;
            if i >= int_part.len() {
                exponent -= 4;
            }
        } else {
            sticky |= d != 0;
            if i < int_part.len() {
                exponent += 4;
            }
        }
    }
    let mantissa = mantissa | u64::from(sticky);
    let mut value = mantissa as f64;
    let mut e = exponent;
    while e > 0 {
        let step = e.min(1000);
        value *= 2f64.powi(step as i32);
        e -= step;
    }
    while e < 0 {
        let step = (-e).min(1000);
        value /= 2f64.powi(step as i32);
        e += step;
    }
    Some(sign * value)
}

/// Mirrors floatobject.c float_hex: `0x1.<13 hex digits>p<exp>`, subnormals as `0x0.…p-1022`.
pub fn float_hex(x: f64) -> String {
    if x.is_nan() {
        return "nan".to_string();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = x.abs().to_bits();
    let exponent_bits = (bits >> 52) as i64;
    let fraction = bits & ((1u64 << 52) - 1);
    let (lead, exponent) = if exponent_bits == 0 {
        (0, -1022)
    } else {
        (1, exponent_bits - 1023)
    };
    format!("{sign}0x{lead}.{fraction:013x}p{exponent:+}")
}

/// The inverse of `base` modulo `modulus` (positive modulus), if it exists.
fn mod_inverse(base: &BigInt, modulus: &BigInt) -> Option<BigInt> {
    use num_integer::Integer;
    let m = modulus.clone();
    let a = base.mod_floor(&m);
    let gcd = a.extended_gcd(&m);
    if gcd.gcd != BigInt::from(1) {
        return None;
    }
    Some(gcd.x.mod_floor(&m))
}

/// `pow(base, exp, mod)` with a negative exponent: the modular inverse raised to `-exp`
/// (Objects/longobject.c long_pow); everything else goes to `fallback`.
fn pow_with_inverse(vm: &mut Vm, fallback: &Value, args: Args) -> PyResult<Value> {
    let three_ints = args.kwargs.is_empty()
        && args.positional.len() == 3
        && args.positional.iter().all(|v| v.as_bigint().is_some());
    if three_ints {
        let base = args.positional[0].as_bigint().unwrap_or_default();
        let exp = args.positional[1].as_bigint().unwrap_or_default();
        let modulus = args.positional[2].as_bigint().unwrap_or_default();
        if exp.sign() == Sign::Minus && modulus.sign() != Sign::NoSign {
            let positive = if modulus.sign() == Sign::Minus {
                -modulus.clone()
            } else {
                modulus.clone()
            };
            let Some(inverse) = mod_inverse(&base, &positive) else {
                return Err(vm.new_value_error("base is not invertible for the given modulus"));
            };
            let call = vec![
                Value::bigint(inverse),
                Value::bigint(-exp),
                Value::bigint(modulus),
            ];
            return vm.call(fallback, call);
        }
    }
    vm.call_args(fallback, args)
}

/// Registers the int and float methods of this file.
pub fn install(vm: &mut Vm) {
    let int = vm.types.int.clone();
    vm.add_method(&int, "to_bytes", to_bytes);
    vm.add_classmethod(&int, "from_bytes", from_bytes);
    vm.add_method(&int, "conjugate", |vm, args| {
        let a = args.check(vm, "conjugate", 1, 1)?;
        match a[0].as_bigint() {
            Some(n) => Ok(Value::bigint(n)),
            None => Err(vm.new_type_error("descriptor 'conjugate' requires a 'int' object")),
        }
    });
    let float = vm.types.float.clone();
    vm.add_method(&float, "hex", |vm, args| {
        let a = args.check(vm, "hex", 1, 1)?;
        match a[0] {
            Value::Float(x) => Ok(Value::string(float_hex(x))),
            _ => Err(vm.new_type_error("descriptor 'hex' requires a 'float' object")),
        }
    });
    let builtins = vm.builtins_dict();
    if let Some(original_pow) = vm.dict_get_str(&builtins, "pow") {
        let pow = vm.new_native_fn("pow", move |vm, args| {
            pow_with_inverse(vm, &original_pow, args)
        });
        vm.dict_set_str(&builtins, "pow", pow);
    }
    vm.add_classmethod(&float, "fromhex", |vm, args| {
        let a = args.check(vm, "fromhex", 2, 2)?.to_vec();
        let Some(text) = a[1].as_str().map(str::to_string) else {
            return Err(vm.new_type_error("bad argument type for built-in operation"));
        };
        match parse_hex_float(&text) {
            Some(x) if x.is_infinite() && !text.to_ascii_lowercase().contains("inf") => {
                Err(vm.new_overflow_error("hexadecimal value too large to represent as a float"))
            }
            Some(x) => Ok(Value::Float(x)),
            None => Err(vm.new_value_error("invalid hexadecimal floating-point string")),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::parse_hex_float;

    #[test]
    fn hex_floats_parse_like_cpython() {
        assert_eq!(parse_hex_float("0x1.8p1"), Some(3.0));
        assert_eq!(parse_hex_float("-0x10"), Some(-16.0));
        assert_eq!(parse_hex_float("0x.8"), Some(0.5));
        assert_eq!(parse_hex_float("0xp1"), None);
        assert_eq!(parse_hex_float("zz"), None);
    }

    #[test]
    fn float_hex_matches_cpython() {
        assert_eq!(super::float_hex(1.0), "0x1.0000000000000p+0");
        assert_eq!(super::float_hex(-0.1), "-0x1.999999999999ap-4");
        assert_eq!(super::float_hex(5e-324), "0x0.0000000000001p-1022");
        assert_eq!(super::float_hex(0.0), "0x0.0p+0");
    }
}
