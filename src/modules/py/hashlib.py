"""hashlib: md5, sha1, sha224, sha256, sha384, sha512 (natives _new/_update/_digest/_copy
from src/modules/hashlib.rs), pbkdf2_hmac and file_digest."""

_SIZES = {'md5': (16, 64), 'sha1': (20, 64), 'sha224': (28, 64), 'sha256': (32, 64),
          'sha384': (48, 128), 'sha512': (64, 128)}
algorithms_guaranteed = frozenset(_SIZES)
algorithms_available = frozenset(_SIZES)

__all__ = ('md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'new',
           'algorithms_guaranteed', 'algorithms_available', 'pbkdf2_hmac', 'file_digest')


def _data(data):
    if isinstance(data, str):
        raise TypeError("Strings must be encoded before hashing")
    if isinstance(data, bytes):
        return data
    if isinstance(data, bytearray):
        return bytes(data)
    raise TypeError("object supporting the buffer API required")


class _Hash:
    """A hash object: update() with bytes, then digest()/hexdigest()."""

    __slots__ = ('_state', '_name')

    def __init__(self, name, state):
        self._name = name
        self._state = state

    @property
    def name(self):
        return self._name

    @property
    def digest_size(self):
        return _SIZES[self._name][0]

    @property
    def block_size(self):
        return _SIZES[self._name][1]

    def update(self, data):
        _update(self._state, _data(data))

    def digest(self):
        return _digest(self._state)

    def hexdigest(self):
        return _digest(self._state).hex()

    def copy(self):
        return _Hash(self._name, _copy(self._state))

    def __repr__(self):
        return '<%s _hashlib.HASH object @ %#x>' % (self._name, id(self))


_Hash.__name__ = 'HASH'
_Hash.__qualname__ = 'HASH'


def new(name, data=b'', *, usedforsecurity=True):
    if not isinstance(name, str):
        raise TypeError("new() argument 'name' must be str, not %s" % type(name).__name__)
    state = _new(name)
    if state is None:
        raise ValueError('unsupported hash type ' + name)
    h = _Hash(name.lower(), state)
    if data:
        h.update(data)
    return h


def md5(string=b'', *, usedforsecurity=True):
    return new('md5', string)


def sha1(string=b'', *, usedforsecurity=True):
    return new('sha1', string)


def sha224(string=b'', *, usedforsecurity=True):
    return new('sha224', string)


def sha256(string=b'', *, usedforsecurity=True):
    return new('sha256', string)


def sha384(string=b'', *, usedforsecurity=True):
    return new('sha384', string)


def sha512(string=b'', *, usedforsecurity=True):
    return new('sha512', string)


def pbkdf2_hmac(hash_name, password, salt, iterations, dklen=None):
    import hmac
    password = _data(password)
    salt = _data(salt)
    if iterations < 1:
        raise ValueError('iteration value must be greater than 0.')
    digest_size = new(hash_name).digest_size
    if dklen is None:
        dklen = digest_size
    if dklen < 1:
        raise ValueError('key length must be greater than 0.')
    key = b''
    block = 1
    while len(key) < dklen:
        u = hmac.new(password, salt + block.to_bytes(4, 'big'), hash_name).digest()
        result = int.from_bytes(u, 'big')
        for _ in range(iterations - 1):
            u = hmac.new(password, u, hash_name).digest()
            result ^= int.from_bytes(u, 'big')
        key += result.to_bytes(digest_size, 'big')
        block += 1
    return key[:dklen]


def file_digest(fileobj, digest, /, *, _bufsize=2 ** 18):
    if isinstance(digest, str):
        digestobj = new(digest)
    else:
        digestobj = digest()
    while True:
        data = fileobj.read(_bufsize)
        if not data:
            break
        digestobj.update(data)
    return digestobj
