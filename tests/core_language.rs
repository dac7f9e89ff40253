//! Core-language behaviour tests (MicroPython/RustPython-style programs): each snippet runs
//! through `percolate::run_capture` and must print exactly what python3 3.11 printed.

use percolate::run_capture;

/// Runs `source` and asserts its stdout equals `expected` (CPython's output).
fn check(source: &str, expected: &str) {
    let r = run_capture(source, "x.py");
    assert_eq!(r.stdout, expected, "stderr: {}", r.stderr);
}

#[test]
fn range_slice_is_a_range() {
    check(
        "print(range(10)[-3:], range(0, 10, 2)[1:3], range(5)[::-1], range(5)[10:], range(3)[::-2])\n\
         print(range(7, -2, -4)[:], range(4)[1:-2:2])\n",
        "range(7, 10) range(2, 6, 2) range(4, -1, -1) range(5, 5) range(2, -1, -2)\n\
         range(7, -5, -4) range(1, 2, 2)\n",
    );
}

/// Range iterators count the values left (as CPython's rangeiter): forward and reversed,
/// every step sign, empty ranges, and ends at the limits of a machine int, where an end test
/// against a saturated value used to stop a reversed iterator early.
#[test]
fn range_iterators_at_the_int_limits() {
    check(
        r#####"import sys
M = sys.maxsize
cases = [(0,), (5,), (-3,), (2, 9), (9, 2), (0, 10, 3), (10, 0, -3), (10, 0, 3), (0, 10, -3),
         (-5, 5, 2), (5, -5, -2), (M - 3, M), (-M - 1, -M + 2), (M - 10, M, 4), (-M - 1, -M + 9, 4),
         (M, M - 7, -3), (-M + 5, -M - 1, -2), (0, M, M), (-M - 1, M, M), (M, -M - 1, -M)]
for c in cases:
    r = range(*c)
    print(c, list(r)[:6], list(reversed(r))[:6], len(r), sum(1 for _ in r) if len(r) < 100 else 'big')
    it = iter(r)
    print(next(it, None), next(it, None), list(it)[:3])
    rv = reversed(r)
    print(next(rv, None), list(rv)[:3], list(rv))
for x in range(3):
    for y in range(x, -1, -1):
        print(x, y, end=' ')
print()
it = iter(range(3))
for a in it:
    print(a, next(it, 'end'))

print(list(zip(range(3), reversed(range(10, 0, -4)))))
"#####,
        r#####"(0,) [] [] 0 0
None None []
None [] []
(5,) [0, 1, 2, 3, 4] [4, 3, 2, 1, 0] 5 5
0 1 [2, 3, 4]
4 [3, 2, 1] []
(-3,) [] [] 0 0
None None []
None [] []
(2, 9) [2, 3, 4, 5, 6, 7] [8, 7, 6, 5, 4, 3] 7 7
2 3 [4, 5, 6]
8 [7, 6, 5] []
(9, 2) [] [] 0 0
None None []
None [] []
(0, 10, 3) [0, 3, 6, 9] [9, 6, 3, 0] 4 4
0 3 [6, 9]
9 [6, 3, 0] []
(10, 0, -3) [10, 7, 4, 1] [1, 4, 7, 10] 4 4
10 7 [4, 1]
1 [4, 7, 10] []
(10, 0, 3) [] [] 0 0
None None []
None [] []
(0, 10, -3) [] [] 0 0
None None []
None [] []
(-5, 5, 2) [-5, -3, -1, 1, 3] [3, 1, -1, -3, -5] 5 5
-5 -3 [-1, 1, 3]
3 [1, -1, -3] []
(5, -5, -2) [5, 3, 1, -1, -3] [-3, -1, 1, 3, 5] 5 5
5 3 [1, -1, -3]
-3 [-1, 1, 3] []
(9223372036854775804, 9223372036854775807) [9223372036854775804, 9223372036854775805, 9223372036854775806] [9223372036854775806, 9223372036854775805, 9223372036854775804] 3 3
9223372036854775804 9223372036854775805 [9223372036854775806]
9223372036854775806 [9223372036854775805, 9223372036854775804] []
(-9223372036854775808, -9223372036854775805) [-9223372036854775808, -9223372036854775807, -9223372036854775806] [-9223372036854775806, -9223372036854775807, -9223372036854775808] 3 3
-9223372036854775808 -9223372036854775807 [-9223372036854775806]
-9223372036854775806 [-9223372036854775807, -9223372036854775808] []
(9223372036854775797, 9223372036854775807, 4) [9223372036854775797, 9223372036854775801, 9223372036854775805] [9223372036854775805, 9223372036854775801, 9223372036854775797] 3 3
9223372036854775797 9223372036854775801 [9223372036854775805]
9223372036854775805 [9223372036854775801, 9223372036854775797] []
(-9223372036854775808, -9223372036854775798, 4) [-9223372036854775808, -9223372036854775804, -9223372036854775800] [-9223372036854775800, -9223372036854775804, -9223372036854775808] 3 3
-9223372036854775808 -9223372036854775804 [-9223372036854775800]
-9223372036854775800 [-9223372036854775804, -9223372036854775808] []
(9223372036854775807, 9223372036854775800, -3) [9223372036854775807, 9223372036854775804, 9223372036854775801] [9223372036854775801, 9223372036854775804, 9223372036854775807] 3 3
9223372036854775807 9223372036854775804 [9223372036854775801]
9223372036854775801 [9223372036854775804, 9223372036854775807] []
(-9223372036854775802, -9223372036854775808, -2) [-9223372036854775802, -9223372036854775804, -9223372036854775806] [-9223372036854775806, -9223372036854775804, -9223372036854775802] 3 3
-9223372036854775802 -9223372036854775804 [-9223372036854775806]
-9223372036854775806 [-9223372036854775804, -9223372036854775802] []
(0, 9223372036854775807, 9223372036854775807) [0] [0] 1 1
0 None []
0 [] []
(-9223372036854775808, 9223372036854775807, 9223372036854775807) [-9223372036854775808, -1, 9223372036854775806] [9223372036854775806, -1, -9223372036854775808] 3 3
-9223372036854775808 -1 [9223372036854775806]
9223372036854775806 [-1, -9223372036854775808] []
(9223372036854775807, -9223372036854775808, -9223372036854775807) [9223372036854775807, 0, -9223372036854775807] [-9223372036854775807, 0, 9223372036854775807] 3 3
9223372036854775807 0 [-9223372036854775807]
-9223372036854775807 [0, 9223372036854775807] []
0 0 1 1 1 0 2 2 2 1 2 0 
0 1
2 end
[(0, 2), (1, 6), (2, 10)]
"#####,
    );
}

