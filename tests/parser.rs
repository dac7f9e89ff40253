//! Parser tests through the public API: snapshots of the AST of one file per construct
//! family in `tests/parse_cases/`, plus targeted checks of shapes CPython's `ast` defines.

mod support;

use percolate::ast::{Constant, ExprKind, StmtKind};
use percolate::parser::{parse_expression, parse_interactive, parse_module};
use std::path::Path;
use std::process::Command;

/// Parses `tests/parse_cases/<name>.py` and returns the compact AST dump.
fn dump_case(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/parse_cases")
        .join(format!("{name}.py"));
    let source = std::fs::read_to_string(&path).expect("case file exists");
    check_cpython_accepts(&path);
    match parse_module(&source, &path.display().to_string()) {
        Ok(module) => support::dump_module(&module),
        Err(err) => panic!("{name}.py failed to parse:\n{err}"),
    }
}

/// When python3 is installed, the case file must be valid Python for `ast.parse` too.
fn check_cpython_accepts(path: &Path) {
    let script = "import ast, sys; ast.parse(open(sys.argv[1], encoding='utf-8').read())";
    if let Ok(output) = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(path)
        .output()
    {
        assert!(
            output.status.success(),
            "python3 rejects {}: {}",
            path.display(),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

macro_rules! snapshot_case {
    ($test:ident, $name:literal) => {
        #[test]
        fn $test() {
            insta::assert_snapshot!($name, dump_case($name));
        }
    };
}

snapshot_case!(simple_statements, "simple_statements");
snapshot_case!(compound_statements, "compound");
snapshot_case!(definitions, "functions");
snapshot_case!(expressions, "expressions");
snapshot_case!(displays_and_comprehensions, "displays");
snapshot_case!(string_literals, "strings");
snapshot_case!(soft_keywords_as_names, "soft_keywords");

/// The single expression statement of `source`.
fn only_expr(source: &str) -> ExprKind {
    let module = parse_module(source, "<test>").expect("parses");
    assert_eq!(module.body.len(), 1, "one statement in {source:?}");
    match module.body.into_iter().next().map(|s| s.node) {
        Some(StmtKind::Expr(e)) => e.node,
        other => panic!("not an expression statement: {other:?}"),
    }
}

#[test]
fn power_binds_tighter_than_unary_minus_on_its_left() {
    let ExprKind::UnaryOp { operand, .. } = only_expr("-2**2\n") else {
        panic!("not unary")
    };
    assert!(matches!(operand.node, ExprKind::BinOp { .. }));
}

#[test]
fn fstring_field_spans_are_file_relative() {
    let source = "x = 1\nf'ab{name}'\n";
    let ExprKind::JoinedStr(values) = only_expr_at(source, 1) else {
        panic!("not JoinedStr")
    };
    let ExprKind::FormattedValue { value, .. } = &values[1].node else {
        panic!("no field")
    };
    let span = value.span;
    assert_eq!(&source[span.start as usize..span.end as usize], "name");
}

/// The expression of statement `index` of `source`.
fn only_expr_at(source: &str, index: usize) -> ExprKind {
    let module = parse_module(source, "<test>").expect("parses");
    match module.body.into_iter().nth(index).map(|s| s.node) {
        Some(StmtKind::Expr(e)) => e.node,
        other => panic!("not an expression statement: {other:?}"),
    }
}

#[test]
fn debug_fstring_emits_text_then_repr() {
    let ExprKind::JoinedStr(values) = only_expr("f'{x=}'\n") else {
        panic!("not JoinedStr")
    };
    assert!(matches!(&values[0].node, ExprKind::Constant(Constant::Str(s)) if s == "x="));
    assert!(matches!(
        &values[1].node,
        ExprKind::FormattedValue {
            conversion: Some(percolate::ast::Conversion::Repr),
            ..
        }
    ));
}

#[test]
fn implicit_concatenation_of_plain_strings_is_one_constant() {
    let node = only_expr("'a' \"b\"\n");
    assert!(matches!(node, ExprKind::Constant(Constant::Str(s)) if s == "ab"));
}

#[test]
fn parse_expression_returns_the_expression() {
    let e = parse_expression("  1 + 2", "<string>").expect("parses");
    assert!(matches!(e.node, ExprKind::BinOp { .. }));
    let e = parse_expression("a, b", "<string>").expect("parses");
    assert!(matches!(e.node, ExprKind::Tuple(_)));
}

#[test]
fn parse_expression_positions_match_cpython_compile_eval() {
    // (source, line, offset, end offset) from `compile(source, '<string>', 'eval')` in 3.11.
    let cases = [
        ("x = 1", 1, 3, 4),
        ("1; 2", 1, 2, 3),
        ("import os", 1, 1, 7),
        ("1\n2", 2, 1, 2),
        ("yield", 1, 1, 6),
        ("*a", 1, 1, 2),
        ("a, *b", 1, 4, 5),
        ("", 0, 0, 0),
    ];
    for (source, line, col, end_col) in cases {
        let err = parse_expression(source, "<string>").unwrap_err();
        assert_eq!(err.msg, "invalid syntax", "{source:?}");
        assert_eq!(
            (err.line, err.col, err.end_col),
            (line, col, end_col),
            "{source:?}"
        );
    }
}

#[test]
fn parse_expression_rejects_statements() {
    let err = parse_expression("x = 1", "<string>").unwrap_err();
    assert_eq!(
        (err.msg.as_str(), err.line, err.col),
        ("invalid syntax", 1, 3)
    );
    assert!(parse_expression("import os", "<string>").is_err());
}

#[test]
fn interactive_input_reports_incomplete_blocks() {
    for source in [
        "if x:\n",
        "def f():\n",
        "x = (1,\n",
        "class A:\n    def f(self):\n",
        "s = '''abc\n",
    ] {
        let err = parse_interactive(source).unwrap_err();
        assert!(err.incomplete, "{source:?} should be incomplete: {err}");
        assert_eq!(err.filename, "<stdin>");
    }
    for source in ["x = 1 2\n", "f() = 1\n", ")\n"] {
        let err = parse_interactive(source).unwrap_err();
        assert!(!err.incomplete, "{source:?} is a plain error: {err}");
    }
    assert!(parse_interactive("if x:\n    pass\n").is_ok());
}

#[test]
fn every_example_parses() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "py") {
            let source = std::fs::read_to_string(&path).expect("readable example");
            let result = parse_module(&source, &path.display().to_string());
            // Examples named syntax_error_* demonstrate the error report: they must not parse.
            let shows_error = path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("syntax_error_"));
            match (result, shows_error) {
                (Err(err), false) => panic!("{} does not parse:\n{err}", path.display()),
                (Ok(_), true) => panic!("{} should be a syntax error", path.display()),
                _ => {}
            }
        }
    }
}

