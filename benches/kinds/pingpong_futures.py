# kind: pingpong.py
# Request/response through a Queue of (value, future) pairs.
import asyncio
async def pinger(q_in, q_out, n):
    loop = asyncio.get_running_loop()
    total = 0
    for i in range(n):
        fut = loop.create_future()
        q_out.put_nowait((i, fut))
        total += await fut
    return total
async def ponger(q_in, n):
    for _ in range(n):
        i, fut = await q_in.get()
        fut.set_result(i * 2)
async def main():
    q = asyncio.Queue()
    r = await asyncio.gather(pinger(None, q, 5000), ponger(q, 5000))
    print(r[0])
asyncio.run(main())
