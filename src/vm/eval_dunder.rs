//! Python-level dunder methods called by the VM without the generic call path: FOR_ITER runs
//! a Python `__next__` inline in the eval loop (as CALL runs a function), and a dunder called
//! from Rust that is a plain function of exactly its arguments gets its frame built directly.

use super::frame::Frame;
use super::object::{Function, Payload};
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
        let Payload::Type(t) = &cls.payload else {
            return None;
        };
        if !t.is_heap {
            return None;
        }
        let versions = super::dict_version::mro_versions(cls);
        // SAFETY: the reference lives until the frame is built below, which runs no Python
        // code and touches no class's `next_cache` (so nothing borrows the slot mutably or
        // replaces the function it holds, which `it`'s class keeps alive); a slot borrowed
        // mutably right now fails `try_borrow_unguarded` and the look-up path runs.
        let hit = match unsafe { t.next_cache.try_borrow_unguarded() } {
            Ok(Some((at, f))) if *at == versions => Some(f),
            _ => None,
        };
        let Some(next) = hit else {
            let next = self.next_method(cls)?;
            return self.next_frame_of(&next, it);
        };
        self.next_frame_of(next, it)
    }

    /// `user_next_frame` once `__next__` is known to be `next`.
    #[inline(always)]
    fn next_frame_of(&mut self, next: &Value, it: &Value) -> Option<Box<Frame>> {
        let Some(Payload::Function(func)) = next.payload() else {
            return None;
        };
        // Not a generator-like function: `exact_arity` has its generator bit set then.
        if func.exact_arity != 1 {
            return None;
        }
        Some(self.receiver_frame(func, it.clone()))
    }

    /// A frame for `func` whose only argument is `receiver` (its other locals unbound).
    #[inline(always)]
    pub(super) fn receiver_frame(&mut self, func: &Function, receiver: Value) -> Box<Frame> {
        // An empty Vec owns no allocation, so not dropping it leaks nothing and skips an
        // out-of-line drop call per frame.
        let mut no_args = std::mem::ManuallyDrop::new(Vec::new());
        self.exact_args_function_frame(func, Some(receiver), &mut *no_args, 0)
    }

    /// `next(it)` from Rust (`sum()`, `list()`, ...) when `it`'s `__next__` is a plain Python
    /// function of `self` alone: its frame is built and run directly, StopIteration ending
    /// the iteration as None. None (nothing done) for anything else.
    #[inline]
    pub(super) fn user_next(&mut self, it: &Value) -> Option<PyResult<Option<Value>>> {
        let frame = self.user_next_frame(it)?;
        Some(match self.run_plain_frame(frame) {
            Ok(v) => Ok(Some(v)),
            Err(e) if self.exc_matches(&e, &self.exc.stop_iteration) => Ok(None),
            Err(e) => Err(e),
        })
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
        let Some(&Instr::ForIter(target)) = caller
            .instructions()
            .get((caller.ip as usize).wrapping_sub(1))
        else {
            return false;
        };
        if !self.exc_matches(exc, &self.exc.stop_iteration) {
            return false;
        }
        caller.stack.pop();
        caller.ip = target;
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
            let mut frame = self.receiver_frame(func, v.clone());
            *frame.local_mut(1) = Some(other.clone());
            return self.run_plain_frame(frame);
        }
        self.call_bound_dunder(f, v, vec![other.clone()])
    }
}
