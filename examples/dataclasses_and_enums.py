# dataclasses (defaults, default_factory, order, frozen, asdict) and enums (repr, lookup, iteration).
from dataclasses import FrozenInstanceError, asdict, dataclass, field
from enum import Enum, IntEnum, auto


@dataclass(order=True)
class Item:
    name: str
    price: float = 0.0
    tags: list = field(default_factory=list)


@dataclass(frozen=True)
class Point:
    x: int
    y: int


class Color(Enum):
    RED = auto()
    GREEN = auto()
    BLUE = auto()


class Level(IntEnum):
    LOW = 1
    HIGH = 10


items = [Item("b", 2.0), Item("a", 5.0, ["x"])]
print(sorted(items))
print(asdict(items[1]), items[0] == Item("b", 2.0))
try:
    Point(1, 2).x = 5
except FrozenInstanceError as err:
    print(err)
print(Color.GREEN, repr(Color.BLUE), Color(1), Color["BLUE"].value, list(Color))
print(Level.HIGH > Level.LOW, Level.LOW + 1, [c.name for c in Color])
try:
    Color(9)
except ValueError as err:
    print(err)
