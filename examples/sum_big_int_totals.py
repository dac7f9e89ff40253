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
