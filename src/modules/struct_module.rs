//! `struct`: packing values into bytes and back (mirrors `_struct.c`: native `@` sizes and
//! alignment, standard `<`, `>`, `!`, `=` sizes, CPython's `struct.error` messages). The
//! `Struct` class and `iter_unpack` are Python in `py/struct.py`.

use crate::builtins::bytes_methods::new_bytes;
use crate::modules::python_module;
use crate::vm::object::Payload;
use crate::vm::{ObjRef, PyResult, Value, Vm};
use num_bigint::BigInt;

/// One format code with its repeat count.
#[derive(Clone, Copy)]
struct Item {
    /// The format character.
    code: char,
    /// The repeat count (the length for `s` and `p`).
    count: usize,
    /// The byte offset of the first value.
    offset: usize,
    /// The size of one value.
    size: usize,
}

/// A parsed format string.
struct Layout {
    /// The items in order.
    items: Vec<Item>,
    /// The total size in bytes.
    size: usize,
    /// Little-endian byte order.
    little: bool,
    /// How many values pack() takes and unpack() returns.
    values: usize,
}

fn item_size(code: char, native: bool) -> Option<usize> {
    Some(match code {
        'x' | 'c' | 'b' | 'B' | '?' | 's' | 'p' => 1,
        'h' | 'H' | 'e' => 2,
        'i' | 'I' | 'f' => 4,
        'l' | 'L' if native => 8,
        'l' | 'L' => 4,
        'q' | 'Q' | 'd' => 8,
        'n' | 'N' | 'P' if native => 8,
        _ => return None,
    })
}

fn parse(fmt: &str) -> Result<Layout, &'static str> {
    let mut chars = fmt.chars().peekable();
    let (native, little) = match chars.peek() {
        Some('@') => (true, cfg!(target_endian = "little")),
        Some('=') => (false, cfg!(target_endian = "little")),
        Some('<') => (false, true),
        Some('>') | Some('!') => (false, false),
        _ => (true, cfg!(target_endian = "little")),
    };
    if matches!(chars.peek(), Some('@' | '=' | '<' | '>' | '!')) {
        chars.next();
    }
    let mut items = Vec::new();
    let mut size = 0usize;
    let mut values = 0usize;
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut count = 1usize;
        let mut code = c;
        if c.is_ascii_digit() {
            let mut n = c as usize - '0' as usize;
            loop {
                match chars.next() {
                    Some(d) if d.is_ascii_digit() => {
                        n = n
                            .checked_mul(10)
                            .and_then(|n| n.checked_add(d as usize - '0' as usize))
                            .ok_or("total struct size too long")?;
                    }
                    Some(other) => {
                        code = other;
                        break;
                    }
                    None => return Err("repeat count given without format specifier"),
                }
            }
            count = n;
        }
        let one = item_size(code, native).ok_or("bad char in struct format")?;
        if native && !matches!(code, 's' | 'p' | 'x' | 'c' | 'b' | 'B' | '?') {
            size = size.div_ceil(one) * one;
        }
        items.push(Item {
            code,
            count,
            offset: size,
            size: one,
        });
        size = one
            .checked_mul(count)
            .and_then(|n| n.checked_add(size))
            .ok_or("total struct size too long")?;
        values += match code {
            'x' => 0,
            's' | 'p' => 1,
            _ => count,
        };
    }
    Ok(Layout {
        items,
        size,
        little,
        values,
    })
}

fn struct_error(vm: &mut Vm, error: &ObjRef, msg: impl Into<String>) -> ObjRef {
    vm.new_exception(error, vec![Value::string(msg.into())])
}

fn to_int(vm: &mut Vm, error: &ObjRef, v: &Value) -> PyResult<BigInt> {
    if let Some(b) = v.as_bigint() {
        return Ok(b);
    }
    if !matches!(v, Value::Float(_))
        && let Some(index) = vm.lookup_attr_opt(v, "__index__")?
    {
        let r = vm.call(&index, vec![])?;
        if let Some(b) = r.as_bigint() {
            return Ok(b);
        }
    }
    Err(struct_error(
        vm,
        error,
        "required argument is not an integer",
    ))
}

