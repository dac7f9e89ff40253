//! The one place where lalrpop's `ParseError` becomes CPython's `SyntaxError`.
//!
//! Mirrors what pegen reports for the common cases: `expected ':'` after a block header,
//! `expected an indented block after ...`, `unexpected indent`, and `invalid syntax` at the
//! offending token otherwise.

use super::helpers::{Ctx, PError};
use crate::error::{SyntaxError, SyntaxErrorKind};
use crate::lexer::Spanned;
use crate::token::Tok;
use lalrpop_util::ParseError;

/// How a parse failure maps onto CPython's report.
pub struct Mapped {
    /// The error to report.
    pub error: SyntaxError,
    /// Byte offset where the parser gave up.
    pub position: usize,
    /// Whether pegen would have read up to the end of input to report it (then an unclosed
    /// bracket found by the tokenizer is reported instead).
    pub reached_end: bool,
}

/// Converts a parse failure over `tokens` into CPython's error.
pub fn map_error(ctx: &Ctx, tokens: &[Spanned], err: PError) -> Mapped {
    match err {
        ParseError::User { error } => {
            let position = offset_of(ctx.source, &error);
            Mapped {
                error,
                position,
                reached_end: false,
            }
        }
        ParseError::InvalidToken { location } => generic(ctx, location, location + 1),
        ParseError::ExtraToken {
            token: (start, _, end),
        } => generic(ctx, start, end),
        ParseError::UnrecognizedEof { location, expected } => {
            at_eof(ctx, tokens, location, &expected)
        }
        ParseError::UnrecognizedToken {
            token: (start, tok, end),
            expected,
        } => {
            let index = tokens
                .iter()
                .position(|(s, t, e)| *s == start && *e == end && *t == tok);
            match index {
                Some(index) => unexpected_token(ctx, tokens, index, &expected),
                None => generic(ctx, start, end),
            }
        }
    }
}

/// The byte offset an already-built error points at.
fn offset_of(source: &str, error: &SyntaxError) -> usize {
    let line_start: usize = source
        .split_inclusive('\n')
        .take(error.line.saturating_sub(1))
        .map(str::len)
        .sum();
    let line = &source[line_start.min(source.len())..];
    line_start
        + line
            .char_indices()
            .nth(error.col.saturating_sub(1))
            .map_or(line.len(), |(i, _)| i)
}

/// `invalid syntax` over `start..end`.
fn generic(ctx: &Ctx, start: usize, end: usize) -> Mapped {
    Mapped {
        error: ctx.syntax_error("invalid syntax", start, end),
        position: start,
        reached_end: false,
    }
}

/// An error with a specific message (never overridden by later tokenizer errors).
fn specific(error: SyntaxError, position: usize) -> Mapped {
    Mapped {
        error,
        position,
        reached_end: false,
    }
}

/// The index of the first token of the logical line that contains token `index`.
fn line_start_index(tokens: &[Spanned], index: usize) -> usize {
    let mut i = index;
    while i > 0 && !matches!(tokens[i - 1].1, Tok::Newline | Tok::Indent | Tok::Dedent) {
        i -= 1;
    }
    i
}

/// What CPython calls the block a header opens, for `expected an indented block after ...`.
fn block_name(tok: &Tok, next: Option<&Tok>) -> Option<&'static str> {
    Some(match tok {
        Tok::If => "'if' statement",
        Tok::Elif => "'elif' statement",
        Tok::Else => "'else' statement",
        Tok::While => "'while' statement",
        Tok::For => "'for' statement",
        Tok::With => "'with' statement",
        Tok::Try => "'try' statement",
        Tok::Except => "'except' statement",
        Tok::Finally => "'finally' statement",
        Tok::Def => "function definition",
        Tok::Class => "class definition",
        Tok::Async => return next.and_then(|t| block_name(t, None)),
        _ => return None,
    })
}

/// If token `newline` ends a block header (`...:` NEWLINE), the header's description and line.
fn header_before(ctx: &Ctx, tokens: &[Spanned], newline: usize) -> Option<(&'static str, usize)> {
    if newline == 0 || !matches!(tokens[newline].1, Tok::Newline) {
        return None;
    }
    if !matches!(tokens[newline - 1].1, Tok::Colon) {
        return None;
    }
    let first = line_start_index(tokens, newline - 1);
    let name = block_name(&tokens[first].1, tokens.get(first + 1).map(|t| &t.1))?;
    let line = line_of(ctx.source, tokens[first].0);
    Some((name, line))
}

/// The 1-based line containing byte `offset`.
fn line_of(source: &str, offset: usize) -> usize {
    source[..offset.min(source.len())].matches('\n').count() + 1
}

/// An error that CPython prints without a caret (its offset falls in the indentation).
///
/// At the end of input CPython reports on the last line; when the file ends in a
/// whitespace-only line without a newline, that line (not the one of the last token) is it.
fn without_caret(ctx: &Ctx, kind: SyntaxErrorKind, msg: String, at: usize) -> SyntaxError {
    let last_line = ctx.source.rsplit('\n').next().unwrap_or("");
    let dangling_blank = !last_line.is_empty() && last_line.trim().is_empty();
    let at = if dangling_blank && at < ctx.source.len() - last_line.len() {
        ctx.source.len()
    } else {
        at
    };
    let mut error = SyntaxError::at(kind, msg, ctx.filename, ctx.source, at, at);
    error.col = 0;
    error.end_col = 0;
    error
}

