//! VM behaviour tests: each program runs through `percolate::run_capture` and must print
//! exactly what CPython prints (expected outputs were produced by python3 3.11).

use percolate::run_capture;

#[test]
fn async_protocols() {
    let r = run_capture(
        r#"import sys
class Sleep:
    def __init__(self, n): self.n = n
    def __await__(self):
        for _ in range(self.n):
            yield "tick"
        return self.n
async def worker(name, n):
    total = 0
    for i in range(n):
        total += await Sleep(i)
        print(name, "step", i)
    return f"{name} done {total}"
def run(coros):
    results = {}
    queue = list(coros.items())
    while queue:
        name, c = queue.pop(0)
        try:
            c.send(None)
            queue.append((name, c))
        except StopIteration as e:
            results[name] = e.value
    return results
print(run({"a": worker("a", 3), "b": worker("b", 2)}))
async def agen(n):
    for i in range(n):
        await Sleep(1)
        yield i * 10
async def main():
    out = [x async for x in agen(3)]
    async with Ctx() as v:
        out.append(v)
    try:
        async with Ctx(fail=True):
            raise KeyError("inside")
    except KeyError as e:
        out.append(repr(e))
    return out
class Ctx:
    def __init__(self, fail=False): self.fail = fail
    async def __aenter__(self):
        await Sleep(1)
        return "entered"
    async def __aexit__(self, t, v, tb):
        print("aexit", t.__name__ if t else None)
        return False
print(run({"m": main()}))
async def closer():
    try:
        await Sleep(5)
    finally:
        print("closer finally")
c = closer()
c.send(None)
c.close()
print(c.cr_frame is None)
async def nested():
    return await inner2()
async def inner2():
    raise ValueError("deep")
try:
    nested().send(None)
except ValueError as e:
    print("caught", e)
g = agen(2)
print(type(g).__name__, type(g.__anext__()).__name__)
def gen_return():
    yield 1
    return "ret"
def outer():
    r = yield from gen_return()
    print("inner returned", r)
print(list(outer()))
async def await_twice():
    s = Sleep(0)
    a = await s
    b = await s
    return a, b
print(run({"t": await_twice()}))
"#,
        "main.py",
    );
    assert_eq!(r.stderr, "");
    assert_eq!(
        r.stdout,
        r#"a step 0
b step 0
a step 1
b step 1
a step 2
{'b': 'b done 1', 'a': 'a done 3'}
aexit None
aexit KeyError
{'m': [0, 10, 20, 'entered', "KeyError('inside')"]}
closer finally
True
caught deep
async_generator async_generator_asend
inner returned ret
[1]
{'t': (0, 0)}
"#
    );
    assert_eq!(r.status, 0);
}

