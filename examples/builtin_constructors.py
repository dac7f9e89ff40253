# Built-in classes called directly (their __new__ does the work; object.__init__ is skipped)
# and subclasses of them, whose own __init__ must still run.
print(list(range(1, 10, 3)), range(5)[-1], int("ff", 16), int(), float("1.5"), str(42))
print(tuple([1, 2]), bytes(3), bool([]), frozenset([1]) == {1})
try:
    range()
except TypeError as e:
    print("TypeError:", e)
try:
    int("x")
except ValueError as e:
    print("ValueError:", e)


class Meters(float):
    def __init__(self, value):
        self.unit = "m"


class Span(int):
    def __new__(cls, value, scale=1):
        return super().__new__(cls, value * scale)


m = Meters(2.5)
print(m, m.unit, Span(3, scale=4), type(Span(1)).__name__)


class Weird:
    def __new__(cls, x):
        return x * 2


print(Weird(21))
