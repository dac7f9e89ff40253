//! The native core of `re` (the `_sre` part): pattern compilation and matching. The Python
//! surface (`re.compile`, Pattern, Match, sub templates, split) is `py/re.py`.

pub mod engine;
pub mod parse;

use crate::modules::python_module;
use crate::vm::object::{NativeObject, Payload};
use crate::vm::{ObjRef, PyResult, Value, Vm};
use engine::{Mode, Program};

/// A compiled pattern held by a Python `Pattern` object.
struct CompiledCode {
    /// The program.
    program: Program,
    /// True for a bytes pattern.
    is_bytes: bool,
}

impl NativeObject for CompiledCode {
    fn trace(&self, _visit: &mut dyn FnMut(&Value)) {}
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The characters of a str, or the bytes of a bytes object as Latin-1 characters; the flag
/// says which.
fn subject_chars(v: &Value) -> Option<(Vec<char>, bool)> {
    if let Some(s) = v.as_str() {
        return Some((s.chars().collect(), false));
    }
    match v.payload()? {
        Payload::Bytes(b) => Some((b.iter().map(|&x| char::from(x)).collect(), true)),
        _ => None,
    }
}

fn index_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    vm.index_value(v)
}

/// `_compile(pattern, flags)`: `(code, groups, [(name, index)], flags)`, or
/// `(None, message, position)` for an invalid pattern.
fn compile(vm: &mut Vm, code_cls: &ObjRef, args: &[Value]) -> PyResult<Value> {
    let Some((chars, is_bytes)) = subject_chars(&args[0]) else {
        return Err(vm.new_type_error("first argument must be string or compiled pattern"));
    };
    let flags = index_arg(vm, &args[1])? as u32;
    let parsed = match parse::parse(&chars, flags, is_bytes) {
        Ok(parsed) => parsed,
        Err(e) => {
            return Ok(Value::tuple(vec![
                Value::None,
                Value::string(e.msg),
                Value::Int(if e.pos == usize::MAX {
                    -1
                } else {
                    e.pos as i64
                }),
            ]));
        }
    };
    let ascii_case = is_bytes || parsed.flags & parse::ASCII != 0;
    let Some(program) = engine::compile(&parsed, ascii_case) else {
        return Ok(Value::tuple(vec![
            Value::None,
            Value::str("pattern too large for percolate's regular-expression engine"),
            Value::Int(0),
        ]));
    };
    let names = parsed
        .names
        .iter()
        .map(|(n, i)| Value::tuple(vec![Value::str(n), Value::Int(*i as i64)]))
        .collect();
    let code = vm.new_native_object(code_cls, CompiledCode { program, is_bytes });
    Ok(Value::tuple(vec![
        Value::Obj(code),
        Value::Int(parsed.groups as i64),
        Value::list(names),
        Value::Int(i64::from(parsed.flags)),
    ]))
}

/// The compiled code and the subject's characters, after checking their kinds agree.
fn code_and_subject<'a>(
    vm: &mut Vm,
    code: &'a Value,
    subject: &Value,
) -> PyResult<(&'a CompiledCode, Vec<char>)> {
    let Some(compiled) = code.as_obj().and_then(|o| o.native::<CompiledCode>()) else {
        return Err(vm.new_type_error("expected a compiled pattern"));
    };
    let Some((chars, is_bytes)) = subject_chars(subject) else {
        return Err(vm.new_type_error(format!(
            "expected string or bytes-like object, got '{}'",
            vm.type_name(subject)
        )));
    };
    if is_bytes != compiled.is_bytes {
        let msg = if compiled.is_bytes {
            "cannot use a bytes pattern on a string-like object"
        } else {
            "cannot use a string pattern on a bytes-like object"
        };
        return Err(vm.new_type_error(msg));
    }
    Ok((compiled, chars))
}

/// Clamps `pos`/`endpos` arguments into `0..=len` as `_sre` does.
fn bounds(vm: &mut Vm, pos: &Value, endpos: &Value, len: usize) -> PyResult<(usize, usize)> {
    let clamp = |n: i64| n.clamp(0, len as i64) as usize;
    let pos = clamp(index_arg(vm, pos)?);
    let endpos = if endpos.is_none() {
        len
    } else {
        clamp(index_arg(vm, endpos)?)
    };
    Ok((pos, endpos))
}