#[test]
fn reversed_builtin_sequences() {
    check(
        "print(list(reversed(b'ab')), list(reversed('xy')), list(reversed((1, 2))))\n",
        "[98, 97] ['y', 'x'] [2, 1]\n",
    );
}

#[test]
fn ord_of_bytes() {
    check(
        "print(ord(b'a'), ord(b'\\xff'))\ntry:\n    ord(b'')\nexcept TypeError as e:\n    print(e)\n",
        "97 255\nord() expected a character, but string of length 0 found\n",
    );
}

#[test]
fn builtins_module_overrides_builtins() {
    check(
        "import builtins\nprint(builtins.len('ab'))\nbuiltins.abs = lambda x: x + 1\nprint(abs(1))\n",
        "2\n2\n",
    );
}

#[test]
fn sequence_repeat_by_index_object() {
    check(
        "class N:\n    def __index__(self): return 2\nprint('ab' * N(), N() * [1], (0,) * N())\n",
        "abab [1, 1] (0, 0)\n",
    );
}

#[test]
fn bytes_repetition_and_membership() {
    check(
        "print(b'ab' * 2, 3 * b'x', b'a' * -1)\n\
         print(b'l' in b'hello', b'lo' in b'hello', b'' in b'x', 104 in b'hello', b'z' in b'hello')\n\
         try:\n    'a' in b'abc'\nexcept TypeError as e:\n    print(e)\n\
         try:\n    300 in b'abc'\nexcept ValueError as e:\n    print(e)\n",
        "b'abab' b'xxx' b''\nTrue True True True False\n\
         a bytes-like object is required, not 'str'\nbyte must be in range(0, 256)\n",
    );
}

