# Task.get_stack/print_stack: the suspended coroutine's frame while pending, the exception's frames once failed; frame objects of a coroutine (cr_frame.f_lineno moves with the awaits).
import asyncio
import sys


class Out:
    """stdout, with this file's absolute path shortened."""

    def write(self, text):
        sys.stdout.write(text.replace(__file__, 'FILE'))


out = Out()


async def slow_worker():
    await asyncio.sleep(0)
    await asyncio.sleep(0.01)
    return 'ok'


async def failing_worker():
    await asyncio.sleep(0)
    raise ValueError('worker failed')


async def main():
    task = asyncio.create_task(slow_worker(), name='slow')
    await asyncio.sleep(0)
    frame = task.get_coro().cr_frame
    print('first suspension at line', frame.f_lineno)
    await asyncio.sleep(0)
    stack = task.get_stack()
    print(len(stack), stack[0].f_code.co_name, stack[0].f_lineno, frame.f_lineno)
    task.print_stack(file=out)
    print(await task, task.get_stack(), task.get_coro().cr_frame)
    task.print_stack(file=out)

    bad = asyncio.create_task(failing_worker(), name='bad')
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(bad.done(), [f.f_code.co_name for f in bad.get_stack()])
    bad.print_stack(file=out)
    print(len(bad.get_stack(limit=0)))
    try:
        await bad
    except ValueError as e:
        print('caught', e)


asyncio.run(main())
