//! The abstract syntax tree produced by the parser and consumed by the compiler.
//!
//! Shapes follow CPython's `ast` module (names, field names) so that the compiler can mirror
//! `compile.c`; every node carries the byte span of the source it came from.

use num_bigint::BigInt;
use std::fmt;

/// A half-open byte range `start..end` into the source text.
#[derive(Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Span {
    /// Byte offset of the first character of the node.
    pub start: u32,
    /// Byte offset one past the last character of the node.
    pub end: u32,
}

impl Span {
    /// Builds a span from two byte offsets.
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }
    /// The smallest span covering both `self` and `other`.
    pub fn to(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// A node together with the span of source it was parsed from.
#[derive(Clone, PartialEq)]
pub struct Located<T> {
    /// The node itself.
    pub node: T,
    /// Where in the source the node came from.
    pub span: Span,
}

impl<T> Located<T> {
    /// Wraps `node` with `span`.
    pub fn new(node: T, span: Span) -> Self {
        Located { node, span }
    }
}

impl<T: fmt::Debug> fmt::Debug for Located<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "@{:?} ", self.span)?;
        self.node.fmt(f)
    }
}

/// An expression node with its span.
pub type Expr = Located<ExprKind>;
/// A statement node with its span.
pub type Stmt = Located<StmtKind>;

/// A whole parsed file (or one REPL input, or an `exec` string).
#[derive(Clone, Debug, PartialEq)]
pub struct Module {
    /// The top-level statements in source order.
    pub body: Vec<Stmt>,
}

/// Statements, mirroring CPython's `ast.stmt` subclasses.
#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    /// `def` or `async def`.
    FunctionDef {
        /// The function's name.
        name: String,
        /// The parameter list.
        args: Box<Arguments>,
        /// The function body.
        body: Vec<Stmt>,
        /// Decorator expressions, outermost first (source order).
        decorator_list: Vec<Expr>,
        /// The `-> X` annotation, if any.
        returns: Option<Box<Expr>>,
        /// True for `async def`.
        is_async: bool,
    },
    /// `class Name(bases, keywords): body`.
    ClassDef {
        /// The class name.
        name: String,
        /// Positional base expressions (may include `*starred`).
        bases: Vec<Expr>,
        /// Keyword arguments such as `metaclass=M` (may include `**mapping`).
        keywords: Vec<Keyword>,
        /// The class body.
        body: Vec<Stmt>,
        /// Decorator expressions in source order.
        decorator_list: Vec<Expr>,
    },
    /// `return [value]`.
    Return(Option<Expr>),
    /// `del a, b[0], c.d`.
    Delete(Vec<Expr>),
    /// `a = b = value`; `targets` holds every target left to right.
    Assign {
        /// The assignment targets, left to right.
        targets: Vec<Expr>,
        /// The assigned value.
        value: Expr,
    },
    /// `target op= value`.
    AugAssign {
        /// A name, attribute or subscript.
        target: Expr,
        /// The operator (without the `=`).
        op: Operator,
        /// The right-hand side.
        value: Expr,
    },
    /// `target: annotation [= value]`.
    AnnAssign {
        /// The annotated target.
        target: Expr,
        /// The annotation expression.
        annotation: Expr,
        /// The value, if assigned.
        value: Option<Expr>,
        /// True when the target is a plain name not in parentheses.
        simple: bool,
    },
    /// `for` / `async for` with optional `else`.
    For {
        /// The loop target.
        target: Expr,
        /// The iterated expression.
        iter: Expr,
        /// The loop body.
        body: Vec<Stmt>,
        /// The `else` block (empty if absent).
        orelse: Vec<Stmt>,
        /// True for `async for`.
        is_async: bool,
    },
    /// `while test: body else: orelse`.
    While {
        /// The loop condition.
        test: Expr,
        /// The loop body.
        body: Vec<Stmt>,
        /// The `else` block (empty if absent).
        orelse: Vec<Stmt>,
    },
    /// `if`/`elif`/`else`; an `elif` is a nested `If` alone in `orelse`.
    If {
        /// The condition.
        test: Expr,
        /// The block run when true.
        body: Vec<Stmt>,
        /// The `else`/`elif` block (empty if absent).
        orelse: Vec<Stmt>,
    },
    /// `with` / `async with` with one or more items.
    With {
        /// The context managers, left to right.
        items: Vec<WithItem>,
        /// The body.
        body: Vec<Stmt>,
        /// True for `async with`.
        is_async: bool,
    },
    /// `raise [exc [from cause]]`.
    Raise {
        /// The exception, absent for a bare re-raise.
        exc: Option<Expr>,
        /// The `from` cause.
        cause: Option<Expr>,
    },
    /// `try` with `except`/`except*`, `else` and `finally` blocks.
    Try {
        /// The protected block.
        body: Vec<Stmt>,
        /// The except clauses in order.
        handlers: Vec<ExceptHandler>,
        /// The `else` block (empty if absent).
        orelse: Vec<Stmt>,
        /// The `finally` block (empty if absent).
        finalbody: Vec<Stmt>,
        /// True when the handlers are `except*` clauses.
        is_star: bool,
    },
    /// `assert test[, msg]`.
    Assert {
        /// The asserted condition.
        test: Expr,
        /// The optional message.
        msg: Option<Expr>,
    },
    /// `import a.b as c, d`.
    Import(Vec<Alias>),
    /// `from [.]*module import names`; `*` is one alias named `*`.
    ImportFrom {
        /// The dotted module name after the dots, if any.
        module: Option<String>,
        /// The imported names.
        names: Vec<Alias>,
        /// The number of leading dots.
        level: u32,
    },
    /// `global a, b`.
    Global(Vec<String>),
    /// `nonlocal a, b`.
    Nonlocal(Vec<String>),
    /// An expression evaluated for its effect.
    Expr(Expr),
    /// `pass`.
    Pass,
    /// `break`.
    Break,
    /// `continue`.
    Continue,
}

