# str + str: the exact-str fast path and the cases it leaves to the general protocol.
class S(str):
    pass
class R(str):
    def __add__(self, other): return "R.add"
    def __radd__(self, other): return "R.radd"
a = "abc"
print(a + "" is a, "" + a is a, type(a + ""), a + "d", "" + "")
print(type(S("x") + ""), S("x") + "", type("" + S("y")), "" + S("y"), type(S("x") + S("y")))
print(R("r") + "s", "s" + R("r"), R("r") + R("q"))
for bad in (1, None, b"b", ["l"]):
    try:
        print(a + bad)
    except TypeError as e:
        print("TypeError:", e)
long = "x" * 40
print(len(long + long), len("é" + long), ("é" + "ü").upper(), len("€" * 20 + "a" * 20))
