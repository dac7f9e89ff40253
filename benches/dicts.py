# Dicts: inserts, lookups, updates and iteration with int and str keys.
def run(n):
    d = {}
    for i in range(n):
        d[i] = i * 2
    words = {}
    for i in range(n):
        key = "k" + str(i % 1000)
        words[key] = words.get(key, 0) + 1
    total = 0
    for k, v in d.items():
        if k % 3 == 0:
            total += v
    for k in words:
        total += words[k]
    return total


print(run(1000000))
