# asyncio.gather: a coroutine passed twice shares one task, futures mix with coroutines, return_exceptions, the first error, cancellation, a non-awaitable argument, task names.
import asyncio
async def w(i, fail=False):
    await asyncio.sleep(0)
    if fail:
        raise ValueError(f"bad {i}")
    return i
async def main():
    c = w(1)
    print(await asyncio.gather(c, w(2), c, w(3)))
    print(await asyncio.gather(w(1), w(2, True), w(3), return_exceptions=True))
    try:
        await asyncio.gather(w(1), w(2, True))
    except ValueError as e:
        print("raised", e)
    t = asyncio.ensure_future(w(9))
    print(await asyncio.gather(w(1), t, t))
    fut = asyncio.get_running_loop().create_future()
    fut.set_result(5)
    print(await asyncio.gather(fut, w(4)))
    g = asyncio.gather(w(1), w(2))
    print([t.get_name() for t in g._children])
    print(type(g).__name__, await g)
    g = asyncio.gather(w(1), asyncio.sleep(10))
    await asyncio.sleep(0)
    g.cancel()
    try:
        await g
    except asyncio.CancelledError:
        print("gather cancelled")
    try:
        asyncio.gather(w(1), 5)
    except TypeError as e:
        print("TypeError", e)
    print(await asyncio.gather())
    print(len(asyncio.all_tasks()))
asyncio.run(main())
