//! A compact, indented dump of the AST for snapshot tests: one node per line, with its span.

use percolate::ast::*;
use std::fmt::Write;

/// Renders a module as an indented tree, one node per line.
pub fn dump_module(module: &Module) -> String {
    let mut d = Dumper::default();
    for s in &module.body {
        d.stmt(0, "", s);
    }
    d.out
}

#[derive(Default)]
struct Dumper {
    out: String,
}

impl Dumper {
    fn line(&mut self, depth: usize, label: &str, text: &str, span: Option<Span>) {
        let _ = write!(self.out, "{}", "  ".repeat(depth));
        let _ = match (label.is_empty(), text.is_empty()) {
            (true, _) => write!(self.out, "{text}"),
            (false, true) => write!(self.out, "{label}:"),
            (false, false) => write!(self.out, "{label}: {text}"),
        };
        if let Some(span) = span {
            let _ = write!(self.out, " @{}..{}", span.start, span.end);
        }
        self.out.push('\n');
    }

    fn block(&mut self, depth: usize, label: &str, body: &[Stmt]) {
        if body.is_empty() {
            return;
        }
        self.line(depth, label, "", None);
        for s in body {
            self.stmt(depth + 1, "", s);
        }
    }

    fn exprs(&mut self, depth: usize, label: &str, es: &[Expr]) {
        for e in es {
            self.expr(depth, label, e);
        }
    }

    fn opt(&mut self, depth: usize, label: &str, e: &Option<Expr>) {
        if let Some(e) = e {
            self.expr(depth, label, e);
        }
    }

    fn opt_box(&mut self, depth: usize, label: &str, e: &Option<Box<Expr>>) {
        if let Some(e) = e {
            self.expr(depth, label, e);
        }
    }

    fn keywords(&mut self, depth: usize, keywords: &[Keyword]) {
        for k in keywords {
            let name = k.arg.as_deref().unwrap_or("**");
            self.line(depth, "keyword", name, Some(k.span));
            self.expr(depth + 1, "", &k.value);
        }
    }

    fn arguments(&mut self, depth: usize, a: &Arguments) {
        let arg = |d: &mut Dumper, label: &str, arg: &Arg| {
            d.line(depth, label, &arg.name, Some(arg.span));
            d.opt_box(depth + 1, "annotation", &arg.annotation);
        };
        for x in &a.posonlyargs {
            arg(self, "posonly", x);
        }
        for x in &a.args {
            arg(self, "arg", x);
        }
        self.exprs(depth, "default", &a.defaults);
        if let Some(x) = &a.vararg {
            arg(self, "vararg", x);
        }
        for (x, default) in a.kwonlyargs.iter().zip(&a.kw_defaults) {
            arg(self, "kwonly", x);
            self.opt(depth + 1, "default", default);
        }
        if let Some(x) = &a.kwarg {
            arg(self, "kwarg", x);
        }
    }

    fn generators(&mut self, depth: usize, generators: &[Comprehension]) {
        for g in generators {
            self.line(depth, "for", if g.is_async { "async" } else { "" }, None);
            self.expr(depth + 1, "target", &g.target);
            self.expr(depth + 1, "iter", &g.iter);
            self.exprs(depth + 1, "if", &g.ifs);
        }
    }

