//! The eval loop's first match: the instructions (or the cases of one) that cannot raise,
//! call out to Python code or switch frames. They run on the loop's own copy of the
//! instruction index, which is written back to the frame only when an instruction takes
//! the general path (`Fast::Slow`), returns, or reaches a safe point with finalizers due:
//! nothing else can observe the index in between.

use super::frame::Frame;
use super::value::Value;
use super::{Vm, generator};
use crate::ast::CmpOp;

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

impl Vm {
    /// `safe_point` for a frame whose next-instruction index is `pc` in the eval loop: the
    /// index is written back only when finalizers are due (they may report a location).
    #[inline(always)]
    pub(super) fn safe_point_at(&mut self, frame: &mut Frame, pc: usize) {
        if generator::HAS_PENDING.with(|h| h.get()) {
            frame.ip = pc;
            self.safe_point(frame);
        }
    }
}

/// Runs `$instr` (just fetched from `$code`, the frame's instructions; `$pc` is the index
/// after it) when it or its case at hand cannot raise, call out or switch frames, then
/// continues the dispatch loop `$next`; leaves the frame and `$pc` as they were for the
/// general path otherwise. A return (RETURN_VALUE, RETURN_CONST, or one fused into the
/// instruction before it) runs `$on_return` with the value bound to `$v`. A macro, not a
/// function: every arm jumps straight back to the dispatch (a returned status would be
/// tested again after each instruction).
macro_rules! fast_step {
    ($vm:expr, $next:lifetime, $frame:ident, $code:ident, $pc:ident, $instr:ident, |$v:ident| $on_return:block) => {
        'slow: {
            let frame: &mut $crate::vm::frame::Frame = &mut **$frame;
            let code: &[$crate::bytecode::Instr] = $code;
            let pc: &mut usize = &mut $pc;
            match *$instr {
$crate::bytecode::Instr::Nop => {}
            $crate::bytecode::Instr::PopTop => {
                frame.stack.pop();
                $vm.safe_point_at(frame, *pc);
            }
            $crate::bytecode::Instr::LoadFast(i) => match $crate::vm::eval_fused::load_fast(frame, code, pc, i) {
                $crate::vm::eval_fused::Loaded::Pushed => {}
                $crate::vm::eval_fused::Loaded::Stored => $vm.safe_point_at(frame, *pc),
                // `return x` (a leaf call's end): RETURN_VALUE without its own dispatch.
                $crate::vm::eval_fused::Loaded::Return(v) => {
 let $v = v;
 $on_return
 },
                $crate::vm::eval_fused::Loaded::Unbound => break 'slow,
            },
            $crate::bytecode::Instr::StoreFast(i) => {
                let v = $crate::vm::eval::pop(frame);
                frame.locals[i as usize] = Some(v);
                $vm.safe_point_at(frame, *pc);
            }
            $crate::bytecode::Instr::LoadConst(i) => {
                let k = &frame.consts[i as usize];
                // `<expr> <op> k` of numbers (`d.get(w, 0) + 1`, `x ** 0.5`): computed
                // here, BINARY_OP is skipped.
                if let Some(&$crate::bytecode::Instr::BinaryOp { op, .. }) = code.get(*pc)
                    && let Some(top) = frame.stack.last_mut()
                    && let Some(r) = $crate::vm::ops::fast_numeric_binop(top, k, op)
                {
                    *top = r;
                    *pc += 1;
                    continue $next;
                }
                let v = k.clone();
                $crate::vm::eval_support::push_inline(&mut frame.stack, v);
            }
            $crate::bytecode::Instr::ReturnConst(i) => {
 let $v = frame.consts[i as usize].clone();
 $on_return
 },
            $crate::bytecode::Instr::ReturnValue => {
 let $v = $crate::vm::eval::pop(frame);
 $on_return
 },
            $crate::bytecode::Instr::Jump(t) => {
                // A backward jump (or one to itself: `while True: pass`) is a loop
                // iteration: the check point for Ctrl-C, which the general path raises.
                if (t as usize) < *pc && $crate::vm::interrupt::pending() {
                    break 'slow;
                }
                *pc = t as usize;
            }
            $crate::bytecode::Instr::PopJumpIfFalse(t) | $crate::bytecode::Instr::PopJumpIfTrue(t) => {
                let Some(&$crate::vm::value::Value::Bool(b)) = frame.stack.last() else {
                    break 'slow;
                };
                frame.stack.pop();
                if b == matches!(*$instr, $crate::bytecode::Instr::PopJumpIfTrue(_)) {
                    *pc = t as usize;
                }
            }
            $crate::bytecode::Instr::PopJumpIfNone(t) => {
                if $crate::vm::eval::pop(frame).is_none() {
                    *pc = t as usize;
                }
            }
            $crate::bytecode::Instr::PopJumpIfNotNone(t) => {
                if !$crate::vm::eval::pop(frame).is_none() {
                    *pc = t as usize;
                }
            }
            $crate::bytecode::Instr::IsOp(invert) => {
                let b = $crate::vm::eval::pop(frame);
                let a = $crate::vm::eval::pop(frame);
                $crate::vm::eval_support::push_inline(&mut frame.stack, $crate::vm::value::Value::Bool(a.is(&b) != invert));
            }
            $crate::bytecode::Instr::CompareOp(op) => {
                let [.., a, b] = &frame.stack[..] else {
                    break 'slow;
                };
                let Some(truth) = $crate::vm::eval_fast::number_compare(a, b, op) else {
                    break 'slow;
                };
                $crate::vm::eval_fast::forget_two_numbers(frame);
                // A number comparison followed by a conditional jump (every `if` and
                // `while` test) jumps at once: the bool is never pushed and popped, and the
                // jump is not dispatched (CPython 3.12's COMPARE_AND_BRANCH idea).
                match code.get(*pc) {
                    Some(&$crate::bytecode::Instr::PopJumpIfFalse(t)) => {
                        *pc = if truth { *pc + 1 } else { t as usize };
                    }
                    Some(&$crate::bytecode::Instr::PopJumpIfTrue(t)) => {
                        *pc = if truth { t as usize } else { *pc + 1 };
                    }
                    _ => $crate::vm::eval_support::push_inline(&mut frame.stack, $crate::vm::value::Value::Bool(truth)),
                }
            }
            $crate::bytecode::Instr::BinaryOp { op, inplace } => {
                let [.., a, b] = &frame.stack[..] else {
                    break 'slow;
                };
                let Some(r) = $crate::vm::ops::fast_numeric_binop(a, b, op) else {
                    break 'slow;
                };
                match code.get(*pc) {
                    // `c[k] op= v`'s store (SWAP 3; SWAP 2; STORE_SUBSCR) is fused by the
                    // general path.
                    Some($crate::bytecode::Instr::Swap(3)) if inplace => break 'slow,
                    // `return a + b`: RETURN_VALUE without a dispatch of its own.
                    Some($crate::bytecode::Instr::ReturnValue) => {
                        $crate::vm::eval_fast::forget_two_numbers(frame);
                        *pc += 1;
                        {
 let $v = r;
 $on_return
 }
                    }
                    Some(&$crate::bytecode::Instr::StoreFast(j)) => {
                        $crate::vm::eval_fast::forget_two_numbers(frame);
                        *pc += 1;
                        frame.locals[j as usize] = Some(r);
                        $vm.safe_point_at(frame, *pc);
                    }
                    _ => {
                        $crate::vm::eval_fast::forget_two_numbers(frame);
                        $crate::vm::eval_support::push_inline(&mut frame.stack, r);
                    }
                }
            }
            $crate::bytecode::Instr::ForIter(t) => {
                // A range iterator is stepped in place; other iterators take the general path.
                let Some($crate::vm::object::Payload::Iterator(st)) = frame.stack.last().and_then($crate::vm::value::Value::payload)
                else {
                    break 'slow;
                };
                let Some(next) = $crate::vm::seq::range_step(st) else {
                    break 'slow;
                };
                match next {
                    Some(v) => match code.get(*pc) {
                        Some(&$crate::bytecode::Instr::StoreFast(j)) => {
                            *pc += 1;
                            frame.locals[j as usize] = Some(v);
                            $vm.safe_point_at(frame, *pc);
                        }
                        _ => $crate::vm::eval_support::push_inline(&mut frame.stack, v),
                    },
                    None => {
                        frame.stack.pop();
                        *pc = t as usize;
                    }
                }
            }
            $crate::bytecode::Instr::LoadDeref(i) => {
                match $crate::vm::eval_support::cell_value(frame, i as usize) {
                    Some(v) => $crate::vm::eval_support::push_inline(&mut frame.stack, v),
                    // Unbound: the general path raises.
                    None => break 'slow,
                }
            }
            $crate::bytecode::Instr::LoadClosure(i) => {
                let c = frame.cells[i as usize].clone();
                $crate::vm::eval_support::push_inline(&mut frame.stack, $crate::vm::value::Value::Obj(c));
            }
            _ => break 'slow,
            }
            continue $next;
        }
    };
}
pub(super) use fast_step;
