"""shlex: POSIX shell-like splitting (split), quoting (quote) and joining (join)."""

import re

__all__ = ["split", "quote", "join"]

_find_unsafe = re.compile(r'[^\w@%+=:,./-]', re.ASCII).search


def quote(s):
    """A shell-escaped version of the string s."""
    if not s:
        return "''"
    if _find_unsafe(s) is None:
        return s
    return "'" + s.replace("'", "'\"'\"'") + "'"


def join(split_command):
    return ' '.join(quote(arg) for arg in split_command)


_WHITESPACE = ' \t\r\n'


def split(s, comments=False, posix=True):
    """Splits s like a POSIX shell: quotes group, backslashes escape, '#' comments if asked."""
    if s is None:
        raise ValueError("s argument must not be None")
    if not posix:
        raise NotImplementedError("percolate's shlex.split supports posix=True only")
    tokens = []
    token = []
    in_token = False
    i = 0
    n = len(s)
    while i < n:
        c = s[i]
        if c in _WHITESPACE:
            if in_token:
                tokens.append(''.join(token))
                token = []
                in_token = False
            i += 1
        elif comments and c == '#':
            end = s.find('\n', i)
            if in_token:
                tokens.append(''.join(token))
                token = []
                in_token = False
            i = n if end < 0 else end + 1
        elif c == '\\':
            if i + 1 >= n:
                raise ValueError("No escaped character")
            token.append(s[i + 1])
            in_token = True
            i += 2
        elif c == "'":
            end = s.find("'", i + 1)
            if end < 0:
                raise ValueError("No closing quotation")
            token.append(s[i + 1:end])
            in_token = True
            i = end + 1
        elif c == '"':
            i += 1
            while True:
                if i >= n:
                    raise ValueError("No closing quotation")
                c = s[i]
                if c == '"':
                    i += 1
                    break
                if c == '\\':
                    if i + 1 >= n:
                        raise ValueError("No closing quotation")
                    if s[i + 1] in '"\\':
                        token.append(s[i + 1])
                        i += 2
                        continue
                token.append(c)
                i += 1
            in_token = True
        else:
            token.append(c)
            in_token = True
            i += 1
    if in_token:
        tokens.append(''.join(token))
    return tokens
