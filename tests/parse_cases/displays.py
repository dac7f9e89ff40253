# Displays and comprehensions: tuples, lists, sets, dicts with unpacking; yield; ellipsis.
()
(1,)
(1, 2)
[]
[1, 2, 3,]
[*a, *b]
{1, 2}
{*a, 1}
{}
{'k': 1, **d}
{**a, **b}
[x for x in y]
[x * y for x in a for y in b if x if y]
{x for x in y}
{k: v for k, v in items if k}
(x for x in y)
[(x, y) for x in range(3) for y in range(x)]
[y := f(x) for x in data]
...
x = ...
def gen():
    yield
    yield 1
    yield 1, 2
    x = yield from other()
    y = (yield)
    await_ = [x async for x in aiter()]
    return [await z for z in w]
async def agen():
    result = [x async for x in aiter() if await check(x)]
    async_gen = (x async for x in aiter())
    yield result
