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
                if getattr(cls, '_flag_', False):
                    value = 1 if last == 0 else 2 ** last.bit_length()
                else:
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
            pass
        missing = cls.__dict__.get('_missing_') or getattr(cls, '_missing_', None)
        if missing is not None:
            result = missing(value)
            if result is not None:
                return result
        raise ValueError(f'{value!r} is not a valid {cls.__qualname__}') from None

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __iter__(cls):
        if getattr(cls, '_flag_', False):
            return (cls._member_map_[name] for name in cls._member_names_
                    if _is_single_bit(cls._member_map_[name]._value_))
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


def _is_single_bit(value):
    return value > 0 and value & (value - 1) == 0


class Flag(Enum):
    """Enum whose members combine with the bitwise operators (CPython 3.12 reprs)."""

    _flag_ = True

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int) or isinstance(value, bool):
            return None
        all_bits = 0
        for name in cls._member_names_:
            all_bits |= cls._member_map_[name]._value_
        if value < 0:
            value = all_bits & value
        extra = value & ~all_bits
        if extra and not cls._keep_extra_:
            raise ValueError(f'{value!r} is not a valid {cls.__qualname__}')
        names = []
        covered = 0
        for name in cls._member_names_:
            member_value = cls._member_map_[name]._value_
            if _is_single_bit(member_value) and member_value & value == member_value:
                names.append(name)
                covered |= member_value
        if extra:
            names.append(str(extra))
        if cls._mixin_ is not None:
            member = cls._mixin_.__new__(cls, value)
        else:
            member = object.__new__(cls)
        member._name_ = '|'.join(names) if names else None
        member._value_ = value
        cls._value2member_map_[value] = member
        return member

    _keep_extra_ = False
    _mixin_ = None

    def __repr__(self):
        if self._name_ is None:
            return f'<{type(self).__name__}: {self._value_!r}>'
        return f'<{type(self).__name__}.{self._name_}: {self._value_!r}>'

    def __str__(self):
        if self._name_ is None:
            return f'{type(self).__name__}({self._value_!r})'
        return f'{type(self).__name__}.{self._name_}'

    def __contains__(self, other):
        if not isinstance(other, self.__class__):
            raise TypeError(
                "unsupported operand type(s) for 'in': %r and %r" % (
                    type(other).__qualname__, self.__class__.__qualname__))
        return other._value_ & self._value_ == other._value_

    def __iter__(self):
        for member in type(self):
            if member._value_ & self._value_ == member._value_:
                yield member

    def __len__(self):
        return sum(1 for _ in self)

    def __bool__(self):
        return bool(self._value_)

    def _operand(self, other):
        if isinstance(other, self.__class__):
            return other._value_
        return None

    def __or__(self, other):
        value = self._operand(other)
        if value is None:
            return NotImplemented
        return self.__class__(self._value_ | value)

    def __and__(self, other):
        value = self._operand(other)
        if value is None:
            return NotImplemented
        return self.__class__(self._value_ & value)

    def __xor__(self, other):
        value = self._operand(other)
        if value is None:
            return NotImplemented
        return self.__class__(self._value_ ^ value)

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__

    def __invert__(self):
        all_bits = 0
        for member in type(self):
            all_bits |= member._value_
        return self.__class__(all_bits & ~self._value_)

    def __hash__(self):
        return hash(self._value_)


class IntFlag(int, ReprEnum, Flag):
    """Flag whose members are ints; unknown bits are kept."""

    _keep_extra_ = True
    _mixin_ = int
    __repr__ = Flag.__repr__
    __or__ = Flag.__or__
    __and__ = Flag.__and__
    __xor__ = Flag.__xor__
    __ror__ = Flag.__ror__
    __rand__ = Flag.__rand__
    __rxor__ = Flag.__rxor__
    __contains__ = Flag.__contains__
    __iter__ = Flag.__iter__
    __len__ = Flag.__len__
    __bool__ = Flag.__bool__

    def __str__(self):
        return int.__repr__(self)

    def __format__(self, spec):
        return format(int(self), spec)

    def _operand(self, other):
        if isinstance(other, int):
            return int(other)
        return None

    def __invert__(self):
        all_bits = 0
        for member in type(self):
            all_bits |= member._value_
        return self.__class__(all_bits & ~int(self))

    __hash__ = int.__hash__