/// The input ended where more was needed: the REPL should ask for another line.
fn at_eof(ctx: &Ctx, tokens: &[Spanned], location: usize, expected: &[String]) -> Mapped {
    if expects_handler(expected) {
        let last = tokens
            .iter()
            .rposition(|(_, t, _)| !matches!(t, Tok::Dedent | Tok::Newline));
        let at = last.map_or(location, |i| tokens[i].0);
        let msg = "expected 'except' or 'finally' block".to_string();
        let mut error = without_caret(ctx, SyntaxErrorKind::Syntax, msg, at);
        error.incomplete = true;
        return specific(error, location);
    }
    let last_newline = tokens
        .iter()
        .rposition(|(_, t, _)| !matches!(t, Tok::Dedent));
    let mut mapped = match last_newline.and_then(|i| header_before(ctx, tokens, i).map(|h| (i, h)))
    {
        Some((i, (name, line))) => {
            let msg = format!("expected an indented block after {name} on line {line}");
            let error = without_caret(ctx, SyntaxErrorKind::Indentation, msg, tokens[i].0);
            specific(error, location)
        }
        None => generic(ctx, location, location),
    };
    mapped.error.incomplete = true;
    mapped
}

/// Whether every token from `index` on is a zero-width end-of-input DEDENT or NEWLINE.
fn only_end_follows(tokens: &[Spanned], index: usize) -> bool {
    tokens[index..]
        .iter()
        .all(|(_, t, _)| matches!(t, Tok::Dedent | Tok::Newline))
}

/// The span CPython gives a NEWLINE token: from a trailing comment (if any) to the line end.
fn newline_span(ctx: &Ctx, tokens: &[Spanned], index: usize) -> (usize, usize) {
    let (start, _, end) = tokens[index];
    let previous_end = if index > 0 {
        tokens[index - 1].2
    } else {
        start
    };
    let gap = ctx.source.get(previous_end..start).unwrap_or("");
    match gap.find('#') {
        Some(hash) => (previous_end + hash, start),
        None => (start, end.max(start)),
    }
}

