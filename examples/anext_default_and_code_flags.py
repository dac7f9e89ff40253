# anext() with a default, asyncio.iscoroutinefunction via co_flags, asyncio.TimeoutError.
import asyncio
async def g():
    yield 1
async def m():
    x = g()
    print(await anext(x, 'd'), await anext(x, 'd'))
    for bad in [(1,), (1, 2), ()]:
        try:
            anext(*bad)
        except TypeError as e:
            print(e)
    async def f(): pass
    print(asyncio.iscoroutinefunction(f), asyncio.iscoroutinefunction(g), f.__code__.co_flags, g.__code__.co_flags)
    print(asyncio.TimeoutError is TimeoutError)
asyncio.run(m())
