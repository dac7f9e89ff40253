# Frame and traceback objects (CPython's `frame` and `traceback` types, Objects/frameobject.c and
# Python/traceback.c). A frame is either a snapshot of a running frame (sys._getframe, a traceback
# entry) or the live frame of a suspended generator, coroutine or async generator, whose line and
# locals are read again on every access (through the native `_generator_frame_state`).


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


class traceback:
    __module__ = 'builtins'

    def __init__(self, tb_next, tb_frame, tb_lasti, tb_lineno):
        if tb_next is not None and not isinstance(tb_next, traceback):
            raise TypeError(f"expected traceback object or None, got '{type(tb_next).__name__}'")
        if not isinstance(tb_frame, frame):
            raise TypeError(f"TracebackType() argument 'tb_frame' must be frame, "
                            f"not {type(tb_frame).__name__}")
        self.tb_next = tb_next
        self.tb_frame = tb_frame
        self.tb_lasti = tb_lasti
        self.tb_lineno = tb_lineno

    def __repr__(self):
        return f'<traceback object at {id(self):#x}>'


def _make_traceback(entries):
    """Builds the linked traceback objects from (code, globals, line) entries, outermost first."""
    frames = []
    back = None
    for code, globals, line in entries:
        back = frame(code, globals, line, -1, {}, back)
        frames.append(back)
    head = None
    for index in range(len(entries) - 1, -1, -1):
        head = traceback(head, frames[index], -1, entries[index][2])
    return head


def _traceback_entries(tb):
    """The (code, line) pairs of a traceback chain, outermost first."""
    entries = []
    while tb is not None:
        if not isinstance(tb, traceback):
            raise TypeError('__traceback__ must be a traceback or None')
        entries.append((tb.tb_frame.f_code, tb.tb_lineno))
        tb = tb.tb_next
    return entries
