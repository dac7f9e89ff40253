# kind: core
# Properties, super().__init__, isinstance, __slots__ and default arguments.
class Shape:
    def __init__(self, w, h):
        self.w = w
        self.h = h
    def area(self):
        return self.w * self.h
    @property
    def perimeter(self):
        return 2 * (self.w + self.h)
class Square(Shape):
    def __init__(self, s):
        super().__init__(s, s)
    def area(self):
        return super().area() + 0
class Counter:
    __slots__ = ("n",)
    def __init__(self):
        self.n = 0
    def bump(self, k=1):
        self.n += k
def run(n):
    c = Counter()
    total = 0
    for i in range(n):
        s = Square(i % 10) if i % 3 else Shape(i % 7, 3)
        total += s.area() + s.perimeter
        if isinstance(s, Square):
            c.bump()
        else:
            c.bump(2)
    return total + c.n
print(run(300000))
