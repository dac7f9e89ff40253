# asyncio streams: an echo server on 127.0.0.1 (an OS-chosen port), clients that talk to it,
# the StreamReader's reading methods and their errors, and a refused connection.
import asyncio

log = []


async def handle_echo(reader, writer):
    peer = writer.get_extra_info('peername')
    log.append(('server: client connected', peer == writer.transport.get_extra_info('peername')))
    async for line in reader:
        if line == b'quit\n':
            break
        writer.write(b'echo: ' + line)
        await writer.drain()
    writer.close()
    await writer.wait_closed()
    log.append('server: client done')


async def echo_clients(port, say):
    reader, writer = await asyncio.open_connection('127.0.0.1', port)
    say('client socket:', writer.get_extra_info('sockname')[0])
    say('peer is the server:', writer.get_extra_info('peername') == ('127.0.0.1', port))
    for text in ['hello', 'asyncio streams', 'ünïcode']:
        writer.write(text.encode() + b'\n')
        await writer.drain()
        reply = await reader.readline()
        say('reply:', reply.decode().rstrip('\n'))
    writer.writelines([b'one\n', b'two\n'])
    say('two replies:', await reader.readexactly(20))
    writer.write(b'quit\n')
    say('after quit:', await reader.read(), reader.at_eof())
    say('closing:', writer.is_closing(), writer.can_write_eof())
    writer.close()
    say('closing:', writer.is_closing())
    await writer.wait_closed()


def collector(lines):
    """A `say` for a client running concurrently: its lines are printed once it is done (how
    two clients' steps interleave depends on the timing of the network)."""
    return lambda *args: lines.append(' '.join(str(arg) for arg in args))


def handle_plain(reader, writer):
    # A plain callback: it runs inside connection_made, before any data arrives.
    log.append('plain callback called')
    writer.write(b'header:1;body:hello world;trailer')
    writer.write_eof()
    # Closed here too: since 3.12 the server's wait_closed() waits for every connection.
    writer.close()


async def reading_methods(port):
    reader, writer = await asyncio.open_connection('127.0.0.1', port)
    print('readuntil:', await reader.readuntil(b';'))
    print('read(4):', await reader.read(4))
    print('readuntil:', await reader.readuntil(b';'))
    try:
        await reader.readexactly(100)
    except asyncio.IncompleteReadError as exc:
        print('IncompleteReadError:', exc)
        print('  partial:', exc.partial, 'expected:', exc.expected)
        print('  is EOFError:', isinstance(exc, EOFError))
    print('at_eof:', reader.at_eof())
    try:
        await reader.readuntil(b'!')
    except asyncio.IncompleteReadError as exc:
        print('at EOF:', exc, repr(exc.partial), exc.expected)
    writer.close()
    await writer.wait_closed()


async def standalone_reader():
    reader = asyncio.StreamReader(limit=8)
    reader.feed_data(b'first line\nsecond')
    try:
        await reader.readuntil(b'\n')
    except asyncio.LimitOverrunError as exc:
        print('LimitOverrunError:', exc, 'consumed:', exc.consumed)
    try:
        await reader.readline()
    except ValueError as exc:
        print('readline ValueError:', exc)
    reader.feed_data(b'!\nlast')
    reader.feed_eof()
    lines = [line async for line in reader]
    print('remaining lines:', lines)
    print('at_eof:', reader.at_eof())
    try:
        await reader.readexactly(-1)
    except ValueError as exc:
        print('ValueError:', exc)
    try:
        await reader.readuntil(b'')
    except ValueError as exc:
        print('ValueError:', exc)
    try:
        asyncio.StreamReader(limit=0)
    except ValueError as exc:
        print('ValueError:', exc)


async def refused():
    server = await asyncio.start_server(handle_echo, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    server.close()
    await server.wait_closed()
    try:
        await asyncio.open_connection('127.0.0.1', port)
    except ConnectionRefusedError as exc:
        print(type(exc).__name__ + ':', str(exc).replace(str(port), 'PORT'))
        print('  errno:', exc.errno)
    try:
        await asyncio.open_connection('nonexistent.invalid', 80)
    except OSError as exc:
        print('bad host raises OSError:', isinstance(exc, OSError))


async def serve_forever_cancelled():
    server = await asyncio.start_server(handle_echo, '127.0.0.1', 0, start_serving=False)
    print('serving before start:', server.is_serving())
    task = asyncio.create_task(server.serve_forever())
    await asyncio.sleep(0)
    print('serving:', server.is_serving())
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print('serve_forever cancelled; serving:', server.is_serving())
    print('sockets after close:', server.sockets)


async def main():
    server = await asyncio.start_server(handle_echo, '127.0.0.1', 0)
    async with server:
        sockets = server.sockets
        print('listening sockets:', len(sockets), 'serving:', server.is_serving())
        host, port = sockets[0].getsockname()
        print('bound to', host, 'port is an int:', isinstance(port, int))
        await echo_clients(port, print)
        first, second = [], []
        await asyncio.gather(echo_clients(port, collector(first)),
                             echo_clients(port, collector(second)))
        print('\n'.join(first + second))
    print('server closed; serving:', server.is_serving())
    # The server's handlers ran concurrently for the last two clients: print their log sorted.
    print('\n'.join(sorted(str(entry) for entry in log)))
    log.clear()

    plain = await asyncio.start_server(handle_plain, '127.0.0.1', 0)
    async with plain:
        await reading_methods(plain.sockets[0].getsockname()[1])
    print(log)

    await standalone_reader()
    await refused()
    await serve_forever_cancelled()


asyncio.run(main())