#[test]
fn private_names_are_mangled() {
    check(
        "class A:\n    __cls = 'c'\n    def __init__(self):\n        self.__private = 1\n        self.__dunder__ = 2\n\
         \x20   def get(self):\n        return self.__private, A.__cls, self.__m()\n\
         \x20   def __m(self):\n        return 'm'\n\
         class B(A):\n    def __init__(self):\n        super().__init__()\n        self.__private = 'b'\n\
         b = B()\n\
         print(b.get(), b._A__private, b._B__private, sorted(vars(b)), hasattr(A, '_A__m'))\n",
        "(1, 'c', 'm') 1 b ['_A__private', '_B__private', '__dunder__'] True\n",
    );
}

#[test]
fn calling_nonetype_returns_none() {
    check(
        "print(type(None)(), type(None)() is None)\ntry:\n    type(None)(1)\nexcept TypeError as e:\n    print(e)\n",
        "None True\nNoneType takes no arguments\n",
    );
}

#[test]
fn dir_lists_class_attribute() {
    check(
        "import math\nprint('__class__' in dir(math), '__class__' in dir(int), '__class__' in dir(1), sorted(dir(object()))[:2])\n",
        "False True True ['__class__', '__delattr__']\n",
    );
}

/// Generators and coroutines resumed inline by SEND / FOR_ITER keep CPython's semantics:
/// exception state across yields, return values, PEP 479, tracebacks through awaits,
/// recursion limits.
#[test]
fn generators_resumed_inline() {
    check(
        r#####"import asyncio, sys, traceback

def inner():
    try:
        raise KeyError('k')
    except KeyError:
        yield sys.exc_info()[0].__name__
        yield sys.exc_info()[0].__name__
    yield sys.exc_info()[0]
    return 'inner-done'

def outer():
    r = yield from inner()
    yield r
    try:
        raise ValueError('v')
    except ValueError:
        x = yield from inner()
        yield (x, sys.exc_info()[0].__name__)

print(list(outer()))

def stops():
    yield 1
    raise StopIteration('boom')

def loops():
    for x in stops():
        yield x

try:
    print(list(loops()))
except RuntimeError as e:
    print('RuntimeError', e, type(e.__cause__).__name__)

def delegating():
    return (yield from stops())

try:
    list(delegating())
except RuntimeError as e:
    print('RuntimeError', e)

def fails():
    yield 1
    1 / 0

def consumer():
    try:
        for x in fails():
            yield x
    except ZeroDivisionError as e:
        yield 'caught ' + str(e)

print(list(consumer()))

async def leaf(n):
    if n == 0:
        await asyncio.sleep(0)
        raise LookupError('deep')
    return await leaf(n - 1)

async def main():
    try:
        await leaf(3)
    except LookupError as e:
        tb = traceback.extract_tb(e.__traceback__)
        print('LookupError', e, [f.name for f in tb])
    async def rec(n):
        return n if n == 0 else 1 + await rec(n - 1)
    print(await rec(200))
    g = (i * i for i in range(5))
    def pull():
        for v in g:
            yield v
    print(sum(pull()), list(g))
    async def agen():
        for i in range(3):
            yield i
            await asyncio.sleep(0)
    print([x async for x in agen()])
    def recurse(n):
        yield n
        if n:
            yield from recurse(n - 1)
    try:
        print(sum(recurse(5000)))
    except RecursionError as e:
        print('RecursionError')

asyncio.run(main())
"#####,
        r#####"['KeyError', 'KeyError', None, 'inner-done', 'KeyError', 'KeyError', <class 'ValueError'>, ('inner-done', 'ValueError')]
RuntimeError generator raised StopIteration StopIteration
RuntimeError generator raised StopIteration
[1, 'caught division by zero']
LookupError deep ['main', 'leaf', 'leaf', 'leaf', 'leaf']
200
30 []
[0, 1, 2]
RecursionError
"#####,
    );
}

