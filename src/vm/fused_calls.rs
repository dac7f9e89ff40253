//! Instructions run together with the ones around them on a consumer loop's hot path
//! (`for a, b, c in window(...)`, `if len(buf) == n`, `yield tuple(buf)`, `buf.append(x)`):
//! a built-in called on a local straight from LOAD_GLOBAL, a tuple or list unpacked straight
//! into locals, and a method call's unused result dropped at once. Each one does what the
//! separate instructions would, without their pushes, pops and dispatches.

use super::eval::FrameExit;
use super::frame::Frame;
use super::frame::FrameChain;
use super::generator::Resume;
use super::object::Payload;
use super::seq::ItemSink;
use super::value::{ObjRef, Value};
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
        let at = frame.ip as usize;
        let Some(&[Instr::LoadFast(a), Instr::Call(1)]) = frame.instructions().get(at..at + 2)
        else {
            return None;
        };
        // The argument is held as the stack would hold it: whatever the call runs cannot
        // free it under us.
        let args = [frame.local(a as usize).as_ref()?.clone()];
        let r = match &o.payload {
            Payload::NativeFunction(nf) => {
                let fast = nf.fast.as_ref()?;
                frame.ip = (at + 2) as u32;
                fast(self, &args)
            }
            Payload::Type(_) => {
                if let Some(Instr::GetIter) = frame.instructions().get(at + 2) {
                    return None;
                }
                if ObjRef::ptr_eq(o, &self.types.tuple)
                    && let Some(t) = self.refill_spare_tuple(&args[0])
                {
                    frame.ip = (at + 2) as u32;
                    return Some(Ok(t));
                }
                let r = self.convert_call_fast(o, &args)?;
                frame.ip = (at + 2) as u32;
                r
            }
            _ => return None,
        };
        Some(r)
    }
}

impl Vm {
    /// UNPACK_SEQUENCE `n` of `seq` when it is an exact tuple or list of `n` items and the
    /// `n` instructions after it (at `frame.ip`) are all STORE_FAST (`for a, b, c in ...`,
    /// `x, y = t`): the items are stored in those locals in order and `frame.ip` moves past
    /// the stores (the caller runs STORE_FAST's safe point once). A tuple nothing else
    /// references gives its items up instead of copying them, and is kept as the VM's spare
    /// tuple (see `take_spare_tuple`). Err(seq) (nothing changed) for everything else,
    /// which UNPACK_SEQUENCE's general path unpacks.
    #[inline(always)]
    pub(super) fn unpack_to_locals(
        &mut self,
        frame: &mut Frame,
        seq: Value,
        n: usize,
    ) -> Result<(), Value> {
        let mut o = match seq {
            Value::Obj(o) if o.class.is_none() => o,
            other => return Err(other),
        };
        let at = frame.ip as usize;
        let Some(stores) = frame.names.instructions().get(at..at + n) else {
            return Err(Value::Obj(o));
        };
        if !stores.iter().all(|i| matches!(i, Instr::StoreFast(_))) {
            return Err(Value::Obj(o));
        }
        // An old local value released by a store cannot run Python code (finalizers wait
        // for the safe point), so nothing below can change the sequence while it is read.
        if let Some(obj) = ObjRef::get_mut(&mut o)
            && let Payload::Tuple(items) = &mut obj.payload
            && items.len() == n
        {
            for (instr, item) in stores.iter().zip(items.iter_mut()) {
                if let Instr::StoreFast(j) = *instr {
                    frame.stack.prefix_mut()[j as usize] =
                        Some(std::mem::replace(item, Value::None));
                }
            }
            frame.ip = (at + n) as u32;
            self.spare_tuple = Some(o);
            return Ok(());
        }
        match &o.payload {
            Payload::Tuple(items) if items.len() == n => {
                store_all(frame.stack.prefix_mut(), stores, items)
            }
            Payload::List(items) => {
                let Ok(items) = items.try_borrow() else {
                    return Err(Value::Obj(o));
                };
                if items.len() != n {
                    drop(items);
                    return Err(Value::Obj(o));
                }
                store_all(frame.stack.prefix_mut(), stores, &items);
            }
            _ => return Err(Value::Obj(o)),
        }
        frame.ip = (at + n) as u32;
        Ok(())
    }