/// Counts every located node kind in the `{:#?}` dump (`@start..end Kind`).
fn node_kind_counts(module: &percolate::ast::Module) -> std::collections::BTreeMap<String, usize> {
    let debug = format!("{module:#?}");
    let mut counts = std::collections::BTreeMap::new();
    for piece in debug.split('@').skip(1) {
        let Some((_span, rest)) = piece.split_once(' ') else {
            continue;
        };
        let kind: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if !kind.is_empty() {
            *counts.entry(kind).or_insert(0) += 1;
        }
    }
    counts
}

/// Python's `ast.walk` counts of expression and statement kinds, in percolate's naming.
const CPYTHON_COUNTS: &str = r#"
import ast, sys, collections
rename = {'AsyncFunctionDef': 'FunctionDef', 'AsyncFor': 'For', 'AsyncWith': 'With', 'TryStar': 'Try'}
counts = collections.Counter()
for node in ast.walk(ast.parse(open(sys.argv[1], encoding='utf-8').read())):
    if isinstance(node, (ast.expr, ast.stmt)):
        name = type(node).__name__
        counts[rename.get(name, name)] += 1
for name, count in sorted(counts.items()):
    print(name, count)
"#;

#[test]
fn node_kinds_match_cpython_ast() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/parse_cases");
    let entries = std::fs::read_dir(&dir).expect("parse_cases exists");
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(output) = Command::new("python3")
            .arg("-c")
            .arg(CPYTHON_COUNTS)
            .arg(&path)
            .output()
        else {
            return;
        };
        let expected: std::collections::BTreeMap<String, usize> =
            String::from_utf8_lossy(&output.stdout)
                .lines()
                .filter_map(|line| {
                    let (name, count) = line.split_once(' ')?;
                    Some((name.to_string(), count.parse().ok()?))
                })
                .collect();
        let source = std::fs::read_to_string(&path).expect("readable case");
        let module = parse_module(&source, "<case>").expect("case parses");
        assert_eq!(
            node_kind_counts(&module),
            expected,
            "node kinds differ for {}",
            path.display()
        );
    }
}

