# The core of asyncio — the event loop (base_events.py) and the loop functions of events.py —
# mirroring CPython 3.12 method by method, so that callbacks run in exactly CPython's order, on
# top of the native Future, Task and handles. Executed in the `asyncio` module's namespace
# before prelude.py.
#
# Native parts injected by src/modules/asyncio_module.rs (as CPython's _asyncio C module):
#   Future, Task, CancelledError, InvalidStateError, current_task, all_tasks, _register_task,
#   _enter_task, _leave_task, _ensure_future_fast (src/modules/asyncio/future.rs and task.rs); Handle, TimerHandle,
#   _heappush, _heappop (src/modules/asyncio/handle.rs); _Deque, _sleep0,
#   _run_ready, _capture_context (src/modules/asyncio/ready.rs); _run_until_stopped
#   (src/modules/asyncio/run_loop.rs); _sleep_wait, _set_result_unless_cancelled
#   (src/modules/asyncio/sleep.rs);
#   _monotonic()            the loop clock (time.monotonic)
#   _select(timeout)        waits on the loop's mio::Poll for up to `timeout` seconds (None:
#                           until an event); this is how the loop sleeps — never a busy wait
#   _print_exception(exc)   prints a traceback on stderr, as logging's exc_info does
#   _replace_asyncgen_hooks(firstiter, finalizer)  sys.set_asyncgen_hooks; returns the old pair
#   _alive_asyncgens(finalizer)  the unfinished async generators first iterated under that
#                           finalizer hook (the loop's `_asyncgens` weak set)
#   _replace_blocking_hook(f)  installs f (or None) as what time.sleep calls with its duration
#                           before blocking; returns the previous hook (see run_in_executor)
#   _select_interest(fd, m) registers (m=1 read, 2 write, 3 both) or unregisters (0) an fd
#                           with that poll; _select(timeout) returns [(fd, events)] ready
#
# The loop stays Python, as base_events.py is in CPython; the scheduling order is the contract.

_PENDING = 'PENDING'
_CANCELLED = 'CANCELLED'
_FINISHED = 'FINISHED'

# base_events.py constants.
_MIN_SCHEDULED_TIMER_HANDLES = 100
_MIN_CANCELLED_TIMER_HANDLES_FRACTION = 0.5
MAXIMUM_SELECT_TIMEOUT = 24 * 3600
_CLOCK_RESOLUTION = 1e-09


class IncompleteReadError(EOFError):
    """Incomplete read error (streams)."""

    def __init__(self, partial, expected):
        r_expected = 'undefined' if expected is None else repr(expected)
        super().__init__(f'{len(partial)} bytes read on a total of {r_expected} expected bytes')
        self.partial = partial
        self.expected = expected


class LimitOverrunError(Exception):
    """Reached the buffer limit while looking for a separator (streams)."""

    def __init__(self, message, consumed):
        super().__init__(message)
        self.consumed = consumed


async def _probe_coroutine():
    pass


_probe = _probe_coroutine()
_CoroutineType = type(_probe)
_probe.close()
del _probe


def iscoroutine(obj):
    """Mirrors coroutines.py iscoroutine (3.12: native coroutines and Coroutine ABC instances,
    not generators)."""
    if type(obj) is _CoroutineType:
        return True
    from collections.abc import Coroutine
    return isinstance(obj, Coroutine)


def iscoroutinefunction(func):
    """Mirrors coroutines.py iscoroutinefunction (via the code's coroutine flag)."""
    code = getattr(func, '__code__', None)
    return code is not None and bool(getattr(code, 'co_flags', 0) & 0x80)


def isfuture(obj):
    """Mirrors base_futures.py isfuture."""
    return (hasattr(obj.__class__, '_asyncio_future_blocking') and
            obj._asyncio_future_blocking is not None)


def _heapify(heap):
    items = list(heap)
    heap.clear()
    for item in items:
        _heappush(heap, item)


_running_loop = None
_event_loop = None
_event_loop_set = False


def _get_running_loop():
    """Mirrors events.py _get_running_loop."""
    return _running_loop


def _set_running_loop(loop):
    global _running_loop
    _running_loop = loop


def get_running_loop():
    """Mirrors events.py get_running_loop."""
    loop = _running_loop
    if loop is None:
        raise RuntimeError('no running event loop')
    return loop


