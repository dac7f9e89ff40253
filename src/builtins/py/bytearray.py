# bytearray: a mutable sequence of bytes. Written in Python on top of list and bytes (the VM has
# no native payload for it yet): mutation works on the list of ints; the read-only methods run
# on a bytes copy and hand back bytearrays where bytes return bytes, as CPython's do.


def _byte_values(source, encoding=None, errors='strict'):
    if source is None:
        return []
    if isinstance(source, str):
        if encoding is None:
            raise TypeError('string argument without an encoding')
        return list(source.encode(encoding, errors))
    if isinstance(source, int) and not isinstance(source, bool):
        if source < 0:
            raise ValueError('negative count')
        return [0] * source
    values = []
    for v in source:
        if not isinstance(v, int):
            raise TypeError(f"'{type(v).__name__}' object cannot be interpreted as an integer")
        if not 0 <= v < 256:
            raise ValueError('byte must be in range(0, 256)')
        values.append(v)
    return values


def _wrap(result):
    if type(result) is bytes:
        return bytearray(result)
    if type(result) is list:
        return [bytearray(x) if type(x) is bytes else x for x in result]
    if type(result) is tuple:
        return tuple(bytearray(x) if type(x) is bytes else x for x in result)
    return result


class bytearray:
    """bytearray(iterable_of_ints) / bytearray(string, encoding) / bytearray(int)."""

    __hash__ = None

    def __init__(self, source=None, encoding=None, errors='strict'):
        self._data = _byte_values(source, encoding, errors)

    def __bytes__(self):
        return bytes(self._data)

    def __len__(self):
        return len(self._data)

    def __iter__(self):
        return iter(self._data)

    def __repr__(self):
        return f'bytearray({bytes(self._data)!r})'

    __str__ = __repr__

    def __getitem__(self, index):
        if isinstance(index, slice):
            return bytearray(self._data[index])
        try:
            return self._data[index]
        except IndexError:
            raise IndexError('bytearray index out of range') from None

    def __setitem__(self, index, value):
        if isinstance(index, slice):
            self._data[index] = _byte_values(value)
            return
        if not isinstance(value, int):
            raise TypeError(f"'{type(value).__name__}' object cannot be interpreted as an integer")
        if not 0 <= value < 256:
            raise ValueError('byte must be in range(0, 256)')
        try:
            self._data[index] = value
        except IndexError:
            raise IndexError('bytearray index out of range') from None

    def __delitem__(self, index):
        del self._data[index]

    def __contains__(self, item):
        if isinstance(item, int):
            return item in self._data
        return bytes(item) in bytes(self._data)

    def __eq__(self, other):
        if isinstance(other, (bytes, bytearray)):
            return bytes(self._data) == bytes(other)
        return NotImplemented

    def __ne__(self, other):
        if isinstance(other, (bytes, bytearray)):
            return bytes(self._data) != bytes(other)
        return NotImplemented

    def __lt__(self, other):
        return bytes(self._data) < bytes(other)

    def __le__(self, other):
        return bytes(self._data) <= bytes(other)

    def __gt__(self, other):
        return bytes(self._data) > bytes(other)

    def __ge__(self, other):
        return bytes(self._data) >= bytes(other)

    def __add__(self, other):
        if not isinstance(other, (bytes, bytearray)):
            raise TypeError(f"can't concat {type(other).__name__} to bytearray")
        return bytearray(self._data + list(other))

    def __radd__(self, other):
        if not isinstance(other, (bytes, bytearray)):
            return NotImplemented
        return bytearray(list(other) + self._data)

    def __iadd__(self, other):
        self._data.extend(_byte_values(other))
        return self

    def __mul__(self, n):
        return bytearray(self._data * n)

    __rmul__ = __mul__

    def __imul__(self, n):
        self._data *= n
        return self

    def append(self, item):
        self._data.extend(_byte_values([item]))

    def extend(self, iterable):
        self._data.extend(_byte_values(iterable))

    def insert(self, index, item):
        self._data.insert(index, _byte_values([item])[0])

    def pop(self, index=-1):
        if not self._data:
            raise IndexError('pop from empty bytearray')
        return self._data.pop(index)

    def remove(self, value):
        try:
            self._data.remove(value)
        except ValueError:
            raise ValueError('value not found in bytearray') from None

    def clear(self):
        self._data.clear()

    def copy(self):
        return bytearray(self._data)

    def reverse(self):
        self._data.reverse()

    def __getattr__(self, name):
        attr = getattr(bytes(self._data), name)
        if not callable(attr):
            return attr

        def method(*args, **kwargs):
            return _wrap(attr(*args, **kwargs))
        return method


