# The `json` module, written in Python: dumps/dump with indent, sort_keys, separators,
# ensure_ascii, default; loads/load with CPython's JSONDecodeError messages.


class JSONDecodeError(ValueError):
    """Subclass of ValueError with the position of the error."""

    def __init__(self, msg, doc, pos):
        lineno = doc.count('\n', 0, pos) + 1
        colno = pos - doc.rfind('\n', 0, pos)
        errmsg = '%s: line %d column %d (char %d)' % (msg, lineno, colno, pos)
        ValueError.__init__(self, errmsg)
        self.msg = msg
        self.doc = doc
        self.pos = pos
        self.lineno = lineno
        self.colno = colno


_ESCAPES = {'"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b',
            '\f': '\\f'}


def _encode_str(s, ensure_ascii):
    out = ['"']
    for ch in s:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ch < ' ' or (ensure_ascii and ch > '~'):
            n = ord(ch)
            if n > 0xFFFF:
                n -= 0x10000
                out.append('\\u%04x\\u%04x' % (0xD800 | (n >> 10), 0xDC00 | (n & 0x3FF)))
            else:
                out.append('\\u%04x' % n)
        else:
            out.append(ch)
    out.append('"')
    return ''.join(out)


def _float_repr(o, allow_nan):
    if o != o:
        text = 'NaN'
    elif o == float('inf'):
        text = 'Infinity'
    elif o == -float('inf'):
        text = '-Infinity'
    else:
        return float.__repr__(o)
    if not allow_nan:
        raise ValueError('Out of range float values are not JSON compliant')
    return text


class JSONEncoder:
    """Encodes Python values as JSON text (mirrors json/encoder.py's pure-Python path)."""

    def __init__(self, *, skipkeys=False, ensure_ascii=True, check_circular=True,
                 allow_nan=True, sort_keys=False, indent=None, separators=None, default=None):
        self.skipkeys = skipkeys
        self.ensure_ascii = ensure_ascii
        self.allow_nan = allow_nan
        self.sort_keys = sort_keys
        if indent is not None and not isinstance(indent, str):
            indent = ' ' * indent
        self.indent = indent
        if separators is not None:
            self.item_separator, self.key_separator = separators
        elif indent is not None:
            self.item_separator, self.key_separator = ',', ': '
        else:
            self.item_separator, self.key_separator = ', ', ': '
        if default is not None:
            self.default = default

    def default(self, o):
        raise TypeError(f'Object of type {o.__class__.__name__} is not JSON serializable')

    def encode(self, o):
        return ''.join(self._encode(o, 0, []))

    def _key(self, key):
        if isinstance(key, str):
            return key
        if isinstance(key, float):
            return _float_repr(key, self.allow_nan)
        if key is True:
            return 'true'
        if key is False:
            return 'false'
        if key is None:
            return 'null'
        if isinstance(key, int):
            return int.__repr__(key)
        if self.skipkeys:
            return None
        raise TypeError(f'keys must be str, int, float, bool or None, not {key.__class__.__name__}')

    def _encode(self, o, level, markers):
        if isinstance(o, str):
            yield _encode_str(o, self.ensure_ascii)
        elif o is None:
            yield 'null'
        elif o is True:
            yield 'true'
        elif o is False:
            yield 'false'
        elif isinstance(o, int):
            yield int.__repr__(o)
        elif isinstance(o, float):
            yield _float_repr(o, self.allow_nan)
        elif isinstance(o, (list, tuple, dict)):
            for m in markers:
                if m is o:
                    raise ValueError('Circular reference detected')
            markers.append(o)
            if isinstance(o, dict):
                yield from self._encode_dict(o, level, markers)
            else:
                yield from self._encode_list(o, level, markers)
            markers.pop()
        else:
            o = self.default(o)
            yield from self._encode(o, level, markers)

    def _newline(self, level):
        return '\n' + self.indent * level

    def _encode_list(self, lst, level, markers):
        if not lst:
            yield '[]'
            return
        yield '['
        if self.indent is not None:
            level += 1
            sep = self.item_separator + self._newline(level)
            yield self._newline(level)
        else:
            sep = self.item_separator
        first = True
        for value in lst:
            if not first:
                yield sep
            first = False
            yield from self._encode(value, level, markers)
        if self.indent is not None:
            level -= 1
            yield self._newline(level)
        yield ']'

    def _encode_dict(self, dct, level, markers):
        if not dct:
            yield '{}'
            return
        yield '{'
        if self.indent is not None:
            level += 1
            sep = self.item_separator + self._newline(level)
            yield self._newline(level)
        else:
            sep = self.item_separator
        items = sorted(dct.items()) if self.sort_keys else dct.items()
        first = True
        for key, value in items:
            key = self._key(key)
            if key is None:
                continue
            if not first:
                yield sep
            first = False
            yield _encode_str(key, self.ensure_ascii)
            yield self.key_separator
            yield from self._encode(value, level, markers)
        if self.indent is not None:
            level -= 1
            yield self._newline(level)
        yield '}'


