//! The instruction set, code objects and the disassembler.
//!
//! Instructions are named after CPython 3.12's (`LOAD_FAST` → `LoadFast`); each variant's doc
//! gives its meaning and its stack effect in `bytecodes.c` notation `(inputs -- outputs)`, top
//! of stack rightmost. Jump operands are absolute instruction indices into `Code::instructions`.
//!
//! Exception handling uses a per-frame block stack (as CPython ≤ 3.10) rather than 3.11's
//! exception table: `SetupFinally` pushes a handler with the current stack depth, `PopBlock`
//! pops it. When an exception is raised, the VM pops the innermost block, truncates the operand
//! stack to the recorded depth, pushes the exception and jumps to the handler. This keeps the
//! compiler simple and costs one push/pop per `try`, which is not on any hot path.
//! Invariant kept by the compiler: while a block is active the operand stack never drops below
//! the depth it recorded.
//!
//! Compiled shapes the VM relies on (see `compiler/`):
//! - handler entry `H: SetupFinally(CLEANUP); PushExcInfo; ...` — the cleanup block records the
//!   depth of `[.., exc]`, which after `PushExcInfo` is the depth of `[.., prev]`; `CLEANUP:
//!   Swap(2); PopExcept; Reraise` restores the previously handled exception and propagates.
//! - the SEND loop: `GetAwaitable; SetupFinally(FAIL); LoadConst None; S: Send(EXIT);
//!   YieldValue; Jump(S); FAIL: CleanupThrow; Jump(END); EXIT: PopBlock; END: EndSend`. A frame
//!   suspended at a `YieldValue` whose next instruction is a `Jump` to a `Send` is delegating:
//!   its delegate (for `throw`/`close` forwarding, `gi_yieldfrom`, `cr_await`) is the top of
//!   its stack.

use crate::ast::{CmpOp, Operator};
use num_bigint::BigInt;
use std::rc::Rc;

/// An index into `Code::constants`.
pub type ConstIdx = u32;
/// An index into `Code::names` (globals, attributes, imported names).
pub type NameIdx = u32;
/// An index into `Code::varnames` (fast locals; parameters first).
pub type LocalIdx = u32;
/// An index into the frame's cells: `Code::cellvars` then `Code::freevars`.
pub type CellIdx = u32;
/// An absolute instruction index used as a jump target.
pub type Label = u32;

/// The comparison performed by `CompareOp`.
pub type Comparison = CmpOp;

