# 10k concurrent timers of different delays (0 to 0.99 ms, so the row measures the timer
# machinery rather than time spent asleep: with delays up to 99 ms, half of CPython's run was
# sleeping, which no interpreter can shorten).
import asyncio


async def sleeper(i):
    await asyncio.sleep((i % 100) / 100000)
    return i


async def main():
    total = 0
    for _ in range(8):
        total += sum(await asyncio.gather(*[sleeper(i) for i in range(10000)]))
    print(total)


asyncio.run(main())
