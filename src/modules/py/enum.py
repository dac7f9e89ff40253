# The `enum` module, written in Python: Enum, IntEnum, StrEnum, auto and unique, with
# CPython 3.12's reprs (`<Color.RED: 1>`) and lookup errors.

_FunctionType = type(lambda: 0)
_descriptor_types = (_FunctionType, property, classmethod, staticmethod, type)


class auto:
    """Placeholder replaced by the next value (last integer value + 1, starting at 1)."""

    def __init__(self):
        self.value = None


class EnumType(type):
    """Metaclass of Enum: turns the class body's plain attributes into members."""

    def __new__(mcls, name, bases, namespace, **kwargs):
        member_names = [key for key, value in namespace.items()
                        if not (key.startswith('_') and key.endswith('_'))
                        and not key.startswith('__')
                        and not isinstance(value, _descriptor_types)]
        values = {key: namespace[key] for key in member_names}
        body = {key: value for key, value in namespace.items() if key not in values}
        for base in bases:
            if getattr(base, '_member_names_', None):
                raise TypeError(f'{name!r} cannot extend {base!r}')
        cls = super().__new__(mcls, name, bases, body, **kwargs)
        mixin = None
        for base in cls.__mro__[1:]:
            if base is not object and not isinstance(base, EnumType):
                mixin = base
                break
        cls._member_names_ = []
        cls._member_map_ = {}
        cls._value2member_map_ = {}
        last = 0
        for key in member_names:
            value = values[key]
            if isinstance(value, auto):
                value = last + 1
            if isinstance(value, int) and not isinstance(value, bool):
                last = value
            if value in cls._value2member_map_:
                cls._member_map_[key] = cls._value2member_map_[value]
                type.__setattr__(cls, key, cls._value2member_map_[value])
                continue
            if mixin is not None:
                args = value if isinstance(value, tuple) and mixin is not str else (value,)
                member = mixin.__new__(cls, *args)
                if mixin in (int, str, float):
                    value = mixin(*args)
            else:
                member = object.__new__(cls)
            member._name_ = key
            member._value_ = value
            cls._member_names_.append(key)
            cls._member_map_[key] = member
            cls._value2member_map_[value] = member
            type.__setattr__(cls, key, member)
        return cls

    def __call__(cls, value, *args, **kwargs):
        if args or kwargs or not hasattr(cls, '_value2member_map_'):
            raise TypeError(f'{cls.__name__}() takes exactly one argument')
        try:
            return cls._value2member_map_[value]
        except (KeyError, TypeError):
            raise ValueError(f'{value!r} is not a valid {cls.__qualname__}') from None

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __iter__(cls):
        return (cls._member_map_[name] for name in cls._member_names_)

    def __reversed__(cls):
        return (cls._member_map_[name] for name in reversed(cls._member_names_))

    def __len__(cls):
        return len(cls._member_names_)

    def __contains__(cls, member):
        if isinstance(member, cls):
            return True
        return member in cls._value2member_map_

    def __setattr__(cls, name, value):
        if name in cls.__dict__.get('_member_map_', {}):
            raise AttributeError(f'cannot reassign member {name!r}')
        type.__setattr__(cls, name, value)

    @property
    def __members__(cls):
        return dict(cls._member_map_)

    def __repr__(cls):
        return f"<enum {cls.__name__!r}>"


EnumMeta = EnumType


class Enum(metaclass=EnumType):
    """Base class of enumerations."""

    @property
    def name(self):
        return self._name_

    @property
    def value(self):
        return self._value_

    def __repr__(self):
        return f'<{type(self).__name__}.{self._name_}: {self._value_!r}>'

    def __str__(self):
        return f'{type(self).__name__}.{self._name_}'

    def __format__(self, spec):
        return format(str(self), spec)

    def __hash__(self):
        return hash(self._name_)

    def __reduce_ex__(self, proto):
        return self.__class__, (self._value_,)


class ReprEnum(Enum):
    """Enum whose str() and format() are those of the mixed-in type."""


class IntEnum(int, ReprEnum):
    """Enum whose members are ints."""

    def __str__(self):
        return int.__repr__(self)

    def __format__(self, spec):
        return format(int(self), spec)

    __hash__ = int.__hash__


class StrEnum(str, ReprEnum):
    """Enum whose members are strs."""

    def __str__(self):
        # The plain str value (str.__add__ makes an exact str).
        return str.__add__(self, '')

    def __format__(self, spec):
        return format(str.__add__(self, ''), spec)

    __hash__ = str.__hash__


def unique(enumeration):
    duplicates = [(name, member.name) for name, member in enumeration._member_map_.items()
                  if name != member.name]
    if duplicates:
        alias_details = ', '.join(f'{alias} -> {name}' for alias, name in duplicates)
        raise ValueError(f'duplicate values found in {enumeration!r}: {alias_details}')
    return enumeration