/// One VM instruction.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Instr {
    // ---- stack manipulation -------------------------------------------------------------
    /// Does nothing. `( -- )`
    Nop,
    /// Discards the top of stack. `(x -- )`
    PopTop,
    /// Pushes a copy of the n-th item (1 = top). `(x, ...[n-1] -- x, ...[n-1], x)`
    Copy(u32),
    /// Swaps the top with the n-th item (n ≥ 2). `(a, ...[n-2], b -- b, ...[n-2], a)`
    Swap(u32),

    // ---- loads and stores ---------------------------------------------------------------
    /// Pushes a constant. `( -- value)`
    LoadConst(ConstIdx),
    /// Pushes a fast local; `UnboundLocalError` if unset. `( -- value)`
    LoadFast(LocalIdx),
    /// Stores into a fast local. `(value -- )`
    StoreFast(LocalIdx),
    /// Unsets a fast local; `UnboundLocalError` if unset. `( -- )`
    DeleteFast(LocalIdx),
    /// Looks a name up in locals, then globals, then builtins (module and class bodies). `( -- value)`
    LoadName(NameIdx),
    /// Stores into the frame's locals mapping. `(value -- )`
    StoreName(NameIdx),
    /// Deletes from the frame's locals mapping; `NameError` if absent. `( -- )`
    DeleteName(NameIdx),
    /// Looks a name up in globals, then builtins; `NameError` if absent. `( -- value)`
    LoadGlobal(NameIdx),
    /// Stores into globals. `(value -- )`
    StoreGlobal(NameIdx),
    /// Deletes from globals; `NameError` if absent. `( -- )`
    DeleteGlobal(NameIdx),
    /// Pushes the contents of a cell; `NameError`/`UnboundLocalError` if empty. `( -- value)`
    LoadDeref(CellIdx),
    /// Stores into a cell. `(value -- )`
    StoreDeref(CellIdx),
    /// Empties a cell. `( -- )`
    DeleteDeref(CellIdx),
    /// Pushes the cell object itself (to build a closure tuple). `( -- cell)`
    LoadClosure(CellIdx),
    /// In a class body: the class namespace first, then the cell (3.12 LOAD_FROM_DICT_OR_DEREF). `( -- value)`
    LoadClassDeref(CellIdx),
    /// Pushes `obj.name`. `(obj -- value)`
    LoadAttr(NameIdx),
    /// Sets `obj.name = value`. `(value, obj -- )`
    StoreAttr(NameIdx),
    /// Deletes `obj.name`. `(obj -- )`
    DeleteAttr(NameIdx),
    /// Pushes `container[key]`. `(container, key -- value)`
    BinarySubscr,
    /// Sets `container[key] = value`. `(value, container, key -- )`
    StoreSubscr,
    /// Deletes `container[key]`. `(container, key -- )`
    DeleteSubscr,
    /// Pushes `AssertionError` (the builtin class, even if shadowed). `( -- cls)`
    LoadAssertionError,
    /// Pushes `__build_class__`. `( -- func)`
    LoadBuildClass,
    /// Pushes the frame's locals mapping as a dict (class bodies return it). `( -- dict)`
    LoadLocals,
    /// Creates `__annotations__` in the locals mapping if missing. `( -- )`
    SetupAnnotations,

    // ---- operators ----------------------------------------------------------------------
    /// Applies a binary operator; `inplace` tries `__iop__` first (3.12 BINARY_OP). `(lhs, rhs -- res)`
    BinaryOp {
        /// The operator.
        op: Operator,
        /// True for the augmented-assignment form.
        inplace: bool,
    },
    /// `-x`. `(x -- res)`
    UnaryNegative,
    /// `+x`. `(x -- res)`
    UnaryPositive,
    /// `~x`. `(x -- res)`
    UnaryInvert,
    /// `not x` (truthiness). `(x -- bool)`
    UnaryNot,
    /// A rich comparison `<`, `<=`, `==`, `!=`, `>`, `>=` (never `is`/`in`). `(lhs, rhs -- res)`
    CompareOp(Comparison),
    /// `is` (or `is not` when the flag is set). `(lhs, rhs -- bool)`
    IsOp(bool),
    /// `in` (or `not in` when the flag is set); `rhs` is the container. `(lhs, rhs -- bool)`
    ContainsOp(bool),

    // ---- building values ----------------------------------------------------------------
    /// Builds a tuple from n items. `(items[n] -- tuple)`
    BuildTuple(u32),
    /// Builds a list from n items. `(items[n] -- list)`
    BuildList(u32),
    /// Builds a set from n items. `(items[n] -- set)`
    BuildSet(u32),
    /// Builds a dict from n key/value pairs. `(k1, v1, ... kn, vn -- dict)`
    BuildMap(u32),
    /// Builds a dict from n values and a tuple of keys (constant). `(v1, ... vn, keys -- dict)`
    BuildConstKeyMap(u32),
    /// Concatenates n strings (an exact int piece stands for its decimal text, as FORMAT_VALUE
    /// leaves it). `(pieces[n] -- str)`
    BuildString(u32),
    /// Builds a slice object from 2 or 3 items. `(start, stop[, step] -- slice)`
    BuildSlice(u32),
    /// Appends to the list n items below the top (after popping v). `(list, ...[n-1], v -- list, ...[n-1])`
    ListAppend(u32),
    /// Adds to the set n items below. `(set, ...[n-1], v -- set, ...[n-1])`
    SetAdd(u32),
    /// Sets `dict[k] = v` on the dict n items below. `(dict, ...[n-1], k, v -- dict, ...[n-1])`
    MapAdd(u32),
    /// Extends the list n items below with an iterable. `(list, ...[n-1], it -- list, ...[n-1])`
    ListExtend(u32),
    /// Updates the set n items below with an iterable. `(set, ...[n-1], it -- set, ...[n-1])`
    SetUpdate(u32),
    /// `dict.update` of the dict n items below (`{**m}`). `(dict, ...[n-1], m -- dict, ...[n-1])`
    DictUpdate(u32),
    /// Like `DictUpdate` but duplicate keys are a `TypeError` (`f(**a, **b)`). `(dict, ...[n-1], m -- dict, ...[n-1])`
    DictMerge(u32),
    /// Converts a list to a tuple (3.12 CALL_INTRINSIC_1 INTRINSIC_LIST_TO_TUPLE). `(list -- tuple)`
    ListToTuple,
    /// Unpacks exactly n items, first item on top. `(seq -- items[n])`
    UnpackSequence(u32),
    /// Unpacks with one starred target: `before` items, a list, `after` items. `(seq -- items[before + 1 + after])`
    /// (16-bit counts keep `Instr` at 8 bytes; more targets are a compile-time error, as in
    /// CPython, whose limit for `before` is 255.)
    UnpackEx {
        /// Targets before the starred one.
        before: u16,
        /// Targets after the starred one.
        after: u16,
    },
    /// Formats a value for an f-string field (3.11 FORMAT_VALUE); an exact int without
    /// conversion or spec is left for BUILD_STRING to write. `(value[, spec] -- str)`
    FormatValue {
        /// Conversion applied first: `None`, `!s`, `!r`, `!a`.
        conversion: Option<crate::ast::Conversion>,
        /// True when a spec string is on the stack above the value.
        has_spec: bool,
    },

    // ---- control flow -------------------------------------------------------------------
    /// Jumps unconditionally. `( -- )`
    Jump(Label),
    /// Pops and jumps if falsy. `(cond -- )`
    PopJumpIfFalse(Label),
    /// Pops and jumps if truthy. `(cond -- )`
    PopJumpIfTrue(Label),
    /// Pops and jumps if `None`. `(value -- )`
    PopJumpIfNone(Label),
    /// Pops and jumps if not `None`. `(value -- )`
    PopJumpIfNotNone(Label),
    /// If falsy, jumps keeping the value; else pops it (`and`). `(cond -- cond?)`
    JumpIfFalseOrPop(Label),
    /// If truthy, jumps keeping the value; else pops it (`or`). `(cond -- cond?)`
    JumpIfTrueOrPop(Label),
    /// Calls `iter()`. `(iterable -- iter)`
    GetIter,
    /// Pushes the next item, or when exhausted pops the iterator and jumps. `(iter -- iter, next)`
    ForIter(Label),
    /// Returns from the frame (a generator's return becomes `StopIteration(value)`). `(value -- )`
    ReturnValue,
    /// Returns a constant. `( -- )`
    ReturnConst(ConstIdx),

    // ---- functions and calls ------------------------------------------------------------
    /// Builds a function from a code constant; the flag bits say which extra items are below
    /// it: 0x01 defaults tuple, 0x02 kw-defaults dict, 0x04 annotations dict, 0x08 closure
    /// tuple of cells. `(defaults?, kwdefaults?, annotations?, closure?, code -- func)`
    MakeFunction(u32),
    /// Calls with n positional arguments. `(callable, args[n] -- result)`
    Call(u32),
    /// Calls with n arguments of which the last `len(kwnames)` are keywords; the kwnames tuple
    /// is a constant. `(callable, args[n], kwnames -- result)`
    CallKw(u32),
    /// Calls with an argument tuple and optionally a kwargs dict. `(callable, args, kwargs? -- result)`
    CallFunctionEx(bool),
    /// `obj.name(args[n])` without creating a bound method when `name` is a plain function on
    /// the type. `(obj, args[n] -- result)` Its name index and argument count are 16-bit,
    /// which keeps `Instr` at 8 bytes (a call beyond either is compiled as `LoadAttr; Call`).
    CallMethod(u16, u16),

    // ---- exceptions and blocks ----------------------------------------------------------
    /// Pushes an exception handler block recording the current stack depth. `( -- )`
    SetupFinally(Label),
    /// Like `SetupFinally` but records the depth without the top item (used right after
    /// `BeforeWith`/`BeforeAsyncWith`, so the handler sees `[.., exit, exc]`). `( -- )`
    SetupWith(Label),
    /// Pops the innermost handler block. `( -- )`
    PopBlock,
    /// Entering a handler: saves the currently handled exception (or None) below the new one,
    /// and makes `exc` the handled exception (for `__context__` and bare `raise`). `(exc -- prev, exc)`
    PushExcInfo,
    /// Leaving a handler: restores the previously handled exception. `(prev -- )`
    PopExcept,
    /// `except T:` test; `T` may be a class or a tuple of classes. `(exc, T -- exc, bool)`
    CheckExcMatch,
    /// `except* T:` split of an exception group: `match` is None when nothing matched.
    /// `(exc, T -- rest, match)`
    CheckEgMatch,
    /// At the end of `try/except*`: combines the raised and re-raised parts into the exception
    /// to propagate, or None. `(orig, raised_list -- exc_or_none)`
    PrepReraiseStar,
    /// Re-raises the exception on top without adding a traceback entry. `(exc -- )`
    Reraise,
    /// `raise` with n operands: 0 re-raises the handled exception, 1 raises `exc`, 2 sets the
    /// cause. `(exc?, cause? -- )`
    RaiseVarargs(u32),
    /// `with` entry: looks up `__exit__` then calls `__enter__`. `(mgr -- exit, enter_result)`
    BeforeWith,
    /// `async with` entry: looks up `__aexit__`, calls `__aenter__`. `(mgr -- aexit, awaitable)`
    BeforeAsyncWith,
    /// Calls `exit(type(exc), exc, exc.__traceback__)`; `exit` is the third item (below the
    /// previous exception saved by `PushExcInfo`). `(exit, prev, exc -- exit, prev, exc, res)`
    WithExceptStart,

    // ---- generators, coroutines, await --------------------------------------------------
    /// `iter()` for `yield from`; a coroutine is passed through only inside a
    /// `types.coroutine` generator. `(iterable -- iter)`
    GetYieldFromIter,
    /// Turns an awaitable into its iterator (a coroutine, or what `__await__` returns); the
    /// operand says where it is used for error messages: 0 await, 1 `__aenter__`, 2 `__aexit__`.
    /// `(awaitable -- iter)`
    GetAwaitable(u32),
    /// `aiter(x)`: calls `__aiter__`. `(obj -- aiter)`
    GetAIter,
    /// Pushes the awaitable of `aiter.__anext__()`. `(aiter -- aiter, awaitable)`
    GetANext,
    /// Handler end of `async for`: swallows `StopAsyncIteration` (popping the aiter), else
    /// re-raises. `(aiter, exc -- )`
    EndAsyncFor,
    /// Sends `v` into the receiver (None → `__next__`); on yield pushes the yielded value and
    /// falls through; on return replaces `v` with the return value and jumps. `(receiver, v -- receiver, retval)`
    Send(Label),
    /// Suspends the frame yielding `value`; on resume pushes the value sent in. `(value -- sent)`
    YieldValue,
    /// After `Send` returned: drops the receiver. `(receiver, value -- value)`
    EndSend,
    /// Handler of the SEND loop: a `StopIteration` raised by the delegate's `throw()` becomes
    /// its value; anything else is re-raised. `(receiver, exc -- receiver, value)`
    CleanupThrow,

    // ---- imports and misc ---------------------------------------------------------------
    /// Imports a module; `level` and `fromlist` come from the stack. `(level, fromlist -- module)`
    ImportName(NameIdx),
    /// Loads an attribute of the module for `from m import name`. `(module -- module, value)`
    ImportFrom(NameIdx),
    /// `from m import *` into the locals mapping. `(module -- )`
    ImportStar,
    /// REPL: prints the repr of a non-None value and stores it in `builtins._`. `(value -- )`
    PrintExpr,
}

