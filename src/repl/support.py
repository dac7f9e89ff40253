# The REPL's Python half (src/repl/mod.rs): the session's event loop, running an input that
# awaits at top level as a task of it, and running the loop while the next line is typed.
import asyncio
import signal

_loop = None


def session_loop():
    """The loop every input with top-level await runs on (a new one if the last was closed)."""
    global _loop
    if _loop is None or _loop.is_closed():
        _loop = asyncio.new_event_loop()
    # asyncio.run() at the prompt leaves no current loop behind: the session's is current again.
    asyncio.set_event_loop(_loop)
    return _loop


def run_input(coroutine_function):
    """Runs one input as a task of the session's loop. The first Ctrl-C cancels it (and only
    it: background tasks go on); the session then reports KeyboardInterrupt. A second Ctrl-C
    raises KeyboardInterrupt at once. Returns (interrupted, result or CancelledError)."""
    loop = session_loop()
    task = loop.create_task(coroutine_function())
    interrupts = []

    def on_sigint(signum, frame):
        # Code of the input that is running (not awaiting) is interrupted where it is, as in
        # the plain REPL; cancelling would wait for an await that may never come.
        if interrupts or task.done() or asyncio.current_task(loop) is task:
            raise KeyboardInterrupt()
        interrupts.append(signum)
        task.cancel()

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        return (False, loop.run_until_complete(task))
    except asyncio.CancelledError as exc:
        if interrupts:
            return (True, exc)
        raise
    finally:
        signal.signal(signal.SIGINT, previous)


def wait_for_line(fd, poll):
    """Runs the session's loop until the reader thread has a line; `poll()` handles its
    messages (on a byte on `fd`) and says whether the line arrived."""
    loop = session_loop()
    done = loop.create_future()

    def on_readable():
        if poll() and not done.done():
            done.set_result(None)

    loop.add_reader(fd, on_readable)
    try:
        loop.run_until_complete(done)
    finally:
        loop.remove_reader(fd)
