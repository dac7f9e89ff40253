# `for` over Python-level iterators whose `__next__` runs inline in the loop's frame: every
# way the loop can end, and the `__next__` shapes that take the generic call instead.


class Count:
    def __init__(self, n):
        self.i = 0
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        i = self.i
        if i >= self.n:
            raise StopIteration
        self.i = i + 1
        return i


class Failing(Count):
    def __next__(self):
        if self.i == 2:
            raise KeyError("boom")
        return super().__next__()


class StopFromInner(Count):
    """StopIteration escaping from a nested next() ends the loop too."""

    def __init__(self, items):
        super().__init__(0)
        self.it = iter(items)

    def __next__(self):
        return next(self.it) * 10


class CatchesOwn(Count):
    """Handles a StopIteration inside __next__ (its own handler comes first)."""

    def __next__(self):
        try:
            raise StopIteration
        except StopIteration:
            pass
        try:
            return Count.__next__(self)
        finally:
            print("  finally in __next__ at", self.i)


class WithDefault(Count):
    def __next__(self, step=1):
        return Count.__next__(self) * step


class StaticNext:
    def __iter__(self):
        return self

    left = [3, 2, 1]
    __next__ = staticmethod(lambda: StaticNext.left.pop() if StaticNext.left else next(iter(())))


class GenNext(Count):
    def __next__(self):
        yield 1


class Nested(Count):
    """Its __next__ runs a for loop over another Python iterator."""

    def __next__(self):
        total = 0
        for x in Count(Count.__next__(self) + 1):
            total += x
        return total


for x in Count(3):
    print("count", x)
else:
    print("else ran")

try:
    for x in Failing(5):
        print("failing", x)
except KeyError as e:
    print("caught", repr(e))

print([x for x in StopFromInner([1, 2, 3])])
for x in CatchesOwn(2):
    print("catches own", x)
print(list(WithDefault(3)), [x for x in WithDefault(2)])
print([x for x in StaticNext()])
for g in GenNext(1):
    print(type(g).__name__)
    break
print([x for x in Nested(4)])


def find(it, wanted):
    for x in it:
        if x == wanted:
            return "found " + str(x)
    return "missing"


print(find(Count(10), 4), find(Count(3), 7))
c = Count(10)
for x in c:
    if x == 3:
        break
print("after break", next(c), c.i)


def gen():
    for x in Count(3):
        yield x * x


print(list(gen()), sum(Count(5)), sorted(Count(4), reverse=True))
n = 0
for a in Count(3):
    for b in Count(a):
        n += 1
print("nested loops", n)


class Reassigned(Count):
    pass


r = Reassigned(6)
out = []
for x in r:
    out.append(x)
    if x == 1:
        Reassigned.__next__ = lambda self: 1 / 0 if self.i > 3 else Count.__next__(self) + 100
        break
try:
    for x in r:
        out.append(x)
except ZeroDivisionError as e:
    print("zero", e)
print(out)