    /// `tuple(list)` for an exact list `arg` of as many items as the VM's spare tuple
    /// holds: that tuple refilled with the list's items (no allocation). None: no spare
    /// tuple of that length, or `arg` is no exact list (the spare is kept).
    #[inline(always)]
    fn refill_spare_tuple(&mut self, arg: &Value) -> Option<Value> {
        let Some(Payload::List(list)) = arg.payload() else {
            return None;
        };
        if arg.as_obj().is_some_and(|o| o.class.is_some()) {
            return None;
        }
        let items = list.try_borrow().ok()?;
        let spare = self.spare_tuple.as_mut()?;
        let Payload::Tuple(slots) = &mut ObjRef::get_mut(spare)?.payload else {
            return None;
        };
        if slots.len() != items.len() {
            return None;
        }
        // The slots hold None (they own nothing), so overwriting them drops nothing that
        // could run code.
        slots.clone_from_slice(&items);
        drop(items);
        self.spare_tuple.take().map(Value::Obj)
    }
}

/// Stores `items` into the locals the STORE_FAST instructions `stores` name, in order.
#[inline(always)]
fn store_all(locals: &mut [Option<Value>], stores: &[Instr], items: &[Value]) {
    for (instr, v) in stores.iter().zip(items) {
        if let Instr::StoreFast(j) = *instr {
            locals[j as usize] = Some(v.clone());
        }
    }
}

/// After a CALL_METHOD that left its result on top of the stack, a POP_TOP next (a call as
/// a statement: `buf.append(x)`, `buf.pop(0)`) is run at once: the result is dropped and
/// `frame.ip` moves past it. True when it did (the caller runs POP_TOP's safe point).
#[inline(always)]
pub(super) fn drop_unused_result(frame: &mut Frame) -> bool {
    if let Some(Instr::PopTop) = frame.instructions().get(frame.ip as usize) {
        frame.ip += 1;
        frame.stack.pop();
        return true;
    }
    false
}

impl Vm {
    /// Resumes the generator frame `frame` for `gen_for_each`, which feeds what it yields
    /// to `sink`, as `eval_loop_with` does (the value of its `yield` is None). When `sink`
    /// adds up small ints (`sum()`), the total goes along with the frame (`Vm::int_sum`): a
    /// small int the frame yields is added at once and the frame goes on without leaving
    /// the eval loop (`yield_to_int_sum`), as `ItemSink::take_plain` would have taken it;
    /// the total is handed back when the frame stops. An enclosing `sum()`'s total is kept
    /// aside meanwhile.
    #[allow(clippy::vec_box)]
    #[inline(always)]
    pub(super) fn resume_for_sink(
        &mut self,
        frame: Box<Frame>,
        sink: &mut impl ItemSink,
        callers: &mut FrameChain,
    ) -> PyResult<FrameExit> {
        let Some(total) = sink.int_total() else {
            return self.eval_loop_with(frame, Resume::Value(Some(Value::None)), callers);
        };
        let outer = self.int_sum.replace((&*frame as *const Frame, total));
        let r = self.eval_loop_with(frame, Resume::Value(Some(Value::None)), callers);
        if let Some((_, total)) = std::mem::replace(&mut self.int_sum, outer) {
            sink.set_int_total(total);
        }
        r
    }

    /// YIELD_VALUE of `v` in `frame` (its `ip` past the instruction, `v` off the stack):
    /// when `frame` is the generator frame `sum()` drives (`resume_for_sink`), `v` is a
    /// small int the total can take without overflowing and the yield's value is dropped
    /// (POP_TOP next, as in every generator expression), the int is added, the POP_TOP run
    /// and Ok returned: the frame goes on as if resumed with None. Err(v) (nothing
    /// changed) otherwise: the yield leaves the frame.
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline(never))]
    pub(super) fn yield_to_int_sum(&mut self, frame: &mut Frame, v: Value) -> Result<(), Value> {
        let Some((base, total)) = &mut self.int_sum else {
            return Err(v);
        };
        if !std::ptr::eq(*base, &*frame) {
            return Err(v);
        }
        let Value::Int(x) = v else {
            return Err(v);
        };
        let Some(Instr::PopTop) = frame.instructions().get(frame.ip as usize) else {
            return Err(v);
        };
        let Some(t) = total.checked_add(x) else {
            return Err(v);
        };
        *total = t;
        // An int owns nothing: no call to the value's drop.
        std::mem::forget(v);
        frame.ip += 1;
        self.safe_point(frame);
        Ok(())
    }
}
