# The parts of asyncio that CPython writes in Python, compiled into percolate at build time and
# run on top of the native core (src/modules/asyncio: the event loop, Future, Task).
#
# Each function and class mirrors the CPython 3.12 module named in its comment, so that
# scheduling order, cancellation behaviour and messages are CPython's. The native core provides:
# Future, Task, CancelledError, InvalidStateError, get_running_loop, _get_running_loop,
# get_event_loop, new_event_loop, set_event_loop, current_task, all_tasks, ensure_future,
# isfuture, iscoroutine, _set_result_unless_cancelled, _sleep0 (a bare-yield awaitable),
# _sleep_wait (sleep's timer-resolved future), _gather_callback (gather's native _done_callback),
# _gather_wrap (gather's wrapping loop for coroutines and exact futures), _Deque, _heappush and _heappop (core.py and the
# native parts it names, which run first in the same namespace).

FIRST_COMPLETED = 'FIRST_COMPLETED'
FIRST_EXCEPTION = 'FIRST_EXCEPTION'
ALL_COMPLETED = 'ALL_COMPLETED'

# exceptions.py: since 3.11 asyncio.TimeoutError is the built-in TimeoutError.
TimeoutError = TimeoutError


# ---- tasks.py -------------------------------------------------------------------------------

async def sleep(delay, result=None):
    """Mirrors tasks.py sleep: a bare yield for delay <= 0, else a future woken by call_later."""
    if delay <= 0:
        await _sleep0()
        return result
    # The future, its call_later timer and the `finally: handle.cancel()` are native.
    return await _sleep_wait(delay, result)


class _GatheringFuture(Future):
    """Mirrors tasks.py _GatheringFuture: cancelling it cancels the children."""

    def __init__(self, children, *, loop):
        super().__init__(loop=loop)
        self._children = children
        self._cancel_requested = False

    def cancel(self, msg=None):
        if self.done():
            return False
        ret = False
        for child in self._children:
            if child.cancel(msg=msg):
                ret = True
        if ret:
            self._cancel_requested = True
        return ret


def _gather_py(*coros_or_futures, return_exceptions=False):
    """Mirrors tasks.py gather, for the arguments the native `gather` (gather.rs) leaves to it."""
    if not coros_or_futures:
        loop = get_event_loop()
        outer = loop.create_future()
        outer.set_result([])
        return outer

    arg_to_fut = {}
    children = []
    nfuts = 0
    loop = None
    # The `_done_callback` closure (nfinished, outer, return_exceptions) is native; `outer` and
    # `nfuts` reach it through `_set_outer` once every child is wrapped.
    _done_callback, _set_outer = _gather_callback(children, return_exceptions)
    # Coroutines and exact futures (compared by identity) are wrapped natively, in this
    # loop's order and with its effects; None means any other argument is present.
    wrapped = _gather_wrap(coros_or_futures, children, _done_callback)
    if wrapped is not None:
        loop, nfuts = wrapped
        coros_or_futures = ()
    for arg in coros_or_futures:
        if arg not in arg_to_fut:
            fut = ensure_future(arg, loop=loop)
            if loop is None:
                loop = fut.get_loop()
            nfuts += 1
            arg_to_fut[arg] = fut
            fut.add_done_callback(_done_callback)
        else:
            fut = arg_to_fut[arg]
        children.append(fut)
    outer = _GatheringFuture(children, loop=loop)
    _set_outer(outer, nfuts)
    return outer


def shield(arg):
    """Mirrors tasks.py shield."""
    inner = ensure_future(arg)
    if inner.done():
        return inner
    loop = inner.get_loop()
    outer = loop.create_future()

    def _inner_done_callback(inner):
        if outer.cancelled():
            if not inner.cancelled():
                inner.exception()
            return
        if inner.cancelled():
            outer.cancel()
        else:
            exc = inner.exception()
            if exc is not None:
                outer.set_exception(exc)
            else:
                outer.set_result(inner.result())

    def _outer_done_callback(outer):
        if not inner.done():
            inner.remove_done_callback(_inner_done_callback)

    inner.add_done_callback(_inner_done_callback)
    outer.add_done_callback(_outer_done_callback)
    return outer


def _release_waiter(waiter, *args):
    if not waiter.done():
        waiter.set_result(None)


async def _cancel_and_wait(fut):
    """Mirrors tasks.py _cancel_and_wait."""
    loop = get_running_loop()
    waiter = loop.create_future()

    def cb(_):
        _release_waiter(waiter)

    fut.add_done_callback(cb)
    try:
        fut.cancel()
        await waiter
    finally:
        fut.remove_done_callback(cb)


async def wait_for(fut, timeout):
    """Mirrors tasks.py wait_for (3.12: built on timeout())."""
    if timeout is not None and timeout <= 0:
        fut = ensure_future(fut)
        if fut.done():
            return fut.result()
        await _cancel_and_wait(fut)
        try:
            return fut.result()
        except CancelledError as exc:
            raise TimeoutError from exc
    async with timeout_(timeout):
        return await fut


