# asyncio.Queue: bounded producers/consumers, join, the nowait errors, LifoQueue/PriorityQueue and a subclass hooking _put/_get.
import asyncio

class Logged(asyncio.Queue):
    def _put(self, item):
        print('put hook', item)
        super()._put(item)
    def _get(self):
        item = super()._get()
        print('get hook', item)
        return item

async def producer(q, name, n):
    for i in range(n):
        await q.put((name, i))
        print(name, 'put', i, 'qsize', q.qsize())

async def consumer(q, name, n):
    got = []
    for _ in range(n):
        item = await q.get()
        got.append(item)
        q.task_done()
        print(name, 'got', item)
    return got

async def main():
    q = asyncio.Queue(maxsize=2)
    r = await asyncio.gather(producer(q, 'p1', 4), producer(q, 'p2', 3), consumer(q, 'c1', 5), consumer(q, 'c2', 2))
    print(r[2], r[3])
    await q.join()
    print('joined', q.empty(), q.full(), q._unfinished_tasks)
    q.put_nowait(None)
    q.put_nowait(0)
    try:
        q.put_nowait(1)
    except asyncio.QueueFull:
        print('full')
    print(q.get_nowait(), q.get_nowait())
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print('empty')
    for cls in (asyncio.LifoQueue, asyncio.PriorityQueue, Logged):
        q = cls()
        for x in (3, 1, 2):
            await q.put(x)
        print(cls.__name__, [await q.get() for _ in range(3)])
    # A cancelled getter does not swallow an item.
    q = asyncio.Queue()
    t1 = asyncio.create_task(q.get())
    t2 = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    t1.cancel()
    q.put_nowait('x')
    await asyncio.sleep(0)
    print(t1.cancelled(), t2.done() and t2.result())
    # join waits for task_done.
    q = asyncio.Queue()
    q.put_nowait(1)
    async def worker():
        await q.get()
        await asyncio.sleep(0)
        print('worker done')
        q.task_done()
    w = asyncio.create_task(worker())
    await q.join()
    print('join returned', w.done())

asyncio.run(main())
