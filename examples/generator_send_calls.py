# gen.send() from Python code: values in and out, StopIteration.value, errors raised inside
# the generator, PEP 479, re-entrant sends, exc_info, and tracebacks through send().
import sys
import traceback


def averager():
    total = count = 0
    average = None
    while True:
        value = yield average
        if value is None:
            return (count, average)
        total += value
        count += 1
        average = total / count


g = averager()
print(g.send(None))
for v in (10, 20, 60):
    print(g.send(v))
try:
    g.send(None)
except StopIteration as stop:
    print("returned", stop.value, stop.args)
try:
    g.send(1)
except StopIteration as stop:
    print("closed generator:", repr(stop.value))


def fresh():
    yield 1


try:
    fresh().send(5)
except TypeError as e:
    print("TypeError:", e)


def failing():
    x = yield "ready"
    raise ValueError(f"bad {x}")


f = failing()
print(f.send(None))
try:
    f.send(42)
except ValueError as e:
    print("ValueError:", e)
    # The traceback runs through the send() call into the generator's frame.
    print([(f.name, f.lineno, f.line) for f in traceback.extract_tb(e.__traceback__)])


def leaks_stop():
    yield 1
    raise StopIteration("inner")


s = leaks_stop()
s.send(None)
try:
    s.send(None)
except RuntimeError as e:
    print("RuntimeError:", e, "| cause:", repr(e.__cause__))


def reentrant():
    yield me.send(None)


me = reentrant()
try:
    me.send(None)
except ValueError as e:
    print("ValueError:", e)


def sees_exc_info():
    while True:
        yield repr(sys.exc_info()[1])


w = sees_exc_info()
print(w.send(None))
try:
    raise KeyError("outer")
except KeyError:
    print(w.send(None))
print(w.send(None))


def delegating():
    result = yield from averager()
    yield f"delegate got {result}"


d = delegating()
d.send(None)
d.send(3)
print(d.send(None))


class Custom:
    def send(self, value):
        return f"Custom.send({value})"


print(Custom().send(7))
