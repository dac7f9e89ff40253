//! Python-level dunder methods called by the VM without the generic call path: FOR_ITER runs
//! a Python `__next__` inline in the eval loop (as CALL runs a function), and a dunder called
//! from Rust that is a plain function of exactly its arguments gets its frame built directly.

use super::frame::Frame;
use super::object::Payload;
use super::{ObjRef, PyResult, Value, Vm};
use crate::bytecode::Instr;

impl Vm {
    /// FOR_ITER over an instance of a Python class whose `__next__` is a plain function of
    /// `self` alone: that call's frame, to run inline. None for anything else (built-in
    /// iterators, generators, a native or generator `__next__`, extra parameters).
    #[inline]
    pub(super) fn user_next_frame(&mut self, it: &Value) -> Option<Box<Frame>> {
        let Value::Obj(o) = it else {
            return None;
        };
        let cls = o.class.as_ref()?;
        if !cls.as_type()?.is_heap {
            return None;
        }
        let next = self.next_method(cls)?;
        let Some(Payload::Function(func)) = next.payload() else {
            return None;
        };
        // Not a generator-like function: `exact_arity` has its generator bit set then.
        if func.exact_arity != 1 {
            return None;
        }
        Some(self.exact_args_function_frame(func, Some(it.clone()), &mut Vec::new(), 0))
    }

    /// `__next__` on the MRO of `cls` (remembered in a Python class while its MRO's dicts
    /// are unchanged: an iterator class's `__next__` is looked up once per item).
    #[inline]
    pub fn next_method(&self, cls: &ObjRef) -> Option<Value> {
        self.cached_dunder(cls, "__next__", |t| &t.next_cache)
    }

    /// While unwinding `exc` out of a frame into `caller`: when `caller` stopped at a
    /// FOR_ITER, the frame was that loop's `__next__` run inline (see `user_next_frame`;
    /// inline generators are told apart by their role first), and StopIteration ends the
    /// loop as `next()` returning nothing would. True when the exception was consumed so.
    pub(super) fn stop_inline_for_iter(&self, caller: &mut Frame, exc: &ObjRef) -> bool {
        let Some(&Instr::ForIter(target)) = caller.code.instructions.get(caller.ip.wrapping_sub(1))
        else {
            return false;
        };
        if !self.exc_matches(exc, &self.exc.stop_iteration) {
            return false;
        }
        caller.stack.pop();
        caller.ip = target as usize;
        true
    }

    /// `f(v, *args)` for a dunder `f` found on `v`'s type when `f` is a plain Python
    /// function taking exactly those positional arguments: its frame is built and run
    /// directly. None (nothing done) otherwise.
    #[inline]
    pub(super) fn call_plain_dunder(
        &mut self,
        f: &Value,
        v: &Value,
        args: &mut Vec<Value>,
    ) -> Option<PyResult<Value>> {
        let Some(Payload::Function(func)) = f.payload() else {
            return None;
        };
        if func.exact_arity as usize != args.len() + 1 {
            return None;
        }
        let n = args.len();
        let frame = self.exact_args_function_frame(func, Some(v.clone()), args, n);
        Some(self.run_plain_frame(frame))
    }

    /// `f(v, other)` for a binary dunder (`__lt__`, `__eq__`, ...) found on `v`'s type: a
    /// plain Python function of exactly two parameters gets its frame filled in place (no
    /// argument vector); anything else takes `call_bound_dunder`.
    pub(super) fn call_binary_dunder(
        &mut self,
        f: &Value,
        v: &Value,
        other: &Value,
    ) -> PyResult<Value> {
        if let Some(Payload::Function(func)) = f.payload()
            && func.exact_arity == 2
        {
            let mut frame =
                self.exact_args_function_frame(func, Some(v.clone()), &mut Vec::new(), 0);
            frame.locals[1] = Some(other.clone());
            return self.run_plain_frame(frame);
        }
        self.call_bound_dunder(f, v, vec![other.clone()])
    }
}
