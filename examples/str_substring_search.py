# Substring search in find/rfind/count/replace/split/rsplit/partition/in: overlapping
# candidates, limits, windows, non-ASCII text and misses.
s = "aaaa-ab-aaab-é€-abab"
for sub in ["aa", "ab", "aaa", "é€", "€-a", "zz", "-", "abab", "b"]:
    print(repr(sub), s.find(sub), s.rfind(sub), s.count(sub), sub in s)
    print(" ", s.find(sub, 3), s.rfind(sub, 0, 10), s.count(sub, 2, -2))
    print(" ", s.split(sub), s.rsplit(sub))
    print(" ", s.split(sub, 1), s.rsplit(sub, 1), s.split(sub, 0), s.rsplit(sub, 2))
    print(" ", s.partition(sub), s.rpartition(sub))
    print(" ", s.replace(sub, "<>"), s.replace(sub, ""), s.replace(sub, "[" + sub + "]", 2))
    print(" ", s.replace(sub, "x", 0), s.replace(sub, "long replacement", -1))
print("aaa".split("aa"), "aaa".rsplit("aa"), "aaaa".count("aa"), "aaaa".replace("aa", "b"))
print("".split("ab"), "".replace("a", "b"), "ab".replace("ab", ""), "abc".find(""), "abc".rfind(""))
print("xyz".replace("", "-"), "xyz".count(""), "ab" in "", "" in "ab")
big = "item1:3," * 5000
print(len(big.replace("item", "it")), big.count("m1:"), big.rfind("item"), len(big.split("1:")))
print(big.rsplit(":3,", 3)[:2], big.split(":3,", 3)[-1][:20])