/// A generator switched inline (FOR_ITER, SEND, `gen.send()`) takes a slot on the
/// handled-exception stack only when it resumes with a saved exception or handles one: what
/// `sys.exc_info()` sees in it and in its resumer, exceptions escaping a handler, throw()
/// into a generator another one iterates, parked await chains; and the yields fused into
/// their LOAD_FAST (`yield x`, `yield a * b`) into `sum()` with overflow and floats, an
/// unbound local, a raise inside `sum()`, a send into a just-started generator, `yield from`
/// a non-generator iterator.
#[test]
fn generator_switches_keep_exception_state() {
    check(
        r#####"import asyncio, sys

def handles():
    for i in range(2):
        try:
            raise KeyError(i)
        except KeyError:
            yield ('in handler', i, sys.exc_info()[0].__name__)
    yield ('after', sys.exc_info()[0])

def plain(n):
    for i in range(n):
        yield (i, sys.exc_info()[0] and sys.exc_info()[0].__name__)

for item in handles():
    print(item, 'consumer sees', sys.exc_info()[0])
try:
    raise ValueError('outer')
except ValueError:
    for item in plain(2):
        print(item, 'consumer sees', sys.exc_info()[0].__name__)
    for item in handles():
        print(item, 'consumer sees', sys.exc_info()[0].__name__)
print('after all', sys.exc_info())

def nested():
    try:
        raise IndexError('n')
    except IndexError:
        for x in handles():
            yield (x, sys.exc_info()[0].__name__)
    yield ('nested after', sys.exc_info()[0])

print(list(nested()))

def delegate():
    try:
        raise TypeError('d')
    except TypeError:
        r = yield from handles()
    yield ('delegate after', r, sys.exc_info()[0])
    return (yield from plain(2))

g = delegate()
print(next(g), g.send(None))
try:
    raise OSError('x')
except OSError:
    print(g.send(None), sys.exc_info()[0].__name__)
print(list(g), sys.exc_info()[0])

def raiser():
    try:
        raise KeyError('first')
    except KeyError:
        yield 1
        raise RuntimeError('escapes from a handler')

def consume():
    total = 0
    try:
        for x in raiser():
            total += x
    except RuntimeError as e:
        print('caught', e, type(e.__context__).__name__, sys.exc_info()[0].__name__)
    yield (total, sys.exc_info()[0])

print(list(consume()), sys.exc_info())

def squares(it):
    for x in it:
        if x == 3:
            raise ValueError('three')
        yield x * x

try:
    print(sum(squares(iter(range(5)))))
except ValueError as e:
    print('sum raised', e, sys.exc_info()[0].__name__)

def big(n):
    x = 2 ** 62
    for i in range(n):
        yield x * i
    yield 0.5

print(sum(big(4)), sum(x for x in big(3)))

def unbound():
    if False:
        x = 1
    yield x

try:
    next(unbound())
except UnboundLocalError as e:
    print('UnboundLocalError', e)

def fresh():
    value = yield 'started'
    yield value

g = fresh()
try:
    g.send(1)
except TypeError as e:
    print('TypeError', e)
print(g.send(None), g.send(5))

def from_iter():
    r = yield from iter([1, 2])
    yield ('list done', r)
    r = yield from range(2)
    yield ('range done', r)

g = from_iter()
print(next(g), g.send(None), list(g))

def sender():
    try:
        raise KeyError('s')
    except KeyError:
        x = yield 'a'
        while x is not None:
            x = yield (x, sys.exc_info()[0].__name__)
    return 'sender done'

def via():
    return (yield from sender())

g = via()
print(next(g), g.send(1), g.send(2))
try:
    g.send(None)
except StopIteration as s:
    print('stopped', s.value, sys.exc_info()[0].__name__)

def thrower():
    try:
        yield 1
    except ZeroDivisionError:
        yield ('caught in gen', sys.exc_info()[0].__name__)
        yield ('still', sys.exc_info()[0].__name__)

def loop_over(g):
    for x in g:
        yield x

t = thrower()
lo = loop_over(t)
print(next(lo), t.throw(ZeroDivisionError), next(lo), sys.exc_info())

async def leaf(tag):
    await asyncio.sleep(0)
    return tag

async def middle(tag):
    try:
        raise KeyError(tag)
    except KeyError:
        await asyncio.sleep(0)
        r = await leaf(tag)
        print(tag, 'middle in handler', sys.exc_info()[0].__name__)
    await asyncio.sleep(0)
    print(tag, 'middle after', sys.exc_info()[0])
    return r

async def top(tag):
    r = await middle(tag)
    r = await leaf(r)
    try:
        raise ValueError(tag)
    except ValueError:
        r = await middle(r)
        print(tag, 'top in handler', sys.exc_info()[0].__name__)
    print(tag, 'top after', sys.exc_info()[0])
    return r

async def main():
    print(await asyncio.gather(top('a'), middle('b')), sys.exc_info())

asyncio.run(main())
"#####,
        r#####"('in handler', 0, 'KeyError') consumer sees None
('in handler', 1, 'KeyError') consumer sees None
('after', None) consumer sees None
(0, 'ValueError') consumer sees ValueError
(1, 'ValueError') consumer sees ValueError
('in handler', 0, 'KeyError') consumer sees ValueError
('in handler', 1, 'KeyError') consumer sees ValueError
('after', <class 'ValueError'>) consumer sees ValueError
after all (None, None, None)
[(('in handler', 0, 'KeyError'), 'IndexError'), (('in handler', 1, 'KeyError'), 'IndexError'), (('after', <class 'IndexError'>), 'IndexError'), ('nested after', None)]
('in handler', 0, 'KeyError') ('in handler', 1, 'KeyError')
('after', <class 'TypeError'>) OSError
[('delegate after', None, None), (0, None), (1, None)] None
caught escapes from a handler KeyError RuntimeError
[(1, None)] (None, None, None)
sum raised three ValueError
2.7670116110564327e+19 1.3835058055282164e+19
UnboundLocalError cannot access local variable 'x' where it is not associated with a value
TypeError can't send non-None value to a just-started generator
started 5
1 2 [('list done', None), 0, 1, ('range done', None)]
a (1, 'KeyError') (2, 'KeyError')
stopped sender done StopIteration
1 ('caught in gen', 'ZeroDivisionError') ('still', 'ZeroDivisionError') (None, None, None)
a middle in handler KeyError
b middle in handler KeyError
a middle after None
b middle after None
a middle in handler KeyError
a middle after <class 'ValueError'>
a top in handler ValueError
a top after None
['a', 'b'] (None, None, None)
"#####,
    );
}

