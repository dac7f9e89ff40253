//! Code generation for statements (CPython's `compiler_visit_stmt` family): functions,
//! classes, loops, `try`, `with`, imports, assignments.

use super::symtable::{self, ScopeKind};
use super::{Compiler, FBlock, Mode, docstring};
use crate::ast::*;
use crate::bytecode::{Const, Instr};
use crate::error::SyntaxError;
use std::rc::Rc;

type CResult = Result<(), SyntaxError>;

/// True when a body has an annotated assignment to a simple name (needs `__annotations__`).
pub(super) fn has_annotations(body: &[Stmt]) -> bool {
    body.iter().any(|s| match &s.node {
        StmtKind::AnnAssign { simple, .. } => *simple,
        StmtKind::If { body, orelse, .. }
        | StmtKind::While { body, orelse, .. }
        | StmtKind::For { body, orelse, .. } => has_annotations(body) || has_annotations(orelse),
        StmtKind::With { body, .. } => has_annotations(body),
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
            ..
        } => {
            has_annotations(body)
                || has_annotations(orelse)
                || has_annotations(finalbody)
                || handlers.iter().any(|h| has_annotations(&h.body))
        }
        _ => false,
    })
}

/// True for a constant whose truth value is true (`True`, `1`, `"x"`, `...`): a loop test
/// that needs no evaluation.
fn is_true_constant(e: &Expr) -> bool {
    match &e.node {
        ExprKind::Constant(c) => match c {
            Constant::Bool(b) => *b,
            Constant::Int(i) => !num_traits::Zero::is_zero(i),
            Constant::Str(s) => !s.is_empty(),
            Constant::Ellipsis => true,
            _ => false,
        },
        _ => false,
    }
}

