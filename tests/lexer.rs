//! Lexer behaviour through the public API: tokens, indentation, literals and CPython's errors.

use num_bigint::BigInt;
use percolate::error::SyntaxErrorKind;
use percolate::lexer::{Lexer, tokenize};
use percolate::token::{FStringField, FStringPart, Tok};

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

fn ok(src: &str) {
    if let Err(e) = tokenize(src, "t.py") {
        panic!("unexpected error for {src:?}:\n{e}");
    }
}

fn float(v: f64) -> Tok {
    Tok::Float(v)
}

fn fstring(src: &str) -> Vec<FStringPart> {
    match toks(src).into_iter().next() {
        Some(Tok::FString(parts)) => parts,
        other => panic!("expected an f-string for {src:?}, got {other:?}"),
    }
}

fn lit(s: &str) -> FStringPart {
    FStringPart::Literal(s.to_string())
}

/// A field without debug text, conversion or spec.
fn field(expr: &str, offset: usize) -> FStringPart {
    FStringPart::Field(FStringField {
        expr_source: expr.to_string(),
        expr_offset: offset,
        debug_text: None,
        conversion: None,
        format_spec: None,
    })
}

const INDENTATION: SyntaxErrorKind = SyntaxErrorKind::Indentation;

// ---- indentation -------------------------------------------------------------------------

#[test]
fn dedent_by_several_levels_at_eof_without_newline() {
    assert_eq!(
        toks("if a:\n  if b:\n    c"),
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
            name("c"),
            Tok::Newline,
            Tok::Dedent,
            Tok::Dedent,
        ]
    );
}

#[test]
fn blank_and_comment_lines_produce_nothing() {
    let src = "# head\n\nif a:\n\n    # inside\n      # odd indent comment\n    x  # trailing\n\n# tail\n";
    assert_eq!(
        toks(src),
        vec![
            Tok::If,
            name("a"),
            Tok::Colon,
            Tok::Newline,
            Tok::Indent,
            name("x"),
            Tok::Newline,
            Tok::Dedent,
        ]
    );
}

#[test]
fn empty_and_comment_only_files() {
    assert_eq!(toks(""), vec![]);
    assert_eq!(toks("# only\n\n   \n"), vec![]);
}

#[test]
fn indent_and_dedent_are_zero_width_at_first_token() {
    let tokens = tokenize("if a:\n    b\nc\n", "t.py").unwrap();
    assert_eq!(tokens[4], (10, Tok::Indent, 10));
    assert_eq!(tokens[7], (12, Tok::Dedent, 12));
}

#[test]
fn brackets_spanning_lines_ignore_indentation() {
    let src = "x = [\n        1,\n  2,\n]\ny\n";
    assert_eq!(
        toks(src),
        vec![
            name("x"),
            Tok::Equal,
            Tok::Lsqb,
            int(1),
            Tok::Comma,
            int(2),
            Tok::Comma,
            Tok::Rsqb,
            Tok::Newline,
            name("y"),
            Tok::Newline,
        ]
    );
}

#[test]
fn backslash_continuation_joins_lines() {
    assert_eq!(
        toks("x = 1 + \\\n        2\ny\n"),
        vec![
            name("x"),
            Tok::Equal,
            int(1),
            Tok::Plus,
            int(2),
            Tok::Newline,
            name("y"),
            Tok::Newline
        ]
    );
}

#[test]
fn crlf_and_form_feed() {
    assert_eq!(
        toks("if a:\r\n    b\r\n\x0cc\r\n"),
        vec![
            Tok::If,
            name("a"),
            Tok::Colon,
            Tok::Newline,
            Tok::Indent,
            name("b"),
            Tok::Newline,
            Tok::Dedent,
            name("c"),
            Tok::Newline,
        ]
    );
}

#[test]
fn tabs_consistent_with_themselves() {
    assert_eq!(
        toks("if a:\n\tb\n\tc\n"),
        vec![
            Tok::If,
            name("a"),
            Tok::Colon,
            Tok::Newline,
            Tok::Indent,
            name("b"),
            Tok::Newline,
            name("c"),
            Tok::Newline,
            Tok::Dedent,
        ]
    );
}

#[test]
fn tab_error_when_tabs_and_spaces_disagree() {
    for src in [
        "if 1:\n\tx\n        y\n",
        "if 1:\n        x\n\ty\n",
        "if 1:\n  x\n\ty\n",
    ] {
        let (kind, msg, line, _) = err(src);
        assert_eq!(kind, SyntaxErrorKind::Tab);
        assert_eq!(msg, "inconsistent use of tabs and spaces in indentation");
        assert_eq!(line, 3);
    }
}

