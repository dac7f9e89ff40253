//! Parked await chains. A value yielded at the bottom of a chain of coroutines awaiting
//! coroutines (or generators in `yield from`), resumed from Rust (a task step, `next()`,
//! `send()` called from Rust), goes straight back to the resumer with the chain's frames
//! kept together, and the next send resumes the innermost frame directly: no level's
//! frame is suspended on the way up and re-entered on the way down. The delegates stay
//! observably suspended (`GenState::Parked`): anything but that resumption first settles
//! the chain into one suspended frame per generator, as if it had never been parked, and
//! takes the general path (a throw, a close, a send into a delegate, `cr_await`, a frame
//! object, a finalizer, a Ctrl-C or recursion limit pending at the resumption).

use super::eval_support::push_inline;
use super::frame::{Frame, FrameChain};
use super::generator::{GenState, Generator, Resume, SendResult};
use super::object::Payload;
use super::value::{ObjRef, Value};
use super::{PyResult, Vm};
use crate::bytecode::Instr;

/// True when `frame`, a caller of an inline generator, entered it from the SEND of an
/// `await` / `yield from` (and so stopped at that SEND loop's YIELD_VALUE, which the
/// compiler always emits after SEND, with the JUMP back after it): what it yields is its
/// delegate's value, and resuming it sends straight on into that delegate.
#[inline(always)]
fn entered_by_send(frame: &Frame) -> bool {
    matches!(
        frame
            .instructions()
            .get((frame.ip as usize).wrapping_sub(1)),
        Some(Instr::Send(_))
    )
}

/// The generator a chain frame runs inline for.
#[inline(always)]
fn inline_generator(frame: &Frame) -> Option<&Generator> {
    match &frame.inline_gen()?.payload {
        Payload::Generator(g) => Some(g),
        _ => None,
    }
}

impl Generator {
    /// Undoes the parking of the chain this generator belongs to (as its outermost
    /// generator, or as a `Parked` delegate): every generator of the chain is plainly
    /// `Suspended` at its own frame again, each delegating frame at the JUMP back to its
    /// SEND, exactly as the chain's YIELD_VALUEs would have left them.
    pub fn settle(&self) {
        let owner = match &*self.state.borrow() {
            GenState::Parked(owner) => Some(*owner),
            GenState::SuspendedChain(_) => None,
            _ => return,
        };
        if let Some(owner) = owner {
            // SAFETY: a generator is `Parked` only while the owner its pointer names holds
            // it in its `SuspendedChain` (`park_chain`); the owner leaves that state only
            // by resuming the chain (which makes every delegate `Running` first) or by
            // settling it (which makes every delegate `Suspended`), and settles it before
            // it is freed (`Drop for Generator`). So the owner is alive here.
            let owner = unsafe { &*owner };
            if let Payload::Generator(g) = &owner.payload {
                g.settle();
            }
            // The owner's chain holds every delegate it parked; one left parked would mean
            // a broken chain, closed rather than looped on.
            let mut state = self.state.borrow_mut();
            if matches!(&*state, GenState::Parked(_)) {
                *state = GenState::Closed;
            }
            return;
        }
        let GenState::SuspendedChain(chain) =
            std::mem::replace(&mut *self.state.borrow_mut(), GenState::Closed)
        else {
            unreachable!("the state was a SuspendedChain just above")
        };
        let innermost = chain.len() - 1;
        let mut own = None;
        for (i, mut frame) in (*chain).into_iter().enumerate() {
            if i < innermost {
                frame.ip += 1;
            }
            match frame.take_inline_gen() {
                Some(g) => {
                    if let Payload::Generator(g) = &g.payload {
                        *g.state.borrow_mut() = GenState::Suspended(frame);
                    }
                }
                None => own = Some(frame),
            }
        }
        *self.state.borrow_mut() = own.map_or(GenState::Closed, GenState::Suspended);
    }
}

impl Vm {
    /// At a YIELD_VALUE of the inline generator frame `frame`: true when it and all of
    /// `callers` form one await / `yield from` chain that can park — every caller stopped
    /// at its SEND loop's YIELD_VALUE and running inline for its generator, down to a base
    /// generator or coroutine frame resumed from Rust, with no handled exception saved at
    /// any inline level. The inline levels' exception slots (those that have one) and
    /// depth are then dropped, as their YIELD_VALUEs would have dropped them
    /// (`resume_parked_chain` gives the depth back; the delegates run without slots, as
    /// `take_generator_frame` resumes them); and the eval loop returns a `YieldChain` of
    /// `callers` and `frame`.
    #[allow(clippy::vec_box)]
    #[inline(never)]
    pub(super) fn park_at_yield(&mut self, frame: &Frame, callers: &[Box<Frame>]) -> bool {
        let Some((base, inline)) = callers.split_first() else {
            return false;
        };
        let flags = &base.code().flags;
        debug_assert!(
            frame.inline_gen().is_some(),
            "a frame yielding to callers runs inline"
        );
        if !entered_by_send(&callers[callers.len() - 1])
            || base.inline_gen().is_some()
            || !(flags.coroutine || flags.generator)
            || flags.async_generator
            || !entered_by_send(base)
            || !inline
                .iter()
                .all(|c| c.inline_gen().is_some() && entered_by_send(c))
        {
            return false;
        }
        let levels = callers.len();
        // The inline levels' generators, `frame`'s and every inline caller's, that have a
        // slot of their own on `exc_info` (`GenStateCell::exc_slot`): usually none at all.
        if self.inline_exc_slots > 0 && !self.drop_inline_exc_slots(frame, inline) {
            return false;
        }
        self.depth -= levels;
        true
    }

