# Frame objects of generators and coroutines (gi_frame/cr_frame: f_lineno, f_locals, f_code), sys._getframe, and inspect's kind tests and generator states.
import inspect
import sys


def countdown(n):
    total = 0
    while n > 0:
        total += n
        yield n
        n -= 1
    return total


gen = countdown(3)
print(inspect.getgeneratorstate(gen), gen.gi_frame.f_lineno, gen.gi_frame.f_locals)
next(gen)
frame = gen.gi_frame
print(inspect.getgeneratorstate(gen), frame.f_lineno, frame.f_locals, frame.f_code.co_name)
print(type(frame).__name__, frame.f_back, frame.f_globals is globals())
print(repr(frame).startswith('<frame at 0x'), repr(frame).split(', ')[2:])
next(gen)
print('live frame:', frame.f_lineno, frame.f_locals, gen.gi_frame is frame)
print(inspect.getgeneratorlocals(gen))
for _ in gen:
    pass
print(inspect.getgeneratorstate(gen), gen.gi_frame)


def who_am_i():
    me = sys._getframe()
    caller = sys._getframe(1)
    return me.f_code.co_name, caller.f_code.co_name, me.f_back.f_code.co_name


def outer():
    return who_am_i()


print(outer())
print(inspect.currentframe().f_code.co_name)
try:
    sys._getframe(1000)
except ValueError as e:
    print('ValueError:', e)
try:
    sys._getframe(depth=1)
except TypeError as e:
    print('TypeError:', e)
print([info.function for info in inspect.stack()[:1]])


async def fetch(x):
    return x * 2


async def agen():
    yield 1


def plain():
    return 1


coro = fetch(21)
print(inspect.getcoroutinestate(coro), coro.cr_frame.f_code.co_name, coro.cr_frame.f_locals)
print(inspect.iscoroutine(coro), inspect.isawaitable(coro), inspect.isgenerator(coro))
try:
    coro.send(None)
except StopIteration as stop:
    print('returned', stop.value)
print(inspect.getcoroutinestate(coro), coro.cr_frame)
print(inspect.iscoroutinefunction(fetch), inspect.iscoroutinefunction(plain))
print(inspect.isgeneratorfunction(countdown), inspect.isasyncgenfunction(agen))
print(inspect.isasyncgen(agen()), inspect.isawaitable(countdown(1)), inspect.isawaitable(3))
print(inspect.isfunction(plain), inspect.isclass(int), inspect.ismodule(sys), inspect.isframe(frame))
