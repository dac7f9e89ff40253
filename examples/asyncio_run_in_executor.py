# run_in_executor / to_thread: results, exceptions, and the executor future's repr.
import asyncio
def blocking(n):
    return n * 10
def failing():
    raise ValueError('in thread')
async def main():
    loop = asyncio.get_running_loop()
    print('result', await loop.run_in_executor(None, blocking, 1))
    print(await asyncio.to_thread(blocking, 2))
    print(await asyncio.to_thread(lambda *a, **k: (a, k), 1, x=2))
    try:
        await loop.run_in_executor(None, failing)
    except ValueError as e:
        print('caught', e)
    print(await asyncio.gather(*(asyncio.to_thread(blocking, i) for i in range(3))))
asyncio.run(main())
