# kind: custom_await.py
# Custom __await__ objects, one wrapping another with yield from.
import asyncio
class Ticker:
    def __init__(self, n):
        self.n = n
    def __await__(self):
        for _ in range(self.n):
            yield
        return self.n
class Wrapped:
    def __init__(self, inner):
        self.inner = inner
    def __await__(self):
        return (yield from self.inner.__await__())
async def task(i):
    a = await Ticker(3)
    b = await Wrapped(Ticker(2))
    return a + b + i
async def main():
    print(sum(await asyncio.gather(*(task(i) for i in range(5000)))))
asyncio.run(main())