/// Expressions, mirroring CPython's `ast.expr` subclasses.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// `a and b and c` / `a or b`.
    BoolOp {
        /// Which operator.
        op: BoolOp,
        /// Two or more operands.
        values: Vec<Expr>,
    },
    /// `target := value`; target is always a `Name`.
    NamedExpr {
        /// The bound name.
        target: Box<Expr>,
        /// The value.
        value: Box<Expr>,
    },
    /// A binary operation.
    BinOp {
        /// Left operand.
        left: Box<Expr>,
        /// The operator.
        op: Operator,
        /// Right operand.
        right: Box<Expr>,
    },
    /// A unary operation.
    UnaryOp {
        /// The operator.
        op: UnaryOp,
        /// The operand.
        operand: Box<Expr>,
    },
    /// `lambda args: body`.
    Lambda {
        /// The parameters.
        args: Box<Arguments>,
        /// The body expression.
        body: Box<Expr>,
    },
    /// `body if test else orelse`.
    IfExp {
        /// The condition.
        test: Box<Expr>,
        /// Value when true.
        body: Box<Expr>,
        /// Value when false.
        orelse: Box<Expr>,
    },
    /// `{k: v, **m}`; a `None` key marks a `**m` entry whose mapping is in `values`.
    Dict {
        /// Keys, `None` for `**` unpacking.
        keys: Vec<Option<Expr>>,
        /// Values, same length as `keys`.
        values: Vec<Expr>,
    },
    /// `{a, b, *c}`.
    Set(Vec<Expr>),
    /// `[elt for ...]`.
    ListComp {
        /// The element expression.
        elt: Box<Expr>,
        /// The `for`/`if` clauses.
        generators: Vec<Comprehension>,
    },
    /// `{elt for ...}`.
    SetComp {
        /// The element expression.
        elt: Box<Expr>,
        /// The `for`/`if` clauses.
        generators: Vec<Comprehension>,
    },
    /// `{key: value for ...}`.
    DictComp {
        /// The key expression.
        key: Box<Expr>,
        /// The value expression.
        value: Box<Expr>,
        /// The `for`/`if` clauses.
        generators: Vec<Comprehension>,
    },
    /// `(elt for ...)`.
    GeneratorExp {
        /// The element expression.
        elt: Box<Expr>,
        /// The `for`/`if` clauses.
        generators: Vec<Comprehension>,
    },
    /// `await value`.
    Await(Box<Expr>),
    /// `yield [value]`.
    Yield(Option<Box<Expr>>),
    /// `yield from value`.
    YieldFrom(Box<Expr>),
    /// `left op1 c1 op2 c2 ...` (chained comparison).
    Compare {
        /// The first operand.
        left: Box<Expr>,
        /// The operators, one per comparator.
        ops: Vec<CmpOp>,
        /// The remaining operands.
        comparators: Vec<Expr>,
    },
    /// `func(args, keywords)`; `args` may contain `Starred`.
    Call {
        /// The called expression.
        func: Box<Expr>,
        /// Positional arguments (and `*it`).
        args: Vec<Expr>,
        /// Keyword arguments (and `**m`).
        keywords: Vec<Keyword>,
    },
    /// One `{...}` field of an f-string.
    FormattedValue {
        /// The formatted expression.
        value: Box<Expr>,
        /// `!r`, `!s` or `!a`, if given.
        conversion: Option<Conversion>,
        /// The format spec, itself a `JoinedStr`, if given.
        format_spec: Option<Box<Expr>>,
    },
    /// An f-string (possibly concatenated with plain strings): literal `Constant` parts and
    /// `FormattedValue` parts in order.
    JoinedStr(Vec<Expr>),
    /// A literal.
    Constant(Constant),
    /// `value.attr`.
    Attribute {
        /// The object.
        value: Box<Expr>,
        /// The attribute name.
        attr: String,
    },
    /// `value[slice]`; `a[1:2, 3]` has a `Tuple` slice containing a `Slice`.
    Subscript {
        /// The container.
        value: Box<Expr>,
        /// The index expression.
        slice: Box<Expr>,
    },
    /// `*value` in a call, display or assignment target.
    Starred(Box<Expr>),
    /// A bare identifier.
    Name(String),
    /// `[a, b]`.
    List(Vec<Expr>),
    /// `(a, b)` or `a, b`.
    Tuple(Vec<Expr>),
    /// `lower:upper:step`, only directly inside a subscript (or a tuple in one).
    Slice {
        /// The start, if given.
        lower: Option<Box<Expr>>,
        /// The stop, if given.
        upper: Option<Box<Expr>>,
        /// The step, if given.
        step: Option<Box<Expr>>,
    },
}

