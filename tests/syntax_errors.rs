//! Syntax errors as CPython 3.11 reports them: message, line, source line and caret.
//!
//! Each expected text below was produced by `python3 t.py` (CPython 3.11.7) with the file name
//! normalised to `t.py`; when python3 is installed the test re-checks it against python3.

use percolate::parser::parse_module;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// `(source, what CPython prints on stderr for a file t.py holding it)`.
const CASES: &[(&str, &str)] = &[
    (
        "x = 1 2\n",
        "  File \"t.py\", line 1\n    x = 1 2\n          ^\nSyntaxError: invalid syntax",
    ),
    (
        "x = (1 +\n",
        "  File \"t.py\", line 1\n    x = (1 +\n        ^\nSyntaxError: '(' was never closed",
    ),
    (
        "foo(1, 2\n",
        "  File \"t.py\", line 1\n    foo(1, 2\n       ^\nSyntaxError: '(' was never closed",
    ),
    (
        "x = [1, 2\ny = 3\n",
        "  File \"t.py\", line 1\n    x = [1, 2\n        ^\nSyntaxError: '[' was never closed",
    ),
    (
        "x = 1\n)\n",
        "  File \"t.py\", line 2\n    )\n    ^\nSyntaxError: unmatched ')'",
    ),
    (
        "x = (1]\n",
        "  File \"t.py\", line 1\n    x = (1]\n          ^\nSyntaxError: closing parenthesis ']' does not match opening parenthesis '('",
    ),
    (
        "if x\n  pass\n",
        "  File \"t.py\", line 1\n    if x\n        ^\nSyntaxError: expected ':'",
    ),
    (
        "def f()\n  pass\n",
        "  File \"t.py\", line 1\n    def f()\n           ^\nSyntaxError: expected ':'",
    ),
    (
        "class A\n  pass\n",
        "  File \"t.py\", line 1\n    class A\n           ^\nSyntaxError: expected ':'",
    ),
    (
        "while x\n  pass\n",
        "  File \"t.py\", line 1\n    while x\n           ^\nSyntaxError: expected ':'",
    ),
    (
        "if x  # c\n  pass\n",
        "  File \"t.py\", line 1\n    if x  # c\n          ^^^\nSyntaxError: expected ':'",
    ),
    (
        "for x in range(3):\n  pass\nelse\n  pass\n",
        "  File \"t.py\", line 3\n    else\n        ^\nSyntaxError: expected ':'",
    ),
    (
        "with a as b\n",
        "  File \"t.py\", line 1\n    with a as b\n               ^\nSyntaxError: expected ':'",
    ),
    (
        "x = 1\n  y = 2\n",
        "  File \"t.py\", line 2\n    y = 2\nIndentationError: unexpected indent",
    ),
    (
        "if x:\npass\n",
        "  File \"t.py\", line 2\n    pass\n    ^\nIndentationError: expected an indented block after 'if' statement on line 1",
    ),
    (
        "if x:\n",
        "  File \"t.py\", line 1\n    if x:\nIndentationError: expected an indented block after 'if' statement on line 1",
    ),
    (
        "def f():\nx=1\n",
        "  File \"t.py\", line 2\n    x=1\n    ^\nIndentationError: expected an indented block after function definition on line 1",
    ),
    (
        "class A:\n\nx\n",
        "  File \"t.py\", line 3\n    x\n    ^\nIndentationError: expected an indented block after class definition on line 1",
    ),
    (
        "for x in y:\n",
        "  File \"t.py\", line 1\n    for x in y:\nIndentationError: expected an indented block after 'for' statement on line 1",
    ),
    (
        "try:\n  x\nexcept:\nz\n",
        "  File \"t.py\", line 4\n    z\n    ^\nIndentationError: expected an indented block after 'except' statement on line 3",
    ),
    (
        "try:\n  x\nfinally:\n",
        "  File \"t.py\", line 3\n    finally:\nIndentationError: expected an indented block after 'finally' statement on line 3",
    ),
    (
        "with a:\n",
        "  File \"t.py\", line 1\n    with a:\nIndentationError: expected an indented block after 'with' statement on line 1",
    ),
    (
        "while x:\n",
        "  File \"t.py\", line 1\n    while x:\nIndentationError: expected an indented block after 'while' statement on line 1",
    ),
    (
        "if x:\n  a\nelif y:\n",
        "  File \"t.py\", line 3\n    elif y:\nIndentationError: expected an indented block after 'elif' statement on line 3",
    ),
    (
        "if x:\n  a\nelse:\n",
        "  File \"t.py\", line 3\n    else:\nIndentationError: expected an indented block after 'else' statement on line 3",
    ),
    (
        "async def f():\n",
        "  File \"t.py\", line 1\n    async def f():\nIndentationError: expected an indented block after function definition on line 1",
    ),
    (
        "def f():\n  if x:\n  y = 1\n",
        "  File \"t.py\", line 3\n    y = 1\n    ^\nIndentationError: expected an indented block after 'if' statement on line 2",
    ),
    (
        "if x:\n  pass\n else:\n",
        "  File \"t.py\", line 3\n    else:\n         ^\nIndentationError: unindent does not match any outer indentation level",
    ),
    (
        "x = \"abc\n",
        "  File \"t.py\", line 1\n    x = \"abc\n        ^\nSyntaxError: unterminated string literal (detected at line 1)",
    ),
    (
        "x = \"\"\"abc\n\n",
        "  File \"t.py\", line 1\n    x = \"\"\"abc\n        ^\nSyntaxError: unterminated triple-quoted string literal (detected at line 2)",
    ),
    (
        "x = 1abc\n",
        "  File \"t.py\", line 1\n    x = 1abc\n        ^\nSyntaxError: invalid decimal literal",
    ),
    (
        "f() = 1\n",
        "  File \"t.py\", line 1\n    f() = 1\n    ^^^\nSyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='?",
    ),
    (
        "1 = x\n",
        "  File \"t.py\", line 1\n    1 = x\n    ^\nSyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='?",
    ),
    (
        "a + b = 1\n",
        "  File \"t.py\", line 1\n    a + b = 1\n    ^^^^^\nSyntaxError: cannot assign to expression here. Maybe you meant '==' instead of '='?",
    ),
    (
        "x = f() = 1\n",
        "  File \"t.py\", line 1\n    x = f() = 1\n        ^^^\nSyntaxError: cannot assign to function call",
    ),
    (
        "(a, f()) = 1\n",
        "  File \"t.py\", line 1\n    (a, f()) = 1\n        ^^^\nSyntaxError: cannot assign to function call",
    ),
    (
        "[1] = x\n",
        "  File \"t.py\", line 1\n    [1] = x\n     ^\nSyntaxError: cannot assign to literal",
    ),
    (
        "None = 1\n",
        "  File \"t.py\", line 1\n    None = 1\n    ^^^^\nSyntaxError: cannot assign to None",
    ),
    (
        "for f() in x: pass\n",
        "  File \"t.py\", line 1\n    for f() in x: pass\n        ^^^\nSyntaxError: cannot assign to function call",
    ),
    (
        "del f()\n",
        "  File \"t.py\", line 1\n    del f()\n        ^^^\nSyntaxError: cannot delete function call",
    ),
    (
        "a + b += 1\n",
        "  File \"t.py\", line 1\n    a + b += 1\n    ^^^^^\nSyntaxError: 'expression' is an illegal expression for augmented assignment",
    ),
    (
        "(a, b) += 1\n",
        "  File \"t.py\", line 1\n    (a, b) += 1\n    ^^^^^^\nSyntaxError: 'tuple' is an illegal expression for augmented assignment",
    ),
    (
        "f(x for x in y, 1)\n",
        "  File \"t.py\", line 1\n    f(x for x in y, 1)\n      ^^^^^^^^^^^^\nSyntaxError: Generator expression must be parenthesized",
    ),
    (
        "f(a=1, b)\n",
        "  File \"t.py\", line 1\n    f(a=1, b)\n            ^\nSyntaxError: positional argument follows keyword argument",
    ),
    (
        "f(**a, b)\n",
        "  File \"t.py\", line 1\n    f(**a, b)\n            ^\nSyntaxError: positional argument follows keyword argument unpacking",
    ),
    (
        "f(**a, *b)\n",
        "  File \"t.py\", line 1\n    f(**a, *b)\n           ^\nSyntaxError: iterable argument unpacking follows keyword argument unpacking",
    ),
    (
        "a, b: int = 1\n",
        "  File \"t.py\", line 1\n    a, b: int = 1\n    ^\nSyntaxError: only single target (not tuple) can be annotated",
    ),
    (
        "lambda *: 1\n",
        "  File \"t.py\", line 1\n    lambda *: 1\n            ^\nSyntaxError: named arguments must follow bare *",
    ),
    (
        "def f(*, **k): pass\n",
        "  File \"t.py\", line 1\n    def f(*, **k): pass\n          ^\nSyntaxError: named arguments must follow bare *",
    ),
    (
        "def f(a=1, b): pass\n",
        "  File \"t.py\", line 1\n    def f(a=1, b): pass\n               ^\nSyntaxError: non-default argument follows default argument",
    ),
    (
        "def f(/, a): pass\n",
        "  File \"t.py\", line 1\n    def f(/, a): pass\n          ^\nSyntaxError: at least one argument must precede /",
    ),
    (
        "def f(a, *, b, *, c): pass\n",
        "  File \"t.py\", line 1\n    def f(a, *, b, *, c): pass\n                   ^\nSyntaxError: * argument may appear only once",
    ),
    (
        "def f(**k, a): pass\n",
        "  File \"t.py\", line 1\n    def f(**k, a): pass\n               ^\nSyntaxError: arguments cannot follow var-keyword argument",
    ),
    (
        "def f(a, /, b, /): pass\n",
        "  File \"t.py\", line 1\n    def f(a, /, b, /): pass\n                   ^\nSyntaxError: / may appear only once",
    ),
    (
        "def f(*a, /): pass\n",
        "  File \"t.py\", line 1\n    def f(*a, /): pass\n              ^\nSyntaxError: / must be ahead of *",
    ),
    (
        "x = yield = 1\n",
        "  File \"t.py\", line 1\n    x = yield = 1\n        ^^^^^\nSyntaxError: assignment to yield expression not possible",
    ),
    (
        "a, *b, *c = d\n",
        "  File \"t.py\", line 1\n    a, *b, *c = d\n    ^^^^^^^^^\nSyntaxError: multiple starred expressions in assignment",
    ),
    (
        "*a = b\n",
        "  File \"t.py\", line 1\n    *a = b\n    ^^\nSyntaxError: starred assignment target must be in a list or tuple",
    ),
    (
        "print \"x\"\n",
        "  File \"t.py\", line 1\n    print \"x\"\n    ^^^^^^^^^\nSyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?",
    ),
    (
        "(*a)\n",
        "  File \"t.py\", line 1\n    (*a)\n     ^^\nSyntaxError: cannot use starred expression here",
    ),
    (
        "from x import a,\n",
        "  File \"t.py\", line 1\n    from x import a,\n                    ^\nSyntaxError: trailing comma not allowed without surrounding parentheses",
    ),
    (
        "x = \"a\" b\"c\"\n",
        "  File \"t.py\", line 1\n    x = \"a\" b\"c\"\n                ^\nSyntaxError: cannot mix bytes and nonbytes literals",
    ),
    (
        "a = 1 +\n",
        "  File \"t.py\", line 1\n    a = 1 +\n           ^\nSyntaxError: invalid syntax",
    ),
    (
        "f(**)\n",
        "  File \"t.py\", line 1\n    f(**)\n        ^\nSyntaxError: invalid syntax",
    ),
    (
        "async x\n",
        "  File \"t.py\", line 1\n    async x\n          ^\nSyntaxError: invalid syntax",
    ),
    (
        "x = 1 +\ny\n",
        "  File \"t.py\", line 1\n    x = 1 +\n           ^\nSyntaxError: invalid syntax",
    ),
    (
        "if x:\n  pass\n  else:\n    pass\n",
        "  File \"t.py\", line 3\n    else:\n    ^^^^\nSyntaxError: invalid syntax",
    ),
    (
        "def f():\n  pass\n    x\n",
        "  File \"t.py\", line 3\n    x\nIndentationError: unexpected indent",
    ),
    (
        "x = (\n",
        "  File \"t.py\", line 1\n    x = (\n        ^\nSyntaxError: '(' was never closed",
    ),
    (
        "def f(x):\n    return x +\n",
        "  File \"t.py\", line 2\n    return x +\n              ^\nSyntaxError: invalid syntax",
    ),
    (
        "class C:\n    def f(self):\n        pass\n   x = 1\n",
        "  File \"t.py\", line 4\n    x = 1\n         ^\nIndentationError: unindent does not match any outer indentation level",
    ),
    (
        "if True:\n    x = 1\n   y = 2\n",
        "  File \"t.py\", line 3\n    y = 2\n         ^\nIndentationError: unindent does not match any outer indentation level",
    ),
    (
        "x = 0777\n",
        "  File \"t.py\", line 1\n    x = 0777\n        ^\nSyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
    ),
    (
        "x = 1__0\n",
        "  File \"t.py\", line 1\n    x = 1__0\n         ^\nSyntaxError: invalid decimal literal",
    ),
    (
        "def f(:\n    pass\n",
        "  File \"t.py\", line 1\n    def f(:\n          ^\nSyntaxError: invalid syntax",
    ),
    (
        "print(1))\n",
        "  File \"t.py\", line 1\n    print(1))\n            ^\nSyntaxError: unmatched ')'",
    ),
    (
        "[1, 2)\n",
        "  File \"t.py\", line 1\n    [1, 2)\n         ^\nSyntaxError: closing parenthesis ')' does not match opening parenthesis '['",
    ),
    (
        "for x in range(10)\n    pass\n",
        "  File \"t.py\", line 1\n    for x in range(10)\n                      ^\nSyntaxError: expected ':'",
    ),
    (
        "try:\n    pass\nexcept ValueError\n    pass\n",
        "  File \"t.py\", line 3\n    except ValueError\n                     ^\nSyntaxError: expected ':'",
    ),
    (
        "def f():\n    return\n  x\n",
        "  File \"t.py\", line 3\n    x\n     ^\nIndentationError: unindent does not match any outer indentation level",
    ),
    (
        "s = 'abc\n",
        "  File \"t.py\", line 1\n    s = 'abc\n        ^\nSyntaxError: unterminated string literal (detected at line 1)",
    ),
    (
        "x = 5 +* 3\n",
        "  File \"t.py\", line 1\n    x = 5 +* 3\n           ^\nSyntaxError: invalid syntax",
    ),
    (
        "class A(\n    B,\n",
        "  File \"t.py\", line 1\n    class A(\n           ^\nSyntaxError: '(' was never closed",
    ),
    (
        "f(**kwargs, *args)\n",
        "  File \"t.py\", line 1\n    f(**kwargs, *args)\n                ^\nSyntaxError: iterable argument unpacking follows keyword argument unpacking",
    ),
    (
        "import\n",
        "  File \"t.py\", line 1\n    import\n          ^\nSyntaxError: invalid syntax",
    ),
    (
        "from x import\n",
        "  File \"t.py\", line 1\n    from x import\n                 ^\nSyntaxError: invalid syntax",
    ),
    (
        "x = [i for i in]\n",
        "  File \"t.py\", line 1\n    x = [i for i in]\n                   ^\nSyntaxError: invalid syntax",
    ),
    (
        "def f(a, a=1, b):\n    pass\n",
        "  File \"t.py\", line 1\n    def f(a, a=1, b):\n                  ^\nSyntaxError: non-default argument follows default argument",
    ),
    (
        "del 1\n",
        "  File \"t.py\", line 1\n    del 1\n        ^\nSyntaxError: cannot delete literal",
    ),
    (
        "del (a + b)\n",
        "  File \"t.py\", line 1\n    del (a + b)\n         ^^^^^\nSyntaxError: cannot delete expression",
    ),
    (
        "with a as 1:\n    pass\n",
        "  File \"t.py\", line 1\n    with a as 1:\n              ^\nSyntaxError: cannot assign to literal",
    ),
    (
        "for 1 in x:\n    pass\n",
        "  File \"t.py\", line 1\n    for 1 in x:\n        ^\nSyntaxError: cannot assign to literal",
    ),
    (
        "(a := 1) = 2\n",
        "  File \"t.py\", line 1\n    (a := 1) = 2\n     ^^^^^^\nSyntaxError: cannot assign to named expression here. Maybe you meant '==' instead of '='?",
    ),
    (
        "x = (yield) = 1\n",
        "  File \"t.py\", line 1\n    x = (yield) = 1\n         ^^^^^\nSyntaxError: cannot assign to yield expression",
    ),
    (
        "try:\n  pass\nx = 1\n",
        "  File \"t.py\", line 3\n    x = 1\n    ^\nSyntaxError: expected 'except' or 'finally' block",
    ),
    (
        "try:\n  pass\n",
        "  File \"t.py\", line 2\n    pass\nSyntaxError: expected 'except' or 'finally' block",
    ),
    (
        "for a + b in x: pass\n",
        "  File \"t.py\", line 1\n    for a + b in x: pass\n        ^^^^^\nSyntaxError: cannot assign to expression",
    ),
    (
        "else:\n  pass\n",
        "  File \"t.py\", line 1\n    else:\n    ^^^^\nSyntaxError: invalid syntax",
    ),
    (
        "x = {1: 2, 3}\n",
        "  File \"t.py\", line 1\n    x = {1: 2, 3}\n               ^\nSyntaxError: ':' expected after dictionary key",
    ),
    (
        "f(a b)\n",
        "  File \"t.py\", line 1\n    f(a b)\n      ^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?",
    ),
    (
        "x = [1 2]\n",
        "  File \"t.py\", line 1\n    x = [1 2]\n         ^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?",
    ),
    (
        "def f(x y): pass\n",
        "  File \"t.py\", line 1\n    def f(x y): pass\n            ^\nSyntaxError: invalid syntax",
    ),
    (
        "import a.b as c.d\n",
        "  File \"t.py\", line 1\n    import a.b as c.d\n                   ^\nSyntaxError: invalid syntax",
    ),
    (
        "return x +\n",
        "  File \"t.py\", line 1\n    return x +\n              ^\nSyntaxError: invalid syntax",
    ),
    (
        "x = 1 if\n",
        "  File \"t.py\", line 1\n    x = 1 if\n            ^\nSyntaxError: invalid syntax",
    ),
    (
        "@\ndef f(): pass\n",
        "  File \"t.py\", line 1\n    @\n     ^\nSyntaxError: invalid syntax",
    ),
    (
        "class A(metaclass=M, B): pass\n",
        "  File \"t.py\", line 1\n    class A(metaclass=M, B): pass\n                          ^\nSyntaxError: positional argument follows keyword argument",
    ),
    (
        "lambda x=1, y: x\n",
        "  File \"t.py\", line 1\n    lambda x=1, y: x\n                ^\nSyntaxError: non-default argument follows default argument",
    ),
    (
        "x = (1, 2\n",
        "  File \"t.py\", line 1\n    x = (1, 2\n        ^\nSyntaxError: '(' was never closed",
    ),
    (
        "if x == 1\n    pass\n",
        "  File \"t.py\", line 1\n    if x == 1\n             ^\nSyntaxError: expected ':'",
    ),
    (
        "elif x:\n  pass\n",
        "  File \"t.py\", line 1\n    elif x:\n    ^^^^\nSyntaxError: invalid syntax",
    ),
    (
        "def f(*): pass\n",
        "  File \"t.py\", line 1\n    def f(*): pass\n          ^\nSyntaxError: named arguments must follow bare *",
    ),
    (
        "a = b = \n",
        "  File \"t.py\", line 1\n    a = b = \n            ^\nSyntaxError: invalid syntax",
    ),
    (
        "x.1 = 2\n",
        "  File \"t.py\", line 1\n    x.1 = 2\n     ^^\nSyntaxError: invalid syntax",
    ),
    (
        "f(*)\n",
        "  File \"t.py\", line 1\n    f(*)\n       ^\nSyntaxError: invalid syntax",
    ),
    (
        "x = {**}\n",
        "  File \"t.py\", line 1\n    x = {**}\n           ^\nSyntaxError: invalid syntax",
    ),
    (
        "x = [*]\n",
        "  File \"t.py\", line 1\n    x = [*]\n          ^\nSyntaxError: invalid syntax",
    ),
    (
        "while True:\n    pass\n  else:\n    pass\n",
        "  File \"t.py\", line 3\n    else:\n         ^\nIndentationError: unindent does not match any outer indentation level",
    ),
    (
        "x = 3 = 4\n",
        "  File \"t.py\", line 1\n    x = 3 = 4\n        ^\nSyntaxError: cannot assign to literal",
    ),
    (
        "'abc' = 1\n",
        "  File \"t.py\", line 1\n    'abc' = 1\n    ^^^^^\nSyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='?",
    ),
    (
        "f(a for a in b for)\n",
        "  File \"t.py\", line 1\n    f(a for a in b for)\n                      ^\nSyntaxError: invalid syntax",
    ),
    (
        "(x for x in y) = 1\n",
        "  File \"t.py\", line 1\n    (x for x in y) = 1\n    ^^^^^^^^^^^^^^\nSyntaxError: cannot assign to generator expression",
    ),
    (
        "[x for x in y] = 1\n",
        "  File \"t.py\", line 1\n    [x for x in y] = 1\n    ^^^^^^^^^^^^^^\nSyntaxError: cannot assign to list comprehension here. Maybe you meant '==' instead of '='?",
    ),
    (
        "{a: b} = 1\n",
        "  File \"t.py\", line 1\n    {a: b} = 1\n    ^^^^^^\nSyntaxError: cannot assign to dict literal here. Maybe you meant '==' instead of '='?",
    ),
    (
        "a if b else c = 1\n",
        "  File \"t.py\", line 1\n    a if b else c = 1\n    ^^^^^^^^^^^^^\nSyntaxError: cannot assign to conditional expression",
    ),
    (
        "not a = 1\n",
        "  File \"t.py\", line 1\n    not a = 1\n    ^^^^^\nSyntaxError: cannot assign to expression",
    ),
    (
        "x = yield from\n",
        "  File \"t.py\", line 1\n    x = yield from\n                  ^\nSyntaxError: invalid syntax",
    ),
    (
        "f(a + b c * d)\n",
        "  File \"t.py\", line 1\n    f(a + b c * d)\n      ^^^^^^^^^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?",
    ),
    (
        "f(x, a.b[1] c.d)\n",
        "  File \"t.py\", line 1\n    f(x, a.b[1] c.d)\n         ^^^^^^^^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?",
    ),
    (
        "x = {1: a b}\n",
        "  File \"t.py\", line 1\n    x = {1: a b}\n            ^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?",
    ),
    (
        "x = (a b)\n",
        "  File \"t.py\", line 1\n    x = (a b)\n         ^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?",
    ),
    (
        "f(print \"x\")\n",
        "  File \"t.py\", line 1\n    f(print \"x\")\n      ^^^^^^^^^\nSyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?",
    ),
    (
        "f(a, b c, d)\n",
        "  File \"t.py\", line 1\n    f(a, b c, d)\n         ^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?",
    ),
    (
        "x = [f(x) g(y)]\n",
        "  File \"t.py\", line 1\n    x = [f(x) g(y)]\n         ^^^^^^^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?",
    ),
    (
        "f(a if b else c d)\n",
        "  File \"t.py\", line 1\n    f(a if b else c d)\n                    ^\nSyntaxError: invalid syntax",
    ),
    (
        "f(x for x in y z)\n",
        "  File \"t.py\", line 1\n    f(x for x in y z)\n                   ^\nSyntaxError: invalid syntax",
    ),
    (
        "x = (1 2\n",
        "  File \"t.py\", line 1\n    x = (1 2\n        ^\nSyntaxError: '(' was never closed",
    ),
    (
        "f(a \"x\")\n",
        "  File \"t.py\", line 1\n    f(a \"x\")\n        ^^^\nSyntaxError: invalid syntax",
    ),
    (
        "foo(x=1 y=2)\n",
        "  File \"t.py\", line 1\n    foo(x=1 y=2)\n          ^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?",
    ),
    (
        "f(match x)\n",
        "  File \"t.py\", line 1\n    f(match x)\n            ^\nSyntaxError: invalid syntax",
    ),
    (
        "print \"x\", y\n",
        "  File \"t.py\", line 1\n    print \"x\", y\n    ^^^^^^^^^^^^\nSyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?",
    ),
    (
        "f(a.b=1)\n",
        "  File \"t.py\", line 1\n    f(a.b=1)\n      ^^^^\nSyntaxError: expression cannot contain assignment, perhaps you meant \"==\"?",
    ),
    (
        "f(True=1)\n",
        "  File \"t.py\", line 1\n    f(True=1)\n      ^^^^^\nSyntaxError: cannot assign to True",
    ),
    (
        "f(x, a+b=2)\n",
        "  File \"t.py\", line 1\n    f(x, a+b=2)\n         ^^^^\nSyntaxError: expression cannot contain assignment, perhaps you meant \"==\"?",
    ),
    (
        "f(a.b = 1, c)\n",
        "  File \"t.py\", line 1\n    f(a.b = 1, c)\n      ^^^^^\nSyntaxError: expression cannot contain assignment, perhaps you meant \"==\"?",
    ),
    (
        "f(None=1)\n",
        "  File \"t.py\", line 1\n    f(None=1)\n      ^^^^^\nSyntaxError: cannot assign to None",
    ),
    (
        "f(x=1=2)\n",
        "  File \"t.py\", line 1\n    f(x=1=2)\n         ^\nSyntaxError: invalid syntax",
    ),
    (
        "f(x.y=1\n",
        "  File \"t.py\", line 1\n    f(x.y=1\n      ^^^^\nSyntaxError: expression cannot contain assignment, perhaps you meant \"==\"?",
    ),
    (
        "class A(x.y=1): pass\n",
        "  File \"t.py\", line 1\n    class A(x.y=1): pass\n            ^^^^\nSyntaxError: expression cannot contain assignment, perhaps you meant \"==\"?",
    ),
    (
        "if x = 1:\n  pass\n",
        "  File \"t.py\", line 1\n    if x = 1:\n       ^^^^^\nSyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
    ),
    (
        "while x = f():\n  pass\n",
        "  File \"t.py\", line 1\n    while x = f():\n          ^^^^^^^\nSyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
    ),
    (
        "a = 1 if b\n",
        "  File \"t.py\", line 1\n    a = 1 if b\n        ^^^^^^\nSyntaxError: expected 'else' after 'if' expression",
    ),
    (
        "x = [a if b]\n",
        "  File \"t.py\", line 1\n    x = [a if b]\n         ^^^^^^\nSyntaxError: expected 'else' after 'if' expression",
    ),
    (
        "def f(): return x if y\n",
        "  File \"t.py\", line 1\n    def f(): return x if y\n                    ^^^^^^\nSyntaxError: expected 'else' after 'if' expression",
    ),
    (
        "if f() = 1:\n pass\n",
        "  File \"t.py\", line 1\n    if f() = 1:\n       ^^^\nSyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='?",
    ),
    (
        "if a.b = 1:\n pass\n",
        "  File \"t.py\", line 1\n    if a.b = 1:\n       ^^^\nSyntaxError: cannot assign to attribute here. Maybe you meant '==' instead of '='?",
    ),
    (
        "if a[0] = 1:\n pass\n",
        "  File \"t.py\", line 1\n    if a[0] = 1:\n       ^^^^\nSyntaxError: cannot assign to subscript here. Maybe you meant '==' instead of '='?",
    ),
    (
        "if 1 = x:\n pass\n",
        "  File \"t.py\", line 1\n    if 1 = x:\n       ^\nSyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='?",
    ),
    (
        "if a + b = c:\n pass\n",
        "  File \"t.py\", line 1\n    if a + b = c:\n       ^^^^^\nSyntaxError: cannot assign to expression here. Maybe you meant '==' instead of '='?",
    ),
    (
        "elif x = 2:\n pass\n",
        "  File \"t.py\", line 1\n    elif x = 2:\n    ^^^^\nSyntaxError: invalid syntax",
    ),
    (
        "if x:\n pass\nelif y = 2:\n pass\n",
        "  File \"t.py\", line 3\n    elif y = 2:\n         ^^^^^\nSyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
    ),
    (
        "x = a + b if c\n",
        "  File \"t.py\", line 1\n    x = a + b if c\n        ^^^^^^^^^^\nSyntaxError: expected 'else' after 'if' expression",
    ),
    (
        "f(a if b)\n",
        "  File \"t.py\", line 1\n    f(a if b)\n      ^^^^^^\nSyntaxError: expected 'else' after 'if' expression",
    ),
    (
        "if x = 1 and y:\n pass\n",
        "  File \"t.py\", line 1\n    if x = 1 and y:\n       ^^^^^\nSyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
    ),
    (
        "lambda a=1, b: 0\n",
        "  File \"t.py\", line 1\n    lambda a=1, b: 0\n                ^\nSyntaxError: non-default argument follows default argument",
    ),
    (
        "lambda *, **k: 1\n",
        "  File \"t.py\", line 1\n    lambda *, **k: 1\n              ^^\nSyntaxError: named arguments must follow bare *",
    ),
    (
        "lambda *a, *b: 1\n",
        "  File \"t.py\", line 1\n    lambda *a, *b: 1\n               ^\nSyntaxError: * argument may appear only once",
    ),
    (
        "lambda /: 1\n",
        "  File \"t.py\", line 1\n    lambda /: 1\n           ^\nSyntaxError: invalid syntax",
    ),
    (
        "lambda **k, a: 1\n",
        "  File \"t.py\", line 1\n    lambda **k, a: 1\n                ^\nSyntaxError: arguments cannot follow var-keyword argument",
    ),
    (
        "lambda a, /, b, /: 1\n",
        "  File \"t.py\", line 1\n    lambda a, /, b, /: 1\n                    ^\nSyntaxError: / may appear only once",
    ),
    (
        "lambda *a, /: 1\n",
        "  File \"t.py\", line 1\n    lambda *a, /: 1\n               ^\nSyntaxError: / must be ahead of *",
    ),
    (
        "def f(**k, *a): pass\n",
        "  File \"t.py\", line 1\n    def f(**k, *a): pass\n               ^\nSyntaxError: arguments cannot follow var-keyword argument",
    ),
    (
        "def f(*, a, *b): pass\n",
        "  File \"t.py\", line 1\n    def f(*, a, *b): pass\n                ^\nSyntaxError: * argument may appear only once",
    ),
    (
        "def f(a, *, /): pass\n",
        "  File \"t.py\", line 1\n    def f(a, *, /): pass\n                ^\nSyntaxError: / must be ahead of *",
    ),
    (
        "def f(**k=1): pass\n",
        "  File \"t.py\", line 1\n    def f(**k=1): pass\n             ^\nSyntaxError: var-keyword argument cannot have default value",
    ),
    (
        "def f(*a=1): pass\n",
        "  File \"t.py\", line 1\n    def f(*a=1): pass\n            ^\nSyntaxError: var-positional argument cannot have default value",
    ),
    (
        "lambda **k=1: 0\n",
        "  File \"t.py\", line 1\n    lambda **k=1: 0\n              ^\nSyntaxError: var-keyword argument cannot have default value",
    ),
    (
        "x = = 1\n",
        "  File \"t.py\", line 1\n    x = = 1\n        ^\nSyntaxError: invalid syntax",
    ),
    (
        "def f(x):\nreturn x\n",
        "  File \"t.py\", line 2\n    return x\n    ^\nIndentationError: expected an indented block after function definition on line 1",
    ),
    (
        "print(1, 2,, 3)\n",
        "  File \"t.py\", line 1\n    print(1, 2,, 3)\n               ^\nSyntaxError: invalid syntax",
    ),
    (
        "f(,)\n",
        "  File \"t.py\", line 1\n    f(,)\n      ^\nSyntaxError: invalid syntax",
    ),
    (
        "[1,,2]\n",
        "  File \"t.py\", line 1\n    [1,,2]\n       ^\nSyntaxError: invalid syntax",
    ),
    (
        "x == 1 = y\n",
        "  File \"t.py\", line 1\n    x == 1 = y\n    ^^^^^^\nSyntaxError: cannot assign to comparison",
    ),
    (
        "def = 1\n",
        "  File \"t.py\", line 1\n    def = 1\n        ^\nSyntaxError: invalid syntax",
    ),
    (
        "class = 1\n",
        "  File \"t.py\", line 1\n    class = 1\n          ^\nSyntaxError: invalid syntax",
    ),
    (
        "x = True = 1\n",
        "  File \"t.py\", line 1\n    x = True = 1\n        ^^^^\nSyntaxError: cannot assign to True",
    ),
    (
        "try:\n  pass\nelse:\n  pass\n",
        "  File \"t.py\", line 3\n    else:\n    ^^^^\nSyntaxError: expected 'except' or 'finally' block",
    ),
    (
        "try\n  pass\n",
        "  File \"t.py\", line 1\n    try\n       ^\nSyntaxError: expected ':'",
    ),
    (
        "finally:\n  pass\n",
        "  File \"t.py\", line 1\n    finally:\n    ^^^^^^^\nSyntaxError: invalid syntax",
    ),
    (
        "class A(B)\n  pass\n",
        "  File \"t.py\", line 1\n    class A(B)\n              ^\nSyntaxError: expected ':'",
    ),
    (
        "else\n",
        "  File \"t.py\", line 1\n    else\n    ^^^^\nSyntaxError: invalid syntax",
    ),
    (
        "x = {1: 2, 3: }\n",
        "  File \"t.py\", line 1\n    x = {1: 2, 3: }\n                ^\nSyntaxError: expression expected after dictionary key and ':'",
    ),
    (
        "x = {1: }\n",
        "  File \"t.py\", line 1\n    x = {1: }\n          ^\nSyntaxError: expression expected after dictionary key and ':'",
    ),
    (
        "for x in :\n  pass\n",
        "  File \"t.py\", line 1\n    for x in :\n             ^\nSyntaxError: invalid syntax",
    ),
    (
        "for in x:\n  pass\n",
        "  File \"t.py\", line 1\n    for in x:\n        ^^\nSyntaxError: invalid syntax",
    ),
    (
        "while:\n  pass\n",
        "  File \"t.py\", line 1\n    while:\n         ^\nSyntaxError: invalid syntax",
    ),
    (
        "if:\n  pass\n",
        "  File \"t.py\", line 1\n    if:\n      ^\nSyntaxError: invalid syntax",
    ),
    (
        "def f(a b): pass\n",
        "  File \"t.py\", line 1\n    def f(a b): pass\n            ^\nSyntaxError: invalid syntax",
    ),
    (
        "def f(a,, b): pass\n",
        "  File \"t.py\", line 1\n    def f(a,, b): pass\n            ^\nSyntaxError: invalid syntax",
    ),
    (
        "import os,\n",
        "  File \"t.py\", line 1\n    import os,\n              ^\nSyntaxError: invalid syntax",
    ),
    (
        "from import x\n",
        "  File \"t.py\", line 1\n    from import x\n         ^^^^^^\nSyntaxError: invalid syntax",
    ),
    (
        "x = [1, 2, 3\n\nprint(x)\n",
        "  File \"t.py\", line 1\n    x = [1, 2, 3\n        ^\nSyntaxError: '[' was never closed",
    ),
    (
        "x = \"hello\nprint(x)\n",
        "  File \"t.py\", line 1\n    x = \"hello\n        ^\nSyntaxError: unterminated string literal (detected at line 1)",
    ),
    (
        "def f():\n    x = 1\n     y = 2\n",
        "  File \"t.py\", line 3\n    y = 2\nIndentationError: unexpected indent",
    ),
    (
        "x = 1\nif x:\nprint(x)\n",
        "  File \"t.py\", line 3\n    print(x)\n    ^\nIndentationError: expected an indented block after 'if' statement on line 2",
    ),
    (
        "async def f():\n    await\n",
        "  File \"t.py\", line 2\n    await\n         ^\nSyntaxError: invalid syntax",
    ),
    (
        "x = lambda: yield\n",
        "  File \"t.py\", line 1\n    x = lambda: yield\n                ^^^^^\nSyntaxError: invalid syntax",
    ),
    (
        "a = 1 b = 2\n",
        "  File \"t.py\", line 1\n    a = 1 b = 2\n          ^\nSyntaxError: invalid syntax",
    ),
    (
        "def f():\n    pass\n  return\n",
        "  File \"t.py\", line 3\n    return\n          ^\nIndentationError: unindent does not match any outer indentation level",
    ),
    (
        "x = (1, 2, 3))\n",
        "  File \"t.py\", line 1\n    x = (1, 2, 3))\n                 ^\nSyntaxError: unmatched ')'",
    ),
    (
        "x = 5 ** * 2\n",
        "  File \"t.py\", line 1\n    x = 5 ** * 2\n             ^\nSyntaxError: invalid syntax",
    ),
    (
        "raise X from\n",
        "  File \"t.py\", line 1\n    raise X from\n                ^\nSyntaxError: invalid syntax",
    ),
    (
        "with open(f) as:\n  pass\n",
        "  File \"t.py\", line 1\n    with open(f) as:\n                   ^\nSyntaxError: invalid syntax",
    ),
    (
        "except ValueError:\n  pass\n",
        "  File \"t.py\", line 1\n    except ValueError:\n    ^^^^^^\nSyntaxError: invalid syntax",
    ),
    (
        "x = 1 if y else\n",
        "  File \"t.py\", line 1\n    x = 1 if y else\n                   ^\nSyntaxError: invalid syntax",
    ),
    (
        "assert\n",
        "  File \"t.py\", line 1\n    assert\n          ^\nSyntaxError: invalid syntax",
    ),
    (
        "del\n",
        "  File \"t.py\", line 1\n    del\n       ^\nSyntaxError: invalid syntax",
    ),
    (
        "global\n",
        "  File \"t.py\", line 1\n    global\n          ^\nSyntaxError: invalid syntax",
    ),
    (
        "x = not\n",
        "  File \"t.py\", line 1\n    x = not\n           ^\nSyntaxError: invalid syntax",
    ),
    (
        "x[1:2:3:4]\n",
        "  File \"t.py\", line 1\n    x[1:2:3:4]\n           ^\nSyntaxError: invalid syntax",
    ),
    (
        "f(a=)\n",
        "  File \"t.py\", line 1\n    f(a=)\n        ^\nSyntaxError: invalid syntax",
    ),
    (
        "\tx = 1\n",
        "  File \"t.py\", line 1\n    x = 1\nIndentationError: unexpected indent",
    ),
    (
        "  x = 1\n",
        "  File \"t.py\", line 1\n    x = 1\nIndentationError: unexpected indent",
    ),
    (
        "f() = 1\nx = \"abc\n",
        "  File \"t.py\", line 2\n    x = \"abc\n        ^\nSyntaxError: unterminated string literal (detected at line 2)",
    ),
    (
        "x = 1 2\ny = \"\n",
        "  File \"t.py\", line 2\n    y = \"\n        ^\nSyntaxError: unterminated string literal (detected at line 2)",
    ),
    (
        "f(a b\n",
        "  File \"t.py\", line 1\n    f(a b\n     ^\nSyntaxError: '(' was never closed",
    ),
    (
        "f(**a, b\n",
        "  File \"t.py\", line 1\n    f(**a, b\n     ^\nSyntaxError: '(' was never closed",
    ),
    (
        "x = (1,\n2 3\n",
        "  File \"t.py\", line 1\n    x = (1,\n        ^\nSyntaxError: '(' was never closed",
    ),
    (
        "x = 1 2\nif y:\n    a\n  b\n",
        "  File \"t.py\", line 1\n    x = 1 2\n          ^\nSyntaxError: invalid syntax",
    ),
    (
        "try:\n    pass\nexcept*:\n    pass\n",
        "  File \"t.py\", line 3\n    except*:\n           ^\nSyntaxError: expected one or more exception types",
    ),
    (
        "try:\n    pass\nexcept* A:\n    pass\nexcept B:\n    pass\n",
        "  File \"t.py\", line 5\n    except B:\n    ^^^^^^\nSyntaxError: cannot have both 'except' and 'except*' on the same 'try'",
    ),
    (
        "try:\n    pass\nexcept A, B:\n    pass\n",
        "  File \"t.py\", line 3\n    except A, B:\n           ^^^^\nSyntaxError: multiple exception types must be parenthesized",
    ),
    (
        "try:\n    pass\nexcept A as e.f:\n    pass\n",
        "  File \"t.py\", line 3\n    except A as e.f:\n                 ^\nSyntaxError: invalid syntax",
    ),
    (
        "try:\n    pass\nexcept A, B as e:\n    pass\n",
        "  File \"t.py\", line 3\n    except A, B as e:\n           ^^^^^^^^^\nSyntaxError: multiple exception types must be parenthesized",
    ),
    (
        "[x, y for x, y in z]\n",
        "  File \"t.py\", line 1\n    [x, y for x, y in z]\n     ^^^^\nSyntaxError: did you forget parentheses around the comprehension target?",
    ),
    (
        "{x, y for x, y in z}\n",
        "  File \"t.py\", line 1\n    {x, y for x, y in z}\n     ^^^^\nSyntaxError: did you forget parentheses around the comprehension target?",
    ),
    (
        "def f(True): pass\n",
        "  File \"t.py\", line 1\n    def f(True): pass\n          ^^^^\nSyntaxError: invalid syntax",
    ),
    (
        "x = [1, 2, 3]]\n",
        "  File \"t.py\", line 1\n    x = [1, 2, 3]]\n                 ^\nSyntaxError: unmatched ']'",
    ),
    (
        "}\n",
        "  File \"t.py\", line 1\n    }\n    ^\nSyntaxError: unmatched '}'",
    ),
    (
        "x = 1 +\n2\n",
        "  File \"t.py\", line 1\n    x = 1 +\n           ^\nSyntaxError: invalid syntax",
    ),
    (
        "f(x for x in y)(z for z in w, 1)\n",
        "  File \"t.py\", line 1\n    f(x for x in y)(z for z in w, 1)\n                    ^^^^^^^^^^^^\nSyntaxError: Generator expression must be parenthesized",
    ),
    (
        "a[1:2 3]\n",
        "  File \"t.py\", line 1\n    a[1:2 3]\n        ^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?",
    ),
    (
        "import a.b.c as\n",
        "  File \"t.py\", line 1\n    import a.b.c as\n                   ^\nSyntaxError: invalid syntax",
    ),
    (
        "from . import\n",
        "  File \"t.py\", line 1\n    from . import\n                 ^\nSyntaxError: invalid syntax",
    ),
    (
        "def f(a, b=1, /, c): pass\n",
        "  File \"t.py\", line 1\n    def f(a, b=1, /, c): pass\n                     ^\nSyntaxError: non-default argument follows default argument",
    ),
    (
        "x = {a: b for a, b in c d}\n",
        "  File \"t.py\", line 1\n    x = {a: b for a, b in c d}\n                            ^\nSyntaxError: invalid syntax",
    ),
    (
        "print(x if y)\n",
        "  File \"t.py\", line 1\n    print(x if y)\n          ^^^^^^\nSyntaxError: expected 'else' after 'if' expression",
    ),
    (
        "while x\n",
        "  File \"t.py\", line 1\n    while x\n           ^\nSyntaxError: expected ':'",
    ),
    (
        "x: int = \n",
        "  File \"t.py\", line 1\n    x: int = \n             ^\nSyntaxError: invalid syntax",
    ),
    (
        "x = \"a\" \"b\" c\n",
        "  File \"t.py\", line 1\n    x = \"a\" \"b\" c\n                ^\nSyntaxError: invalid syntax",
    ),
    (
        "lambda x: x = 1\n",
        "  File \"t.py\", line 1\n    lambda x: x = 1\n    ^^^^^^^^^^^\nSyntaxError: cannot assign to lambda",
    ),
    (
        "x = lambda: pass\n",
        "  File \"t.py\", line 1\n    x = lambda: pass\n                ^^^^\nSyntaxError: invalid syntax",
    ),
    (
        "def f():\n    yield = 1\n",
        "  File \"t.py\", line 2\n    yield = 1\n    ^^^^^\nSyntaxError: assignment to yield expression not possible",
    ),
    (
        "def f:\n  pass\n",
        "  File \"t.py\", line 1\n    def f:\n         ^\nSyntaxError: expected '('",
    ),
    (
        "def f\n",
        "  File \"t.py\", line 1\n    def f\n         ^\nSyntaxError: expected '('",
    ),
    (
        "async def f x\n",
        "  File \"t.py\", line 1\n    async def f x\n                ^\nSyntaxError: expected '('",
    ),
    (
        "def f x:\n  pass\n",
        "  File \"t.py\", line 1\n    def f x:\n          ^\nSyntaxError: expected '('",
    ),
    (
        "x = {k: v for k, v inars(_).items() if k[:2] != 1}\n",
        "  File \"t.py\", line 1\n    x = {k: v for k, v inars(_).items() if k[:2] != 1}\n                     ^^^^^^^^^^^^^^^^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?",
    ),
    (
        "def f():\n    try:\n        x = 1",
        "  File \"t.py\", line 3\n    x = 1\nSyntaxError: expected 'except' or 'finally' block",
    ),
    (
        "if x:\n   ",
        "  File \"t.py\", line 2\n    \nIndentationError: expected an indented block after 'if' statement on line 1",
    ),
    (
        "def f():\n    try:\n        x = 1\n    ",
        "  File \"t.py\", line 4\n    \nSyntaxError: expected 'except' or 'finally' block",
    ),
    (
        "class A:\n\n\n   ",
        "  File \"t.py\", line 4\n    \nIndentationError: expected an indented block after class definition on line 1",
    ),
    (
        "x:\n",
        "  File \"t.py\", line 1\n    x:\n      ^\nSyntaxError: invalid syntax",
    ),
    (
        "f():\n",
        "  File \"t.py\", line 1\n    f():\n       ^\nSyntaxError: invalid syntax",
    ),
    (
        "lambda x:\n",
        "  File \"t.py\", line 1\n    lambda x:\n             ^\nSyntaxError: invalid syntax",
    ),
    (
        "def f():\n    if x:\ny = 1\n",
        "  File \"t.py\", line 3\n    y = 1\nIndentationError: expected an indented block after 'if' statement on line 2",
    ),
    (
        "def f():\n    try:\n        pass\nx = 1\n",
        "  File \"t.py\", line 4\n    x = 1\nSyntaxError: expected 'except' or 'finally' block",
    ),
    (
        "def f(x) pass\n",
        "  File \"t.py\", line 1\n    def f(x) pass\n             ^^^^\nSyntaxError: expected ':'",
    ),
    (
        "def f(x) -> int pass\n",
        "  File \"t.py\", line 1\n    def f(x) -> int pass\n                    ^^^^\nSyntaxError: expected ':'",
    ),
    (
        "try pass\n",
        "  File \"t.py\", line 1\n    try pass\n        ^^^^\nSyntaxError: expected ':'",
    ),
    (
        "for x in y pass\n",
        "  File \"t.py\", line 1\n    for x in y pass\n               ^^^^\nSyntaxError: invalid syntax",
    ),
    (
        "class A pass\n",
        "  File \"t.py\", line 1\n    class A pass\n            ^^^^\nSyntaxError: invalid syntax",
    ),
    (
        "with a pass\n",
        "  File \"t.py\", line 1\n    with a pass\n           ^^^^\nSyntaxError: invalid syntax",
    ),
    (
        "while x pass\n",
        "  File \"t.py\", line 1\n    while x pass\n            ^^^^\nSyntaxError: invalid syntax",
    ),
    (
        "if x:\n    pass\nelse x:\n    pass\n",
        "  File \"t.py\", line 3\n    else x:\n         ^\nSyntaxError: expected ':'",
    ),
    (
        "try:\n    pass\nfinally x\n",
        "  File \"t.py\", line 3\n    finally x\n            ^\nSyntaxError: expected ':'",
    ),
    (
        "def f(x) -> int\n",
        "  File \"t.py\", line 1\n    def f(x) -> int\n                   ^\nSyntaxError: expected ':'",
    ),
    (
        "iisinstance(s, b):\n",
        "  File \"t.py\", line 1\n    iisinstance(s, b):\n                     ^\nSyntaxError: invalid syntax",
    ),
    (
        "[x = 1]\n",
        "  File \"t.py\", line 1\n    [x = 1]\n     ^^^^^\nSyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
    ),
    (
        "(x = 1)\n",
        "  File \"t.py\", line 1\n    (x = 1)\n     ^^^^^\nSyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
    ),
    (
        "y = (a.b = 1)\n",
        "  File \"t.py\", line 1\n    y = (a.b = 1)\n         ^^^\nSyntaxError: cannot assign to attribute here. Maybe you meant '==' instead of '='?",
    ),
    (
        "{x = 1}\n",
        "  File \"t.py\", line 1\n    {x = 1}\n     ^^^^^\nSyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
    ),
    (
        "[1, x = 2]\n",
        "  File \"t.py\", line 1\n    [1, x = 2]\n        ^^^^^\nSyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
    ),
    (
        "a[x = 1]\n",
        "  File \"t.py\", line 1\n    a[x = 1]\n      ^^^^^\nSyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
    ),
    (
        "print((x = 1))\n",
        "  File \"t.py\", line 1\n    print((x = 1))\n           ^^^^^\nSyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
    ),
    (
        "y = (f() = 1)\n",
        "  File \"t.py\", line 1\n    y = (f() = 1)\n         ^^^\nSyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='?",
    ),
];

