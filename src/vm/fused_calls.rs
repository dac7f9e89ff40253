//! Instructions run together with the ones around them on a consumer loop's hot path
//! (`for a, b, c in window(...)`, `if len(buf) == n`, `yield tuple(buf)`, `buf.append(x)`):
//! a built-in called on a local straight from LOAD_GLOBAL, a tuple or list unpacked straight
//! into locals, and a method call's unused result dropped at once. Each one does what the
//! separate instructions would, without their pushes, pops and dispatches.

use super::frame::Frame;
use super::object::Payload;
use super::value::Value;
use super::{PyResult, Vm};
use crate::bytecode::Instr;

impl Vm {
    /// LOAD_GLOBAL of `callable` run with `LOAD_FAST a; CALL 1` after it, when `callable` is
    /// a built-in function with a positional entry (`len(buf)`) or one of the built-in types
    /// `convert_call_fast` serves (`tuple(buf)`, `str(x)`, `int(x)`): the call's result, with
    /// `frame.ip` past the CALL, as CALL's own fast paths would give it. None (nothing
    /// changed) for everything else: an unbound local, `range(n)` followed by GET_ITER (CALL
    /// makes the iterator at once), an argument `convert_call_fast` leaves to the type.
    #[inline(always)]
    pub(super) fn global_builtin_call(
        &mut self,
        frame: &mut Frame,
        callable: &Value,
    ) -> Option<PyResult<Value>> {
        let Value::Obj(o) = callable else {
            return None;
        };
        let at = frame.ip;
        let Some(&[Instr::LoadFast(a), Instr::Call(1)]) = frame.code.instructions.get(at..at + 2)
        else {
            return None;
        };
        // The argument is held as the stack would hold it: whatever the call runs cannot
        // free it under us.
        let args = [frame.locals[a as usize].as_ref()?.clone()];
        let r = match &o.payload {
            Payload::NativeFunction(nf) => {
                let fast = nf.fast.as_ref()?;
                frame.ip = at + 2;
                fast(self, &args)
            }
            Payload::Type(_) => {
                if let Some(Instr::GetIter) = frame.code.instructions.get(at + 2) {
                    return None;
                }
                let r = self.convert_call_fast(o, &args)?;
                frame.ip = at + 2;
                r
            }
            _ => return None,
        };
        Some(r)
    }
}

/// UNPACK_SEQUENCE `n` of `seq` when it is an exact tuple or list of `n` items and the `n`
/// instructions after it (at `frame.ip`) are all STORE_FAST (`for a, b, c in ...`, `x, y =
/// t`): the items are stored in those locals in order, `frame.ip` moves past the stores and
/// true is returned (the caller runs STORE_FAST's safe point once). False (nothing changed)
/// for everything else, which UNPACK_SEQUENCE's general path unpacks.
#[inline(always)]
pub(super) fn unpack_to_locals(frame: &mut Frame, seq: &Value, n: usize) -> bool {
    let Value::Obj(o) = seq else {
        return false;
    };
    if o.class.is_some() {
        return false;
    }
    let at = frame.ip;
    let Some(stores) = frame.code.instructions.get(at..at + n) else {
        return false;
    };
    if !stores.iter().all(|i| matches!(i, Instr::StoreFast(_))) {
        return false;
    }
    let store = |locals: &mut [Option<Value>], items: &[Value]| {
        for (instr, v) in stores.iter().zip(items) {
            if let Instr::StoreFast(j) = *instr {
                locals[j as usize] = Some(v.clone());
            }
        }
    };
    match &o.payload {
        Payload::Tuple(items) if items.len() == n => store(&mut frame.locals, items),
        Payload::List(items) => {
            // An old local value released by a store cannot run Python code (finalizers
            // wait for the safe point), so the list cannot change while it is borrowed.
            let Ok(items) = items.try_borrow() else {
                return false;
            };
            if items.len() != n {
                return false;
            }
            store(&mut frame.locals, &items);
        }
        _ => return false,
    }
    frame.ip = at + n;
    true
}

/// After a CALL_METHOD that left its result on top of the stack, a POP_TOP next (a call as
/// a statement: `buf.append(x)`, `buf.pop(0)`) is run at once: the result is dropped and
/// `frame.ip` moves past it. True when it did (the caller runs POP_TOP's safe point).
#[inline(always)]
pub(super) fn drop_unused_result(frame: &mut Frame) -> bool {
    if let Some(Instr::PopTop) = frame.code.instructions.get(frame.ip) {
        frame.ip += 1;
        frame.stack.pop();
        return true;
    }
    false
}