async def wait(fs, *, timeout=None, return_when=ALL_COMPLETED):
    """Mirrors tasks.py wait."""
    if isfuture(fs) or iscoroutine(fs):
        raise TypeError(f"expect a list of futures, not {type(fs).__name__}")
    if not fs:
        raise ValueError('Set of Tasks/Futures is empty.')
    if return_when not in (FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED):
        raise ValueError(f'Invalid return_when value: {return_when}')
    fs = set(fs)
    if any(iscoroutine(f) for f in fs):
        raise TypeError("Passing coroutines is forbidden, use tasks explicitly.")
    loop = get_running_loop()
    return await _wait(fs, timeout, return_when, loop)


async def _wait(fs, timeout, return_when, loop):
    """Mirrors tasks.py _wait."""
    waiter = loop.create_future()
    timeout_handle = None
    if timeout is not None:
        timeout_handle = loop.call_later(timeout, _release_waiter, waiter)
    counter = len(fs)

    def _on_completion(f):
        nonlocal counter
        counter -= 1
        if (counter <= 0 or return_when == FIRST_COMPLETED or
                return_when == FIRST_EXCEPTION and (not f.cancelled() and f.exception() is not None)):
            if timeout_handle is not None:
                timeout_handle.cancel()
            if not waiter.done():
                waiter.set_result(None)

    for f in fs:
        f.add_done_callback(_on_completion)
    try:
        await waiter
    finally:
        if timeout_handle is not None:
            timeout_handle.cancel()
        for f in fs:
            f.remove_done_callback(_on_completion)
    done, pending = set(), set()
    for f in fs:
        if f.done():
            done.add(f)
        else:
            pending.add(f)
    return done, pending


def as_completed(fs, *, timeout=None):
    """Mirrors tasks.py as_completed (3.12: a plain generator of awaitables)."""
    if isfuture(fs) or iscoroutine(fs):
        raise TypeError(f"expect an iterable of futures, not {type(fs).__name__}")
    done = Queue()
    loop = get_event_loop()
    todo = {ensure_future(f, loop=loop) for f in set(fs)}
    timeout_handle = None

    def _on_timeout():
        for f in todo:
            f.remove_done_callback(_on_completion)
            done.put_nowait(None)
        todo.clear()

    def _on_completion(f):
        if not todo:
            return
        todo.remove(f)
        done.put_nowait(f)
        if not todo and timeout_handle is not None:
            timeout_handle.cancel()

    async def _wait_for_one():
        f = await done.get()
        if f is None:
            raise TimeoutError
        return f.result()

    for f in todo:
        f.add_done_callback(_on_completion)
    if todo and timeout is not None:
        timeout_handle = loop.call_later(timeout, _on_timeout)
    for _ in range(len(todo)):
        yield _wait_for_one()


# ---- timeouts.py ----------------------------------------------------------------------------

class _State:
    """The states of a Timeout, with timeouts.py _State's values."""

    def __init__(self, value):
        self.value = value


_CREATED = _State("created")
_ENTERED = _State("active")
_EXPIRING = _State("expiring")
_EXPIRED = _State("expired")
_EXITED = _State("finished")


class Timeout:
    """Mirrors timeouts.py Timeout: cancels the current task at `when`, then raises TimeoutError."""

    def __init__(self, when):
        self._state = _CREATED
        self._timeout_handler = None
        self._task = None
        self._when = when

    def when(self):
        return self._when

    def reschedule(self, when):
        if self._state is not _ENTERED:
            if self._state is _CREATED:
                raise RuntimeError("Timeout has not been entered")
            raise RuntimeError(f"Cannot change state of {self._state.value} Timeout")
        self._when = when
        if self._timeout_handler is not None:
            self._timeout_handler.cancel()
        if when is None:
            self._timeout_handler = None
        else:
            loop = get_running_loop()
            if when <= loop.time():
                self._timeout_handler = loop.call_soon(self._on_timeout)
            else:
                self._timeout_handler = loop.call_at(when, self._on_timeout)

    def expired(self):
        return self._state is _EXPIRING or self._state is _EXPIRED

    def __repr__(self):
        info = ['']
        if self._state is _ENTERED:
            when = round(self._when, 3) if self._when is not None else None
            info.append(f"when={when}")
        info_str = ' '.join(info)
        return f"<Timeout [{self._state.value}]{info_str}>"

    async def __aenter__(self):
        if self._state is not _CREATED:
            raise RuntimeError("Timeout has already been entered")
        task = current_task()
        if task is None:
            raise RuntimeError("Timeout should be used inside a task")
        self._state = _ENTERED
        self._task = task
        self._cancelling = self._task.cancelling()
        self.reschedule(self._when)
        return self

    async def __aexit__(self, exc_type, exc_val, exc_tb):
        if self._timeout_handler is not None:
            self._timeout_handler.cancel()
            self._timeout_handler = None
        if self._state is _EXPIRING:
            self._state = _EXPIRED
            if self._task.uncancel() <= self._cancelling and exc_type is not None:
                if issubclass(exc_type, CancelledError):
                    raise TimeoutError from exc_val
        elif self._state is _ENTERED:
            self._state = _EXITED
        return None

    def _on_timeout(self):
        self._task.cancel()
        self._state = _EXPIRING
        self._timeout_handler = None


