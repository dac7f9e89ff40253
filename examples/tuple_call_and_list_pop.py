# tuple(x) on the built-in tuple, and list.pop's argument handling, checked against CPython.
t = (1, 2, 3)
print(tuple(t) is t, tuple(t))
buf = [4, 5, 6]
copy = tuple(buf)
buf.append(7)
print(copy, type(copy).__name__, buf)
print(tuple([]), tuple(()), tuple(), tuple("ab"), tuple(range(3)))


class MyList(list):
    def __iter__(self):
        return iter(["overridden"])


class MyTuple(tuple):
    def __iter__(self):
        return iter(["overridden"])


print(tuple(MyList([1, 2])), tuple(MyTuple((1, 2))))
mt = MyTuple((1, 2))
print(tuple(mt) is mt, type(tuple(mt)).__name__)


class Sub(tuple):
    pass


s = Sub([1, 2])
print(type(s).__name__, s, Sub(t) is t)
print(type(tuple.__new__(Sub, [1])).__name__, tuple.__new__(tuple, t) is t)


def gen():
    yield 1
    raise ValueError("inside")


try:
    tuple(gen())
except ValueError as e:
    print("ValueError", e)
try:
    tuple(5)
except TypeError as e:
    print("TypeError", e)

window = []
out = []
for x in range(6):
    window.append(x)
    if len(window) == 3:
        out.append(tuple(window))
        window.pop(0)
print(out, window)


def attempt(lst, *args):
    try:
        return lst.pop(*args)
    except Exception as e:
        return f"{type(e).__name__}: {e}"


print(attempt([]), attempt([], "x"), attempt([1], 5), attempt([1], -2), attempt([1, 2], 1, 2))
print(attempt([1, 2, 3], -1), attempt([1, 2, 3], True), attempt([1, 2, 3], -3))
lst = [1, 2]


class Clears:
    def __index__(self):
        lst.clear()
        return 0


print(attempt(lst, Clears()), lst)
lst = [1, 2, 3]


class Shrinks:
    def __index__(self):
        del lst[1:]
        return 2


print(attempt(lst, Shrinks()), lst)
try:
    list.append(t, 1)
except TypeError as e:
    print("TypeError", e)
try:
    [].append()
except TypeError as e:
    print("TypeError", e)
