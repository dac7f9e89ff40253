# Edge cases of the inline generator fast paths: an await's exit (value stored, used in an
# expression or dropped), a delegate still referenced after it finished, throw() and close()
# through a chain with try/except and finally at a middle level, gi_running re-entry, a
# non-generator iterator in the middle of a yield-from chain, and sum() over generators.
import sys


async def leaf(x):
    return x


async def uses_results(n):
    total = 0
    for i in range(n):
        v = await leaf(i)
        total += v
        total += await leaf(1) * 2
        await leaf(None)
    return total


def run(coro):
    try:
        coro.send(None)
    except StopIteration as stop:
        return stop.value
    raise AssertionError("coroutine suspended")


print("results", run(uses_results(10)))


async def keeps_delegate():
    c = leaf(5)
    r = await c
    print("delegate after await", r, c.cr_running, c.cr_frame, c.cr_await)
    try:
        await c
    except RuntimeError as e:
        print("reawait", e)
    return r


print("kept", run(keeps_delegate()))


def inner():
    try:
        got = yield "inner-1"
        print("inner got", got)
        yield "inner-2"
    finally:
        print("inner finally")
    return "inner-done"


def middle():
    try:
        r = yield from inner()
        print("middle got return", r)
    except KeyError as e:
        print("middle caught", repr(e))
        yield "middle-recovered"
    finally:
        print("middle finally")
    return "middle-done"


def outer():
    r = yield from middle()
    print("outer got return", r)
    yield "outer-last"


g = outer()
print(next(g))
print(g.send("hello"))
print(g.gi_yieldfrom.__name__, g.gi_yieldfrom.gi_yieldfrom.__name__)
print(g.throw(KeyError("boom")))
print(next(g))
try:
    next(g)
except StopIteration as stop:
    print("stopped", stop.value)

g = outer()
next(g)
g.close()
print("closed", g.gi_frame)

g = outer()
next(g)
try:
    g.throw(ValueError("through"))
except ValueError as e:
    tb = e.__traceback__
    names = []
    while tb is not None:
        names.append(tb.tb_frame.f_code.co_name)
        tb = tb.tb_next
    print("propagated", e, names)


def reenter():
    yield me.gi_running
    try:
        me.send(None)
    except ValueError as e:
        yield str(e)


def wraps_reenter():
    yield from reenter()


me = wraps_reenter()
print(next(me), next(me))


class Counter:
    def __init__(self):
        self.n = 0

    def __iter__(self):
        return self

    def __next__(self):
        self.n += 1
        if self.n > 3:
            raise StopIteration(self.n * 10)
        return self.n


def over_iterator():
    r = yield from Counter()
    yield ("iterator returned", r)
    r = yield from deep_tail()
    yield ("tail returned", r)


def deep_tail():
    yield "tail"
    return "tail-done"


def front():
    yield from over_iterator()


print(list(front()))


def numbers(n):
    for i in range(n):
        yield i


def squares(src):
    for x in src:
        yield x * x


print(sum(squares(numbers(100))), sum(numbers(0)), sum(squares(numbers(5)), 10**19))


async def raiser():
    raise KeyError("inner")


async def middle_catches():
    try:
        await raiser()
    except KeyError as e:
        print("caught", repr(e), sys.exc_info()[0].__name__)
        return await leaf("after")


print(run(middle_catches()))
