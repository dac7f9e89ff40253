# `async with` on asyncio Lock and Condition: a free lock is taken at once; a held lock, waiters
# (even cancelled ones), subclasses, replaced methods and a Condition whose lock changed go the
# full way, with locks.py's order, messages and results.
import asyncio

log = []


async def holder(name, lock, hold):
    async with lock as got:
        log.append((name, "in", got, lock.locked()))
        for _ in range(hold):
            await asyncio.sleep(0)
    log.append((name, "out", lock.locked()))


async def fifo():
    lock = asyncio.Lock()
    await asyncio.gather(*(holder(n, lock, 2) for n in "abcd"))
    print("fifo", log)
    log.clear()


async def cancelled_waiter():
    lock = asyncio.Lock()
    await lock.acquire()
    t = asyncio.ensure_future(holder("w", lock, 0))
    await asyncio.sleep(0)
    t.cancel()
    await asyncio.sleep(0)
    print("cancelled", t.cancelled(), len(lock._waiters or ()), lock.locked())
    lock.release()
    async with lock:
        print("after cancel", lock.locked())
    print("released", lock.locked())


async def cancel_inside():
    lock = asyncio.Lock()
    async def body():
        async with lock:
            await asyncio.sleep(10)
    t = asyncio.ensure_future(body())
    await asyncio.sleep(0)
    print("inside", lock.locked())
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled inside; locked:", lock.locked())


async def errors():
    lock = asyncio.Lock()
    try:
        async with lock:
            raise ValueError("boom")
    except ValueError as e:
        print("body raised", e, lock.locked())
    try:
        async with lock:
            lock.release()
    except RuntimeError as e:
        print("exit raised", e, lock.locked())
    cond = asyncio.Condition()
    try:
        async with cond:
            raise KeyError("k")
    except KeyError as e:
        print("cond body raised", e, cond.locked())


class Loud(asyncio.Lock):
    async def __aenter__(self):
        print("Loud enter")
        return await super().__aenter__()

    async def __aexit__(self, *exc):
        print("Loud exit", exc[0])
        return await super().__aexit__(*exc)


class Counting(asyncio.Lock):
    acquired = 0

    async def acquire(self):
        Counting.acquired += 1
        return await super().acquire()


async def subclasses():
    async with Loud() as x:
        print("Loud body", x)
    c = Counting()
    async with c:
        pass
    cond = asyncio.Condition(c)
    async with cond:
        print("cond over subclass", cond.locked())
    print("Counting acquired", Counting.acquired)


async def changed_condition():
    cond = asyncio.Condition()
    first = cond._lock
    async with cond:
        # Condition.release is still the first lock's bound method.
        cond._lock = asyncio.Lock()
    print("changed lock", first.locked(), cond._lock.locked())
    cond2 = asyncio.Condition()
    async with cond2:
        cond2.release = lambda: print("replaced release")
    print("replaced", cond2.locked())
    cond2.release = cond2._lock.release


async def replaced_class_methods():
    saved = asyncio.Lock.__aexit__
    async def noisy_exit(self, *exc):
        print("class __aexit__ replaced", exc)
        self.release()
    lock = asyncio.Lock()
    asyncio.Lock.__aexit__ = noisy_exit
    try:
        async with lock:
            print("body with replaced exit", lock.locked())
    finally:
        asyncio.Lock.__aexit__ = saved
    print("after", lock.locked())
    async with lock:
        # Replaced while inside: the exit bound on entry runs.
        asyncio.Lock.__aexit__ = noisy_exit
    asyncio.Lock.__aexit__ = saved
    print("after entry-bound exit", lock.locked())
    saved_enter = asyncio.Lock.__aenter__
    async def noisy_enter(self):
        print("class __aenter__ replaced")
        await self.acquire()
        return "entered"
    asyncio.Lock.__aenter__ = noisy_enter
    try:
        async with lock as v:
            print("entered as", v)
    finally:
        asyncio.Lock.__aenter__ = saved_enter


async def manual():
    lock = asyncio.Lock()
    aw = lock.__aenter__()
    print("manual not yet", lock.locked())
    await aw
    print("manual entered", lock.locked())
    ex = lock.__aexit__(None, None, None)
    print("manual exit not yet", lock.locked())
    await ex
    print("manual exited", lock.locked())


async def predicates():
    # wait_for's predicate: plain functions run directly, anything else is called as usual.
    cond = asyncio.Condition()
    box = []

    def with_default(n=1):
        return len(box) >= n

    def with_star(*a):
        return bool(box) and not a

    def gen():
        yield 1

    class Callable:
        def __call__(self):
            return box[:]

        def method(self):
            return len(box)

    def raising():
        raise LookupError("predicate failed")

    async def fill():
        for i in range(3):
            await asyncio.sleep(0)
            async with cond:
                box.append(i)
                cond.notify_all()

    t = asyncio.ensure_future(fill())
    for p in (lambda: box, with_default, with_star, gen, Callable(), Callable().method):
        async with cond:
            r = await cond.wait_for(p)
            print("predicate", type(r).__name__, r if not hasattr(r, "send") else "gen")
    try:
        async with cond:
            await cond.wait_for(raising)
    except LookupError as e:
        print("raised", e, cond.locked())
    await t


async def main():
    await predicates()
    await fifo()
    await cancelled_waiter()
    await cancel_inside()
    await errors()
    await subclasses()
    await changed_condition()
    await replaced_class_methods()
    await manual()


asyncio.run(main())
