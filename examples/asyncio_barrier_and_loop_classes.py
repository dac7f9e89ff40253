# asyncio.Barrier (3.11): parties meet, the last arrival releases all, abort/reset break waiters; the loop classes and the event loop policy.
import asyncio


async def racer(barrier, name, delay):
    await asyncio.sleep(delay)
    print(f"{name} arrives ({barrier.n_waiting} already waiting)")
    index = await barrier.wait()
    print(f"{name} goes, arrival index {index}")
    return index


async def stuck(barrier, name):
    try:
        await barrier.wait()
    except asyncio.BrokenBarrierError as e:
        print(f"{name}: {type(e).__name__}: {e}")


async def main():
    barrier = asyncio.Barrier(3)
    print(repr(barrier).startswith("<asyncio.locks.Barrier object at"), repr(barrier).split(" [")[1])
    results = await asyncio.gather(
        racer(barrier, "a", 0.02), racer(barrier, "b", 0.0), racer(barrier, "c", 0.01)
    )
    print(results, barrier.n_waiting, barrier.parties, barrier.broken)
    # A second round reuses the same barrier, entered with `async with`.
    async def with_block(name):
        async with barrier as index:
            print(name, "in round two with index", index)

    await asyncio.gather(*(with_block(n) for n in "xyz"))
    waiters = [asyncio.create_task(stuck(barrier, f"w{i}")) for i in range(2)]
    await asyncio.sleep(0.01)
    print("waiting:", barrier.n_waiting)
    await barrier.reset()
    await asyncio.gather(*waiters)
    print("after reset:", barrier.n_waiting, barrier.broken)
    waiter = asyncio.create_task(stuck(barrier, "w2"))
    await asyncio.sleep(0)
    await barrier.abort()
    await waiter
    print("broken:", barrier.broken, repr(barrier).split(" [")[1])
    await stuck(barrier, "late")
    try:
        asyncio.Barrier(0)
    except ValueError as e:
        print("ValueError:", e)

    loop = asyncio.get_running_loop()
    print(type(loop).__name__, isinstance(loop, asyncio.AbstractEventLoop))
    print(isinstance(loop, asyncio.BaseEventLoop), asyncio.SelectorEventLoop is type(loop))


asyncio.run(main())
policy = asyncio.get_event_loop_policy()
print(type(policy).__name__, isinstance(policy, asyncio.AbstractEventLoopPolicy))
print(policy is asyncio.get_event_loop_policy())
loop = policy.new_event_loop()
print(type(loop))
asyncio.set_event_loop(loop)
print(asyncio.get_event_loop() is loop, policy.get_event_loop() is loop)
loop.close()
try:
    asyncio.set_event_loop("not a loop")
except TypeError as e:
    print("TypeError:", e)
asyncio.set_event_loop_policy(None)
print(asyncio.get_event_loop_policy() is policy)
