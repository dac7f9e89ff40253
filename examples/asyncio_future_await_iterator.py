# The await protocol of futures: __await__ iterators, "await wasn't used with future",
# awaiting cancelled futures (with and without a message) and tasks named or numbered.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    it = fut.__await__()
    print(next(it) is fut, fut._asyncio_future_blocking)
    try:
        next(it)
    except RuntimeError as e:
        print("RuntimeError:", e)
    fut.set_result(42)
    try:
        next(it)
    except StopIteration as e:
        print("StopIteration", e.value)
    print(await fut, await fut)
    for msg in (None, "stop now"):
        c = loop.create_future()
        c.cancel(msg)
        try:
            await c
        except asyncio.CancelledError as e:
            print("CancelledError", e.args)
    waiter = loop.create_future()
    loop.call_soon(waiter.cancel, "late")
    try:
        await waiter
    except asyncio.CancelledError as e:
        print("late cancel", e.args)
    named = asyncio.create_task(asyncio.sleep(0), name=7)
    plain = asyncio.create_task(asyncio.sleep(0))
    print(repr(named.get_name()), plain.get_name())
    plain.set_name("renamed")
    print(plain.get_name())
    await asyncio.gather(named, plain)


asyncio.run(main())
