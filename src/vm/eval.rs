//! The eval loop: runs a frame, and the Python frames it calls, in one Rust loop.
//!
//! Python→Python calls push the caller onto a local stack and continue with the callee, so
//! Python recursion never recurses in Rust. Exceptions unwind the block stack of the current
//! frame, then pop frames (adding one traceback entry per frame) until a handler is found.
//! How calls set up their callee's frame is in `eval_calls.rs`; values handed to the next
//! instruction without a push (resumed generators, fused stores) in `eval_resume.rs`.

use super::eval_calls::CallOutcome;
use super::eval_resume::{deliver_to, store_in_next_fast};
use super::eval_support::push_inline;
use super::frame::Frame;
use super::generator::Resume;
use super::native::Args;
use super::object::{Obj, Payload};
use super::value::{ObjRef, Value};
use super::{PyResult, Vm};
use crate::ast::UnaryOp;
use crate::bytecode::{Block, Instr};
use std::rc::Rc;

/// How a frame stopped running.
pub enum FrameExit {
    /// It returned a value.
    Return(Value),
    /// It yielded a value (generator frames only) and can be resumed.
    Yield(Box<Frame>, Value),
    /// It yielded a value that came up a parked await / `yield from` chain: the chain's
    /// frames, the base frame first (see `gen_chain`).
    YieldChain(super::frame::FrameChain, Value),
}

/// How `execute` stopped (the frame itself stays with the caller of `execute`).
enum Stop {
    /// The base frame returned.
    Return(Value),
    /// The base frame yielded.
    Yield(Value),
}

/// Pops the operand stack (the compiler guarantees it is not empty).
#[inline(always)]
pub(super) fn pop(frame: &mut Frame) -> Value {
    let len = frame.stack.len();
    if len == 0 {
        stack_underflow();
    }
    // SAFETY: `len > 0`, so slot `len - 1` holds an initialised value; `set_len` makes the
    // vector forget it before it is read, so it is moved out exactly once. (`Vec::pop`
    // returns an `Option<Value>` that the optimiser spilled and copied byte-wise on this,
    // the commonest path of the eval loop.)
    unsafe {
        frame.stack.set_len(len - 1);
        std::ptr::read(frame.stack.as_ptr().add(len - 1))
    }
}

/// `pop`'s failure: the bytecode broke the compiler's stack-depth invariant.
#[cold]
#[inline(never)]
fn stack_underflow() -> ! {
    unreachable!("operand stack underflow (compiler invariant)")
}

#[inline(always)]
pub(super) fn top(frame: &Frame) -> &Value {
    frame
        .stack
        .last()
        .expect("operand stack underflow (compiler invariant)")
}

impl Vm {
    /// Runs `frame` (and everything it calls) until it returns, yields or raises.
    pub fn run_frame(&mut self, frame: Box<Frame>, resume: Resume) -> PyResult<FrameExit> {
        if self.depth >= self.recursion_limit {
            // A Rust→Python entry is CPython's C-level call check (Py_EnterRecursiveCall).
            return Err(self.new_exception_msg(
                &self.exc.recursion_error.clone(),
                "maximum recursion depth exceeded while calling a Python object",
            ));
        }
        self.depth += 1;
        let base_depth = self.depth;
        let r = self.eval_loop(frame, resume);
        self.depth = base_depth - 1;
        r
    }

    fn eval_loop(&mut self, frame: Box<Frame>, resume: Resume) -> PyResult<FrameExit> {
        // The caller stack of this run comes from a small per-thread pool: a generator
        // resumed from Rust (`next()`, `send()`, a task step) would otherwise allocate and
        // free one on every resumption that runs a call or an inline generator.
        let mut callers = self.caller_stacks.pop().unwrap_or_default();
        let r = self.eval_loop_with(frame, resume, &mut callers);
        self.return_caller_stack(callers);
        r
    }

    /// Runs `frame` with `resume` on the caller stack `callers` (empty on entry and on
    /// return) until the frame returns, yields or raises (the body of `run_frame`). A yield
    /// that parked an await chain (`Vm::park_at_yield`) is a `YieldChain` of the frames
    /// left in `callers` and the innermost (`callers` is then a fresh stack).
    pub(super) fn eval_loop_with(
        &mut self,
        frame: Box<Frame>,
        resume: Resume,
        callers: &mut super::frame::FrameChain,
    ) -> PyResult<FrameExit> {
        let mut frame = frame;
        let mut pending: Option<(ObjRef, bool)> = None;
        match resume {
            Resume::Value(Some(v)) => self.deliver_resumed(&mut frame, callers, v),
            Resume::Value(None) => {}
            Resume::Throw(e) => pending = Some((e, true)),
        }
        // Entering or resuming a frame is the other Ctrl-C check point (a task step, a call
        // from Rust); the interrupt is raised inside the frame, as a throw would be.
        if pending.is_none()
            && super::interrupt::pending()
            && let Err(e) = self.handle_interrupt()
        {
            pending = Some((e, true));
        }
        loop {
            let (exc, add_tb) = match pending.take() {
                Some(p) => p,
                None => match self.execute(&mut frame, callers) {
                    Ok(Stop::Return(v)) => {
                        self.recycle_frame(frame);
                        return Ok(FrameExit::Return(v));
                    }
                    Ok(Stop::Yield(v)) => {
                        if callers.is_empty() {
                            return Ok(FrameExit::Yield(frame, v));
                        }
                        return Ok(FrameExit::YieldChain(self.take_chain(callers, frame), v));
                    }
                    Err(p) => p,
                },
            };
            let mut add_tb = add_tb;
            let mut exc = exc;
            loop {
                if add_tb {
                    self.add_frame_traceback(&exc, &frame);
                }
                if let Some(block) = frame.blocks.pop() {
                    frame.stack.truncate(block.stack_depth as usize);
                    frame.stack.push(Value::Obj(exc));
                    frame.ip = block.handler;
                    break;
                }
                match callers.pop() {
                    Some(caller) => {
                        self.depth -= 1;
                        let inline_gen = frame.take_inline_gen();
                        frame = caller;
                        if let Some(g) = inline_gen {
                            exc = self.fail_inline_generator(&g, exc);
                        } else if self.stop_inline_for_iter(&mut frame, &exc) {
                            break;
                        }
                        add_tb = true;
                    }
                    None => return Err(exc),
                }
            }
        }
    }

