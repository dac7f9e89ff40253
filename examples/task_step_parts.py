# A task's queued step (its next step, a wake-up by the future it waits on, or a done
# callback once it is finished) runs with the right future, context and callback, and a
# finished task shows no waiter while its done callback is queued.
import asyncio
import contextvars

var = contextvars.ContextVar("var", default="unset")


async def waits_on(fut):
    value = await fut
    return f"woken with {value!r} in {var.get()}"


async def sets_and_sleeps(name):
    var.set(name)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    return f"{name} sees {var.get()}"


everyone = []


def report(task):
    # The later tasks have their own done callbacks queued still.
    waiters = [t._fut_waiter for t in everyone]
    print("callback for", task.get_name(), "waiters", waiters, "result", task.result())


async def main():
    loop = asyncio.get_running_loop()
    # Wake-ups: the task waits on a future resolved later, with its waiter shown meanwhile.
    fut = loop.create_future()
    waiter = asyncio.create_task(waits_on(fut), name="waiter")
    await asyncio.sleep(0)
    print("waiting on the future:", waiter._fut_waiter is fut)
    var.set("main's value")
    fut.set_result(7)
    print("queued wake-up, waiter still:", waiter._fut_waiter is fut)
    print(await waiter)

    # Every task runs in its own context, each step after a sleep(0).
    tasks = [asyncio.create_task(sets_and_sleeps(f"t{i}"), name=f"t{i}") for i in range(3)]
    everyone.extend(tasks)
    for t in tasks:
        t.add_done_callback(report)
    print(await asyncio.gather(*tasks))
    await asyncio.sleep(0)
    print("main still sees", var.get())

    # A done callback in another context, and two callbacks on one finished task.
    ctx = contextvars.copy_context()
    ctx.run(var.set, "callback context")
    done = asyncio.create_task(sets_and_sleeps("d"), name="d")
    done.add_done_callback(lambda t: print("in context:", var.get()), context=ctx)
    done.add_done_callback(report)
    await done
    await asyncio.sleep(0)

    # Cancelled while its wake-up is queued: the wake-up comes first, then the cancellation.
    fut = loop.create_future()
    victim = asyncio.create_task(waits_on(fut), name="victim")
    await asyncio.sleep(0)
    fut.set_result("late")
    print("cancel:", victim.cancel(), "waiter", victim._fut_waiter is fut)
    try:
        await victim
    except asyncio.CancelledError:
        print("victim cancelled")

    # gather's children, cancelled through the gathering future.
    sleepers = [asyncio.sleep(10) for _ in range(3)]
    outer = asyncio.gather(*sleepers)
    await asyncio.sleep(0)
    print("children:", len(list(outer._children)), "cancel:", outer.cancel())
    try:
        await outer
    except asyncio.CancelledError:
        print("gather cancelled;", [c.cancelled() for c in outer._children])


asyncio.run(main())
