//! The symbol table: which scope every name lives in. Mirrors CPython's `symtable.c`: a first
//! pass records, per scope, the names bound, used and declared; `analyze` then resolves each
//! name to local, global, cell or free, propagating free variables up to the scope that binds
//! them (passing over class scopes, whose names methods cannot see).

use crate::ast::*;
use crate::error::{SyntaxError, SyntaxErrorKind};
// The symbol tables hash many short names per compiled line; FxHash is several times cheaper
// than SipHash there (the keys come from the program text, but a compile is not a long-lived
// table an attacker could flood).
use rustc_hash::FxHashMap as HashMap;

/// What kind of block a scope is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    /// The module body.
    Module,
    /// A class body.
    Class,
    /// A `def`, `lambda` or comprehension body.
    Function,
}

/// Where a name resolves to inside one scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameScope {
    /// A fast local (functions) or a locals-mapping entry (module/class bodies).
    Local,
    /// Declared `global`.
    GlobalExplicit,
    /// Not bound anywhere enclosing: a global or builtin.
    GlobalImplicit,
    /// Bound in an enclosing function scope.
    Free,
    /// Bound here and captured by an inner scope.
    Cell,
}

/// What the first pass saw of one name in one scope.
#[derive(Clone, Copy, Debug, Default)]
struct NameUse {
    /// Bound here (assignment, import, def, parameter, for target, ...).
    bound: bool,
    /// A parameter of this function.
    param: bool,
    /// Read somewhere in this scope.
    used: bool,
    /// Declared `global`.
    global: bool,
    /// Declared `nonlocal`.
    nonlocal: bool,
    /// Where the `global`/`nonlocal` declaration is, for error messages.
    decl_span: Span,
}

/// One scope of the program with its resolved names.
#[derive(Debug)]
pub struct Scope {
    /// Module, class or function.
    pub kind: ScopeKind,
    /// The scope's name (function or class name, `<lambda>`, `<listcomp>`, ...).
    pub name: String,
    /// The resolution of every name used or bound here.
    pub names: HashMap<String, NameScope>,
    /// Cell variables in order of first appearance.
    pub cellvars: Vec<String>,
    /// Free variables in order of first appearance.
    pub freevars: Vec<String>,
    /// Contains `yield` or `yield from`.
    pub is_generator: bool,
    /// An `async def` (or an async comprehension).
    pub is_async: bool,
    /// A comprehension scope (its walrus targets bind in the enclosing scope).
    pub is_comprehension: bool,
    /// A class body that must create the `__class__` cell for `super()`.
    pub needs_class_cell: bool,
    /// The indices of child scopes, in source order.
    pub children: Vec<usize>,
    uses: HashMap<String, NameUse>,
    order: Vec<String>,
    parent: Option<usize>,
}

impl Scope {
    fn new(kind: ScopeKind, name: &str, parent: Option<usize>) -> Scope {
        Scope {
            kind,
            name: name.to_string(),
            names: HashMap::default(),
            cellvars: Vec::new(),
            freevars: Vec::new(),
            is_generator: false,
            is_async: false,
            is_comprehension: false,
            needs_class_cell: false,
            children: Vec::new(),
            uses: HashMap::default(),
            order: Vec::new(),
            parent,
        }
    }

    /// How `name` resolves here (an unknown name is an implicit global).
    pub fn lookup(&self, name: &str) -> NameScope {
        self.names
            .get(name)
            .copied()
            .unwrap_or(NameScope::GlobalImplicit)
    }
}

/// Identifies the AST node that opens a scope: its span and a tag for the node kind.
pub type ScopeKey = (u32, u32, u8);

/// All scopes of one module; scope 0 is the module.
#[derive(Debug)]
pub struct SymbolTable {
    /// Every scope, module first.
    pub scopes: Vec<Scope>,
    /// From the opening node to its scope index.
    pub by_node: HashMap<ScopeKey, usize>,
}