#[test]
fn builtins_basic() {
    let r = run_capture(
        r#"print(1, 2.5, "s", None, True, [1, "a"], (1,), {"k": 1}, {1, 2, 3}, sep="|", end="!\n")
print(repr(0.1), 1e16, 1e-5, 2**100, -7 // 2, -7 % 2, 7 / 2, 2 ** -1, 10 ** 20 // 3)
print(len("héllo"), "abc"[1], "abc"[::-1], [1, 2, 3][-1], (1, 2, 3)[1:])
print(int("42"), int(3.9), float("1.5"), str(12), bool([]), int("ff", 16))
print(min(3, 1, 2), max([1, 5, 2]), sum([1, 2, 3]), sorted([3, 1, 2], reverse=True), abs(-3))
print(list(enumerate("ab", 1)), list(zip([1, 2], "xy")), list(map(str, [1, 2])), list(filter(None, [0, 1, 2])))
print(list(range(10, 0, -3)), list(reversed([1, 2, 3])), any([0, 1]), all([]))
d = {"a": 1}
d["b"] = 2
print(d, d.get("c", 0), list(d.keys()), list(d.values()), list(d.items()), "a" in d)
print(isinstance(True, int), hash(1) == hash(1.0), callable(print), divmod(7, 2), round(2.5), round(3.14159, 2))
print(f"{3.14159:.2f} {42:>5} {'x':*^5} {255:#x} {1234567:,}")
print("%s-%d-%.1f" % ("a", 3, 2.25), "{} {name}".format(1, name="n"))
s = {3, 1, 2}
s.add(4)
print(len(s), 2 in s, {1, 2} | {3}, {1, 2} & {2})
print(chr(65), ord("a"), hex(255), bin(5), oct(8))
print(getattr(1, "real"), hasattr([], "append"), type(3.0).__name__)
x = [3, 1, 2]
x.sort()
print(x, " ".join(["a", "b"]), "a,b".split(","), "  x ".strip())
print(1 < 2 < 3, 1 == 1.0, "a" < "b", [1, 2] < [1, 3], (1, 2) == (1, 2))
print(str(1.0), str(-0.0), float("inf"), 3 * "ab", [0] * 3)
"#,
        "main.py",
    );
    assert_eq!(r.stderr, "");
    assert_eq!(
        r.stdout,
        r#"1|2.5|s|None|True|[1, 'a']|(1,)|{'k': 1}|{1, 2, 3}!
0.1 1e+16 1e-05 1267650600228229401496703205376 -4 1 3.5 0.5 33333333333333333333
5 b cba 3 (2, 3)
42 3 1.5 12 False 255
1 5 6 [3, 2, 1] 3
[(1, 'a'), (2, 'b')] [(1, 'x'), (2, 'y')] ['1', '2'] [1, 2]
[10, 7, 4, 1] [3, 2, 1] True True
{'a': 1, 'b': 2} 0 ['a', 'b'] [1, 2] [('a', 1), ('b', 2)] True
True True True (3, 1) 2 3.14
3.14    42 **x** 0xff 1,234,567
a-3-2.2 1 n
4 True {1, 2, 3} {2}
A 97 0xff 0b101 0o10
1 True float
[1, 2, 3] a b ['a', 'b'] x
True True True True True
1.0 -0.0 inf ababab [0, 0, 0]
"#
    );
    assert_eq!(r.status, 0);
}

#[test]
fn calls() {
    let r = run_capture(
        r#"def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, sorted(kw.items()))
print(f(1, c=3))
print(f(1, 5, 6, 7, c=3, e=5, d=0))
def g(x, /, y):
    return x + y
print(g(1, y=2))
for call in [lambda: f(), lambda: f(1), lambda: g(x=1, y=2), lambda: g(1, 2, 3), lambda: f(1, c=1, a=2)]:
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
print(f(*[1, 2], **{"c": 9}))
def h(*, k): return k
try:
    h(1)
except TypeError as e:
    print(e)
"#,
        "main.py",
    );
    assert_eq!(r.stderr, "");
    assert_eq!(
        r.stdout,
        r#"(1, 2, (), 3, 4, [])
(1, 5, (6, 7), 3, 0, [('e', 5)])
3
TypeError: f() missing 1 required positional argument: 'a'
TypeError: f() missing 1 required keyword-only argument: 'c'
TypeError: g() got some positional-only arguments passed as keyword arguments: 'x'
TypeError: g() takes 2 positional arguments but 3 were given
TypeError: f() got multiple values for argument 'a'
(1, 2, (), 9, 4, [])
h() takes 0 positional arguments but 1 was given
"#
    );
    assert_eq!(r.status, 0);
}

#[test]
fn class_protocols() {
    let r = run_capture(
        r#"class A:
    x = 1
    def m(self): return "m"
    @classmethod
    def cm(cls): return cls.__name__
    @staticmethod
    def sm(): return "sm"
a = A()
print(a.cm(), a.sm(), A.m(a), a.x, A.x, type(a).x)
a.x = 5
print(a.x, A.x, a.__dict__, "x" in A.__dict__)
print(repr(a).startswith("<__main__.A object at 0x"), str(A), repr(A.m)[:20], repr(a.m)[:30])
class B(A):
    x = 2
print(B().x, B.cm(), super(B, B()).m(), B.__bases__, B.__base__)
print(isinstance(B(), (int, A)), issubclass(B, (A, int)), issubclass(bool, int))
class Prop:
    def __init__(self): self._v = 0
    v = property(lambda self: self._v, lambda self, val: setattr(self, "_v", val * 2))
p = Prop(); p.v = 4
print(p.v)
class Slotted:
    __slots__ = ["a", "b"]
s = Slotted(); s.a = 1
print(s.a, Slotted.__slots__)
class Ord:
    def __init__(self, k): self.k = k
    def __lt__(self, o): return self.k < o.k
    def __eq__(self, o): return self.k == o.k
    def __repr__(self): return f"Ord({self.k})"
print(sorted([Ord(3), Ord(1)]), max(Ord(3), Ord(5)), Ord(1) > Ord(0))
try:
    Ord(1) <= Ord(2)
except TypeError as e:
    print(e)
class Container:
    def __init__(self): self.items = {}
    def __getitem__(self, k): return self.items[k]
    def __setitem__(self, k, v): self.items[k] = v
    def __delitem__(self, k): del self.items[k]
    def __len__(self): return len(self.items)
    def __contains__(self, k): return k in self.items
    def __bool__(self): return bool(self.items)
c = Container()
print(bool(c)); c["a"] = 1; print(c["a"], len(c), "a" in c, bool(c)); del c["a"]; print(len(c))
class Str:
    def __str__(self): return "STR"
    def __repr__(self): return "REPR"
    def __format__(self, spec): return f"FMT[{spec}]"
print(Str(), [Str()], f"{Str()}", f"{Str():>5}", f"{Str()!r}", str(Str()), "%s %r" % (Str(), Str()))
class Hashy:
    def __hash__(self): return 42
print(hash(Hashy()), {Hashy(): 1}.__len__())
class Getattribute:
    def __getattribute__(self, n):
        if n == "magic": return 99
        return object.__getattribute__(self, n)
g = Getattribute(); g.real = 1
print(g.magic, g.real)
class SetAttr:
    def __setattr__(self, n, v):
        object.__setattr__(self, n, v * 10)
sa = SetAttr(); sa.q = 2
print(sa.q)
print(type.__name__, type(type), type(A), A.__class__, A.__mro__[1:], A.__qualname__)
def f(a, b): pass
print(f.__name__, f.__qualname__, f.__code__.co_argcount, f.__defaults__, f.__module__)
print(int.__mro__, bool.__bases__, object.__bases__)
class E(Exception):
    def __init__(self, code):
        super().__init__(f"code {code}")
        self.code = code
try:
    raise E(7)
except E as e:
    print(e, e.code, e.args, repr(e))
class Meta(type):
    def __repr__(cls): return f"<Meta {cls.__name__}>"
class WithMeta(metaclass=Meta): pass
print(WithMeta, type(WithMeta).__name__, isinstance(WithMeta, Meta))
print(vars(p), dir(p)[:3] if False else None)
"#,
        "main.py",
    );
    assert_eq!(r.stderr, "");
    assert_eq!(
        r.stdout,
        r#"A sm m 1 1 1
5 1 {'x': 5} True
True <class '__main__.A'> <function A.m at 0x7 <bound method A.m of <__main__
2 B m (<class '__main__.A'>,) <class '__main__.A'>
True True True
8
1 ['a', 'b']
[Ord(1), Ord(3)] Ord(5) True
'<=' not supported between instances of 'Ord' and 'Ord'
False
1 1 True True
0
STR [REPR] FMT[] FMT[>5] REPR STR STR REPR
42 1
99 1
20
type <class 'type'> <class 'type'> <class 'type'> (<class 'object'>,) A
f f 2 None __main__
(<class 'int'>, <class 'object'>) (<class 'int'>,) ()
code 7 7 ('code 7',) E('code 7')
<Meta WithMeta> Meta True
{'_v': 8} None
"#
    );
    assert_eq!(r.status, 0);
}

#[test]
fn classes() {
    let r = run_capture(
        r#"class A:
    count = 0
    def __init__(self, x):
        self.x = x
        A.count += 1
    def __repr__(self):
        return f"A({self.x!r})"
    @property
    def double(self):
        return self.x * 2
    @double.setter
    def double(self, v):
        self.x = v // 2
    @staticmethod
    def s(a): return a + 1
    @classmethod
    def c(cls): return cls.__name__
class B(A):
    def __init__(self, x, y):
        super().__init__(x)
        self.y = y
    def __eq__(self, other):
        return isinstance(other, B) and (self.x, self.y) == (other.x, other.y)
    __hash__ = None
b = B(1, 2)
print(b, b.double, A.s(1), B.c(), A.count)
b.double = 10
print(b.x, b == B(5, 2), b != B(5, 2), isinstance(b, A), issubclass(B, A))
print(B.__mro__)
class M(type):
    def __new__(mcls, name, bases, ns):
        ns["tag"] = name.lower()
        return super().__new__(mcls, name, bases, ns)
class C(metaclass=M):
    pass
print(C.tag, type(C).__name__)
class D:
    def __getattr__(self, name):
        return name.upper()
print(D().hello)
class L(list):
    def total(self): return sum(self)
l = L([1, 2, 3]); l.append(4)
print(l, l.total(), len(l), type(l).__name__)
class V:
    def __init__(self, v): self.v = v
    def __add__(self, o): return V(self.v + (o.v if isinstance(o, V) else o))
    def __radd__(self, o): return V(o + self.v)
    def __lt__(self, o): return self.v < o.v
    def __repr__(self): return "V(%d)" % self.v
print(V(1) + V(2), 3 + V(4), V(1) + 5, sorted([V(3), V(1), V(2)]))
class Base:
    def __init_subclass__(cls, **kw):
        super().__init_subclass__()
        cls.registered = kw.get("name", cls.__name__)
class Child(Base, name="kid"): pass
print(Child.registered)
class X: pass
class Y(X): pass
class Z(X): pass
class W(Y, Z): pass
print([k.__name__ for k in W.__mro__])
print(object().__class__, type(1), type("s"), type(None))
class Desc:
    def __get__(self, obj, owner): return ("get", owner.__name__)
    def __set__(self, obj, v): obj.__dict__["stored"] = v
class H:
    d = Desc()
h = H(); h.d = 5
print(h.d, h.stored)
"#,
        "main.py",
    );
    assert_eq!(r.stderr, "");
    assert_eq!(
        r.stdout,
        r#"A(1) 2 2 B 1
5 True False True True
(<class '__main__.B'>, <class '__main__.A'>, <class 'object'>)
c M
HELLO
[1, 2, 3, 4] 10 4 L
V(3) V(7) V(6) [V(1), V(2), V(3)]
kid
['W', 'Y', 'Z', 'X', 'object']
<class 'object'> <class 'int'> <class 'str'> <class 'NoneType'>
('get', 'H') 5
"#
    );
    assert_eq!(r.status, 0);
}

#[test]
fn classes2() {
    let r = run_capture(
        r#"class Meta(type):
    def __call__(cls, *args):
        print("creating", cls.__name__, args)
        return super().__call__(*args)
class P(metaclass=Meta):
    def __init__(self, a):
        self.a = a
p = P(1)
print(p.a, type(p).__name__, p.__class__.__name__, P.__dict__["__init__"].__name__)
class S:
    __slots__ = ("x",)
    def __init__(self): self.x = 1
print(S().x)
class Temp:
    def __init__(self): self._c = 0
    @property
    def c(self): return self._c
t = Temp()
try:
    t.c = 5
except AttributeError as e:
    print(e)
class Cmp:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __hash__(self): return hash(self.v)
print(len({Cmp(1), Cmp(1), Cmp(2)}), Cmp(1) in [Cmp(1)], Cmp(3) == Cmp(3))
class It:
    def __init__(self): self.n = 0
    def __iter__(self): return self
    def __next__(self):
        self.n += 1
        if self.n > 3: raise StopIteration
        return self.n
print(list(It()), sum(It()))
class Seq:
    def __getitem__(self, i):
        if i >= 3: raise IndexError
        return i * 10
print(list(Seq()), 20 in Seq())
class Num:
    def __init__(self, v): self.v = v
    def __index__(self): return self.v
print([0, 1, 2, 3][Num(2)], bin(Num(5)))
class Callable:
    def __call__(self, x): return x * 2
print(Callable()(21), callable(Callable()))
class Ctx:
    def __enter__(self): print("enter"); return "val"
    def __exit__(self, *a): print("exit", a[0]); return False
try:
    with Ctx() as v:
        print(v)
        raise ValueError("in with")
except ValueError as e:
    print("propagated", e)
class A:
    def who(self): return "A"
class B(A):
    def who(self): return "B" + super().who()
class C(A):
    def who(self): return "C" + super().who()
class D(B, C):
    def who(self): return "D" + super().who()
print(D().who())
class Counter:
    instances = 0
    def __new__(cls, *a):
        cls.instances += 1
        return super().__new__(cls)
    def __init__(self, name): self.name = name
c1, c2 = Counter("a"), Counter("b")
print(Counter.instances, c2.name)
print(repr(object)[:15], str(A)[:8], A.__name__, A.__qualname__, A.who.__qualname__)
"#,
        "main.py",
    );
    assert_eq!(r.stderr, "");
    assert_eq!(
        r.stdout,
        r#"creating P (1,)
1 P P __init__
1
property 'c' of 'Temp' object has no setter
2 True True
[1, 2, 3] 6
[0, 10, 20] True
2 0b101
42 True
enter
val
exit <class 'ValueError'>
propagated in with
DBCA
2 b
<class 'object' <class ' A A A.who
"#
    );
    assert_eq!(r.status, 0);
}

#[test]
fn closures() {
    let r = run_capture(
        r#"def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc
c = counter()
print(c(), c(), c())
fs = [lambda i=i: i * i for i in range(4)]
print([f() for f in fs])
def outer():
    x = 1
    def mid():
        def inner():
            return x
        return inner
    x = 2
    return mid()()
print(outer())
def unbound():
    print(y)
    y = 1
try:
    unbound()
except UnboundLocalError as e:
    print(type(e).__name__, e)
"#,
        "main.py",
    );
    assert_eq!(r.stderr, "");
    assert_eq!(
        r.stdout,
        r#"1 2 3
[0, 1, 4, 9]
2
UnboundLocalError cannot access local variable 'y' where it is not associated with a value
"#
    );
    assert_eq!(r.status, 0);
}

#[test]
fn control_flow() {
    let r = run_capture(
        r#"def f1():
    for i in range(3):
        try:
            if i == 1:
                continue
            if i == 2:
                break
        finally:
            print("finally", i)
    return i
print(f1())
def f2():
    try:
        raise ValueError("x")
    except ValueError:
        return "from except"
    finally:
        print("f2 finally")
print(f2())
def f3():
    try:
        try:
            raise KeyError("a")
        finally:
            print("inner finally")
    except KeyError as e:
        print("outer caught", e)
    try:
        pass
    except Exception:
        pass
    else:
        print("else ran")
f3()
import sys
def f4():
    try:
        raise TypeError("t")
    except TypeError:
        print(sys.exc_info()[0].__name__)
        try:
            raise ValueError("v")
        except ValueError as e:
            print(repr(e.__context__))
        print(sys.exc_info()[0].__name__)
    print(sys.exc_info())
f4()
def f5():
    e = None
    try:
        1 / 0
    except ZeroDivisionError as err:
        e = err
    return type(e).__name__
print(f5())
class Suppress:
    def __enter__(self): return self
    def __exit__(self, *exc): return True
def f6():
    with Suppress():
        raise RuntimeError("hidden")
    return "after with"
print(f6())
def f7():
    with Suppress(), Suppress() as s2:
        yield 1
        raise KeyError
    yield 2
print(list(f7()))
x = [lambda: i for i in range(3)]
print([f() for f in x])
class K:
    vals = [1, 2, 3]
    doubled = [v * 2 for v in vals]
print(K.doubled)
def outer():
    items = []
    for i in range(3):
        def inner(i=i):
            return i * 10
        items.append(inner)
    return [g() for g in items]
print(outer())
try:
    try:
        raise ValueError("first")
    finally:
        print("cleanup runs")
except ValueError as e:
    print("got", e)
def gen_with_return():
    try:
        yield 1
        return 5
    finally:
        print("gen finally")
g = gen_with_return()
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("value", e.value)
"#,
        "main.py",
    );
    assert_eq!(r.stderr, "");
    assert_eq!(
        r.stdout,
        r#"finally 0
finally 1
finally 2
2
f2 finally
from except
inner finally
outer caught 'a'
else ran
TypeError
TypeError('t')
TypeError
(None, None, None)
ZeroDivisionError
after with
[1, 2]
[2, 2, 2]
[2, 4, 6]
[0, 10, 20]
cleanup runs
got first
1
gen finally
value 5
"#
    );
    assert_eq!(r.status, 0);
}

#[test]
fn coroutines() {
    let r = run_capture(
        r#"class Rock:
    def __await__(self):
        value = yield 7
        return value * 2
async def inner():
    v = await Rock()
    return v + 1
async def outer():
    r = await inner()
    return r
c = outer()
print(c.send(None))
try:
    c.send(5)
except StopIteration as e:
    print("returned", e.value)
try:
    c.send(None)
except RuntimeError as e:
    print(e)
class Bad:
    def __await__(self):
        return 5
async def use_bad():
    await Bad()
try:
    use_bad().send(None)
except TypeError as e:
    print(e)
async def use_int():
    await 3
try:
    use_int().send(None)
except TypeError as e:
    print(e)
async def agen():
    for i in range(3):
        yield i
async def consume():
    out = []
    async for x in agen():
        out.append(x)
    return out
try:
    consume().send(None)
except StopIteration as e:
    print(e.value)
c2 = outer()
print(type(c2).__name__, c2.__name__, c2.cr_running)
c2.close()
async def thrower():
    try:
        await Rock()
    except KeyError as e:
        return "handled " + repr(e)
t = thrower()
t.send(None)
try:
    t.throw(KeyError("k"))
except StopIteration as e:
    print(e.value)
"#,
        "main.py",
    );
    assert_eq!(r.stderr, "");
    assert_eq!(
        r.stdout,
        r#"7
returned 11
cannot reuse already awaited coroutine
__await__() returned non-iterator of type 'int'
object int can't be used in 'await' expression
[0, 1, 2]
coroutine outer False
handled KeyError('k')
"#
    );
    assert_eq!(r.status, 0);
}

#[test]
fn dict_views() {
    let r = run_capture(
        r#"d = {"a": 1, "b": 2, "c": 3}
print(d.keys() & {"a", "z"}, d.keys() - {"a"}, d.keys() | {"q"}, sorted(d.items() & {("a", 1)}), d.keys() ^ {"a", "x"})
print(d.keys() == {"a", "b", "c"}, "a" in d.keys(), ("a", 1) in d.items(), len(d.values()))
"#,
        "main.py",
    );
    assert_eq!(r.stderr, "");
    assert_eq!(
        r.stdout,
        r#"{'a'} {'c', 'b'} {'q', 'c', 'a', 'b'} [('a', 1)] {'c', 'x', 'b'}
True True True 3
"#
    );
    assert_eq!(r.status, 0);
}

#[test]
fn error_messages() {
    let r = run_capture(
        r#"def check(f):
    try:
        r = f()
        print("ok", repr(r))
    except Exception as e:
        print(type(e).__name__ + ":", e)
check(lambda: 1 + "a")
check(lambda: "a" + 1)
check(lambda: [1] * "x")
check(lambda: {}[[]])
check(lambda: [].foo)
check(lambda: (1, 2)[5])
check(lambda: "abc"[10])
check(lambda: int("12x"))
check(lambda: float("x"))
check(lambda: 1 / 0)
check(lambda: 1 % 0)
check(lambda: 2 ** 1000 / 1)
check(lambda: len(5))
check(lambda: iter(5))
check(lambda: next(iter([])))
check(lambda: 1 < "a")
check(lambda: [3, "a"].sort())
check(lambda: sorted([3, "a"]))
check(lambda: dict(a=1)["b"])
check(lambda: {1: 2}.pop(3))
check(lambda: set().pop())
check(lambda: [].index(1))
check(lambda: "x".index("y"))
check(lambda: tuple([1]).index(2))
check(lambda: hash([]))
check(lambda: {[]: 1})
check(lambda: object().x)
check(lambda: setattr(object(), "x", 1))
check(lambda: type("T", (), {})().missing)
check(lambda: int.missing)
check(lambda: __import__("nonexistent_mod"))
check(lambda: undefined)
check(lambda: (lambda a: a)())
check(lambda: (lambda a: a)(1, 2))
check(lambda: (lambda *, k: k)(1))
check(lambda: "%d" % "x")
check(lambda: "%s %s" % (1,))
check(lambda: "{}".format())
check(lambda: "{0:d}".format("s"))
check(lambda: format(1.5, "d"))
check(lambda: chr(-1))
check(lambda: range(0, 10, 0))
check(lambda: [1, 2, 3][1:2:0])
check(lambda: int(None))
check(lambda: abs("x"))
check(lambda: -"x")
check(lambda: ~1.5)
check(lambda: max([]))
check(lambda: sum(["a"]))
check(lambda: isinstance(1, 1))
check(lambda: [x for x in 5])
check(lambda: print(1, sep=5))
check(lambda: getattr(1, 2))
check(lambda: a_b_c.d)
check(lambda: 10 ** -2)
check(lambda: round(2.675, 2))
check(lambda: 7 // 0.0)
check(lambda: divmod(7.5, 2))
check(lambda: int("0x1f", 16))
check(lambda: int("1_000"))
check(lambda: float("1_0.5"))
check(lambda: bytes(3))
check(lambda: b"abc"[1])
check(lambda: list(b"ab"))
check(lambda: str(b"x", "utf-8"))
"#,
        "main.py",
    );
    assert_eq!(r.stderr, "");
    assert_eq!(
        r.stdout,
        r#"TypeError: unsupported operand type(s) for +: 'int' and 'str'
TypeError: can only concatenate str (not "int") to str
TypeError: can't multiply sequence by non-int of type 'str'
TypeError: unhashable type: 'list'
AttributeError: 'list' object has no attribute 'foo'
IndexError: tuple index out of range
IndexError: string index out of range
ValueError: invalid literal for int() with base 10: '12x'
ValueError: could not convert string to float: 'x'
ZeroDivisionError: division by zero
ZeroDivisionError: integer modulo by zero
ok 1.0715086071862673e+301
TypeError: object of type 'int' has no len()
TypeError: 'int' object is not iterable
StopIteration: 
TypeError: '<' not supported between instances of 'int' and 'str'
TypeError: '<' not supported between instances of 'str' and 'int'
TypeError: '<' not supported between instances of 'str' and 'int'
KeyError: 'b'
KeyError: 3
KeyError: 'pop from an empty set'
ValueError: 1 is not in list
ValueError: substring not found
ValueError: tuple.index(x): x not in tuple
TypeError: unhashable type: 'list'
TypeError: unhashable type: 'list'
AttributeError: 'object' object has no attribute 'x'
AttributeError: 'object' object has no attribute 'x'
AttributeError: 'T' object has no attribute 'missing'
AttributeError: type object 'int' has no attribute 'missing'
ModuleNotFoundError: No module named 'nonexistent_mod'
NameError: name 'undefined' is not defined
TypeError: <lambda>.<locals>.<lambda>() missing 1 required positional argument: 'a'
TypeError: <lambda>.<locals>.<lambda>() takes 1 positional argument but 2 were given
TypeError: <lambda>.<locals>.<lambda>() takes 0 positional arguments but 1 was given
TypeError: %d format: a real number is required, not str
TypeError: not enough arguments for format string
IndexError: Replacement index 0 out of range for positional args tuple
ValueError: Unknown format code 'd' for object of type 'str'
ValueError: Unknown format code 'd' for object of type 'float'
ValueError: chr() arg not in range(0x110000)
ValueError: range() arg 3 must not be zero
ValueError: slice step cannot be zero
TypeError: int() argument must be a string, a bytes-like object or a real number, not 'NoneType'
TypeError: bad operand type for abs(): 'str'
TypeError: bad operand type for unary -: 'str'
TypeError: bad operand type for unary ~: 'float'
ValueError: max() arg is an empty sequence
TypeError: unsupported operand type(s) for +: 'int' and 'str'
TypeError: isinstance() arg 2 must be a type, a tuple of types, or a union
TypeError: 'int' object is not iterable
TypeError: sep must be None or a string, not int
TypeError: attribute name must be string, not 'int'
NameError: name 'a_b_c' is not defined
ok 0.01
ok 2.67
ZeroDivisionError: float floor division by zero
ok (3.0, 1.5)
ok 31
ok 1000
ok 10.5
ok b'\x00\x00\x00'
ok 98
ok [97, 98]
ok 'x'
"#
    );
    assert_eq!(r.status, 0);
}

#[test]
fn eval_exec() {
    let r = run_capture(
        r#"x = 5
print(eval("x * 2"), eval("  1 + 1"), eval("y + 1", {"y": 10}))
exec("z = x + 1\nprint('in exec', z)")
print(z)
def f():
    a = 3
    return eval("a + x")
print(f())
ns = {}
exec("def g(): return 42", ns)
print(ns["g"]())
try:
    eval("1 +")
except SyntaxError as e:
    print("SyntaxError", e.msg)
"#,
        "main.py",
    );
    assert_eq!(r.stderr, "");
    assert_eq!(
        r.stdout,
        r#"10 2 11
in exec 6
6
8
42
SyntaxError invalid syntax
"#
    );
    assert_eq!(r.status, 0);
}

#[test]
fn exc_groups() {
    let r = run_capture(
        r#"try:
    raise ExceptionGroup("many", [ValueError(1), TypeError(2), ValueError(3)])
except* ValueError as eg:
    print("values", repr(eg), eg.exceptions)
except* TypeError as eg:
    print("types", eg.exceptions)
eg = ExceptionGroup("g", [KeyError("k")])
print(str(eg), type(eg).__name__, eg.message)
try:
    raise KeyError("solo")
except* KeyError as eg:
    print("wrapped", repr(eg))
"#,
        "main.py",
    );
    assert_eq!(r.stderr, "");
    assert_eq!(
        r.stdout,
        r#"values ExceptionGroup('many', [ValueError(1), ValueError(3)]) (ValueError(1), ValueError(3))
types (TypeError(2),)
g (1 sub-exception) ExceptionGroup g
wrapped ExceptionGroup('', (KeyError('solo'),))
"#
    );
    assert_eq!(r.status, 0);
}

#[test]
fn exceptions() {
    let r = run_capture(
        r#"class MyError(Exception):
    pass
try:
    raise MyError("boom", 1)
except Exception as e:
    print(type(e).__name__, e, e.args, repr(e))
try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise ValueError("bad") from e
except ValueError as e:
    print(repr(e), repr(e.__cause__), e.__suppress_context__)
try:
    try:
        {}["k"]
    except KeyError:
        raise RuntimeError("inner")
except RuntimeError as e:
    print(repr(e.__context__))
def f():
    try:
        return 1
    finally:
        print("finally")
print(f())
for exc in [IndexError, KeyError("x"), StopIteration(3)]:
    try:
        raise exc
    except (IndexError, KeyError) as e:
        print("caught", repr(e))
    except Exception as e:
        print("other", repr(e), e.value)
try:
    raise
except RuntimeError as e:
    print(e)
print(issubclass(KeyError, LookupError), ZeroDivisionError.__mro__)
try:
    [].pop()
except IndexError as e:
    print(e)
try:
    x = undefined_name
except NameError as e:
    print(e)
try:
    None.foo
except AttributeError as e:
    print(e)
try:
    int("x1")
except ValueError as e:
    print(e)
with_ok = []
class CM:
    def __enter__(self): with_ok.append("enter"); return self
    def __exit__(self, t, v, tb):
        with_ok.append(t.__name__ if t else None)
        return True
with CM():
    raise KeyError(1)
with CM() as m:
    pass
print(with_ok)
"#,
        "main.py",
    );
    assert_eq!(r.stderr, "");
    assert_eq!(
        r.stdout,
        r#"MyError ('boom', 1) ('boom', 1) MyError('boom', 1)
ValueError('bad') ZeroDivisionError('division by zero') True
KeyError('k')
finally
1
caught IndexError()
caught KeyError('x')
other StopIteration(3) 3
No active exception to reraise
True (<class 'ZeroDivisionError'>, <class 'ArithmeticError'>, <class 'Exception'>, <class 'BaseException'>, <class 'object'>)
pop from empty list
name 'undefined_name' is not defined
'NoneType' object has no attribute 'foo'
invalid literal for int() with base 10: 'x1'
['enter', 'KeyError', 'enter', None]
"#
    );
    assert_eq!(r.status, 0);
}

#[test]
fn finalizers() {
    let r = run_capture(
        r#"def g():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")
for x in g():
    print(x)
    break
print("after break")
def h():
    it = g()
    next(it)
    print("leaving h")
h()
print("after h")
"#,
        "main.py",
    );
    assert_eq!(r.stderr, "");
    assert_eq!(
        r.stdout,
        r#"1
cleanup
after break
leaving h
cleanup
after h
"#
    );
    assert_eq!(r.status, 0);
}

#[test]
fn generators() {
    let r = run_capture(
        r#"def gen():
    x = yield 1
    print("got", x)
    try:
        yield 2
    except ValueError as e:
        print("caught", e)
        yield 3
    finally:
        print("cleanup")
g = gen()
print(next(g))
print(g.send("hello"))
print(g.throw(ValueError("v")))
g.close()
print(list(gen()))
def sub():
    r = yield "a"
    yield r
    return "done"
def deleg():
    result = yield from sub()
    print("result", result)
    yield "end"
d = deleg()
print(next(d), d.send("x"), next(d))
def nums(n):
    for i in range(n):
        yield i * i
print(sum(nums(5)), list(x for x in nums(4) if x % 2 == 0))
g2 = gen()
try:
    g2.send(1)
except TypeError as e:
    print(e)
def stopper():
    raise StopIteration
    yield
try:
    next(stopper())
except RuntimeError as e:
    print(e)
def ignore():
    try:
        yield 1
    except GeneratorExit:
        yield 2
i = ignore(); next(i)
try:
    i.close()
except RuntimeError as e:
    print(e)
def running():
    yield g3.send(None)
g3 = running()
try:
    next(g3)
except ValueError as e:
    print(e)
g4 = nums(2)
print(next(g4), next(g4), next(g4, "default"))
"#,
        "main.py",
    );
    assert_eq!(r.stderr, "");
    assert_eq!(
        r.stdout,
        r#"1
got hello
2
caught v
3
cleanup
got None
cleanup
[1, 2]
result done
a x end
30 [0, 4]
can't send non-None value to a just-started generator
generator raised StopIteration
generator ignored GeneratorExit
generator already executing
0 1 default
"#
    );
    assert_eq!(r.status, 0);
}

/// Values sent into and yielded out of chains of `yield from` / `await` (which skip the
/// SEND loop's dispatches), throw/close through them, and generators driven by sum(),
/// list() and tuple() (one resume loop) behave as in CPython.
#[test]
fn generator_chains_and_consumers() {
    let r = run_capture(
        r#"import sys
def inner():
    got = []
    try:
        while True:
            x = yield len(got)
            got.append(x)
            if x == 'stop':
                return got
    finally:
        print("inner finally", sys.exc_info()[0])
def middle():
    r = yield from inner()
    print("middle got", r)
    y = yield 'after'
    return y
def outer():
    v = yield from middle()
    return ('outer', v)
g = outer()
print(next(g), g.send('a'), g.send('b'))
print(g.send('stop'))
try:
    g.send('end')
except StopIteration as e:
    print("stop", e.value)
g = outer()
next(g)
g.send(1)
try:
    g.throw(KeyError('k'))
except KeyError as e:
    print("thrown out", repr(e))
g = outer()
next(g)
g.close()
print("closed", g.gi_frame is None)
class Tick:
    def __await__(self):
        v = yield 'tick'
        return v * 2
async def leaf():
    return await Tick() + await Tick()
async def chain(n):
    if n == 0:
        return await leaf()
    return 1 + await chain(n - 1)
c = chain(5)
print(c.send(None), c.send(3))
try:
    c.send(4)
except StopIteration as e:
    print("chain", e.value)
def gen_in_gen():
    for x in (i * i for i in range(4)):
        yield x
    yield sum(i for i in range(5))
print(list(gen_in_gen()), sum(gen_in_gen()))
def stopper():
    yield 1
    raise StopIteration('x')
for consume in (list, sum, tuple):
    try:
        consume(stopper())
    except RuntimeError as e:
        print(consume.__name__, e, repr(e.__cause__))
class Skip:
    def __init__(self, v):
        self.v = v
    def __radd__(self, other):
        print("skipping", next(it, None) is not None)
        return other + self.v
def items():
    for i in range(1, 6):
        yield Skip(i)
it = items()
print(sum(it))
def reenter():
    yield 1
    yield list(me)
me = reenter()
try:
    print(list(me))
except ValueError as e:
    print("ValueError", e)
"#,
        "main.py",
    );
    assert_eq!(r.stderr, "");
    assert_eq!(
        r.stdout,
        r#"0 1 2
inner finally None
middle got ['a', 'b', 'stop']
after
stop ('outer', 'end')
inner finally <class 'KeyError'>
thrown out KeyError('k')
inner finally <class 'GeneratorExit'>
closed True
tick tick
chain 19
[0, 1, 4, 9, 10] 24
list generator raised StopIteration StopIteration('x')
sum generator raised StopIteration StopIteration('x')
tuple generator raised StopIteration StopIteration('x')
skipping True
skipping True
skipping False
9
ValueError generator already executing
"#
    );
    assert_eq!(r.status, 0);
}

#[test]
fn generators2() {
    let r = run_capture(
        r#"def g1():
    try:
        yield 1
    finally:
        return "from finally"
x = g1(); next(x)
print(x.close())
def g2():
    yield 1
    yield 2
it = g2()
print(next(it), it.gi_running, it.gi_suspended if hasattr(it, "gi_suspended") else "", it.__name__, it.__qualname__)
print(repr(it).startswith("<generator object g2 at 0x"))
try:
    it.throw(KeyError)
except KeyError as e:
    print("thrown back", repr(e))
print(next(it, "exhausted"))
def counter():
    n = 0
    while True:
        cmd = yield n
        if cmd == "reset":
            n = 0
        elif cmd == "stop":
            return n
        else:
            n += 1
c = counter()
next(c); c.send(None); c.send(None)
print(c.send("reset"), c.send(None))
try:
    c.send("stop")
except StopIteration as e:
    print("stopped with", e.value, e.args)
def chain(*its):
    for i in its:
        yield from i
print(list(chain([1, 2], (3,), "ab", range(2))))
gen = (i * i for i in range(3))
print(next(gen), list(gen), list(gen))
def lazy():
    print("started")
    yield
l = lazy()
print("created")
next(l)
def bad_gen():
    yield 1
    1 / 0
try:
    list(bad_gen())
except ZeroDivisionError as e:
    print("zde", e)
def infinite():
    i = 0
    while True:
        yield i
        i += 1
for v in infinite():
    if v > 3:
        break
print("v", v)
print(sum(x for x in range(10) if x % 3 == 0), max((len(w), w) for w in ["aa", "b", "ccc"]))
def delegator():
    try:
        yield from infinite()
    except GeneratorExit:
        print("delegator exiting")
        raise
d = delegator(); next(d); d.close()
print(list(zip(range(3), infinite())))
def send_to_sub():
    x = yield from echo()
    yield ("done", x)
def echo():
    got = yield "ready"
    while got != "end":
        got = yield got * 2
    return "finished"
s = send_to_sub()
print(next(s), s.send(5), s.send(7), s.send("end"))
"#,
        "main.py",
    );
    assert_eq!(r.stderr, "");
    assert_eq!(
        r.stdout,
        r#"None
1 False True g2 g2
True
thrown back KeyError()
exhausted
0 1
stopped with 1 (1,)
[1, 2, 3, 'a', 'b', 0, 1]
0 [1, 4] []
created
started
zde division by zero
v 4
18 (3, 'ccc')
delegator exiting
[(0, 0), (1, 1), (2, 2)]
ready 10 14 ('done', 'finished')
"#
    );
    assert_eq!(r.status, 0);
}

#[test]
fn inheritance() {
    let r = run_capture(
        r#"class Base:
    @classmethod
    def create(cls):
        return cls.__name__
    @property
    def name(self):
        return "base"
    def hello(self):
        return "hello from " + __class__.__name__
class Child(Base):
    @classmethod
    def create(cls):
        return "child:" + super().create()
    @property
    def name(self):
        return "child+" + super().name
    def hello(self):
        inner = lambda: super(Child, self).hello()
        return inner() + " via " + __class__.__name__
print(Child.create(), Child().name, Child().hello())
class Reg(type):
    registry = []
    def __new__(mcls, name, bases, ns, **kw):
        cls = super().__new__(mcls, name, bases, ns)
        mcls.registry.append(name)
        return cls
    def __init__(cls, name, bases, ns, **kw):
        super().__init__(name, bases, ns)
class P1(metaclass=Reg): pass
class P2(P1): pass
print(Reg.registry, type(P2) is Reg)
class Singleton:
    _inst = None
    def __new__(cls):
        if cls._inst is None:
            cls._inst = super().__new__(cls)
        return cls._inst
print(Singleton() is Singleton())
class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y): self.x, self.y = x, y
    def __repr__(self): return f"Point({self.x}, {self.y})"
    def __eq__(self, o): return (self.x, self.y) == (o.x, o.y)
    def __hash__(self): return hash((self.x, self.y))
pts = {Point(1, 2), Point(1, 2), Point(3, 4)}
print(len(pts), Point(1, 2) in pts)
class Vec(tuple):
    def __new__(cls, *a): return super().__new__(cls, a)
    def norm(self): return sum(x * x for x in self)
v = Vec(3, 4)
print(v, v.norm(), len(v), v[0], isinstance(v, tuple), type(v).__name__)
class D(dict):
    def __missing__(self, k): return k * 2
dd = D(a=1)
print(dd["a"], dd["zz"], dd, len(dd))
class S(str):
    def shout(self): return self.upper() + "!"
print(S("hi").shout(), S("x") + "y", isinstance(S("q"), str))
class I(int):
    def double(self): return self * 2
print(I(5).double(), I(5) + 1, type(I(5) + 1).__name__)
"#,
        "main.py",
    );
    assert_eq!(r.stderr, "");
    assert_eq!(
        r.stdout,
        r#"child:Child child+base hello from Base via Child
['P1', 'P2'] True
True
2 True
(3, 4) 25 2 3 True Vec
1 zzzz {'a': 1} 1
HI! xy True
10 6 int
"#
    );
    assert_eq!(r.status, 0);
}

#[test]
fn misc_programs() {
    let r = run_capture(
        r#"import sys
print(sys.version_info[:2] >= (3, 0))
class Node:
    def __init__(self, val, nxt=None):
        self.val, self.nxt = val, nxt
    def __iter__(self):
        node = self
        while node:
            yield node.val
            node = node.nxt
n = Node(1, Node(2, Node(3)))
print(list(n), sum(n), max(n))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(10)])
words = "the quick brown fox jumps over the lazy dog the end".split()
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
print(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3])
matrix = [[i * j for j in range(4)] for i in range(3)]
print(matrix, [row[1] for row in matrix], list(zip(*matrix)))
def deco(fn):
    def wrapper(*a, **k):
        print("calling", fn.__name__)
        return fn(*a, **k)
    return wrapper
