//! Built-in modules (math, itertools, functools, collections, json, enum, dataclasses, random,
//! time, typing, contextlib, datetime, ...): each program runs through `percolate::run_capture`
//! and must print exactly what python3 (3.11) printed for it; the expected texts were produced
//! by python3.

use percolate::run_capture;

/// Runs `source` and asserts its stdout and an empty stderr.
fn check(tag: &str, source: &str, expected: &str) {
    let outcome = run_capture(source, "main.py");
    assert_eq!(outcome.stderr, "", "stderr of {tag}");
    assert_eq!(outcome.stdout, expected, "stdout of {tag}");
}

#[test]
fn async_contextmanager_and_datetime() {
    check(
        "async_contextmanager_and_datetime",
        r#####"import asyncio, contextlib, types
@contextlib.asynccontextmanager
async def res(name):
    print('open', name)
    try:
        yield name.upper()
    finally:
        print('close', name)
@types.coroutine
def nap():
    yield
async def main():
    async with res('db') as r:
        print('using', r)
        await nap()
        await asyncio.sleep(0)
    try:
        async with res('x'):
            raise KeyError('boom')
    except KeyError as e:
        print('caught', e)
    with contextlib.nullcontext(5) as v:
        print(v)
asyncio.run(main())
import datetime
td = datetime.timedelta(days=1, hours=2, minutes=3)
print(td, repr(td), td * 2, datetime.date(2024, 2, 29) + td, datetime.datetime(2024, 1, 2, 3, 4, 5).isoformat())
print(datetime.datetime(2024, 1, 2, 3, 4, 5).strftime('%Y/%m/%d %H-%M'), type(datetime.datetime.now()).__name__)
"#####,
        r#####"open db
using DB
close db
open x
close x
caught 'boom'
5
1 day, 2:03:00 datetime.timedelta(days=1, seconds=7380) 2 days, 4:06:00 2024-03-01 2024-01-02T03:04:05
2024/01/02 03-04 datetime
"#####,
    );
}

#[test]
fn asyncio_tasks_and_handles_run_in_their_own_context() {
    check(
        "asyncio_tasks_and_handles_run_in_their_own_context",
        r#####"import asyncio, contextvars
v = contextvars.ContextVar('v', default=None)
async def t(n):
    v.set(n); await asyncio.sleep(0); print(f't{n}', v.get())
async def main():
    print('main', v.get()); await asyncio.gather(t(1), t(2)); print('main', v.get())
    v.set('main')
asyncio.run(main())
print('outside', v.get())
loop = asyncio.new_event_loop()
ctx = contextvars.Context()
ctx.run(v.set, 'in ctx')
seen = []
loop.call_soon(lambda: seen.append(v.get()), context=ctx)
loop.call_soon(lambda: seen.append(v.get()))
h = loop.call_later(0, lambda: seen.append(v.get()), context=ctx)
print(h._context is ctx)
fut = loop.create_future()
fut.add_done_callback(lambda f: seen.append(('cb', v.get())), context=ctx)
fut.set_result(1)
async def in_ctx():
    v.set('task')
    return v.get()
print(loop.run_until_complete(loop.create_task(in_ctx(), context=ctx)), ctx[v], v.get())
print(seen)
loop.close()
"#####,
        r#####"main None
t1 1
t2 2
main None
outside None
True
task task None
['in ctx', None, ('cb', 'in ctx'), 'task']
"#####,
    );
}

#[test]
fn asyncio_loop_iterations_follow_base_events() {
    check(
        "asyncio_loop_iterations_follow_base_events",
        r#####"import asyncio
order = []
async def main():
    loop = asyncio.get_running_loop()
    # Many timers, most cancelled: the heap is rebuilt without them.
    handles = [loop.call_later(0 if i % 7 == 0 else 1000 + i % 7, order.append, i) for i in range(300)]
    for i, h in enumerate(handles):
        if i % 4:
            h.cancel()
    print('cancelled', sum(h.cancelled() for h in handles), 'scheduled', len(loop._scheduled))
    await asyncio.sleep(0)
    print('after one iteration', len(loop._scheduled), loop._timer_cancelled_count)
    await asyncio.sleep(0)
    print('ran', order)
    for h in handles:
        h.cancel()
    await asyncio.sleep(0)
    print('after cancelling all', len(loop._scheduled), loop._timer_cancelled_count)
    # Same deadline: call order is kept; call_soon callbacks run before due timers of later seq.
    seen = []
    loop.call_later(0, seen.append, 'timer0')
    loop.call_soon(seen.append, 'soon1')
    loop.call_at(loop.time() - 1, seen.append, 'past')
    loop.call_soon(seen.append, 'soon2')
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(seen)
    # Cancelled timers at the top of the heap are popped lazily.
    hs = [loop.call_later(10, print, 'never') for _ in range(5)]
    for h in hs:
        h.cancel()
    await asyncio.sleep(0)
    print('left', len(loop._scheduled), loop._timer_cancelled_count)
asyncio.run(main())

class Loop(type(asyncio.new_event_loop())):
    def _run_once(self):
        self.iterations = getattr(self, 'iterations', 0) + 1
        super()._run_once()
loop = Loop()
async def short():
    for _ in range(3):
        await asyncio.sleep(0)
    return 'done'
print(loop.run_until_complete(short()), loop.iterations)
loop.close()
"#####,
        r#####"cancelled 225 scheduled 300
after one iteration 64 0
ran [0, 28, 56, 84, 112, 140, 168, 196, 224, 252, 280]
after cancelling all 0 0
['soon1', 'soon2', 'past', 'timer0']
left 0 0
done 5
"#####,
    );
}

