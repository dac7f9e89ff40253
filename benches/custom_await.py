# Many tasks yielding to the event loop through a custom __await__.
import asyncio


class YieldToLoop:
    def __await__(self):
        yield


async def worker(n):
    total = 0
    for i in range(n):
        await YieldToLoop()
        total += i
    return total


async def main():
    results = await asyncio.gather(*[worker(200) for _ in range(2000)])
    print(sum(results))


asyncio.run(main())