#[test]
fn unindent_mismatch() {
    assert_eq!(
        err("if 1:\n    x\n  yyy = 1\n"),
        (
            INDENTATION,
            "unindent does not match any outer indentation level".into(),
            3,
            10
        )
    );
}

#[test]
fn unexpected_indent_is_left_to_the_parser() {
    assert_eq!(
        toks("  x\n"),
        vec![Tok::Indent, name("x"), Tok::Newline, Tok::Dedent]
    );
}

// ---- names, operators ----------------------------------------------------------------------

#[test]
fn unicode_identifiers_are_nfkc_normalised() {
    assert_eq!(
        toks("café ﬁx"),
        vec![name("café"), name("fix"), Tok::Newline]
    );
    assert_eq!(toks("défaut"), vec![name("défaut"), Tok::Newline]);
}

#[test]
fn all_operators() {
    let src = "( ) [ ] { } : , ; . ... -> := = + - * ** / // % @ | & ^ ~ << >> < > <= >= == != \
               += -= *= /= //= %= @= &= |= ^= <<= >>= **=";
    let expected = vec![
        Tok::Lpar,
        Tok::Rpar,
        Tok::Lsqb,
        Tok::Rsqb,
        Tok::Lbrace,
        Tok::Rbrace,
        Tok::Colon,
        Tok::Comma,
        Tok::Semi,
        Tok::Dot,
        Tok::Ellipsis,
        Tok::Arrow,
        Tok::ColonEqual,
        Tok::Equal,
        Tok::Plus,
        Tok::Minus,
        Tok::Star,
        Tok::DoubleStar,
        Tok::Slash,
        Tok::DoubleSlash,
        Tok::Percent,
        Tok::At,
        Tok::Vbar,
        Tok::Amper,
        Tok::Circumflex,
        Tok::Tilde,
        Tok::LeftShift,
        Tok::RightShift,
        Tok::Less,
        Tok::Greater,
        Tok::LessEqual,
        Tok::GreaterEqual,
        Tok::EqEqual,
        Tok::NotEqual,
        Tok::PlusEqual,
        Tok::MinEqual,
        Tok::StarEqual,
        Tok::SlashEqual,
        Tok::DoubleSlashEqual,
        Tok::PercentEqual,
        Tok::AtEqual,
        Tok::AmperEqual,
        Tok::VbarEqual,
        Tok::CircumflexEqual,
        Tok::LeftShiftEqual,
        Tok::RightShiftEqual,
        Tok::DoubleStarEqual,
        Tok::Newline,
    ];
    assert_eq!(toks(src), expected);
}

#[test]
fn dots_and_floats() {
    assert_eq!(
        toks("a.b"),
        vec![name("a"), Tok::Dot, name("b"), Tok::Newline]
    );
    assert_eq!(
        toks("x[...]"),
        vec![name("x"), Tok::Lsqb, Tok::Ellipsis, Tok::Rsqb, Tok::Newline]
    );
    assert_eq!(toks(".5"), vec![float(0.5), Tok::Newline]);
}

#[test]
fn invalid_characters() {
    assert_eq!(
        err("a € b"),
        (SYNTAX, "invalid character '€' (U+20AC)".into(), 1, 3)
    );
    assert_eq!(
        err("a\u{a0}b"),
        (
            SYNTAX,
            "invalid non-printable character U+00A0".into(),
            1,
            2
        )
    );
    assert_eq!(
        err("a $b"),
        (SYNTAX, "invalid character '$' (U+0024)".into(), 1, 3)
    );
}

#[test]
fn continuation_errors() {
    assert_eq!(
        err("x = 1 \\ 2"),
        (
            SYNTAX,
            "unexpected character after line continuation character".into(),
            1,
            8
        )
    );
    let e = tokenize("x = 1 \\", "t.py").unwrap_err();
    assert_eq!(
        (e.msg.as_str(), e.line, e.col),
        ("unexpected EOF while parsing", 1, 8)
    );
    assert!(e.incomplete);
}

#[test]
fn bracket_errors() {
    assert_eq!(err("x = )"), (SYNTAX, "unmatched ')'".into(), 1, 5));
    assert_eq!(
        err("x = (]"),
        (
            SYNTAX,
            "closing parenthesis ']' does not match opening parenthesis '('".into(),
            1,
            6
        )
    );
    assert_eq!(
        err("x = (\n]"),
        (
            SYNTAX,
            "closing parenthesis ']' does not match opening parenthesis '(' on line 1".into(),
            2,
            1
        )
    );
    assert_eq!(
        err("f(\n[1,\n"),
        (SYNTAX, "'[' was never closed".into(), 2, 1)
    );
}

