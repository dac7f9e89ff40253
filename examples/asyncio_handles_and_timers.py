# loop.call_soon / call_later / call_at handles: order, cancel, repr, errors in callbacks.
# (Delays 100 ms apart, so that a loaded machine cannot reorder `early < mid < late`.)
import asyncio


def cb(tag, *rest):
    print("cb", tag, rest)


def boom():
    raise ValueError("in callback")


def handler(loop, context):
    print("handler:", context["message"].replace(__file__, "FILE"), repr(context["exception"]))
    print("  handle cancelled:", context["handle"].cancelled())


async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(handler)
    h = loop.call_soon(cb, "soon", 1, 2)
    print(repr(h).replace(__file__, "FILE"))
    print(type(h).__name__, h.cancelled())
    gone = loop.call_soon(cb, "cancelled")
    gone.cancel()
    print(repr(gone), gone.cancelled())
    now = loop.time()
    late = loop.call_at(now + 0.3, cb, "at +0.3")
    early = loop.call_later(0.1, cb, "later 0.1")
    mid = loop.call_later(0.2, cb, "later 0.2")
    dropped = loop.call_later(0.15, cb, "dropped")
    dropped.cancel()
    print(type(early).__name__, early < mid, mid < late, early.when() <= mid.when())
    print(repr(dropped).startswith("<TimerHandle cancelled when="))
    print(repr(mid).split(" ", 2)[2].replace(__file__, "FILE"))
    loop.call_soon(boom)
    await asyncio.sleep(0.4)
    print("done")


asyncio.run(main())
