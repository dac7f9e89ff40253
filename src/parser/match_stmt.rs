//! `match` statements (PEP 634), lowered while parsing into the statements the compiler
//! already has: the subject is stored once in a hidden variable and each `case` becomes one
//! link of an `if`/`elif` chain whose test checks the pattern and binds its names with
//! assignment expressions, in CPython's left-to-right order.
//!
//! A pattern is parsed as the expression it looks like (`[a, *rest]`, `Point(x=0)`,
//! `{"k": v, **kw}`, `1 | 2`) and lowered from that shape; the structural checks
//! (sequence, mapping and class patterns) call the helpers of the frozen `_match` module
//! (src/modules/py/match_helpers.py). Hidden names contain a `.`, so no program can
//! clash with them. Irrefutable patterns before the last case are CPython's SyntaxErrors.
//! An `as` inside a sub-pattern arrives as `match.as(pattern, name)` (tokens.rs).

use super::helpers::{Ctx, PError, expr, stmt};
use crate::ast::*;
use lalrpop_util::ParseError;

/// One `case` block as parsed.
pub struct MatchCase {
    /// The pattern, parsed as an expression.
    pub pattern: Expr,
    /// The name of a top-level `as` capture.
    pub alias: Option<String>,
    /// The guard after `if`.
    pub guard: Option<Expr>,
    /// The block.
    pub body: Vec<Stmt>,
    /// Byte offset of `case`.
    pub start: usize,
}

/// Builds the lowered statement for `match subject:` with `cases`.
pub fn match_stmt(
    ctx: &Ctx,
    subject: Expr,
    cases: Vec<MatchCase>,
    l: usize,
) -> Result<Stmt, PError> {
    let r = subject.span.end as usize;
    let subject_name = format!("match.subject.{l}");
    let mut lower = Lowering {
        ctx,
        counter: 0,
        at: l,
    };
    let count = cases.len();
    let mut links = Vec::with_capacity(count);
    for (index, case) in cases.into_iter().enumerate() {
        let s = name(&subject_name, case.start);
        let irrefutable = matches!(case.pattern.node, ExprKind::Name(_));
        if irrefutable && case.guard.is_none() && index + 1 < count {
            let what = match &case.pattern.node {
                ExprKind::Name(n) if n != "_" => format!("name capture '{n}'"),
                _ => "wildcard".to_string(),
            };
            let msg = format!("{what} makes remaining patterns unreachable");
            let span = case.pattern.span;
            return Err(ParseError::User {
                error: ctx.syntax_error(msg, span.start as usize, span.end as usize),
            });
        }
        let mut tests = Vec::new();
        if let Some(t) = lower.pattern(&case.pattern, &s)? {
            tests.push(t);
        }
        if let Some(alias) = &case.alias {
            tests.push(bind(alias, s.clone()));
        }
        if let Some(guard) = case.guard {
            tests.push(guard);
        }
        let test = match tests.len() {
            0 => constant(Constant::Bool(true), case.start),
            1 => tests.remove(0),
            _ => all(tests),
        };
        links.push((case.start, test, case.body));
    }
    let mut tail: Vec<Stmt> = Vec::new();
    for (start, test, body) in links.into_iter().rev() {
        let end = body.last().map_or(start, |b| b.span.end as usize);
        tail = vec![stmt(
            StmtKind::If {
                test,
                body,
                orelse: tail,
            },
            start,
            end,
        )];
    }
    let assign = stmt(
        StmtKind::Assign {
            targets: vec![name(&subject_name, l)],
            value: subject,
        },
        l,
        r,
    );
    // One statement: `if True:` around the assignment and the chain keeps the Stmt shape.
    let mut body = vec![assign];
    body.extend(tail);
    let end = body.last().map_or(r, |b| b.span.end as usize);
    Ok(stmt(
        StmtKind::If {
            test: constant(Constant::Bool(true), l),
            body,
            orelse: Vec::new(),
        },
        l,
        end,
    ))
}

/// The state of lowering one match statement's patterns.
struct Lowering<'a> {
    /// For error positions.
    ctx: &'a Ctx<'a>,
    /// Numbers the hidden temporaries.
    counter: usize,
    /// The match statement's offset (part of the hidden names).
    at: usize,
}