def timeout(delay):
    """Mirrors timeouts.py timeout."""
    loop = get_running_loop()
    return Timeout(loop.time() + delay if delay is not None else None)


timeout_ = timeout


def timeout_at(when):
    """Mirrors timeouts.py timeout_at."""
    return Timeout(when)


# ---- locks.py -------------------------------------------------------------------------------

class _ContextManagerMixin:
    async def __aenter__(self):
        # An exact Lock, Semaphore or Condition free at once is taken natively: its
        # acquire() would return without waiting.
        if not _acquire_now(self):
            await self.acquire()
        return None

    async def __aexit__(self, exc_type, exc, tb):
        self.release()


def _get_loop_of(obj):
    """Mirrors mixins.py _LoopBoundMixin._get_loop: binds the primitive to the running loop."""
    loop = get_running_loop()
    if obj._loop is None:
        obj._loop = loop
    if loop is not obj._loop:
        raise RuntimeError(f'{obj!r} is bound to a different event loop')
    return loop


def _addr(obj):
    return hex(id(obj))


class Lock(_ContextManagerMixin):
    """Mirrors locks.py Lock (FIFO wake-up, cancellation-safe)."""

    def __init__(self):
        self._waiters = None
        self._locked = False
        self._loop = None

    def __repr__(self):
        extra = 'locked' if self._locked else 'unlocked'
        if self._waiters:
            extra = f'{extra}, waiters:{len(self._waiters)}'
        return f'<asyncio.locks.Lock object at {_addr(self)} [{extra}]>'

    def locked(self):
        return self._locked

    async def acquire(self):
        # An exact Lock takes itself or gets its waiter (appended) natively.
        fut = _lock_waiter(self)
        if fut is True:
            return True
        if fut is None:
            if (not self._locked and (self._waiters is None or
                                      all(w.cancelled() for w in self._waiters))):
                self._locked = True
                return True
            if self._waiters is None:
                self._waiters = _Deque()
            fut = _get_loop_of(self).create_future()
            self._waiters.append(fut)
        try:
            try:
                await fut
            finally:
                self._waiters.remove(fut)
        except CancelledError:
            if not self._locked:
                self._wake_up_first()
            raise
        self._locked = True
        return True

    def release(self):
        if self._locked:
            self._locked = False
            self._wake_up_first()
        else:
            raise RuntimeError('Lock is not acquired.')

    def _wake_up_first(self):
        if not self._waiters:
            return
        for fut in self._waiters:
            if not fut.done():
                fut.set_result(True)
            return


class Event:
    """Mirrors locks.py Event."""

    def __init__(self):
        self._waiters = _Deque()
        self._value = False
        self._loop = None

    def __repr__(self):
        extra = 'set' if self._value else 'unset'
        if self._waiters:
            extra = f'{extra}, waiters:{len(self._waiters)}'
        return f'<asyncio.locks.Event object at {_addr(self)} [{extra}]>'

    def is_set(self):
        return self._value

    def set(self):
        if not self._value:
            self._value = True
            for fut in self._waiters:
                if not fut.done():
                    fut.set_result(True)

    def clear(self):
        self._value = False

    async def wait(self):
        # An exact Event answers at once or gets its waiter (appended) natively.
        fut = _event_waiter(self)
        if fut is True:
            return True
        if fut is None:
            if self._value:
                return True
            fut = _get_loop_of(self).create_future()
            self._waiters.append(fut)
        try:
            await fut
            return True
        finally:
            self._waiters.remove(fut)


