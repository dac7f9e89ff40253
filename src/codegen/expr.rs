//! Code generation for expressions (CPython's `compiler_visit_expr` family).

use super::symtable::{self, ScopeKind};
use super::{Compiler, FBlock, LabelId};
use crate::ast::*;
use crate::bytecode::{Const, Instr};
use crate::error::SyntaxError;
use num_traits::ToPrimitive;
use std::rc::Rc;

type CResult = Result<(), SyntaxError>;

/// Converts a literal to a code constant.
pub(super) fn constant_of(c: &Constant) -> Const {
    match c {
        Constant::None => Const::None,
        Constant::Bool(b) => Const::Bool(*b),
        Constant::Int(i) => match i.to_i64() {
            Some(v) => Const::Int(v),
            None => Const::BigInt(i.clone()),
        },
        Constant::Float(f) => Const::Float(*f),
        Constant::Imaginary(_) => Const::None,
        Constant::Str(s) => Const::Str(Rc::from(s.as_str())),
        Constant::Bytes(b) => Const::Bytes(Rc::from(b.as_slice())),
        Constant::Ellipsis => Const::Ellipsis,
    }
}

impl<'a> Compiler<'a> {
    pub(super) fn exprs(&mut self, es: &[Expr]) -> CResult {
        for e in es {
            self.expr(e)?;
        }
        Ok(())
    }

    /// Compiles `e`, leaving its value on the stack.
    pub(super) fn expr(&mut self, e: &Expr) -> CResult {
        let saved_line = self.current_line;
        self.set_line(e.span);
        self.expr_inner(e)?;
        self.current_line = saved_line;
        Ok(())
    }

