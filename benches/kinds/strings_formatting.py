# kind: core
# f-strings, split, upper, replace, count, join, find.
def run(n):
    out = []
    total = 0
    for i in range(n):
        s = f"item-{i}:{i * 3 % 17:03d}"
        parts = s.split(":")
        t = parts[0].upper().replace("ITEM", "x") + parts[1]
        total += len(t) + t.count("1") + (1 if "x-1" in t else 0)
        if i % 100 == 0:
            out.append(",".join([t, s.lower(), str(i)]))
    joined = "|".join(out)
    return total + len(joined) + joined.find("x-99")
print(run(200000))
