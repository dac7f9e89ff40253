# The `typing` module: every name exists and can be subscripted, and means nothing at run time
# (as for a program that only annotates).


class _SpecialForm:
    """A typing name such as Optional or Callable: subscriptable, repr `typing.Name`."""

    def __init__(self, name, args=()):
        self._name = name
        self.__args__ = args

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        return _SpecialForm(self._name, params)

    def __call__(self, *args, **kwargs):
        raise TypeError(f"Cannot instantiate typing.{self._name}")

    def __repr__(self):
        if self.__args__:
            inner = ', '.join(_type_repr(a) for a in self.__args__)
            return f'typing.{self._name}[{inner}]'
        return f'typing.{self._name}'

    def __or__(self, other):
        return _SpecialForm('Union', (self, other))

    def __ror__(self, other):
        return _SpecialForm('Union', (other, self))


def _type_repr(obj):
    if isinstance(obj, type):
        if obj.__module__ == 'builtins':
            return obj.__qualname__
        return f'{obj.__module__}.{obj.__qualname__}'
    if obj is ...:
        return '...'
    if isinstance(obj, list):
        return '[' + ', '.join(_type_repr(a) for a in obj) + ']'
    return repr(obj)


for _name in ['Any', 'Optional', 'Union', 'Callable', 'Iterable', 'Iterator', 'Generator',
              'AsyncIterator', 'AsyncIterable', 'AsyncGenerator', 'Awaitable', 'Coroutine',
              'List', 'Dict', 'Tuple', 'Set', 'FrozenSet', 'Type', 'ClassVar', 'Final', 'Literal',
              'Sequence', 'Mapping', 'MutableMapping', 'MutableSequence', 'Deque', 'DefaultDict',
              'OrderedDict', 'Counter', 'ChainMap', 'Collection', 'Container', 'Hashable',
              'Sized', 'Reversible', 'NoReturn', 'Never', 'Self', 'LiteralString', 'TypeAlias',
              'Annotated', 'Concatenate', 'TypeGuard', 'Required', 'NotRequired', 'AbstractSet',
              'MutableSet', 'ContextManager', 'AsyncContextManager', 'Pattern', 'Match', 'IO',
              'TextIO', 'BinaryIO', 'SupportsInt', 'SupportsFloat', 'SupportsIndex', 'Text',
              'AnyStr', 'ParamSpec']:
    globals()[_name] = _SpecialForm(_name)
del _name

TYPE_CHECKING = False


class TypeVar:
    """A type variable: `T = TypeVar('T')`."""

    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False):
        self.__name__ = name
        self.__constraints__ = constraints
        self.__bound__ = bound

    def __repr__(self):
        return f'~{self.__name__}'


class _GenericAlias:
    """`Box[int]` for a user generic class (typing._GenericAlias): calls make a Box, the
    repr names the arguments, and as a base class it stands for Box (`__mro_entries__`)."""

    def __init__(self, origin, args):
        self.__origin__ = origin
        self.__args__ = args

    def __call__(self, *args, **kwargs):
        result = self.__origin__(*args, **kwargs)
        try:
            result.__orig_class__ = self
        except AttributeError:
            pass
        return result

    def __mro_entries__(self, bases):
        return (self.__origin__,)

    def __getattr__(self, name):
        if name.startswith('__') and name.endswith('__'):
            raise AttributeError(name)
        return getattr(self.__origin__, name)

    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash((self.__origin__, self.__args__))

    def __instancecheck__(self, obj):
        raise TypeError('Subscripted generics cannot be used with class and instance checks')

    def __repr__(self):
        args = ', '.join(_type_repr(a) for a in self.__args__)
        return f'{_type_repr(self.__origin__)}[{args}]'


class Generic:
    """Base class for generic classes: `class Box(Generic[T])`."""

    def __class_getitem__(cls, params):
        if not isinstance(params, tuple):
            params = (params,)
        if cls is Generic or cls is Protocol:
            return cls
        return _GenericAlias(cls, params)


class Protocol(Generic):
    """Base class for structural types."""


def cast(typ, val):
    return val


def overload(func):
    return func


def final(f):
    return f


def runtime_checkable(cls):
    return cls


def no_type_check(arg):
    return arg


def get_type_hints(obj, globalns=None, localns=None):
    return dict(getattr(obj, '__annotations__', {}))


def NewType(name, tp):
    def new_type(x):
        return x
    new_type.__name__ = name
    return new_type


class _NamedTupleMeta(type):
    """Turns `class P(NamedTuple): x: int` into a collections.namedtuple class."""

    def __new__(mcls, typename, bases, ns):
        if ns.get('_root', False):
            return super().__new__(mcls, typename, bases, ns)
        from collections import namedtuple
        fields = list(ns.get('__annotations__', {}))
        defaults = [ns[name] for name in fields if name in ns]
        nm_tpl = namedtuple(typename, fields, defaults=defaults,
                            module=ns.get('__module__', '__main__'))
        nm_tpl.__annotations__ = dict(ns.get('__annotations__', {}))
        for key, value in ns.items():
            if key in fields or key in ('__module__', '__qualname__', '__annotations__',
                                        '__dict__', '__weakref__', '_root'):
                continue
            setattr(nm_tpl, key, value)
        return nm_tpl

    def __call__(cls, typename, fields=None, **kwargs):
        from collections import namedtuple
        names = [name for name, _ in (fields or kwargs.items())]
        return namedtuple(typename, names)


class NamedTuple(metaclass=_NamedTupleMeta):
    """Typed namedtuple: subclass it with annotated fields, or call it."""
    _root = True


def TypedDict(typename, fields=None, total=True, **kwargs):
    return dict
