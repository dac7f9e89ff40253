# Attribute look-ups stay right when classes change after they were used (the MRO cache).
class Base:
    kind = "base"

    def greet(self):
        return "hello from Base"


class Child(Base):
    pass


c = Child()
for _ in range(3):
    print(c.greet(), c.kind)

# A method assigned on the class after calls.
Child.greet = lambda self: "hello from the new Child.greet"
print(c.greet())

# A base class attribute changed and deleted after calls through a subclass.
del Child.greet
print(c.greet())
Base.greet = lambda self: "hello from the new Base.greet"
print(c.greet(), getattr(c, "greet")())
Base.kind = "changed"
print(c.kind, Child.kind)
del Base.kind
try:
    c.kind
except AttributeError as e:
    print("AttributeError:", e)
setattr(Base, "kind", "set again")
print(c.kind)


# A property replaced by a plain class attribute: the instance dict becomes visible.
class P:
    def __init__(self):
        self.__dict__["x"] = "instance x"

    @property
    def x(self):
        return "property x"


p = P()
print(p.x, p.x)
P.x = "class x"
print(p.x)
del p.x
print(p.x)


# A plain attribute replaced by a property: the data descriptor wins over the instance dict.
class Q:
    pass


q = Q()
q.y = "instance y"
print(q.y, q.y)
Q.y = property(lambda self: "property y")
print(q.y)
try:
    q.y = 1
except AttributeError:
    print("AttributeError: the property has no setter")
del Q.y
print(q.y)


# An instance attribute shadowing a method after method calls, then removed again.
class M:
    def m(self):
        return "method"


o = M()
print(o.m(), o.m())
o.m = lambda: "instance function"
print(o.m())
del o.m
print(o.m())


# A descriptor class that becomes a data descriptor after it was used as a plain one.
class Desc:
    def __get__(self, obj, owner):
        return "from Desc.__get__"


class D:
    a = Desc()


d = D()
d.__dict__["a"] = "instance a"
print(d.a)
Desc.__set__ = lambda self, obj, value: print("Desc.__set__", value)
print(d.a)
d.a = 5


# __getattr__ added after misses.
class G:
    pass


g = G()
for _ in range(2):
    try:
        g.missing
    except AttributeError as e:
        print("AttributeError:", e)
G.__getattr__ = lambda self, name: "fallback " + name
print(g.missing)


# super() follows a base method replaced after calls.
class S1:
    def who(self):
        return "S1"


class S2(S1):
    def who(self):
        return "S2 over " + super().who()


s = S2()
print(s.who())
S1.who = lambda self: "new S1"
print(s.who())

# Many classes with the same attribute names, made and dropped: each sees its own values.
total = 0
for i in range(3000):
    K = type("K", (), {"v": i, "get": lambda self: self.v})
    k = K()
    assert k.v == i and k.get() == i and K.v == i
    total += k.get()
print(total)

# Names built at run time (not the compiler's strings).
for name in ["gr" + "eet", "".join(["g", "reet"])]:
    print(getattr(c, name)())
