# Module-level and class-body names (LOAD_NAME/STORE_NAME read and write a plain namespace
# dict at the position each name last had): rebinding, shadowing and deleting builtins,
# deletion, exec with separate globals and locals, a __prepare__ namespace that is not a dict.
x = 1
for i in range(3):
    x += i
print(x, len("abc"))
len = lambda s: 42
print(len("abc"))
del len
print(len("abc"))
class C:
    a = 1
    b = a + 1
    for k in range(2):
        a += k
    print(a, b, x)
    def m(self):
        return x
ns = {}
exec("y = 5\ny += 1\nz = y * 2", ns)
print(ns["y"], ns["z"])
g = {"q": 1}
loc = {}
exec("w = q + 1\nq = 10\nprint(q, w)", g, loc)
print(sorted(loc), g["q"])
def f():
    global late
    late = 3
f()
print(late)
globals()["dyn"] = 7
print(dyn)
del x
try:
    print(x)
except NameError as e:
    print(e)
x = "back"
print(x, C().m())
class D(dict):
    pass
class Meta(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return D()
class E(metaclass=Meta):
    v = 1
    v += 1
print(E.v)
