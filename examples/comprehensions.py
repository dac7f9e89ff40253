# Comprehensions: list, set, dict and generator expressions with several for/if clauses.
pairs = [(x, y) for x in range(4) if x % 2 == 0 for y in "ab"]
print(pairs)
print({x * x for x in range(-3, 4)})
print({word: len(word) for word in ["async", "await", "yield"]})
print(sum(x for x in range(10) if x % 3), list(zip("abc", range(3))))
