# match statements (PEP 634): literal, capture, wildcard, value, or, as (also nested), guard, sequence (with *rest), mapping (with **rest) and class patterns (positional via __match_args__, self-matching int()/str()), nested; soft keywords stay usable as names; CPython's TypeErrors.
import asyncio
from dataclasses import dataclass
from enum import Enum


class Color(Enum):
    RED = 1
    GREEN = 2


@dataclass
class Point:
    x: int
    y: int


class Circle:
    __match_args__ = ("center", "radius")

    def __init__(self, center, radius):
        self.center = center
        self.radius = radius


def describe(obj):
    match obj:
        case None:
            return "nothing"
        case True | False as flag:
            return f"bool {flag}"
        case 0:
            return "zero"
        case -1:
            return "minus one"
        case int(n) if n > 100:
            return f"big int {n}"
        case int() | float() as num:
            return f"number {num}"
        case "quit" | "exit":
            return "bye"
        case str(s):
            return f"string {s!r}"
        case Color.RED:
            return "red!"
        case Color():
            return f"other color {obj.name}"
        case Point(x=0, y=0):
            return "origin"
        case Point(0, y):
            return f"on y axis at {y}"
        case Point(x, y) if x == y:
            return f"diagonal {x}"
        case Point():
            return f"point {obj}"
        case Circle(Point(x=cx), r):
            return f"circle at x={cx} r={r}"
        case []:
            return "empty list"
        case [x]:
            return f"one item {x}"
        case [first, *middle, last]:
            return f"first={first} middle={middle} last={last}"
        case {"type": "msg", "text": text, **rest}:
            return f"message {text} extra={rest}"
        case {"type": kind}:
            return f"typed {kind}"
        case (1, 2) | (2, 1):
            return "one-two"
        case _:
            return f"unknown {type(obj).__name__}"


async def handle(cmd):
    await asyncio.sleep(0)
    match cmd.split():
        case ["get", key]:
            return f"GET {key}"
        case ["set", key, *values] if values:
            return f"SET {key}={' '.join(values)}"
        case ["quit" | "exit"]:
            return "BYE"
        case []:
            return "EMPTY"
        case _:
            return "ERR"


async def main():
    for obj in [None, True, 0, -1, 500, 7, 2.5, "quit", "hi", Color.RED, Color.GREEN,
                Point(0, 0), Point(0, 5), Point(3, 3), Point(1, 2), Circle(Point(4, 0), 2),
                [], [9], [1, 2, 3, 4], (5, 6), {"type": "msg", "text": "hey", "id": 3},
                {"type": "ping"}, {"other": 1}, (2, 1), object]:
        print(describe(obj))
    for c in ["get a", "set b 1 2", "set c", "quit", "", "foo bar"]:
        print(repr(c), "->", await handle(c))
    match = {"match": 1}
    case = match["match"]
    print(match, case)
    try:
        match 5:
            case Point(1, 2, 3):
                pass
            case Circle(1, 2, 3):
                pass
    except TypeError as e:
        print("TypeError:", e)
    try:
        match Circle(1, 2):
            case Circle(1, 2, 3):
                pass
    except TypeError as e:
        print("TypeError:", e)


asyncio.run(main())
def match(x):
    return x * 2
print(match(3))
match = [1, 2]
print(match[0])
del match
def outer(v):
    def inner():
        return found
    match v:
        case {"a": [x, {"b": found}]}:
            return x, inner()
        case [*_, 9]:
            return "ends with 9"
        case [1, [2, *rest]]:
            return rest
    return None
print(outer({"a": [1, {"b": 2}]}), outer([4, 5, 9]), outer([1, [2, 3, 4]]), outer(5))
for value in range(4):
    match value:
        case 0:
            print("zero")
        case 1 | 2:
            match value * 10:
                case 10:
                    print("ten")
                case other:
                    print("other", other)
        case _:
            print("default")
class C:
    match 3:
        case 3:
            attr = "three"
print(C.attr)
import collections
P = collections.namedtuple("P", "a b")
match P(1, 2):
    case P(a, b=bb):
        print(a, bb)
match collections.deque([1, 2]):
    case [a, b]:
        print("deque", a, b)
match "abc":
    case [a, b, c]:
        print("no: str is not a sequence here")
    case str() as s if len(s) == 3:
        print("str of 3")
def f(v):
    match v:
        case [a, (b as c)]:
            return ("pair", a, b, c)
        case [1 | 2 as small, *rest]:
            return ("small", small, rest)
        case {"k": [x, y] as pair}:
            return ("k", x, y, pair)
        case {"n": str() as name, "age": int(age) as a2}:
            return ("person", name, age, a2)
        case (("x" | "y") as axis, int(n)):
            return ("axis", axis, n)
        case _:
            return None
for v in [[1, (2, 3)], [2, 5, 6, 7], {"k": [1, 2]}, {"n": "bo", "age": 3}, ("x", 4), ("z", 1), [3, [4]]]:
    print(f(v))
