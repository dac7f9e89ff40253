# The `contextvars` module: ContextVar, Token, Context and copy_context (PEP 567; mirrors the
# behaviour and messages of CPython's Python/context.c). A context maps variables to values;
# `Context.run` makes one current for the duration of a call. Mappings are copied on write, so
# a copied context never sees later changes of the original (CPython shares a HAMT instead).

_current = None


def _current_context():
    global _current
    if _current is None:
        _current = Context()
    return _current


class _Missing:
    __module__ = '_contextvars'

    def __repr__(self):
        return '<Token.MISSING>'


_MISSING = _Missing()
_NO_DEFAULT = object()


class Context:
    __module__ = '_contextvars'

    def __hash__(self):
        raise TypeError("unhashable type: '_contextvars.Context'")

    def __init__(self, *args, **kwargs):
        if args or kwargs:
            raise TypeError('Context() does not accept any arguments')
        self._vars = {}
        self._entered = False

    def run(self, *args, **kwargs):
        """Calls callable(*args, **kwargs) with this context current (context.c context_run)."""
        global _current
        if not args:
            raise TypeError('run() missing 1 required positional argument')
        callable, *args = args
        if self._entered:
            raise RuntimeError(f'cannot enter context: {self!r} is already entered')
        previous = _current_context()
        self._entered = True
        _current = self
        try:
            return callable(*args, **kwargs)
        finally:
            _current = previous
            self._entered = False

    def copy(self):
        new = Context()
        new._vars = self._vars
        return new

    def __getitem__(self, var):
        _check_var(var)
        return self._vars[var]

    def __contains__(self, var):
        _check_var(var)
        return var in self._vars

    def get(self, var, default=None):
        _check_var(var)
        return self._vars.get(var, default)

    def __len__(self):
        return len(self._vars)

    def __iter__(self):
        return iter(self._vars)

    def keys(self):
        return self._vars.keys()

    def values(self):
        return self._vars.values()

    def items(self):
        return self._vars.items()

    def __eq__(self, other):
        if not isinstance(other, Context):
            return NotImplemented
        return self._vars == other._vars

    def __repr__(self):
        return f'<_contextvars.Context object at {id(self):#x}>'


def _check_var(var):
    if not isinstance(var, ContextVar):
        raise TypeError(f"a ContextVar key was expected, got {var!r}")


def copy_context():
    """A copy of the current context (what asyncio tasks run in)."""
    return _current_context().copy()


class ContextVar:
    __module__ = '_contextvars'

    def __init_subclass__(cls, **kwargs):
        raise TypeError("type '_contextvars.ContextVar' is not an acceptable base type")

    def __init__(self, name, *, default=_NO_DEFAULT):
        if not isinstance(name, str):
            raise TypeError('context variable name must be a str')
        self._name = name
        self._default = default

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, value):
        raise AttributeError('readonly attribute')

    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)

    def get(self, *args):
        """The value in the current context, else the default given, else the var's default."""
        if len(args) > 1:
            raise TypeError(f'get expected at most 1 argument, got {len(args)}')
        vars = _current_context()._vars
        if self in vars:
            return vars[self]
        if args:
            return args[0]
        if self._default is not _NO_DEFAULT:
            return self._default
        raise LookupError(self)

    def set(self, *args):
        if len(args) != 1:
            raise TypeError(f'ContextVar.set() takes exactly one argument ({len(args)} given)')
        ctx = _current_context()
        old = ctx._vars.get(self, _MISSING)
        new_vars = dict(ctx._vars)
        new_vars[self] = args[0]
        ctx._vars = new_vars
        return Token(ctx, self, old, _token_key)

    def reset(self, token):
        if not isinstance(token, Token):
            raise TypeError(f'expected an instance of Token, got {token!r}')
        if token._used:
            raise RuntimeError(f'{token!r} has already been used once')
        if token._var is not self:
            raise ValueError(f'{token!r} was created by a different ContextVar')
        ctx = _current_context()
        if token._ctx is not ctx:
            raise ValueError(f'{token!r} was created in a different Context')
        token._used = True
        new_vars = dict(ctx._vars)
        if token._old_value is _MISSING:
            new_vars.pop(self, None)
        else:
            new_vars[self] = token._old_value
        ctx._vars = new_vars

    def __hash__(self):
        return object.__hash__(self)

    def __repr__(self):
        default = ''
        if self._default is not _NO_DEFAULT:
            default = f' default={self._default!r}'
        return f'<ContextVar name={self._name!r}{default} at {id(self):#x}>'


_token_key = object()


class Token:
    __module__ = '_contextvars'
    MISSING = _MISSING

    def __init__(self, *args):
        if len(args) != 4 or args[3] is not _token_key:
            raise RuntimeError('Tokens can only be created by ContextVars')
        self._ctx, self._var, self._old_value, _ = args
        self._used = False

    @property
    def var(self):
        return self._var

    @property
    def old_value(self):
        return self._old_value

    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)

    def __repr__(self):
        used = ' used' if self._used else ''
        return f'<Token{used} var={self._var!r} at {id(self):#x}>'
