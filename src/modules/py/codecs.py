"""codecs for the encodings percolate's str/bytes support (utf-8, latin-1, ascii): lookup,
encode/decode, incremental encoders/decoders (UTF-8 sequences split across chunks are kept
until complete), iterencode/iterdecode and the BOM constants."""

__all__ = ["register", "lookup", "open", "EncodedFile", "BOM", "BOM_BE", "BOM_LE", "BOM32_BE",
           "BOM32_LE", "BOM64_BE", "BOM64_LE", "BOM_UTF8", "BOM_UTF16", "BOM_UTF16_LE",
           "BOM_UTF16_BE", "BOM_UTF32", "BOM_UTF32_LE", "BOM_UTF32_BE", "CodecInfo", "Codec",
           "IncrementalEncoder", "IncrementalDecoder", "getencoder", "getdecoder",
           "getincrementalencoder", "getincrementaldecoder", "iterencode", "iterdecode",
           "encode", "decode", "strict_errors", "ignore_errors", "replace_errors",
           "xmlcharrefreplace_errors", "backslashreplace_errors", "register_error",
           "lookup_error"]

BOM_UTF8 = b'\xef\xbb\xbf'
BOM_LE = BOM_UTF16_LE = b'\xff\xfe'
BOM_BE = BOM_UTF16_BE = b'\xfe\xff'
BOM_UTF32_LE = b'\xff\xfe\x00\x00'
BOM_UTF32_BE = b'\x00\x00\xfe\xff'
BOM = BOM_UTF16 = BOM_UTF16_LE
BOM_UTF32 = BOM_UTF32_LE
BOM32_LE = BOM_UTF16_LE
BOM32_BE = BOM_UTF16_BE
BOM64_LE = BOM_UTF32_LE
BOM64_BE = BOM_UTF32_BE

_ALIASES = {
    'utf8': 'utf-8', 'utf_8': 'utf-8', 'u8': 'utf-8', 'utf': 'utf-8', 'cp65001': 'utf-8',
    'latin1': 'iso8859-1', 'latin_1': 'iso8859-1', 'latin': 'iso8859-1', 'l1': 'iso8859-1',
    'iso8859_1': 'iso8859-1', 'iso_8859_1': 'iso8859-1', 'iso88591': 'iso8859-1',
    'iso8859-1': 'iso8859-1', '8859': 'iso8859-1', 'cp819': 'iso8859-1',
    'ascii': 'ascii', 'us_ascii': 'ascii', 'us-ascii': 'ascii', '646': 'ascii',
    'ansi_x3.4_1968': 'ascii', 'iso646_us': 'ascii', 'utf-8': 'utf-8',
}
_STR_NAMES = {'utf-8': 'utf-8', 'iso8859-1': 'latin-1', 'ascii': 'ascii'}
_search_functions = []
_error_handlers = {}


def _normalize(encoding):
    key = encoding.strip().lower().replace(' ', '_')
    if key in _ALIASES:
        return _ALIASES[key]
    key = key.replace('-', '_')
    return _ALIASES.get(key)


class Codec:
    """Stateless encode/decode returning (output, length consumed)."""

    def encode(self, input, errors='strict'):
        raise NotImplementedError

    def decode(self, input, errors='strict'):
        raise NotImplementedError


class IncrementalEncoder:
    """Encodes text chunk by chunk."""

    def __init__(self, errors='strict'):
        self.errors = errors
        self.buffer = ""

    def encode(self, input, final=False):
        raise NotImplementedError

    def reset(self):
        pass

    def getstate(self):
        return 0

    def setstate(self, state):
        pass


class IncrementalDecoder:
    """Decodes bytes chunk by chunk."""

    def __init__(self, errors='strict'):
        self.errors = errors

    def decode(self, input, final=False):
        raise NotImplementedError

    def reset(self):
        pass

    def getstate(self):
        return (b"", 0)

    def setstate(self, state):
        pass


class BufferedIncrementalDecoder(IncrementalDecoder):
    """An incremental decoder that keeps undecoded trailing bytes for the next call."""

    def __init__(self, errors='strict'):
        IncrementalDecoder.__init__(self, errors)
        self.buffer = b""

    def _buffer_decode(self, input, errors, final):
        raise NotImplementedError

    def decode(self, input, final=False):
        data = self.buffer + bytes(input)
        (result, consumed) = self._buffer_decode(data, self.errors, final)
        self.buffer = data[consumed:]
        return result

    def reset(self):
        IncrementalDecoder.reset(self)
        self.buffer = b""

    def getstate(self):
        return (self.buffer, 0)

    def setstate(self, state):
        self.buffer = state[0]


def _utf8_complete_length(data):
    """How many leading bytes of data do not end inside an incomplete UTF-8 sequence."""
    n = len(data)
    for back in range(1, min(4, n) + 1):
        b = data[n - back]
        if b & 0xC0 == 0x80:
            continue
        if b & 0xE0 == 0xC0:
            need = 2
        elif b & 0xF0 == 0xE0:
            need = 3
        elif b & 0xF8 == 0xF0:
            need = 4
        else:
            return n
        return n - back if back < need else n
    return n


