# Deep await chains: a coroutine awaiting a coroutine 50 deep, many times.
import asyncio


async def chain(depth):
    if depth == 0:
        await asyncio.sleep(0)
        return 1
    return 1 + await chain(depth - 1)


async def main():
    total = 0
    for _ in range(45000):
        total += await chain(50)
    print(total)


asyncio.run(main())
