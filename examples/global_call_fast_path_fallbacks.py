# `g(a)`, `g(k)` and `g(a - k)` of a global function run as one step with LOAD_GLOBAL;
# every case that step must leave to the ordinary CALL.
import sys


def one(x):
    return x


def two(x, y=10):
    return x + y


def gen(x):
    yield x


def star(*xs):
    return xs


def kwonly(x, *, k=3):
    return x * k


def cell(x):
    def inner():
        return x

    return inner()


class Box:
    def __init__(self, v):
        self.v = v


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def calls(n):
    out = []
    out.append(one(n))
    out.append(one(7))
    out.append(one(n - 1))
    out.append(one(n * 2.5))
    out.append(two(n))
    out.append(list(gen(n - 1)))
    out.append(star(n))
    out.append(kwonly(n - 1))
    out.append(cell(n + 1))
    out.append(Box(n - 1).v)
    out.append(len("ab" * n))
    out.append(one("s" + str(n)))
    out.append(one(2**62 + n))
    out.append(one(n + 2**62 + 2**62))
    out.append(abs(n - 9))
    return out


print(calls(4))
print(fib(15))


def text(s):
    return one(s + "!")


print(text("hi"))


def unbound():
    try:
        return one(z)
    except NameError as e:
        return type(e).__name__ + ": " + str(e)
    z = 1


print(unbound())


def bad_type(s):
    try:
        return one(s - 1)
    except TypeError as e:
        return "TypeError: " + str(e)


print(bad_type("x"))


def missing():
    try:
        return nowhere(1)
    except NameError as e:
        return str(e)


print(missing())


def too_many():
    try:
        return one(1, 2)
    except TypeError as e:
        return str(e)


print(too_many())


def rebind():
    global one
    saved = one
    one = lambda x: ("lambda", x)
    r = one(5 - 1)
    one = saved
    return r, one(5 - 1)


print(rebind())


def deep(n):
    return deep(n + 1)


sys.setrecursionlimit(200)
try:
    deep(0)
except RecursionError as e:
    print("RecursionError:", e)


def raises(x):
    return 1 // x


def tb():
    try:
        raises(0 * 1)
    except ZeroDivisionError as e:
        frames = []
        t = e.__traceback__
        while t is not None:
            frames.append((t.tb_frame.f_code.co_name, t.tb_lineno))
            t = t.tb_next
        return frames


print(tb())


# `return x` runs with its LOAD_FAST: the cases RETURN_VALUE itself decides.
class Init:
    def __init__(self, v):
        r = v
        return r


try:
    Init(3)
except TypeError as e:
    print("TypeError:", e)


def gen_ret(x):
    yield 1
    return x


g = gen_ret(5)
next(g)
try:
    next(g)
except StopIteration as e:
    print("StopIteration", e.value)


def ret_unbound(flag):
    if flag:
        r = 1
    return r


try:
    ret_unbound(False)
except UnboundLocalError as e:
    print("UnboundLocalError:", e)


def ret_in_finally(x):
    try:
        return x
    finally:
        print("finally ran")


print(ret_in_finally(6))


# Keyword and unpacked arguments take CALL_KW / CALL_FUNCTION_EX, never the fused call.
def kw_calls(a):
    return one(x=a), one(x=a - 1), one(*[a]), one(**{"x": a + 1}), one(a - 1)


print(kw_calls(3))


def curried(x):
    return lambda: x


saved_one = one
one = curried
try:
    print(kw_calls(3)[0]())
    print(one(5)())
finally:
    one = saved_one
