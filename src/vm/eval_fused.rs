//! LOAD_FAST and the instructions that commonly follow it, run as one step: a local combined
//! with the next local or constant by a number operation or a subscript is read in place
//! (no reference-count round trip, no push and pop), and the result goes straight into a
//! following STORE_FAST. Anything a fast path cannot decide is left to the next instruction.

use super::eval_support::push_inline as push;
use super::frame::Frame;
use super::ops::fast_numeric_binop;
use super::seq::{item_if_plain, store_if_plain};
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
    /// `return x`: the following RETURN_VALUE is due with this value (nothing pushed).
    Return(Value),
    /// `yield x`, `yield a * b`: the following YIELD_VALUE is due with this value (nothing
    /// pushed, the index past the YIELD_VALUE).
    Yield(Value),
}

/// LOAD_FAST `i` (`code` is the frame's instructions, `ip` the eval loop's copy of the
/// frame's next-instruction index), fused with what follows when that cannot fail or call out:
/// `a <op> b` / `a <op> k` / `a <op> y[k]` of ints and floats, `x[k]` and `c[a]` of a plain
/// list or tuple with an int index in range, each result carried on by `finish`. Every
/// other case pushes exactly what LOAD_FAST (and a following LOAD_FAST / LOAD_CONST it ran
/// as well) would have pushed.
#[inline(always)]
pub(super) fn load_fast(frame: &mut Frame, code: &[Instr], ip: &mut usize, i: u32) -> Loaded {
    // The fields apart, so that the stack and the locals change with no re-reading of the
    // frame's other fields after each write. The locals share the stack's buffer: a value
    // borrowed from them is cloned before anything is pushed.
    let Frame { names, stack, .. } = frame;
    let consts: &[Value] = &names.consts;
    let mut i = i;
    // Runs again for a following LOAD_FAST of a bound local that nothing fuses with this
    // one (`dt / (d2 * d2 ** 0.5)`'s `d2` after `dt`): only the first local can be unbound.
    let r = loop {
        let locals = stack.prefix();
        let Some(v) = &locals[i as usize] else {
            return Loaded::Unbound;
        };
        let at = *ip;
        break match code.get(at) {
            Some(&Instr::ReturnValue) => {
                *ip = at + 1;
                return Loaded::Return(v.clone());
            }
            Some(&Instr::YieldValue) => {
                *ip = at + 1;
                return Loaded::Yield(v.clone());
            }
            Some(&Instr::LoadFast(j)) => {
                // `a <op> b` of two number locals (nbody's `dx * dx`), `a <op> y[k]` (`dt * b[3]`).
                if let Some((r, skipped)) = then_binop(code, at, locals, consts, v) {
                    *ip = at + skipped;
                    r
                } else {
                    // An unbound second local is left to its own LOAD_FAST, which raises.
                    let v = v.clone();
                    if locals[j as usize].is_none() {
                        push(stack, v);
                        return Loaded::Pushed;
                    }
                    push(stack, v);
                    *ip = at + 1;
                    i = j;
                    continue;
                }
            }
            Some(&Instr::LoadConst(j)) => {
                let k = &consts[j as usize];
                match code.get(at + 1) {
                    // `x[k]` with a constant index (nbody's `b[0]`).
                    Some(&Instr::BinarySubscr) if let Some(item) = item_if_plain(v, k) => {
                        // `b[0] - c[0]`, `b[6] * mag`: the operation at once.
                        match then_binop(code, at + 2, locals, consts, &item) {
                            Some((r, skipped)) => {
                                *ip = at + 2 + skipped;
                                r
                            }
                            None => {
                                *ip = at + 2;
                                item
                            }
                        }
                    }
                    // `if n < 2:` and the like: one dispatch, nothing pushed.
                    Some(&Instr::CompareOp(op))
                        if super::eval_compare_jump::int_compare_const_and_jump(
                            v, ip, code, k, op,
                        ) =>
                    {
                        return Loaded::Pushed;
                    }
                    // `x <op> k` of numbers (`i + 1`, `k % 3`).
                    Some(&Instr::BinaryOp { op, .. })
                        if let Some(r) = fast_numeric_binop(v, k, op) =>
                    {
                        *ip = at + 2;
                        r
                    }
                    // `x[k] op= ...` (`b[3] -= dx * cm`): `x, k` and the item `x[k]` pushed at
                    // once, skipping `COPY 2; COPY 2; BINARY_SUBSCR`.
                    Some(&Instr::Copy(2))
                        if let Some(&[Instr::Copy(2), Instr::BinarySubscr]) =
                            code.get(at + 2..at + 4)
                            && let Some(item) = item_if_plain(v, k) =>
                    {
                        // The whole statement when its right side is `a`, `a <op> y` or
                        // `a <op> y[k]` of numbers: nothing pushed.
                        if let Some((r, end)) = augmented_item(code, at + 4, locals, consts, &item)
                        {
                            match store_if_plain(v, k, r) {
                                Ok(()) => {
                                    *ip = end;
                                    return Loaded::Stored;
                                }
                                // Not a plain list (a tuple): SWAP 3; SWAP 2; STORE_SUBSCR raise.
                                Err(r) => {
                                    let v = v.clone();
                                    push(stack, v);
                                    push(stack, k.clone());
                                    push(stack, r);
                                    *ip = end - 3;
                                    return Loaded::Pushed;
                                }
                            }
                        }
                        let v = v.clone();
                        push(stack, v);
                        push(stack, k.clone());
                        push(stack, item);
                        *ip = at + 4;
                        return Loaded::Pushed;
                    }
                    _ => {
                        let v = v.clone();
                        push(stack, v);
                        push(stack, k.clone());
                        *ip = at + 1;
                        return Loaded::Pushed;
                    }
                }
            }
            // `c[i]` with the index just loaded (`bodies[j]`, `a[i]`).
            Some(&Instr::BinarySubscr)
                if let Some(c) = stack.last()
                    && let Some(item) = item_if_plain(c, v) =>
            {
                *ip = at + 1;
                drop(stack.pop());
                item
            }
            // `<expr> <op> b` of numbers (`total + i * j`'s `i * j`, then the `+`).
            Some(&Instr::BinaryOp { op, .. })
                if let Some(a) = stack.last()
                    && let Some(r) = fast_numeric_binop(a, v, op) =>
            {
                *ip = at + 1;
                forget_number(stack.pop());
                r
            }
            _ => {
                let v = v.clone();
                push(stack, v);
                return Loaded::Pushed;
            }
        };
    };
    finish_with(code, ip, stack, consts, r)
}

