//! The methods of `bytes` beyond construction: searching, splitting, stripping, case, predicates,
//! `decode` with the single-byte codecs and `bytes.fromhex`. Mirrors Objects/bytes_methods.c.

use crate::vm::object::{Obj, Payload};
use crate::vm::{Args, ObjRef, PyResult, Value, Vm};

/// ASCII whitespace as `bytes.split()`/`strip()` understand it.
const ASCII_WHITESPACE: &[u8] = b" \t\n\r\x0b\x0c";

/// A whole-content transformation (upper, lower, ...).
type ByteMap = fn(&[u8]) -> Vec<u8>;

/// A whole-content test (isdigit, isalpha, ...).
type BytePredicate = fn(&[u8]) -> bool;

/// Builds a `bytes` value.
pub fn new_bytes(data: Vec<u8>) -> Value {
    Value::Obj(Obj::new(Payload::Bytes(data.into_boxed_slice())))
}

/// The content of `self` for a bytes method.
fn me(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Vec<u8>> {
    match args.positional.first().and_then(|v| v.payload()) {
        Some(Payload::Bytes(b)) => Ok(b.to_vec()),
        _ => Err(vm.new_type_error(format!("descriptor '{name}' requires a 'bytes' object"))),
    }
}

/// A bytes-like argument, with CPython's message when it is something else.
fn bytes_like(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    match v.payload() {
        Some(Payload::Bytes(b)) => Ok(b.to_vec()),
        _ => Err(vm.new_type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(v)
        ))),
    }
}

/// A sub-sequence argument of find/count/index: bytes or a single byte value.
fn needle(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(n) = v.as_i64() {
        if !(0..256).contains(&n) {
            return Err(vm.new_value_error("byte must be in range(0, 256)"));
        }
        return Ok(vec![n as u8]);
    }
    match v.payload() {
        Some(Payload::Bytes(b)) => Ok(b.to_vec()),
        _ => Err(vm.new_type_error(format!(
            "argument should be integer or bytes-like object, not '{}'",
            vm.type_name(v)
        ))),
    }
}

/// Clamps optional start/end arguments like a slice (Objects/bytes_methods.c ADJUST_INDICES).
fn adjust(
    vm: &mut Vm,
    len: usize,
    start: Option<&Value>,
    end: Option<&Value>,
) -> PyResult<(usize, usize)> {
    let len = len as i64;
    let clamp = |i: i64| -> i64 { if i < 0 { (i + len).max(0) } else { i.min(len) } };
    let s = super::strings::slice_bound(vm, start)?.map_or(0, clamp);
    let e = super::strings::slice_bound(vm, end)?.map_or(len, clamp);
    Ok((s as usize, e as usize))
}

fn find_from(hay: &[u8], pat: &[u8], right: bool) -> Option<usize> {
    if pat.len() > hay.len() {
        return None;
    }
    let positions = 0..=hay.len() - pat.len();
    if right {
        positions.rev().find(|&i| &hay[i..i + pat.len()] == pat)
    } else {
        positions
            .into_iter()
            .find(|&i| &hay[i..i + pat.len()] == pat)
    }
}

fn count_in(hay: &[u8], pat: &[u8]) -> usize {
    if pat.is_empty() {
        return hay.len() + 1;
    }
    let (mut i, mut n) = (0, 0);
    while i + pat.len() <= hay.len() {
        if &hay[i..i + pat.len()] == pat {
            n += 1;
            i += pat.len();
        } else {
            i += 1;
        }
    }
    n
}

