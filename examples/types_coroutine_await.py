# types.coroutine: a generator function marked CO_ITERABLE_COROUTINE is awaitable (values percolate to the task), inspect's view of it, and wrapping of other callables.
import asyncio
import inspect
import types


def ticks(n):
    received = []
    for i in range(n):
        received.append((yield f'tick {i}'))
    return received


awaitable_ticks = types.coroutine(ticks)
print(awaitable_ticks.__name__, bool(awaitable_ticks.__code__.co_flags & 0x100))
gen = awaitable_ticks(2)
print(type(gen).__name__, inspect.isgenerator(gen), inspect.isawaitable(gen), inspect.iscoroutine(gen))
print(inspect.isgeneratorfunction(awaitable_ticks))
print(inspect.iscoroutinefunction(awaitable_ticks), asyncio.iscoroutinefunction(awaitable_ticks))


async def consumer():
    got = await awaitable_ticks(2)
    return f'consumer got {got}'


coro = consumer()
print(coro.send(None))
print(coro.send('a'))
try:
    coro.send('b')
except StopIteration as stop:
    print(stop.value)


@types.coroutine
def switch():
    yield


async def worker(name, steps):
    for i in range(steps):
        print(name, 'step', i)
        await switch()
    return name


async def main():
    print(await asyncio.gather(worker('a', 2), worker('b', 3)))


asyncio.run(main())


def not_marked():
    yield 1


async def bad():
    await not_marked()


try:
    bad().send(None)
except TypeError as e:
    print('TypeError:', e)


class Steps:
    def __init__(self):
        self.items = iter(['x', 'y'])

    def __iter__(self):
        return self

    def __next__(self):
        return next(self.items)

    def send(self, value):
        return next(self.items)

    def throw(self, *args):
        raise args[0]

    def close(self):
        pass


def make_steps():
    return Steps()


wrapped = types.coroutine(make_steps)
print(wrapped.__name__, wrapped is make_steps, type(wrapped()).__name__)


async def plain():
    return 1


print(types.coroutine(plain) is plain)
try:
    types.coroutine(42)
except TypeError as e:
    print('TypeError:', e)
