# A tour of str methods: splitting, joining, searching, case, padding, translate and %-formatting.
line = "  Name: Ada Lovelace; Born: 1815  "
fields = [part.strip() for part in line.strip().split(";")]
print(fields, [f.partition(": ")[2] for f in fields])
print("ada".capitalize(), "ADA lovelace".title(), "Straße".casefold(), "Ab".swapcase())
print("lovelace".find("e"), "lovelace".rfind("e"), "lovelace".count("l"), "x.py".removesuffix(".py"))
print("42".zfill(6), "mid".center(9, "*"), "|" + "l".ljust(4) + "|" + "r".rjust(4) + "|")
print("a\tb".expandtabs(4), "one\ntwo\r\nthree".splitlines(), ",".join(map(str, range(4))))
print("hello".translate(str.maketrans("lo", "01", "h")), "%-6s|%5.2f|%x" % ("pi", 3.14159, 255))
print("{:>8} {:+.3e} {!r}".format("right", 12345.678, "q"), "éa".encode(), "é".encode("latin-1"))
