# contextvars under asyncio: every task, call_soon callback and done callback runs in a copy of the context current when it was created, so a value set in one task never leaks into another.
import asyncio
import contextvars

request_id = contextvars.ContextVar("request_id", default="-")


def log(msg):
    print(f"[{request_id.get()}] {msg}")


async def handler(rid):
    request_id.set(rid)
    log("start")
    await asyncio.sleep(0.001 * rid)
    log("end")
    return request_id.get()


async def main():
    log("main")
    print(await asyncio.gather(*(handler(i) for i in range(1, 4))))
    log("main after gather")
    request_id.set("main")
    loop = asyncio.get_running_loop()
    loop.call_soon(log, "call_soon sees the context of its caller")
    request_id.set("changed")
    fut = loop.create_future()
    fut.add_done_callback(lambda f: log(f"done callback for {f.result()}"))
    request_id.set("changed again")
    fut.set_result(42)
    await asyncio.sleep(0)
    explicit = contextvars.Context()
    loop.call_soon(log, "explicit empty context", context=explicit)
    await asyncio.sleep(0)
    child = asyncio.create_task(handler(9))
    await child
    log("main after child")


request_id.set("top")
asyncio.run(main())
log("after asyncio.run")
