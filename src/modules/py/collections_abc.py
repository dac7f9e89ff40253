# `collections.abc`: the abstract container classes. isinstance() checks the methods a value's
# type has (CPython's __subclasshook__ logic); explicit subclasses get the mixin methods.

from abc import ABCMeta, abstractmethod


_MISSING = object()
_UNHASHABLE = (list, dict, set)


def _has(cls, methods):
    for name in methods:
        if name == '__hash__' and any(base in _UNHASHABLE for base in cls.__mro__):
            return False
        for base in cls.__mro__:
            if name in base.__dict__:
                if base.__dict__[name] is None:
                    return False
                break
        else:
            return False
    return True


class _StructuralMeta(ABCMeta):
    """isinstance(x, Iterable) holds when type(x) has the required methods, or inherits."""

    def __instancecheck__(cls, obj):
        if cls.__dict__.get('_callable', False):
            return callable(obj)
        return cls.__subclasscheck__(type(obj))

    def __subclasscheck__(cls, sub):
        if cls in getattr(sub, '__mro__', ()):
            return True
        for registered in cls.__dict__.get('_registered', ()):
            if registered in getattr(sub, '__mro__', ()):
                return True
        required = cls.__dict__.get('_required', None)
        if required is None:
            return False
        return _has(sub, required)

    def register(cls, subclass):
        if '_registered' not in cls.__dict__:
            cls._registered = []
        cls._registered.append(subclass)
        return subclass


class Hashable(metaclass=_StructuralMeta):
    _required = ('__hash__',)


class Awaitable(metaclass=_StructuralMeta):
    _required = ('__await__',)


class Coroutine(Awaitable):
    _required = ('__await__', 'send', 'throw', 'close')


class AsyncIterable(metaclass=_StructuralMeta):
    _required = ('__aiter__',)


class AsyncIterator(AsyncIterable):
    _required = ('__aiter__', '__anext__')

    def __aiter__(self):
        return self


class AsyncGenerator(AsyncIterator):
    _required = ('__aiter__', '__anext__', 'asend', 'athrow', 'aclose')


class Iterable(metaclass=_StructuralMeta):
    _required = ('__iter__',)


class Iterator(Iterable):
    _required = ('__iter__', '__next__')

    def __iter__(self):
        return self


class Reversible(Iterable):
    _required = ('__reversed__', '__iter__')


class Generator(Iterator):
    _required = ('__iter__', '__next__', 'send', 'throw', 'close')


class Sized(metaclass=_StructuralMeta):
    _required = ('__len__',)


class Container(metaclass=_StructuralMeta):
    _required = ('__contains__',)


class Collection(Sized, Iterable, Container):
    _required = ('__len__', '__iter__', '__contains__')


class Callable(metaclass=_StructuralMeta):
    _required = ('__call__',)
    _callable = True


class Set(Collection):
    _required = None
    _registered = [frozenset, set]

    def __le__(self, other):
        return len(self) <= len(other) and all(x in other for x in self)

    def __ge__(self, other):
        return len(self) >= len(other) and all(x in self for x in other)

    def __eq__(self, other):
        return len(self) == len(other) and self.__le__(other)

    def isdisjoint(self, other):
        return not any(value in self for value in other)


class MutableSet(Set):
    _required = None
    _registered = [set]


class Mapping(Collection):
    _required = None
    _registered = [dict]

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key):
        try:
            self[key]
        except KeyError:
            return False
        return True

    def keys(self):
        return list(self)

    def items(self):
        return [(key, self[key]) for key in self]

    def values(self):
        return [self[key] for key in self]

    def __eq__(self, other):
        if not isinstance(other, Mapping):
            return NotImplemented
        return dict(self.items()) == dict(other.items())


class MutableMapping(Mapping):
    _required = None
    _registered = [dict]

    def pop(self, key, *default):
        try:
            value = self[key]
        except KeyError:
            if default:
                return default[0]
            raise
        del self[key]
        return value

    def setdefault(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            self[key] = default
        return default

    def update(self, other=(), **kwds):
        if hasattr(other, 'keys'):
            for key in other.keys():
                self[key] = other[key]
        else:
            for key, value in other:
                self[key] = value
        for key, value in kwds.items():
            self[key] = value

    def clear(self):
        for key in list(self):
            del self[key]


class Sequence(Reversible, Collection):
    _required = None
    _registered = [tuple, str, range, list, bytes]

    def __iter__(self):
        i = 0
        try:
            while True:
                yield self[i]
                i += 1
        except IndexError:
            return

    def __contains__(self, value):
        return any(v is value or v == value for v in self)

    def __reversed__(self):
        for i in reversed(range(len(self))):
            yield self[i]

    def index(self, value):
        for i, v in enumerate(self):
            if v is value or v == value:
                return i
        raise ValueError

    def count(self, value):
        return sum(1 for v in self if v is value or v == value)


class MutableSequence(Sequence):
    _required = None
    _registered = [list]

    def append(self, value):
        self.insert(len(self), value)

    def extend(self, values):
        for v in values:
            self.append(v)

    def pop(self, index=-1):
        v = self[index]
        del self[index]
        return v

    def remove(self, value):
        del self[self.index(value)]

    def reverse(self):
        n = len(self)
        for i in range(n // 2):
            self[i], self[n - i - 1] = self[n - i - 1], self[i]


class ByteString(Sequence):
    _required = None
    _registered = [bytes]


class MappingView(Sized):
    _required = None


class KeysView(MappingView, Set):
    _required = None


class ItemsView(MappingView, Set):
    _required = None


class ValuesView(MappingView, Collection):
    _required = None
