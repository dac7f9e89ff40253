# Condition.wait and Condition.wait_for run natively for an exact Condition over an exact
# Lock (condition_wait.rs); they must keep locks.py's behaviour: the lock-held checks, FIFO
# notify that skips waiters already done, the lock re-acquired even when the wait is
# cancelled (and while being re-acquired), wait_for's predicate loop, and the Python methods
# for subclasses, replaced methods and other locks.
import asyncio
import inspect


def shown(cond):
    return repr(cond).split(' object at ')[0] + ' [' + repr(cond).split(' [')[1]


async def lock_checks():
    cond = asyncio.Condition()
    for name, call in [('wait', lambda: cond.wait()),
                       ('wait_for', lambda: cond.wait_for(lambda: False)),
                       ('notify', lambda: cond.notify()),
                       ('notify_all', lambda: cond.notify_all())]:
        try:
            r = call()
            if asyncio.iscoroutine(r) or hasattr(r, '__await__'):
                await r
            print(name, 'did not raise')
        except RuntimeError as e:
            print(name, 'unlocked ->', e)
    async with cond:
        print('wait_for true at once ->', await cond.wait_for(lambda: 'ready'))
        print('locked after wait_for:', cond.locked())
    # An un-awaited wait changes nothing; closing it is fine.
    w = cond.wait()
    w.close()
    print('closed un-awaited wait; waiters:', len(cond._waiters), cond.locked())


async def notify_order():
    cond = asyncio.Condition()
    woken = []

    async def waiter(name):
        async with cond:
            r = await cond.wait()
            woken.append((name, r, cond.locked()))

    tasks = {n: asyncio.create_task(waiter(n)) for n in 'abcde'}
    await asyncio.sleep(0)
    print('waiting:', shown(cond))
    tasks['b'].cancel()
    await asyncio.sleep(0)
    async with cond:
        cond.notify(2)
        print('after notify(2):', shown(cond))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print('woken:', woken)
    async with cond:
        cond.notify(0)
        cond.notify(-1)
        cond.notify_all()
    await asyncio.gather(*tasks.values(), return_exceptions=True)
    print('woken:', woken)
    print('b cancelled:', tasks['b'].cancelled(), shown(cond))


async def cancel_while_waiting():
    cond = asyncio.Condition()
    log = []

    async def waiter():
        async with cond:
            try:
                await cond.wait()
            except asyncio.CancelledError:
                log.append(('cancelled, lock held', cond.locked()))
                raise

    t = asyncio.create_task(waiter())
    await asyncio.sleep(0)
    await cond.acquire()
    t.cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print('cancelled but lock busy: done =', t.done(), shown(cond))
    cond.release()
    try:
        await t
    except asyncio.CancelledError:
        print('task cancelled:', log, cond.locked())


async def cancel_while_reacquiring():
    cond = asyncio.Condition()
    log = []

    async def waiter():
        async with cond:
            try:
                r = await cond.wait()
                log.append(('returned', r))
            except asyncio.CancelledError:
                log.append(('cancelled while re-acquiring, lock held', cond.locked()))
                raise

    t = asyncio.create_task(waiter())
    await asyncio.sleep(0)
    async with cond:
        cond.notify()
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        print('notified, re-acquiring:', t.done(), shown(cond))
        t.cancel()
        await asyncio.sleep(0)
        t.cancel()
        await asyncio.sleep(0)
        print('cancelled twice, still re-acquiring:', t.done(), shown(cond))
    try:
        await t
    except asyncio.CancelledError:
        print('task:', log, 'lock after:', cond.locked())


async def wait_for_loop():
    cond = asyncio.Condition()
    box = []
    calls = []

    def predicate():
        calls.append((len(box), cond.locked()))
        return len(box) >= 3 and list(box)

    async def consumer():
        async with cond:
            return await cond.wait_for(predicate)

    t = asyncio.create_task(consumer())
    for i in range(4):
        await asyncio.sleep(0)
        async with cond:
            box.append(i)
            cond.notify()
    print('wait_for ->', await t, 'predicate calls:', calls)

    def failing():
        raise ValueError('predicate failed')

    async with cond:
        try:
            await cond.wait_for(failing)
        except ValueError as e:
            print('predicate error:', e, cond.locked())
    print('after failing predicate:', cond.locked())

    # A predicate that turns true while the waiter is cancelled: CancelledError wins.
    flag = []

    async def cancelled_consumer():
        async with cond:
            await cond.wait_for(lambda: flag)

    t = asyncio.create_task(cancelled_consumer())
    await asyncio.sleep(0)
    async with cond:
        flag.append(1)
        cond.notify()
        t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print('wait_for cancelled after notify:', t.cancelled(), shown(cond))


