//! `await asyncio.sleep(0)` without a suspended `sleep` coroutine.
//!
//! asyncio's `sleep(delay, result=None)` is `if delay <= 0: await _sleep0(); return result`:
//! a task in `await sleep(0)` is suspended two frames deep, and the inner one (the `sleep`
//! coroutine, its frame, stack, locals and handler block: ~350 bytes) holds nothing but
//! `delay == 0`, the spent `_sleep0` awaitable and the None it will return. So GET_AWAITABLE
//! of a fresh `sleep(0)` coroutine drops it and gives a stand-in `_Sleep0` instead: the SEND
//! that follows yields None at once (as the coroutine's bare yield would, up through it) and
//! swaps in the marker, whose next SEND returns None (what `sleep` returns). Anything that
//! looks at or into the awaited object (`cr_await`/`gi_yieldfrom`, `throw()`, `close()`, a
//! cancellation) first gets the real coroutine, rebuilt exactly as it would be, by
//! `materialize_sleep_zero`.

use super::Vm;
use super::frame::Frame;
use super::generator::{GenKind, GenState};
use super::object::Payload;
use super::value::{ObjRef, Value};
use crate::bytecode::{Block, Code, Instr};
use std::rc::Rc;

/// What the fast path needs to know about asyncio's `sleep` (see the module comment).
pub struct SleepZero {
    /// The `sleep` function of asyncio's prelude (a function object).
    func: ObjRef,
    /// Its code: a fresh coroutine of exactly this code may be replaced.
    code: Rc<Code>,
    /// Its globals: the `_sleep0` the code calls is the one of this namespace.
    globals: ObjRef,
    /// The spent `_sleep0` awaitable a suspended `sleep` coroutine holds.
    spent: Value,
    /// The `_Sleep0` GET_AWAITABLE gives for a fresh `sleep(0)`: it stands for that coroutine
    /// not started yet; a SEND into it yields None and swaps in `marker`.
    fresh: Value,
    /// The spent `_Sleep0` standing for a `sleep(0)` coroutine suspended in `await _sleep0()`.
    marker: Value,
    /// The index of the SEND of `await _sleep0()` in `code`.
    send_at: usize,
    /// The handler of the SETUP_FINALLY before that SEND.
    handler: u32,
}

impl SleepZero {
    /// The fast path for `func` (asyncio's `sleep`), whose `await _sleep0()` leaves `spent` on
    /// its stack; `fresh` and `marker` are objects nothing else holds (see the fields). None
    /// when the code does not have the shape the fast path reproduces.
    pub fn new(func: &ObjRef, spent: Value, fresh: Value, marker: Value) -> Option<SleepZero> {
        let Payload::Function(f) = &func.payload else {
            return None;
        };
        let code = &f.code;
        // `sleep(delay, result=None)`: two locals, no cells, a coroutine.
        if !code.flags.coroutine
            || code.argcount != 2
            || code.varnames.len() != 2
            || !code.cellvars.is_empty()
            || !code.freevars.is_empty()
        {
            return None;
        }
        // The first await: GET_AWAITABLE, SETUP_FINALLY h, LOAD_CONST None, SEND, YIELD_VALUE,
        // JUMP back to the SEND.
        let ins = &code.instructions;
        let send_at = ins.iter().position(|i| matches!(i, Instr::Send(_)))?;
        let handler = match ins.get(send_at.checked_sub(3)?..send_at + 3)? {
            [
                Instr::GetAwaitable(0),
                Instr::SetupFinally(h),
                Instr::LoadConst(_),
                Instr::Send(_),
                Instr::YieldValue,
                Instr::Jump(back),
            ] if *back as usize == send_at => *h,
            _ => return None,
        };
        Some(SleepZero {
            func: func.clone(),
            code: code.clone(),
            globals: f.globals.clone(),
            spent,
            fresh,
            marker,
            send_at,
            handler,
        })
    }
}

impl Vm {
    /// Installs the `sleep(0)` fast path (asyncio calls this once its prelude has run).
    pub fn set_sleep_zero(&mut self, sleep_zero: SleepZero) {
        self.sleep_zero = Some(Box::new(sleep_zero));
    }

    /// GET_AWAITABLE of `coro` when it is a fresh `asyncio.sleep(0)` coroutine (delay the int
    /// 0, result None) that nothing else references and that would start inline: closes it
    /// and returns the stand-in (`SleepZero::fresh`). None otherwise.
    pub(super) fn sleep_zero_awaitable(&mut self, coro: &Value) -> Option<Value> {
        let sz = self.sleep_zero.as_deref()?;
        let Value::Obj(o) = coro else {
            return None;
        };
        let Payload::Generator(g) = &o.payload else {
            return None;
        };
        if !Rc::ptr_eq(&g.code, &sz.code)
            || ObjRef::strong_count(o) != 1
            || ObjRef::weak_count(o) != 0
            || self.depth >= self.recursion_limit
            || super::interrupt::pending()
        {
            return None;
        }
        let mut state = g.state.try_borrow_mut().ok()?;
        let GenState::Created(f) = &*state else {
            return None;
        };
        if !ObjRef::ptr_eq(&f.globals, &sz.globals)
            || !matches!(f.locals(), [Some(Value::Int(0)), Some(Value::None)])
        {
            return None;
        }
        let fresh = sz.fresh.clone();
        // Closed: dropping it is no "never awaited" warning (the stand-in is awaited).
        let GenState::Created(frame) = std::mem::replace(&mut *state, GenState::Closed) else {
            unreachable!("matched Created above")
        };
        drop(state);
        self.recycle_frame(frame);
        Some(fresh)
    }

    /// If the object `frame` is suspended awaiting is a stand-in for a `sleep(0)` coroutine,
    /// replaces it by that coroutine: not started (delay 0, result None) for the fresh one,
    /// suspended after the yield of its `await _sleep0()` for the marker; so that it can be
    /// shown, thrown into or closed.
    pub fn materialize_sleep_zero(&mut self, frame: &mut Frame) {
        let Some(sz) = self.sleep_zero.as_deref() else {
            return;
        };
        let Some(top) = frame.stack.last() else {
            return;
        };
        let started = top.is(&sz.marker);
        if !started && !top.is(&sz.fresh) {
            return;
        }
        let (func_obj, spent) = (sz.func.clone(), sz.spent.clone());
        let (handler, ip) = (sz.handler, sz.send_at + 2);
        let Payload::Function(func) = &func_obj.payload else {
            unreachable!("SleepZero::new checked the function")
        };
        let mut f = self.new_function_frame(func);
        *f.local_mut(0) = Some(Value::Int(0));
        *f.local_mut(1) = Some(Value::None);
        if started {
            f.stack.push(spent);
            f.blocks.push(Block {
                handler,
                stack_depth: 1,
            });
            f.ip = ip as u32;
        }
        let name = func.name.borrow().clone();
        let qualname = func.qualname.borrow().clone();
        let coro = self.new_generator(GenKind::Coroutine, f, &name, &qualname);
        if started
            && let Value::Obj(o) = &coro
            && let Payload::Generator(g) = &o.payload
        {
            let mut state = g.state.borrow_mut();
            if let GenState::Created(f) = std::mem::replace(&mut *state, GenState::Closed) {
                *state = GenState::Suspended(f);
            }
        }
        if let Some(slot) = frame.stack.last_mut() {
            *slot = coro;
        }
    }
}
