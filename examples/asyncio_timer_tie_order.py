# Timer handles that fall due at the same loop time run in the order the loop's heap gives
# them (base_events.py call_at + heapq); cancelled ones are skipped.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    order = []
    base = loop.time() + 0.01
    handles = []
    for i in range(300):
        when = base + ((i * 7) % 13) / 1000
        handles.append(loop.call_at(when, order.append, i))
    for h in handles[::17]:
        h.cancel()
    await asyncio.sleep(0.05)
    print(len(order))
    print(order[:40])
    print(order[-40:])
    print(sum(i * k for k, i in enumerate(order)))


asyncio.run(main())
