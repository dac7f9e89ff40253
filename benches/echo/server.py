# Echo server for the 1,000-connection test: prints its port, echoes every line back, and stops
# after `expected` connections have closed (so the run ends by itself).
import asyncio
import sys

expected = int(sys.argv[1]) if len(sys.argv) > 1 else 1000


async def main():
    closed = 0
    all_closed = asyncio.Event()

    async def handle(reader, writer):
        nonlocal closed
        while True:
            line = await reader.readline()
            if not line:
                break
            writer.write(line)
            await writer.drain()
        writer.close()
        await writer.wait_closed()
        closed += 1
        if closed == expected:
            all_closed.set()

    server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=2048)
    port = server.sockets[0].getsockname()[1]
    print(port, flush=True)
    async with server:
        await all_closed.wait()
    print("served", closed, flush=True)


asyncio.run(main())
