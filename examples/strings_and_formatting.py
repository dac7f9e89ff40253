# Strings: methods, slicing, f-string specs and %-formatting.
s = "  Hello, Async World  "
print(s.strip().split(", "), s.lower().strip(), s.count("l"), s.find("World"))
print("-".join(["a", "b", "c"]), "abc"[::-1], "abcdef"[1:4], "x".center(5, "*"))
name, pi = "pi", 3.14159
print(f"{name!r:>6}|{pi:.3f}|{pi:10.2e}|{42:08b}|{1234567:,}|{name=}")
print("%s has %d items costing %.2f" % ("cart", 3, 9.5), "%5s|%-5s|" % ("r", "l"))