// Every instruction's operands fit in 4 bytes beside the tag: code is 8 bytes per instruction.
const _: () = assert!(std::mem::size_of::<Instr>() == 8);

/// A compile-time constant.
#[derive(Clone, Debug, PartialEq)]
pub enum Const {
    /// `None`.
    None,
    /// `True` / `False`.
    Bool(bool),
    /// An int that fits in i64.
    Int(i64),
    /// An int that does not.
    BigInt(BigInt),
    /// A float.
    Float(f64),
    /// A str.
    Str(Rc<str>),
    /// A bytes literal.
    Bytes(Rc<[u8]>),
    /// A tuple of constants (also used for keyword-name tuples).
    Tuple(Rc<[Const]>),
    /// `...`.
    Ellipsis,
    /// A nested code object (function, class body, comprehension, lambda).
    Code(Rc<Code>),
}

/// Flags of a code object (CPython's `co_flags`, as booleans).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CodeFlags {
    /// The function takes `*args`.
    pub varargs: bool,
    /// The function takes `**kwargs`.
    pub varkeywords: bool,
    /// Calling it creates a generator (contains `yield`).
    pub generator: bool,
    /// Calling it creates a coroutine (`async def` without `yield`).
    pub coroutine: bool,
    /// Calling it creates an async generator (`async def` with `yield`).
    pub async_generator: bool,
    /// Locals live in a mapping (`LoadName`/`StoreName`): module and class bodies.
    pub uses_locals_mapping: bool,
    /// A generator function marked by `types.coroutine` (CO_ITERABLE_COROUTINE): `await`
    /// accepts its generators.
    pub iterable_coroutine: bool,
}

