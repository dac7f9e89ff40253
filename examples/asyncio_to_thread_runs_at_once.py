# to_thread / run_in_executor without threads: the function runs at once in the loop's thread; when nothing else could run meanwhile (here: a timeout far away) that is exactly what a worker thread shows, context copy included.
import asyncio
import contextvars
import time

setting = contextvars.ContextVar("setting", default="default")


def read_config(path):
    time.sleep(0.01)
    setting.set("changed in the worker")
    return {"path": path, "setting": setting.get()}


async def main():
    config = await asyncio.to_thread(read_config, "/etc/app.conf")
    print(config, "| caller still sees:", setting.get())
    loop = asyncio.get_running_loop()
    print(await loop.run_in_executor(None, sum, [1, 2, 3]))
    try:
        print(await asyncio.wait_for(asyncio.to_thread(read_config, "b.conf"), timeout=10))
    except TimeoutError:
        print("timed out")


asyncio.run(main())
