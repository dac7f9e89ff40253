# __slots__: instances of classes that declare only slots accept only those names.
class Point:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x, self.y = x, y

class Point3(Point):
    __slots__ = "z"

class Loose(Point):
    pass

class WithDict:
    __slots__ = ("a", "__dict__")

p = Point3(1, 2)
p.z = 3
print(p.x, p.y, p.z)
for obj, name in ((Point(0, 0), "z"), (p, "w")):
    try:
        setattr(obj, name, 1)
    except AttributeError as e:
        print("AttributeError:", e)
l = Loose(1, 2)
l.anything = 5
print(l.anything)
w = WithDict()
w.a = 1
w.b = 2
print(w.a, w.b)
try:
    del p.w
except AttributeError as e:
    print("AttributeError:", e)
del p.z
print(hasattr(p, "z"))
class Empty:
    __slots__ = ()
try:
    Empty().x = 1
except AttributeError as e:
    print("AttributeError:", e)
