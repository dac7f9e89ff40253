"""os: the process environment and basic file-system calls (natives from src/modules/os.rs;
os.path is the posixpath module)."""

import sys
import posixpath as path
from posixpath import sep, curdir, pardir, extsep, altsep, pathsep, defpath, devnull

name = 'posix'
linesep = '\n'
error = OSError
SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2
F_OK = 0
R_OK = 4
W_OK = 2
X_OK = 1


class PathLike:
    """Abstract base class for objects with __fspath__."""

    def __fspath__(self):
        raise NotImplementedError

    @classmethod
    def __subclasshook__(cls, subclass):
        return hasattr(subclass, '__fspath__') or NotImplemented


def fspath(path):
    if isinstance(path, (str, bytes)):
        return path
    method = getattr(type(path), '__fspath__', None)
    if method is None:
        raise TypeError("expected str, bytes or os.PathLike object, not "
                        + type(path).__name__)
    result = method(path)
    if isinstance(result, (str, bytes)):
        return result
    raise TypeError("expected %s.__fspath__() to return str or bytes, not %s"
                    % (type(path).__name__, type(result).__name__))


class _Environ:
    """os.environ: a mapping of the environment variables (str to str)."""

    def __init__(self, data):
        self._data = data

    def _check(self, value, what):
        if not isinstance(value, str):
            raise TypeError("str expected, not %s" % type(value).__name__)
        return value

    def __getitem__(self, key):
        try:
            return self._data[key]
        except KeyError:
            raise KeyError(key) from None

    def __setitem__(self, key, value):
        self._data[self._check(key, 'key')] = self._check(value, 'value')

    def __delitem__(self, key):
        try:
            del self._data[key]
        except KeyError:
            raise KeyError(key) from None

    def __iter__(self):
        return iter(list(self._data))

    def __len__(self):
        return len(self._data)

    def __contains__(self, key):
        return key in self._data

    def get(self, key, default=None):
        return self._data.get(key, default)

    def keys(self):
        return self._data.keys()

    def values(self):
        return self._data.values()

    def items(self):
        return self._data.items()

    def pop(self, key, *default):
        return self._data.pop(key, *default)

    def setdefault(self, key, value):
        if key not in self._data:
            self[key] = value
        return self._data[key]

    def update(self, *args, **kwargs):
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def copy(self):
        return dict(self._data)

    def __eq__(self, other):
        if isinstance(other, _Environ):
            return self._data == other._data
        return self._data == other

    def __repr__(self):
        return 'environ({%s})' % ', '.join('%r: %r' % item for item in self._data.items())


environ = _Environ(_environ_data)
del _environ_data


def getenv(key, default=None):
    return environ.get(key, default)


def putenv(key, value):
    environ[key] = value


def unsetenv(key):
    environ.pop(key, None)


def _native_path(p):
    p = fspath(p)
    if isinstance(p, bytes):
        raise TypeError("percolate's os takes str paths, not bytes")
    return p


_listdir = listdir


def listdir(path='.'):
    return _listdir(_native_path(path))


def mkdir(path, mode=0o777, *, dir_fd=None):
    _mkdir(_native_path(path))


def makedirs(name, mode=0o777, exist_ok=False):
    name = _native_path(name)
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    if head and tail and not path.exists(head):
        try:
            makedirs(head, exist_ok=exist_ok)
        except FileExistsError:
            pass
    try:
        _mkdir(name)
    except OSError:
        if not exist_ok or not path.isdir(name):
            raise


_remove = remove


def remove(path, *, dir_fd=None):
    _remove(_native_path(path))


unlink = remove
_rmdir = rmdir


def rmdir(path, *, dir_fd=None):
    _rmdir(_native_path(path))


_rename = rename


def rename(src, dst):
    _rename(_native_path(src), _native_path(dst))


replace = rename
_chdir = chdir


def chdir(path):
    _chdir(_native_path(path))


class stat_result:
    """The parts of os.stat's result percolate fills: mode, size and times."""

    def __init__(self, values):
        self.st_mode, self.st_size, self.st_atime, self.st_mtime, self.st_ctime = values


class uname_result(tuple):
    """(sysname, nodename, release, version, machine) of the running kernel."""

    _fields = ('sysname', 'nodename', 'release', 'version', 'machine')
    sysname = property(lambda self: self[0])
    nodename = property(lambda self: self[1])
    release = property(lambda self: self[2])
    version = property(lambda self: self[3])
    machine = property(lambda self: self[4])

    def __repr__(self):
        return 'posix.uname_result(%s)' % ', '.join(
            '%s=%r' % pair for pair in zip(self._fields, self))


def uname():
    return uname_result(_uname())


def stat(path, *, dir_fd=None, follow_symlinks=True):
    return stat_result(path_stat(_native_path(path)))


def walk(top, topdown=True, onerror=None, followlinks=False):
    top = fspath(top)
    try:
        names = listdir(top)
    except OSError as err:
        if onerror is not None:
            onerror(err)
        return
    dirs = []
    nondirs = []
    for entry in names:
        if path.isdir(path.join(top, entry)):
            dirs.append(entry)
        else:
            nondirs.append(entry)
    if topdown:
        yield top, dirs, nondirs
    for d in dirs:
        yield from walk(path.join(top, d), topdown, onerror, followlinks)
    if not topdown:
        yield top, dirs, nondirs


sys.modules['os.path'] = path
