# dict methods and views, | and |=, and set/frozenset algebra in CPython's iteration order.
stock = {"apples": 3, "pears": 0}
stock.update({"plums": 7}, kiwis=2)
print(stock.setdefault("figs", 5), stock.pop("pears"), stock.get("limes", 0))
print(stock.keys() & {"apples", "figs", "grapes"}, stock.keys() - {"apples"})
print(dict.fromkeys("abc", 0) | {"b": 9})
merged = {"x": 1}
merged |= {"y": 2}
print(merged, list(merged.items()), merged.popitem())
evens, small = set(range(0, 20, 2)), set(range(10))
print(evens & small, evens | small, evens - small, evens ^ small)
print(small.issubset(range(12)), frozenset("hello"), {frozenset({1, 2}): "pair"})