def get_event_loop():
    """Mirrors events.py get_event_loop (3.12): the running loop, else the policy's."""
    loop = _running_loop
    if loop is not None:
        return loop
    return get_event_loop_policy().get_event_loop()


def set_event_loop(loop):
    """Mirrors events.py set_event_loop."""
    get_event_loop_policy().set_event_loop(loop)


def new_event_loop():
    """Mirrors events.py new_event_loop."""
    return get_event_loop_policy().new_event_loop()


class AbstractEventLoopPolicy:
    """Mirrors events.py AbstractEventLoopPolicy."""

    __module__ = 'asyncio.events'

    def get_event_loop(self):
        raise NotImplementedError

    def set_event_loop(self, loop):
        raise NotImplementedError

    def new_event_loop(self):
        raise NotImplementedError


class BaseDefaultEventLoopPolicy(AbstractEventLoopPolicy):
    """Mirrors events.py BaseDefaultEventLoopPolicy for the one thread percolate has."""

    __module__ = 'asyncio.events'
    _loop_factory = None

    def __init__(self):
        self._loop = None
        self._set_called = False

    def get_event_loop(self):
        if self._loop is None and not self._set_called:
            self.set_event_loop(self.new_event_loop())
        if self._loop is None:
            raise RuntimeError('There is no current event loop in thread %r.' % 'MainThread')
        return self._loop

    def set_event_loop(self, loop):
        self._set_called = True
        if loop is not None and not isinstance(loop, AbstractEventLoop):
            raise TypeError(f"loop must be an instance of AbstractEventLoop or None, not "
                            f"'{type(loop).__name__}'")
        self._loop = loop

    def new_event_loop(self):
        return self._loop_factory()


_event_loop_policy = None


def get_event_loop_policy():
    """Mirrors events.py get_event_loop_policy."""
    global _event_loop_policy
    if _event_loop_policy is None:
        _event_loop_policy = DefaultEventLoopPolicy()
    return _event_loop_policy


def set_event_loop_policy(policy):
    """Mirrors events.py set_event_loop_policy."""
    global _event_loop_policy
    if policy is not None and not isinstance(policy, AbstractEventLoopPolicy):
        raise TypeError(f"policy must be an instance of AbstractEventLoopPolicy or None, not "
                        f"'{type(policy).__name__}'")
    _event_loop_policy = policy


class AbstractEventLoop:
    """Mirrors events.py AbstractEventLoop (the interface every loop class derives from)."""

    __module__ = 'asyncio.events'


def _run_until_complete_cb(fut):
    if not fut.cancelled():
        exc = fut.exception()
        if isinstance(exc, (SystemExit, KeyboardInterrupt)):
            return
    fut.get_loop().stop()


def _asyncio_logger():
    """logging.getLogger('asyncio') (log.py's `logger`) once the program has imported logging,
    else None: before that no handler or level can be configured, so logging's last-resort
    output (the bare message on stderr, records below WARNING dropped) is what CPython shows."""
    import sys
    logging = sys.modules.get('logging')
    return None if logging is None else logging.getLogger('asyncio')


def _log(level, message, exception=None):
    """asyncio's `logger.log(level, message, exc_info=...)`, with the traceback of `exception`;
    written straight to stderr as the last-resort handler would while logging is not imported."""
    logger = _asyncio_logger()
    if logger is not None:
        exc_info = False
        if exception is not None:
            exc_info = (type(exception), exception, exception.__traceback__)
        logger.log(level, message, exc_info=exc_info)
        return
    if level >= 30:
        _write_stderr(message + '\n')
        if exception is not None:
            _print_exception(exception)


