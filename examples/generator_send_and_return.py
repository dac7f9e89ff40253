# Generators: send() values in, StopIteration.value out, throw() and close().
def averager():
    total = 0
    count = 0
    average = None
    while True:
        value = yield average
        if value is None:
            return (count, average)
        total += value
        count += 1
        average = total / count


g = averager()
print(next(g))
print(g.send(10), g.send(20), g.send(60))
try:
    g.send(None)
except StopIteration as stop:
    print("returned", stop.value)


def guarded():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")


h = guarded()
print(next(h))
h.close()
k = guarded()
next(k)
try:
    k.throw(ValueError("boom"))
except ValueError as e:
    print("thrown back:", e)
