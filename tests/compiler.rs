//! Compiler tests through the public API: disassembly snapshots of the interesting shapes, and
//! compile-time errors with CPython's message, line and caret (texts verified with python3).

use percolate::{compile_source, disassemble};

fn dis(source: &str) -> String {
    match compile_source(source, "x.py") {
        Ok(code) => disassemble(&code),
        Err(e) => panic!("compiles: {e}"),
    }
}

fn compile_error(source: &str) -> String {
    match compile_source(source, "x.py") {
        Ok(_) => panic!("expected a compile-time error for {source:?}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn loop_with_break_continue_and_else() {
    insta::assert_snapshot!(dis(
        "for i in range(3):\n    if i == 1:\n        continue\n    if i == 2:\n        break\nelse:\n    print('no break')\n"
    ));
}

#[test]
fn try_except_else_finally() {
    insta::assert_snapshot!(dis(
        "try:\n    f()\nexcept ValueError as e:\n    g(e)\nexcept:\n    h()\nelse:\n    k()\nfinally:\n    done()\n"
    ));
}

#[test]
fn return_inside_finally_protected_loop() {
    insta::assert_snapshot!(dis(
        "def f():\n    for x in y:\n        try:\n            return x\n        finally:\n            cleanup()\n"
    ));
}

#[test]
fn with_statement() {
    insta::assert_snapshot!(dis("with open(p) as fh, lock:\n    fh.read()\n"));
}

#[test]
fn closures_and_nonlocal() {
    insta::assert_snapshot!(dis(
        "def counter():\n    n = 0\n    def inc():\n        nonlocal n\n        n += 1\n        return n\n    return inc\n"
    ));
}

#[test]
fn class_body_with_super() {
    insta::assert_snapshot!(dis(
        "class B(A, metaclass=M):\n    x = 1\n    def f(self):\n        return super().f() + self.x\n"
    ));
}

#[test]
fn comprehensions() {
    insta::assert_snapshot!(dis(
        "a = [x * y for x in xs if x for y in ys]\nb = {k: v for k, v in d.items()}\nc = (i for i in it)\n"
    ));
}

#[test]
fn generator_with_send_and_yield_from() {
    insta::assert_snapshot!(dis(
        "def g():\n    x = yield 1\n    r = yield from h(x)\n    return r\n"
    ));
}

#[test]
fn await_and_try_finally_around_await() {
    insta::assert_snapshot!(dis(
        "async def f(t):\n    try:\n        return await t\n    finally:\n        print('done')\n"
    ));
}

#[test]
fn async_for_and_async_with() {
    insta::assert_snapshot!(dis(
        "async def f(src, lock):\n    async with lock:\n        async for item in src:\n            print(item)\n"
    ));
}

#[test]
fn compile_time_errors_match_cpython() {
    let cases = [
        (
            "x = 1\nreturn x\n",
            "  File \"x.py\", line 2\n    return x\n    ^^^^^^^^\nSyntaxError: 'return' outside function",
        ),
        (
            "if 1:\n    break\n",
            "  File \"x.py\", line 2\n    break\n    ^^^^^\nSyntaxError: 'break' outside loop",
        ),
        (
            "def f():\n    continue\n",
            "  File \"x.py\", line 2\n    continue\n    ^^^^^^^^\nSyntaxError: 'continue' not properly in loop",
        ),
        (
            "def f():\n    print(x)\n    global x\n",
            "  File \"x.py\", line 3\n    global x\n    ^^^^^^^^\nSyntaxError: name 'x' is used prior to global declaration",
        ),
        (
            "nonlocal x\n",
            "  File \"x.py\", line 1\n    nonlocal x\n    ^^^^^^^^^^\nSyntaxError: nonlocal declaration not allowed at module level",
        ),
        (
            "def f():\n    nonlocal zz\n",
            "  File \"x.py\", line 2\n    nonlocal zz\n    ^^^^^^^^^^^\nSyntaxError: no binding for nonlocal 'zz' found",
        ),
        (
            "def f():\n    await g()\n",
            "  File \"x.py\", line 2\n    await g()\n    ^^^^^^^^^\nSyntaxError: 'await' outside async function",
        ),
        (
            "import os\nfrom __future__ import annotations\n",
            "  File \"x.py\", line 2\n    from __future__ import annotations\n    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\nSyntaxError: from __future__ imports must occur at the beginning of the file",
        ),
        (
            "\"\"\"doc\"\"\"\nfrom __future__ import annotations, division\nfrom __future__ import nope\n",
            "  File \"x.py\", line 3\n    from __future__ import nope\n    ^\nSyntaxError: future feature nope is not defined",
        ),
        (
            "from __future__ import braces\n",
            "  File \"x.py\", line 1\n    from __future__ import braces\n    ^\nSyntaxError: not a chance",
        ),
        (
            "x = await g()\n",
            "  File \"x.py\", line 1\n    x = await g()\n        ^^^^^^^^^\nSyntaxError: 'await' outside function",
        ),
        (
            "async def f():\n    yield from g()\n",
            "  File \"x.py\", line 2\n    yield from g()\n    ^^^^^^^^^^^^^^\nSyntaxError: 'yield from' inside async function",
        ),
        (
            "def f(a, a):\n    pass\n",
            "  File \"x.py\", line 1\n    def f(a, a):\n             ^\nSyntaxError: duplicate argument 'a' in function definition",
        ),
        (
            "f(a=1, a=2)\n",
            "  File \"x.py\", line 1\n    f(a=1, a=2)\n           ^^^\nSyntaxError: keyword argument repeated: a",
        ),
        (
            "async def f():\n    yield 1\n    return 2\n",
            "  File \"x.py\", line 3\n    return 2\n    ^^^^^^^^\nSyntaxError: 'return' with value in async generator",
        ),
        (
            "def f():\n    x = [(yield) for i in y]\n",
            "  File \"x.py\", line 2\n    x = [(yield) for i in y]\n          ^^^^^\nSyntaxError: 'yield' inside list comprehension",
        ),
    ];
    for (source, expected) in cases {
        assert_eq!(compile_error(source), expected, "source: {source:?}");
    }
}

#[test]
fn await_in_a_comprehension_makes_it_asynchronous() {
    assert_eq!(
        compile_error("[await f(i) for i in range(3)]\n"),
        "  File \"x.py\", line 1\n    [await f(i) for i in range(3)]\n    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\nSyntaxError: asynchronous comprehension outside of an asynchronous function"
    );
    let out = percolate::run_capture(
        "import asyncio\nasync def f(x):\n    await asyncio.sleep(0)\n    return x * 2\nasync def main():\n    print([await f(i) for i in range(3)], {i: await f(i) for i in range(2)})\nasyncio.run(main())\n",
        "x.py",
    );
    assert_eq!(
        out.stdout, "[0, 2, 4] {0: 0, 1: 2}\n",
        "stderr: {}",
        out.stderr
    );
}

#[test]
fn complex_literals_are_refused_at_compile_time() {
    assert!(
        compile_error("x = 2j\n")
            .ends_with("SyntaxError: complex numbers are not supported by percolate")
    );
}

/// `while True:` / `while 1:` loops test nothing (CPython's compiler drops a constant true
/// test); only `while n:` evaluates its test.
#[test]
fn while_true_compiles_without_a_test() {
    let d = dis("while True:\n    x()\nwhile 1:\n    y()\nwhile n:\n    z()\n");
    assert_eq!(d.matches("POP_JUMP_IF_FALSE").count(), 1, "{d}");
    assert!(!d.contains("(True)"), "{d}");
}

/// Every code object of `code`'s tree (itself, then the ones nested in its constants).
fn all_codes(
    code: &std::rc::Rc<percolate::bytecode::Code>,
) -> Vec<std::rc::Rc<percolate::bytecode::Code>> {
    let mut out = vec![code.clone()];
    for c in &code.constants {
        if let percolate::bytecode::Const::Code(inner) = c {
            out.extend(all_codes(inner));
        }
    }
    out
}

const MANY_NAMES: &str = "import os\n\
class Queue:\n    def __init__(self, loop, maxsize=0):\n        self._loop = loop\n        self._maxsize = maxsize\n        self._items = []\n\
    def put(self, item):\n        self._items.append(item)\n        self._loop.call_soon(print, item, sep='', end='')\n\
    def get(self):\n        return self._items.pop(0) if self._items else self._loop\n\
def helper(loop, *args, **kwargs):\n    def inner(x):\n        return loop.time() + x\n    return [inner(a) for a in args]\n";

#[test]
fn a_code_object_fits_mimallocs_224_byte_class() {
    // The Rc'd struct (two counts and the code) in mimalloc's 224-byte size class: its
    // sequences are boxed slices, which also hold no spare capacity.
    assert!(std::mem::size_of::<percolate::bytecode::Code>() + 16 <= 224);
}

#[test]
fn equal_names_of_a_module_share_one_string() {
    let code = compile_source(MANY_NAMES, "x.py").expect("compiles");
    let mut seen: std::collections::HashMap<String, std::rc::Rc<str>> = Default::default();
    let mut shared = 0;
    for c in all_codes(&code) {
        let strings = c
            .names
            .iter()
            .chain(&c.varnames)
            .chain(&c.cellvars)
            .chain(&c.freevars)
            .chain([&c.filename]);
        for s in strings {
            match seen.get(&**s) {
                Some(first) => {
                    assert!(std::rc::Rc::ptr_eq(first, s), "{s} is stored twice");
                    shared += 1;
                }
                None => {
                    seen.insert(s.to_string(), s.clone());
                }
            }
        }
    }
    // `self`, `loop`, `_loop`, `_items` and the file name recur across the functions.
    assert!(shared >= 10, "only {shared} repeated names");
}

#[test]
fn an_instruction_is_8_bytes() {
    assert_eq!(std::mem::size_of::<percolate::bytecode::Instr>(), 8);
}

/// Runs `source` and returns what it printed, or panics with its stderr.
fn run(source: &str) -> String {
    let r = percolate::run_capture(source, "x.py");
    assert_eq!(r.status, 0, "stderr: {}", r.stderr);
    r.stdout
}

#[test]
fn a_method_call_past_65535_arguments_still_runs() {
    let args = vec!["1"; 70_000].join(", ");
    let source = format!(
        "class C:\n    def m(self, *a):\n        return len(a), sum(a)\nprint(C().m({args}))\n"
    );
    assert_eq!(run(&source), "(70000, 70000)\n");
}

#[test]
fn a_method_call_past_65535_names_still_runs() {
    let mut source = String::from(
        "class C:\n    def m(self, a, b):\n        return a - b\nx = C()\nif x is None:\n",
    );
    for i in 0..65_540 {
        source.push_str(&format!("    x.n{i}\n"));
    }
    source.push_str("print(x.m(5, 2), x.m(b=1, a=4))\n");
    let code = compile_source(&source, "x.py").expect("compiles");
    assert!(code.names.len() > 65_536);
    assert!(disassemble(&code).contains("CALL_FUNCTION_EX"));
    assert_eq!(run(&source), "3 3\n");
}

#[test]
fn star_unpacking_past_65535_targets_is_a_syntax_error() {
    let targets: Vec<String> = (0..65_540).map(|i| format!("t{i}")).collect();
    let source = format!("a, *b, {} = range(70000)\n", targets.join(", "));
    assert!(compile_error(&source).contains("too many expressions in star-unpacking assignment"));
    let source = "a, *b, c, d = range(7)\nprint(a, b, c, d)\n";
    assert_eq!(run(source), "0 [1, 2, 3, 4] 5 6\n");
}