/// What percolate prints for `source` in file `t.py`.
fn percolate_report(source: &str) -> String {
    match parse_module(source, "t.py") {
        Ok(_) => "<parsed without error>".to_string(),
        Err(err) => err.to_string(),
    }
}

#[test]
fn messages_lines_and_carets_match_cpython() {
    let mut failures = Vec::new();
    for (source, expected) in CASES {
        let ours = percolate_report(source);
        if ours != *expected {
            failures.push(format!(
                "source {source:?}\nexpected:\n{expected}\npercolate:\n{ours}\n"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A scratch directory for this test process.
fn scratch_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("percolate-syntax-errors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir is writable");
    dir
}

#[test]
fn expected_texts_are_what_python3_prints() {
    // Resolve the real interpreter once: `python3` may be a slow wrapper script (pyenv).
    let Ok(probe) = Command::new("python3")
        .args(["-c", "import sys; print(sys.executable)"])
        .output()
    else {
        return;
    };
    let python = String::from_utf8_lossy(&probe.stdout).trim().to_string();
    if !probe.status.success() || python.is_empty() {
        return;
    }
    let root = scratch_dir();
    let mut failures = Vec::new();
    // A few python3 processes at a time, each in its own directory with its own `t.py`.
    for (chunk_index, chunk) in CASES.chunks(16).enumerate() {
        let mut running = Vec::new();
        for (i, (source, expected)) in chunk.iter().enumerate() {
            let dir = root.join(format!("{chunk_index}-{i}"));
            std::fs::create_dir_all(&dir).expect("case dir");
            let path = dir.join("t.py");
            std::fs::write(&path, source).expect("write t.py");
            // `-I -S`: no site import, so each run starts quickly; the report is unchanged.
            let child = Command::new(&python)
                .args(["-I", "-S"])
                .arg(&path)
                .current_dir(&dir)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("python3 starts");
            running.push((source, expected, path, child));
        }
        for (source, expected, path, child) in running {
            let output = child.wait_with_output().expect("python3 finishes");
            let stderr = String::from_utf8_lossy(&output.stderr);
            let printed = stderr
                .trim_end_matches('\n')
                .replace(&path.display().to_string(), "t.py");
            if printed != *expected {
                failures.push(format!(
                    "source {source:?}\nhard-coded:\n{expected}\npython3:\n{printed}\n"
                ));
            }
        }
    }
    let _ = std::fs::remove_dir_all(&root);
    assert!(
        failures.is_empty(),
        "{} stale expectations:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn unclosed_fstring_field_reports_expecting_brace() {
    let err = parse_module("f\"{x\"\n", "t.py").unwrap_err();
    assert_eq!((err.msg.as_str(), err.line), ("f-string: expecting '}'", 1));
}

#[test]
fn irrefutable_case_before_the_last_is_a_syntax_error() {
    let err = parse_module(
        "match x:\n    case y:\n        pass\n    case 1:\n        pass\n",
        "t.py",
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "  File \"t.py\", line 2\n    case y:\n         ^\nSyntaxError: name capture 'y' makes remaining patterns unreachable"
    );
    let err = parse_module(
        "match x:\n    case _:\n        pass\n    case 1:\n        pass\n",
        "t.py",
    )
    .unwrap_err();
    assert_eq!(
        (err.msg.as_str(), err.line),
        ("wildcard makes remaining patterns unreachable", 2)
    );
}

#[test]
fn type_alias_statement_is_refused_clearly() {
    let err = parse_module("type Point = tuple[int, int]\n", "t.py").unwrap_err();
    assert_eq!(
        err.msg,
        "type alias statements are not supported by percolate"
    );
    assert_eq!((err.line, err.col), (1, 1));
}

#[test]
fn earlier_syntax_error_wins_over_later_match_statement() {
    let err = parse_module("x = 1 2\nmatch x:\n    case 1:\n        pass\n", "t.py").unwrap_err();
    assert_eq!((err.msg.as_str(), err.line), ("invalid syntax", 1));
}

#[test]
fn block_header_at_end_of_input_is_incomplete() {
    let err = parse_module("for x in y:\n", "t.py").unwrap_err();
    assert!(err.incomplete);
    let err = parse_module("x = 1 2\n", "t.py").unwrap_err();
    assert!(!err.incomplete);
}

#[test]
fn type_parameter_lists_are_refused_clearly() {
    for source in [
        "def first[T](xs: list[T]) -> T:\n    return xs[0]\n",
        "class Box[T]:\n    pass\n",
    ] {
        let err = parse_module(source, "t.py").unwrap_err();
        assert_eq!(
            err.msg,
            "type parameter lists are not supported by percolate"
        );
        assert_eq!(err.line, 1);
    }
}

#[test]
fn carets_never_split_multibyte_characters() {
    let err = parse_module("é, b: int = 1\n", "t.py").unwrap_err();
    assert_eq!(err.msg, "only single target (not tuple) can be annotated");
    assert_eq!((err.line, err.col, err.end_col), (1, 1, 2));
}
