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

/// The Queue fast paths apply to the prelude's own Queue class only: a subclass bound to the
/// name `asyncio.Queue` still has its `_put`/`_get` called.
#[test]
fn asyncio_queue_subclass_rebound_to_the_module_name() {
    check(
        "asyncio_queue_subclass_rebound_to_the_module_name",
        r#####"import asyncio


class Logged(asyncio.Queue):
    def _put(self, item):
        print('put', item)
        super()._put(item)

    def _get(self):
        item = super()._get()
        print('get', item)
        return item


asyncio.Queue = Logged


async def main():
    q = asyncio.Queue()
    await q.put(1)
    q.put_nowait(2)
    print(await q.get(), q.get_nowait(), type(q).__name__)

asyncio.run(main())
"#####,
        r#####"put 1
put 2
get 1
get 2
1 2 Logged
"#####,
    );
}

/// Task steps and wake-ups queued without a Handle keep their place among call_soon callbacks.
#[test]
fn asyncio_steps_and_wakeups_keep_call_soon_order() {
    check(
        "asyncio_steps_and_wakeups_keep_call_soon_order",
        r#####"import asyncio

async def waiter(name, fut, log):
    log.append(f"{name} waits")
    value = await fut
    log.append(f"{name} woke with {value}")
    await asyncio.sleep(0)
    log.append(f"{name} stepped again")
    return value

async def main():
    loop = asyncio.get_running_loop()
    log = []
    f1, f2 = loop.create_future(), loop.create_future()
    t1 = asyncio.create_task(waiter("a", f1, log))
    t2 = asyncio.create_task(waiter("b", f2, log))
    loop.call_soon(log.append, "callback 1")
    await asyncio.sleep(0)
    f2.set_result(2)
    loop.call_soon(log.append, "callback 2")
    f1.set_result(1)
    loop.call_soon(log.append, "callback 3")
    print(len(loop._ready) > 0)
    print(await asyncio.gather(t1, t2))
    t3 = asyncio.create_task(waiter("c", loop.create_future(), log))
    await asyncio.sleep(0)
    t3.cancel()
    try:
        await t3
    except asyncio.CancelledError:
        log.append("c cancelled")
    print("\n".join(log))

asyncio.run(main())
"#####,
        r#####"True
[1, 2]
a waits
b waits
callback 1
b woke with 2
callback 2
a woke with 1
callback 3
b stepped again
a stepped again
c waits
c cancelled
"#####,
    );
}

