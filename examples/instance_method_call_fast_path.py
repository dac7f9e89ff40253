# Method calls on instances of Python classes: the cases the direct frame set-up must leave
# to the general path (an instance attribute shadowing the method, defaults, *args, a
# __getattribute__, a generator method, a method replaced on the class, built-in payloads).
class P:
    def m(self, x):
        return ("P.m", x)

    def d(self, x, y=10):
        return ("P.d", x, y)

    def v(self, *a):
        return ("P.v", a)

    def g(self, n):
        yield from range(n)

    @staticmethod
    def s(x):
        return ("P.s", x)

    @classmethod
    def c(cls, x):
        return ("P.c", cls.__name__, x)


p = P()
for i in range(3):
    print(p.m(i), p.d(i), p.d(i, i), p.v(i, i), list(p.g(i)), p.s(i), p.c(i))

# An instance attribute of the method's name wins over the class's function.
p.m = lambda x: ("instance", x)
print(p.m(1))
del p.m
print(p.m(2))

# Wrong argument counts raise as CPython does.
try:
    p.m()
except TypeError as e:
    print("TypeError:", e)
try:
    p.m(1, 2)
except TypeError as e:
    print("TypeError:", e)

# The method replaced on the class after the site cached it.
def site(o):
    return o.m(5)

print(site(p))
P.m = lambda self, x: ("new P.m", x)
print(site(p))


class Logged(P):
    def __getattribute__(self, name):
        print("getattribute", name)
        return object.__getattribute__(self, name)


print(site(Logged()))


class Slotted:
    __slots__ = ("x",)

    def m(self, y):
        return ("Slotted.m", y)


print(site(Slotted()))


class MyList(list):
    def m(self, y):
        return ("MyList.m", len(self), y)


print(site(MyList([1, 2])))


class Callable:
    def __call__(self, x):
        return ("Callable", x)


class HoldsCallable:
    m = Callable()


print(site(HoldsCallable()))

# A subclass overriding the method: the same call site sees both classes.
class Q(P):
    def m(self, x):
        return ("Q.m", x)


for o in [P(), Q(), P(), Q()]:
    print(site(o))
