# Call fast paths: exact-argument calls and method calls, class construction with a cached
# __init__ (invalidated when a class dict changes), built-in calls, the fused `await f()`
# of a fresh coroutine (exceptions, recursion limit, cancellation) and recycled
# finished generators and coroutines.
import types
def f0(): return 0
def f1(a): return a
def f2(a, b): return a - b
def f3(a, b, c): return a * b + c
def f4(a, b, c, d):
    e = a + b
    g = c + d
    return e * g
def fl(a, b=2): 
    x = 1; y = 2
    return a + b + x + y
print(f0(), f1(5), f2(7, 3), f3(2, 3, 4), f4(1, 2, 3, 4), fl(1), fl(1, 5))
def unb(a):
    if a: b = 1
    return b
try: unb(0)
except UnboundLocalError as e: print("UnboundLocalError", e)
try: f2(1)
except TypeError as e: print(e)
try: f2(1, 2, 3)
except TypeError as e: print(e)
@types.coroutine
def tc(x):
    yield x
g = tc(3); print(next(g))
def gen(a, b):
    yield a; yield b
print(list(gen(1, 2)))
class K:
    def m(self, a, b): return a + b
    def __init__(self, v): self.v = v
print(K(1).m(2, 3), K(5).v)
import sys
sys.setrecursionlimit(100)
def r(n): return r(n + 1)
try: r(0)
except RecursionError as e: print("RecursionError", e)
sys.setrecursionlimit(1000)

class A:
    def __init__(self, x):
        self.x = x
a = [A(i).x for i in range(3)]
print(a)
def new_init(self, x):
    self.x = x * 100
A.__init__ = new_init
print(A(2).x)
class B(A): pass
print(B(3).x)
A.__init__ = lambda self, x: setattr(self, 'x', -x)
print(B(3).x, A(1).x)
class N:
    def __new__(cls, *a):
        print("new", a)
        return super().__new__(cls)
    def __init__(self, v):
        self.v = v
print(N(4).v)
class M:
    def __init__(self, v): self.v = v
print(M(1).v)
M.__new__ = staticmethod(lambda cls, v: 42)
print(M(1))
class E:
    pass
print(type(E()).__name__)
try:
    E(1)
except TypeError as e:
    print(e)
class R:
    def __init__(self):
        return 5
try:
    R()
except TypeError as e:
    print(e)

import asyncio
def inner(n):
    x = yield n
    return x
def outer():
    keep = []
    total = 0
    for i in range(5):
        g = inner(i)
        keep.append(g)
        r = yield from g
        total += r or 0
    for g in keep:
        print(g.gi_frame is None, g.__name__)
    for i in range(3):
        r = yield from inner(i)
    return total
o = outer()
v = next(o)
try:
    while True:
        v = o.send(v * 10)
except StopIteration as e:
    print("ret", e.value)

async def c(i):
    await asyncio.sleep(0)
    return i
async def main():
    made = []
    for i in range(4):
        co = c(i)
        made.append(co)
        print(await co)
    for co in made:
        print(co.cr_frame is None, co.__qualname__)
        try:
            await co
        except RuntimeError as e:
            print("RuntimeError", e)
    s = 0
    for i in range(100):
        s += await c(i)
    print(s)
    x = c(5)
    print(type(x).__name__, x.__name__)
    print(await x)
asyncio.run(main())

import asyncio

async def boom(n):
    if n == 0:
        raise ValueError("deep")
    return await boom(n - 1)

async def leaf(x):
    await asyncio.sleep(0)
    return x * 2

async def catcher():
    try:
        await boom(5)
    except ValueError as e:
        print("caught", e, type(e.__traceback__).__name__)
    r = 0
    for i in range(3):
        r += await leaf(i)
    print("sum", r)

class C:
    async def m(self, v):
        await asyncio.sleep(0)
        return v + 1
    async def run(self):
        return await self.m(1) + await self.m(2)

async def deep(n):
    if n == 0:
        return 0
    return 1 + await deep(n - 1)

async def slow():
    await asyncio.sleep(10)

async def canceller():
    t = asyncio.ensure_future(slow())
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled")

async def main():
    await catcher()
    print("method", await C().run())
    try:
        print(await deep(10000))
    except RecursionError as e:
        print("RecursionError")
    print(await deep(100))
    await canceller()
    def gen():
        yield 1
    try:
        await gen()
    except TypeError as e:
        print("TypeError", e)
    async def inner():
        raise KeyError("k")
    async def outer():
        try:
            return await inner()
        finally:
            print("finally")
    try:
        await outer()
    except KeyError as e:
        print("KeyError", e)

asyncio.run(main())

print(len("abc"), [].__len__(), "-".join(["a", "b"]), max(3, 7), sorted([3, 1, 2]))
xs = []
for i in range(3):
    xs.append(i)
print(xs)

# Attribute inline caches: polymorphic sites, class changes, hooks added and removed.
class A:
    def __init__(self, x): self.x = x
    def get(self): return self.x
    def m(self): return "A.m"
class B(A):
    def m(self): return "B.m"
def read(o): return o.x
def call(o): return o.m()
def write(o, v): o.x = v
objs = [A(1), B(2), A(3), B(4)]
print([read(o) for o in objs], [call(o) for o in objs])
A.m = lambda self: "A.m2"
print([call(o) for o in objs])
del B.m
print([call(o) for o in objs])
a = objs[0]
a.m = lambda: "instance"
print(call(a), call(objs[2]))
A.x = property(lambda self: "prop")
print([read(o) for o in objs])
del A.x
print([read(o) for o in objs])
write(objs[1], 9); print(read(objs[1]))
def ga(self, name):
    return "ga:" + name
A.__getattribute__ = ga
print(read(objs[0]), read(objs[1]))
del A.__getattribute__
print(read(objs[0]), read(objs[1]))
log = []
def sa(self, name, v):
    log.append(name)
    object.__setattr__(self, name, v)
B.__setattr__ = sa
write(objs[1], 7); write(objs[0], 8)
print(log, read(objs[1]), read(objs[0]))
class C:
    def __init__(self): self.x = 1
class D:
    def __init__(self): self.x = 2
class E:
    x = 3
for o in [C(), D(), E(), C(), D(), E()]:
    print(read(o), end=" ")
print()
class S:
    __slots__ = ("x",)
s = S(); write(s, 11); print(read(s))
try:
    S().y = 1
except AttributeError as e:
    print("AttributeError", e)
class G:
    def __getattr__(self, n): return "missing " + n
print(read(G()))
