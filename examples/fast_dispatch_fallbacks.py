# The eval loop runs loads, stores, number operations and comparisons, jumps and range
# loops without writing the instruction index back to the frame; every case those steps
# leave to the general path, and every place the index is observed, must still behave.
import sys


def unbound_local():
    try:
        print(x)
    except UnboundLocalError as e:
        print("unbound:", e)
    x = 1
    return x


def unbound_free():
    def inner():
        return y

    try:
        inner()
    except NameError as e:
        print("free:", e)
    y = 2
    return inner()


class Truth:
    def __init__(self, v):
        self.v = v

    def __bool__(self):
        print("bool called", self.v)
        return self.v


class Broken:
    def __bool__(self):
        raise ValueError("no truth")


def jumps():
    out = []
    for v in [0, 1, "", "s", [], [0], None, 2.5, Truth(True), Truth(False)]:
        if v:
            out.append("T")
        else:
            out.append("F")
    print("".join(out))
    try:
        if Broken():
            pass
    except ValueError as e:
        print("bool raised:", e)
    n = 0
    while Truth(n < 2):
        n += 1
    print("while ran", n)


def compares():
    print(1 < 2, 2.5 >= 2.5, 1 < 2.5, 3.0 == 3, "a" < "b", (1, 2) < (1, 3))
    print(1 == 1.0, 2 != 2, None is None, [] is not [])
    try:
        print(1 < "a")
    except TypeError as e:
        print("compare raised:", e)
    nan = float("nan")
    print(nan < nan, nan == nan, nan != nan)
    n = 2**63 - 1
    print(n < n + 1, -n - 1 > -(2**64))


class Num:
    def __init__(self, v):
        self.v = v

    def __add__(self, other):
        return Num(self.v + other)

    def __repr__(self):
        return f"Num({self.v})"


def binops():
    a = 2**62
    b = a + a
    print(b, b * 4, -a - a - a)
    c = 7
    d = 0
    try:
        c = c // d
    except ZeroDivisionError as e:
        print("div raised:", e)
    print(c % -3, -7 // 2, 2**-1, 7 / 2, 1.5 * 2)
    m = Num(1)
    m = m + 2
    print(m)
    s = "ab"
    s = s + "cd"
    print(s * 2)
    lst = [1, 2]
    lst += [3]
    print(lst)


def sum_loop(it):
    t = 0
    for v in it:
        t += v
    return t


def loops():
    print(sum_loop(range(5)), sum_loop([1, 2, 3]), sum_loop(x * 2 for x in range(4)))
    print(sum_loop(range(10, 0, -3)), sum_loop(iter([4, 5])), sum_loop({7: 0, 8: 1}))
    for i in range(3):
        pass
    print("i after loop", i)


def line_after_fast_ops():
    a = 1
    b = 2
    c = a + b
    d = c * 2
    if d > 5:
        a = b
    return sys._getframe().f_lineno, d


def raises_after_fast_ops(n):
    total = 0
    for i in range(n):
        total = total + i
    k = total
    return k / (total - total)


def traceback_line():
    try:
        raises_after_fast_ops(4)
    except ZeroDivisionError:
        tb = sys.exc_info()[2]
        while tb.tb_next is not None:
            tb = tb.tb_next
        print("raised at line", tb.tb_lineno - raises_after_fast_ops.__code__.co_firstlineno)


def gen_locals():
    def g():
        a = 1
        yield a
        b = a + 1
        yield b
        return a + b

    it = g()
    print(next(it), next(it))
    try:
        next(it)
    except StopIteration as e:
        print("returned", e.value)


class Probe:
    @property
    def where(self):
        raise KeyError("where")

    def __getitem__(self, k):
        raise KeyError(k)

    def __iter__(self):
        raise RuntimeError("no iter")


def line_of(f):
    # The line of the caller's frame when `f` raised.
    try:
        f()
    except Exception:
        return sys.exc_info()[2].tb_next.tb_lineno


def observed_lines():
    # Instructions that call out but keep the frame go on from the loop's own index:
    # the frame's index must still be current when what they call raises.
    p = Probe()
    base = observed_lines.__code__.co_firstlineno
    lines = []

    def attr():
        n = 1 + 2
        return p.where + n

    def item():
        n = 1 + 2
        n = n * 2
        return p[n]

    def loop():
        t = 0
        for i in range(3):
            t = t + i
        for _ in p:
            pass

    for f in (attr, item, loop):
        lines.append(line_of(f) - base)
    print("lines", lines)


unbound_local()
print(unbound_free())
jumps()
compares()
binops()
loops()
line, d = line_after_fast_ops()
print("f_lineno offset", line - line_after_fast_ops.__code__.co_firstlineno, d)
traceback_line()
gen_locals()
observed_lines()


def with_errors():
    try:
        with 1:
            pass
    except TypeError as e:
        print(e)

    async def co():
        async with 2.5:
            pass

    try:
        co().send(None)
    except TypeError as e:
        print(e)


with_errors()


class MyList(list):
    def __iter__(self):
        return iter([-1])


class PlainSub(list):
    pass


def seq_loops():
    # FOR_ITER steps list and tuple iterators in place; a list changed while it is
    # iterated, a subclass with or without its own __iter__ and other iterators must
    # see what the general path gives.
    grow = [1, 2]
    seen = []
    for v in grow:
        seen.append(v)
        if v < 4:
            grow.append(v + 2)
    shrink = [1, 2, 3, 4]
    for v in shrink:
        seen.append(v)
        shrink.pop()
    for v in (7, 8):
        seen.append(v)
    for v in MyList([5, 6]):
        seen.append(v)
    for v in PlainSub([9]):
        seen.append(v)
    for v in "ab":
        seen.append(v)
    it = iter([10, 11])
    for v in it:
        seen.append(v)
    for v in it:
        seen.append("again")
    print(seen)


seq_loops()
