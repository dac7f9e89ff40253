"""Regular expressions: CPython's re module surface over percolate's native matcher
(_compile, _match, _find_all are set by src/modules/re/mod.rs)."""

__all__ = ["match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer",
           "compile", "purge", "escape", "error", "Pattern", "Match", "A", "I", "L", "M",
           "S", "X", "U", "ASCII", "IGNORECASE", "LOCALE", "MULTILINE", "DOTALL", "VERBOSE",
           "UNICODE", "NOFLAG", "RegexFlag"]

_FLAG_NAMES = (("ASCII", 256), ("IGNORECASE", 2), ("LOCALE", 4), ("UNICODE", 32),
               ("MULTILINE", 8), ("DOTALL", 16), ("VERBOSE", 64), ("TEMPLATE", 1),
               ("DEBUG", 128))


class RegexFlag(int):
    """The re flags: an int whose repr names the flags it holds."""

    def __repr__(self):
        value = int(self)
        if value == 0:
            return "re.NOFLAG"
        negative = value < 0
        if negative:
            value = ~value
        names = []
        for name, bit in _FLAG_NAMES:
            if value & bit:
                names.append("re." + name)
                value &= ~bit
        if value:
            names.append(hex(value))
        text = "|".join(names)
        return "~" + text if negative else text

    __str__ = __repr__

    def __or__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return RegexFlag(int(self) | int(other))

    __ror__ = __or__

    def __and__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return RegexFlag(int(self) & int(other))

    __rand__ = __and__

    def __xor__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return RegexFlag(int(self) ^ int(other))

    __rxor__ = __xor__

    def __invert__(self):
        value = 0
        for _, bit in _FLAG_NAMES:
            if not int(self) & bit:
                value |= bit
        return RegexFlag(value)


NOFLAG = RegexFlag(0)
A = ASCII = RegexFlag(256)
I = IGNORECASE = RegexFlag(2)
L = LOCALE = RegexFlag(4)
U = UNICODE = RegexFlag(32)
M = MULTILINE = RegexFlag(8)
S = DOTALL = RegexFlag(16)
X = VERBOSE = RegexFlag(64)
T = TEMPLATE = RegexFlag(1)
DEBUG = RegexFlag(128)


class error(Exception):
    """Exception raised for an invalid regular expression (msg, pattern, pos, lineno, colno)."""

    def __init__(self, msg, pattern=None, pos=None):
        self.msg = msg
        self.pattern = pattern
        self.pos = pos
        if pattern is not None and pos is not None:
            msg = '%s at position %d' % (msg, pos)
            if isinstance(pattern, str):
                newline = '\n'
            else:
                newline = b'\n'
            self.lineno = pattern.count(newline, 0, pos) + 1
            self.colno = pos - pattern.rfind(newline, 0, pos)
            if newline in pattern:
                msg = '%s (line %d, column %d)' % (msg, self.lineno, self.colno)
        else:
            self.lineno = self.colno = None
        super().__init__(msg)


error.__module__ = 're'
PatternError = error

_MAXSIZE = 9223372036854775807


def _bytes_like(value):
    if isinstance(value, bytearray):
        return bytes(value)
    return value


