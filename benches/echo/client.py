# Client for the 1,000-connection test: opens `count` connections at once, sends `rounds` lines
# on each, checks every echo, and prints a checksum of what came back.
import asyncio
import sys

port = int(sys.argv[1])
count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 10


async def one(i):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    received = 0
    for r in range(rounds):
        message = f"client {i} round {r}\n".encode()
        writer.write(message)
        await writer.drain()
        echoed = await reader.readline()
        if echoed != message:
            raise RuntimeError(f"connection {i} got {echoed!r} for {message!r}")
        received += len(echoed)
    writer.close()
    await writer.wait_closed()
    return received


async def main():
    results = await asyncio.gather(*(one(i) for i in range(count)))
    print("connections", len(results), "bytes", sum(results))


asyncio.run(main())
