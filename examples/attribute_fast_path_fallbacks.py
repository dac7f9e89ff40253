# The attribute fast paths (instance keys remembered per site, property getters run
# directly, methods with defaulted parameters, __slots__ stores, a cached __next__) and
# every case they must fall back on.


# --- instance attributes: the site remembers a position and a key object ---
class P:
    def __init__(self, a, b):
        self.a = a
        self.b = b


def read_a(o):
    return o.a


ps = [P(i, -i) for i in range(3)]
print([read_a(p) for p in ps])
# Deleting and re-adding moves the attribute to another position.
del ps[1].a
ps[1].a = 10
print([read_a(p) for p in ps])
# Keys written through vars() (a fresh str object, a str subclass) are still found.
class S(str):
    pass


q = P(1, 2)
vars(q).clear()
vars(q)["".join(["a"])] = "joined"
print(read_a(q))
r = P(1, 2)
vars(r).clear()
vars(r)[S("a")] = "subclass key"
print(read_a(r), type(list(vars(r))[0]).__name__)
# The site keeps working for the ordinary instances after that.
print([read_a(p) for p in ps])
# A store from the same site after the str-subclass key was seen keeps plain str keys.
def write_a(o, v):
    o.a = v


t = P(0, 0)
vars(t).clear()
write_a(t, 5)
print(read_a(t), [type(k).__name__ for k in vars(t)])
# A data descriptor added to the class later shadows the instance attribute.
P.a = property(lambda self: "from property")
print([read_a(p) for p in ps])
del P.a
print([read_a(p) for p in ps])
# Another class at the same site: its own attributes, then a class attribute.
class P2:
    a = "class attribute of P2"


print(read_a(P2()), [read_a(p) for p in ps])
try:
    read_a(P.__new__(P))
except AttributeError as e:
    print("AttributeError:", e)


# One site, three classes in turn (more than it remembers), then class changes under it.
class Q1:
    def __init__(self):
        self.v = 1


class Q2(Q1):
    pass


class Q3:
    def __init__(self):
        self.v = 3


def read_write_v(o):
    o.v = o.v + 1
    return o.v


qs = [Q1(), Q2(), Q3()]
print([read_write_v(q) for q in qs * 3])
# A plain class attribute of the same name does not hide the instance attribute.
Q1.v = "class value"
print([read_write_v(q) for q in qs])
# A __setattr__ added to a base class later takes over the stores.
Q1.__setattr__ = lambda self, name, value: print("Q1 setattr", name, value)
print([read_write_v(q) for q in qs])
del Q1.__setattr__
print([read_write_v(q) for q in qs])


# --- property getters run directly ---
class Shape:
    def __init__(self, w):
        self.w = w

    @property
    def double(self):
        return 2 * self.w

    @property
    def broken(self):
        raise AttributeError("inner failure")

    @property
    def with_default(self, k=3):
        return self.w * k

    @property
    def gen(self):
        yield self.w

    def __getattr__(self, name):
        return f"__getattr__({name})"


def show(s):
    return s.double, s.broken, s.with_default, list(s.gen)


sh = Shape(4)
print(show(sh))
# The instance dict does not shadow a property.
sh.__dict__["double"] = "shadow?"
print(show(sh))
# Replacing the property on the class, adding a setter and a deleter.
Shape.double = property(lambda self: -self.w, lambda self, v: print("set", v),
                        lambda self: print("deleted"))
print(show(sh))
sh.double = 9
del sh.double
# A property with a built-in getter.
Shape.double = property(len)
try:
    show(sh)
except TypeError as e:
    print("TypeError:", e)
# A property with no getter.
Shape.double = property(None)
try:
    print(show(sh))
except AttributeError as e:
    print("AttributeError:", e)
# A plain descriptor with its own __get__ (not a property).
class Loud:
    def __get__(self, obj, owner=None):
        return "loud " + str(obj.w)


Shape.double = Loud()
print(show(sh))
# __getattribute__ on the class takes over every load.
Shape.__getattribute__ = lambda self, name: f"getattribute({name})"
print(show(sh)[:3])
del Shape.__getattribute__
print(show(sh)[:3])


# --- methods with defaulted parameters ---
class Counter:
    def __init__(self):
        self.n = 0

    def bump(self, k=1, times=1):
        self.n += k * times
        return self.n


def bump_all(c):
    return c.bump(), c.bump(10), c.bump(2, 3)


c = Counter()
print(bump_all(c))
Counter.bump.__defaults__ = (100, 2)
print(bump_all(c))
Counter.bump.__defaults__ = (5,)
try:
    bump_all(c)
except TypeError as e:
    print("TypeError:", e)
Counter.bump.__defaults__ = None
try:
    c.bump()
except TypeError as e:
    print("TypeError:", e)
# An instance attribute of the method's name wins over the class's function.
c.bump = lambda *a: ("instance", a)
print(bump_all(c))
del c.bump
Counter.bump = lambda self, k=7: k
print(bump_all.__name__, c.bump(), c.bump(1))
# A keyword-only parameter and *args are not exact: the general path binds them.
class K:
    def m(self, a=1, *rest, kw=2):
        return a, rest, kw


def call_m(k):
    return k.m(), k.m(5), k.m(5, 6)


print(call_m(K()))


# --- __slots__ stores ---
class Slotted:
    __slots__ = ("n", "m")

    def __init__(self):
        self.n = 0


def bump_slot(s):
    s.n += 1
    s.m = s.n * 2
    return s.n, s.m


sl = Slotted()
print(bump_slot(sl), bump_slot(sl))
try:
    sl.other = 1
except AttributeError as e:
    print("AttributeError:", e)
class LoggedSlots(Slotted):
    __slots__ = ()

    def __setattr__(self, name, value):
        print("setattr", name, value)
        object.__setattr__(self, name, value)


print(bump_slot(LoggedSlots()))


# --- a Python __next__, looked up once per class state ---
class It:
    def __init__(self, n):
        self.i = 0
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        i = self.i
        if i >= self.n:
            raise StopIteration
        self.i = i + 1
        return i


print(sum(It(5)), list(It(3)), [x for x in It(4)])
it = It(10)
print(next(it), next(it))
# An instance attribute named __next__ is not the dunder.
it.__next__ = lambda: 99
print(next(it), sum(it))


def doubled(self):
    i = self.i
    if i >= self.n:
        raise StopIteration
    self.i = i + 1
    return 2 * i


It.__next__ = doubled
print(sum(It(5)), list(It(3)))
class SubIt(It):
    pass


print(sum(SubIt(4)))
def stop(self):
    raise StopIteration


It.__next__ = stop
print(sum(SubIt(4)), list(It(3)))
del It.__next__
try:
    sum(It(3))
except TypeError as e:
    print("TypeError:", e)