class Match:
    """The result of a successful match."""

    __slots__ = ("re", "string", "pos", "endpos", "_slots", "lastindex", "_subject")

    def __init__(self, pattern, string, subject, pos, endpos, found):
        self.re = pattern
        self.string = string
        self._subject = subject
        self.pos = pos
        self.endpos = endpos
        self._slots = found[0]
        self.lastindex = found[1]

    @property
    def lastgroup(self):
        if self.lastindex is None:
            return None
        for name, index in self.re.groupindex.items():
            if index == self.lastindex:
                return name
        return None

    @property
    def regs(self):
        slots = self._slots
        return tuple((slots[2 * i], slots[2 * i + 1]) for i in range(len(slots) // 2))

    def _index(self, group):
        if isinstance(group, int):
            if 0 <= group <= self.re.groups:
                return group
        elif isinstance(group, str):
            index = self.re.groupindex.get(group)
            if index is not None:
                return index
        else:
            try:
                group = group.__index__()
            except (AttributeError, TypeError):
                raise IndexError("no such group") from None
            if 0 <= group <= self.re.groups:
                return group
        raise IndexError("no such group")

    def _get(self, index, default=None):
        start = self._slots[2 * index]
        end = self._slots[2 * index + 1]
        if start < 0 or end < 0:
            return default
        return self._subject[start:end]

    def group(self, *groups):
        if not groups:
            return self._get(0)
        if len(groups) == 1:
            return self._get(self._index(groups[0]))
        return tuple(self._get(self._index(g)) for g in groups)

    def __getitem__(self, group):
        return self._get(self._index(group))

    def groups(self, default=None):
        return tuple(self._get(i, default) for i in range(1, self.re.groups + 1))

    def groupdict(self, default=None):
        return {name: self._get(index, default) for name, index in self.re.groupindex.items()}

    def start(self, group=0):
        return self._slots[2 * self._index(group)]

    def end(self, group=0):
        return self._slots[2 * self._index(group) + 1]

    def span(self, group=0):
        index = self._index(group)
        return (self._slots[2 * index], self._slots[2 * index + 1])

    def expand(self, template):
        return _expand(self.re, template)(self)

    def __repr__(self):
        return "<re.Match object; span=%r, match=%r>" % (self.span(), self.group())

    def __bool__(self):
        return True

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)


Match.__module__ = 're'


class Pattern:
    """A compiled regular expression."""

    __slots__ = ("pattern", "flags", "groups", "groupindex", "_code", "_is_bytes")

    def __init__(self, pattern, flags):
        result = _compile(pattern, int(flags))
        if result[0] is None:
            if result[2] < 0:
                raise error(result[1])
            raise error(result[1], pattern, result[2])
        self._code, self.groups, names, final_flags = result
        self._is_bytes = isinstance(pattern, bytes)
        if not self._is_bytes and not final_flags & 256:
            final_flags |= 32
        self.pattern = pattern
        self.flags = final_flags
        self.groupindex = dict(names)

    def _subject(self, string):
        return _bytes_like(string)

    def _run(self, string, pos, endpos, mode):
        subject = _bytes_like(string)
        found = _match(self._code, subject, pos, endpos, mode)
        if found is None:
            return None
        if endpos is None or endpos > len(subject):
            endpos = len(subject)
        pos = min(max(pos, 0), len(subject))
        endpos = max(endpos, 0)
        return Match(self, string, subject, pos, endpos, found)

    def match(self, string, pos=0, endpos=_MAXSIZE):
        return self._run(string, pos, endpos, 0)

    def fullmatch(self, string, pos=0, endpos=_MAXSIZE):
        return self._run(string, pos, endpos, 1)

    def search(self, string, pos=0, endpos=_MAXSIZE):
        return self._run(string, pos, endpos, 2)

    def _all(self, string, pos, endpos, limit):
        subject = _bytes_like(string)
        found = _find_all(self._code, subject, pos, endpos, limit)
        return subject, found

    def finditer(self, string, pos=0, endpos=_MAXSIZE):
        subject, found = self._all(string, pos, endpos, 0)
        length = len(subject)
        pos = min(max(pos, 0), length)
        endpos = min(max(endpos, 0), length)
        return iter([Match(self, string, subject, pos, endpos, f) for f in found])

    def findall(self, string, pos=0, endpos=_MAXSIZE):
        return _findall(self._code, _bytes_like(string), pos, endpos, self.groups)

    def split(self, string, maxsplit=0):
        if maxsplit < 0:
            return [string]
        return _split(self._code, _bytes_like(string), maxsplit, self.groups)

    def subn(self, repl, string, count=0):
        if count < 0:
            return (string, 0)
        if not callable(repl):
            parts = _template_parts(self, repl)
            return _subn(self._code, _bytes_like(string), parts, count)
        subject, found = self._all(string, 0, None, count)
        pieces = []
        last = 0
        length = len(subject)
        for f in found:
            slots = f[0]
            pieces.append(subject[last:slots[0]])
            piece = repl(Match(self, string, subject, 0, length, f))
            if piece is not None:
                pieces.append(piece)
            last = slots[1]
        pieces.append(subject[last:])
        return (subject[:0].join(pieces), len(found))

    def sub(self, repl, string, count=0):
        return self.subn(repl, string, count)[0]

    def __repr__(self):
        flags = self.flags
        if not self._is_bytes:
            flags &= ~32
        text = repr(self.pattern)[:200]
        if flags:
            return "re.compile(%s, %r)" % (text, RegexFlag(flags))
        return "re.compile(%s)" % text

    def __eq__(self, other):
        if not isinstance(other, Pattern):
            return NotImplemented
        return self.pattern == other.pattern and self.flags == other.flags

    def __hash__(self):
        return hash((self.pattern, self.flags))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)


Pattern.__module__ = 're'

_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v",
            "\\": "\\"}