/// An unexpected token at `tokens[index]`.
fn unexpected_token(ctx: &Ctx, tokens: &[Spanned], index: usize, expected: &[String]) -> Mapped {
    let (start, tok, end) = &tokens[index];
    let (start, end) = (*start, *end);
    if index > 0
        && let Some((name, line)) = header_before(ctx, tokens, index - 1)
        && !matches!(tok, Tok::Indent)
    {
        let msg = format!("expected an indented block after {name} on line {line}");
        if only_end_follows(tokens, index) {
            let mut error =
                without_caret(ctx, SyntaxErrorKind::Indentation, msg, tokens[index - 1].0);
            error.incomplete = true;
            return specific(error, start);
        }
        let real = tokens[index..]
            .iter()
            .find(|(_, t, _)| !matches!(t, Tok::Dedent))
            .map_or((start, end), |(s, _, e)| (*s, *e));
        let mut error = SyntaxError::at(
            SyntaxErrorKind::Indentation,
            msg,
            ctx.filename,
            ctx.source,
            real.0,
            real.1,
        );
        // CPython prints a single caret for this one, and none when the parser stopped at a
        // DEDENT (a line that closes more than one block).
        error.end_col = error.col + 1;
        if matches!(tok, Tok::Dedent) {
            (error.col, error.end_col) = (0, 0);
        }
        return specific(error, start);
    }
    if let Some(error) = forced_colon(ctx, tokens, index) {
        return specific(error, start);
    }
    match tok {
        Tok::Indent => {
            let line_start = ctx.source[..start].rfind('\n').map_or(0, |i| i + 1);
            let msg = "unexpected indent".to_string();
            let mut error = SyntaxError::at(
                SyntaxErrorKind::Indentation,
                msg,
                ctx.filename,
                ctx.source,
                start,
                start,
            );
            // pegen points into the indentation, so no caret is printed.
            error.col = ctx.source[line_start..start].chars().count();
            error.end_col = error.col;
            specific(error, start)
        }
        Tok::Newline
            if expected.iter().any(|e| e == "\":\"") && starts_block_header(tokens, index) =>
        {
            let (s, e) = newline_span(ctx, tokens, index);
            specific(ctx.syntax_error("expected ':'", s, e), start)
        }
        _ if index >= 2
            && matches!(tokens[index - 2].1, Tok::Def)
            && matches!(tokens[index - 1].1, Tok::Name(_)) =>
        {
            let (s, e) = match tok {
                Tok::Newline => newline_span(ctx, tokens, index),
                _ => (start, end),
            };
            specific(ctx.syntax_error("expected '('", s, e), start)
        }
        Tok::Newline => {
            if let Some(error) = missing_else(ctx, tokens, index, expected) {
                return specific(error, start);
            }
            if index >= 2
                && matches!(tokens[index - 1].1, Tok::Colon)
                && bad_annotation_target(tokens, index - 1)
            {
                let (s, _, e) = tokens[index - 1];
                return generic(ctx, s, e);
            }
            let (s, e) = newline_span(ctx, tokens, index);
            let mut mapped = generic(ctx, s, e);
            mapped.position = start;
            mapped
        }
        _ if expects_handler(expected) && only_end_follows(tokens, index) => {
            let last = tokens[..index]
                .iter()
                .rposition(|(_, t, _)| !matches!(t, Tok::Dedent | Tok::Newline));
            let at = last.map_or(start, |i| tokens[i].0);
            let msg = "expected 'except' or 'finally' block".to_string();
            let mut error = without_caret(ctx, SyntaxErrorKind::Syntax, msg, at);
            error.incomplete = true;
            specific(error, start)
        }
        _ if expects_handler(expected) => {
            let msg = "expected 'except' or 'finally' block";
            let real = tokens[index..]
                .iter()
                .find(|(_, t, _)| !matches!(t, Tok::Dedent))
                .map_or((start, end), |(s, _, e)| (*s, *e));
            let mut error = ctx.syntax_error(msg, real.0, real.1);
            if matches!(tok, Tok::Dedent) {
                (error.col, error.end_col) = (0, 0);
            }
            specific(error, start)
        }
        Tok::Rbrace | Tok::Comma
            if index > 0
                && matches!(tokens[index - 1].1, Tok::Colon)
                && in_dict_display(tokens, index) =>
        {
            let (s, _, e) = tokens[index - 1];
            let msg = "expression expected after dictionary key and ':'";
            specific(ctx.syntax_error(msg, s, e), start)
        }
        Tok::Rbrace | Tok::Comma
            if index > 0
                && expected.iter().any(|e| e == "\":\"")
                && in_dict_display(tokens, index) =>
        {
            let (s, _, e) = tokens[index - 1];
            specific(
                ctx.syntax_error("':' expected after dictionary key", s, e),
                start,
            )
        }
        Tok::Dedent if only_end_follows(tokens, index) => {
            let mut mapped = generic(ctx, start, end);
            mapped.error.incomplete = true;
            mapped
        }
        _ => {
            if let Some(error) = missing_print_parens(ctx, tokens, index) {
                return specific(error, start);
            }
            if let Some(error) = missing_else(ctx, tokens, index, expected) {
                return specific(error, start);
            }
            if let Some(error) = unparenthesized_comprehension_target(ctx, tokens, index) {
                return specific(error, start);
            }
            if let Some(error) = unparenthesized_exception_types(ctx, tokens, index) {
                return specific(error, start);
            }
            if let Some(error) = assignment_in_condition(ctx, tokens, index) {
                return specific(error, start);
            }
            if let Some(error) = star_parameter_default(ctx, tokens, index) {
                return specific(error, start);
            }
            if let Some(error) = invalid_keyword_argument(ctx, tokens, index) {
                return specific(error, start);
            }
            if let Some((s, e)) = missing_comma_range(tokens, index) {
                let msg = "invalid syntax. Perhaps you forgot a comma?";
                let mut mapped = specific(ctx.syntax_error(msg, s, e), start);
                // A range over several lines is treated like one that ran to the end: the
                // tokenizer's unclosed-bracket error is what CPython reports for those.
                let multi_line = ctx.source[s..e].contains('\n');
                mapped.reached_end = multi_line || tokens.last().is_some_and(|t| t.2 == e);
                return mapped;
            }
            generic(ctx, start, end)
        }
    }
}

/// Whether the parser wanted an `except` or `finally` clause (a `try` body just ended).
fn expects_handler(expected: &[String]) -> bool {
    expected.iter().any(|e| e == "\"except\"") && expected.iter().any(|e| e == "\"finally\"")
}

/// Whether token `index` sits directly inside a `{ ... }` that already holds a `key: value`.
fn in_dict_display(tokens: &[Spanned], index: usize) -> bool {
    let mut depth = 0usize;
    let mut saw_colon = false;
    for (_, tok, _) in tokens[..index].iter().rev() {
        match tok {
            Tok::Rpar | Tok::Rsqb | Tok::Rbrace => depth += 1,
            Tok::Lpar | Tok::Lsqb if depth == 0 => return false,
            Tok::Lbrace if depth == 0 => return saw_colon,
            Tok::Lpar | Tok::Lsqb | Tok::Lbrace => depth -= 1,
            Tok::Colon if depth == 0 => saw_colon = true,
            Tok::Lambda if depth == 0 => return false,
            Tok::Newline => return false,
            _ => {}
        }
    }
    false
}

/// Whether the logical line containing token `index` begins with a block keyword.
fn starts_block_header(tokens: &[Spanned], index: usize) -> bool {
    let first = line_start_index(tokens, index);
    block_name(&tokens[first].1, tokens.get(first + 1).map(|t| &t.1)).is_some()
}

