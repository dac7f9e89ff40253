# kind: pingpong.py
# Producer and consumer handing items over through an asyncio.Condition.
import asyncio
async def producer(cond, box, n):
    for i in range(n):
        async with cond:
            box.append(i)
            cond.notify()
        await asyncio.sleep(0)
async def consumer(cond, box, n, out):
    got = 0
    while got < n:
        async with cond:
            await cond.wait_for(lambda: box)
            out.append(box.pop(0))
            got += 1
async def main():
    cond = asyncio.Condition()
    box, out = [], []
    n = 30000
    await asyncio.gather(producer(cond, box, n), consumer(cond, box, n, out))
    print(sum(out))
asyncio.run(main())
