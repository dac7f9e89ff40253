//! Token-level passes that run before the LR parser, for the few places where Python's PEG
//! grammar needs more than one token of lookahead.

use super::helpers::Ctx;
use crate::error::SyntaxError;
use crate::lexer::Spanned;
use crate::token::Tok;

/// Whether token `index` starts a statement.
fn at_statement_start(tokens: &[Spanned], index: usize) -> bool {
    index == 0
        || matches!(
            tokens[index - 1].1,
            Tok::Newline | Tok::Indent | Tok::Dedent | Tok::Semi
        )
}

/// The index of the token that closes the bracket opened at `open`, if any.
fn matching_close(tokens: &[Spanned], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, (_, tok, _)) in tokens.iter().enumerate().skip(open) {
        match tok {
            Tok::Lpar | Tok::Lsqb | Tok::Lbrace => depth += 1,
            Tok::Rpar | Tok::Rsqb | Tok::Rbrace => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            Tok::Newline => return None,
            _ => {}
        }
    }
    None
}

/// Whether the tokens strictly between `open` and `close` hold `as` or a comma at depth one.
fn holds_with_items(tokens: &[Spanned], open: usize, close: usize) -> bool {
    if matches!(
        tokens.get(open + 1).map(|t| &t.1),
        Some(Tok::Yield | Tok::Star)
    ) {
        return false;
    }
    let mut depth = 0usize;
    for (_, tok, _) in &tokens[open + 1..close] {
        match tok {
            Tok::Lpar | Tok::Lsqb | Tok::Lbrace => depth += 1,
            Tok::Rpar | Tok::Rsqb | Tok::Rbrace => depth = depth.saturating_sub(1),
            Tok::As | Tok::Comma if depth == 0 => return true,
            Tok::ColonEqual if depth == 0 => return false,
            _ => {}
        }
    }
    false
}

/// Rewrites `with (a as b, c):` to `with a as b, c:`.
///
/// CPython 3.9+ reads parenthesised with-items when the `)` is followed by `:` (PEG
/// backtracking); an LR(1) parser cannot tell `(a, b)` the tuple from `(a, b)` the items
/// until the `:`, so the parentheses (and a trailing comma) are dropped here instead.
pub fn unparenthesize_with_items(tokens: &mut Vec<Spanned>) {
    let mut drop = Vec::new();
    for i in 0..tokens.len() {
        if !matches!(tokens[i].1, Tok::With)
            || !matches!(tokens.get(i + 1).map(|t| &t.1), Some(Tok::Lpar))
        {
            continue;
        }
        let open = i + 1;
        let Some(close) = matching_close(tokens, open) else {
            continue;
        };
        if !matches!(tokens.get(close + 1).map(|t| &t.1), Some(Tok::Colon)) {
            continue;
        }
        if !holds_with_items(tokens, open, close) {
            continue;
        }
        drop.push(open);
        if matches!(tokens[close - 1].1, Tok::Comma) && close - 1 > open {
            drop.push(close - 1);
        }
        drop.push(close);
    }
    if drop.is_empty() {
        return;
    }
    let mut index = 0;
    tokens.retain(|_| {
        let keep = drop.binary_search(&index).is_err();
        index += 1;
        keep
    });
}

/// Turns the soft keywords of match statements into `Tok::Match` / `Tok::Case`: a logical
/// line that starts with the name `match` or `case` and ends with `:` (no simple statement
/// can) opens a match statement or a case block. Other uses of the names are left alone.
/// An `as` pattern nested in a case pattern (`[a, (1 | 2) as b]`), which is no expression,
/// is rewritten to the call-shaped `match.as(<pattern>, b)` that match_stmt.rs lowers.
pub fn mark_match_statements(tokens: &mut Vec<Spanned>) {
    let mut i = 0;
    while i < tokens.len() {
        mark_soft_keyword(tokens, i);
        if matches!(tokens[i].1, Tok::Case) {
            while rewrite_nested_as(tokens, i) {}
        }
        i += 1;
    }
}