/// The tag of a scope-opening node kind in a `ScopeKey`.
pub fn key(span: Span, tag: u8) -> ScopeKey {
    (span.start, span.end, tag)
}

/// Tag for `def`.
pub const TAG_DEF: u8 = 0;
/// Tag for `class`.
pub const TAG_CLASS: u8 = 1;
/// Tag for `lambda`.
pub const TAG_LAMBDA: u8 = 2;
/// Tag for a comprehension or generator expression.
pub const TAG_COMP: u8 = 3;

struct Builder<'a> {
    scopes: Vec<Scope>,
    by_node: HashMap<ScopeKey, usize>,
    current: usize,
    source: &'a str,
    filename: &'a str,
}

/// Builds and analyses the symbol table of a module.
pub fn build(
    module: &[Stmt],
    source: &str,
    filename: &str,
    kind: ScopeKind,
) -> Result<SymbolTable, SyntaxError> {
    let mut b = Builder {
        scopes: vec![Scope::new(kind, "top", None)],
        by_node: HashMap::default(),
        current: 0,
        source,
        filename,
    };
    b.stmts(module)?;
    b.analyze()?;
    Ok(SymbolTable {
        scopes: b.scopes,
        by_node: b.by_node,
    })
}

impl<'a> Builder<'a> {
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

    fn scope(&mut self) -> &mut Scope {
        &mut self.scopes[self.current]
    }

    fn record(&mut self, name: &str) -> &mut NameUse {
        let scope = &mut self.scopes[self.current];
        if !scope.uses.contains_key(name) {
            scope.order.push(name.to_string());
        }
        scope.uses.entry(name.to_string()).or_default()
    }

    fn bind(&mut self, name: &str, span: Span) -> Result<(), SyntaxError> {
        let u = self.record(name);
        if u.global && !u.bound {
            // Binding after a global declaration is fine; the reverse is checked in `declare`.
        }
        u.bound = true;
        let _ = span;
        Ok(())
    }

    fn use_name(&mut self, name: &str) {
        self.record(name).used = true;
    }

    fn push(&mut self, kind: ScopeKind, name: &str, node: ScopeKey) -> usize {
        let idx = self.scopes.len();
        self.scopes.push(Scope::new(kind, name, Some(self.current)));
        self.scopes[self.current].children.push(idx);
        self.by_node.insert(node, idx);
        let prev = self.current;
        self.current = idx;
        prev
    }

