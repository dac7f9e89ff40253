# inspect.getsource/getsourcelines (functions, decorated and wrapped functions, methods, classes, lambdas), getdoc/cleandoc, getmembers, getfile/getmodule.
import inspect, functools

def simple(a, b):
    """Add two numbers.

    Returns the sum.
    """
    return a + b


@functools.lru_cache(maxsize=None)
def decorated(
    x,
    y=2,
):
    # a comment
    if x:
        return y

    return x


class Widget:
    """A widget."""

    def method(self):
        return 1

    async def amethod(self):
        await something()


square = lambda n: n * n
print(inspect.getsource(simple), end='')
print(inspect.getsource(decorated), end='')
print(inspect.getsource(Widget.method), end='')
print(inspect.getsource(Widget().amethod), end='')
print(inspect.getsource(Widget), end='')
print(inspect.getsource(square), end='')
print(inspect.getsourcelines(simple)[1], inspect.getdoc(simple), inspect.getdoc(Widget), sep='|')
print(inspect.cleandoc('  first\n    second\n      third\n'))
print([n for n, _ in inspect.getmembers(Widget, inspect.isfunction)])
print(inspect.getfile(simple) == __file__, inspect.getmodule(simple).__name__)
try:
    inspect.getsource(len)
except TypeError as e:
    print('TypeError:', e)
