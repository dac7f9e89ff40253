# yield from: delegation of next/send to a subgenerator and its return value.
def inner():
    received = yield "first"
    print("inner got", received)
    yield "second"
    return "inner done"


def outer():
    result = yield from inner()
    print("outer got", result)
    yield from range(2)


gen = outer()
print(next(gen))
print(gen.send("hello"))
print(list(gen))