/// Splits on runs of ASCII whitespace (`sep=None`), from the left or the right.
fn split_whitespace(data: &[u8], maxsplit: i64, right: bool) -> Vec<Vec<u8>> {
    let mut words: Vec<Vec<u8>> = Vec::new();
    let is_ws = |c: &u8| ASCII_WHITESPACE.contains(c);
    if right {
        let mut end = data.len();
        loop {
            while end > 0 && is_ws(&data[end - 1]) {
                end -= 1;
            }
            if end == 0 {
                break;
            }
            if maxsplit >= 0 && words.len() as i64 == maxsplit {
                words.push(data[..end].to_vec());
                break;
            }
            let mut start = end;
            while start > 0 && !is_ws(&data[start - 1]) {
                start -= 1;
            }
            words.push(data[start..end].to_vec());
            end = start;
        }
        words.reverse();
    } else {
        let mut start = 0;
        loop {
            while start < data.len() && is_ws(&data[start]) {
                start += 1;
            }
            if start == data.len() {
                break;
            }
            if maxsplit >= 0 && words.len() as i64 == maxsplit {
                words.push(data[start..].to_vec());
                break;
            }
            let mut end = start;
            while end < data.len() && !is_ws(&data[end]) {
                end += 1;
            }
            words.push(data[start..end].to_vec());
            start = end;
        }
    }
    words
}

/// Splits on an explicit separator, from the left or the right.
fn split_on(data: &[u8], sep: &[u8], maxsplit: i64, right: bool) -> Vec<Vec<u8>> {
    let mut parts = Vec::new();
    let mut rest = data;
    while maxsplit < 0 || (parts.len() as i64) < maxsplit {
        match find_from(rest, sep, right) {
            Some(i) => {
                if right {
                    parts.push(rest[i + sep.len()..].to_vec());
                    rest = &rest[..i];
                } else {
                    parts.push(rest[..i].to_vec());
                    rest = &rest[i + sep.len()..];
                }
            }
            None => break,
        }
    }
    parts.push(rest.to_vec());
    if right {
        parts.reverse();
    }
    parts
}

fn list_of_bytes(parts: Vec<Vec<u8>>) -> Value {
    Value::list(parts.into_iter().map(new_bytes).collect())
}

/// Decodes with one of the codecs percolate knows (utf-8, ascii, latin-1), strict errors.
pub fn decode_bytes(vm: &mut Vm, data: &[u8], encoding: &str) -> PyResult<Value> {
    decode_bytes_with(vm, data, encoding, "strict")
}

/// The LookupError for an error handler percolate does not know.
fn unknown_handler(vm: &mut Vm, errors: &str) -> ObjRef {
    let cls = vm
        .exc
        .by_name("LookupError")
        .unwrap_or_else(|| vm.exc.value_error.clone());
    vm.new_exception_msg(&cls, format!("unknown error handler name '{errors}'"))
}

/// Replaces undecodable bytes per a non-strict `errors` handler (ignore, replace, backslashreplace);
/// `chunks` are (valid text, invalid bytes) pairs in order.
fn decode_lenient(
    vm: &mut Vm,
    chunks: Vec<(String, Vec<u8>)>,
    errors: &str,
    per_byte_replacement: bool,
) -> PyResult<Value> {
    let mut out = String::new();
    for (valid, invalid) in chunks {
        out.push_str(&valid);
        if invalid.is_empty() {
            continue;
        }
        match errors {
            "ignore" => {}
            "replace" if per_byte_replacement => {
                out.extend(std::iter::repeat_n('\u{fffd}', invalid.len()))
            }
            "replace" => out.push('\u{fffd}'),
            "backslashreplace" => {
                for b in invalid {
                    out.push_str(&format!("\\x{b:02x}"));
                }
            }
            _ => return Err(unknown_handler(vm, errors)),
        }
    }
    Ok(Value::string(out))
}

