# loop.set_task_factory / get_task_factory: create_task, gather and ensure_future build tasks through the factory; a name given to create_task is set afterwards.
import asyncio

created = []

class TracedTask(asyncio.Task):
    pass

def factory(loop, coro, **kwargs):
    task = TracedTask(coro, loop=loop, **kwargs)
    created.append(task.get_name())
    return task

async def child(i):
    await asyncio.sleep(0)
    return i

async def main():
    loop = asyncio.get_running_loop()
    print(loop.get_task_factory())
    loop.set_task_factory(factory)
    print(loop.get_task_factory() is factory)
    t = asyncio.create_task(child(1), name="custom")
    print(type(t).__name__, t.get_name())
    print(await asyncio.gather(child(2), child(3), t))
    print(created)
    try:
        loop.set_task_factory(5)
    except TypeError as e:
        print("TypeError:", e)
    loop.set_task_factory(None)
    print(type(asyncio.create_task(child(4))).__name__)

asyncio.run(main())
