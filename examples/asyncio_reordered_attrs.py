# The native fast paths of Lock, Condition and Queue read an exact instance's attributes at
# the positions __init__ gave them (layout.rs). An attribute deleted and set again moves, so
# those instances must take the Python paths and behave exactly the same.
import asyncio


def move(obj, *names):
    for name in names:
        value = getattr(obj, name)
        delattr(obj, name)
        setattr(obj, name, value)
    return sorted(n for n in vars(obj) if n in names)


async def main():
    lock = asyncio.Lock()
    print('lock attrs:', move(lock, '_waiters', '_locked'))
    order = []

    async def holder(name):
        async with lock:
            order.append(name)
            await asyncio.sleep(0)

    await asyncio.gather(*(holder(n) for n in 'abc'))
    print('lock order:', order, lock.locked())

    cond = asyncio.Condition()
    print('condition attrs:', move(cond, '_lock', 'acquire'))
    box = []

    async def consumer():
        async with cond:
            return await cond.wait_for(lambda: box)

    t = asyncio.create_task(consumer())
    await asyncio.sleep(0)
    async with cond:
        box.append(1)
        cond.notify()
    print('wait_for ->', await t, cond.locked())
    try:
        cond.notify()
    except RuntimeError as e:
        print('notify unlocked ->', e)

    q = asyncio.Queue(maxsize=2)
    print('queue attrs:', move(q, '_maxsize', '_getters', '_unfinished_tasks'))
    move(q._finished, '_value')

    async def producer():
        for i in range(5):
            await q.put(i)

    async def taker():
        return [await q.get() for _ in range(5)]

    got, _ = await asyncio.gather(taker(), producer())
    print('queue ->', got, q.qsize(), q._unfinished_tasks, q._finished.is_set())
    for _ in range(5):
        q.task_done()
    await q.join()
    print('joined', q._finished.is_set())


asyncio.run(main())
