//! Instruction pairs the eval loop runs in one dispatch (CPython 3.12/3.13 superinstruction
//! ideas applied at run time to the sequences the compiler emits): each helper checks the
//! shape and the operand types, and does nothing (returns false) otherwise, leaving the
//! instructions to run one by one.

use super::value::Value;
use crate::ast::CmpOp;
use crate::bytecode::Instr;

/// `LOAD_FAST x; LOAD_CONST k; COMPARE_OP op; POP_JUMP_IF_FALSE/TRUE t` of an int local
/// and an int constant (`if n < 2:`, `while i < 10:`), run at LOAD_FAST with `x` the local
/// (not pushed) and `ip` (the frame's) at LOAD_CONST, `instructions` the frame's code: the
/// jump is taken or not and nothing is pushed, the bool never made. False (nothing changed)
/// for any other shape or type.
#[inline(always)]
pub(super) fn int_compare_const_and_jump(
    x: &Value,
    ip: &mut usize,
    instructions: &[Instr],
    k: &Value,
    op: CmpOp,
) -> bool {
    let (&Value::Int(x), &Value::Int(y)) = (x, k) else {
        return false;
    };
    let jump_at = *ip + 2;
    let (target, jump_if) = match instructions.get(jump_at) {
        Some(&Instr::PopJumpIfFalse(t)) => (t, false),
        Some(&Instr::PopJumpIfTrue(t)) => (t, true),
        _ => return false,
    };
    let Some(truth) = super::eval_fast::ordered(x, y, op) else {
        return false;
    };
    *ip = if truth == jump_if {
        target as usize
    } else {
        jump_at + 1
    };
    true
}
