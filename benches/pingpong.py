# Ping-pong between two tasks through a pair of Queues.
import asyncio


async def player(inbox, outbox, rounds):
    total = 0
    for _ in range(rounds):
        ball = await inbox.get()
        total += ball
        await outbox.put(ball + 1)
    return total


async def main():
    a, b = asyncio.Queue(), asyncio.Queue()
    await a.put(0)
    r1, r2 = await asyncio.gather(player(a, b, 90000), player(b, a, 90000))
    print(r1 + r2)


asyncio.run(main())