fn found_value(found: engine::Found) -> Value {
    let slots = found
        .slots
        .iter()
        .map(|s| s.map_or(Value::Int(-1), |p| Value::Int(p as i64)))
        .collect();
    let last = found
        .lastindex
        .map_or(Value::None, |i| Value::Int(i as i64));
    Value::tuple(vec![Value::tuple(slots), last])
}

/// `_match(code, string, pos, endpos, mode)`: `(slots, lastindex)` or None; mode 0 match,
/// 1 fullmatch, 2 search.
fn match_once(vm: &mut Vm, args: &[Value]) -> PyResult<Value> {
    let (compiled, chars) = code_and_subject(vm, &args[0], &args[1])?;
    let (pos, endpos) = bounds(vm, &args[2], &args[3], chars.len())?;
    let mode = match index_arg(vm, &args[4])? {
        0 => Mode::Match,
        1 => Mode::FullMatch,
        _ => Mode::Search,
    };
    Ok(compiled
        .program
        .find(&chars, pos, endpos, mode, false)
        .map_or(Value::None, found_value))
}

/// `_find_all(code, string, pos, endpos, limit)`: the successive non-overlapping matches
/// (at most `limit` when it is positive), as `_sre`'s scanner finds them.
fn find_all(vm: &mut Vm, args: &[Value]) -> PyResult<Value> {
    let (compiled, chars) = code_and_subject(vm, &args[0], &args[1])?;
    let (pos, endpos) = bounds(vm, &args[2], &args[3], chars.len())?;
    let limit = index_arg(vm, &args[4])?;
    let found = scan(compiled, &chars, pos, endpos, limit);
    Ok(Value::list(found.into_iter().map(found_value).collect()))
}

/// The text of `chars[start..end]` as the subject's type (str, or bytes for a bytes subject).
fn piece(chars: &[char], is_bytes: bool, start: usize, end: usize) -> Value {
    let part = &chars[start..end];
    if is_bytes {
        crate::builtins::bytes_methods::new_bytes(part.iter().map(|&c| c as u8).collect())
    } else {
        Value::string(part.iter().collect())
    }
}

/// Group `g`'s text of a match, or None when the group did not take part.
fn group_piece(chars: &[char], is_bytes: bool, slots: &engine::Slots, g: usize) -> Option<Value> {
    match (slots[2 * g], slots[2 * g + 1]) {
        (Some(s), Some(e)) => Some(piece(chars, is_bytes, s, e)),
        _ => None,
    }
}

/// Runs the scanner over the whole subject: the successive matches (at most `limit` when
/// positive), as `_sre` finds them.
fn scan(
    compiled: &CompiledCode,
    chars: &[char],
    mut pos: usize,
    endpos: usize,
    limit: i64,
) -> Vec<engine::Found> {
    let mut results = Vec::new();
    let mut must_advance = false;
    while pos <= endpos && (limit <= 0 || (results.len() as i64) < limit) {
        let Some(found) = compiled
            .program
            .find(chars, pos, endpos, Mode::Search, must_advance)
        else {
            break;
        };
        let (start, end) = (found.slots[0].unwrap_or(pos), found.slots[1].unwrap_or(pos));
        must_advance = start == end;
        pos = end;
        results.push(found);
    }
    results
}

/// `_findall(code, string, pos, endpos, groups)`: `Pattern.findall`'s list.
fn findall(vm: &mut Vm, args: &[Value]) -> PyResult<Value> {
    let (compiled, chars) = code_and_subject(vm, &args[0], &args[1])?;
    let (pos, endpos) = bounds(vm, &args[2], &args[3], chars.len())?;
    let groups = index_arg(vm, &args[4])? as usize;
    let is_bytes = compiled.is_bytes;
    let empty = || piece(&[], is_bytes, 0, 0);
    let items = scan(compiled, &chars, pos, endpos, 0)
        .into_iter()
        .map(|found| match groups {
            0 => group_piece(&chars, is_bytes, &found.slots, 0).unwrap_or_else(empty),
            1 => group_piece(&chars, is_bytes, &found.slots, 1).unwrap_or_else(empty),
            _ => Value::tuple(
                (1..=groups)
                    .map(|g| group_piece(&chars, is_bytes, &found.slots, g).unwrap_or_else(empty))
                    .collect(),
            ),
        })
        .collect();
    Ok(Value::list(items))
}

