# __getattribute__/__setattr__/__delattr__ added to or removed from a class, or a base, after use.
class A:
    pass


class B(A):
    def method(self):
        return "B.method"


b = B()
b.x = 1
print(b.x, b.method())

A.__getattribute__ = lambda self, name: "A hook: " + name
print(b.x, b.method)


def b_hook(self, name):
    return "B hook: " + name


B.__getattribute__ = b_hook
print(b.x)
del B.__getattribute__
print(b.x)
del A.__getattribute__
print(b.x, b.method())

A.__setattr__ = lambda self, name, value: print("A.__setattr__", name, value)
b.y = 2
print("y" in b.__dict__)
del A.__setattr__
b.y = 3
print(b.y)

B.__delattr__ = lambda self, name: print("B.__delattr__", name)
del b.y
print(b.y)
del B.__delattr__
del b.y
print(hasattr(b, "y"))
