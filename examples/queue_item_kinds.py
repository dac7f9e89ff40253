# asyncio.Queue hands back exactly what was put in, whatever its kind: None, bools, small,
# wide and big ints, floats (nan and -0.0 too), strings, tuples and objects, in order.
import asyncio


class Box:
    def __init__(self, v):
        self.v = v

    def __repr__(self):
        return f"Box({self.v!r})"


async def main():
    q = asyncio.Queue()
    box = Box(3)
    items = [None, False, True, 0, -1, 2**62 - 1, 2**62, -(2**63), 2**63 - 1, 2**100,
             1.5, -0.0, float("nan"), float("inf"), "x", (1, 2), box]
    for item in items:
        q.put_nowait(item)
    print("queued", q.qsize())
    got = []
    while not q.empty():
        got.append(await q.get())
    print(got)
    print([type(g).__name__ for g in got])
    print(got[-1] is box, got[11], str(got[11]) == "-0.0")
    print(all(a is b or a == b or a != a for a, b in zip(got, items)))


asyncio.run(main())
