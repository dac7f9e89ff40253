//! Node builders called from the grammar's one-line actions, with the checks CPython's PEG
//! grammar expresses as `invalid_*` rules (assignment targets, argument order, parameters).

use crate::ast::*;
use crate::error::{SyntaxError, SyntaxErrorKind};
use crate::token::Tok;
use lalrpop_util::ParseError;

/// The error type of the generated parser.
pub type PError = ParseError<usize, Tok, SyntaxError>;

/// What every action may need: the whole file (for error positions) and its name.
pub struct Ctx<'a> {
    /// The complete source text; every span is an offset into it.
    pub source: &'a str,
    /// The file name reported in errors.
    pub filename: &'a str,
}

impl Ctx<'_> {
    /// A `SyntaxError` with `msg` over `start..end`, wrapped for the parser.
    pub fn error(&self, msg: impl Into<String>, start: usize, end: usize) -> PError {
        ParseError::User {
            error: self.syntax_error(msg, start, end),
        }
    }

    /// A `SyntaxError` with `msg` over `start..end`.
    pub fn syntax_error(&self, msg: impl Into<String>, start: usize, end: usize) -> SyntaxError {
        SyntaxError::at(
            SyntaxErrorKind::Syntax,
            msg,
            self.filename,
            self.source,
            start,
            end,
        )
    }

    /// A `SyntaxError` over the span of `expr`.
    fn error_at(&self, msg: impl Into<String>, span: Span) -> PError {
        self.error(msg, span.start as usize, span.end as usize)
    }
}

/// One argument of a call or class header, before the order checks.
pub enum ArgItem {
    /// A positional argument, including `*iterable` (as `Starred`).
    Positional(Expr),
    /// An unparenthesised generator expression argument.
    Generator(Expr),
    /// `name=value` or `**mapping`.
    Keyword(Keyword),
}

/// One entry of a parameter list, before it is sorted into `Arguments`.
pub enum ParamItem {
    /// `name[: annotation] [= default]`.
    Plain(Arg, Option<Expr>),
    /// The positional-only marker `/`.
    Slash(Span),
    /// `*` or `*args`.
    Star(Option<Arg>, Span),
    /// `**kwargs`.
    DoubleStar(Arg, Span),
}

/// Which comprehension a `for` clause list belongs to.
pub enum CompKind {
    /// `[x for ...]`.
    List,
    /// `{x for ...}`.
    Set,
    /// `{k: v for ...}`.
    Dict,
    /// `(x for ...)`.
    Generator,
}

/// Wraps an expression node with the span `l..r`.
pub fn expr(kind: ExprKind, l: usize, r: usize) -> Expr {
    Located::new(kind, Span::new(l, r))
}

/// Wraps a statement node with the span `l..r`.
pub fn stmt(kind: StmtKind, l: usize, r: usize) -> Stmt {
    Located::new(kind, Span::new(l, r))
}

/// A literal.
pub fn constant(value: Constant, l: usize, r: usize) -> Expr {
    expr(ExprKind::Constant(value), l, r)
}

/// A parenthesis-free tuple `a, b,`.
pub fn tuple(elts: Vec<Expr>, l: usize, r: usize) -> Expr {
    expr(ExprKind::Tuple(elts), l, r)
}

/// A parenthesis-free tuple `a, b` whose last element had no trailing comma.
pub fn tuple_push(mut elts: Vec<Expr>, last: Expr, l: usize, r: usize) -> Expr {
    elts.push(last);
    tuple(elts, l, r)
}

/// `left op right`.
pub fn bin_op(left: Expr, op: Operator, right: Expr, l: usize, r: usize) -> Expr {
    expr(
        ExprKind::BinOp {
            left: Box::new(left),
            op,
            right: Box::new(right),
        },
        l,
        r,
    )
}

/// `op operand`.
pub fn unary(op: UnaryOp, operand: Expr, l: usize, r: usize) -> Expr {
    expr(
        ExprKind::UnaryOp {
            op,
            operand: Box::new(operand),
        },
        l,
        r,
    )
}

/// `a and b and c` as one flat `BoolOp`.
pub fn bool_op(op: BoolOp, first: Expr, rest: Vec<Expr>, l: usize, r: usize) -> Expr {
    let mut values = vec![first];
    values.extend(rest);
    expr(ExprKind::BoolOp { op, values }, l, r)
}

