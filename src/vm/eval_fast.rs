//! The eval loop's fast cases: the instructions (or the cases of one) that cannot raise,
//! call out to Python code or switch frames. They run on the loop's own copy of the
//! instruction index, which is written back to the frame only when an instruction takes
//! the general path, returns, or reaches a safe point with finalizers due: nothing else
//! can observe the index in between.

use super::frame::Frame;
use super::object::{IterState, Payload};
use super::value::Value;
use super::{Vm, generator};
use crate::ast::CmpOp;
use std::cell::RefCell;

/// `x <op> y` for an order or equality comparison `op`, else None.
#[inline(always)]
pub(super) fn ordered<T: PartialOrd>(x: T, y: T, op: CmpOp) -> Option<bool> {
    Some(match op {
        CmpOp::Lt => x < y,
        CmpOp::LtE => x <= y,
        CmpOp::Gt => x > y,
        CmpOp::GtE => x >= y,
        CmpOp::Eq => x == y,
        CmpOp::NotEq => x != y,
        _ => return None,
    })
}

/// `a <op> b` for two ints or two floats and an order or equality comparison, else None.
#[inline(always)]
pub(super) fn number_compare(a: &Value, b: &Value, op: CmpOp) -> Option<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => ordered(x, y, op),
        (Value::Float(x), Value::Float(y)) => ordered(x, y, op),
        _ => None,
    }
}

/// Removes the two numbers on top of the stack (an int or a float owns nothing: no drop).
#[inline(always)]
pub(super) fn forget_two_numbers(frame: &mut Frame) {
    let len = frame.stack.len();
    debug_assert!(
        len >= 2
            && frame.stack[len - 2..]
                .iter()
                .all(|v| matches!(v, Value::Int(_) | Value::Float(_) | Value::Bool(_)))
    );
    // SAFETY: the caller saw two ints or floats on top of the stack; they own nothing, so
    // forgetting them (shortening the vector without dropping) leaks nothing.
    unsafe { frame.stack.set_len(len - 2) };
}

/// One step of an iterator over a range, a list or a tuple (of any class), inline in
/// FOR_ITER: `Some(next)` as `iterator_step` gives it, None for any other iterator (or a
/// list being mutated right now).
#[inline(always)]
pub(super) fn builtin_step(cell: &RefCell<IterState>) -> Option<Option<Value>> {
    let mut st = cell.try_borrow_mut().ok()?;
    let (seq, index) = match &mut *st {
        IterState::Range { next, step, left } => {
            return Some(super::seq::range_next(next, *step, left));
        }
        IterState::Seq { seq, index } => (seq, index),
        _ => return None,
    };
    let item = match seq.payload()? {
        Payload::List(l) => l.try_borrow().ok()?.get(*index).cloned(),
        Payload::Tuple(t) => t.get(*index).cloned(),
        _ => return None,
    };
    Some(match item {
        Some(v) => {
            *index += 1;
            Some(v)
        }
        None => {
            *st = IterState::Exhausted;
            None
        }
    })
}

impl Vm {
    /// `safe_point` for a frame whose next-instruction index is `pc` in the eval loop: the
    /// index is written back only when finalizers are due (they may report a location).
    #[inline(always)]
    pub(super) fn safe_point_at(&mut self, frame: &mut Frame, pc: usize) {
        if generator::HAS_PENDING.with(|h| h.get()) {
            frame.ip = pc as u32;
            self.safe_point(frame);
        }
    }
}

