# Dunders the VM calls on Python objects (comparisons in sort, hashing and equality in dicts,
# context managers, len/in/[]): plain functions of exactly their arguments run directly, and
# every other shape (defaults, *args, NotImplemented, errors, natives) falls back correctly.


class K:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        return self.v < other.v

    def __repr__(self):
        return f"K({self.v})"


class KDefault(K):
    def __lt__(self, other, flip=False):
        return (self.v > other.v) if flip else (self.v < other.v)


class KStar(K):
    def __lt__(self, *args):
        return self.v < args[0].v


class KNot(K):
    def __lt__(self, other):
        return NotImplemented

    def __gt__(self, other):
        return self.v > other.v


class KRaise(K):
    def __lt__(self, other):
        raise ValueError("no order")


class KInt(int):
    pass


print(sorted([K(3), K(1), K(2)]), sorted([KDefault(2), KDefault(1)]), sorted([KStar(5), KStar(4)]))
print(sorted([KNot(2), KNot(1), KNot(3)]), sorted([KInt(3), KInt(1)]))
try:
    sorted([KRaise(1), KRaise(2)])
except ValueError as e:
    print("sort raised", e)
try:
    sorted([K(1), 2])
except Exception as e:
    print(type(e).__name__, e)


class P:
    def __init__(self, a):
        self.a = a

    def __hash__(self):
        return self.a % 7

    def __eq__(self, other):
        return isinstance(other, P) and self.a == other.a


class PBadEq(P):
    __hash__ = P.__hash__

    def __eq__(self, other):
        raise RuntimeError("eq failed")


d = {P(i): i for i in range(20)}
print(len(d), d[P(15)], P(3) in d, P(99) in d, d.get(P(8), "none"))
e = {PBadEq(1): 1}
try:
    e[PBadEq(8)]
except RuntimeError as err:
    print("lookup raised", err)


class CM:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print("enter", self.name)
        return self

    def __exit__(self, kind, value, tb):
        print("exit", self.name, kind.__name__ if kind else None)
        return kind is KeyError


class CMStar(CM):
    def __exit__(self, *exc):
        print("exit*", self.name, exc[0].__name__ if exc[0] else None)


with CM("a") as a, CMStar("b"):
    print("body", a.name)
with CM("c"):
    raise KeyError("swallowed")
try:
    with CMStar("d"):
        raise IndexError("kept")
except IndexError as err:
    print("propagated", err)


class Box:
    def __init__(self, items):
        self.items = items

    def __len__(self):
        return len(self.items)

    def __contains__(self, x):
        return x in self.items

    def __getitem__(self, i):
        return self.items[i]


b = Box([1, 2, 3])
print(len(b), 2 in b, 5 in b, b[1], list(b), bool(Box([])))
