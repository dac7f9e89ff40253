//! Lexer behaviour through the public API: tokens, indentation, literals and CPython's errors.

use num_bigint::BigInt;
use percolate::error::SyntaxErrorKind;
use percolate::lexer::{Lexer, tokenize};
use percolate::token::Tok;

/// The tokens of `src` without spans.
fn toks(src: &str) -> Vec<Tok> {
    match tokenize(src, "t.py") {
        Ok(tokens) => tokens.into_iter().map(|(_, tok, _)| tok).collect(),
        Err(err) => panic!("unexpected error for {src:?}:\n{err}"),
    }
}

/// The error for `src` as (kind, message, line, column).
fn err(src: &str) -> (SyntaxErrorKind, String, usize, usize) {
    match tokenize(src, "t.py") {
        Ok(tokens) => panic!("expected an error for {src:?}, got {tokens:?}"),
        Err(e) => (e.kind, e.msg, e.line, e.col),
    }
}

fn name(s: &str) -> Tok {
    Tok::Name(s.to_string())
}

fn int(v: i64) -> Tok {
    Tok::Int(BigInt::from(v))
}

fn s(v: &str) -> Tok {
    Tok::Str(v.to_string())
}

const SYNTAX: SyntaxErrorKind = SyntaxErrorKind::Syntax;

#[test]
fn simple_statement_gets_final_newline() {
    assert_eq!(
        toks("x = 1"),
        vec![name("x"), Tok::Equal, int(1), Tok::Newline]
    );
}

#[test]
fn spans_are_byte_offsets() {
    let tokens = tokenize("ab = 'c'\n", "t.py").unwrap();
    let spans: Vec<(usize, usize)> = tokens.iter().map(|(s, _, e)| (*s, *e)).collect();
    assert_eq!(spans, vec![(0, 2), (3, 4), (5, 8), (8, 9)]);
}

#[test]
fn keywords_and_soft_keywords() {
    assert_eq!(
        toks("def match case type _ async await None"),
        vec![
            Tok::Def,
            name("match"),
            name("case"),
            name("type"),
            name("_"),
            Tok::Async,
            Tok::Await,
            Tok::None,
            Tok::Newline
        ]
    );
}

#[test]
fn indentation_nested_blocks_and_multi_dedent() {
    let src = "if a:\n    if b:\n        x\ny\n";
    assert_eq!(
        toks(src),
        vec![
            Tok::If,
            name("a"),
            Tok::Colon,
            Tok::Newline,
            Tok::Indent,
            Tok::If,
            name("b"),
            Tok::Colon,
            Tok::Newline,
            Tok::Indent,
            name("x"),
            Tok::Newline,
            Tok::Dedent,
            Tok::Dedent,
            name("y"),
            Tok::Newline,
        ]
    );
}

#[test]
fn brackets_suppress_newlines() {
    assert_eq!(
        toks("f(1,\n  2)\n"),
        vec![
            name("f"),
            Tok::Lpar,
            int(1),
            Tok::Comma,
            int(2),
            Tok::Rpar,
            Tok::Newline
        ]
    );
}

#[test]
fn unclosed_bracket_is_incomplete() {
    let e = tokenize("x = (1,\n2", "t.py").unwrap_err();
    assert_eq!(
        (e.msg.as_str(), e.line, e.col),
        ("'(' was never closed", 1, 5)
    );
    assert!(e.incomplete);
}

#[test]
fn plain_strings() {
    assert_eq!(toks(r#"'a' "b\n""#), vec![s("a"), s("b\n"), Tok::Newline]);
}

#[test]
fn expression_lexer_ignores_newlines() {
    let src = "f'{a\n+ b}'";
    let tokens: Vec<Tok> = Lexer::new_expression(src, "t.py", 3, 8)
        .map(|t| t.unwrap().1)
        .collect();
    assert_eq!(tokens, vec![name("a"), Tok::Plus, name("b")]);
}

#[test]
fn unterminated_string() {
    assert_eq!(
        err("x = 'abc\n"),
        (
            SYNTAX,
            "unterminated string literal (detected at line 1)".into(),
            1,
            5
        )
    );
}
