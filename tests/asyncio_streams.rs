//! asyncio streams over real sockets on 127.0.0.1: each program runs through
//! `percolate::run_capture` and must print exactly what python3 (3.11) printed for it; the
//! expected texts were produced by python3.

use percolate::run_capture;

/// Runs `source` and asserts its stdout and an empty stderr.
fn check(tag: &str, source: &str, expected: &str) {
    let outcome = run_capture(source, "main.py");
    assert_eq!(outcome.stderr, "", "stderr of {tag}");
    assert_eq!(outcome.stdout, expected, "stdout of {tag}");
}

/// A peer that closes with unread data resets the connection: read, drain and wait_closed raise
/// ConnectionResetError.
#[test]
fn peer_reset_is_connection_reset_error() {
    check(
        "peer_reset_is_connection_reset_error",
        r#####"import asyncio

async def main():
    paused = asyncio.Event()

    async def handler(reader, writer):
        writer.transport.pause_reading()
        paused.set()
        await asyncio.sleep(0.05)
        writer.transport.abort()

    server = await asyncio.start_server(handler, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection('127.0.0.1', port)
    await paused.wait()
    writer.write(b'unread data')
    await writer.drain()
    await asyncio.sleep(0.2)
    try:
        await reader.read(100)
    except ConnectionResetError as exc:
        print(type(exc).__name__, exc, exc.errno)
    try:
        writer.write(b'more')
        await writer.drain()
    except ConnectionResetError as exc:
        print('drain:', type(exc).__name__, exc)
    print('closing:', writer.is_closing())
    writer.close()
    try:
        await writer.wait_closed()
    except ConnectionResetError as exc:
        print('wait_closed:', exc)
    server.close()
    await server.wait_closed()
    print('done')

asyncio.run(main())
"#####,
        r#####"ConnectionResetError [Errno 104] Connection reset by peer 104
drain: ConnectionResetError [Errno 104] Connection reset by peer
closing: True
wait_closed: [Errno 104] Connection reset by peer
done
"#####,
    );
}

/// Megabytes through a small-limit reader: pause/resume reading and writing keep every byte.
#[test]
fn bulk_transfer_with_flow_control() {
    check(
        "bulk_transfer_with_flow_control",
        r#####"import asyncio

async def main():
    got = []
    async def handler(reader, writer):
        total = 0
        while True:
            chunk = await reader.read(1000)
            if not chunk:
                break
            total += len(chunk)
            if total % 7 == 0:
                await asyncio.sleep(0)
        writer.write(str(total).encode() + b'\n')
        await writer.drain()
        writer.close()
        await writer.wait_closed()

    async with await asyncio.start_server(handler, '127.0.0.1', 0) as server:
        port = server.sockets[0].getsockname()[1]
        reader, writer = await asyncio.open_connection('127.0.0.1', port, limit=1024)
        data = bytes(range(256)) * 4096
        for i in range(4):
            writer.write(data)
            await writer.drain()
        writer.write_eof()
        print('server counted', (await reader.readline()).decode().strip(), 'of', 4 * len(data))
        print('eof:', await reader.read(), reader.at_eof())
        writer.close()
        await writer.wait_closed()
    try:
        big = asyncio.StreamReader(limit=4)
        big.feed_data(b'abcdefghij')
        await big.readuntil(b'z')
    except asyncio.LimitOverrunError as exc:
        print(exc, exc.consumed)

asyncio.run(main())
"#####,
        r#####"server counted 4194304 of 4194304
eof: b'' True
Separator is not found, and chunk exceed the limit 10
"#####,
    );
}

/// Bind errors, name resolution (localhost through the executor, a bad host), write type
/// errors, closed-server errors and StreamReader reprs.
#[test]
fn errors_resolution_and_reprs() {
    check(
        "errors_resolution_and_reprs",
        r#####"import asyncio

async def main():
    async def handler(reader, writer):
        data = await reader.readline()
        writer.write(data[::-1])
        writer.close()

    server = await asyncio.start_server(handler, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    try:
        await asyncio.start_server(handler, '127.0.0.1', port)
    except OSError as exc:
        print(type(exc).__name__, exc.errno, str(exc).replace(str(port), 'PORT'))
    reader, writer = await asyncio.open_connection('localhost', port)
    print('via localhost:', writer.get_extra_info('peername')[1] == port)
    writer.write(b'abc\n')
    print(await reader.read())
    writer.close()
    await writer.wait_closed()
    try:
        await asyncio.open_connection('no-such-host.invalid', port)
    except OSError as exc:
        print(type(exc).__name__, isinstance(exc, OSError))
    try:
        writer.write('text')
    except TypeError as exc:
        print(exc)
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    print(loop.remove_reader(12345), loop.remove_writer(12345))
    print(repr(server).startswith('<Server sockets=(<asyncio.TransportSocket fd='))
    server.close()
    await server.wait_closed()
    try:
        await server.serve_forever()
    except RuntimeError as exc:
        print(str(exc).startswith('server <Server sockets=()> is closed'))
    r = asyncio.StreamReader()
    r.feed_data(b'x')
    print(repr(r))
    r.feed_eof()
    print(repr(r))
    try:
        r.feed_data(b'y')
    except AssertionError as exc:
        print('AssertionError', exc)

asyncio.run(main())
"#####,
        r#####"OSError 98 [Errno 98] error while attempting to bind on address ('127.0.0.1', PORT): address already in use
via localhost: True
b'\ncba'
gaierror True
data argument must be a bytes-like object, not 'str'
False False
True
True
<StreamReader 1 bytes>
<StreamReader 1 bytes eof>
AssertionError feed_data after feed_eof
"#####,
    );
}

/// Dual-stack servers (host None), a read that times out and resumes, the transport socket,
/// drain and write after close, racing readers and set_exception.
#[test]
fn streams_edge_cases() {
    check(
        "streams_edge_cases",
        r#####"import asyncio

async def main():
    events = []

    async def slow(reader, writer):
        events.append('slow handler')
        await asyncio.sleep(0.05)
        writer.write(b'late line\n')
        await writer.drain()
        data = await reader.read()
        events.append(('server read', data))
        writer.close()
        await writer.wait_closed()

    server = await asyncio.start_server(slow, None, 0)
    print('sockets:', len(server.sockets), sorted(s.family for s in server.sockets))
    port = server.sockets[0].getsockname()[1]
    server.close()
    await server.wait_closed()

    server = await asyncio.start_server(slow, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection('127.0.0.1', port)
    try:
        await asyncio.wait_for(reader.readline(), 0.01)
    except asyncio.TimeoutError:
        print('readline timed out')
    print('then:', await reader.readline())
    sock = writer.get_extra_info('socket')
    print('socket family/type/proto:', sock.family, sock.type, sock.proto)
    print('same fd:', sock.fileno() == writer.transport.get_extra_info('socket').fileno())
    writer.write(b'bye')
    writer.close()
    try:
        await writer.drain()
    except ConnectionResetError as exc:
        print('drain after close:', exc)
    await writer.wait_closed()
    print('closing:', writer.is_closing())
    try:
        writer.write(b'ignored')
        print('write after close is ignored')
    except Exception as exc:
        print('write after close:', exc)
    async with server:
        await asyncio.sleep(0.05)
    print(events)

    # Two readers racing on one stream.
    r = asyncio.StreamReader()
    t = asyncio.create_task(r.read(1))
    await asyncio.sleep(0)
    try:
        await r.read(1)
    except RuntimeError as exc:
        print(exc)
    r.feed_data(b'ab')
    print(await t, r.at_eof())
    r.set_exception(ValueError('boom'))
    try:
        await r.readline()
    except ValueError as exc:
        print('set_exception:', exc)
    print(r.exception())

asyncio.run(main())
"#####,
        r#####"sockets: 2 [<AddressFamily.AF_INET: 2>, <AddressFamily.AF_INET6: 10>]
readline timed out
then: b'late line\n'
socket family/type/proto: 2 1 6
same fd: True
drain after close: Connection lost
closing: True
write after close is ignored
['slow handler', ('server read', b'bye')]
read() called while another coroutine is already waiting for incoming data
b'a' False
set_exception: boom
boom
"#####,
    );
}

/// The socket module: enums, constants, getaddrinfo (service names, AI_PASSIVE), gaierror.
#[test]
fn socket_module_resolution() {
    check(
        "socket_module_resolution",
        r#####"import socket
print(socket.SOMAXCONN, socket.AF_INET, repr(socket.AF_INET6), socket.getaddrinfo('localhost', 80, type=socket.SOCK_STREAM), socket.getaddrinfo('127.0.0.1', 'http'))
print(socket.getaddrinfo(None, 0, flags=socket.AI_PASSIVE, type=1))
print(socket.gaierror.__mro__, socket.error)
try: socket.getaddrinfo('nonexistent.invalid', 1)
except socket.gaierror as e: print(type(e), e.errno < 0, isinstance(e.strerror, str))
try: socket.getaddrinfo('x', 1.5)
except OSError as e: print(repr(e))
print(len(socket.getaddrinfo('127.0.0.1', 80)))
"#####,
        r#####"4096 2 <AddressFamily.AF_INET6: 10> [(<AddressFamily.AF_INET: 2>, <SocketKind.SOCK_STREAM: 1>, 6, '', ('127.0.0.1', 80))] [(<AddressFamily.AF_INET: 2>, <SocketKind.SOCK_STREAM: 1>, 6, '', ('127.0.0.1', 80))]
[(<AddressFamily.AF_INET: 2>, <SocketKind.SOCK_STREAM: 1>, 6, '', ('0.0.0.0', 0)), (<AddressFamily.AF_INET6: 10>, <SocketKind.SOCK_STREAM: 1>, 6, '', ('::', 0, 0, 0))]
(<class 'socket.gaierror'>, <class 'OSError'>, <class 'Exception'>, <class 'BaseException'>, <class 'object'>) <class 'OSError'>
<class 'socket.gaierror'> True True
OSError('Int or String expected')
3
"#####,
    );
}

/// Closing a loop unregisters its fds from the thread's poller (CPython closes the selector):
/// a later loop must not find a leftover listening socket ready on every iteration.
#[test]
fn closed_loop_leaves_no_registered_fds() {
    check(
        "closed_loop_leaves_no_registered_fds",
        r#####"import asyncio

async def first():
    async def handler(reader, writer):
        pass
    server = await asyncio.start_server(handler, '127.0.0.1', 0)
    keep.append(server)
    port = server.sockets[0].getsockname()[1]
    # The server stops accepting: the next connection waits in the backlog, so the listening
    # socket stays readable.
    loop = asyncio.get_running_loop()
    fd = server.sockets[0].fileno()
    loop._remove_reader(fd)
    loop._add_reader(fd, lambda: None)
    await asyncio.open_connection('127.0.0.1', port)
    await asyncio.sleep(0.01)

keep = []
asyncio.run(first())
print('ready after close:', asyncio._select(0))
"#####,
        "ready after close: []\n",
    );
}

/// loop.create_server / create_connection with Protocol subclasses: the callbacks in CPython's
/// order, eof_received closing the transport, write buffer limits.
#[test]
fn protocols_and_transports() {
    check(
        "protocols_and_transports",
        r#####"import asyncio

class Echo(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport
        print('server: connection_made', type(transport).__name__)

    def data_received(self, data):
        print('server: data_received', data)
        self.transport.write(data.upper())

    def eof_received(self):
        print('server: eof_received')
        self.transport.write(b'BYE')
        return False

    def connection_lost(self, exc):
        print('server: connection_lost', exc)


class Client(asyncio.Protocol):
    def __init__(self, done):
        self.done = done
        self.received = []

    def connection_made(self, transport):
        print('client: connection_made', transport.get_extra_info('peername')[0])
        transport.writelines([b'hello ', b'world'])
        self.transport = transport

    def data_received(self, data):
        self.received.append(data)
        if b''.join(self.received) == b'HELLO WORLD':
            print('client: got', b''.join(self.received))
            self.transport.write_eof()

    def eof_received(self):
        print('client: eof_received', b''.join(self.received))

    def connection_lost(self, exc):
        print('client: connection_lost', exc)
        self.done.set_result(None)


async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Echo, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    done = loop.create_future()
    transport, protocol = await loop.create_connection(lambda: Client(done), '127.0.0.1', port)
    print('created:', type(protocol).__name__, transport.is_closing())
    await done
    print('closing:', transport.is_closing())
    server.close()
    await server.wait_closed()
    print('write buffer limits:', transport.get_write_buffer_limits())

asyncio.run(main())
"#####,
        r#####"server: connection_made _SelectorSocketTransport
client: connection_made 127.0.0.1
created: Client False
server: data_received b'hello world'
client: got b'HELLO WORLD'
server: eof_received
server: connection_lost None
client: eof_received b'HELLO WORLDBYE'
client: connection_lost None
closing: True
write buffer limits: (16384, 65536)
"#####,
    );
}

/// create_connection's local_addr (bound before connecting, bind errors as CPython words them)
/// and happy_eyeballs_delay.
#[test]
fn local_addr_and_happy_eyeballs() {
    check(
        "local_addr_and_happy_eyeballs",
        r#####"import asyncio

async def main():
    async def handler(reader, writer):
        host, port = writer.get_extra_info('peername')
        writer.write(f'{host} {port == wanted}\n'.encode())
        writer.close()

    server = await asyncio.start_server(handler, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    # Pick a free local port by binding a throwaway server on port 0.
    probe = await asyncio.start_server(handler, '127.0.0.1', 0)
    wanted = probe.sockets[0].getsockname()[1]
    probe.close()
    await probe.wait_closed()
    reader, writer = await asyncio.open_connection('127.0.0.1', port, local_addr=('127.0.0.1', wanted))
    print('server saw:', (await reader.readline()).decode().strip())
    print('sockname port is local_addr:', writer.get_extra_info('sockname')[1] == wanted)
    writer.close()
    await writer.wait_closed()
    try:
        await asyncio.open_connection('127.0.0.1', port, local_addr=('::1', 0))
    except OSError as exc:
        print(exc)
    try:
        await asyncio.open_connection('127.0.0.1', port, local_addr=('127.0.0.1', port))
    except OSError as exc:
        print(type(exc).__name__, exc.errno, str(exc).replace(str(port), 'PORT'))
    r, w = await asyncio.open_connection('127.0.0.1', port, happy_eyeballs_delay=0.25)
    print('happy eyeballs:', (await r.readline()).decode().split()[0])
    w.close()
    await w.wait_closed()
    server.close()
    await server.wait_closed()

asyncio.run(main())
"#####,
        r#####"server saw: 127.0.0.1 True
sockname port is local_addr: True
no matching local address with family=<AddressFamily.AF_INET: 2> found
OSError 98 [Errno 98] error while attempting to bind on address ('127.0.0.1', PORT): address already in use
happy eyeballs: 127.0.0.1
"#####,
    );
}

/// create_server's reuse_port (two servers on one port), reuse_address=False, and EADDRINUSE.
#[test]
fn server_socket_options() {
    check(
        "server_socket_options",
        r#####"import asyncio

async def main():
    async def handler(reader, writer):
        writer.close()

    first = await asyncio.start_server(handler, '127.0.0.1', 0, reuse_port=True)
    port = first.sockets[0].getsockname()[1]
    second = await asyncio.start_server(handler, '127.0.0.1', port, reuse_port=True)
    print('shared port:', second.sockets[0].getsockname()[1] == port)
    try:
        await asyncio.start_server(handler, '127.0.0.1', port)
    except OSError as exc:
        print('without reuse_port:', exc.errno)
    for server in (first, second):
        server.close()
        await server.wait_closed()
    third = await asyncio.start_server(handler, '127.0.0.1', port, reuse_address=False)
    print('rebound:', third.sockets[0].getsockname()[1] == port)
    third.close()
    await third.wait_closed()

asyncio.run(main())
"#####,
        r#####"shared port: True
without reuse_port: 98
rebound: True
"#####,
    );
}

/// A protocol that pauses reading in connection_made gets no data until resume_reading (the
/// transport re-adds its reader only while reading).
#[test]
fn paused_in_connection_made_stays_paused() {
    check(
        "paused_in_connection_made_stays_paused",
        r#####"import asyncio

class Paused(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport
        transport.pause_reading()
        print('connection_made: reading', transport.is_reading())
        servers.append(self)

    def data_received(self, data):
        print('data_received', data)

servers = []

async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Paused, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection('127.0.0.1', port)
    writer.write(b'early')
    await asyncio.sleep(0.05)
    print('resuming')
    servers[0].transport.resume_reading()
    await asyncio.sleep(0.05)
    writer.close()
    await writer.wait_closed()
    servers[0].transport.close()
    server.close()
    await server.wait_closed()

asyncio.run(main())
"#####,
        r#####"connection_made: reading False
resuming
data_received b'early'
"#####,
    );
}

/// close() with megabytes still buffered (the kernel took only part): the transport sends the rest
/// before connection_lost, and the peer receives every byte.
#[test]
fn close_flushes_the_write_buffer() {
    check(
        "close_flushes_the_write_buffer",
        r#####"import asyncio

async def main():
    done = asyncio.get_running_loop().create_future()

    async def handler(reader, writer):
        data = await reader.read()
        done.set_result(len(data))
        writer.close()
        await writer.wait_closed()

    server = await asyncio.start_server(handler, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection('127.0.0.1', port)
    writer.write(b'z' * (32 * 1024 * 1024 + 7))
    print('buffered:', writer.transport.get_write_buffer_size() > 0)
    writer.close()
    print('closing with data buffered:', writer.is_closing())
    await writer.wait_closed()
    print('server received', await done)
    server.close()
    await server.wait_closed()

asyncio.run(main())
"#####,
        r#####"buffered: True
closing with data buffered: True
server received 33554439
"#####,
    );
}

/// socket.socket: blocking connect/accept/sendall/recv in one thread, then non-blocking sockets
/// with loop.sock_connect/sock_accept/sock_sendall/sock_recv, add_reader/remove_reader, and
/// open_connection(sock=...).
#[test]
fn socket_objects_blocking_and_with_the_loop() {
    check(
        "socket_objects_blocking_and_with_the_loop",
        r#####"import asyncio
import socket

# Blocking sockets, one thread: the kernel completes the handshake from the backlog.
with socket.socket() as server:
    server.bind(('127.0.0.1', 0))
    server.listen()
    host, port = server.getsockname()
    print('server:', host, type(port).__name__, server.getblocking(), server.gettimeout())
    client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    print('connect_ex:', client.connect_ex(('127.0.0.1', port)))
    conn, addr = server.accept()
    print('accepted from the client:', addr == client.getsockname(), conn.getblocking())
    client.sendall(b'ping over blocking sockets')
    print('recv:', conn.recv(100))
    conn.shutdown(socket.SHUT_WR)
    print('eof:', client.recv(100))
    print('family/type/proto:', repr(client.family), repr(client.type), client.proto)
    print(repr(client).startswith('<socket.socket fd='), 'laddr=' in repr(client))
    client.close()
    conn.close()
    print(repr(client))


async def main():
    loop = asyncio.get_running_loop()
    listener = socket.socket()
    listener.bind(('127.0.0.1', 0))
    listener.listen()
    listener.setblocking(False)
    client = socket.socket()
    client.setblocking(False)
    print('non-blocking:', client.getblocking(), client.gettimeout())
    accept = asyncio.ensure_future(loop.sock_accept(listener))
    await loop.sock_connect(client, listener.getsockname())
    conn, addr = await accept
    print('sock_accept peer is the client:', addr == client.getsockname())
    await loop.sock_sendall(client, b'x' * 100000)
    received = b''
    while len(received) < 100000:
        received += await loop.sock_recv(conn, 65536)
    print('sock_recv got', len(received))
    reader_calls = []
    def on_readable():
        reader_calls.append(client.recv(10))
        loop.remove_reader(client.fileno())
    loop.add_reader(client.fileno(), on_readable)
    await loop.sock_sendall(conn, b'wake')
    await asyncio.sleep(0.05)
    print('add_reader callback read:', reader_calls)
    print('remove twice:', loop.remove_reader(client.fileno()))
    for s in (client, conn, listener):
        s.close()
    refused = socket.socket()
    refused.setblocking(False)
    try:
        await loop.sock_connect(refused, listener.getsockname())
    except OSError as exc:
        print(type(exc).__name__)
    refused.close()
    # Streams over an already-connected socket.
    srv = await asyncio.start_server(lambda r, w: w.write(b'from server\n'), '127.0.0.1', 0)
    sock = socket.socket()
    sock.connect(srv.sockets[0].getsockname())
    reader, writer = await asyncio.open_connection(sock=sock)
    print('open_connection(sock=):', await reader.readline())
    writer.close()
    await writer.wait_closed()
    srv.close()

asyncio.run(main())
"#####,
        r#####"server: 127.0.0.1 int True None
connect_ex: 0
accepted from the client: True True
recv: b'ping over blocking sockets'
eof: b''
family/type/proto: <AddressFamily.AF_INET: 2> <SocketKind.SOCK_STREAM: 1> 0
True True
<socket.socket [closed] fd=-1, family=2, type=1, proto=0>
non-blocking: False 0.0
sock_accept peer is the client: True
sock_recv got 100000
add_reader callback read: [b'wake']
remove twice: False
OSError
open_connection(sock=): b'from server\n'
"#####,
    );
}

/// BufferedProtocol: the transport fills get_buffer()'s buffer and calls buffer_updated; the
/// protocol classes asyncio exports (and the helper classes it does not).
#[test]
fn buffered_protocol_and_exports() {
    check(
        "buffered_protocol_and_exports",
        r#####"import asyncio

class Collect(asyncio.BufferedProtocol):
    def __init__(self, done):
        self.buffer = bytearray(4)
        self.chunks = []
        self.done = done

    def connection_made(self, transport):
        print('buffered: connection_made')

    def get_buffer(self, sizehint):
        return self.buffer

    def buffer_updated(self, nbytes):
        self.chunks.append(bytes(self.buffer[:nbytes]))

    def eof_received(self):
        print('buffered: eof, data', b''.join(self.chunks), 'in chunks of at most',
              max(len(c) for c in self.chunks))

    def connection_lost(self, exc):
        print('buffered: connection_lost', exc)
        self.done.set_result(None)


async def main():
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    server = await loop.create_server(lambda: Collect(done), '127.0.0.1', 0)
    print(isinstance(server, asyncio.AbstractServer))
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection('127.0.0.1', port)
    writer.write(b'0123456789abcdef')
    writer.write_eof()
    await done
    writer.close()
    await writer.wait_closed()
    server.close()
    await server.wait_closed()
    print([hasattr(asyncio, n) for n in ('FlowControlMixin', 'TransportSocket', 'BufferedProtocol',
                                         'DatagramProtocol', 'SubprocessProtocol', 'Server')])

asyncio.run(main())
"#####,
        r#####"True
buffered: connection_made
buffered: eof, data b'0123456789abcdef' in chunks of at most 4
buffered: connection_lost None
[False, False, True, True, True, True]
"#####,
    );
}

/// Ctrl-C during a blocking socket call raises `KeyboardInterrupt` from that call (PEP 475), with
/// CPython's traceback: no frame for the socket method, no `InterruptedError`.
#[test]
fn ctrl_c_interrupts_a_blocking_recv() {
    use std::io::BufRead;
    use std::process::{Command, Stdio};
    let dir = std::env::temp_dir().join(format!("percolate-blocking-recv-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    std::fs::write(
        dir.join("block.py"),
        "import socket\n\
         server = socket.socket()\n\
         server.bind(('127.0.0.1', 0))\n\
         server.listen()\n\
         client = socket.socket()\n\
         client.connect(server.getsockname())\n\
         conn, _ = server.accept()\n\
         print('waiting', flush=True)\n\
         conn.recv(10)\n",
    )
    .expect("the script is written");
    use std::os::unix::process::CommandExt;
    let mut command = Command::new(env!("CARGO_BIN_EXE_percolate"));
    command
        .arg("block.py")
        .current_dir(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // SAFETY: between fork and exec, only async-signal-safe `signal`: SIGINT at its default,
    // since a test run started in the background inherits it ignored (and an ignored SIGINT
    // stays ignored, as under CPython).
    unsafe {
        command.pre_exec(|| {
            libc::signal(libc::SIGINT, libc::SIG_DFL);
            Ok(())
        });
    }
    let mut child = command.spawn().expect("percolate starts");
    let mut stdout = std::io::BufReader::new(child.stdout.take().expect("a stdout pipe"));
    let mut line = String::new();
    stdout.read_line(&mut line).expect("the first line");
    assert_eq!(line, "waiting\n");
    // The program is now blocked in recv (or about to be: the signal is then handled first).
    std::thread::sleep(std::time::Duration::from_millis(200));
    let pid = i32::try_from(child.id()).expect("a pid");
    // SAFETY: signals the child this test started.
    unsafe { libc::kill(pid, libc::SIGINT) };
    let output = child.wait_with_output().expect("percolate ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("Traceback (most recent call last):\n")
            && stderr.ends_with("line 9, in <module>\n    conn.recv(10)\nKeyboardInterrupt\n"),
        "stderr: {stderr}"
    );
    assert_eq!(stderr.matches("File ").count(), 1, "stderr: {stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// socket send/sendall take bytes and bytearray, and refuse str and int with CPython's message.
#[test]
fn socket_send_takes_bytes_like() {
    check(
        "socket_send_takes_bytes_like",
        r#####"import socket
with socket.socket() as server:
    server.bind(('127.0.0.1', 0))
    server.listen()
    with socket.socket() as client:
        client.connect(server.getsockname())
        conn, _ = server.accept()
        client.sendall(bytearray(b'abc'))
        print(client.send(bytearray(b'de')))
        print(conn.recv(10))
        for bad in ('text', 42):
            try:
                client.send(bad)
            except TypeError as exc:
                print(exc)
        conn.close()
    print(repr(client)[:30])
"#####,
        r#####"2
b'abcde'
a bytes-like object is required, not 'str'
a bytes-like object is required, not 'int'
<socket.socket [closed] fd=-1,
"#####,
    );
}

/// Unix-domain streams: start_unix_server/open_unix_connection, peer and socket names, a stale
/// socket file replaced by the next server, a missing path. Runs in a fresh directory (the
/// socket file is created next to the script).
#[test]
fn unix_domain_streams() {
    use std::process::Command;
    let dir = std::env::temp_dir().join(format!("percolate-unix-streams-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    std::fs::write(
        dir.join("unix.py"),
        r#####"import asyncio
import socket

async def main():
    path = 'echo.sock'
    finished = []

    async def handler(reader, writer):
        print('server: peer', repr(writer.get_extra_info('peername')),
              'sockname is the path:', writer.get_extra_info('sockname') == path)
        async for line in reader:
            writer.write(line.upper())
            await writer.drain()
        writer.close()
        await writer.wait_closed()
        finished.append(True)

    server = await asyncio.start_unix_server(handler, path)
    print('listening on the path:', server.sockets[0].getsockname() == path)
    reader, writer = await asyncio.open_unix_connection(path)
    print('client: peer is the path:', writer.get_extra_info('peername') == path)
    print('client: sockname', repr(writer.get_extra_info('sockname')))
    for word in (b'unix\n', b'domain\n', b'sockets\n'):
        writer.write(word)
        await writer.drain()
        print('reply:', await reader.readline())
    writer.close()
    await writer.wait_closed()
    while not finished:
        await asyncio.sleep(0.01)
    server.close()
    await server.wait_closed()
    # The socket file left behind is replaced by the next server on the same path.
    server = await asyncio.start_unix_server(handler, path)
    print('restarted on a stale path:', server.is_serving())
    server.close()
    await server.wait_closed()
    try:
        await asyncio.open_unix_connection('missing.sock')
    except FileNotFoundError as exc:
        print(type(exc).__name__, exc.errno, exc.strerror)
    with socket.socket(socket.AF_UNIX) as sock:
        print('unix socket:', repr(sock.family), sock.proto)

asyncio.run(main())
"#####,
    )
    .expect("the script is written");
    let output = Command::new(env!("CARGO_BIN_EXE_percolate"))
        .arg("unix.py")
        .current_dir(&dir)
        .output()
        .expect("percolate runs");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        r#####"listening on the path: True
client: peer is the path: True
client: sockname ''
server: peer '' sockname is the path: True
reply: b'UNIX\n'
reply: b'DOMAIN\n'
reply: b'SOCKETS\n'
restarted on a stale path: True
FileNotFoundError 2 No such file or directory
unix socket: <AddressFamily.AF_UNIX: 1> 0
"#####
    );
}

/// TCP transports set TCP_NODELAY (base_events.py _set_nodelay); getsockopt on transport and
/// plain sockets.
#[test]
fn tcp_transports_set_nodelay() {
    check(
        "tcp_transports_set_nodelay",
        r#####"import asyncio
import socket

async def main():
    async def handler(reader, writer):
        sock = writer.get_extra_info('socket')
        print('server transport nodelay:', sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0)
        writer.close()

    server = await asyncio.start_server(handler, '127.0.0.1', 0)
    reader, writer = await asyncio.open_connection(*server.sockets[0].getsockname())
    sock = writer.get_extra_info('socket')
    print('client transport nodelay:', sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0)
    print('SO_ERROR:', sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR))
    print(await reader.read())
    writer.close()
    await writer.wait_closed()
    with socket.socket() as plain:
        print('plain socket nodelay:', plain.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
        plain.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        print('after setsockopt:', plain.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0)
    server.close()
    await server.wait_closed()

asyncio.run(main())
"#####,
        r#####"server transport nodelay: True
client transport nodelay: True
SO_ERROR: 0
b''
plain socket nodelay: 0
after setsockopt: True
"#####,
    );
}

#[test]
fn echo_server_serves_a_thousand_concurrent_connections() {
    // benches/echo/ runs the same load across two processes and times it against python3.
    check(
        "echo1000",
        r#"
import asyncio

async def main():
    closed = 0

    async def handle(reader, writer):
        nonlocal closed
        while line := await reader.readline():
            writer.write(line)
            await writer.drain()
        writer.close()
        await writer.wait_closed()
        closed += 1

    server = await asyncio.start_server(handle, '127.0.0.1', 0, backlog=2048)
    port = server.sockets[0].getsockname()[1]

    async def client(i):
        reader, writer = await asyncio.open_connection('127.0.0.1', port)
        got = b''
        for r in range(3):
            writer.write(f'{i}:{r}\n'.encode())
            await writer.drain()
            got += await reader.readline()
        writer.close()
        await writer.wait_closed()
        return got

    replies = await asyncio.gather(*(client(i) for i in range(1000)))
    expected = [''.join(f'{i}:{r}\n' for r in range(3)).encode() for i in range(1000)]
    while closed < 1000:
        await asyncio.sleep(0.01)
    server.close()
    await server.wait_closed()
    print(len(replies), replies == expected, closed)

asyncio.run(main())
"#,
        "1000 True 1000\n",
    );
}
