# sum(), list() and tuple() over generators: small ints are added without suspending the
# generator between items; every other item (and every other iterator) takes the general
# path, where the generator is suspended and Python code may resume, close or throw into it.
def numbers(n):
    for i in range(n):
        yield i


print(sum(numbers(10)), sum(numbers(10), 5), sum(numbers(10), start=-45), sum(numbers(0)))
print(sum(x * x for x in range(10) if x % 3), sum((x for x in range(4)), 0.5))
print(sum(x for x in [2**62, 2**62, 2**62, -(2**62), 1.5]))
print(sum(x for x in [2**63 - 1, 1, 2**63, -5]), sum(x for x in [1, 2**64, 3]))
print(list(numbers(4)), tuple(numbers(3)), sum((i for i in numbers(5)), []) if False else 0)
print(sum(([i] for i in range(3)), []), sum((1, 2.5, 3)))


class Weird:
    def __radd__(self, other):
        print("radd", other, next(it))
        return other + 100


def mixed():
    yield 1
    yield Weird()
    yield 3
    yield 4


it = mixed()
print(sum(it), list(it))


class Closer:
    def __radd__(self, other):
        it2.close()
        return other + 1000


def closing():
    try:
        yield 1
        yield Closer()
        yield 2
    finally:
        print("closing: finally")


it2 = closing()
print(sum(it2))


class Thrower:
    def __radd__(self, other):
        try:
            it3.throw(KeyError("thrown"))
        except KeyError as e:
            print("throw came back:", e)
        return other


def throwing():
    yield 1
    yield Thrower()
    yield 2


it3 = throwing()
try:
    print(sum(it3))
except Exception as e:
    print(type(e).__name__, e)


def raising():
    yield 1
    yield 2
    raise ValueError("from the generator")


try:
    sum(raising())
except ValueError as e:
    print("ValueError", e)


def stop_inside():
    yield 1
    raise StopIteration


try:
    sum(stop_inside())
except RuntimeError as e:
    print("RuntimeError", e)


def selfish():
    yield 1
    yield sum(me)


me = selfish()
try:
    print(sum(me))
except ValueError as e:
    print("ValueError", e)


class Iter:
    def __init__(self):
        self.n = 0

    def __iter__(self):
        return self

    def __next__(self):
        self.n += 1
        if self.n > 3:
            raise KeyError("from __next__")
        return self.n


try:
    sum(Iter())
except KeyError as e:
    print("KeyError", e)
try:
    sum(x for x in ["a", "b"])
except TypeError as e:
    print("TypeError", e)
try:
    sum(numbers(3), "")
except TypeError as e:
    print("TypeError", e)
g = numbers(5)
next(g)
print(sum(g), sum(g), list(g))