    fn expr_inner(&mut self, e: &Expr) -> CResult {
        match &e.node {
            ExprKind::BoolOp { op, values } => {
                let end = self.new_label();
                for (i, v) in values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < values.len() {
                        match op {
                            BoolOp::And => self.emit(Instr::JumpIfFalseOrPop(end.0)),
                            BoolOp::Or => self.emit(Instr::JumpIfTrueOrPop(end.0)),
                        }
                    }
                }
                self.bind(end);
            }
            ExprKind::NamedExpr { target, value } => {
                self.expr(value)?;
                self.emit(Instr::Copy(1));
                self.store_target(target)?;
            }
            ExprKind::BinOp { left, op, right } => {
                self.expr(left)?;
                self.expr(right)?;
                self.emit(Instr::BinaryOp {
                    op: *op,
                    inplace: false,
                });
            }
            ExprKind::UnaryOp { op, operand } => {
                self.expr(operand)?;
                self.emit(match op {
                    UnaryOp::Invert => Instr::UnaryInvert,
                    UnaryOp::Not => Instr::UnaryNot,
                    UnaryOp::UAdd => Instr::UnaryPositive,
                    UnaryOp::USub => Instr::UnaryNegative,
                });
            }
            ExprKind::Lambda { args, body } => {
                let scope = self.child_scope(e.span, symtable::TAG_LAMBDA);
                let flags = self.function_prologue(args, None)?;
                let qualname = self.qualname("<lambda>");
                let line = self.line_of(e.span.start);
                self.enter_scope(scope, "<lambda>", &qualname, line);
                self.add_params(args);
                self.expr(body)?;
                self.emit(Instr::ReturnValue);
                let code = self.finish_function(args);
                self.make_function(code, scope, flags);
            }
            ExprKind::IfExp { test, body, orelse } => {
                let else_ = self.new_label();
                let end = self.new_label();
                self.expr(test)?;
                self.emit(Instr::PopJumpIfFalse(else_.0));
                self.expr(body)?;
                self.emit(Instr::Jump(end.0));
                self.bind(else_);
                self.expr(orelse)?;
                self.bind(end);
            }
            ExprKind::Dict { keys, values } => {
                if keys.iter().all(|k| k.is_some()) && keys.len() < 256 {
                    for (k, v) in keys.iter().zip(values) {
                        if let Some(k) = k {
                            self.expr(k)?;
                        }
                        self.expr(v)?;
                    }
                    self.emit(Instr::BuildMap(keys.len() as u32));
                } else {
                    self.emit(Instr::BuildMap(0));
                    for (k, v) in keys.iter().zip(values) {
                        match k {
                            Some(k) => {
                                self.expr(k)?;
                                self.expr(v)?;
                                self.emit(Instr::MapAdd(1));
                            }
                            None => {
                                self.expr(v)?;
                                self.emit(Instr::DictUpdate(1));
                            }
                        }
                    }
                }
            }
            ExprKind::Set(items) => self.sequence(items, SeqKind::Set)?,
            ExprKind::List(items) => self.sequence(items, SeqKind::List)?,
            ExprKind::Tuple(items) => self.sequence(items, SeqKind::Tuple)?,
            ExprKind::ListComp { elt, generators } => {
                self.comprehension(e, "<listcomp>", CompKind::List(elt), generators)?
            }
            ExprKind::SetComp { elt, generators } => {
                self.comprehension(e, "<setcomp>", CompKind::Set(elt), generators)?
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.comprehension(e, "<dictcomp>", CompKind::Dict(key, value), generators)?,
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(e, "<genexpr>", CompKind::Gen(elt), generators)?
            }
            ExprKind::Await(value) => {
                self.check_await(e.span)?;
                self.expr(value)?;
                self.emit(Instr::GetAwaitable(0));
                self.send_loop();
            }
            ExprKind::Yield(value) => {
                self.check_yield(e.span, false)?;
                match value {
                    Some(v) => self.expr(v)?,
                    None => self.load_const(Const::None),
                }
                self.emit(Instr::YieldValue);
            }
            ExprKind::YieldFrom(value) => {
                self.check_yield(e.span, true)?;
                self.expr(value)?;
                self.emit(Instr::GetYieldFromIter);
                self.send_loop();
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => self.compare(left, ops, comparators)?,
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.call(func, args, keywords)?,
            ExprKind::FormattedValue {
                value,
                conversion,
                format_spec,
            } => {
                self.expr(value)?;
                if let Some(spec) = format_spec {
                    self.expr(spec)?;
                }
                self.emit(Instr::FormatValue {
                    conversion: *conversion,
                    has_spec: format_spec.is_some(),
                });
            }
            ExprKind::JoinedStr(parts) => {
                if parts.is_empty() {
                    self.load_const(Const::Str(Rc::from("")));
                } else {
                    for p in parts {
                        match &p.node {
                            ExprKind::FormattedValue { .. } | ExprKind::Constant(_) => {
                                self.expr(p)?
                            }
                            _ => {
                                self.expr(p)?;
                                self.emit(Instr::FormatValue {
                                    conversion: None,
                                    has_spec: false,
                                });
                            }
                        }
                    }
                    if parts.len() > 1 || !matches!(parts[0].node, ExprKind::Constant(_)) {
                        self.emit(Instr::BuildString(parts.len() as u32));
                    }
                }
            }
            ExprKind::Constant(c) => {
                if let Constant::Imaginary(_) = c {
                    return Err(
                        self.error("complex numbers are not supported by percolate", e.span)
                    );
                }
                self.load_const(constant_of(c));
            }
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.mangled_name_index(attr);
                self.emit(Instr::LoadAttr(i));
            }
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.emit(Instr::BinarySubscr);
            }
            ExprKind::Starred(_) => {
                return Err(self.error("can't use starred expression here", e.span));
            }
            ExprKind::Name(n) => self.load_name(n),
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper] {
                    match part {
                        Some(p) => self.expr(p)?,
                        None => self.load_const(Const::None),
                    }
                }
                match step {
                    Some(s) => {
                        self.expr(s)?;
                        self.emit(Instr::BuildSlice(3));
                    }
                    None => self.emit(Instr::BuildSlice(2)),
                }
            }
        }
        Ok(())
    }

    /// `await` is only valid directly in an `async def` (CPython checks this at compile time).
    fn check_await(&self, span: Span) -> CResult {
        let scope = self.scope();
        if scope.kind != ScopeKind::Function {
            return Err(self.error("'await' outside function", span));
        }
        if !scope.is_async {
            if scope.is_comprehension && self.enclosing_async() {
                return Ok(());
            }
            return Err(self.error("'await' outside async function", span));
        }
        Ok(())
    }

    /// True when the nearest non-comprehension enclosing scope is an `async def`.
    fn enclosing_async(&self) -> bool {
        for u in self.units.iter().rev() {
            let s = &self.table.scopes[u.scope];
            if !s.is_comprehension {
                return s.is_async;
            }
        }
        false
    }

    fn check_yield(&self, span: Span, from: bool) -> CResult {
        let scope = self.scope();
        if scope.kind != ScopeKind::Function {
            return Err(self.error("'yield' outside function", span));
        }
        if scope.is_comprehension && scope.name != "<genexpr>" {
            return Err(self.error(format!("'yield' inside {}", comp_word(&scope.name)), span));
        }
        if from && scope.is_async {
            return Err(self.error("'yield from' inside async function", span));
        }
        Ok(())
    }

    /// The SEND loop shared by `await` and `yield from` (see bytecode.rs).
    pub(super) fn send_loop(&mut self) {
        let send = self.new_label();
        let fail = self.new_label();
        let exit = self.new_label();
        let end = self.new_label();
        self.emit(Instr::SetupFinally(fail.0));
        self.load_const(Const::None);
        self.bind(send);
        self.emit(Instr::Send(exit.0));
        self.emit(Instr::YieldValue);
        self.emit(Instr::Jump(send.0));
        self.bind(fail);
        self.emit(Instr::CleanupThrow);
        self.emit(Instr::Jump(end.0));
        self.bind(exit);
        self.emit(Instr::PopBlock);
        self.bind(end);
        self.emit(Instr::EndSend);
    }

    fn compare(&mut self, left: &Expr, ops: &[CmpOp], comparators: &[Expr]) -> CResult {
        self.expr(left)?;
        if ops.len() == 1 {
            self.expr(&comparators[0])?;
            self.compare_op(ops[0]);
            return Ok(());
        }
        let cleanup = self.new_label();
        let end = self.new_label();
        for (i, (op, comp)) in ops.iter().zip(comparators).enumerate() {
            self.expr(comp)?;
            if i + 1 < ops.len() {
                self.emit(Instr::Swap(2));
                self.emit(Instr::Copy(2));
                self.compare_op(*op);
                self.emit(Instr::JumpIfFalseOrPop(cleanup.0));
            } else {
                self.compare_op(*op);
            }
        }
        self.emit(Instr::Jump(end.0));
        self.bind(cleanup);
        self.emit(Instr::Swap(2));
        self.emit(Instr::PopTop);
        self.bind(end);
        Ok(())
    }

    fn compare_op(&mut self, op: CmpOp) {
        self.emit(match op {
            CmpOp::Is => Instr::IsOp(false),
            CmpOp::IsNot => Instr::IsOp(true),
            CmpOp::In => Instr::ContainsOp(false),
            CmpOp::NotIn => Instr::ContainsOp(true),
            other => Instr::CompareOp(other),
        });
    }

    fn call(&mut self, func: &Expr, args: &[Expr], keywords: &[Keyword]) -> CResult {
        let plain = !args.iter().any(|a| matches!(a.node, ExprKind::Starred(_)));
        if let (ExprKind::Attribute { value, attr }, true) =
            (&func.node, plain && keywords.is_empty())
            && let Ok(n) = u16::try_from(args.len())
        {
            self.expr(value)?;
            self.exprs(args)?;
            let i = self.mangled_name_index(attr);
            self.set_line(func.span);
            match u16::try_from(i) {
                Ok(i) => self.emit(Instr::CallMethod(i, n)),
                Err(_) => {
                    // Past 65,535 names: the same call (the method looked up after the
                    // arguments, as CallMethod does) through an argument tuple.
                    self.emit(Instr::BuildTuple(u32::from(n)));
                    self.emit(Instr::Swap(2));
                    self.emit(Instr::LoadAttr(i));
                    self.emit(Instr::Swap(2));
                    self.emit(Instr::CallFunctionEx(false));
                }
            }
            return Ok(());
        }
        self.expr(func)?;
        self.call_args(args, keywords, 0)
    }

    /// Emits a call's arguments and the call itself; `pushed` values already on the stack
    /// (above the callable) are leading positional arguments (`__build_class__`'s body and
    /// name). Plain arguments use `Call`/`CallKw`; `*`/`**` unpacking uses `CallFunctionEx`.
    pub(super) fn call_args(
        &mut self,
        args: &[Expr],
        keywords: &[Keyword],
        pushed: u32,
    ) -> CResult {
        self.check_keywords(keywords)?;
        let starred = args.iter().any(|a| matches!(a.node, ExprKind::Starred(_)));
        let double_starred = keywords.iter().any(|k| k.arg.is_none());
        if starred || double_starred {
            // As CPython's compiler_call_helper: a lone `*x` is passed as it is, and
            // CALL_FUNCTION_EX makes it a tuple after the keywords are evaluated (its error
            // names the callee); anything else is gathered into a list first.
            match args {
                [
                    Expr {
                        node: ExprKind::Starred(inner),
                        ..
                    },
                ] if pushed == 0 => self.expr(inner)?,
                _ => {
                    self.emit(Instr::BuildList(pushed));
                    for a in args {
                        match &a.node {
                            ExprKind::Starred(inner) => {
                                self.expr(inner)?;
                                self.emit(Instr::ListExtend(1));
                            }
                            _ => {
                                self.expr(a)?;
                                self.emit(Instr::ListAppend(1));
                            }
                        }
                    }
                    self.emit(Instr::ListToTuple);
                }
            }
            self.call_keywords_dict(keywords)?;
            self.emit(Instr::CallFunctionEx(!keywords.is_empty()));
            return Ok(());
        }
        self.exprs(args)?;
        if keywords.is_empty() {
            self.emit(Instr::Call(pushed + args.len() as u32));
        } else {
            let mut names = Vec::new();
            for k in keywords {
                self.expr(&k.value)?;
                names.push(Const::Str(self.intern(k.arg.as_deref().unwrap_or(""))));
            }
            self.load_const(Const::Tuple(Rc::from(names)));
            self.emit(Instr::CallKw(pushed + (args.len() + keywords.len()) as u32));
        }
        Ok(())
    }

    /// Builds the keyword dict of a call with `*`/`**` arguments, as CPython's
    /// compiler_call_helper does: each run of `name=value` becomes a dict of its own and every
    /// later dict and `**mapping` is DICT_MERGEd into the first, so that a name given twice
    /// (`f(**{'a': 1}, a=2)`) is the callee's "got multiple values" TypeError.
    fn call_keywords_dict(&mut self, keywords: &[Keyword]) -> CResult {
        let mut have_dict = false;
        for run in keywords.chunk_by(|a, b| a.arg.is_some() == b.arg.is_some()) {
            if run[0].arg.is_some() {
                for k in run {
                    let name = self.intern(k.arg.as_deref().unwrap_or_default());
                    self.load_const(Const::Str(name));
                    self.expr(&k.value)?;
                }
                self.emit(Instr::BuildMap(run.len() as u32));
                if have_dict {
                    self.emit(Instr::DictMerge(1));
                }
            } else {
                for k in run {
                    if !have_dict {
                        self.emit(Instr::BuildMap(0));
                        have_dict = true;
                    }
                    self.expr(&k.value)?;
                    self.emit(Instr::DictMerge(1));
                }
            }
            have_dict = true;
        }
        Ok(())
    }

    fn check_keywords(&self, keywords: &[Keyword]) -> CResult {
        for (i, k) in keywords.iter().enumerate() {
            if let Some(name) = &k.arg
                && keywords[..i].iter().any(|o| o.arg.as_deref() == Some(name))
            {
                return Err(self.error(format!("keyword argument repeated: {name}"), k.span));
            }
        }
        Ok(())
    }

    fn sequence(&mut self, items: &[Expr], kind: SeqKind) -> CResult {
        let starred = items.iter().any(|i| matches!(i.node, ExprKind::Starred(_)));
        if !starred {
            self.exprs(items)?;
            let n = items.len() as u32;
            self.emit(match kind {
                SeqKind::List => Instr::BuildList(n),
                SeqKind::Tuple => Instr::BuildTuple(n),
                SeqKind::Set => Instr::BuildSet(n),
            });
            return Ok(());
        }
        match kind {
            SeqKind::Set => self.emit(Instr::BuildSet(0)),
            _ => self.emit(Instr::BuildList(0)),
        }
        for item in items {
            match (&item.node, kind) {
                (ExprKind::Starred(inner), SeqKind::Set) => {
                    self.expr(inner)?;
                    self.emit(Instr::SetUpdate(1));
                }
                (ExprKind::Starred(inner), _) => {
                    self.expr(inner)?;
                    self.emit(Instr::ListExtend(1));
                }
                (_, SeqKind::Set) => {
                    self.expr(item)?;
                    self.emit(Instr::SetAdd(1));
                }
                _ => {
                    self.expr(item)?;
                    self.emit(Instr::ListAppend(1));
                }
            }
        }
        if kind == SeqKind::Tuple {
            self.emit(Instr::ListToTuple);
        }
        Ok(())
    }

    /// Stores the value on top of the stack into an assignment target.
    pub(super) fn store_target(&mut self, t: &Expr) -> CResult {
        match &t.node {
            ExprKind::Name(n) => self.store_name(n),
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.mangled_name_index(attr);
                self.emit(Instr::StoreAttr(i));
            }
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.emit(Instr::StoreSubscr);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let stars: Vec<usize> = items
                    .iter()
                    .enumerate()
                    .filter(|(_, i)| matches!(i.node, ExprKind::Starred(_)))
                    .map(|(n, _)| n)
                    .collect();
                match stars.as_slice() {
                    [] => self.emit(Instr::UnpackSequence(items.len() as u32)),
                    [s] => {
                        let (before, after) = (*s, items.len() - s - 1);
                        let (Ok(before), Ok(after)) = (u16::try_from(before), u16::try_from(after))
                        else {
                            return Err(self.error(
                                "too many expressions in star-unpacking assignment",
                                t.span,
                            ));
                        };
                        self.emit(Instr::UnpackEx { before, after });
                    }
                    _ => {
                        return Err(
                            self.error("multiple starred expressions in assignment", t.span)
                        );
                    }
                }
                for item in items {
                    match &item.node {
                        ExprKind::Starred(inner) => self.store_target(inner)?,
                        _ => self.store_target(item)?,
                    }
                }
            }
            ExprKind::Starred(_) => {
                return Err(self.error(
                    "starred assignment target must be in a list or tuple",
                    t.span,
                ));
            }
            _ => return Err(self.error("cannot assign to expression", t.span)),
        }
        Ok(())
    }

    /// Evaluates defaults, kw-defaults and annotations of a signature in the enclosing scope;
    /// returns the MakeFunction flag bits for what it pushed.
    pub(super) fn function_prologue(
        &mut self,
        args: &Arguments,
        returns: Option<&Expr>,
    ) -> Result<u32, SyntaxError> {
        let mut flags = 0;
        if !args.defaults.is_empty() {
            self.exprs(&args.defaults)?;
            self.emit(Instr::BuildTuple(args.defaults.len() as u32));
            flags |= 0x01;
        }
        let kw: Vec<(&Arg, &Expr)> = args
            .kwonlyargs
            .iter()
            .zip(&args.kw_defaults)
            .filter_map(|(a, d)| d.as_ref().map(|d| (a, d)))
            .collect();
        if !kw.is_empty() {
            for (a, d) in &kw {
                let name = self.intern(&a.name);
                self.load_const(Const::Str(name));
                self.expr(d)?;
            }
            self.emit(Instr::BuildMap(kw.len() as u32));
            flags |= 0x02;
        }
        let mut annotations = 0;
        for a in symtable::all_args(args) {
            if let Some(ann) = &a.annotation {
                let name = self.intern(&a.name);
                self.load_const(Const::Str(name));
                self.annotation(ann)?;
                annotations += 1;
            }
        }
        if let Some(r) = returns {
            self.load_const(Const::Str(Rc::from("return")));
            self.annotation(r)?;
            annotations += 1;
        }
        if annotations > 0 {
            self.emit(Instr::BuildMap(annotations));
            flags |= 0x04;
        }
        Ok(flags)
    }

    /// Registers the parameters as the first fast locals of the unit being entered.
    pub(super) fn add_params(&mut self, args: &Arguments) {
        for a in symtable::all_args(args) {
            self.varname_index(&a.name);
        }
    }

    /// Finishes a function unit with its signature counts and varargs flags.
    pub(super) fn finish_function(&mut self, args: &Arguments) -> crate::bytecode::Code {
        let mut code = self.leave_scope(
            (args.posonlyargs.len() + args.args.len()) as u32,
            args.posonlyargs.len() as u32,
            args.kwonlyargs.len() as u32,
        );
        code.flags.varargs = args.vararg.is_some();
        code.flags.varkeywords = args.kwarg.is_some();
        code
    }

    /// Pushes the closure (if any) and the code, then `MakeFunction`.
    pub(super) fn make_function(&mut self, code: crate::bytecode::Code, scope: usize, flags: u32) {
        let closure = self.closure_for(scope);
        self.load_const(Const::Code(Rc::new(code)));
        self.emit(Instr::MakeFunction(flags | closure));
    }

    fn comprehension(
        &mut self,
        e: &Expr,
        name: &str,
        kind: CompKind,
        generators: &[Comprehension],
    ) -> CResult {
        let scope = self.child_scope(e.span, symtable::TAG_COMP);
        let is_async_comp = self.table.scopes[scope].is_async;
        if is_async_comp && name != "<genexpr>" && !self.enclosing_async_for_comp() {
            return Err(self.error(
                "asynchronous comprehension outside of an asynchronous function",
                e.span,
            ));
        }
        let first = &generators[0];
        let qualname = self.qualname(name);
        let line = self.line_of(e.span.start);
        self.enter_scope(scope, name, &qualname, line);
        self.varname_index(".0");
        match kind {
            CompKind::List(_) => self.emit(Instr::BuildList(0)),
            CompKind::Set(_) => self.emit(Instr::BuildSet(0)),
            CompKind::Dict(..) => self.emit(Instr::BuildMap(0)),
            CompKind::Gen(_) => {}
        }
        self.comprehension_loop(generators, 0, &kind)?;
        match kind {
            CompKind::Gen(_) => self.return_none(),
            _ => self.emit(Instr::ReturnValue),
        }
        let mut code = self.leave_scope(1, 0, 0);
        if is_async_comp && name != "<genexpr>" {
            code.flags.coroutine = true;
        }
        self.make_function(code, scope, 0);
        self.expr(&first.iter)?;
        if first.is_async {
            self.emit(Instr::GetAIter);
        } else {
            self.emit(Instr::GetIter);
        }
        self.emit(Instr::Call(1));
        if is_async_comp && name != "<genexpr>" {
            self.emit(Instr::GetAwaitable(0));
            self.send_loop();
        }
        Ok(())
    }

    fn enclosing_async_for_comp(&self) -> bool {
        let s = self.scope();
        if s.is_comprehension {
            return self.enclosing_async();
        }
        s.is_async
    }

    fn comprehension_loop(
        &mut self,
        generators: &[Comprehension],
        depth: usize,
        kind: &CompKind,
    ) -> CResult {
        let g = &generators[depth];
        let start = self.new_label();
        let end = self.new_label();
        if depth == 0 {
            let i = self.varname_index(".0");
            self.emit(Instr::LoadFast(i));
        } else {
            self.expr(&g.iter)?;
            self.emit(if g.is_async {
                Instr::GetAIter
            } else {
                Instr::GetIter
            });
        }
        self.bind(start);
        if g.is_async {
            self.emit(Instr::SetupFinally(end.0));
            self.emit(Instr::GetANext);
            self.send_loop();
            self.emit(Instr::PopBlock);
        } else {
            self.emit(Instr::ForIter(end.0));
        }
        self.store_target(&g.target)?;
        for cond in &g.ifs {
            self.expr(cond)?;
            self.emit(Instr::PopJumpIfFalse(start.0));
        }
        if depth + 1 < generators.len() {
            self.comprehension_loop(generators, depth + 1, kind)?;
        } else {
            let below = (generators.len() + 1) as u32;
            match kind {
                CompKind::List(elt) => {
                    self.expr(elt)?;
                    self.emit(Instr::ListAppend(below));
                }
                CompKind::Set(elt) => {
                    self.expr(elt)?;
                    self.emit(Instr::SetAdd(below));
                }
                CompKind::Dict(k, v) => {
                    self.expr(k)?;
                    self.expr(v)?;
                    self.emit(Instr::MapAdd(below));
                }
                CompKind::Gen(elt) => {
                    self.expr(elt)?;
                    self.emit(Instr::YieldValue);
                    self.emit(Instr::PopTop);
                }
            }
        }
        self.emit(Instr::Jump(start.0));
        self.bind(end);
        if g.is_async {
            self.emit(Instr::EndAsyncFor);
        }
        Ok(())
    }

    /// Leaves the fblocks up to (and, when `include_target`, including) the innermost loop,
    /// for `break`/`continue`; returns the loop's labels.
    pub(super) fn unwind_to_loop(
        &mut self,
        span: Span,
        is_break: bool,
    ) -> Result<(LabelId, LabelId), SyntaxError> {
        let blocks: Vec<FBlock<'a>> = self.unit_ref().fblocks.clone();
        for (depth, b) in blocks.iter().enumerate().rev() {
            match b {
                FBlock::ForLoop { start, end }
                | FBlock::AsyncForLoop { start, end }
                | FBlock::WhileLoop { start, end } => {
                    if is_break && !matches!(b, FBlock::WhileLoop { .. }) {
                        self.emit(Instr::PopTop);
                    }
                    return Ok((*start, *end));
                }
                other => {
                    let saved = self.unit().fblocks.split_off(depth);
                    self.unwind_block(other, false)?;
                    self.unit().fblocks.extend(saved);
                }
            }
        }
        Err(if is_break {
            self.error("'break' outside loop", span)
        } else {
            self.error("'continue' not properly in loop", span)
        })
    }

    /// Emits what leaving one fblock early requires; with `preserve_tos` a return value sits
    /// on top of the stack and must stay there.
    pub(super) fn unwind_block(&mut self, b: &FBlock<'a>, preserve_tos: bool) -> CResult {
        match b {
            FBlock::ForLoop { .. } | FBlock::AsyncForLoop { .. } => {
                if preserve_tos {
                    self.emit(Instr::Swap(2));
                }
                self.emit(Instr::PopTop);
            }
            FBlock::WhileLoop { .. } => {}
            FBlock::TryExcept => self.emit(Instr::PopBlock),
            FBlock::FinallyTry { body } => {
                self.emit(Instr::PopBlock);
                self.stmts(body)?;
            }
            FBlock::FinallyEnd => {
                self.emit(Instr::PopBlock);
                if preserve_tos {
                    self.emit(Instr::Swap(2));
                }
                self.emit(Instr::PopTop);
                if preserve_tos {
                    self.emit(Instr::Swap(2));
                }
                self.emit(Instr::PopExcept);
            }
            FBlock::HandlerCleanup { name } => {
                if name.is_some() {
                    self.emit(Instr::PopBlock);
                }
                self.emit(Instr::PopBlock);
                if preserve_tos {
                    self.emit(Instr::Swap(2));
                }
                self.emit(Instr::PopExcept);
                if let Some(n) = name {
                    self.clear_name(n);
                }
            }
            FBlock::With { is_async } => {
                self.emit(Instr::PopBlock);
                if preserve_tos {
                    self.emit(Instr::Swap(2));
                }
                self.load_const(Const::None);
                self.load_const(Const::None);
                self.load_const(Const::None);
                self.emit(Instr::Call(3));
                if *is_async {
                    self.emit(Instr::GetAwaitable(2));
                    self.send_loop();
                }
                self.emit(Instr::PopTop);
            }
        }
        Ok(())
    }
}

fn comp_word(name: &str) -> &'static str {
    match name {
        "<listcomp>" => "list comprehension",
        "<setcomp>" => "set comprehension",
        "<dictcomp>" => "dict comprehension",
        _ => "generator expression",
    }
}

/// Which display a sequence builds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SeqKind {
    /// `[...]`.
    List,
    /// `(...)`.
    Tuple,
    /// `{...}`.
    Set,
}

/// What a comprehension produces.
enum CompKind<'e> {
    /// A list of `elt`.
    List(&'e Expr),
    /// A set of `elt`.
    Set(&'e Expr),
    /// A dict of `key: value`.
    Dict(&'e Expr, &'e Expr),
    /// A generator yielding `elt`.
    Gen(&'e Expr),
}
