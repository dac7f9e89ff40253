# kind: tasks_spawn.py
# Task switching: 300 tasks taking turns on an asyncio.Lock.
import asyncio
async def worker(lock, state, k):
    for _ in range(k):
        async with lock:
            state[0] += 1
            await asyncio.sleep(0)
async def main():
    lock = asyncio.Lock()
    state = [0]
    await asyncio.gather(*(worker(lock, state, 100) for _ in range(300)))
    print(state[0])
asyncio.run(main())
