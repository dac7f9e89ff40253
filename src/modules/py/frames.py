# Frame objects (CPython's `frame` type, Objects/frameobject.c; the `traceback` type is native,
# src/modules/traceback_obj.rs, and added to this module by it). A frame is either a snapshot of
# a running frame (sys._getframe, a traceback entry) or the live frame of a suspended generator,
# coroutine or async generator, whose line and locals are read again on every access (through
# the native `_generator_frame_state`).


class frame:
    __module__ = 'builtins'

    def __init__(self, code, globals, lineno, lasti, locals, back, generator=None):
        self.f_code = code
        self.f_globals = globals
        self.f_back = back
        self.f_trace = None
        self.f_trace_lines = True
        self.f_trace_opcodes = False
        self._lineno = lineno
        self._lasti = lasti
        self._locals = locals
        self._generator = generator

    def _refresh(self):
        if self._generator is not None:
            state = _generator_frame_state(self._generator)
            if state is not None:
                self._lineno, self._lasti, self._locals = state

    @property
    def f_lineno(self):
        self._refresh()
        return self._lineno

    @property
    def f_lasti(self):
        self._refresh()
        return self._lasti

    @property
    def f_locals(self):
        self._refresh()
        return self._locals

    @property
    def f_builtins(self):
        return _builtins_dict

    def clear(self):
        if self._generator is not None and _generator_frame_state(self._generator) is not None:
            raise RuntimeError('cannot clear a suspended frame')
        self._locals = {}

    def __repr__(self):
        code = self.f_code
        return (f'<frame at {id(self):#x}, file {code.co_filename!r}, '
                f'line {self.f_lineno}, code {code.co_name}>')


def _task_get_stack(task, limit=None):
    """Task.get_stack (Lib/asyncio/base_tasks.py): the suspended coroutine's frame, or the
    frames of the exception the task finished with; at most `limit` of them."""
    coro = task.get_coro()
    frame = getattr(coro, 'cr_frame', None) or getattr(coro, 'gi_frame', None)
    frame = frame or getattr(coro, 'ag_frame', None)
    frames = []
    if frame is not None:
        while frame is not None:
            if limit is not None:
                if limit <= 0:
                    break
                limit -= 1
            frames.append(frame)
            frame = frame.f_back
        frames.reverse()
        return frames
    exc = _task_exception(task)
    tb = exc.__traceback__ if exc is not None else None
    while tb is not None:
        if limit is not None:
            if limit <= 0:
                break
            limit -= 1
        frames.append(tb.tb_frame)
        tb = tb.tb_next
    return frames


def _task_exception(task):
    if task.done() and not task.cancelled():
        return task.exception()
    return None


def _task_print_stack(task, limit=None, file=None):
    """Task.print_stack (base_tasks.py _task_print_stack): the header goes to `file` as given
    (None: stdout, through print) and the frames to `file` or stderr, as CPython does."""
    import linecache
    import traceback
    extracted = []
    for frame in _task_get_stack(task, limit):
        code = frame.f_code
        line = linecache.getline(code.co_filename, frame.f_lineno)
        extracted.append((code.co_filename, frame.f_lineno, code.co_name, line))
    exc = _task_exception(task)
    if not extracted:
        print(f'No stack for {task!r}', file=file)
    elif exc is not None:
        print(f'Traceback for {task!r} (most recent call last):', file=file)
    else:
        print(f'Stack for {task!r} (most recent call last):', file=file)
    traceback.print_list(extracted, file=file)
    if exc is not None:
        for line in traceback.format_exception_only(exc.__class__, exc):
            print(line, file=file, end='')
