# dict(pairs) and dict.update(pairs) store each pair as the iterable produces it (CPython's
# dict_merge_from_seq2), with its messages for elements that are not pairs.
def pairs(d):
    for k in "abc":
        print("producing", k, "dict has", sorted(d))
        yield k, ord(k)


target = {}
target.update(pairs(target))
print(target)
print(dict(zip("xyz", range(3))), dict([["k", "v"], ("a", 1), "cd"]), dict(iter([(1, 2)])))


class Pair(tuple):
    def __iter__(self):
        return iter(("sub", "class"))


print(dict([Pair((1, 2))]))
for bad in ([(1, 2), 3], [(1, 2), (1, 2, 3)], [(1,)], [iter([1, 2, 3])]):
    try:
        print(dict(bad))
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)


def failing():
    yield ("ok", 1)
    raise KeyError("inside")


d = {}
try:
    d.update(failing())
except KeyError as e:
    print("KeyError", e, d)
try:
    dict([([], 1)])
except TypeError as e:
    print("TypeError", e)
