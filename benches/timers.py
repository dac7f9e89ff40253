# 10k concurrent timers of different delays.
import asyncio


async def sleeper(i):
    await asyncio.sleep((i % 100) / 1000)
    return i


async def main():
    total = 0
    for _ in range(5):
        total += sum(await asyncio.gather(*[sleeper(i) for i in range(10000)]))
    print(total)


asyncio.run(main())