#[test]
fn slots_limit_instance_attributes() {
    check(
        r#"class P:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y
class Q(P):
    __slots__ = "z"
class R(P):
    pass
class S:
    __slots__ = ("a", "__dict__")
p = P(1, 2)
p.x = 5
print(p.x, p.y)
for obj, attr in [(p, "z"), (Q(1, 2), "w"), (R(1, 2), "w"), (S(), "b")]:
    try:
        setattr(obj, attr, 1)
        print(type(obj).__name__, "set", attr, getattr(obj, attr))
    except AttributeError as e:
        print("AttributeError:", e)
q = Q(1, 2); q.z = 3; print(q.z)
try:
    del p.x
    print(p.x)
except AttributeError as e:
    print("AttributeError:", e)
try:
    class Bad:
        __slots__ = (1,)
except TypeError as e:
    print("TypeError:", e)
from collections import namedtuple
import sys
P = namedtuple("P", "x y")
p = P(1, 2)
try:
    p.z = 3
except AttributeError as e:
    print("AttributeError:", e)
class T(tuple):
    __slots__ = ()
class U(tuple):
    pass
u = U(); u.a = 1; print(u.a)
try:
    T().a = 1
except AttributeError as e:
    print("AttributeError:", e)
print(p._replace(x=5), sys.version_info[:1], p._asdict())
"#,
        "5 2\n\
         AttributeError: 'P' object has no attribute 'z'\n\
         AttributeError: 'Q' object has no attribute 'w'\n\
         R set w 1\n\
         S set b 1\n\
         3\n\
         AttributeError: 'P' object has no attribute 'x'\n\
         TypeError: __slots__ items must be strings, not 'int'\n\
         AttributeError: 'P' object has no attribute 'z'\n\
         1\n\
         AttributeError: 'T' object has no attribute 'a'\n\
         P(x=5, y=2) (3,) {'x': 1, 'y': 2}\n\
         ",
    );
}