impl Lowering<'_> {
    /// A fresh hidden variable name.
    fn temp(&mut self, what: &str) -> String {
        self.counter += 1;
        format!("match.{what}.{}.{}", self.at, self.counter)
    }

    /// A SyntaxError at `p`.
    fn error(&self, p: &Expr, msg: &str) -> PError {
        ParseError::User {
            error: self
                .ctx
                .syntax_error(msg, p.span.start as usize, p.span.end as usize),
        }
    }

    /// The test that `subject` matches `p` (binding its names), or None when `p` always
    /// matches without binding (`_`).
    fn pattern(&mut self, p: &Expr, subject: &Expr) -> Result<Option<Expr>, PError> {
        let at = p.span.start as usize;
        Ok(Some(match &p.node {
            ExprKind::Name(n) if n == "_" => return Ok(None),
            ExprKind::Name(n) => bind(n, subject.clone()),
            ExprKind::Constant(Constant::None | Constant::Bool(_)) => {
                compare(subject.clone(), CmpOp::Is, p.clone())
            }
            ExprKind::Constant(_) | ExprKind::Attribute { .. } => {
                compare(subject.clone(), CmpOp::Eq, p.clone())
            }
            ExprKind::UnaryOp {
                op: UnaryOp::USub,
                operand,
            } if matches!(operand.node, ExprKind::Constant(_)) => {
                compare(subject.clone(), CmpOp::Eq, p.clone())
            }
            ExprKind::JoinedStr(_) => {
                return Err(self.error(p, "patterns may only match literals and attribute lookups"));
            }
            ExprKind::BinOp {
                op: Operator::BitOr,
                ..
            } => {
                let mut alternatives = Vec::new();
                flatten_or(p, &mut alternatives);
                let mut tests = Vec::new();
                for alt in alternatives {
                    match self.pattern(alt, subject)? {
                        Some(t) => tests.push(t),
                        None => tests.push(constant(Constant::Bool(true), at)),
                    }
                }
                expr(
                    ExprKind::BoolOp {
                        op: BoolOp::Or,
                        values: tests,
                    },
                    at,
                    at,
                )
            }
            ExprKind::List(items) | ExprKind::Tuple(items) => self.sequence(p, items, subject)?,
            ExprKind::Dict { keys, values } => self.mapping(p, keys, values, subject)?,
            ExprKind::Call { func, args, .. } if matches!(&func.node, ExprKind::Name(n) if n == "match.as") =>
            {
                // `X as name` nested in a pattern (rewritten so by tokens.rs).
                let (
                    Some(inner),
                    Some(Located {
                        node: ExprKind::Name(target),
                        ..
                    }),
                ) = (args.first(), args.get(1))
                else {
                    return Err(self.error(p, "invalid pattern"));
                };
                let binding = bind(target, subject.clone());
                match self.pattern(inner, subject)? {
                    Some(test) => all(vec![test, binding]),
                    None => binding,
                }
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.class(p, func, args, keywords, subject)?,
            ExprKind::Starred(_) => return Err(self.error(p, "can't use starred expression here")),
            _ => return Err(self.error(p, "invalid pattern (not supported by percolate)")),
        }))
    }

    /// `[p0, *rest, p2]` / `(p0, p1)`.
    fn sequence(&mut self, p: &Expr, items: &[Expr], subject: &Expr) -> Result<Expr, PError> {
        let at = p.span.start as usize;
        let stars: Vec<usize> = items
            .iter()
            .enumerate()
            .filter(|(_, e)| matches!(e.node, ExprKind::Starred(_)))
            .map(|(i, _)| i)
            .collect();
        if stars.len() > 1 {
            return Err(self.error(p, "multiple starred names in sequence pattern"));
        }
        let star = stars.first().copied();
        let n = items.len();
        let seq = self.temp("seq");
        let star_arg = match star {
            Some(k) => int(k, at),
            None => constant(Constant::None, at),
        };
        let check = helper("sequence", vec![subject.clone(), int(n, at), star_arg], at);
        let mut tests = vec![compare(
            named(&seq, check),
            CmpOp::IsNot,
            constant(Constant::None, at),
        )];
        for (i, item) in items.iter().enumerate() {
            let element = match star {
                Some(k) if i == k => {
                    let ExprKind::Starred(inner) = &item.node else {
                        unreachable!("index of a Starred item")
                    };
                    let ExprKind::Name(target) = &inner.node else {
                        return Err(
                            self.error(item, "invalid pattern (not supported by percolate)")
                        );
                    };
                    if target != "_" {
                        let after = n - k - 1;
                        let upper = (after > 0).then(|| Box::new(negative_int(after, at)));
                        let slice = expr(
                            ExprKind::Slice {
                                lower: Some(Box::new(int(k, at))),
                                upper,
                                step: None,
                            },
                            at,
                            at,
                        );
                        tests.push(bind(target, subscript(name(&seq, at), slice)));
                    }
                    continue;
                }
                Some(k) if i > k => subscript(name(&seq, at), negative_int(n - i, at)),
                _ => subscript(name(&seq, at), int(i, at)),
            };
            if let Some(t) = self.pattern(item, &element)? {
                tests.push(t);
            }
        }
        Ok(all(tests))
    }

    /// `{key: p, ..., **rest}`.
    fn mapping(
        &mut self,
        p: &Expr,
        keys: &[Option<Expr>],
        values: &[Expr],
        subject: &Expr,
    ) -> Result<Expr, PError> {
        let at = p.span.start as usize;
        let mut literal_keys = Vec::new();
        let mut rest = None;
        for (key, value) in keys.iter().zip(values) {
            match key {
                Some(k) => literal_keys.push(k.clone()),
                None => match &value.node {
                    ExprKind::Name(n) => rest = Some(n.clone()),
                    _ => {
                        return Err(
                            self.error(value, "invalid pattern (not supported by percolate)")
                        );
                    }
                },
            }
        }
        let keys_tuple = expr(ExprKind::Tuple(literal_keys), at, at);
        let found = self.temp("map");
        let check = helper("mapping", vec![subject.clone(), keys_tuple.clone()], at);
        let mut tests = vec![compare(
            named(&found, check),
            CmpOp::IsNot,
            constant(Constant::None, at),
        )];
        let mut index = 0;
        for (key, value) in keys.iter().zip(values) {
            if key.is_none() {
                continue;
            }
            let element = subscript(name(&found, at), int(index, at));
            index += 1;
            if let Some(t) = self.pattern(value, &element)? {
                tests.push(t);
            }
        }
        if let Some(rest) = rest {
            tests.push(bind(
                &rest,
                helper("rest", vec![subject.clone(), keys_tuple], at),
            ));
        }
        Ok(all(tests))
    }

    /// `Cls(p0, p1, attr=p2)`.
    fn class(
        &mut self,
        p: &Expr,
        cls: &Expr,
        args: &[Expr],
        keywords: &[Keyword],
        subject: &Expr,
    ) -> Result<Expr, PError> {
        let at = p.span.start as usize;
        let mut names = Vec::new();
        for kw in keywords {
            match &kw.arg {
                Some(a) => names.push(constant(Constant::Str(a.clone()), at)),
                None => return Err(self.error(p, "invalid pattern (not supported by percolate)")),
            }
        }
        let found = self.temp("cls");
        let check = helper(
            "cls",
            vec![
                subject.clone(),
                cls.clone(),
                int(args.len(), at),
                expr(ExprKind::Tuple(names), at, at),
            ],
            at,
        );
        let mut tests = vec![compare(
            named(&found, check),
            CmpOp::IsNot,
            constant(Constant::None, at),
        )];
        let sub_patterns = args.iter().chain(keywords.iter().map(|k| &k.value));
        for (i, sub) in sub_patterns.enumerate() {
            let element = subscript(name(&found, at), int(i, at));
            if let Some(t) = self.pattern(sub, &element)? {
                tests.push(t);
            }
        }
        Ok(all(tests))
    }
}

