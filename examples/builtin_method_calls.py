# CALL_METHOD on exact built-in receivers goes through a per-name/type cache of the
# methods' positional entries; subclasses, overrides and error cases take the general path.


class S(str):
    def startswith(self, p):
        return "overridden " + p


class D(dict):
    def get(self, k, default=None):
        return ("D.get", k, default)

    def items(self):
        return "D.items"


class L(list):
    def index(self, x):
        return -42


class Plain(str):
    pass


def calls(s, d, lst, t, st, b, i, f):
    out = []
    out.append(s.startswith("ab"))
    out.append(s.split())
    out.append(s.upper())
    out.append(s.strip())
    out.append(d.get("a"))
    out.append(d.get("zz", 0))
    out.append(sorted(d.items()) if isinstance(d.items(), type({}.items())) else d.items())
    out.append(lst.index(2))
    out.append(t.count(1))
    out.append(len(st.copy()) if hasattr(st, "copy") else None)
    out.append(b.startswith(b"x"))
    out.append(i.bit_length())
    out.append(f.is_integer())
    return out


for _ in range(3):
    print(calls("abc def", {"a": 1}, [1, 2, 3], (1, 1, 2), {1, 2}, b"xy", 5, 2.0))
    print(calls(S("abc def"), D(a=1), L([1, 2, 3]), (1,), {3}, b"y", True, 0.5))
    print(calls(Plain(" ab "), {"a": 2}, [2], (), set(), b"", -1, -3.0))

# The same site seeing str then a subclass overriding the method, and back.
for s in ["abc", S("abc"), "xbc", S("x"), "ab"]:
    print(s.startswith("ab"))

# A method replaced on a subclass after the site ran.
class R(str):
    pass


r = R("hello")
for k in range(3):
    if k == 1:
        R.upper = lambda self: "replaced"
    print(r.upper(), "hello".upper())

# Errors: wrong argument counts, wrong types, keyword arguments, missing attributes.
for thunk in [
    lambda: "abc".startswith(),
    lambda: "abc".startswith(1),
    lambda: "abc".split(sep=None, maxsplit=1),
    lambda: "abc".nosuch(),
    lambda: [1].index(5),
    lambda: {}.get(),
    lambda: {}.get([], 1),
    lambda: {}.pop("x"),
    lambda: (1,).index(2),
    lambda: "a".join([1]),
    lambda: {}.setdefault(),
]:
    try:
        print(thunk())
    except (TypeError, ValueError, KeyError, AttributeError) as e:
        print(type(e).__name__, e)

# Names that are not methods on the receiver's type.
x = "abc"
print(x.__class__, x.__len__(), x.__eq__("abc"))
d = {}
d.setdefault("k", []).append(1)
print(d, d.keys(), d.values())

# list.index / list.count through the positional entry: start/stop, counts, keywords.
nums = [3, 1, 3, 2, 3]
print(nums.index(3), nums.index(3, 1), nums.index(3, -2), nums.index(2, 0, 4), nums.count(3))
print(L([3]).index(3), L([3, 3]).count(3))
for thunk in [
    lambda: nums.index(),
    lambda: nums.index(3, 0, 1, 2),
    lambda: nums.index(9),
    lambda: nums.count(),
    lambda: nums.count(3, 4),
    lambda: list.index(5, 1),
    lambda: list.count((1,), 1),
]:
    try:
        print(thunk())
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
