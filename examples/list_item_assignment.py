# Assigning list items: negative indexes, out-of-range errors, and list subclasses.
a = [1.0, 2.0, 3.0]
a[0] = 10.5
a[-1] += 0.25
a[1] -= 3
print(a)
for bad in (3, -4):
    try:
        a[bad] = 0
    except IndexError as e:
        print("IndexError:", e)
try:
    a["x"] = 0
except TypeError as e:
    print("TypeError:", e)


class Logged(list):
    def __setitem__(self, i, v):
        print("Logged.__setitem__", i, v)
        super().__setitem__(i, v)


b = Logged([0, 0])
b[1] = 7
print(b)
t = (1, 2)
try:
    t[0] = 5
except TypeError as e:
    print("TypeError:", e)