    /// `park_at_yield`'s drop of the exception slots its levels (`frame` and the `inline`
    /// callers) have, when every one is None; false (nothing changed) otherwise.
    #[allow(clippy::vec_box)]
    #[cold]
    #[inline(never)]
    fn drop_inline_exc_slots(&mut self, frame: &Frame, inline: &[Box<Frame>]) -> bool {
        let gens = || {
            std::iter::once(frame)
                .chain(inline.iter().map(|c| &**c))
                .filter_map(inline_generator)
                .filter(|g| g.state.exc_slot())
        };
        let slots = gens().count();
        let Some(start) = self.exc_info.len().checked_sub(slots) else {
            return false;
        };
        if self.exc_info[start..].iter().any(Option::is_some) {
            return false;
        }
        // SAFETY: every entry from `start` on is None (checked above): shortening the
        // vector forgets values that own nothing.
        unsafe { self.exc_info.set_len(start) };
        gens().for_each(|g| g.state.set_exc_slot(false));
        self.inline_exc_slots -= slots;
        true
    }

    /// The parked chain of `callers` and its innermost `frame` (see `park_at_yield`);
    /// `callers` is replaced by an empty stack from the pool.
    #[inline(never)]
    pub(super) fn take_chain(&mut self, callers: &mut FrameChain, frame: Box<Frame>) -> FrameChain {
        let spare = self.caller_stacks.pop().unwrap_or_default();
        let mut chain = std::mem::replace(callers, spare);
        chain.push(frame);
        chain
    }

    /// Gives an emptied caller stack back to the pool.
    #[inline(always)]
    pub(super) fn return_caller_stack(&mut self, mut callers: FrameChain) {
        if self.caller_stacks.len() < 16 {
            callers.clear();
            self.caller_stacks.push(callers);
        }
    }

    /// The generator `obj`'s frame yielded up the parked `chain`: the chain becomes its
    /// state, each delegate `Parked` with `obj` as its owner.
    pub(super) fn park_chain(&mut self, obj: &ObjRef, chain: FrameChain) {
        let owner = ObjRef::as_ptr(obj);
        for g in chain[1..].iter().filter_map(|f| inline_generator(f)) {
            g.leave_running(GenState::Parked(owner));
        }
        if let Payload::Generator(g) = &obj.payload {
            g.leave_running(GenState::SuspendedChain(chain));
        }
    }

    /// `gen.send(value)` into the generator `obj` whose await chain is parked: the
    /// delegates run again, with the depth their SENDs would have given them (and no
    /// exception slots: none saved a handled exception), and `value` goes straight to the innermost frame, as a send down every
    /// level would deliver it. Err(value) (the chain settled, `obj` plainly suspended
    /// again): a Ctrl-C is pending or there is no recursion room, so the general path runs.
    pub(super) fn resume_parked_chain(
        &mut self,
        obj: &ObjRef,
        mut chain: FrameChain,
        value: Value,
    ) -> Result<PyResult<SendResult>, Value> {
        let Payload::Generator(g) = &obj.payload else {
            unreachable!("only generators park chains")
        };
        let levels = chain.len() - 1;
        if super::interrupt::pending() || self.depth + levels + 1 >= self.recursion_limit {
            *g.state.borrow_mut() = GenState::SuspendedChain(chain);
            g.settle();
            return Err(value);
        }
        for g in chain[1..].iter().filter_map(|f| inline_generator(f)) {
            g.leave_running(GenState::Running);
        }
        // The base generator's slot, as `gen_resume` pushes it; the delegates run without
        // one of their own, as `take_generator_frame` resumes them.
        let saved = g.exc_state.take();
        push_inline(&mut self.exc_info, saved);
        self.depth += 1;
        let base_depth = self.depth;
        self.depth += levels;
        let innermost = chain.pop().expect("a parked chain has its innermost frame");
        let may_park = std::mem::replace(&mut self.chains_may_park, true);
        let r = self.eval_loop_with(innermost, Resume::Value(Some(value)), &mut chain);
        self.chains_may_park = may_park;
        self.return_caller_stack(chain);
        self.depth = base_depth - 1;
        Ok(self.gen_resumed(obj, r))
    }
}
