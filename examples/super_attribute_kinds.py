# super().name(...) resolves along the MRO after the current class, for every kind of attribute.
class A:
    def f(self):
        return "A.f"

    @classmethod
    def c(cls):
        return "A.c on " + cls.__name__

    @staticmethod
    def s(x):
        return "A.s " + str(x)

    @property
    def p(self):
        return "A.p"


class B(A):
    def f(self):
        return "B.f > " + super().f()

    def calls(self):
        return [super().c(), super().s(1), super().p, super().__class__.__name__]

    @classmethod
    def cm(cls):
        return "B.cm > " + super().c()


class E(A):
    def f(self):
        return "E.f > " + super().f()


class D(B, E):
    def f(self):
        return "D.f > " + super().f()


print(D().f())
print(B().calls())
print(D.cm())
print(super(B, D()).f())
print(super(D, D()).f.__name__)
d = D()
d.f = lambda: "instance attribute, not the method"
print(d.f(), "|", super(D, d).f())
for _ in range(2):
    print(B().f())
A.f = lambda self: "replaced A.f"
print(B().f(), "|", D().f())
try:
    super(B, B()).missing()
except AttributeError as e:
    print("AttributeError:", e)