class BaseEventLoop(AbstractEventLoop):
    """Mirrors base_events.py BaseEventLoop: the ready queue, the timer heap and _run_once."""

    __module__ = 'asyncio.base_events'

    def __init__(self):
        self._timer_cancelled_count = 0
        self._closed = False
        self._stopping = False
        self._ready = _Deque()
        self._scheduled = []
        self._running = False
        self._exception_handler = None
        self._asyncgens_shutdown_called = False
        self._debug = False
        self._task_factory = None
        # One bound method for the loop's life: async generators are matched to it by identity.
        self._asyncgen_finalizer = self._asyncgen_finalizer_hook
        # The selector's keys (selector_events.py): fd -> [events, reader, writer].
        self._selector_keys = {}
        self._transports = {}
        # selector_events.py BaseSelectorEventLoop.__init__ (epoll is Linux's DefaultSelector).
        _log(10, 'Using selector: EpollSelector')

    def __repr__(self):
        return (f'<{type(self).__name__} running={self.is_running()} '
                f'closed={self.is_closed()} debug={self.get_debug()}>')

    # Debug mode is a flag only: its extra checks and slow-callback reports are not
    # implemented (they only add stderr output, with timings).
    slow_callback_duration = 0.1

    def get_debug(self):
        return self._debug

    def set_debug(self, enabled):
        self._debug = enabled

    def _check_closed(self):
        if self._closed:
            raise RuntimeError('Event loop is closed')

    def _check_running(self):
        if self.is_running():
            raise RuntimeError('This event loop is already running')
        if _running_loop is not None:
            raise RuntimeError('Cannot run the event loop while another loop is running')

    def create_future(self):
        return Future(loop=self)

    def create_task(self, coro, *, name=None, context=None):
        """Mirrors BaseEventLoop.create_task (3.12), through the task factory if one is set."""
        self._check_closed()
        factory = self._task_factory
        if factory is None:
            return Task(coro, loop=self, name=name, context=context)
        if context is None:
            task = factory(self, coro)
        else:
            task = factory(self, coro, context=context)
        if name is not None:
            task.set_name(name)
        return task

    def set_task_factory(self, factory):
        if factory is not None and not callable(factory):
            raise TypeError('task factory must be a callable or None')
        self._task_factory = factory

    def get_task_factory(self):
        return self._task_factory

    def run_forever(self):
        self._check_closed()
        self._check_running()
        self._running = True
        _set_running_loop(self)
        old_agen_hooks = _replace_asyncgen_hooks(None, self._asyncgen_finalizer)
        try:
            # `while True: self._run_once(); if self._stopping: break`, natively.
            _run_until_stopped(self)
        finally:
            self._stopping = False
            self._running = False
            _set_running_loop(None)
            _replace_asyncgen_hooks(*old_agen_hooks)

    def _asyncgen_finalizer_hook(self, agen):
        """Mirrors BaseEventLoop._asyncgen_finalizer_hook: close a dropped async generator
        in a task."""
        if not self.is_closed():
            self.call_soon_threadsafe(self.create_task, agen.aclose())

    def run_until_complete(self, future):
        self._check_closed()
        self._check_running()
        new_task = not isfuture(future)
        future = ensure_future(future, loop=self)
        future.add_done_callback(_run_until_complete_cb)
        try:
            self.run_forever()
        except:
            if new_task and future.done() and not future.cancelled():
                future.exception()
            raise
        finally:
            future.remove_done_callback(_run_until_complete_cb)
        if not future.done():
            raise RuntimeError('Event loop stopped before Future completed.')
        return future.result()

    def stop(self):
        self._stopping = True

    def close(self):
        if self.is_running():
            raise RuntimeError("Cannot close a running event loop")
        if self._closed:
            return
        self._closed = True
        self._ready.clear()
        self._scheduled.clear()
        # Closing the selector: the poller is shared by every loop of the thread.
        for fd in self._selector_keys:
            _select_interest(fd, 0)
        self._selector_keys.clear()

    def is_closed(self):
        return self._closed

    def is_running(self):
        return self._running

    def time(self):
        return _monotonic()

    def call_later(self, delay, callback, *args, context=None):
        if delay is None:
            raise TypeError('delay must not be None')
        return self.call_at(self.time() + delay, callback, *args, context=context)

    def call_at(self, when, callback, *args, context=None):
        if when is None:
            raise TypeError("when cannot be None")
        self._check_closed()
        timer = TimerHandle(when, callback, args, self, context)
        _heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer

    def call_soon(self, callback, *args, context=None):
        self._check_closed()
        handle = Handle(callback, args, self, context)
        self._ready.append(handle)
        return handle

    def call_soon_threadsafe(self, callback, *args, context=None):
        return self.call_soon(callback, *args, context=context)

    def _timer_handle_cancelled(self, handle):
        if handle._scheduled:
            self._timer_cancelled_count += 1

    async def shutdown_asyncgens(self):
        """Mirrors BaseEventLoop.shutdown_asyncgens: aclose() every unfinished async generator."""
        self._asyncgens_shutdown_called = True
        closing_agens = _alive_asyncgens(self._asyncgen_finalizer)
        if not closing_agens:
            return
        results = await gather(*[ag.aclose() for ag in closing_agens], return_exceptions=True)
        for result, agen in zip(results, closing_agens):
            if isinstance(result, Exception):
                self.call_exception_handler({
                    'message': f'an error occurred during closing of '
                               f'asynchronous generator {agen!r}',
                    'exception': result,
                    'asyncgen': agen,
                })

    async def shutdown_default_executor(self, timeout=None):
        return None

    def get_exception_handler(self):
        return self._exception_handler

    def set_exception_handler(self, handler):
        if handler is not None and not callable(handler):
            raise TypeError(f'A callable object or None is expected, got {handler!r}')
        self._exception_handler = handler

    def default_exception_handler(self, context):
        """Mirrors BaseEventLoop.default_exception_handler (logged on stderr)."""
        message = context.get('message')
        if not message:
            message = 'Unhandled exception in event loop'
        exception = context.get('exception')
        log_lines = [message]
        for key in sorted(context):
            if key in {'message', 'exception'}:
                continue
            log_lines.append(f'{key}: {context[key]!r}')
        _log(40, '\n'.join(log_lines), exception)

    def call_exception_handler(self, context):
        if self._exception_handler is None:
            try:
                self.default_exception_handler(context)
            except (SystemExit, KeyboardInterrupt):
                raise
            except BaseException as exc:
                _log(40, 'Exception in default exception handler', exc)
        else:
            try:
                self._exception_handler(self, context)
            except (SystemExit, KeyboardInterrupt):
                raise
            except BaseException as exc:
                try:
                    self.default_exception_handler({
                        'message': 'Unhandled error in exception handler',
                        'exception': exc,
                        'context': context,
                    })
                except (SystemExit, KeyboardInterrupt):
                    raise
                except BaseException as exc:
                    _log(40, 'Exception in default exception handler', exc)

    def _run_once(self):
        """Mirrors base_events.py _run_once: one full iteration of the event loop."""
        scheduled = self._scheduled
        sched_count = len(scheduled)
        if (sched_count > _MIN_SCHEDULED_TIMER_HANDLES and
                self._timer_cancelled_count / sched_count > _MIN_CANCELLED_TIMER_HANDLES_FRACTION):
            new_scheduled = []
            for handle in scheduled:
                if handle._cancelled:
                    handle._scheduled = False
                else:
                    new_scheduled.append(handle)
            _heapify(new_scheduled)
            self._scheduled = scheduled = new_scheduled
            self._timer_cancelled_count = 0
        else:
            while scheduled and scheduled[0]._cancelled:
                self._timer_cancelled_count -= 1
                handle = _heappop(scheduled)
                handle._scheduled = False

        timeout = None
        if self._ready or self._stopping:
            timeout = 0
        elif scheduled:
            when = scheduled[0]._when
            timeout = min(max(0, when - self.time()), MAXIMUM_SELECT_TIMEOUT)
        if timeout != 0 or self._selector_keys:
            event_list = _select(timeout)
            if event_list:
                self._process_events(event_list)

        end_time = self.time() + _CLOCK_RESOLUTION
        ready = self._ready
        while scheduled:
            handle = scheduled[0]
            if handle._when >= end_time:
                break
            handle = _heappop(scheduled)
            handle._scheduled = False
            ready.append(handle)

        _run_ready(ready, len(ready))

    # ---- the selector's registry (selector_events.py BaseSelectorEventLoop) ------------------

    def _add_reader(self, fd, callback, *args):
        self._check_closed()
        handle = Handle(callback, args, self, None)
        key = self._selector_keys.get(fd)
        if key is None:
            self._selector_keys[fd] = [1, handle, None]
            _select_interest(fd, 1)
        else:
            reader = key[1]
            key[0] |= 1
            key[1] = handle
            _select_interest(fd, key[0])
            if reader is not None:
                reader.cancel()
        return handle

    def _remove_reader(self, fd):
        if self.is_closed():
            return False
        key = self._selector_keys.get(fd)
        if key is None:
            return False
        reader = key[1]
        key[0] &= ~1
        key[1] = None
        if not key[0]:
            del self._selector_keys[fd]
        _select_interest(fd, key[0])
        if reader is not None:
            reader.cancel()
            return True
        return False

    def _add_writer(self, fd, callback, *args):
        self._check_closed()
        handle = Handle(callback, args, self, None)
        key = self._selector_keys.get(fd)
        if key is None:
            self._selector_keys[fd] = [2, None, handle]
            _select_interest(fd, 2)
        else:
            writer = key[2]
            key[0] |= 2
            key[2] = handle
            _select_interest(fd, key[0])
            if writer is not None:
                writer.cancel()
        return handle

    def _remove_writer(self, fd):
        if self.is_closed():
            return False
        key = self._selector_keys.get(fd)
        if key is None:
            return False
        writer = key[2]
        key[0] &= ~2
        key[2] = None
        if not key[0]:
            del self._selector_keys[fd]
        _select_interest(fd, key[0])
        if writer is not None:
            writer.cancel()
            return True
        return False

    def _process_events(self, event_list):
        """Mirrors selector_events.py _process_events: ready callbacks join the ready queue."""
        for fd, mask in event_list:
            key = self._selector_keys.get(fd)
            if key is None:
                # Left registered by a loop that was never closed.
                _select_interest(fd, 0)
                continue
            reader = key[1]
            writer = key[2]
            if mask & 1 and reader is not None:
                if reader._cancelled:
                    self._remove_reader(fd)
                else:
                    self._ready.append(reader)
            if mask & 2 and writer is not None:
                if writer._cancelled:
                    self._remove_writer(fd)
                else:
                    self._ready.append(writer)