/// `print x` at the start of a statement: CPython's Python 2 hint.
fn missing_print_parens(ctx: &Ctx, tokens: &[Spanned], index: usize) -> Option<SyntaxError> {
    if index == 0 {
        return None;
    }
    let (print_start, name, _) = &tokens[index - 1];
    let Tok::Name(name) = name else { return None };
    if name != "print" && name != "exec" {
        return None;
    }
    let statement_level = line_start_index(tokens, index - 1) == index - 1;
    let in_brackets = index >= 2
        && matches!(
            tokens[index - 2].1,
            Tok::Lpar | Tok::Lsqb | Tok::Lbrace | Tok::Comma | Tok::Equal | Tok::Colon
        );
    if !statement_level && !in_brackets {
        return None;
    }
    let starts_expression = matches!(
        tokens[index].1,
        Tok::Name(_)
            | Tok::Int(_)
            | Tok::Float(_)
            | Tok::Str(_)
            | Tok::FString(_)
            | Tok::Bytes(_)
            | Tok::Lsqb
            | Tok::Lbrace
            | Tok::True
            | Tok::False
            | Tok::None
            | Tok::Tilde
            | Tok::Minus
            | Tok::Not
    );
    if !starts_expression {
        return None;
    }
    // At statement level pegen takes the rest of the statement; inside brackets one argument.
    let mut depth = 0usize;
    let end = tokens[index..]
        .iter()
        .take_while(|(_, t, _)| match t {
            Tok::Newline | Tok::Semi => false,
            Tok::Lpar | Tok::Lsqb | Tok::Lbrace => {
                depth += 1;
                true
            }
            Tok::Rpar | Tok::Rsqb | Tok::Rbrace if depth == 0 => false,
            Tok::Rpar | Tok::Rsqb | Tok::Rbrace => {
                depth -= 1;
                true
            }
            Tok::Comma => statement_level || depth > 0,
            _ => true,
        })
        .last()
        .map_or(tokens[index].2, |(_, _, e)| *e);
    let msg = format!("Missing parentheses in call to '{name}'. Did you mean {name}(...)?");
    Some(ctx.syntax_error(msg, *print_start, end))
}

/// Whether `tok` can end an expression.
fn ends_expression(tok: &Tok) -> bool {
    matches!(
        tok,
        Tok::Name(_)
            | Tok::Int(_)
            | Tok::Float(_)
            | Tok::Imaginary(_)
            | Tok::Str(_)
            | Tok::Bytes(_)
            | Tok::FString(_)
            | Tok::Rpar
            | Tok::Rsqb
            | Tok::Rbrace
            | Tok::True
            | Tok::False
            | Tok::None
            | Tok::Ellipsis
    )
}

/// Whether `tok` can start an expression that cannot continue the one before it.
fn starts_expression(tok: &Tok) -> bool {
    matches!(
        tok,
        Tok::Name(_)
            | Tok::Int(_)
            | Tok::Float(_)
            | Tok::Imaginary(_)
            | Tok::Str(_)
            | Tok::Bytes(_)
            | Tok::FString(_)
            | Tok::Lbrace
            | Tok::True
            | Tok::False
            | Tok::None
            | Tok::Ellipsis
            | Tok::Tilde
            | Tok::Lambda
            | Tok::Await
            | Tok::Not
    )
}

/// Whether `tok` may appear inside a `disjunction` (between its operands).
fn continues_disjunction(tok: &Tok) -> bool {
    ends_expression(tok)
        || matches!(
            tok,
            Tok::Dot
                | Tok::Plus
                | Tok::Minus
                | Tok::Star
                | Tok::DoubleStar
                | Tok::Slash
                | Tok::DoubleSlash
                | Tok::Percent
                | Tok::At
                | Tok::Vbar
                | Tok::Amper
                | Tok::Circumflex
                | Tok::Tilde
                | Tok::LeftShift
                | Tok::RightShift
                | Tok::Less
                | Tok::Greater
                | Tok::LessEqual
                | Tok::GreaterEqual
                | Tok::EqEqual
                | Tok::NotEqual
                | Tok::In
                | Tok::Not
                | Tok::Is
                | Tok::And
                | Tok::Or
                | Tok::Await
                | Tok::Lpar
                | Tok::Lsqb
                | Tok::Lbrace
        )
}

