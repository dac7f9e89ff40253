# The consumer-loop fast paths (sum() adding a generator's ints in its frame, unpacking
# straight into locals, tuple(list) refilling a spare tuple, len()/tuple() on a local,
# number truth tests) behave exactly as the general instructions do.
import sys


def window(it, n):
    buf = []
    for x in it:
        buf.append(x)
        if len(buf) == n:
            yield tuple(buf)
            buf.pop(0)


# sum() over generators: small ints, a total crossing the i64 range and back, other numbers.
print(sum(a + b + c for a, b, c in window(range(10), 3)))
print(sum(x for x in [sys.maxsize, 1, 2, -5]))
print(sum(x for x in [1, 2.5, True, 3]))
print(sum(sum(y for y in range(x)) for x in range(20)))


def big():
    yield 1
    yield sys.maxsize
    yield sys.maxsize
    yield -sys.maxsize
    yield 4


print(sum(big()), sum(big(), 10), sum(big(), 2**70), sum(big(), 0.5))


def sent():
    t = yield 5
    print("sent", t)
    yield 6


print(sum(sent()))


def fails():
    yield 1
    raise ValueError("in the generator")


try:
    sum(fails())
except ValueError as e:
    print("ValueError", e)
it = (x for x in range(6))
print(sum(x + next(it, 0) for x in it))

# Windows kept, compared, and unpacked: every tuple stays its own object.
kept = list(window("abcde", 2))
print(kept, kept[0] is kept[1], [w == kept[0] for w in kept])
firsts = []
for a, b in window(range(5), 2):
    firsts.append(a)
print(firsts)
for pair in window(range(4), 2):
    a, b = pair
    print(a, b, pair)

# Unpacking into locals: lists, repeated targets, wrong lengths, other iterables.
a, b, c = [1, 2, 3]
print(a, b, c)
x, x, y = (1, 2, 3)
print(x, y)
for p, q in [[1, 2], (3, 4), "ab", {5: 0, 6: 0}]:
    print(p, q)
try:
    a, b = (1, 2, 3)
except ValueError as e:
    print("ValueError", e)
try:
    a, b, c = [1, 2]
except ValueError as e:
    print("ValueError", e)

# len() and tuple() of a local: other types, errors, a list changed in between.
s = "hello"
d = {1: 2}
n = 7
print(len(s), len(d), tuple(s), tuple(d))
try:
    len(n)
except TypeError as e:
    print("TypeError", e)
try:
    tuple(n)
except TypeError as e:
    print("TypeError", e)
lst = [1, 2]
t1 = tuple(lst)
lst.append(3)
t2 = tuple(lst)
print(t1, t2, len(lst))


class Sized:
    def __len__(self):
        return 42


z = Sized()
print(len(z))


def unbound():
    try:
        return len(v)
    except UnboundLocalError as e:
        print("UnboundLocalError", e)
    v = 1


unbound()

# Numbers tested for truth by `if`: ints, floats, bools.
print([x for x in range(12) if x % 4], [x for x in range(5) if not x % 2])
print([f for f in [0.0, 1.5, -0.0, float("nan")] if f * 1], [b for b in [True, False] if b])
total = 0
for i in range(10):
    if i % 3:
        total += i
    while i % 2:
        i -= 1
print(total)