class LoggingCondition(asyncio.Condition):
    def __init__(self, log):
        super().__init__()
        self.log = log

    async def wait(self):
        self.log.append('subclass wait')
        return await super().wait()

    def notify(self, n=1):
        self.log.append(f'subclass notify({n})')
        super().notify(n)


class CountingLock(asyncio.Lock):
    def __init__(self):
        super().__init__()
        self.acquired = 0

    async def acquire(self):
        self.acquired += 1
        return await super().acquire()


async def python_paths():
    log = []
    cond = LoggingCondition(log)
    box = []

    async def consumer(c):
        async with c:
            return await c.wait_for(lambda: box)

    async def hand_over(c, item):
        # A consumer waits in wait_for until `item` is in the box.
        box.clear()
        t = asyncio.create_task(consumer(c))
        await asyncio.sleep(0)
        async with c:
            box.append(item)
            c.notify()
        return await t

    print('subclass wait_for ->', await hand_over(cond, 'x'), log)

    # A wait replaced on the instance is what wait_for awaits.
    cond = asyncio.Condition()
    waits = []
    original = cond.wait

    async def my_wait():
        waits.append('instance wait')
        return await original()

    cond.wait = my_wait
    print('replaced wait ->', await hand_over(cond, 'y'), waits)

    # An acquire replaced on the instance is what the re-acquire calls.
    cond = asyncio.Condition()
    acquires = []
    lock_acquire = cond.acquire

    async def my_acquire():
        acquires.append('instance acquire')
        return await lock_acquire()

    cond.acquire = my_acquire
    print('replaced acquire ->', await hand_over(cond, 'z'), acquires)

    # A method replaced on a Condition already used natively.
    cond = asyncio.Condition()
    async with cond:
        cond.notify()
    releases = []
    lock_release = cond.release

    def my_release():
        releases.append('instance release')
        lock_release()

    cond.release = my_release
    print('replaced release after use ->', await hand_over(cond, 'u'), releases)

    # Replaced between the call and the await: the wait that runs is the Python one.
    cond = asyncio.Condition()
    box.clear()
    late = []

    async def late_consumer():
        async with cond:
            w = cond.wait_for(lambda: box)
            lock_release = cond.release

            def logged_release():
                late.append('late release')
                lock_release()

            cond.release = logged_release
            return await w

    t = asyncio.create_task(late_consumer())
    await asyncio.sleep(0)
    async with cond:
        box.append('t')
        cond.notify()
    print('replaced before the await ->', await t, late)

    # A Condition over a Lock subclass re-acquires through the subclass's acquire.
    lock = CountingLock()
    cond = asyncio.Condition(lock)
    print('lock subclass ->', await hand_over(cond, 'w'), 'acquired', lock.acquired, 'times')

    # A class attribute replaced after the fact: the Python path runs.
    saved = asyncio.Condition.notify
    asyncio.Condition.notify = lambda self, n=1: log.append('patched notify') or saved(self, n)
    try:
        cond = asyncio.Condition()
        print('patched class ->', await hand_over(cond, 'v'), log[-1])
    finally:
        asyncio.Condition.notify = saved


async def many_rounds():
    cond = asyncio.Condition()
    box, out = [], []

    async def producer(n):
        for i in range(n):
            async with cond:
                box.append(i)
                cond.notify()
            await asyncio.sleep(0)

    async def consumer(n):
        while len(out) < n:
            async with cond:
                await cond.wait_for(lambda: box)
                out.append(box.pop(0))

    await asyncio.gather(producer(200), consumer(200))
    print('rounds:', len(out), sum(out), shown(cond))


async def as_tasks():
    cond = asyncio.Condition()
    w = cond.wait()
    print('coroutine:', asyncio.iscoroutine(w), inspect.isawaitable(w))
    w.close()
    t = asyncio.create_task(cond.wait())
    try:
        await t
    except RuntimeError as e:
        print('task wait unlocked ->', e)
    t = asyncio.create_task(cond.wait_for(lambda: 'now'))
    print('task wait_for ->', await t)

    async def waiter():
        async with cond:
            return await cond.wait()

    t = asyncio.create_task(waiter())
    await asyncio.sleep(0)
    async with cond:
        cond.notify()
    print('task wait ->', await t)
    async with cond:
        try:
            await asyncio.wait_for(cond.wait(), 0.01)
        except asyncio.TimeoutError:
            print('timed out; lock held again:', cond.locked(), shown(cond))


async def main():
    await lock_checks()
    await as_tasks()
    await notify_order()
    await cancel_while_waiting()
    await cancel_while_reacquiring()
    await wait_for_loop()
    await python_paths()
    await many_rounds()


asyncio.run(main())
