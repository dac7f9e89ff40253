//! Future statements (`from __future__ import ...`), as CPython's `future.c`: they must open
//! the module (after the docstring), name known features, and `annotations` (PEP 563) makes
//! every annotation a string of its source instead of a value evaluated at definition time.

use super::Compiler;
use crate::ast::*;
use crate::error::SyntaxError;

/// Every feature `__future__` defines (all of them mandatory by now but `annotations`).
const FEATURES: &[&str] = &[
    "nested_scopes",
    "generators",
    "division",
    "absolute_import",
    "with_statement",
    "print_function",
    "unicode_literals",
    "barry_as_FLUFL",
    "generator_stop",
    "annotations",
];

/// What a module's future statements ask for.
#[derive(Clone, Copy, Default)]
pub(super) struct Futures {
    /// `from __future__ import annotations`: annotations are compiled to strings.
    pub annotations: bool,
    /// The byte offset where the opening run of docstring and future statements ends; a
    /// future statement after it is an error.
    pub prefix_end: u32,
}

/// Whether `stmt` is `from __future__ import ...`.
pub(super) fn is_future_import(stmt: &Stmt) -> bool {
    matches!(&stmt.node, StmtKind::ImportFrom { module: Some(m), level: 0, .. } if m == "__future__")
}

impl Compiler<'_> {
    /// Reads the future statements that open `body` (future.c future_parse).
    pub(super) fn scan_futures(&self, body: &[Stmt]) -> Result<Futures, SyntaxError> {
        let mut futures = Futures::default();
        let skip_doc = usize::from(super::docstring(body).is_some());
        for stmt in body.iter().skip(skip_doc) {
            let StmtKind::ImportFrom { names, .. } = &stmt.node else {
                break;
            };
            if !is_future_import(stmt) {
                break;
            }
            // CPython points at the statement's first column for both errors.
            let at = Span::new(stmt.span.start as usize, stmt.span.start as usize + 1);
            for alias in names {
                match alias.name.as_str() {
                    "annotations" => futures.annotations = true,
                    "braces" => return Err(self.error("not a chance", at)),
                    name if FEATURES.contains(&name) => {}
                    name => {
                        return Err(self.error(format!("future feature {name} is not defined"), at));
                    }
                }
            }
            futures.prefix_end = stmt.span.end;
        }
        Ok(futures)
    }

    /// Compiles an annotation: its value, or under `from __future__ import annotations` its
    /// source text as a string constant (CPython unparses the expression; the source text is
    /// the same for the usual spellings, and a string annotation keeps its repr).
    pub(super) fn annotation(&mut self, ann: &Expr) -> Result<(), SyntaxError> {
        if !self.futures.annotations {
            return self.expr(ann);
        }
        let text = match &ann.node {
            ExprKind::Constant(Constant::Str(s)) => crate::builtins::str_repr::str_repr(s),
            _ => {
                let source = &self.source[ann.span.start as usize..ann.span.end as usize];
                source.split_whitespace().collect::<Vec<_>>().join(" ")
            }
        };
        self.load_const(crate::bytecode::Const::Str(std::rc::Rc::from(text)));
        Ok(())
    }
}
