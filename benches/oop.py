# Method-heavy OOP: small classes, inheritance, attribute access and method calls.
class Shape:
    def __init__(self, name):
        self.name = name

    def area(self):
        return 0

    def describe(self):
        return self.area() + len(self.name)


class Rect(Shape):
    def __init__(self, w, h):
        super().__init__("rect")
        self.w = w
        self.h = h

    def area(self):
        return self.w * self.h


class Square(Rect):
    def __init__(self, s):
        super().__init__(s, s)


class Counter:
    def __init__(self):
        self.count = 0

    def add(self, n):
        self.count += n
        return self


def run(n):
    counter = Counter()
    for i in range(n):
        shape = Square(i % 7) if i % 2 else Rect(i % 5, 3)
        counter.add(shape.describe())
    return counter.count


print(run(800000))
