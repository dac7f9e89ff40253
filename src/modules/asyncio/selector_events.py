# The socket half of the asyncio event loop (the layer under asyncio/streams.py), mirroring
# CPython 3.12 method by method so that callbacks run in CPython's order:
#   base_events.py     getaddrinfo, create_connection, create_server, Server
#   selector_events.py add_reader/..., sock_*, _accept_connection, _SelectorSocketTransport
#   protocols.py / transports.py / trsock.py   the base classes and TransportSocket
# Executed in the `asyncio` module's namespace after core.py and prelude.py, before streams.py.
# The transport's write buffer is bytes chunks rather than a bytearray; nothing visible depends
# on it.
#
# Native helpers injected by src/modules/asyncio/sockets.rs:
#   _socket(family)                 a non-blocking TCP socket object (fileno, connect, bind,
#                                   listen, accept, recv, send, shutdown, close, getsockname,
#                                   getpeername, setsockopt, _connect_error =
#                                   getsockopt(SO_ERROR))
#   _getaddrinfo(host, port, family, flags)   socket.getaddrinfo for SOCK_STREAM
#   _is_ip_address(family, host)    socket.inet_pton succeeds
#   _os_error(errno, message)       OSError(errno, message) of the errno's subclass
#   _gaierror                       the socket.gaierror class

_AF_UNSPEC = 0
_AF_UNIX = 1
_AF_INET = 2
_AF_INET6 = 10
_SOCK_STREAM = 1
_IPPROTO_TCP = 6
_AI_PASSIVE = 1
_SHUT_WR = 1
_TCP_NODELAY = 1
_EADDRINUSE = 98
_SOL_SOCKET = 1
_SO_REUSEADDR = 2
_SO_REUSEPORT = 15
_IPPROTO_IPV6 = 41
_IPV6_V6ONLY = 26
_LOG_THRESHOLD_FOR_CONNLOST_WRITES = 5


def _ipaddr_info(host, port, family, type, proto, flowinfo=0, scopeid=0):
    """Mirrors base_events.py _ipaddr_info: a numeric host needs no resolver round trip."""
    if proto not in {0, _IPPROTO_TCP} or host is None:
        return None
    if type != _SOCK_STREAM:
        return None
    proto = _IPPROTO_TCP
    if port is None or port == b'' or port == '':
        port = 0
    else:
        try:
            port = int(port)
        except (TypeError, ValueError):
            return None
    if family == _AF_UNSPEC:
        afs = [_AF_INET, _AF_INET6]
    else:
        afs = [family]
    if isinstance(host, bytes):
        host = host.decode('idna')
    if '%' in host:
        return None
    for af in afs:
        if _is_ip_address(af, host):
            if af == _AF_INET6:
                return af, type, proto, '', (host, port, flowinfo, scopeid)
            return af, type, proto, '', (host, port)
    return None


def _set_nodelay(sock):
    """Mirrors base_events.py _set_nodelay: TCP transports do not wait to coalesce writes."""
    if (sock.family in {_AF_INET, _AF_INET6} and sock.type == _SOCK_STREAM and
            sock.proto == _IPPROTO_TCP):
        sock.setsockopt(_IPPROTO_TCP, _TCP_NODELAY, 1)


def _resolve(host, port, family, type, proto, flags):
    """socket.getaddrinfo (what the executor runs for loop.getaddrinfo)."""
    import socket
    return socket.getaddrinfo(host, port, family, type, proto, flags)


# ---- protocols.py / transports.py -------------------------------------------------------------

class BaseProtocol:
    """Mirrors protocols.py BaseProtocol."""

    def connection_made(self, transport):
        pass

    def connection_lost(self, exc):
        pass

    def pause_writing(self):
        pass

    def resume_writing(self):
        pass


class Protocol(BaseProtocol):
    """Mirrors protocols.py Protocol."""

    def data_received(self, data):
        pass

    def eof_received(self):
        pass


class BufferedProtocol(BaseProtocol):
    """Mirrors protocols.py BufferedProtocol: the transport reads into get_buffer()'s buffer."""

    def get_buffer(self, sizehint):
        pass

    def buffer_updated(self, nbytes):
        pass

    def eof_received(self):
        pass


class DatagramProtocol(BaseProtocol):
    """Mirrors protocols.py DatagramProtocol (no datagram transports here)."""

    def datagram_received(self, data, addr):
        pass

    def error_received(self, exc):
        pass


class SubprocessProtocol(BaseProtocol):
    """Mirrors protocols.py SubprocessProtocol (no subprocess transports here)."""

    def pipe_data_received(self, fd, data):
        pass

    def pipe_connection_lost(self, fd, exc):
        pass

    def process_exited(self):
        pass


class BaseTransport:
    """Mirrors transports.py BaseTransport."""

    def __init__(self, extra=None):
        if extra is None:
            extra = {}
        self._extra = extra

    def get_extra_info(self, name, default=None):
        return self._extra.get(name, default)


class ReadTransport(BaseTransport):
    """Mirrors transports.py ReadTransport."""