#[test]
fn asyncio_ensure_future_cases() {
    check(
        "asyncio_ensure_future_cases",
        r#####"import asyncio

async def work(n):
    await asyncio.sleep(0)
    return n * 2

class Awaitable:
    def __await__(self):
        yield
        return 'awaitable'

async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.ensure_future(work(1))
    print(type(t).__name__, t.get_name(), await t)
    print(asyncio.ensure_future(t) is t)
    f = loop.create_future()
    print(asyncio.ensure_future(f) is f, asyncio.ensure_future(f, loop=loop) is f)
    other = asyncio.new_event_loop()
    try:
        asyncio.ensure_future(f, loop=other)
    except ValueError as e:
        print('ValueError', e)
    print(await asyncio.ensure_future(Awaitable()))
    try:
        asyncio.ensure_future(42)
    except TypeError as e:
        print('TypeError', e)
    other.close()
    c = work(2)
    try:
        asyncio.ensure_future(c, loop=other)
    except RuntimeError as e:
        print('RuntimeError', e)
    try:
        await c
    except RuntimeError as e:
        print('after closed loop:', e)
    class MyLoop(type(loop)):
        def create_task(self, coro, **kw):
            print('custom create_task')
            return super().create_task(coro, **kw)
    print(await asyncio.gather(work(3), work(4)))
    print(sorted(t.get_name() for t in [asyncio.ensure_future(work(5))]))

asyncio.run(main())
ml = None
class MyLoop(type(asyncio.new_event_loop())):
    def create_task(self, coro, **kw):
        print('custom create_task')
        return super().create_task(coro, **kw)
ml = MyLoop()
async def m2():
    return await asyncio.ensure_future(work(7))
print(ml.run_until_complete(m2()))
ml.close()
"#####,
        r#####"Task Task-2 2
True
True True
ValueError The future belongs to a different loop than the one specified as the loop argument
awaitable
TypeError An asyncio.Future, a coroutine or an awaitable is required
RuntimeError Event loop is closed
after closed loop: cannot reuse already awaited coroutine
[6, 8]
['Task-6']
custom create_task
custom create_task
14
"#####,
    );
}

#[test]
fn asyncio_closed_loop_refuses_callbacks() {
    check(
        "asyncio_closed_loop_refuses_callbacks",
        r#####"import asyncio
loop = asyncio.new_event_loop()
fut = loop.create_future()
async def f():
    await asyncio.sleep(0)
t = loop.create_task(f())
loop.run_until_complete(t)
loop.close()
try:
    fut.add_done_callback(print)
    fut.set_result(1)
except RuntimeError as e:
    print('RuntimeError', e)
try:
    loop.call_soon(print, 1)
except RuntimeError as e:
    print('RuntimeError', e)
"#####,
        r#####"RuntimeError Event loop is closed
RuntimeError Event loop is closed
"#####,
    );
}

#[test]
fn asyncio_queue_waiters_and_loop_binding() {
    check(
        "asyncio_queue_waiters_and_loop_binding",
        r#####"import asyncio

q = asyncio.Queue()

async def first():
    t = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    q.put_nowait('x')
    print('got', await t)

asyncio.run(first())

async def second():
    try:
        await q.get()
    except RuntimeError as e:
        print('RuntimeError', str(e).split(' is ')[1])

asyncio.run(second())

async def bounded():
    b = asyncio.Queue(maxsize=1)
    await b.put(1)
    p = asyncio.create_task(b.put(2))
    await asyncio.sleep(0)
    print('putter waiting', b.full(), len(b._putters))
    print(await b.get(), await b.get())
    await p
    p2 = asyncio.create_task(b.put(3))
    await asyncio.sleep(0)
    await b.put(4) if False else None
    g = asyncio.create_task(b.get())
    await asyncio.sleep(0)
    print(g.result() if g.done() else 'pending', p2.done())
    c = asyncio.create_task(b.get())
    await asyncio.sleep(0)
    c.cancel()
    await asyncio.sleep(0)
    print('cancelled getter', c.cancelled(), len(b._getters))

asyncio.run(bounded())
"#####,
        r#####"got x
RuntimeError bound to a different event loop
putter waiting True 1
1 2
3 True
cancelled getter True 0
"#####,
    );
}

