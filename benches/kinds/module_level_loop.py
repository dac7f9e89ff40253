# kind: core
# Module-level loop over tuples (globals read and written by name).
t = 0
for a, b, c in [(1, 2, 3), (4, 5, 6)] * 400000:
    t += a * b - c
print(t)
