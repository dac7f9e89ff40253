# Subclasses of property: their own __get__/__set__, __init__ through super(), extra
# attributes, getter/setter/deleter returning the subclass, docstrings and error messages.


class P(property):
    pass


class Logged(property):
    """A property that counts its reads."""

    def __init__(self, fget=None, fset=None, fdel=None, doc=None):
        super().__init__(fget, fset, fdel, doc)
        self.reads = 0

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        self.reads += 1
        return super().__get__(obj, owner)


class cached(property):
    def __init__(self, f):
        super().__init__(f)
        self.name = f.__name__

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        v = self.fget(obj)
        obj.__dict__[self.name] = v
        return v


class Upper(property):
    def __set__(self, obj, value):
        super().__set__(obj, value.upper())


class C:
    x = P()
    y = P(lambda s: 1)

    def _get_z(self):
        "z's doc"
        return self._z

    z = Logged(_get_z)

    @z.setter
    def z(self, v):
        self._z = v

    @z.deleter
    def z(self):
        del self._z

    @cached
    def total(self):
        print("computing total")
        return 42

    def _get_name(self):
        return self._name

    def _set_name(self, v):
        self._name = v

    name = Upper(_get_name, _set_name)


c = C()
for what, f in [
    ("get x", lambda: c.x),
    ("set y", lambda: setattr(c, "y", 2)),
    ("del y", lambda: delattr(c, "y")),
    ("get y", lambda: c.y),
]:
    try:
        print(what, f())
    except AttributeError as e:
        print(what, "AttributeError:", e)

print(type(C.z).__name__, isinstance(C.z, property), C.z.__doc__, C.z.reads)
c.z = 5
print(c.z, c.z, C.z.reads)
del c.z
try:
    c.z
except AttributeError as e:
    print("deleted:", e)
print(vars(C.x), vars(C.y), sorted(vars(C.z)))
print(C.total.name, c.total, c.total, "total" in vars(c))
c.name = "ada"
print(c.name, type(C.name).__name__)

# getter/setter/deleter call type(self)(fget, fset, fdel, None).
p = P(lambda s: 1, None, None, "given")
q = p.setter(lambda s, v: None)
print(type(q).__name__, q.__doc__, p.__doc__, q.fset is not None, q.fget is p.fget)


class OneArg(property):
    def __init__(self, f):
        super().__init__(f)


try:
    OneArg(lambda s: 1).setter(lambda s, v: None)
except TypeError as e:
    print("TypeError:", e)

# Plain properties are unchanged.
pp = property(lambda s: 3, doc="plain")
print(type(pp.setter(lambda s, v: None)).__name__, pp.__doc__)
try:
    property.__init__()
except TypeError as e:
    print("TypeError")
print(hasattr(property, "__set_name__"), P.__mro__[1] is property)
class P(property): pass
def g(s):
    "gdoc"
for args in [(), (None,None,None,"given"), (lambda s:1,), (g,), (lambda s:1,None,None,"given"), (g,None,None,"given")]:
    p = P(*args)
    print(vars(p), p.__doc__)
class Q(property):
    "Qdoc"
for args in [(), (None,None,None,"given"), (lambda s:1,), (g,)]:
    p = Q(*args)
    print(vars(p), p.__doc__)
p=P(g); q=p.setter(None); print(vars(q))
p=P(lambda s:1, None,None,"x"); q=p.setter(None); print(vars(q))
# Without __set_name__ (made outside a class body): CPython's unnamed messages.
for call in [lambda: P().__get__(1), lambda: P().__set__(1, 2), lambda: P().__delete__(1)]:
    try:
        call()
    except AttributeError as e:
        print("AttributeError:", e)
