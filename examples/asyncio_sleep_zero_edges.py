# `await asyncio.sleep(0)` keeps every observable of the `sleep` coroutine it awaits:
# cr_await, throw(), close(), cancellation tracebacks; other delays, a result, a patched
# sleep, a coroutine awaited later, and manual driving all behave as in CPython.
import asyncio
import traceback


async def w(tag):
    await asyncio.sleep(0)
    return tag


async def show_cr_await():
    c = w("a")
    c.send(None)
    inner = c.cr_await
    print("cr_await", type(inner).__name__, inner.__name__, inner.__qualname__)
    print("inner suspended", inner.cr_running, inner.cr_frame is not None)
    print("same again", c.cr_await is inner)
    try:
        c.send(None)
    except StopIteration as e:
        print("returned", e.value)


async def show_throw():
    c = w("b")
    c.send(None)
    try:
        c.throw(ValueError("boom"))
    except ValueError as e:
        names = [f.name for f in traceback.extract_tb(e.__traceback__)]
        print("throw", e, "sleep" in names, "w" in names)


async def show_close():
    c = w("c")
    c.send(None)
    c.close()
    print("closed", c.cr_frame is None, c.cr_await)


async def catches():
    try:
        await asyncio.sleep(0)
    except ValueError as e:
        return f"caught {e}"
    return "not caught"


async def show_throw_caught():
    c = catches()
    c.send(None)
    try:
        c.throw(ValueError("x"))
    except StopIteration as e:
        print("throw caught", e.value)


async def show_cancel():
    t = asyncio.ensure_future(w("d"))
    await asyncio.sleep(0)
    print("task awaits", type(t.get_coro().cr_await).__name__, t.get_coro().cr_await.__name__)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError as e:
        names = [f.name for f in traceback.extract_tb(e.__traceback__)]
        print("cancelled", "sleep" in names, "w" in names)


async def other_delays():
    print("results", await asyncio.sleep(0, "r"), await asyncio.sleep(0.0), await asyncio.sleep(-1))
    print("false", await asyncio.sleep(False), await asyncio.sleep(0, None))
    s = asyncio.sleep(0)
    print("later", await s)


async def patched():
    orig = asyncio.sleep
    calls = []

    async def fake(d, result=None):
        calls.append(d)
        return await orig(d, result)

    asyncio.sleep = fake
    try:
        await w("e")
    finally:
        asyncio.sleep = orig
    print("patched calls", calls)


async def order():
    log = []

    async def step(n):
        for i in range(3):
            log.append((n, i))
            await asyncio.sleep(0)

    await asyncio.gather(*[step(n) for n in range(3)])
    print("order", log)


async def main():
    await show_cr_await()
    await show_throw()
    await show_close()
    await show_throw_caught()
    await show_cancel()
    await other_delays()
    await patched()
    await order()


asyncio.run(main())