/// pegen's `invalid_expression` "Perhaps you forgot a comma?": two expressions side by side
/// inside brackets. Returns the byte range from the first one's start to the second one's end.
fn missing_comma_range(tokens: &[Spanned], index: usize) -> Option<(usize, usize)> {
    if index == 0 || !ends_expression(&tokens[index - 1].1) || !starts_expression(&tokens[index].1)
    {
        return None;
    }
    // Walk back over the first expression, skipping bracketed groups.
    let mut depth = 0usize;
    let mut first = index;
    let mut inside_brackets = false;
    for i in (0..index).rev() {
        let tok = &tokens[i].1;
        match tok {
            Tok::Rpar | Tok::Rsqb | Tok::Rbrace => depth += 1,
            Tok::Lpar | Tok::Lsqb | Tok::Lbrace if depth > 0 => depth -= 1,
            Tok::Lpar | Tok::Lsqb | Tok::Lbrace => {
                inside_brackets = true;
                break;
            }
            Tok::Newline | Tok::Indent | Tok::Dedent => break,
            _ if depth == 0 && !continues_disjunction(tok) => {
                inside_brackets = tokens[..i].iter().fold(0isize, |level, (_, t, _)| match t {
                    Tok::Lpar | Tok::Lsqb | Tok::Lbrace => level + 1,
                    Tok::Rpar | Tok::Rsqb | Tok::Rbrace => level - 1,
                    Tok::Newline => 0,
                    _ => level,
                }) > 0;
                break;
            }
            _ => {}
        }
        first = i;
    }
    if !inside_brackets || first == index || first == 0 {
        return None;
    }
    let opens_expression = matches!(
        tokens[first - 1].1,
        Tok::Lpar | Tok::Lsqb | Tok::Lbrace | Tok::Comma | Tok::Equal | Tok::Colon
    );
    if !opens_expression || opened_by_def(tokens, first) || in_comprehension_clause(tokens, index) {
        return None;
    }
    // `!(NAME STRING | SOFT_KEYWORD)`: legacy `print "x"` and soft keywords are left alone.
    if let Tok::Name(name) = &tokens[first].1 {
        if matches!(name.as_str(), "match" | "case" | "_") {
            return None;
        }
        if first + 1 == index
            && matches!(
                tokens[index].1,
                Tok::Str(_) | Tok::Bytes(_) | Tok::FString(_)
            )
        {
            return None;
        }
    }
    // Walk forward over the second expression.
    let mut depth = 0usize;
    let mut last = index;
    for (i, (_, tok, _)) in tokens.iter().enumerate().skip(index) {
        match tok {
            Tok::Lpar | Tok::Lsqb | Tok::Lbrace => depth += 1,
            Tok::Rpar | Tok::Rsqb | Tok::Rbrace if depth == 0 => break,
            Tok::Rpar | Tok::Rsqb | Tok::Rbrace => depth -= 1,
            Tok::Comma | Tok::Colon | Tok::Equal | Tok::ColonEqual | Tok::For | Tok::As
                if depth == 0 =>
            {
                break;
            }
            Tok::Async | Tok::Newline if depth == 0 => break,
            Tok::If if depth == 0 && !if_has_else(tokens, i) => break,
            _ => {}
        }
        last = i;
    }
    Some((tokens[first].0, tokens[last].2))
}

/// Whether the innermost bracket open before token `index` is a `def`'s parameter list.
fn opened_by_def(tokens: &[Spanned], index: usize) -> bool {
    let mut depth = 0usize;
    for i in (0..index).rev() {
        match tokens[i].1 {
            Tok::Rpar | Tok::Rsqb | Tok::Rbrace => depth += 1,
            Tok::Lpar | Tok::Lsqb | Tok::Lbrace if depth > 0 => depth -= 1,
            Tok::Lpar => return i >= 2 && matches!(tokens[i - 2].1, Tok::Def),
            Tok::Lsqb | Tok::Lbrace | Tok::Newline => return false,
            _ => {}
        }
    }
    false
}

/// pegen's `invalid_kwarg`: `f(a.b=1)` or `f(True=1)`, an `=` after something that is not a
/// plain name inside a call's parentheses.
fn invalid_keyword_argument(ctx: &Ctx, tokens: &[Spanned], index: usize) -> Option<SyntaxError> {
    if !matches!(tokens[index].1, Tok::Equal) || index == 0 {
        return None;
    }
    let mut depth = 0usize;
    let mut first = index;
    for i in (0..index).rev() {
        match tokens[i].1 {
            Tok::Rpar | Tok::Rsqb | Tok::Rbrace => depth += 1,
            Tok::Lpar | Tok::Lsqb | Tok::Lbrace if depth > 0 => depth -= 1,
            Tok::Lpar => {
                let is_call = i > 0 && ends_expression(&tokens[i - 1].1);
                if !is_call {
                    return None;
                }
                break;
            }
            Tok::Comma if depth == 0 => break,
            Tok::Equal | Tok::ColonEqual | Tok::Colon | Tok::Lambda if depth == 0 => return None,
            Tok::Lsqb | Tok::Lbrace | Tok::Newline | Tok::Indent | Tok::Dedent => return None,
            _ => {}
        }
        first = i;
    }
    if first == index || opened_by_def(tokens, first) {
        return None;
    }
    let (start, end) = (tokens[first].0, tokens[index].2);
    if first + 1 == index {
        let constant = match tokens[first].1 {
            Tok::True => "True",
            Tok::False => "False",
            Tok::None => "None",
            _ => return None,
        };
        return Some(ctx.syntax_error(format!("cannot assign to {constant}"), start, end));
    }
    let msg = "expression cannot contain assignment, perhaps you meant \"==\"?";
    Some(ctx.syntax_error(msg, start, end))
}