#[test]
fn asyncio_gather_results() {
    check(
        "asyncio_gather_results",
        r#####"import asyncio

class MyFut(asyncio.Future):
    pass

async def ok(n):
    await asyncio.sleep(0)
    return n

async def bad(n):
    await asyncio.sleep(0)
    raise ValueError(n)

async def slow():
    await asyncio.sleep(10)

async def main():
    print(await asyncio.gather(ok(1), ok(2), ok(3)))
    loop = asyncio.get_running_loop()
    f = MyFut()
    loop.call_soon(f.set_result, 'custom')
    c = asyncio.ensure_future(slow())
    c2 = asyncio.ensure_future(slow())
    loop.call_soon(c.cancel)
    loop.call_soon(c2.cancel, 'with message')
    res = await asyncio.gather(ok(4), bad(5), f, c, c2, return_exceptions=True)
    print([type(r).__name__ + ':' + str(r) for r in res])
    t = asyncio.ensure_future(ok(6))
    print(await asyncio.gather(t, t, ok(7)))
    try:
        await asyncio.gather(ok(8), bad(9))
    except ValueError as e:
        print('ValueError', e)
    print(await asyncio.gather())
    c3 = asyncio.ensure_future(slow())
    loop.call_soon(c3.cancel)
    try:
        await asyncio.gather(ok(10), c3)
    except asyncio.CancelledError:
        print('CancelledError from a cancelled child')

asyncio.run(main())
"#####,
        r#####"[1, 2, 3]
['int:4', 'ValueError:5', 'str:custom', 'CancelledError:', 'CancelledError:']
[6, 6, 7]
ValueError 9
[]
CancelledError from a cancelled child
"#####,
    );
}

#[test]
fn collections_abc() {
    check(
        "collections_abc",
        r#####"from collections.abc import Iterable, Iterator, Mapping, Sequence, Callable, Awaitable, MutableMapping, Hashable, Sized
import collections.abc
import collections
print(isinstance([], Iterable), isinstance(3, Iterable), isinstance(iter([]), Iterator), isinstance([], Iterator))
print(isinstance({}, Mapping), isinstance([], Sequence), isinstance('s', Sequence), isinstance({}, Sequence))
print(isinstance(len, Callable), isinstance(1, Callable), isinstance([], Hashable), isinstance(1, Hashable), isinstance('', Sized))
class D(MutableMapping):
    def __init__(self): self.d = {}
    def __getitem__(self, k): return self.d[k]
    def __setitem__(self, k, v): self.d[k] = v
    def __delitem__(self, k): del self.d[k]
    def __iter__(self): return iter(self.d)
    def __len__(self): return len(self.d)
d = D(); d['a'] = 1; d.update(b=2); print(d.get('a'), d.get('z', 0), 'b' in d, sorted(d.keys()), d.pop('a'), len(d), isinstance(d, Mapping))
print(collections.abc.Iterable is Iterable)
import collections as c2
print(c2.abc.Sequence, isinstance((), c2.abc.Sequence))
"#####,
        r#####"True False True False
True True True False
True False False True True
1 0 True ['a', 'b'] 1 1 True
True
<class 'collections.abc.Sequence'> True
"#####,
    );
}

#[test]
fn collections_more() {
    check(
        "collections_more",
        r#####"from collections import deque, defaultdict, Counter, namedtuple, OrderedDict, ChainMap
d = deque(maxlen=2); d.extend([1, 2, 3]); print(d, d.maxlen, len(d), d[0], d[-1])
d = deque('abc'); d.extendleft('xy'); print(d, d.pop(), d.popleft(), list(reversed(d)))
try:
    deque().pop()
except IndexError as e:
    print(e)
dd = defaultdict(int)
for ch in 'hello':
    dd[ch] += 1
print(dd, dict(dd), isinstance(dd, dict))
try:
    defaultdict()['x']
except KeyError as e:
    print('KeyError', e)
c = Counter(a=3, b=1) + Counter(a=1, c=2); print(c, c - Counter(a=10), Counter('aab') & Counter('abb'), Counter('ab') | Counter('bbc'))
c = Counter(); c.update('xyx'); c.update({'x': 5}); print(c, c['missing'], c.total())
Point = namedtuple('Point', ['x', 'y'])
p = Point(3, y=4); x, y = p; print(p, x + y, p[0], p.x, Point._make([5, 6]), p == (3, 4), len(p))
try:
    Point(1)
except TypeError as e:
    print(e)
od = OrderedDict([('a', 1), ('b', 2)]); od['c'] = 3; od.move_to_end('b'); od.move_to_end('c', last=False)
print(list(od), od.popitem(), od == OrderedDict(c=3, a=1), od == {'a': 1, 'c': 3})
cm = ChainMap({'a': 1}, {'a': 2, 'b': 3}); print(cm['a'], cm['b'], len(cm), sorted(cm))
"#####,
        r#####"deque([2, 3], maxlen=2) 2 2 2 3
deque(['x', 'a', 'b']) c y ['b', 'a', 'x']
pop from an empty deque
defaultdict(<class 'int'>, {'h': 1, 'e': 1, 'l': 2, 'o': 1}) {'h': 1, 'e': 1, 'l': 2, 'o': 1} True
KeyError 'x'
Counter({'a': 4, 'c': 2, 'b': 1}) Counter({'c': 2, 'b': 1}) Counter({'a': 1, 'b': 1}) Counter({'b': 2, 'a': 1, 'c': 1})
Counter({'x': 7, 'y': 1}) 0 8
Point(x=3, y=4) 7 3 3 Point(x=5, y=6) True 2
Point.__new__() missing 1 required positional argument: 'y'
['c', 'a', 'b'] ('b', 2) True True
1 3 2 ['a', 'b']
"#####,
    );
}

