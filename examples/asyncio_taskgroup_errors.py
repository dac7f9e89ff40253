# asyncio: a TaskGroup cancels its other tasks on the first failure and raises an ExceptionGroup.
import asyncio


async def ok(n):
    await asyncio.sleep(0.01 * n)
    print("ok", n)
    return n


async def boom():
    await asyncio.sleep(0.015)
    raise ValueError("boom")


async def main():
    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(ok(1))
        t2 = tg.create_task(ok(2))
    print("results", t1.result(), t2.result())
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(ok(1))
            slow = tg.create_task(ok(5))
            tg.create_task(boom())
    except* ValueError as eg:
        print("caught", repr(eg.exceptions[0]), "slow cancelled:", slow.cancelled())


asyncio.run(main())
