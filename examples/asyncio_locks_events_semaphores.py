# asyncio: Lock fairness, Event wake-ups and a Semaphore bounding concurrency.
import asyncio


async def locked_step(lock, name, log):
    async with lock:
        log.append(f"{name} in")
        await asyncio.sleep(0)
        log.append(f"{name} out")


async def waiter(event, name):
    print(name, "waiting")
    await event.wait()
    print(name, "woke up")


async def bounded(sem, i, active, peak):
    async with sem:
        active[0] += 1
        peak[0] = max(peak[0], active[0])
        await asyncio.sleep(0.001)
        active[0] -= 1


async def main():
    lock = asyncio.Lock()
    log = []
    await asyncio.gather(*(locked_step(lock, n, log) for n in "abc"))
    print(log)

    event = asyncio.Event()
    waiters = [asyncio.create_task(waiter(event, f"w{i}")) for i in range(2)]
    await asyncio.sleep(0)
    print("setting the event")
    event.set()
    await asyncio.gather(*waiters)

    sem = asyncio.Semaphore(2)
    active, peak = [0], [0]
    await asyncio.gather(*(bounded(sem, i, active, peak) for i in range(6)))
    print("peak concurrency", peak[0])
    bsem = asyncio.BoundedSemaphore(1)
    try:
        bsem.release()
    except ValueError as e:
        print("ValueError:", e)


asyncio.run(main())
