# Dict look-ups and `for k, v in d.items()` loops on their fast paths and on the cases
# those paths must hand back to the general code.


class Key:
    """A key whose equality needs __eq__: the fast probe must fall back."""

    def __init__(self, name):
        self.name = name

    def __hash__(self):
        return 1

    def __eq__(self, other):
        print("eq", self.name, getattr(other, "name", other))
        return isinstance(other, Key) and self.name == other.name


class S(str):
    pass


def lookups():
    d = {"a": 1, "b" * 40: 2, 1: "int", 2.5: "float"}
    print(d.get("a"), d.get("b" * 40), d.get("b" * 39, "absent"))
    print(d.get(1.0), d.get(True), d[1], 2.5 in d, d.get(S("a")))
    key = "k" + str(7)
    d[key] = d.get(key, 0) + 1
    d["k7"] = d.get("k7", 0) + 1
    print(d["k7"], "".join(["k", "7"]) in d)
    e = {Key("x"): 1, Key("y"): 2}
    print(e.get(Key("y")), Key("z") in e)
    e[Key("x")] = 10
    print(sorted(k.name for k in e), e.get("x"))
    mixed = {1: "one"}
    mixed[Key("x")] = 2
    print(len(mixed), mixed.get(1), mixed.get(True), mixed.get(1.0))


def items_loops():
    d = {i: i * i for i in range(5)}
    total = 0
    for k, v in d.items():
        total += k * v
    print(total)
    for k, k in d.items():
        pass
    print(k)
    pairs = []
    for (a, b) in d.items():
        pairs.append(a - b)
    print(pairs)
    obj = type("O", (), {})()
    for obj.k, obj.v in d.items():
        pass
    print(obj.k, obj.v)
    for k, v in d.items():
        d[k] = v + 1
    print(d)
    try:
        for k, v in d.items():
            d[k + 100] = v
    except RuntimeError as exc:
        print("RuntimeError:", exc)
    try:
        for k, v in {}.items():
            print("never")
        for a, b, c in {1: 2}.items():
            pass
    except ValueError as exc:
        print("ValueError:", exc)
    it = iter({"p": 1, "q": 2}.items())
    print(next(it))
    for k, v in it:
        print(k, v)
    for k, v in {1: 2}.keys() if False else [(3, 4)]:
        print(k, v)


for gk, gv in {"module": "level"}.items():
    print(gk, gv)
lookups()
items_loops()


class BigHash:
    def __init__(self, h):
        self.h = h

    def __hash__(self):
        return self.h


print(hash(BigHash(2**62 + 5)), hash(BigHash(-1)), hash(BigHash(2**64 + 3)), hash(BigHash(True)))


class MyDict(dict):
    def get(self, key, default=None):
        return ("overridden", key, default)


class PlainSub(dict):
    pass


def get_calls():
    d = {"a": 1}
    print(MyDict(a=1).get("a"), PlainSub(a=1).get("a"), PlainSub().get("z", 5))
    print(d.get("a"), d.get("b"), d.get("b", None), d.get("b", [1]))
    for bad in ((), ("a", 1, 2)):
        try:
            d.get(*bad)
        except TypeError as exc:
            print("TypeError:", exc)
    try:
        d.get()
    except TypeError as exc:
        print("TypeError:", exc)
    try:
        d.get("a", 1, 2)
    except TypeError as exc:
        print("TypeError:", exc)
    try:
        d.get([1])
    except TypeError as exc:
        print("TypeError:", exc)
    getter = d.get
    print(getter("a"), dict.get(d, "a", 0), {}.get(1.5, "none"))


get_calls()
