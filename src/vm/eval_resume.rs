//! Values handed to the next instruction without a push, pop and dispatch: a resumed
//! generator's sent value, what an inline generator yields or returns to its consumer, and a
//! result stored straight into a following STORE_FAST.

use super::Vm;
use super::eval_support::push_inline;
use super::frame::Frame;
use super::object::Payload;
use super::value::{ObjRef, Value};
use crate::bytecode::Instr;

impl Vm {
    /// Delivers `v` to a generator frame just resumed (see `deliver`). A frame suspended in
    /// the SEND loop of a `yield from` / `await` (YIELD_VALUE, then JUMP back to SEND) sends
    /// `v` straight on into its delegate, as that SEND would, when the delegate can run
    /// inline: a value sent into a chain of awaiting coroutines reaches the innermost one
    /// without a push, JUMP and SEND dispatch per level. (A delegate that cannot run inline,
    /// or a pending Ctrl-C, takes the JUMP and SEND as usual.)
    #[allow(clippy::vec_box)]
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline(never))]
    pub(super) fn deliver_resumed(
        &mut self,
        frame: &mut Box<Frame>,
        callers: &mut Vec<Box<Frame>>,
        v: Value,
    ) {
        let next = frame.instructions().get(frame.ip as usize).copied();
        if let Some(Instr::Jump(t)) = next {
            self.send_down_chain(frame, callers, t, v);
        } else if deliver_to(frame, next, v) {
            self.safe_point(frame);
        }
    }

    /// `deliver_resumed` for a frame whose next instruction is a JUMP to `t` (the SEND
    /// loop case).
    #[allow(clippy::vec_box)]
    #[inline(never)]
    pub(super) fn send_down_chain(
        &mut self,
        frame: &mut Box<Frame>,
        callers: &mut Vec<Box<Frame>>,
        t: u32,
        v: Value,
    ) {
        let mut t = t;
        loop {
            if let Some(&Instr::Send(_)) = frame.instructions().get(t as usize)
                && let Some(receiver) = frame.stack.last()
                && let Some((gen_frame, resumed)) = self.enter_generator_inline(receiver, &v)
            {
                frame.ip = t + 1;
                let caller = std::mem::replace(frame, gen_frame);
                push_inline(callers, caller);
                if !resumed {
                    return;
                }
                let next = frame.instructions().get(frame.ip as usize).copied();
                if let Some(Instr::Jump(u)) = next {
                    t = u;
                    continue;
                }
                if deliver_to(frame, next, v) {
                    self.safe_point(frame);
                }
                return;
            }
            if deliver(frame, v) {
                self.safe_point(frame);
            }
            return;
        }
    }
}

impl Vm {
    /// CALL_METHOD `gen.send(v)` on a generator or coroutine that can run inline: its frame
    /// is resumed in this eval loop, as SEND does (CPython 3.12 specialises it the same way:
    /// SEND_GEN), and its return raises StopIteration at the call (see
    /// `inline_generator_returned`). Generators have no subclasses and no instance dict, so
    /// `send` is always the built-in.
    /// False: nothing was done, the call takes its general path.
    #[allow(clippy::vec_box)]
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline(never))]
    pub(super) fn send_call_inline(
        &mut self,
        frame: &mut Box<Frame>,
        callers: &mut Vec<Box<Frame>>,
        name_idx: u32,
    ) -> bool {
        let len = frame.stack.len();
        if len < 2 {
            return false;
        }
        let Value::Obj(receiver) = &frame.stack[len - 2] else {
            return false;
        };
        if !matches!(receiver.payload, Payload::Generator(_))
            || &*frame.code().names[name_idx as usize] != "send"
        {
            return false;
        }
        let Some((mut gen_frame, resumed)) =
            self.take_generator_frame(receiver, &frame.stack[len - 1])
        else {
            return false;
        };
        let value = super::eval::pop(frame);
        // The receiver's reference becomes the frame's (no count up here and down there).
        let Value::Obj(receiver) = super::eval::pop(frame) else {
            unreachable!("the receiver was a generator object just above")
        };
        gen_frame.set_inline_gen(receiver);
        let caller = std::mem::replace(frame, gen_frame);
        push_inline(callers, caller);
        if resumed {
            self.deliver_resumed(frame, callers, value);
        }
        true
    }
}

