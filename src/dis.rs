//! The disassembler behind `percolate --dis`: every code object, CPython `dis`-style — the
//! line where it changes, the instruction index, the CPython-style opcode name, its operand and
//! what the operand means (a constant's repr, a name, a jump target).

use crate::bytecode::{Code, Const, Instr};
use std::fmt::Write;

/// Disassembles `code` and, after it, every code object nested in its constants.
pub fn disassemble(code: &Code) -> String {
    let mut out = String::new();
    let mut pending = vec![code];
    let mut first = true;
    while let Some(code) = pending.pop() {
        if !first {
            out.push('\n');
        }
        first = false;
        let _ = writeln!(
            out,
            "Disassembly of <code object {} at {}, line {}>:",
            code.qualname, code.filename, code.first_line
        );
        disassemble_one(code, &mut out);
        let nested: Vec<&Code> = code
            .constants
            .iter()
            .filter_map(|c| match c {
                Const::Code(inner) => Some(&**inner),
                _ => None,
            })
            .collect();
        pending.extend(nested.into_iter().rev());
    }
    out
}

fn disassemble_one(code: &Code, out: &mut String) {
    let targets: Vec<u32> = code.instructions.iter().filter_map(jump_target).collect();
    let mut last_line = 0;
    for (i, instr) in code.instructions.iter().enumerate() {
        let line = code.lines.get(i).copied().unwrap_or(0);
        let line_col = if line != last_line {
            last_line = line;
            format!("{line:>4}")
        } else {
            "    ".to_string()
        };
        let marker = if targets.contains(&(i as u32)) {
            ">>"
        } else {
            "  "
        };
        let (name, arg) = split_debug(instr);
        let meaning = describe(code, instr);
        let mut row = format!("{line_col}   {marker}{i:>4} {name:<22}{arg}");
        if !meaning.is_empty() {
            row = format!("{row:<44}({meaning})");
        }
        let _ = writeln!(out, "{}", row.trim_end());
    }
}

/// The CPython-style name (`LOAD_CONST`) and the raw operand text of an instruction.
fn split_debug(instr: &Instr) -> (String, String) {
    let debug = format!("{instr:?}");
    let (variant, rest) = match debug.find(['(', ' ']) {
        Some(i) => (&debug[..i], debug[i..].trim()),
        None => (debug.as_str(), ""),
    };
    let mut name = String::new();
    for (i, ch) in variant.chars().enumerate() {
        if ch.is_uppercase() && i > 0 {
            name.push('_');
        }
        name.push(ch.to_ascii_uppercase());
    }
    let arg = rest
        .trim_start_matches('(')
        .trim_end_matches(')')
        .to_string();
    (name, arg)
}

fn jump_target(instr: &Instr) -> Option<u32> {
    match *instr {
        Instr::Jump(t)
        | Instr::PopJumpIfFalse(t)
        | Instr::PopJumpIfTrue(t)
        | Instr::PopJumpIfNone(t)
        | Instr::PopJumpIfNotNone(t)
        | Instr::JumpIfFalseOrPop(t)
        | Instr::JumpIfTrueOrPop(t)
        | Instr::ForIter(t)
        | Instr::SetupFinally(t)
        | Instr::SetupWith(t)
        | Instr::Send(t) => Some(t),
        _ => None,
    }
}

/// What an operand refers to, for the right-hand column.
fn describe(code: &Code, instr: &Instr) -> String {
    let name = |i: u32| {
        code.names
            .get(i as usize)
            .map(|n| n.to_string())
            .unwrap_or_default()
    };
    let local = |i: u32| {
        code.varnames
            .get(i as usize)
            .map(|n| n.to_string())
            .unwrap_or_default()
    };
    let cell = |i: u32| {
        let i = i as usize;
        code.cellvars
            .get(i)
            .or_else(|| code.freevars.get(i - code.cellvars.len().min(i)))
            .map(|n| n.to_string())
            .unwrap_or_default()
    };
    if let Some(t) = jump_target(instr) {
        return format!("to {t}");
    }
    match *instr {
        Instr::LoadConst(i) | Instr::ReturnConst(i) => code
            .constants
            .get(i as usize)
            .map(const_repr)
            .unwrap_or_default(),
        Instr::LoadName(i)
        | Instr::StoreName(i)
        | Instr::DeleteName(i)
        | Instr::LoadGlobal(i)
        | Instr::StoreGlobal(i)
        | Instr::DeleteGlobal(i)
        | Instr::LoadAttr(i)
        | Instr::StoreAttr(i)
        | Instr::DeleteAttr(i)
        | Instr::ImportName(i)
        | Instr::ImportFrom(i) => name(i),
        Instr::CallMethod(i, _) => name(u32::from(i)),
        Instr::LoadFast(i) | Instr::StoreFast(i) | Instr::DeleteFast(i) => local(i),
        Instr::LoadDeref(i)
        | Instr::StoreDeref(i)
        | Instr::DeleteDeref(i)
        | Instr::LoadClosure(i)
        | Instr::LoadClassDeref(i) => cell(i),
        _ => String::new(),
    }
}

/// A constant as `dis` shows it: Python's repr where it is simple.
fn const_repr(c: &Const) -> String {
    match c {
        Const::None => "None".to_string(),
        Const::Bool(b) => if *b { "True" } else { "False" }.to_string(),
        Const::Int(i) => i.to_string(),
        Const::BigInt(i) => i.to_string(),
        Const::Float(f) => crate::builtins::float_repr::float_repr(*f),
        Const::Str(s) => crate::builtins::str_repr::str_repr(s),
        Const::Bytes(b) => crate::builtins::str_repr::bytes_repr(b),
        Const::Tuple(items) => {
            let parts: Vec<String> = items.iter().map(const_repr).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
        Const::Ellipsis => "Ellipsis".to_string(),
        Const::Code(code) => format!(
            "<code object {} at {}, line {}>",
            code.name, code.filename, code.first_line
        ),
    }
}
