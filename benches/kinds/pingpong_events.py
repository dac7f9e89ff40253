# kind: pingpong.py
# Ping-pong between two tasks through two asyncio.Event objects (wait, clear, set).
import asyncio
async def player(me, other, n, log):
    for i in range(n):
        await me.wait()
        me.clear()
        log[0] += i
        other.set()
async def main():
    a, b = asyncio.Event(), asyncio.Event()
    log = [0]
    t1 = asyncio.create_task(player(a, b, 5000, log))
    t2 = asyncio.create_task(player(b, a, 5000, log))
    a.set()
    await asyncio.gather(t1, t2)
    print(log[0])
asyncio.run(main())
