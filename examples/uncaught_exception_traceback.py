# An uncaught exception prints CPython's traceback on stderr and exits with status 1.
def inner(x):
    return 10 // x


def outer():
    print("about to fail")
    return inner(0)


outer()