def dumps(obj, *, skipkeys=False, ensure_ascii=True, check_circular=True, allow_nan=True,
          cls=None, indent=None, separators=None, default=None, sort_keys=False, **kw):
    encoder = (cls or JSONEncoder)(skipkeys=skipkeys, ensure_ascii=ensure_ascii,
                                   check_circular=check_circular, allow_nan=allow_nan,
                                   indent=indent, separators=separators, default=default,
                                   sort_keys=sort_keys, **kw)
    return encoder.encode(obj)


def dump(obj, fp, **kw):
    fp.write(dumps(obj, **kw))


_WS = ' \t\n\r'
_BACKSLASH = {'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r',
              't': '\t'}
_NUMBER_CHARS = '0123456789-+.eE'


class _Decoder:
    def __init__(self, doc, object_hook, object_pairs_hook, parse_float, parse_int):
        self.doc = doc
        self.object_hook = object_hook
        self.object_pairs_hook = object_pairs_hook
        self.parse_float = parse_float or float
        self.parse_int = parse_int or int

    def skip(self, i):
        doc = self.doc
        while i < len(doc) and doc[i] in _WS:
            i += 1
        return i

    def value(self, i):
        doc = self.doc
        if i >= len(doc):
            raise JSONDecodeError('Expecting value', doc, i)
        ch = doc[i]
        if ch == '"':
            return self.string(i + 1)
        if ch == '{':
            return self.object(i + 1)
        if ch == '[':
            return self.array(i + 1)
        if ch == 'n' and doc.startswith('null', i):
            return None, i + 4
        if ch == 't' and doc.startswith('true', i):
            return True, i + 4
        if ch == 'f' and doc.startswith('false', i):
            return False, i + 5
        if ch == 'N' and doc.startswith('NaN', i):
            return float('nan'), i + 3
        if ch == 'I' and doc.startswith('Infinity', i):
            return float('inf'), i + 8
        if ch == '-' and doc.startswith('-Infinity', i):
            return float('-inf'), i + 9
        return self.number(i)

    def number(self, i):
        doc = self.doc
        j = i
        if j < len(doc) and doc[j] == '-':
            j += 1
        if j < len(doc) and doc[j] == '0':
            j += 1
        elif j < len(doc) and '1' <= doc[j] <= '9':
            while j < len(doc) and '0' <= doc[j] <= '9':
                j += 1
        else:
            raise JSONDecodeError('Expecting value', doc, i)
        is_float = False
        if j + 1 < len(doc) and doc[j] == '.' and '0' <= doc[j + 1] <= '9':
            is_float = True
            j += 2
            while j < len(doc) and '0' <= doc[j] <= '9':
                j += 1
        if j < len(doc) and doc[j] in 'eE':
            k = j + 1
            if k < len(doc) and doc[k] in '+-':
                k += 1
            if k < len(doc) and '0' <= doc[k] <= '9':
                while k < len(doc) and '0' <= doc[k] <= '9':
                    k += 1
                is_float = True
                j = k
        text = doc[i:j]
        return (self.parse_float(text) if is_float else self.parse_int(text)), j

    def string(self, i):
        doc = self.doc
        begin = i - 1
        chunks = []
        while True:
            j = i
            while j < len(doc) and doc[j] not in '"\\' and doc[j] >= ' ':
                j += 1
            chunks.append(doc[i:j])
            if j >= len(doc):
                raise JSONDecodeError('Unterminated string starting at', doc, begin)
            ch = doc[j]
            if ch == '"':
                return ''.join(chunks), j + 1
            if ch != '\\':
                raise JSONDecodeError('Invalid control character at', doc, j)
            j += 1
            if j >= len(doc):
                raise JSONDecodeError('Unterminated string starting at', doc, begin)
            esc = doc[j]
            if esc == 'u':
                code = self.hex4(j + 1)
                j += 5
                if 0xD800 <= code <= 0xDBFF and doc.startswith('\\u', j):
                    low = self.hex4(j + 2)
                    if 0xDC00 <= low <= 0xDFFF:
                        code = 0x10000 + (((code - 0xD800) << 10) | (low - 0xDC00))
                        j += 6
                chunks.append(chr(code))
                i = j
            else:
                if esc not in _BACKSLASH:
                    raise JSONDecodeError('Invalid \\escape', doc, j - 1)
                chunks.append(_BACKSLASH[esc])
                i = j + 1

    def hex4(self, i):
        esc = self.doc[i:i + 4]
        if len(esc) == 4 and all(c in '0123456789abcdefABCDEF' for c in esc):
            return int(esc, 16)
        raise JSONDecodeError('Invalid \\uXXXX escape', self.doc, i - 1)

    def object(self, i):
        doc = self.doc
        pairs = []
        i = self.skip(i)
        if i < len(doc) and doc[i] == '}':
            return self.finish_object(pairs), i + 1
        while True:
            if i >= len(doc) or doc[i] != '"':
                raise JSONDecodeError(
                    'Expecting property name enclosed in double quotes', doc, i)
            key, i = self.string(i + 1)
            i = self.skip(i)
            if i >= len(doc) or doc[i] != ':':
                raise JSONDecodeError("Expecting ':' delimiter", doc, i)
            i = self.skip(i + 1)
            value, i = self.value(i)
            pairs.append((key, value))
            i = self.skip(i)
            if i < len(doc) and doc[i] == '}':
                return self.finish_object(pairs), i + 1
            if i >= len(doc) or doc[i] != ',':
                raise JSONDecodeError("Expecting ',' delimiter", doc, i)
            i = self.skip(i + 1)

    def finish_object(self, pairs):
        if self.object_pairs_hook is not None:
            return self.object_pairs_hook(pairs)
        result = dict(pairs)
        if self.object_hook is not None:
            return self.object_hook(result)
        return result

    def array(self, i):
        doc = self.doc
        values = []
        i = self.skip(i)
        if i < len(doc) and doc[i] == ']':
            return values, i + 1
        while True:
            value, i = self.value(i)
            values.append(value)
            i = self.skip(i)
            if i < len(doc) and doc[i] == ']':
                return values, i + 1
            if i >= len(doc) or doc[i] != ',':
                raise JSONDecodeError("Expecting ',' delimiter", doc, i)
            i = self.skip(i + 1)


def loads(s, *, cls=None, object_hook=None, parse_float=None, parse_int=None,
          parse_constant=None, object_pairs_hook=None, **kw):
    if isinstance(s, bytes):
        s = s.decode('utf-8')
    elif not isinstance(s, str):
        raise TypeError(f'the JSON object must be str, bytes or bytearray, '
                        f'not {s.__class__.__name__}')
    decoder = _Decoder(s, object_hook, object_pairs_hook, parse_float, parse_int)
    i = decoder.skip(0)
    value, end = decoder.value(i)
    end = decoder.skip(end)
    if end != len(s):
        raise JSONDecodeError('Extra data', s, end)
    return value


def load(fp, **kw):
    return loads(fp.read(), **kw)
