# kind: core
# dict.get counting, setdefault, tuple keys, comprehensions, deletion while listing.
def run(n):
    counts = {}
    pairs = {}
    for i in range(n):
        w = "w" + str(i % 500)
        counts[w] = counts.get(w, 0) + 1
        key = (i % 50, i % 7)
        pairs.setdefault(key, []).append(i)
    inverted = {v: k for k, v in counts.items()}
    total = sum(len(v) for v in pairs.values())
    for k in list(counts):
        if counts[k] % 2:
            del counts[k]
    return total + len(inverted) + len(counts) + sum(counts.values())
print(run(300000))
