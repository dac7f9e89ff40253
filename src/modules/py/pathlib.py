"""pathlib for POSIX: PurePath/PurePosixPath (path arithmetic, CPython's normalisation) and
Path/PosixPath (file-system calls over os)."""

import fnmatch
import os
import re

__all__ = ["PurePath", "PurePosixPath", "PureWindowsPath", "Path", "PosixPath",
           "WindowsPath"]


def _parse(args):
    """(root, parts) of the joined arguments: '//' kept only as exactly two leading slashes,
    empty and '.' components dropped."""
    path = ''
    for a in args:
        if isinstance(a, PurePath):
            a = str(a)
        else:
            a = os.fspath(a)
            if not isinstance(a, str):
                raise TypeError("argument should be a str or an os.PathLike object where "
                                "__fspath__ returns a str, not %r" % type(a).__name__)
        if a.startswith('/'):
            path = a
        elif path and not path.endswith('/'):
            path += '/' + a
        else:
            path += a
    if path.startswith('//') and not path.startswith('///'):
        root = '//'
    elif path.startswith('/'):
        root = '/'
    else:
        root = ''
    parts = [p for p in path.split('/') if p and p != '.']
    return root, parts


class PurePath:
    """A path without file-system access."""

    __slots__ = ('_root', '_tail', '_str', '_hash')

    def __new__(cls, *args):
        if cls is PurePath:
            cls = PurePosixPath
        self = object.__new__(cls)
        self._root, self._tail = _parse(args)
        self._str = None
        self._hash = None
        return self

    def __init__(self, *args):
        pass

    @classmethod
    def _from_parts(cls, root, tail):
        self = object.__new__(cls)
        self._root = root
        self._tail = list(tail)
        self._str = None
        self._hash = None
        return self

    def with_segments(self, *pathsegments):
        return type(self)(*pathsegments)

    def __str__(self):
        if self._str is None:
            self._str = (self._root + '/'.join(self._tail)) or '.'
        return self._str

    def __fspath__(self):
        return str(self)

    def as_posix(self):
        return str(self)

    def __bytes__(self):
        return os.fsencode(self) if hasattr(os, 'fsencode') else str(self).encode()

    def __repr__(self):
        return "{}({!r})".format(self.__class__.__name__, self.as_posix())

    def as_uri(self):
        if not self.is_absolute():
            raise ValueError("relative path can't be expressed as a file URI")
        from urllib.parse import quote_from_bytes
        return 'file://' + quote_from_bytes(str(self).encode('utf-8'))

    def _key(self):
        return str(self)

    def __eq__(self, other):
        if not isinstance(other, PurePath):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self):
        if self._hash is None:
            self._hash = hash(self._key())
        return self._hash

    def __lt__(self, other):
        if not isinstance(other, PurePath):
            return NotImplemented
        return self._tail_key() < other._tail_key()

    def __le__(self, other):
        if not isinstance(other, PurePath):
            return NotImplemented
        return self._tail_key() <= other._tail_key()

    def __gt__(self, other):
        if not isinstance(other, PurePath):
            return NotImplemented
        return self._tail_key() > other._tail_key()

    def __ge__(self, other):
        if not isinstance(other, PurePath):
            return NotImplemented
        return self._tail_key() >= other._tail_key()

    def _tail_key(self):
        return ([self._root] if self._root else []) + self._tail

    @property
    def drive(self):
        return ''

    @property
    def root(self):
        return self._root

    @property
    def anchor(self):
        return self._root

    @property
    def parts(self):
        if self._root:
            return (self._root,) + tuple(self._tail)
        return tuple(self._tail)

    @property
    def name(self):
        return self._tail[-1] if self._tail else ''

    @property
    def suffix(self):
        name = self.name
        i = name.rfind('.')
        if 0 < i < len(name) - 1:
            return name[i:]
        return ''

    @property
    def suffixes(self):
        name = self.name
        if name.endswith('.'):
            return []
        name = name.lstrip('.')
        return ['.' + suffix for suffix in name.split('.')[1:]]

    @property
    def stem(self):
        name = self.name
        i = name.rfind('.')
        if 0 < i < len(name) - 1:
            return name[:i]
        return name

    @property
    def parent(self):
        if not self._tail:
            return self
        return self._from_parts(self._root, self._tail[:-1])

    @property
    def parents(self):
        result = []
        path = self
        while path._tail:
            path = path.parent
            result.append(path)
        return tuple(result)

    def is_absolute(self):
        return bool(self._root)

    def is_reserved(self):
        return False

    def joinpath(self, *pathsegments):
        return self.with_segments(self, *pathsegments)

    def __truediv__(self, key):
        try:
            return self.with_segments(self, key)
        except TypeError:
            return NotImplemented

    def __rtruediv__(self, key):
        try:
            return self.with_segments(key, self)
        except TypeError:
            return NotImplemented

    def with_name(self, name):
        if not self.name:
            raise ValueError("%r has an empty name" % (self,))
        if not name or '/' in name or name == '.':
            raise ValueError("Invalid name %r" % (name,))
        return self._from_parts(self._root, self._tail[:-1] + [name])

    def with_stem(self, stem):
        return self.with_name(stem + self.suffix)

    def with_suffix(self, suffix):
        if '/' in suffix or suffix and (not suffix.startswith('.') or suffix == '.'):
            raise ValueError("Invalid suffix %r" % (suffix,))
        name = self.name
        if not name:
            raise ValueError("%r has an empty name" % (self,))
        old_suffix = self.suffix
        if not old_suffix:
            name = name + suffix
        else:
            name = name[:-len(old_suffix)] + suffix
        return self._from_parts(self._root, self._tail[:-1] + [name])

    def relative_to(self, other, /, *_deprecated, walk_up=False):
        other = self.with_segments(other, *_deprecated)
        if self._root != other._root:
            raise ValueError("{!r} is not in the subpath of {!r}".format(str(self), str(other)))
        n = len(other._tail)
        if self._tail[:n] == other._tail:
            return self._from_parts('', self._tail[n:])
        if not walk_up:
            raise ValueError("{!r} is not in the subpath of {!r}".format(str(self), str(other)))
        common = 0
        while (common < min(n, len(self._tail))
               and self._tail[common] == other._tail[common]):
            common += 1
        if '..' in other._tail[common:]:
            raise ValueError("'..' segment in {!r} cannot be walked".format(str(other)))
        return self._from_parts('', ['..'] * (n - common) + self._tail[common:])

    def is_relative_to(self, other, /, *_deprecated):
        other = self.with_segments(other, *_deprecated)
        return self._root == other._root and self._tail[:len(other._tail)] == other._tail

    def match(self, path_pattern, *, case_sensitive=None):
        pat = self.with_segments(path_pattern)
        if not pat.parts:
            raise ValueError("empty pattern")
        pat_parts = pat._tail
        parts = self._tail
        if pat._root:
            if pat._root != self._root or len(pat_parts) != len(parts):
                return False
        elif len(pat_parts) > len(parts):
            return False
        for part, pattern in zip(reversed(parts), reversed(pat_parts)):
            if not fnmatch.fnmatchcase(part, pattern):
                return False
        return True


