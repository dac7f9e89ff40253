# Async generators left unfinished under asyncio: a dropped one is closed by a task the loop's finalizer hook creates (task numbering included), the rest by asyncio.run's shutdown_asyncgens(); a throw() into an unstarted aclose() leaves it unstarted.
import asyncio

async def stream(name, n):
    try:
        for i in range(n):
            await asyncio.sleep(0)
            yield f"{name}{i}"
    finally:
        print(f"{name}: finally (closing)")
        await asyncio.sleep(0)
        print(f"{name}: closed after await")

async def plain(n):
    for i in range(n):
        yield i

async def consumer(name):
    async for item in stream(name, 5):
        print("got", item)
        if item.endswith("1"):
            break
    await asyncio.sleep(0.01)
    return name

async def main():
    print(await asyncio.gather(consumer("x"), consumer("y")))
    async for i in plain(5):
        if i == 1:
            break
    t = asyncio.create_task(asyncio.sleep(0))
    print(t.get_name())
    await t
    leftover = stream("z", 3)
    print(await anext(leftover))
    print("main done")

asyncio.run(main())
asyncio.run(main(), debug=False)
print("exit")


async def numbers(tag):
    try:
        for i in range(10):
            yield i
            await asyncio.sleep(0)
    finally:
        print(tag, "cleanup")


async def early_exits():
    async for n in numbers("A"):
        if n == 2:
            break
    print("after break A")
    gen = numbers("B")
    async for n in gen:
        if n == 1:
            break
    await gen.aclose()
    print("closed B")
    c = numbers("C")
    print(await anext(c))
    print("early_exits end", asyncio.get_running_loop().get_debug())


asyncio.run(early_exits())
print("done")