/// Rewrites the first `X as name` nested in brackets on the case line starting at `case`
/// into `match.as(X, name)`; false when there is none.
fn rewrite_nested_as(tokens: &mut Vec<Spanned>, case: usize) -> bool {
    let mut depth = 0usize;
    let mut found = None;
    for (offset, (_, t, _)) in tokens[case + 1..].iter().enumerate() {
        match t {
            Tok::Lpar | Tok::Lsqb | Tok::Lbrace => depth += 1,
            Tok::Rpar | Tok::Rsqb | Tok::Rbrace => depth = depth.saturating_sub(1),
            Tok::As if depth > 0 => {
                found = Some(case + 1 + offset);
                break;
            }
            Tok::Newline => break,
            _ => {}
        }
    }
    let Some(as_index) = found else { return false };
    if !matches!(tokens.get(as_index + 1).map(|t| &t.1), Some(Tok::Name(_))) {
        return false;
    }
    // The pattern before `as` reaches back to the separator or bracket that opens it.
    let mut start = as_index;
    let mut nesting = 0usize;
    while start > case + 1 {
        let t = &tokens[start - 1].1;
        match t {
            Tok::Rpar | Tok::Rsqb | Tok::Rbrace => nesting += 1,
            Tok::Lpar | Tok::Lsqb | Tok::Lbrace if nesting == 0 => break,
            Tok::Lpar | Tok::Lsqb | Tok::Lbrace => nesting -= 1,
            Tok::Comma | Tok::Colon | Tok::Equal if nesting == 0 => break,
            _ => {}
        }
        start -= 1;
    }
    if start == as_index {
        return false;
    }
    let (as_start, _, as_end) = tokens[as_index].clone();
    let name = tokens[as_index + 1].clone();
    let pattern_start = tokens[start].0;
    let mut replacement = vec![
        (
            pattern_start,
            Tok::Name("match.as".to_string()),
            pattern_start,
        ),
        (pattern_start, Tok::Lpar, pattern_start),
    ];
    replacement.extend(tokens[start..as_index].iter().cloned());
    replacement.push((as_start, Tok::Comma, as_end));
    replacement.push(name.clone());
    replacement.push((name.2, Tok::Rpar, name.2));
    tokens.splice(start..as_index + 2, replacement);
    true
}

/// Marks token `i` as `Tok::Match`/`Tok::Case` when it opens a match statement or case block.
fn mark_soft_keyword(tokens: &mut [Spanned], i: usize) {
    let is_soft = matches!(&tokens[i].1, Tok::Name(n) if n == "match" || n == "case");
    if !is_soft || !at_statement_start(tokens, i) {
        return;
    }
    let Some(line_end) = tokens[i..]
        .iter()
        .position(|(_, t, _)| matches!(t, Tok::Newline))
        .map(|n| i + n)
    else {
        return;
    };
    if line_end > i + 1 && matches!(tokens[line_end - 1].1, Tok::Colon) {
        let keyword = match &tokens[i].1 {
            Tok::Name(n) if n == "match" => Tok::Match,
            _ => Tok::Case,
        };
        tokens[i].1 = keyword;
    }
}

/// Finds the first `type` statement, or PEP 695 type parameters (`def f[T]()`,
/// `class A[T]:`), which percolate refuses with a clear message.
///
/// `type X = ...` is recognised as `type` followed by a name and `=` or `[`. Uses of `type`
/// as a name are left alone.
pub fn find_refused_statement(ctx: &Ctx, tokens: &[Spanned]) -> Option<(usize, SyntaxError)> {
    for (i, (start, tok, end)) in tokens.iter().enumerate() {
        if matches!(tok, Tok::Def | Tok::Class)
            && matches!(tokens.get(i + 1).map(|t| &t.1), Some(Tok::Name(_)))
            && let Some((bracket, _, bracket_end)) = tokens.get(i + 2)
            && matches!(tokens[i + 2].1, Tok::Lsqb)
        {
            let msg = "type parameter lists are not supported by percolate";
            return Some((*start, ctx.syntax_error(msg, *bracket, *bracket_end)));
        }
        let Tok::Name(name) = tok else { continue };
        if !at_statement_start(tokens, i) {
            continue;
        }
        if name == "type" {
            let name_follows = matches!(tokens.get(i + 1).map(|t| &t.1), Some(Tok::Name(_)));
            let assign_follows = matches!(
                tokens.get(i + 2).map(|t| &t.1),
                Some(Tok::Equal | Tok::Lsqb)
            );
            if name_follows && assign_follows {
                let msg = "type alias statements are not supported by percolate";
                return Some((*start, ctx.syntax_error(msg, *start, *end)));
            }
        }
    }
    None
}