/// Walks back from token `last` over one `disjunction`, returning the index of its first token
/// (or `None` when `last` cannot end an expression).
fn disjunction_start(tokens: &[Spanned], last: usize) -> Option<usize> {
    if !ends_expression(&tokens[last].1) {
        return None;
    }
    let mut depth = 0usize;
    let mut first = last;
    for i in (0..=last).rev() {
        let tok = &tokens[i].1;
        match tok {
            Tok::Rpar | Tok::Rsqb | Tok::Rbrace => depth += 1,
            Tok::Lpar | Tok::Lsqb | Tok::Lbrace if depth > 0 => depth -= 1,
            _ if depth > 0 => {}
            _ if !continues_disjunction(tok) => break,
            Tok::Lpar | Tok::Lsqb | Tok::Lbrace => break,
            _ => {}
        }
        first = i;
    }
    Some(first)
}

/// Walks forward from token `first` over one `bitwise_or`, returning the index of its last token.
fn bitwise_or_end(tokens: &[Spanned], first: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut last = None;
    for (i, (_, tok, _)) in tokens.iter().enumerate().skip(first) {
        let operand_or_operator = ends_expression(tok)
            || matches!(
                tok,
                Tok::Dot
                    | Tok::Plus
                    | Tok::Minus
                    | Tok::Star
                    | Tok::DoubleStar
                    | Tok::Slash
                    | Tok::DoubleSlash
                    | Tok::Percent
                    | Tok::At
                    | Tok::Vbar
                    | Tok::Amper
                    | Tok::Circumflex
                    | Tok::Tilde
                    | Tok::LeftShift
                    | Tok::RightShift
                    | Tok::Await
            );
        match tok {
            Tok::Lpar | Tok::Lsqb | Tok::Lbrace => depth += 1,
            Tok::Rpar | Tok::Rsqb | Tok::Rbrace if depth == 0 => break,
            Tok::Rpar | Tok::Rsqb | Tok::Rbrace => depth -= 1,
            Tok::Newline => break,
            _ if depth > 0 => {}
            _ if !operand_or_operator => break,
            _ => {}
        }
        last = Some(i);
    }
    last
}

/// pegen's `invalid_expression`: `a if b` with no `else`.
fn missing_else(
    ctx: &Ctx,
    tokens: &[Spanned],
    index: usize,
    expected: &[String],
) -> Option<SyntaxError> {
    if !expected.iter().any(|e| e == "\"else\"") || index < 3 {
        return None;
    }
    let condition_first = disjunction_start(tokens, index - 1)?;
    if condition_first < 2 || !matches!(tokens[condition_first - 1].1, Tok::If) {
        return None;
    }
    let body_first = disjunction_start(tokens, condition_first - 2)?;
    let msg = "expected 'else' after 'if' expression";
    Some(ctx.syntax_error(msg, tokens[body_first].0, tokens[index - 1].2))
}

/// pegen's `invalid_named_expression`: `if x = 1:`, `[x = 1]`, `(a.b = 1)`.
fn assignment_in_condition(ctx: &Ctx, tokens: &[Spanned], index: usize) -> Option<SyntaxError> {
    if !matches!(tokens[index].1, Tok::Equal) || index < 2 {
        return None;
    }
    let first = disjunction_start(tokens, index - 1)?;
    if first == 0 {
        return None;
    }
    // Where pegen parses a `named_expression`: a condition, or an element of a display,
    // group or subscript (not a call's arguments, where `name=` is a keyword).
    let element_of = |opener: usize| match tokens[opener].1 {
        Tok::Lsqb | Tok::Lbrace => true,
        Tok::Lpar => !(opener > 0 && ends_expression(&tokens[opener - 1].1)),
        _ => false,
    };
    let named_expression_context = match tokens[first - 1].1 {
        Tok::If | Tok::Elif | Tok::While => line_start_index(tokens, first - 1) == first - 1,
        Tok::Lsqb | Tok::Lbrace | Tok::Lpar => element_of(first - 1),
        Tok::Comma => innermost_opener(tokens, first).is_some_and(element_of),
        _ => false,
    };
    if !named_expression_context {
        return None;
    }
    let (start, end) = (tokens[first].0, tokens[index - 1].2);
    if first + 1 == index
        && let Tok::Name(_) = tokens[first].1
    {
        let value_end = bitwise_or_end(tokens, index + 1)?;
        let msg = "invalid syntax. Maybe you meant '==' or ':=' instead of '='?";
        return Some(ctx.syntax_error(msg, start, tokens[value_end].2));
    }
    let name = target_kind(&tokens[first..index])?;
    let msg = format!("cannot assign to {name} here. Maybe you meant '==' instead of '='?");
    Some(ctx.syntax_error(msg, start, end))
}

/// A guess from its tokens at what pegen would call an expression in "cannot assign to ...".
fn target_kind(expr: &[Spanned]) -> Option<&'static str> {
    let mut depth = 0usize;
    let mut has_operator = false;
    for (_, tok, _) in expr {
        match tok {
            Tok::Lpar | Tok::Lsqb | Tok::Lbrace => depth += 1,
            Tok::Rpar | Tok::Rsqb | Tok::Rbrace => depth = depth.saturating_sub(1),
            Tok::Dot | Tok::Name(_) => {}
            _ if depth == 0 && !ends_expression(tok) => has_operator = true,
            _ => {}
        }
    }
    let first = &expr.first()?.1;
    let last = &expr.last()?.1;
    Some(match (first, last) {
        _ if has_operator => "expression",
        (Tok::True | Tok::False | Tok::None | Tok::Lpar | Tok::Lsqb, _) => return None,
        (_, Tok::Rpar) => "function call",
        (_, Tok::Rsqb) => "subscript",
        (Tok::Name(_), Tok::Name(_)) => "attribute",
        _ if expr.len() == 1 => "literal",
        _ => return None,
    })
}

