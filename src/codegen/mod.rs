//! The compiler: AST → `Code` objects. Mirrors CPython's `compile.c` — a symbol-table pass
//! (`symtable.rs`) first, then code generation for statements (`stmt.rs`) and expressions
//! (`expr.rs`) with an fblock stack that says how to unwind `return`/`break`/`continue` through
//! loops, `try`/`finally`, `with` and exception handlers.
//!
//! Exception handling follows the block-stack model documented in `bytecode.rs`.

mod expr;
mod future;
mod stmt;
pub mod symtable;

use crate::ast::*;
use crate::bytecode::{Code, CodeFlags, Const, Instr};
use crate::error::{SyntaxError, SyntaxErrorKind};
use rustc_hash::FxHashSet;
use std::rc::Rc;
use symtable::{NameScope, ScopeKind, SymbolTable};

/// How an expression statement at the top level is compiled.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// A file or `exec` string: results are discarded.
    Exec,
    /// A REPL input: top-level expression results are echoed (`PrintExpr`).
    Interactive,
    /// A REPL input with top-level `await`, compiled as the body of an `async def` wrapper:
    /// expression statements directly in the wrapper are echoed.
    InteractiveAsync,
}

/// Compiles a parsed module into its code object.
pub fn compile_module(
    module: &Module,
    source: &str,
    filename: &str,
) -> Result<Rc<Code>, SyntaxError> {
    compile_body(module, source, filename, Mode::Exec)
}

/// Compiles one REPL input: expression statements print their repr.
pub fn compile_interactive(
    module: &Module,
    source: &str,
    filename: &str,
) -> Result<Rc<Code>, SyntaxError> {
    compile_body(module, source, filename, Mode::Interactive)
}

/// The name of the coroutine function that holds a REPL input with top-level `await`.
pub const TOP_LEVEL_AWAIT_FUNCTION: &str = "__percolate_repl__";

/// Compiles a REPL input that uses `await` at top level (what `python -m asyncio` allows): the
/// statements become the body of `async def __percolate_repl__()` whose bound names are declared
/// `global`, so running the code defines the function and the caller awaits it on its loop.
pub fn compile_interactive_async(
    module: &Module,
    source: &str,
    filename: &str,
) -> Result<Rc<Code>, SyntaxError> {
    let table = symtable::build(&module.body, source, filename, ScopeKind::Module)?;
    let mut bound: Vec<String> = table.scopes[0]
        .names
        .iter()
        .filter(|(_, scope)| **scope == NameScope::Local)
        .map(|(name, _)| name.clone())
        .collect();
    bound.sort();
    let span = Span::new(0, source.len());
    let mut body = Vec::new();
    if !bound.is_empty() {
        body.push(Located::new(StmtKind::Global(bound), span));
    }
    body.extend(module.body.iter().cloned());
    let wrapper = Module {
        body: vec![Located::new(
            StmtKind::FunctionDef {
                name: TOP_LEVEL_AWAIT_FUNCTION.to_string(),
                args: Box::default(),
                body,
                decorator_list: Vec::new(),
                returns: None,
                is_async: true,
            },
            span,
        )],
    };
    compile_body(&wrapper, source, filename, Mode::InteractiveAsync)
}

/// Compiles an expression for `eval()`: the code returns its value.
pub fn compile_eval(expr: &Expr, source: &str, filename: &str) -> Result<Rc<Code>, SyntaxError> {
    let body = vec![Located::new(
        StmtKind::Return(Some(expr.clone())),
        expr.span,
    )];
    let table = symtable::build(&body, source, filename, ScopeKind::Module)?;
    let mut c = Compiler::new(source, filename, table);
    c.enter_scope(0, "<module>", "<module>", 1);
    c.expr(expr)?;
    c.emit(Instr::ReturnValue);
    Ok(Rc::new(c.leave_scope(0, 0, 0)))
}

fn compile_body(
    module: &Module,
    source: &str,
    filename: &str,
    mode: Mode,
) -> Result<Rc<Code>, SyntaxError> {
    let table = symtable::build(&module.body, source, filename, ScopeKind::Module)?;
    let mut c = Compiler::new(source, filename, table);
    c.mode = mode;
    c.futures = c.scan_futures(&module.body)?;
    c.enter_scope(0, "<module>", "<module>", 1);
    if let Some(doc) = docstring(&module.body) {
        let i = c.constant(Const::Str(Rc::from(doc)));
        c.emit(Instr::LoadConst(i));
        c.store_name("__doc__");
    }
    if stmt::has_annotations(&module.body) {
        c.emit(Instr::SetupAnnotations);
    }
    c.stmts(&module.body)?;
    c.return_none();
    Ok(Rc::new(c.leave_scope(0, 0, 0)))
}

