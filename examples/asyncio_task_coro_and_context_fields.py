# A task's coroutine and context read back as given: `get_coro()`/`_coro` are the coroutine
# before and after it ran, a task given a context runs in it, and one given a context that
# is not a Context (an int) keeps it and cannot step (the loop reports each failed step).
import asyncio
import contextvars

var = contextvars.ContextVar("var", default="unset")


async def work(tag):
    await asyncio.sleep(0)
    return (tag, var.get())


async def main():
    loop = asyncio.get_running_loop()
    c = work("a")
    t = asyncio.create_task(c)
    print(t.get_coro() is c, t._coro is c)
    ctx = contextvars.copy_context()
    ctx.run(var.set, "inside")
    u = asyncio.create_task(work("b"), context=ctx)
    print(await t, await u)
    print(t.get_coro() is c, t._coro is c, u.get_coro().__name__)
    odd = loop.create_task(work("c"), context=5)
    await asyncio.sleep(0)
    print(odd.done(), odd.get_coro().__name__, repr(odd).startswith("<Task pending name="))
    return odd


# Not asyncio.run: it would wait for the task that cannot step.
loop = asyncio.new_event_loop()
odd = loop.run_until_complete(main())
print(odd.done())