    fn stmts(&mut self, body: &[Stmt]) -> Result<(), SyntaxError> {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn declare(&mut self, names: &[String], span: Span, global: bool) -> Result<(), SyntaxError> {
        let kind = self.scopes[self.current].kind;
        if !global && kind == ScopeKind::Module {
            return Err(self.error("nonlocal declaration not allowed at module level", span));
        }
        for name in names {
            let u = *self.record(name);
            let word = if global { "global" } else { "nonlocal" };
            if u.param {
                return Err(self.error(format!("name '{name}' is parameter and {word}"), span));
            }
            if (global && u.nonlocal) || (!global && u.global) {
                return Err(self.error(format!("name '{name}' is nonlocal and global"), span));
            }
            if u.used {
                return Err(self.error(
                    format!("name '{name}' is used prior to {word} declaration"),
                    span,
                ));
            }
            if u.bound {
                return Err(self.error(
                    format!("name '{name}' is assigned to before {word} declaration"),
                    span,
                ));
            }
            let u = self.record(name);
            u.decl_span = span;
            if global {
                u.global = true;
            } else {
                u.nonlocal = true;
            }
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> Result<(), SyntaxError> {
        match &s.node {
            StmtKind::FunctionDef {
                name,
                args,
                body,
                decorator_list,
                returns,
                is_async,
            } => {
                self.exprs(decorator_list)?;
                self.arg_defaults(args)?;
                self.arg_annotations(args)?;
                if let Some(r) = returns {
                    self.expr(r)?;
                }
                self.bind(name, s.span)?;
                let prev = self.push(ScopeKind::Function, name, key(s.span, TAG_DEF));
                self.scope().is_async = *is_async;
                self.params(args)?;
                self.stmts(body)?;
                self.current = prev;
            }
            StmtKind::ClassDef {
                name,
                bases,
                keywords,
                body,
                decorator_list,
            } => {
                self.exprs(decorator_list)?;
                self.exprs(bases)?;
                for k in keywords {
                    self.expr(&k.value)?;
                }
                self.bind(name, s.span)?;
                let prev = self.push(ScopeKind::Class, name, key(s.span, TAG_CLASS));
                self.stmts(body)?;
                self.current = prev;
            }
            StmtKind::Return(v) => {
                if let Some(v) = v {
                    self.expr(v)?;
                }
            }
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.target(t)?;
                }
            }
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for t in targets {
                    self.target(t)?;
                }
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(value)?;
                if let ExprKind::Name(n) = &target.node {
                    self.use_name(n);
                }
                self.target(target)?;
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => {
                if let Some(v) = value {
                    self.expr(v)?;
                }
                if self.scopes[self.current].kind != ScopeKind::Function || !*simple {
                    self.expr(annotation)?;
                }
                match (&target.node, value) {
                    (ExprKind::Name(n), None) => {
                        let u = *self.record(n);
                        if u.global || u.nonlocal {
                            // An annotation alone does not bind.
                        } else {
                            self.bind(n, target.span)?;
                        }
                    }
                    _ => self.target(target)?,
                }
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                ..
            } => {
                self.expr(iter)?;
                self.target(target)?;
                self.stmts(body)?;
                self.stmts(orelse)?;
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.expr(test)?;
                self.stmts(body)?;
                self.stmts(orelse)?;
            }
            StmtKind::With { items, body, .. } => {
                for item in items {
                    self.expr(&item.context_expr)?;
                    if let Some(t) = &item.optional_vars {
                        self.target(t)?;
                    }
                }
                self.stmts(body)?;
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.expr(e)?;
                }
                if let Some(c) = cause {
                    self.expr(c)?;
                }
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
                ..
            } => {
                self.stmts(body)?;
                for h in handlers {
                    if let Some(t) = &h.typ {
                        self.expr(t)?;
                    }
                    if let Some(n) = &h.name {
                        self.bind(n, h.span)?;
                    }
                    self.stmts(&h.body)?;
                }
                self.stmts(orelse)?;
                self.stmts(finalbody)?;
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                if let Some(m) = msg {
                    self.expr(m)?;
                }
            }
            StmtKind::Import(aliases) => {
                for a in aliases {
                    let bound = match &a.asname {
                        Some(n) => n.clone(),
                        None => a.name.split('.').next().unwrap_or("").to_string(),
                    };
                    self.bind(&bound, a.span)?;
                }
            }
            StmtKind::ImportFrom { names, .. } => {
                for a in names {
                    if a.name == "*" {
                        if self.scopes[self.current].kind == ScopeKind::Function {
                            return Err(self.error("import * only allowed at module level", s.span));
                        }
                        continue;
                    }
                    let bound = a.asname.clone().unwrap_or_else(|| a.name.clone());
                    self.bind(&bound, a.span)?;
                }
            }
            StmtKind::Global(names) => self.declare(names, s.span, true)?,
            StmtKind::Nonlocal(names) => self.declare(names, s.span, false)?,
            StmtKind::Expr(e) => self.expr(e)?,
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
        }
        Ok(())
    }

    fn arg_defaults(&mut self, args: &Arguments) -> Result<(), SyntaxError> {
        self.exprs(&args.defaults)?;
        for d in args.kw_defaults.iter().flatten() {
            self.expr(d)?;
        }
        Ok(())
    }

    fn arg_annotations(&mut self, args: &Arguments) -> Result<(), SyntaxError> {
        for a in all_args(args) {
            if let Some(ann) = &a.annotation {
                self.expr(ann)?;
            }
        }
        Ok(())
    }