#[test]
fn dataclasses_and_enum_details() {
    check(
        "dataclasses_and_enum_details",
        r#####"from dataclasses import dataclass, field, fields, astuple, replace, is_dataclass, KW_ONLY
from enum import Enum, IntEnum, unique
import dataclasses
@dataclass
class Base:
    a: int
    b: str = 'x'
@dataclass
class Child(Base):
    c: float = 1.0
    secret: str = field(default='s', repr=False)
    def __post_init__(self):
        self.total = self.a * 2
c = Child(1, 'y', 2.5)
print(c, c.total, [f.name for f in fields(c)], astuple(c), replace(c, a=5), is_dataclass(c), is_dataclass(3))
@dataclass(eq=False)
class NoEq:
    x: int
print(NoEq(1) == NoEq(1), Base(1) == Base(1), Base(1) != Base(2))
@dataclass(frozen=True)
class Key:
    k: int
print({Key(1): 'a'}[Key(1)], hash(Key(1)) == hash(Key(1)))
try:
    @dataclass
    class Bad:
        items: list = []
except ValueError as e:
    print(e)
class Shape(Enum):
    CIRCLE = 'circle'
    SQUARE = 'square'
print(Shape('circle'), Shape.CIRCLE.value, Shape.SQUARE.name, Shape.__members__.keys() if False else list(Shape.__members__))
print(isinstance(Shape.CIRCLE, Shape), type(Shape.CIRCLE).__name__, Shape.CIRCLE == 'circle')
try:
    @unique
    class Dup(Enum):
        A = 1
        B = 1
except ValueError as e:
    print(e)
class Num(IntEnum):
    ONE = 1
print(Num.ONE == 1, Num(1), int(Num.ONE), sorted([Num.ONE, 0]))
@dataclass
class Opts:
    name: str
    _: KW_ONLY
    verbose: bool = False
    level: int = 1
print(Opts('n', verbose=True), Opts('m', level=3).level)
try:
    Opts('n', True)
except TypeError as e:
    print(e)
"#####,
        r#####"Child(a=1, b='y', c=2.5) 2 ['a', 'b', 'c', 'secret'] (1, 'y', 2.5, 's') Child(a=5, b='y', c=2.5) True False
False True True
a True
mutable default <class 'list'> for field items is not allowed: use default_factory
Shape.CIRCLE circle SQUARE ['CIRCLE', 'SQUARE']
True Shape False
duplicate values found in <enum 'Dup'>: B -> A
True 1 1 [0, <Num.ONE: 1>]
Opts(name='n', verbose=True, level=1) 3
Opts.__init__() takes 2 positional arguments but 3 were given
"#####,
    );
}

#[test]
fn deque_operations() {
    check(
        "deque_operations",
        r#####"from collections import deque
import time
d = deque()
for i in range(20000):
    d.append(i)
t = 0
while d:
    t += d.popleft()
print(t)
d = deque(range(5), maxlen=3); d.appendleft(9); print(d, d[0], d[-1], d[1]); d[1] = 7; del d[0]; print(d, len(d), 7 in d)
d = deque('abcde'); d.rotate(-2); print(d); d.reverse(); d.insert(1, 'z'); d.remove('a'); print(d, d.index('z'), d.count('b'))
try:
    d[10]
except IndexError as e:
    print(e)
d0 = deque(maxlen=0); d0.append(1); print(d0)
e = deque([1, 2]); e.extend(e); print(e, e == deque([1, 2, 1, 2]), e + deque([3]), list(reversed(e)))
"#####,
        r#####"199990000
deque([9, 2, 3], maxlen=3) 9 3 2
deque([7, 3], maxlen=3) 2 True
deque(['c', 'd', 'e', 'a', 'b'])
deque(['b', 'z', 'e', 'd', 'c']) 1 1
deque index out of range
deque([], maxlen=0)
deque([1, 2, 1, 2]) True deque([1, 2, 1, 2, 3]) [2, 1, 2, 1]
"#####,
    );
}

#[test]
fn enum_dataclass_contextlib() {
    check(
        "enum_dataclass_contextlib",
        r#####"import enum, dataclasses, types, contextlib, abc, functools
from enum import Enum, IntEnum, auto
class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = auto()
    def describe(self):
        return self.name.lower()
print(Color.RED, repr(Color.GREEN), Color(3), Color['RED'], list(Color), len(Color), Color.RED.describe())
print(Color.RED == Color.RED, Color.RED is Color(1), Color.RED in Color, {Color.RED: 1})
try:
    Color(7)
except ValueError as e:
    print(e)
class P(IntEnum):
    LOW = 1
    HIGH = 2
print(P.LOW < P.HIGH, P.HIGH + 1, repr(P.LOW), str(P.LOW), f"{P.HIGH}")
from dataclasses import dataclass, field, asdict
@dataclass(order=True)
class Pt:
    x: int
    y: int = 0
    tags: list = field(default_factory=list)
p = Pt(1); q = Pt(1, 2)
print(p, p == Pt(1), p < q, asdict(q))
@dataclass(frozen=True)
class F:
    a: int
f = F(1)
try:
    f.a = 2
except dataclasses.FrozenInstanceError as e:
    print(e)
try:
    Pt()
except TypeError as e:
    print(e)
print(types.SimpleNamespace(a=1, b='x'))
@contextlib.contextmanager
def cm(n):
    print('enter', n)
    try:
        yield n * 2
    finally:
        print('exit')
with cm(3) as v:
    print(v)
with contextlib.suppress(KeyError):
    {}['x']
print('suppressed')
class A(abc.ABC):
    @abc.abstractmethod
    def go(self): ...
try:
    A()
except TypeError as e:
    print(e)
@functools.total_ordering
class V:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __lt__(self, o): return self.v < o.v
print(V(1) <= V(2), V(3) >= V(2), V(1) > V(2))
class W:
    @functools.cached_property
    def big(self):
        print('computing')
        return 42
w = W(); print(w.big, w.big)
@types.coroutine
def y():
    yield
async def main():
    await y()
    return 5
c = main()
print(c.send(None))
try:
    c.send(None)
except StopIteration as e:
    print('ret', e.value)
"#####,
        r#####"Color.RED <Color.GREEN: 2> Color.BLUE Color.RED [<Color.RED: 1>, <Color.GREEN: 2>, <Color.BLUE: 3>] 3 red
True True True {<Color.RED: 1>: 1}
7 is not a valid Color
True 3 <P.LOW: 1> 1 2
Pt(x=1, y=0, tags=[]) True True {'x': 1, 'y': 2, 'tags': []}
cannot assign to field 'a'
Pt.__init__() missing 1 required positional argument: 'x'
namespace(a=1, b='x')
enter 3
6
exit
suppressed
Can't instantiate abstract class A with abstract method go
True True False
computing
42 42
None
ret 5
"#####,
    );
}

