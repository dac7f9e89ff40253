# The event loop's classes and policy as CPython's asyncio has them on Unix.
import asyncio

loop = asyncio.new_event_loop()
print(repr(loop))
print([c.__module__ + "." + c.__name__ for c in type(loop).__mro__])
print(asyncio.SelectorEventLoop is type(loop))
print(isinstance(loop, asyncio.AbstractEventLoop), isinstance(loop, asyncio.BaseEventLoop))
loop.close()

policy = asyncio.get_event_loop_policy()
print(type(policy).__name__, type(policy).__module__)
print(isinstance(policy, asyncio.AbstractEventLoopPolicy), asyncio.DefaultEventLoopPolicy is type(policy))
try:
    asyncio.set_event_loop_policy(3)
except TypeError as e:
    print("TypeError:", e)
try:
    asyncio.set_event_loop("loop")
except TypeError as e:
    print("TypeError:", e)


class CountingPolicy(asyncio.DefaultEventLoopPolicy):
    """A policy whose loops are counted: asyncio.run asks the policy for its loop."""

    made = 0

    def new_event_loop(self):
        CountingPolicy.made += 1
        return super().new_event_loop()


async def main():
    running = asyncio.get_running_loop()
    print("running", type(running).__name__, running.is_running())


asyncio.set_event_loop_policy(CountingPolicy())
asyncio.run(main())
asyncio.run(main())
print("loops made by the policy:", CountingPolicy.made)
asyncio.set_event_loop_policy(None)
print(type(asyncio.get_event_loop_policy()).__name__)