/// Decodes with a codec and an `errors` handler (strict, ignore, replace, backslashreplace).
pub fn decode_bytes_with(
    vm: &mut Vm,
    data: &[u8],
    encoding: &str,
    errors: &str,
) -> PyResult<Value> {
    if errors != "strict" {
        match normalize_encoding(encoding).as_str() {
            "utf_8" | "utf8" => {
                let chunks = data
                    .utf8_chunks()
                    .map(|c| (c.valid().to_string(), c.invalid().to_vec()))
                    .collect();
                return decode_lenient(vm, chunks, errors, false);
            }
            "ascii" | "us_ascii" => {
                let chunks = data
                    .iter()
                    .map(|&b| {
                        if b < 0x80 {
                            ((b as char).to_string(), Vec::new())
                        } else {
                            (String::new(), vec![b])
                        }
                    })
                    .collect();
                return decode_lenient(vm, chunks, errors, true);
            }
            _ => {}
        }
    }
    let decode_error = |vm: &mut Vm, codec: &str, start: usize, end: usize, reason: &str| {
        let object = new_bytes(data.to_vec());
        super::exception_fields::new_unicode_error(vm, true, codec, object, start, end, reason)
    };
    match normalize_encoding(encoding).as_str() {
        "utf_8" | "utf8" => match std::str::from_utf8(data) {
            Ok(s) => Ok(Value::str(s)),
            Err(e) => {
                let at = e.valid_up_to();
                let (end, reason) = match e.error_len() {
                    None => (data.len(), "unexpected end of data"),
                    Some(n) if (0x80..0xc2).contains(&data[at]) || data[at] > 0xf4 => {
                        (at + n, "invalid start byte")
                    }
                    Some(n) => (at + n, "invalid continuation byte"),
                };
                Err(decode_error(vm, "utf-8", at, end, reason))
            }
        },
        "ascii" | "us_ascii" => match data.iter().position(|b| *b >= 0x80) {
            None => Ok(Value::string(data.iter().map(|b| *b as char).collect())),
            Some(at) => Err(decode_error(
                vm,
                "ascii",
                at,
                at + 1,
                "ordinal not in range(128)",
            )),
        },
        "latin_1" | "latin1" | "iso_8859_1" | "iso8859_1" | "l1" => {
            Ok(Value::string(data.iter().map(|b| *b as char).collect()))
        }
        _ => Err(vm.new_exception_msg(
            &vm.exc
                .by_name("LookupError")
                .unwrap_or_else(|| vm.exc.value_error.clone()),
            format!("unknown encoding: {encoding}"),
        )),
    }
}

/// Encodes text with utf-8, ascii or latin-1, strict errors.
pub fn encode_str(vm: &mut Vm, text: &str, encoding: &str) -> PyResult<Value> {
    encode_str_with(vm, text, encoding, "strict")
}

/// Encodes text with a codec and an `errors` handler (strict, ignore, replace,
/// backslashreplace, xmlcharrefreplace), CPython's messages.
pub fn encode_str_with(vm: &mut Vm, text: &str, encoding: &str, errors: &str) -> PyResult<Value> {
    let limit = match normalize_encoding(encoding).as_str() {
        "utf_8" | "utf8" => return Ok(new_bytes(text.as_bytes().to_vec())),
        "ascii" | "us_ascii" => 128u32,
        "latin_1" | "latin1" | "iso_8859_1" | "iso8859_1" | "l1" => 256u32,
        _ => {
            return Err(vm.new_exception_msg(
                &vm.exc
                    .by_name("LookupError")
                    .unwrap_or_else(|| vm.exc.value_error.clone()),
                format!("unknown encoding: {encoding}"),
            ));
        }
    };
    let codec = if limit == 128 { "ascii" } else { "latin-1" };
    let mut out = Vec::with_capacity(text.len());
    for (pos, c) in text.chars().enumerate() {
        if (c as u32) < limit {
            out.push(c as u32 as u8);
        } else if errors != "strict" {
            match errors {
                "ignore" => {}
                "replace" => out.push(b'?'),
                "backslashreplace" => {
                    let quoted = escaped_char(c);
                    out.extend_from_slice(&quoted.as_bytes()[1..quoted.len() - 1]);
                }
                "xmlcharrefreplace" => out.extend_from_slice(format!("&#{};", c as u32).as_bytes()),
                _ => return Err(unknown_handler(vm, errors)),
            }
        } else {
            // The error covers the whole run of characters the codec cannot encode.
            let run = text
                .chars()
                .skip(pos)
                .take_while(|&c| c as u32 >= limit)
                .count();
            return Err(super::exception_fields::new_unicode_error(
                vm,
                false,
                codec,
                Value::str(text),
                pos,
                pos + run,
                &format!("ordinal not in range({limit})"),
            ));
        }
    }
    Ok(new_bytes(out))
}

