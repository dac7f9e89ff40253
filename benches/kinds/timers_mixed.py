# kind: timers.py
# call_later callbacks and sleeping tasks with sub-millisecond delays.
import asyncio
async def main():
    loop = asyncio.get_running_loop()
    fired = []
    for i in range(5000):
        loop.call_later((i * 37 % 100) / 100000, fired.append, i)
    async def sleeper(i):
        await asyncio.sleep((i * 13 % 50) / 100000)
        return i
    r = await asyncio.gather(*(sleeper(i) for i in range(5000)))
    await asyncio.sleep(0.002)
    print(len(fired), sum(fired), sum(r))
asyncio.run(main())
