# Await / yield-from chains resumed from Rust (task steps, next(), sum()) keep their frames
# together while suspended; every level must still look and behave suspended: throw/close
# delivered to the innermost and unwound through each level, a level catching, delegates
# resumed directly, "already executing", gi_yieldfrom/cr_await, frames, return values,
# tracebacks, exception state per level.
import asyncio
import sys
import traceback


def inner(log):
    try:
        received = yield "inner-1"
        log.append(("inner got", received))
        received = yield "inner-2"
        log.append(("inner got", received))
    finally:
        log.append("inner finally")
    return "inner-done"


def middle(log, depth):
    if depth == 0:
        result = yield from inner(log)
    else:
        result = yield from middle(log, depth - 1)
    log.append(("level", depth, "got", result))
    return result + "+" + str(depth)


def outer(log):
    result = yield from middle(log, 3)
    log.append(("outer got", result))
    yield "outer-last"
    return result


print("-- next() and send() through a parked chain; return values up every level")
log = []
g = outer(log)
print(next(g))
print(g.send("a"))
print(g.send("b"))
print(log)
try:
    next(g)
except StopIteration as stop:
    print("stop", stop.value)

print("-- introspection of a parked chain")
log = []
g = outer(log)
next(g)
level = g.gi_yieldfrom
depth = 0
while level is not None:
    print(depth, level.__name__, level.gi_running, level.gi_frame is not None,
          level.gi_frame.f_lineno if level.gi_frame else None)
    level = level.gi_yieldfrom
    depth += 1
print(g.gi_running, g.gi_frame.f_lineno)

print("-- a delegate resumed directly, then the chain from the top")
log = []
g = outer(log)
next(g)
mid = g.gi_yieldfrom.gi_yieldfrom
print(mid.send("direct"))
print(log)
print(g.send("top"), log[-3:])

print("-- throw into a deep chain: caught by the innermost, then by a middle level")


def catching(log):
    try:
        yield from middle(log, 2)
    except KeyError as e:
        log.append(("catching caught", repr(e)))
        yield "recovered"
    return "caught-return"


log = []
g = catching(log)
next(g)
try:
    print(g.throw(KeyError("k")))
except StopIteration as stop:
    print("stop", stop.value)
print(log)
print(next(g, "exhausted"), log[-1])

print("-- close() runs every level's finally once")


def closing(log, depth):
    try:
        if depth:
            yield from closing(log, depth - 1)
        else:
            yield "bottom"
    finally:
        log.append(("finally", depth))


log = []
g = closing(log, 4)
next(g)
g.close()
print(log, g.gi_frame)

print("-- a parked chain dropped while a delegate is still referenced")


def drop_parked():
    log = []
    g = closing(log, 3)
    next(g)
    kept = g.gi_yieldfrom.gi_yieldfrom
    del g
    # (percolate closes a dropped generator at the next safe point: this assignment.)
    count = len(log)
    print(log, count, kept.gi_frame, kept.gi_running)


drop_parked()

print("-- 'generator already executing' from the innermost level")


def reentrant(holder):
    try:
        next(holder[0])
    except ValueError as e:
        print("ValueError:", e)
    print("outer running:", holder[0].gi_running)
    yield "after"


def wrapper(holder):
    yield from level_two(holder)


def level_two(holder):
    yield "parked"
    yield from reentrant(holder)


holder = []
g = wrapper(holder)
holder.append(g)
print(next(g))
print(next(g))

print("-- exception state per level survives a park")


def with_context(tag):
    try:
        raise KeyError(tag)
    except KeyError:
        yield from plain_level(tag)
        print(tag, "context after resume:", repr(sys.exc_info()[1]))


def plain_level(tag):
    print(tag, "exc seen below:", repr(sys.exc_info()[1]))
    yield tag
    print(tag, "exc seen below after resume:", repr(sys.exc_info()[1]))


g = with_context("ctx")
print(next(g))
print(next(g, "end"))

print("-- sum() over chains")


def numbers(n):
    for i in range(n):
        yield i


def nested(n, depth):
    if depth:
        total = yield from nested(n, depth - 1)
        return total
    yield from numbers(n)
    return n


print(sum(nested(10, 5)), list(nested(4, 3)))

print("-- a traceback of an exception raised at the bottom after a park")


def failing(depth):
    if depth:
        yield from failing(depth - 1)
    else:
        yield "before"
        raise RuntimeError("bottom")


g = failing(3)
next(g)
try:
    next(g)
except RuntimeError as e:
    print([(t.name, t.lineno) for t in traceback.extract_tb(e.__traceback__)])
print(g.gi_frame)

print("-- asyncio: deep await chains with a custom __await__ in the middle")


class Bridge:
    def __init__(self, depth):
        self.depth = depth

    def __await__(self):
        value = yield from chain(self.depth).__await__()
        return value * 10


async def chain(depth):
    if depth == 0:
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        return 1
    if depth == 3:
        return 1 + await Bridge(depth - 1)
    return 1 + await chain(depth - 1)


async def failing_chain(depth):
    if depth == 0:
        await asyncio.sleep(0)
        raise ValueError("deep failure")
    return await failing_chain(depth - 1)


async def cancelled_chain(depth, log):
    try:
        if depth == 0:
            await asyncio.sleep(10)
        else:
            await cancelled_chain(depth - 1, log)
    finally:
        log.append(depth)


async def main():
    # sum() inside a task step: the generator chain under sum() parks too.
    print(sum(nested(10, 5)), list(nested(3, 2)))
    print(await chain(6))
    results = await asyncio.gather(chain(5), chain(2), chain(0))
    print(results)
    try:
        await failing_chain(4)
    except ValueError as e:
        print("caught", e, [t.name for t in traceback.extract_tb(e.__traceback__)])
    log = []
    task = asyncio.ensure_future(cancelled_chain(5, log))
    await asyncio.sleep(0)
    coro = task.get_coro()
    print(coro.cr_running, coro.cr_await.cr_await.__qualname__)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("cancelled", log)


asyncio.run(main())
