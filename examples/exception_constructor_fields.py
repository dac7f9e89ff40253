# The fields exception classes take from their constructor arguments (ImportError's name and
# path, AttributeError's name and obj, the Unicode errors' five, SyntaxError's location), the
# messages made from them, and what each constructor refuses.


def show(label, thunk):
    try:
        print(label, "->", repr(thunk()))
    except Exception as e:
        print(label, "!!", type(e).__name__, e)


def fields(e, names):
    return {name: getattr(e, name) for name in names}


# No keyword arguments for most classes, whatever their own __init__ may accept.
show("ValueError(x=1)", lambda: ValueError(x=1))
show("Exception(1, a=2)", lambda: Exception(1, a=2))


class Custom(KeyError):
    pass


show("Custom(k=1)", lambda: Custom(k=1))


class Tagged(ValueError):
    def __init__(self, message, **tags):
        super().__init__(message)
        self.tags = tags


show("Tagged own keywords", lambda: (str(Tagged("m", color="red")), Tagged("m", a=1).tags))
show("__init__ called again", lambda: ValueError.__init__(ValueError(), x=1))

# ImportError and ModuleNotFoundError: msg, name, path.
show("ImportError fields", lambda: fields(ImportError("m", name="x", path="/p"), ["msg", "name", "path", "args"]))
show("ImportError two args", lambda: fields(ImportError("a", "b"), ["msg", "name", "args"]))
show("ImportError() str", lambda: str(ImportError()))
show("ImportError(foo=1)", lambda: ImportError(foo=1))
show("ModuleNotFoundError(name=)", lambda: ModuleNotFoundError("gone", name="gone").name)
show("ModuleNotFoundError(bad=)", lambda: ModuleNotFoundError(bad=1))
try:
    import no_such_module_anywhere
except ImportError as e:
    print("import failure:", type(e).__name__, e.name, e.msg, e.path)
try:
    from collections import no_such_name
except ImportError as e:
    print("from-import failure:", e.name)

# AttributeError(name=, obj=) and NameError(name=).
show("AttributeError fields", lambda: fields(AttributeError("a", name="n", obj=3), ["name", "obj", "args"]))
show("AttributeError defaults", lambda: fields(AttributeError(), ["name", "obj"]))
show("AttributeError(x=)", lambda: AttributeError(x=1))
show("NameError fields", lambda: NameError("n", name="q").name)
show("NameError(obj=)", lambda: NameError(obj=1))
try:
    undefined_variable_here
except NameError as e:
    print("name failure:", e.name)

# Unicode errors: exactly five fields (four to translate), each of its type.
decode = UnicodeDecodeError("utf-8", b"ab\xff", 2, 3, "invalid start byte")
show("decode str", lambda: str(decode))
show("decode fields", lambda: fields(decode, ["encoding", "object", "start", "end", "reason", "args"]))
show("decode range", lambda: str(UnicodeDecodeError("utf-8", b"\xe2\x82", 0, 2, "unexpected end of data")))
show("encode one", lambda: str(UnicodeEncodeError("ascii", "caf\xe9", 3, 4, "ordinal not in range(128)")))
show("encode wide", lambda: str(UnicodeEncodeError("ascii", "\u20ac", 0, 1, "nope")))
show("encode astral", lambda: str(UnicodeEncodeError("ascii", "\U0001f600", 0, 1, "nope")))
show("encode range", lambda: str(UnicodeEncodeError("ascii", "\xe9\xe9", 0, 2, "nope")))
show("translate", lambda: str(UnicodeTranslateError("\xe9", 0, 1, "no map")))
show("translate fields", lambda: fields(UnicodeTranslateError("ab", 0, 2, "r"), ["encoding", "object", "start", "end"]))
show("too few", lambda: UnicodeDecodeError("utf-8"))
show("bad encoding", lambda: UnicodeDecodeError(1, b"", 0, 1, "r"))
show("bad object", lambda: UnicodeEncodeError("ascii", b"x", 0, 1, "r"))
show("bad start", lambda: UnicodeEncodeError("ascii", "x", "0", 1, "r"))
show("keywords", lambda: UnicodeDecodeError("utf-8", b"", 0, 1, "r", x=1))
show("changed reason", lambda: (setattr(decode, "reason", "changed"), str(decode))[1])
try:
    b"ok \xff".decode()
except UnicodeDecodeError as e:
    print("decode failure:", repr(e), e.start, e.end)
try:
    b"\xe2\x82".decode("utf-8")
except UnicodeDecodeError as e:
    print("truncated:", e)
try:
    "x\xe9\xe8y".encode("ascii")
except UnicodeEncodeError as e:
    print("encode failure:", repr(e), e.object[e.start:e.end])

# SyntaxError: msg and the (filename, lineno, offset, text, end_lineno, end_offset) tuple.
show("SyntaxError str", lambda: str(SyntaxError("bad", ("dir/f.py", 3, 2, "x y\n"))))
show("SyntaxError fields", lambda: fields(SyntaxError("bad", ("f.py", 3, 2, "x y\n", 3, 4)), ["msg", "filename", "lineno", "offset", "text", "end_lineno", "end_offset"]))
show("SyntaxError no file", lambda: str(SyntaxError("bad", (None, 7, 1, None))))
show("SyntaxError one arg", lambda: (str(SyntaxError("only")), SyntaxError("only").lineno))
show("SyntaxError short tuple", lambda: SyntaxError("bad", ("f", 1)))
show("SyntaxError long tuple", lambda: SyntaxError("bad", (1, 2, 3, 4, 5, 6, 7)))
show("IndentationError", lambda: str(IndentationError("unexpected indent", ("m.py", 2, 4, "    x\n"))))
try:
    compile("1 +", "snippet.py", "exec")
except SyntaxError as e:
    print("compile failure:", e, "|", e.msg, e.filename, e.lineno, e.offset, repr(e.text))

# Exception groups name the constructor in their argument errors.
show("ExceptionGroup(1, ...)", lambda: ExceptionGroup(1, [ValueError()]))

# __init__ again: SyntaxError keeps the fields it is not given; the others reset theirs.
show("5-tuple", lambda: SyntaxError("m", ("f", 1, 2, "t", 1)))
again = SyntaxError("m", ("f", 1, 2, "t"))
again.__init__("x")
show("reinit keeps location", lambda: (again.msg, again.filename, again.lineno, again.end_lineno))
again.__init__("y", ("g", 5, 6, "u"))
show("reinit with location", lambda: (again.msg, again.filename, again.lineno, again.end_offset))
attr = AttributeError("a", name="n", obj=1)
attr.__init__("b")
show("AttributeError reinit resets", lambda: (attr.name, attr.obj, attr.args))
imp = ImportError("m", name="x")
imp.__init__()
show("ImportError reinit resets", lambda: (imp.msg, imp.name, str(imp)))
show("huge start", lambda: str(UnicodeDecodeError("a", b"", 2**63 - 1, 0, "r")))
show("tiny end", lambda: str(UnicodeDecodeError("a", b"", 0, -2**63, "r")))
