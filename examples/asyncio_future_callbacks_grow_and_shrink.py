# A future's done callbacks as they go from none to one to several and back (the first is
# kept inline): registration order, removal, repr and `_callbacks` at every size.
import asyncio


def make(tag):
    def cb(fut):
        print("ran", tag, fut.result())

    cb.__qualname__ = "cb_" + tag
    return cb


def show(fut):
    return repr(fut).replace(__file__, "FILE")


async def main():
    loop = asyncio.get_running_loop()
    a, b, c = make("a"), make("b"), make("c")

    f = loop.create_future()
    print(f._callbacks, show(f))
    f.add_done_callback(a)
    print(len(f._callbacks), show(f))
    f.add_done_callback(b)
    f.add_done_callback(c)
    print(len(f._callbacks), show(f))
    print(f.remove_done_callback(b))
    print(len(f._callbacks), show(f))
    print(f.remove_done_callback(a))
    print(len(f._callbacks), show(f))
    f.add_done_callback(a)
    f.add_done_callback(c)
    print([cb.__qualname__ for cb, _ in f._callbacks])
    print(f.remove_done_callback(c))
    print(len(f._callbacks))
    f.set_result(1)
    await asyncio.sleep(0)

    g = loop.create_future()
    g.add_done_callback(b)
    print(g.remove_done_callback(b), g.remove_done_callback(b), g._callbacks, show(g))
    g.set_result(2)
    await asyncio.sleep(0)
    print("none ran for g")

    h = loop.create_future()
    for cb in (c, b, a):
        h.add_done_callback(cb)
    h.set_result(3)
    print(h._callbacks)
    await asyncio.sleep(0)


asyncio.run(main())