class WriteTransport(BaseTransport):
    """Mirrors transports.py WriteTransport."""

    def writelines(self, list_of_data):
        data = b''.join(bytes(d) for d in list_of_data)
        self.write(data)


class Transport(ReadTransport, WriteTransport):
    """Mirrors transports.py Transport."""


class _FlowControlMixin(Transport):
    """Mirrors transports.py _FlowControlMixin: write-buffer high/low water marks."""

    def __init__(self, extra=None, loop=None):
        super().__init__(extra)
        self._loop = loop
        self._protocol_paused = False
        self._set_write_buffer_limits()

    def _maybe_pause_protocol(self):
        size = self.get_write_buffer_size()
        if size <= self._high_water:
            return
        if not self._protocol_paused:
            self._protocol_paused = True
            try:
                self._protocol.pause_writing()
            except (SystemExit, KeyboardInterrupt):
                raise
            except BaseException as exc:
                self._loop.call_exception_handler({
                    'message': 'protocol.pause_writing() failed',
                    'exception': exc,
                    'transport': self,
                    'protocol': self._protocol,
                })

    def _maybe_resume_protocol(self):
        if self._protocol_paused and self.get_write_buffer_size() <= self._low_water:
            self._protocol_paused = False
            try:
                self._protocol.resume_writing()
            except (SystemExit, KeyboardInterrupt):
                raise
            except BaseException as exc:
                self._loop.call_exception_handler({
                    'message': 'protocol.resume_writing() failed',
                    'exception': exc,
                    'transport': self,
                    'protocol': self._protocol,
                })

    def get_write_buffer_limits(self):
        return (self._low_water, self._high_water)

    def _set_write_buffer_limits(self, high=None, low=None):
        if high is None:
            high = 64 * 1024 if low is None else 4 * low
        if low is None:
            low = high // 4
        if not high >= low >= 0:
            raise ValueError(f'high ({high!r}) must be >= low ({low!r}) must be >= 0')
        self._high_water = high
        self._low_water = low

    def set_write_buffer_limits(self, high=None, low=None):
        self._set_write_buffer_limits(high=high, low=low)
        self._maybe_pause_protocol()


class TransportSocket:
    """Mirrors trsock.py TransportSocket: a read-mostly view of a transport's socket."""

    def __init__(self, sock):
        self._sock = sock

    @property
    def family(self):
        import socket
        return socket._intenum_converter(self._sock.family, socket.AddressFamily)

    @property
    def type(self):
        import socket
        return socket._intenum_converter(self._sock.type, socket.SocketKind)

    @property
    def proto(self):
        return self._sock.proto

    def __repr__(self):
        s = (f'<asyncio.TransportSocket fd={self.fileno()}, family={self.family}, '
             f'type={self.type}, proto={self.proto}')
        if self.fileno() != -1:
            try:
                laddr = self.getsockname()
                if laddr:
                    s = f'{s}, laddr={laddr}'
            except OSError:
                pass
            try:
                raddr = self.getpeername()
                if raddr:
                    s = f'{s}, raddr={raddr}'
            except OSError:
                pass
        return s + '>'

    def fileno(self):
        return self._sock.fileno()

    def getsockname(self):
        return self._sock.getsockname()

    def getpeername(self):
        return self._sock.getpeername()

    def getsockopt(self, *args, **kwargs):
        return self._sock.getsockopt(*args, **kwargs)


# asyncio does not export the class (it lives in asyncio.trsock).
_TransportSocket = TransportSocket
del TransportSocket


# ---- selector_events.py _SelectorSocketTransport ----------------------------------------------

