# GET_AWAITABLE finds __await__ again after a class (or a base) changes it.
import asyncio


class Base:
    def __await__(self):
        yield
        return "base"


class Child(Base):
    pass


def replaced(self):
    yield
    return "replaced"


def on_child(self):
    return "child"
    yield


async def main():
    print(await Base(), await Child())
    Base.__await__ = replaced
    print(await Base(), await Child())
    Child.__await__ = on_child
    print(await Base(), await Child())
    del Child.__await__
    print(await Child())
    del Base.__await__
    try:
        await Child()
    except TypeError as e:
        print("TypeError:", e)


asyncio.run(main())
