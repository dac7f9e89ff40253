# any() and all() over generators: plain truth values (bool, int, None) are judged without
# suspending the generator; an early answer leaves it suspended where it stopped; other
# items go through __bool__ / __len__, which may run Python code.
def flags(n, marked):
    for i in range(n):
        print("yield", i)
        yield i == marked


g = flags(6, 2)
print(any(g))
print(next(g), list(g))
g = (x < 3 for x in range(6))
print(all(g), next(g), list(g))
print(any(x for x in [0, 0, None, False]), all(x for x in [1, 2, True]), any(()), all([]))
print(any(x % 5 for x in range(0, 20, 5)), all(x % 7 for x in range(1, 10)))


class Truth:
    def __init__(self, value):
        self.value = value

    def __bool__(self):
        print("bool of", self.value)
        return self.value


class Sized:
    def __len__(self):
        return 0


print(any(v for v in [0, Truth(False), Sized(), 0.0, "", Truth(True), 1]))
print(all(v for v in [1, Truth(True), [1], Truth(False), 0]))


class Resumer:
    def __bool__(self):
        print("inside __bool__:", next(source))
        return False


def mixed():
    yield 0
    yield Resumer()
    yield 5
    yield 6


source = mixed()
print(any(source), list(source))


class Bad:
    def __bool__(self):
        raise ZeroDivisionError("bad __bool__")


try:
    any(x for x in [0, Bad(), 1])
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)


def raising():
    yield 0
    raise KeyError("from the generator")


try:
    all(x == 0 for x in raising())
except KeyError as e:
    print("KeyError", e)
try:
    any(raising())
except KeyError as e:
    print("KeyError", e)


class Ints(int):
    def __bool__(self):
        print("Ints.__bool__")
        return True


print(any(x for x in [0, Ints(0)]))


def closes_itself():
    yield 0
    yield 1


me = closes_itself()
print(all(x == 0 for x in me), list(me))
