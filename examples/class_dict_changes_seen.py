# Class attributes read through instances stay right while class dicts keep changing: a
# class-level counter bumped in the loop that reads it, base classes changed by decorators,
# __init_subclass__ and a metaclass, each after the look-ups were cached.
class Base:
    total = 0
    label = "base"

    def read(self):
        return self.total, self.label


class Child(Base):
    pass


c = Child()
seen = []
for i in range(5):
    Base.total += i
    seen.append(c.read())
    if i == 2:
        Child.label = "child"
print(seen)
del Child.label
print(c.read())


def add_method(cls):
    cls.extra = lambda self: "extra on " + type(self).__name__
    return cls


class Plain:
    pass


p = Plain()
print(hasattr(p, "extra"))
add_method(Plain)
print(p.extra())


class Registry:
    names = []

    def __init_subclass__(cls):
        Registry.names = Registry.names + [cls.__name__]
        cls.tag = cls.__name__.lower()


r = Registry()
for _ in range(2):
    print(r.names)


class One(Registry):
    pass


class Two(One):
    pass


print(r.names, One().tag, Two().tag)


class Meta(type):
    def __setattr__(cls, name, value):
        super().__setattr__(name, value.upper() if isinstance(value, str) else value)


class Shouty(metaclass=Meta):
    word = "quiet"


s = Shouty()
print(s.word)
Shouty.word = "loud"
print(s.word)
Shouty.word = 3
print(s.word)


# Many short-lived classes and instances interleaved with class changes.
acc = 0
for i in range(200):
    K = type("K", (Base,), {"own": i})
    k = K()
    acc += k.own + k.total
    if i % 50 == 0:
        Base.total += 1
print(acc, Base.total)


# super() from one method reached by instances of three classes, each resolving differently,
# while the classes between change.
class A:
    def hello(self):
        return "A"


class B(A):
    def hello(self):
        return "B>" + super().hello()


class C1(B):
    pass


class C2(B):
    def hello(self):
        return "C2>" + super().hello()


class Mid(A):
    def hello(self):
        return "Mid"


class D(B, Mid):
    pass


objs = [B(), C1(), C2(), D()]
for round_ in range(3):
    print([o.hello() for o in objs])
    if round_ == 0:
        A.hello = lambda self: "A2"
    if round_ == 1:
        Mid.hello = lambda self: "Mid2"
        C1.hello = lambda self: "C1 own"