def _make_codec(name):
    text_name = _STR_NAMES[name]

    def encode(input, errors='strict'):
        return (input.encode(text_name, errors), len(input))

    def decode(input, errors='strict', final=False):
        data = bytes(input)
        if text_name == 'utf-8' and not final:
            complete = _utf8_complete_length(data)
            return (data[:complete].decode(text_name, errors), complete)
        return (data.decode(text_name, errors), len(data))

    class _Encoder(IncrementalEncoder):
        def encode(self, input, final=False):
            return input.encode(text_name, self.errors)

    class _Decoder(BufferedIncrementalDecoder):
        def _buffer_decode(self, input, errors, final):
            return decode(input, errors, final)

    def stateless_decode(input, errors='strict'):
        return decode(input, errors, True)

    return CodecInfo(encode, stateless_decode, name=name, incrementalencoder=_Encoder,
                     incrementaldecoder=_Decoder)


class CodecInfo(tuple):
    """(encode, decode, streamreader, streamwriter) plus name and incremental classes."""

    _is_text_encoding = True

    def __new__(cls, encode, decode, streamreader=None, streamwriter=None,
                incrementalencoder=None, incrementaldecoder=None, name=None, *,
                _is_text_encoding=None):
        self = tuple.__new__(cls, (encode, decode, streamreader, streamwriter))
        self.name = name
        self.encode = encode
        self.decode = decode
        self.incrementalencoder = incrementalencoder
        self.incrementaldecoder = incrementaldecoder
        self.streamwriter = streamwriter
        self.streamreader = streamreader
        if _is_text_encoding is not None:
            self._is_text_encoding = _is_text_encoding
        return self

    def __repr__(self):
        return "<%s.%s object for encoding %s at %#x>" % (
            self.__class__.__module__, self.__class__.__qualname__, self.name, id(self))


CodecInfo.__module__ = 'codecs'
_cache = {}


def register(search_function):
    if not callable(search_function):
        raise TypeError("argument must be callable")
    _search_functions.append(search_function)


def unregister(search_function):
    if search_function in _search_functions:
        _search_functions.remove(search_function)


def lookup(encoding):
    if not isinstance(encoding, str):
        raise TypeError("lookup() argument must be str, not %s" % type(encoding).__name__)
    name = _normalize(encoding)
    if name is not None:
        if name not in _cache:
            _cache[name] = _make_codec(name)
        return _cache[name]
    normalized = encoding.lower().replace(' ', '_')
    for search in _search_functions:
        result = search(normalized)
        if result is not None:
            return result
    raise LookupError("unknown encoding: %s" % encoding)


def encode(obj, encoding='utf-8', errors='strict'):
    return lookup(encoding).encode(obj, errors)[0]


def decode(obj, encoding='utf-8', errors='strict'):
    return lookup(encoding).decode(obj, errors)[0]


def getencoder(encoding):
    return lookup(encoding).encode


def getdecoder(encoding):
    return lookup(encoding).decode


def getincrementalencoder(encoding):
    encoder = lookup(encoding).incrementalencoder
    if encoder is None:
        raise LookupError(encoding)
    return encoder


def getincrementaldecoder(encoding):
    decoder = lookup(encoding).incrementaldecoder
    if decoder is None:
        raise LookupError(encoding)
    return decoder


def iterencode(iterator, encoding, errors='strict', **kwargs):
    encoder = getincrementalencoder(encoding)(errors, **kwargs)
    for input in iterator:
        output = encoder.encode(input)
        if output:
            yield output
    output = encoder.encode("", True)
    if output:
        yield output


def iterdecode(iterator, encoding, errors='strict', **kwargs):
    decoder = getincrementaldecoder(encoding)(errors, **kwargs)
    for input in iterator:
        output = decoder.decode(input)
        if output:
            yield output
    output = decoder.decode(b"", True)
    if output:
        yield output


def open(filename, mode='r', encoding=None, errors='strict', buffering=-1):
    import builtins
    if encoding is None or 'b' in mode:
        return builtins.open(filename, mode)
    return builtins.open(filename, mode, encoding=encoding)


def EncodedFile(file, data_encoding, file_encoding=None, errors='strict'):
    raise NotImplementedError("percolate does not implement codecs.EncodedFile")


def register_error(name, error_handler):
    _error_handlers[name] = error_handler


def lookup_error(name):
    if name in ('strict', 'ignore', 'replace', 'xmlcharrefreplace', 'backslashreplace',
                'surrogateescape', 'namereplace'):
        return globals().get(name + '_errors', name)
    try:
        return _error_handlers[name]
    except KeyError:
        raise LookupError("unknown error handler name %r" % name) from None


def strict_errors(exception):
    raise exception


def ignore_errors(exception):
    return ('', exception.end)


def replace_errors(exception):
    if isinstance(exception, UnicodeDecodeError):
        return ('\ufffd', exception.end)
    return ('?' * (exception.end - exception.start), exception.end)


def xmlcharrefreplace_errors(exception):
    s = exception.object[exception.start:exception.end]
    return (''.join('&#%d;' % ord(c) for c in s), exception.end)


def backslashreplace_errors(exception):
    s = exception.object[exception.start:exception.end]
    if isinstance(exception, UnicodeDecodeError):
        return (''.join('\\x%02x' % b for b in s), exception.end)
    out = []
    for c in s:
        n = ord(c)
        if n < 0x100:
            out.append('\\x%02x' % n)
        elif n < 0x10000:
            out.append('\\u%04x' % n)
        else:
            out.append('\\U%08x' % n)
    return (''.join(out), exception.end)