/// Carries on with `r`, a value just computed but not pushed, through the instructions at
/// `ip` that cannot fail or call out with it: BINARY_OP of the number below it on the stack
/// (`dx * dx + dy * dy`, `dt / (d2 * d2 ** 0.5)`), `<op> y` / `<op> y[k]` as in
/// `then_binop`, the store `SWAP 3; SWAP 2; STORE_SUBSCR` into a plain list
/// (`b[3] -= dx * cm`) and STORE_FAST. Pushes the value where none applies.
#[inline(always)]
fn finish_with(
    code: &[Instr],
    ip: &mut usize,
    stack: &mut super::frame::Stack,
    consts: &[Value],
    r: Value,
) -> Loaded {
    let mut r = r;
    let mut at = *ip;
    loop {
        match code.get(at) {
            Some(&Instr::StoreFast(j)) => {
                *ip = at + 1;
                set_local(&mut stack.prefix_mut()[j as usize], r);
                return Loaded::Stored;
            }
            Some(&Instr::YieldValue) => {
                *ip = at + 1;
                return Loaded::Yield(r);
            }
            Some(&Instr::BinaryOp { op, .. }) => {
                let Some(a) = stack.last() else { break };
                let Some(v) = fast_numeric_binop(a, &r, op) else {
                    break;
                };
                at += 1;
                forget_number(stack.pop());
                r = v;
            }
            Some(&Instr::Swap(3))
                if let Some(&[Instr::Swap(2), Instr::StoreSubscr]) = code.get(at + 1..at + 3)
                    && let [.., container, key] = &stack[..] =>
            {
                match store_if_plain(container, key, r) {
                    Ok(()) => {
                        *ip = at + 3;
                        let key = stack.pop();
                        let container = stack.pop();
                        drop((key, container));
                        return Loaded::Stored;
                    }
                    Err(v) => {
                        r = v;
                        break;
                    }
                }
            }
            Some(&Instr::LoadFast(p)) => {
                let locals = stack.prefix();
                if let Some((v, skipped)) = then_binop(code, at, locals, consts, &r) {
                    at += skipped;
                    r = v;
                    continue;
                }
                // `r <op> (p <op> q)`, `r <op> (p <op> q[k])` (`dx * dx + dy * dy`).
                let Some(p) = &locals[p as usize] else { break };
                let Some((operand, skipped)) = then_binop(code, at + 1, locals, consts, p) else {
                    break;
                };
                let Some(&Instr::BinaryOp { op, .. }) = code.get(at + 1 + skipped) else {
                    break;
                };
                let Some(v) = fast_numeric_binop(&r, &operand, op) else {
                    break;
                };
                at += skipped + 2;
                r = v;
            }
            // `if x % 3:`: a number tested by a conditional jump jumps at once (never pushed).
            Some(&(Instr::PopJumpIfFalse(t) | Instr::PopJumpIfTrue(t))) => {
                let Some(truth) = r.number_truth() else {
                    break;
                };
                let jump_if = matches!(code[at], Instr::PopJumpIfTrue(_));
                *ip = if truth == jump_if { t as usize } else { at + 1 };
                return Loaded::Pushed;
            }
            // `... % 1000003`, `... ** 0.5`.
            Some(&Instr::LoadConst(k)) => {
                let Some(&Instr::BinaryOp { op, .. }) = code.get(at + 1) else {
                    break;
                };
                let Some(v) = fast_numeric_binop(&r, &consts[k as usize], op) else {
                    break;
                };
                at += 2;
                r = v;
            }
            _ => break,
        }
    }
    *ip = at;
    push(stack, r);
    Loaded::Pushed
}

