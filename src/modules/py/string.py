# The `string` module's constants and capwords.

whitespace = ' \t\n\r\x0b\x0c'
ascii_lowercase = 'abcdefghijklmnopqrstuvwxyz'
ascii_uppercase = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
ascii_letters = ascii_lowercase + ascii_uppercase
digits = '0123456789'
hexdigits = digits + 'abcdef' + 'ABCDEF'
octdigits = '01234567'
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    return (sep or ' ').join(map(str.capitalize, s.split(sep)))


class Template:
    """$-substitution in strings (mirrors string.Template: $name, ${name}, $$)."""

    delimiter = '$'

    def __init__(self, template):
        self.template = template

    def _substitute(self, mapping, safe):
        s = self.template
        out = []
        i = 0
        while i < len(s):
            ch = s[i]
            if ch != '$':
                out.append(ch)
                i += 1
                continue
            if s.startswith('$$', i):
                out.append('$')
                i += 2
                continue
            braced = s.startswith('${', i)
            j = i + 2 if braced else i + 1
            k = j
            while k < len(s) and (s[k] == '_' or s[k].isalnum()) and s[k].isascii():
                k += 1
            name = s[j:k]
            valid = bool(name) and not name[0].isdigit() and (not braced or s.startswith('}', k))
            if not valid:
                if safe:
                    out.append('$')
                    i += 1
                    continue
                line = s.count('\n', 0, i) + 1
                col = i - (s.rfind('\n', 0, i) + 1) + 1
                raise ValueError(f'Invalid placeholder in string: line {line}, col {col}')
            end = k + 1 if braced else k
            if name in mapping:
                out.append(str(mapping[name]))
            elif safe:
                out.append(s[i:end])
            else:
                raise KeyError(name)
            i = end
        return ''.join(out)

    def substitute(self, mapping={}, /, **kws):
        return self._substitute({**mapping, **kws}, False)

    def safe_substitute(self, mapping={}, /, **kws):
        return self._substitute({**mapping, **kws}, True)
