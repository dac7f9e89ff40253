# An asyncio.Queue whose methods are replaced, on the class or on one instance, runs the
# replacements: the interpreter's native queue fast paths must step aside for them.
import asyncio


async def main():
    original_put = asyncio.Queue._put

    def logging_put(self, item):
        print("class-level _put", item)
        original_put(self, item)

    asyncio.Queue._put = logging_put
    q = asyncio.Queue()
    q.put_nowait(1)
    await q.put(2)
    asyncio.Queue._put = original_put
    q.put_nowait(3)
    print("after restoring:", q.qsize())

    q.empty = lambda: False
    q._get = lambda: "from the instance's _get"
    print(q.get_nowait())
    print(await q.get())
    print("qsize", q.qsize())

    seen = []
    r = asyncio.Queue()
    r._put = lambda item: seen.append(item)
    r.put_nowait("a")
    await r.put("b")
    print(seen, r.qsize(), r._unfinished_tasks)

    e = asyncio.Queue()
    cleared = []
    e._finished.clear = lambda: cleared.append("clear")
    e.put_nowait(1)
    print(cleared, e._finished.is_set())

    plain = asyncio.Queue()
    plain.put_nowait("x")
    print(plain.get_nowait(), plain.empty())


asyncio.run(main())
