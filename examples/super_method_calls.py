# super().method(...) calls: cooperative multiple inheritance, grandparent methods,
# static/class methods and properties through super, and errors.
class Base:
    def __init__(self, tag):
        self.tags = [tag]

    def hello(self, who="world"):
        return f"Base.hello({who})"

    @staticmethod
    def static(x):
        return f"static {x}"

    @classmethod
    def make(cls, x):
        return f"{cls.__name__}.make({x})"

    @property
    def size(self):
        return len(self.tags)


class Left(Base):
    def __init__(self, tag):
        super().__init__(tag)
        self.tags.append("left")

    def hello(self, who="world"):
        return "Left>" + super().hello(who)


class Right(Base):
    def __init__(self, tag):
        super().__init__(tag)
        self.tags.append("right")

    def hello(self, who="world"):
        return "Right>" + super().hello(who)


class Diamond(Left, Right):
    def __init__(self):
        super().__init__("diamond")

    def hello(self, who="world"):
        return "Diamond>" + super().hello(who=who)

    def extras(self):
        return (super().static(1), super().make(2), super().size)

    @classmethod
    def make(cls, x):
        return "Diamond>" + super().make(x)


d = Diamond()
print(d.tags)
print(d.hello(), d.hello("you"))
print(d.extras())
print(Diamond.make(3))


class Plain:
    def method(self):
        return super().__repr__()[:7]

    def missing(self):
        return super().nothing_here()

    def wrong_args(self):
        return super().__init__(1, 2)


p = Plain()
print(p.method())
try:
    p.missing()
except AttributeError as e:
    print("AttributeError:", e)
try:
    p.wrong_args()
except TypeError as e:
    print("TypeError:", e)


class Grand(Diamond):
    def hello(self, who="world"):
        return "Grand>" + super().hello(who)


print(Grand().hello("g"))
