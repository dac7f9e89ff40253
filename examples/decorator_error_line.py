# A decorator that fails: the traceback shows the decorator's line, as CPython 3.11+.
def ok(f): return f
def bad(f): raise ValueError("no")
@ok
@bad
@ok
class C: pass
