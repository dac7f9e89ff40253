# __name__ / __qualname__ of functions, generators, coroutines and classes accept only
# strings, with CPython's messages; a class's __dict__ is read-only, and an instance's
# __dict__ must be set to a dict. (percolate refuses replacing an instance's __dict__ with
# another dict, so this example keeps to what both interpreters do alike.)
def numbers():
    yield 1


class Point:
    pass


async def fetch():
    pass


coroutine = fetch()
for target in (numbers, numbers(), Point, coroutine):
    for attr in ("__name__", "__qualname__"):
        for value in (3, None):
            try:
                setattr(target, attr, value)
                print("set", attr, value)
            except TypeError as e:
                print("TypeError:", e)
        try:
            delattr(target, attr)
            print("deleted", attr)
        except TypeError as e:
            print("TypeError:", e)
        setattr(target, attr, "renamed_" + attr.strip("_"))
        print(attr, "->", getattr(target, attr))
coroutine.close()

p = Point()
p.x = 1
for bad in (5, [("y", 2)]):
    try:
        p.__dict__ = bad
    except TypeError as e:
        print("TypeError:", e)
print(p.__dict__)
for attempt in (lambda: setattr(Point, "__dict__", {}), lambda: delattr(Point, "__dict__")):
    try:
        attempt()
    except AttributeError as e:
        print("AttributeError:", e)


class WithDictProperty:
    @property
    def __dict__(self):
        return {"from": "property"}

    @__dict__.setter
    def __dict__(self, value):
        print("property setter got", value)


w = WithDictProperty()
w.__dict__ = {"q": 2}
print(w.__dict__)
