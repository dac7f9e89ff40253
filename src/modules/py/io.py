# The `io` module's in-memory streams: StringIO and BytesIO (Modules/_io/stringio.c and
# bytesio.c behaviour and messages: position, seek/tell/truncate, read/readline/readlines,
# iteration, closing). `open()` is the builtin; file objects are not created here.

SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2
DEFAULT_BUFFER_SIZE = 8192


class UnsupportedOperation(OSError, ValueError):
    pass


class _MemoryStream:
    """What StringIO and BytesIO share: a buffer and a position into it."""

    _closed_message = 'I/O operation on closed file.'

    def __init__(self, initial_value):
        self._buffer = initial_value
        self._pos = 0
        self._closed = False

    def _check_open(self):
        if self._closed:
            raise ValueError(self._closed_message)

    @property
    def closed(self):
        return self._closed

    def close(self):
        self._closed = True

    def readable(self):
        self._check_open()
        return True

    def writable(self):
        self._check_open()
        return True

    def seekable(self):
        self._check_open()
        return True

    def isatty(self):
        self._check_open()
        return False

    def flush(self):
        self._check_open()

    def tell(self):
        self._check_open()
        return self._pos

    def getvalue(self):
        self._check_open()
        return self._buffer

    def read(self, size=-1):
        self._check_open()
        if size is None or size < 0:
            end = len(self._buffer)
        else:
            end = min(len(self._buffer), self._pos + size)
        start = min(self._pos, len(self._buffer))
        self._pos = max(self._pos, end)
        return self._buffer[start:end]

    def readline(self, size=-1):
        self._check_open()
        newline = '\n' if isinstance(self._buffer, str) else b'\n'
        start = min(self._pos, len(self._buffer))
        end = self._buffer.find(newline, start)
        end = len(self._buffer) if end < 0 else end + 1
        if size is not None and size >= 0:
            end = min(end, start + size)
        self._pos = max(self._pos, end)
        return self._buffer[start:end]

    def readlines(self, hint=-1):
        lines = []
        total = 0
        while True:
            line = self.readline()
            if not line:
                break
            lines.append(line)
            total += len(line)
            if hint is not None and 0 < hint <= total:
                break
        return lines

    def __iter__(self):
        self._check_open()
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def __enter__(self):
        self._check_open()
        return self

    def __exit__(self, *exc_info):
        self.close()

    def _write(self, data):
        self._check_open()
        if not data:
            return 0
        buffer = self._buffer
        if self._pos > len(buffer):
            filler = '\0' if isinstance(buffer, str) else b'\0'
            buffer = buffer + filler * (self._pos - len(buffer))
        self._buffer = buffer[:self._pos] + data + buffer[self._pos + len(data):]
        self._pos += len(data)
        return len(data)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def truncate(self, size=None):
        self._check_open()
        if size is None:
            size = self._pos
        elif size < 0:
            raise ValueError(f'Negative size value {size}')
        self._buffer = self._buffer[:size]
        return size


class StringIO(_MemoryStream):
    """A text stream in memory."""

    _closed_message = 'I/O operation on closed file'

    def __init__(self, initial_value='', newline='\n'):
        if initial_value is None:
            initial_value = ''
        if not isinstance(initial_value, str):
            raise TypeError('initial_value must be str or None, not '
                            f'{type(initial_value).__name__}')
        super().__init__(initial_value)
        self.newline = newline

    def write(self, s):
        if not isinstance(s, str):
            raise TypeError(f'string argument expected, got {type(s).__name__!r}')
        return self._write(s)

    def seek(self, pos, whence=0):
        self._check_open()
        if whence == 0:
            if pos < 0:
                raise ValueError(f'Negative seek position {pos}')
            self._pos = pos
        elif whence in (1, 2):
            if pos != 0:
                raise OSError("Can't do nonzero cur-relative seeks")
            if whence == 2:
                self._pos = len(self._buffer)
        else:
            raise ValueError(f'Invalid whence ({whence}, should be 0, 1 or 2)')
        return self._pos

    @property
    def line_buffering(self):
        return False

    @property
    def encoding(self):
        return None

    def __repr__(self):
        return f'<_io.StringIO object at {id(self):#x}>'


class BytesIO(_MemoryStream):
    """A binary stream in memory."""

    def __init__(self, initial_bytes=b''):
        if initial_bytes is None:
            initial_bytes = b''
        super().__init__(bytes(initial_bytes))

    def write(self, b):
        if isinstance(b, str):
            raise TypeError("a bytes-like object is required, not 'str'")
        return self._write(bytes(b))

    def seek(self, pos, whence=0):
        self._check_open()
        if whence == 0:
            if pos < 0:
                raise ValueError(f'negative seek value {pos}')
            self._pos = pos
        elif whence == 1:
            self._pos = max(0, self._pos + pos)
        elif whence == 2:
            self._pos = max(0, len(self._buffer) + pos)
        else:
            raise ValueError(f'invalid whence ({whence}, should be 0, 1 or 2)')
        return self._pos

    def read1(self, size=-1):
        return self.read(size)

    def __repr__(self):
        return f'<_io.BytesIO object at {id(self):#x}>'


StringIO.__module__ = '_io'
BytesIO.__module__ = '_io'
