# str.split / rsplit on a one-byte separator (the counted fast path) and the cases it
# leaves to the general code: limits, longer or empty separators, whitespace, non-ASCII.
texts = ["", ",", "a,b", ",a,,b,", "héllo,wörld,€", "no separator", "x" * 40 + "," + "y" * 40]
for t in texts:
    print(t.split(","), t.rsplit(","), t.split(",", 1), t.rsplit(",", 1), t.split(",", 0))
print("a:b:c".split(":"), "a::b".split("::"), " a  b ".split(), "a b".split(None))
print("é,é".split("é"), "a\u20acb".split("\u20ac"), "1,2".split(sep=","))
for bad in ("", 5):
    try:
        "abc".split(bad)
    except (ValueError, TypeError) as exc:
        print(type(exc).__name__, exc)


class S(str):
    pass


parts = S("p,q").split(",")
print(parts, [type(p).__name__ for p in parts])
