# Simple statements: expressions, every assignment form, del, flow, imports, semicolons.
f(x)
a = b = c
a, *b = c
[a, b] = (c, d) = e
x.y[0] = 1
x += 1; y -= 2; z //= 3; w **= 4; v @= m; u >>= 1
n: int
m: list[int] = []
(p): int = 1
obj.attr: str = "s"
del a, b[0], c.d
del (e, f)
pass
assert x, "message"
assert y
global g1, g2
import os
import a.b.c as d, e
from x import y
from x import (a, b as c,)
from . import z
from .. pkg import w
from ...deep.mod import q as r
from x import *
x = yield_ = 3
def gen():
    nonlocal_value = 1
    x = yield
    y = yield 1, 2
    return x, y
def outer():
    v = 0
    def inner():
        nonlocal v
        return
    raise
def raises():
    raise ValueError("x") from None
for i in range(3):
    if i:
        break
    continue