/// A chained comparison.
pub fn compare(left: Expr, rest: Vec<(CmpOp, Expr)>, l: usize, r: usize) -> Expr {
    let (ops, comparators) = rest.into_iter().unzip();
    expr(
        ExprKind::Compare {
            left: Box::new(left),
            ops,
            comparators,
        },
        l,
        r,
    )
}

/// `body if test else orelse`.
pub fn if_exp(body: Expr, test: Expr, orelse: Expr, l: usize, r: usize) -> Expr {
    let kind = ExprKind::IfExp {
        test: Box::new(test),
        body: Box::new(body),
        orelse: Box::new(orelse),
    };
    expr(kind, l, r)
}

/// `name := value`.
pub fn named_expr(name: String, l: usize, name_end: usize, value: Expr, r: usize) -> Expr {
    let target = Box::new(expr(ExprKind::Name(name), l, name_end));
    expr(
        ExprKind::NamedExpr {
            target,
            value: Box::new(value),
        },
        l,
        r,
    )
}

/// `value.attr`.
pub fn attribute(value: Expr, attr: String, l: usize, r: usize) -> Expr {
    expr(
        ExprKind::Attribute {
            value: Box::new(value),
            attr,
        },
        l,
        r,
    )
}

/// `value[slice]`.
pub fn subscript(value: Expr, slice: Expr, l: usize, r: usize) -> Expr {
    expr(
        ExprKind::Subscript {
            value: Box::new(value),
            slice: Box::new(slice),
        },
        l,
        r,
    )
}

/// The index of a subscript: one item, or a tuple when there is a comma.
pub fn subscripts((mut items, trailing_comma): (Vec<Expr>, bool), l: usize, r: usize) -> Expr {
    // A lone `*x` still makes a tuple: `a[*b]` is `a[(*b,)]`.
    let starred = items
        .first()
        .is_some_and(|e| matches!(e.node, ExprKind::Starred(_)));
    if items.len() == 1
        && !trailing_comma
        && !starred
        && let Some(only) = items.pop()
    {
        return only;
    }
    tuple(items, l, r)
}

/// `lower:upper:step`.
pub fn slice(
    lower: Option<Expr>,
    upper: Option<Expr>,
    step: Option<Expr>,
    l: usize,
    r: usize,
) -> Expr {
    let kind = ExprKind::Slice {
        lower: lower.map(Box::new),
        upper: upper.map(Box::new),
        step: step.map(Box::new),
    };
    expr(kind, l, r)
}

/// A dict display from its `key: value` and `**mapping` entries.
pub fn dict(items: Vec<(Option<Expr>, Expr)>, l: usize, r: usize) -> Expr {
    let (keys, values) = items.into_iter().unzip();
    expr(ExprKind::Dict { keys, values }, l, r)
}

/// The contents of `( ... )`: a parenthesised expression or a tuple.
pub fn parenthesized(
    ctx: &Ctx,
    (mut items, trailing_comma): (Vec<Expr>, bool),
    l: usize,
    r: usize,
) -> Result<Expr, PError> {
    if items.len() == 1
        && !trailing_comma
        && let Some(only) = items.pop()
    {
        if matches!(only.node, ExprKind::Starred(_)) {
            return Err(ctx.error_at("cannot use starred expression here", only.span));
        }
        return Ok(only);
    }
    Ok(tuple(items, l, r))
}

/// A comprehension or generator expression.
pub fn comprehension_expr(
    kind: CompKind,
    elt: Expr,
    value: Option<Expr>,
    generators: Vec<Comprehension>,
    l: usize,
    r: usize,
) -> Expr {
    let elt = Box::new(elt);
    let node = match (kind, value) {
        (CompKind::Dict, Some(value)) => ExprKind::DictComp {
            key: elt,
            value: Box::new(value),
            generators,
        },
        (CompKind::List, _) => ExprKind::ListComp { elt, generators },
        (CompKind::Set, _) => ExprKind::SetComp { elt, generators },
        _ => ExprKind::GeneratorExp { elt, generators },
    };
    expr(node, l, r)
}

/// One `[async] for target in iter [if cond]*` clause.
pub fn comprehension(
    ctx: &Ctx,
    is_async: bool,
    target: Expr,
    iter: Expr,
    ifs: Vec<Expr>,
) -> Result<Comprehension, PError> {
    check_target(ctx, &target, TargetUse::Store)?;
    Ok(Comprehension {
        target,
        iter,
        ifs,
        is_async,
    })
}

