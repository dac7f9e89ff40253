# The `types` module: the built-in types by name, SimpleNamespace and the coroutine decorator.


def _f():
    pass


def _g():
    yield 1


async def _c():
    pass


FunctionType = type(_f)
LambdaType = FunctionType
GeneratorType = type(_g())
_coro = _c()
CoroutineType = type(_coro)
_coro.close()
del _coro


async def _ag():
    yield


AsyncGeneratorType = type(_ag())
BuiltinFunctionType = type(len)
BuiltinMethodType = type([].append)
ModuleType = type(__import__('sys'))
NoneType = type(None)
EllipsisType = type(...)
NotImplementedType = type(NotImplemented)
from _percolate_frames import frame as FrameType, traceback as TracebackType
CodeType = type(_f.__code__)


class _C:
    def _m(self):
        pass


MethodType = type(_C()._m)
del _C


class SimpleNamespace:
    """An object whose attributes are its keyword arguments, with a readable repr."""

    def __init__(self, mapping_or_iterable=(), /, **kwargs):
        self.__dict__.update(dict(mapping_or_iterable))
        self.__dict__.update(kwargs)

    def __repr__(self):
        items = ', '.join(f'{k}={v!r}' for k, v in self.__dict__.items())
        return f'namespace({items})'

    def __eq__(self, other):
        if isinstance(self, SimpleNamespace) and isinstance(other, SimpleNamespace):
            return self.__dict__ == other.__dict__
        return NotImplemented


class _GeneratorWrapper:
    """Makes a generator-like object returned by a non-function callable awaitable."""

    def __init__(self, gen):
        self._wrapped = gen
        self._is_generator = gen.__class__ is GeneratorType
        self.__name__ = getattr(gen, '__name__', None)
        self.__qualname__ = getattr(gen, '__qualname__', None)

    def send(self, value):
        return self._wrapped.send(value)

    def throw(self, typ, *rest):
        return self._wrapped.throw(typ, *rest)

    def close(self):
        return self._wrapped.close()

    @property
    def gi_code(self):
        return self._wrapped.gi_code

    @property
    def gi_frame(self):
        return self._wrapped.gi_frame

    @property
    def gi_running(self):
        return self._wrapped.gi_running

    @property
    def gi_yieldfrom(self):
        return self._wrapped.gi_yieldfrom

    cr_code = gi_code
    cr_frame = gi_frame
    cr_running = gi_running
    cr_await = gi_yieldfrom

    def __next__(self):
        return next(self._wrapped)

    def __iter__(self):
        return self._wrapped if self._is_generator else self

    __await__ = __iter__


def coroutine(func):
    """Makes a generator function usable with `await` (mirrors Lib/types.py coroutine): a
    generator function gets the CO_ITERABLE_COROUTINE flag; other callables are wrapped."""
    if not callable(func):
        raise TypeError('types.coroutine() expects a callable')
    if func.__class__ is FunctionType:
        flags = func.__code__.co_flags
        if flags & 0x180:
            return func
        if flags & 0x20:
            return _iterable_coroutine(func)

    import functools
    import _collections_abc

    @functools.wraps(func)
    def wrapped(*args, **kwargs):
        coro = func(*args, **kwargs)
        if (coro.__class__ is CoroutineType or
                coro.__class__ is GeneratorType and coro.gi_code.co_flags & 0x100):
            return coro
        if (isinstance(coro, _collections_abc.Generator) and
                not isinstance(coro, _collections_abc.Coroutine)):
            return _GeneratorWrapper(coro)
        return coro

    return wrapped


class GenericAlias:
    """What `list[int]` evaluates to (mirrors genericaliasobject.c): origin and arguments."""

    def __init__(self, origin, args):
        self.__origin__ = origin
        self.__args__ = args if isinstance(args, tuple) else (args,)

    def __call__(self, *args, **kwargs):
        return self.__origin__(*args, **kwargs)

    def __getitem__(self, params):
        return GenericAlias(self.__origin__, params)

    def __eq__(self, other):
        if not isinstance(other, GenericAlias):
            return NotImplemented
        return self.__origin__ is other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash(self.__origin__) ^ hash(self.__args__)

    def __repr__(self):
        inner = ', '.join(_alias_item_repr(a) for a in self.__args__) if self.__args__ else '()'
        return f'{_alias_item_repr(self.__origin__)}[{inner}]'


def _alias_item_repr(obj):
    if obj is ...:
        return '...'
    if isinstance(obj, type):
        if obj.__module__ == 'builtins':
            return obj.__qualname__
        return f'{obj.__module__}.{obj.__qualname__}'
    return repr(obj)