/// The alternatives of an or-pattern, left to right.
fn flatten_or<'e>(p: &'e Expr, out: &mut Vec<&'e Expr>) {
    match &p.node {
        ExprKind::BinOp {
            left,
            op: Operator::BitOr,
            right,
        } => {
            flatten_or(left, out);
            flatten_or(right, out);
        }
        _ => out.push(p),
    }
}

/// A name expression at `at`.
fn name(id: &str, at: usize) -> Expr {
    expr(ExprKind::Name(id.to_string()), at, at)
}

/// A constant at `at`.
fn constant(c: Constant, at: usize) -> Expr {
    expr(ExprKind::Constant(c), at, at)
}

/// An int constant.
fn int(n: usize, at: usize) -> Expr {
    constant(Constant::Int(n.into()), at)
}

/// `-n`.
fn negative_int(n: usize, at: usize) -> Expr {
    let value: num_bigint::BigInt = n.into();
    constant(Constant::Int(-value), at)
}

/// `target := value`.
fn named(target: &str, value: Expr) -> Expr {
    let span = value.span;
    Located {
        node: ExprKind::NamedExpr {
            target: Box::new(name(target, span.start as usize)),
            value: Box::new(value),
        },
        span,
    }
}

/// A test that binds `target` to `value` and is always true: `(target := value) is target`.
fn bind(target: &str, value: Expr) -> Expr {
    let at = value.span.start as usize;
    compare(named(target, value), CmpOp::Is, name(target, at))
}

/// `left op right`.
fn compare(left: Expr, op: CmpOp, right: Expr) -> Expr {
    let span = left.span;
    Located {
        node: ExprKind::Compare {
            left: Box::new(left),
            ops: vec![op],
            comparators: vec![right],
        },
        span,
    }
}

/// `value[index]`.
fn subscript(value: Expr, index: Expr) -> Expr {
    let span = value.span;
    Located {
        node: ExprKind::Subscript {
            value: Box::new(value),
            slice: Box::new(index),
        },
        span,
    }
}

/// `a and b and ...` (one value stays itself).
fn all(mut tests: Vec<Expr>) -> Expr {
    if tests.len() == 1 {
        return tests.remove(0);
    }
    let span = tests[0].span;
    Located {
        node: ExprKind::BoolOp {
            op: BoolOp::And,
            values: tests,
        },
        span,
    }
}

/// `__import__('_match').<function>(*args)`.
fn helper(function: &str, args: Vec<Expr>, at: usize) -> Expr {
    let import = expr(
        ExprKind::Call {
            func: Box::new(name("__import__", at)),
            args: vec![constant(Constant::Str("_match".to_string()), at)],
            keywords: Vec::new(),
        },
        at,
        at,
    );
    let func = expr(
        ExprKind::Attribute {
            value: Box::new(import),
            attr: function.to_string(),
        },
        at,
        at,
    );
    expr(
        ExprKind::Call {
            func: Box::new(func),
            args,
            keywords: Vec::new(),
        },
        at,
        at,
    )
}
