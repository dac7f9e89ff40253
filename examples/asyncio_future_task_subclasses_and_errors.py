# Future/Task subclasses from Python, and the errors of misuse: awaiting itself, bad yields,
# invalid states, cancel/uncancel counts, callbacks removal.
import asyncio

class MyFuture(asyncio.Future):
    def __init__(self, *, loop=None, tag="x"):
        super().__init__(loop=loop)
        self.tag = tag
    def set_result(self, r):
        print("MyFuture.set_result", r)
        super().set_result(r * 2)

class MyTask(asyncio.Task):
    pass

async def selfawait():
    t = asyncio.current_task()
    try:
        await t
    except RuntimeError as e:
        print("self:", str(e).split(":")[0])

class BadAwaitable:
    def __await__(self):
        yield 123

class FakeFuture:
    _asyncio_future_blocking = False
    def __init__(self, loop): self.loop = loop
    def get_loop(self): return self.loop
    def __await__(self):
        yield self

async def main():
    loop = asyncio.get_running_loop()
    f = MyFuture(loop=loop, tag="t1")
    print(f.tag, isinstance(f, asyncio.Future), repr(f))
    loop.call_soon(f.set_result, 21)
    print(await f)
    t = MyTask(selfawait(), loop=loop)
    await t
    print(type(t).__name__, repr(t).split(" ")[0])
    try:
        await BadAwaitable()
    except RuntimeError as e:
        print("bad:", e)
    async def bad_in_task():
        await BadAwaitable()
    try:
        await asyncio.create_task(bad_in_task())
    except RuntimeError as e:
        print("bad task:", e)
    async def fake():
        await FakeFuture(loop)
    try:
        await asyncio.create_task(fake())
    except RuntimeError as e:
        print("fake:", str(e).split(" with ")[0].split(" in task ")[0])
    t = asyncio.create_task(asyncio.sleep(5))
    await asyncio.sleep(0)
    print(t.cancel("why"), t.cancelling(), t.uncancel(), t.cancelling())
    t.cancel("again")
    try:
        await t
    except asyncio.CancelledError as e:
        print("cancelled:", e.args)
    try:
        f = loop.create_future(); f.set_result(1); f.set_result(2)
    except asyncio.InvalidStateError as e:
        print("invalid:", e)
    try:
        loop.create_future().result()
    except asyncio.InvalidStateError as e:
        print("invalid:", e)
    try:
        t.set_result(1)
    except RuntimeError as e:
        print(e)
    f = loop.create_future()
    f.set_exception(KeyError(3))
    print(repr(f.exception()))
    f = loop.create_future()
    f.set_exception(ValueError)
    print(repr(f.exception()))

    print(asyncio.isfuture(f), asyncio.isfuture(t), asyncio.isfuture(1))
    try:
        asyncio.Task(1, loop=loop)
    except TypeError as e:
        print(e)
    f = loop.create_future()
    cb = lambda fut: print("cb ran", fut.result())
    f.add_done_callback(cb); f.add_done_callback(cb)
    print(f.remove_done_callback(cb), f.remove_done_callback(cb))
    f.set_result(0)
    await asyncio.sleep(0)
    print(len(asyncio.all_tasks()), asyncio.current_task() is not None)

asyncio.run(main())
print(asyncio.CancelledError, asyncio.InvalidStateError, asyncio.Future, asyncio.Task)
print(asyncio.CancelledError.__module__, asyncio.Future.__module__)
print(asyncio.Future[int], asyncio.Task[str])