class Condition(_ContextManagerMixin):
    """Mirrors locks.py Condition."""

    def __init__(self, lock=None):
        if lock is None:
            lock = Lock()
        self._lock = lock
        self._loop = None
        self.locked = lock.locked
        self.acquire = lock.acquire
        self.release = lock.release
        self._waiters = _Deque()

    def __repr__(self):
        extra = 'locked' if self.locked() else 'unlocked'
        if self._waiters:
            extra = f'{extra}, waiters:{len(self._waiters)}'
        return f'<asyncio.locks.Condition object at {_addr(self)} [{extra}]>'

    # For an exact Condition, `wait` and `wait_for` are native (condition_wait.rs); these
    # run for subclasses and whenever the Condition or its lock does not qualify.
    async def wait(self):
        if not self.locked():
            raise RuntimeError('cannot wait on un-acquired lock')
        self.release()
        try:
            fut = _get_loop_of(self).create_future()
            self._waiters.append(fut)
            try:
                await fut
                return True
            finally:
                self._waiters.remove(fut)
        finally:
            err = None
            while True:
                try:
                    await self.acquire()
                    break
                except CancelledError as e:
                    err = e
            if err is not None:
                try:
                    raise err
                finally:
                    err = None

    async def wait_for(self, predicate):
        result = predicate()
        while not result:
            await self.wait()
            result = predicate()
        return result

    def notify(self, n=1):
        if not self.locked():
            raise RuntimeError('cannot notify on un-acquired lock')
        idx = 0
        for fut in self._waiters:
            if idx >= n:
                break
            if not fut.done():
                idx += 1
                fut.set_result(False)

    def notify_all(self):
        self.notify(len(self._waiters))


class Semaphore(_ContextManagerMixin):
    """Mirrors locks.py Semaphore (3.12: FIFO, wakes as many waiters as the value allows)."""

    def __init__(self, value=1):
        if value < 0:
            raise ValueError("Semaphore initial value must be >= 0")
        self._waiters = None
        self._value = value
        self._loop = None

    def __repr__(self):
        extra = 'locked' if self.locked() else f'unlocked, value:{self._value}'
        if self._waiters:
            extra = f'{extra}, waiters:{len(self._waiters)}'
        return f'<asyncio.locks.{type(self).__name__} object at {_addr(self)} [{extra}]>'

    def locked(self):
        return self._value == 0 or (
            any(not w.cancelled() for w in (self._waiters or ())))

    async def acquire(self):
        # An exact Semaphore takes a unit or gets its waiter (appended) natively.
        fut = _semaphore_waiter(self)
        if fut is True:
            return True
        if fut is None:
            if not self.locked():
                self._value -= 1
                return True
            if self._waiters is None:
                self._waiters = _Deque()
            fut = _get_loop_of(self).create_future()
            self._waiters.append(fut)
        try:
            try:
                await fut
            finally:
                self._waiters.remove(fut)
        except CancelledError:
            if fut.done() and not fut.cancelled():
                self._value += 1
            raise
        finally:
            while self._value > 0:
                if not self._wake_up_next():
                    break
        return True

    def release(self):
        self._value += 1
        self._wake_up_next()

    def _wake_up_next(self):
        if not self._waiters:
            return False
        for fut in self._waiters:
            if not fut.done():
                self._value -= 1
                fut.set_result(True)
                return True
        return False


class BoundedSemaphore(Semaphore):
    """Mirrors locks.py BoundedSemaphore."""

    def __init__(self, value=1):
        self._bound_value = value
        super().__init__(value)

    def release(self):
        if self._value >= self._bound_value:
            raise ValueError('BoundedSemaphore released too many times')
        super().release()


# The synchronous methods of exact instances run natively from here on (locks_native.rs).
_locks_register(Lock, Event, Condition, Semaphore, BoundedSemaphore)


class BrokenBarrierError(RuntimeError):
    """Raised when a Barrier is broken (exceptions.py)."""


# The phases of a Barrier (locks.py _BarrierState): parties gather while 'filling', leave
# while 'draining' (or 'resetting' after reset()), and every wait fails once 'broken'.
_BARRIER_FILLING = 'filling'
_BARRIER_DRAINING = 'draining'
_BARRIER_RESETTING = 'resetting'
_BARRIER_BROKEN = 'broken'


class Barrier:
    """Mirrors locks.py Barrier (3.11): `parties` tasks meet in wait(); the last to arrive
    releases them all, and each gets its arrival index."""

    def __init__(self, parties):
        if parties < 1:
            raise ValueError('parties must be > 0')
        self._loop = None
        self._cond = Condition()
        self._parties = parties
        self._state = _BARRIER_FILLING
        self._count = 0

    def __repr__(self):
        extra = self._state
        if not self.broken:
            extra += f', waiters:{self.n_waiting}/{self.parties}'
        return f'<asyncio.locks.Barrier object at {_addr(self)} [{extra}]>'

    async def __aenter__(self):
        return await self.wait()

    async def __aexit__(self, *args):
        pass

    async def wait(self):
        async with self._cond:
            # Latecomers of the previous round wait until it has fully drained.
            await self._cond.wait_for(
                lambda: self._state not in (_BARRIER_DRAINING, _BARRIER_RESETTING))
            if self._state == _BARRIER_BROKEN:
                raise BrokenBarrierError('Barrier aborted')
            index = self._count
            self._count += 1
            try:
                if index + 1 == self._parties:
                    self._state = _BARRIER_DRAINING
                    self._cond.notify_all()
                else:
                    await self._cond.wait_for(lambda: self._state != _BARRIER_FILLING)
                    if self._state in (_BARRIER_BROKEN, _BARRIER_RESETTING):
                        raise BrokenBarrierError('Abort or reset of barrier')
                return index
            finally:
                self._count -= 1
                if self._count == 0:
                    if self._state in (_BARRIER_RESETTING, _BARRIER_DRAINING):
                        self._state = _BARRIER_FILLING
                    self._cond.notify_all()

    async def reset(self):
        async with self._cond:
            if self._count > 0:
                self._state = _BARRIER_RESETTING
            else:
                self._state = _BARRIER_FILLING
            self._cond.notify_all()

    async def abort(self):
        async with self._cond:
            self._state = _BARRIER_BROKEN
            self._cond.notify_all()

    @property
    def parties(self):
        return self._parties

    @property
    def n_waiting(self):
        return self._count if self._state == _BARRIER_FILLING else 0

    @property
    def broken(self):
        return self._state == _BARRIER_BROKEN


