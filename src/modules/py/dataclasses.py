# The `dataclasses` module, written in Python: @dataclass with defaults, field(), repr, eq,
# order, frozen, asdict/astuple/fields/replace (behaviour of CPython's Lib/dataclasses.py).

MISSING = type('_MISSING_TYPE', (), {'__repr__': lambda self: 'MISSING'})()


class _KW_ONLY_TYPE:
    def __repr__(self):
        return 'KW_ONLY'


KW_ONLY = _KW_ONLY_TYPE()


class FrozenInstanceError(AttributeError):
    pass


class Field:
    """One dataclass field: its name, type, default and options."""

    def __init__(self, default, default_factory, init, repr, hash, compare, metadata, kw_only):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = metadata
        self.kw_only = kw_only

    def __repr__(self):
        return f'Field(name={self.name!r},type={self.type!r},default={self.default!r},' \
               f'default_factory={self.default_factory!r},init={self.init!r},repr={self.repr!r})'


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True, hash=None,
          compare=True, metadata=None, kw_only=MISSING):
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError('cannot specify both default and default_factory')
    return Field(default, default_factory, init, repr, hash, compare, metadata, kw_only)


def fields(class_or_instance):
    try:
        fs = class_or_instance.__dataclass_fields__
    except AttributeError:
        raise TypeError('must be called with a dataclass type or instance') from None
    return tuple(f for f in fs.values())


def is_dataclass(obj):
    cls = obj if isinstance(obj, type) else type(obj)
    return hasattr(cls, '__dataclass_fields__')


def _is_classvar(tp):
    """Whether an annotation is typing.ClassVar[...] (or its string under PEP 563)."""
    if isinstance(tp, str):
        head = tp.split('[', 1)[0].strip()
        return head in ('ClassVar', 'typing.ClassVar')
    return getattr(tp, '_name', None) == 'ClassVar' and type(tp).__module__ == 'typing'


def _process_class(cls, init, repr_, eq, order, frozen, unsafe_hash, kw_only):
    all_fields = {}
    for base in reversed(cls.__mro__[1:]):
        base_fields = getattr(base, '__dataclass_fields__', None)
        if base_fields:
            all_fields.update(base_fields)
    annotations = cls.__dict__.get('__annotations__', {})
    for name, tp in annotations.items():
        if tp is KW_ONLY or tp == 'KW_ONLY' or tp == 'dataclasses.KW_ONLY':
            kw_only = True
            continue
        if _is_classvar(tp):
            # A class variable, not a field (dataclasses.py _FIELD_CLASSVAR): left as it is.
            continue
        default = cls.__dict__.get(name, MISSING)
        if isinstance(default, Field):
            f = default
        else:
            f = field(default=default)
        f.name = name
        f.type = tp
        if f.kw_only is MISSING:
            f.kw_only = kw_only
        if isinstance(f.default, (list, dict, set)):
            raise ValueError(f'mutable default {type(f.default)} for field {name} is not '
                             f'allowed: use default_factory')
        if f.default is MISSING:
            if name in cls.__dict__:
                delattr(cls, name)
        else:
            setattr(cls, name, f.default)
        all_fields[name] = f
    cls.__dataclass_fields__ = all_fields
    field_list = list(all_fields.values())

    if init:
        positional = [f for f in field_list if f.init and not f.kw_only]
        seen_default = None
        for f in positional:
            has_default = f.default is not MISSING or f.default_factory is not MISSING
            if has_default:
                seen_default = f
            elif seen_default is not None:
                raise TypeError(f'non-default argument {f.name!r} follows default argument')
        cls.__init__ = _make_init(cls, field_list, frozen)
    if repr_ and '__repr__' not in cls.__dict__:
        def __repr__(self):
            inner = ', '.join(f'{f.name}={getattr(self, f.name)!r}'
                              for f in field_list if f.repr)
            return f'{type(self).__qualname__}({inner})'
        cls.__repr__ = __repr__
    compared = [f.name for f in field_list if f.compare]

    def as_tuple(self):
        return tuple(getattr(self, name) for name in compared)

    if eq and '__eq__' not in cls.__dict__:
        def __eq__(self, other):
            if other.__class__ is self.__class__:
                return as_tuple(self) == as_tuple(other)
            return NotImplemented
        cls.__eq__ = __eq__
    if order:
        def make(op_name, op):
            def method(self, other):
                if other.__class__ is self.__class__:
                    return op(as_tuple(self), as_tuple(other))
                return NotImplemented
            method.__name__ = op_name
            return method
        for op_name, op in (('__lt__', lambda a, b: a < b), ('__le__', lambda a, b: a <= b),
                            ('__gt__', lambda a, b: a > b), ('__ge__', lambda a, b: a >= b)):
            if op_name in cls.__dict__:
                raise TypeError(f'Cannot overwrite attribute {op_name} in class '
                                f'{cls.__name__}. Consider using functools.total_ordering')
            setattr(cls, op_name, make(op_name, op))
    if frozen:
        def __setattr__(self, name, value):
            raise FrozenInstanceError(f"cannot assign to field '{name}'")

        def __delattr__(self, name):
            raise FrozenInstanceError(f"cannot delete field '{name}'")
        cls.__setattr__ = __setattr__
        cls.__delattr__ = __delattr__
    if unsafe_hash or (eq and frozen):
        def __hash__(self):
            return hash(as_tuple(self))
        cls.__hash__ = __hash__
    elif eq and '__hash__' not in cls.__dict__:
        cls.__hash__ = None
    cls.__match_args__ = tuple(f.name for f in field_list if f.init and not f.kw_only)
    return cls


