# lst.append(x) / lst.pop() / lst.pop(i) calls on exact lists (done on the stack) and every
# call shape that must take the general method call: subclasses, other receivers, wrong
# argument counts, non-int and out-of-range indexes.
def attempt(f):
    try:
        return f()
    except Exception as e:
        return f"{type(e).__name__}: {e}"


buf = []
for x in range(5):
    buf.append(x)
print(buf, buf.pop(), buf.pop(0), buf.pop(-1), buf.pop(1), buf)
print(attempt(lambda: [].pop()), attempt(lambda: [1].pop(1)), attempt(lambda: [1].pop(-2)))
print(attempt(lambda: [1].pop(2**70)), attempt(lambda: [1, 2].pop(-(2**63))))
print(attempt(lambda: [1, 2].pop(True)), attempt(lambda: [1, 2].pop(1.0)))
print(attempt(lambda: [].append()), attempt(lambda: [].append(1, 2)))
print(attempt(lambda: [1].pop(0, 1)))


class Index:
    def __index__(self):
        return 1


print([5, 6, 7].pop(Index()))


class Logged(list):
    def append(self, x):
        print("Logged.append", x)
        super().append(x * 10)

    def pop(self, *i):
        print("Logged.pop", i)
        return super().pop(*i)


lg = Logged([1])
lg.append(2)
print(lg.pop(), lg.pop(0), lg)


class Plain(list):
    pass


p = Plain()
p.append(3)
print(p.pop(), type(p).__name__)


class NotAList:
    def append(self, x):
        return ("appended", x)

    def pop(self, i=-1):
        return ("popped", i)


n = NotAList()
print(n.append(1), n.pop(), n.pop(0))
d = {"a": 1}
print(d.pop("a"), attempt(lambda: (1, 2).append(3)), attempt(lambda: "s".pop()))
s = {1}
print(s.pop(), s)


def gen():
    try:
        yield 1
    finally:
        print("generator closed")


holder = [gen()]
next(holder[0])
holder.pop()
print("after pop")
nested = [[]]
nested[0].append(nested)
print(nested, len(nested[0].pop()))
