# `return a + b` (BINARY_OP then RETURN_VALUE) in every kind of frame: a plain call, a
# recursive one, an `__init__` (must return None), a generator run by `yield from` and by a
# for loop, a coroutine, a function called from native code, and an operator that raises.
import asyncio


def add(a, b):
    return a + b


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


print(add(2, 3), add("a", "b"), add([1], [2]), fib(15))


class Bad:
    def __init__(self, x):
        return x + 1


try:
    Bad(1)
except TypeError as e:
    print("TypeError:", e)


class Fine:
    def __init__(self, x):
        self.x = x
        return None


print(Fine(4).x)


def gen(a, b):
    yield a
    return a * b


def outer():
    r = yield from gen(3, 4)
    return r - 2


print(list(outer()))
g = outer()
next(g)
try:
    g.send(None)
except StopIteration as e:
    print("StopIteration value", e.value)


async def co(a, b):
    await asyncio.sleep(0)
    return a + b


async def main():
    return await co(1, 2) + await co(3, 4)


print(asyncio.run(main()))
print(list(map(lambda p: add(*p), [(1, 2), (3, 4)])), sorted([3, 1, 2], key=lambda v: v % 3 + 0))


def boom(a, b):
    return a + b


try:
    boom(1, "x")
except TypeError as e:
    print("TypeError:", e, e.__traceback__.tb_next.tb_frame.f_code.co_name)


class Num:
    def __init__(self, v):
        self.v = v

    def __add__(self, other):
        return Num(self.v + other.v)

    def __repr__(self):
        return f"Num({self.v})"


print(add(Num(1), Num(2)))
