# Task spawning and switching: 100k tasks each yielding a few times, gathered.
import asyncio


async def worker(i):
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    return i % 7


async def main():
    results = await asyncio.gather(*[worker(i) for i in range(100000)])
    print(sum(results))


asyncio.run(main())
