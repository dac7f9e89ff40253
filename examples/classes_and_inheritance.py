# Classes: inheritance, super(), properties, class attributes, dunder methods and MRO.
class Animal:
    kingdom = "animalia"

    def __init__(self, name):
        self.name = name

    def speak(self):
        return f"{self.name} makes a sound"

    def __repr__(self):
        return f"{type(self).__name__}({self.name!r})"


class Dog(Animal):
    def speak(self):
        return super().speak() + ": woof"

    @property
    def shout(self):
        return self.speak().upper()


class A:
    def who(self):
        return "A"


class B(A):
    def who(self):
        return "B>" + super().who()


class C(A):
    def who(self):
        return "C>" + super().who()


class D(B, C):
    def who(self):
        return "D>" + super().who()


d = Dog("rex")
print(d, d.speak(), d.shout, Dog.kingdom, isinstance(d, Animal))
print(D().who(), [k.__name__ for k in D.__mro__])