class _SelectorSocketTransport(_FlowControlMixin):
    """Mirrors selector_events.py _SelectorTransport + _SelectorSocketTransport."""

    max_size = 256 * 1024

    def __init__(self, loop, sock, protocol, waiter=None, extra=None, server=None):
        super().__init__(extra, loop)
        self._extra['socket'] = _TransportSocket(sock)
        try:
            self._extra['sockname'] = sock.getsockname()
        except OSError:
            self._extra['sockname'] = None
        if 'peername' not in self._extra:
            try:
                self._extra['peername'] = sock.getpeername()
            except OSError:
                self._extra['peername'] = None
        self._sock = sock
        self._sock_fd = sock.fileno()
        self._protocol_connected = False
        self.set_protocol(protocol)
        self._server = server
        # The write buffer: the unsent part of _buffer_head (from _buffer_offset on), then the
        # chunks of _buffer_tail; _buffer_size counts it all (0: empty). Chunks are joined only
        # when the head runs low, so every byte is copied at most once, as bytearray's
        # amortised appends and front deletions cost in CPython.
        self._buffer_head = b''
        self._buffer_offset = 0
        self._buffer_tail = []
        self._buffer_size = 0
        self._conn_lost = 0
        self._closing = False
        if self._server is not None:
            self._server._attach()
        loop._transports[self._sock_fd] = self
        self._eof = False
        self._paused = False
        _set_nodelay(self._sock)
        self._loop.call_soon(self._protocol.connection_made, self)
        self._loop.call_soon(self._add_reader, self._sock_fd, self._read_ready)
        if waiter is not None:
            self._loop.call_soon(_set_result_unless_cancelled, waiter, None)

    def __repr__(self):
        info = [self.__class__.__name__]
        if self._sock is None:
            info.append('closed')
        elif self._closing:
            info.append('closing')
        info.append(f'fd={self._sock_fd}')
        if self._loop is not None and not self._loop.is_closed():
            key = self._loop._selector_keys.get(self._sock_fd)
            events = 0 if key is None else key[0]
            info.append('read=polling' if events & 1 else 'read=idle')
            state = 'polling' if events & 2 else 'idle'
            info.append(f'write=<{state}, bufsize={self.get_write_buffer_size()}>')
        return '<{}>'.format(' '.join(info))

    def abort(self):
        self._force_close(None)

    def set_protocol(self, protocol):
        if isinstance(protocol, BufferedProtocol):
            self._read_ready_cb = self._read_ready__get_buffer
        else:
            self._read_ready_cb = self._read_ready__data_received
        self._protocol = protocol
        self._protocol_connected = True

    def get_protocol(self):
        return self._protocol

    def is_closing(self):
        return self._closing

    def is_reading(self):
        return not self._paused and not self._closing

    def pause_reading(self):
        if self._closing or self._paused:
            return
        self._paused = True
        self._loop._remove_reader(self._sock_fd)

    def resume_reading(self):
        if self._closing or not self._paused:
            return
        self._paused = False
        self._add_reader(self._sock_fd, self._read_ready)

    def close(self):
        if self._closing:
            return
        self._closing = True
        self._loop._remove_reader(self._sock_fd)
        if not self._buffer_size:
            self._conn_lost += 1
            self._loop._remove_writer(self._sock_fd)
            self._loop.call_soon(self._call_connection_lost, None)

    def _fatal_error(self, exc, message='Fatal error on transport'):
        if not isinstance(exc, OSError):
            self._loop.call_exception_handler({
                'message': message,
                'exception': exc,
                'transport': self,
                'protocol': self._protocol,
            })
        self._force_close(exc)

    def _force_close(self, exc):
        if self._conn_lost:
            return
        if self._buffer_size:
            self._buffer_clear()
            self._loop._remove_writer(self._sock_fd)
        if not self._closing:
            self._closing = True
            self._loop._remove_reader(self._sock_fd)
        self._conn_lost += 1
        self._loop.call_soon(self._call_connection_lost, exc)

    def _call_connection_lost(self, exc):
        try:
            if self._protocol_connected:
                self._protocol.connection_lost(exc)
        finally:
            self._sock.close()
            self._sock = None
            self._protocol = None
            self._loop = None
            server = self._server
            if server is not None:
                server._detach()
                self._server = None

    def get_write_buffer_size(self):
        return self._buffer_size

    def _buffer_clear(self):
        self._buffer_head = b''
        self._buffer_offset = 0
        self._buffer_tail = []
        self._buffer_size = 0

    def _buffer_append(self, data):
        self._buffer_tail.append(data)
        self._buffer_size += len(data)

    def _buffer_refill(self):
        """Moves the queued chunks into the head once less than a send's worth is left."""
        head_left = len(self._buffer_head) - self._buffer_offset
        if self._buffer_tail and head_left < self.max_size:
            self._buffer_tail.insert(0, self._buffer_head[self._buffer_offset:])
            self._buffer_head = b''.join(self._buffer_tail)
            self._buffer_offset = 0
            self._buffer_tail = []

    def _buffer_consume(self, n):
        self._buffer_offset += n
        self._buffer_size -= n
        if self._buffer_offset >= len(self._buffer_head):
            self._buffer_head = b''
            self._buffer_offset = 0

    def _add_reader(self, fd, callback, *args):
        if not self.is_reading():
            return
        self._loop._add_reader(fd, callback, *args)

    def _read_ready(self):
        self._read_ready_cb()

    def _read_ready__get_buffer(self):
        if self._conn_lost:
            return
        try:
            buf = self._protocol.get_buffer(-1)
            if not len(buf):
                raise RuntimeError('get_buffer() returned an empty buffer')
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            self._fatal_error(exc, 'Fatal error: protocol.get_buffer() call failed.')
            return
        try:
            # recv_into: the bytes are copied into the protocol's buffer.
            data = self._sock.recv(len(buf))
            nbytes = len(data)
            buf[:nbytes] = data
        except (BlockingIOError, InterruptedError):
            return
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            self._fatal_error(exc, 'Fatal read error on socket transport')
            return
        if not nbytes:
            self._read_ready__on_eof()
            return
        try:
            self._protocol.buffer_updated(nbytes)
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            self._fatal_error(exc, 'Fatal error: protocol.buffer_updated() call failed.')

    def _read_ready__data_received(self):
        if self._conn_lost:
            return
        try:
            data = self._sock.recv(self.max_size)
        except (BlockingIOError, InterruptedError):
            return
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            self._fatal_error(exc, 'Fatal read error on socket transport')
            return
        if not data:
            self._read_ready__on_eof()
            return
        try:
            self._protocol.data_received(data)
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            self._fatal_error(exc, 'Fatal error: protocol.data_received() call failed.')

    def _read_ready__on_eof(self):
        try:
            keep_open = self._protocol.eof_received()
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            self._fatal_error(exc, 'Fatal error: protocol.eof_received() call failed.')
            return
        if keep_open:
            self._loop._remove_reader(self._sock_fd)
        else:
            self.close()

    def write(self, data):
        if not isinstance(data, (bytes, bytearray)):
            raise TypeError(f'data argument must be a bytes-like object, '
                            f'not {type(data).__name__!r}')
        if self._eof:
            raise RuntimeError('Cannot call write() after write_eof()')
        if not data:
            return
        data = bytes(data)
        if self._conn_lost:
            if self._conn_lost >= _LOG_THRESHOLD_FOR_CONNLOST_WRITES:
                _log(30, 'socket.send() raised exception.')
            self._conn_lost += 1
            return
        if not self._buffer_size:
            try:
                n = self._sock.send(data)
            except (BlockingIOError, InterruptedError):
                pass
            except (SystemExit, KeyboardInterrupt):
                raise
            except BaseException as exc:
                self._fatal_error(exc, 'Fatal write error on socket transport')
                return
            else:
                data = data[n:]
                if not data:
                    return
            self._loop._add_writer(self._sock_fd, self._write_ready)
        self._buffer_append(data)
        self._maybe_pause_protocol()

    def _write_ready(self):
        if self._conn_lost:
            return
        try:
            self._buffer_refill()
            n = self._sock.send(self._buffer_head, self._buffer_offset)
        except (BlockingIOError, InterruptedError):
            pass
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            self._loop._remove_writer(self._sock_fd)
            self._buffer_clear()
            self._fatal_error(exc, 'Fatal write error on socket transport')
        else:
            if n:
                self._buffer_consume(n)
            self._maybe_resume_protocol()
            if not self._buffer_size:
                self._loop._remove_writer(self._sock_fd)
                if self._closing:
                    self._call_connection_lost(None)
                elif self._eof:
                    self._sock.shutdown(_SHUT_WR)

    def write_eof(self):
        if self._closing or self._eof:
            return
        self._eof = True
        if not self._buffer_size:
            self._sock.shutdown(_SHUT_WR)

    def can_write_eof(self):
        return True


