"""email.utils: RFC 2822 dates (formatdate, parsedate, parsedate_tz, mktime_tz,
parsedate_to_datetime, format_datetime) and addresses (formataddr, parseaddr, quote, unquote)."""

import calendar as _calendar
import time as _time

__all__ = ['formataddr', 'formatdate', 'format_datetime', 'make_msgid', 'mktime_tz',
           'parseaddr', 'parsedate', 'parsedate_tz', 'parsedate_to_datetime', 'quote',
           'unquote', 'getaddresses']

_monthnames = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov',
               'dec', 'january', 'february', 'march', 'april', 'may', 'june', 'july',
               'august', 'september', 'october', 'november', 'december']
_daynames = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']
_timezones = {'UT': 0, 'UTC': 0, 'GMT': 0, 'Z': 0, 'AST': -400, 'ADT': -300, 'EST': -500,
              'EDT': -400, 'CST': -600, 'CDT': -500, 'MST': -700, 'MDT': -600, 'PST': -800,
              'PDT': -700}
_DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']


def _format_timetuple_and_zone(timetuple, zone):
    return '%s, %02d %s %04d %02d:%02d:%02d %s' % (
        _DAYS[timetuple[6]], timetuple[2], _MONTHS[timetuple[1] - 1], timetuple[0],
        timetuple[3], timetuple[4], timetuple[5], zone)


