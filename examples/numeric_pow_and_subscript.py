# ** on ints and floats (fast paths and the special cases around them), and list/tuple
# item assignment and reads by index, in range and out of range.
import math
vals = [2.0, 0.5, 1e308, 1e-308, 3, 0.0, 2.5, float("inf"), float("nan")]
# (a negative base with a fractional exponent gives a complex number: not supported)
exps = [0.5, 2, -1, 3.5, 1e10, -1e10, 0, 2.0]
for a in vals:
    for b in exps:
        try:
            r = a ** b
        except Exception as e:
            r = f"{type(e).__name__}: {e}"
        print(a, b, r)
print(2 ** 62, 2 ** 63, 3 ** 40, (-3) ** 3, 7 ** 0, 0 ** 0, 2 ** -2, (-2) ** 63)
x = 10
x **= 3
print(x)
l = [1, 2, 3]
l[-1] = 9
l[0] = "a"
try:
    l[3] = 1
except IndexError as e:
    print(e)
try:
    l[-4] = 1
except IndexError as e:
    print(e)
t = (1, 2, 3)
print(l, t[-1], t[0])
try:
    t[3]
except IndexError as e:
    print(e)
class L(list):
    def __setitem__(self, i, v):
        print("set", i, v)
L([1])[0] = 5