/// The docstring of a body, if its first statement is a string literal.
fn docstring(body: &[Stmt]) -> Option<&str> {
    match body.first().map(|s| &s.node) {
        Some(StmtKind::Expr(Located {
            node: ExprKind::Constant(Constant::Str(s)),
            ..
        })) => Some(s),
        _ => None,
    }
}

/// A jump target not yet placed; patched to an instruction index when the code is finished.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct LabelId(u32);

/// One entry of the fblock stack: what must be undone when control leaves it early.
#[derive(Clone)]
enum FBlock<'a> {
    /// A `for` loop: its iterator is on the stack.
    ForLoop { start: LabelId, end: LabelId },
    /// An `async for` loop: its async iterator is on the stack.
    AsyncForLoop { start: LabelId, end: LabelId },
    /// A `while` loop.
    WhileLoop { start: LabelId, end: LabelId },
    /// The body of `try` with handlers: one `SetupFinally` block to pop.
    TryExcept,
    /// The body of `try` with `finally`: pop the block and run the final body inline.
    FinallyTry { body: &'a [Stmt] },
    /// Inside the final body run after an exception: `[prev, exc]` on the stack.
    FinallyEnd,
    /// Inside an `except` handler body: `[prev]` on the stack, the cleanup block active, and
    /// a second block (and a name to clear) when the handler binds a name.
    HandlerCleanup { name: Option<String> },
    /// Inside a `with` body: `exit` on the stack and one block to pop.
    With { is_async: bool },
}

/// The state of one code object being generated.
struct Unit<'a> {
    /// The symbol-table scope it compiles.
    scope: usize,
    /// Its `co_name`.
    name: String,
    /// Its `co_qualname`.
    qualname: String,
    /// The line of the defining statement.
    first_line: u32,
    /// Emitted instructions (jump operands hold label ids until `finish`).
    instrs: Vec<Instr>,
    /// The line of each instruction.
    lines: Vec<u32>,
    /// Constants.
    constants: Vec<Const>,
    /// Global/attribute/import names.
    names: Vec<Rc<str>>,
    /// Fast locals.
    varnames: Vec<Rc<str>>,
    /// Label positions (instruction indices), `u32::MAX` while unbound.
    labels: Vec<u32>,
    /// The fblock stack.
    fblocks: Vec<FBlock<'a>>,
    /// The docstring, if the body starts with a string literal.
    docstring: Option<Rc<str>>,
    /// The enclosing unit's current line, restored when this unit is finished.
    outer_line: u32,
    /// The name of the innermost enclosing class, for private-name mangling.
    private: Option<Rc<str>>,
    /// The index of each of `names` once there are `NAME_SCAN_LIMIT` of them (a linear scan
    /// is quicker below that, and quadratic far above it).
    name_map: rustc_hash::FxHashMap<Rc<str>, u32>,
}

/// How many names a unit searches linearly before `Unit::name_map` takes over.
const NAME_SCAN_LIMIT: usize = 64;

/// Generates code for one module and everything nested in it.
pub(crate) struct Compiler<'a> {
    source: &'a str,
    filename: &'a str,
    table: SymbolTable,
    units: Vec<Unit<'a>>,
    line_starts: Vec<usize>,
    current_line: u32,
    mode: Mode,
    /// The module's future statements (`from __future__ import annotations`).
    futures: future::Futures,
    /// One `Rc<str>` per distinct name text, shared by every code object of the module that
    /// names it (`co_names`, `co_varnames`, keyword-name constants ...): `self` or `loop`
    /// is then stored once, not once per function (CPython interns identifiers alike).
    strings: FxHashSet<Rc<str>>,
}

