# The native itertools iterators: exhaustion, argument errors, reprs, laziness and the order
# in which they consume their inputs (each checked against CPython).
import itertools
from itertools import (accumulate, chain, compress, count, cycle, dropwhile, filterfalse,
                       islice, pairwise, repeat, starmap, takewhile, zip_longest)


def attempt(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


class Noisy:
    """An iterator that logs each item it hands out."""

    def __init__(self, n, name="it"):
        self.i = 0
        self.n = n
        self.name = name

    def __iter__(self):
        return self

    def __next__(self):
        if self.i >= self.n:
            print("  ", self.name, "exhausted")
            raise StopIteration
        self.i += 1
        print("  ", self.name, "gives", self.i - 1)
        return self.i - 1


# Types, isinstance and names.
for f in (count, repeat, chain, islice, cycle, takewhile, dropwhile, starmap, accumulate,
          pairwise, filterfalse, compress, zip_longest):
    print(f.__name__, type(f).__name__, f.__module__)
print(isinstance(chain(), chain), type(chain.from_iterable([])) is chain)
print(isinstance(islice([], 1), itertools.islice), type(count()).__name__)
print(iter(count()) is not None, repr(chain())[:24])

# count: ints, floats, negative steps, big ints, keywords, repr after stepping.
c = count()
print([next(c) for _ in range(3)], c)
c = count(2.5, 0.5)
print([next(c) for _ in range(4)], c)
c = count(10, -3)
print([next(c) for _ in range(4)], repr(c))
c = count(2**63 - 2)
print([next(c) for _ in range(3)], c)
c = count(step=2, start=1)
print(list(zip(range(3), c)), c)
print(count(True), next(count(True)), count(0, True), count(5, 1.0))
attempt("count str", lambda: count("a"))
attempt("count step str", lambda: count(0, "x"))
attempt("count 3 args", lambda: count(1, 2, 3))
attempt("count kw", lambda: count(x=1))

# repeat: bounded, unbounded, negative, repr after use.
r = repeat("ab", 2)
print(repr(r), list(r), repr(r), list(r))
r = repeat(7)
print([next(r) for _ in range(3)], r)
print(list(repeat(1, -5)), repeat(1, -5), list(repeat(times=2, object="x")))
attempt("repeat none", lambda: repeat(1, None))
attempt("repeat no object", lambda: repeat())
attempt("repeat str times", lambda: repeat(1, "3"))

# chain and chain.from_iterable (lazy: iterables are opened only when reached).
print(list(chain("ab", [1, 2], (), range(3))))
print(list(chain()), list(chain.from_iterable(["xy", "z"])))


def sources():
    print("  making first")
    yield Noisy(2, "a")
    print("  making second")
    yield Noisy(1, "b")


lazy = chain.from_iterable(sources())
print("created")
print(next(lazy))
print(list(lazy))
print(list(lazy))
bad = chain([1], 5, [2])
print(next(bad))
attempt("chain bad", lambda: next(bad))
attempt("chain after bad", lambda: next(bad))
attempt("chain kw", lambda: chain(a=1))
attempt("from_iterable none", lambda: chain.from_iterable())
attempt("from_iterable int", lambda: chain.from_iterable(3))

# islice: all argument forms, None, bounds, errors, how far it reads.
data = list(range(10))
print(list(islice(data, 3)), list(islice(data, 2, 5)), list(islice(data, 1, None, 3)))
print(list(islice(data, None)), list(islice(data, None, None, None)), list(islice(data, 8, 100)))
print(list(islice(data, 5, 2)), list(islice(data, 0)), list(islice(data, True)))
print(list(islice(count(), 3, 20, 7)), list(islice("abcdefg", 0, 7, 2)))
src = Noisy(10)
print(list(islice(src, 0, 5, 2)))
print("after 0:5:2, next is", next(src))
src = Noisy(10)
print(list(islice(src, 0, 6, 2)))
print("after 0:6:2, next is", next(src))
src = Noisy(10)
print(list(islice(src, 6, 2)))
print("after 6:2, next is", next(src))
for args in [(-1,), (1.0,), (-1, 2), (1, -1), (1, -5), (0, 5, 0), (0, 5, -1), (0, 5, 1.5),
             (2**70,), ("1",), (1, 2, 3, 4)]:
    attempt(f"islice{args}", lambda: islice(data, *args))
attempt("islice no args", lambda: islice(data))
attempt("islice kw", lambda: islice(data, stop=1))
attempt("islice int", lambda: islice(5, 1))

# cycle: saves the first pass, empty input, error propagation.
cy = cycle(Noisy(2))
print([next(cy) for _ in range(5)])
print(list(cycle([])))
attempt("cycle int", lambda: cycle(1))
attempt("cycle 0 args", lambda: cycle())

# takewhile / dropwhile: the boundary element, exhaustion, no re-testing.
tw = takewhile(lambda x: x < 3, Noisy(6))
print(list(tw), list(tw))
calls = []
dw = dropwhile(lambda x: calls.append(x) or x < 3, [1, 2, 3, 4, 1, 0])
print(list(dw), calls)
print(list(takewhile(bool, [])), list(dropwhile(bool, [1, 1])))
attempt("takewhile 1 arg", lambda: takewhile(bool))
attempt("dropwhile kw", lambda: dropwhile(bool, [], x=1))
attempt("takewhile raises", lambda: list(takewhile(lambda x: 1 / x, [1, 0])))

# starmap, accumulate, pairwise, filterfalse, compress, zip_longest.
print(list(starmap(pow, [(2, 3), [3, 2], range(2, 4)])))
attempt("starmap not iterable", lambda: list(starmap(abs, [1])))
print(list(accumulate([1, 2, 3, 4])), list(accumulate([1, 2, 3], initial=10)))
print(list(accumulate([3, 1, 4, 1, 5], max)), list(accumulate([], initial=0)), list(accumulate([])))
print(list(accumulate("abc")), list(accumulate([2, 3], lambda a, b: a * b, initial=None)))
attempt("accumulate 3 args", lambda: accumulate([1], None, None))
attempt("accumulate kw", lambda: accumulate([1], x=1))
print(list(pairwise("abcd")), list(pairwise("a")), list(pairwise([])))
attempt("pairwise 2 args", lambda: pairwise([], []))
print(list(filterfalse(None, [0, 1, "", "a", None])), list(filterfalse(lambda x: x % 2, range(7))))
print(list(compress("abcdef", [1, 0, 1, 1, 0, 1])), list(compress(data=[1, 2], selectors=[0, 1])))
print(list(compress(Noisy(5, "data"), Noisy(2, "sel"))))
attempt("compress missing", lambda: compress([1]))
print(list(zip_longest("ab", [1, 2, 3], fillvalue="-")), list(zip_longest()))
print(list(zip_longest(Noisy(1, "x"), Noisy(2, "y"))))
attempt("zip_longest kw", lambda: zip_longest([1], fill=0))
attempt("zip_longest int", lambda: zip_longest([1], 2))

# Subclasses keep working and can override __next__.
class Evens(count):
    def __next__(self):
        return super().__next__() * 2


e = Evens(3)
print(type(e).__name__, isinstance(e, count), [x for _, x in zip(range(3), e)])
print(sum(islice(chain(range(100), range(100)), 0, 200, 3)), sum(chain.from_iterable([[1], [2, 3]])))