# ---- base_events.py Server ----------------------------------------------------------------------

class AbstractServer:
    """Mirrors events.py AbstractServer: the async context manager part."""

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        self.close()
        await self.wait_closed()


class Server(AbstractServer):
    """Mirrors base_events.py Server (3.12: wait_closed waits for the connections to end)."""

    def __init__(self, loop, sockets, protocol_factory, ssl_context, backlog,
                 ssl_handshake_timeout, ssl_shutdown_timeout=None):
        self._loop = loop
        self._sockets = sockets
        self._active_count = 0
        self._waiters = []
        self._protocol_factory = protocol_factory
        self._backlog = backlog
        self._ssl_context = ssl_context
        self._ssl_handshake_timeout = ssl_handshake_timeout
        self._ssl_shutdown_timeout = ssl_shutdown_timeout
        self._serving = False
        self._serving_forever_fut = None

    def __repr__(self):
        return f'<{self.__class__.__name__} sockets={self.sockets!r}>'

    def _attach(self):
        self._active_count += 1

    def _detach(self):
        self._active_count -= 1
        if self._active_count == 0 and self._sockets is None:
            self._wakeup()

    def _wakeup(self):
        waiters = self._waiters
        self._waiters = None
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(waiter)

    def _start_serving(self):
        if self._serving:
            return
        self._serving = True
        for sock in self._sockets:
            sock.listen(self._backlog)
            self._loop._start_serving(self._protocol_factory, sock, self._ssl_context,
                                      self, self._backlog)

    def get_loop(self):
        return self._loop

    def is_serving(self):
        return self._serving

    @property
    def sockets(self):
        if self._sockets is None:
            return ()
        return tuple(_TransportSocket(s) for s in self._sockets)

    def close(self):
        sockets = self._sockets
        if sockets is None:
            return
        self._sockets = None
        for sock in sockets:
            self._loop._stop_serving(sock)
        self._serving = False
        if self._serving_forever_fut is not None and not self._serving_forever_fut.done():
            self._serving_forever_fut.cancel()
            self._serving_forever_fut = None
        if self._active_count == 0:
            self._wakeup()

    async def start_serving(self):
        self._start_serving()
        await sleep(0)

    async def serve_forever(self):
        if self._serving_forever_fut is not None:
            raise RuntimeError(f'server {self!r} is already being awaited on serve_forever()')
        if self._sockets is None:
            raise RuntimeError(f'server {self!r} is closed')
        self._start_serving()
        self._serving_forever_fut = self._loop.create_future()
        try:
            await self._serving_forever_fut
        except CancelledError:
            try:
                self.close()
                await self.wait_closed()
            finally:
                raise
        finally:
            self._serving_forever_fut = None

    async def wait_closed(self):
        if self._waiters is None:
            return
        waiter = self._loop.create_future()
        self._waiters.append(waiter)
        await waiter


