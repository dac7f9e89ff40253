# `local <cmp> constant` followed by a conditional jump runs as one step for ints; every other
# operand kind (bool, float, big int, str, objects with __lt__) takes the general path.
class Loud:
    def __lt__(self, other):
        print("Loud.__lt__", other)
        return True

    def __eq__(self, other):
        return "truthy"


def classify(x):
    out = []
    if x < 2:
        out.append("lt")
    if x <= 2:
        out.append("le")
    if x > 2:
        out.append("gt")
    if x >= 2:
        out.append("ge")
    if x == 2:
        out.append("eq")
    if x != 2:
        out.append("ne")
    if not x < 3:
        out.append("not-lt3")
    while x == 1:
        out.append("loop")
        x = 0
    return out


for v in (1, 2, 3, -5, True, False, 2.0, 1.5, 2**70, -(2**70)):
    print(repr(v), classify(v))

lo = Loud()
if lo < 2:
    print("object compare taken")
if lo == 2:
    print("__eq__ result is truthy")
try:
    classify("s")
except TypeError as e:
    print("TypeError:", e)
