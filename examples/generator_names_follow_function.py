# A generator takes its function's __name__/__qualname__ when created (even reassigned
# ones), and its own can be reassigned independently afterwards.
def gen():
    yield 1


async def coro():
    return 2


first = gen()
gen.__name__ = "renamed"
second = gen()
print(first.__name__, first.__qualname__)
print(second.__name__, second.__qualname__)
gen.__qualname__ = "Outer.renamed"
third = gen()
print(third.__name__, third.__qualname__)
third.__name__ = "other"
print(third.__name__, third.__qualname__)
third.__qualname__ = "Q"
print(third.__name__, third.__qualname__)
print(gen().__name__, gen().__qualname__)
c = coro()
c.__qualname__ = "C.q"
print(c.__name__, c.__qualname__, repr(c).split(" at ")[0])
c.close()
