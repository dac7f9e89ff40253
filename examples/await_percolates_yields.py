# await: a value yielded deep inside an await chain percolates up to whoever calls send().
class Rock:
    def __await__(self):
        sent = yield "from the rock"
        return f"rock got {sent}"


async def middle():
    return await Rock()


async def top():
    value = await middle()
    return value.upper()


coro = top()
print(coro.send(None))
try:
    coro.send(42)
except StopIteration as stop:
    print(stop.value)