/// Collects call arguments (the order checks happen in [`call`]).
pub fn arg_list((items, _trailing_comma): (Vec<ArgItem>, bool)) -> Vec<ArgItem> {
    items
}

/// Splits call arguments into positional and keyword lists, checking CPython's order rules.
///
/// `close` is the offset of the closing `)`, where pegen reports misplaced positionals.
fn split_args(
    ctx: &Ctx,
    items: Vec<ArgItem>,
    close: usize,
) -> Result<(Vec<Expr>, Vec<Keyword>), PError> {
    let count = items.len();
    let mut args = Vec::new();
    let mut keywords: Vec<Keyword> = Vec::new();
    for item in items {
        match item {
            ArgItem::Generator(generator) => {
                if count > 1 {
                    return Err(
                        ctx.error_at("Generator expression must be parenthesized", generator.span)
                    );
                }
                // The sole unparenthesised generator borrows the call's parentheses.
                let start = generator.span.start as usize;
                let open = ctx.source[..start].rfind('(').unwrap_or(start);
                args.push(Located::new(generator.node, Span::new(open, close + 1)));
            }
            ArgItem::Positional(arg) => {
                let starred = matches!(arg.node, ExprKind::Starred(_));
                if !keywords.is_empty() {
                    let after_unpacking = keywords.iter().any(|k| k.arg.is_none());
                    let start = arg.span.start as usize;
                    match (starred, after_unpacking) {
                        (true, true) => {
                            let msg =
                                "iterable argument unpacking follows keyword argument unpacking";
                            return Err(ctx.error(msg, start, start + 1));
                        }
                        (true, false) => {}
                        (false, true) => {
                            let msg = "positional argument follows keyword argument unpacking";
                            return Err(ctx.error(msg, close, close + 1));
                        }
                        (false, false) => {
                            let msg = "positional argument follows keyword argument";
                            return Err(ctx.error(msg, close, close + 1));
                        }
                    }
                }
                args.push(arg);
            }
            ArgItem::Keyword(keyword) => keywords.push(keyword),
        }
    }
    Ok((args, keywords))
}

/// `func(args)`.
pub fn call(
    ctx: &Ctx,
    func: Expr,
    items: Option<Vec<ArgItem>>,
    close: usize,
    l: usize,
    r: usize,
) -> Result<Expr, PError> {
    let (args, keywords) = split_args(ctx, items.unwrap_or_default(), close)?;
    Ok(expr(
        ExprKind::Call {
            func: Box::new(func),
            args,
            keywords,
        },
        l,
        r,
    ))
}

/// Where a target appears, which decides CPython's wording for a bad one.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum TargetUse {
    /// An assignment, `for` or `with` target.
    Store,
    /// A `del` target.
    Delete,
}

/// The name CPython uses for an expression kind in "cannot assign to ..." messages.
/// Mirrors pegen's `_PyPegen_get_expr_name`.
pub fn expr_name(e: &Expr) -> &'static str {
    match &e.node {
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred(_) => "starred",
        ExprKind::Name(_) => "name",
        ExprKind::List(_) => "list",
        ExprKind::Tuple(_) => "tuple",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
        ExprKind::Await(_) => "await expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::Dict { .. } => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::JoinedStr(_) | ExprKind::FormattedValue { .. } => "f-string expression",
        ExprKind::Constant(Constant::None) => "None",
        ExprKind::Constant(Constant::Bool(true)) => "True",
        ExprKind::Constant(Constant::Bool(false)) => "False",
        ExprKind::Constant(Constant::Ellipsis) => "ellipsis",
        ExprKind::Constant(_) => "literal",
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Slice { .. } => "slice",
    }
}

/// Finds the first sub-expression of a target that cannot be stored to (or deleted).
fn invalid_target(e: &Expr, use_: TargetUse) -> Option<&Expr> {
    match &e.node {
        ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => None,
        ExprKind::Starred(inner) if use_ == TargetUse::Store => invalid_target(inner, use_),
        ExprKind::List(elts) | ExprKind::Tuple(elts) => {
            elts.iter().find_map(|elt| invalid_target(elt, use_))
        }
        _ => Some(e),
    }
}