# ---- the loop's socket methods (selector_events.py, base_events.py) ----------------------------

def _ensure_fd_no_transport(self, fd):
    fileno = fd
    if not isinstance(fileno, int):
        try:
            fileno = int(fileno.fileno())
        except (AttributeError, TypeError, ValueError):
            raise ValueError(f'Invalid file object: {fd!r}') from None
    transport = self._transports.get(fileno)
    if transport is not None and not transport.is_closing():
        raise RuntimeError(f'File descriptor {fd!r} is used by transport {transport!r}')


def _fileno_of(fd):
    if isinstance(fd, int):
        return fd
    return int(fd.fileno())


def add_reader(self, fd, callback, *args):
    self._ensure_fd_no_transport(fd)
    self._add_reader(_fileno_of(fd), callback, *args)


def remove_reader(self, fd):
    self._ensure_fd_no_transport(fd)
    return self._remove_reader(_fileno_of(fd))


def add_writer(self, fd, callback, *args):
    self._ensure_fd_no_transport(fd)
    self._add_writer(_fileno_of(fd), callback, *args)


def remove_writer(self, fd):
    self._ensure_fd_no_transport(fd)
    return self._remove_writer(_fileno_of(fd))


def _sock_read_done(self, fd, fut, handle=None):
    if handle is None or not handle.cancelled():
        self.remove_reader(fd)


def _sock_write_done(self, fd, fut, handle=None):
    if handle is None or not handle.cancelled():
        self.remove_writer(fd)


async def sock_recv(self, sock, n):
    try:
        return sock.recv(n)
    except (BlockingIOError, InterruptedError):
        pass
    fut = self.create_future()
    fd = sock.fileno()
    self._ensure_fd_no_transport(fd)
    handle = self._add_reader(fd, self._sock_recv, fut, sock, n)
    fut.add_done_callback(lambda f: self._sock_read_done(fd, f, handle=handle))
    return await fut


def _sock_recv(self, fut, sock, n):
    if fut.done():
        return
    try:
        data = sock.recv(n)
    except (BlockingIOError, InterruptedError):
        return
    except (SystemExit, KeyboardInterrupt):
        raise
    except BaseException as exc:
        fut.set_exception(exc)
    else:
        fut.set_result(data)


async def sock_sendall(self, sock, data):
    data = bytes(data)
    try:
        n = sock.send(data)
    except (BlockingIOError, InterruptedError):
        n = 0
    if n == len(data):
        return
    fut = self.create_future()
    fd = sock.fileno()
    self._ensure_fd_no_transport(fd)
    handle = self._add_writer(fd, self._sock_sendall, fut, sock, data, [n])
    fut.add_done_callback(lambda f: self._sock_write_done(fd, f, handle=handle))
    return await fut


def _sock_sendall(self, fut, sock, data, pos):
    if fut.done():
        return
    start = pos[0]
    try:
        n = sock.send(data[start:])
    except (BlockingIOError, InterruptedError):
        return
    except (SystemExit, KeyboardInterrupt):
        raise
    except BaseException as exc:
        fut.set_exception(exc)
        return
    start += n
    if start == len(data):
        fut.set_result(None)
    else:
        pos[0] = start


async def sock_connect(self, sock, address):
    if sock.family == _AF_INET or sock.family == _AF_INET6:
        resolved = await self._ensure_resolved(address, family=sock.family, type=sock.type,
                                               proto=sock.proto, loop=self)
        _, _, _, _, address = resolved[0]
    fut = self.create_future()
    self._sock_connect(fut, sock, address)
    return await fut


def _sock_connect(self, fut, sock, address):
    fd = sock.fileno()
    try:
        sock.connect(address)
    except (BlockingIOError, InterruptedError):
        self._ensure_fd_no_transport(fd)
        handle = self._add_writer(fd, self._sock_connect_cb, fut, sock, address)
        fut.add_done_callback(lambda f: self._sock_write_done(fd, f, handle=handle))
    except (SystemExit, KeyboardInterrupt):
        raise
    except BaseException as exc:
        fut.set_exception(exc)
    else:
        fut.set_result(None)


def _sock_connect_cb(self, fut, sock, address):
    if fut.done():
        return
    try:
        err = sock._connect_error()
        if err != 0:
            raise _os_error(err, f'Connect call failed {address}')
    except (BlockingIOError, InterruptedError):
        pass
    except (SystemExit, KeyboardInterrupt):
        raise
    except BaseException as exc:
        fut.set_exception(exc)
    else:
        fut.set_result(None)


async def sock_accept(self, sock):
    fut = self.create_future()
    self._sock_accept(fut, sock)
    return await fut


