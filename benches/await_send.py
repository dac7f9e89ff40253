# A deep await chain driven by hand with send(): no event loop. Each value a custom __await__
# yields percolates up 50 coroutines to the send() call, and the sent value travels back down.


class Tick:
    def __await__(self):
        got = yield 1
        return got


async def chain(depth):
    if depth == 0:
        total = 0
        for _ in range(20):
            total += await Tick()
        return total
    return 1 + await chain(depth - 1)


def drive(rounds):
    checksum = 0
    for r in range(rounds):
        coro = chain(50)
        sent = None
        try:
            while True:
                checksum += coro.send(sent)
                sent = r % 7
        except StopIteration as stop:
            checksum += stop.value
    return checksum


print(drive(12000))
