# The Python half of `math`: integer functions and aggregates on top of the native float core
# (sqrt, exp, _ln, trig ... are set before this runs).


def _check_int(name, x):
    if isinstance(x, float):
        raise TypeError(f"'float' object cannot be interpreted as an integer")
    return x.__index__()


def _real(x):
    """float(x) for real numbers; CPython's TypeError for anything else (str included)."""
    if isinstance(x, (int, float)):
        return float(x)
    cls = type(x)
    if hasattr(cls, '__float__') or hasattr(cls, '__index__'):
        return float(x)
    raise TypeError(f'must be real number, not {cls.__name__}')


def floor(x):
    if isinstance(x, int):
        return int(x)
    f = getattr(type(x), '__floor__', None)
    if f is not None and not isinstance(x, float):
        return f(x)
    x = _real(x)
    i = int(x)
    return i - 1 if i > x else i


def ceil(x):
    if isinstance(x, int):
        return int(x)
    f = getattr(type(x), '__ceil__', None)
    if f is not None and not isinstance(x, float):
        return f(x)
    x = _real(x)
    i = int(x)
    return i + 1 if i < x else i


def trunc(x):
    if isinstance(x, float):
        return int(x)
    t = getattr(type(x), '__trunc__', None)
    if t is None:
        raise TypeError(f"type {type(x).__name__} doesn't define __trunc__ method")
    return t(x)


def _log_any(x):
    """ln(x), also for ints too large for a float (mirrors mathmodule.c loghelper)."""
    if isinstance(x, int) and x > 0 and x.bit_length() > 1000:
        e = x.bit_length()
        m = (x >> (e - 60)) / 1152921504606846976
        return _ln(m) + 0.6931471805599453 * e
    return _ln(x)


def log(x, base=None):
    if base is None:
        return _log_any(x)
    num = _log_any(x)
    den = _log_any(base)
    if den == 0.0:
        raise ZeroDivisionError('float division by zero')
    return num / den


def isnan(x):
    x = _real(x)
    return x != x


def isinf(x):
    x = _real(x)
    return x == inf or x == -inf


def isfinite(x):
    x = _real(x)
    return not (x != x or x == inf or x == -inf)


def isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0):
    if rel_tol < 0.0 or abs_tol < 0.0:
        raise ValueError('tolerances must be non-negative')
    a = _real(a)
    b = _real(b)
    if a == b:
        return True
    if isinf(a) or isinf(b):
        return False
    diff = fabs(b - a)
    return diff <= fabs(rel_tol * b) or diff <= fabs(rel_tol * a) or diff <= abs_tol


def degrees(x):
    return _real(x) * (180.0 / pi)


def radians(x):
    return _real(x) * (pi / 180.0)


def hypot(*coordinates):
    result = 0.0
    for c in coordinates:
        result = _hypot2(result, c)
    return result


def dist(p, q):
    p = tuple(p)
    q = tuple(q)
    if len(p) != len(q):
        raise ValueError('both points must have the same number of dimensions')
    return hypot(*[_real(a) - _real(b) for a, b in zip(p, q)])


def gcd(*integers):
    result = 0
    for n in integers:
        n = abs(_check_int('gcd', n))
        while n:
            result, n = n, result % n
    return abs(result)


def lcm(*integers):
    result = 1
    for n in integers:
        n = _check_int('lcm', n)
        if n == 0:
            return 0
        result = abs(result * n) // gcd(result, n)
    return result


def factorial(n):
    n = _check_int('factorial', n)
    if n < 0:
        raise ValueError('factorial() not defined for negative values')
    result = 1
    for i in range(2, n + 1):
        result *= i
    return result


def perm(n, k=None):
    n = _check_int('perm', n)
    if k is None:
        k = n
    k = _check_int('perm', k)
    if n < 0:
        raise ValueError('n must be a non-negative integer')
    if k < 0:
        raise ValueError('k must be a non-negative integer')
    if k > n:
        return 0
    result = 1
    for i in range(n - k + 1, n + 1):
        result *= i
    return result


def comb(n, k):
    n = _check_int('comb', n)
    k = _check_int('comb', k)
    if n < 0:
        raise ValueError('n must be a non-negative integer')
    if k < 0:
        raise ValueError('k must be a non-negative integer')
    if k > n:
        return 0
    k = min(k, n - k)
    result = 1
    for i in range(1, k + 1):
        result = result * (n - k + i) // i
    return result


def isqrt(n):
    n = _check_int('isqrt', n)
    if n < 0:
        raise ValueError('isqrt() argument must be nonnegative')
    if n == 0:
        return 0
    x = 1 << ((n.bit_length() + 1) // 2)
    while True:
        y = (x + n // x) // 2
        if y >= x:
            return x
        x = y


def prod(iterable, *, start=1):
    result = start
    for x in iterable:
        result = result * x
    return result


def fsum(iterable):
    # Shewchuk's exact partial sums, as in CPython's math_fsum.
    partials = []
    for x in iterable:
        x = _real(x)
        i = 0
        for y in partials:
            if fabs(x) < fabs(y):
                x, y = y, x
            hi = x + y
            lo = y - (hi - x)
            if lo:
                partials[i] = lo
                i += 1
            x = hi
        partials[i:] = [x]
    if not partials:
        return 0.0
    total = partials.pop()
    while partials:
        x = total
        y = partials.pop()
        total = x + y
        yr = total - x
        lo = y - yr
        if lo:
            if partials and ((lo < 0 and partials[-1] < 0) or (lo > 0 and partials[-1] > 0)):
                y = lo * 2
                x = total + y
                yr = x - total
                if y == yr:
                    total = x
            break
    return total


def modf(x):
    x = _real(x)
    if isinf(x):
        return (copysign(0.0, x), x)
    i = float(int(x)) if x == x else x
    return (copysign(x - i, x), copysign(i, x))


def ldexp(x, i):
    x = _real(x)
    i = _check_int('ldexp', i)
    if x == 0.0 or not isfinite(x):
        return x
    result = x * 2.0 ** min(max(i, -1100), 1100) if -1022 <= i <= 1023 else x * (2.0 ** (i // 2)) * (2.0 ** (i - i // 2))
    if isinf(result):
        raise OverflowError('math range error')
    return result