#[test]
fn error_messages() {
    check(
        "error_messages",
        r#####"import math, itertools, functools, collections, json, heapq, bisect, sys, operator
tests = ["math.sqrt('x')", "math.floor('x')", "math.gcd(1.5, 2)", "math.factorial(2.5)", "math.comb(-1, 2)",
         "itertools.islice([1], -1)", "itertools.permutations(5)", "functools.reduce(max, [])",
         "collections.deque([1], maxlen=-1)", "json.dumps(object())", "json.loads(5)", "heapq.heappop([])",
         "sys.exit.__name__", "operator.itemgetter(5)([1])", "collections.namedtuple('P', 'x _y')",
         "collections.namedtuple('P', 'x x')", "math.log(-1)", "math.pow(0, -1)", "math.fmod(1, 0)",
         "sys.version_info >= (3, 8)", "type(sys.version)", "sys.stderr.write('')",
         "math.log(10, 1)", "math.isqrt(-1)", "list(itertools.combinations('abc', 5))", "math.prod([])"]
for t in tests:
    try:
        print(t, '->', eval(t))
    except Exception as e:
        print(t, '!!', type(e).__name__, e)
"#####,
        r#####"math.sqrt('x') !! TypeError must be real number, not str
math.floor('x') !! TypeError must be real number, not str
math.gcd(1.5, 2) !! TypeError 'float' object cannot be interpreted as an integer
math.factorial(2.5) !! TypeError 'float' object cannot be interpreted as an integer
math.comb(-1, 2) !! ValueError n must be a non-negative integer
itertools.islice([1], -1) !! ValueError Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.
itertools.permutations(5) !! TypeError 'int' object is not iterable
functools.reduce(max, []) !! TypeError reduce() of empty iterable with no initial value
collections.deque([1], maxlen=-1) !! ValueError maxlen must be non-negative
json.dumps(object()) !! TypeError Object of type object is not JSON serializable
json.loads(5) !! TypeError the JSON object must be str, bytes or bytearray, not int
heapq.heappop([]) !! IndexError index out of range
sys.exit.__name__ -> exit
operator.itemgetter(5)([1]) !! IndexError list index out of range
collections.namedtuple('P', 'x _y') !! ValueError Field names cannot start with an underscore: '_y'
collections.namedtuple('P', 'x x') !! ValueError Encountered duplicate field name: 'x'
math.log(-1) !! ValueError math domain error
math.pow(0, -1) !! ValueError math domain error
math.fmod(1, 0) !! ValueError math domain error
sys.version_info >= (3, 8) -> True
type(sys.version) -> <class 'str'>
sys.stderr.write('') -> 0
math.log(10, 1) !! ZeroDivisionError float division by zero
math.isqrt(-1) !! ValueError isqrt() argument must be nonnegative
list(itertools.combinations('abc', 5)) -> []
math.prod([]) -> 1
"#####,
    );
}

#[test]
fn functools_operator_copy() {
    check(
        "functools_operator_copy",
        r#####"import functools, operator, copy
def deco(f):
    @functools.wraps(f)
    def wrapper(*a, **k):
        return f(*a, **k)
    return wrapper
@deco
def greet(name):
    "Say hi."
    return 'hi ' + name
print(greet('x'), greet.__name__, greet.__doc__, greet.__wrapped__.__name__)
print(sorted([3, 1, 2], key=functools.cmp_to_key(lambda a, b: b - a)))
add3 = functools.partial(operator.add, 3); print(add3(4), add3.args, add3.func is operator.add)
@functools.cache
def sq(n):
    print('computing', n)
    return n * n
print(sq(3), sq(3), sq.cache_info())
try:
    functools.reduce(operator.add, [])
except TypeError as e:
    print(e)
class O: pass
o = O(); o.inner = O(); o.inner.v = 7
print(operator.attrgetter('inner.v')(o), operator.methodcaller('upper')('ab'), operator.mul(6, 7), operator.neg(3))
a = [1, [2, 3]]; b = copy.copy(a); c = copy.deepcopy(a); a[1].append(4)
print(a, b, c, b[1] is a[1], c[1] is a[1])
"#####,
        r#####"hi x greet Say hi. greet
[3, 2, 1]
7 (3,) True
computing 3
9 9 CacheInfo(hits=1, misses=1, maxsize=None, currsize=1)
reduce() of empty iterable with no initial value
7 AB 42 -3
[1, [2, 3, 4]] [1, [2, 3, 4]] [1, [2, 3]] True False
"#####,
    );
}

