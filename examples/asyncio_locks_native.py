# The native fast paths of Lock, Event, Condition and the semaphores (locks_native.rs) must
# keep locks.py's behaviour: cancellation while waiting, the wake-up order of many waiters,
# error messages, reprs, and stepping aside for subclasses, replaced methods, instance
# attributes and waiters that are not plain futures.
import asyncio
import re


def shown(obj):
    return re.sub(r'0x[0-9a-f]+', 'ADDR', repr(obj))


async def cancel_while_waiting():
    ev = asyncio.Event()
    t = asyncio.create_task(ev.wait())
    await asyncio.sleep(0)
    print('event waiting:', shown(ev))
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print('event wait cancelled; waiters left:', len(ev._waiters))
    ev.set()
    print('set event wait ->', await ev.wait(), ev.is_set())

    lock = asyncio.Lock()
    await lock.acquire()
    order = []

    async def locker(name):
        try:
            async with lock:
                order.append(name)
                await asyncio.sleep(0)
        except asyncio.CancelledError:
            order.append(name + ' cancelled')
            raise

    tasks = [asyncio.create_task(locker(n)) for n in 'abc']
    await asyncio.sleep(0)
    print('lock:', shown(lock))
    tasks[0].cancel()
    await asyncio.sleep(0)
    lock.release()
    await asyncio.gather(*tasks, return_exceptions=True)
    print('lock order:', order, lock.locked())

    # A waiter woken by release() and then cancelled hands the lock on.
    await lock.acquire()
    order.clear()
    tasks = [asyncio.create_task(locker(n)) for n in 'xyz']
    await asyncio.sleep(0)
    lock.release()
    tasks[0].cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    print('lock order after woken-then-cancelled:', order, lock.locked())

    cond = asyncio.Condition()

    async def cond_waiter(name):
        async with cond:
            try:
                await cond.wait()
                order.append(name)
            except asyncio.CancelledError:
                order.append(name + ' cancelled, locked=' + str(cond.locked()))
                raise

    order.clear()
    tasks = [asyncio.create_task(cond_waiter(n)) for n in 'pq']
    await asyncio.sleep(0)
    print('condition:', shown(cond))
    tasks[0].cancel()
    await asyncio.sleep(0)
    async with cond:
        cond.notify_all()
    await asyncio.gather(*tasks, return_exceptions=True)
    print('condition order:', order, cond.locked())

    sem = asyncio.Semaphore(0)

    async def sem_waiter(name):
        try:
            await sem.acquire()
            order.append(name)
        except asyncio.CancelledError:
            order.append(name + ' cancelled')
            raise

    order.clear()
    tasks = [asyncio.create_task(sem_waiter(n)) for n in 'uvw']
    await asyncio.sleep(0)
    print('semaphore:', shown(sem))
    sem.release()
    tasks[0].cancel()
    sem.release()
    await asyncio.gather(*tasks, return_exceptions=True)
    print('semaphore order:', order, shown(sem))


async def fairness():
    lock = asyncio.Lock()
    order = []

    async def worker(i):
        for _ in range(3):
            async with lock:
                order.append(i)
                await asyncio.sleep(0)

    await asyncio.gather(*(worker(i) for i in range(6)))
    print('lock fairness:', order)

    sem = asyncio.BoundedSemaphore(2)
    order.clear()

    async def sem_worker(i):
        for _ in range(2):
            async with sem:
                order.append(i)
                await asyncio.sleep(0)
                await asyncio.sleep(0)

    await asyncio.gather(*(sem_worker(i) for i in range(5)))
    print('semaphore fairness:', order, shown(sem))

    cond = asyncio.Condition()
    box = []
    order.clear()

    async def consumer(i):
        async with cond:
            await cond.wait_for(lambda: box)
            order.append((i, box.pop(0)))

    tasks = [asyncio.create_task(consumer(i)) for i in range(5)]
    await asyncio.sleep(0)
    async with cond:
        box.extend('AB')
        cond.notify(2)
    await asyncio.sleep(0)
    async with cond:
        box.extend('CDE')
        cond.notify_all()
    await asyncio.gather(*tasks)
    print('condition fairness:', order)

    ev = asyncio.Event()
    order.clear()

    async def ev_waiter(i):
        await ev.wait()
        order.append(i)

    tasks = [asyncio.create_task(ev_waiter(i)) for i in range(4)]
    await asyncio.sleep(0)
    ev.set()
    ev.clear()
    await asyncio.gather(*tasks)
    print('event fairness:', order, ev.is_set())