# ---- queues.py ------------------------------------------------------------------------------

class QueueEmpty(Exception):
    """Raised when Queue.get_nowait() is called on an empty Queue."""


class QueueFull(Exception):
    """Raised when Queue.put_nowait() is called on a full Queue."""


class Queue:
    """Mirrors queues.py Queue."""

    def __init__(self, maxsize=0):
        self._maxsize = maxsize
        self._loop = None
        self._getters = _Deque()
        self._putters = _Deque()
        self._unfinished_tasks = 0
        self._finished = Event()
        self._finished.set()
        self._init(maxsize)

    def _init(self, maxsize):
        self._queue = _Deque()

    def _get(self):
        return self._queue.popleft()

    def _put(self, item):
        self._queue.append(item)

    def _wakeup_next(self, waiters):
        while waiters:
            waiter = waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                break

    def __repr__(self):
        return f'<{type(self).__name__} at {_addr(self)} {self._format()}>'

    def __str__(self):
        return f'<{type(self).__name__} {self._format()}>'

    def _format(self):
        result = f'maxsize={self._maxsize!r}'
        if getattr(self, '_queue', None):
            result += f' _queue={list(self._queue)!r}'
        if self._getters:
            result += f' _getters[{len(self._getters)}]'
        if self._putters:
            result += f' _putters[{len(self._putters)}]'
        if self._unfinished_tasks:
            result += f' tasks={self._unfinished_tasks}'
        return result

    def qsize(self):
        return len(self._queue)

    @property
    def maxsize(self):
        return self._maxsize

    def empty(self):
        return not self._queue

    def full(self):
        if self._maxsize <= 0:
            return False
        return self.qsize() >= self._maxsize

    async def put(self, item):
        # `while self.full(): <wait>` then `put_nowait(item)`; an exact Queue with room does
        # the whole put_nowait sequence natively, and gets its waiter future natively.
        while True:
            if _queue_put_fast(self, item):
                return None
            if not self.full():
                return self.put_nowait(item)
            putter = _queue_new_waiter(self, True)
            if putter is None:
                putter = _get_loop_of(self).create_future()
                self._putters.append(putter)
            try:
                await putter
            except:
                putter.cancel()
                try:
                    self._putters.remove(putter)
                except ValueError:
                    pass
                if not self.full() and not putter.cancelled():
                    self._wakeup_next(self._putters)
                raise

    def put_nowait(self, item):
        if _queue_put_fast(self, item):
            return None
        if self.full():
            raise QueueFull
        self._put(item)
        self._unfinished_tasks += 1
        self._finished.clear()
        self._wakeup_next(self._getters)

    async def get(self):
        # `while self.empty(): <wait>` then `get_nowait()`; an exact, non-empty Queue does
        # the whole get_nowait sequence natively. An exact, empty one waits natively: the
        # `_QueueGetting` awaitable runs the same loop (a waiter future per round, appended
        # to `_getters`) and the `except` clause below gets the waiter it was awaiting.
        item = _queue_get_fast(self, True)
        if item is _QUEUE_EMPTY:
            getting = _queue_getting(self)
            if getting is not None:
                try:
                    item = await getting
                except:
                    _queue_get_abort(getting)
                    raise
                if item is not _QUEUE_MISS:
                    return item
        elif item is not _QUEUE_MISS:
            return item
        while True:
            item = _queue_get_fast(self, True)
            if item is _QUEUE_EMPTY:
                # An exact Queue found empty: `self.empty()` is known to be true.
                getter = _queue_new_waiter(self, False)
            elif item is not _QUEUE_MISS:
                return item
            else:
                if not self.empty():
                    return self.get_nowait()
                getter = _queue_new_waiter(self, False)
            if getter is None:
                getter = _get_loop_of(self).create_future()
                self._getters.append(getter)
            try:
                await getter
            except:
                getter.cancel()
                try:
                    self._getters.remove(getter)
                except ValueError:
                    pass
                if not self.empty() and not getter.cancelled():
                    self._wakeup_next(self._getters)
                raise

    def get_nowait(self):
        item = _queue_get_fast(self)
        if item is not _QUEUE_MISS:
            return item
        if self.empty():
            raise QueueEmpty
        item = self._get()
        self._wakeup_next(self._putters)
        return item

    def task_done(self):
        if self._unfinished_tasks <= 0:
            raise ValueError('task_done() called too many times')
        self._unfinished_tasks -= 1
        if self._unfinished_tasks == 0:
            self._finished.set()

    async def join(self):
        if self._unfinished_tasks > 0:
            await self._finished.wait()