/// A literal value.
#[derive(Clone, Debug, PartialEq)]
pub enum Constant {
    /// `None`.
    None,
    /// `True` / `False`.
    Bool(bool),
    /// An integer literal of any size.
    Int(BigInt),
    /// A float literal.
    Float(f64),
    /// An imaginary literal such as `2j` (the compiler refuses it: complex is out of scope).
    Imaginary(f64),
    /// A string literal (after escapes and implicit concatenation).
    Str(String),
    /// A bytes literal.
    Bytes(Vec<u8>),
    /// `...`.
    Ellipsis,
}

/// `and` / `or`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoolOp {
    /// `and`.
    And,
    /// `or`.
    Or,
}

/// Binary arithmetic and bitwise operators (also used by augmented assignment).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operator {
    /// `+`.
    Add,
    /// `-`.
    Sub,
    /// `*`.
    Mult,
    /// `@`.
    MatMult,
    /// `/`.
    Div,
    /// `%`.
    Mod,
    /// `**`.
    Pow,
    /// `<<`.
    LShift,
    /// `>>`.
    RShift,
    /// `|`.
    BitOr,
    /// `^`.
    BitXor,
    /// `&`.
    BitAnd,
    /// `//`.
    FloorDiv,
}

/// Unary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    /// `~`.
    Invert,
    /// `not`.
    Not,
    /// `+`.
    UAdd,
    /// `-`.
    USub,
}

/// Comparison operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    /// `==`.
    Eq,
    /// `!=`.
    NotEq,
    /// `<`.
    Lt,
    /// `<=`.
    LtE,
    /// `>`.
    Gt,
    /// `>=`.
    GtE,
    /// `is`.
    Is,
    /// `is not`.
    IsNot,
    /// `in`.
    In,
    /// `not in`.
    NotIn,
}

/// An f-string conversion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conversion {
    /// `!s`.
    Str,
    /// `!r`.
    Repr,
    /// `!a`.
    Ascii,
}

/// One `for ... in ... if ...` clause of a comprehension.
#[derive(Clone, Debug, PartialEq)]
pub struct Comprehension {
    /// The loop target.
    pub target: Expr,
    /// The iterated expression.
    pub iter: Expr,
    /// The filters, in order.
    pub ifs: Vec<Expr>,
    /// True for `async for`.
    pub is_async: bool,
}

/// One `except` clause.
#[derive(Clone, Debug, PartialEq)]
pub struct ExceptHandler {
    /// The matched type expression, absent for a bare `except:`.
    pub typ: Option<Expr>,
    /// The `as name` binding.
    pub name: Option<String>,
    /// The handler body.
    pub body: Vec<Stmt>,
    /// The span of the `except ...:` header.
    pub span: Span,
}

/// A parameter list of a `def` or `lambda`, as CPython's `ast.arguments`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Arguments {
    /// Parameters before `/`.
    pub posonlyargs: Vec<Arg>,
    /// Ordinary positional-or-keyword parameters.
    pub args: Vec<Arg>,
    /// `*args`, if present.
    pub vararg: Option<Arg>,
    /// Parameters after `*` or `*args`.
    pub kwonlyargs: Vec<Arg>,
    /// One entry per `kwonlyargs` item: its default, if any.
    pub kw_defaults: Vec<Option<Expr>>,
    /// `**kwargs`, if present.
    pub kwarg: Option<Arg>,
    /// Defaults of the last positional parameters (posonly + args), in order.
    pub defaults: Vec<Expr>,
}

/// One parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct Arg {
    /// The parameter name.
    pub name: String,
    /// Its annotation, if any.
    pub annotation: Option<Box<Expr>>,
    /// Where it was written.
    pub span: Span,
}

/// A keyword argument `name=value`, or `**value` when `arg` is `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct Keyword {
    /// The keyword, `None` for `**mapping`.
    pub arg: Option<String>,
    /// The value.
    pub value: Expr,
    /// Where it was written.
    pub span: Span,
}

/// `name as asname` in an import.
#[derive(Clone, Debug, PartialEq)]
pub struct Alias {
    /// The (possibly dotted) imported name, or `*`.
    pub name: String,
    /// The `as` name, if any.
    pub asname: Option<String>,
    /// Where it was written.
    pub span: Span,
}

/// One `expr [as target]` of a `with` statement.
#[derive(Clone, Debug, PartialEq)]
pub struct WithItem {
    /// The context manager expression.
    pub context_expr: Expr,
    /// The `as` target, if any.
    pub optional_vars: Option<Expr>,
}
