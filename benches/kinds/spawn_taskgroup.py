# kind: tasks_spawn.py
# Spawning: 10k tasks in a TaskGroup, then 10k tasks awaited one by one.
import asyncio
async def job(i, out):
    await asyncio.sleep(0)
    out.append(i)
    await asyncio.sleep(0)
async def main():
    out = []
    async with asyncio.TaskGroup() as tg:
        for i in range(10000):
            tg.create_task(job(i, out))
    tasks = [asyncio.create_task(asyncio.sleep(0, i)) for i in range(10000)]
    for t in tasks:
        await t
    print(sum(out), sum(t.result() for t in tasks))
asyncio.run(main())
