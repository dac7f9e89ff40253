# kind: gen_pipeline.py
# Generator filters, a sliding window and itertools chain/islice.
import itertools
def evens(it):
    for x in it:
        if x % 2 == 0:
            yield x
def window(it, n):
    buf = []
    for x in it:
        buf.append(x)
        if len(buf) == n:
            yield tuple(buf)
            buf.pop(0)
def run(n):
    total = sum(x for x in range(n) if x % 3)
    total += sum(a + b + c for a, b, c in window(evens(range(n)), 3))
    total += sum(itertools.islice(itertools.chain(range(n), range(n)), 0, n, 2))
    return total
print(run(600000))
