# asyncio: a bounded Queue between producers and consumers, with task_done/join.
import asyncio


async def producer(queue, name, count):
    for i in range(count):
        await queue.put(f"{name}-{i}")
        print("put", f"{name}-{i}", "size", queue.qsize())


async def consumer(queue, name, seen):
    while True:
        item = await queue.get()
        seen.append((name, item))
        await asyncio.sleep(0)
        queue.task_done()


async def main():
    queue = asyncio.Queue(maxsize=2)
    seen = []
    consumers = [asyncio.create_task(consumer(queue, f"c{i}", seen)) for i in range(2)]
    await asyncio.gather(producer(queue, "a", 3), producer(queue, "b", 2))
    await queue.join()
    for c in consumers:
        c.cancel()
    results = await asyncio.gather(*consumers, return_exceptions=True)
    print(seen)
    print([type(r).__name__ for r in results])
    q = asyncio.Queue()
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty")
    pq = asyncio.PriorityQueue()
    for item in [(3, "c"), (1, "a"), (2, "b")]:
        pq.put_nowait(item)
    print([pq.get_nowait() for _ in range(3)])


asyncio.run(main())
