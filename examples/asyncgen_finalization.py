# Async generators left unfinished are finalized by the event loop as CPython's: the loop's
# sys.set_asyncgen_hooks finalizer schedules aclose() as a task; asyncio.run ends with shutdown_asyncgens().
import asyncio, sys
async def numbers(tag):
    try:
        for i in range(100):
            yield i
            await asyncio.sleep(0)
    finally:
        print(tag, "finally", asyncio.current_task().get_name() if asyncio.current_task() else None)
async def plain():
    for i in range(3):
        yield i
async def main():
    async for n in numbers("a"):
        if n == 1:
            break
    print("after break")
    await asyncio.sleep(0)
    print("after sleep")
    keep = numbers("b")
    await keep.__anext__()
    async for p in plain():
        pass
    print(sys.get_asyncgen_hooks().finalizer is not None)
    t = asyncio.create_task(asyncio.sleep(0))
    await t
    print(t.get_name())
asyncio.run(main())
print(sys.get_asyncgen_hooks())
try:
    sys.set_asyncgen_hooks(finalizer=3)
except TypeError as e:
    print(e)