impl<'a> Compiler<'a> {
    fn new(source: &'a str, filename: &'a str, table: SymbolTable) -> Compiler<'a> {
        let mut line_starts = vec![0];
        for (i, b) in source.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(i + 1);
            }
        }
        Compiler {
            source,
            filename,
            table,
            units: Vec::new(),
            line_starts,
            current_line: 1,
            mode: Mode::Exec,
            futures: future::Futures::default(),
            strings: FxHashSet::default(),
        }
    }

    /// The shared `Rc<str>` holding `text` (see `Compiler::strings`).
    fn intern(&mut self, text: &str) -> Rc<str> {
        if let Some(s) = self.strings.get(text) {
            return s.clone();
        }
        let s: Rc<str> = Rc::from(text);
        self.strings.insert(s.clone());
        s
    }

    /// The 1-based line of a byte offset.
    fn line_of(&self, offset: u32) -> u32 {
        match self.line_starts.binary_search(&(offset as usize)) {
            Ok(i) => i as u32 + 1,
            Err(i) => i as u32,
        }
    }

    fn set_line(&mut self, span: Span) {
        self.current_line = self.line_of(span.start);
    }

    fn error(&self, msg: impl Into<String>, span: Span) -> SyntaxError {
        SyntaxError::at(
            SyntaxErrorKind::Syntax,
            msg,
            self.filename,
            self.source,
            span.start as usize,
            span.end as usize,
        )
    }

    fn unit(&mut self) -> &mut Unit<'a> {
        self.units.last_mut().expect("a unit is being compiled")
    }

    fn unit_ref(&self) -> &Unit<'a> {
        self.units.last().expect("a unit is being compiled")
    }

    fn scope(&self) -> &symtable::Scope {
        &self.table.scopes[self.unit_ref().scope]
    }

    fn enter_scope(&mut self, scope: usize, name: &str, qualname: &str, first_line: u32) {
        // Parameters come first in `varnames`; the caller adds them via `add_params`.
        let varnames: Vec<Rc<str>> = Vec::new();
        let outer_line = self.current_line;
        self.current_line = first_line;
        let private = if self.table.scopes[scope].kind == ScopeKind::Class {
            Some(Rc::from(name))
        } else {
            self.units.last().and_then(|u| u.private.clone())
        };
        self.units.push(Unit {
            scope,
            name: name.to_string(),
            qualname: qualname.to_string(),
            first_line,
            instrs: Vec::new(),
            lines: Vec::new(),
            constants: Vec::new(),
            names: Vec::new(),
            varnames,
            labels: Vec::new(),
            fblocks: Vec::new(),
            docstring: None,
            outer_line,
            private,
            name_map: Default::default(),
        });
    }

    /// Finishes the current unit: patches labels and builds the `Code`. Every vector of the
    /// code is allocated at its final length (the unit's grew by doubling, which left up to
    /// half of each unused for as long as the code lives), and its strings are interned.
    fn leave_scope(&mut self, argcount: u32, posonly: u32, kwonly: u32) -> Code {
        let unit = self.units.pop().expect("a unit is being compiled");
        self.current_line = unit.outer_line;
        let scope = &self.table.scopes[unit.scope];
        let flags = CodeFlags {
            varargs: false,
            varkeywords: false,
            generator: scope.is_generator && !scope.is_async,
            coroutine: scope.is_async && !scope.is_generator && scope.kind == ScopeKind::Function,
            async_generator: scope.is_async && scope.is_generator,
            uses_locals_mapping: scope.kind != ScopeKind::Function,
            iterable_coroutine: false,
        };
        let (cellvars, freevars) = (scope.cellvars.clone(), scope.freevars.clone());
        let labels = &unit.labels;
        // From a slice iterator, `collect` allocates exactly `len` elements.
        let instructions = unit
            .instrs
            .iter()
            .map(|&i| retarget(i, |l| labels[l as usize]))
            .collect();
        let mut constants = Vec::with_capacity(unit.constants.len());
        constants.extend(unit.constants);
        Code {
            name: self.intern(&unit.name),
            qualname: self.intern(&unit.qualname),
            filename: self.intern(self.filename),
            first_line: unit.first_line,
            flags,
            argcount,
            posonlyargcount: posonly,
            kwonlyargcount: kwonly,
            instructions,
            lines: unit.lines.as_slice().into(),
            constants: constants.into_boxed_slice(),
            names: unit.names.as_slice().into(),
            varnames: unit.varnames.as_slice().into(),
            cellvars: cellvars.iter().map(|s| self.intern(s)).collect(),
            freevars: freevars.iter().map(|s| self.intern(s)).collect(),
            docstring: unit.docstring,
        }
    }

    fn emit(&mut self, instr: Instr) {
        let line = self.current_line;
        let u = self.unit();
        u.instrs.push(instr);
        u.lines.push(line);
    }

    fn new_label(&mut self) -> LabelId {
        let u = self.unit();
        u.labels.push(u32::MAX);
        LabelId(u.labels.len() as u32 - 1)
    }

    fn bind(&mut self, label: LabelId) {
        let u = self.unit();
        u.labels[label.0 as usize] = u.instrs.len() as u32;
    }

    fn constant(&mut self, c: Const) -> u32 {
        let u = self.unit();
        // Floats compare by bits so that 0.0 and -0.0 stay distinct constants.
        let same = |a: &Const, b: &Const| match (a, b) {
            (Const::Float(x), Const::Float(y)) => x.to_bits() == y.to_bits(),
            (Const::Code(_), _) | (_, Const::Code(_)) => false,
            (Const::Bool(_), Const::Int(_)) | (Const::Int(_), Const::Bool(_)) => false,
            _ => a == b,
        };
        if let Some(i) = u.constants.iter().position(|k| same(k, &c)) {
            return i as u32;
        }
        u.constants.push(c);
        u.constants.len() as u32 - 1
    }

    fn load_const(&mut self, c: Const) {
        let i = self.constant(c);
        self.emit(Instr::LoadConst(i));
    }

    fn return_none(&mut self) {
        let i = self.constant(Const::None);
        self.emit(Instr::ReturnConst(i));
    }

    /// The `names` index of `name` after private-name mangling (CPython's `_Py_Mangle`):
    /// inside class `C`, `__x` becomes `_C__x`.
    fn mangled_name_index(&mut self, name: &str) -> u32 {
        let mangled = match &self.unit_ref().private {
            Some(class)
                if name.starts_with("__") && !name.ends_with("__") && !name.contains('.') =>
            {
                let stripped = class.trim_start_matches('_');
                if stripped.is_empty() {
                    None
                } else {
                    Some(format!("_{stripped}{name}"))
                }
            }
            _ => None,
        };
        match mangled {
            Some(m) => self.name_index(&m),
            None => self.name_index(name),
        }
    }

    fn name_index(&mut self, name: &str) -> u32 {
        let u = self.unit();
        if u.names.len() < NAME_SCAN_LIMIT {
            if let Some(i) = u.names.iter().position(|n| &**n == name) {
                return i as u32;
            }
        } else if let Some(&i) = u.name_map.get(name) {
            return i;
        }
        let name = self.intern(name);
        let u = self.unit();
        u.names.push(name);
        if u.names.len() >= NAME_SCAN_LIMIT {
            if u.name_map.is_empty() {
                u.name_map = u.names.iter().cloned().zip(0..).collect();
            } else if let Some(n) = u.names.last() {
                u.name_map.insert(n.clone(), u.names.len() as u32 - 1);
            }
        }
        u.names.len() as u32 - 1
    }

    fn varname_index(&mut self, name: &str) -> u32 {
        let u = self.unit();
        if let Some(i) = u.varnames.iter().position(|n| &**n == name) {
            return i as u32;
        }
        let name = self.intern(name);
        let u = self.unit();
        u.varnames.push(name);
        u.varnames.len() as u32 - 1
    }

    /// The index of a cell or free variable in `cellvars ++ freevars`.
    fn cell_index(&self, name: &str) -> u32 {
        let scope = self.scope();
        if let Some(i) = scope.cellvars.iter().position(|n| n == name) {
            return i as u32;
        }
        match scope.freevars.iter().position(|n| n == name) {
            Some(i) => (scope.cellvars.len() + i) as u32,
            None => unreachable!("symtable resolved {name} as cell or free"),
        }
    }

    fn load_name(&mut self, name: &str) {
        self.name_op(name, NameOp::Load);
    }

    fn store_name(&mut self, name: &str) {
        self.name_op(name, NameOp::Store);
    }

    fn delete_name(&mut self, name: &str) {
        self.name_op(name, NameOp::Delete);
    }

    /// Emits the load/store/delete of `name` for the scope it resolves to (CPython's
    /// `compiler_nameop`).
    fn name_op(&mut self, name: &str, op: NameOp) {
        let scope = self.scope();
        let kind = scope.kind;
        let resolved = scope.lookup(name);
        let instr = match (resolved, kind) {
            (NameScope::Free, ScopeKind::Class) if op == NameOp::Load => {
                Instr::LoadClassDeref(self.cell_index(name))
            }
            (NameScope::Cell | NameScope::Free, _) => {
                let i = self.cell_index(name);
                match op {
                    NameOp::Load => Instr::LoadDeref(i),
                    NameOp::Store => Instr::StoreDeref(i),
                    NameOp::Delete => Instr::DeleteDeref(i),
                }
            }
            (NameScope::Local, ScopeKind::Function) => {
                let i = self.varname_index(name);
                match op {
                    NameOp::Load => Instr::LoadFast(i),
                    NameOp::Store => Instr::StoreFast(i),
                    NameOp::Delete => Instr::DeleteFast(i),
                }
            }
            (NameScope::GlobalExplicit, _) | (NameScope::GlobalImplicit, ScopeKind::Function) => {
                let i = self.mangled_name_index(name);
                match op {
                    NameOp::Load => Instr::LoadGlobal(i),
                    NameOp::Store => Instr::StoreGlobal(i),
                    NameOp::Delete => Instr::DeleteGlobal(i),
                }
            }
            _ => {
                let i = self.mangled_name_index(name);
                match op {
                    NameOp::Load => Instr::LoadName(i),
                    NameOp::Store => Instr::StoreName(i),
                    NameOp::Delete => Instr::DeleteName(i),
                }
            }
        };
        self.emit(instr);
    }

    /// The scope index the symbol table assigned to a scope-opening node.
    fn child_scope(&self, span: Span, tag: u8) -> usize {
        match self.table.by_node.get(&symtable::key(span, tag)) {
            Some(&i) => i,
            None => unreachable!("every scope-opening node has a symbol-table scope"),
        }
    }

    /// The qualified name of a new function or class named `name` defined here.
    fn qualname(&self, name: &str) -> String {
        let unit = self.unit_ref();
        let scope = self.scope();
        match scope.kind {
            ScopeKind::Module => name.to_string(),
            ScopeKind::Class => format!("{}.{name}", unit.qualname),
            ScopeKind::Function => format!("{}.<locals>.{name}", unit.qualname),
        }
    }

    /// Pushes the closure tuple for a child scope and returns the MakeFunction flag for it.
    fn closure_for(&mut self, child: usize) -> u32 {
        let frees = self.table.scopes[child].freevars.clone();
        if frees.is_empty() {
            return 0;
        }
        for name in &frees {
            // In a class body the `__class__` cell is the class's own cell variable.
            let i = self.cell_index(name);
            self.emit(Instr::LoadClosure(i));
        }
        self.emit(Instr::BuildTuple(frees.len() as u32));
        0x08
    }

    fn push_fblock(&mut self, b: FBlock<'a>) {
        self.unit().fblocks.push(b);
    }

    fn pop_fblock(&mut self) {
        self.unit().fblocks.pop();
    }
}

