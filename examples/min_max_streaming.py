# min() and max() compare items as the iterator produces them (a key is called between
# the iterator's steps, as CPython does); small ints without a key compare directly, every
# other item through the comparison protocol.
def noisy(values):
    for v in values:
        print("yield", v)
        yield v


def key(v):
    print("key", v)
    return -v


print(max(noisy([3, 1, 4])), min(noisy([3, 1, 4]), key=key))
print(max([1, 5, 5, 2]), min(x % 7 for x in range(20)), max(range(10)), min(3, 1, 2))
print(max([1, 2**70, 3]), min([2**70, -(2**70), 0]), max([1, 2.5, 2]), min([True, 0, -1]))
print(max([(1, "b"), (1, "a")]), min("hello"), max([], default="empty"))
pairs = [(1, "first"), (2, "x"), (1, "second")]
print(min(pairs, key=lambda p: p[0]), max(pairs, key=lambda p: p[0]))
print(max([0, 0.0, False]), min([0.0, 0, False]))


class Loud(int):
    def __lt__(self, other):
        print("Loud.__lt__", int(self), other)
        return int(self) < other

    def __gt__(self, other):
        print("Loud.__gt__", int(self), other)
        return int(self) > other


print(min([5, Loud(3), 4]), max([Loud(1), 9]))
for bad in ([], [1, "a"]):
    try:
        print(min(bad))
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    max(1, 2, default=0)
except TypeError as e:
    print("TypeError", e)


def failing():
    yield 2
    raise KeyError("inside")


try:
    max(failing())
except KeyError as e:
    print("KeyError", e)
try:
    min([1, 2], key=lambda v: 1 / (v - 2))
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
