# The loop's own state changing between and during iterations: stop() from a callback (the
# rest of that iteration still runs), run_forever resumed, timers cancelled and due, and an
# instance attribute shadowing the loop's `time` for a while.
import asyncio

loop = asyncio.new_event_loop()
log = []


def cb(name):
    log.append(name)


def stopper(name):
    log.append(name)
    loop.stop()


loop.call_soon(cb, "a")
loop.call_soon(stopper, "stop-1")
loop.call_soon(cb, "b")
loop.run_forever()
log.append("--")
loop.call_soon(cb, "c")
loop.call_soon(stopper, "stop-2")
loop.run_forever()
print(log)

log.clear()
handles = [loop.call_later(0.001 * i, cb, f"t{i}") for i in range(6)]
handles[1].cancel()
handles[4].cancel()
loop.call_later(0.01, stopper, "stop-3")
loop.run_forever()
print(log)

log.clear()
real_time = loop.time
calls = 0


def shadow_time():
    global calls
    calls += 1
    return real_time()


def shadow(name):
    log.append(name)
    loop.time = shadow_time


def unshadow(name):
    log.append(name)
    del loop.time


loop.call_soon(shadow, "shadow")
loop.call_soon(cb, "x")
loop.call_later(0.002, unshadow, "unshadow")
loop.call_later(0.004, stopper, "stop-4")
loop.run_forever()
print(log, calls > 0, "time" in vars(loop))


async def worker(n):
    for i in range(3):
        log.append((n, i))
        await asyncio.sleep(0)
        if n == 1 and i == 1:
            loop.stop()


log.clear()
t1 = loop.create_task(worker(1))
t2 = loop.create_task(worker(2))
loop.run_forever()
log.append("resumed")
loop.run_until_complete(asyncio.gather(t1, t2))
print(log)
loop.close()
