# The `linecache` module: source lines by file name (Lib/linecache.py's getline/getlines/
# clearcache/checkcache). Sources percolate already holds (the script, imported modules, frozen
# modules) come from the interpreter (`_interpreter_source`); other files are read from disk.

cache = {}


def clearcache():
    cache.clear()


def checkcache(filename=None):
    pass


def getlines(filename, module_globals=None):
    if filename in cache:
        return cache[filename]
    text = _interpreter_source(filename)
    if text is None:
        if not filename or (filename.startswith('<') and filename.endswith('>')):
            return []
        try:
            with open(filename, encoding='utf-8') as f:
                text = f.read()
        except (OSError, UnicodeDecodeError):
            return []
    lines = text.splitlines(True)
    if lines and not lines[-1].endswith('\n'):
        lines[-1] += '\n'
    cache[filename] = lines
    return lines


def getline(filename, lineno, module_globals=None):
    lines = getlines(filename, module_globals)
    if 1 <= lineno <= len(lines):
        return lines[lineno - 1]
    return ''


def updatecache(filename, module_globals=None):
    cache.pop(filename, None)
    return getlines(filename, module_globals)


def lazycache(filename, module_globals):
    return False