    /// Executes instructions until the base frame exits (Ok) or an exception is raised
    /// (Err with whether a traceback entry must be added for the current frame).
    // Frames stay boxed so that pushing/popping a call moves one pointer, not a Frame.
    #[allow(clippy::vec_box)]
    fn execute(
        &mut self,
        frame: &mut Box<Frame>,
        callers: &mut Vec<Box<Frame>>,
    ) -> Result<Stop, (ObjRef, bool)> {
        macro_rules! tri {
            ($e:expr) => {
                match $e {
                    Ok(v) => v,
                    Err(e) => {
                        self.chain_context(&e, false);
                        return Err((e, true));
                    }
                }
            };
        }
        'outer: loop {
            // The loop's copies of the frame's instructions and next-instruction index,
            // taken again whenever an instruction may have switched frames or moved the
            // index (`continue 'outer`).
            let code: *const [Instr] = frame.instructions();
            let mut pc = frame.ip as usize;
            'dispatch: loop {
                // SAFETY: `code` points into the instructions of the code object that the
                // frame in `*frame` holds an `Rc` to (through its name table). Within this
                // inner loop `*frame` is that same frame (every instruction that switches
                // frames leaves through `continue 'outer`, which takes the pointer again),
                // and a running frame's name table is never replaced, nor a table's code;
                // `Code` is immutable behind its `Rc`. So the slice is alive and unchanged
                // for every read here.
                let instructions: &[Instr] = unsafe { &*code };
                let instr = &instructions[pc];
                pc += 1;
                // The cases that cannot raise, call out or switch frames, on `pc` alone (the
                // same match expanded in each arm below is reduced to that arm's case):
                // they continue with the next instruction at once. Whatever falls through
                // writes `pc` back first, so the frame's index is current for everything
                // the general code calls; an arm that does not switch frames then goes on
                // with `continue 'dispatch` (taking `pc` from the frame again if it moved
                // the index), any other arm with `continue 'outer`.
                // YIELD_VALUE of `$v` (taken off the stack, or never pushed: `yield x` and
                // `yield a * b` are fused into their LOAD_FAST), `frame.ip` past it: a small
                // int into the enclosing `sum()`'s total at once; else the frame is suspended
                // and the value goes back to the SEND / FOR_ITER / `gen.send()` that resumed
                // it (up a `yield from` / `await` chain's SEND loops at once), or out of the
                // loop. (Expanded in two arms only: each copy adds its locals to the loop's
                // frame in a debug build, which recursion through Rust stacks up.)
                macro_rules! yield_value {
                    ($v:expr) => {{
                        // `sum(<genexpr>)`: a small int added to the total in place.
                        let v = match self.yield_to_int_sum(frame, $v) {
                            Ok(()) => {
                                pc = frame.ip as usize;
                                continue 'dispatch;
                            }
                            Err(v) => v,
                        };
                        // A chain needs callers: a generator yielding to no inline caller
                        // (the common case) does not make the out-of-line call.
                        if self.chains_may_park
                            && !callers.is_empty()
                            && self.park_at_yield(frame, callers)
                        {
                            return Ok(Stop::Yield(v));
                        }
                        loop {
                            let Some(g) = frame.take_inline_gen() else {
                                debug_assert!(
                                    callers.is_empty(),
                                    "only a generator's own frame yields"
                                );
                                return Ok(Stop::Yield(v));
                            };
                            // Back to the SEND / FOR_ITER that resumed it, with the value.
                            let caller = callers.pop().expect("an inline generator has a caller");
                            let gen_frame = std::mem::replace(frame, caller);
                            self.suspend_inline_generator(&g, gen_frame);
                            // A `yield from` / `await` SEND loop (SEND; YIELD_VALUE) passes the
                            // value straight on up, as its YIELD_VALUE would: a value yielded
                            // through a chain of awaiting coroutines takes no dispatch per level.
                            let next = frame.instructions().get(frame.ip as usize).copied();
                            if let Some(Instr::YieldValue) = next {
                                frame.ip += 1;
                                continue;
                            }
                            if deliver_to(frame, next, v) {
                                self.safe_point(frame);
                            }
                            break;
                        }
                        continue 'outer;
                    }};
                }
                // `fast!(load)` in LOAD_FAST's arm, the one instruction that can fuse a
                // yield; the other arms' expansions leave that case out.
                macro_rules! fast {
                    () => {
                        fast!(|_y| {
                            unreachable!("only LOAD_FAST fuses a YIELD_VALUE")
                        })
                    };
                    (load) => {
                        fast!(|y| {
                            frame.ip = pc as u32;
                            yield_value!(y)
                        })
                    };
                    (|$y:ident| $on_yield:block) => {
                        super::eval_fast::fast_step!(self, 'dispatch, frame, instructions, pc, instr, |v| {
                            frame.ip = pc as u32;
                            if let Some(v) = tri!(self.return_from_frame(frame, callers, v)) {
                                return Ok(Stop::Return(v));
                            }
                            continue 'outer;
                        }, |$y| $on_yield)
                    };
                }
                match *instr {
                    Instr::Nop
                    | Instr::PopTop
                    | Instr::StoreFast(_)
                    | Instr::LoadConst(_)
                    | Instr::ReturnValue
                    | Instr::ReturnConst(_)
                    | Instr::PopJumpIfNone(_)
                    | Instr::PopJumpIfNotNone(_)
                    | Instr::IsOp(_)
                    | Instr::LoadClosure(_) => {
                        fast!();
                        unreachable!("fast_step runs these in full")
                    }
                    Instr::Copy(n) => {
                        frame.ip = pc as u32;
                        let len = frame.stack.len();
                        // `COPY 2; COPY 2; BINARY_SUBSCR` loads `c[k]` for `c[k] op= v` keeping
                        // `c, k` below: with a plain list or tuple and an int key, one step.
                        if n == 2
                            && let Some(&[Instr::Copy(2), Instr::BinarySubscr]) =
                                instructions.get(frame.ip as usize..frame.ip as usize + 2)
                            && let Some(item) = super::seq::item_if_plain(
                                &frame.stack[len - 2],
                                &frame.stack[len - 1],
                            )
                        {
                            frame.stack.push(item);
                            frame.ip += 2;
                            pc = frame.ip as usize;
                            continue 'dispatch;
                        }
                        let v = frame.stack[len - n as usize].clone();
                        frame.stack.push(v);
                    }
                    Instr::Swap(n) => {
                        frame.ip = pc as u32;
                        let len = frame.stack.len();
                        // `SWAP 3; SWAP 2; STORE_SUBSCR` stores `c[k] op= v`'s result from
                        // `c, k, v`: the store at once.
                        if n == 3
                            && let Some(&[Instr::Swap(2), Instr::StoreSubscr]) =
                                instructions.get(frame.ip as usize..frame.ip as usize + 2)
                        {
                            frame.ip += 2;
                            let v = pop(frame);
                            let key = pop(frame);
                            let c = pop(frame);
                            if let Err(v) = super::seq::store_if_plain(&c, &key, v) {
                                tri!(self.set_item(&c, &key, v));
                            }
                            pc = frame.ip as usize;
                            continue 'dispatch;
                        }
                        frame.stack.swap(len - 1, len - n as usize);
                    }
                    // Only an unbound local is left to this path (see `fast_step`).
                    Instr::LoadFast(i) => {
                        fast!(load);
                        frame.ip = pc as u32;
                        let name = frame.code().varnames[i as usize].clone();
                        tri!(Err(self.unbound_local(&name)))
                    }
                    Instr::DeleteFast(i) => {
                        frame.ip = pc as u32;
                        if frame.local_mut(i as usize).take().is_none() {
                            let name = frame.code().varnames[i as usize].clone();
                            tri!(Err(self.unbound_local(&name)))
                        }
                        self.safe_point(frame);
                    }
                    Instr::LoadName(i) => {
                        frame.ip = pc as u32;
                        let v = tri!(self.load_name(frame, i as usize));
                        frame.stack.push(v);
                        continue 'dispatch;
                    }
                    Instr::StoreName(i) => {
                        frame.ip = pc as u32;
                        let v = pop(frame);
                        tri!(self.store_name(frame, i as usize, v));
                        self.safe_point(frame);
                        continue 'dispatch;
                    }
                    Instr::DeleteName(i) => {
                        frame.ip = pc as u32;
                        let name = frame.code().names[i as usize].clone();
                        let target = frame.names_mapping();
                        let removed = match target.as_obj() {
                            Some(d) if d.as_dict().is_some() => {
                                self.dict_remove_str(d, &name).is_some()
                            }
                            _ => tri!(self.del_item(&target, &Value::str(&name)).map(|_| true)),
                        };
                        if !removed {
                            tri!(Err(
                                self.new_name_error(format!("name '{name}' is not defined"))
                            ))
                        }
                    }
                    Instr::LoadGlobal(i) => {
                        frame.ip = pc as u32;
                        let i = i as usize;
                        let cached = match &self.builtins.dict {
                            Some(builtins) => {
                                frame.names.cached_global(i, &frame.globals, builtins)
                            }
                            None => None,
                        };
                        let v = match cached {
                            Some(v) => v,
                            None => {
                                let builtins = self.builtins_dict();
                                let name = frame.code().names[i].clone();
                                match frame.names.load_global(i, &name, &frame.globals, &builtins) {
                                    Some(v) => v,
                                    None => tri!(self.lazy_builtin_or_name_error(&name)),
                                }
                            }
                        };
                        // `fib(n - 1)`: the call at once, its argument never on the stack.
                        if let Some(callee) = self.global_call_frame(frame, &v) {
                            drop(v);
                            self.push_frame(frame, callers, callee)
                                .map_err(|e| (e, true))?;
                            continue 'outer;
                        }
                        // `len(buf)`, `tuple(buf)`: the built-in called on the local at once.
                        if let Some(r) = self.global_builtin_call(frame, &v) {
                            drop(v);
                            if store_in_next_fast(frame, tri!(r)) {
                                self.safe_point(frame);
                            }
                            pc = frame.ip as usize;
                            continue 'dispatch;
                        }
                        frame.stack.push(v);
                        continue 'dispatch;
                    }
                    Instr::StoreGlobal(i) => {
                        frame.ip = pc as u32;
                        let name = frame.code().names[i as usize].clone();
                        let v = pop(frame);
                        let hash = frame.name_hash(i as usize);
                        self.dict_set_str_hashed(&frame.globals, &name, hash, v);
                        continue 'dispatch;
                    }
                    Instr::DeleteGlobal(i) => {
                        frame.ip = pc as u32;
                        let name = frame.code().names[i as usize].clone();
                        if self.dict_remove_str(&frame.globals, &name).is_none() {
                            tri!(Err(self.name_not_defined(&name)))
                        }
                    }
                    Instr::LoadDeref(i) => {
                        fast!();
                        // Only an unbound cell is left to this path.
                        frame.ip = pc as u32;
                        tri!(Err(self.unbound_deref(frame, i as usize)))
                    }
                    Instr::StoreDeref(i) => {
                        frame.ip = pc as u32;
                        let v = pop(frame);
                        if let Payload::Cell(c) = &frame.cell(i as usize).payload {
                            let old = c.borrow_mut().replace(v);
                            drop(old);
                        }
                    }
                    Instr::DeleteDeref(i) => {
                        frame.ip = pc as u32;
                        let old = match &frame.cell(i as usize).payload {
                            Payload::Cell(c) => c.borrow_mut().take(),
                            _ => None,
                        };
                        if old.is_none() {
                            tri!(Err(self.unbound_deref(frame, i as usize)))
                        }
                    }
                    Instr::LoadClassDeref(i) => {
                        frame.ip = pc as u32;
                        let name = self.cell_name(frame, i as usize);
                        let from_map = match frame.locals_map() {
                            Some(Value::Obj(m)) if m.as_dict().is_some() => {
                                self.dict_get_str(m, &name)
                            }
                            _ => None,
                        };
                        match from_map {
                            Some(v) => frame.stack.push(v),
                            None => match super::eval_support::cell_value(frame, i as usize) {
                                Some(v) => frame.stack.push(v),
                                None => tri!(Err(self.unbound_deref(frame, i as usize))),
                            },
                        }
                    }
                    Instr::LoadAttr(i) => {
                        frame.ip = pc as u32;
                        let obj = pop(frame);
                        let hash = frame.name_hash(i as usize);
                        let v = tri!(self.load_attr_at_site(
                            &frame.names,
                            i as usize,
                            &obj,
                            &frame.code().names[i as usize],
                            hash
                        ));
                        frame.stack.push(v);
                        continue 'dispatch;
                    }
                    Instr::StoreAttr(i) => {
                        frame.ip = pc as u32;
                        let obj = pop(frame);
                        let v = pop(frame);
                        let hash = frame.name_hash(i as usize);
                        tri!(self.store_attr_at_site(
                            &frame.names,
                            i as usize,
                            &obj,
                            &frame.code().names[i as usize],
                            hash,
                            v
                        ));
                        continue 'dispatch;
                    }
                    Instr::DeleteAttr(i) => {
                        frame.ip = pc as u32;
                        let obj = pop(frame);
                        let name = frame.code().names[i as usize].clone();
                        tri!(self.del_attr(&obj, &name));
                    }
                    Instr::BinarySubscr => {
                        frame.ip = pc as u32;
                        let key = pop(frame);
                        let c = pop(frame);
                        let v = match (&c, &key) {
                            (Value::Obj(o), Value::Int(i)) if o.class.is_none() => match &o.payload
                            {
                                Payload::List(l) => {
                                    let l = l.borrow();
                                    let idx = if *i < 0 { *i + l.len() as i64 } else { *i };
                                    match l.get(idx as usize) {
                                        Some(v) if idx >= 0 => v.clone(),
                                        _ => {
                                            drop(l);
                                            tri!(Err(
                                                self.new_index_error("list index out of range")
                                            ))
                                        }
                                    }
                                }
                                Payload::Tuple(t) => {
                                    let idx = if *i < 0 { *i + t.len() as i64 } else { *i };
                                    match usize::try_from(idx).ok().and_then(|i| t.get(i)) {
                                        Some(v) => v.clone(),
                                        None => tri!(self.get_item(&c, &key)),
                                    }
                                }
                                _ => tri!(self.get_item(&c, &key)),
                            },
                            _ => tri!(self.get_item(&c, &key)),
                        };
                        frame.stack.push(v);
                        continue 'dispatch;
                    }
                    Instr::StoreSubscr => {
                        frame.ip = pc as u32;
                        let key = pop(frame);
                        let c = pop(frame);
                        let v = pop(frame);
                        // `a[i] = v` on a plain list with an in-range int index (nbody's inner
                        // loop); everything else, errors included, goes through set_item.
                        if let (Value::Obj(o), Value::Int(i)) = (&c, &key)
                            && o.class.is_none()
                            && let Payload::List(l) = &o.payload
                        {
                            let mut l = l.borrow_mut();
                            let idx = if *i < 0 { *i + l.len() as i64 } else { *i };
                            if idx >= 0
                                && let Some(slot) = l.get_mut(idx as usize)
                            {
                                let old = std::mem::replace(slot, v);
                                drop(l);
                                drop(old);
                                continue 'dispatch;
                            }
                        }
                        tri!(self.set_item(&c, &key, v));
                        continue 'dispatch;
                    }
                    Instr::DeleteSubscr => {
                        frame.ip = pc as u32;
                        let key = pop(frame);
                        let c = pop(frame);
                        tri!(self.del_item(&c, &key));
                    }
                    Instr::LoadAssertionError => {
                        frame.ip = pc as u32;
                        frame
                            .stack
                            .push(Value::Obj(self.exc.assertion_error.clone()));
                    }
                    Instr::LoadBuildClass => {
                        frame.ip = pc as u32;
                        let v = match self.builtin("__build_class__") {
                            Some(v) => v,
                            None => tri!(Err(self.new_name_error("__build_class__ not found"))),
                        };
                        frame.stack.push(v);
                    }
                    Instr::LoadLocals => {
                        frame.ip = pc as u32;
                        let v = frame.names_mapping();
                        frame.stack.push(v);
                    }
                    Instr::SetupAnnotations => {
                        frame.ip = pc as u32;
                        let target = frame.names_mapping();
                        if let Some(m) = target.as_obj()
                            && m.as_dict().is_some()
                            && self.dict_get_str(m, "__annotations__").is_none()
                        {
                            let d = self.new_dict();
                            self.dict_set_str(m, "__annotations__", Value::Obj(d));
                        }
                    }
                    Instr::BinaryOp { op, inplace } => {
                        fast!();
                        frame.ip = pc as u32;
                        let b = pop(frame);
                        let a = pop(frame);
                        let r = super::ops::fast_numeric_binop(&a, &b, op);
                        let r = match r {
                            Some(v) => v,
                            None if inplace => tri!(self.inplace_op(&a, &b, op)),
                            None => tri!(self.binary_op(&a, &b, op)),
                        };
                        // `c[k] op= v`: the result goes straight into `c[k]` (SWAP 3; SWAP 2;
                        // STORE_SUBSCR below `c, k` do nothing else; only an augmented
                        // assignment compiles to that shape).
                        if inplace
                            && let Some(&[Instr::Swap(3), Instr::Swap(2), Instr::StoreSubscr]) =
                                instructions.get(frame.ip as usize..frame.ip as usize + 3)
                        {
                            frame.ip += 3;
                            let key = pop(frame);
                            let c = pop(frame);
                            if let Err(v) = super::seq::store_if_plain(&c, &key, r) {
                                tri!(self.set_item(&c, &key, v));
                            }
                            pc = frame.ip as usize;
                            continue 'dispatch;
                        }
                        // `return a + b`: RETURN_VALUE runs here, without a dispatch of its own.
                        if let Some(&Instr::ReturnValue) = instructions.get(frame.ip as usize) {
                            frame.ip += 1;
                            if let Some(v) = tri!(self.return_from_frame(frame, callers, r)) {
                                return Ok(Stop::Return(v));
                            }
                            continue 'outer;
                        }
                        if store_in_next_fast(frame, r) {
                            self.safe_point(frame);
                        }
                        pc = frame.ip as usize;
                        continue 'dispatch;
                    }
                    Instr::UnaryNegative | Instr::UnaryPositive | Instr::UnaryInvert => {
                        frame.ip = pc as u32;
                        let v = pop(frame);
                        let op = match *instr {
                            Instr::UnaryNegative => UnaryOp::USub,
                            Instr::UnaryPositive => UnaryOp::UAdd,
                            _ => UnaryOp::Invert,
                        };
                        let r = tri!(self.unary_op(&v, op));
                        frame.stack.push(r);
                    }
                    Instr::UnaryNot => {
                        frame.ip = pc as u32;
                        let v = pop(frame);
                        let b = tri!(self.truthy(&v));
                        frame.stack.push(Value::Bool(!b));
                    }
                    // Numbers are compared by `fast_step`.
                    Instr::CompareOp(op) => {
                        fast!();
                        frame.ip = pc as u32;
                        let b = pop(frame);
                        let a = pop(frame);
                        let r = tri!(self.compare(&a, &b, op));
                        frame.stack.push(r);
                    }
                    Instr::ContainsOp(invert) => {
                        frame.ip = pc as u32;
                        let c = pop(frame);
                        let x = pop(frame);
                        let r = tri!(self.contains(&c, &x));
                        frame.stack.push(Value::Bool(r != invert));
                        continue 'dispatch;
                    }
                    Instr::BuildTuple(n) => {
                        frame.ip = pc as u32;
                        let items = frame.stack.split_off(frame.stack.len() - n as usize);
                        frame.stack.push(Value::tuple(items));
                        continue 'dispatch;
                    }
                    Instr::BuildList(n) => {
                        frame.ip = pc as u32;
                        let items = frame.stack.split_off(frame.stack.len() - n as usize);
                        frame.stack.push(Value::list(items));
                        continue 'dispatch;
                    }
                    Instr::BuildSet(n) => {
                        frame.ip = pc as u32;
                        let items = frame.stack.split_off(frame.stack.len() - n as usize);
                        let set = tri!(self.build_set(items));
                        frame.stack.push(Value::Obj(set));
                    }
                    Instr::BuildMap(n) => {
                        frame.ip = pc as u32;
                        let items = frame.stack.split_off(frame.stack.len() - 2 * n as usize);
                        let d = self.new_dict();
                        let mut it = items.into_iter();
                        while let (Some(k), Some(v)) = (it.next(), it.next()) {
                            tri!(self.dict_set(&d, k, v));
                        }
                        frame.stack.push(Value::Obj(d));
                    }
                    Instr::BuildConstKeyMap(n) => {
                        frame.ip = pc as u32;
                        let keys = pop(frame);
                        let vals = frame.stack.split_off(frame.stack.len() - n as usize);
                        let d = self.new_dict();
                        let keys = keys.as_tuple().map(|t| t.to_vec()).unwrap_or_default();
                        for (k, v) in keys.into_iter().zip(vals) {
                            tri!(self.dict_set(&d, k, v));
                        }
                        frame.stack.push(Value::Obj(d));
                    }
                    Instr::BuildString(n) => {
                        frame.ip = pc as u32;
                        super::strings::build_string(&mut frame.stack, n as usize)
                    }
                    Instr::BuildSlice(n) => {
                        frame.ip = pc as u32;
                        let step = if n == 3 { pop(frame) } else { Value::None };
                        let stop = pop(frame);
                        let start = pop(frame);
                        frame.stack.push(Value::Obj(Obj::new(Payload::Slice {
                            start,
                            stop,
                            step,
                        })));
                    }
                    Instr::ListAppend(n) => {
                        frame.ip = pc as u32;
                        let v = pop(frame);
                        let target = frame.stack[frame.stack.len() - n as usize].clone();
                        if let Some(Payload::List(l)) = target.payload() {
                            l.borrow_mut().push(v);
                        }
                    }
                    Instr::SetAdd(n) => {
                        frame.ip = pc as u32;
                        let v = pop(frame);
                        let target = frame.stack[frame.stack.len() - n as usize].clone();
                        if let Some(Payload::Set(t)) = target.payload() {
                            tri!(self.table_set(t, v, Value::None));
                        }
                    }
                    Instr::MapAdd(n) => {
                        frame.ip = pc as u32;
                        let v = pop(frame);
                        let k = pop(frame);
                        let target = frame.stack[frame.stack.len() - n as usize].clone();
                        if let Some(d) = target.as_obj() {
                            tri!(self.dict_set(d, k, v));
                        }
                    }
                    Instr::ListExtend(n) => {
                        frame.ip = pc as u32;
                        let it = pop(frame);
                        let target = frame.stack[frame.stack.len() - n as usize].clone();
                        // The iterable is usually a temporary (`f(*[...])`): an exact list or
                        // tuple gives up its items when nothing else refers to it (moved, not
                        // copied), and they become the still empty list's own.
                        let items =
                            if matches!(it.payload(), Some(Payload::List(_) | Payload::Tuple(_)))
                                && !self.has_user_class(&it)
                            {
                                tri!(self.collect_owned(it))
                            } else {
                                tri!(self.collect_star_arg(&it, None))
                            };
                        if let Some(Payload::List(l)) = target.payload() {
                            let mut l = l.borrow_mut();
                            if l.is_empty() {
                                *l = items;
                            } else {
                                l.extend(items);
                            }
                        }
                    }
                    Instr::SetUpdate(n) => {
                        frame.ip = pc as u32;
                        let it = pop(frame);
                        let target = frame.stack[frame.stack.len() - n as usize].clone();
                        if let Some(Payload::Set(t)) = target.payload() {
                            tri!(self.set_update(t, &it));
                        }
                    }
                    Instr::DictUpdate(n) | Instr::DictMerge(n) => {
                        frame.ip = pc as u32;
                        let m = pop(frame);
                        let len = frame.stack.len();
                        let target = frame.stack[len - n as usize].clone();
                        let merge = matches!(*instr, Instr::DictMerge(_));
                        let callee = if merge && len >= n as usize + 2 {
                            Some(frame.stack[len - n as usize - 2].clone())
                        } else {
                            None
                        };
                        tri!(self.dict_update_from(&target, &m, merge, callee.as_ref()));
                    }
                    Instr::ListToTuple => {
                        frame.ip = pc as u32;
                        let l = pop(frame);
                        // The list BUILD_LIST made: its items move into the tuple.
                        let items = match l.payload() {
                            Some(Payload::List(_)) => tri!(self.collect_owned(l)),
                            _ => Vec::new(),
                        };
                        frame.stack.push(Value::tuple(items));
                    }
                    Instr::UnpackSequence(n) => {
                        frame.ip = pc as u32;
                        let seq = pop(frame);
                        let seq = match self.unpack_to_locals(frame, seq, n as usize) {
                            Ok(()) => {
                                self.safe_point(frame);
                                pc = frame.ip as usize;
                                continue 'dispatch;
                            }
                            Err(seq) => seq,
                        };
                        if super::seq::unpack_exact(&seq, n as usize, &mut frame.stack) {
                            continue 'dispatch;
                        }
                        let items = tri!(self.unpack(&seq, n as usize, None));
                        frame.stack.extend(items.into_iter().rev());
                        continue 'dispatch;
                    }
                    Instr::UnpackEx { before, after } => {
                        frame.ip = pc as u32;
                        let seq = pop(frame);
                        let items = tri!(self.unpack(&seq, before as usize, Some(after as usize)));
                        frame.stack.extend(items.into_iter().rev());
                    }
                    Instr::FormatValue {
                        conversion,
                        has_spec,
                    } => {
                        frame.ip = pc as u32;
                        if conversion.is_none()
                            && !has_spec
                            && let Some(top) = frame.stack.last_mut()
                            && let Some(s) = super::strings::format_simple(top)
                        {
                            *top = s;
                            continue 'outer;
                        }
                        let spec = if has_spec { pop(frame) } else { Value::None };
                        let v = pop(frame);
                        let v = match conversion {
                            None => v,
                            Some(crate::ast::Conversion::Str) => Value::string(tri!(self.str(&v))),
                            Some(crate::ast::Conversion::Repr) => {
                                Value::string(tri!(self.repr(&v)))
                            }
                            Some(crate::ast::Conversion::Ascii) => {
                                let r = tri!(self.repr(&v));
                                Value::string(super::format::ascii_escape(&r))
                            }
                        };
                        let spec_str = spec.as_str().unwrap_or("").to_string();
                        let s = if spec_str.is_empty()
                            && v.as_str().is_some()
                            && !self.has_user_class(&v)
                        {
                            v
                        } else {
                            Value::string(tri!(self.format_value(&v, &spec_str)))
                        };
                        frame.stack.push(s);
                    }
                    Instr::Jump(t) => {
                        fast!();
                        frame.ip = pc as u32;
                        // A backward jump (or one to itself: `while True: pass`) is a loop
                        // iteration: the check point for Ctrl-C.
                        if (t as usize) < pc && super::interrupt::pending() {
                            tri!(self.handle_interrupt());
                        }
                        frame.ip = t
                    }
                    Instr::PopJumpIfFalse(t) => {
                        fast!();
                        frame.ip = pc as u32;
                        let v = pop(frame);
                        let b = match v {
                            Value::Bool(b) => b,
                            _ => tri!(self.truthy(&v)),
                        };
                        if !b {
                            frame.ip = t;
                        }
                    }
                    Instr::PopJumpIfTrue(t) => {
                        fast!();
                        frame.ip = pc as u32;
                        let v = pop(frame);
                        let b = match v {
                            Value::Bool(b) => b,
                            _ => tri!(self.truthy(&v)),
                        };
                        if b {
                            frame.ip = t;
                        }
                    }
                    Instr::JumpIfFalseOrPop(t) => {
                        frame.ip = pc as u32;
                        let v = top(frame).clone();
                        if !tri!(self.truthy(&v)) {
                            frame.ip = t;
                        } else {
                            frame.stack.pop();
                        }
                    }
                    Instr::JumpIfTrueOrPop(t) => {
                        frame.ip = pc as u32;
                        let v = top(frame).clone();
                        if tri!(self.truthy(&v)) {
                            frame.ip = t;
                        } else {
                            frame.stack.pop();
                        }
                    }
                    Instr::GetIter => {
                        frame.ip = pc as u32;
                        let v = pop(frame);
                        let it = tri!(self.iter(&v));
                        frame.stack.push(it);
                        continue 'dispatch;
                    }
                    Instr::ForIter(t) => {
                        fast!();
                        frame.ip = pc as u32;
                        // Range, list and tuple iterators were stepped by `fast!`; a generator
                        // (`for x in gen`, the commonest iterator left) is resumed inline,
                        // tested first.
                        if let Some((gen_frame, resumed)) =
                            self.enter_generator_inline(top(frame), &Value::None)
                        {
                            let caller = std::mem::replace(frame, gen_frame);
                            push_inline(callers, caller);
                            if resumed {
                                self.deliver_resumed(frame, callers, Value::None);
                            }
                            continue 'outer;
                        }
                        // A dict items iterator whose pair is unpacked next is stepped in place.
                        let next = match top(frame).payload() {
                            Some(Payload::Iterator(st)) => {
                                match super::seq::dict_items_step_unpacked(
                                    st,
                                    instructions.get(frame.ip as usize),
                                ) {
                                    Some(Some((k, v))) => {
                                        if super::eval_support::unpack_pair_in_place(frame, k, v) {
                                            self.safe_point(frame);
                                        }
                                        pc = frame.ip as usize;
                                        continue 'dispatch;
                                    }
                                    Some(None) => None,
                                    None => tri!(self.iterator_step(st)),
                                }
                            }
                            _ => {
                                if let Some(callee) = self.user_next_frame(top(frame)) {
                                    tri!(self.push_frame(frame, callers, callee));
                                    continue 'outer;
                                }
                                let it = top(frame).clone();
                                tri!(self.next(&it))
                            }
                        };
                        match next {
                            Some(v) => {
                                if store_in_next_fast(frame, v) {
                                    self.safe_point(frame);
                                }
                            }
                            None => {
                                frame.stack.pop();
                                frame.ip = t;
                            }
                        }
                        pc = frame.ip as usize;
                        continue 'dispatch;
                    }
                    Instr::MakeFunction(flags) => {
                        frame.ip = pc as u32;
                        let f = self.make_function(frame, flags);
                        frame.stack.push(Value::Obj(f));
                    }
                    Instr::Call(n) => {
                        frame.ip = pc as u32;
                        let n = n as usize;
                        if let Some(callee) = self.plain_call_frame(&mut frame.stack, n) {
                            self.push_frame(frame, callers, callee)
                                .map_err(|e| (e, true))?;
                            continue 'outer;
                        }
                        // A builtin with a positional entry (`len(x)`, `isinstance(x, C)`):
                        // called on the stack's arguments.
                        let base = frame.stack.len() - n;
                        if let Some(r) =
                            self.call_native_fast(&frame.stack[base - 1], &frame.stack[base..])
                        {
                            frame.stack.truncate(base - 1);
                            frame.stack.push(tri!(r));
                            continue 'outer;
                        }
                        // Any other built-in function (not one that needs the frame): called at
                        // once, as `call_args` would, without `prepare_call`'s dispatch.
                        if let Value::Obj(o) = &frame.stack[frame.stack.len() - n - 1]
                            && let Payload::NativeFunction(nf) = &o.payload
                            && nf.intrinsic.is_none()
                        {
                            let args = frame.stack.split_off(frame.stack.len() - n);
                            let callable = pop(frame);
                            let Some(Payload::NativeFunction(nf)) = callable.payload() else {
                                unreachable!("checked to be a built-in function above")
                            };
                            let v = tri!((nf.func)(self, Args::new(args)));
                            frame.stack.push(v);
                            continue 'outer;
                        }
                        let callable = frame.stack[frame.stack.len() - n - 1].clone();
                        if let Some(outcome) =
                            self.exact_args_call(&callable, None, &mut frame.stack, n)
                        {
                            frame.stack.pop();
                            self.take_exact_call(frame, callers, outcome)?;
                            continue 'outer;
                        }
                        if let Some(outcome) =
                            tri!(self.exact_args_construct(&callable, &mut frame.stack, n))
                        {
                            frame.stack.pop();
                            self.take_exact_call(frame, callers, outcome)?;
                            continue 'outer;
                        }
                        // A built-in class: its `__new__` takes the class and the arguments,
                        // which are already in that order on the stack.
                        if let Some(cls) = callable.as_obj()
                            && cls.as_type().is_some()
                        {
                            // `str(x)` / `int(x)` / `range(...)`: the result itself (call_type's
                            // shortcut).
                            let base = frame.stack.len() - n;
                            // `for x in range(...)`: the range iterator at once (the range
                            // object itself would be unreachable after GET_ITER).
                            if let Some(&Instr::GetIter) = instructions.get(frame.ip as usize)
                                && let Some(it) = self.range_iter_call(cls, &frame.stack[base..])
                            {
                                frame.stack.truncate(base - 1);
                                frame.stack.push(it);
                                frame.ip += 1;
                                continue 'outer;
                            }
                            if let Some(r) = self.convert_call_fast(cls, &frame.stack[base..]) {
                                frame.stack.truncate(base - 1);
                                frame.stack.push(tri!(r));
                                continue 'outer;
                            }
                            if let Some(new) = self.builtin_class_new(cls) {
                                let args = frame.stack.split_off(frame.stack.len() - n - 1);
                                let v = tri!(self.call_args(&new, Args::new(args)));
                                frame.stack.push(v);
                                continue 'outer;
                            }
                        }
                        if n == 0 && self.zero_arg_super_method_call(frame, callers)? {
                            continue 'outer;
                        }
                        let args = frame.stack.split_off(frame.stack.len() - n);
                        let callable = pop(frame);
                        match tri!(self.prepare_call(frame, callers, callable, Args::new(args))) {
                            CallOutcome::Value(v) => frame.stack.push(v),
                            CallOutcome::Frame(f) => {
                                self.push_frame(frame, callers, f).map_err(|e| (e, true))?
                            }
                        }
                    }
                    Instr::CallKw(n) => {
                        frame.ip = pc as u32;
                        let kwnames = pop(frame);
                        let mut args = frame.stack.split_off(frame.stack.len() - n as usize);
                        let callable = pop(frame);
                        let names = kwnames.as_tuple().map(|t| t.to_vec()).unwrap_or_default();
                        let kwvals = args.split_off(args.len() - names.len());
                        let kwargs = names
                            .iter()
                            .zip(kwvals)
                            .map(|(k, v)| (Rc::from(k.as_str().unwrap_or("")), v))
                            .collect();
                        match tri!(self.prepare_call(
                            frame,
                            callers,
                            callable,
                            Args {
                                positional: args,
                                kwargs
                            }
                        )) {
                            CallOutcome::Value(v) => frame.stack.push(v),
                            CallOutcome::Frame(f) => {
                                self.push_frame(frame, callers, f).map_err(|e| (e, true))?
                            }
                        }
                    }
                    Instr::CallFunctionEx(has_kwargs) => {
                        frame.ip = pc as u32;
                        let kwargs = if has_kwargs { Some(pop(frame)) } else { None };
                        let args = pop(frame);
                        let callable = pop(frame);
                        // The argument tuple is usually LIST_TO_TUPLE's temporary: its items
                        // are moved into the call, not copied.
                        let positional = match args.as_tuple() {
                            Some(_) => tri!(self.collect_owned(args)),
                            None => tri!(self.collect_star_arg(&args, Some(&callable))),
                        };
                        let mut kw = Vec::new();
                        if let Some(k) = kwargs
                            && let Some(d) = k.as_obj()
                        {
                            for (key, v) in self.dict_items(d) {
                                match key.as_str() {
                                    Some(s) => kw.push((Rc::from(s), v)),
                                    None => {
                                        tri!(Err(self.new_type_error("keywords must be strings")))
                                    }
                                }
                            }
                        }
                        match tri!(self.prepare_call(
                            frame,
                            callers,
                            callable,
                            Args {
                                positional,
                                kwargs: kw
                            }
                        )) {
                            CallOutcome::Value(v) => frame.stack.push(v),
                            CallOutcome::Frame(f) => {
                                self.push_frame(frame, callers, f).map_err(|e| (e, true))?
                            }
                        }
                    }
                    Instr::CallMethod(name_idx, n) => {
                        frame.ip = pc as u32;
                        if tri!(self.call_builtin_method(
                            &mut frame.stack,
                            &frame.names.code().names[name_idx as usize],
                            n as usize,
                        )) {
                            if super::fused_calls::drop_unused_result(frame) {
                                self.safe_point(frame);
                                pc = frame.ip as usize;
                            }
                            continue 'dispatch;
                        }
                        // `gen.send(v)` before the instance method call, which a generator
                        // (no class) would only leave after an out-of-line call.
                        if n == 1 && self.send_call_inline(frame, callers, u32::from(name_idx)) {
                            continue 'outer;
                        }
                        if let Some(callee) =
                            self.instance_method_frame(frame, name_idx as usize, n as usize)
                        {
                            self.push_frame(frame, callers, callee)
                                .map_err(|e| (e, true))?;
                            continue 'outer;
                        }
                        let base = frame.stack.len() - n as usize - 1;
                        if let Some(r) = self.dict_get_call(
                            &frame.code().names[name_idx as usize],
                            &frame.stack[base..],
                        ) {
                            frame.stack.truncate(base);
                            frame.stack.push(tri!(r));
                            continue 'outer;
                        }
                        let name = frame.code().names[name_idx as usize].clone();
                        let hash = frame.name_hash(name_idx as usize);
                        let mut receiver = frame.stack[frame.stack.len() - n as usize - 1].clone();
                        let mut method = self.plain_method(
                            &frame.names,
                            name_idx as usize,
                            &receiver,
                            &name,
                            hash,
                        );
                        // A built-in method with a positional entry (str, list, dict methods)
                        // runs on the stack's arguments: no `Args` vector, no call dispatch.
                        if let Some(m) = &method {
                            let base = frame.stack.len() - n as usize - 1;
                            if let Some(r) = self.call_native_fast(m, &frame.stack[base..]) {
                                frame.stack.truncate(base);
                                frame.stack.push(tri!(r));
                                continue 'outer;
                            }
                        }
                        if method.is_none()
                            && let Some((f, bound_to)) = self.super_method(&receiver, &name, hash)
                        {
                            // `super().name(...)`: call the function with the object `super`
                            // binds to in the receiver's place.
                            let slot = frame.stack.len() - n as usize - 1;
                            frame.stack[slot] = bound_to.clone();
                            receiver = bound_to;
                            method = Some(f);
                        }
                        // A plain function taking exactly the receiver and the arguments: they
                        // are in order on the stack, so all of them move into its locals.
                        if let Some(Payload::Function(f)) = method.as_ref().and_then(Value::payload)
                            && f.exact_arity as usize == n as usize + 1
                        {
                            drop(receiver);
                            let callee = self.exact_args_function_frame(
                                f,
                                None,
                                &mut frame.stack,
                                n as usize + 1,
                            );
                            self.push_frame(frame, callers, callee)
                                .map_err(|e| (e, true))?;
                            continue 'outer;
                        }
                        if let Some(m) = &method
                            && let Some(outcome) = self.exact_args_call(
                                m,
                                Some(receiver),
                                &mut frame.stack,
                                n as usize,
                            )
                        {
                            frame.stack.pop();
                            self.take_exact_call(frame, callers, outcome)?;
                            continue 'outer;
                        }
                        // A built-in method (`list.append`, `str.join`, ...): the receiver and
                        // the arguments are its arguments, called at once as `call_args` would.
                        if let Some(Payload::NativeFunction(nf)) =
                            method.as_ref().and_then(Value::payload)
                            && nf.intrinsic.is_none()
                        {
                            let args = frame.stack.split_off(frame.stack.len() - n as usize - 1);
                            let v = tri!((nf.func)(self, Args::new(args)));
                            frame.stack.push(v);
                            continue 'outer;
                        }
                        let (callable, args) = match method {
                            // The receiver and the arguments are already in order on the stack:
                            // one exactly sized vector, no insert-at-front reallocation.
                            Some(f) => {
                                (f, frame.stack.split_off(frame.stack.len() - n as usize - 1))
                            }
                            None => {
                                let args = frame.stack.split_off(frame.stack.len() - n as usize);
                                let obj = pop(frame);
                                (tri!(self.get_attr_hashed(&obj, &name, hash)), args)
                            }
                        };
                        match tri!(self.prepare_call(frame, callers, callable, Args::new(args))) {
                            CallOutcome::Value(v) => frame.stack.push(v),
                            CallOutcome::Frame(f) => {
                                self.push_frame(frame, callers, f).map_err(|e| (e, true))?
                            }
                        }
                    }
                    Instr::SetupFinally(t) => {
                        frame.ip = pc as u32;
                        frame.push_handler_block(t);
                    }
                    Instr::SetupWith(t) => {
                        frame.ip = pc as u32;
                        let depth = frame.stack.len() as u32 - 1;
                        frame.blocks.push(Block {
                            handler: t,
                            stack_depth: depth,
                        });
                    }
                    Instr::PopBlock => {
                        frame.ip = pc as u32;
                        frame.blocks.pop();
                    }
                    Instr::PushExcInfo => {
                        frame.ip = pc as u32;
                        self.give_inline_generator_exc_slot(frame);
                        let exc = pop(frame);
                        let slot = self.exc_info.last_mut().expect("exc_info has a base slot");
                        let prev = std::mem::replace(slot, exc.as_obj().cloned());
                        frame
                            .stack
                            .push(prev.map(Value::Obj).unwrap_or(Value::None));
                        frame.stack.push(exc);
                    }
                    Instr::PopExcept => {
                        frame.ip = pc as u32;
                        let prev = pop(frame);
                        let slot = self.exc_info.last_mut().expect("exc_info has a base slot");
                        *slot = prev.as_obj().cloned();
                    }
                    Instr::CheckExcMatch => {
                        frame.ip = pc as u32;
                        let t = pop(frame);
                        let exc = top(frame).clone();
                        let m = tri!(self.exception_matches_spec(&exc, &t));
                        frame.stack.push(Value::Bool(m));
                    }
                    Instr::CheckEgMatch => {
                        frame.ip = pc as u32;
                        let t = pop(frame);
                        let exc = pop(frame);
                        let (rest, matched) = tri!(self.exception_group_split(&exc, &t));
                        frame.stack.push(rest);
                        frame.stack.push(matched);
                    }
                    Instr::PrepReraiseStar => {
                        frame.ip = pc as u32;
                        let raised = pop(frame);
                        let orig = pop(frame);
                        let r = tri!(self.prep_reraise_star(&orig, &raised));
                        frame.stack.push(r);
                    }
                    Instr::Reraise => {
                        frame.ip = pc as u32;
                        let exc = pop(frame);
                        match exc {
                            Value::Obj(e) => return Err((e, false)),
                            other => tri!(Err(self.new_type_error(format!(
                                "exceptions must derive from BaseException, not {}",
                                self.type_name(&other)
                            )))),
                        }
                    }
                    Instr::RaiseVarargs(n) => {
                        frame.ip = pc as u32;
                        let e = tri!(self.do_raise(frame, n));
                        match e {
                            (exc, true) => {
                                self.chain_context(&exc, true);
                                return Err((exc, true));
                            }
                            (exc, false) => return Err((exc, false)),
                        }
                    }
                    Instr::BeforeWith | Instr::BeforeAsyncWith => {
                        frame.ip = pc as u32;
                        let is_async = matches!(*instr, Instr::BeforeAsyncWith);
                        let mgr = pop(frame);
                        // An exact asyncio Lock/Condition entered at once may skip the
                        // await that follows (it moves the index).
                        if is_async && self.async_with_at_once(frame, &mgr) {
                            pc = frame.ip as usize;
                            continue 'dispatch;
                        }
                        tri!(self.before_with(frame, mgr, is_async));
                    }
                    Instr::WithExceptStart => {
                        frame.ip = pc as u32;
                        let len = frame.stack.len();
                        let exc = frame.stack[len - 1].clone();
                        let exit = frame.stack[len - 3].clone();
                        let tb = tri!(self.get_attr(&exc, "__traceback__"));
                        let ty = Value::Obj(self.type_of(&exc));
                        let r = tri!(self.call(&exit, vec![ty, exc, tb]));
                        frame.stack.push(r);
                    }
                    Instr::GetYieldFromIter => {
                        frame.ip = pc as u32;
                        let v = pop(frame);
                        let it = match v.payload() {
                        Some(Payload::Generator(g)) => match g.kind() {
                            super::generator::GenKind::Generator => v.clone(),
                            _ => tri!(Err(self.new_type_error("cannot 'yield from' a coroutine object in a non-coroutine generator"))),
                        },
                        _ => tri!(self.iter(&v)),
                    };
                        frame.stack.push(it);
                    }
                    Instr::GetAwaitable(place) => {
                        frame.ip = pc as u32;
                        let v = pop(frame);
                        let it = tri!(self.get_awaitable(&v, place));
                        frame.stack.push(it);
                    }
                    Instr::GetAIter => {
                        frame.ip = pc as u32;
                        let v = pop(frame);
                        let it = tri!(self.get_aiter(&v));
                        frame.stack.push(it);
                    }
                    Instr::GetANext => {
                        frame.ip = pc as u32;
                        let aiter = top(frame).clone();
                        let aw = tri!(self.get_anext(&aiter));
                        frame.stack.push(aw);
                    }
                    Instr::EndAsyncFor => {
                        frame.ip = pc as u32;
                        let exc = pop(frame);
                        let e = exc
                            .as_obj()
                            .cloned()
                            .expect("EndAsyncFor receives an exception");
                        if self.exc_matches(&e, &self.exc.stop_async_iteration.clone()) {
                            pop(frame);
                        } else {
                            return Err((e, false));
                        }
                    }
                    Instr::Send(t) => {
                        frame.ip = pc as u32;
                        let v = pop(frame);
                        if let Some((gen_frame, resumed)) =
                            self.enter_generator_inline(top(frame), &v)
                        {
                            let caller = std::mem::replace(frame, gen_frame);
                            push_inline(callers, caller);
                            if resumed {
                                self.deliver_resumed(frame, callers, v);
                            }
                            continue 'outer;
                        }
                        let receiver = top(frame).clone();
                        match tri!(self.send_any(&receiver, v)) {
                            super::generator::SendResult::Yield(x) => {
                                if let Value::Obj(o) = &receiver
                                    && let Payload::Native(n) = &o.payload
                                    && let Some(next) = n.send_successor()
                                    && let Some(slot) = frame.stack.last_mut()
                                {
                                    *slot = next;
                                }
                                frame.stack.push(x)
                            }
                            super::generator::SendResult::Return(x) => {
                                frame.stack.push(x);
                                frame.ip = t;
                            }
                        }
                    }
                    Instr::YieldValue => {
                        frame.ip = pc as u32;
                        let v = pop(frame);
                        yield_value!(v)
                    }
                    Instr::EndSend => {
                        frame.ip = pc as u32;
                        let v = pop(frame);
                        let receiver = pop(frame);
                        self.recycle_generator(receiver);
                        frame.stack.push(v);
                    }
                    Instr::CleanupThrow => {
                        frame.ip = pc as u32;
                        let exc = pop(frame);
                        let e = exc
                            .as_obj()
                            .cloned()
                            .expect("CleanupThrow receives an exception");
                        if self.exc_matches(&e, &self.exc.stop_iteration.clone()) {
                            let v = self.stop_iteration_value(&e);
                            frame.stack.push(v);
                        } else {
                            return Err((e, false));
                        }
                    }
                    Instr::ImportName(i) => {
                        frame.ip = pc as u32;
                        let name = frame.code().names[i as usize].clone();
                        let fromlist = pop(frame);
                        let level = pop(frame);
                        let globals = frame.globals.clone();
                        let m = tri!(self.import_name(
                            &name,
                            &fromlist,
                            level.as_i64().unwrap_or(0),
                            &globals
                        ));
                        frame.stack.push(m);
                    }
                    Instr::ImportFrom(i) => {
                        frame.ip = pc as u32;
                        let name = frame.code().names[i as usize].clone();
                        let m = top(frame).clone();
                        let v = tri!(self.import_from(&m, &name));
                        frame.stack.push(v);
                    }
                    Instr::ImportStar => {
                        frame.ip = pc as u32;
                        let m = pop(frame);
                        let target = frame.names_mapping();
                        tri!(self.import_star(&m, &target));
                    }
                    Instr::PrintExpr => {
                        frame.ip = pc as u32;
                        let v = pop(frame);
                        if !v.is_none() {
                            let r = tri!(self.repr(&v));
                            self.write_stdout(&r);
                            self.write_stdout("\n");
                            self.dict_set_str(&self.builtins_dict(), "_", v);
                        }
                    }
                }
                continue 'outer;
            }
        }
    }
}