    fn stmt(&mut self, depth: usize, label: &str, s: &Stmt) {
        let d = depth + 1;
        let span = Some(s.span);
        match &s.node {
            StmtKind::FunctionDef {
                name,
                args,
                body,
                decorator_list,
                returns,
                is_async,
            } => {
                let kind = if *is_async {
                    "AsyncFunctionDef"
                } else {
                    "FunctionDef"
                };
                self.line(depth, label, &format!("{kind} {name}"), span);
                self.exprs(d, "decorator", decorator_list);
                self.arguments(d, args);
                self.opt_box(d, "returns", returns);
                self.block(d, "body", body);
            }
            StmtKind::ClassDef {
                name,
                bases,
                keywords,
                body,
                decorator_list,
            } => {
                self.line(depth, label, &format!("ClassDef {name}"), span);
                self.exprs(d, "decorator", decorator_list);
                self.exprs(d, "base", bases);
                self.keywords(d, keywords);
                self.block(d, "body", body);
            }
            StmtKind::Return(value) => {
                self.line(depth, label, "Return", span);
                self.opt(d, "", value);
            }
            StmtKind::Delete(targets) => {
                self.line(depth, label, "Delete", span);
                self.exprs(d, "", targets);
            }
            StmtKind::Assign { targets, value } => {
                self.line(depth, label, "Assign", span);
                self.exprs(d, "target", targets);
                self.expr(d, "value", value);
            }
            StmtKind::AugAssign { target, op, value } => {
                self.line(depth, label, &format!("AugAssign {op:?}"), span);
                self.expr(d, "target", target);
                self.expr(d, "value", value);
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => {
                self.line(depth, label, &format!("AnnAssign simple={simple}"), span);
                self.expr(d, "target", target);
                self.expr(d, "annotation", annotation);
                self.opt(d, "value", value);
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                is_async,
            } => {
                self.line(
                    depth,
                    label,
                    if *is_async { "AsyncFor" } else { "For" },
                    span,
                );
                self.expr(d, "target", target);
                self.expr(d, "iter", iter);
                self.block(d, "body", body);
                self.block(d, "orelse", orelse);
            }
            StmtKind::While { test, body, orelse } => {
                self.line(depth, label, "While", span);
                self.expr(d, "test", test);
                self.block(d, "body", body);
                self.block(d, "orelse", orelse);
            }
            StmtKind::If { test, body, orelse } => {
                self.line(depth, label, "If", span);
                self.expr(d, "test", test);
                self.block(d, "body", body);
                self.block(d, "orelse", orelse);
            }
            StmtKind::With {
                items,
                body,
                is_async,
            } => {
                self.line(
                    depth,
                    label,
                    if *is_async { "AsyncWith" } else { "With" },
                    span,
                );
                for item in items {
                    self.expr(d, "item", &item.context_expr);
                    self.opt(d + 1, "as", &item.optional_vars);
                }
                self.block(d, "body", body);
            }
            StmtKind::Raise { exc, cause } => {
                self.line(depth, label, "Raise", span);
                self.opt(d, "exc", exc);
                self.opt(d, "cause", cause);
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
                is_star,
            } => {
                self.line(depth, label, if *is_star { "TryStar" } else { "Try" }, span);
                self.block(d, "body", body);
                for h in handlers {
                    let name = h
                        .name
                        .as_deref()
                        .map(|n| format!(" as {n}"))
                        .unwrap_or_default();
                    self.line(d, "handler", &format!("ExceptHandler{name}"), Some(h.span));
                    self.opt(d + 1, "type", &h.typ);
                    self.block(d + 1, "body", &h.body);
                }
                self.block(d, "orelse", orelse);
                self.block(d, "finally", finalbody);
            }
            StmtKind::Assert { test, msg } => {
                self.line(depth, label, "Assert", span);
                self.expr(d, "test", test);
                self.opt(d, "msg", msg);
            }
            StmtKind::Import(names) => {
                self.line(depth, label, &format!("Import {}", aliases(names)), span);
            }
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => {
                let module = module.as_deref().unwrap_or("");
                let text = format!(
                    "ImportFrom {}{module} {}",
                    ".".repeat(*level as usize),
                    aliases(names)
                );
                self.line(depth, label, &text, span);
            }
            StmtKind::Global(names) => {
                self.line(depth, label, &format!("Global {}", names.join(", ")), span)
            }
            StmtKind::Nonlocal(names) => self.line(
                depth,
                label,
                &format!("Nonlocal {}", names.join(", ")),
                span,
            ),
            StmtKind::Expr(e) => {
                self.line(depth, label, "Expr", span);
                self.expr(d, "", e);
            }
            StmtKind::Pass => self.line(depth, label, "Pass", span),
            StmtKind::Break => self.line(depth, label, "Break", span),
            StmtKind::Continue => self.line(depth, label, "Continue", span),
        }
    }

    fn expr(&mut self, depth: usize, label: &str, e: &Expr) {
        let d = depth + 1;
        let span = Some(e.span);
        match &e.node {
            ExprKind::BoolOp { op, values } => {
                self.line(depth, label, &format!("BoolOp {op:?}"), span);
                self.exprs(d, "", values);
            }
            ExprKind::NamedExpr { target, value } => {
                self.line(depth, label, "NamedExpr", span);
                self.expr(d, "target", target);
                self.expr(d, "value", value);
            }
            ExprKind::BinOp { left, op, right } => {
                self.line(depth, label, &format!("BinOp {op:?}"), span);
                self.expr(d, "", left);
                self.expr(d, "", right);
            }
            ExprKind::UnaryOp { op, operand } => {
                self.line(depth, label, &format!("UnaryOp {op:?}"), span);
                self.expr(d, "", operand);
            }
            ExprKind::Lambda { args, body } => {
                self.line(depth, label, "Lambda", span);
                self.arguments(d, args);
                self.expr(d, "body", body);
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.line(depth, label, "IfExp", span);
                self.expr(d, "test", test);
                self.expr(d, "body", body);
                self.expr(d, "orelse", orelse);
            }
            ExprKind::Dict { keys, values } => {
                self.line(depth, label, "Dict", span);
                for (k, v) in keys.iter().zip(values) {
                    match k {
                        Some(k) => self.expr(d, "key", k),
                        None => self.line(d, "key", "**", None),
                    }
                    self.expr(d + 1, "value", v);
                }
            }
            ExprKind::Set(elts) => {
                self.line(depth, label, "Set", span);
                self.exprs(d, "", elts);
            }
            ExprKind::ListComp { elt, generators } => {
                self.line(depth, label, "ListComp", span);
                self.expr(d, "elt", elt);
                self.generators(d, generators);
            }
            ExprKind::SetComp { elt, generators } => {
                self.line(depth, label, "SetComp", span);
                self.expr(d, "elt", elt);
                self.generators(d, generators);
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => {
                self.line(depth, label, "DictComp", span);
                self.expr(d, "key", key);
                self.expr(d, "value", value);
                self.generators(d, generators);
            }
            ExprKind::GeneratorExp { elt, generators } => {
                self.line(depth, label, "GeneratorExp", span);
                self.expr(d, "elt", elt);
                self.generators(d, generators);
            }
            ExprKind::Await(value) => {
                self.line(depth, label, "Await", span);
                self.expr(d, "", value);
            }
            ExprKind::Yield(value) => {
                self.line(depth, label, "Yield", span);
                self.opt_box(d, "", value);
            }
            ExprKind::YieldFrom(value) => {
                self.line(depth, label, "YieldFrom", span);
                self.expr(d, "", value);
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => {
                let ops: Vec<String> = ops.iter().map(|op| format!("{op:?}")).collect();
                self.line(depth, label, &format!("Compare {}", ops.join(" ")), span);
                self.expr(d, "", left);
                self.exprs(d, "", comparators);
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.line(depth, label, "Call", span);
                self.expr(d, "func", func);
                self.exprs(d, "arg", args);
                self.keywords(d, keywords);
            }
            ExprKind::FormattedValue {
                value,
                conversion,
                format_spec,
            } => {
                let conv = conversion.map(|c| format!(" !{c:?}")).unwrap_or_default();
                self.line(depth, label, &format!("FormattedValue{conv}"), span);
                self.expr(d, "", value);
                self.opt_box(d, "spec", format_spec);
            }
            ExprKind::JoinedStr(values) => {
                self.line(depth, label, "JoinedStr", span);
                self.exprs(d, "", values);
            }
            ExprKind::Constant(c) => self.line(depth, label, &constant(c), span),
            ExprKind::Attribute { value, attr } => {
                self.line(depth, label, &format!("Attribute .{attr}"), span);
                self.expr(d, "", value);
            }
            ExprKind::Subscript { value, slice } => {
                self.line(depth, label, "Subscript", span);
                self.expr(d, "value", value);
                self.expr(d, "slice", slice);
            }
            ExprKind::Starred(value) => {
                self.line(depth, label, "Starred", span);
                self.expr(d, "", value);
            }
            ExprKind::Name(name) => self.line(depth, label, &format!("Name {name}"), span),
            ExprKind::List(elts) => {
                self.line(depth, label, "List", span);
                self.exprs(d, "", elts);
            }
            ExprKind::Tuple(elts) => {
                self.line(depth, label, "Tuple", span);
                self.exprs(d, "", elts);
            }
            ExprKind::Slice { lower, upper, step } => {
                self.line(depth, label, "Slice", span);
                self.opt_box(d, "lower", lower);
                self.opt_box(d, "upper", upper);
                self.opt_box(d, "step", step);
            }
        }
    }
}

fn aliases(names: &[Alias]) -> String {
    let parts: Vec<String> = names
        .iter()
        .map(|a| match &a.asname {
            Some(asname) => format!("{} as {asname}", a.name),
            None => a.name.clone(),
        })
        .collect();
    parts.join(", ")
}

fn constant(c: &Constant) -> String {
    match c {
        Constant::None => "None".into(),
        Constant::Bool(b) => (if *b { "True" } else { "False" }).to_string(),
        Constant::Int(i) => format!("Int {i}"),
        Constant::Float(f) => format!("Float {f:?}"),
        Constant::Imaginary(f) => format!("Imaginary {f:?}j"),
        Constant::Str(s) => format!("Str {s:?}"),
        Constant::Bytes(b) => format!("Bytes {:?}", String::from_utf8_lossy(b)),
        Constant::Ellipsis => "Ellipsis".into(),
    }
}