/// Runs `$instr` (a reference to the instruction just fetched from `$code`, the frame's
/// instructions; `$pc` is the index after it) when it or its case at hand cannot raise,
/// call out or switch frames, then continues the dispatch loop `$next`; otherwise leaves
/// the frame and `$pc` as they were and falls through to the general path after it. A
/// return (RETURN_VALUE, RETURN_CONST, or one fused into the instruction before it) runs
/// `$on_return` with the value bound to `$v`; a YIELD_VALUE fused into a LOAD_FAST runs
/// `$on_yield` with the value bound to `$y` (`$pc` past the YIELD_VALUE). A macro, not a function: every case jumps
/// straight back to the dispatch (a returned status would be tested after each
/// instruction), and expanded in the arm of one instruction it reduces to that case.
macro_rules! fast_step {
    (
        $vm:expr, $next:lifetime, $frame:ident, $code:ident, $pc:ident, $instr:ident,
        |$v:ident| $on_return:block, |$y:ident| $on_yield:block
    ) => {
        'slow: {
            use $crate::bytecode::Instr;
            use $crate::vm::eval::pop;
            use $crate::vm::eval_fast::{builtin_step, forget_two_numbers, number_compare};
            use $crate::vm::eval_fused::{Loaded, load_fast, set_local};
            use $crate::vm::eval_support::{cell_value, push_inline};
            use $crate::vm::object::Payload;
            use $crate::vm::ops::fast_numeric_binop;
            use $crate::vm::value::Value;
            use $crate::vm::interrupt;
            let frame: &mut $crate::vm::frame::Frame = &mut **$frame;
            let code: &[Instr] = $code;
            let pc: &mut usize = &mut $pc;
            match *$instr {
                Instr::Nop => {}
                Instr::PopTop => {
                    frame.stack.pop();
                    $vm.safe_point_at(frame, *pc);
                }
                Instr::LoadFast(i) => match load_fast(frame, code, pc, i) {
                    Loaded::Pushed => {}
                    Loaded::Stored => $vm.safe_point_at(frame, *pc),
                    // `return x` (a leaf call's end): RETURN_VALUE without its own dispatch.
                    Loaded::Return(v) => {
                        let $v = v;
                        $on_return
                    }
                    // `yield x`, `yield a * b`: YIELD_VALUE without a push, pop and dispatch.
                    Loaded::Yield(v) => {
                        let $y = v;
                        $on_yield
                    }
                    Loaded::Unbound => break 'slow,
                },
                Instr::StoreFast(i) => {
                    let v = pop(frame);
                    *frame.local_mut(i as usize) = Some(v);
                    $vm.safe_point_at(frame, *pc);
                }
                Instr::LoadConst(i) => {
                    let k = &frame.names.consts[i as usize];
                    // `<expr> <op> k` of numbers (`d.get(w, 0) + 1`, `x ** 0.5`): computed
                    // here, BINARY_OP is skipped.
                    if let Some(&Instr::BinaryOp { op, .. }) = code.get(*pc)
                        && let Some(top) = frame.stack.last_mut()
                        && let Some(r) = fast_numeric_binop(top, k, op)
                    {
                        *top = r;
                        *pc += 1;
                        continue $next;
                    }
                    let v = k.clone();
                    push_inline(&mut frame.stack, v);
                }
                Instr::ReturnConst(i) => {
                    let $v = frame.consts()[i as usize].clone();
                    $on_return
                }
                Instr::ReturnValue => {
                    let $v = pop(frame);
                    $on_return
                }
                Instr::Jump(t) => {
                    // A backward jump (or one to itself: `while True: pass`) is a loop
                    // iteration: the check point for Ctrl-C, which the general path raises.
                    if (t as usize) < *pc && interrupt::pending() {
                        break 'slow;
                    }
                    *pc = t as usize;
                }
                Instr::PopJumpIfFalse(t) | Instr::PopJumpIfTrue(t) => {
                    // A bool, or a number tested for truth (`if n % 3:`).
                    let Some(b) = frame.stack.last().and_then(Value::number_truth) else {
                        break 'slow;
                    };
                    frame.stack.pop();
                    if b == matches!(*$instr, Instr::PopJumpIfTrue(_)) {
                        *pc = t as usize;
                    }
                }
                Instr::PopJumpIfNone(t) => {
                    if pop(frame).is_none() {
                        *pc = t as usize;
                    }
                }
                Instr::PopJumpIfNotNone(t) => {
                    if !pop(frame).is_none() {
                        *pc = t as usize;
                    }
                }
                Instr::IsOp(invert) => {
                    let b = pop(frame);
                    let a = pop(frame);
                    push_inline(&mut frame.stack, Value::Bool(a.is(&b) != invert));
                }
                Instr::CompareOp(op) => {
                    let [.., a, b] = &frame.stack[..] else {
                        break 'slow;
                    };
                    let Some(truth) = number_compare(a, b, op) else {
                        break 'slow;
                    };
                    forget_two_numbers(frame);
                    // A number comparison followed by a conditional jump (every `if` and
                    // `while` test) jumps at once: the bool is never pushed and popped, and
                    // the jump is not dispatched (CPython 3.12's COMPARE_AND_BRANCH idea).
                    match code.get(*pc) {
                        Some(&Instr::PopJumpIfFalse(t)) => {
                            *pc = if truth { *pc + 1 } else { t as usize };
                        }
                        Some(&Instr::PopJumpIfTrue(t)) => {
                            *pc = if truth { t as usize } else { *pc + 1 };
                        }
                        _ => push_inline(&mut frame.stack, Value::Bool(truth)),
                    }
                }
                Instr::BinaryOp { op, inplace } => {
                    // `c[k] op= v`'s store (SWAP 3; SWAP 2; STORE_SUBSCR) is fused by the
                    // general path: left to it before the operation is computed.
                    if inplace && matches!(code.get(*pc), Some(Instr::Swap(3))) {
                        break 'slow;
                    }
                    let [.., a, b] = &frame.stack[..] else {
                        break 'slow;
                    };
                    let Some(r) = fast_numeric_binop(a, b, op) else {
                        break 'slow;
                    };
                    match code.get(*pc) {
                        // `return a + b`: RETURN_VALUE without a dispatch of its own.
                        Some(Instr::ReturnValue) => {
                            forget_two_numbers(frame);
                            *pc += 1;
                            let $v = r;
                            $on_return
                        }
                        Some(&Instr::StoreFast(j)) => {
                            forget_two_numbers(frame);
                            *pc += 1;
                            set_local(frame.local_mut(j as usize), r);
                            $vm.safe_point_at(frame, *pc);
                        }
                        _ => {
                            forget_two_numbers(frame);
                            push_inline(&mut frame.stack, r);
                        }
                    }
                }
                Instr::ForIter(t) => {
                    // A range, list or tuple iterator is stepped in place; other iterators
                    // take the general path.
                    let Some(Payload::Iterator(st)) = frame.stack.last().and_then(Value::payload)
                    else {
                        break 'slow;
                    };
                    let Some(next) = builtin_step(st) else {
                        break 'slow;
                    };
                    match next {
                        Some(v) => match code.get(*pc) {
                            Some(&Instr::StoreFast(j)) => {
                                *pc += 1;
                                set_local(frame.local_mut(j as usize), v);
                                $vm.safe_point_at(frame, *pc);
                            }
                            _ => push_inline(&mut frame.stack, v),
                        },
                        None => {
                            frame.stack.pop();
                            *pc = t as usize;
                        }
                    }
                }
                Instr::LoadDeref(i) => match cell_value(frame, i as usize) {
                    Some(v) => push_inline(&mut frame.stack, v),
                    // Unbound: the general path raises.
                    None => break 'slow,
                },
                Instr::LoadClosure(i) => {
                    let c = frame.cell(i as usize).clone();
                    push_inline(&mut frame.stack, Value::Obj(c));
                }
                _ => break 'slow,
            }
            continue $next;
        }
    };
}
pub(super) use fast_step;
