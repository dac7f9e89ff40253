# The `enum` module, written in Python: Enum, IntEnum, StrEnum, Flag, IntFlag, auto and unique,
# with CPython 3.12's reprs (`<Color.RED: 1>`, `<Perm.READ|WRITE: 3>`), auto() values
# (`_generate_next_value_`), the `_missing_` hook and lookup errors.

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
        # enum.py: repr(), str(), format() and pickling stay Enum's unless the class body
        # (or an enum base) overrides them; a mixed-in type's own (str.__str__, ...) does not.
        first_enum = next((b for b in reversed(cls.__mro__[1:]) if isinstance(b, EnumType)), None)
        data_type = mixin if mixin is not None else object
        for method_name in ('__repr__', '__str__', '__format__', '__reduce_ex__'):
            if first_enum is None or method_name in body:
                continue
            found = getattr(cls, method_name)
            if found is getattr(data_type, method_name) or found is getattr(object, method_name):
                type.__setattr__(cls, method_name, getattr(first_enum, method_name))
        cls._member_names_ = []
        cls._member_map_ = {}
        cls._value2member_map_ = {}
        generate = _next_value_generator(namespace, bases)
        last_values = []
        for key in member_names:
            value = values[key]
            if isinstance(value, auto):
                value = generate(key, 1, len(cls._member_names_), last_values[:])
            last_values.append(value)
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
        # Enum.__new__: the `_missing_` hook may find (or, for flags, make) the member.
        result = cls._missing_(value)
        if isinstance(result, cls):
            return result
        if result is None:
            raise ValueError(f'{value!r} is not a valid {cls.__qualname__}')
        raise TypeError(f'error in {cls.__name__}._missing_: returned {result!r} instead of '
                        f'None or a valid member')

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
        kind = 'flag' if Flag is not None and issubclass(cls, Flag) else 'enum'
        return f"<{kind} {cls.__name__!r}>"


def _next_value_generator(namespace, bases):
    """The `_generate_next_value_` auto() calls: the class body's own, else the nearest base's."""
    found = namespace.get('_generate_next_value_')
    if found is None:
        for base in bases:
            for klass in base.__mro__:
                if '_generate_next_value_' in klass.__dict__:
                    found = klass.__dict__['_generate_next_value_']
                    break
            if found is not None:
                break
    if isinstance(found, staticmethod):
        found = found.__func__
    return found if found is not None else _int_next_value


def _int_next_value(name, start, count, last_values):
    """Enum's auto(): one more than the largest integer value so far, else `start`."""
    numbers = [v for v in last_values if isinstance(v, int) and not isinstance(v, bool)]
    return max(numbers) + 1 if numbers else start


Flag = None


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

    @classmethod
    def _missing_(cls, value):
        return None


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

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()

    def __str__(self):
        # The plain str value (str.__add__ makes an exact str).
        return str.__add__(self, '')

    def __format__(self, spec):
        return format(str.__add__(self, ''), spec)

    __hash__ = str.__hash__


def _bin(number, max_bits):
    """enum.py bin(): `0b0 0111` (sign, then the digits padded to `max_bits`)."""
    text = bin(number + 2 ** number.bit_length()).replace('1', '0', 1)
    sign, digits = text[:3], text[3:]
    if len(digits) < max_bits:
        digits = (sign[-1] * max_bits + digits)[-max_bits:]
    return f'{sign} {digits}'


class Flag(Enum):
    """Enum whose members combine with |, & and ^ (single-bit members are canonical)."""

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        numbers = [v for v in last_values if isinstance(v, int)]
        return 2 ** max(numbers).bit_length() if numbers else start

    @classmethod
    def _flag_mask_(cls):
        mask = 0
        for member in cls._member_map_.values():
            mask |= member._value_
        return mask

    @classmethod
    def _canonical_(cls):
        """The single-bit members, in definition order (aliases left out)."""
        members = (cls._member_map_[name] for name in cls._member_names_)
        return [m for m in members if m._value_ > 0 and m._value_ & (m._value_ - 1) == 0]

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int):
            raise ValueError(f'{value!r} is not a valid {cls.__qualname__}')
        mask = cls._flag_mask_()
        keep = issubclass(cls, int)
        if value < 0 or value & ~mask:
            if not keep:
                max_bits = max(value.bit_length(), mask.bit_length())
                raise ValueError(f'{cls!r} invalid value {value!r}\n    given '
                                 f'{_bin(value, max_bits)}\n  allowed {_bin(mask, max_bits)}')
        names = [m._name_ for m in cls._canonical_() if m._value_ & value]
        extra = value & ~mask if value >= 0 else 0
        if extra:
            names.append(str(extra))
        member = int.__new__(cls, value) if keep else object.__new__(cls)
        member._name_ = '|'.join(names) if names else None
        member._value_ = value
        return cls._value2member_map_.setdefault(value, member)

    def _other_value(self, other):
        if isinstance(other, type(self)):
            return other._value_
        if isinstance(self, int) and isinstance(other, int) and not isinstance(other, Flag):
            return other
        return NotImplemented

    def __or__(self, other):
        value = self._other_value(other)
        if value is NotImplemented:
            return NotImplemented
        return type(self)(self._value_ | value)

    def __and__(self, other):
        value = self._other_value(other)
        if value is NotImplemented:
            return NotImplemented
        return type(self)(self._value_ & value)

    def __xor__(self, other):
        value = self._other_value(other)
        if value is NotImplemented:
            return NotImplemented
        return type(self)(self._value_ ^ value)

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__

    def __invert__(self):
        return type(self)(self._flag_mask_() & ~self._value_)

    def __contains__(self, other):
        if not isinstance(other, type(self)):
            raise TypeError(f"unsupported operand type(s) for 'in': '{type(other).__qualname__}'"
                            f" and '{type(self).__qualname__}'")
        return other._value_ & self._value_ == other._value_

    def __iter__(self):
        return iter([m for m in type(self)._canonical_() if m._value_ & self._value_])

    def __len__(self):
        return bin(self._value_).count('1')

    def __bool__(self):
        return bool(self._value_)

    def __repr__(self):
        if self._name_ is None:
            return f'<{type(self).__name__}: {self._value_!r}>'
        return f'<{type(self).__name__}.{self._name_}: {self._value_!r}>'

    def __str__(self):
        if self._name_ is None:
            return f'{type(self).__name__}({self._value_!r})'
        return f'{type(self).__name__}.{self._name_}'


class IntFlag(int, ReprEnum, Flag):
    """Flag whose members are ints (values outside the members are kept, as boundary KEEP)."""

    __or__ = Flag.__or__
    __and__ = Flag.__and__
    __xor__ = Flag.__xor__
    __ror__ = Flag.__or__
    __rand__ = Flag.__and__
    __rxor__ = Flag.__xor__
    __invert__ = Flag.__invert__
    __repr__ = Flag.__repr__
    __iter__ = Flag.__iter__
    __len__ = Flag.__len__
    __bool__ = Flag.__bool__
    __contains__ = Flag.__contains__

    def __str__(self):
        return int.__repr__(self)

    def __format__(self, spec):
        return format(int(self), spec)

    __hash__ = int.__hash__


def unique(enumeration):
    duplicates = [(name, member.name) for name, member in enumeration._member_map_.items()
                  if name != member.name]
    if duplicates:
        alias_details = ', '.join(f'{alias} -> {name}' for alias, name in duplicates)
        raise ValueError(f'duplicate values found in {enumeration!r}: {alias_details}')
    return enumeration
