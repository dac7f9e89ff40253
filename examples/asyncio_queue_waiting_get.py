# asyncio.Queue.get that has to wait: FIFO wake order of getters, an item taken by someone
# else before a woken getter runs (it waits again), cancellation while waiting and after
# being woken (the item goes to the next getter), a waiting get timed out, and a pending
# get coroutine closed.
import asyncio


async def getter(q, name, log):
    try:
        item = await q.get()
    except asyncio.CancelledError:
        log.append((name, "cancelled", len(q._getters)))
        raise
    log.append((name, item))
    return item


async def main():
    log = []
    q = asyncio.Queue()
    tasks = [asyncio.create_task(getter(q, f"g{i}", log)) for i in range(3)]
    await asyncio.sleep(0)
    print("waiting getters:", len(q._getters))
    for i in range(3):
        q.put_nowait(i)
    await asyncio.gather(*tasks)
    print(log)

    # Woken, but the item is taken by get_nowait() first: the getter waits again.
    log.clear()
    t = asyncio.create_task(getter(q, "slow", log))
    await asyncio.sleep(0)
    q.put_nowait("a")
    print("stolen:", q.get_nowait(), "getters:", len(q._getters))
    await asyncio.sleep(0)
    print("still waiting:", not t.done(), "getters:", len(q._getters))
    q.put_nowait("b")
    await t
    print(log)

    # Cancelled while waiting: its waiter leaves _getters, no item is lost.
    log.clear()
    t1 = asyncio.create_task(getter(q, "c1", log))
    t2 = asyncio.create_task(getter(q, "c2", log))
    await asyncio.sleep(0)
    t1.cancel()
    await asyncio.sleep(0)
    print("after cancel:", t1.cancelled(), len(q._getters))
    q.put_nowait("x")
    await t2
    print(log)

    # Cancelled after being woken: the item stays and the next getter is woken.
    log.clear()
    t1 = asyncio.create_task(getter(q, "w1", log))
    t2 = asyncio.create_task(getter(q, "w2", log))
    await asyncio.sleep(0)
    q.put_nowait("y")
    t1.cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("woken then cancelled:", t1.cancelled(), t2.done() and t2.result(), q.qsize())
    print(log)

    # A timed-out get.
    try:
        await asyncio.wait_for(q.get(), 0.001)
    except asyncio.TimeoutError:
        print("timed out; getters:", len(q._getters), "qsize:", q.qsize())

    # A pending get coroutine closed by hand.
    coro = q.get()
    fut = coro.send(None)
    print("yielded a future:", type(fut).__name__, fut.done(), len(q._getters))
    coro.close()
    print("closed:", fut.cancelled(), len(q._getters))

    # Items that are futures or the queue itself pass through untouched.
    f = asyncio.get_running_loop().create_future()
    t = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    q.put_nowait(f)
    print("future item:", (await t) is f)
    t = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    q.put_nowait(None)
    print("None item:", await t)

    # A queue bound to another loop: the Python path raises.
    try:
        await other.get()
    except RuntimeError as e:
        print("RuntimeError:", str(e).split(" is bound")[1])


other = asyncio.Queue()


async def bind():
    t = asyncio.create_task(other.get())
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("bound elsewhere; getters:", len(other._getters))


loop2 = asyncio.new_event_loop()
loop2.run_until_complete(bind())
loop2.close()
asyncio.run(main())
