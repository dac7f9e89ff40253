"""os.path for POSIX (facts of CPython's posixpath.py; natives _kind, _stat, getcwd,
_realpath are set by src/modules/os.rs)."""

sep = '/'
curdir = '.'
pardir = '..'
extsep = '.'
altsep = None
pathsep = ':'
defpath = '/bin:/usr/bin'
devnull = '/dev/null'


def _fspath(path):
    if isinstance(path, (str, bytes)):
        return path
    fspath = getattr(type(path), '__fspath__', None)
    if fspath is None:
        raise TypeError("expected str, bytes or os.PathLike object, not "
                        + type(path).__name__)
    return fspath(path)


def _text(path):
    path = _fspath(path)
    if isinstance(path, bytes):
        raise TypeError("percolate's os.path takes str paths, not bytes")
    return path


def isabs(s):
    return _text(s).startswith('/')


def join(a, *p):
    path = _text(a)
    for b in p:
        b = _fspath(b)
        if not isinstance(b, str):
            raise TypeError("Can't mix strings and bytes in path components")
        if b.startswith('/'):
            path = b
        elif not path or path.endswith('/'):
            path += b
        else:
            path += '/' + b
    return path


def split(p):
    p = _text(p)
    i = p.rfind('/') + 1
    head, tail = p[:i], p[i:]
    if head and head != '/' * len(head):
        head = head.rstrip('/')
    return head, tail


def splitext(p):
    p = _text(p)
    sep_index = p.rfind('/')
    dot_index = p.rfind('.')
    if dot_index > sep_index:
        filename_index = sep_index + 1
        while filename_index < dot_index:
            if p[filename_index] != '.':
                return p[:dot_index], p[dot_index:]
            filename_index += 1
    return p, p[:0]


def normcase(s):
    return _fspath(s)


def splitdrive(p):
    p = _text(p)
    return p[:0], p


def basename(p):
    p = _text(p)
    return p[p.rfind('/') + 1:]


def dirname(p):
    p = _text(p)
    i = p.rfind('/') + 1
    head = p[:i]
    if head and head != '/' * len(head):
        head = head.rstrip('/')
    return head


def normpath(path):
    path = _text(path)
    if path == '':
        return '.'
    initial_slashes = 2 if path.startswith('//') and not path.startswith('///') else (
        1 if path.startswith('/') else 0)
    parts = []
    for comp in path.split('/'):
        if comp in ('', '.'):
            continue
        if comp != '..' or (not initial_slashes and not parts) or (parts and parts[-1] == '..'):
            parts.append(comp)
        elif parts:
            parts.pop()
    path = '/'.join(parts)
    if initial_slashes:
        path = '/' * initial_slashes + path
    return path or '.'


def abspath(path):
    path = _text(path)
    if not isabs(path):
        path = join(getcwd(), path)
    return normpath(path)


def realpath(filename, *, strict=False):
    filename = abspath(filename)
    resolved = _realpath(filename)
    if resolved is not None:
        return resolved
    if strict:
        raise FileNotFoundError(2, 'No such file or directory', filename)
    head, tail = split(filename)
    if head != filename and tail:
        return join(realpath(head), tail)
    return filename


def relpath(path, start=None):
    if not path:
        raise ValueError("no path specified")
    if start is None:
        start = curdir
    start_list = [x for x in abspath(start).split('/') if x]
    path_list = [x for x in abspath(path).split('/') if x]
    i = len(commonprefix([start_list, path_list]))
    rel_list = [pardir] * (len(start_list) - i) + path_list[i:]
    if not rel_list:
        return curdir
    return join(*rel_list)


def commonprefix(m):
    if not m:
        return ''
    s1 = min(m)
    s2 = max(m)
    for i, c in enumerate(s1):
        if c != s2[i]:
            return s1[:i]
    return s1


def expanduser(path):
    path = _text(path)
    if not path.startswith('~'):
        return path
    i = path.find('/', 1)
    if i < 0:
        i = len(path)
    if i != 1:
        return path
    import os
    home = os.environ.get('HOME')
    if home is None:
        return path
    home = home.rstrip('/')
    return (home + path[i:]) or '/'


def exists(path):
    try:
        return _kind(_text(path)) != 0
    except (TypeError, ValueError):
        return False


def isfile(path):
    try:
        return _kind(_text(path)) == 1
    except (TypeError, ValueError):
        return False


def isdir(s):
    try:
        return _kind(_text(s)) == 2
    except (TypeError, ValueError):
        return False


def getsize(filename):
    return _stat(_text(filename))[1]


def getatime(filename):
    return _stat(_text(filename))[2]


def getmtime(filename):
    return _stat(_text(filename))[3]


def getctime(filename):
    return _stat(_text(filename))[4]