@deco
def add(a, b=10):
    return a + b
print(add(1), add(1, b=2))
try:
    assert 1 == 2, "math broke"
except AssertionError as e:
    print("assert:", e)
x = 10
def scope():
    global x
    x += 1
scope(); print(x)
print(type(lambda: 0).__name__, (lambda *a: a)(1, 2))
s = "a-b-c"
print(s.partition("-"), s.rsplit("-", 1), "-".join(reversed(s.split("-"))))
print(isinstance(n, Node), hasattr(n, "val"), getattr(n, "missing", "dflt"))
print(divmod(17, 5), pow(2, 10), pow(2, 10, 1000), abs(-2.5), round(1234.5678, -2))
print(sorted([("b", 2), ("a", 2), ("c", 1)], key=lambda t: t[1]))
print(int.__add__(1, 2), str.upper("x"), list.__len__([1, 2]))
while True:
    break
else:
    print("not reached")
for i in range(3):
    pass
else:
    print("for-else", i)
print(f"{'%.3f' % 3.14159} {10:05d} {-3:+} {0.5:.0%} {12345.678:,.1f}")
print(repr(1.5e300 * 1e10), 0.1 + 0.2 == 0.3, 1e-320, 5e-324, float("nan") != float("nan"))
print(chr(0x1F600), len("😀"), "😀".encode()[:2], ord("€"))
print(bool(0.0), bool(""), bool(" "), not None, None is None, [] == [], [] is [])
print(max("apple", "pear", key=len), min([3, 1, 2], default=0), min([], default="empty"))
nums = [5, 2, 8, 1]
nums.sort(key=lambda v: -v)
print(nums, nums[::-1], nums[1:3], nums[-2:])
del nums[0]
print(nums, 8 in nums)
d = {"z": 1, "a": 2}
del d["z"]
print(d, list(d), len(d))
print(3 if x > 5 else 4, (x := 42), x)
print(*[1, 2, 3], sep="-")
print(str(123).zfill(6), "abc".center(9, "*"), "Hello".ljust(8) + "|")
print(any(c.isupper() for c in "abC"), all(c.isalpha() for c in "ab1"))
"#,
        "main.py",
    );
    assert_eq!(r.stderr, "");
    assert_eq!(
        r.stdout,
        r#"True
[1, 2, 3] 6 3
[0, 1, 1, 2, 3, 5, 8, 13, 21, 34]
[('the', 3), ('brown', 1), ('dog', 1)]
[[0, 0, 0, 0], [0, 1, 2, 3], [0, 2, 4, 6]] [0, 1, 2] [(0, 0, 0), (0, 1, 2), (0, 2, 4), (0, 3, 6)]
calling add
calling add
11 3
assert: math broke
11
function (1, 2)
('a', '-', 'b-c') ['a-b', 'c'] c-b-a
True True dflt
(3, 2) 1024 24 2.5 1200.0
[('c', 1), ('b', 2), ('a', 2)]
3 X 2
for-else 2
3.142 00010 -3 50% 12,345.7
inf False 1e-320 5e-324 True
😀 1 b'\xf0\x9f' 8364
False False True True True True False
apple 1 empty
[8, 5, 2, 1] [1, 2, 5, 8] [5, 2] [2, 1]
[5, 2, 1] False
{'a': 2} ['a'] 1
3 42 42
1-2-3
000123 ***abc*** Hello   |
True False
"#
    );
    assert_eq!(r.status, 0);
}

