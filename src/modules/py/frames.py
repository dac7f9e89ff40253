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
