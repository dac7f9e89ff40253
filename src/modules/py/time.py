# The calendar half of `time`: struct_time, localtime, gmtime, mktime, strftime, asctime and
# ctime, on top of the native broken-down time (_localtime/_gmtime/_mktime).

_DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
           'September', 'October', 'November', 'December']
_FIELDS = ('tm_year', 'tm_mon', 'tm_mday', 'tm_hour', 'tm_min', 'tm_sec', 'tm_wday',
           'tm_yday', 'tm_isdst')


class struct_time(tuple):
    """The broken-down time: a 9-tuple with named fields."""

    def __new__(cls, seq):
        seq = tuple(seq)
        if len(seq) != 9:
            raise TypeError(f'time.struct_time() takes a 9-sequence ({len(seq)}-sequence given)')
        return tuple.__new__(cls, seq)

    tm_year = property(lambda self: self[0])
    tm_mon = property(lambda self: self[1])
    tm_mday = property(lambda self: self[2])
    tm_hour = property(lambda self: self[3])
    tm_min = property(lambda self: self[4])
    tm_sec = property(lambda self: self[5])
    tm_wday = property(lambda self: self[6])
    tm_yday = property(lambda self: self[7])
    tm_isdst = property(lambda self: self[8])

    def __repr__(self):
        inner = ', '.join(f'{name}={value}' for name, value in zip(_FIELDS, self))
        return f'time.struct_time({inner})'


def localtime(secs=None):
    return struct_time(_localtime(secs))


def gmtime(secs=None):
    return struct_time(_gmtime(secs))


def mktime(t):
    return _mktime(t)


def strftime(format, t=None):
    if t is None:
        t = localtime()
    year, mon, mday, hour, minute, sec, wday, yday = tuple(t)[:8]
    out = []
    i = 0
    while i < len(format):
        ch = format[i]
        if ch != '%' or i + 1 == len(format):
            out.append(ch)
            i += 1
            continue
        code = format[i + 1]
        i += 2
        if code == 'Y':
            out.append(str(year))
        elif code == 'm':
            out.append('%02d' % mon)
        elif code == 'd':
            out.append('%02d' % mday)
        elif code == 'H':
            out.append('%02d' % hour)
        elif code == 'M':
            out.append('%02d' % minute)
        elif code == 'S':
            out.append('%02d' % sec)
        elif code == 'y':
            out.append('%02d' % (year % 100))
        elif code == 'I':
            out.append('%02d' % ((hour % 12) or 12))
        elif code == 'p':
            out.append('AM' if hour < 12 else 'PM')
        elif code == 'j':
            out.append('%03d' % yday)
        elif code == 'a':
            out.append(_DAYS[wday][:3])
        elif code == 'A':
            out.append(_DAYS[wday])
        elif code == 'b':
            out.append(_MONTHS[mon - 1][:3])
        elif code == 'B':
            out.append(_MONTHS[mon - 1])
        elif code == 'w':
            out.append(str((wday + 1) % 7))
        elif code == 'e':
            out.append('%2d' % mday)
        elif code == 'F':
            out.append('%d-%02d-%02d' % (year, mon, mday))
        elif code == 'T':
            out.append('%02d:%02d:%02d' % (hour, minute, sec))
        elif code == 'D':
            out.append('%02d/%02d/%02d' % (mon, mday, year % 100))
        elif code == 'c':
            out.append(asctime(t))
        elif code == 'x':
            out.append('%02d/%02d/%02d' % (mon, mday, year % 100))
        elif code == 'X':
            out.append('%02d:%02d:%02d' % (hour, minute, sec))
        elif code == '%':
            out.append('%')
        else:
            out.append('%' + code)
    return ''.join(out)


def asctime(t=None):
    if t is None:
        t = localtime()
    t = tuple(t)
    return '%s %s %2d %02d:%02d:%02d %d' % (_DAYS[t[6]][:3], _MONTHS[t[1] - 1][:3], t[2],
                                            t[3], t[4], t[5], t[0])


def ctime(secs=None):
    return asctime(localtime(secs))
