//! `reprlib.repr` with its default limits, which futures use to show their result
//! (base_futures._future_repr_info); mirrors Lib/reprlib.py `Repr.repr1` and its `repr_*`.

use crate::vm::object::Payload;
use crate::vm::{PyResult, Value, Vm};

/// reprlib.Repr's defaults: maxlevel, maxtuple/maxlist/maxset, maxdict, maxstring, maxlong,
/// maxother.
const MAX_LEVEL: usize = 6;
const MAX_ITEMS: usize = 6;
const MAX_DICT: usize = 4;
const MAX_STRING: usize = 30;
const MAX_LONG: usize = 40;
const MAX_OTHER: usize = 30;

/// `reprlib.repr(v)`.
pub fn short_repr(vm: &mut Vm, v: &Value) -> PyResult<String> {
    repr1(vm, v, MAX_LEVEL)
}

/// Keeps the first and last characters of `s` around `...` when it is longer than `max`.
fn shorten(s: String, max: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= max {
        return s;
    }
    let i = (max - 3) / 2;
    let j = max - 3 - i;
    let head: String = chars[..i].iter().collect();
    let tail: String = chars[chars.len() - j..].iter().collect();
    format!("{head}...{tail}")
}

/// Mirrors Repr.repr1: dispatch on the exact type name.
fn repr1(vm: &mut Vm, v: &Value, level: usize) -> PyResult<String> {
    let exact_builtin = v.as_obj().is_none_or(|o| o.class.is_none());
    match (v, v.payload()) {
        (Value::Int(_), _) | (_, Some(Payload::Int(_))) if exact_builtin => {
            Ok(shorten(vm.repr(v)?, MAX_LONG))
        }
        (_, Some(Payload::Str(s))) if exact_builtin => Ok(repr_str(s.as_str())),
        (_, Some(Payload::List(items))) if exact_builtin => {
            let items = items.borrow().clone();
            iterable(vm, &items, level, "[", "]", "")
        }
        (_, Some(Payload::Tuple(items))) if exact_builtin => {
            let items = items.to_vec();
            iterable(vm, &items, level, "(", ")", ",")
        }
        (_, Some(Payload::Dict(_))) if exact_builtin => repr_dict(vm, v, level),
        (_, Some(Payload::Set(_))) if exact_builtin => {
            let items = vm.collect(v)?;
            if items.is_empty() {
                return Ok("set()".into());
            }
            let items = possibly_sorted(vm, items);
            iterable(vm, &items, level, "{", "}", "")
        }
        (_, Some(Payload::FrozenSet(_))) if exact_builtin => {
            let items = vm.collect(v)?;
            if items.is_empty() {
                return Ok("frozenset()".into());
            }
            let items = possibly_sorted(vm, items);
            iterable(vm, &items, level, "frozenset({", "})", "")
        }
        _ => Ok(shorten(vm.repr(v)?, MAX_OTHER)),
    }
}

/// Mirrors Repr.repr_str.
fn repr_str(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let head: String = chars.iter().take(MAX_STRING).collect();
    let r = crate::vm::strings::str_repr(&head);
    if r.chars().count() <= MAX_STRING {
        return r;
    }
    let i = (MAX_STRING - 3) / 2;
    let j = MAX_STRING - 3 - i;
    let kept: String = chars[..i.min(chars.len())]
        .iter()
        .chain(chars[chars.len().saturating_sub(j)..].iter())
        .collect();
    let r: Vec<char> = crate::vm::strings::str_repr(&kept).chars().collect();
    let head: String = r[..i.min(r.len())].iter().collect();
    let tail: String = r[r.len().saturating_sub(j)..].iter().collect();
    format!("{head}...{tail}")
}

/// `sorted(items)`, or the items as they are when they do not compare.
fn possibly_sorted(vm: &mut Vm, items: Vec<Value>) -> Vec<Value> {
    let list = Value::list(items.clone());
    match vm.call_method(&list, "sort", vec![]) {
        Ok(_) => match list.payload() {
            Some(Payload::List(l)) => l.borrow().clone(),
            _ => items,
        },
        Err(_) => items,
    }
}

/// Mirrors Repr._repr_iterable.
fn iterable(
    vm: &mut Vm,
    items: &[Value],
    level: usize,
    left: &str,
    right: &str,
    trail: &str,
) -> PyResult<String> {
    let n = items.len();
    let body = if level == 0 && n > 0 {
        "...".to_string()
    } else {
        let mut pieces = Vec::new();
        for item in items.iter().take(MAX_ITEMS) {
            pieces.push(repr1(vm, item, level.saturating_sub(1))?);
        }
        if n > MAX_ITEMS {
            pieces.push("...".into());
        }
        pieces.join(", ")
    };
    let right = if n == 1 {
        format!("{trail}{right}")
    } else {
        right.to_string()
    };
    Ok(format!("{left}{body}{right}"))
}

/// Mirrors Repr.repr_dict.
fn repr_dict(vm: &mut Vm, d: &Value, level: usize) -> PyResult<String> {
    let Some(o) = d.as_obj() else {
        return vm.repr(d);
    };
    let pairs = vm.dict_items(o);
    if pairs.is_empty() {
        return Ok("{}".into());
    }
    if level == 0 {
        return Ok("{...}".into());
    }
    let keys = possibly_sorted(vm, pairs.iter().map(|(k, _)| k.clone()).collect());
    let mut pieces = Vec::new();
    for key in keys.iter().take(MAX_DICT) {
        let value = vm.get_item(d, key)?;
        let kr = repr1(vm, key, level - 1)?;
        let vr = repr1(vm, &value, level - 1)?;
        pieces.push(format!("{kr}: {vr}"));
    }
    if pairs.len() > MAX_DICT {
        pieces.push("...".into());
    }
    Ok(format!("{{{}}}", pieces.join(", ")))
}
