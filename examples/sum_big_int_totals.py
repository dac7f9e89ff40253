# sum() past the i64 range: a big running total is added in place only while sum() alone holds it.
big = 10**19
print(sum([big, 1, 2]), big)
print(sum([2**70, -2**70 + 5]), type(sum([2**70, -2**70 + 5])).__name__)
s = sum(x * x for x in range(3000000, 3000010))
print(s)
print(sum([1, 2], big), big)
class I(int):
    pass
r = sum([big, I(3)])
print(r, type(r).__name__)
print(sum([big, True, 2.5]))
print(sum([big, -big, -big, big, 7]))
print(sum(range(2**62, 2**62 + 5)))
# Small items whose running total leaves the 64-bit range, then other kinds of item.
print(sum([2**62, 2**62, 2**62, 1.5]), sum([2**62] * 4 + [-(2**62)] * 4), sum([2**63 - 1, 1]))
print(sum(iter([-(2**63), -1])), sum([2**62] * 3 + [10**30]), sum([2**62] * 3 + [True]))
w = sum([2**62] * 3 + [I(5)])
print(w, type(w).__name__, sum(x for x in [2**62] * 3 if x), sum([2**62] * 3, 0.0))
print(sum(i * 2**40 for i in range(100000)), type(sum([2**62, 2**62, -(2**62)])).__name__)