_ASCII_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _parse_template(pattern, template):
    """Mirrors re/_parser.py parse_template: literal chunks and group numbers."""
    is_bytes = isinstance(template, bytes)
    text = template.decode("latin-1") if is_bytes else template
    parts = []
    literal = []
    i = 0
    n = len(text)
    groups = pattern.groups
    while i < n:
        c = text[i]
        if c != "\\":
            literal.append(c)
            i += 1
            continue
        if i + 1 >= n:
            raise error("bad escape (end of pattern)", template, i)
        c = text[i + 1]
        start = i
        i += 2
        if c == "g":
            if i >= n or text[i] != "<":
                raise error("missing <", template, i)
            close = text.find(">", i + 1)
            if close < 0:
                raise error("missing >, unterminated name", template, i + 1)
            name = text[i + 1:close]
            if not name:
                raise error("missing group name", template, i + 1)
            if name.isdigit() and name.isascii():
                index = int(name)
                if index > groups:
                    raise error("invalid group reference %d" % index, template, i + 1)
            elif name.isidentifier():
                if name not in pattern.groupindex:
                    raise IndexError("unknown group name '%s'" % name)
                index = pattern.groupindex[name]
            else:
                raise error("bad character in group name '%s'" % name, template, i + 1)
            i = close + 1
        elif c == "0":
            digits = c
            while i < n and len(digits) < 3 and text[i] in "01234567":
                digits += text[i]
                i += 1
            literal.append(chr(int(digits, 8)))
            continue
        elif c.isdigit() and c.isascii():
            digits = c
            if i < n and text[i].isdigit() and text[i].isascii():
                digits += text[i]
                i += 1
                if (digits[0] in "01234567" and digits[1] in "01234567" and i < n
                        and text[i] in "01234567"):
                    digits += text[i]
                    i += 1
                    value = int(digits, 8)
                    if value > 0o377:
                        raise error("octal escape value \\%s outside of range 0-0o377"
                                    % digits, template, start)
                    literal.append(chr(value))
                    continue
            index = int(digits)
            if index > groups:
                raise error("invalid group reference %d" % index, template, start + 1)
        elif c in _ESCAPES:
            literal.append(_ESCAPES[c])
            continue
        elif c in _ASCII_LETTERS:
            raise error("bad escape \\%s" % c, template, start)
        else:
            literal.append("\\" + c)
            continue
        if literal:
            parts.append("".join(literal))
            literal = []
        parts.append(index)
    if literal:
        parts.append("".join(literal))
    if is_bytes:
        parts = [p.encode("latin-1") if isinstance(p, str) else p for p in parts]
    return parts


def _template_parts(pattern, template):
    """The literal parts and group numbers of a replacement template, type-checked."""
    if isinstance(template, (bytes, bytearray)):
        if not pattern._is_bytes:
            raise TypeError("expected str instance, %s found" % type(template).__name__)
        template = bytes(template)
    elif not isinstance(template, str):
        raise TypeError("expected str instance, %s found" % type(template).__name__)
    elif pattern._is_bytes:
        raise TypeError("expected a bytes-like object, str found")
    return _parse_template(pattern, template)


def _expand(pattern, template):
    """A function of a Match that builds the replacement `template` describes."""
    parts = _template_parts(pattern, template)
    empty = b'' if pattern._is_bytes else ''

    def build(m):
        out = []
        for p in parts:
            if isinstance(p, int):
                value = m.group(p)
                if value is not None:
                    out.append(value)
            else:
                out.append(p)
        return empty.join(out)
    return build


_cache = {}
_MAXCACHE = 512


def _compile_pattern(pattern, flags):
    if isinstance(flags, RegexFlag):
        flags = int(flags)
    if isinstance(pattern, Pattern):
        if flags:
            raise ValueError("cannot process flags argument with a compiled pattern")
        return pattern
    key = (type(pattern), pattern, flags)
    compiled = _cache.get(key)
    if compiled is None:
        if not isinstance(pattern, (str, bytes)):
            raise TypeError("first argument must be string or compiled pattern")
        if flags & 128:
            raise NotImplementedError("percolate does not support re.DEBUG")
        compiled = Pattern(pattern, flags)
        if len(_cache) >= _MAXCACHE:
            _cache.clear()
        _cache[key] = compiled
    return compiled


def compile(pattern, flags=0):
    return _compile_pattern(pattern, flags)


def match(pattern, string, flags=0):
    return _compile_pattern(pattern, flags).match(string)


def fullmatch(pattern, string, flags=0):
    return _compile_pattern(pattern, flags).fullmatch(string)


def search(pattern, string, flags=0):
    return _compile_pattern(pattern, flags).search(string)


def sub(pattern, repl, string, count=0, flags=0):
    return _compile_pattern(pattern, flags).sub(repl, string, count)


def subn(pattern, repl, string, count=0, flags=0):
    return _compile_pattern(pattern, flags).subn(repl, string, count)


def split(pattern, string, maxsplit=0, flags=0):
    return _compile_pattern(pattern, flags).split(string, maxsplit)


def findall(pattern, string, flags=0):
    return _compile_pattern(pattern, flags).findall(string)


def finditer(pattern, string, flags=0):
    return _compile_pattern(pattern, flags).finditer(string)


def purge():
    _cache.clear()


_SPECIAL = frozenset("()[]{}?*+-|^$\\.&~# \t\n\r\v\f")


def escape(pattern):
    if isinstance(pattern, str):
        return "".join("\\" + c if c in _SPECIAL else c for c in pattern)
    data = bytes(pattern).decode("latin-1")
    return "".join("\\" + c if c in _SPECIAL else c for c in data).encode("latin-1")