_queue_classes(Queue, Event)


class PriorityQueue(Queue):
    """Mirrors queues.py PriorityQueue (heapq order: lowest first)."""

    def _init(self, maxsize):
        self._queue = []

    def _put(self, item):
        _heappush(self._queue, item)

    def _get(self):
        return _heappop(self._queue)


class LifoQueue(Queue):
    """Mirrors queues.py LifoQueue."""

    def _init(self, maxsize):
        self._queue = []

    def _put(self, item):
        self._queue.append(item)

    def _get(self):
        return self._queue.pop()


# ---- taskgroups.py --------------------------------------------------------------------------

class TaskGroup:
    """Mirrors taskgroups.py TaskGroup (3.12)."""

    def __init__(self):
        self._entered = False
        self._exiting = False
        self._aborting = False
        self._loop = None
        self._parent_task = None
        self._parent_cancel_requested = False
        self._tasks = set()
        self._errors = []
        self._base_error = None
        self._on_completed_fut = None

    def __repr__(self):
        info = ['']
        if self._tasks:
            info.append(f'tasks={len(self._tasks)}')
        if self._errors:
            info.append(f'errors={len(self._errors)}')
        if self._aborting:
            info.append('cancelling')
        elif self._entered:
            info.append('entered')
        info_str = ' '.join(info)
        return f'<TaskGroup{info_str}>'

    async def __aenter__(self):
        if self._entered:
            raise RuntimeError(f"TaskGroup {self!r} has already been entered")
        if self._loop is None:
            self._loop = get_running_loop()
        self._parent_task = current_task(self._loop)
        if self._parent_task is None:
            raise RuntimeError(f'TaskGroup {self!r} cannot determine the parent task')
        self._entered = True
        return self

    async def __aexit__(self, et, exc, tb):
        self._exiting = True
        if exc is not None and self._is_base_error(exc) and self._base_error is None:
            self._base_error = exc
        propagate_cancellation_error = exc if et is CancelledError else None
        if self._parent_cancel_requested:
            if self._parent_task.uncancel() == 0:
                propagate_cancellation_error = None
        if et is not None:
            if not self._aborting:
                self._abort()
        while self._tasks:
            if self._on_completed_fut is None:
                self._on_completed_fut = self._loop.create_future()
            try:
                await self._on_completed_fut
            except CancelledError as ex:
                if not self._aborting:
                    propagate_cancellation_error = ex
                    self._abort()
            self._on_completed_fut = None
        if self._base_error is not None:
            raise self._base_error
        if propagate_cancellation_error is not None and not self._errors:
            raise propagate_cancellation_error
        if et is not None and et is not CancelledError:
            self._errors.append(exc)
        if self._errors:
            try:
                me = BaseExceptionGroup('unhandled errors in a TaskGroup', self._errors)
                raise me from None
            finally:
                self._errors = None

    def create_task(self, coro, *, name=None, context=None):
        if not self._entered:
            raise RuntimeError(f"TaskGroup {self!r} has not been entered")
        if self._exiting and not self._tasks:
            raise RuntimeError(f"TaskGroup {self!r} is finished")
        if self._aborting:
            raise RuntimeError(f"TaskGroup {self!r} is shutting down")
        task = None
        if name is None:
            # A coroutine on a plain loop without a task factory: `loop.create_task(coro)`
            # natively (an exact future comes back as is: the loop's create_task refuses it).
            task = _ensure_future_fast(coro, self._loop)
            if task is coro:
                task = None
        if task is None:
            task = self._loop.create_task(coro, name=name)
        if task.done():
            self._on_task_done(task)
        else:
            self._tasks.add(task)
            task.add_done_callback(self._on_task_done)
        return task

    def _is_base_error(self, exc):
        return isinstance(exc, (SystemExit, KeyboardInterrupt))

    def _abort(self):
        self._aborting = True
        for t in self._tasks:
            if not t.done():
                t.cancel()

    def _on_task_done(self, task):
        self._tasks.discard(task)
        if self._on_completed_fut is not None and not self._tasks:
            if not self._on_completed_fut.done():
                self._on_completed_fut.set_result(True)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is None:
            return
        self._errors.append(exc)
        if self._is_base_error(exc) and self._base_error is None:
            self._base_error = exc
        if self._parent_task.done():
            self._loop.call_exception_handler({
                'message': f'Task {task!r} has errored out but its parent task {self._parent_task} is already completed',
                'exception': exc,
                'task': task,
            })
            return
        if not self._aborting and not self._parent_cancel_requested:
            self._abort()
            self._parent_cancel_requested = True
            self._parent_task.cancel()


