# Task names, cancel counts and done callbacks (kept compactly in a task's native state)
# behave as CPython's: given and generated names, cancelling()/uncancel(), _callbacks,
# remove_done_callback, callbacks with and without a context.
import asyncio, contextvars

cv = contextvars.ContextVar('cv', default='d')

async def child(n):
    cv.set(n)
    await asyncio.sleep(0)
    await asyncio.sleep(0.001)
    return cv.get()

def cb(f):
    print('cb', f.get_name(), cv.get())

async def main():
    t = asyncio.create_task(child(1), name='alpha')
    u = asyncio.create_task(child(2))
    print(t.get_name(), u.get_name().startswith('Task-'))
    u.set_name(42)
    print(u.get_name(), repr(u.get_name()))
    t.add_done_callback(cb)
    t.add_done_callback(print)
    print(len(t._callbacks))
    print(t.remove_done_callback(print), len(t._callbacks))
    print(await asyncio.gather(t, u))
    v = asyncio.create_task(child(3))
    await asyncio.sleep(0)
    print(v.cancelling(), v.cancel(), v.cancelling(), v.cancel('m'), v.cancelling())
    print(v.uncancel(), v.cancelling())
    try:
        await v
    except asyncio.CancelledError as e:
        print('cancelled', e.args)
    f = asyncio.get_running_loop().create_future()
    print(f._callbacks)
    f.add_done_callback(cb)
    print(len(f._callbacks))
    f.add_done_callback(cb, context=contextvars.copy_context())
    f.add_done_callback(cb)
    print(len(f._callbacks), f.remove_done_callback(cb), f._callbacks)
    f.set_result(3)
    print(await f)
    r = await asyncio.gather(*[child(i) for i in range(5)], return_exceptions=True)
    print(r)
    w = asyncio.create_task(child(9))
    print(repr(w).split(' ')[1])
    await w
    print(repr(w).split(' ')[1:3])

asyncio.run(main())
