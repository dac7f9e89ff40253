//! The deepest the operand stack of a code object can get (CPython's `co_stacksize`, as
//! compile.c `stackdepth` computes it), so that a frame's buffer (`LocalsPlus`: locals,
//! cells, then the stack) is allocated once at exactly its size: a suspended coroutine keeps
//! it.

use crate::bytecode::{Code, Instr};

/// The stack effect of one instruction: on falling through, and on taking its jump (with
/// the jump target), or `None` for an instruction that never falls through.
struct Effect {
    /// Change of depth when execution continues with the next instruction (`None`: it
    /// does not, as after a return, raise or unconditional jump).
    next: Option<i32>,
    /// A target and the change of depth on arriving there.
    jump: Option<(u32, i32)>,
}

/// Effect of falling through with `d`.
fn flat(d: i32) -> Effect {
    Effect {
        next: Some(d),
        jump: None,
    }
}

/// Mirrors the stack effects documented on each `Instr` (the `(inputs -- outputs)` notes);
/// an exception handler starts at the depth its block recorded plus the exception.
fn effect(instr: &Instr) -> Effect {
    use Instr::*;
    let n_of = |n: &u32| *n as i32;
    match instr {
        Nop | Swap(_) | DeleteFast(_) | DeleteName(_) | DeleteGlobal(_) | DeleteDeref(_)
        | LoadAttr(_) | SetupAnnotations | UnaryNegative | UnaryPositive | UnaryInvert
        | UnaryNot | ListToTuple | GetIter | PopBlock | CheckExcMatch | CheckEgMatch
        | GetYieldFromIter | GetAwaitable(_) | GetAIter | YieldValue | CleanupThrow => flat(0),
        Copy(_) | LoadConst(_) | LoadFast(_) | LoadName(_) | LoadGlobal(_) | LoadDeref(_)
        | LoadClosure(_) | LoadClassDeref(_) | LoadAssertionError | LoadBuildClass | LoadLocals
        | PushExcInfo | BeforeWith | BeforeAsyncWith | WithExceptStart | GetANext
        | ImportFrom(_) => flat(1),
        PopTop
        | StoreFast(_)
        | StoreName(_)
        | StoreGlobal(_)
        | StoreDeref(_)
        | DeleteAttr(_)
        | BinarySubscr
        | BinaryOp { .. }
        | CompareOp(_)
        | IsOp(_)
        | ContainsOp(_)
        | ListAppend(_)
        | SetAdd(_)
        | ListExtend(_)
        | SetUpdate(_)
        | DictUpdate(_)
        | DictMerge(_)
        | PopExcept
        | PrepReraiseStar
        | EndSend
        | ImportName(_)
        | ImportStar
        | PrintExpr => flat(-1),
        StoreAttr(_) | DeleteSubscr | MapAdd(_) | EndAsyncFor => flat(-2),
        StoreSubscr => flat(-3),
        BuildTuple(n) | BuildList(n) | BuildSet(n) | BuildString(n) | BuildSlice(n) => {
            flat(1 - n_of(n))
        }
        BuildMap(n) => flat(1 - 2 * n_of(n)),
        BuildConstKeyMap(n) => flat(-n_of(n)),
        UnpackSequence(n) => flat(n_of(n) - 1),
        UnpackEx { before, after } => flat(i32::from(*before) + i32::from(*after)),
        FormatValue { has_spec, .. } => flat(-i32::from(*has_spec)),
        MakeFunction(flags) => flat(-((flags & 0xF).count_ones() as i32)),
        Call(n) => flat(-n_of(n)),
        CallMethod(_, n) => flat(-i32::from(*n)),
        CallKw(n) => flat(-n_of(n) - 1),
        CallFunctionEx(has_kwargs) => flat(-1 - i32::from(*has_kwargs)),
        Jump(t) => Effect {
            next: None,
            jump: Some((*t, 0)),
        },
        PopJumpIfFalse(t) | PopJumpIfTrue(t) | PopJumpIfNone(t) | PopJumpIfNotNone(t) => Effect {
            next: Some(-1),
            jump: Some((*t, -1)),
        },
        JumpIfFalseOrPop(t) | JumpIfTrueOrPop(t) => Effect {
            next: Some(-1),
            jump: Some((*t, 0)),
        },
        ForIter(t) => Effect {
            next: Some(1),
            jump: Some((*t, -1)),
        },
        Send(t) => Effect {
            next: Some(0),
            jump: Some((*t, 0)),
        },
        // The handler runs with the stack cut back to the depth recorded here (without the
        // top item for SETUP_WITH) plus the exception.
        SetupFinally(t) => Effect {
            next: Some(0),
            jump: Some((*t, 1)),
        },
        SetupWith(t) => Effect {
            next: Some(0),
            jump: Some((*t, 0)),
        },
        ReturnValue | ReturnConst(_) | Reraise | RaiseVarargs(_) => Effect {
            next: None,
            jump: None,
        },
    }
}

/// The maximum operand-stack depth of `code`, or 0 when the instructions are not
/// consistent with the documented effects (then the stack simply grows as it is used).
pub fn max_stack_depth(code: &Code) -> u32 {
    let instrs = &code.instructions;
    let mut depth_at: Vec<Option<i32>> = vec![None; instrs.len()];
    let mut todo: Vec<(usize, i32)> = vec![(0, 0)];
    let mut max = 0;
    while let Some((start, start_depth)) = todo.pop() {
        let mut i = start;
        let mut depth = start_depth;
        while let Some(instr) = instrs.get(i) {
            match depth_at[i] {
                Some(seen) if seen >= depth => break,
                _ => depth_at[i] = Some(depth),
            }
            let e = effect(instr);
            if let Some((target, d)) = e.jump {
                let after = depth + d;
                if after < 0 || target as usize >= instrs.len() {
                    return 0;
                }
                max = max.max(after);
                todo.push((target as usize, after));
            }
            let Some(d) = e.next else {
                break;
            };
            depth += d;
            if depth < 0 {
                return 0;
            }
            max = max.max(depth);
            i += 1;
        }
    }
    max as u32
}

#[cfg(test)]
mod tests {
    use super::max_stack_depth;

    /// The depth of the code object named `name` compiled from `src`.
    fn depth_of(src: &str, name: &str) -> u32 {
        let module = crate::compile_source(src, "<test>").expect("compiles");
        let code = find(&module, name).expect("the function is there");
        max_stack_depth(&code)
    }

    fn find(
        code: &std::rc::Rc<crate::bytecode::Code>,
        name: &str,
    ) -> Option<std::rc::Rc<crate::bytecode::Code>> {
        if &*code.name == name {
            return Some(code.clone());
        }
        code.constants.iter().find_map(|c| match c {
            crate::bytecode::Const::Code(inner) => find(inner, name),
            _ => None,
        })
    }

    #[test]
    fn an_await_needs_the_receiver_and_the_value_sent() {
        let src = "import asyncio\nasync def w(i):\n    await asyncio.sleep(0)\n    return i % 7\n";
        assert_eq!(depth_of(src, "w"), 2);
    }

    #[test]
    fn a_call_needs_the_callable_and_its_arguments() {
        assert_eq!(depth_of("def f(a, b, c):\n    return g(a, b, c)\n", "f"), 4);
    }

    #[test]
    fn an_exception_handler_starts_with_the_exception() {
        let src = "def f():\n    try:\n        g()\n    except E as e:\n        return e\n";
        let d = depth_of(src, "f");
        assert!((2..=4).contains(&d), "{d}");
    }
}