#[test]
fn itertools_more() {
    check(
        "itertools_more",
        r#####"import itertools as it
print(list(it.product('ab', repeat=2)), list(it.product([1, 2], 'xy')))
print(list(it.combinations(range(4), 2)), list(it.combinations_with_replacement('ab', 2)))
print(list(it.takewhile(lambda x: x < 3, [1, 2, 3, 1])), list(it.dropwhile(lambda x: x < 3, [1, 2, 3, 1])))
print(list(it.starmap(pow, [(2, 3), (3, 2)])), list(it.compress('abcd', [1, 0, 1, 0])), list(it.filterfalse(None, [0, 1, '', 'a'])))
a, b = it.tee([1, 2, 3]); print(list(a), list(b), list(it.pairwise('abcd')))
print(list(it.islice('abcdefg', 2, None, 2)), list(it.repeat('x', 3)), list(it.islice(it.cycle('ab'), 5)))
print(list(it.accumulate([1, 2, 3], lambda x, y: x * y, initial=10)), list(it.chain('ab', [1])))
print(list(it.permutations(range(3))))
"#####,
        r#####"[('a', 'a'), ('a', 'b'), ('b', 'a'), ('b', 'b')] [(1, 'x'), (1, 'y'), (2, 'x'), (2, 'y')]
[(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)] [('a', 'a'), ('a', 'b'), ('b', 'b')]
[1, 2] [3, 1]
[8, 9] ['a', 'c'] [0, '']
[1, 2, 3] [1, 2, 3] [('a', 'b'), ('b', 'c'), ('c', 'd')]
['c', 'e', 'g'] ['x', 'x', 'x'] ['a', 'b', 'a', 'b', 'a']
[10, 10, 20, 60] ['a', 'b', 1]
[(0, 1, 2), (0, 2, 1), (1, 0, 2), (1, 2, 0), (2, 0, 1), (2, 1, 0)]
"#####,
    );
}

#[test]
fn json_more() {
    check(
        "json_more",
        r#####"import json
data = {'name': 'Ann', 'tags': ['x', 'y'], 'age': 30, 'score': 1.5, 'ok': False, 'none': None, 'nested': {'k': []}}
s = json.dumps(data)
print(s)
print(json.loads(s) == data)
print(json.dumps(data, indent=4, sort_keys=True))
print(json.dumps([1, 'é', '\u2603'], ensure_ascii=False), json.dumps('é\n"'))
print(json.dumps({'a': 1, 'b': 2}, separators=(',', ':')), json.dumps({1: 'x', True: 'y'}))
print(json.loads('[1.5e3, -2, "\\u00e9\\n", true, null, {}]'))
try:
    json.dumps({'s': {1, 2}})
except TypeError as e:
    print(e)
print(json.dumps({'s': {1, 2}}, default=sorted))
for bad in ['{"a": }', '[1,', '{"a" 1}', 'tru', '"x\\q"', '1 2']:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print(e.msg, e.pos, e.lineno, e.colno, '|', e)
print(isinstance(json.JSONDecodeError('m', 'd', 0), ValueError))
"#####,
        r#####"{"name": "Ann", "tags": ["x", "y"], "age": 30, "score": 1.5, "ok": false, "none": null, "nested": {"k": []}}
True
{
    "age": 30,
    "name": "Ann",
    "nested": {
        "k": []
    },
    "none": null,
    "ok": false,
    "score": 1.5,
    "tags": [
        "x",
        "y"
    ]
}
[1, "é", "☃"] "\u00e9\n\""
{"a":1,"b":2} {"1": "y"}
[1500.0, -2, 'é\n', True, None, {}]
Object of type set is not JSON serializable
{"s": [1, 2]}
Expecting value 6 1 7 | Expecting value: line 1 column 7 (char 6)
Expecting value 3 1 4 | Expecting value: line 1 column 4 (char 3)
Expecting ':' delimiter 5 1 6 | Expecting ':' delimiter: line 1 column 6 (char 5)
Expecting value 0 1 1 | Expecting value: line 1 column 1 (char 0)
Invalid \escape 2 1 3 | Invalid \escape: line 1 column 3 (char 2)
Extra data 2 1 3 | Extra data: line 1 column 3 (char 2)
True
"#####,
    );
}

