# chain and islice over inputs of every kind: the ones stepped directly (range iterators,
# exact itertools objects) and the ones that fall back to __next__ (subclasses overriding
# it, user iterators, generators), including inputs that raise part-way.
import itertools
from itertools import chain, islice


class Doubling(chain):
    def __next__(self):
        return super().__next__() * 2


class Raising:
    def __init__(self, n):
        self.i = 0
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        self.i += 1
        if self.i > self.n:
            raise ValueError(f"raised after {self.n}")
        return self.i


def gen(n):
    yield from range(n)
    return "ignored"


print(sum(islice(chain(range(5), range(5)), 0, 10, 2)))
print(list(islice(chain(range(3), [10, 11], (20,), gen(2), "ab"), 1, None, 2)))
print(list(islice(Doubling(range(4), range(2)), 0, None, 2)))
print(sum(islice(chain(chain(range(3), range(3)), chain(range(2))), 1, 7)))
print(list(islice(islice(range(20), 2, None, 3), 1, None, 2)))
print(list(chain.from_iterable([range(2), islice(range(10), 5, 8)])))
try:
    print(sum(islice(chain(range(2), Raising(3)), 0, 10, 2)))
except ValueError as e:
    print("ValueError", e)
it = islice(chain(range(3), Raising(1)), 0, None)
print(next(it), next(it), next(it), next(it))
try:
    next(it)
except ValueError as e:
    print("ValueError", e)
print(list(it))
c = chain(range(2), range(2, 4))
print(next(c), list(islice(c, 2)), list(c))
print(sum(islice(itertools.count(5), 0, 10, 3)), list(islice(itertools.cycle("ab"), 5)))
print(sum(islice(chain(range(3), [0.5, 1.5]), 0, None)), sum(chain(range(3)), 10))


def reenter():
    yield 1
    yield next(outer)


outer = chain(range(1), reenter())
try:
    print(list(outer))
except ValueError as e:
    print("ValueError", e)