fn to_float(vm: &mut Vm, error: &ObjRef, v: &Value) -> PyResult<f64> {
    match v {
        Value::Float(f) => Ok(*f),
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(f64::from(u8::from(*b))),
        _ => {
            if let Some(f) = vm.lookup_attr_opt(v, "__float__")?
                && let Value::Float(x) = vm.call(&f, vec![])?
            {
                return Ok(x);
            }
            Err(struct_error(vm, error, "required argument is not a float"))
        }
    }
}

/// The message for an integer out of a code's range (mirrors `_struct.c`'s range errors).
fn range_message(code: char, size: usize, value: &BigInt) -> String {
    let signed = code.is_ascii_lowercase();
    let negative = value < &BigInt::from(0);
    if size == 8 || (negative && !signed && !matches!(code, 'B' | 'H')) {
        return "argument out of range".to_string();
    }
    let bits = 8 * size as u32;
    let (lo, hi): (i128, i128) = if signed {
        (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
    } else {
        (0, (1i128 << bits) - 1)
    };
    match code {
        'b' => format!("byte format requires {lo} <= number <= {hi}"),
        'B' => format!("ubyte format requires {lo} <= number <= {hi}"),
        'h' => format!("short format requires {lo} <= number <= {hi}"),
        'H' => format!("ushort format requires {lo} <= number <= {hi}"),
        _ => format!("'{code}' format requires {lo} <= number <= {hi}"),
    }
}

/// The IEEE 754 half-precision bits of `x` (round half to even), or None on overflow.
fn f16_bits(x: f64) -> Option<u16> {
    let sign: u16 = if x.is_sign_negative() { 0x8000 } else { 0 };
    if x.is_nan() {
        return Some(sign | 0x7e00);
    }
    let a = x.abs();
    if a.is_infinite() {
        return Some(sign | 0x7c00);
    }
    // Work in units of the smallest subnormal (2^-24), rounding half to even.
    let scaled = a * 16_777_216.0;
    if scaled < 1024.0 {
        let r = scaled.round_ties_even() as u16;
        return Some(sign | r);
    }
    let exp = a.log2().floor() as i32;
    let mut exp = exp;
    let mut mant = a / 2f64.powi(exp) - 1.0;
    if mant < 0.0 {
        exp -= 1;
        mant = a / 2f64.powi(exp) - 1.0;
    } else if mant >= 1.0 {
        exp += 1;
        mant = a / 2f64.powi(exp) - 1.0;
    }
    let mut m = (mant * 1024.0).round_ties_even() as u32;
    if m == 1024 {
        m = 0;
        exp += 1;
    }
    if exp > 15 {
        return None;
    }
    Some(sign | (((exp + 15) as u16) << 10) | m as u16)
}

fn f16_value(bits: u16) -> f64 {
    let sign = if bits & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exp = (bits >> 10) & 0x1f;
    let mant = f64::from(bits & 0x3ff);
    sign * match exp {
        0 => mant * 2f64.powi(-24),
        31 if mant == 0.0 => f64::INFINITY,
        31 => f64::NAN,
        e => (1.0 + mant / 1024.0) * 2f64.powi(i32::from(e) - 15),
    }
}

fn put(out: &mut [u8], bytes: &[u8], little: bool) {
    if little {
        out.copy_from_slice(bytes);
    } else {
        for (o, b) in out.iter_mut().zip(bytes.iter().rev()) {
            *o = *b;
        }
    }
}

fn pack_value(
    vm: &mut Vm,
    error: &ObjRef,
    item: Item,
    v: &Value,
    out: &mut [u8],
    little: bool,
) -> PyResult<()> {
    match item.code {
        'c' => match v.payload() {
            Some(Payload::Bytes(b)) if b.len() == 1 => out[0] = b[0],
            _ => {
                return Err(struct_error(
                    vm,
                    error,
                    "char format requires a bytes object of length 1",
                ));
            }
        },
        '?' => out[0] = u8::from(vm.truthy(v)?),
        'e' | 'f' | 'd' => {
            let x = to_float(vm, error, v)?;
            match item.code {
                'd' => put(out, &x.to_le_bytes(), little),
                'f' => {
                    let y = x as f32;
                    if y.is_infinite() && x.is_finite() {
                        return Err(vm.new_overflow_error("float too large to pack with f format"));
                    }
                    put(out, &y.to_le_bytes(), little);
                }
                _ => match f16_bits(x) {
                    Some(bits) => put(out, &bits.to_le_bytes(), little),
                    None => {
                        return Err(vm.new_overflow_error("float too large to pack with e format"));
                    }
                },
            }
        }
        code => {
            let value = to_int(vm, error, v)?;
            let signed = code.is_ascii_lowercase();
            let bits = 8 * item.size as u32;
            let fits = if signed {
                let lo = -(BigInt::from(1) << (bits - 1));
                let hi = (BigInt::from(1) << (bits - 1)) - 1;
                value >= lo && value <= hi
            } else {
                value >= BigInt::from(0) && value < (BigInt::from(1) << bits)
            };
            if !fits {
                return Err(struct_error(
                    vm,
                    error,
                    range_message(code, item.size, &value),
                ));
            }
            let (_, mut le) = value.to_bytes_le();
            if signed && value < BigInt::from(0) {
                le = value.to_signed_bytes_le();
                le.resize(item.size, 0xff);
            } else {
                le.resize(item.size, 0);
            }
            put(out, &le[..item.size], little);
        }
    }
    Ok(())
}

fn bytes_of(v: &Value) -> Option<&[u8]> {
    match v.payload()? {
        Payload::Bytes(b) => Some(b),
        _ => None,
    }
}

fn pack(vm: &mut Vm, error: &ObjRef, fmt: &str, args: &[Value]) -> PyResult<Value> {
    let layout = parse(fmt).map_err(|m| struct_error(vm, error, m))?;
    if args.len() != layout.values {
        return Err(struct_error(
            vm,
            error,
            format!(
                "pack expected {} items for packing (got {})",
                layout.values,
                args.len()
            ),
        ));
    }
    let mut out = vec![0u8; layout.size];
    let mut next = 0;
    for item in &layout.items {
        match item.code {
            'x' => {}
            's' | 'p' => {
                let v = &args[next];
                next += 1;
                let Some(data) = bytes_of(v) else {
                    return Err(struct_error(
                        vm,
                        error,
                        format!("argument for '{}' must be a bytes object", item.code),
                    ));
                };
                let field = &mut out[item.offset..item.offset + item.count];
                if item.code == 's' {
                    let n = data.len().min(item.count);
                    field[..n].copy_from_slice(&data[..n]);
                } else if item.count > 0 {
                    let n = data.len().min(item.count - 1).min(255);
                    field[0] = n as u8;
                    field[1..=n].copy_from_slice(&data[..n]);
                }
            }
            _ => {
                for k in 0..item.count {
                    let at = item.offset + k * item.size;
                    let v = args[next].clone();
                    next += 1;
                    pack_value(
                        vm,
                        error,
                        *item,
                        &v,
                        &mut out[at..at + item.size],
                        layout.little,
                    )?;
                }
            }
        }
    }
    Ok(new_bytes(out))
}

fn get(data: &[u8], little: bool) -> [u8; 8] {
    let mut le = [0u8; 8];
    if little {
        le[..data.len()].copy_from_slice(data);
    } else {
        for (o, b) in le.iter_mut().zip(data.iter().rev()) {
            *o = *b;
        }
    }
    le
}

fn unpack_value(item: Item, data: &[u8], little: bool) -> Value {
    let le = get(data, little);
    match item.code {
        'c' => new_bytes(vec![data[0]]),
        '?' => Value::Bool(data[0] != 0),
        'e' => Value::Float(f16_value(u16::from_le_bytes([le[0], le[1]]))),
        'f' => Value::Float(f64::from(f32::from_le_bytes([le[0], le[1], le[2], le[3]]))),
        'd' => Value::Float(f64::from_le_bytes(le)),
        code => {
            let raw = u64::from_le_bytes(le);
            let bits = 8 * item.size as u32;
            if code.is_ascii_lowercase() {
                let shift = 64 - bits;
                Value::Int(((raw << shift) as i64) >> shift)
            } else {
                Value::bigint(BigInt::from(raw))
            }
        }
    }
}

fn unpack(
    vm: &mut Vm,
    error: &ObjRef,
    fmt: &str,
    buffer: &Value,
    offset: Option<i64>,
) -> PyResult<Value> {
    let layout = parse(fmt).map_err(|m| struct_error(vm, error, m))?;
    let Some(data) = bytes_of(buffer) else {
        return Err(vm.new_type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(buffer)
        )));
    };
    let data = data.to_vec();
    let start = match offset {
        None => {
            if data.len() != layout.size {
                return Err(struct_error(
                    vm,
                    error,
                    format!("unpack requires a buffer of {} bytes", layout.size),
                ));
            }
            0
        }
        Some(off) => {
            let len = data.len() as i64;
            let start = if off < 0 { off + len } else { off };
            if start < 0 {
                return Err(struct_error(
                    vm,
                    error,
                    format!("offset {off} out of range for {len}-byte buffer"),
                ));
            }
            if len - start < layout.size as i64 {
                return Err(struct_error(
                    vm,
                    error,
                    format!(
                        "unpack_from requires a buffer of at least {} bytes for unpacking {} bytes at offset {} (actual buffer size is {})",
                        layout.size as i64 + start,
                        layout.size,
                        start,
                        len
                    ),
                ));
            }
            start as usize
        }
    };
    let data = &data[start..start + layout.size];
    let mut values = Vec::with_capacity(layout.values);
    for item in &layout.items {
        let field = &data[item.offset..item.offset + item.size * item.count];
        match item.code {
            'x' => {}
            's' => values.push(new_bytes(field.to_vec())),
            'p' => {
                let n = field
                    .first()
                    .map_or(0, |n| usize::from(*n))
                    .min(item.count.saturating_sub(1));
                values.push(new_bytes(field.get(1..=n).unwrap_or(&[]).to_vec()));
            }
            _ => {
                for k in 0..item.count {
                    let at = k * item.size;
                    values.push(unpack_value(
                        *item,
                        &field[at..at + item.size],
                        layout.little,
                    ));
                }
            }
        }
    }
    Ok(Value::tuple(values))
}

