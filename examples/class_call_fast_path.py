# Calling a class: the exact-arguments fast path and every case that must leave it.
class A:
    def __init__(self, x):
        self.x = x
class B(A):
    pass
class C:
    def __init__(self, x):
        return 5
class D:
    def __init__(self, x):
        raise ValueError(x)
class M(type):
    def __call__(cls, *a):
        return ("meta", a)
class E(metaclass=M):
    def __init__(self, x):
        pass
print(A(1).x, B(2).x, E(3))
try:
    C(1)
except TypeError as e:
    print(e)
try:
    D(7)
except ValueError as e:
    print("VE", e)
try:
    A()
except TypeError as e:
    print(e)
try:
    A(1, 2)
except TypeError as e:
    print(e)