def _sock_accept(self, fut, sock):
    fd = sock.fileno()
    try:
        conn, address = sock.accept()
        conn.setblocking(False)
    except (BlockingIOError, InterruptedError):
        self._ensure_fd_no_transport(fd)
        handle = self._add_reader(fd, self._sock_accept, fut, sock)
        fut.add_done_callback(lambda f: self._sock_read_done(fd, f, handle=handle))
    except (SystemExit, KeyboardInterrupt):
        raise
    except BaseException as exc:
        fut.set_exception(exc)
    else:
        fut.set_result((conn, address))


def _make_socket_transport(self, sock, protocol, waiter=None, *, extra=None, server=None):
    return _SelectorSocketTransport(self, sock, protocol, waiter, extra, server)


def _start_serving(self, protocol_factory, sock, sslcontext=None, server=None, backlog=100):
    self._add_reader(sock.fileno(), self._accept_connection, protocol_factory, sock,
                     sslcontext, server, backlog)


def _accept_connection(self, protocol_factory, sock, sslcontext=None, server=None, backlog=100):
    for _ in range(backlog):
        try:
            conn, addr = sock.accept()
            conn.setblocking(False)
        except (BlockingIOError, InterruptedError, ConnectionAbortedError):
            return None
        else:
            extra = {'peername': addr}
            accept = self._accept_connection2(protocol_factory, conn, extra, sslcontext, server)
            self.create_task(accept)


async def _accept_connection2(self, protocol_factory, conn, extra, sslcontext=None, server=None):
    protocol = None
    transport = None
    try:
        protocol = protocol_factory()
        waiter = self.create_future()
        transport = self._make_socket_transport(conn, protocol, waiter=waiter, extra=extra,
                                                server=server)
        try:
            await waiter
        except BaseException:
            transport.close()
            raise
    except (SystemExit, KeyboardInterrupt):
        raise
    except BaseException:
        pass


def _stop_serving(self, sock):
    self._remove_reader(sock.fileno())
    sock.close()


async def getaddrinfo(self, host, port, *, family=0, type=0, proto=0, flags=0):
    return await self.run_in_executor(None, _resolve, host, port, family, type, proto, flags)


async def _ensure_resolved(self, address, *, family=0, type=_SOCK_STREAM, proto=0, flags=0,
                           loop):
    host, port = address[:2]
    info = _ipaddr_info(host, port, family, type, proto, *address[2:])
    if info is not None:
        return [info]
    return await loop.getaddrinfo(host, port, family=family, type=type, proto=proto,
                                  flags=flags)


async def _create_server_getaddrinfo(self, host, port, family, flags):
    infos = await self._ensure_resolved((host, port), family=family, type=_SOCK_STREAM,
                                        flags=flags, loop=self)
    if not infos:
        raise OSError(f'getaddrinfo({host!r}) returned empty list')
    return infos


def _interleave_addrinfos(addrinfos, first_address_family_count=1):
    """Mirrors base_events.py _interleave_addrinfos: alternate the address families."""
    by_family = {}
    for addr in addrinfos:
        by_family.setdefault(addr[0], []).append(addr)
    lists = list(by_family.values())
    reordered = []
    if first_address_family_count > 1:
        reordered.extend(lists[0][:first_address_family_count - 1])
        del lists[0][:first_address_family_count - 1]
    longest = max((len(group) for group in lists), default=0)
    for i in range(longest):
        for group in lists:
            if i < len(group):
                reordered.append(group[i])
    return reordered


async def _connect_sock(self, exceptions, addr_info, local_addr_infos=None):
    my_exceptions = []
    exceptions.append(my_exceptions)
    family, type_, proto, _, address = addr_info
    sock = None
    try:
        sock = _socket(family)
        sock.setblocking(False)
        if local_addr_infos is not None:
            for lfamily, _, _, _, laddr in local_addr_infos:
                if lfamily != family:
                    continue
                try:
                    sock.bind(laddr)
                    break
                except OSError as exc:
                    msg = (f'error while attempting to bind on address {laddr!r}: '
                           f'{exc.strerror.lower()}')
                    my_exceptions.append(_os_error(exc.errno, msg))
            else:
                if my_exceptions:
                    raise my_exceptions.pop()
                import socket
                family = socket._intenum_converter(family, socket.AddressFamily)
                raise OSError(f'no matching local address with family={family!r} found')
        await self.sock_connect(sock, address)
        return sock
    except OSError as exc:
        my_exceptions.append(exc)
        if sock is not None:
            sock.close()
        raise
    except:
        if sock is not None:
            sock.close()
        raise
    finally:
        exceptions = my_exceptions = None


