# A future's result, loop and done callbacks read back the same whichever way they were set:
# a None or other result, a result read before and after completion, the callbacks a
# pending task holds (its wake-up included), removed again, and a task's result, name and
# coroutine after it finished.
import asyncio


async def child(x):
    await asyncio.sleep(0)
    return x


async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    print(f._result, f.get_loop() is loop, f._loop is loop)
    f.set_result(None)
    print(f._result, f.result(), repr(f))
    g = asyncio.Future()
    print(g.get_loop() is loop)
    g.set_result([1, 2])
    print(g._result, g.result(), repr(g))
    h = loop.create_future()

    def cb(fut):
        print("cb", fut.result())

    h.add_done_callback(cb)
    h.add_done_callback(print)
    print(len(h._callbacks), h.remove_done_callback(print), len(h._callbacks))
    h.set_result(0)
    await asyncio.sleep(0)
    waiter = loop.create_future()

    async def wait_on():
        return await waiter

    t = asyncio.create_task(wait_on())
    await asyncio.sleep(0)
    cbs = waiter._callbacks
    print(len(cbs), cbs[0][0].__self__ is t, cbs[0][0].__name__)
    print(repr(waiter).startswith("<Future pending cb=[Task.task_wakeup()]"))
    waiter.set_result("done")
    print(await t, t.result(), t._result)
    tasks = [asyncio.create_task(child(i)) for i in range(3)]
    print([await x for x in tasks])
    print([x.result() for x in tasks], [x.get_coro().__name__ for x in tasks])
    print(tasks[0].get_name().startswith("Task-"), tasks[2].done(), tasks[1]._loop is loop)
    empty = asyncio.create_task(child(None))
    print(await empty, empty.result(), empty._result)
    bad = asyncio.Future(loop=loop)
    bad.set_exception(ValueError("no"))
    print(bad._result, type(bad.exception()).__name__)


asyncio.run(main())