// ---- numbers -------------------------------------------------------------------------------

#[test]
fn integers_of_every_base_and_size() {
    assert_eq!(
        toks("0 7 1_000 0xff 0XF_F 0o17 0b1010 0_0"),
        vec![
            int(0),
            int(7),
            int(1000),
            int(255),
            int(255),
            int(15),
            int(10),
            int(0),
            Tok::Newline
        ]
    );
    let big: BigInt = "123456789012345678901234567890".parse().unwrap();
    assert_eq!(
        toks("123456789012345678901234567890"),
        vec![Tok::Int(big), Tok::Newline]
    );
}

#[test]
fn floats_and_imaginary() {
    assert_eq!(
        toks("1. .5 1e-3 1_0.5 1E+2 00.5 0e0"),
        vec![
            float(1.0),
            float(0.5),
            float(0.001),
            float(10.5),
            float(100.0),
            float(0.5),
            float(0.0),
            Tok::Newline
        ]
    );
    assert_eq!(
        toks("2j 1.5J 1e3j 0j"),
        vec![
            Tok::Imaginary(2.0),
            Tok::Imaginary(1.5),
            Tok::Imaginary(1000.0),
            Tok::Imaginary(0.0),
            Tok::Newline
        ]
    );
}

#[test]
fn number_followed_by_keyword() {
    assert_eq!(
        toks("1if x else 2"),
        vec![int(1), Tok::If, name("x"), Tok::Else, int(2), Tok::Newline]
    );
    assert_eq!(toks("1else"), vec![int(1), Tok::Else, Tok::Newline]);
}

#[test]
fn number_errors() {
    let leading = "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers";
    let cases: &[(&str, &str, usize)] = &[
        ("1abc", "invalid decimal literal", 1),
        ("x = 12abc", "invalid decimal literal", 6),
        ("1_", "invalid decimal literal", 2),
        ("1__0", "invalid decimal literal", 2),
        ("1e", "invalid decimal literal", 1),
        ("1e+", "invalid decimal literal", 3),
        ("x = 1.5_", "invalid decimal literal", 8),
        ("0x", "invalid hexadecimal literal", 2),
        ("0xg", "invalid hexadecimal literal", 2),
        ("x = 0x1g", "invalid hexadecimal literal", 7),
        ("x = 0o7z", "invalid octal literal", 7),
        ("x = 0b1_", "invalid binary literal", 8),
        ("0b2", "invalid digit '2' in binary literal", 3),
        ("0o8", "invalid digit '8' in octal literal", 3),
        ("1jx", "invalid imaginary literal", 2),
        ("0777", leading, 1),
        ("0_7", leading, 1),
    ];
    for &(src, msg, col) in cases {
        assert_eq!(err(src), (SYNTAX, msg.to_string(), 1, col), "for {src:?}");
    }
}

// ---- strings -------------------------------------------------------------------------------

#[test]
fn every_quote_form() {
    assert_eq!(
        toks("'a' \"b\" '''c\nd''' \"\"\"e\"f\"\"\""),
        vec![s("a"), s("b"), s("c\nd"), s("e\"f"), Tok::Newline]
    );
}

#[test]
fn implicit_concatenation_yields_separate_tokens() {
    assert_eq!(toks("'a' 'b'"), vec![s("a"), s("b"), Tok::Newline]);
}

#[test]
fn every_prefix() {
    assert_eq!(
        toks(r"r'\n' R'\n' u'\n' U'x' b'\n' B'a' rb'\n' Rb'a' bR'\n' BR'a'"),
        vec![
            s("\\n"),
            s("\\n"),
            s("\n"),
            s("x"),
            Tok::Bytes(b"\n".to_vec()),
            Tok::Bytes(b"a".to_vec()),
            Tok::Bytes(b"\\n".to_vec()),
            Tok::Bytes(b"a".to_vec()),
            Tok::Bytes(b"\\n".to_vec()),
            Tok::Bytes(b"a".to_vec()),
            Tok::Newline
        ]
    );
    // Not prefixes: plain names followed by a string.
    assert_eq!(toks("ur'x'"), vec![name("ur"), s("x"), Tok::Newline]);
}

