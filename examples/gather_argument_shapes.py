# asyncio.gather with every shape of arguments: coroutines, tasks, a task and a coroutine
# given twice, return_exceptions, no arguments, a non-awaitable and an unknown keyword. The
# common case (distinct coroutines and tasks) turns the arguments into the children list in
# place; the others take tasks.py's code path; all give CPython's results and errors.
import asyncio


async def work(i):
    await asyncio.sleep(0)
    if i < 0:
        raise ValueError(i)
    return i * 10


async def main():
    print(await asyncio.gather(work(1), work(2), work(3)))
    print(await asyncio.gather(*[work(i) for i in range(-2, 3)], return_exceptions=True))
    task = asyncio.ensure_future(work(7))
    print(await asyncio.gather(task, work(8), task))
    coro = work(9)
    print(await asyncio.gather(coro, coro))
    done = asyncio.get_running_loop().create_future()
    done.set_result("ready")
    print(await asyncio.gather(done, work(4), asyncio.ensure_future(work(5))))
    try:
        await asyncio.gather(work(-1), work(6))
    except ValueError as e:
        print("raised", repr(e))
    outer = asyncio.gather(work(1), work(2))
    print(type(outer).__name__, [type(c).__name__ for c in outer._children])
    print(await outer, outer.done())
    print(await asyncio.gather())
    try:
        asyncio.gather(1)
    except TypeError as e:
        print("TypeError:", e)
    try:
        asyncio.gather(bogus=1)
    except TypeError as e:
        print("TypeError:", e)
    print(asyncio.gather.__name__)


asyncio.run(main())