    fn params(&mut self, args: &Arguments) -> Result<(), SyntaxError> {
        for a in all_args(args) {
            if self.scopes[self.current]
                .uses
                .get(&a.name)
                .is_some_and(|u| u.param)
            {
                return Err(self.error(
                    format!("duplicate argument '{}' in function definition", a.name),
                    a.span,
                ));
            }
            let u = self.record(&a.name);
            u.param = true;
            u.bound = true;
        }
        Ok(())
    }

    fn exprs(&mut self, es: &[Expr]) -> Result<(), SyntaxError> {
        for e in es {
            self.expr(e)?;
        }
        Ok(())
    }

    fn target(&mut self, t: &Expr) -> Result<(), SyntaxError> {
        match &t.node {
            ExprKind::Name(n) => self.bind(n, t.span),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    self.target(i)?;
                }
                Ok(())
            }
            ExprKind::Starred(inner) => self.target(inner),
            ExprKind::Attribute { value, .. } => self.expr(value),
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.expr(slice)
            }
            _ => self.expr(t),
        }
    }

    fn expr(&mut self, e: &Expr) -> Result<(), SyntaxError> {
        match &e.node {
            ExprKind::BoolOp { values, .. } => self.exprs(values)?,
            ExprKind::NamedExpr { target, value } => {
                self.expr(value)?;
                if let ExprKind::Name(n) = &target.node {
                    // PEP 572: inside comprehensions the target binds in the enclosing scope.
                    let mut scope = self.current;
                    while self.scopes[scope].is_comprehension {
                        if let Some(p) = self.scopes[scope].parent {
                            if self.scopes[p].kind == ScopeKind::Class {
                                return Err(self.error(
                                    "assignment expression within a comprehension cannot be used in a class body",
                                    e.span,
                                ));
                            }
                            scope = p;
                        } else {
                            break;
                        }
                    }
                    if scope != self.current {
                        let saved = self.current;
                        self.current = scope;
                        self.bind(n, target.span)?;
                        self.current = saved;
                        // In the comprehension itself the name is free (or global at module level).
                        let global = self.scopes[scope].kind == ScopeKind::Module
                            || self.scopes[scope].uses.get(n).is_some_and(|u| u.global);
                        let mut s = self.current;
                        while s != scope {
                            let saved = self.current;
                            self.current = s;
                            let u = self.record(n);
                            if global {
                                u.global = true;
                            } else {
                                u.nonlocal = true;
                            }
                            self.current = saved;
                            s = self.scopes[s].parent.unwrap_or(scope);
                        }
                    } else {
                        self.bind(n, target.span)?;
                    }
                }
            }
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left)?;
                self.expr(right)?;
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand)?,
            ExprKind::Lambda { args, body } => {
                self.arg_defaults(args)?;
                let prev = self.push(ScopeKind::Function, "<lambda>", key(e.span, TAG_LAMBDA));
                self.params(args)?;
                self.expr(body)?;
                self.current = prev;
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                self.expr(body)?;
                self.expr(orelse)?;
            }
            ExprKind::Dict { keys, values } => {
                for k in keys.iter().flatten() {
                    self.expr(k)?;
                }
                self.exprs(values)?;
            }
            ExprKind::Set(items) | ExprKind::List(items) | ExprKind::Tuple(items) => {
                self.exprs(items)?
            }
            ExprKind::ListComp { elt, generators } => {
                self.comprehension(e, "<listcomp>", &[elt], generators)?
            }
            ExprKind::SetComp { elt, generators } => {
                self.comprehension(e, "<setcomp>", &[elt], generators)?
            }
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(e, "<genexpr>", &[elt], generators)?
            }
            ExprKind::DictComp {
                key: k,
                value,
                generators,
            } => self.comprehension(e, "<dictcomp>", &[k, value], generators)?,
            ExprKind::Await(v) => {
                // `await` inside a comprehension makes it an asynchronous comprehension: its
                // code is a coroutine that the enclosing `async def` awaits (as in CPython).
                if self.scopes[self.current].is_comprehension {
                    self.scope().is_async = true;
                }
                self.expr(v)?;
            }
            ExprKind::Yield(v) => {
                self.mark_yield(e.span)?;
                if let Some(v) = v {
                    self.expr(v)?;
                }
            }
            ExprKind::YieldFrom(v) => {
                self.mark_yield(e.span)?;
                self.expr(v)?;
            }
            ExprKind::Compare {
                left, comparators, ..
            } => {
                self.expr(left)?;
                self.exprs(comparators)?;
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.expr(func)?;
                self.exprs(args)?;
                for k in keywords {
                    self.expr(&k.value)?;
                }
            }
            ExprKind::FormattedValue {
                value, format_spec, ..
            } => {
                self.expr(value)?;
                if let Some(s) = format_spec {
                    self.expr(s)?;
                }
            }
            ExprKind::JoinedStr(parts) => self.exprs(parts)?,
            ExprKind::Constant(_) => {}
            ExprKind::Attribute { value, .. } => self.expr(value)?,
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.expr(slice)?;
            }
            ExprKind::Starred(v) => self.expr(v)?,
            ExprKind::Name(n) => {
                self.use_name(n);
                if n == "super" || n == "__class__" {
                    self.mark_class_use();
                }
            }
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper, step].into_iter().flatten() {
                    self.expr(part)?;
                }
            }
        }
        Ok(())
    }

    /// `super` or `__class__` inside a method: the method gets a free `__class__`.
    fn mark_class_use(&mut self) {
        if self.scopes[self.current].kind == ScopeKind::Function {
            self.record("__class__").used = true;
        }
    }

    fn mark_yield(&mut self, span: Span) -> Result<(), SyntaxError> {
        let scope = &self.scopes[self.current];
        if scope.kind != ScopeKind::Function {
            return Err(self.error("'yield' outside function", span));
        }
        self.scope().is_generator = true;
        Ok(())
    }

    fn comprehension(
        &mut self,
        e: &Expr,
        name: &str,
        elts: &[&Expr],
        generators: &[Comprehension],
    ) -> Result<(), SyntaxError> {
        let Some(first) = generators.first() else {
            return Ok(());
        };
        self.expr(&first.iter)?;
        let prev = self.push(ScopeKind::Function, name, key(e.span, TAG_COMP));
        self.scope().is_comprehension = true;
        if name == "<genexpr>" {
            self.scope().is_generator = true;
        }
        let u = self.record(".0");
        u.param = true;
        u.bound = true;
        for (i, g) in generators.iter().enumerate() {
            if g.is_async {
                self.scope().is_async = true;
            }
            if i > 0 {
                self.expr(&g.iter)?;
            }
            self.target(&g.target)?;
            self.exprs(&g.ifs)?;
        }
        for elt in elts {
            self.expr(elt)?;
        }
        self.current = prev;
        Ok(())
    }

    /// Resolves every scope's names (CPython's `analyze_block`).
    fn analyze(&mut self) -> Result<(), SyntaxError> {
        // Pass 1, top-down: local/global/free decisions with the set of names bound by the
        // enclosing function scopes.
        let mut order = vec![(0usize, Vec::<String>::new())];
        while let Some((idx, enclosing)) = order.pop() {
            let kind = self.scopes[idx].kind;
            let names: Vec<String> = self.scopes[idx].order.clone();
            let mut resolved = HashMap::default();
            for name in &names {
                let u = self.scopes[idx].uses[name];
                let scope = if u.global {
                    NameScope::GlobalExplicit
                } else if u.nonlocal {
                    if !enclosing.contains(name) {
                        return Err(self.error(
                            format!("no binding for nonlocal '{name}' found"),
                            u.decl_span,
                        ));
                    }
                    NameScope::Free
                } else if u.bound {
                    NameScope::Local
                } else if enclosing.contains(name)
                    || (name == "__class__"
                        && kind == ScopeKind::Function
                        && enclosing_has_class(&self.scopes, idx))
                {
                    NameScope::Free
                } else {
                    NameScope::GlobalImplicit
                };
                resolved.insert(name.clone(), scope);
            }
            self.scopes[idx].names = resolved;
            let mut inner = enclosing.clone();
            if kind == ScopeKind::Function {
                for name in &names {
                    if self.scopes[idx].names[name] == NameScope::Local
                        || self.scopes[idx].names[name] == NameScope::Free
                    {
                        inner.push(name.clone());
                    }
                }
            }
            for &child in self.scopes[idx].children.iter().rev() {
                order.push((child, inner.clone()));
            }
        }
        // Pass 2, bottom-up: a child's free names become cells where bound, and pass through
        // (as free) the scopes in between.
        for idx in (0..self.scopes.len()).rev() {
            let frees: Vec<String> = self.scopes[idx]
                .order
                .iter()
                .filter(|n| self.scopes[idx].names.get(*n) == Some(&NameScope::Free))
                .cloned()
                .collect();
            for name in frees {
                let mut p = self.scopes[idx].parent;
                while let Some(pi) = p {
                    let parent = &mut self.scopes[pi];
                    if parent.kind == ScopeKind::Class {
                        if name == "__class__" {
                            parent.needs_class_cell = true;
                            break;
                        }
                        // Class scopes are passed over, but a class body referencing the free
                        // name itself loads it through the cell (LoadClassDeref).
                        if !parent.names.contains_key(&name) {
                            parent.names.insert(name.clone(), NameScope::Free);
                            parent.order.push(name.clone());
                        } else if parent.names[&name] == NameScope::GlobalImplicit {
                            parent.names.insert(name.clone(), NameScope::Free);
                        }
                        p = parent.parent;
                        continue;
                    }
                    match parent.names.get(&name).copied() {
                        Some(NameScope::Local) | Some(NameScope::Cell) => {
                            parent.names.insert(name.clone(), NameScope::Cell);
                            if !parent.order.contains(&name) {
                                parent.order.push(name.clone());
                            }
                            break;
                        }
                        Some(NameScope::Free) => break,
                        _ => {
                            parent.names.insert(name.clone(), NameScope::Free);
                            if !parent.order.contains(&name) {
                                parent.order.push(name.clone());
                            }
                            p = parent.parent;
                        }
                    }
                }
            }
        }
        // Free names of a child that the child's parent resolves as free must propagate again
        // (pass 2 handled one level per scope in reverse order, which already covers chains
        // because children always have larger indices than their parents).
        for scope in &mut self.scopes {
            let cells = scope
                .order
                .iter()
                .filter(|n| scope.names.get(*n) == Some(&NameScope::Cell))
                .cloned()
                .collect();
            let frees = scope
                .order
                .iter()
                .filter(|n| scope.names.get(*n) == Some(&NameScope::Free))
                .cloned()
                .collect();
            scope.cellvars = cells;
            scope.freevars = frees;
            if scope.needs_class_cell {
                scope.cellvars.push("__class__".to_string());
            }
        }
        Ok(())
    }
}

fn enclosing_has_class(scopes: &[Scope], idx: usize) -> bool {
    let mut p = scopes[idx].parent;
    while let Some(pi) = p {
        if scopes[pi].kind == ScopeKind::Class {
            return true;
        }
        p = scopes[pi].parent;
    }
    false
}

/// Every parameter of a signature in `varnames` order.
pub fn all_args(args: &Arguments) -> impl Iterator<Item = &Arg> {
    args.posonlyargs
        .iter()
        .chain(args.args.iter())
        .chain(args.kwonlyargs.iter())
        .chain(args.vararg.iter())
        .chain(args.kwarg.iter())
}
