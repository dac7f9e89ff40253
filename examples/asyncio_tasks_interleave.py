# asyncio: tasks interleave at each await, in CPython's scheduling order.
import asyncio


async def worker(name, steps):
    for i in range(steps):
        print(name, i)
        await asyncio.sleep(0)
    return name * 2


async def main():
    t1 = asyncio.create_task(worker("a", 3))
    t2 = asyncio.create_task(worker("b", 2))
    print("tasks created")
    print(await asyncio.gather(t1, t2))


asyncio.run(main())
