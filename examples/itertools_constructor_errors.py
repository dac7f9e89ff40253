# Argument errors of the native itertools constructors, as CPython's: __new__ of a class
# that is not a subtype, chain.from_iterable's keyword and count errors, count() of an
# object that is no number, islice() with bool indices. (CPython names the classes
# `itertools.count` in these messages, percolate `count`: the prints drop the prefix.)
import itertools

attempts = [
    lambda: itertools.count.__new__(int),
    lambda: itertools.repeat.__new__(str, 1),
    lambda: itertools.chain.from_iterable([1], x=2),
    lambda: itertools.chain.from_iterable(),
    lambda: itertools.chain.from_iterable([1], [2]),
]


class OnlyComplex:
    def __complex__(self):
        return 1.0


attempts.append(lambda: itertools.count(OnlyComplex()))
for attempt in attempts:
    try:
        attempt()
    except TypeError as e:
        print("TypeError:", str(e).replace("itertools.", ""))
print(list(itertools.islice(range(10), True, 5)))
print(list(itertools.chain.from_iterable([[1], [2, 3]])))
