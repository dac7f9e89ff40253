# next() from Rust (sum, list, min, ...) and FOR_ITER on Python iterator classes: the plain
# __next__(self) frame fast path and the cases it must leave to the generic call.


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


class MyStop(StopIteration):
    pass


class Sub(It):
    def __next__(self):
        if self.i == 2:
            raise MyStop("sub")
        return super().__next__()


class Dflt(It):
    def __next__(self, step=10):
        v = super().__next__()
        return v * step


class Boom(It):
    def __next__(self):
        if self.i == 3:
            raise ValueError("boom at 3")
        return super().__next__()


orig_next = It.__next__


def stop_now(self):
    raise StopIteration


print(sum(It(10)), list(It(4)), min(It(5)), max(It(5)), sorted(It(3)))
print(sum(Sub(10)), list(Sub(10)))
print(sum(Dflt(4)), list(Dflt(3)))
try:
    sum(Boom(10))
except ValueError as e:
    print("ValueError:", e)

# __next__ replaced on the class while an iterator is running.
it = It(10)
print(next(it), next(it))
It.__next__ = stop_now
print(list(it))
del It.__next__
try:
    next(it)
except TypeError as e:
    print("TypeError:", e)
It.__next__ = orig_next
print(sum(it))


# A __next__ that is a staticmethod, a bound-method attribute and a callable object.
class S:
    def __iter__(self):
        return self

    k = 0

    @staticmethod
    def __next__():
        S.k += 1
        if S.k > 3:
            raise StopIteration
        return S.k


print(list(S()))


class Call:
    def __init__(self):
        self.n = 0

    def __call__(self):
        self.n += 1
        if self.n > 2:
            raise StopIteration
        return self.n


class C:
    __next__ = Call()

    def __iter__(self):
        return self


print(list(C()))
# Generator-function __next__ returns a generator each time (never StopIteration).


class G:
    def __iter__(self):
        return self

    def __next__(self):
        yield 1


g = G()
print(type(next(g)).__name__)
out = []
for x in Sub(5):
    out.append(x)
print(out)
