# enum Flag/IntFlag (combined members, pseudo-members, ~, in, iteration, invalid values), StrEnum auto() and str(), _missing_ and _generate_next_value_, used from a coroutine.
import asyncio
from enum import Enum, Flag, IntFlag, StrEnum, auto


class Perm(Flag):
    READ = auto()
    WRITE = auto()
    EXEC = auto()


class Mode(IntFlag):
    R = 4
    W = 2
    X = 1


class Method(StrEnum):
    GET = auto()
    POST = auto()


class Status(Enum):
    OK = 200
    NOT_FOUND = 404

    @classmethod
    def _missing_(cls, value):
        return cls.NOT_FOUND


class Ordinal(Enum):
    def _generate_next_value_(name, start, count, last_values):
        return name.title() + str(count)

    FIRST = auto()
    SECOND = auto()


async def main():
    rw = Perm.READ | Perm.WRITE
    print(repr(rw), rw, rw.value, bool(rw), Perm.READ in rw, Perm.EXEC in rw)
    print(repr(~Perm.READ), repr(Perm(0)), Perm(0), bool(Perm(0)), repr(Perm(7)))
    print(list(rw), list(Perm), len(Perm), rw & Perm.WRITE, rw ^ Perm.READ)
    print(rw.name, Perm.READ.name, Perm(0).name)
    try:
        Perm(8)
    except ValueError as e:
        print("ValueError:", e)
    m = Mode.R | Mode.W
    print(repr(m), m, m == 6, m | 1, repr(m | 1), int(m), Mode(5), f"{m}", repr(Mode(0)))
    print(isinstance(m, int), Mode.R + 1, repr(~Mode.R))
    print(Method.GET, repr(Method.POST), Method.GET == "get", Method("post"), f"{Method.GET}!")
    print(Status(200), Status(999), Ordinal.FIRST.value, Ordinal.SECOND.value)
    print(Perm.WRITE.value, Mode.X.value, [p.value for p in Perm])


asyncio.run(main())