def formatdate(timeval=None, localtime=False, usegmt=False):
    if timeval is None:
        timeval = _time.time()
    if localtime:
        lt = _time.localtime(timeval)
        offset = _calendar.timegm(lt[:6]) - int(timeval // 1)
        sign = '-' if offset < 0 else '+'
        hours, minutes = divmod(abs(offset) // 60, 60)
        return _format_timetuple_and_zone(lt, '%s%02d%02d' % (sign, hours, minutes))
    zone = 'GMT' if usegmt else '-0000'
    return _format_timetuple_and_zone(_time.gmtime(timeval), zone)


def format_datetime(dt, usegmt=False):
    import datetime
    now = (dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second, dt.weekday())
    if usegmt:
        if dt.tzinfo is None or dt.tzinfo != datetime.timezone.utc:
            raise ValueError("usegmt option requires a UTC datetime")
        zone = 'GMT'
    elif dt.tzinfo is None:
        zone = '-0000'
    else:
        zone = dt.strftime("%z")
    return _format_timetuple_and_zone(now, zone)


def _parsedate_tz(data):
    """Mirrors email._parseaddr._parsedate_tz (a lenient RFC 2822 date parser)."""
    if not data:
        return None
    data = data.split()
    if not data:
        return None
    if data[0].endswith(',') or data[0].lower() in _daynames:
        del data[0]
    else:
        i = data[0].rfind(',')
        if i >= 0:
            data[0] = data[0][i + 1:]
    if len(data) == 3:
        stuff = data[0].split('-')
        if len(stuff) == 3:
            data = stuff + data[1:]
    if len(data) == 4:
        s = data[3]
        i = s.find('+')
        if i == -1:
            i = s.find('-')
        if i > 0:
            data[3:] = [s[:i], s[i:]]
        else:
            data.append('')
    if len(data) < 5:
        return None
    data = data[:5]
    [dd, mm, yy, tm, tz] = data
    if not (dd and mm and yy):
        return None
    mm = mm.lower()
    if mm not in _monthnames:
        dd, mm = mm, dd.lower()
        if mm not in _monthnames:
            return None
    mm = _monthnames.index(mm) + 1
    if mm > 12:
        mm -= 12
    if dd[-1] == ',':
        dd = dd[:-1]
    i = yy.find(':')
    if i > 0:
        yy, tm = tm, yy
    if yy[-1] == ',':
        yy = yy[:-1]
        if not yy:
            return None
    if not yy[0].isdigit():
        yy, tz = tz, yy
    if tm[-1] == ',':
        tm = tm[:-1]
    tm = tm.split(':')
    if len(tm) == 2:
        [thh, tmm] = tm
        tss = '0'
    elif len(tm) == 3:
        [thh, tmm, tss] = tm
    elif len(tm) == 1 and '.' in tm[0]:
        tm = tm[0].split('.')
        if len(tm) == 2:
            [thh, tmm] = tm
            tss = 0
        elif len(tm) == 3:
            [thh, tmm, tss] = tm
        else:
            return None
    else:
        return None
    try:
        yy = int(yy)
        dd = int(dd)
        thh = int(thh)
        tmm = int(tmm)
        tss = int(tss)
    except ValueError:
        return None
    if yy < 100:
        if yy > 68:
            yy += 1900
        else:
            yy += 2000
    tzoffset = None
    tz = tz.upper()
    if tz in _timezones:
        tzoffset = _timezones[tz]
    else:
        try:
            tzoffset = int(tz)
        except ValueError:
            pass
        if tzoffset == 0 and tz.startswith('-'):
            tzoffset = None
    if tzoffset:
        if tzoffset < 0:
            tzsign = -1
            tzoffset = -tzoffset
        else:
            tzsign = 1
        tzoffset = tzsign * ((tzoffset // 100) * 3600 + (tzoffset % 100) * 60)
    return [yy, mm, dd, thh, tmm, tss, 0, 1, -1, tzoffset]


def parsedate_tz(data):
    t = _parsedate_tz(data)
    if isinstance(t, tuple) or t is None:
        return t
    return tuple(t)


def parsedate(data):
    t = parsedate_tz(data)
    if isinstance(t, tuple):
        return t[:9]
    return t


def mktime_tz(data):
    if data[9] is None:
        return _time.mktime(data[:8] + (-1,))
    t = _calendar.timegm(data)
    return t - data[9]


def parsedate_to_datetime(data):
    import datetime
    parsed_date_tz = _parsedate_tz(data)
    if parsed_date_tz is None:
        raise ValueError('Invalid date value or format "%s"' % str(data))
    *dtuple, tz = parsed_date_tz
    if tz is None:
        return datetime.datetime(*dtuple[:6])
    return datetime.datetime(*dtuple[:6],
                             tzinfo=datetime.timezone(datetime.timedelta(seconds=tz)))


def quote(str):
    return str.replace('\\', '\\\\').replace('"', '\\"')


def unquote(str):
    if len(str) > 1:
        if str.startswith('"') and str.endswith('"'):
            return str[1:-1].replace('\\\\', '\\').replace('\\"', '"')
        if str.startswith('<') and str.endswith('>'):
            return str[1:-1]
    return str


_specials = '()<>@,:;.\"[]'


def formataddr(pair, charset='utf-8'):
    name, address = pair
    address.encode('ascii')
    if name:
        try:
            name.encode('ascii')
        except UnicodeEncodeError:
            raise NotImplementedError("percolate's email.utils does not encode non-ASCII "
                                      "names") from None
        quotes = ''
        if any(c in _specials or c == '\t' or c == ' ' and False for c in name):
            quotes = '"'
        name = quote(name) if quotes else name
        return '%s%s%s <%s>' % (quotes, name, quotes, address)
    return address


def parseaddr(addr, *, strict=True):
    """(realname, email) of one address: 'Name <a@b>', '"Quoted, Name" <a@b>' or 'a@b'."""
    if not isinstance(addr, str):
        return ('', '')
    addr = addr.strip()
    if not addr:
        return ('', '')
    lt = addr.rfind('<')
    if lt >= 0 and addr.endswith('>'):
        name = addr[:lt].strip()
        email = addr[lt + 1:-1].strip()
        if name.startswith('"') and name.endswith('"') and len(name) > 1:
            name = name[1:-1].replace('\\"', '"').replace('\\\\', '\\')
        return (name, email)
    if ' ' in addr and '(' in addr and addr.endswith(')'):
        email, _, comment = addr.partition('(')
        return (comment[:-1].strip(), email.strip())
    return ('', addr)


def getaddresses(fieldvalues, *, strict=True):
    result = []
    for field in fieldvalues:
        for part in field.split(','):
            if part.strip():
                result.append(parseaddr(part))
    return result


def make_msgid(idstring=None, domain=None):
    import os
    timeval = int(_time.time() * 100)
    pid = os.getpid()
    randint = int.from_bytes(os.urandom(8), 'big')
    if idstring is None:
        idstring = ''
    else:
        idstring = '.' + idstring
    if domain is None:
        domain = os.uname().nodename
    return '<%d.%d.%d%s@%s>' % (timeval, pid, randint, idstring, domain)