/// A character as UnicodeEncodeError shows it: always escaped (`'\\xe9'`, `'\\u20ac'`).
pub(crate) fn escaped_char(c: char) -> String {
    match c as u32 {
        n if n < 0x100 => format!("'\\x{n:02x}'"),
        n if n < 0x10000 => format!("'\\u{n:04x}'"),
        n => format!("'\\U{n:08x}'"),
    }
}

/// A str argument such as `errors=`, or its default; TypeError otherwise.
fn text_argument(
    vm: &mut Vm,
    v: Option<&Value>,
    fname: &str,
    argname: &str,
    default: &str,
) -> PyResult<String> {
    match v {
        None => Ok(default.to_string()),
        Some(v) => match v.as_str() {
            Some(s) => Ok(s.to_string()),
            None => Err(vm.new_type_error(format!(
                "{fname}() argument '{argname}' must be str, not {}",
                vm.type_name(v)
            ))),
        },
    }
}

/// True when `name` spells the UTF-8 codec.
pub fn is_utf8_name(name: &str) -> bool {
    matches!(normalize_encoding(name).as_str(), "utf_8" | "utf8")
}

/// Lower-cases a codec name and turns '-' and ' ' into '_' (Lib/encodings normalize_encoding).
fn normalize_encoding(name: &str) -> String {
    name.trim()
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c == '-' || c == ' ' { '_' } else { c })
        .collect()
}

/// Parses `bytes.fromhex` input: hex pairs with optional ASCII whitespace between them.
fn from_hex(vm: &mut Vm, text: &str) -> PyResult<Vec<u8>> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let hi = chars[i].to_digit(16);
        let lo = chars.get(i + 1).and_then(|c| c.to_digit(16));
        match (hi, lo) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            (None, _) => {
                return Err(vm.new_value_error(format!(
                    "non-hexadecimal number found in fromhex() arg at position {i}"
                )));
            }
            (Some(_), None) => {
                return Err(vm.new_value_error(format!(
                    "non-hexadecimal number found in fromhex() arg at position {}",
                    i + 1
                )));
            }
        }
        i += 2;
    }
    Ok(out)
}

/// Registers a bytes method that receives the content of `self` and the other positionals.
fn add(
    vm: &mut Vm,
    cls: &ObjRef,
    name: &'static str,
    max_args: usize,
    f: impl Fn(&mut Vm, Vec<u8>, Vec<Value>) -> PyResult<Value> + 'static,
) {
    vm.add_method(cls, name, move |vm, args| {
        let data = me(vm, &args, name)?;
        let rest = args.check(vm, name, 1, max_args + 1)?[1..].to_vec();
        f(vm, data, rest)
    });
}

/// `add` for a method whose parameters `names` (all optional) may also be passed by name,
/// bound as Argument Clinic binds them (`Args::clinic`); `f` gets the given ones in order,
/// up to the first left out.
fn add_kw(
    vm: &mut Vm,
    cls: &ObjRef,
    name: &'static str,
    names: &'static [&'static str],
    f: impl Fn(&mut Vm, Vec<u8>, Vec<Value>) -> PyResult<Value> + 'static,
) {
    vm.add_method(cls, name, move |vm, mut args| {
        let data = me(vm, &args, name)?;
        args.positional.remove(0);
        let given = args.clinic(vm, name, names)?;
        f(vm, data, given.into_iter().map_while(|v| v).collect())
    });
}