/// The int and float fast paths of BINARY_OP and COMPARE_OP (%, //, / and bitwise ops on
/// ints, mixed int/float arithmetic, float comparisons) give CPython's results, signed zeros
/// and errors included.
#[test]
fn numeric_fast_paths_match_cpython() {
    check(
        r#####"vals = [0, 7, -7, 3, -3, 2**53 - 1, -(2**52)]
out = []
for x in vals:
    for y in (1, 3, 7, 2**53 - 1):
        out.append((x % y, x // y, x / y, x & y, x | y, x ^ y))
print(out)
print(0 / -5, -0.0 * 1, 1 + 0.5, 2 * 0.25, 3 - 1.5, 1.5 / 2, 7 / 2, 2**62 + 0.5, 1.5 < 2.5, 2.0 == 2.0, float('nan') != float('nan'), float('nan') == float('nan'))
x = 9; x //= 2; x %= 3; x /= 4; print(x)
try:
    1.5 / 0
except ZeroDivisionError as e:
    print(e)
try:
    1 / 0
except ZeroDivisionError as e:
    print(e)
"#####,
        r#####"[(0, 0, 0.0, 0, 1, 1), (0, 0, 0.0, 0, 3, 3), (0, 0, 0.0, 0, 7, 7), (0, 0, 0.0, 0, 9007199254740991, 9007199254740991), (0, 7, 7.0, 1, 7, 6), (1, 2, 2.3333333333333335, 3, 7, 4), (0, 1, 1.0, 7, 7, 0), (7, 0, 7.771561172376097e-16, 7, 9007199254740991, 9007199254740984), (0, -7, -7.0, 1, -7, -8), (2, -3, -2.3333333333333335, 1, -5, -6), (0, -1, -1.0, 1, -1, -2), (9007199254740984, -1, -7.771561172376097e-16, 9007199254740985, -1, -9007199254740986), (0, 3, 3.0, 1, 3, 2), (0, 1, 1.0, 3, 3, 0), (3, 0, 0.42857142857142855, 3, 7, 4), (3, 0, 3.33066907387547e-16, 3, 9007199254740991, 9007199254740988), (0, -3, -3.0, 1, -3, -4), (0, -1, -1.0, 1, -1, -2), (4, -1, -0.42857142857142855, 5, -1, -6), (9007199254740988, -1, -3.33066907387547e-16, 9007199254740989, -1, -9007199254740990), (0, 9007199254740991, 9007199254740991.0, 1, 9007199254740991, 9007199254740990), (1, 3002399751580330, 3002399751580330.5, 3, 9007199254740991, 9007199254740988), (3, 1286742750677284, 1286742750677284.5, 7, 9007199254740991, 9007199254740984), (0, 1, 1.0, 9007199254740991, 9007199254740991, 0), (0, -4503599627370496, -4503599627370496.0, 0, -4503599627370495, -4503599627370495), (2, -1501199875790166, -1501199875790165.2, 0, -4503599627370493, -4503599627370493), (5, -643371375338643, -643371375338642.2, 0, -4503599627370489, -4503599627370489), (4503599627370495, -1, -0.5000000000000001, 4503599627370496, -1, -4503599627370497)]
-0.0 -0.0 1.5 0.5 1.5 0.75 3.5 4.611686018427388e+18 True True True False
0.25
float division by zero
division by zero
"#####,
    );
}
