# super().name(args) runs the parent's method directly when it is a plain function taking the
# object and the arguments; every other shape takes the generic path with the same result.
class Base:
    def __init__(self, a, b=2):
        self.log = ["Base", a, b]

    def who(self, tag):
        return "Base." + tag

    @classmethod
    def kind(cls, x):
        return "kind " + cls.__name__ + " " + str(x)

    @staticmethod
    def plain(x):
        return "static " + str(x)

    def gen(self, n):
        yield from range(n)


class Left(Base):
    def __init__(self, a, b):
        super().__init__(a, b + "<left")
        self.log.append("Left")

    def who(self, tag):
        return "Left>" + super().who(tag)


class Right(Base):
    def __init__(self, a, b):
        super().__init__(a, b + "<right")
        self.log.append("Right")

    def who(self, tag):
        return "Right>" + super().who(tag)


class Both(Left, Right):
    def __init__(self):
        super().__init__(1, "both")
        self.log.append("Both")

    def who(self, tag):
        # One code object, two different classes after it in the MRO walk.
        return "Both>" + super().who(tag)


b = Both()
print(b.log, b.who("t"))
b.who = lambda tag: "instance attribute"
print(b.who("x"), super(Both, b).who("y"))


def make():
    class Made(Base):
        def who(self, tag):
            return "Made>" + super().who(tag)

    return Made


M1, M2 = make(), make()
print(M1(1).who("1"), M2(2).who("2"), M1 is M2)


class Kinds(Base):
    def __init__(self):
        super().__init__(0)

    def run(self):
        out = [super().kind(1), super().plain(2), list(super().gen(3))]
        try:
            super().who()
        except TypeError as e:
            out.append(str(e))
        try:
            super().missing(1)
        except AttributeError as e:
            out.append(str(e))
        try:
            super().who(unbound)
            unbound = 1
        except UnboundLocalError as e:
            out.append(str(e))
        return out

    def rebound(self):
        self = 42
        return super().who("z")

    def deleted(self):
        del self
        return super().who("z")


k = Kinds()
print(k.run())
for meth in (k.rebound, k.deleted):
    try:
        meth()
    except (TypeError, RuntimeError) as e:
        print(type(e).__name__, e)


class ObjectInit:
    def __init__(self, x):
        super().__init__()
        self.x = x


print(ObjectInit(5).x)
real_super = super


def super():
    print("shadowed super called")
    return real_super(Shadow, Shadow.instance)


class Shadow(Base):
    instance = None

    def who(self, tag):
        return "Shadow>" + super().who(tag)


Shadow.instance = Shadow(7)
print(Shadow.instance.who("s"))
del super


class Deep(Base):
    def who(self, tag):
        return super().who(tag)


def recurse(n):
    return Deep(n).who(str(n)) if n == 0 else recurse(n - 1)


print(recurse(50))