/// Every expression and statement of a file as `Kind line col end_line end_col` (CPython's
/// `lineno`, `col_offset` in UTF-8 bytes, ...), sorted.
const CPYTHON_LOCATIONS: &str = r#"
import ast, sys
rename = {'AsyncFunctionDef': 'FunctionDef', 'AsyncFor': 'For', 'AsyncWith': 'With', 'TryStar': 'Try'}
rows = []
for node in ast.walk(ast.parse(open(sys.argv[1], encoding='utf-8').read())):
    if isinstance(node, (ast.expr, ast.stmt)):
        name = type(node).__name__
        rows.append(f"{rename.get(name, name)} {node.lineno} {node.col_offset} {node.end_lineno} {node.end_col_offset}")
print("\n".join(sorted(rows)))
"#;

/// The same rows for percolate's AST, from the byte spans in its `{:#?}` dump.
fn percolate_locations(source: &str, module: &percolate::ast::Module) -> Vec<String> {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(source.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_col = |offset: usize| {
        let line = line_starts.partition_point(|&start| start <= offset);
        (line, offset - line_starts[line - 1])
    };
    let debug = format!("{module:#?}");
    let mut rows = Vec::new();
    for piece in debug.split('@').skip(1) {
        let Some((span, rest)) = piece.split_once(' ') else {
            continue;
        };
        let Some((start, end)) = span.split_once("..") else {
            continue;
        };
        let (Ok(start), Ok(end)) = (start.parse::<usize>(), end.parse::<usize>()) else {
            continue;
        };
        let kind: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let ((l1, c1), (l2, c2)) = (line_col(start), line_col(end));
        rows.push(format!("{kind} {l1} {c1} {l2} {c2}"));
    }
    rows.sort();
    rows
}

#[test]
fn node_locations_match_cpython_ast() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/parse_cases");
    let entries = std::fs::read_dir(&dir).expect("parse_cases exists");
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(output) = Command::new("python3")
            .arg("-c")
            .arg(CPYTHON_LOCATIONS)
            .arg(&path)
            .output()
        else {
            return;
        };
        let expected: Vec<String> = String::from_utf8_lossy(&output.stdout)
            .lines()
            .map(str::to_string)
            .collect();
        let source = std::fs::read_to_string(&path).expect("readable case");
        let module = parse_module(&source, "<case>").expect("case parses");
        let ours = percolate_locations(&source, &module);
        let missing: Vec<&String> = expected.iter().filter(|row| !ours.contains(row)).collect();
        let extra: Vec<&String> = ours.iter().filter(|row| !expected.contains(row)).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{}: CPython only {missing:?}, percolate only {extra:?}",
            path.display()
        );
    }
}
