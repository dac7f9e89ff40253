"""locale for the C locale (percolate formats numbers and text as the C locale does):
setlocale accepts 'C', 'POSIX' and '' (the environment's name), localeconv, encodings."""

import os as _os

__all__ = ["getlocale", "getdefaultlocale", "getpreferredencoding", "Error", "setlocale",
           "localeconv", "strcoll", "strxfrm", "str", "atof", "atoi", "format_string",
           "currency", "normalize", "LC_CTYPE", "LC_COLLATE", "LC_TIME", "LC_MONETARY",
           "LC_NUMERIC", "LC_ALL", "LC_MESSAGES", "CHAR_MAX", "getencoding"]

LC_CTYPE = 0
LC_NUMERIC = 1
LC_TIME = 2
LC_COLLATE = 3
LC_MONETARY = 4
LC_MESSAGES = 5
LC_ALL = 6
CHAR_MAX = 127


class Error(Exception):
    pass


Error.__module__ = 'locale'
_current = {}


def _env_locale():
    for variable in ('LC_ALL', 'LC_CTYPE', 'LANG'):
        value = _os.environ.get(variable)
        if value:
            return value
    return 'C'


def setlocale(category, locale=None):
    if category not in range(7):
        raise Error("unsupported locale setting")
    if locale is None:
        return _current.get(category, 'C')
    if isinstance(locale, tuple):
        locale = '.'.join(p for p in locale if p) or 'C'
    if locale == '':
        locale = _env_locale()
    if locale not in ('C', 'POSIX') and not locale.startswith(('C.', 'POSIX.')):
        if locale != _env_locale():
            raise Error("unsupported locale setting")
    categories = range(6) if category == LC_ALL else [category]
    for c in categories:
        _current[c] = locale
    _current[LC_ALL] = locale
    return locale


def localeconv():
    return {'int_curr_symbol': '', 'currency_symbol': '', 'mon_decimal_point': '',
            'mon_thousands_sep': '', 'mon_grouping': [], 'positive_sign': '',
            'negative_sign': '', 'int_frac_digits': 127, 'frac_digits': 127,
            'p_cs_precedes': 127, 'p_sep_by_space': 127, 'n_cs_precedes': 127,
            'n_sep_by_space': 127, 'p_sign_posn': 127, 'n_sign_posn': 127,
            'decimal_point': '.', 'thousands_sep': '', 'grouping': []}


def getencoding():
    return 'UTF-8'


def getpreferredencoding(do_setlocale=True):
    return 'UTF-8'


def getlocale(category=LC_CTYPE):
    name = _current.get(category, 'C')
    if name in ('C', 'POSIX'):
        return (None, None)
    if '.' in name:
        language, encoding = name.split('.', 1)
        return (language, encoding)
    return (name, None)


def getdefaultlocale(envvars=('LC_ALL', 'LC_CTYPE', 'LANG', 'LANGUAGE')):
    for variable in envvars:
        localename = _os.environ.get(variable, None)
        if localename:
            if variable == 'LANGUAGE':
                localename = localename.split(':')[0]
            break
    else:
        localename = 'C'
    if localename in ('C', 'POSIX'):
        return (None, None)
    if '.' in localename:
        language, encoding = localename.split('.', 1)
        return (language, encoding)
    return (localename, None)


def normalize(localename):
    return localename


def strcoll(a, b):
    return (a > b) - (a < b)


def strxfrm(s):
    return s


def format_string(f, val, grouping=False, monetary=False):
    return f % val


def currency(val, symbol=True, grouping=False, international=False):
    raise ValueError("Currency formatting is not possible using the 'C' locale.")


def str(val):
    return format_string("%.12g", val)


def delocalize(string):
    return string


def localize(string, grouping=False, monetary=False):
    return string


def atof(string, func=float):
    return func(string)


def atoi(string):
    return int(string)
