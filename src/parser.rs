//! The parser: tokens from [`crate::lexer`] to an [`ast::Module`] with the LR(1) grammar in
//! `grammar/python.lalrpop` (generated into `OUT_DIR` by `build.rs`).
//!
//! Three entry points share the one grammar: [`parse_module`] for files and `exec`,
//! [`parse_interactive`] for REPL input and [`parse_expression`] for `eval`. Errors are
//! CPython's `SyntaxError`s, mapped in [`errors`]; a few constructs that need PEG-style
//! lookahead are handled on the token stream first ([`tokens`]).

mod errors;
pub(crate) mod helpers;
pub(crate) mod match_stmt;
mod strings;
mod tokens;

use crate::ast::{self, ExprKind, StmtKind};
use crate::error::SyntaxError;
use crate::lexer::{Lexer, Spanned};
use crate::token::Tok;
use helpers::{Ctx, PError};
use lalrpop_util::ParseError;

lalrpop_util::lalrpop_mod!(
    #[allow(
        clippy::all,
        clippy::pedantic,
        unused_imports,
        unused_parens,
        unused_variables
    )]
    grammar,
    "/python.rs"
);

/// Parses a whole file.
pub fn parse_module(source: &str, filename: &str) -> Result<ast::Module, SyntaxError> {
    let ctx = Ctx { source, filename };
    let (tokens, lex_error) = lex_until_error(Lexer::new(source, filename));
    let body = parse_file_tokens(&ctx, tokens, lex_error)?;
    Ok(ast::Module { body })
}

/// Parses one REPL input (file name `<stdin>`); `incomplete` errors mean "read another line".
pub fn parse_interactive(source: &str) -> Result<ast::Module, SyntaxError> {
    parse_module(source, "<stdin>")
}

/// Parses the argument of `eval()`: one expression (a tuple if there are commas).
///
/// As `builtin_eval` does, leading spaces and tabs are not an indentation error.
pub fn parse_expression(source: &str, filename: &str) -> Result<ast::Expr, SyntaxError> {
    let ctx = Ctx { source, filename };
    let (mut tokens, lex_error) = lex_until_error(Lexer::new(source, filename));
    tokens.retain(|(_, tok, _)| !matches!(tok, Tok::Indent | Tok::Dedent));
    let tokens_for_errors = tokens.clone();
    let first_after = |offset: u32| {
        tokens_for_errors
            .iter()
            .find(|(start, tok, _)| *start >= offset as usize && !matches!(tok, Tok::Newline))
            .map_or((source.len(), source.len()), |(s, _, e)| (*s, *e))
    };
    let mut body = parse_file_tokens(&ctx, tokens, lex_error)?;
    if body.len() > 1 {
        let (s, e) = first_after(body[0].span.end);
        return Err(ctx.syntax_error("invalid syntax", s, e));
    }
    match body.pop() {
        Some(ast::Located {
            node: StmtKind::Expr(expr),
            ..
        }) => {
            // `eval` takes `expressions`: no yield, no starred items.
            let starred = match &expr.node {
                ExprKind::Starred(_) => Some(expr.span),
                ExprKind::Tuple(elts) => elts
                    .iter()
                    .find(|e| matches!(e.node, ExprKind::Starred(_)))
                    .map(|e| e.span),
                _ => None,
            };
            if let Some(span) = starred {
                let start = span.start as usize;
                return Err(ctx.syntax_error("invalid syntax", start, start + 1));
            }
            if matches!(expr.node, ExprKind::Yield(_) | ExprKind::YieldFrom(_)) {
                let (s, e) = first_after(expr.span.start);
                return Err(ctx.syntax_error("invalid syntax", s, e));
            }
            Ok(expr)
        }
        Some(stmt) => {
            // The statement's first token is fine in an expression only when the statement
            // starts with an expression (an assignment): then `=` or the operator is wrong.
            let (s, e) = match &stmt.node {
                StmtKind::Assign { targets, .. } => first_after(targets[0].span.end),
                StmtKind::AugAssign { target, .. } | StmtKind::AnnAssign { target, .. } => {
                    first_after(target.span.end)
                }
                _ => first_after(stmt.span.start),
            };
            Err(ctx.syntax_error("invalid syntax", s, e))
        }
        None => {
            // CPython reports an empty `eval` input at line 0, offset 0.
            let mut error = ctx.syntax_error("invalid syntax", 0, 0);
            (error.line, error.col, error.end_col) = (0, 0, 0);
            error.incomplete = true;
            Err(error)
        }
    }
}