/// Hands `v` (the value sent into a resumed generator, or the value an inline generator
/// yielded to its consumer) to the instruction at `frame.ip` as if pushed: a STORE_FAST
/// stores it and a POP_TOP drops it without a push, pop and dispatch of their own (a
/// `yield` statement, `x = yield`, `for x in gen`, `gen.send(v)` as a statement). True when
/// an instruction was consumed, so the caller runs its safe point.
#[inline(always)]
pub(super) fn deliver(frame: &mut Frame, v: Value) -> bool {
    let next = frame.instructions().get(frame.ip as usize).copied();
    deliver_to(frame, next, v)
}

/// `deliver` with the instruction at `frame.ip` (`next`) already fetched.
#[inline(always)]
pub(super) fn deliver_to(frame: &mut Frame, next: Option<Instr>, v: Value) -> bool {
    match next {
        Some(Instr::StoreFast(j)) => {
            frame.ip += 1;
            super::eval_fused::set_local(frame.local_mut(j as usize), v);
            true
        }
        Some(Instr::PopTop) => {
            frame.ip += 1;
            // Only an object owns anything: the None a `next()` or `for` sends is forgotten
            // without a call to the value's drop.
            if let Value::Obj(_) = v {
                drop(v);
            } else {
                std::mem::forget(v);
            }
            true
        }
        _ => {
            push_inline(&mut frame.stack, v);
            false
        }
    }
}

impl Vm {
    /// The inline generator `g` returned `v` and `frame` (the frame whose SEND, FOR_ITER or
    /// `gen.send()` call ran it) is current again: `g` is closed and `frame` continues where
    /// that instruction continues. SEND pushes the value and jumps to its exit; at the exit
    /// every `await` / `yield from` has (POP_BLOCK; END_SEND), run here at once: the block
    /// is popped, the finished delegate dropped (its object recycled) and the value handed to
    /// the instruction after END_SEND. FOR_ITER drops the exhausted iterator and jumps past
    /// the loop (the return value is discarded). Err(v): a `gen.send()` call, which raises
    /// `StopIteration(v)`.
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline(never))]
    pub(super) fn inline_generator_returned(
        &mut self,
        frame: &mut Frame,
        g: ObjRef,
        v: Value,
    ) -> Result<(), Value> {
        self.finish_inline_generator(&g);
        drop(g);
        match frame.instructions()[frame.ip as usize - 1] {
            Instr::Send(t) => {
                let t = t as usize;
                if let Some(&[Instr::PopBlock, Instr::EndSend]) = frame.instructions().get(t..t + 2)
                {
                    frame.blocks.pop();
                    let receiver = super::eval::pop(frame);
                    self.recycle_generator(receiver);
                    frame.ip = (t + 2) as u32;
                    store_in_next_fast(frame, v);
                } else {
                    push_inline(&mut frame.stack, v);
                    frame.ip = t as u32;
                }
            }
            Instr::ForIter(t) => {
                frame.stack.pop();
                frame.ip = t;
            }
            Instr::CallMethod(..) => return Err(v),
            _ => unreachable!("only SEND, FOR_ITER and gen.send() run generators inline"),
        }
        Ok(())
    }
}

/// Pushes `v`, or, when the next instruction is STORE_FAST, stores it there and skips that
/// instruction (a loop variable, an assignment of an operation's result): no push, pop and
/// dispatch. True when it stored, so the caller runs STORE_FAST's safe point.
#[inline(always)]
pub(super) fn store_in_next_fast(frame: &mut Frame, v: Value) -> bool {
    if let Some(&Instr::StoreFast(j)) = frame.instructions().get(frame.ip as usize) {
        frame.ip += 1;
        *frame.local_mut(j as usize) = Some(v);
        return true;
    }
    push_inline(&mut frame.stack, v);
    false
}
