# The parts of `random` written in Python, run in the native module's namespace: CPython's
# other distributions (same formulas, so a seeded program prints the same numbers),
# randbytes, and SystemRandom (os.urandom).

from math import log as _log, exp as _exp, pi as _pi, e as _e, sqrt as _sqrt, acos as _acos
from math import cos as _cos, floor as _floor
from os import urandom as _urandom

NV_MAGICCONST = 4 * _exp(-0.5) / _sqrt(2.0)
TWOPI = 2.0 * _pi
LOG4 = _log(4.0)
SG_MAGICCONST = 1.0 + _log(4.5)
BPF = 53
RECIP_BPF = 2 ** -BPF


def _expovariate(rand, lambd):
    return -_log(1.0 - rand()) / lambd


def _normalvariate(rand, mu, sigma):
    while True:
        u1 = rand()
        u2 = 1.0 - rand()
        z = NV_MAGICCONST * (u1 - 0.5) / u2
        zz = z * z / 4.0
        if zz <= -_log(u2):
            break
    return mu + z * sigma


def _triangular(rand, low, high, mode):
    u = rand()
    try:
        c = 0.5 if mode is None else (mode - low) / (high - low)
    except ZeroDivisionError:
        return low
    if u > c:
        u = 1.0 - u
        c = 1.0 - c
        low, high = high, low
    return low + (high - low) * _sqrt(u * c)


def _vonmisesvariate(rand, mu, kappa):
    if kappa <= 1e-6:
        return TWOPI * rand()
    s = 0.5 / kappa
    r = s + _sqrt(1.0 + s * s)
    while True:
        u1 = rand()
        z = _cos(_pi * u1)
        d = z / (r + z)
        u2 = rand()
        if u2 < 1.0 - d * d or u2 <= (1.0 - d) * _exp(d):
            break
    q = 1.0 / r
    f = (q + z) / (1.0 + q * z)
    u3 = rand()
    if u3 > 0.5:
        theta = (mu + _acos(f)) % TWOPI
    else:
        theta = (mu - _acos(f)) % TWOPI
    return theta


def _gammavariate(rand, alpha, beta):
    if alpha <= 0.0 or beta <= 0.0:
        raise ValueError('gammavariate: alpha and beta must be > 0.0')
    if alpha > 1.0:
        ainv = _sqrt(2.0 * alpha - 1.0)
        bbb = alpha - LOG4
        ccc = alpha + ainv
        while True:
            u1 = rand()
            if not 1e-7 < u1 < 0.9999999:
                continue
            u2 = 1.0 - rand()
            v = _log(u1 / (1.0 - u1)) / ainv
            x = alpha * _exp(v)
            z = u1 * u1 * u2
            r = bbb + ccc * v - x
            if r + SG_MAGICCONST - 4.5 * z >= 0.0 or r >= _log(z):
                return x * beta
    elif alpha == 1.0:
        return -_log(1.0 - rand()) * beta
    else:
        while True:
            u = rand()
            b = (_e + alpha) / _e
            p = b * u
            if p <= 1.0:
                x = p ** (1.0 / alpha)
            else:
                x = -_log((b - p) / alpha)
            u1 = rand()
            if p > 1.0:
                if u1 <= x ** (alpha - 1.0):
                    break
            elif u1 <= _exp(-x):
                break
        return x * beta


def _betavariate(rand, alpha, beta):
    y = _gammavariate(rand, alpha, 1.0)
    if y:
        return y / (y + _gammavariate(rand, beta, 1.0))
    return 0.0


def _paretovariate(rand, alpha):
    u = 1.0 - rand()
    return u ** (-1.0 / alpha)


def _weibullvariate(rand, alpha, beta):
    u = 1.0 - rand()
    return alpha * (-_log(u)) ** (1.0 / beta)


def expovariate(lambd=1.0):
    return _expovariate(random, lambd)


def normalvariate(mu=0.0, sigma=1.0):
    return _normalvariate(random, mu, sigma)


def lognormvariate(mu, sigma):
    return _exp(_normalvariate(random, mu, sigma))


def triangular(low=0.0, high=1.0, mode=None):
    return _triangular(random, low, high, mode)


def vonmisesvariate(mu, kappa):
    return _vonmisesvariate(random, mu, kappa)


def gammavariate(alpha, beta):
    return _gammavariate(random, alpha, beta)


def betavariate(alpha, beta):
    return _betavariate(random, alpha, beta)