async def create_connection(self, protocol_factory, host=None, port=None, *, ssl=None,
                            family=0, proto=0, flags=0, sock=None, local_addr=None,
                            server_hostname=None, ssl_handshake_timeout=None,
                            ssl_shutdown_timeout=None, happy_eyeballs_delay=None,
                            interleave=None, all_errors=False):
    if ssl:
        raise NotImplementedError('ssl is not supported by percolate')
    if server_hostname is not None:
        raise ValueError('server_hostname is only meaningful with ssl')
    if ssl_handshake_timeout is not None:
        raise ValueError('ssl_handshake_timeout is only meaningful with ssl')
    if ssl_shutdown_timeout is not None:
        raise ValueError('ssl_shutdown_timeout is only meaningful with ssl')
    if host is not None or port is not None:
        if sock is not None:
            raise ValueError('host/port and sock can not be specified at the same time')
        infos = await self._ensure_resolved((host, port), family=family, type=_SOCK_STREAM,
                                            proto=proto, flags=flags, loop=self)
        if not infos:
            raise OSError('getaddrinfo() returned empty list')
        if local_addr is not None:
            laddr_infos = await self._ensure_resolved(local_addr, family=family,
                                                      type=_SOCK_STREAM, proto=proto,
                                                      flags=flags, loop=self)
            if not laddr_infos:
                raise OSError('getaddrinfo() returned empty list')
        else:
            laddr_infos = None
        if happy_eyeballs_delay is not None and interleave is None:
            interleave = 1
        if interleave:
            infos = _interleave_addrinfos(infos, interleave)
        # With happy_eyeballs_delay the attempts are made one after the other (CPython races
        # them with staggered starts); the order of attempts and the errors are the same.
        exceptions = []
        for addrinfo in infos:
            try:
                sock = await self._connect_sock(exceptions, addrinfo, laddr_infos)
                break
            except OSError:
                continue
        if sock is None:
            exceptions = [exc for sub in exceptions for exc in sub]
            try:
                if all_errors:
                    raise ExceptionGroup('create_connection failed', exceptions)
                if len(exceptions) == 1:
                    raise exceptions[0]
                model = str(exceptions[0])
                if all(str(exc) == model for exc in exceptions):
                    raise exceptions[0]
                raise OSError('Multiple exceptions: {}'.format(
                    ', '.join(str(exc) for exc in exceptions)))
            finally:
                exceptions = None
    elif sock is None:
        raise ValueError('host and port was not specified and no sock specified')
    return await self._create_connection_transport(sock, protocol_factory)


async def _create_connection_transport(self, sock, protocol_factory):
    sock.setblocking(False)
    protocol = protocol_factory()
    waiter = self.create_future()
    transport = self._make_socket_transport(sock, protocol, waiter)
    try:
        await waiter
    except:
        transport.close()
        raise
    return transport, protocol


async def create_server(self, protocol_factory, host=None, port=None, *, family=_AF_UNSPEC,
                        flags=_AI_PASSIVE, sock=None, backlog=100, ssl=None,
                        reuse_address=None, reuse_port=None, ssl_handshake_timeout=None,
                        ssl_shutdown_timeout=None, start_serving=True):
    if isinstance(ssl, bool):
        raise TypeError('ssl argument must be an SSLContext or None')
    if ssl is not None:
        raise NotImplementedError('ssl is not supported by percolate')
    if ssl_handshake_timeout is not None:
        raise ValueError('ssl_handshake_timeout is only meaningful with ssl')
    if ssl_shutdown_timeout is not None:
        raise ValueError('ssl_shutdown_timeout is only meaningful with ssl')
    if host is not None or port is not None:
        if sock is not None:
            raise ValueError('host/port and sock can not be specified at the same time')
        if reuse_address is None:
            reuse_address = True
        sockets = []
        if host == '':
            hosts = [None]
        elif isinstance(host, str) or not hasattr(host, '__iter__'):
            hosts = [host]
        else:
            hosts = host
        fs = [self._create_server_getaddrinfo(h, port, family=family, flags=flags)
              for h in hosts]
        infos = await gather(*fs)
        unique = []
        for group in infos:
            for info in group:
                if info not in unique:
                    unique.append(info)
        completed = False
        try:
            for res in unique:
                af, socktype, proto, canonname, sa = res
                try:
                    sock = _socket(af)
                except OSError:
                    continue
                sockets.append(sock)
                if reuse_address:
                    sock.setsockopt(_SOL_SOCKET, _SO_REUSEADDR, True)
                if reuse_port:
                    try:
                        sock.setsockopt(_SOL_SOCKET, _SO_REUSEPORT, 1)
                    except OSError:
                        raise ValueError('reuse_port not supported by socket module, '
                                         'SO_REUSEPORT defined but not implemented.')
                # Without IPV6_V6ONLY, '::' would also take the IPv4 port and the IPv4 socket
                # bound next would fail.
                if af == _AF_INET6:
                    sock.setsockopt(_IPPROTO_IPV6, _IPV6_V6ONLY, True)
                try:
                    sock.bind(sa)
                except OSError as err:
                    raise _os_error(err.errno, 'error while attempting to bind on address '
                                    '%r: %s' % (sa, err.strerror.lower())) from None
            completed = True
        finally:
            if not completed:
                for sock in sockets:
                    sock.close()
    else:
        if sock is None:
            raise ValueError('Neither host/port nor sock were specified')
        sockets = [sock]
    for sock in sockets:
        sock.setblocking(False)
    server = Server(self, sockets, protocol_factory, ssl, backlog, ssl_handshake_timeout,
                    ssl_shutdown_timeout)
    if start_serving:
        server._start_serving()
        await sleep(0)
    return server


