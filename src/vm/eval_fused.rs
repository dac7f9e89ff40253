//! LOAD_FAST and the instructions that commonly follow it, run as one step: a local combined
//! with the next local or constant by a number operation or a subscript is read in place
//! (no reference-count round trip, no push and pop), and the result goes straight into a
//! following STORE_FAST. Anything a fast path cannot decide is left to the next instruction.

use super::eval_resume::store_in_next_fast;
use super::frame::Frame;
use super::ops::fast_numeric_binop;
use super::seq::item_if_plain;
use super::value::Value;
use crate::bytecode::Instr;

/// What `load_fast` did.
pub(super) enum Loaded {
    /// The value (or a fused result) is on the stack.
    Pushed,
    /// A fused result was stored by the following STORE_FAST (its safe point is due).
    Stored,
    /// The local is unbound: LOAD_FAST raises.
    Unbound,
}

/// Pushes `v` on the operand stack. `Vec::push`, which the optimiser leaves out of line in the
/// eval loop, with the rare growth moved to a cold function.
#[inline(always)]
pub(super) fn push(stack: &mut Vec<Value>, v: Value) {
    let len = stack.len();
    if len == stack.capacity() {
        grow(stack);
    }
    // SAFETY: `len < capacity` (grown above if it was full), so slot `len` is allocated and
    // unused; it is written once and then counted by `set_len`.
    unsafe {
        stack.as_mut_ptr().add(len).write(v);
        stack.set_len(len + 1);
    }
}

/// `push`'s growth of a full stack.
#[cold]
#[inline(never)]
fn grow(stack: &mut Vec<Value>) {
    stack.reserve(1);
}

/// LOAD_FAST `i`, fused with what follows when that cannot fail or call out:
/// `a <op> b` / `a <op> k` of two ints or floats, `x[k]` and `c[a]` of a plain list or tuple
/// with an int index in range. Every other case pushes exactly what LOAD_FAST (and a
/// following LOAD_FAST / LOAD_CONST it ran as well) would have pushed.
#[inline(always)]
pub(super) fn load_fast(frame: &mut Frame, i: u32) -> Loaded {
    let Some(v) = &frame.locals[i as usize] else {
        return Loaded::Unbound;
    };
    match frame.code.instructions.get(frame.ip) {
        Some(&Instr::LoadFast(j)) => {
            // An unbound second local is left to its own LOAD_FAST, which raises.
            if let Some(w) = &frame.locals[j as usize] {
                // `a <op> b` of two int/float locals (nbody's `dx * dx`).
                if let Some(&Instr::BinaryOp { op, .. }) = frame.code.instructions.get(frame.ip + 1)
                    && let Some(r) = fast_numeric_binop(v, w, op)
                {
                    frame.ip += 2;
                    return stored(frame, r);
                }
                let (v, w) = (v.clone(), w.clone());
                push(&mut frame.stack, v);
                push(&mut frame.stack, w);
                frame.ip += 1;
                return Loaded::Pushed;
            }
        }
        Some(&Instr::LoadConst(j)) => {
            let k = &frame.consts[j as usize];
            match frame.code.instructions.get(frame.ip + 1) {
                // `x[k]` with a constant index (nbody's `b[0]`).
                Some(&Instr::BinarySubscr) => {
                    if let Some(item) = item_if_plain(v, k) {
                        frame.ip += 2;
                        // `b[0] - c[0]`, `b[6] * mag`: the operation at once.
                        if let Some((r, skipped)) = then_binop(frame, &item) {
                            frame.ip += skipped;
                            return stored(frame, r);
                        }
                        return stored(frame, item);
                    }
                }
                // `x <op> k` of numbers (`i + 1`, `k % 3`).
                Some(&Instr::BinaryOp { op, .. }) => {
                    if let Some(r) = fast_numeric_binop(v, k, op) {
                        frame.ip += 2;
                        return stored(frame, r);
                    }
                }
                // `x[k] op= ...` (`b[3] -= dx * cm`): `x, k` and the item `x[k]` pushed at
                // once, skipping `COPY 2; COPY 2; BINARY_SUBSCR`.
                Some(&Instr::Copy(2)) => {
                    if let Some(&[Instr::Copy(2), Instr::BinarySubscr]) =
                        frame.code.instructions.get(frame.ip + 2..frame.ip + 4)
                        && let Some(item) = item_if_plain(v, k)
                    {
                        let (v, k) = (v.clone(), k.clone());
                        push(&mut frame.stack, v);
                        push(&mut frame.stack, k);
                        push(&mut frame.stack, item);
                        frame.ip += 4;
                        return Loaded::Pushed;
                    }
                }
                _ => {}
            }
            let (v, k) = (v.clone(), k.clone());
            push(&mut frame.stack, v);
            push(&mut frame.stack, k);
            frame.ip += 1;
            return Loaded::Pushed;
        }
        // `c[i]` with the index just loaded (`bodies[j]`, `a[i]`).
        Some(&Instr::BinarySubscr) => {
            if let Some(c) = frame.stack.last()
                && let Some(item) = item_if_plain(c, v)
            {
                frame.ip += 1;
                let container = super::eval::pop(frame);
                let r = stored(frame, item);
                drop(container);
                return r;
            }
        }
        _ => {}
    }
    let v = v.clone();
    push(&mut frame.stack, v);
    Loaded::Pushed
}

/// With `a` just computed (not pushed yet), `<operand> BINARY_OP` at `frame.ip`, where the
/// operand is a local `y` or an item `y[k]` of a plain list or tuple with a constant index
/// and the operation one of `fast_numeric_binop`'s: `a <op> operand` and how many
/// instructions it covers. None (nothing consumed) for anything else.
#[inline(always)]
fn then_binop(frame: &Frame, a: &Value) -> Option<(Value, usize)> {
    let code = &frame.code.instructions;
    let ip = frame.ip;
    let &Instr::LoadFast(j) = code.get(ip)? else {
        return None;
    };
    let y = frame.locals[j as usize].as_ref()?;
    match *code.get(ip + 1)? {
        Instr::BinaryOp { op, .. } => Some((fast_numeric_binop(a, y, op)?, 2)),
        Instr::LoadConst(k) => {
            let &[Instr::BinarySubscr, Instr::BinaryOp { op, .. }] = code.get(ip + 2..ip + 4)?
            else {
                return None;
            };
            let item = item_if_plain(y, &frame.consts[k as usize])?;
            Some((fast_numeric_binop(a, &item, op)?, 4))
        }
        _ => None,
    }
}

/// `store_in_next_fast` as a `Loaded`.
#[inline(always)]
fn stored(frame: &mut Frame, v: Value) -> Loaded {
    if store_in_next_fast(frame, v) {
        Loaded::Stored
    } else {
        Loaded::Pushed
    }
}
