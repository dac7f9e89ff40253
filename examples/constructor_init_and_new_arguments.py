# Calling a class: which of __new__/__init__ run and which reject extra arguments.
class Plain:
    pass


try:
    Plain(1)
except TypeError as e:
    print("TypeError:", e)


class OwnNew:
    def __new__(cls, *args):
        print("OwnNew.__new__", args)
        return super().__new__(cls)


print(type(OwnNew(1, 2)).__name__)


class Other(OwnNew):
    pass


class ReturnsOther:
    def __new__(cls, *args):
        return object.__new__(Other)

    def __init__(self, *args):
        print("never runs: the instance is not a ReturnsOther")


print(type(ReturnsOther(1)).__name__)

try:
    object.__init__(Plain(), 1)
except TypeError as e:
    print("TypeError:", e)


class IntWithInit(int):
    def __init__(self, value):
        print("IntWithInit.__init__", value)


print(IntWithInit(4) + 1)
print(list(range(3)), dict(a=1), sorted(set([2, 1])), int("5"), str(3), tuple([1]))
