# Definitions: def in every parameter form, async def/for/with, await, classes, decorators, lambda.
def f(): pass
def g(a, b=1, *args, c, d=2, **kwargs) -> int:
    return a
def h(a, b, /, c, *, d):
    pass
def k(a: int, b: "str" = "x", *args: int, **kw: dict) -> None:
    pass
def star(*, key=None): pass
def unpack(*args: *Ts): pass
async def fetch(session, url):
    async with session.get(url) as response:
        async for chunk in response:
            await process(chunk)
    return await response.text()
class A: pass
class B(A, metaclass=Meta, **extra):
    x = 1
    def method(self):
        return self.x
class C(*bases): pass
@decorator
@decorator.attr(arg)
@(lambda f: f)
@x[0] if y else z
def decorated():
    pass
@dataclass
class D:
    a: int
    b: str = "b"
l0 = lambda: 0
l1 = lambda x, y=1, *a, z, **k: x
l2 = lambda a, /, b: a
l3 = lambda *, k: k
l4 = lambda *a, **k: (a, k)