/// gather's native done callback: results, first exception, cancelling the gather or a child,
/// a repeated child, a child raising CancelledError with return_exceptions.
#[test]
fn asyncio_gather_done_callback_outcomes() {
    check(
        "asyncio_gather_done_callback_outcomes",
        r#####"import asyncio
async def ok(i):
    await asyncio.sleep(0)
    return i
async def bad(i):
    await asyncio.sleep(0)
    raise ValueError(i)
async def slow():
    await asyncio.sleep(10)
async def main():
    print(await asyncio.gather(ok(1), ok(2), bad(3), return_exceptions=True))
    try:
        await asyncio.gather(ok(1), bad(2), bad(3))
    except ValueError as e:
        print("raised", e)
    await asyncio.sleep(0.01)
    g = asyncio.gather(slow(), ok(5))
    await asyncio.sleep(0)
    g.cancel()
    try:
        await g
    except asyncio.CancelledError:
        print("gather cancelled", g.cancelled())
    t = asyncio.ensure_future(ok(7))
    print(await asyncio.gather(t, t, ok(8)))
    inner = asyncio.ensure_future(slow())
    g2 = asyncio.gather(inner)
    await asyncio.sleep(0)
    inner.cancel()
    try:
        await g2
    except asyncio.CancelledError:
        print("child cancelled")
    print(await asyncio.gather(slow_cancel(), return_exceptions=True))
async def slow_cancel():
    raise asyncio.CancelledError("msg")
asyncio.run(main())
"#####,
        r#####"[1, 2, ValueError(3)]
raised 2
gather cancelled False
[7, 7, 8]
child cancelled
[CancelledError('')]
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

#[test]
fn print_honours_replaced_sys_streams() {
    check(
        "print_honours_replaced_sys_streams",
        r#####"import sys, io, contextlib
buf = io.StringIO()
saved = sys.stdout
sys.stdout = buf
print("hello", 1, sep=", ")
print("no newline", end="")
sys.stdout = saved
print(repr(buf.getvalue()))
with contextlib.redirect_stdout(io.StringIO()) as f:
    print("inside")
    sys.stdout.write("written\n")
print(repr(f.getvalue()), sys.stdout is saved)
class Recorder:
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
        return len(s)
    def flush(self):
        self.parts.append("<flush>")
r = Recorder()
print("a", "b", 3, sep="-", file=r, flush=True)
print(r.parts)
err = io.StringIO()
with contextlib.redirect_stderr(err):
    print("to stderr", file=sys.stderr)
print(repr(err.getvalue()))
print(sys.stdout.write("abc"))
sys.stdout.flush()
sys.stdout = None
print("dropped")
sys.stdout = saved
try:
    print("x", file=3)
except AttributeError as e:
    print(e)
class NoFlush:
    def write(self, s):
        pass
try:
    print("x", file=NoFlush(), flush=True)
except AttributeError as e:
    print(e)
try:
    sys.stdout.write(5)
except TypeError as e:
    print(e)
"#####,
        r#####"'hello, 1\nno newline'
'inside\nwritten\n' True
['a', '-', 'b', '-', '3', '\n', '<flush>']
'to stderr\n'
abc3
'int' object has no attribute 'write'
'NoFlush' object has no attribute 'flush'
write() argument must be str, not int
"#####,
    );
}

#[test]
fn re_matching_substitution_and_errors() {
    check(
        "re_matching_substitution_and_errors",
        r#####"import re
print(re.match(r'(\w+) (\w+)', 'hello world').groups())
m = re.search(r'(?P<year>\d{4})-(?P<month>\d\d)', 'date: 2024-03-15!')
print(m, m.group('year'), m['month'], m.groupdict(), m.span(), m.start(2), m.end('year'), m.lastgroup, m.lastindex)
print(re.findall(r'\d+', 'a1 b22 c333'), re.findall(r'(\w)(\d)', 'a1 b2'), re.findall(r'(\w)=?', 'ab'))
print(re.sub(r'(\w+)@(\w+)', r'\2 at \1', 'joe@site and ann@web'))
print(re.sub(r'\d', lambda m: str(int(m.group()) * 2), 'a1b2c9'))
print(re.subn('x*', '-', 'abxd'), re.sub('', '-', 'abc'))
print(re.split(r'\s*,\s*', 'a , b,c ,d'), re.split(r'(,)', 'a,b'), re.split(r'\b', 'a b'), re.split('x*', 'axbc'))
print(re.split(',', 'a,b,c,d', maxsplit=2))
print(re.escape('a.b*c?'), re.fullmatch(r'a|ab', 'ab'), re.fullmatch('a', 'ab'))
print(re.compile('abc', re.I).match('ABC'), re.findall('^\\w', 'ab\ncd', re.M), re.findall('a.b', 'a\nb', re.S))
p = re.compile(r'''
   (\d+)   # number
   \s*     # space
   ([a-z]+)  # unit
''', re.VERBOSE)
print(p.findall('10 kg 20m'), p)
for m in re.finditer(r'(?<=\$)\d+(?!\d)', 'cost $100 and $25'):
    print(m.group(), m.span())
print(re.match(r'(a)(b)?', 'a').groups('-'), re.match(r'(?:ab)+', 'ababx').group())
print(re.search(r'(\w)\1', 'abccd').group(), re.search(r'(?P<c>\w)(?P=c)', 'xyzzy').group())
print(re.match(r'a*?b', 'aaab').group(), re.match(r'(a+)+$', 'aaaa').group(1))
print(re.search('$', 'ab\n').span(), re.search(r'\Z', 'ab\n').span(), re.findall('$', 'a\nb\n', re.M))
for bad in ['(a', 'a)', '*a', 'a**', '[a', r'\q', '(?P<1>a)', '(?P=x)', 'a{3,1}', '(?<=a+)b', r'(a)\2', '(?z)']:
    try:
        re.compile(bad)
    except re.error as e:
        print(repr(bad), '->', e)
print(re.match(b'(\\d+)', b'123abc').group(1), re.sub(b'a', b'b', b'aaa'))
try:
    re.match('a', b'a')
except TypeError as e:
    print(e)
print(re.I | re.M, re.compile('x', re.I | re.S), re.match('x', 'x'))
print(re.match(r'(?i)hello', 'HeLLo').group(), re.match(r'(?i:a)b', 'Ab'), re.match(r'(?i:a)b', 'AB'))
print(re.sub(r'(?P<w>\w+)', r'<\g<w>>', 'hi there'), re.sub('a', r'\n', 'bab') == 'b\nb')
print(re.match(r'[^a-c]+', 'xyzabc').group(), re.match(r'[\d.]+', '3.14x').group(), re.findall(r'[a\-z]', 'a-bz'))
print(re.match(r'(?>a+)b', 'aaab'), re.match(r'a++a', 'aaa'), re.match(r'(a)?(?(1)b|c)', 'c'))
print(re.findall(r'\bfoo\b', 'foo foobar (foo)'), re.sub(r'\s+', ' ', '  a \t\n b  ').strip())
print(re.search(r'x{2,3}?', 'xxxx').group(), re.search(r'x{,2}', 'xxx').group(), re.search(r'a{', 'a{').group())
print(re.match('.*', 'x' * 100000).end())
"#####,
        r#####"('hello', 'world')
<re.Match object; span=(6, 13), match='2024-03'> 2024 03 {'year': '2024', 'month': '03'} (6, 13) 11 10 month 2
['1', '22', '333'] [('a', '1'), ('b', '2')] ['a', 'b']
site at joe and web at ann
a2b4c18
('-a-b--d-', 5) -a-b-c-
['a', 'b', 'c', 'd'] ['a', ',', 'b'] ['', 'a', ' ', 'b', ''] ['', 'a', '', 'b', 'c', '']
['a', 'b', 'c,d']
a\.b\*c\? <re.Match object; span=(0, 2), match='ab'> None
<re.Match object; span=(0, 3), match='ABC'> ['a', 'c'] ['a\nb']
[('10', 'kg'), ('20', 'm')] re.compile('\n   (\\d+)   # number\n   \\s*     # space\n   ([a-z]+)  # unit\n', re.VERBOSE)
100 (6, 9)
25 (15, 17)
('a', '-') abab
cc zz
aaab aaaa
(2, 2) (3, 3) ['', '', '']
'(a' -> missing ), unterminated subpattern at position 0
'a)' -> unbalanced parenthesis at position 1
'*a' -> nothing to repeat at position 0
'a**' -> multiple repeat at position 2
'[a' -> unterminated character set at position 0
'\\q' -> bad escape \q at position 0
'(?P<1>a)' -> bad character in group name '1' at position 4
'(?P=x)' -> unknown group name 'x' at position 4
'a{3,1}' -> min repeat greater than max repeat at position 2
'(?<=a+)b' -> look-behind requires fixed-width pattern
'(a)\\2' -> invalid group reference 2 at position 4
'(?z)' -> unknown extension ?z at position 1
b'123' b'bbb'
cannot use a string pattern on a bytes-like object
re.IGNORECASE|re.MULTILINE re.compile('x', re.IGNORECASE|re.DOTALL) <re.Match object; span=(0, 1), match='x'>
HeLLo <re.Match object; span=(0, 2), match='Ab'> None
<hi> <there> True
xyz 3.14 ['a', '-', 'z']
<re.Match object; span=(0, 4), match='aaab'> None <re.Match object; span=(0, 1), match='c'>
['foo', 'foo'] a b
xx xx a{
100000
"#####,
    );
}

#[test]
fn re_groups_flags_and_edge_cases() {
    check(
        "re_groups_flags_and_edge_cases",
        r#####"import re
print(re.match('(a|)*', 'aa').groups(), re.match('(a*)*', 'aa').groups(), re.match('(a*)+b', 'aab').groups())
print(re.sub('(a)|b', r'[\1]', 'ab'), re.match('((a)b)', 'ab').lastindex, re.match('(a)(b)?', 'a').lastindex)
print(re.findall(r'\w+', 'héllo wörld 123'), re.findall(r'\w+', 'héllo', re.A), re.match('[A-Z]+', 'abc', re.I))
print(re.match('É', 'é', re.I), re.findall(r'\d', '١٢3'), re.findall(r'\s', 'a\x1cb c'))
for t in [r'\g<x>', r'\g<1', r'\3', r'\q']:
    try:
        re.sub('(a)', t, 'a')
    except (re.error, IndexError) as e:
        print(type(e).__name__, e)
m = re.match('a', 'a')
for g in [3, 'x', -1]:
    try:
        m.group(g)
    except IndexError as e:
        print(e)
try:
    re.compile('a\n(b')
except re.error as e:
    print(e, e.lineno, e.colno)
print(re.compile(r'(?P<a>x)(?P<b>y)').groupindex, re.compile('(a)(b)').groups)
print(re.search('b', 'abcb', 2), re.compile('b').search('abcb', 2), re.compile('^b').search('ab', 1), re.compile('a$').search('ab', 0, 1))
print(re.compile(r'\d+').findall('1 22 333', 2, 7), re.compile('x').fullmatch('axb', 1, 2))
print(m.expand(r'<\g<0>>'), re.match(r'(\d+)\.(\d+)', '3.14').expand(r'\2.\1'))
print(re.split(r'(a)|b', 'xaybz'), re.split('', 'ab'), re.sub('a', lambda m: None, 'bab') if False else '')
print(re.match(r'\((?P<inner>[^)]*)\)', '(hi)').group('inner'), re.match('a.c', 'a\nc'))
print(re.findall(r'(?m)^(\w+):', 'k1: v\nk2: w'), re.findall(r'(?s).+', 'a\nb'))
print(re.search(r'(?<!x)y', 'xy zy').start(), re.search(r'colou?r', 'The color').group())
print([m.span() for m in re.finditer('', 'ab')], re.sub('^', '>', 'a\nb', flags=re.M))
print(re.match(r'(?x) a  b # c', 'ab'), re.match(r'a\ b', 'a b', re.X))
print(re.search(r'[]a]+', ']a]'), re.search(r'\x41\u0042\101', 'ABA'))
print(re.compile('a', re.I | re.M).flags, re.compile(b'a').flags, re.compile('(?i)a').flags)
print(re.sub(r'(\w+)', r'\1\1', 'ab cd', count=1), re.subn(r'\d', 'N', 'a1b2c3', 2))
print(re.fullmatch(r'[a-z_][a-z0-9_]*', 'var_1'), bool(re.match(r'^\s*$', '   ')))
print(re.match(r'(?:(a)|b)*', 'ab').groups(), re.match(r'(?:(a)|(b))*', 'ab').groups())
print(re.findall(r'a(?=b)', 'ab ac ab'), re.findall(r'\b\w', 'hi there you'))
"#####,
        r#####"('',) ('',) ('',)
[a][] 1 1
['héllo', 'wörld', '123'] ['h', 'llo'] <re.Match object; span=(0, 3), match='abc'>
<re.Match object; span=(0, 1), match='é'> ['١', '٢', '3'] ['\x1c', ' ']
IndexError unknown group name 'x'
error missing >, unterminated name at position 3
error invalid group reference 3 at position 1
error bad escape \q at position 0
no such group
no such group
no such group
missing ), unterminated subpattern at position 2 (line 2, column 1) 2 1
{'a': 1, 'b': 2} 2
<re.Match object; span=(1, 2), match='b'> <re.Match object; span=(3, 4), match='b'> None <re.Match object; span=(0, 1), match='a'>
['22', '33'] <re.Match object; span=(1, 2), match='x'>
<a> 14.3
['x', 'a', 'y', None, 'z'] ['', 'a', 'b', ''] 
hi None
['k1', 'k2'] ['a\nb']
4 color
[(0, 0), (1, 1), (2, 2)] >a
>b
<re.Match object; span=(0, 2), match='ab'> <re.Match object; span=(0, 3), match='a b'>
<re.Match object; span=(0, 3), match=']a]'> <re.Match object; span=(0, 3), match='ABA'>
42 0 34
abab cd ('aNbNc3', 2)
<re.Match object; span=(0, 5), match='var_1'> True
('a',) ('a', 'b')
['a', 'a'] ['h', 't', 'y']
"#####,
    );
}

#[test]
fn os_environ_paths_and_files() {
    check(
        "os_environ_paths_and_files",
        r#####"import os, os.path, sys
from os.path import join, splitext
print(os.name, os.sep, repr(os.linesep), os.pathsep, os.curdir, os.pardir, os.devnull, os.altsep, os.extsep)
print(os.path.join('a', 'b', '/c', 'd'), os.path.join('a/', 'b'), join('', 'x'), os.path.split('/a/b/'), splitext('a.tar.gz'), splitext('.bashrc'))
print(os.path.normpath('a//b/../c/./d'), os.path.normpath(''), os.path.normpath('//a'), os.path.normpath('///a'), os.path.normpath('../x/..'))
print(os.path.basename('/x/y.txt'), os.path.dirname('/x/y.txt'), os.path.dirname('y'), os.path.isabs('/a'), os.path.isabs('a'))
print(os.path.abspath('sub/../f.txt') == os.path.join(os.getcwd(), 'f.txt'), os.path.exists('/'), os.path.isdir('/'), os.path.isfile('/'), os.path.exists('/definitely/not/here'))
print(type(os.getpid()).__name__, os.getpid() > 0, os.cpu_count() >= 1, os.getenv('PERCOLATE_NOPE'), os.getenv('PERCOLATE_NOPE', 'dflt'))
os.environ['PERCOLATE_T'] = 'v'
print(os.environ['PERCOLATE_T'], os.getenv('PERCOLATE_T'), 'PERCOLATE_T' in os.environ, os.environ.get('PERCOLATE_NOPE'))
try:
    os.environ['PERCOLATE_NOPE2']
except KeyError as e:
    print('KeyError', e)
try:
    os.listdir('/definitely/not/here')
except FileNotFoundError as e:
    print(e, e.errno, e.filename)
base = os.path.join('/tmp', 'percolate_os_test_%d' % os.getpid())
os.makedirs(os.path.join(base, 'a', 'b'), exist_ok=True)
with open(os.path.join(base, 'f.txt'), 'w') as f:
    f.write('hello')
print(sorted(os.listdir(base)), os.path.getsize(os.path.join(base, 'f.txt')), os.stat(os.path.join(base, 'f.txt')).st_size)
print([(os.path.relpath(d, base), sorted(ds), sorted(fs)) for d, ds, fs in os.walk(base)])
os.rename(os.path.join(base, 'f.txt'), os.path.join(base, 'g.txt'))
os.remove(os.path.join(base, 'g.txt'))
os.rmdir(os.path.join(base, 'a', 'b')); os.rmdir(os.path.join(base, 'a')); os.rmdir(base)
print(os.path.exists(base), len(os.urandom(16)), os.fspath('p'), os.path.relpath('/a/b/c', '/a/d'), os.path.commonprefix(['/usr/lib', '/usr/local']))
try:
    os.fspath(3)
except TypeError as e:
    print(e)
print(os.path.expanduser('x~'), sys.modules['os.path'] is os.path)
"#####,
        r#####"posix / '\n' : . .. /dev/null None .
/c/d a/b x ('/a/b', '') ('a.tar', '.gz') ('.bashrc', '')
a/c/d . //a /a ..
y.txt /x  True False
True True True False False
int True True None dflt
v v True None
KeyError 'PERCOLATE_NOPE2'
[Errno 2] No such file or directory: '/definitely/not/here' 2 /definitely/not/here
['a', 'f.txt'] 5 5
[('.', ['a'], ['f.txt']), ('a', ['b'], []), ('a/b', [], [])]
False 16 p ../b/c /usr/l
expected str, bytes or os.PathLike object, not int
x~ True
"#####,
    );
}

#[test]
fn weakref_containers_finalize_and_gc() {
    check(
        "weakref_containers_finalize_and_gc",
        r#####"import weakref, gc
class Node:
    def __init__(self, name):
        self.name = name
    def hello(self):
        return 'hi ' + self.name
    def __repr__(self):
        return 'Node(%s)' % self.name
n = Node('a')
r = weakref.ref(n)
print(r() is n, r() , type(r).__name__, weakref.ref(n) == r, hash(r) == hash(n))
del n
print(r())
for bad in [1, 'x', [], {}, (), None, 1.5, b'']:
    try:
        weakref.ref(bad)
    except TypeError as e:
        print(e)
class L(list):
    pass
print(weakref.ref(L([1]))() is None, weakref.ref(len)() is len)
d = weakref.WeakValueDictionary()
a, b = Node('a'), Node('b')
d['a'] = a
d['b'] = b
print(len(d), sorted(d.keys()), d.get('a'), 'b' in d)
del b
print(len(d), list(d.keys()), 'b' in d, d.get('b', 'gone'))
k = weakref.WeakKeyDictionary()
x, y = Node('x'), Node('y')
k[x] = 1
k[y] = 2
print(len(k), k[x], x in k)
del x
print(len(k), list(k.values()))
s = weakref.WeakSet()
p, q = Node('p'), Node('q')
s.add(p); s.add(q)
print(len(s), p in s)
del p
print(len(s), list(s))
events = []
m = Node('m')
f = weakref.finalize(m, events.append, 'finalized m')
print(f.alive, f.peek()[2:])
del m
gc.collect()
print(f.alive, events)
o = Node('o')
f2 = weakref.finalize(o, lambda: 'ran')
print(f2(), f2.alive, f2())
cb = []
z = Node('z')
rz = weakref.ref(z, lambda wr: cb.append(wr is rz))
del z
print(gc.collect(), cb)
w = Node('w')
wm = weakref.WeakMethod(w.hello)
print(wm()(), weakref.proxy(w).name)
del w
print(wm())
pr = weakref.proxy(Node('gone'))
try:
    pr.name
except ReferenceError as e:
    print(e)
print(gc.isenabled(), gc.disable(), gc.isenabled(), gc.enable(), gc.isenabled(), gc.get_threshold(), gc.garbage)
"#####,
        r#####"True Node(a) ReferenceType True True
None
cannot create weak reference to 'int' object
cannot create weak reference to 'str' object
cannot create weak reference to 'list' object
cannot create weak reference to 'dict' object
cannot create weak reference to 'tuple' object
cannot create weak reference to 'NoneType' object
cannot create weak reference to 'float' object
cannot create weak reference to 'bytes' object
True True
2 ['a', 'b'] Node(a) True
1 ['a'] False gone
2 1 True
1 [2]
2 True
1 [Node(q)]
True (('finalized m',), {})
False ['finalized m']
ran False None
0 [True]
hi w w
None
weakly-referenced object no longer exists
True None False None True (700, 10, 10) []
"#####,
    );
}

#[test]
fn queue_and_threading_single_threaded() {
    check(
        "queue_and_threading_single_threaded",
        r#####"import queue, threading
q = queue.Queue(maxsize=2)
q.put(1); q.put_nowait(2)
print(q.qsize(), q.full(), q.empty())
try:
    q.put_nowait(3)
except queue.Full:
    print('Full')
try:
    q.put(3, timeout=0.01)
except queue.Full:
    print('Full after timeout')
print(q.get(), q.get_nowait(), q.empty())
try:
    q.get_nowait()
except queue.Empty:
    print('Empty')
try:
    q.get(timeout=0.01)
except queue.Empty:
    print('Empty after timeout')
q.task_done(); q.task_done()
try:
    q.task_done()
except ValueError as e:
    print(e)
q.join()
lq = queue.LifoQueue()
pq = queue.PriorityQueue()
for x in [3, 1, 2]:
    lq.put(x); pq.put((x, 'p%d' % x))
print([lq.get() for _ in range(3)], [pq.get() for _ in range(3)])
sq = queue.SimpleQueue()
sq.put('a'); sq.put('b')
print(sq.qsize(), sq.get(), sq.get_nowait(), sq.empty(), issubclass(queue.Empty, Exception))
t = threading.current_thread()
print(t.name, t is threading.main_thread(), t.daemon, t.is_alive(), type(threading.get_ident()).__name__, threading.active_count(), threading.enumerate() == [t])
lock = threading.Lock()
print(lock.acquire(), lock.locked(), lock.acquire(blocking=False), lock.acquire(timeout=0.01))
lock.release()
try:
    lock.release()
except RuntimeError as e:
    print(e)
with lock:
    print('held', lock.locked())
print(lock.locked())
r = threading.RLock()
with r:
    with r:
        print('reentrant')
try:
    r.release()
except RuntimeError as e:
    print(e)
ev = threading.Event()
print(ev.is_set(), ev.wait(0.01))
ev.set()
print(ev.is_set(), ev.wait(), ev.wait(1))
c = threading.Condition()
try:
    c.notify()
except RuntimeError as e:
    print(e)
with c:
    c.notify_all()
    print(c.wait(0.01), c.wait_for(lambda: 42))
s = threading.BoundedSemaphore(1)
print(s.acquire(), s.acquire(blocking=False))
s.release()
try:
    s.release()
except ValueError as e:
    print(e)
data = threading.local()
data.x = 5
print(data.x)
def work(n):
    print('work', n)
th = threading.Thread(target=work, args=(1,))
print(th.name, th.is_alive(), th.daemon)
th.run()
try:
    th.join()
except RuntimeError as e:
    print(e)
"#####,
        r#####"2 True False
Full
Full after timeout
1 2 True
Empty
Empty after timeout
task_done() called too many times
[2, 1, 3] [(1, 'p1'), (2, 'p2'), (3, 'p3')]
2 a b True True
MainThread True False True int 1 True
True True False False
release unlocked lock
held True
False
reentrant
cannot release un-acquired lock
False False
True True True
cannot notify on un-acquired lock
False 42
True False
Semaphore released too many times
5
Thread-1 (work) False False
work 1
cannot join thread before it is started
"#####,
    );
}

/// Waits that only another thread could end: CPython would hang, percolate refuses loudly
/// (the expected text is percolate's own message, not python3's).
#[test]
fn queue_and_threading_refuse_waits_that_never_end() {
    check(
        "queue_and_threading_refuse_waits_that_never_end",
        r#####"import queue, threading
try:
    queue.Queue().get()
except RuntimeError as e:
    print(e)
try:
    threading.Thread(target=print).start()
except NotImplementedError as e:
    print(e)
try:
    threading.Event().wait()
except RuntimeError as e:
    print(e)
"#####,
        r#####"Queue.get() on an empty queue would block forever: percolate has no threads to put items in
percolate has no threads: Thread.start() is not supported (use asyncio tasks, or loop.run_in_executor)
Event.wait() on an unset event without a timeout would block forever: percolate has no threads to wake it up
"#####,
    );
}

#[test]
fn textwrap_wrap_fill_dedent_indent_shorten() {
    check(
        "textwrap_wrap_fill_dedent_indent_shorten",
        r#####"import textwrap
text = ("The quick brown fox jumps over the lazy dog. A well-known pangram, used to "
        "test typewriters and computer keyboards -- and fonts! Supercalifragilisticexpialidocious "
        "words get broken when they are too long.\tTabs\tand\nnewlines are whitespace.")
for w in (20, 35, 80):
    print(textwrap.wrap(text, w))
print(textwrap.fill(text, 30, initial_indent='* ', subsequent_indent='  '))
print(textwrap.wrap('self-contained well-behaved e-mail x--y', 8))
print(textwrap.wrap('aaaaaaaaaaaaaaaa bb', 5, break_long_words=False))
print(textwrap.wrap('Hello there.  How are you? Fine.', 12, fix_sentence_endings=True))
print(textwrap.shorten('Hello  world!  This is a long sentence', width=20))
print(textwrap.shorten('Hello world', width=11), textwrap.shorten('Hello world!', width=10, placeholder='...'))
print(textwrap.wrap(text, 30, max_lines=3))
print(textwrap.wrap('', 10), textwrap.wrap('   ', 10), textwrap.wrap(' a  b ', 10, drop_whitespace=False))
print(repr(textwrap.dedent('''
    def f():
        return 1
      
    x = 2
''')))
print(repr(textwrap.dedent('  a\n\tb\n')), repr(textwrap.dedent('   x\n   y')))
print(repr(textwrap.indent('a\n\nb\n', '> ')), repr(textwrap.indent('a\n\nb', '+', lambda l: True)))
try:
    textwrap.wrap('x', 0)
except ValueError as e:
    print(e)
"#####,
        r#####"['The quick brown fox', 'jumps over the lazy', 'dog. A well-known', 'pangram, used to', 'test typewriters and', 'computer keyboards', '-- and fonts! Superc', 'alifragilisticexpial', 'idocious words get', 'broken when they are', 'too long.    Tabs', 'and newlines are', 'whitespace.']
['The quick brown fox jumps over the', 'lazy dog. A well-known pangram,', 'used to test typewriters and', 'computer keyboards -- and fonts!', 'Supercalifragilisticexpialidocious', 'words get broken when they are too', 'long.    Tabs    and newlines are', 'whitespace.']
['The quick brown fox jumps over the lazy dog. A well-known pangram, used to test', 'typewriters and computer keyboards -- and fonts!', 'Supercalifragilisticexpialidocious words get broken when they are too long.', 'Tabs    and newlines are whitespace.']
* The quick brown fox jumps
  over the lazy dog. A well-
  known pangram, used to test
  typewriters and computer
  keyboards -- and fonts! Supe
  rcalifragilisticexpialidocio
  us words get broken when
  they are too long.    Tabs
  and newlines are whitespace.
['self-con', 'tained', 'well-', 'behaved', 'e-mail x', '--y']
['aaaaaaaaaaaaaaaa', 'bb']
['Hello there.', 'How are you?', 'Fine.']
Hello world! [...]
Hello world Hello...
['The quick brown fox jumps over', 'the lazy dog. A well-known', 'pangram, used to test [...]']
[] [] [' a  b ']
'\ndef f():\n    return 1\n\nx = 2\n'
'  a\n\tb\n' 'x\ny'
'> a\n\n> b\n' '+a\n+\n+b'
invalid width 0 (must be > 0)
"#####,
    );
}

#[test]
fn struct_pack_unpack_calcsize() {
    check(
        "struct_pack_unpack_calcsize",
        r#####"import struct
print(struct.calcsize('@bi'), struct.calcsize('=bi'), struct.calcsize('@ci?q'), struct.calcsize('@qc'), struct.calcsize('<5s2xH'))
data = struct.pack('<iHbx?3sd', -5, 65535, -1, True, b'abcd', 2.5)
print(data, struct.unpack('<iHbx?3sd', data))
print(struct.pack('>I', 0xdeadbeef), struct.unpack('>I', b'\xde\xad\xbe\xef'), struct.pack('!hH', -2, 3))
print(struct.pack('<q', -2), struct.unpack('<Q', b'\xff' * 8), struct.pack('@bq', 1, 2))
print(struct.pack('<e', 1.5), struct.unpack('<e', b'\x00<'), struct.pack('>d', 0.1), struct.unpack('>f', struct.pack('>f', 0.1)))
print(struct.pack('5s', b'ab'), struct.pack('3p', b'abcd'), struct.unpack('3p', b'\x02abx'[:3]), struct.pack('<?', 5), struct.unpack('?', b'\x02'), struct.pack('2c', b'x', b'y'))
s = struct.Struct('<hh')
print(s.size, s.format, s.pack(1, 2), s.unpack(b'\x01\x00\x02\x00'), list(s.iter_unpack(b'\x01\x00\x02\x00\x03\x00\x04\x00')))
print(struct.unpack_from('<h', b'\x00\x01\x00', 1), struct.unpack(b'<h', bytearray(b'\x05\x00')))
for f, a in [('b', 200), ('h', 70000), ('i', 2**40), ('I', -1), ('B', -1), ('Q', -1), ('q', 2**63), ('H', 70000), ('l', 2**70), ('<l', 2**40), ('I', 2**33), ('<i', 'x'), ('f', 'x'), ('s', 'ab'), ('c', b'ab')]:
    try:
        struct.pack(f, a)
    except struct.error as e:
        print(f, e)
for f, a in [('ii', (1,)), ('i', (1, 2)), ('z', (1,)), ('3', ())]:
    try:
        struct.pack(f, *a)
    except struct.error as e:
        print(f, e)
try:
    struct.pack('e', 1e10)
except OverflowError as e:
    print(e)
try:
    struct.unpack('i', b'ab')
except struct.error as e:
    print(e)
try:
    struct.unpack_from('i', b'ab', 1)
except struct.error as e:
    print(e)
print(struct.error.__module__, issubclass(struct.error, Exception), struct.pack('<e', 65504.0), struct.pack('<e', 1e-7))
"#####,
        r#####"8 5 24 9 9
b'\xfb\xff\xff\xff\xff\xff\xff\x00\x01abc\x00\x00\x00\x00\x00\x00\x04@' (-5, 65535, -1, True, b'abc', 2.5)
b'\xde\xad\xbe\xef' (3735928559,) b'\xff\xfe\x00\x03'
b'\xfe\xff\xff\xff\xff\xff\xff\xff' (18446744073709551615,) b'\x01\x00\x00\x00\x00\x00\x00\x00\x02\x00\x00\x00\x00\x00\x00\x00'
b'\x00>' (1.0,) b'?\xb9\x99\x99\x99\x99\x99\x9a' (0.10000000149011612,)
b'ab\x00\x00\x00' b'\x02ab' (b'ab',) b'\x01' (True,) b'xy'
4 <hh b'\x01\x00\x02\x00' (1, 2) [(1, 2), (3, 4)]
(1,) (5,)
b byte format requires -128 <= number <= 127
h short format requires -32768 <= number <= 32767
i 'i' format requires -2147483648 <= number <= 2147483647
I argument out of range
B ubyte format requires 0 <= number <= 255
Q argument out of range
q argument out of range
H ushort format requires 0 <= number <= 65535
l argument out of range
<l 'l' format requires -2147483648 <= number <= 2147483647
I 'I' format requires 0 <= number <= 4294967295
<i required argument is not an integer
f required argument is not a float
s argument for 's' must be a bytes object
c char format requires a bytes object of length 1
ii pack expected 2 items for packing (got 1)
i pack expected 1 items for packing (got 2)
z bad char in struct format
3 repeat count given without format specifier
float too large to pack with e format
unpack requires a buffer of 4 bytes
unpack_from requires a buffer of at least 5 bytes for unpacking 4 bytes at offset 1 (actual buffer size is 2)
struct True b'\xff{' b'\x02\x00'
"#####,
    );
}

#[test]
fn statistics_averages_and_spreads() {
    check(
        "statistics_averages_and_spreads",
        r#####"import statistics as st
print(st.mean([1, 2, 3, 4]), st.mean([1, 2, 3]), st.mean([1.5, 2.5]), st.mean([0.1] * 10), st.mean([1, 2.0]), st.mean(range(10**4)), st.mean([True, False, True]))
print(st.median([3, 1, 2]), st.median([4, 1, 3, 2]), st.median([1, 3]), st.median_low([1, 2, 3, 4]), st.median_high([1, 2, 3, 4]))
print(st.variance([1, 2, 3, 4]), st.variance([2, 4, 6]), st.pvariance([1, 2, 3, 4]), st.variance([0.1, 0.2, 0.3]), st.pvariance([1.5, 2.5, 2.5, 2.75, 3.25, 4.75]))
print(st.stdev([1, 2, 3, 4]), st.pstdev([2, 4, 4, 4, 5, 5, 7, 9]), st.stdev([1.5, 2.5, 2.5, 2.75, 3.25, 4.75]), st.stdev([10**20, 10**20 + 3, 10**20 + 7]))
print(st.mode([1, 1, 2, 3, 3, 3]), st.mode('aabbbc'), st.multimode('aabbcd'), st.fmean([3.5, 4.0, 5.25]), st.fmean([1, 2], weights=[1, 3]))
print(st.quantiles([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), st.quantiles([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], n=10, method='inclusive'))
print(round(st.geometric_mean([54, 24, 36]), 9), st.harmonic_mean([40, 60]), st.harmonic_mean([2.5, 3, 10]), st.median_grouped([52, 52, 53, 54]))
for f, data in [(st.mean, []), (st.variance, [1]), (st.stdev, [1]), (st.pvariance, []), (st.median, []), (st.mode, [])]:
    try:
        f(data)
    except st.StatisticsError as e:
        print(f.__name__, e)
print(issubclass(st.StatisticsError, ValueError), st.linear_regression([1, 2, 3], [2, 4, 6.5]), st.correlation([1, 2, 3], [1, 2, 4]))
print(st.NormalDist(5, 2), round(st.NormalDist().pdf(0), 12))
"#####,
        r#####"2.5 2 2.0 0.1 1.5 4999.5 0.6666666666666666
2 2.5 2.0 2 3
1.6666666666666667 4 1.25 0.009999999999999998 0.9739583333333334
1.2909944487358056 2.0 1.0810874155219827 3.511884584284246
3 b ['a', 'b'] 4.25 1.75
[2.75, 5.5, 8.25] [1.9, 2.8, 3.7, 4.6, 5.5, 6.4, 7.3, 8.2, 9.1]
36.0 48.0 3.6 52.5
mean mean requires at least one data point
variance variance requires at least two data points
stdev stdev requires at least two data points
pvariance pvariance requires at least one data point
median no median for empty data
mode no mode for empty data
True LinearRegression(slope=2.25, intercept=-0.33333333333333304) 0.9819805060619656
NormalDist(mu=5.0, sigma=2.0) 0.398942280401
"#####,
    );
}

#[test]
fn pprint_wraps_like_cpython() {
    check(
        "pprint_wraps_like_cpython",
        r#####"import pprint, io, sys
data = {'name': 'percolate', 'tags': ['async', 'interpreter', 'rust', 'python'] * 3,
        'nested': {'z': 1, 'a': [1, 2, 3], 'm': {'deep': tuple(range(30))}},
        'b': None, 'flags': {3, 1, 2}, 'single': (1,), 'empty': [], 'fs': frozenset('ab')}
pprint.pprint(data)
print(pprint.pformat(data, width=40))
pprint.pprint(data, sort_dicts=False, indent=4, width=60)
pprint.pprint(list(range(40)), compact=True)
pprint.pprint([{'id': i, 'value': 'x' * i} for i in range(5, 30, 6)])
pprint.pprint({'short': 1})
pprint.pprint('word ' * 30)
print(pprint.pformat({'k': 'a fairly long string value that will need to be wrapped somewhere ' * 2}))
pprint.pprint(data, depth=1)
r = [1, 2]
r.append(r)
print(pprint.saferepr(r)[:24], pprint.isrecursive(r), pprint.isreadable([1, 'a']), pprint.isreadable(object()))
s = io.StringIO()
pprint.pprint({'x': 1}, stream=s)
print(repr(s.getvalue()))
pprint.pp({'b': 1, 'a': 2})
print(pprint.pformat([1, 'two', 3.0, None, {'k': (1, 2)}], width=10))
"#####,
        r#####"{'b': None,
 'empty': [],
 'flags': {1, 2, 3},
 'fs': frozenset({'a', 'b'}),
 'name': 'percolate',
 'nested': {'a': [1, 2, 3],
            'm': {'deep': (0,
                           1,
                           2,
                           3,
                           4,
                           5,
                           6,
                           7,
                           8,
                           9,
                           10,
                           11,
                           12,
                           13,
                           14,
                           15,
                           16,
                           17,
                           18,
                           19,
                           20,
                           21,
                           22,
                           23,
                           24,
                           25,
                           26,
                           27,
                           28,
                           29)},
            'z': 1},
 'single': (1,),
 'tags': ['async',
          'interpreter',
          'rust',
          'python',
          'async',
          'interpreter',
          'rust',
          'python',
          'async',
          'interpreter',
          'rust',
          'python']}
{'b': None,
 'empty': [],
 'flags': {1, 2, 3},
 'fs': frozenset({'a', 'b'}),
 'name': 'percolate',
 'nested': {'a': [1, 2, 3],
            'm': {'deep': (0,
                           1,
                           2,
                           3,
                           4,
                           5,
                           6,
                           7,
                           8,
                           9,
                           10,
                           11,
                           12,
                           13,
                           14,
                           15,
                           16,
                           17,
                           18,
                           19,
                           20,
                           21,
                           22,
                           23,
                           24,
                           25,
                           26,
                           27,
                           28,
                           29)},
            'z': 1},
 'single': (1,),
 'tags': ['async',
          'interpreter',
          'rust',
          'python',
          'async',
          'interpreter',
          'rust',
          'python',
          'async',
          'interpreter',
          'rust',
          'python']}
{   'name': 'percolate',
    'tags': [   'async',
                'interpreter',
                'rust',
                'python',
                'async',
                'interpreter',
                'rust',
                'python',
                'async',
                'interpreter',
                'rust',
                'python'],
    'nested': {   'z': 1,
                  'a': [1, 2, 3],
                  'm': {   'deep': (   0,
                                       1,
                                       2,
                                       3,
                                       4,
                                       5,
                                       6,
                                       7,
                                       8,
                                       9,
                                       10,
                                       11,
                                       12,
                                       13,
                                       14,
                                       15,
                                       16,
                                       17,
                                       18,
                                       19,
                                       20,
                                       21,
                                       22,
                                       23,
                                       24,
                                       25,
                                       26,
                                       27,
                                       28,
                                       29)}},
    'b': None,
    'flags': {1, 2, 3},
    'single': (1,),
    'empty': [],
    'fs': frozenset({'a', 'b'})}
[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39]
[{'id': 5, 'value': 'xxxxx'},
 {'id': 11, 'value': 'xxxxxxxxxxx'},
 {'id': 17, 'value': 'xxxxxxxxxxxxxxxxx'},
 {'id': 23, 'value': 'xxxxxxxxxxxxxxxxxxxxxxx'},
 {'id': 29, 'value': 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxx'}]
{'short': 1}
('word word word word word word word word word word word word word word word '
 'word word word word word word word word word word word word word word word ')
{'k': 'a fairly long string value that will need to be wrapped somewhere a '
      'fairly long string value that will need to be wrapped somewhere '}
{'b': None,
 'empty': [],
 'flags': {1, 2, 3},
 'fs': frozenset({'a', 'b'}),
 'name': 'percolate',
 'nested': {...},
 'single': (...,),
 'tags': [...]}
[1, 2, <Recursion on lis True True False
"{'x': 1}\n"
{'b': 1, 'a': 2}
[1,
 'two',
 3.0,
 None,
 {'k': (1,
        2)}]
"#####,
    );
}

#[test]
fn uuid_uuid4_and_uuid_fields() {
    check(
        "uuid_uuid4_and_uuid_fields",
        r#####"import uuid, re
u = uuid.uuid4()
s = str(u)
print(len(s), bool(re.fullmatch(r'[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}', s)), u.version, u.variant, type(u.int).__name__, len(u.hex), len(u.bytes))
print(u == uuid.UUID(s), u == uuid.UUID(hex=u.hex), uuid.UUID(bytes=u.bytes) == u, u != uuid.uuid4(), hash(u) == hash(uuid.UUID(s)))
v = uuid.UUID('{12345678-1234-5678-1234-567812345678}')
print(v, repr(v), v.hex, v.int, v.urn, v.version, v.fields, v.time_low, v.node, v.bytes, v.bytes_le)
print(uuid.UUID(int=0), uuid.UUID(fields=(1, 2, 3, 4, 5, 6)), uuid.UUID('12345678123456781234567812345678', version=4))
print(uuid.NAMESPACE_DNS, sorted([uuid.UUID(int=5), uuid.UUID(int=2)]), uuid.UUID(bytes_le=v.bytes_le) == v)
for bad in ['xyz', '1234567812345678123456781234567g']:
    try:
        uuid.UUID(bad)
    except ValueError as e:
        print(e)
try:
    v.int = 3
except TypeError as e:
    print(e)
u1 = uuid.uuid1()
print(u1.version, u1.variant, len(str(u1)))
"#####,
        r#####"36 True 4 specified in RFC 4122 int 32 16
True True True True True
12345678-1234-5678-1234-567812345678 UUID('12345678-1234-5678-1234-567812345678') 12345678123456781234567812345678 24197857161011715162171839636988778104 urn:uuid:12345678-1234-5678-1234-567812345678 None (305419896, 4660, 22136, 18, 52, 95073701484152) 305419896 95073701484152 b'\x124Vx\x124Vx\x124Vx\x124Vx' b'xV4\x124\x12xV\x124Vx\x124Vx'
00000000-0000-0000-0000-000000000000 00000001-0002-0003-0405-000000000006 12345678-1234-4678-9234-567812345678
6ba7b810-9dad-11d1-80b4-00c04fd430c8 [UUID('00000000-0000-0000-0000-000000000002'), UUID('00000000-0000-0000-0000-000000000005')] True
badly formed hexadecimal UUID string
invalid literal for int() with base 16: '1234567812345678123456781234567g'
UUID objects are immutable
1 specified in RFC 4122 36
"#####,
    );
}

#[test]
fn sys_float_info_flags_and_encodings() {
    check(
        "sys_float_info_flags_and_encodings",
        r#####"import sys
print(sys.float_info)
print(sys.int_info, sys.hash_info.modulus, sys.float_info.epsilon, sys.float_info.max == 1.7976931348623157e+308, sys.float_info[8])
print(sys.flags.optimize, sys.flags.debug, sys.maxunicode, sys.float_repr_style, sys.getdefaultencoding(), sys.getfilesystemencoding(), sys.is_finalizing(), sys.warnoptions)
print(sys.maxsize, sys.getrecursionlimit() > 0, sys.version_info >= (3, 8), sys.version_info.major, type(sys.platform).__name__, sys.exc_info())
try:
    raise KeyError('k')
except KeyError:
    t, v, tb = sys.exc_info()
    print(t.__name__, repr(v), tb is not None)
sys.setswitchinterval(0.01)
print(sys.getswitchinterval(), sys.gettrace())
"#####,
        r#####"sys.float_info(max=1.7976931348623157e+308, max_exp=1024, max_10_exp=308, min=2.2250738585072014e-308, min_exp=-1021, min_10_exp=-307, dig=15, mant_dig=53, epsilon=2.220446049250313e-16, radix=2, rounds=1)
sys.int_info(bits_per_digit=30, sizeof_digit=4, default_max_str_digits=4300, str_digits_check_threshold=640) 2305843009213693951 2.220446049250313e-16 True 2.220446049250313e-16
0 0 1114111 short utf-8 utf-8 False []
9223372036854775807 True True 3 str (None, None, None)
KeyError KeyError('k') True
0.01 None
"#####,
    );
}

#[test]
fn re_random_patterns_agree_with_cpython() {
    check(
        "re_random_patterns_agree_with_cpython",
        r#####"# A differential check: 300 random patterns (seeded) over fixed subjects; the checksum is python3's.
import re, random
rng = random.Random(6)
atoms = ['a', 'b', '.', '\\d', '\\w', '\\s', '[ab]', '[^a]', '\\b', '^', '$', '(a)', '(b|c)',
         '(?:ab)', '(?=a)', '(?!b)', '(?<=a)', '(?<!b)', '\\Z', '(?P<n>a)', '(a|)', '()',
         '\\1', '(?(1)a|b)', '(?i:A)', '\\B', '(?>a|ab)']
quants = ['', '', '*', '+', '?', '*?', '+?', '??', '{2}', '{1,2}', '{,2}', '{2,}', '*+']
anchors = ('^', '$', '\\b', '\\Z', '\\B')
subjects = ['', 'a', 'ab', 'aab', 'a b c', 'ba\n', 'xaxbx', '123 abc', 'abab', 'a\nb\n']

def gen(depth=0):
    parts = []
    for _ in range(rng.randint(1, 4)):
        if depth < 2 and rng.random() < 0.2:
            a = '(' + gen(depth + 1) + ('|' + gen(depth + 1) if rng.random() < 0.5 else '') + ')'
        else:
            a = rng.choice(atoms)
        parts.append(a + ('' if a in anchors else rng.choice(quants)))
    return ''.join(parts)

def digest(text):
    total = 0
    for i, ch in enumerate(text):
        total = (total * 31 + ord(ch)) % 1000000007
    return total

errors = 0
checksum = 0
for i in range(300):
    p = gen()
    flags = rng.choice([0, 0, re.I, re.M, re.S])
    try:
        c = re.compile(p, flags)
    except re.error as e:
        errors += 1
        checksum = (checksum + digest(str(e))) % 1000000007
        continue
    out = []
    for s in subjects:
        m = c.search(s)
        out.append((m.span(), m.groups(), m.lastindex) if m else None)
        out.append(c.findall(s))
        out.append(c.sub('<\\g<0>>', s))
        out.append(c.split(s))
        fm = c.fullmatch(s)
        out.append(fm.span() if fm else None)
    checksum = (checksum * 7 + digest(repr(out))) % 1000000007
print(errors, checksum)
print(re.match('((?:ab)??){1,2}', 'ab').groups(), [m.groups() for m in re.finditer('((?:ab)??){1,2}', 'ab')])
print(re.findall('(?(2)a|b)(c)?(x)', 'bx ax acx'))
"#####,
        r#####"46 422280052
('',) [('',), ('ab',), ('',)]
[('', 'x')]
"#####,
    );
}

#[test]
fn atexit_handlers_and_finalizers_run_at_exit() {
    check(
        "atexit_handlers_and_finalizers_run_at_exit",
        r#####"import atexit, weakref, sys
def g(a, b=2):
    print('g', a, b)
atexit.register(lambda: print('last registered runs first'))
def bad():
    print('bad runs')
atexit.register(bad)
atexit.register(g, 1, b=3)
print(atexit.register(g, 5) is g)
atexit.unregister(bad)
class Res:
    pass
r = Res()
weakref.finalize(r, print, 'finalizer at exit')
print('main done')
sys.exit(0)
"#####,
        r#####"True
main done
finalizer at exit
g 5 2
g 1 3
last registered runs first
"#####,
    );
}

#[test]
fn base64_binascii_and_errno() {
    check(
        "base64_binascii_and_errno",
        r#####"import base64, binascii, errno
data = bytes(range(256)) + b'hello world'
for n in range(0, 7):
    e = base64.b64encode(data[:n])
    print(e, base64.b64decode(e) == data[:n], base64.urlsafe_b64encode(b'\xfb\xff' * n), base64.b32encode(data[:n]), base64.b32decode(base64.b32encode(data[:n])) == data[:n])
print(base64.b64decode(base64.b64encode(data)) == data, base64.b64decode('aGk='), base64.urlsafe_b64decode('-_8='), base64.b64encode(b'\xfb\xff', altchars=b'-_'))
print(binascii.crc32(b'hello'), binascii.crc32(b'world', binascii.crc32(b'hello ')), binascii.hexlify(b'ab', '-'), binascii.hexlify(b'abcde', ':', 2), binascii.hexlify(b'abcde', b':', -2), binascii.b2a_hex(b'ab'), binascii.unhexlify('6869'))
for bad in [b'abc', b'a', b'ab!=', b'abcde', b'ab\ncd']:
    try:
        print(base64.b64decode(bad))
    except binascii.Error as e:
        print('Error', e)
for bad in [b'ab!=', b'=abc', b'ab==cd', b'abc=']:
    try:
        print(base64.b64decode(bad, validate=True))
    except binascii.Error as e:
        print('Error', e)
for f, a in [(binascii.unhexlify, b'abc'), (binascii.unhexlify, b'zz'), (base64.b64encode, 'x'), (base64.b64decode, 'é'), (base64.b16decode, b'zz'), (base64.b32decode, b'abc')]:
    try:
        f(a)
    except Exception as e:
        print(type(e).__name__, e)
print(base64.encodebytes(b'x' * 60), base64.decodebytes(b'eHh4\n'), base64.b16encode(b'hi'), base64.b16decode(b'6869'), base64.b32hexencode(b'hi'))
print(errno.ENOENT, errno.EAGAIN, errno.errorcode[11], errno.ECONNREFUSED, errno.errorcode[errno.EPIPE], issubclass(binascii.Error, ValueError))
"#####,
        r#####"b'' True b'' b'' True
b'AA==' True b'-_8=' b'AA======' True
b'AAE=' True b'-__7_w==' b'AAAQ====' True
b'AAEC' True b'-__7__v_' b'AAAQE===' True
b'AAECAw==' True b'-__7__v_-_8=' b'AAAQEAY=' True
b'AAECAwQ=' True b'-__7__v_-__7_w==' b'AAAQEAYE' True
b'AAECAwQF' True b'-__7__v_-__7__v_' b'AAAQEAYEAU======' True
True b'hi' b'\xfb\xff' b'-_8='
907060870 222957957 b'61-62' b'61:6263:6465' b'6162:6364:65' b'6162' b'hi'
Error Incorrect padding
Error Invalid base64-encoded string: number of data characters (1) cannot be 1 more than a multiple of 4
Error Incorrect padding
Error Invalid base64-encoded string: number of data characters (5) cannot be 1 more than a multiple of 4
b'i\xb7\x1d'
Error Only base64 data is allowed
Error Leading padding not allowed
Error Excess data after padding
b'i\xb7'
Error Odd-length string
Error Non-hexadecimal digit found
TypeError a bytes-like object is required, not 'str'
ValueError string argument should contain only ASCII characters
Error Non-base16 digit found
Error Incorrect padding
b'eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4\neHh4\n' b'xxx' b'6869' b'hi' b'D1KG===='
2 11 EAGAIN 111 EPIPE True
"#####,
    );
}

#[test]
fn hashlib_and_hmac_digests() {
    check(
        "hashlib_and_hmac_digests",
        r#####"import hashlib, hmac
for name in ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512']:
    h = hashlib.new(name, b'hello ')
    c = h.copy()
    h.update(b'world')
    print(name, h.hexdigest(), c.hexdigest()[:16], h.digest_size, h.block_size, h.name)
print(hashlib.sha256(b'abc').hexdigest(), hashlib.md5().hexdigest(), hashlib.sha1(bytearray(b'x')).digest())
print(hashlib.pbkdf2_hmac('sha256', b'password', b'salt', 100).hex(), hashlib.pbkdf2_hmac('sha1', b'pw', b'salt', 3, dklen=30).hex())
print(hmac.new(b'key', b'The quick brown fox jumps over the lazy dog', 'md5').hexdigest())
print(hmac.new(b'key', b'msg', hashlib.sha256).hexdigest(), hmac.digest(b'k' * 100, b'm', 'sha512').hex()[:32], hmac.new(b'k', digestmod='sha1').name)
print(hmac.compare_digest(b'abc', b'abc'), hmac.compare_digest('abc', 'abd'), 'sha256' in hashlib.algorithms_guaranteed)
for bad in [lambda: hashlib.sha256('text'), lambda: hashlib.new('nope'), lambda: hmac.new(b'k', b'm')]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
"#####,
        r#####"md5 5eb63bbbe01eeed093cb22bb8f5acdc3 f814893777bcc229 16 64 md5
sha1 2aae6c35c94fcfb415dbe95f408b9ce91ee846ed c4d871ad13ad00fd 20 64 sha1
sha224 2f05477fc24bb4faefd86517156dafdecec45b8ad3cf2522a563582b fd4ddb6699f418b0 28 64 sha224
sha256 b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9 5e3235a8346e5a45 32 64 sha256
sha384 fdbd8e75a67f29f701a4e040385e2e23986303ea10239211af907fcbb83578b3e417cb71ce646efd0819dd8c088de1bd 50e3cab9dbf35f26 48 128 sha384
sha512 309ecc489c12d6eb4cc40f50c902f2b4d0ed77ee511a7c7a9bcd3ca86d4cd86f989dd35bc5ff499670da34255b45b0cfd830e81f605dcf7dc5542e93ae9cd76f 303f1ee40e71fc22 64 128 sha512
ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad d41d8cd98f00b204e9800998ecf8427e b'\x11\xf6\xad\x8e\xc5*)\x84\xab\xaa\xfd|;Qe\x03x\\ r'
07e6997180cf7f12904f04100d405d34888fdf62af6d506a0ecc23b196fe99d8 b095208e7496b1a485a5dbe9532b318591fa266c167912590f36eb387421
80070713463e7749b90c2dc24911e275
2d93cbc1be167bcb1637a4a23cbff01a7878f0c50ee833954ea5221bb1b8c628 98673229a457fdd49a37fb6955d619f2 hmac-sha1
True False True
TypeError Strings must be encoded before hashing
ValueError unsupported hash type nope
TypeError Missing required parameter 'digestmod'.
"#####,
    );
}

#[test]
fn uuid_name_based_uuid3_uuid5() {
    check(
        "uuid_name_based_uuid3_uuid5",
        r#####"import uuid
print(uuid.uuid3(uuid.NAMESPACE_DNS, 'python.org'), uuid.uuid5(uuid.NAMESPACE_URL, 'http://x'))
"#####,
        r#####"6fa459ea-ee8a-3ca4-894e-db77e160355e c059942f-567e-54eb-aeb5-5fd9830bce43
"#####,
    );
}

#[test]
fn urllib_parse_split_join_quote_query() {
    check(
        "urllib_parse_split_join_quote_query",
        r#####"import urllib.parse
from urllib.parse import urlparse, urlsplit, urljoin, quote, unquote, urlencode, parse_qs, parse_qsl, quote_plus, unquote_plus, urlunparse, urldefrag
u = urlparse('HTTPS://user:pw@Example.COM:8443/a/b;p?q=1&r=2#frag')
print(u)
print(u.scheme, u.netloc, u.path, u.params, u.query, u.fragment, u.hostname, u.port, u.username, u.password, u.geturl())
s = urlsplit('http://[::1]:80/x?y#z')
print(s, s.hostname, s.port, urlsplit('//host/p'), urlsplit('mailto:a@b'), urlsplit('path/only?x'), urlsplit(' http://a/\tb'))
for base, rel in [('http://a/b/c/d;p?q', 'g'), ('http://a/b/c/d;p?q', './g'), ('http://a/b/c/d;p?q', '../g'), ('http://a/b/c/d;p?q', '../../../g'), ('http://a/b/c/d;p?q', '/g'), ('http://a/b/c/d;p?q', '//g'), ('http://a/b/c/d;p?q', '?y'), ('http://a/b/c/d;p?q', '#s'), ('http://a/b/c/d;p?q', ''), ('http://a/b/c/', '.'), ('http://a/b/', 'https://x/y'), ('http://a/b/c', '..')]:
    print(urljoin(base, rel))
print(quote('a b/c?d=é&~'), quote('a b/c', safe=''), quote_plus('a b&c=d/e'), quote(b'\x00\xff'), unquote('a%20b%2Fc%C3%A9%zz%4'), unquote_plus('a+b%2B'), unquote('%E2%82'))
print(urlencode({'a': 1, 'b': 'x y', 'c': 'é&'}), urlencode([('k', 'v'), ('k', 'w')]), urlencode({'k': ['a', 'b']}, doseq=True), urlencode({'k': ['a', 'b']}))
print(parse_qs('a=1&b=2&a=3&c=&d'), parse_qs('a=1&c=', keep_blank_values=True), parse_qsl('x=a+b&y=%26'), parse_qsl('a=1;b=2', separator=';'))
print(urlunparse(('http', 'h', '/p', 'x', 'q=1', 'f')), urldefrag('http://a/b#c'), urllib.parse.urlunsplit(('', '', 'p', '', '')))
for bad in ['http://[::1/x', 'http://h:99999/', 'http://h:abc/']:
    try:
        print(urlsplit(bad).port)
    except ValueError as e:
        print('ValueError', e)
"#####,
        r#####"ParseResult(scheme='https', netloc='user:pw@Example.COM:8443', path='/a/b', params='p', query='q=1&r=2', fragment='frag')
https user:pw@Example.COM:8443 /a/b p q=1&r=2 frag example.com 8443 user pw https://user:pw@Example.COM:8443/a/b;p?q=1&r=2#frag
SplitResult(scheme='http', netloc='[::1]:80', path='/x', query='y', fragment='z') ::1 80 SplitResult(scheme='', netloc='host', path='/p', query='', fragment='') SplitResult(scheme='mailto', netloc='', path='a@b', query='', fragment='') SplitResult(scheme='', netloc='', path='path/only', query='x', fragment='') SplitResult(scheme='http', netloc='a', path='/b', query='', fragment='')
http://a/b/c/g
http://a/b/c/g
http://a/b/g
http://a/g
http://a/g
http://g
http://a/b/c/d;p?y
http://a/b/c/d;p?q#s
http://a/b/c/d;p?q
http://a/b/c/
https://x/y
http://a/
a%20b/c%3Fd%3D%C3%A9%26~ a%20b%2Fc a+b%26c%3Dd%2Fe %00%FF a b/cé%zz%4 a b+ �
a=1&b=x+y&c=%C3%A9%26 k=v&k=w k=a&k=b k=%5B%27a%27%2C+%27b%27%5D
{'a': ['1', '3'], 'b': ['2']} {'a': ['1'], 'c': ['']} [('x', 'a b'), ('y', '&')] [('a', '1'), ('b', '2')]
http://h/p;x?q=1#f DefragResult(url='http://a/b', fragment='c') p
ValueError Invalid IPv6 URL
ValueError Port out of range 0-65535
ValueError Port could not be cast to integer value as 'abc'
"#####,
    );
}

#[test]
fn http_status_and_method_enums() {
    check(
        "http_status_and_method_enums",
        r#####"import http
from http import HTTPStatus, HTTPMethod
print(HTTPStatus.OK, repr(HTTPStatus.NOT_FOUND), HTTPStatus(404).phrase, HTTPStatus.NOT_FOUND.description, HTTPStatus.OK == 200, int(HTTPStatus.CREATED), f'{HTTPStatus.OK}')
print(HTTPStatus.IM_A_TEAPOT.phrase, HTTPStatus(503).name, len(HTTPStatus), HTTPStatus.OK in HTTPStatus)
print(HTTPMethod.GET, repr(HTTPMethod.POST), HTTPMethod.GET == 'GET', HTTPMethod('PUT').description, sorted(m.value for m in HTTPMethod)[:3])
try:
    HTTPStatus(999)
except ValueError as e:
    print(e)
"#####,
        r#####"200 <HTTPStatus.NOT_FOUND: 404> Not Found Nothing matches the given URI True 201 200
I'm a Teapot SERVICE_UNAVAILABLE 62 True
GET <HTTPMethod.POST> True Replace the target with the request payload. ['CONNECT', 'DELETE', 'GET']
999 is not a valid HTTPStatus
"#####,
    );
}

#[test]
fn fnmatch_glob_shlex_secrets_keyword() {
    check(
        "fnmatch_glob_shlex_secrets_keyword",
        r#####"import fnmatch, glob, shlex, secrets, keyword, os
for p in ['*.py', 'a*b*c', '[!a-c]?', '[]]', '[!]]', '[', 'a**b', '[a-]', '[z-a]x', '*', 'x[&~|]', '[^x]', '[!]']:
    print(repr(p), fnmatch.translate(p))
names = ['a.py', 'b.txt', 'abc', 'a.PY', '.hidden.py', 'x]', 'ab']
print(fnmatch.filter(names, '*.py'), fnmatch.fnmatch('abXc', 'a*b*c'), fnmatch.fnmatchcase('A.PY', '*.py'), fnmatch.filter(names, '[ab]?'))
base = '/tmp/percolate_glob_%d' % os.getpid()
os.makedirs(base + '/sub/deep', exist_ok=True)
for f in ['a.py', 'b.py', 'c.txt', '.h.py', 'sub/d.py', 'sub/deep/e.py']:
    open(os.path.join(base, f), 'w').close()
rel = lambda paths: sorted(os.path.relpath(p, base) for p in paths)
print(rel(glob.glob(base + '/*.py')), rel(glob.glob(base + '/*/*.py')), rel(glob.glob(base + '/**/*.py', recursive=True)), rel(glob.glob(base + '/s*')))
print(sorted(glob.glob('*.py', root_dir=base)), glob.glob(base + '/nope*'), glob.has_magic('a*'), glob.escape('a[b]*'), rel(glob.glob(base + '/c.txt')))
for f in ['sub/deep/e.py', 'sub/d.py', 'a.py', 'b.py', 'c.txt', '.h.py']:
    os.remove(os.path.join(base, f))
os.rmdir(base + '/sub/deep'); os.rmdir(base + '/sub'); os.rmdir(base)
print(shlex.split('a "b c" d\\ e \'f g\' "h\\"i" j#k # c', comments=True), shlex.split('x ""  \'\' y'), shlex.split('a"b c"d'))
print(shlex.quote(''), shlex.quote('abc'), shlex.quote("it's here"), shlex.join(['ls', '-l', 'my file']))
for bad in ['"abc', "'x", 'a\\']:
    try:
        shlex.split(bad)
    except ValueError as e:
        print(e)
print(len(secrets.token_hex(16)), len(secrets.token_bytes()), len(secrets.token_urlsafe(16)), 0 <= secrets.randbelow(10) < 10, secrets.choice('x'), secrets.compare_digest(b'a', b'a'))
print(keyword.iskeyword('async'), keyword.iskeyword('match'), keyword.issoftkeyword('match'), len(keyword.kwlist), keyword.kwlist[:5])
"#####,
        r#####"'*.py' (?s:.*\.py)\Z
'a*b*c' (?s:a(?>.*?b).*c)\Z
'[!a-c]?' (?s:[^a-c].)\Z
'[]]' (?s:[]])\Z
'[!]]' (?s:[^]])\Z
'[' (?s:\[)\Z
'a**b' (?s:a.*b)\Z
'[a-]' (?s:[a\-])\Z
'[z-a]x' (?s:(?!)x)\Z
'*' (?s:.*)\Z
'x[&~|]' (?s:x[\&\~\|])\Z
'[^x]' (?s:[\^x])\Z
'[!]' (?s:\[!\])\Z
['a.py', '.hidden.py'] True False ['ab']
['a.py', 'b.py'] ['sub/d.py'] ['a.py', 'b.py', 'sub/d.py', 'sub/deep/e.py'] ['sub']
['a.py', 'b.py'] [] True a[[]b][*] ['c.txt']
['a', 'b c', 'd e', 'f g', 'h"i', 'j'] ['x', '', '', 'y'] ['ab cd']
'' abc 'it'"'"'s here' ls -l 'my file'
No closing quotation
No closing quotation
No escaped character
32 32 22 True x True
True False True 35 ['False', 'None', 'True', 'and', 'as']
"#####,
    );
}

#[test]
fn concurrent_futures_executors_run_inline() {
    check(
        "concurrent_futures_executors_run_inline",
        r#####"import asyncio
import concurrent.futures as cf
from concurrent.futures import ThreadPoolExecutor
with ThreadPoolExecutor(max_workers=2) as ex:
    fut = ex.submit(pow, 2, 5)
    print(fut.result(), fut.done(), repr(fut).split(' state=')[1])
    print(list(ex.map(str, [1, 2, 3])), list(ex.map(pow, [2, 3], [2, 2])))
    bad = ex.submit(int, 'x')
    print(type(bad.exception()).__name__, repr(bad).split(' state=')[1])
    try:
        bad.result()
    except ValueError as e:
        print('raised', e)
    done = list(cf.as_completed([fut, bad]))
    print(len(done), cf.wait([fut, bad]).not_done)
print(cf.ALL_COMPLETED, cf.FIRST_COMPLETED, cf.FIRST_EXCEPTION, cf.CancelledError, cf.TimeoutError, cf.InvalidStateError)
f = cf.Future()
print(repr(f).split(' state=')[1], f.cancel(), f.cancelled(), repr(f).split(' state=')[1])
try:
    f.result()
except cf.CancelledError as e:
    print('cancelled', repr(e))
g = cf.Future()
g.add_done_callback(lambda x: print('callback', x.result()))
g.set_result(7)
try:
    g.set_result(8)
except cf.InvalidStateError as e:
    print('InvalidStateError')
try:
    ex.submit(print)
except RuntimeError as e:
    print(e)
async def main():
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor() as pool:
        print(await loop.run_in_executor(pool, sum, [1, 2, 3]))
asyncio.run(main())
"#####,
        r#####"32 True finished returned int>
['1', '2', '3'] [4, 9]
ValueError finished raised ValueError>
raised invalid literal for int() with base 10: 'x'
2 set()
ALL_COMPLETED FIRST_COMPLETED FIRST_EXCEPTION <class 'concurrent.futures._base.CancelledError'> <class 'TimeoutError'> <class 'concurrent.futures._base.InvalidStateError'>
pending> True True cancelled>
cancelled CancelledError()
callback 7
InvalidStateError
cannot schedule new futures after shutdown
6
"#####,
    );
}

#[test]
fn pathlib_pure_and_concrete_paths() {
    check(
        "pathlib_pure_and_concrete_paths",
        r#####"import os
from pathlib import Path, PurePosixPath, PurePath
p = PurePosixPath('/usr//lib/./python3/x.tar.gz')
print(repr(p), p.parts, p.name, p.suffix, p.suffixes, p.stem, p.parent, list(p.parents), p.anchor, p.root, repr(p.drive))
print(repr(Path('')), repr(Path('a/')), repr(Path('//a')), repr(Path('///a')), Path('a') / 'b' / '/c', 'x' / Path('y'), Path('a', 'b/c'), repr(PurePath('q')))
print(p.with_name('y.txt'), p.with_suffix('.bz2'), p.with_stem('z'), PurePosixPath('a/b').relative_to('a'), p.is_absolute(), p.match('*.gz'), p.match('lib/*/*.gz'), p.match('/x.tar.gz'), p.as_posix())
for f in [lambda: p.with_suffix('gz'), lambda: PurePosixPath('/').with_name('x')]:
    try:
        f()
    except ValueError as e:
        print(e)
print(PurePosixPath('a') == PurePosixPath('a/'), PurePosixPath('a') < PurePosixPath('b'), hash(PurePosixPath('a')) == hash(PurePosixPath('a')), repr(PurePosixPath('.').name), repr(PurePosixPath('.').parent), PurePosixPath('a/b').parent.parent)
print(str(Path('/').parent), repr(Path('x.').suffix), repr(Path('.bashrc').suffix), Path('a/..').parts, sorted([Path('b'), Path('a/c'), Path('a')]), os.fspath(Path('z')), Path('a').joinpath('b', 'c'))
base = Path('/tmp') / ('percolate_pathlib_%d' % os.getpid())
(base / 'sub' / 'deep').mkdir(parents=True)
(base / 'a.txt').write_text('hello')
(base / 'b.bin').write_bytes(b'\x00\x01')
(base / 'sub' / 'c.txt').touch()
print((base / 'a.txt').read_text(), (base / 'b.bin').read_bytes(), (base / 'a.txt').exists(), base.is_dir(), (base / 'a.txt').is_file(), (base / 'a.txt').stat().st_size)
print(sorted(x.name for x in base.iterdir()), sorted(str(x.relative_to(base)) for x in base.glob('*.txt')), sorted(str(x.relative_to(base)) for x in base.rglob('*.txt')))
(base / 'a.txt').rename(base / 'd.txt')
print(sorted(x.name for x in base.iterdir()), Path.cwd() == Path(os.getcwd()), Path('rel').absolute().is_absolute())
(base / 'd.txt').unlink(); (base / 'b.bin').unlink(); (base / 'sub' / 'c.txt').unlink(); (base / 'nope').unlink(missing_ok=True)
(base / 'sub' / 'deep').rmdir(); (base / 'sub').rmdir(); base.rmdir()
print(base.exists())
try:
    (base / 'x').mkdir()
except FileNotFoundError as e:
    print('FileNotFoundError', e.errno)
"#####,
        r#####"PurePosixPath('/usr/lib/python3/x.tar.gz') ('/', 'usr', 'lib', 'python3', 'x.tar.gz') x.tar.gz .gz ['.tar', '.gz'] x.tar /usr/lib/python3 [PurePosixPath('/usr/lib/python3'), PurePosixPath('/usr/lib'), PurePosixPath('/usr'), PurePosixPath('/')] / / ''
PosixPath('.') PosixPath('a') PosixPath('//a') PosixPath('/a') /c x/y a/b/c PurePosixPath('q')
/usr/lib/python3/y.txt /usr/lib/python3/x.tar.bz2 /usr/lib/python3/z.gz b True True True False /usr/lib/python3/x.tar.gz
Invalid suffix 'gz'
PurePosixPath('/') has an empty name
True True True '' PurePosixPath('.') .
/ '' '' ('a', '..') [PosixPath('a'), PosixPath('a/c'), PosixPath('b')] z a/b/c
hello b'\x00\x01' True True True 5
['a.txt', 'b.bin', 'sub'] ['a.txt'] ['a.txt', 'sub/c.txt']
['b.bin', 'd.txt', 'sub'] True True
False
FileNotFoundError 2
"#####,
    );
}

#[test]
fn tempfile_and_shutil() {
    check(
        "tempfile_and_shutil",
        r#####"import tempfile, shutil, os
print(tempfile.gettempdir() == os.path.abspath(os.environ.get('TMPDIR') or '/tmp'), tempfile.gettempprefix())
with tempfile.TemporaryDirectory(prefix='perc_') as d:
    print(os.path.isdir(d), os.path.basename(d).startswith('perc_'))
    src = os.path.join(d, 'a.txt')
    with open(src, 'w') as f:
        f.write('data')
    os.makedirs(os.path.join(d, 'tree', 'inner'))
    with open(os.path.join(d, 'tree', 'inner', 'x'), 'w') as f:
        f.write('x')
    print(os.path.basename(shutil.copy(src, os.path.join(d, 'b.txt'))), open(os.path.join(d, 'b.txt')).read())
    shutil.copytree(os.path.join(d, 'tree'), os.path.join(d, 'tree2'))
    print(sorted(os.listdir(os.path.join(d, 'tree2', 'inner'))))
    shutil.move(os.path.join(d, 'b.txt'), os.path.join(d, 'c.txt'))
    shutil.rmtree(os.path.join(d, 'tree'))
    print(sorted(os.listdir(d)))
    try:
        shutil.copyfile(src, src)
    except shutil.SameFileError as e:
        print('SameFileError')
print(os.path.exists(d))
t = tempfile.mkdtemp(suffix='.d')
print(t.endswith('.d'), os.path.isdir(t))
os.rmdir(t)
with tempfile.NamedTemporaryFile('w', suffix='.txt') as f:
    f.write('hi')
    name = f.name
    print(name.endswith('.txt'), os.path.exists(name))
print(os.path.exists(name), shutil.which('sh') is not None, shutil.which('definitely-not-a-command'))
"#####,
        r#####"True tmp
True True
b.txt data
['x']
['a.txt', 'c.txt', 'tree2']
SameFileError
False
True True
True True
False True None
"#####,
    );
}

#[test]
fn argparse_parsing_help_and_errors() {
    check(
        "argparse_parsing_help_and_errors",
        r#####"import argparse, sys, io, contextlib
p = argparse.ArgumentParser(prog='tool', description='Does things with files and numbers, a long description that will need to wrap around the width.', epilog='see docs')
p.add_argument('src', help='source file')
p.add_argument('dst', nargs='?', default='out.txt', help='destination (default: %(default)s)')
p.add_argument('-n', '--count', type=int, default=3, help='how many')
p.add_argument('-v', '--verbose', action='store_true', help='talk more')
p.add_argument('-q', action='count', default=0)
p.add_argument('--mode', choices=['fast', 'slow'], default='fast', help='speed')
p.add_argument('--tag', action='append', help='tags to add; may repeat. This help text is long enough that it must be wrapped onto more lines')
p.add_argument('--pair', nargs=2, metavar=('K', 'V'))
p.add_argument('--items', nargs='*', default=[])
p.add_argument('--very-long-option-name', dest='long', help='goes on its own line')
print(p.parse_args(['a.txt']))
print(p.parse_args(['a.txt', 'b.txt', '-n', '5', '-vqq', '--mode=slow', '--tag', 'x', '--tag=y', '--pair', 'k', 'v', '--items', '1', '2']))
print(p.parse_args(['--count', '7', 'x', '--verbose', '--very', 'L']))
print(p.parse_known_args(['x', '--unknown', 'z']))
p.print_help()
p.print_usage()
for argv in [[], ['x', '-n', 'abc'], ['x', '--mode', 'medium'], ['x', 'y', 'z'], ['x', '--pair', 'a'], ['x', '-n'], ['x', '--co', '1', '--c']]:
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err):
            p.parse_args(argv)
    except SystemExit as e:
        print('exit', e.code, repr(err.getvalue()))
out = io.StringIO()
try:
    with contextlib.redirect_stdout(out):
        p.parse_args(['-h'])
except SystemExit as e:
    print('help exit', e.code, out.getvalue().splitlines()[0])
ns = argparse.Namespace(a=1, b='x')
print(ns, ns.a, vars(ns), argparse.Namespace() == argparse.Namespace(), 'a' in ns)
q = argparse.ArgumentParser(prog='git')
q.add_argument('--debug', action='store_true')
sub = q.add_subparsers(dest='cmd', help='sub-command help')
c = sub.add_parser('commit', help='record changes')
c.add_argument('-m', '--message', required=True)
pu = sub.add_parser('push')
pu.add_argument('remote', nargs='?', default='origin')
print(q.parse_args(['commit', '-m', 'hi']), q.parse_args(['--debug', 'push']), q.parse_args([]))
q.print_help()
c.print_usage()
g = argparse.ArgumentParser(prog='g')
grp = g.add_mutually_exclusive_group()
grp.add_argument('-a', action='store_true')
grp.add_argument('-b', action='store_true')
g.add_argument('--flag', action=argparse.BooleanOptionalAction, default=True)
g.set_defaults(extra=42)
print(g.parse_args(['-a', '--no-flag']), g.get_default('extra'))
g.print_help()
err = io.StringIO()
try:
    with contextlib.redirect_stderr(err):
        g.parse_args(['-a', '-b'])
except SystemExit as e:
    print('exit', e.code, repr(err.getvalue()))
"#####,
        r#####"Namespace(src='a.txt', dst='out.txt', count=3, verbose=False, q=0, mode='fast', tag=None, pair=None, items=[], long=None)
Namespace(src='a.txt', dst='b.txt', count=5, verbose=True, q=2, mode='slow', tag=['x', 'y'], pair=['k', 'v'], items=['1', '2'], long=None)
Namespace(src='x', dst='out.txt', count=7, verbose=True, q=0, mode='fast', tag=None, pair=None, items=[], long='L')
(Namespace(src='x', dst='out.txt', count=3, verbose=False, q=0, mode='fast', tag=None, pair=None, items=[], long=None), ['--unknown', 'z'])
usage: tool [-h] [-n COUNT] [-v] [-q] [--mode {fast,slow}] [--tag TAG]
            [--pair K V] [--items [ITEMS ...]] [--very-long-option-name LONG]
            src [dst]

Does things with files and numbers, a long description that will need to wrap
around the width.

positional arguments:
  src                   source file
  dst                   destination (default: out.txt)

options:
  -h, --help            show this help message and exit
  -n COUNT, --count COUNT
                        how many
  -v, --verbose         talk more
  -q
  --mode {fast,slow}    speed
  --tag TAG             tags to add; may repeat. This help text is long enough
                        that it must be wrapped onto more lines
  --pair K V
  --items [ITEMS ...]
  --very-long-option-name LONG
                        goes on its own line

see docs
usage: tool [-h] [-n COUNT] [-v] [-q] [--mode {fast,slow}] [--tag TAG]
            [--pair K V] [--items [ITEMS ...]] [--very-long-option-name LONG]
            src [dst]
exit 2 'usage: tool [-h] [-n COUNT] [-v] [-q] [--mode {fast,slow}] [--tag TAG]\n            [--pair K V] [--items [ITEMS ...]] [--very-long-option-name LONG]\n            src [dst]\ntool: error: the following arguments are required: src\n'
exit 2 "usage: tool [-h] [-n COUNT] [-v] [-q] [--mode {fast,slow}] [--tag TAG]\n            [--pair K V] [--items [ITEMS ...]] [--very-long-option-name LONG]\n            src [dst]\ntool: error: argument -n/--count: invalid int value: 'abc'\n"
exit 2 "usage: tool [-h] [-n COUNT] [-v] [-q] [--mode {fast,slow}] [--tag TAG]\n            [--pair K V] [--items [ITEMS ...]] [--very-long-option-name LONG]\n            src [dst]\ntool: error: argument --mode: invalid choice: 'medium' (choose from 'fast', 'slow')\n"
exit 2 'usage: tool [-h] [-n COUNT] [-v] [-q] [--mode {fast,slow}] [--tag TAG]\n            [--pair K V] [--items [ITEMS ...]] [--very-long-option-name LONG]\n            src [dst]\ntool: error: unrecognized arguments: z\n'
exit 2 'usage: tool [-h] [-n COUNT] [-v] [-q] [--mode {fast,slow}] [--tag TAG]\n            [--pair K V] [--items [ITEMS ...]] [--very-long-option-name LONG]\n            src [dst]\ntool: error: argument --pair: expected 2 arguments\n'
exit 2 'usage: tool [-h] [-n COUNT] [-v] [-q] [--mode {fast,slow}] [--tag TAG]\n            [--pair K V] [--items [ITEMS ...]] [--very-long-option-name LONG]\n            src [dst]\ntool: error: argument -n/--count: expected one argument\n'
exit 2 'usage: tool [-h] [-n COUNT] [-v] [-q] [--mode {fast,slow}] [--tag TAG]\n            [--pair K V] [--items [ITEMS ...]] [--very-long-option-name LONG]\n            src [dst]\ntool: error: argument -n/--count: expected one argument\n'
help exit 0 usage: tool [-h] [-n COUNT] [-v] [-q] [--mode {fast,slow}] [--tag TAG]
Namespace(a=1, b='x') 1 {'a': 1, 'b': 'x'} True True
Namespace(debug=False, cmd='commit', message='hi') Namespace(debug=True, cmd='push', remote='origin') Namespace(debug=False, cmd=None)
usage: git [-h] [--debug] {commit,push} ...

positional arguments:
  {commit,push}  sub-command help
    commit       record changes

options:
  -h, --help     show this help message and exit
  --debug
usage: git commit [-h] -m MESSAGE
Namespace(a=True, b=False, flag=False, extra=42) 42
usage: g [-h] [-a | -b] [--flag | --no-flag]

options:
  -h, --help         show this help message and exit
  -a
  -b
  --flag, --no-flag
exit 2 'usage: g [-h] [-a | -b] [--flag | --no-flag]\ng: error: argument -b: not allowed with argument -a\n'
"#####,
    );
}

#[test]
fn argparse_actions_groups_and_formatters() {
    check(
        "argparse_actions_groups_and_formatters",
        r#####"import argparse, io, contextlib
def run(parser, argv):
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            result = parser.parse_args(argv)
        print(result)
    except SystemExit as e:
        print('exit', e.code, repr(out.getvalue()), repr(err.getvalue()))
p = argparse.ArgumentParser(prog='calc', formatter_class=argparse.ArgumentDefaultsHelpFormatter)
p.add_argument('--version', action='version', version='%(prog)s 1.0')
p.add_argument('numbers', nargs='+', type=float, metavar='N', help='values')
p.add_argument('--op', dest='operation', default='sum', help='operation')
p.add_argument('--const', action='store_const', const=42)
p.add_argument('--x', action='append_const', const='X', dest='letters')
p.add_argument('--y', action='append_const', const='Y', dest='letters')
g = p.add_argument_group('tuning', 'Knobs that change the computation.')
g.add_argument('--scale', type=int, default=1, help='multiplier')
run(p, ['1', '2.5', '--op', 'max', '--const', '--x', '--y', '--x'])
run(p, ['--', '-1', '-2'])
run(p, ['-5', '3'])
run(p, ['--version'])
run(p, [])
run(p, ['a'])
run(p, ['1', '--scale', 'big'])
run(p, ['-h'])
q = argparse.ArgumentParser(prog='req')
m = q.add_mutually_exclusive_group(required=True)
m.add_argument('--json', action='store_true')
m.add_argument('--text', action='store_true')
q.add_argument('files', nargs='*')
q.add_argument('--level', type=int, choices=range(1, 4), default=1)
run(q, ['--json', 'a', 'b'])
run(q, ['a'])
run(q, ['--text', '--level', '5'])
run(q, ['--text', '--level=2', '--', '--json'])
q.print_help()
e = argparse.ArgumentParser(prog='e', exit_on_error=False)
e.add_argument('--n', type=int)
try:
    e.parse_args(['--n', 'x'])
except argparse.ArgumentError as err:
    print('ArgumentError', err)
r = argparse.ArgumentParser(prog='r', description='''First line.
   Indented second line.''', formatter_class=argparse.RawDescriptionHelpFormatter)
r.add_argument('-o', '--output', metavar='PATH', required=True, help='where to write')
r.print_help()
run(r, ['-oout.txt'])
run(r, ['--out', 'x'])
"#####,
        r#####"Namespace(numbers=[1.0, 2.5], operation='max', const=42, letters=['X', 'Y', 'X'], scale=1)
Namespace(numbers=[-1.0, -2.0], operation='sum', const=None, letters=None, scale=1)
Namespace(numbers=[-5.0, 3.0], operation='sum', const=None, letters=None, scale=1)
exit 0 'calc 1.0\n' ''
exit 2 '' 'usage: calc [-h] [--version] [--op OPERATION] [--const] [--x] [--y]\n            [--scale SCALE]\n            N [N ...]\ncalc: error: the following arguments are required: N\n'
exit 2 '' "usage: calc [-h] [--version] [--op OPERATION] [--const] [--x] [--y]\n            [--scale SCALE]\n            N [N ...]\ncalc: error: argument N: invalid float value: 'a'\n"
exit 2 '' "usage: calc [-h] [--version] [--op OPERATION] [--const] [--x] [--y]\n            [--scale SCALE]\n            N [N ...]\ncalc: error: argument --scale: invalid int value: 'big'\n"
exit 0 "usage: calc [-h] [--version] [--op OPERATION] [--const] [--x] [--y]\n            [--scale SCALE]\n            N [N ...]\n\npositional arguments:\n  N               values\n\noptions:\n  -h, --help      show this help message and exit\n  --version       show program's version number and exit\n  --op OPERATION  operation (default: sum)\n  --const\n  --x\n  --y\n\ntuning:\n  Knobs that change the computation.\n\n  --scale SCALE   multiplier (default: 1)\n" ''
Namespace(json=True, text=False, files=['a', 'b'], level=1)
exit 2 '' 'usage: req [-h] (--json | --text) [--level {1,2,3}] [files ...]\nreq: error: one of the arguments --json --text is required\n'
exit 2 '' 'usage: req [-h] (--json | --text) [--level {1,2,3}] [files ...]\nreq: error: argument --level: invalid choice: 5 (choose from 1, 2, 3)\n'
Namespace(json=False, text=True, files=['--json'], level=2)
usage: req [-h] (--json | --text) [--level {1,2,3}] [files ...]

positional arguments:
  files

options:
  -h, --help       show this help message and exit
  --json
  --text
  --level {1,2,3}
ArgumentError argument --n: invalid int value: 'x'
usage: r [-h] -o PATH

First line.
   Indented second line.

options:
  -h, --help            show this help message and exit
  -o PATH, --output PATH
                        where to write
Namespace(output='out.txt')
Namespace(output='x')
"#####,
    );
}

#[test]
fn csv_reader_writer_and_dicts() {
    check(
        "csv_reader_writer_and_dicts",
        r#####"import csv, io
buf = io.StringIO()
w = csv.writer(buf)
print(w.writerow(['name', 'note', 'n']))
w.writerow(['alice', 'says "hi", twice', 3])
w.writerow(['bob', 'multi\nline', 2.5])
w.writerow(['', None, True])
w.writerow([''])
w.writerows([['x', 'y'], ['a,b', 'c']])
text = buf.getvalue()
print(repr(text))
rows = list(csv.reader(io.StringIO(text, newline='')))
print(rows)
r = csv.reader(['a,b', '"c,d",e', '', ' f, "g"'], skipinitialspace=True)
print(list(r), r.line_num)
print(list(csv.reader(['1,"two",3.5'], quoting=csv.QUOTE_NONNUMERIC)))
print(list(csv.reader(['a;b;"c;d"'], delimiter=';')), list(csv.reader(['a\tb'], dialect='excel-tab')))
out = io.StringIO()
csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator='\n').writerow(['a', 1, None])
csv.writer(out, quoting=csv.QUOTE_NONNUMERIC).writerow(['a', 1, 2.0])
csv.writer(out, delimiter='|', quoting=csv.QUOTE_NONE, escapechar='\\').writerow(['a|b', 'c'])
print(repr(out.getvalue()))
try:
    csv.writer(io.StringIO(), quoting=csv.QUOTE_NONE).writerow(['a,b'])
except csv.Error as e:
    print('Error', e)
try:
    list(csv.reader(['a,"b"x'], strict=True))
except csv.Error as e:
    print('Error', e)
data = io.StringIO('id,name,score\n1,ann,9.5\n2,bo\n\n3,cy,7,extra\n')
dr = csv.DictReader(data)
print(dr.fieldnames)
for row in dr:
    print(row)
out = io.StringIO()
dw = csv.DictWriter(out, fieldnames=['id', 'name'], restval='?')
dw.writeheader()
dw.writerow({'id': 1, 'name': 'x'})
dw.writerows([{'id': 2}])
print(repr(out.getvalue()))
try:
    dw.writerow({'id': 3, 'bad': 1})
except ValueError as e:
    print(e)
csv.register_dialect('pipes', delimiter='|')
print(list(csv.reader(['a|b'], 'pipes')), 'pipes' in csv.list_dialects(), csv.get_dialect('excel').delimiter, csv.QUOTE_MINIMAL, csv.QUOTE_NONE)
print(list(csv.reader(['"unterminated'])))
"#####,
        r#####"13
'name,note,n\r\nalice,"says ""hi"", twice",3\r\nbob,"multi\nline",2.5\r\n,,True\r\n""\r\nx,y\r\n"a,b",c\r\n'
[['name', 'note', 'n'], ['alice', 'says "hi", twice', '3'], ['bob', 'multi\nline', '2.5'], ['', '', 'True'], [''], ['x', 'y'], ['a,b', 'c']]
[['a', 'b'], ['c,d', 'e'], [], ['f', 'g']] 4
[[1.0, 'two', 3.5]]
[['a', 'b', 'c;d']] [['a', 'b']]
'"a","1",""\n"a",1,2.0\r\na\\|b|c\r\n'
Error need to escape, but no escapechar set
Error ',' expected after '"'
['id', 'name', 'score']
{'id': '1', 'name': 'ann', 'score': '9.5'}
{'id': '2', 'name': 'bo', 'score': None}
{'id': '3', 'name': 'cy', 'score': '7', None: ['extra']}
'id,name\r\n1,x\r\n2,?\r\n'
dict contains fields not in fieldnames: 'bad'
[['a', 'b']] True , 0 3
[['unterminated']]
"#####,
    );
}

#[test]
fn abc_register_subclasshook_and_numbers() {
    check(
        "abc_register_subclasshook_and_numbers",
        r#####"import abc, collections.abc, numbers
print(isinstance([], collections.abc.Sequence), isinstance(1, collections.abc.Hashable), issubclass(list, collections.abc.Iterable))
class A(abc.ABC):
    pass
print(A.register(int) is int, isinstance(1, A), issubclass(int, A), isinstance('x', A), issubclass(bool, A))
class B(metaclass=abc.ABCMeta):
    pass
class C(B):
    pass
C.register(float)
print(isinstance(1.5, C), isinstance(1.5, B), issubclass(float, B), isinstance(C(), B), isinstance(B(), C), issubclass(C, B))
class D(abc.ABC):
    @classmethod
    def __subclasshook__(cls, other):
        return hasattr(other, 'quack') or NotImplemented
class Duck:
    def quack(self):
        pass
print(isinstance(Duck(), D), isinstance(1, D), issubclass(Duck, D))
for bad in [lambda: A.register(3), lambda: issubclass(3, A)]:
    try:
        bad()
    except TypeError as e:
        print(e)
try:
    C.register(B)
except RuntimeError as e:
    print(e)
print(isinstance(1, numbers.Integral), isinstance(1, numbers.Number), isinstance(1.5, numbers.Real), isinstance(1.5, numbers.Integral), isinstance(True, numbers.Integral), isinstance('x', numbers.Number), issubclass(numbers.Integral, numbers.Rational), isinstance(1, numbers.Rational), isinstance(2.0, numbers.Complex))
class MyNum(numbers.Real):
    pass
try:
    MyNum()
except TypeError as e:
    print('TypeError', str(e).split(' with')[0])
"#####,
        r#####"True True True
True True True False True
True True True True False True
True False True
Can only register classes
issubclass() arg 1 must be a class
Refusing to create an inheritance cycle
True True True False True False True True True
TypeError Can't instantiate abstract class MyNum
"#####,
    );
}

#[test]
fn html_escape_unescape_and_entities() {
    check(
        "html_escape_unescape_and_entities",
        r#####"import html, html.entities
print(html.escape('<a href="x">&\'</a>'), html.escape('<"', quote=False))
print(html.unescape('&lt;&amp;&gt;&quot;&#39;&#x41;&#65;&copy;&notanentity;&amp&ampx&#0;&#x110000;&#128;&nbsp;&NotEqualTilde;&#xD800;&#1;'))
print(html.entities.name2codepoint['eacute'], html.entities.codepoint2name[233], html.entities.entitydefs['amp'], html.entities.html5['gt;'], len(html.entities.html5))
print(html.unescape('no refs'), html.unescape('&unknown; & &#; &#x;'))
"#####,
        r#####"&lt;a href=&quot;x&quot;&gt;&amp;&#x27;&lt;/a&gt; &lt;"
<&>"'AA©¬anentity;&&x��€ ≂̸�
233 eacute & > 2231
no refs &unknown; & &#; &#x;
"#####,
    );
}

#[test]
fn calendar_text_calendars_and_timegm() {
    check(
        "calendar_text_calendars_and_timegm",
        r#####"import calendar, time
print(calendar.timegm((2024, 3, 1, 12, 0, 0)), calendar.timegm(time.gmtime(1700000000)), calendar.isleap(2024), calendar.leapdays(2000, 2025), calendar.weekday(2024, 3, 1), calendar.monthrange(2024, 2), calendar.month_name[3], calendar.day_abbr[0], list(calendar.month_abbr)[:3], calendar.MONDAY, calendar.firstweekday())
print(calendar.monthcalendar(2024, 2))
print(calendar.month(2024, 2))
print(repr(calendar.month(2024, 2, w=3, l=2)))
print(calendar.calendar(2024))
calendar.prmonth(2023, 12)
cal = calendar.TextCalendar(calendar.SUNDAY)
print(cal.formatmonth(2024, 9), list(cal.iterweekdays()), cal.monthdatescalendar(2024, 2)[0][:2])
try:
    calendar.monthrange(2024, 13)
except calendar.IllegalMonthError as e:
    print(e)
print(calendar.weekheader(3), calendar.Calendar().monthdays2calendar(2024, 1)[0])
"#####,
        r#####"1709294400 1700000000 True 7 4 (3, 29) March Mon ['', 'Jan', 'Feb'] 0 0
[[0, 0, 0, 1, 2, 3, 4], [5, 6, 7, 8, 9, 10, 11], [12, 13, 14, 15, 16, 17, 18], [19, 20, 21, 22, 23, 24, 25], [26, 27, 28, 29, 0, 0, 0]]
   February 2024
Mo Tu We Th Fr Sa Su
          1  2  3  4
 5  6  7  8  9 10 11
12 13 14 15 16 17 18
19 20 21 22 23 24 25
26 27 28 29

'       February 2024\n\nMon Tue Wed Thu Fri Sat Sun\n\n              1   2   3   4\n\n  5   6   7   8   9  10  11\n\n 12  13  14  15  16  17  18\n\n 19  20  21  22  23  24  25\n\n 26  27  28  29\n\n'
                                  2024

      January                   February                   March
Mo Tu We Th Fr Sa Su      Mo Tu We Th Fr Sa Su      Mo Tu We Th Fr Sa Su
 1  2  3  4  5  6  7                1  2  3  4                   1  2  3
 8  9 10 11 12 13 14       5  6  7  8  9 10 11       4  5  6  7  8  9 10
15 16 17 18 19 20 21      12 13 14 15 16 17 18      11 12 13 14 15 16 17
22 23 24 25 26 27 28      19 20 21 22 23 24 25      18 19 20 21 22 23 24
29 30 31                  26 27 28 29               25 26 27 28 29 30 31

       April                      May                       June
Mo Tu We Th Fr Sa Su      Mo Tu We Th Fr Sa Su      Mo Tu We Th Fr Sa Su
 1  2  3  4  5  6  7             1  2  3  4  5                      1  2
 8  9 10 11 12 13 14       6  7  8  9 10 11 12       3  4  5  6  7  8  9
15 16 17 18 19 20 21      13 14 15 16 17 18 19      10 11 12 13 14 15 16
22 23 24 25 26 27 28      20 21 22 23 24 25 26      17 18 19 20 21 22 23
29 30                     27 28 29 30 31            24 25 26 27 28 29 30

        July                     August                  September
Mo Tu We Th Fr Sa Su      Mo Tu We Th Fr Sa Su      Mo Tu We Th Fr Sa Su
 1  2  3  4  5  6  7                1  2  3  4                         1
 8  9 10 11 12 13 14       5  6  7  8  9 10 11       2  3  4  5  6  7  8
15 16 17 18 19 20 21      12 13 14 15 16 17 18       9 10 11 12 13 14 15
22 23 24 25 26 27 28      19 20 21 22 23 24 25      16 17 18 19 20 21 22
29 30 31                  26 27 28 29 30 31         23 24 25 26 27 28 29
                                                    30

      October                   November                  December
Mo Tu We Th Fr Sa Su      Mo Tu We Th Fr Sa Su      Mo Tu We Th Fr Sa Su
    1  2  3  4  5  6                   1  2  3                         1
 7  8  9 10 11 12 13       4  5  6  7  8  9 10       2  3  4  5  6  7  8
14 15 16 17 18 19 20      11 12 13 14 15 16 17       9 10 11 12 13 14 15
21 22 23 24 25 26 27      18 19 20 21 22 23 24      16 17 18 19 20 21 22
28 29 30 31               25 26 27 28 29 30         23 24 25 26 27 28 29
                                                    30 31

   December 2023
Mo Tu We Th Fr Sa Su
             1  2  3
 4  5  6  7  8  9 10
11 12 13 14 15 16 17
18 19 20 21 22 23 24
25 26 27 28 29 30 31
   September 2024
Su Mo Tu We Th Fr Sa
 1  2  3  4  5  6  7
 8  9 10 11 12 13 14
15 16 17 18 19 20 21
22 23 24 25 26 27 28
29 30
 [6, 0, 1, 2, 3, 4, 5] [datetime.date(2024, 1, 28), datetime.date(2024, 1, 29)]
bad month number 13; must be 1-12
Mon Tue Wed Thu Fri Sat Sun [(1, 0), (2, 1), (3, 2), (4, 3), (5, 4), (6, 5), (7, 6)]
"#####,
    );
}

#[test]
fn platform_importlib_gettext_getopt() {
    check(
        "platform_importlib_gettext_getopt",
        r#####"import platform, importlib, gettext, getopt, os, sys
u = os.uname()
print(platform.system() == u.sysname == 'Linux', platform.machine() == u.machine, platform.release() == u.release, platform.node() == u.nodename, type(u).__name__, len(u))
print(platform.uname()._fields, platform.architecture(), platform.python_version_tuple()[0])
print(importlib.import_module('json').dumps([1]), importlib.import_module('os.path') is os.path, importlib.import_module('.path', 'os') is os.path)
try:
    importlib.import_module('.x')
except TypeError as e:
    print(e)
try:
    importlib.import_module('no_such_module_xyz')
except ModuleNotFoundError as e:
    print(e)
_ = gettext.gettext
print(_('hello'), gettext.ngettext('file', 'files', 2), gettext.translation('x', fallback=True).gettext('y'))
print(getopt.getopt(['-a', '-b', 'val', '--long=x', '--flag', 'rest', '-c'], 'ab:c', ['long=', 'flag']))
print(getopt.gnu_getopt(['rest', '-a', '--fl', 'more'], 'a', ['flag']))
for bad in [(['-z'], 'a', []), (['--lo'], '', ['long=', 'loud']), (['-b'], 'b:', [])]:
    try:
        getopt.getopt(*bad)
    except getopt.GetoptError as e:
        print(e, repr(e.opt))
"#####,
        r#####"True True True True uname_result 5
('system', 'node', 'release', 'version', 'machine', 'processor') ('64bit', 'ELF') 3
[1] True True
the 'package' argument is required to perform a relative import for '.x'
No module named 'no_such_module_xyz'
hello files y
([('-a', ''), ('-b', 'val'), ('--long', 'x'), ('--flag', '')], ['rest', '-c'])
([('-a', ''), ('--flag', '')], ['rest', 'more'])
option -z not recognized 'z'
option --lo not a unique prefix 'lo'
option -b requires argument 'b'
"#####,
    );
}

#[test]
fn enum_mixins_keep_enum_str_and_format() {
    check(
        "enum_mixins_keep_enum_str_and_format",
        r#"from enum import Enum, IntEnum, StrEnum, Flag, IntFlag, auto
class State(str, Enum):
    UP = "up"
    DOWN = "down"
class Num(int, Enum):
    ONE = 1
class S(StrEnum):
    A = auto()
class I(IntEnum):
    X = 3
class F(Flag):
    R = auto()
class Custom(str, Enum):
    Q = "q"
    def __str__(self):
        return "custom-" + self.value
for m in [State.UP, Num.ONE, S.A, I.X, F.R, IntFlag("P", "A B").A if False else I.X, Custom.Q]:
    print(str(m), repr(m), f"{m}", "%s" % m, format(m, ""))
print(State.UP == "up", State.UP.upper(), Num.ONE + 1)
"#,
        "State.UP <State.UP: 'up'> State.UP State.UP State.UP\n\
         Num.ONE <Num.ONE: 1> Num.ONE Num.ONE Num.ONE\n\
         a <S.A: 'a'> a a a\n\
         3 <I.X: 3> 3 3 3\n\
         F.R <F.R: 1> F.R F.R F.R\n\
         3 <I.X: 3> 3 3 3\n\
         custom-q <Custom.Q: 'q'> custom-q custom-q custom-q\n\
         True UP 2\n\
         ",
    );
}

#[test]
fn email_utils_dates_and_addresses() {
    check(
        "email_utils_dates_and_addresses",
        r#####"from email.utils import formatdate, format_datetime, parsedate, parsedate_tz, parsedate_to_datetime, mktime_tz, formataddr, parseaddr, quote, unquote
import email.utils, datetime
print(formatdate(1700000000), formatdate(1700000000, usegmt=True), formatdate(0.5))
print(format_datetime(datetime.datetime(2024, 3, 1, 12, 30, 5)))
print(parsedate('Tue, 14 Nov 2023 22:13:20 -0000'), parsedate_tz('Tue, 14 Nov 2023 22:13:20 +0130'), parsedate_tz('14 Nov 2023 22:13 GMT'), parsedate_tz('garbage'), parsedate_tz('Sunday, 06-Nov-94 08:49:37 GMT'))
print(repr(parsedate_to_datetime('Tue, 14 Nov 2023 22:13:20 -0000')), mktime_tz(parsedate_tz('Tue, 14 Nov 2023 22:13:20 +0130')), mktime_tz(parsedate_tz('Tue, 14 Nov 2023 22:13:20 GMT')))
try:
    parsedate_to_datetime('nope')
except ValueError as e:
    print(e)
print(formataddr(('Joe Doe', 'joe@x.com')), formataddr((None, 'a@b')), formataddr(('A, B', 'a@b')), parseaddr('Joe Doe <joe@x.com>'), parseaddr('a@b'), parseaddr('"A, B" <a@b>'), quote('a"b'), unquote('"ab"'), unquote('<x>'))
print(email.utils.make_msgid(domain='example.com').endswith('@example.com>'))
"#####,
        r#####"Tue, 14 Nov 2023 22:13:20 -0000 Tue, 14 Nov 2023 22:13:20 GMT Thu, 01 Jan 1970 00:00:00 -0000
Fri, 01 Mar 2024 12:30:05 -0000
(2023, 11, 14, 22, 13, 20, 0, 1, -1) (2023, 11, 14, 22, 13, 20, 0, 1, -1, 5400) (2023, 11, 14, 22, 13, 0, 0, 1, -1, 0) None (1994, 11, 6, 8, 49, 37, 0, 1, -1, 0)
datetime.datetime(2023, 11, 14, 22, 13, 20) 1699994600 1700000000
Invalid date value or format "nope"
Joe Doe <joe@x.com> a@b "A, B" <a@b> ('Joe Doe', 'joe@x.com') ('', 'a@b') ('A, B', 'a@b') a\"b ab x
True
"#####,
    );
}

#[test]
fn fractions_exact_arithmetic() {
    check(
        "fractions_exact_arithmetic",
        r#####"from fractions import Fraction as F
import math
a, b = F(3, 4), F('-2/6')
print(a, b, repr(b), F(10, -4), F(0.5), F('1.25'), F('1e-3'), F(' 7 '), F(F(1, 3), F(2, 3)), F(), F(5))
print(a + b, a - b, a * b, a / b, a // b, a % b, divmod(a, b), a ** 2, a ** -2, b ** -1, 2 ** F(2), F(4) ** F(1, 2))
print(a + 1, 1 - a, a * 2.0, 1.5 / a, a == 0.75, a < 1, a > b, F(1, 2) == F(2, 4), F(2, 1) == 2, hash(F(1, 2)) == hash(0.5), hash(F(3)) == hash(3))
print(round(F(5, 2)), round(F(7, 2)), round(F(12345, 1000), 2), math.floor(F(-7, 2)), math.ceil(F(-7, 2)), int(F(-7, 2)), float(F(1, 3)), abs(b), -a, +a, bool(F(0)))
print(F(math.pi).limit_denominator(1000), F(3.141592653589793).limit_denominator(100), a.as_integer_ratio(), a.numerator, a.denominator, sorted([F(1, 3), F(1, 4), 0.3]))
for bad in [lambda: F(1, 0), lambda: F('abc'), lambda: F(1.5, 2), lambda: a / 0]:
    try:
        bad()
    except (ZeroDivisionError, ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(sum([F(1, n) for n in range(1, 6)]), f'{F(1, 3)}')
"#####,
        r#####"3/4 -1/3 Fraction(-1, 3) -5/2 1/2 5/4 1/1000 7 1/2 0 5
5/12 13/12 -1/4 -9/4 -3 -1/4 (-3, Fraction(-1, 4)) 9/16 16/9 -3 4 2.0
7/4 1/4 1.5 2.0 True True True True True True True
2 4 617/50 -4 -3 -3 0.3333333333333333 1/3 -3/4 3/4 False
355/113 311/99 (3, 4) 3 4 [Fraction(1, 4), 0.3, Fraction(1, 3)]
ZeroDivisionError Fraction(1, 0)
ValueError Invalid literal for Fraction: 'abc'
TypeError both arguments should be Rational instances
ZeroDivisionError Fraction(1, 0)
137/60 1/3
"#####,
    );
}

#[test]
fn ipaddress_addresses_networks_interfaces() {
    check(
        "ipaddress_addresses_networks_interfaces",
        r#####"import ipaddress as ip
for s in ['1.2.3.4', '::1', '2001:db8::1', '::ffff:1.2.3.4', '2001:0db8:0000:0000:0000:ff00:0042:8329', '1::', '1:0:0:1:0:0:0:1', '10.1.2.3', '127.0.0.1', '169.254.1.1', '224.0.0.1', '100.64.0.1', '8.8.8.8', 'fe80::1', 'ff02::1', '0.0.0.0']:
    a = ip.ip_address(s)
    print(repr(a), str(a), a.version, a.is_private, a.is_global, a.is_loopback, a.is_link_local, a.is_multicast, a.is_unspecified, int(a), a.packed[:4])
    if a.version == 6:
        print(a.exploded, a.compressed, a.ipv4_mapped)
for s in ['256.1.1.1', '1.2.3', '01.2.3.4', 'x', '1:2:3:4:5:6:7:8:9', '::1::2', '', '1.2.3.4/8', 'gggg::1', '1:2:3:4:5:6:7:8', ':1:2::3', '12345::1']:
    for f in (ip.ip_address, ip.IPv4Address, ip.IPv6Address):
        try:
            print(f(s))
        except ValueError as e:
            print(type(e).__name__, e)
n = ip.ip_network('192.168.1.0/24')
print(repr(n), n.network_address, n.broadcast_address, n.netmask, n.hostmask, n.prefixlen, n.num_addresses, list(n.hosts())[:2], ip.ip_address('192.168.1.7') in n, list(n.subnets(prefixlen_diff=2)), n.supernet(), n.with_netmask, n.with_prefixlen, n.overlaps(ip.ip_network('192.168.0.0/16')), n.subnet_of(ip.ip_network('192.168.0.0/16')), n[3], n[-1], n.is_private)
for bad in ['1.2.3.4/24', '1.2.3.0/33', '1.2.3.0/255.0.255.0', '1.2.3.0/24/1']:
    try:
        ip.ip_network(bad)
    except ValueError as e:
        print(type(e).__name__, e)
print(ip.ip_network('1.2.3.4/24', strict=False), ip.ip_network('10.0.0.0/255.0.0.0'), ip.ip_network('10.0.0.0/0.255.255.255'), ip.ip_address('1.2.3.4') + 1, ip.ip_address(3232235777), ip.ip_address('1.2.3.4') < ip.ip_address('1.2.3.5'), ip.ip_network('2001:db8::/32').num_addresses, ip.ip_interface('10.1.2.3/8'), ip.ip_interface('10.1.2.3/8').network, ip.ip_interface('10.1.2.3/8').ip)
print(list(ip.ip_network('10.0.0.0/30')), list(ip.ip_network('10.0.0.0/31').hosts()), list(ip.ip_network('2001:db8::/126').hosts()), ip.ip_network('2001:db8::/32').supernet(new_prefix=16), sorted([ip.ip_address('10.0.0.2'), ip.ip_address('10.0.0.1')]), ip.ip_address('1.2.3.4').reverse_pointer)
print({ip.ip_address('1.1.1.1'): 1}[ip.ip_address('1.1.1.1')], ip.ip_address('1.1.1.1') == ip.ip_address('::1'), f"{ip.ip_address('1.2.3.4')}", ip.ip_address(b'\x01\x02\x03\x04'), ip.v4_int_to_packed(1))
try:
    ip.ip_address('1.1.1.1') < ip.ip_address('::1')
except TypeError as e:
    print(e)
"#####,
        r#####"IPv4Address('1.2.3.4') 1.2.3.4 4 False True False False False False 16909060 b'\x01\x02\x03\x04'
IPv6Address('::1') ::1 6 True False True False False False 1 b'\x00\x00\x00\x00'
0000:0000:0000:0000:0000:0000:0000:0001 ::1 None
IPv6Address('2001:db8::1') 2001:db8::1 6 True False False False False False 42540766411282592856903984951653826561 b' \x01\r\xb8'
2001:0db8:0000:0000:0000:0000:0000:0001 2001:db8::1 None
IPv6Address('::ffff:102:304') ::ffff:102:304 6 False True False False False False 281470698652420 b'\x00\x00\x00\x00'
0000:0000:0000:0000:0000:ffff:0102:0304 ::ffff:102:304 1.2.3.4
IPv6Address('2001:db8::ff00:42:8329') 2001:db8::ff00:42:8329 6 True False False False False False 42540766411282592856904265327123268393 b' \x01\r\xb8'
2001:0db8:0000:0000:0000:ff00:0042:8329 2001:db8::ff00:42:8329 None
IPv6Address('1::') 1:: 6 False True False False False False 5192296858534827628530496329220096 b'\x00\x01\x00\x00'
0001:0000:0000:0000:0000:0000:0000:0000 1:: None
IPv6Address('1:0:0:1::1') 1:0:0:1::1 6 False True False False False False 5192296858534846075274570038771713 b'\x00\x01\x00\x00'
0001:0000:0000:0001:0000:0000:0000:0001 1:0:0:1::1 None
IPv4Address('10.1.2.3') 10.1.2.3 4 True False False False False False 167838211 b'\n\x01\x02\x03'
IPv4Address('127.0.0.1') 127.0.0.1 4 True False True False False False 2130706433 b'\x7f\x00\x00\x01'
IPv4Address('169.254.1.1') 169.254.1.1 4 True False False True False False 2851995905 b'\xa9\xfe\x01\x01'
IPv4Address('224.0.0.1') 224.0.0.1 4 False True False False True False 3758096385 b'\xe0\x00\x00\x01'
IPv4Address('100.64.0.1') 100.64.0.1 4 False False False False False False 1681915905 b'd@\x00\x01'
IPv4Address('8.8.8.8') 8.8.8.8 4 False True False False False False 134744072 b'\x08\x08\x08\x08'
IPv6Address('fe80::1') fe80::1 6 True False False True False False 338288524927261089654018896841347694593 b'\xfe\x80\x00\x00'
fe80:0000:0000:0000:0000:0000:0000:0001 fe80::1 None
IPv6Address('ff02::1') ff02::1 6 False True False False True False 338963523518870617245727861364146307073 b'\xff\x02\x00\x00'
ff02:0000:0000:0000:0000:0000:0000:0001 ff02::1 None
IPv4Address('0.0.0.0') 0.0.0.0 4 True False False False False True 0 b'\x00\x00\x00\x00'
ValueError '256.1.1.1' does not appear to be an IPv4 or IPv6 address
AddressValueError Octet 256 (> 255) not permitted in '256.1.1.1'
AddressValueError At least 3 parts expected in '256.1.1.1'
ValueError '1.2.3' does not appear to be an IPv4 or IPv6 address
AddressValueError Expected 4 octets in '1.2.3'
AddressValueError At least 3 parts expected in '1.2.3'
ValueError '01.2.3.4' does not appear to be an IPv4 or IPv6 address
AddressValueError Leading zeros are not permitted in '01' in '01.2.3.4'
AddressValueError At least 3 parts expected in '01.2.3.4'
ValueError 'x' does not appear to be an IPv4 or IPv6 address
AddressValueError Expected 4 octets in 'x'
AddressValueError At least 3 parts expected in 'x'
ValueError '1:2:3:4:5:6:7:8:9' does not appear to be an IPv4 or IPv6 address
AddressValueError Expected 4 octets in '1:2:3:4:5:6:7:8:9'
AddressValueError Exactly 8 parts expected without '::' in '1:2:3:4:5:6:7:8:9'
ValueError '::1::2' does not appear to be an IPv4 or IPv6 address
AddressValueError Expected 4 octets in '::1::2'
AddressValueError At most one '::' permitted in '::1::2'
ValueError '' does not appear to be an IPv4 or IPv6 address
AddressValueError Address cannot be empty
AddressValueError Address cannot be empty
ValueError '1.2.3.4/8' does not appear to be an IPv4 or IPv6 address
AddressValueError Unexpected '/' in '1.2.3.4/8'
AddressValueError Unexpected '/' in '1.2.3.4/8'
ValueError 'gggg::1' does not appear to be an IPv4 or IPv6 address
AddressValueError Expected 4 octets in 'gggg::1'
AddressValueError Only hex digits permitted in 'gggg' in 'gggg::1'
1:2:3:4:5:6:7:8
AddressValueError Expected 4 octets in '1:2:3:4:5:6:7:8'
1:2:3:4:5:6:7:8
ValueError ':1:2::3' does not appear to be an IPv4 or IPv6 address
AddressValueError Expected 4 octets in ':1:2::3'
AddressValueError Leading ':' only permitted as part of '::' in ':1:2::3'
ValueError '12345::1' does not appear to be an IPv4 or IPv6 address
AddressValueError Expected 4 octets in '12345::1'
AddressValueError At most 4 characters permitted in '12345' in '12345::1'
IPv4Network('192.168.1.0/24') 192.168.1.0 192.168.1.255 255.255.255.0 0.0.0.255 24 256 [IPv4Address('192.168.1.1'), IPv4Address('192.168.1.2')] True [IPv4Network('192.168.1.0/26'), IPv4Network('192.168.1.64/26'), IPv4Network('192.168.1.128/26'), IPv4Network('192.168.1.192/26')] 192.168.0.0/23 192.168.1.0/255.255.255.0 192.168.1.0/24 True True 192.168.1.3 192.168.1.255 True
ValueError 1.2.3.4/24 has host bits set
ValueError '1.2.3.0/33' does not appear to be an IPv4 or IPv6 network
ValueError '1.2.3.0/255.0.255.0' does not appear to be an IPv4 or IPv6 network
ValueError '1.2.3.0/24/1' does not appear to be an IPv4 or IPv6 network
1.2.3.0/24 10.0.0.0/8 10.0.0.0/8 1.2.3.5 192.168.1.1 True 79228162514264337593543950336 10.1.2.3/8 10.0.0.0/8 10.1.2.3
[IPv4Address('10.0.0.0'), IPv4Address('10.0.0.1'), IPv4Address('10.0.0.2'), IPv4Address('10.0.0.3')] [IPv4Address('10.0.0.0'), IPv4Address('10.0.0.1')] [IPv6Address('2001:db8::1'), IPv6Address('2001:db8::2'), IPv6Address('2001:db8::3')] 2001::/16 [IPv4Address('10.0.0.1'), IPv4Address('10.0.0.2')] 4.3.2.1.in-addr.arpa
1 False 1.2.3.4 1.2.3.4 b'\x00\x00\x00\x01'
1.1.1.1 and ::1 are not of the same version
"#####,
    );
}

#[test]
fn mimetypes_guess_type_and_extension() {
    check(
        "mimetypes_guess_type_and_extension",
        r#####"import mimetypes
db = mimetypes.MimeTypes()
print(db.guess_type('a.tar.gz'), db.guess_type('x.json'), db.guess_extension('text/html'), db.guess_type('http://x/a.png?q'), db.guess_type('noext'), db.guess_type('A.HTML'), db.guess_type('a.svgz'), db.guess_type('data:text/csv;base64,xx'), db.guess_type('p.tgz'))
print(db.guess_type('x.png'), db.guess_type('x.JPG'), db.guess_type('x.js'), db.guess_type('x.css'), db.guess_type('x.mp3'), db.guess_type('x.rtf'), db.guess_type('x.rtf', strict=False), db.guess_extension('application/json'), db.guess_all_extensions('text/plain'))
db.add_type('application/x-percolate', '.perc')
print(db.guess_type('a.perc'), db.guess_extension('application/x-percolate'), mimetypes.guess_type('a.png'), mimetypes.inited)
"#####,
        r#####"('application/x-tar', 'gzip') ('application/json', None) .html (None, None) (None, None) ('text/html', None) ('image/svg+xml', 'gzip') ('text/csv', None) ('application/x-tar', 'gzip')
('image/png', None) ('image/jpeg', None) ('application/javascript', None) ('text/css', None) ('audio/mpeg', None) (None, None) ('application/rtf', None) .json ['.txt', '.bat', '.c', '.h', '.ksh', '.pl', '.srt']
('application/x-percolate', None) .perc ('image/png', None) True
"#####,
    );
}

#[test]
fn codecs_incremental_utf8_and_lookup() {
    check(
        "codecs_incremental_utf8_and_lookup",
        r#####"import codecs
data = 'héllo wörld €𝄞'.encode('utf-8')
dec = codecs.getincrementaldecoder('utf-8')()
pieces = [dec.decode(data[i:i + 3]) for i in range(0, len(data), 3)]
print(pieces, dec.decode(b'', final=True), ''.join(pieces) == data.decode())
print(list(codecs.iterdecode([b'\xc3', b'\xa9x', b'\xe2\x82', b'\xac'], 'utf-8')), list(codecs.iterencode(['a', 'é'], 'latin-1')))
print(codecs.lookup('UTF8').name, codecs.lookup('latin_1').name, codecs.lookup('US-ASCII').name, codecs.encode('é', 'utf-8'), codecs.decode(b'\xe9', 'latin-1'), codecs.BOM_UTF8, codecs.getencoder('utf-8')('ab'), codecs.getdecoder('utf-8')(b'ab'))
d2 = codecs.getincrementaldecoder('utf-8')(errors='replace')
print(d2.decode(b'a\xff'), d2.decode(b'\xc3'), d2.getstate(), d2.decode(b'', True))
d3 = codecs.getincrementaldecoder('utf-8')()
d3.decode(b'\xe2\x82')
try:
    d3.decode(b'', final=True)
except UnicodeDecodeError as e:
    print('UnicodeDecodeError')
try:
    codecs.lookup('klingon')
except LookupError as e:
    print(e)
enc = codecs.getincrementalencoder('ascii')()
print(enc.encode('abc'), isinstance(codecs.lookup('utf-8'), tuple))
"#####,
        r#####"['hé', 'llo', ' w', 'örl', 'd ', '€', '𝄞']  True
['éx', '€'] [b'a', b'\xe9']
utf-8 iso8859-1 ascii b'\xc3\xa9' é b'\xef\xbb\xbf' (b'ab', 2) ('ab', 2)
a�  (b'\xc3', 0) �
UnicodeDecodeError
unknown encoding: klingon
b'abc' True
"#####,
    );
}

#[test]
fn reprlib_limits_and_recursive_repr() {
    check(
        "reprlib_limits_and_recursive_repr",
        r#####"import reprlib
from collections import deque
print(reprlib.repr(list(range(100))), reprlib.repr('x' * 100), reprlib.repr({i: i for i in range(10)}), reprlib.repr(set(range(10))), reprlib.repr((1, 2, 3, 4, 5, 6, 7)), reprlib.repr([[[[[[[1]]]]]]]), reprlib.repr(10 ** 50), reprlib.repr(frozenset(range(10))), reprlib.repr(b'x' * 100), reprlib.repr((1,)), reprlib.repr(set()), reprlib.repr(deque(range(10))))
r = reprlib.Repr()
r.maxlist = 2
r.maxlevel = 1
print(r.repr([1, 2, 3]), r.repr([[1], 2]))
class Node:
    def __init__(self):
        self.children = [self]
    @reprlib.recursive_repr()
    def __repr__(self):
        return 'Node(%r)' % self.children
print(Node(), Node.__repr__.__name__)
"#####,
        r#####"[0, 1, 2, 3, 4, 5, ...] 'xxxxxxxxxxxx...xxxxxxxxxxxxx' {0: 0, 1: 1, 2: 2, 3: 3, ...} {0, 1, 2, 3, 4, 5, ...} (1, 2, 3, 4, 5, 6, ...) [[[[[[[...]]]]]]] 100000000000000000...0000000000000000000 frozenset({0, 1, 2, 3, 4, 5, ...}) b'xxxxxxxxxxx...xxxxxxxxxxxxx' (1,) set() deque([0, 1, 2, 3, 4, 5, ...])
[1, 2, ...] [[...], 2]
Node([...]) __repr__
"#####,
    );
}

#[test]
fn timeit_and_locale() {
    check(
        "timeit_and_locale",
        r#####"import timeit, locale
t = timeit.Timer('x = sum(range(10))')
print(type(t.timeit(100)).__name__, len(t.repeat(3, 10)), timeit.timeit(lambda: None, number=10) >= 0, timeit.timeit('y = z * 2', setup='z = 3', number=5) >= 0, timeit.default_timer is __import__('time').perf_counter)
counter = []
timeit.timeit(lambda: counter.append(1), number=7)
print(len(counter), timeit.timeit('a + 1', globals={'a': 1}, number=3) >= 0)
print(locale.setlocale(locale.LC_NUMERIC, 'C'), locale.localeconv()['decimal_point'], locale.atof('1.5'), locale.atoi('42'), locale.format_string('%d items', 3), locale.strxfrm('b'), locale.strcoll('a', 'b'), locale.getlocale(locale.LC_NUMERIC))
try:
    locale.setlocale(locale.LC_ALL, 'xx_YY.NOPE')
except locale.Error as e:
    print(e)
"#####,
        r#####"float 3 True True True
7 True
C . 1.5 42 3 items b -1 (None, None)
unsupported locale setting
"#####,
    );
}

#[test]
fn difflib_matching_and_diffs() {
    check(
        "difflib_matching_and_diffs",
        r#####"import difflib
s = difflib.SequenceMatcher(None, "abxcd", "abcd")
print(s.ratio(), s.quick_ratio(), s.real_quick_ratio(), s.get_matching_blocks(), s.get_opcodes(), s.find_longest_match(0, 5, 0, 4))
print(difflib.get_close_matches('appel', ['ape', 'apple', 'peach', 'puppy']), difflib.get_close_matches('wheel', ['while', 'wheat', 'shell', 'hello'], n=2, cutoff=0.5), difflib.get_close_matches('xyz', ['abc']))
a = ['one\n', 'two\n', 'three\n', 'four\n', 'five\n', 'six\n', 'seven\n', 'eight\n', 'nine\n', 'ten\n']
b = ['one\n', 'two\n', 'THREE\n', 'four\n', 'five\n', 'six\n', 'seven\n', 'eight\n', 'nine\n', 'ten\n', 'eleven\n']
print(''.join(difflib.unified_diff(a, b, fromfile='old.txt', tofile='new.txt')), end='')
print(''.join(difflib.context_diff(a[:4], b[:4], 'x', 'y')), end='')
print(list(difflib.unified_diff(['a'], ['a'])), difflib.SequenceMatcher(lambda c: c == ' ', 'private Thread', 'private volatile Thread').ratio())
long_a = 'ab' * 150
long_b = 'ab' * 140 + 'cd' * 10
m = difflib.SequenceMatcher(None, long_a, long_b)
print(round(m.ratio(), 6), m.get_opcodes()[:3], difflib.IS_LINE_JUNK('  #  '), difflib.IS_CHARACTER_JUNK('\t'))
"#####,
        r#####"0.8888888888888888 0.8888888888888888 0.8888888888888888 [Match(a=0, b=0, size=2), Match(a=3, b=2, size=2), Match(a=5, b=4, size=0)] [('equal', 0, 2, 0, 2), ('delete', 2, 3, 2, 2), ('equal', 3, 5, 2, 4)] Match(a=0, b=0, size=2)
['apple', 'ape'] ['while', 'wheat'] []
--- old.txt
+++ new.txt
@@ -1,6 +1,6 @@
 one
 two
-three
+THREE
 four
 five
 six
@@ -8,3 +8,4 @@
 eight
 nine
 ten
+eleven
*** x
--- y
***************
*** 1,4 ****
  one
  two
! three
  four
--- 1,4 ----
  one
  two
! THREE
  four
[] 0.7567567567567568
0.933333 [('equal', 0, 280, 0, 280), ('replace', 280, 300, 280, 300)] True True
"#####,
    );
}

#[test]
fn enum_flag_and_intflag() {
    check(
        "enum_flag_and_intflag",
        r#####"import enum
class Perm(enum.Flag):
    R = 4
    W = 2
    X = 1
    RW = 6
class Color(enum.Flag):
    RED = enum.auto()
    GREEN = enum.auto()
    BLUE = enum.auto()
class P(enum.IntFlag):
    A = 1
    B = 2
rw = Perm.R | Perm.W
print(repr(rw), str(rw), rw.value, rw.name, Perm.R in rw, Perm.X in rw, list(rw), len(rw), bool(Perm(0)), repr(Perm(0)), str(Perm(0)), ~Perm.R, repr(~Perm.R), list(Perm), Perm(6) is Perm.RW, repr(Perm(3)))
print(list(Color), Color.RED | Color.BLUE, repr(Color(7)), Color.GREEN.value, rw & Perm.R, rw ^ Perm.R)
print(repr(P.A | P.B), str(P.A | P.B), P.A | 4, repr(P.A | 4), P.A + 1, isinstance(P.A, int), format(P.B, '03d'), repr(P(0)), ~P.A, repr(~P.A))
try:
    Perm.R | 1
except TypeError as e:
    print(e)
class Color2(enum.Enum):
    RED = 1
try:
    Color2(5)
except ValueError as e:
    print(e)
"#####,
        r#####"<Perm.RW: 6> Perm.RW 6 RW True False [<Perm.R: 4>, <Perm.W: 2>] 2 False <Perm: 0> Perm(0) Perm.W|X <Perm.W|X: 3> [<Perm.R: 4>, <Perm.W: 2>, <Perm.X: 1>] True <Perm.W|X: 3>
[<Color.RED: 1>, <Color.GREEN: 2>, <Color.BLUE: 4>] Color.RED|BLUE <Color.RED|GREEN|BLUE: 7> 2 Perm.R Perm.W
<P.A|B: 3> 3 5 <P.A|4: 5> 2 True 002 <P: 0> 2 <P.B: 2>
unsupported operand type(s) for |: 'Perm' and 'int'
5 is not a valid Color2
"#####,
    );
}

#[test]
fn abc_abstract_properties_and_classmethods() {
    check(
        "abc_abstract_properties_and_classmethods",
        r#####"import abc
class Base(abc.ABC):
    @abc.abstractproperty
    def size(self):
        pass
    @abc.abstractclassmethod
    def make(cls):
        pass
class Impl(Base):
    size = 3
    @classmethod
    def make(cls):
        return cls()
try:
    Base()
except TypeError as e:
    print(e)
print(Impl.make().size, sorted(Base.__abstractmethods__), Impl.__abstractmethods__)
class Shape(abc.ABC):
    @property
    @abc.abstractmethod
    def area(self):
        ...
    @classmethod
    @abc.abstractmethod
    def unit(cls):
        ...
class Square(Shape):
    @property
    def area(self):
        return 4
    @classmethod
    def unit(cls):
        return 'm'
try:
    Shape()
except TypeError as e:
    print(e)
print(Square().area, Square.unit(), Square.__abstractmethods__)
"#####,
        r#####"Can't instantiate abstract class Base with abstract methods make, size
3 ['make', 'size'] frozenset()
Can't instantiate abstract class Shape with abstract methods area, unit
4 m frozenset()
"#####,
    );
}

#[test]
fn logging_handlers_rotating_and_queue() {
    check(
        "logging_handlers_rotating_and_queue",
        r#####"import logging, logging.handlers, os, tempfile, queue
d = tempfile.mkdtemp()
path = os.path.join(d, 'app.log')
h = logging.handlers.RotatingFileHandler(path, maxBytes=60, backupCount=2)
h.setFormatter(logging.Formatter('%(levelname)s %(message)s'))
log = logging.getLogger('rot')
log.propagate = False
log.addHandler(h)
log.setLevel(logging.INFO)
for i in range(8):
    log.info('message number %d', i)
h.close()
print(sorted(os.listdir(d)))
for name in sorted(os.listdir(d)):
    with open(os.path.join(d, name)) as f:
        print(name, repr(f.read()))
q = queue.Queue()
qh = logging.handlers.QueueHandler(q)
ql = logging.getLogger('q')
ql.propagate = False
ql.addHandler(qh)
ql.warning('queued %s', 'x')
rec = q.get_nowait()
print(rec.getMessage(), rec.levelname, rec.args)
target = logging.StreamHandler()
mh = logging.handlers.MemoryHandler(3, flushLevel=logging.ERROR, target=target)
print(mh.capacity, mh.flushLevel, len(mh.buffer))
for name in os.listdir(d):
    os.remove(os.path.join(d, name))
os.rmdir(d)
"#####,
        r#####"['app.log', 'app.log.1', 'app.log.2']
app.log 'INFO message number 6\nINFO message number 7\n'
app.log.1 'INFO message number 4\nINFO message number 5\n'
app.log.2 'INFO message number 2\nINFO message number 3\n'
queued x WARNING None
3 40 0
"#####,
    );
}

#[test]
fn random_distributions_and_systemrandom() {
    check(
        "random_distributions_and_systemrandom",
        r#####"import random
random.seed(12345)
print(random.expovariate(2.0), random.normalvariate(10, 2), random.lognormvariate(0, 1), random.triangular(0, 10, 3), random.gammavariate(2.5, 1.5), random.gammavariate(0.5, 1.0), random.betavariate(2, 3), random.paretovariate(3), random.weibullvariate(1, 1.5), random.vonmisesvariate(1.0, 4.0), random.randbytes(5))
r = random.Random(99)
print(r.expovariate(1.0), r.normalvariate(), r.triangular(), r.randbytes(3), r.random(), isinstance(r, random.Random), type(r).__name__)
s = random.SystemRandom()
print(0 <= s.random() < 1, 0 <= s.randrange(10) < 10, s.choice('ab') in 'ab', len(s.sample(range(10), 3)), s.getrandbits(8) < 256, len(s.randbytes(4)), s.seed(1))
try:
    s.getstate()
except NotImplementedError as e:
    print(e)
"#####,
        r#####"0.2694581427281587 8.906126302810373 0.2979209536168756 2.202415655111688 1.4126126338116234 0.44284639213322446 0.428217150581373 1.52667865088429 0.35407073749039286 0.7053710300952098 b'"\xee\xac\xf7\x82'
0.5174778255861414 -0.6265591301726067 0.3524424197659589 b'S\x87\xc2' 0.08657847531997409 True Random
True True True 3 True 4 None
System entropy source does not have state.
"#####,
    );
}

#[test]
fn datetime_timezone_aware_datetimes() {
    check(
        "datetime_timezone_aware_datetimes",
        r#####"import datetime
from datetime import timezone, timedelta, datetime as dt
utc = timezone.utc
print(repr(utc), str(utc), timezone(timedelta(hours=1)), repr(timezone(timedelta(hours=-5, minutes=-30))), repr(timezone(timedelta(hours=2), 'EET')), timezone(timedelta(0)) == utc, datetime.UTC is utc)
a = dt(2024, 3, 1, 12, 30, tzinfo=utc)
print(repr(a), a, a.isoformat(), a.utcoffset(), a.tzname(), a.timestamp(), a.strftime('%Y-%m-%d %H:%M %z %Z'))
b = a.astimezone(timezone(timedelta(hours=5, minutes=30)))
print(repr(b), b, b == a, b - a, hash(a) == hash(b), b.astimezone(utc) == a)
f = dt.fromtimestamp(1700000000, tz=utc)
print(f, dt.fromtimestamp(1700000000.5, timezone(timedelta(hours=-8))), dt.utcfromtimestamp(1700000000), (dt.now(utc) - dt.fromtimestamp(0, utc)).days > 19000, dt.now(utc).tzinfo is utc)
print(a + timedelta(days=1), (a + timedelta(hours=1)) > a, a.replace(tzinfo=None), repr(a.replace(tzinfo=None) == a))
for bad in [lambda: a < dt(2024, 1, 1), lambda: a - dt(2024, 1, 1), lambda: timezone(timedelta(hours=24)), lambda: timezone(5)]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
print(dt(2024, 1, 1, tzinfo=timezone(timedelta(seconds=5400))).isoformat(), timezone(timedelta(seconds=90)).tzname(None))
from email.utils import format_datetime, parsedate_to_datetime
print(format_datetime(a), format_datetime(a, usegmt=True), format_datetime(b), repr(parsedate_to_datetime('Tue, 14 Nov 2023 22:13:20 +0130')))
"#####,
        r#####"datetime.timezone.utc UTC UTC+01:00 datetime.timezone(datetime.timedelta(days=-1, seconds=66600)) datetime.timezone(datetime.timedelta(seconds=7200), 'EET') True True
datetime.datetime(2024, 3, 1, 12, 30, tzinfo=datetime.timezone.utc) 2024-03-01 12:30:00+00:00 2024-03-01T12:30:00+00:00 0:00:00 UTC 1709296200.0 2024-03-01 12:30 +0000 UTC
datetime.datetime(2024, 3, 1, 18, 0, tzinfo=datetime.timezone(datetime.timedelta(seconds=19800))) 2024-03-01 18:00:00+05:30 True 0:00:00 True True
2023-11-14 22:13:20+00:00 2023-11-14 14:13:20.500000-08:00 2023-11-14 22:13:20 True True
2024-03-02 12:30:00+00:00 True 2024-03-01 12:30:00 False
TypeError can't compare offset-naive and offset-aware datetimes
TypeError can't subtract offset-naive and offset-aware datetimes
ValueError offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24), not datetime.timedelta(days=1).
TypeError timezone() argument 1 must be datetime.timedelta, not int
2024-01-01T00:00:00+01:30 UTC+00:01:30
Fri, 01 Mar 2024 12:30:00 +0000 Fri, 01 Mar 2024 12:30:00 GMT Fri, 01 Mar 2024 18:00:00 +0530 datetime.datetime(2023, 11, 14, 22, 13, 20, tzinfo=datetime.timezone(datetime.timedelta(seconds=5400)))
"#####,
    );
}