/// Checks an assignment/for/with/comprehension target, as CPython's `invalid_*_target` rules.
pub fn check_target(ctx: &Ctx, target: &Expr, use_: TargetUse) -> Result<(), PError> {
    if let Some(bad) = invalid_target(target, use_) {
        let verb = if use_ == TargetUse::Delete {
            "delete"
        } else {
            "assign to"
        };
        return Err(ctx.error_at(format!("cannot {verb} {}", expr_name(bad)), bad.span));
    }
    if use_ == TargetUse::Store {
        check_starred(ctx, target, true)?;
    }
    Ok(())
}

/// Rejects `*a = b` and two starred names in one unpacking (compile.c's checks).
fn check_starred(ctx: &Ctx, target: &Expr, top: bool) -> Result<(), PError> {
    match &target.node {
        ExprKind::Starred(_) if top => Err(ctx.error_at(
            "starred assignment target must be in a list or tuple",
            target.span,
        )),
        ExprKind::List(elts) | ExprKind::Tuple(elts) => {
            let stars = elts
                .iter()
                .filter(|e| matches!(e.node, ExprKind::Starred(_)))
                .count();
            if stars > 1 {
                return Err(ctx.error_at("multiple starred expressions in assignment", target.span));
            }
            for elt in elts {
                let inner = match &elt.node {
                    ExprKind::Starred(inner) => inner,
                    _ => elt,
                };
                check_starred(ctx, inner, false)?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// `a = b = value`.
pub fn assign(
    ctx: &Ctx,
    first: Expr,
    mut rest: Vec<Expr>,
    l: usize,
    r: usize,
) -> Result<Stmt, PError> {
    let value = rest
        .pop()
        .unwrap_or_else(|| unreachable!("the grammar requires one `= value`"));
    let mut targets = vec![first];
    targets.extend(rest);
    let single = targets.len() == 1;
    for target in &targets {
        if matches!(target.node, ExprKind::Yield(_) | ExprKind::YieldFrom(_)) {
            // A parenthesised yield is an ordinary bad target for pegen.
            let before = &ctx.source[..target.span.start as usize];
            let msg = if before.trim_end().ends_with('(') {
                "cannot assign to yield expression"
            } else {
                "assignment to yield expression not possible"
            };
            return Err(ctx.error_at(msg, target.span));
        }
        if let Some(bad) = invalid_target(target, TargetUse::Store) {
            let name = expr_name(bad);
            // pegen's invalid_named_expression: a lone `f() = 1` suggests `==`.
            let suggests_eq = single
                && std::ptr::eq(bad, target)
                && !matches!(
                    bad.node,
                    ExprKind::Constant(Constant::None | Constant::Bool(_))
                        | ExprKind::GeneratorExp { .. }
                )
                && (is_bitwise_or_level(bad) || bad.span.start as usize != l);
            let msg = if suggests_eq {
                format!("cannot assign to {name} here. Maybe you meant '==' instead of '='?")
            } else {
                format!("cannot assign to {name}")
            };
            return Err(ctx.error_at(msg, bad.span));
        }
        check_starred(ctx, target, true)?;
    }
    Ok(stmt(StmtKind::Assign { targets, value }, l, r))
}

/// Whether `e` is what pegen's `bitwise_or` rule can produce without parentheses (so not a
/// conditional, lambda, `not`, boolean operation or comparison).
fn is_bitwise_or_level(e: &Expr) -> bool {
    !matches!(
        e.node,
        ExprKind::IfExp { .. }
            | ExprKind::Lambda { .. }
            | ExprKind::UnaryOp {
                op: UnaryOp::Not,
                ..
            }
            | ExprKind::BoolOp { .. }
            | ExprKind::Compare { .. }
    )
}

/// `target op= value`.
pub fn aug_assign(
    ctx: &Ctx,
    target: Expr,
    op: Operator,
    value: Expr,
    l: usize,
    r: usize,
) -> Result<Stmt, PError> {
    if !matches!(
        target.node,
        ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }
    ) {
        let msg = format!(
            "'{}' is an illegal expression for augmented assignment",
            expr_name(&target)
        );
        return Err(ctx.error_at(msg, target.span));
    }
    Ok(stmt(StmtKind::AugAssign { target, op, value }, l, r))
}

/// `target: annotation [= value]`.
pub fn ann_assign(
    ctx: &Ctx,
    target: Expr,
    annotation: Expr,
    value: Option<Expr>,
    l: usize,
    r: usize,
) -> Result<Stmt, PError> {
    let simple = match &target.node {
        ExprKind::Name(_) => target.span.start as usize == l,
        ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => false,
        ExprKind::Tuple(_) | ExprKind::List(_) => {
            // pegen points a single caret at the start of the target.
            let what = expr_name(&target);
            let msg = format!("only single target (not {what}) can be annotated");
            return Err(ctx.error(msg, l, l + 1));
        }
        _ => {
            return Err(ctx.error_at("illegal target for annotation", target.span));
        }
    };
    Ok(stmt(
        StmtKind::AnnAssign {
            target,
            annotation,
            value,
            simple,
        },
        l,
        r,
    ))
}

/// `del a, b`.
pub fn delete(ctx: &Ctx, targets: Vec<Expr>, l: usize, r: usize) -> Result<Stmt, PError> {
    for target in &targets {
        check_target(ctx, target, TargetUse::Delete)?;
    }
    Ok(stmt(StmtKind::Delete(targets), l, r))
}

/// `raise [exc [from cause]]`.
pub fn raise(parts: Option<(Expr, Option<Expr>)>, l: usize, r: usize) -> Stmt {
    let (exc, cause) = match parts {
        Some((exc, cause)) => (Some(exc), cause),
        None => (None, None),
    };
    stmt(StmtKind::Raise { exc, cause }, l, r)
}

/// `name as asname` in an import.
pub fn alias(name: String, asname: Option<String>, l: usize, r: usize) -> Alias {
    Alias {
        name,
        asname,
        span: Span::new(l, r),
    }
}

/// `from [.]*module import names`.
pub fn import_from(
    ctx: &Ctx,
    (level, module): (u32, Option<String>),
    (names, trailing_comma_end): (Vec<Alias>, Option<usize>),
    l: usize,
    r: usize,
) -> Result<Stmt, PError> {
    if let Some(end) = trailing_comma_end {
        return Err(ctx.error(
            "trailing comma not allowed without surrounding parentheses",
            end,
            end,
        ));
    }
    Ok(stmt(
        StmtKind::ImportFrom {
            module,
            names,
            level,
        },
        l,
        r,
    ))
}

/// The end offset of a block: the end of its last statement.
fn block_end(body: &[Stmt]) -> usize {
    body.last().map_or(0, |s| s.span.end as usize)
}

/// The end of a compound statement: the end of its last non-empty block.
fn compound_end(blocks: &[&[Stmt]]) -> usize {
    blocks.iter().map(|b| block_end(b)).max().unwrap_or(0)
}

/// `if`/`elif`/`else`, nesting each `elif` as an `If` alone in the previous `orelse`.
pub fn if_stmt(
    test: Expr,
    body: Vec<Stmt>,
    elifs: Vec<(usize, Expr, Vec<Stmt>)>,
    orelse: Option<Vec<Stmt>>,
    l: usize,
) -> Stmt {
    let mut tail = orelse.unwrap_or_default();
    for (elif_start, elif_test, elif_body) in elifs.into_iter().rev() {
        let end = compound_end(&[&elif_body, &tail]);
        let node = StmtKind::If {
            test: elif_test,
            body: elif_body,
            orelse: tail,
        };
        tail = vec![stmt(node, elif_start, end)];
    }
    let end = compound_end(&[&body, &tail]);
    stmt(
        StmtKind::If {
            test,
            body,
            orelse: tail,
        },
        l,
        end,
    )
}

/// `while test: body [else: orelse]`.
pub fn while_stmt(test: Expr, body: Vec<Stmt>, orelse: Option<Vec<Stmt>>, l: usize) -> Stmt {
    let orelse = orelse.unwrap_or_default();
    let end = compound_end(&[&body, &orelse]);
    stmt(StmtKind::While { test, body, orelse }, l, end)
}

/// `[async] for target in iter: body [else: orelse]`.
pub fn for_stmt(
    ctx: &Ctx,
    is_async: bool,
    target: Expr,
    iter: Expr,
    body: Vec<Stmt>,
    orelse: Option<Vec<Stmt>>,
    l: usize,
) -> Result<Stmt, PError> {
    check_target(ctx, &target, TargetUse::Store)?;
    let orelse = orelse.unwrap_or_default();
    let end = compound_end(&[&body, &orelse]);
    Ok(stmt(
        StmtKind::For {
            target,
            iter,
            body,
            orelse,
            is_async,
        },
        l,
        end,
    ))
}

/// One `except [*] [type [as name]]:` clause and whether it was `except*`.
pub fn except_clause(
    star: bool,
    typ: Option<(Expr, Option<String>)>,
    body: Vec<Stmt>,
    l: usize,
    colon: usize,
) -> (ExceptHandler, bool) {
    let (typ, name) = match typ {
        Some((typ, name)) => (Some(typ), name),
        None => (None, None),
    };
    (
        ExceptHandler {
            typ,
            name,
            body,
            span: Span::new(l, colon + 1),
        },
        star,
    )
}

/// `try` with its handlers, `else` and `finally`.
pub fn try_stmt(
    ctx: &Ctx,
    body: Vec<Stmt>,
    handlers: Vec<(ExceptHandler, bool)>,
    orelse: Option<Vec<Stmt>>,
    finalbody: Option<Vec<Stmt>>,
    l: usize,
) -> Result<Stmt, PError> {
    let is_star = handlers.first().is_some_and(|(_, star)| *star);
    let mut plain = Vec::with_capacity(handlers.len());
    for (handler, star) in handlers {
        // pegen points at the `except` keyword, or at the `:` of a bare `except*:`.
        let start = handler.span.start as usize;
        if star != is_star {
            let msg = "cannot have both 'except' and 'except*' on the same 'try'";
            return Err(ctx.error(msg, start, start + "except".len()));
        }
        if star && handler.typ.is_none() {
            let colon = handler.span.end as usize - 1;
            return Err(ctx.error("expected one or more exception types", colon, colon + 1));
        }
        plain.push(handler);
    }
    let orelse = orelse.unwrap_or_default();
    let finalbody = finalbody.unwrap_or_default();
    let handler_end = plain.last().map_or(0, |h| block_end(&h.body));
    let end = compound_end(&[&body, &orelse, &finalbody]).max(handler_end);
    let node = StmtKind::Try {
        body,
        handlers: plain,
        orelse,
        finalbody,
        is_star,
    };
    Ok(stmt(node, l, end))
}

/// `[async] with items: body`.
pub fn with_stmt(
    ctx: &Ctx,
    is_async: bool,
    items: Vec<WithItem>,
    body: Vec<Stmt>,
    l: usize,
) -> Result<Stmt, PError> {
    for item in &items {
        if let Some(target) = &item.optional_vars {
            check_target(ctx, target, TargetUse::Store)?;
        }
    }
    let end = block_end(&body);
    Ok(stmt(
        StmtKind::With {
            items,
            body,
            is_async,
        },
        l,
        end,
    ))
}

/// One parameter.
pub fn arg(name: String, annotation: Option<Expr>, l: usize, r: usize) -> Arg {
    Arg {
        name,
        annotation: annotation.map(Box::new),
        span: Span::new(l, r),
    }
}

/// Sorts a parameter list into `Arguments`, with CPython's checks and messages.
///
/// `lambda_colon` is the offset of a lambda's `:`: pegen reports a bare `*` there (or at the
/// `**` after it), while for `def` it points at the `*` itself.
fn arguments(
    ctx: &Ctx,
    items: Vec<ParamItem>,
    lambda_colon: Option<usize>,
) -> Result<Arguments, PError> {
    let mut out = Arguments::default();
    let mut seen_slash = false;
    let mut seen_star = false;
    let mut bare_star: Option<Span> = None;
    let mut seen_default = false;
    for item in items {
        if let Some(kwarg) = &out.kwarg {
            let _ = kwarg;
            let (start, end) = match &item {
                ParamItem::Plain(arg, _) => (arg.span.start as usize, arg.span.end as usize),
                ParamItem::Slash(span)
                | ParamItem::Star(_, span)
                | ParamItem::DoubleStar(_, span) => (span.start as usize, span.start as usize + 1),
            };
            let msg = "arguments cannot follow var-keyword argument";
            return Err(ctx.error(msg, start, end));
        }
        match item {
            ParamItem::Plain(arg, default) => {
                if seen_star {
                    bare_star = None;
                    out.kwonlyargs.push(arg);
                    out.kw_defaults.push(default);
                    continue;
                }
                match default {
                    Some(default) => {
                        seen_default = true;
                        out.defaults.push(default);
                    }
                    None if seen_default => {
                        return Err(
                            ctx.error_at("non-default argument follows default argument", arg.span)
                        );
                    }
                    None => {}
                }
                out.args.push(arg);
            }
            ParamItem::Slash(span) => {
                if seen_slash {
                    return Err(ctx.error_at("/ may appear only once", span));
                }
                if seen_star {
                    return Err(ctx.error_at("/ must be ahead of *", span));
                }
                if out.args.is_empty() {
                    // pegen has this message for `def` only; a lambda just fails.
                    let msg = match lambda_colon {
                        Some(_) => "invalid syntax",
                        None => "at least one argument must precede /",
                    };
                    return Err(ctx.error_at(msg, span));
                }
                seen_slash = true;
                out.posonlyargs = std::mem::take(&mut out.args);
            }
            ParamItem::Star(vararg, span) => {
                if seen_star {
                    let (start, end) = (span.start as usize, span.start as usize + 1);
                    return Err(ctx.error("* argument may appear only once", start, end));
                }
                seen_star = true;
                if vararg.is_none() {
                    bare_star = Some(span);
                }
                out.vararg = vararg;
            }
            ParamItem::DoubleStar(kwarg, span) => {
                if let Some(star) = bare_star {
                    let (start, end) = match lambda_colon {
                        Some(_) => (span.start as usize, span.start as usize + 2),
                        None => (star.start as usize, star.start as usize + 1),
                    };
                    return Err(ctx.error("named arguments must follow bare *", start, end));
                }
                out.kwarg = Some(kwarg);
            }
        }
    }
    if let Some(star) = bare_star {
        let (start, end) = match lambda_colon {
            Some(colon) => (colon, colon + 1),
            None => (star.start as usize, star.start as usize + 1),
        };
        return Err(ctx.error("named arguments must follow bare *", start, end));
    }
    Ok(out)
}

/// `lambda params: body`.
pub fn lambda(
    ctx: &Ctx,
    params: Option<Vec<ParamItem>>,
    colon: usize,
    body: Expr,
    l: usize,
    r: usize,
) -> Result<Expr, PError> {
    let args = Box::new(arguments(ctx, params.unwrap_or_default(), Some(colon))?);
    Ok(expr(
        ExprKind::Lambda {
            args,
            body: Box::new(body),
        },
        l,
        r,
    ))
}

/// `[async] def name(params) [-> returns]: body`.
pub fn funcdef(
    ctx: &Ctx,
    is_async: bool,
    name: String,
    params: Option<Vec<ParamItem>>,
    returns: Option<Expr>,
    body: Vec<Stmt>,
    l: usize,
) -> Result<Stmt, PError> {
    let args = Box::new(arguments(ctx, params.unwrap_or_default(), None)?);
    let end = block_end(&body);
    let node = StmtKind::FunctionDef {
        name,
        args,
        body,
        decorator_list: Vec::new(),
        returns: returns.map(Box::new),
        is_async,
    };
    Ok(stmt(node, l, end))
}

/// `class name(bases, keywords): body`.
pub fn classdef(
    ctx: &Ctx,
    name: String,
    args: Option<(Option<Vec<ArgItem>>, usize)>,
    body: Vec<Stmt>,
    l: usize,
) -> Result<Stmt, PError> {
    let (items, close) = args.map_or((None, 0), |(items, close)| (items, close));
    let (bases, keywords) = split_args(ctx, items.unwrap_or_default(), close)?;
    let end = block_end(&body);
    let node = StmtKind::ClassDef {
        name,
        bases,
        keywords,
        body,
        decorator_list: Vec::new(),
    };
    Ok(stmt(node, l, end))
}

/// Attaches decorators to a `def` or `class`.
pub fn decorate(decorators: Vec<Expr>, mut def: Stmt) -> Stmt {
    match &mut def.node {
        StmtKind::FunctionDef { decorator_list, .. }
        | StmtKind::ClassDef { decorator_list, .. } => {
            *decorator_list = decorators;
        }
        _ => unreachable!("the grammar only decorates def and class"),
    }
    def
}

pub use super::strings::strings;
