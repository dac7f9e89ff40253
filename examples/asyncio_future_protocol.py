# asyncio: a Future's states and repr, callbacks scheduled by the loop, and its await protocol.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    print(fut, fut.done())
    fut.add_done_callback(lambda f: print("callback saw", f.result()))
    loop.call_soon(fut.set_result, 42)
    print("awaited", await fut)
    print(fut)
    await asyncio.sleep(0)
    try:
        fut.set_result(1)
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    bad = loop.create_future()
    bad.set_exception(KeyError("k"))
    print(bad)
    try:
        await bad
    except KeyError as e:
        print("raised", repr(e))
    gen = fut.__await__()
    try:
        next(gen)
    except StopIteration as stop:
        print("done future's __await__ returns", stop.value)
    pending = loop.create_future()
    it = pending.__await__()
    print("yields itself:", next(it) is pending)
    try:
        next(it)
    except RuntimeError as e:
        print("RuntimeError:", e)
    pending.cancel()
    print(pending)


asyncio.run(main())