/// `def f(*a=1)` / `def f(**k=1)`: pegen's messages for a default on `*args` or `**kwargs`.
fn star_parameter_default(ctx: &Ctx, tokens: &[Spanned], index: usize) -> Option<SyntaxError> {
    if !matches!(tokens[index].1, Tok::Equal) || index < 3 {
        return None;
    }
    if !matches!(tokens[index - 1].1, Tok::Name(_))
        || !matches!(tokens[index - 3].1, Tok::Lpar | Tok::Comma | Tok::Lambda)
    {
        return None;
    }
    let msg = match tokens[index - 2].1 {
        Tok::Star => "var-positional argument cannot have default value",
        Tok::DoubleStar => "var-keyword argument cannot have default value",
        _ => return None,
    };
    let in_parameters = opened_by_def(tokens, index)
        || tokens[..index]
            .iter()
            .rev()
            .take_while(|t| !matches!(t.1, Tok::Colon | Tok::Newline))
            .any(|t| matches!(t.1, Tok::Lambda));
    if !in_parameters {
        return None;
    }
    let start = tokens[index].0;
    Some(ctx.syntax_error(msg, start, start + 1))
}

/// `except A, B:`: pegen's `invalid_except_stmt` wants the types in parentheses.
fn unparenthesized_exception_types(
    ctx: &Ctx,
    tokens: &[Spanned],
    index: usize,
) -> Option<SyntaxError> {
    if !matches!(tokens[index].1, Tok::Comma) {
        return None;
    }
    let line_first = line_start_index(tokens, index);
    if !matches!(tokens[line_first].1, Tok::Except) {
        return None;
    }
    let mut first = line_first + 1;
    if matches!(tokens.get(first).map(|t| &t.1), Some(Tok::Star)) {
        first += 1;
    }
    let mut depth = 0usize;
    let mut last = index;
    for (i, (_, tok, _)) in tokens.iter().enumerate().skip(index) {
        match tok {
            Tok::Lpar | Tok::Lsqb | Tok::Lbrace => depth += 1,
            Tok::Rpar | Tok::Rsqb | Tok::Rbrace => depth = depth.saturating_sub(1),
            Tok::Colon | Tok::Newline if depth == 0 => break,
            _ => {}
        }
        last = i;
    }
    if first >= index {
        return None;
    }
    let msg = "multiple exception types must be parenthesized";
    Some(ctx.syntax_error(msg, tokens[first].0, tokens[last].2))
}

/// The index of the innermost bracket still open before token `index`, if any.
fn innermost_opener(tokens: &[Spanned], index: usize) -> Option<usize> {
    let mut depth = 0usize;
    for i in (0..index).rev() {
        match tokens[i].1 {
            Tok::Rpar | Tok::Rsqb | Tok::Rbrace => depth += 1,
            Tok::Lpar | Tok::Lsqb | Tok::Lbrace if depth > 0 => depth -= 1,
            Tok::Lpar | Tok::Lsqb | Tok::Lbrace => return Some(i),
            Tok::Newline => return None,
            _ => {}
        }
    }
    None
}

/// Whether token `index` sits in a comprehension's `for`/`if` clause (after a `for` at the
/// same bracket level), where pegen does not suggest a missing comma.
fn in_comprehension_clause(tokens: &[Spanned], index: usize) -> bool {
    let Some(opener) = innermost_opener(tokens, index) else {
        return false;
    };
    let mut depth = 0usize;
    let mut after_for = false;
    for (_, tok, _) in &tokens[opener + 1..index] {
        match tok {
            Tok::Lpar | Tok::Lsqb | Tok::Lbrace => depth += 1,
            Tok::Rpar | Tok::Rsqb | Tok::Rbrace => depth = depth.saturating_sub(1),
            Tok::For if depth == 0 => after_for = true,
            // Past the `in` of a `for` clause (the target list itself still gets the hint).
            Tok::In if depth == 0 && after_for => return true,
            Tok::Lambda if depth == 0 => return true,
            _ => {}
        }
    }
    false
}

/// Whether the `if` at token `index` starts a conditional expression (an `else` follows at
/// the same level before the expression ends) rather than a comprehension filter.
fn if_has_else(tokens: &[Spanned], index: usize) -> bool {
    let mut depth = 0usize;
    for (_, tok, _) in &tokens[index + 1..] {
        match tok {
            Tok::Lpar | Tok::Lsqb | Tok::Lbrace => depth += 1,
            Tok::Rpar | Tok::Rsqb | Tok::Rbrace if depth == 0 => return false,
            Tok::Rpar | Tok::Rsqb | Tok::Rbrace => depth -= 1,
            Tok::Else if depth == 0 => return true,
            Tok::Comma | Tok::For | Tok::If | Tok::Newline if depth == 0 => return false,
            _ => {}
        }
    }
    false
}

