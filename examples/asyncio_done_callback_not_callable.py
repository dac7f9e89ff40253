# A done callback that is not callable (here an int) fails when the loop runs it, reported
# through the exception handler with its Handle, like any other callback.
import asyncio


async def work():
    await asyncio.sleep(0)
    return 1


def handler(loop, context):
    print("handler:", context["message"], type(context["exception"]).__name__, context["exception"])


async def main():
    asyncio.get_running_loop().set_exception_handler(handler)
    t = asyncio.ensure_future(work())
    t.add_done_callback(5)
    print(await t)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("done")


asyncio.run(main())
