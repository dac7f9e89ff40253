# The `socket` module, as far as asyncio stream programs use it: the address-family and
# socket-kind enums, the constants, the exception classes and getaddrinfo (socket.py and
# socketmodule.c of CPython 3.12), and `socket.socket` for stream sockets, TCP over IPv4/IPv6
# or AF_UNIX (blocking by default, or non-blocking for the loop's sock_* methods; no timeouts
# other than None and 0).
#
# Native helpers injected by src/modules/asyncio_module.rs (from asyncio/sockets.rs):
#   _getaddrinfo(host, port, family, type, proto, flags)  getaddrinfo(3), plain int fields
#   _gaierror                                             the socket.gaierror class
#   _socket(family)                                       the OS socket asyncio uses too

import enum as _enum


class AddressFamily(_enum.IntEnum):
    AF_UNSPEC = 0
    AF_UNIX = 1
    AF_INET = 2
    AF_INET6 = 10


class SocketKind(_enum.IntEnum):
    SOCK_STREAM = 1
    SOCK_DGRAM = 2
    SOCK_RAW = 3


AddressFamily.__module__ = 'socket'
SocketKind.__module__ = 'socket'
AF_UNSPEC = AddressFamily.AF_UNSPEC
AF_UNIX = AddressFamily.AF_UNIX
AF_INET = AddressFamily.AF_INET
AF_INET6 = AddressFamily.AF_INET6
SOCK_STREAM = SocketKind.SOCK_STREAM
SOCK_DGRAM = SocketKind.SOCK_DGRAM
SOCK_RAW = SocketKind.SOCK_RAW

# getaddrinfo flags (CPython wraps these in an IntFlag; str() is the same).
AI_PASSIVE = 1
AI_CANONNAME = 2
AI_NUMERICHOST = 4
AI_V4MAPPED = 8
AI_ALL = 16
AI_ADDRCONFIG = 32
AI_NUMERICSERV = 1024

IPPROTO_IP = 0
IPPROTO_TCP = 6
IPPROTO_UDP = 17
IPPROTO_IPV6 = 41
SOL_SOCKET = 1
SO_REUSEADDR = 2
SO_REUSEPORT = 15
SO_ERROR = 4
SO_KEEPALIVE = 9
TCP_NODELAY = 1
IPV6_V6ONLY = 26
SHUT_RD = 0
SHUT_WR = 1
SHUT_RDWR = 2
SOMAXCONN = 4096
has_ipv6 = True

error = OSError
timeout = TimeoutError
gaierror = _gaierror
del _gaierror


class herror(OSError):
    pass


def _intenum_converter(value, enum_klass):
    """Mirrors socket.py _intenum_converter: the enum member when there is one."""
    try:
        return enum_klass(value)
    except ValueError:
        return value


def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
    """Mirrors socket.py getaddrinfo: (family, type, proto, canonname, sockaddr) tuples."""
    addrlist = []
    for af, socktype, proto, canonname, sa in _getaddrinfo(host, port, family, type, proto,
                                                           flags):
        addrlist.append((_intenum_converter(af, AddressFamily),
                         _intenum_converter(socktype, SocketKind),
                         proto, canonname, sa))
    return addrlist


class socket:
    """Mirrors socket.py socket over the native TCP socket (blocking unless told otherwise)."""

    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        if fileno is not None:
            raise NotImplementedError('socket(fileno=...) is not supported by percolate')
        if family == -1:
            family = AF_INET
        if type == -1:
            type = SOCK_STREAM
        if proto == -1:
            proto = 0
        if family not in (AF_INET, AF_INET6, AF_UNIX) or type != SOCK_STREAM:
            raise NotImplementedError('percolate sockets are stream sockets (TCP or AF_UNIX) only')
        self._init(_socket(family), proto)
        self._sock.setblocking(True)
        self._timeout = None

    def _init(self, sock, proto):
        self._sock = sock
        self._proto = proto
        self._closed = False
        # The native methods themselves, so that tracebacks show no Python frame for them (in
        # CPython they are C methods of _socket.socket).
        for name in ('fileno', 'bind', 'listen', 'connect', 'recv', 'send', 'sendall',
                     'shutdown', 'getsockname', 'getpeername', 'getsockopt', 'setsockopt',
                     '_connect_error'):
            setattr(self, name, getattr(sock, name))

    @property
    def family(self):
        return _intenum_converter(self._sock.family, AddressFamily)

    @property
    def type(self):
        return _intenum_converter(self._sock.type, SocketKind)

    @property
    def proto(self):
        return self._proto

    def __repr__(self):
        closed = self._closed
        s = '<%s.%s%s fd=%i, family=%s, type=%s, proto=%i' % (
            self.__class__.__module__, self.__class__.__qualname__,
            ' [closed]' if closed else '', self.fileno(), self.family, self.type, self.proto)
        if not closed:
            try:
                laddr = self.getsockname()
                if laddr:
                    s += ', laddr=%s' % str(laddr)
            except OSError:
                pass
            try:
                raddr = self.getpeername()
                if raddr:
                    s += ', raddr=%s' % str(raddr)
            except OSError:
                pass
        return s + '>'

    def __enter__(self):
        return self

    def __exit__(self, *args):
        if not self._closed:
            self.close()

    def fileno(self):
        return self._sock.fileno()

    def close(self):
        self._closed = True
        self._sock.close()

    def setblocking(self, flag):
        self._sock.setblocking(flag)
        self._timeout = None if flag else 0.0

    def getblocking(self):
        return self._timeout != 0.0

    def settimeout(self, value):
        if value is None:
            self.setblocking(True)
        elif value == 0:
            self.setblocking(False)
        else:
            raise NotImplementedError('socket timeouts are not supported by percolate')

    def gettimeout(self):
        return self._timeout

    def bind(self, address):
        self._sock.bind(address)

    def listen(self, backlog=None):
        if backlog is None:
            backlog = min(SOMAXCONN, 128)
        self._sock.listen(backlog)

    def accept(self):
        conn, address = self._sock.accept()
        sock = socket.__new__(socket)
        sock._init(conn, self._proto)
        # As socket.py: a connection accepted by a blocking socket is blocking.
        sock._timeout = self._timeout
        conn.setblocking(self._timeout != 0.0)
        return sock, address

    def connect(self, address):
        self._sock.connect(address)

    def connect_ex(self, address):
        try:
            self._sock.connect(address)
        except OSError as exc:
            return exc.errno
        return 0

    def _connect_error(self):
        return self._sock._connect_error()

    def setsockopt(self, level, optname, value):
        self._sock.setsockopt(level, optname, value)

    def recv(self, bufsize):
        return self._sock.recv(bufsize)

    def send(self, data, *offset):
        return self._sock.send(bytes(data), *offset)

    def sendall(self, data):
        data = bytes(data)
        sent = 0
        while sent < len(data):
            sent += self._sock.send(data, sent)

    def shutdown(self, how):
        self._sock.shutdown(how)

    def getsockname(self):
        return self._sock.getsockname()

    def getpeername(self):
        return self._sock.getpeername()
