# Calls with *args and **kwargs, and built-in methods taking keyword arguments: what is
# evaluated when, and the TypeErrors CPython words for each mistake.


def show(label, thunk):
    try:
        print(label, "->", repr(thunk()))
    except Exception as e:
        print(label, "!!", type(e).__name__, e)


def f(*args, **kwargs):
    return args, kwargs


class Box:
    def method(self, *args):
        return args


def trace(name, value):
    print("  evaluate", name)
    return value


def numbers():
    print("  iterate *numbers()")
    yield 1
    yield 2


# A lone *iterable is made a tuple by the call itself, after the keywords are evaluated;
# with other positional arguments it is unpacked where it stands.
show("lone star", lambda: f(*numbers(), key=trace("key", 3)))
show("star among others", lambda: f(trace("first", 0), *numbers(), key=trace("key", 3)))

# Not an iterable: the message names the callee only for a lone *x.
show("f(*5)", lambda: f(*5))
show("f(*5, x=1)", lambda: f(*5, x=1))
show("f(1, *5)", lambda: f(1, *5))
show("bound method", lambda: Box().method(*None))
show("builtin method", lambda: [].append(*3))
show("builtin function", lambda: len(*4))
show("class", lambda: Box(*5))
show("lambda", lambda: (lambda *a: a)(*5))
show("** checked first", lambda: f(*5, **5))

# Keywords: ** merging, and a name given twice.
show("f(**5)", lambda: f(**5))
show("f(x=1, **5)", lambda: f(x=1, **5))
show("merged", lambda: f(a=1, **{"b": 2}, c=3, **{"d": 4}))
show("twice after **", lambda: f(**{"a": 1}, a=2))
show("twice in two **", lambda: f(**{"a": 1}, **{"a": 2}))
show("twice before **", lambda: f(a=1, **{"a": 2}))
show("method twice", lambda: Box().method(**{"x": 1}, x=2))
show("not a str key", lambda: f(**{1: 2}))

# Built-in methods whose parameters may be passed by name (Argument Clinic).
show("splitlines(keepends=True)", lambda: "a\nb".splitlines(keepends=True))
show("splitlines(2)", lambda: "a\nb".splitlines(2))
show("splitlines('a')", lambda: "a\nb".splitlines("a"))
show("splitlines(1.5)", lambda: "a\nb".splitlines(1.5))
show("bytes splitlines", lambda: b"a\r\nb".splitlines(keepends=True))
show("bytearray splitlines", lambda: bytearray(b"a\nb").splitlines(keepends=1))
show("expandtabs(tabsize=4)", lambda: "a\tb".expandtabs(tabsize=4))
show("bytes expandtabs", lambda: b"a\tb".expandtabs(tabsize=2))
show("unknown keyword", lambda: "a\tb".expandtabs(size=4))
show("two keywords", lambda: "a".splitlines(keepends=1, x=2))
show("by name and position", lambda: "a".splitlines(True, keepends=1))
show("split by name and position", lambda: "a b".split(" ", sep=" "))
show("split invalid", lambda: "a b".split(max=1))
show("split(maxsplit=1)", lambda: "a b c".split(maxsplit=1))
show("bytes split(sep=)", lambda: b"a,b,c".rsplit(sep=b",", maxsplit=1))
show("bytes split invalid", lambda: b"a b".split(x=1))

# bytes.hex with a separator every n bytes, from the right (from the left when n < 0).
data = bytes(range(0xA0, 0xA7))
show("hex()", lambda: data.hex())
show("hex(':')", lambda: data.hex(":"))
show("hex('-', 3)", lambda: data.hex("-", 3))
show("hex('-', -3)", lambda: data.hex("-", -3))
show("hex(b' ', 2)", lambda: data.hex(b" ", 2))
show("hex(sep='.', bytes_per_sep=7)", lambda: data.hex(sep=".", bytes_per_sep=7))
show("hex(bytes_per_sep=2)", lambda: data.hex(bytes_per_sep=2))
show("empty hex(':')", lambda: b"".hex(":"))
show("hex('ab')", lambda: data.hex("ab"))
show("hex('\u00e9')", lambda: data.hex("\u00e9"))
show("hex(5)", lambda: data.hex(5))
show("hex([1])", lambda: data.hex([1]))
show("bytearray hex", lambda: bytearray(b"\x01\x02").hex(":"))

# bytes.find and friends read their bounds before the needle.
show("count bad bound", lambda: b"abc".count(b"a", "x"))
show("find bad needle and bound", lambda: b"abc".find(1.5, "x"))
show("find bad needle", lambda: b"abc".find(1.5))
show("index with bounds", lambda: b"abcabc".index(b"c", 3, None))

# Whether *x is iterable is a question about its type: __iter__ runs once, and its own
# TypeError is the one shown.
calls = []


class Refuses:
    def __iter__(self):
        calls.append(1)
        raise TypeError("boom")


class Indexable:
    def __getitem__(self, i):
        if i < 2:
            return i
        raise IndexError


show("__iter__ raising TypeError", lambda: f(*Refuses()))
show("__iter__ calls", lambda: len(calls))
show("display of it", lambda: [*Refuses()])
show("__getitem__ sequence", lambda: f(*Indexable()))
