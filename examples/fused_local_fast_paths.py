# Locals combined with the next local or constant (a <op> b, x[k], c[i]) and range loops:
# the fast paths must fall back to the general ones with the same results and errors.


class Loud(list):
    def __getitem__(self, i):
        return ("loud", super().__getitem__(i))


def arith(a, b):
    r = a * b
    s = a - 1
    t = a ** 0.5 if isinstance(a, float) else a ** 2
    return r, s, t


def subscripts(xs, i):
    first = xs[0]
    last = xs[-1]
    picked = xs[i]
    return first, last, picked


def unbound_second():
    a = 2
    try:
        return a + b  # noqa: F821
    except UnboundLocalError as e:
        return str(e)
    b = 1


def unbound_index(xs):
    try:
        return xs[i]
    except UnboundLocalError as e:
        return str(e)
    i = 0


def errors(xs, a, b):
    out = []
    for f in (lambda: xs[5], lambda: a / b, lambda: a // b, lambda: a % b):
        try:
            out.append(f())
        except Exception as e:
            out.append(type(e).__name__ + ": " + str(e))
    return out


print(arith(3, 4), arith(2.25, 4.0), arith(2**62, 4), arith(-7, 3))
print(subscripts([1, 2, 3], 1), subscripts((4, 5, 6), -2), subscripts("xyz", 2))
print(subscripts(Loud([7, 8, 9]), 1))
print(subscripts({0: "zero", -1: "minus", 3: "three"}, 3))
print(unbound_second())
print(unbound_index([1]))
print(errors([1, 2], 7, 0), errors((1,), 7.0, 0.0))


def replace_local():
    x = "old"
    y = [1, 2]
    x = y[0]
    z = y[1] * x
    return x, z


print(replace_local())
print([i for i in range(10, 0, -3)], list(range(5, 5)), sum(range(-4, 4)))
big = 2**62
print([i - big for i in range(big, big + 3)], list(range(-big, -big - 3, -1)))
total = 0
for i in range(3):
    for j in range(i + 1, 4):
        total += i * 10 + j
print(total)


def item_ops(b, c, m):
    d = b[0] - c[0]
    p = b[1] * m
    b[2] += d * p
    c[2] -= b[1]
    return d, p, b, c


print(item_ops([1.5, 2.0, 0.0], [0.25, 1.0, 1.0], 3.0))
print(item_ops([2**62, 2**62, 1], [-(2**62), 1, 2], 4))
cases = [
    ([1, 2], [3], 1),
    ([1, 2, 3], ["x", 0, 0], 1),
    ((1, 2, 3), [1, 2, 3], 1),
    ([1, "s", 3], [1, 2, 3], 2),
    ([1, 2, 3], Loud([4, 5, 6]), 2),
    ([1, 2, [3]], [1, 2, 3], 1),
]
for args in cases:
    try:
        print(item_ops(*args))
    except Exception as e:
        print(type(e).__name__, e)


def augmented_errors():
    for op in ["+", "-", "**", "//", "|"]:
        for x, y in ((3, "s"), (None, 1.5)):
            try:
                exec(f"x {op}= y", {"x": x, "y": y})
            except TypeError as e:
                print(e)
    xs = [1, 2, 3]
    try:
        xs[0] += "s"
    except TypeError as e:
        print(e)
    t = (1,)
    try:
        t += 1
    except TypeError as e:
        print(e)


augmented_errors()


def chained(a, b, big, xs, d, t):
    out = [a * b + a * a, big + a * b, "ab" * (a * b), (a - b) * a / (b + a)]
    for f in (lambda: 1 / (a - a), lambda: 1.0 / (b * 0.0), lambda: big * (a * b)):
        try:
            out.append(f())
        except ZeroDivisionError as e:
            out.append(str(e))
    xs[1] -= a * b
    xs[-1] += b * xs[0]
    d["k"] += a * b
    try:
        t[0] += a * b
    except TypeError as e:
        out.append(str(e))
    loud = Loud([1, 2])
    try:
        loud[0] += a * b
    except TypeError as e:
        out.append(str(e))
    return out, xs, d


print(chained(3, 4, 2**63 - 5, [1.5, 2, 3], {"k": 1}, (1,)))
print(chained(2, -3, 9, [1, 2.5], {"k": 0.25}, ("x",)))
print(chained(True, 2, 1.5, [0.5, 1], {"k": 2**70}, (None,)))


def stack_operand(n, k, s):
    total = 0
    for i in range(n):
        for j in range(3):
            total = (total + i * j) % k
    out = [total, (2**63 - 1 + n) % k, s + str(n), [n] * n, (n + 0.5) ** 2 % 7]
    for zero in (0, 0.0):
        try:
            out.append((total + n) % zero)
        except ZeroDivisionError as e:
            out.append(str(e))
    try:
        out.append(s + n)
    except TypeError as e:
        out.append(str(e))
    return out


print(stack_operand(5, 1000003, "s"), stack_operand(3, -7, "t"), stack_operand(2, 2.5, "u"))


def whole_statement(xs, a, y):
    xs[0] += a
    xs[-1] -= a * y[1]
    xs[1] *= a + y[0]
    xs[0] /= a
    return xs


print(whole_statement([1, 2, 3], 2, [0.5, 4]), whole_statement([2**62, 3, 2**62], 2**62, [1, 1]))
print(whole_statement([1.5, -2.0, 0.25], 0.5, [1, 2]))
for bad in ([1, 2, "s"], (1, 2, 3), ["a", "b", 1]):
    try:
        print(whole_statement(bad, 2, [1, 2]))
    except TypeError as e:
        print(type(e).__name__, e, bad)
try:
    whole_statement([1, 2, 3], 0, [1, 2])
except ZeroDivisionError as e:
    print(e)


def nested(a, b, c, d, xs):
    s = a * a + b * b + c * xs[1]
    t = a * b - c * d
    try:
        u = a * b / (c - d)
    except ZeroDivisionError as e:
        u = str(e)
    return s, t, u


print(nested(3, 4, 5, 5, [0, 2]), nested(2**40, 2**31, 2**62, 2, [1, 2**62]))
print(nested(1.5, 2, 0.5, 0.25, [1, 2.0]))
for args in ((2, 3, "x", 2, [1, 2]), (2, 3, [1], 2, [1, 2]), (None, 1, 2, 3, [1, 2])):
    try:
        print(nested(*args))
    except TypeError as e:
        print(e)


def unbound_third():
    a, b = 1, 2
    try:
        return a, b, c  # noqa: F821
    except UnboundLocalError as e:
        return str(e)
    c = 3


def three_locals(dt, d2, s):
    mag = dt / (d2 * d2**0.5)
    return mag, (dt, d2, s), [s, dt, d2]


print(unbound_third(), three_locals(0.01, 4.0, "s"), three_locals(1, 4, None))