/// Collects tokens up to the first lexer error (kept aside: CPython's parser reports its own
/// error first when it fails before reaching the bad token).
fn lex_until_error(lexer: Lexer<'_>) -> (Vec<Spanned>, Option<SyntaxError>) {
    let mut tokens = Vec::new();
    for item in lexer {
        match item {
            Ok(token) => tokens.push(token),
            Err(error) => return (tokens, Some(error)),
        }
    }
    (tokens, None)
}

/// Parses a file's tokens, choosing between a parser error and a lexer error as CPython would.
fn parse_file_tokens(
    ctx: &Ctx,
    mut tokens: Vec<Spanned>,
    lex_error: Option<SyntaxError>,
) -> Result<Vec<ast::Stmt>, SyntaxError> {
    tokens::unparenthesize_with_items(&mut tokens);
    tokens::mark_match_statements(&mut tokens);
    let refused = tokens::find_refused_statement(ctx, &tokens);
    let result = grammar::ModuleParser::new().parse(ctx, tokens.iter().cloned().map(Ok));
    match result {
        Ok(body) => match (lex_error, refused) {
            (Some(error), _) => Err(error),
            (None, Some((_, error))) => Err(error),
            (None, None) => Ok(body),
        },
        Err(err) => {
            let mut at_end = matches!(err, ParseError::UnrecognizedEof { .. });
            let mut mapped = errors::map_error(ctx, &tokens, err);
            // A refused statement stands in for the syntax error CPython 3.11 would report
            // there, so a later tokenizer error still replaces it.
            if let Some((position, error)) = refused
                && position <= mapped.position
            {
                mapped = errors::Mapped {
                    error,
                    position,
                    reached_end: false,
                };
                at_end = false;
            }
            match lex_error {
                Some(error) if lexer_error_wins(&error, &mapped, at_end) => Err(error),
                _ => Err(mapped.error),
            }
        }
    }
}

/// Whether a tokenizer error further on replaces the parser's error.
///
/// Mirrors pegen's `_PyPegen_tokenize_full_source_to_check_for_errors`: after a parser error
/// CPython tokenizes the rest of the file, and a tokenizer error found there wins, except that
/// an unclosed bracket only wins when the parser failed on a later line than the bracket, and
/// neither `unexpected indent` (raised after that check) nor the tokenizer's own indentation
/// errors replace a parser error.
fn lexer_error_wins(lex: &SyntaxError, mapped: &errors::Mapped, at_end: bool) -> bool {
    if at_end || mapped.error.incomplete {
        return true;
    }
    // Indentation errors are reported by pegen's tokenizer wrapper, not during that check.
    if lex.kind != crate::error::SyntaxErrorKind::Syntax {
        return false;
    }
    if lex.msg.ends_with("was never closed") {
        return mapped.error.line > lex.line || mapped.reached_end;
    }
    mapped.error.msg != "unexpected indent"
}

/// Parses one f-string replacement field, `source` found at byte `offset` of the file, with
/// file-relative spans. Errors read `f-string: ...` as CPython 3.11's do.
pub(crate) fn parse_field_expression(
    ctx: &Ctx,
    source: &str,
    offset: usize,
) -> Result<ast::Expr, PError> {
    let end = offset + source.len();
    let lexed: Result<Vec<Spanned>, SyntaxError> = if ctx.source.get(offset..end) == Some(source) {
        Lexer::new_expression(ctx.source, ctx.filename, offset, end).collect()
    } else {
        Lexer::new_expression(source, ctx.filename, 0, source.len())
            .map(|item| item.map(|(s, tok, e)| (s + offset, tok, e + offset)))
            .collect()
    };
    let inner = lexed.map_err(|error| ParseError::User { error })?;
    // Parsed as `(expr)` NEWLINE, as CPython does, so the field may span lines.
    let mut tokens = Vec::with_capacity(inner.len() + 3);
    tokens.push((offset, Tok::Lpar, offset));
    tokens.extend(inner);
    tokens.push((end, Tok::Rpar, end));
    tokens.push((end, Tok::Newline, end));
    let prefixed = |mut error: SyntaxError| {
        if !error.msg.starts_with("f-string") {
            error.msg = format!("f-string: {}", error.msg);
        }
        ParseError::User { error }
    };
    let parsed = grammar::ModuleParser::new().parse(ctx, tokens.iter().cloned().map(Ok));
    let mut body = parsed.map_err(|err| prefixed(errors::map_error(ctx, &tokens, err).error))?;
    match body.pop() {
        Some(ast::Located {
            node: StmtKind::Expr(expr),
            ..
        }) if body.is_empty() => Ok(expr),
        _ => Err(prefixed(ctx.syntax_error("invalid syntax", offset, end))),
    }
}
