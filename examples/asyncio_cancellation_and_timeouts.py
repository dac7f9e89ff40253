# asyncio: cancelling a task runs its cleanup, wait_for times out, and a shielded task survives.
import asyncio


async def worker(name, delay):
    try:
        await asyncio.sleep(delay)
        print(name, "finished")
        return name
    except asyncio.CancelledError:
        print(name, "was cancelled")
        raise
    finally:
        print(name, "cleanup")


async def main():
    task = asyncio.create_task(worker("slow", 1))
    await asyncio.sleep(0.01)
    print("cancel returned", task.cancel())
    try:
        await task
    except asyncio.CancelledError:
        print("awaiting it raised CancelledError; cancelled() =", task.cancelled())

    try:
        await asyncio.wait_for(worker("timed", 1), timeout=0.02)
    except TimeoutError:
        print("wait_for raised TimeoutError")

    inner = asyncio.create_task(worker("shielded", 0.03))
    try:
        await asyncio.wait_for(asyncio.shield(inner), timeout=0.01)
    except TimeoutError:
        print("the shield timed out, inner done:", inner.done())
    print("inner result:", await inner)

    async with asyncio.timeout(0.5) as cm:
        await asyncio.sleep(0.01)
    print("timeout block expired:", cm.expired())


asyncio.run(main())