fn format_arg(vm: &mut Vm, v: &Value) -> PyResult<String> {
    if let Some(s) = v.as_str() {
        return Ok(s.to_string());
    }
    if let Some(b) = bytes_of(v) {
        return Ok(b.iter().map(|&c| char::from(c)).collect());
    }
    Err(vm.new_type_error(format!(
        "Struct() argument 1 must be a str or bytes object, not {}",
        vm.type_name(v)
    )))
}

/// Registers `struct`.
pub fn init(vm: &mut Vm) -> PyResult<ObjRef> {
    let exception = vm.exc.exception.clone();
    let error = vm.new_exception_class("error", &[exception], "struct");
    let e1 = error.clone();
    let calcsize = vm.new_native_fn("calcsize", move |vm, args| {
        let a = args.check(vm, "calcsize", 1, 1)?.to_vec();
        let fmt = format_arg(vm, &a[0])?;
        let layout = parse(&fmt).map_err(|m| struct_error(vm, &e1, m))?;
        Ok(Value::Int(layout.size as i64))
    });
    let e2 = error.clone();
    let pack_fn = vm.new_native_fn("pack", move |vm, args| {
        if args.positional.is_empty() {
            return Err(vm.new_type_error("pack expected at least 1 argument, got 0"));
        }
        let a = args.check(vm, "pack", 1, usize::MAX)?.to_vec();
        let fmt = format_arg(vm, &a[0])?;
        pack(vm, &e2, &fmt, &a[1..])
    });
    let e3 = error.clone();
    let unpack_fn = vm.new_native_fn("_unpack", move |vm, args| {
        let a = args.check(vm, "unpack", 3, 3)?.to_vec();
        let fmt = format_arg(vm, &a[0])?;
        let offset = if a[2].is_none() {
            None
        } else {
            Some(vm.index_value(&a[2])?)
        };
        unpack(vm, &e3, &fmt, &a[1], offset)
    });
    let natives = vec![
        ("error", Value::Obj(error)),
        ("calcsize", calcsize),
        ("pack", pack_fn),
        ("_unpack", unpack_fn),
    ];
    python_module(
        vm,
        "struct",
        "<frozen struct>",
        include_str!("py/struct.py"),
        natives,
    )
}
