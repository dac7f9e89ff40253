# The `copy` module: shallow and deep copies of built-in containers and instances.


class Error(Exception):
    pass


_atomic = (type(None), int, float, bool, complex if False else int, str, bytes, type, range,
           type(len), type(lambda: 0))


def copy(x):
    cls = type(x)
    if cls in _atomic:
        return x
    if cls in (list, dict, set):
        return x.copy()
    if cls in (tuple, frozenset):
        return x
    copier = getattr(cls, '__copy__', None)
    if copier is not None:
        return copier(x)
    new = object.__new__(cls)
    if hasattr(x, '__dict__'):
        new.__dict__.update(x.__dict__)
    return new


def deepcopy(x, memo=None):
    if memo is None:
        memo = {}
    d = id(x)
    if d in memo:
        return memo[d]
    cls = type(x)
    if cls in _atomic:
        return x
    if cls is list:
        y = []
        memo[d] = y
        for a in x:
            y.append(deepcopy(a, memo))
    elif cls is dict:
        y = {}
        memo[d] = y
        for k, v in x.items():
            y[deepcopy(k, memo)] = deepcopy(v, memo)
    elif cls is tuple:
        y = tuple(deepcopy(a, memo) for a in x)
        if d in memo:
            return memo[d]
        if all(a is b for a, b in zip(x, y)):
            y = x
    elif cls is set:
        y = {deepcopy(a, memo) for a in x}
    elif cls is frozenset:
        y = x
    else:
        copier = getattr(cls, '__deepcopy__', None)
        if copier is not None:
            y = copier(x, memo)
        else:
            y = object.__new__(cls)
            memo[d] = y
            if hasattr(x, '__dict__'):
                for k, v in x.__dict__.items():
                    y.__dict__[k] = deepcopy(v, memo)
    memo[d] = y
    return y
