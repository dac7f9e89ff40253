# Generator pipelines with send and yield from.
def numbers(n):
    for i in range(n):
        yield i


def squares(source):
    for x in source:
        yield x * x


def delegate(n):
    total = yield from accumulate(n)
    return total


def accumulate(n):
    total = 0
    for _ in range(n):
        value = yield total
        total += value
    return total


def run():
    checksum = sum(squares(numbers(4000000)))
    gen = delegate(4000000)
    next(gen)
    try:
        i = 0
        while True:
            gen.send(i % 13)
            i += 1
    except StopIteration as stop:
        checksum += stop.value
    return checksum


print(run())