#[test]
fn math_functions() {
    check(
        "math_functions",
        r#####"import math
print(math.trunc(-3.7), math.fabs(-2), math.pow(2, 10), math.exp(1), math.log2(1024), math.log(math.e))
print(math.sin(0), math.cos(0), math.atan2(1, 1), math.degrees(math.pi), math.radians(180))
print(math.isnan(math.nan), math.isinf(-math.inf), math.isfinite(1.0), math.tau)
print(math.lcm(4, 6, 10), math.comb(52, 5), math.perm(5), math.prod([1, 2, 3, 4], start=2))
print(math.copysign(3, -0.0), math.fmod(7, 3), math.modf(-2.5), math.frexp(8.0), math.ldexp(0.5, 4))
print(math.dist((1, 2), (4, 6)), math.isqrt(10**20 + 1), math.factorial(25))
for bad in ["math.sqrt(-1)", "math.log(0)", "math.exp(1000)", "math.factorial(-1)", "math.acos(2)", "math.floor(float('nan'))", "math.ceil(float('inf'))"]:
    try:
        eval(bad)
    except (ValueError, OverflowError) as e:
        print(bad, type(e).__name__, e)
import math
print(math.log(10**400), math.log(2**2000, 2), math.log(10**400, 10))
"#####,
        r#####"-3 2.0 1024.0 2.718281828459045 10.0 1.0
0.0 1.0 0.7853981633974483 180.0 3.141592653589793
True True True 6.283185307179586
60 2598960 120 48
-3.0 1.0 (-0.5, -2.0) (0.5, 4) 8.0
5.0 10000000000 15511210043330985984000000
math.sqrt(-1) ValueError math domain error
math.log(0) ValueError math domain error
math.exp(1000) OverflowError math range error
math.factorial(-1) ValueError factorial() not defined for negative values
math.acos(2) ValueError math domain error
math.floor(float('nan')) ValueError cannot convert float NaN to integer
math.ceil(float('inf')) OverflowError cannot convert float infinity to integer
921.0340371976182 2000.0000000000002 399.99999999999994
"#####,
    );
}

#[test]
fn random_seeded() {
    check(
        "random_seeded",
        r#####"import random
random.seed(12345)
print(random.random(), random.randint(1, 100), random.randrange(0, 50, 5), random.uniform(1, 2))
items = list(range(10)); random.shuffle(items); print(items)
print(random.choice('percolate'), random.sample(range(100), 5), random.choices('abc', k=4))
print(random.getrandbits(40), round(random.gauss(0, 1), 12))
r = random.Random('seed'); print(r.random(), r.randint(0, 9))
"#####,
        r#####"0.41661987254534116 2 20 1.855138341847149
[5, 8, 7, 9, 0, 2, 1, 6, 4, 3]
e [23, 45, 94, 93, 11] ['b', 'c', 'b', 'a']
791157518145 1.68161869268
0.1382359792209653 3
"#####,
    );
}

#[test]
fn singledispatch_and_template() {
    check(
        "singledispatch_and_template",
        r#####"from functools import singledispatch
from string import Template
@singledispatch
def show(x):
    return 'object ' + repr(x)
@show.register
def _(x: int):
    return 'int ' + str(x)
@show.register(list)
def _(x):
    return 'list of ' + str(len(x))
print(show(1), show(True), show([1, 2]), show('s'), show(2.5))
t = Template('$who likes ${what}, $$5')
print(t.substitute(who='tim', what='kung pao'), t.safe_substitute(who='x'))
try:
    t.substitute(who='x')
except KeyError as e:
    print('KeyError', e)
try:
    Template('a $ b').substitute()
except ValueError as e:
    print(e)
"#####,
        r#####"int 1 int True list of 2 object 's' object 2.5
tim likes kung pao, $5 x likes ${what}, $5
KeyError 'what'
Invalid placeholder in string: line 1, col 3
"#####,
    );
}

#[test]
fn time_calendar() {
    check(
        "time_calendar",
        r#####"import time
t = time.gmtime(1700000000)
print(t)
print(t.tm_year, t[1], time.strftime('%Y-%m-%d %H:%M:%S %a %A %b %B %j %p %I %y %%', t))
print(time.asctime(t), time.strftime('%F %T', time.gmtime(0)))
lt = time.localtime(1700000000)
print(time.mktime(lt) == 1700000000.0, type(time.time()).__name__, time.time_ns() > 0)
a = time.monotonic(); time.sleep(0.01); print(time.monotonic() - a >= 0.01, time.perf_counter_ns() > 0)
"#####,
        r#####"time.struct_time(tm_year=2023, tm_mon=11, tm_mday=14, tm_hour=22, tm_min=13, tm_sec=20, tm_wday=1, tm_yday=318, tm_isdst=0)
2023 11 2023-11-14 22:13:20 Tue Tuesday Nov November 318 PM 10 23 %
Tue Nov 14 22:13:20 2023 1970-01-01 00:00:00
True float True
True True
"#####,
    );
}