def ensure_future(coro_or_future, *, loop=None):
    """Mirrors tasks.py ensure_future."""
    # Exact futures and native coroutines on a plain running loop, natively.
    fut = _ensure_future_fast(coro_or_future, loop)
    if fut is not None:
        return fut
    if isfuture(coro_or_future):
        if loop is not None and loop is not coro_or_future.get_loop():
            raise ValueError('The future belongs to a different loop than '
                             'the one specified as the loop argument')
        return coro_or_future
    should_close = True
    if not iscoroutine(coro_or_future):
        if hasattr(type(coro_or_future), '__await__'):
            async def _wrap_awaitable(awaitable):
                return await awaitable
            coro_or_future = _wrap_awaitable(coro_or_future)
            should_close = False
        else:
            raise TypeError('An asyncio.Future, a coroutine or an awaitable is required')
    if loop is None:
        loop = get_event_loop()
    try:
        return loop.create_task(coro_or_future)
    except RuntimeError:
        if should_close:
            coro_or_future.close()
        raise


def create_task(coro, *, name=None, context=None):
    """Mirrors tasks.py create_task."""
    loop = get_running_loop()
    if name is None and context is None:
        # A coroutine on a plain loop without a task factory: `loop.create_task(coro)`
        # natively (an exact future comes back as is: the loop's create_task refuses it).
        task = _ensure_future_fast(coro, loop)
        if task is not None and task is not coro:
            return task
    return loop.create_task(coro, name=name, context=context)


class BaseSelectorEventLoop(BaseEventLoop):
    """Mirrors selector_events.py BaseSelectorEventLoop (its methods live on BaseEventLoop)."""

    __module__ = 'asyncio.selector_events'


class _UnixSelectorEventLoop(BaseSelectorEventLoop):
    """Mirrors unix_events.py _UnixSelectorEventLoop: the loop new_event_loop() makes."""

    __module__ = 'asyncio.unix_events'


SelectorEventLoop = _UnixSelectorEventLoop


class _UnixDefaultEventLoopPolicy(BaseDefaultEventLoopPolicy):
    """Mirrors unix_events.py _UnixDefaultEventLoopPolicy."""

    __module__ = 'asyncio.unix_events'
    _loop_factory = _UnixSelectorEventLoop


DefaultEventLoopPolicy = _UnixDefaultEventLoopPolicy
