# The `socket` module, as far as asyncio stream programs use it: the address-family and
# socket-kind enums, the constants, the exception classes and getaddrinfo (socket.py and
# socketmodule.c of CPython 3.12). Sockets themselves are made by asyncio's loop methods;
# `socket.socket(...)` is not provided.
#
# Native helpers injected by src/modules/asyncio_module.rs (from asyncio/sockets.rs):
#   _getaddrinfo(host, port, family, type, proto, flags)  getaddrinfo(3), plain int fields
#   _gaierror                                             the socket.gaierror class

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