#[test]
fn escapes() {
    assert_eq!(
        toks(r#"'\\ \' \" \a \b \f \v \r \t \x41 \u00e9 \U0001F600 \N{BULLET} \101 \0 \777'"#),
        vec![
            s("\\ ' \" \x07 \x08 \x0c \x0b \r \t A é 😀 • A \0 \u{1ff}"),
            Tok::Newline
        ]
    );
    assert_eq!(toks("'a\\\nb'"), vec![s("ab"), Tok::Newline]);
    assert_eq!(toks(r"'\d \8 \{'"), vec![s("\\d \\8 \\{"), Tok::Newline]);
    assert_eq!(
        toks(r"b'\x41\777\q\0'"),
        vec![Tok::Bytes(b"A\xff\\q\0".to_vec()), Tok::Newline]
    );
}

#[test]
fn crlf_inside_triple_quoted_string_becomes_lf() {
    assert_eq!(toks("'''a\r\nb'''\r\n"), vec![s("a\nb"), Tok::Newline]);
}

#[test]
fn string_errors() {
    assert_eq!(
        err("x = \"ab\\\ncd"),
        (
            SYNTAX,
            "unterminated string literal (detected at line 2)".into(),
            1,
            5
        )
    );
    let e = tokenize("x='''abc\n\n\n", "t.py").unwrap_err();
    assert_eq!(
        (e.msg.as_str(), e.line, e.col),
        (
            "unterminated triple-quoted string literal (detected at line 3)",
            1,
            3
        )
    );
    assert!(e.incomplete);
    assert_eq!(
        err("b'é'"),
        (
            SYNTAX,
            "bytes can only contain ASCII literal characters".into(),
            1,
            1
        )
    );
    assert_eq!(
        err(r#""\x4g""#),
        (
            SYNTAX,
            r"(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \xXX escape"
                .into(),
            1,
            7
        )
    );
    assert_eq!(
        err(r#"x = "\N{foo}""#).1,
        r"(unicode error) 'unicodeescape' codec can't decode bytes in position 0-6: unknown Unicode character name"
    );
    assert_eq!(
        err(r#""ab\u12zz""#).1,
        r"(unicode error) 'unicodeescape' codec can't decode bytes in position 2-5: truncated \uXXXX escape"
    );
    assert_eq!(
        err(r#""\U00110000""#).1,
        r"(unicode error) 'unicodeescape' codec can't decode bytes in position 0-9: illegal Unicode character"
    );
    assert_eq!(
        err(r"b'\x4g'").1,
        r"(value error) invalid \x escape at position 0"
    );
}

// ---- f-strings -----------------------------------------------------------------------------

#[test]
fn fstring_literal_and_fields() {
    assert_eq!(
        fstring("f'a{x}b{{c}}{y + 1}'"),
        vec![lit("a"), field("x", 4), lit("b{c}"), field("y + 1", 13)]
    );
    assert_eq!(fstring("f''"), vec![]);
    assert_eq!(fstring("F'\\n{x}'"), vec![lit("\n"), field("x", 5)]);
}

#[test]
fn fstring_nested_quotes_and_fstrings() {
    let src = r#"f"{now.strftime("%H:%M")}""#;
    assert_eq!(fstring(src), vec![field(r#"now.strftime("%H:%M")"#, 3)]);
    let src = r#"f"{f"{x!r}"}""#;
    assert_eq!(fstring(src), vec![field(r#"f"{x!r}""#, 3)]);
    let src = "f'''{\"}\"}'''";
    assert_eq!(fstring(src), vec![field("\"}\"", 5)]);
}

#[test]
fn fstring_colon_bang_inside_brackets_and_not_equal() {
    assert_eq!(fstring("f'{d[1:2]}'"), vec![field("d[1:2]", 3)]);
    assert_eq!(fstring("f'{a != b}'"), vec![field("a != b", 3)]);
    assert_eq!(
        fstring("f'{(lambda x: x)(1)}'"),
        vec![field("(lambda x: x)(1)", 3)]
    );
    assert_eq!(
        fstring("f'{ {\"a\": 1}[\"a\"] }'"),
        vec![field(" {\"a\": 1}[\"a\"] ", 3)]
    );
    assert_eq!(fstring("f'{a == b}'"), vec![field("a == b", 3)]);
}

#[test]
fn fstring_conversions_specs_and_debug() {
    let parts = fstring("f'{x!r:>{width}.{prec}}'");
    let FStringPart::Field(f) = &parts[0] else {
        panic!("{parts:?}")
    };
    assert_eq!(f.conversion, Some('r'));
    assert_eq!(
        f.format_spec,
        Some(vec![
            lit(">"),
            field("width", 9),
            lit("."),
            field("prec", 17)
        ])
    );
    let parts = fstring("f'{x = }'");
    let FStringPart::Field(f) = &parts[0] else {
        panic!("{parts:?}")
    };
    assert_eq!(f.expr_source, "x ");
    assert_eq!(f.debug_text.as_deref(), Some("x = "));
    assert_eq!(f.conversion, Some('r'));
    let parts = fstring("f'{x=!s:^5}'");
    let FStringPart::Field(f) = &parts[0] else {
        panic!("{parts:?}")
    };
    assert_eq!(f.debug_text.as_deref(), Some("x="));
    assert_eq!(f.conversion, Some('s'));
    assert_eq!(f.format_spec, Some(vec![lit("^5")]));
    let parts = fstring("f'{x:=5}'");
    let FStringPart::Field(f) = &parts[0] else {
        panic!("{parts:?}")
    };
    assert_eq!(f.format_spec, Some(vec![lit("=5")]));
    let parts = fstring("f'{x!a}'");
    let FStringPart::Field(f) = &parts[0] else {
        panic!("{parts:?}")
    };
    assert_eq!(f.conversion, Some('a'));
}

#[test]
fn raw_fstrings() {
    assert_eq!(
        fstring(r"rf'\n{x}\d'"),
        vec![lit("\\n"), field("x", 6), lit("\\d")]
    );
    assert_eq!(fstring(r"fR'\{x}'"), vec![lit("\\"), field("x", 5)]);
}

#[test]
fn fstring_named_escape_is_not_a_field() {
    assert_eq!(
        fstring(r"f'\N{BULLET} {x}'"),
        vec![lit("• "), field("x", 14)]
    );
}

#[test]
fn fstring_multiline_expression_in_triple_quotes() {
    let src = "f'''{\n  a +\n  b\n}'''";
    assert_eq!(fstring(src), vec![field("\n  a +\n  b\n", 5)]);
}

#[test]
fn fstring_field_can_be_relexed_with_file_offsets() {
    let src = "x = f'{a.b(1)}'";
    let parts = fstring_at(src);
    let FStringPart::Field(f) = &parts[0] else {
        panic!("{parts:?}")
    };
    let tokens: Vec<(usize, Tok, usize)> = Lexer::new_expression(
        src,
        "t.py",
        f.expr_offset,
        f.expr_offset + f.expr_source.len(),
    )
    .collect::<Result<_, _>>()
    .unwrap();
    assert_eq!(tokens[0], (7, name("a"), 8));
    assert_eq!(tokens.len(), 6);
}

fn fstring_at(src: &str) -> Vec<FStringPart> {
    toks(src)
        .into_iter()
        .find_map(|t| match t {
            Tok::FString(parts) => Some(parts),
            _ => None,
        })
        .unwrap()
}

#[test]
fn fstring_errors() {
    let cases: &[(&str, &str, usize)] = &[
        ("f'{x'", "f-string: expecting '}'", 5),
        ("f'}'", "f-string: single '}' is not allowed", 3),
        ("f'{}'", "f-string: valid expression required before '}'", 4),
        (
            "f'{!r}'",
            "f-string: valid expression required before '!'",
            4,
        ),
        ("f'{x!}'", "f-string: missing conversion character", 6),
        (
            "f'{x!z}'",
            "f-string: invalid conversion character 'z': expected 's', 'r', or 'a'",
            6,
        ),
        (
            "f'{x:{y:{z:{w}}}}'",
            "f-string: expressions nested too deeply",
            12,
        ),
        (
            "f'abc",
            "unterminated f-string literal (detected at line 1)",
            1,
        ),
        (
            "x = f'{a\n}'",
            "unterminated f-string literal (detected at line 1)",
            5,
        ),
        ("f'{x)}'", "f-string: unmatched ')'", 5),
    ];
    for &(src, msg, col) in cases {
        assert_eq!(err(src), (SYNTAX, msg.to_string(), 1, col), "for {src:?}");
    }
    let e = tokenize("f'''{x}\n", "t.py").unwrap_err();
    assert_eq!(
        e.msg,
        "unterminated triple-quoted f-string literal (detected at line 1)"
    );
    assert!(e.incomplete);
}

#[test]
fn ok_corner_cases() {
    ok("x = {'a': 1}['a']\n");
    ok("\u{feff}x = 1\n");
    ok("print(f\"{'a' if x else 'b'}\")\n");
}
