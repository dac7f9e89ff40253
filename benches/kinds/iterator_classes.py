# kind: core
# Iterator classes with a Python __next__, consumed by a for loop and by sum().
class It:
    def __init__(self, n):
        self.i = 0
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        i = self.i
        if i >= self.n:
            raise StopIteration
        self.i = i + 1
        return i
def f():
    t = 0
    for x in It(300000):
        t += x
    return t + sum(It(300000))
print(f())
