# PEP 479 for throw(): a StopIteration thrown into a generator or coroutine, started or not,
# that escapes its body comes out as a RuntimeError with the StopIteration as its cause.
def g():
    yield 1
    yield 2
it = g(); next(it)
try:
    it.throw(StopIteration)
except RuntimeError as e:
    print("RuntimeError:", e, type(e.__cause__).__name__)
except StopIteration as e:
    print("StopIteration leaked")
def h():
    try:
        yield 1
    except StopIteration:
        yield "caught"
it = h(); next(it)
print(it.throw(StopIteration))
async def c():
    return 1
co = c()
try:
    co.throw(StopIteration)
except RuntimeError as e:
    print("coro RuntimeError:", e)
except StopIteration:
    print("coro StopIteration leaked")
def k():
    yield 1
it = k(); next(it)
try:
    it.throw(StopIteration("x"))
except RuntimeError as e:
    print("RuntimeError:", e, repr(e.__cause__))
def g():
    yield 1
for exc in (StopIteration, StopIteration("v"), ValueError("w")):
    try:
        g().throw(exc)
    except RuntimeError as e:
        print("RuntimeError:", e, repr(e.__cause__))
    except Exception as e:
        print("leaked", type(e).__name__, e)
async def c():
    return 1
try:
    c().throw(StopIteration)
except RuntimeError as e:
    print("coro RuntimeError:", e)
except StopIteration:
    print("coro StopIteration leaked")
