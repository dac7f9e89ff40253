# A failed task or future nobody asked for its exception is reported when it is destroyed.
import asyncio


async def bad():
    raise ValueError("boom")


def handler(loop, context):
    print("handler:", context["message"], type(context["exception"]).__name__)
    print("  future:", repr(context["future"]).replace(__file__, "FILE"))


async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(bad())
    await asyncio.sleep(0)
    print("task done:", t.done())
    del t
    print("after del task")
    f = loop.create_future()
    f.set_exception(KeyError("k"))
    del f
    print("after del future")
    retrieved = loop.create_future()
    retrieved.set_exception(KeyError("seen"))
    retrieved.exception()
    del retrieved
    print("retrieved: no report")
    loop.set_exception_handler(handler)
    t = asyncio.create_task(bad())
    await asyncio.sleep(0)
    del t
    print("after del with handler")


asyncio.run(main())
