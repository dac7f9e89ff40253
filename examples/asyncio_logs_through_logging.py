# asyncio reports through the 'asyncio' logger: "Using selector" at DEBUG when a loop is made, and "Task exception was never retrieved" / "Exception in callback" at ERROR with the exception, in the program's logging format.
import asyncio
import logging
import sys


class FirstLineFormatter(logging.Formatter):
    """The first line of each message up to " at " (file paths would follow), and the exception in short."""

    def format(self, record):
        line = f"{record.levelname} [{record.name}] {record.getMessage().splitlines()[0].split(' at ')[0]}"
        if record.exc_info:
            exc_type, exc, _ = record.exc_info
            line += f" ({exc_type.__name__}: {exc})"
        return line


handler = logging.StreamHandler(sys.stdout)
handler.setFormatter(FirstLineFormatter())
logging.basicConfig(level=logging.DEBUG, handlers=[handler])


async def boom():
    raise ValueError("something bad")


def failing_callback():
    raise RuntimeError("callback failed")


async def main():
    logging.info("main started")
    task = asyncio.create_task(boom())
    await asyncio.sleep(0)
    del task
    asyncio.get_running_loop().call_soon(failing_callback)
    await asyncio.sleep(0)
    logging.info("main finished")


asyncio.run(main())
logging.getLogger("asyncio").setLevel(logging.INFO)
asyncio.run(main())
