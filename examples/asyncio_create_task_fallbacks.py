# asyncio.create_task and TaskGroup.create_task make a plain coroutine's task natively on a
# plain loop; names, contexts, task factories, instance-level create_task and non-coroutines
# must still go through the loop's create_task exactly as in CPython.
import asyncio
import contextvars

var = contextvars.ContextVar('var', default='unset')


async def job(i):
    await asyncio.sleep(0)
    return (i, var.get())


async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(job(1))
    print(t.get_name().startswith('Task-'), await t)
    t = asyncio.create_task(job(2), name='two')
    print(t.get_name(), await t)
    ctx = contextvars.copy_context()
    ctx.run(var.set, 'in ctx')
    t = asyncio.create_task(job(3), context=ctx)
    print(await t)

    fut = loop.create_future()
    try:
        asyncio.create_task(fut)
    except TypeError as e:
        print('TypeError:', e)

    async with asyncio.TaskGroup() as tg:
        try:
            tg.create_task(fut)
        except TypeError as e:
            print('TypeError:', e)
        a = tg.create_task(job(4))
        b = tg.create_task(job(5), name='five')
    print(a.result(), b.get_name(), b.result())

    made = []

    def factory(loop, coro, **kw):
        made.append(coro.__name__)
        return asyncio.Task(coro, loop=loop, **kw)

    loop.set_task_factory(factory)
    print(await asyncio.create_task(job(6)))
    async with asyncio.TaskGroup() as tg:
        c = tg.create_task(job(7))
    print(c.result(), made)
    loop.set_task_factory(None)

    def own_create_task(coro, **kw):
        print('instance create_task')
        return asyncio.Task(coro, loop=loop)

    loop.create_task = own_create_task
    print(await asyncio.create_task(job(8)))
    async with asyncio.TaskGroup() as tg:
        d = tg.create_task(job(9))
    print(d.result())
    del loop.create_task


asyncio.run(main())
