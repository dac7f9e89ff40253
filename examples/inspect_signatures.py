# inspect.signature of functions, methods, classes, callables, decorated and partial functions; Parameter kinds; bind/apply_defaults and their errors.
import functools
import inspect


async def fetch(url: str, /, retries: int = 3, *extra, timeout: float = 1.5, **options) -> bytes:
    return b''


sig = inspect.signature(fetch)
print(sig)
for name, param in sig.parameters.items():
    print(f'  {name}: {param.kind} ({param.kind.description}), default={param.default!r}'
          if param.default is not param.empty else f'  {name}: {param.kind}')
print(sig.return_annotation, inspect.iscoroutinefunction(fetch))


class Client:
    def __init__(self, host, port=80):
        self.host = host

    def get(self, path, *, headers=None):
        pass

    def __call__(self, request):
        pass


print(inspect.signature(Client), inspect.signature(Client('h').get), inspect.signature(Client.get))
print(inspect.signature(Client('h')), inspect.signature(lambda *a, **k: None))


def logged(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs)
    return wrapper


@logged
def handler(event, context=None):
    pass


print(inspect.signature(handler), inspect.signature(handler, follow_wrapped=False))
print(inspect.signature(functools.partial(handler, 'evt')))

bound = sig.bind('http://x', 5, timeout=3)
print(bound, bound.args, bound.kwargs)
bound.apply_defaults()
print(bound.arguments)
for args, kwargs in [((), {}), (('u', 1, 2), {'url': 'v'}), (('u',), {'bogus': 1})]:
    try:
        inspect.signature(handler).bind(*args, **kwargs)
    except TypeError as e:
        print('TypeError:', e)
try:
    sig.bind(url='x')
except TypeError as e:
    print('TypeError:', e)
print(inspect.Signature([inspect.Parameter('a', inspect.Parameter.POSITIONAL_ONLY),
                         inspect.Parameter('b', inspect.Parameter.KEYWORD_ONLY, default=2)]))
