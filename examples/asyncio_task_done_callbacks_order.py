# A finished task's done callbacks run in registration order, interleaved with call_soon handles in the order they were scheduled.
import asyncio


async def w(i):
    await asyncio.sleep(0)
    return i


def report(name):
    def cb(t):
        print(name, t.get_name(), t.result())
    return cb


async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.ensure_future(w(1))
    t.add_done_callback(report("first"))
    t.add_done_callback(report("second"))
    u = asyncio.ensure_future(w(2))
    u.add_done_callback(report("only"))
    loop.call_soon(print, "soon")
    await t
    print("after t, ready:", len(loop._ready))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    t.add_done_callback(report("late"))
    await asyncio.sleep(0)
    print("end")


asyncio.run(main())
