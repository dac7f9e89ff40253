//! `async with` on an asyncio Lock or Condition whose lock is free, without an awaitable.
//!
//! The mixin's `__aenter__` is `await self.acquire(); return None`, and Lock.acquire takes a
//! free lock with no pending waiters at once, without suspending. BEFORE_ASYNC_WITH is always
//! followed by GET_AWAITABLE, SETUP_FINALLY, LOAD_CONST None and SEND of `__aenter__()`'s
//! result, and nothing can observe the steps in between; so when asyncio's native side
//! (locks_native.rs) says the manager qualifies and it took the lock, the frame goes on
//! after the SEND's END_SEND with `__aexit__` and None pushed, as the full protocol would
//! leave them. Anything else (a held lock, waiters, a subclass, a replaced method) runs the
//! full protocol.

use super::PyResult;
use super::Vm;
use super::frame::Frame;
use super::object::Payload;
use super::value::Value;
use crate::bytecode::Instr;
use std::rc::Rc;

/// asyncio's side of the fast path, for a manager and whether the lock may be taken at
/// once (the await follows as `entered_at` expects): for a manager that qualifies, the
/// `__aexit__` to push (bound to the manager) and either None (the lock has been taken) or
/// the awaitable `__aenter__()` would have given; None when the full protocol must run
/// (nothing has changed then).
pub type AsyncWithLock = Rc<dyn Fn(&Value, bool) -> Option<(Value, Option<Value>)>>;

impl Vm {
    /// Installs asyncio's side of the `async with` fast path.
    pub fn set_async_with_lock(&mut self, f: AsyncWithLock) {
        self.async_with_lock = Some(f);
    }

    /// `f()`: a plain Python function of no parameters (a `wait_for` predicate such as
    /// `lambda: box`) has its frame built and run directly; anything else is `call`ed.
    pub fn call_no_args(&mut self, f: &Value) -> PyResult<Value> {
        if let Some(Payload::Function(func)) = f.payload()
            && func.exact_arity == 0
        {
            let frame = self.exact_args_function_frame(func, None, &mut Vec::new(), 0);
            return self.run_plain_frame(frame);
        }
        self.call(f, Vec::new())
    }

    /// BEFORE_ASYNC_WITH of `mgr` (popped) for a manager asyncio's side qualifies:
    /// `__aexit__` pushed, then either `__aenter__`'s None with the await skipped (the lock
    /// was taken) or the awaitable `__aenter__()` gives, to be awaited as usual; true when
    /// done so. False: nothing changed, the full protocol runs.
    #[inline]
    pub(super) fn async_with_at_once(&mut self, frame: &mut Frame, mgr: &Value) -> bool {
        let Some(f) = &self.async_with_lock else {
            return false;
        };
        let after = entered_at(frame);
        let Some((exit, awaitable)) = f(mgr, after.is_some()) else {
            return false;
        };
        frame.stack.push(exit);
        match (awaitable, after) {
            (Some(awaitable), _) => frame.stack.push(awaitable),
            (None, Some(after)) => {
                frame.stack.push(Value::None);
                frame.ip = after as u32;
            }
            // Not reached: the lock is only taken when `after` is known.
            (None, None) => frame.stack.push(Value::None),
        }
        true
    }
}

/// Where the frame goes on once `__aenter__()`'s result has been awaited, when what follows
/// BEFORE_ASYNC_WITH is GET_AWAITABLE 1, SETUP_FINALLY, LOAD_CONST None, SEND to POP_BLOCK,
/// END_SEND (codegen's `send_loop`): just after that END_SEND.
fn entered_at(frame: &Frame) -> Option<usize> {
    let ins = &frame.instructions();
    let ip = frame.ip as usize;
    let [
        Instr::GetAwaitable(1),
        Instr::SetupFinally(_),
        Instr::LoadConst(c),
        Instr::Send(t),
    ] = ins.get(ip..ip + 4)?
    else {
        return None;
    };
    if !frame.consts().get(*c as usize).is_some_and(Value::is_none) {
        return None;
    }
    let t = *t as usize;
    match ins.get(t..t + 2)? {
        [Instr::PopBlock, Instr::EndSend] => Some(t + 2),
        _ => None,
    }
}