/// `_split(code, string, maxsplit, groups)`: `Pattern.split`'s list.
fn split(vm: &mut Vm, args: &[Value]) -> PyResult<Value> {
    let (compiled, chars) = code_and_subject(vm, &args[0], &args[1])?;
    let maxsplit = index_arg(vm, &args[2])?;
    let groups = index_arg(vm, &args[3])? as usize;
    let is_bytes = compiled.is_bytes;
    let mut pieces = Vec::new();
    let mut last = 0;
    for found in scan(compiled, &chars, 0, chars.len(), maxsplit) {
        let (start, end) = (
            found.slots[0].unwrap_or(last),
            found.slots[1].unwrap_or(last),
        );
        pieces.push(piece(&chars, is_bytes, last, start));
        for g in 1..=groups {
            pieces.push(group_piece(&chars, is_bytes, &found.slots, g).unwrap_or(Value::None));
        }
        last = end;
    }
    pieces.push(piece(&chars, is_bytes, last, chars.len()));
    Ok(Value::list(pieces))
}

/// `_subn(code, string, parts, count)`: `(result, n)` for a template already parsed into
/// literal parts (str or bytes) and group numbers (ints).
fn subn(vm: &mut Vm, args: &[Value]) -> PyResult<Value> {
    let (compiled, chars) = code_and_subject(vm, &args[0], &args[1])?;
    let count = index_arg(vm, &args[3])?;
    let Some(Payload::List(parts)) = args[2].payload() else {
        return Err(vm.new_type_error("_subn expects a list of template parts"));
    };
    enum Part {
        Text(Vec<char>),
        Group(usize),
    }
    let mut template = Vec::new();
    for p in parts.borrow().iter() {
        if let Some(s) = p.as_str() {
            template.push(Part::Text(s.chars().collect()));
        } else if let Some(Payload::Bytes(b)) = p.payload() {
            template.push(Part::Text(b.iter().map(|&c| char::from(c)).collect()));
        } else if let Value::Int(g) = p {
            template.push(Part::Group(*g as usize));
        }
    }
    let matches = scan(compiled, &chars, 0, chars.len(), count);
    let n = matches.len();
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut last = 0;
    for found in matches {
        let (start, end) = (
            found.slots[0].unwrap_or(last),
            found.slots[1].unwrap_or(last),
        );
        out.extend_from_slice(&chars[last..start]);
        for part in &template {
            match part {
                Part::Text(t) => out.extend_from_slice(t),
                Part::Group(g) => {
                    if let (Some(s), Some(e)) = (found.slots[2 * g], found.slots[2 * g + 1]) {
                        out.extend_from_slice(&chars[s..e]);
                    }
                }
            }
        }
        last = end;
    }
    out.extend_from_slice(&chars[last..]);
    let result = piece(&out, compiled.is_bytes, 0, out.len());
    Ok(Value::tuple(vec![result, Value::Int(n as i64)]))
}

/// Registers `re` (Python in `py/re.py` over the natives of this file).
pub fn init(vm: &mut Vm) -> PyResult<ObjRef> {
    let code_cls = vm.new_native_class("_Code", &[], "re");
    let compile_fn = vm.new_native_fn("_compile", move |vm, args| {
        let a = args.check(vm, "_compile", 2, 2)?.to_vec();
        compile(vm, &code_cls, &a)
    });
    let match_fn = vm.new_native_fn("_match", |vm, args| {
        let a = args.check(vm, "_match", 5, 5)?.to_vec();
        match_once(vm, &a)
    });
    let find_all_fn = vm.new_native_fn("_find_all", |vm, args| {
        let a = args.check(vm, "_find_all", 5, 5)?.to_vec();
        find_all(vm, &a)
    });
    let findall_fn = vm.new_native_fn("_findall", |vm, args| {
        let a = args.check(vm, "_findall", 5, 5)?.to_vec();
        findall(vm, &a)
    });
    let split_fn = vm.new_native_fn("_split", |vm, args| {
        let a = args.check(vm, "_split", 4, 4)?.to_vec();
        split(vm, &a)
    });
    let subn_fn = vm.new_native_fn("_subn", |vm, args| {
        let a = args.check(vm, "_subn", 4, 4)?.to_vec();
        subn(vm, &a)
    });
    let natives = vec![
        ("_findall", findall_fn),
        ("_split", split_fn),
        ("_subn", subn_fn),
        ("_compile", compile_fn),
        ("_match", match_fn),
        ("_find_all", find_all_fn),
    ];
    python_module(
        vm,
        "re",
        "<frozen re>",
        include_str!("../py/re.py"),
        natives,
    )
}