def _make_init(cls, field_list, frozen):
    init_fields = [f for f in field_list if f.init]
    positional = [f for f in init_fields if not f.kw_only]
    keyword = [f for f in init_fields if f.kw_only]
    names = [f.name for f in positional]
    qualname = f'{cls.__qualname__}.__init__()'

    def __init__(self, *args, **kwargs):
        if len(args) > len(positional):
            raise TypeError(f'{qualname} takes {len(positional) + 1} positional arguments '
                            f'but {len(args) + 1} were given')
        values = dict(zip(names, args))
        for key in kwargs:
            if key in values:
                raise TypeError(f"{qualname} got multiple values for argument '{key}'")
            if not any(f.name == key for f in init_fields):
                raise TypeError(f"{qualname} got an unexpected keyword argument '{key}'")
        values.update(kwargs)
        missing = [f.name for f in positional
                   if f.name not in values and f.default is MISSING
                   and f.default_factory is MISSING]
        if missing:
            if len(missing) == 1:
                raise TypeError(f"{qualname} missing 1 required positional argument: "
                                f"'{missing[0]}'")
            listed = ', '.join(repr(m) for m in missing[:-1]) + f' and {missing[-1]!r}'
            raise TypeError(f'{qualname} missing {len(missing)} required positional '
                            f'arguments: {listed}')
        missing = [f.name for f in keyword
                   if f.name not in values and f.default is MISSING
                   and f.default_factory is MISSING]
        if missing:
            listed = ', '.join(repr(m) for m in missing)
            s = 's' if len(missing) > 1 else ''
            raise TypeError(f'{qualname} missing {len(missing)} required keyword-only '
                            f'argument{s}: {listed}')
        for f in field_list:
            if f.name in values:
                value = values[f.name]
            elif f.default_factory is not MISSING:
                value = f.default_factory()
            elif f.default is not MISSING:
                value = f.default
            else:
                continue
            object.__setattr__(self, f.name, value)
        post_init = getattr(self, '__post_init__', None)
        if post_init is not None:
            post_init()

    __init__.__qualname__ = f'{cls.__qualname__}.__init__'
    return __init__


def dataclass(cls=None, /, *, init=True, repr=True, eq=True, order=False, unsafe_hash=False,
              frozen=False, match_args=True, kw_only=False, slots=False):
    def wrap(cls):
        return _process_class(cls, init, repr, eq, order, frozen, unsafe_hash, kw_only)
    if cls is None:
        return wrap
    return wrap(cls)


def _asdict_inner(obj, factory):
    if is_dataclass(obj) and not isinstance(obj, type):
        return factory([(f.name, _asdict_inner(getattr(obj, f.name), factory))
                        for f in fields(obj)])
    if isinstance(obj, tuple) and hasattr(obj, '_fields'):
        return type(obj)(*[_asdict_inner(v, factory) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)(_asdict_inner(v, factory) for v in obj)
    if isinstance(obj, dict):
        return type(obj)((_asdict_inner(k, factory), _asdict_inner(v, factory))
                         for k, v in obj.items())
    return obj


def asdict(obj, *, dict_factory=dict):
    if not is_dataclass(obj) or isinstance(obj, type):
        raise TypeError('asdict() should be called on dataclass instances')
    return _asdict_inner(obj, dict_factory)


def astuple(obj, *, tuple_factory=tuple):
    if not is_dataclass(obj) or isinstance(obj, type):
        raise TypeError('astuple() should be called on dataclass instances')
    return tuple_factory(_asdict_inner(getattr(obj, f.name), dict) for f in fields(obj))


def replace(obj, /, **changes):
    for f in fields(obj):
        if f.init and f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)