def paretovariate(alpha):
    return _paretovariate(random, alpha)


def weibullvariate(alpha, beta):
    return _weibullvariate(random, alpha, beta)


def randbytes(n):
    return getrandbits(n * 8).to_bytes(n, 'little')


_NativeRandom = Random


class Random(_NativeRandom):
    """Random with CPython's other distributions as methods."""

    def expovariate(self, lambd=1.0):
        return _expovariate(self.random, lambd)

    def normalvariate(self, mu=0.0, sigma=1.0):
        return _normalvariate(self.random, mu, sigma)

    def lognormvariate(self, mu, sigma):
        return _exp(_normalvariate(self.random, mu, sigma))

    def triangular(self, low=0.0, high=1.0, mode=None):
        return _triangular(self.random, low, high, mode)

    def vonmisesvariate(self, mu, kappa):
        return _vonmisesvariate(self.random, mu, kappa)

    def gammavariate(self, alpha, beta):
        return _gammavariate(self.random, alpha, beta)

    def betavariate(self, alpha, beta):
        return _betavariate(self.random, alpha, beta)

    def paretovariate(self, alpha):
        return _paretovariate(self.random, alpha)

    def weibullvariate(self, alpha, beta):
        return _weibullvariate(self.random, alpha, beta)

    def randbytes(self, n):
        return self.getrandbits(n * 8).to_bytes(n, 'little')


Random.__module__ = 'random'
Random.__qualname__ = 'Random'


class SystemRandom(Random):
    """Random numbers from the operating system (os.urandom); it has no state to seed."""

    def random(self):
        return (int.from_bytes(_urandom(7), 'big') >> 3) * RECIP_BPF

    def getrandbits(self, k):
        if k < 0:
            raise ValueError('number of bits must be non-negative')
        numbytes = (k + 7) // 8
        x = int.from_bytes(_urandom(numbytes), 'big')
        return x >> (numbytes * 8 - k)

    def randbytes(self, n):
        return _urandom(n)

    def seed(self, *args, **kwds):
        return None

    def _notimplemented(self, *args, **kwds):
        raise NotImplementedError('System entropy source does not have state.')

    getstate = setstate = _notimplemented

    def _randbelow(self, n):
        k = n.bit_length()
        r = self.getrandbits(k)
        while r >= n:
            r = self.getrandbits(k)
        return r

    def randrange(self, start, stop=None, step=1):
        if stop is None:
            if start > 0:
                return self._randbelow(start)
            raise ValueError("empty range for randrange()")
        width = stop - start
        if step == 1:
            if width > 0:
                return start + self._randbelow(width)
            raise ValueError("empty range for randrange() (%d, %d, %d)" % (start, stop, width))
        if step > 0:
            n = (width + step - 1) // step
        elif step < 0:
            n = (width + step + 1) // step
        else:
            raise ValueError("zero step for randrange()")
        if n <= 0:
            raise ValueError("empty range for randrange()")
        return start + step * self._randbelow(n)

    def randint(self, a, b):
        return self.randrange(a, b + 1)

    def choice(self, seq):
        if not len(seq):
            raise IndexError('Cannot choose from an empty sequence')
        return seq[self._randbelow(len(seq))]

    def shuffle(self, x):
        for i in reversed(range(1, len(x))):
            j = self._randbelow(i + 1)
            x[i], x[j] = x[j], x[i]

    def sample(self, population, k, *, counts=None):
        pool = list(population)
        n = len(pool)
        if not 0 <= k <= n:
            raise ValueError("Sample larger than population or is negative")
        result = []
        for i in range(k):
            j = self._randbelow(n - i)
            result.append(pool[j])
            pool[j] = pool[n - i - 1]
        return result

    def uniform(self, a, b):
        return a + (b - a) * self.random()

    def choices(self, population, weights=None, *, cum_weights=None, k=1):
        n = len(population)
        if cum_weights is None:
            if weights is None:
                return [population[_floor(self.random() * n)] for i in range(k)]
            total = 0.0
            cum_weights = []
            for w in weights:
                total += w
                cum_weights.append(total)
        import bisect
        total = cum_weights[-1]
        hi = n - 1
        return [population[bisect.bisect(cum_weights, self.random() * total, 0, hi)]
                for i in range(k)]

    def gauss(self, mu=0.0, sigma=1.0):
        return _normalvariate(self.random, mu, sigma)


SystemRandom.__module__ = 'random'