/// For `x[k] op= <rhs>` with `item` = `x[k]` loaded and `at` just past its
/// `BINARY_SUBSCR`: when `<rhs>` is a local `a`, `a <op> y` or `a <op> y[k]` (as in
/// `then_binop`) and it and `item <op>= rhs` are numbers `fast_numeric_binop` combines, the
/// new value and the position just past `SWAP 3; SWAP 2; STORE_SUBSCR`.
#[inline(always)]
fn augmented_item(
    code: &[Instr],
    at: usize,
    locals: &[Option<Value>],
    consts: &[Value],
    item: &Value,
) -> Option<(Value, usize)> {
    let &Instr::LoadFast(a) = code.get(at)? else {
        return None;
    };
    let a = locals[a as usize].as_ref()?;
    let (rhs, at) = match then_binop(code, at + 1, locals, consts, a) {
        Some((rhs, skipped)) => (rhs, at + 1 + skipped),
        None => (a.clone(), at + 1),
    };
    let &[
        Instr::BinaryOp { op, inplace: true },
        Instr::Swap(3),
        Instr::Swap(2),
        Instr::StoreSubscr,
    ] = code.get(at..at + 4)?
    else {
        return None;
    };
    Some((fast_numeric_binop(item, &rhs, op)?, at + 4))
}

/// With `a` just computed (not pushed), `<operand> BINARY_OP` at `at`, where the operand is
/// a local `y` or an item `y[k]` of a plain list or tuple with a constant index and the
/// operation one of `fast_numeric_binop`'s: `a <op> operand` and how many instructions it
/// covers. None (nothing consumed) for anything else.
#[inline(always)]
fn then_binop(
    code: &[Instr],
    at: usize,
    locals: &[Option<Value>],
    consts: &[Value],
    a: &Value,
) -> Option<(Value, usize)> {
    let &Instr::LoadFast(j) = code.get(at)? else {
        return None;
    };
    let y = locals[j as usize].as_ref()?;
    match *code.get(at + 1)? {
        Instr::BinaryOp { op, .. } => Some((fast_numeric_binop(a, y, op)?, 2)),
        Instr::LoadConst(k) => {
            let &[Instr::BinarySubscr, Instr::BinaryOp { op, .. }] = code.get(at + 2..at + 4)?
            else {
                return None;
            };
            let item = item_if_plain(y, &consts[k as usize])?;
            Some((fast_numeric_binop(a, &item, op)?, 4))
        }
        _ => None,
    }
}

/// Discards an operand that fast_numeric_binop took, so an int or a float: it owns nothing,
/// and forgetting it instead of dropping it skips the drop's type test.
#[inline(always)]
fn forget_number(v: Option<Value>) {
    debug_assert!(matches!(v, Some(Value::Int(_) | Value::Float(_))));
    std::mem::forget(v);
}

/// Stores `v` in the local `slot`, releasing the old value: only an object owns anything,
/// so an int or float loop variable is overwritten without a drop call.
#[inline(always)]
pub(super) fn set_local(slot: &mut Option<Value>, v: Value) {
    if let Some(Value::Obj(_)) = slot {
        *slot = Some(v);
    } else {
        // SAFETY: the slot holds None or an immediate (None, a bool, an int or a float),
        // none of which owns anything: overwriting it without dropping leaks nothing.
        unsafe { std::ptr::write(slot, Some(v)) };
    }
}