class PurePosixPath(PurePath):
    """A pure path with POSIX semantics."""

    __slots__ = ()


class PureWindowsPath(PurePath):
    """Windows paths, which percolate does not implement."""

    __slots__ = ()

    def __new__(cls, *args):
        raise NotImplementedError("percolate does not support Windows paths")


class Path(PurePath):
    """A path with file-system access."""

    __slots__ = ()

    def __new__(cls, *args, **kwargs):
        if cls is Path:
            cls = PosixPath
        return PurePath.__new__(cls, *args)

    @classmethod
    def cwd(cls):
        return cls(os.getcwd())

    @classmethod
    def home(cls):
        return cls(os.path.expanduser('~'))

    def absolute(self):
        if self.is_absolute():
            return self
        return self.with_segments(os.getcwd(), self)

    def resolve(self, strict=False):
        return self.with_segments(os.path.realpath(str(self), strict=strict))

    def expanduser(self):
        if self._tail and self._tail[0].startswith('~') and not self._root:
            expanded = os.path.expanduser(self._tail[0])
            if expanded.startswith('~'):
                raise RuntimeError("Could not determine home directory.")
            return self.with_segments(expanded, *self._tail[1:])
        return self

    def stat(self, *, follow_symlinks=True):
        return os.stat(self)

    def exists(self, *, follow_symlinks=True):
        return os.path.exists(self)

    def is_file(self):
        return os.path.isfile(self)

    def is_dir(self):
        return os.path.isdir(self)

    def is_symlink(self):
        return False

    def iterdir(self):
        for name in os.listdir(self):
            yield self._from_parts(self._root, self._tail + [name])

    def glob(self, pattern, *, case_sensitive=None):
        import glob as _glob
        if not pattern:
            raise ValueError("Unacceptable pattern: {!r}".format(pattern))
        for p in _glob.glob(pattern, root_dir=str(self), recursive=True):
            yield self / p

    def rglob(self, pattern, *, case_sensitive=None):
        return self.glob('**/' + pattern)

    def open(self, mode='r', buffering=-1, encoding=None, errors=None, newline=None):
        if encoding is None and 'b' not in mode:
            return open(str(self), mode)
        if 'b' in mode:
            return open(str(self), mode)
        return open(str(self), mode, encoding=encoding)

    def read_text(self, encoding=None, errors=None):
        with self.open(mode='r', encoding=encoding, errors=errors) as f:
            return f.read()

    def read_bytes(self):
        with self.open(mode='rb') as f:
            return f.read()

    def write_text(self, data, encoding=None, errors=None, newline=None):
        if not isinstance(data, str):
            raise TypeError('data must be str, not %s' % data.__class__.__name__)
        with self.open(mode='w', encoding=encoding, errors=errors, newline=newline) as f:
            return f.write(data)

    def write_bytes(self, data):
        view = bytes(data)
        with self.open(mode='wb') as f:
            return f.write(view)

    def touch(self, mode=0o666, exist_ok=True):
        if self.exists():
            if not exist_ok:
                raise FileExistsError(17, 'File exists', str(self))
            return
        self.open('a').close()

    def mkdir(self, mode=0o777, parents=False, exist_ok=False):
        try:
            os.mkdir(self, mode)
        except FileNotFoundError:
            if not parents or self.parent == self:
                raise
            self.parent.mkdir(parents=True, exist_ok=True)
            self.mkdir(mode, parents=False, exist_ok=exist_ok)
        except OSError:
            if not exist_ok or not self.is_dir():
                raise

    def unlink(self, missing_ok=False):
        try:
            os.unlink(self)
        except FileNotFoundError:
            if not missing_ok:
                raise

    def rmdir(self):
        os.rmdir(self)

    def rename(self, target):
        os.rename(self, target)
        return self.with_segments(target)

    def replace(self, target):
        os.replace(self, target)
        return self.with_segments(target)

    def samefile(self, other_path):
        return self.resolve() == self.with_segments(other_path).resolve()


class PosixPath(Path, PurePosixPath):
    """A concrete path on a POSIX system."""

    __slots__ = ()


class WindowsPath(Path, PureWindowsPath):
    """Windows paths, which percolate does not implement."""

    __slots__ = ()
