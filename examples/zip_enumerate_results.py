# zip() and enumerate() refill their last result tuple only when nothing else holds it;
# tuples the consumer keeps stay as they were, and counts past the small-int range go on.
a = [1, 2, 3]
b = "xyz"
pairs = list(zip(a, b))
print(pairs, list(enumerate(b)), list(enumerate(b, 5)))
kept = []
for p in zip(a, b):
    kept.append(p)
print(kept, kept[0] is kept[1])
held = None
for i, p in enumerate(zip(a, b)):
    if i == 0:
        held = p
print(held, i, p)
for j, (x, y) in enumerate(zip(a, b)):
    pass
print(j, x, y)
e = enumerate("ab", 2**63 - 2)
print(next(e), next(e))
print(list(enumerate("abc", 2**64)), list(enumerate("ab", True)), list(enumerate("ab", -1)))
z = zip(a, b)
first = next(z)
second = next(z)
print(first, second, first is second, next(z), list(z))
t = next(zip(a))
del t
print(list(zip(a)), list(zip()), list(zip(a, [], b)))
try:
    list(zip(a, [1], strict=True))
except ValueError as err:
    print("ValueError", err)
try:
    list(zip([1], a, strict=True))
except ValueError as err:
    print("ValueError", err)
print(list(map(lambda p, q: p * q, a, [10, 20, 30])), list(map(str, a)))


def gen():
    yield 1
    raise KeyError("inside zip")


try:
    for q in zip(a, gen()):
        print("got", q)
except KeyError as err:
    print("KeyError", err)
d = dict(zip("abc", range(3)))
print(d, sorted(zip(b, a)), max(enumerate(a), key=lambda p: p[1]))
nested = list(zip(zip(a, a), enumerate(b)))
print(nested)


class Index:
    def __index__(self):
        return 7


class MyInt(int):
    pass


print(next(enumerate("a", Index())), type(next(enumerate("a", MyInt(5)))[0]).__name__)
try:
    enumerate("a", 1.5)
except TypeError as err:
    print("TypeError", err)