# ---- runners.py -----------------------------------------------------------------------------

def _cancel_all_tasks(loop):
    """Mirrors runners.py _cancel_all_tasks."""
    to_cancel = all_tasks(loop)
    if not to_cancel:
        return
    for task in to_cancel:
        task.cancel()
    loop.run_until_complete(gather(*to_cancel, return_exceptions=True))
    for task in to_cancel:
        if task.cancelled():
            continue
        if task.exception() is not None:
            loop.call_exception_handler({
                'message': 'unhandled exception during asyncio.run() shutdown',
                'exception': task.exception(),
                'task': task,
            })


async def _shutdown_nothing():
    """Stands for loop.shutdown_default_executor(): it costs CPython one
    run_until_complete, i.e. loop iterations in which leftover callbacks still run."""
    return None


class Runner:
    """Mirrors runners.py Runner."""

    def __init__(self, *, debug=None, loop_factory=None):
        self._state = 'created'
        self._debug = debug
        self._loop_factory = loop_factory
        self._loop = None
        self._set_event_loop = False
        self._interrupt_count = 0

    def __enter__(self):
        self._lazy_init()
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.close()

    def close(self):
        if self._state != 'initialized':
            return
        loop = self._loop
        try:
            _cancel_all_tasks(loop)
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.run_until_complete(_shutdown_nothing())
        finally:
            if self._set_event_loop:
                set_event_loop(None)
            loop.close()
            self._loop = None
            self._state = 'closed'

    def get_loop(self):
        self._lazy_init()
        return self._loop

    def run(self, coro, *, context=None):
        if not iscoroutine(coro):
            raise ValueError("a coroutine was expected, got {!r}".format(coro))
        if _get_running_loop() is not None:
            raise RuntimeError("Runner.run() cannot be called from a running event loop")
        self._lazy_init()
        if context is None:
            context = self._context
        task = self._loop.create_task(coro, context=context)
        import signal
        # percolate runs every program on one thread: the check for the main thread holds.
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            sigint_handler = lambda signum, frame: self._on_sigint(signum, frame, task)
            signal.signal(signal.SIGINT, sigint_handler)
        else:
            sigint_handler = None
        self._interrupt_count = 0
        try:
            return self._loop.run_until_complete(task)
        except CancelledError:
            if self._interrupt_count > 0:
                uncancel = getattr(task, "uncancel", None)
                if uncancel is not None and uncancel() == 0:
                    raise KeyboardInterrupt()
            raise
        finally:
            if (sigint_handler is not None
                    and signal.getsignal(signal.SIGINT) is sigint_handler):
                signal.signal(signal.SIGINT, signal.default_int_handler)

    def _on_sigint(self, signum, frame, main_task):
        self._interrupt_count += 1
        if self._interrupt_count == 1 and not main_task.done():
            main_task.cancel()
            self._loop.call_soon_threadsafe(lambda: None)
            return
        raise KeyboardInterrupt()

    def _lazy_init(self):
        if self._state == 'closed':
            raise RuntimeError("Runner is closed")
        if self._state == 'initialized':
            return
        if self._loop_factory is None:
            self._loop = new_event_loop()
            set_event_loop(self._loop)
            self._set_event_loop = True
        else:
            self._loop = self._loop_factory()
        if self._debug is not None:
            self._loop.set_debug(self._debug)
        self._context = _capture_context()
        self._state = 'initialized'


def run(main, *, debug=None):
    """Mirrors runners.py run."""
    if _get_running_loop() is not None:
        raise RuntimeError("asyncio.run() cannot be called from a running event loop")
    with Runner(debug=debug) as runner:
        return runner.run(main)


# ---- executors (base_events.py run_in_executor, threads.py to_thread) ------------------------
# percolate has no threads: the function runs to completion when submitted, as if a worker
# thread had finished it at once. The result still reaches the asyncio future the way
# wrap_future delivers it from a thread (call_soon_threadsafe -> one loop iteration later), so
# the awaiting task is suspended once, as under CPython.
# That is only CPython's behaviour while nothing else could run during the call. A function
# that blocks in time.sleep while the loop has other work (ready callbacks, a timer due before
# the sleep would end, sockets to watch) would, in a worker thread, let that work run
# meanwhile; here it raises NotImplementedError instead of printing in another order.

class _NoThreadsError(NotImplementedError):
    """Raised out of run_in_executor (never delivered through its future)."""


_NoThreadsError.__name__ = _NoThreadsError.__qualname__ = 'NotImplementedError'
_NoThreadsError.__module__ = 'builtins'