/// Registers the methods of `bytes`.
pub fn install(vm: &mut Vm) {
    let bytes = vm.types.bytes.clone();
    for (name, right) in [("split", false), ("rsplit", true)] {
        vm.add_method(&bytes, name, move |vm, mut args| {
            let data = me(vm, &args, name)?;
            args.positional.remove(0);
            let slots = args.clinic(vm, name, &["sep", "maxsplit"])?;
            let maxsplit = match &slots[1] {
                Some(v) => vm.index_value(v)?,
                None => -1,
            };
            match &slots[0] {
                None | Some(Value::None) => {
                    Ok(list_of_bytes(split_whitespace(&data, maxsplit, right)))
                }
                Some(v) => {
                    let sep = bytes_like(vm, v)?;
                    if sep.is_empty() {
                        return Err(vm.new_value_error("empty separator"));
                    }
                    Ok(list_of_bytes(split_on(&data, &sep, maxsplit, right)))
                }
            }
        });
    }
    add(vm, &bytes, "join", 1, |vm, sep, a| {
        let items = vm.collect(&a[0])?;
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(&sep);
            }
            match item.payload() {
                Some(Payload::Bytes(b)) => out.extend_from_slice(b),
                _ => {
                    return Err(vm.new_type_error(format!(
                        "sequence item {i}: expected a bytes-like object, {} found",
                        vm.type_name(item)
                    )));
                }
            }
        }
        Ok(new_bytes(out))
    });
    for (name, left, right) in [
        ("strip", true, true),
        ("lstrip", true, false),
        ("rstrip", false, true),
    ] {
        add(vm, &bytes, name, 1, move |vm, data, a| {
            let chars = match a.first() {
                None | Some(Value::None) => ASCII_WHITESPACE.to_vec(),
                Some(v) => bytes_like(vm, v)?,
            };
            let mut s = 0;
            let mut e = data.len();
            if left {
                while s < e && chars.contains(&data[s]) {
                    s += 1;
                }
            }
            if right {
                while e > s && chars.contains(&data[e - 1]) {
                    e -= 1;
                }
            }
            Ok(new_bytes(data[s..e].to_vec()))
        });
    }
    let cases: [(&'static str, ByteMap); 5] = [
        ("upper", |d| d.to_ascii_uppercase()),
        ("lower", |d| d.to_ascii_lowercase()),
        ("swapcase", |d| {
            d.iter()
                .map(|c| {
                    if c.is_ascii_lowercase() {
                        c.to_ascii_uppercase()
                    } else {
                        c.to_ascii_lowercase()
                    }
                })
                .collect()
        }),
        ("capitalize", |d| {
            d.iter()
                .enumerate()
                .map(|(i, c)| {
                    if i == 0 {
                        c.to_ascii_uppercase()
                    } else {
                        c.to_ascii_lowercase()
                    }
                })
                .collect()
        }),
        ("title", |d| {
            let mut prev_cased = false;
            d.iter()
                .map(|c| {
                    let out = if prev_cased {
                        c.to_ascii_lowercase()
                    } else {
                        c.to_ascii_uppercase()
                    };
                    prev_cased = c.is_ascii_alphabetic();
                    out
                })
                .collect()
        }),
    ];
    for (name, f) in cases {
        add(vm, &bytes, name, 0, move |_, data, _| {
            Ok(new_bytes(f(&data)))
        });
    }
    let predicates: [(&'static str, BytePredicate); 7] = [
        ("isdigit", |d| {
            !d.is_empty() && d.iter().all(u8::is_ascii_digit)
        }),
        ("isalpha", |d| {
            !d.is_empty() && d.iter().all(u8::is_ascii_alphabetic)
        }),
        ("isalnum", |d| {
            !d.is_empty() && d.iter().all(u8::is_ascii_alphanumeric)
        }),
        ("isspace", |d| {
            !d.is_empty() && d.iter().all(|c| ASCII_WHITESPACE.contains(c))
        }),
        ("islower", |d| {
            d.iter().any(u8::is_ascii_lowercase) && !d.iter().any(u8::is_ascii_uppercase)
        }),
        ("isupper", |d| {
            d.iter().any(u8::is_ascii_uppercase) && !d.iter().any(u8::is_ascii_lowercase)
        }),
        ("isascii", |d| d.is_ascii()),
    ];
    for (name, f) in predicates {
        add(vm, &bytes, name, 0, move |_, data, _| {
            Ok(Value::Bool(f(&data)))
        });
    }
    for (name, ends) in [("startswith", false), ("endswith", true)] {
        add(vm, &bytes, name, 3, move |vm, data, a| {
            let (s, e) = adjust(vm, data.len(), a.get(1), a.get(2))?;
            let window: &[u8] = if s <= e { &data[s..e] } else { &[] };
            let candidates = match a[0].as_tuple() {
                Some(t) => t.to_vec(),
                None => vec![a[0].clone()],
            };
            for c in candidates {
                let pat = match c.payload() {
                    Some(Payload::Bytes(b)) => b.to_vec(),
                    _ => {
                        return Err(vm.new_type_error(format!(
                            "{name} first arg must be bytes or a tuple of bytes, not {}",
                            vm.type_name(&c)
                        )));
                    }
                };
                if s > data.len() {
                    continue;
                }
                let hit = if ends {
                    window.ends_with(&pat)
                } else {
                    window.starts_with(&pat)
                };
                if hit {
                    return Ok(Value::Bool(true));
                }
            }
            Ok(Value::Bool(false))
        });
    }
    for (name, kind) in [
        ("find", 0),
        ("rfind", 1),
        ("index", 2),
        ("rindex", 3),
        ("count", 4),
    ] {
        add(vm, &bytes, name, 3, move |vm, data, a| {
            // The bounds are parsed before the needle is looked at
            // (stringlib's parse_args_finds_byte), so a bad bound is the error shown first.
            let (s, e) = adjust(vm, data.len(), a.get(1), a.get(2))?;
            let pat = needle(vm, &a[0])?;
            if kind == 4 {
                if s > e {
                    return Ok(Value::Int(0));
                }
                return Ok(Value::Int(count_in(&data[s..e], &pat) as i64));
            }
            let found = if s <= e {
                find_from(&data[s..e], &pat, kind % 2 == 1)
            } else {
                None
            };
            match found {
                Some(i) => Ok(Value::Int((i + s) as i64)),
                None if kind >= 2 => Err(vm.new_value_error("subsection not found")),
                None => Ok(Value::Int(-1)),
            }
        });
    }
    add(vm, &bytes, "replace", 3, |vm, data, a| {
        let old = bytes_like(vm, &a[0])?;
        let new = bytes_like(vm, a.get(1).unwrap_or(&Value::None))?;
        let count = match a.get(2) {
            Some(v) => vm.index_value(v)?,
            None => -1,
        };
        let mut out = Vec::new();
        let mut i = 0;
        let mut done = 0;
        while i <= data.len() {
            let can = count < 0 || done < count;
            if can && data[i..].starts_with(&old) {
                out.extend_from_slice(&new);
                done += 1;
                if old.is_empty() {
                    if i < data.len() {
                        out.push(data[i]);
                    }
                    i += 1;
                } else {
                    i += old.len();
                }
            } else {
                if i < data.len() {
                    out.push(data[i]);
                }
                i += 1;
            }
        }
        Ok(new_bytes(out))
    });
    add_kw(vm, &bytes, "splitlines", &["keepends"], |vm, data, a| {
        let keep = super::strings::keepends(vm, a.first())?;
        let mut lines = Vec::new();
        let mut start = 0;
        let mut i = 0;
        while i < data.len() {
            let eol = match data[i] {
                b'\r' if data.get(i + 1) == Some(&b'\n') => 2,
                b'\r' | b'\n' => 1,
                _ => 0,
            };
            if eol > 0 {
                let end = if keep { i + eol } else { i };
                lines.push(data[start..end].to_vec());
                i += eol;
                start = i;
            } else {
                i += 1;
            }
        }
        if start < data.len() {
            lines.push(data[start..].to_vec());
        }
        Ok(list_of_bytes(lines))
    });
    for (name, right) in [("partition", false), ("rpartition", true)] {
        add(vm, &bytes, name, 1, move |vm, data, a| {
            let sep = bytes_like(vm, &a[0])?;
            if sep.is_empty() {
                return Err(vm.new_value_error("empty separator"));
            }
            let parts = match find_from(&data, &sep, right) {
                Some(i) => [
                    data[..i].to_vec(),
                    sep.clone(),
                    data[i + sep.len()..].to_vec(),
                ],
                None if right => [Vec::new(), Vec::new(), data.clone()],
                None => [data.clone(), Vec::new(), Vec::new()],
            };
            Ok(Value::tuple(parts.into_iter().map(new_bytes).collect()))
        });
    }
    install_padding_and_translation(vm, &bytes);
    vm.add_method(&bytes, "decode", |vm, mut args| {
        let data = me(vm, &args, "decode")?;
        args.positional.remove(0);
        let slots = args.bind(vm, "decode", &["encoding", "errors"], 2, 0)?;
        let encoding = match &slots[0] {
            None => "utf-8".to_string(),
            Some(v) => match v.as_str() {
                Some(s) => s.to_string(),
                None => {
                    return Err(vm.new_type_error(format!(
                        "decode() argument 'encoding' must be str, not {}",
                        vm.type_name(v)
                    )));
                }
            },
        };
        let errors = text_argument(vm, slots[1].as_ref(), "decode", "errors", "strict")?;
        decode_bytes_with(vm, &data, &encoding, &errors)
    });
    vm.add_classmethod(&bytes, "fromhex", |vm, args| {
        let a = args.check(vm, "fromhex", 2, 2)?.to_vec();
        let text = match a[1].as_str() {
            Some(s) => s.to_string(),
            None => {
                return Err(vm.new_type_error(format!(
                    "fromhex() argument must be str, not {}",
                    vm.type_name(&a[1])
                )));
            }
        };
        let data = from_hex(vm, &text)?;
        Ok(new_bytes(data))
    });
    let str_ = vm.types.str_.clone();
    vm.add_method(&str_, "encode", |vm, mut args| {
        let text = match args.positional.first().and_then(|v| v.as_str()) {
            Some(s) => s.to_string(),
            None => return Err(vm.new_type_error("descriptor 'encode' requires a 'str' object")),
        };
        args.positional.remove(0);
        let slots = args.bind(vm, "encode", &["encoding", "errors"], 2, 0)?;
        let encoding = match &slots[0] {
            None => "utf-8".to_string(),
            Some(v) => match v.as_str() {
                Some(s) => s.to_string(),
                None => {
                    return Err(vm.new_type_error(format!(
                        "encode() argument 'encoding' must be str, not {}",
                        vm.type_name(v)
                    )));
                }
            },
        };
        let errors = text_argument(vm, slots[1].as_ref(), "encode", "errors", "strict")?;
        encode_str_with(vm, &text, &encoding, &errors)
    });
}

/// The fill byte of center/ljust/rjust, with CPython's message.
fn fill_byte(vm: &mut Vm, name: &str, v: Option<&Value>) -> PyResult<u8> {
    match v {
        None => Ok(b' '),
        Some(v) => match v.payload() {
            Some(Payload::Bytes(b)) if b.len() == 1 => Ok(b[0]),
            _ => Err(vm.new_type_error(format!(
                "{name}() argument 2 must be a byte string of length 1, not {}",
                vm.type_name(v)
            ))),
        },
    }
}

/// Mirrors bytes_methods.c pad: `left` bytes of fill, the data, then the rest up to `width`.
fn padded(data: &[u8], left: usize, width: usize, fill: u8) -> Value {
    let mut out = vec![fill; left];
    out.extend_from_slice(data);
    out.resize(width.max(data.len()), fill);
    new_bytes(out)
}

/// Registers center/ljust/rjust/zfill, prefix removal, expandtabs, istitle and translate.
fn install_padding_and_translation(vm: &mut Vm, bytes: &ObjRef) {
    for (name, which) in [("center", 0), ("ljust", 1), ("rjust", 2)] {
        add(vm, bytes, name, 2, move |vm, data, a| {
            let width = vm.index_value(&a[0])?.max(0) as usize;
            let fill = fill_byte(vm, name, a.get(1))?;
            if width <= data.len() {
                return Ok(new_bytes(data));
            }
            let pad = width - data.len();
            let left = match which {
                0 => pad / 2 + (pad & width & 1),
                1 => 0,
                _ => pad,
            };
            Ok(padded(&data, left, width, fill))
        });
    }
    add(vm, bytes, "zfill", 1, |vm, data, a| {
        let width = vm.index_value(&a[0])?.max(0) as usize;
        if width <= data.len() {
            return Ok(new_bytes(data));
        }
        let pad = width - data.len();
        let mut out = vec![b'0'; pad];
        out.extend_from_slice(&data);
        if let Some(&sign) = data.first()
            && (sign == b'+' || sign == b'-')
        {
            out[0] = sign;
            out[pad] = b'0';
        }
        Ok(new_bytes(out))
    });
    for (name, suffix) in [("removeprefix", false), ("removesuffix", true)] {
        add(vm, bytes, name, 1, move |vm, data, a| {
            let affix = bytes_like(vm, &a[0])?;
            let out = if suffix && data.ends_with(&affix) {
                data[..data.len() - affix.len()].to_vec()
            } else if !suffix && data.starts_with(&affix) {
                data[affix.len()..].to_vec()
            } else {
                data
            };
            Ok(new_bytes(out))
        });
    }
    add_kw(vm, bytes, "expandtabs", &["tabsize"], |vm, data, a| {
        let tabsize = match a.first() {
            Some(v) => vm.index_value(v)?,
            None => 8,
        };
        let mut out = Vec::new();
        let mut column: i64 = 0;
        for &c in &data {
            match c {
                b'\t' => {
                    if tabsize > 0 {
                        let spaces = tabsize - column % tabsize;
                        out.extend(std::iter::repeat_n(b' ', spaces as usize));
                        column += spaces;
                    }
                }
                b'\n' | b'\r' => {
                    out.push(c);
                    column = 0;
                }
                _ => {
                    out.push(c);
                    column += 1;
                }
            }
        }
        Ok(new_bytes(out))
    });
    add(vm, bytes, "istitle", 0, |_, data, _| {
        let (mut cased, mut prev_cased) = (false, false);
        for c in data {
            if c.is_ascii_uppercase() {
                if prev_cased {
                    return Ok(Value::Bool(false));
                }
                prev_cased = true;
                cased = true;
            } else if c.is_ascii_lowercase() {
                if !prev_cased {
                    return Ok(Value::Bool(false));
                }
                prev_cased = true;
                cased = true;
            } else {
                prev_cased = false;
            }
        }
        Ok(Value::Bool(cased))
    });
    add(vm, bytes, "translate", 2, |vm, data, a| {
        let table = match &a[0] {
            Value::None => None,
            v => {
                let t = bytes_like(vm, v)?;
                if t.len() != 256 {
                    return Err(vm.new_value_error("translation table must be 256 characters long"));
                }
                Some(t)
            }
        };
        let delete = match a.get(1) {
            Some(v) => bytes_like(vm, v)?,
            None => Vec::new(),
        };
        let out = data
            .iter()
            .filter(|c| !delete.contains(c))
            .map(|&c| table.as_ref().map_or(c, |t| t[c as usize]))
            .collect();
        Ok(new_bytes(out))
    });
    vm.add_static(bytes, "maketrans", |vm, args| {
        let a = args.check(vm, "maketrans", 2, 2)?.to_vec();
        let from = bytes_like(vm, &a[0])?;
        let to = bytes_like(vm, &a[1])?;
        if from.len() != to.len() {
            return Err(vm.new_value_error("maketrans arguments must have same length"));
        }
        let mut table: Vec<u8> = (0..=255).collect();
        for (f, t) in from.iter().zip(&to) {
            table[*f as usize] = *t;
        }
        Ok(new_bytes(table))
    });
}