/// `[x, y for x, y in z]`: pegen's `invalid_comprehension` hint.
fn unparenthesized_comprehension_target(
    ctx: &Ctx,
    tokens: &[Spanned],
    index: usize,
) -> Option<SyntaxError> {
    if !matches!(tokens[index].1, Tok::For | Tok::Async) || index == 0 {
        return None;
    }
    let opener = innermost_opener(tokens, index)?;
    if !matches!(tokens[opener].1, Tok::Lsqb | Tok::Lbrace) || opener + 1 >= index {
        return None;
    }
    let mut depth = 0usize;
    let mut has_comma = false;
    for (_, tok, _) in &tokens[opener + 1..index] {
        match tok {
            Tok::Lpar | Tok::Lsqb | Tok::Lbrace => depth += 1,
            Tok::Rpar | Tok::Rsqb | Tok::Rbrace => depth = depth.saturating_sub(1),
            Tok::Comma if depth == 0 => has_comma = true,
            Tok::Colon if depth == 0 => return None,
            _ => {}
        }
    }
    if !has_comma {
        return None;
    }
    let msg = "did you forget parentheses around the comprehension target?";
    Some(ctx.syntax_error(msg, tokens[opener + 1].0, tokens[index - 1].2))
}

/// pegen's forced `&&':'` after `def ...)`/`-> X`, `try`, `else` and `finally`: any other
/// token there is reported as `expected ':'`.
fn forced_colon(ctx: &Ctx, tokens: &[Spanned], index: usize) -> Option<SyntaxError> {
    if index == 0
        || matches!(
            tokens[index].1,
            Tok::Colon | Tok::Newline | Tok::Indent | Tok::Dedent
        )
    {
        return None;
    }
    let previous = &tokens[index - 1].1;
    let forced = match previous {
        Tok::Try | Tok::Else | Tok::Finally => line_start_index(tokens, index - 1) == index - 1,
        _ => {
            let first = line_start_index(tokens, index);
            let def_line = matches!(tokens[first].1, Tok::Def)
                || (matches!(tokens[first].1, Tok::Async)
                    && matches!(tokens.get(first + 1).map(|t| &t.1), Some(Tok::Def)));
            def_line && header_complete(tokens, first, index)
        }
    };
    if !forced {
        return None;
    }
    let (start, _, end) = tokens[index];
    Some(ctx.syntax_error("expected ':'", start, end))
}

/// Whether the `def` header starting at `first` is complete up to token `index` (its
/// parameter list closed, and a return annotation, if any, ended) so only `:` may follow.
fn header_complete(tokens: &[Spanned], first: usize, index: usize) -> bool {
    let mut depth = 0usize;
    let mut params_closed = false;
    let mut arrow = None;
    for (i, (_, tok, _)) in tokens.iter().enumerate().take(index).skip(first) {
        match tok {
            Tok::Lpar | Tok::Lsqb | Tok::Lbrace => depth += 1,
            Tok::Rpar | Tok::Rsqb | Tok::Rbrace => {
                depth = depth.saturating_sub(1);
                if depth == 0 && !params_closed {
                    params_closed = true;
                    if i + 1 != index && !matches!(tokens[i + 1].1, Tok::Arrow) {
                        return false;
                    }
                }
            }
            Tok::Arrow if depth == 0 && params_closed => arrow = Some(i),
            _ => {}
        }
    }
    match arrow {
        None => params_closed && matches!(tokens[index - 1].1, Tok::Rpar),
        // After `-> X` the parser only fails at a token that cannot continue the annotation.
        Some(a) => a + 1 < index,
    }
}

/// Whether the tokens before the `:` at `colon` are a call or literal, which pegen's
/// annotated-assignment rule rejects at the `:` itself.
fn bad_annotation_target(tokens: &[Spanned], colon: usize) -> bool {
    let first = line_start_index(tokens, colon);
    if first >= colon || block_name(&tokens[first].1, tokens.get(first + 1).map(|t| &t.1)).is_some()
    {
        return false;
    }
    if matches!(tokens[first].1, Tok::Lambda)
        || tokens[first..colon]
            .iter()
            .any(|t| matches!(t.1, Tok::Lambda))
    {
        return false;
    }
    match tokens[colon - 1].1 {
        Tok::Rpar => {
            let mut depth = 0usize;
            for i in (first..colon).rev() {
                match tokens[i].1 {
                    Tok::Rpar | Tok::Rsqb | Tok::Rbrace => depth += 1,
                    Tok::Lpar | Tok::Lsqb | Tok::Lbrace => {
                        depth -= 1;
                        if depth == 0 {
                            return i > first && ends_expression(&tokens[i - 1].1);
                        }
                    }
                    _ => {}
                }
            }
            false
        }
        Tok::Int(_) | Tok::Float(_) | Tok::Str(_) | Tok::Bytes(_) => colon == first + 1,
        _ => false,
    }
}
