# anext(): mirrors bltinmodule.c builtin_anext. With a default, CPython wraps the awaitable in an
# `anext_awaitable` that turns StopAsyncIteration into the default; a nested coroutine does the
# same here, so no helper name leaks into the builtins namespace.


def anext(*args):
    if len(args) not in (1, 2):
        if not args:
            raise TypeError('anext expected at least 1 argument, got 0')
        raise TypeError(f'anext expected at most 2 arguments, got {len(args)}')
    aiterator = args[0]
    if not hasattr(type(aiterator), '__anext__'):
        raise TypeError(f"'{type(aiterator).__name__}' object is not an async iterator")
    awaitable = type(aiterator).__anext__(aiterator)
    if len(args) == 1:
        return awaitable

    async def anext_awaitable():
        try:
            return await awaitable
        except StopAsyncIteration:
            return args[1]

    return anext_awaitable()
