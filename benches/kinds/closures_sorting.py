# kind: core
# Closures, sort with a key, map/filter with lambdas, try/except in a loop.
def make_adder(k):
    def add(x):
        return x + k
    return add
def run(n):
    adders = [make_adder(k) for k in range(10)]
    total = 0
    for i in range(n):
        total += adders[i % 10](i)
    data = [(i * 7919) % 1000 for i in range(n // 10)]
    data.sort(key=lambda v: -v)
    total += sum(map(lambda v: v * 2, filter(lambda v: v % 3, data)))
    try_count = 0
    for i in range(n // 10):
        try:
            if i % 5 == 0:
                raise KeyError(i)
        except KeyError:
            try_count += 1
    return total + try_count + data[0]
print(run(500000))