def _loop_has_other_work(loop, seconds):
    """Whether callbacks of `loop` could run within the next `seconds` (or sockets are
    watched), i.e. whether a worker thread blocking that long would let the loop do anything."""
    if loop._ready or loop._selector_keys:
        return True
    deadline = loop.time() + seconds
    for timer in loop._scheduled:
        if not timer._cancelled and timer._when <= deadline:
            return True
    return False


def _refuse_blocking_with_other_work(loop, func):
    def hook(seconds):
        if seconds > 0 and _loop_has_other_work(loop, seconds):
            name = getattr(func, '__qualname__', None) or repr(func)
            raise _NoThreadsError(
                f'percolate has no threads: {name}() (run by to_thread/run_in_executor in the '
                f"event loop's thread) called time.sleep() while other tasks could run")
    return hook


def _copy_executor_state(fut, outcome, failed):
    if fut.cancelled():
        return
    if failed:
        fut.set_exception(outcome)
    else:
        fut.set_result(outcome)


def _run_in_executor(self, executor, func, *args):
    if self.is_closed():
        raise RuntimeError('Event loop is closed')
    fut = self.create_future()
    previous_hook = _replace_blocking_hook(_refuse_blocking_with_other_work(self, func))
    try:
        outcome, failed = func(*args), False
    except (SystemExit, KeyboardInterrupt, _NoThreadsError):
        raise
    except BaseException as exc:
        outcome, failed = exc, True
    finally:
        _replace_blocking_hook(previous_hook)
    self.call_soon(_copy_executor_state, fut, outcome, failed)
    return fut


BaseEventLoop.run_in_executor = _run_in_executor


async def to_thread(func, /, *args, **kwargs):
    """Mirrors threads.py to_thread (run synchronously: see the note above)."""
    loop = get_running_loop()
    ctx = _capture_context()

    def call():
        if ctx is None:
            return func(*args, **kwargs)
        return ctx.run(func, *args, **kwargs)

    call.__qualname__ = getattr(func, '__qualname__', repr(func))
    return await loop.run_in_executor(None, call)


def _network_method(name):
    """A loop method of the socket layer until the layer is loaded (see _load_network in
    asyncio_module.rs): loading replaces it on BaseEventLoop with the real one."""
    def method(self, *args, **kwargs):
        _load_network()
        return getattr(self, name)(*args, **kwargs)
    method.__name__ = name
    method.__qualname__ = 'BaseEventLoop.' + name
    return method


# The public entry points; the private helpers of selector_events.py are reached only from them.
for _name in ('add_reader', 'remove_reader', 'add_writer', 'remove_writer', 'sock_recv',
              'sock_sendall', 'sock_connect', 'sock_accept', 'getaddrinfo', 'create_connection',
              'create_server', 'create_unix_connection', 'create_unix_server'):
    setattr(BaseEventLoop, _name, _network_method(_name))
del _name


# What `from asyncio import *` binds: CPython 3.12's asyncio.__all__, less what percolate lacks
# (subprocesses, child watchers, datagram transports, threads). Listing it also makes the
# star import load the socket layer, whose names are not in the namespace until used.
__all__ = (
    'BaseEventLoop', 'Server', 'iscoroutinefunction', 'iscoroutine', 'AbstractEventLoopPolicy',
    'AbstractEventLoop', 'AbstractServer', 'Handle', 'TimerHandle', 'get_event_loop_policy',
    'set_event_loop_policy', 'get_event_loop', 'set_event_loop', 'new_event_loop',
    'get_running_loop', 'BrokenBarrierError', 'CancelledError', 'InvalidStateError',
    'TimeoutError', 'IncompleteReadError', 'LimitOverrunError', 'Future', 'isfuture', 'Lock',
    'Event', 'Condition', 'Semaphore', 'BoundedSemaphore', 'Barrier', 'BaseProtocol',
    'Protocol', 'DatagramProtocol', 'SubprocessProtocol', 'BufferedProtocol', 'Runner', 'run',
    'Queue', 'PriorityQueue', 'LifoQueue', 'QueueFull', 'QueueEmpty', 'StreamReader',
    'StreamWriter', 'StreamReaderProtocol', 'open_connection', 'start_server',
    'open_unix_connection', 'start_unix_server', 'Task', 'create_task', 'FIRST_COMPLETED',
    'FIRST_EXCEPTION', 'ALL_COMPLETED', 'wait', 'wait_for', 'as_completed', 'sleep', 'gather',
    'shield', 'ensure_future', 'current_task', 'all_tasks', 'to_thread', 'Timeout', 'timeout',
    'timeout_at', 'BaseTransport', 'ReadTransport', 'WriteTransport', 'Transport',
    'SelectorEventLoop', 'DefaultEventLoopPolicy', 'TaskGroup',
)