/// A handler pushed by `SetupFinally` — kept in the frame at run time, described here because
/// the compiler relies on its exact behaviour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block {
    /// Where to jump when an exception is raised inside the block.
    pub handler: Label,
    /// The operand stack depth to truncate to before pushing the exception.
    pub stack_depth: u32,
}

/// A compiled function body, class body, module, lambda or comprehension. Its sequences are
/// boxed slices (no spare capacity, 16 bytes each instead of a Vec's 24): the Rc'd struct
/// is 216 bytes, in mimalloc's 224-byte size class rather than the 320 one.
#[derive(Clone, Debug, PartialEq)]
pub struct Code {
    /// The function name (`<module>`, `<lambda>`, `<listcomp>`, ...).
    pub name: Rc<str>,
    /// The dotted qualified name (`C.f.<locals>.g`).
    pub qualname: Rc<str>,
    /// The file the code came from.
    pub filename: Rc<str>,
    /// The line of the `def`/`class` (1 for a module).
    pub first_line: u32,
    /// Kind and calling-convention flags.
    pub flags: CodeFlags,
    /// Number of positional parameters (including positional-only).
    pub argcount: u32,
    /// Number of positional-only parameters.
    pub posonlyargcount: u32,
    /// Number of keyword-only parameters.
    pub kwonlyargcount: u32,
    /// The instructions.
    pub instructions: Box<[Instr]>,
    /// The source line of each instruction (same length as `instructions`).
    pub lines: Box<[u32]>,
    /// Constants referenced by `LoadConst` and friends.
    pub constants: Box<[Const]>,
    /// Names referenced by global, attribute and import instructions.
    pub names: Box<[Rc<str>]>,
    /// Fast locals: parameters first (positional, keyword-only, `*args`, `**kwargs`), then others.
    pub varnames: Box<[Rc<str>]>,
    /// Locals captured by inner functions (cells created when the frame starts; a cell whose
    /// name is also a parameter is initialised from that parameter).
    pub cellvars: Box<[Rc<str>]>,
    /// Variables captured from enclosing scopes (cells passed in the function's closure).
    pub freevars: Box<[Rc<str>]>,
    /// The docstring, if the body starts with a string literal.
    pub docstring: Option<Rc<str>>,
}