impl<'a> Compiler<'a> {
    pub(super) fn stmts(&mut self, body: &'a [Stmt]) -> CResult {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &'a Stmt) -> CResult {
        self.set_line(s.span);
        match &s.node {
            StmtKind::FunctionDef {
                name,
                args,
                body,
                decorator_list,
                returns,
                is_async,
            } => self.function_def(
                s,
                name,
                args,
                body,
                decorator_list,
                returns.as_deref(),
                *is_async,
            )?,
            StmtKind::ClassDef {
                name,
                bases,
                keywords,
                body,
                decorator_list,
            } => self.class_def(s, name, bases, keywords, body, decorator_list)?,
            StmtKind::Return(value) => self.return_stmt(s, value.as_ref())?,
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.delete_target(t)?;
                }
            }
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.emit(Instr::Copy(1));
                    }
                    self.store_target(t)?;
                }
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value)?,
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => {
                if let Some(v) = value {
                    self.expr(v)?;
                    self.store_target(target)?;
                }
                if let (ExprKind::Name(n), true) = (&target.node, *simple)
                    && self.scope().kind != ScopeKind::Function
                {
                    self.annotation(annotation)?;
                    let ann = self.name_index("__annotations__");
                    self.emit(Instr::LoadName(ann));
                    let name = self.intern(n);
                    self.load_const(Const::Str(name));
                    self.emit(Instr::StoreSubscr);
                }
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                is_async,
            } => self.for_stmt(s, target, iter, body, orelse, *is_async)?,
            StmtKind::While { test, body, orelse } => {
                let start = self.new_label();
                let else_ = self.new_label();
                let end = self.new_label();
                self.bind(start);
                // `while True:` (or another true constant) tests nothing, as CPython's
                // compiler drops the test: no LOAD_CONST + POP_JUMP_IF_FALSE per iteration.
                if !is_true_constant(test) {
                    self.expr(test)?;
                    self.emit(Instr::PopJumpIfFalse(else_.0));
                }
                self.push_fblock(FBlock::WhileLoop { start, end });
                self.stmts(body)?;
                self.pop_fblock();
                self.emit(Instr::Jump(start.0));
                self.bind(else_);
                self.stmts(orelse)?;
                self.bind(end);
            }
            StmtKind::If { test, body, orelse } => {
                let else_ = self.new_label();
                let end = self.new_label();
                self.expr(test)?;
                self.emit(Instr::PopJumpIfFalse(else_.0));
                self.stmts(body)?;
                if !orelse.is_empty() {
                    self.emit(Instr::Jump(end.0));
                }
                self.bind(else_);
                self.stmts(orelse)?;
                self.bind(end);
            }
            StmtKind::With {
                items,
                body,
                is_async,
            } => {
                if *is_async && !self.in_async_function() {
                    return Err(self.error("'async with' outside async function", s.span));
                }
                self.with_stmt(items, body, *is_async)?
            }
            StmtKind::Raise { exc, cause } => {
                let mut n = 0;
                if let Some(e) = exc {
                    self.expr(e)?;
                    n = 1;
                    if let Some(c) = cause {
                        self.expr(c)?;
                        n = 2;
                    }
                }
                self.set_line(s.span);
                self.emit(Instr::RaiseVarargs(n));
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
                is_star,
            } => {
                if finalbody.is_empty() {
                    self.try_except(body, handlers, orelse, *is_star)?;
                } else {
                    self.try_finally(body, handlers, orelse, finalbody, *is_star)?;
                }
            }
            StmtKind::Assert { test, msg } => {
                let end = self.new_label();
                self.expr(test)?;
                self.emit(Instr::PopJumpIfTrue(end.0));
                self.emit(Instr::LoadAssertionError);
                if let Some(m) = msg {
                    self.expr(m)?;
                    self.emit(Instr::Call(1));
                }
                self.set_line(s.span);
                self.emit(Instr::RaiseVarargs(1));
                self.bind(end);
            }
            StmtKind::Import(aliases) => {
                for a in aliases {
                    self.load_const(Const::Int(0));
                    self.load_const(Const::None);
                    let i = self.name_index(&a.name);
                    self.emit(Instr::ImportName(i));
                    match &a.asname {
                        Some(asname) => {
                            for part in a.name.split('.').skip(1) {
                                let p = self.name_index(part);
                                self.emit(Instr::ImportFrom(p));
                                self.emit(Instr::Swap(2));
                                self.emit(Instr::PopTop);
                            }
                            self.store_name(asname);
                        }
                        None => {
                            let top = a.name.split('.').next().unwrap_or("").to_string();
                            self.store_name(&top);
                        }
                    }
                }
            }
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => {
                if super::future::is_future_import(s)
                    && (s.span.start > self.futures.prefix_end || self.units.len() > 1)
                {
                    return Err(self.error(
                        "from __future__ imports must occur at the beginning of the file",
                        s.span,
                    ));
                }
                self.load_const(Const::Int(*level as i64));
                let fromlist: Vec<Const> = names
                    .iter()
                    .map(|a| Const::Str(self.intern(&a.name)))
                    .collect();
                self.load_const(Const::Tuple(Rc::from(fromlist)));
                let i = self.name_index(module.as_deref().unwrap_or(""));
                self.emit(Instr::ImportName(i));
                if names.len() == 1 && names[0].name == "*" {
                    self.emit(Instr::ImportStar);
                } else {
                    for a in names {
                        let i = self.name_index(&a.name);
                        self.emit(Instr::ImportFrom(i));
                        self.store_name(a.asname.as_deref().unwrap_or(&a.name));
                    }
                    self.emit(Instr::PopTop);
                }
            }
            StmtKind::Global(_) | StmtKind::Nonlocal(_) | StmtKind::Pass => {}
            StmtKind::Expr(e) => {
                let echo = match self.mode {
                    Mode::Interactive => self.units.len() == 1,
                    Mode::InteractiveAsync => self.units.len() == 2,
                    Mode::Exec => false,
                };
                if echo {
                    self.expr(e)?;
                    self.emit(Instr::PrintExpr);
                } else if !matches!(e.node, ExprKind::Constant(_)) {
                    self.expr(e)?;
                    self.emit(Instr::PopTop);
                }
            }
            StmtKind::Break => {
                let (_, end) = self.unwind_to_loop(s.span, true)?;
                self.emit(Instr::Jump(end.0));
            }
            StmtKind::Continue => {
                let (start, _) = self.unwind_to_loop(s.span, false)?;
                self.emit(Instr::Jump(start.0));
            }
        }
        Ok(())
    }

    fn in_async_function(&self) -> bool {
        let s = self.scope();
        s.kind == ScopeKind::Function && s.is_async
    }

    #[allow(clippy::too_many_arguments)]
    fn function_def(
        &mut self,
        s: &Stmt,
        name: &str,
        args: &Arguments,
        body: &'a [Stmt],
        decorators: &[Expr],
        returns: Option<&Expr>,
        is_async: bool,
    ) -> CResult {
        self.exprs(decorators)?;
        let scope = self.child_scope(s.span, symtable::TAG_DEF);
        let flags = self.function_prologue(args, returns)?;
        let qualname = self.qualname(name);
        let line = self
            .line_of(decorators.first().map_or(s.span, |d| d.span).start)
            .max(self.line_of(s.span.start));
        self.enter_scope(scope, name, &qualname, line);
        self.add_params(args);
        if let Some(doc) = docstring(body) {
            self.unit().docstring = Some(Rc::from(doc));
        }
        let sym = &self.table.scopes[scope];
        if is_async && sym.is_generator {
            for st in body {
                check_no_return_value(self, st)?;
            }
        }
        self.stmts(body)?;
        self.return_none();
        let code = self.finish_function(args);
        self.make_function(code, scope, flags);
        self.apply_decorators(decorators, s);
        self.store_name(name);
        Ok(())
    }

    fn class_def(
        &mut self,
        s: &Stmt,
        name: &str,
        bases: &[Expr],
        keywords: &[Keyword],
        body: &'a [Stmt],
        decorators: &[Expr],
    ) -> CResult {
        self.exprs(decorators)?;
        let scope = self.child_scope(s.span, symtable::TAG_CLASS);
        let qualname = self.qualname(name);
        let line = self.line_of(s.span.start);
        self.emit(Instr::LoadBuildClass);
        self.enter_scope(scope, name, &qualname, line);
        let module = self.name_index("__name__");
        self.emit(Instr::LoadName(module));
        let m = self.name_index("__module__");
        self.emit(Instr::StoreName(m));
        self.load_const(Const::Str(Rc::from(qualname.as_str())));
        let q = self.name_index("__qualname__");
        self.emit(Instr::StoreName(q));
        if let Some(doc) = docstring(body) {
            self.load_const(Const::Str(Rc::from(doc)));
            let d = self.name_index("__doc__");
            self.emit(Instr::StoreName(d));
        }
        if has_annotations(body) {
            self.emit(Instr::SetupAnnotations);
        }
        self.stmts(body)?;
        if self.table.scopes[scope].needs_class_cell {
            let i = self.cell_index("__class__");
            self.emit(Instr::LoadClosure(i));
            self.emit(Instr::Copy(1));
            let cc = self.name_index("__classcell__");
            self.emit(Instr::StoreName(cc));
            self.emit(Instr::ReturnValue);
        } else {
            self.return_none();
        }
        let code = self.leave_scope(0, 0, 0);
        self.make_function(code, scope, 0);
        let interned = self.intern(name);
        self.load_const(Const::Str(interned));
        // Bases and keywords are passed like a call's arguments after (body, name).
        self.call_args(bases, keywords, 2)?;
        self.apply_decorators(decorators, s);
        self.store_name(name);
        Ok(())
    }

    /// Calls the decorators on the new function or class, innermost first, each call on its
    /// decorator's line (as CPython 3.11+, so a failing decorator's traceback shows `@name`).
    fn apply_decorators(&mut self, decorators: &[Expr], s: &Stmt) {
        for d in decorators.iter().rev() {
            self.set_line(d.span);
            self.emit(Instr::Call(1));
        }
        self.set_line(s.span);
    }

    fn return_stmt(&mut self, s: &Stmt, value: Option<&Expr>) -> CResult {
        let scope = self.scope();
        if scope.kind != ScopeKind::Function {
            return Err(self.error("'return' outside function", s.span));
        }
        if scope.is_async && scope.is_generator && value.is_some() {
            return Err(self.error("'return' with value in async generator", s.span));
        }
        match value {
            Some(v) => self.expr(v)?,
            None => self.load_const(Const::None),
        }
        let blocks: Vec<FBlock<'a>> = self.unit_ref().fblocks.clone();
        for depth in (0..blocks.len()).rev() {
            let saved = self.unit().fblocks.split_off(depth);
            self.unwind_block(&blocks[depth], true)?;
            self.unit().fblocks.extend(saved);
        }
        self.set_line(s.span);
        self.emit(Instr::ReturnValue);
        Ok(())
    }

    fn delete_target(&mut self, t: &Expr) -> CResult {
        match &t.node {
            ExprKind::Name(n) => self.delete_name(n),
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.mangled_name_index(attr);
                self.emit(Instr::DeleteAttr(i));
            }
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.emit(Instr::DeleteSubscr);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    self.delete_target(i)?;
                }
            }
            _ => return Err(self.error("cannot delete expression", t.span)),
        }
        Ok(())
    }

    fn aug_assign(&mut self, target: &Expr, op: Operator, value: &Expr) -> CResult {
        match &target.node {
            ExprKind::Name(n) => {
                self.load_name(n);
                self.expr(value)?;
                self.emit(Instr::BinaryOp { op, inplace: true });
                self.store_name(n);
            }
            ExprKind::Attribute { value: obj, attr } => {
                self.expr(obj)?;
                self.emit(Instr::Copy(1));
                let i = self.mangled_name_index(attr);
                self.emit(Instr::LoadAttr(i));
                self.expr(value)?;
                self.emit(Instr::BinaryOp { op, inplace: true });
                self.emit(Instr::Swap(2));
                self.emit(Instr::StoreAttr(i));
            }
            ExprKind::Subscript {
                value: container,
                slice,
            } => {
                self.expr(container)?;
                self.expr(slice)?;
                self.emit(Instr::Copy(2));
                self.emit(Instr::Copy(2));
                self.emit(Instr::BinarySubscr);
                self.expr(value)?;
                self.emit(Instr::BinaryOp { op, inplace: true });
                self.emit(Instr::Swap(3));
                self.emit(Instr::Swap(2));
                self.emit(Instr::StoreSubscr);
            }
            _ => {
                return Err(self.error(
                    "'expression' is an illegal expression for augmented assignment",
                    target.span,
                ));
            }
        }
        Ok(())
    }

    fn for_stmt(
        &mut self,
        s: &Stmt,
        target: &Expr,
        iter: &Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
        is_async: bool,
    ) -> CResult {
        let start = self.new_label();
        let cleanup = self.new_label();
        let end = self.new_label();
        self.expr(iter)?;
        if is_async {
            if !self.in_async_function() {
                return Err(self.error("'async for' outside async function", s.span));
            }
            self.emit(Instr::GetAIter);
            self.bind(start);
            self.emit(Instr::SetupFinally(cleanup.0));
            self.emit(Instr::GetANext);
            self.send_loop();
            self.emit(Instr::PopBlock);
            self.store_target(target)?;
            self.push_fblock(FBlock::AsyncForLoop { start, end });
            self.stmts(body)?;
            self.pop_fblock();
            self.emit(Instr::Jump(start.0));
            self.bind(cleanup);
            self.emit(Instr::EndAsyncFor);
        } else {
            self.emit(Instr::GetIter);
            self.bind(start);
            self.emit(Instr::ForIter(cleanup.0));
            self.store_target(target)?;
            self.push_fblock(FBlock::ForLoop { start, end });
            self.stmts(body)?;
            self.pop_fblock();
            self.emit(Instr::Jump(start.0));
            self.bind(cleanup);
        }
        self.stmts(orelse)?;
        self.bind(end);
        Ok(())
    }

    /// `with a as x, b: body` — nested managers, each as in bytecode.rs's shape.
    fn with_stmt(&mut self, items: &'a [WithItem], body: &'a [Stmt], is_async: bool) -> CResult {
        let Some((item, rest)) = items.split_first() else {
            return self.stmts(body);
        };
        let handler = self.new_label();
        let suppress = self.new_label();
        let cleanup = self.new_label();
        let end = self.new_label();
        // CPython attributes the __exit__/__aexit__ calls to the `with` line, not to the last
        // line of the body.
        let with_line = self.current_line;
        self.expr(&item.context_expr)?;
        if is_async {
            self.emit(Instr::BeforeAsyncWith);
            self.emit(Instr::GetAwaitable(1));
            self.send_loop();
        } else {
            self.emit(Instr::BeforeWith);
        }
        self.emit(Instr::SetupWith(handler.0));
        match &item.optional_vars {
            Some(t) => self.store_target(t)?,
            None => self.emit(Instr::PopTop),
        }
        self.push_fblock(FBlock::With { is_async });
        self.with_stmt(rest, body, is_async)?;
        self.pop_fblock();
        self.current_line = with_line;
        self.unwind_block(&FBlock::With { is_async }, false)?;
        self.emit(Instr::Jump(end.0));
        self.bind(handler);
        self.emit(Instr::SetupFinally(cleanup.0));
        self.emit(Instr::PushExcInfo);
        self.emit(Instr::WithExceptStart);
        if is_async {
            self.emit(Instr::GetAwaitable(2));
            self.send_loop();
        }
        self.emit(Instr::PopJumpIfTrue(suppress.0));
        self.emit(Instr::Reraise);
        self.bind(suppress);
        self.emit(Instr::PopBlock);
        self.emit(Instr::PopTop);
        self.emit(Instr::PopExcept);
        self.emit(Instr::PopTop);
        self.emit(Instr::Jump(end.0));
        self.emit_cleanup(cleanup);
        self.bind(end);
        Ok(())
    }

    /// `except E as n` unbinds `n` when the handler ends (`n = None; del n`), as CPython does so
    /// the exception's traceback does not keep the frame alive.
    pub(super) fn clear_name(&mut self, n: &str) {
        self.load_const(Const::None);
        self.store_name(n);
        self.delete_name(n);
    }

    /// `CLEANUP: Swap(2); PopExcept; Reraise` — restores the previously handled exception.
    fn emit_cleanup(&mut self, label: super::LabelId) {
        self.bind(label);
        self.emit(Instr::Swap(2));
        self.emit(Instr::PopExcept);
        self.emit(Instr::Reraise);
    }

    fn try_finally(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
        finalbody: &'a [Stmt],
        is_star: bool,
    ) -> CResult {
        let handler = self.new_label();
        let cleanup = self.new_label();
        let end = self.new_label();
        self.emit(Instr::SetupFinally(handler.0));
        self.push_fblock(FBlock::FinallyTry { body: finalbody });
        if handlers.is_empty() {
            self.stmts(body)?;
        } else {
            self.try_except(body, handlers, orelse, is_star)?;
        }
        self.pop_fblock();
        self.emit(Instr::PopBlock);
        self.stmts(finalbody)?;
        self.emit(Instr::Jump(end.0));
        self.bind(handler);
        self.emit(Instr::SetupFinally(cleanup.0));
        self.emit(Instr::PushExcInfo);
        self.push_fblock(FBlock::FinallyEnd);
        self.stmts(finalbody)?;
        self.pop_fblock();
        self.emit(Instr::Reraise);
        self.emit_cleanup(cleanup);
        self.bind(end);
        Ok(())
    }

    fn try_except(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
        is_star: bool,
    ) -> CResult {
        let handler = self.new_label();
        let cleanup = self.new_label();
        let end = self.new_label();
        self.emit(Instr::SetupFinally(handler.0));
        self.push_fblock(FBlock::TryExcept);
        self.stmts(body)?;
        self.pop_fblock();
        self.emit(Instr::PopBlock);
        self.stmts(orelse)?;
        self.emit(Instr::Jump(end.0));
        self.bind(handler);
        self.emit(Instr::SetupFinally(cleanup.0));
        self.emit(Instr::PushExcInfo);
        if is_star {
            self.star_handlers(handlers, end)?;
        } else {
            for (i, h) in handlers.iter().enumerate() {
                self.set_line(h.span);
                let next = self.new_label();
                match &h.typ {
                    Some(t) => {
                        self.expr(t)?;
                        self.emit(Instr::CheckExcMatch);
                        self.emit(Instr::PopJumpIfFalse(next.0));
                    }
                    None if i + 1 < handlers.len() => {
                        return Err(self.error("default 'except:' must be last", h.span));
                    }
                    None => {}
                }
                self.handler_body(h, h.name.as_deref(), end)?;
                self.bind(next);
            }
            self.emit(Instr::Reraise);
        }
        self.emit_cleanup(cleanup);
        self.bind(end);
        Ok(())
    }

    /// A handler body with the exception (or the matched group) on top of `[prev]`.
    fn handler_body(
        &mut self,
        h: &'a ExceptHandler,
        name: Option<&str>,
        end: super::LabelId,
    ) -> CResult {
        match name {
            Some(n) => {
                let name_cleanup = self.new_label();
                self.store_name(n);
                self.emit(Instr::SetupFinally(name_cleanup.0));
                self.push_fblock(FBlock::HandlerCleanup {
                    name: Some(n.to_string()),
                });
                self.stmts(&h.body)?;
                self.pop_fblock();
                self.unwind_block(
                    &FBlock::HandlerCleanup {
                        name: Some(n.to_string()),
                    },
                    false,
                )?;
                self.emit(Instr::Jump(end.0));
                self.bind(name_cleanup);
                self.clear_name(n);
                self.emit(Instr::Reraise);
            }
            None => {
                self.emit(Instr::PopTop);
                self.push_fblock(FBlock::HandlerCleanup { name: None });
                self.stmts(&h.body)?;
                self.pop_fblock();
                self.unwind_block(&FBlock::HandlerCleanup { name: None }, false)?;
                self.emit(Instr::Jump(end.0));
            }
        }
        Ok(())
    }

    /// `except*` clauses: split the group per handler, collect what handlers raise, and
    /// re-raise the combination (`PrepReraiseStar`) — CPython 3.11's scheme.
    fn star_handlers(&mut self, handlers: &'a [ExceptHandler], end: super::LabelId) -> CResult {
        // Stack: [prev, exc] → [prev, orig, raised_list, rest]
        self.emit(Instr::Copy(1));
        self.emit(Instr::BuildList(0));
        self.emit(Instr::Swap(2));
        let after = self.new_label();
        for h in handlers {
            self.set_line(h.span);
            let Some(t) = &h.typ else {
                return Err(self.error("expected one or more exception types", h.span));
            };
            let next = self.new_label();
            let no_match = self.new_label();
            let body_error = self.new_label();
            self.emit(Instr::Copy(1));
            self.emit(Instr::PopJumpIfNone(after.0));
            self.expr(t)?;
            self.emit(Instr::CheckEgMatch);
            self.emit(Instr::Copy(1));
            self.emit(Instr::PopJumpIfNone(no_match.0));
            match &h.name {
                Some(n) => self.store_name(n),
                None => self.emit(Instr::PopTop),
            }
            self.emit(Instr::SetupFinally(body_error.0));
            self.push_fblock(FBlock::TryExcept);
            self.stmts(&h.body)?;
            self.pop_fblock();
            self.emit(Instr::PopBlock);
            if let Some(n) = &h.name {
                self.clear_name(n);
            }
            self.emit(Instr::Jump(next.0));
            self.bind(body_error);
            self.emit(Instr::ListAppend(2));
            if let Some(n) = &h.name {
                self.clear_name(n);
            }
            self.emit(Instr::Jump(next.0));
            self.bind(no_match);
            self.emit(Instr::PopTop);
            self.bind(next);
        }
        self.bind(after);
        let reraise = self.new_label();
        self.emit(Instr::ListAppend(1));
        self.emit(Instr::PrepReraiseStar);
        self.emit(Instr::Copy(1));
        self.emit(Instr::PopJumpIfNotNone(reraise.0));
        self.emit(Instr::PopTop);
        self.emit(Instr::PopBlock);
        self.emit(Instr::PopExcept);
        self.emit(Instr::Jump(end.0));
        self.bind(reraise);
        self.emit(Instr::Reraise);
        Ok(())
    }
}

/// `return value` inside an async generator is a compile-time error (checked before codegen
/// so the message points at the first one, as CPython's symtable does).
fn check_no_return_value(c: &Compiler<'_>, s: &Stmt) -> CResult {
    match &s.node {
        StmtKind::Return(Some(_)) => Err(c.error("'return' with value in async generator", s.span)),
        StmtKind::If { body, orelse, .. }
        | StmtKind::While { body, orelse, .. }
        | StmtKind::For { body, orelse, .. } => {
            for x in body.iter().chain(orelse) {
                check_no_return_value(c, x)?;
            }
            Ok(())
        }
        StmtKind::With { body, .. } => body.iter().try_for_each(|x| check_no_return_value(c, x)),
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
            ..
        } => {
            for x in body.iter().chain(orelse).chain(finalbody) {
                check_no_return_value(c, x)?;
            }
            for h in handlers {
                for x in &h.body {
                    check_no_return_value(c, x)?;
                }
            }
            Ok(())
        }
        _ => Ok(()),
    }
}
