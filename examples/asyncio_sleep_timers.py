# asyncio.sleep: results, zero and negative delays, ordering by deadline, and a cancelled
# sleep removes its timer from the loop.
import asyncio


async def nap(delay, tag, log):
    value = await asyncio.sleep(delay, result=tag)
    log.append(value)
    return value


async def main():
    loop = asyncio.get_running_loop()
    print(await asyncio.sleep(0, "zero"), await asyncio.sleep(-1, "negative"))
    print(await asyncio.sleep(0.001, result=[1, 2]))
    log = []
    await asyncio.gather(*(nap(d / 1000, f"t{d}", log) for d in (30, 10, 20, 0, 5)))
    print(log)
    sleeper = asyncio.create_task(asyncio.sleep(10))
    await asyncio.sleep(0)
    print("timers while sleeping:", len(loop._scheduled))
    sleeper.cancel()
    try:
        await sleeper
    except asyncio.CancelledError:
        print("sleeper cancelled")
    await asyncio.sleep(0)
    print("timers after cancel:", len(loop._scheduled), loop._timer_cancelled_count)
    try:
        await asyncio.wait_for(asyncio.sleep(10), 0.01)
    except TimeoutError:
        print("wait_for timed out")
    await asyncio.sleep(0)
    print("timers after timeout:", len(loop._scheduled))


asyncio.run(main())