async def create_unix_connection(self, protocol_factory, path=None, *, ssl=None, sock=None,
                                 server_hostname=None, ssl_handshake_timeout=None,
                                 ssl_shutdown_timeout=None):
    """Mirrors unix_events.py create_unix_connection."""
    if ssl:
        raise NotImplementedError('ssl is not supported by percolate')
    if server_hostname is not None:
        raise ValueError('server_hostname is only meaningful with ssl')
    if ssl_handshake_timeout is not None:
        raise ValueError('ssl_handshake_timeout is only meaningful with ssl')
    if ssl_shutdown_timeout is not None:
        raise ValueError('ssl_shutdown_timeout is only meaningful with ssl')
    if path is not None:
        if sock is not None:
            raise ValueError('path and sock can not be specified at the same time')
        sock = _socket(_AF_UNIX)
        try:
            sock.setblocking(False)
            await self.sock_connect(sock, path)
        except:
            sock.close()
            raise
    else:
        if sock is None:
            raise ValueError('no path and sock were specified')
        if sock.family != _AF_UNIX or sock.type != _SOCK_STREAM:
            raise ValueError(f'A UNIX Domain Stream Socket was expected, got {sock!r}')
        sock.setblocking(False)
    return await self._create_connection_transport(sock, protocol_factory)


async def create_unix_server(self, protocol_factory, path=None, *, sock=None, backlog=100,
                             ssl=None, ssl_handshake_timeout=None, ssl_shutdown_timeout=None,
                             start_serving=True):
    """Mirrors unix_events.py create_unix_server (a stale socket file is replaced)."""
    if isinstance(ssl, bool):
        raise TypeError('ssl argument must be an SSLContext or None')
    if ssl is not None:
        raise NotImplementedError('ssl is not supported by percolate')
    if ssl_handshake_timeout is not None:
        raise ValueError('ssl_handshake_timeout is only meaningful with ssl')
    if ssl_shutdown_timeout is not None:
        raise ValueError('ssl_shutdown_timeout is only meaningful with ssl')
    if path is not None:
        if sock is not None:
            raise ValueError('path and sock can not be specified at the same time')
        sock = _socket(_AF_UNIX)
        _remove_stale_unix_socket(path)
        try:
            sock.bind(path)
        except OSError as exc:
            sock.close()
            if exc.errno == _EADDRINUSE:
                raise _os_error(_EADDRINUSE, f'Address {path!r} is already in use') from None
            raise
        except:
            sock.close()
            raise
    else:
        if sock is None:
            raise ValueError('path was not specified, and no sock specified')
        if sock.family != _AF_UNIX or sock.type != _SOCK_STREAM:
            raise ValueError(f'A UNIX Domain Stream Socket was expected, got {sock!r}')
    sock.setblocking(False)
    server = Server(self, [sock], protocol_factory, ssl, backlog, ssl_handshake_timeout,
                    ssl_shutdown_timeout)
    if start_serving:
        server._start_serving()
        await sleep(0)
    return server


for _name, _method in [
    ('_ensure_fd_no_transport', _ensure_fd_no_transport),
    ('add_reader', add_reader), ('remove_reader', remove_reader),
    ('add_writer', add_writer), ('remove_writer', remove_writer),
    ('_sock_read_done', _sock_read_done), ('_sock_write_done', _sock_write_done),
    ('sock_recv', sock_recv), ('_sock_recv', _sock_recv),
    ('sock_sendall', sock_sendall), ('_sock_sendall', _sock_sendall),
    ('sock_connect', sock_connect), ('_sock_connect', _sock_connect),
    ('_sock_connect_cb', _sock_connect_cb),
    ('sock_accept', sock_accept), ('_sock_accept', _sock_accept),
    ('_make_socket_transport', _make_socket_transport),
    ('_start_serving', _start_serving), ('_accept_connection', _accept_connection),
    ('_accept_connection2', _accept_connection2), ('_stop_serving', _stop_serving),
    ('getaddrinfo', getaddrinfo), ('_ensure_resolved', _ensure_resolved),
    ('_create_server_getaddrinfo', _create_server_getaddrinfo),
    ('_connect_sock', _connect_sock), ('create_connection', create_connection),
    ('_create_connection_transport', _create_connection_transport),
    ('create_server', create_server),
    ('create_unix_connection', create_unix_connection),
    ('create_unix_server', create_unix_server),
]:
    setattr(BaseEventLoop, _name, _method)
del _name, _method
del add_reader, remove_reader, add_writer, remove_writer, sock_recv, sock_sendall
del sock_connect, sock_accept, getaddrinfo, create_connection, create_server
del create_unix_connection, create_unix_server


