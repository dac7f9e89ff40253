# An attribute load site remembers where it last found the name in an instance dict; the
# remembered position must never answer for another name, a deleted attribute or a miss.
class P:
    pass


class Q:
    def __getattr__(self, name):
        return "getattr " + name


def read(o):
    return o.x


a, b, c = P(), P(), Q()
a.x, a.y = 1, 2
b.y, b.x = 3, 4
c.z = 0
print(read(a), read(b), read(c), read(a))
del a.x
try:
    read(a)
except AttributeError as e:
    print("AttributeError:", e)
a.x = 5
print(read(a), list(a.__dict__))


class Key(str):
    pass


d = P()
d.__dict__[Key("x")] = "str subclass key"
print(read(d))
d2 = P()
d2.w, d2.x = 0, "other dict"
print(read(d2), read(d))
e = P()
for i in range(20):
    setattr(e, "a%d" % i, i)
e.x = "after growth"
print(read(e), read(b))
del e.a0, e.a1
print(read(e))
