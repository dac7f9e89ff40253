# Printing: print's sep and end, and the repr of common values.
print("hello, percolate")
print(1, 2.5, None, True, "s", sep=" | ", end="!\n")
print([1, "two", (3,)], {"k": [None]}, {4: 5})
