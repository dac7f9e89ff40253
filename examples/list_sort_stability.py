# list.sort and sorted are stable, take key= and reverse=, and refuse to compare str with int.
records = [("carol", 3), ("alice", 1), ("bob", 3), ("dave", 1), ("eve", 2)]
by_score = sorted(records, key=lambda r: r[1])
print(by_score)
print(sorted(records, key=lambda r: r[1], reverse=True))
words = "the quick brown fox jumps over the lazy dog".split()
words.sort(key=len)
print(words)
words.sort(key=str.lower, reverse=True)
print(words)
try:
    [3, "a", 1].sort()
except TypeError as e:
    print("TypeError:", e)
