//! CALL_METHOD on an exact list for the methods a loop calls per item (`append`, `pop`):
//! done on the stack, without finding the method and calling its native entry.

use super::object::Payload;
use super::value::Value;

/// Which list method a call site names, with the arguments it can take here.
enum ListCall {
    /// `lst.append(x)`.
    Append,
    /// `lst.pop()` or `lst.pop(i)` with an int `i`: the index, negative from the end.
    Pop(i64),
}

/// CALL_METHOD `name` with `n` arguments whose receiver and arguments are the top `n + 1`
/// values of `stack`: when the receiver is an exact `list` (whose methods no object can
/// override: the type is immutable and its instances have no `__dict__`) and the call is
/// `append(x)`, `pop()` or `pop(i)` with an int `i` in range, the call is done here and its
/// result replaces the receiver and arguments (as `list.append` / `list.pop` would give).
/// False, with the stack untouched, for every other call, and for every call that raises
/// (the general path raises it: an empty list, an index out of range).
#[inline(always)]
pub fn call_list_method(stack: &mut super::frame::Stack, name: &str, n: usize) -> bool {
    let Some(base) = stack.len().checked_sub(n + 1) else {
        return false;
    };
    let call = match (name, &stack[base + 1..]) {
        ("append", [_]) => ListCall::Append,
        ("pop", []) => ListCall::Pop(-1),
        ("pop", [Value::Int(i)]) => ListCall::Pop(*i),
        _ => return false,
    };
    let (receiver, args) = stack.split_at_mut(base + 1);
    let Value::Obj(o) = &receiver[base] else {
        return false;
    };
    let Payload::List(cell) = &o.payload else {
        return false;
    };
    if o.class.is_some() {
        return false;
    }
    // A list borrowed by a native operation still running (none runs Python code while
    // borrowing, so this is defensive) takes the general path.
    let Ok(mut items) = cell.try_borrow_mut() else {
        return false;
    };
    let result = match call {
        ListCall::Append => {
            items.push(std::mem::replace(&mut args[0], Value::None));
            Value::None
        }
        ListCall::Pop(i) => match item_index(i, items.len()) {
            Some(j) => items.remove(j),
            None => return false,
        },
    };
    drop(items);
    // SAFETY: what is left above the receiver is `Value::None` (append's argument, moved
    // into the list) or an int (pop's index): neither owns anything, so shortening the
    // vector without dropping them leaks nothing.
    unsafe { stack.set_len(base + 1) };
    // The result takes the receiver's slot (releasing the receiver).
    stack[base] = result;
    true
}

/// The position of item `i` (negative: from the end) of a sequence of `len` items, None when
/// it is out of range (`list.pop`'s and `list[i]`'s index rule).
#[inline]
pub fn item_index(i: i64, len: usize) -> Option<usize> {
    let j = if i < 0 { i.checked_add(len as i64)? } else { i };
    usize::try_from(j).ok().filter(|&j| j < len)
}