#[test]
fn more_types() {
    let r = run_capture(
        r#"a, *rest = [1, 2, 3]
first, (second, third) = 1, (2, 3)
print(a, rest, first, second, third)
print(2 ** 64, -(2 ** 63), (2 ** 64) // 3, 10 ** 30 % 7, int("9" * 25) + 1)
print(divmod(-7, 2), 7 // -2, -7.5 // 2, 7.5 % -2, round(-2.5), round(0.125, 2))
d = dict(a=1, b=2)
d.update([("c", 3)])
print(d, d.pop("a"), d.setdefault("z", 26), sorted(d), dict.fromkeys("ab", 0))
print({k: v for k, v in zip("xy", [1, 2])}, [i for i in range(5) if i % 2], {i % 3 for i in range(6)})
s = "Hello, World"
print(s.lower(), s.upper(), s.find("o"), s.count("l"), s.replace("l", "L", 2), s.split(", "), s[::2], s.startswith("He"))
print("{:>8}|{:<6}|{:^7}|{:08.3f}|{:+d}".format("r", "l", "c", 3.14159, 5))
print("%5s|%-5d|%05.1f|%x|%r" % ("ab", 42, 2.25, 255, "q"))
print(f"{'nested':>{10}}", f"{1 + 1 = }", f"{[1, 2]!r:>10}")
t = (1, 2, 2, 3)
print(t.count(2), t.index(3), t + (4,), t * 2, 2 in t, len(t), max(t), min(t))
l = [5, 3, 8]
l.insert(0, 1); l.extend([9]); l.remove(8); l.reverse()
print(l, l.index(3), l.pop(), l, sorted(l, key=lambda x: -x))
print(list(map(lambda a, b: a * b, [1, 2], [3, 4])), [*range(3), *"ab"], {**{"a": 1}, "b": 2})
print(isinstance(1, (str, int)), type(True) is bool, bool.__mro__, int.__name__)
print(str(b"abc"), b"a" + b"b", bytes([65, 66]), "é".encode(), len(b"xyz"))
x = 5
x += 2; x *= 3; x //= 4; x **= 2; x -= 1; x %= 7; x <<= 2; x |= 1; x ^= 3; x &= 14
print(x)
print(sum(range(101)), sum([0.1] * 10), 1 / 3, 2 / 3, 1e300 * 1e10, -1e300 * 1e10)
print(hash("a") == hash("a"), hash((1, 2)) == hash((1, 2)), {(1, 2): "t"}[(1, 2)])
print(ascii("héllo"), repr("it's"), repr('say "hi"'), str(None), repr(...))
"#,
        "main.py",
    );
    assert_eq!(r.stderr, "");
    assert_eq!(
        r.stdout,
        r#"1 [2, 3] 1 2 3
18446744073709551616 -9223372036854775808 6148914691236517205 1 10000000000000000000000000
(-4, 1) -4 -4.0 -0.5 -2 0.12
{'b': 2, 'c': 3, 'z': 26} 1 26 ['b', 'c', 'z'] {'a': 0, 'b': 0}
{'x': 1, 'y': 2} [1, 3] {0, 1, 2}
hello, world HELLO, WORLD 4 3 HeLLo, World ['Hello', 'World'] Hlo ol True
       r|l     |   c   |0003.142|+5
   ab|42   |002.2|ff|'q'
    nested 1 + 1 = 2     [1, 2]
2 3 (1, 2, 2, 3, 4) (1, 2, 2, 3, 1, 2, 2, 3) True 4 3 1
[9, 3, 5] 1 1 [9, 3, 5] [9, 5, 3]
[3, 8] [0, 1, 2, 'a', 'b'] {'a': 1, 'b': 2}
True True (<class 'bool'>, <class 'int'>, <class 'object'>) int
b'abc' b'ab' b'AB' b'\xc3\xa9' 3
14
5050 0.9999999999999999 0.3333333333333333 0.6666666666666666 inf -inf
True True t
'h\xe9llo' "it's" 'say "hi"' None Ellipsis
"#
    );
    assert_eq!(r.status, 0);
}

#[test]
fn never_awaited() {
    let r = run_capture(
        r#"async def f():
    print("never printed")
f()
print("done")
"#,
        "main.py",
    );
    assert_eq!(
        r.stdout,
        r#"done
"#
    );
    assert_eq!(
        r.stderr,
        r#"main.py:3: RuntimeWarning: coroutine 'f' was never awaited
  f()
RuntimeWarning: Enable tracemalloc to get the object allocation traceback
"#
    );
    assert_eq!(r.status, 0);
}

#[test]
fn recursion() {
    let r = run_capture(
        r#"def down(n):
    return down(n + 1)
try:
    down(0)
except RecursionError as e:
    print("RecursionError", e)
class R:
    def __repr__(self):
        return repr(self)
try:
    repr(R())
except RecursionError as e:
    print("RecursionError")
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
print(depth(900))
"#,
        "main.py",
    );
    assert_eq!(r.stderr, "");
    assert_eq!(
        r.stdout,
        r#"RecursionError maximum recursion depth exceeded
RecursionError
900
"#
    );
    assert_eq!(r.status, 0);
}

#[test]
fn sets() {
    let r = run_capture(
        r#"print({3, 1, 2}, {100, 5, 37, 8, 64}, {-1, -2, 7, 1000000})
s = set()
for x in (100, 5, 37, 8, 64):
    s.add(x)
print(s, set([20, 17, 14, 11, 8, 5, 2]))
print({1, 2, 3} | {9, 17}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10} - {2}, {5, 6, 7} ^ {6, 40}, {33, 1, 17} & {17, 33, 2, 1})
t = set(range(10))
t.discard(3)
t.add(19)
print(t, t.pop(), t.pop(), t)
print(frozenset({1, 2, 3}), hash(frozenset({1, 2, 3})), set(), frozenset())
print({x * 7 % 11 for x in range(8)}, sorted({"b", "a"}), {1, 2}.union([9, 1, 17]))
"#,
        "main.py",
    );
    assert_eq!(r.stderr, "");
    assert_eq!(
        r.stdout,
        r#"{1, 2, 3} {64, 100, 5, 37, 8} {1000000, -2, -1, 7}
{64, 100, 37, 5, 8} {2, 5, 8, 11, 14, 17, 20}
{1, 2, 3, 17, 9} {1, 3, 4, 5, 6, 7, 8, 9, 10} {40, 5, 7} {33, 1, 17}
{2, 4, 5, 6, 7, 8, 9, 19} 0 1 {2, 4, 5, 6, 7, 8, 9, 19}
frozenset({1, 2, 3}) -272375401224217160 set() frozenset()
{0, 2, 3, 5, 6, 7, 9, 10} ['a', 'b'] {1, 2, 9, 17}
"#
    );
    assert_eq!(r.status, 0);
}

#[test]
fn tb_cause() {
    let r = run_capture(
        r#"class AppError(Exception):
    pass
def load():
    try:
        raise KeyError("missing")
    except KeyError as e:
        raise AppError("could not load") from e
load()
"#,
        "main.py",
    );
    assert_eq!(r.stdout, r#""#);
    assert_eq!(
        r.stderr,
        r#"Traceback (most recent call last):
  File "main.py", line 5, in load
    raise KeyError("missing")
KeyError: 'missing'

The above exception was the direct cause of the following exception:

Traceback (most recent call last):
  File "main.py", line 8, in <module>
    load()
  File "main.py", line 7, in load
    raise AppError("could not load") from e
AppError: could not load
"#
    );
    assert_eq!(r.status, 1);
}

#[test]
fn tb_empty() {
    let r = run_capture(
        r#"def f():
    raise RuntimeError
print("before")
f()
"#,
        "main.py",
    );
    assert_eq!(
        r.stdout,
        r#"before
"#
    );
    assert_eq!(
        r.stderr,
        r#"Traceback (most recent call last):
  File "main.py", line 4, in <module>
    f()
  File "main.py", line 2, in f
    raise RuntimeError
RuntimeError
"#
    );
    assert_eq!(r.status, 1);
}

#[test]
fn tb_exit() {
    let r = run_capture(
        r#"import sys
print("out")
sys.exit(3)
"#,
        "main.py",
    );
    assert_eq!(
        r.stdout,
        r#"out
"#
    );
    assert_eq!(r.stderr, r#""#);
    assert_eq!(r.status, 3);
}

#[test]
fn tb_generator() {
    let r = run_capture(
        r#"def gen():
    yield 1
    raise ValueError("from generator")
def consume():
    for x in gen():
        print(x)
consume()
"#,
        "main.py",
    );
    assert_eq!(
        r.stdout,
        r#"1
"#
    );
    assert_eq!(
        r.stderr,
        r#"Traceback (most recent call last):
  File "main.py", line 7, in <module>
    consume()
  File "main.py", line 5, in consume
    for x in gen():
  File "main.py", line 3, in gen
    raise ValueError("from generator")
ValueError: from generator
"#
    );
    assert_eq!(r.status, 1);
}

#[test]
fn tb_main() {
    let r = run_capture(
        r#"def inner():
    raise ValueError("bad value")
def outer():
    inner()
try:
    outer()
except ValueError:
    raise KeyError("k")
"#,
        "main.py",
    );
    assert_eq!(r.stdout, r#""#);
    assert_eq!(
        r.stderr,
        r#"Traceback (most recent call last):
  File "main.py", line 6, in <module>
    outer()
  File "main.py", line 4, in outer
    inner()
  File "main.py", line 2, in inner
    raise ValueError("bad value")
ValueError: bad value

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "main.py", line 8, in <module>
    raise KeyError("k")
KeyError: 'k'
"#
    );
    assert_eq!(r.status, 1);
}

#[test]
fn tb_notes() {
    let r = run_capture(
        r#"print(FileNotFoundError(2, "missing"), OSError("plain"), isinstance(FileNotFoundError(), OSError))
try:
    raise ValueError("with note")
except ValueError as err:
    err.add_note("extra context")
    print(err.__notes__)
err = KeyError("k")
err.add_note("note one")
err.add_note("note two")
raise err
"#,
        "main.py",
    );
    assert_eq!(
        r.stdout,
        r#"[Errno 2] missing plain True
['extra context']
"#
    );
    assert_eq!(
        r.stderr,
        r#"Traceback (most recent call last):
  File "main.py", line 10, in <module>
    raise err
KeyError: 'k'
note one
note two
"#
    );
    assert_eq!(r.status, 1);
}

#[test]
fn tb_recursion() {
    let r = run_capture(
        r#"def recurse(n):
    return recurse(n + 1)
recurse(0)
"#,
        "main.py",
    );
    assert_eq!(r.stdout, r#""#);
    assert_eq!(
        r.stderr,
        r#"Traceback (most recent call last):
  File "main.py", line 3, in <module>
    recurse(0)
  File "main.py", line 2, in recurse
    return recurse(n + 1)
  File "main.py", line 2, in recurse
    return recurse(n + 1)
  File "main.py", line 2, in recurse
    return recurse(n + 1)
  [Previous line repeated 996 more times]
RecursionError: maximum recursion depth exceeded
"#
    );
    assert_eq!(r.status, 1);
}

#[test]
fn tb_syntax() {
    let r = run_capture(
        r#"print("never")
x = (1,
"#,
        "main.py",
    );
    assert_eq!(r.stdout, r#""#);
    assert_eq!(
        r.stderr,
        r#"  File "main.py", line 2
    x = (1,
        ^
SyntaxError: '(' was never closed
"#
    );
    assert_eq!(r.status, 1);
}
