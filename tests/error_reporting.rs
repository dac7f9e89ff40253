//! How uncaught errors are reported: the order of warnings and tracebacks, and CPython's
//! RecursionError wording when the recursion runs through a call from Rust (a dunder), and
//! features percolate refuses rather than half-doing.

#[test]
fn a_temporary_coroutine_warns_before_the_traceback() {
    let out = percolate::run_capture("async def f():\n    pass\nf().send(1)\n", "x.py");
    assert_eq!(out.status, 1);
    let warning = out
        .stderr
        .find("RuntimeWarning: coroutine 'f' was never awaited");
    let traceback = out.stderr.find("Traceback (most recent call last):");
    assert!(warning.is_some() && warning < traceback, "{}", out.stderr);
    assert!(
        out.stderr
            .ends_with("TypeError: can't send non-None value to a just-started coroutine\n"),
        "{}",
        out.stderr
    );
}

#[test]
fn recursion_through_a_dunder_names_the_python_object_call() {
    let out = percolate::run_capture(
        "class A:\n    def __repr__(self):\n        return repr(self)\nrepr(A())\n",
        "x.py",
    );
    assert!(
        out.stderr.ends_with(
            "RecursionError: maximum recursion depth exceeded while calling a Python object\n"
        ),
        "{}",
        out.stderr
    );
    let plain = percolate::run_capture("def r():\n    return r()\nr()\n", "x.py");
    assert!(
        plain
            .stderr
            .ends_with("RecursionError: maximum recursion depth exceeded\n"),
        "{}",
        plain.stderr
    );
}

#[test]
fn code_given_with_dash_c_has_no_source_lines_in_tracebacks() {
    // CPython reads traceback source lines from files; `<string>` and `<stdin>` have none.
    let out = percolate::run_capture("def f():\n    raise KeyError(1)\nf()\n", "<string>");
    assert_eq!(
        out.stderr,
        "Traceback (most recent call last):\n  File \"<string>\", line 3, in <module>\n  \
         File \"<string>\", line 2, in f\nKeyError: 1\n"
    );
    let file = percolate::run_capture("def f():\n    raise KeyError(1)\nf()\n", "x.py");
    assert!(
        file.stderr.contains("    raise KeyError(1)\n"),
        "{}",
        file.stderr
    );
}

#[test]
fn assigning_an_instance_class_is_refused_not_ignored() {
    // The assignment used to land in the instance dict, so `o.f()` still ran the old class's
    // method: a wrong answer. A deletion or a non-class value gets CPython's own TypeErrors.
    let cases = [
        (
            "o.__class__ = B",
            "TypeError: percolate does not support __class__ assignment (an object's class is \
             fixed when it is created)\n",
        ),
        (
            "setattr(o, '__class__', B)",
            "TypeError: percolate does not support __class__ assignment (an object's class is \
             fixed when it is created)\n",
        ),
        (
            "o.__class__ = 5",
            "TypeError: __class__ must be set to a class, not 'int' object\n",
        ),
        (
            "del o.__class__",
            "TypeError: can't delete __class__ attribute\n",
        ),
    ];
    for (stmt, last_line) in cases {
        let src = format!(
            "class A:\n    def f(self):\n        return 'A'\nclass B(A):\n    pass\n\
             o = A()\no.x = 1\n{stmt}\nprint(o.f())\n"
        );
        let out = percolate::run_capture(&src, "x.py");
        assert_eq!(out.status, 1, "{stmt}");
        assert!(out.stderr.ends_with(last_line), "{stmt}: {}", out.stderr);
    }
}

#[test]
fn replacing_an_instance_dict_is_refused_not_ignored() {
    // Storing the new dict as an ordinary attribute (the old behaviour) left `o.y` missing
    // and `o.__dict__` the old namespace: a wrong answer, so it is refused outright.
    for stmt in [
        "o.__dict__ = {'y': 2}",
        "del o.__dict__",
        "setattr(o, '__dict__', {})",
    ] {
        let src = format!("class C:\n    pass\no = C()\no.x = 1\n{stmt}\nprint(o.y)\n");
        let out = percolate::run_capture(&src, "x.py");
        assert_eq!(out.status, 1, "{stmt}");
        assert!(
            out.stderr.ends_with(
                "TypeError: percolate does not support replacing or deleting an object's \
                 __dict__ (update it in place instead: obj.__dict__.clear(); \
                 obj.__dict__.update(d))\n"
            ),
            "{stmt}: {}",
            out.stderr
        );
    }
}

#[test]
fn a_raised_syntax_error_is_reported_at_its_location() {
    // pythonrun.c's print_exception: a SyntaxError whose lineno is an int gets the
    // `File "…", line N` line, its text with the carets, then only its msg (expected
    // outputs are CPython 3.11's for the same raise statements).
    let cases = [
        (
            r#"raise SyntaxError("bad", ("f.py", 3, 2, "x y\n"))"#,
            "  File \"f.py\", line 3\n    x y\n     ^\nSyntaxError: bad\n",
        ),
        (
            r#"raise SyntaxError("bad", ("f.py", 3, 2, "x y\n", 3, 5))"#,
            "  File \"f.py\", line 3\n    x y\n     ^^^\nSyntaxError: bad\n",
        ),
        (
            r#"raise SyntaxError("bad", (None, 3, None, "   x y"))"#,
            "  File \"<string>\", line 3\n    x y\nSyntaxError: bad\n",
        ),
        (
            r#"raise SyntaxError("bad", ("f.py", 3, 6, "ab\ncd\nef\n"))"#,
            "  File \"f.py\", line 3\n    cd\nef\n      ^\nSyntaxError: bad\n",
        ),
        (
            "class E(SyntaxError): pass\nraise E('custom', ('c.py', 1, 1, 'q\\n', 1, 3))",
            "  File \"c.py\", line 1\n    q\n    ^\nE: custom\n",
        ),
        (
            r#"raise SyntaxError("bad", ("f.py", None, 2, "x"))"#,
            "SyntaxError: bad (f.py)\n",
        ),
    ];
    for (source, expected_end) in cases {
        let out = percolate::run_capture(&format!("{source}\n"), "<string>");
        assert_eq!(out.status, 1);
        assert!(
            out.stderr.ends_with(expected_end),
            "{source}:\n{}",
            out.stderr
        );
    }
}

#[test]
fn an_absurd_syntax_error_location_is_reported_without_overflow() {
    // Offsets from the program itself: far past the text, at the ends of the int range.
    // CPython would draw 10**18 carets; percolate bounds them and never overflows.
    for location in [
        "('f', 1, 1, 'x', 1, 10**18)",
        "('f', 1, -2**63, 'x', 1, 2**63 - 1)",
        "('f', 2**63 - 1, 2**63 - 1, 'x\\ny', 1, -2**63)",
    ] {
        let out =
            percolate::run_capture(&format!("raise SyntaxError('m', {location})\n"), "<string>");
        assert_eq!(out.status, 1);
        assert!(out.stderr.ends_with("SyntaxError: m\n"), "{}", out.stderr);
        assert!(out.stderr.len() < 10_000, "{} bytes", out.stderr.len());
    }
}
