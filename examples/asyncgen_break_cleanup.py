# The break case of an async for, and an async generator still open when asyncio.run ends.
import asyncio
async def ticker():
    try:
        for i in range(10):
            yield i
            await asyncio.sleep(0)
    finally:
        print("ticker cleanup")
async def main():
    async for t in ticker():
        print(t)
        if t == 2:
            break
    print("after loop")
    g = ticker()
    print(await g.asend(None))
    print("main end")
asyncio.run(main())
print("done")
