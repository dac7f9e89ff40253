# The `_match` module: the structural checks of lowered match statements
# (src/parser/match_stmt.rs), as CPython's MATCH_SEQUENCE, MATCH_MAPPING, MATCH_KEYS and
# MATCH_CLASS instructions do them. Each returns the values the sub-patterns are matched
# against, or None when the subject does not have the pattern's shape.

from collections.abc import Mapping as _Mapping, Sequence as _Sequence
from collections import deque as _deque

_MISSING = object()
# Never sequence patterns' subjects, although they are sequences.
_NOT_SEQUENCES = (str, bytes, bytearray)
# Classes whose single positional sub-pattern matches the subject itself.
_SELF_MATCHING = (bool, bytearray, bytes, dict, float, frozenset, int, list, set, str, tuple)


def sequence(subject, length, star):
    """The items of `subject` for `[p0, ..., pn]` (`star`: index of `*rest`, or None)."""
    if isinstance(subject, _NOT_SEQUENCES):
        return None
    if not isinstance(subject, (list, tuple, range, _deque, _Sequence)):
        return None
    items = list(subject)
    if star is None:
        return items if len(items) == length else None
    return items if len(items) >= length - 1 else None


def mapping(subject, keys):
    """The values of `keys` in `subject` for `{k0: p0, ...}`."""
    if not isinstance(subject, (dict, _Mapping)):
        return None
    seen = []
    for key in keys:
        if key in seen:
            raise ValueError(f'mapping pattern checks duplicate key ({key!r})')
        seen.append(key)
    values = []
    get = subject.get
    for key in keys:
        value = get(key, _MISSING)
        if value is _MISSING:
            return None
        values.append(value)
    return values


def rest(subject, keys):
    """The `**rest` of a mapping pattern: the other items, in a new dict."""
    remaining = dict(subject)
    for key in keys:
        del remaining[key]
    return remaining


def _sub_patterns(count):
    return f'{count} positional sub-pattern{"" if count == 1 else "s"}'


def cls(subject, cls, positional, keywords):
    """The attribute values for `cls(p0, ..., name=p)`: positional ones through
    `__match_args__` (or the subject itself for int(x), str(x), ...), then the keywords."""
    if not isinstance(cls, type):
        raise TypeError('called match pattern must be a type')
    if not isinstance(subject, cls):
        return None
    values = []
    names = ()
    if positional:
        match_args = getattr(cls, '__match_args__', _MISSING)
        if match_args is _MISSING:
            if issubclass(cls, _SELF_MATCHING):
                if positional > 1:
                    raise TypeError(f'{cls.__name__}() accepts 1 positional sub-pattern '
                                    f'({positional} given)')
                values.append(subject)
            else:
                raise TypeError(f'{cls.__name__}() accepts 0 positional sub-patterns '
                                f'({positional} given)')
        else:
            if not isinstance(match_args, tuple):
                raise TypeError(f'{cls.__name__}.__match_args__ must be a tuple '
                                f'(got {type(match_args).__name__})')
            if len(match_args) < positional:
                raise TypeError(f'{cls.__name__}() accepts {_sub_patterns(len(match_args))} '
                                f'({positional} given)')
            names = match_args[:positional]
    seen = set()
    for attr in names + tuple(keywords):
        if attr in seen:
            raise TypeError(f'{cls.__name__}() got multiple sub-patterns for attribute {attr!r}')
        seen.add(attr)
        value = getattr(subject, attr, _MISSING)
        if value is _MISSING:
            return None
        values.append(value)
    return values
