# Each asyncio task runs in its own copy of the context: a ContextVar set in one task is not seen by others.
import asyncio
import contextvars

request = contextvars.ContextVar('request', default=None)
trace = contextvars.ContextVar('trace', default=())


async def worker(n):
    request.set(n)
    trace.set(trace.get() + (f'w{n}',))
    await asyncio.sleep(0)
    print(f'worker {n}: request={request.get()} trace={trace.get()}')
    return request.get()


async def child_sees_parent():
    # A task copies the context of the code that created it, at creation time.
    return request.get(), trace.get()


def on_done(fut):
    print('done callback sees request', request.get())


async def main():
    print('main before', request.get())
    print('gathered', await asyncio.gather(worker(1), worker(2), worker(3)))
    print('main after gather', request.get(), trace.get())

    request.set('parent')
    trace.set(('main',))
    child = asyncio.create_task(child_sees_parent())
    request.set('changed after create_task')
    print('child saw', await child)

    # An explicit context: the task runs in it and its changes stay in it.
    ctx = contextvars.copy_context()
    t = asyncio.create_task(worker(9), context=ctx)
    await t
    print('ctx has', ctx[request], ctx[trace])
    print('main still', request.get())

    loop = asyncio.get_running_loop()
    cb_ctx = contextvars.Context()
    done = loop.create_future()
    loop.call_soon(lambda: done.set_result(request.get()), context=cb_ctx)
    print('call_soon in an empty context sees', await done)
    done = loop.create_future()
    loop.call_soon(lambda: done.set_result(request.get()))
    print('call_soon without a context sees', await done)

    fut = loop.create_future()
    fut.add_done_callback(on_done, context=cb_ctx)
    fut.add_done_callback(on_done)
    request.set('after add_done_callback')
    fut.set_result(None)
    await asyncio.sleep(0)

    # A second task in the same context sees what the first one left there.
    await asyncio.create_task(worker(10), context=ctx)
    print('ctx after second task', ctx[request], ctx[trace])

request.set('outside')
asyncio.run(main())
print('after run', request.get())