async def errors():
    lock = asyncio.Lock()
    for f in (lock.release,):
        try:
            f()
        except RuntimeError as e:
            print('RuntimeError:', e)
    sem = asyncio.BoundedSemaphore(1)
    try:
        sem.release()
    except ValueError as e:
        print('ValueError:', e)
    cond = asyncio.Condition()
    try:
        cond.notify()
    except RuntimeError as e:
        print('RuntimeError:', e)
    try:
        await cond.wait()
    except RuntimeError as e:
        print('RuntimeError:', e)
    try:
        lock.locked(1)
    except TypeError as e:
        print('TypeError:', e)
    try:
        asyncio.Event().set(x=1)
    except TypeError as e:
        print('TypeError:', e)
    print(asyncio.Semaphore(3).locked(), asyncio.Semaphore(0).locked())


async def fallbacks():
    class LoudEvent(asyncio.Event):
        def set(self):
            print('LoudEvent.set')
            super().set()

    ev = LoudEvent()
    t = asyncio.create_task(ev.wait())
    await asyncio.sleep(0)
    ev.set()
    print('subclass wait ->', await t)

    ev = asyncio.Event()
    ev.clear = lambda: print('instance clear')
    ev.clear()
    ev.set()
    print('instance attribute: is_set', ev.is_set())

    class CountingLock(asyncio.Lock):
        def __init__(self):
            super().__init__()
            self.count = 0

        def release(self):
            self.count += 1
            super().release()

    lock = CountingLock()
    for _ in range(3):
        async with lock:
            pass
    print('subclass lock released', lock.count, 'times')

    class NoisyFuture(asyncio.Future):
        def done(self):
            print('NoisyFuture.done')
            return super().done()

    ev = asyncio.Event()
    noisy = NoisyFuture()
    ev._waiters.append(noisy)
    ev.set()
    print('foreign waiter result:', noisy.result())

    sem = asyncio.Semaphore(1)
    sem._waiters = asyncio.Lock()._waiters
    print('semaphore with None waiters:', sem.locked())

    original = asyncio.Lock.release

    def counted(self):
        print('patched Lock.release')
        original(self)

    asyncio.Lock.release = counted
    lock = asyncio.Lock()
    async with lock:
        pass
    asyncio.Lock.release = original
    async with lock:
        pass
    print('class patch undone:', lock.locked())


async def direct_context_calls():
    lock = asyncio.Lock()
    print('aenter ->', await lock.__aenter__(), lock.locked())
    print('aexit ->', await lock.__aexit__(None, None, None), lock.locked())
    await lock.acquire()
    try:
        async with asyncio.timeout(0.01):
            async with lock:
                print('not reached')
    except TimeoutError:
        print('timed out waiting; waiters:', len(lock._waiters), lock.locked())
    lock.release()
    cond = asyncio.Condition()
    print('condition aenter ->', await cond.__aenter__(), cond.locked())
    await cond.__aexit__(None, None, None)
    try:
        await cond.__aexit__(None, None, None)
    except RuntimeError as e:
        print('RuntimeError:', e)


async def main():
    await direct_context_calls()
    await cancel_while_waiting()
    await fairness()
    await errors()
    await fallbacks()


asyncio.run(main())