/// Whether a name operation reads, writes or deletes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum NameOp {
    /// Read.
    Load,
    /// Write.
    Store,
    /// Delete.
    Delete,
}

/// Rewrites the jump operand of an instruction (label id → instruction index).
fn retarget(instr: Instr, f: impl Fn(u32) -> u32) -> Instr {
    match instr {
        Instr::Jump(l) => Instr::Jump(f(l)),
        Instr::PopJumpIfFalse(l) => Instr::PopJumpIfFalse(f(l)),
        Instr::PopJumpIfTrue(l) => Instr::PopJumpIfTrue(f(l)),
        Instr::PopJumpIfNone(l) => Instr::PopJumpIfNone(f(l)),
        Instr::PopJumpIfNotNone(l) => Instr::PopJumpIfNotNone(f(l)),
        Instr::JumpIfFalseOrPop(l) => Instr::JumpIfFalseOrPop(f(l)),
        Instr::JumpIfTrueOrPop(l) => Instr::JumpIfTrueOrPop(f(l)),
        Instr::ForIter(l) => Instr::ForIter(f(l)),
        Instr::SetupFinally(l) => Instr::SetupFinally(f(l)),
        Instr::SetupWith(l) => Instr::SetupWith(f(l)),
        Instr::Send(l) => Instr::Send(f(l)),
        other => other,
    }
}
