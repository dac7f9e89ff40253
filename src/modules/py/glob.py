"""glob: pathnames matching shell-style patterns (over os.listdir and fnmatch), sorted as
os.listdir returns them; hidden files match only patterns starting with '.'."""

import fnmatch
import os
import re

__all__ = ["glob", "iglob", "escape", "has_magic"]

_magic_check = re.compile('([*?[])')


def has_magic(s):
    return _magic_check.search(s) is not None


def escape(pathname):
    drive, pathname = os.path.splitdrive(pathname)
    pathname = _magic_check.sub(r'[\1]', pathname)
    return drive + pathname


def glob(pathname, *, root_dir=None, dir_fd=None, recursive=False, include_hidden=False):
    return list(iglob(pathname, root_dir=root_dir, recursive=recursive,
                      include_hidden=include_hidden))


def _listdir(dirname, root_dir):
    path = dirname or os.curdir
    if root_dir is not None:
        path = os.path.join(root_dir, path)
    try:
        return os.listdir(path)
    except OSError:
        return []


def _exists(path, root_dir):
    if root_dir is not None:
        path = os.path.join(root_dir, path)
    return os.path.exists(path)


def _isdir(path, root_dir):
    if root_dir is not None:
        path = os.path.join(root_dir, path)
    return os.path.isdir(path)


def _filter_names(names, pattern, include_hidden):
    if not include_hidden and not pattern.startswith('.'):
        names = [x for x in names if not x.startswith('.')]
    return fnmatch.filter(names, pattern)


def _rlistdir(dirname, root_dir, include_hidden):
    for name in _listdir(dirname, root_dir):
        if not include_hidden and name.startswith('.'):
            continue
        yield name
        path = os.path.join(dirname, name) if dirname else name
        if _isdir(path, root_dir):
            for sub in _rlistdir(path, root_dir, include_hidden):
                yield os.path.join(name, sub)


def _glob_in_dir(dirname, pattern, root_dir, recursive, include_hidden, dironly):
    if recursive and pattern == '**':
        result = [''] if not dironly or True else []
        for name in _rlistdir(dirname, root_dir, include_hidden):
            full = os.path.join(dirname, name) if dirname else name
            if not dironly or _isdir(full, root_dir):
                result.append(name)
        return result
    if not has_magic(pattern):
        if not pattern:
            return [pattern] if _isdir(dirname, root_dir) else []
        full = os.path.join(dirname, pattern)
        return [pattern] if _exists(full, root_dir) else []
    names = _listdir(dirname, root_dir)
    if dironly:
        names = [n for n in names if _isdir(os.path.join(dirname, n), root_dir)]
    return _filter_names(names, pattern, include_hidden)


def _iglob(pathname, root_dir, recursive, include_hidden, dironly):
    dirname, basename = os.path.split(pathname)
    if not has_magic(pathname):
        if basename:
            if _exists(pathname, root_dir):
                yield pathname
        elif _isdir(dirname, root_dir):
            yield pathname
        return
    if not dirname:
        yield from _glob_in_dir(dirname, basename, root_dir, recursive, include_hidden,
                                dironly)
        return
    if dirname != pathname and has_magic(dirname):
        dirs = _iglob(dirname, root_dir, recursive, include_hidden, True)
    else:
        dirs = [dirname]
    for d in dirs:
        for name in _glob_in_dir(d, basename, root_dir, recursive, include_hidden, dironly):
            yield os.path.join(d, name)


def iglob(pathname, *, root_dir=None, dir_fd=None, recursive=False, include_hidden=False):
    pathname = os.fspath(pathname)
    it = _iglob(pathname, root_dir, recursive, include_hidden, False)
    if recursive and pathname[:2] == '**':
        # The '' that '**' yields for the starting directory itself is not a result.
        return (p for p in it if p)
    return it
