# kind: deep_await.py
# Deep await through async methods with try/except at every level.
import asyncio
class Node:
    def __init__(self, child):
        self.child = child
    async def total(self, k):
        if self.child is None:
            await asyncio.sleep(0)
            return k
        try:
            v = await self.child.total(k + 1)
        except ValueError:
            v = -1
        return v + 1
async def main():
    root = None
    for _ in range(30):
        root = Node(root)
    s = 0
    for i in range(3000):
        s += await root.total(i)
    print(s)
asyncio.run(main())