#[test]
fn tour_misc() {
    check(
        "tour_misc",
        r#####"import math, itertools, functools, collections, operator, string, heapq, bisect, copy, json
from collections import deque, defaultdict, namedtuple, Counter, OrderedDict
print(math.sqrt(2), math.floor(-2.5), math.ceil(2.1), math.pi, math.gcd(12, 18), math.factorial(20))
print(math.log(8, 2), math.log10(1000), math.hypot(3, 4), math.isclose(0.1+0.2, 0.3), math.fsum([0.1]*10))
try:
    math.sqrt(-1)
except ValueError as e:
    print(e)
print(list(itertools.islice(itertools.count(5, 2), 4)), list(itertools.permutations('abc', 2)))
print(list(itertools.chain.from_iterable([[1], [2, 3]])), list(itertools.accumulate([1, 2, 3, 4])))
print([(k, list(g)) for k, g in itertools.groupby('aabbbc')], list(itertools.zip_longest('ab', 'xyz', fillvalue='-')))
print(functools.reduce(operator.add, [1, 2, 3]), functools.partial(int, base=2)('101'))
@functools.lru_cache(maxsize=None)
def fib(n): return n if n < 2 else fib(n-1) + fib(n-2)
print(fib(50), fib.cache_info())
d = deque([1, 2, 3], maxlen=3); d.append(4); d.appendleft(0); d.rotate(1); print(d)
dd = defaultdict(list); dd['a'].append(1); print(dd)
P = namedtuple('P', 'x y', defaults=[0]); p = P(1); print(p, p._asdict(), p._replace(x=5), P._fields)
c = Counter('abracadabra'); print(c, c.most_common(2), sorted(c.elements())[:4])
od = OrderedDict(a=1, b=2, c=3); od.move_to_end('a'); print(list(od.items()), od.popitem(last=False))
print(json.dumps({'b': [1, 2.5, None, True], 'a': 'é'}, indent=2, sort_keys=True))
print(json.loads('{"x": [1, 2, {"y": null}]}'))
try:
    json.loads('[1 2]')
except json.JSONDecodeError as e:
    print(type(e).__name__, e)
h = [5, 1, 4, 2]; heapq.heapify(h); print(h, heapq.heappop(h), bisect.bisect([1, 2, 4], 3))
x = [[1, 2], {'a': [3]}]; y = copy.deepcopy(x); y[0].append(9); print(x, y, string.ascii_letters[:5])
print(operator.itemgetter(1, 0)('ab'), sorted([(1, 'b'), (0, 'a')], key=operator.itemgetter(1)))
"#####,
        r#####"1.4142135623730951 -3 3 3.141592653589793 6 2432902008176640000
3.0 3.0 5.0 True 1.0
math domain error
[5, 7, 9, 11] [('a', 'b'), ('a', 'c'), ('b', 'a'), ('b', 'c'), ('c', 'a'), ('c', 'b')]
[1, 2, 3] [1, 3, 6, 10]
[('a', ['a', 'a']), ('b', ['b', 'b', 'b']), ('c', ['c'])] [('a', 'x'), ('b', 'y'), ('-', 'z')]
6 5
12586269025 CacheInfo(hits=48, misses=51, maxsize=None, currsize=51)
deque([3, 0, 2], maxlen=3)
defaultdict(<class 'list'>, {'a': [1]})
P(x=1, y=0) {'x': 1, 'y': 0} P(x=5, y=0) ('x', 'y')
Counter({'a': 5, 'b': 2, 'r': 2, 'c': 1, 'd': 1}) [('a', 5), ('b', 2)] ['a', 'a', 'a', 'a']
[('b', 2), ('c', 3), ('a', 1)] ('b', 2)
{
  "a": "\u00e9",
  "b": [
    1,
    2.5,
    null,
    true
  ]
}
{'x': [1, 2, {'y': None}]}
JSONDecodeError Expecting ',' delimiter: line 1 column 4 (char 3)
[2, 5, 4] 1 2
[[1, 2], {'a': [3]}] [[1, 2, 9], {'a': [3]}] abcde
('b', 'a') [(0, 'a'), (1, 'b')]
"#####,
    );
}

#[test]
fn typing_and_generic_alias() {
    check(
        "typing_and_generic_alias",
        r#####"from typing import Any, Optional, Union, Callable, List, Dict, TypeVar, Generic, NamedTuple, cast, TYPE_CHECKING
import types
print(list[int], dict[str, list[int]], tuple[int, ...], type[int], list[int]('ab'))
print(Optional[int], List[int], TYPE_CHECKING, cast(int, 'x'))
T = TypeVar('T')
class Box(Generic[T]):
    def __init__(self, item: T) -> None:
        self.item = item
print(Box[int](3).item, T)
class Pair(NamedTuple):
    a: int
    b: str = 'z'
    def swap(self):
        return (self.b, self.a)
p = Pair(1)
print(p, p.swap(), p._fields, p._replace(a=2), isinstance(p, tuple))
def f(x: Optional[list[int]] = None, cb: Callable[[int], str] = str) -> dict[str, Any]:
    return {'x': x}
print(f([1]), types.SimpleNamespace(a=1) == types.SimpleNamespace(a=1))
print(list[int] == list[int], list[int].__origin__, dict[str, int].__args__)
"#####,
        r#####"list[int] dict[str, list[int]] tuple[int, ...] type[int] ['a', 'b']
typing.Optional[int] typing.List[int] False x
3 ~T
Pair(a=1, b='z') ('z', 1) ('a', 'b') Pair(a=2, b='z') True
{'x': [1]} True
True <class 'list'> (<class 'str'>, <class 'int'>)
"#####,
    );
}

#[test]
fn unknown_module_is_module_not_found() {
    let outcome = run_capture("import nosuch\n", "main.py");
    assert!(
        outcome
            .stderr
            .ends_with("ModuleNotFoundError: No module named 'nosuch'\n"),
        "{}",
        outcome.stderr
    );
    assert_eq!(outcome.status, 1);
}

/// itertools.batched is new in CPython 3.12 (python3 here is 3.11): expected text per the 3.12 docs.
#[test]
fn itertools_batched_from_3_12() {
    check(
        "itertools_batched_from_3_12",
        "import itertools\nprint(list(itertools.batched('abcdefg', 3)))\ntry:\n    itertools.batched('ab', 0)\nexcept ValueError as e:\n    print(e)\n",
        "[('a', 'b', 'c'), ('d', 'e', 'f'), ('g',)]\nn must be at least one\n",
    );
}
