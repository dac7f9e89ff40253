# Future and Task reprs in every state, as CPython prints them.
import asyncio


async def child(fut):
    return await fut


async def bad():
    raise ValueError("boom")


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    print(repr(fut))
    fut.add_done_callback(print)
    print(repr(fut))
    task = asyncio.create_task(child(fut), name="waiter")
    print(repr(task).split(" coro=")[0])
    await asyncio.sleep(0)
    print(repr(fut))
    print(repr(task).replace(__file__, "FILE"))
    fut.set_result(list(range(20)))
    print(repr(fut))
    await task
    print(repr(task).replace(__file__, "FILE"))
    c = loop.create_future()
    c.cancel()
    print(repr(c))
    e = loop.create_future()
    e.set_exception(KeyError("k"))
    print(repr(e))
    e.exception()
    t2 = asyncio.create_task(bad())
    await asyncio.sleep(0)
    print(repr(t2).replace(__file__, "FILE"))
    t2.exception()
    t3 = asyncio.create_task(asyncio.sleep(10))
    await asyncio.sleep(0)
    t3.cancel()
    print(repr(t3).split(" coro=")[0], t3.cancelling())
    try:
        await t3
    except asyncio.CancelledError:
        print("cancelled", t3.cancelled(), repr(t3).split(" coro=")[0])
    print(asyncio.current_task().get_name(), len(asyncio.all_tasks()))
    print(isinstance(task, asyncio.Future), type(task).__name__, type(fut).__name__)
    print(fut._state, c._state, fut._asyncio_future_blocking, fut.get_loop() is loop)


asyncio.run(main())
