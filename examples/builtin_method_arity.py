# Built-in methods called with the wrong number or kind of arguments raise CPython's
# TypeError (each way CPython declares a method words it its own way) instead of
# crashing, recursing without end, or silently ignoring what they were given.


def attempt(label, f):
    try:
        result = f()
    except (TypeError, ValueError) as e:
        print(f"{label}: {type(e).__name__}: {e}")
    else:
        print(f"{label}: {result!r}")


# Arguments that used to be missing on the Rust side (an index past the end).
attempt("b'ab'.center()", lambda: b"ab".center())
attempt("b'ab'.count()", lambda: b"ab".count())
attempt("b'ab'.join()", lambda: b"ab".join())
attempt("b'ab'.translate()", lambda: b"ab".translate())
attempt("str.maketrans(1)", lambda: str.maketrans(1))
attempt("str.maketrans('ab', 1)", lambda: str.maketrans("ab", 1))
attempt("str.maketrans(1, 'a')", lambda: str.maketrans(1, "a"))
attempt("str.maketrans('ab', 'c')", lambda: str.maketrans("ab", "c"))
attempt("str.maketrans({'ab': 1})", lambda: str.maketrans({"ab": 1}))
attempt("str.maketrans({'a': 'b', 7: None})", lambda: str.maketrans({"a": "b", 7: None}))

# A set is not subscriptable (this recursed until the stack overflowed).
one = {1}
attempt("{1}[0]", lambda: one[0])
attempt("frozenset({1})[0]", lambda: frozenset(one)[0])

# Surplus arguments that used to be ignored.
attempt("'{x}'.format_map({'x': 1}, 2)", lambda: "{x}".format_map({"x": 1}, 2))
attempt("'a-b'.partition('-', 1)", lambda: "a-b".partition("-", 1))
attempt("','.join('ab', 'cd')", lambda: ",".join("ab", "cd"))
attempt("'xax'.strip('x', 'y')", lambda: "xax".strip("x", "y"))
attempt("'5'.zfill(3, 4)", lambda: "5".zfill(3, 4))
attempt("'a\\tb'.expandtabs(4, 2)", lambda: "a\tb".expandtabs(4, 2))
attempt("(1, 2, 1).count(1, 2)", lambda: (1, 2, 1).count(1, 2))
attempt("{1: 2}.popitem(1)", lambda: {1: 2}.popitem(1))
attempt("{1}.pop(1)", lambda: {1}.pop(1))
attempt("(1).conjugate(1)", lambda: (1).conjugate(1))
attempt("(1.5).hex(1)", lambda: (1.5).hex(1))

# Each kind of declaration words its count error its own way.
attempt("'a'.upper(1)", lambda: "a".upper(1))
attempt("'a'.join()", lambda: "a".join())
attempt("'a'.center()", lambda: "a".center())
attempt("'a'.replace('a')", lambda: "a".replace("a"))
attempt("'a'.count()", lambda: "a".count())
attempt("'a'.find('a', 1, 2, 3)", lambda: "a".find("a", 1, 2, 3))
attempt("'a'.__contains__()", lambda: "a".__contains__())
attempt("'a'.encode('utf-8', 'strict', 3)", lambda: "a".encode("utf-8", "strict", 3))
attempt("'a'.split(',', 1, 2)", lambda: "a".split(",", 1, 2))
attempt("[].append()", lambda: [].append())
attempt("[].insert(1)", lambda: [].insert(1))
attempt("[].pop(1, 2)", lambda: [].pop(1, 2))
attempt("[].index()", lambda: [].index())
attempt("{}.get()", lambda: {}.get())
attempt("{}.update({}, {})", lambda: {}.update({}, {}))
attempt("dict.fromkeys()", lambda: dict.fromkeys())
attempt("bytes.fromhex()", lambda: bytes.fromhex())
attempt("set().add()", lambda: set().add())
attempt("(2.5).__round__(1, 2)", lambda: (2.5).__round__(1, 2))

# Keywords where CPython takes none.
attempt("'a'.center(width=3)", lambda: "a".center(width=3))
attempt("'a'.count(x='a')", lambda: "a".count(x="a"))
attempt("[].append(x=1)", lambda: [].append(x=1))
attempt("'a'.__contains__(x='a')", lambda: "a".__contains__(x="a"))

# Argument types, in CPython's words.
attempt("'a'.find(1)", lambda: "a".find(1))
attempt("'abc'.find('b', 'x')", lambda: "abc".find("b", "x"))
attempt("'a'.strip(1)", lambda: "a".strip(1))
attempt("'a'.rstrip(1)", lambda: "a".rstrip(1))
attempt("'a'.center(3, 1)", lambda: "a".center(3, 1))
attempt("'a'.partition(1)", lambda: "a".partition(1))
ab, key = "ab", "a"
attempt("'ab'['a']", lambda: ab[key])
attempt("(5).__format__(1)", lambda: (5).__format__(1))
attempt("(5).__format__('x')", lambda: (5).__format__("x"))
attempt("(5).__format__('q')", lambda: (5).__format__("q"))

# Calls with the right arguments are unchanged.
attempt("'a-b'.partition('-')", lambda: "a-b".partition("-"))
attempt("str.maketrans('ab', 'cd', 'e')", lambda: str.maketrans("ab", "cd", "e"))
attempt("'abcab'.count('ab', 1)", lambda: "abcab".count("ab", 1))
attempt("'xax'.strip('x')", lambda: "xax".strip("x"))
attempt("b'ab'.center(6, b'*')", lambda: b"ab".center(6, b"*"))
