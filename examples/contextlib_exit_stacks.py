# contextlib.ExitStack / AsyncExitStack / aclosing: LIFO unwinding, suppression, callbacks.
import asyncio, contextlib
class CM:
    def __init__(self, n, suppress=False): self.n = n; self.suppress = suppress
    def __enter__(self): print('enter', self.n); return self.n
    def __exit__(self, t, v, tb):
        print('exit', self.n, t.__name__ if t else None)
        return self.suppress
with contextlib.ExitStack() as st:
    xs = [st.enter_context(CM(i)) for i in range(3)]
    st.callback(print, 'callback', 'arg')
    print(xs)
with contextlib.ExitStack() as st:
    st.enter_context(CM('s', suppress=True))
    st.enter_context(CM('t'))
    raise KeyError('k')
print('suppressed')
try:
    with contextlib.ExitStack() as st:
        st.callback(lambda: 1/0)
        raise ValueError('v')
except ZeroDivisionError as e:
    print('zde', repr(e.__context__))
try:
    contextlib.ExitStack().enter_context(42)
except TypeError as e:
    print(e)
st = contextlib.ExitStack(); st.enter_context(CM('later')); s2 = st.pop_all(); st.close(); print('popped'); s2.close()
@contextlib.asynccontextmanager
async def res(name):
    print('open', name)
    try:
        yield name.upper()
    finally:
        print('close', name)
class ACM:
    async def __aenter__(self): print('aenter'); return 'acm'
    async def __aexit__(self, *a): print('aexit', a[0]); return False
async def agen():
    yield 1
    yield 2
async def main():
    async with contextlib.AsyncExitStack() as stack:
        a = await stack.enter_async_context(res('a'))
        b = await stack.enter_async_context(ACM())
        stack.enter_context(CM('sync'))
        async def cb(x): print('async cb', x)
        stack.push_async_callback(cb, 7)
        print(a, b)
    async with contextlib.aclosing(agen()) as g:
        async for x in g:
            print(x); break
    try:
        await contextlib.AsyncExitStack().enter_async_context(CM(1))
    except TypeError as e:
        print(e)
asyncio.run(main())
