# The `datetime` module: the parts programs print — datetime.now()/today(), strftime,
# isoformat, timedelta arithmetic — on the local clock read natively (`_now`).

MINYEAR = 1
MAXYEAR = 9999
_DAYS_IN_MONTH = [-1, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
_MONTHNAMES = [None, "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_FULL_MONTHNAMES = [None, "January", "February", "March", "April", "May", "June", "July",
                    "August", "September", "October", "November", "December"]
_DAYNAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
_FULL_DAYNAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _is_leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_before_year(year):
    y = year - 1
    return y * 365 + y // 4 - y // 100 + y // 400


def _days_in_month(year, month):
    if month == 2 and _is_leap(year):
        return 29
    return _DAYS_IN_MONTH[month]


def _days_before_month(year, month):
    days = sum(_DAYS_IN_MONTH[1:month])
    if month > 2 and _is_leap(year):
        days += 1
    return days


def _ymd2ord(year, month, day):
    return _days_before_year(year) + _days_before_month(year, month) + day


def _ord2ymd(n):
    """Mirrors datetime.py _ord2ymd."""
    n -= 1
    n400, n = divmod(n, 146097)
    year = n400 * 400 + 1
    n100, n = divmod(n, 36524)
    n4, n = divmod(n, 1461)
    n1, n = divmod(n, 365)
    year += n100 * 100 + n4 * 4 + n1
    if n1 == 4 or n100 == 4:
        return year - 1, 12, 31
    month = (n + 50) >> 5
    preceding = _days_before_month(year, month)
    if preceding > n:
        month -= 1
        preceding = _days_before_month(year, month)
    n -= preceding
    return year, month, n + 1


class timedelta:
    """Mirrors datetime.timedelta: normalised days, seconds, microseconds."""

    def __init__(self, days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0):
        total = (((weeks * 7 + days) * 86400 + hours * 3600 + minutes * 60 + seconds) * 1000000
                 + milliseconds * 1000 + microseconds)
        total = round(total)
        d, rest = divmod(total, 86400 * 1000000)
        s, us = divmod(rest, 1000000)
        self._days, self._seconds, self._microseconds = d, s, us

    days = property(lambda self: self._days)
    seconds = property(lambda self: self._seconds)
    microseconds = property(lambda self: self._microseconds)

    def _to_us(self):
        return (self._days * 86400 + self._seconds) * 1000000 + self._microseconds

    def total_seconds(self):
        return self._to_us() / 10 ** 6

    def __add__(self, other):
        if isinstance(other, timedelta):
            return timedelta(microseconds=self._to_us() + other._to_us())
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return timedelta(microseconds=self._to_us() - other._to_us())
        return NotImplemented

    def __neg__(self):
        return timedelta(microseconds=-self._to_us())

    def __mul__(self, other):
        if isinstance(other, (int, float)):
            return timedelta(microseconds=self._to_us() * other)
        return NotImplemented

    __rmul__ = __mul__

    def __truediv__(self, other):
        if isinstance(other, timedelta):
            return self._to_us() / other._to_us()
        return timedelta(microseconds=self._to_us() / other)

    def __floordiv__(self, other):
        if isinstance(other, timedelta):
            return self._to_us() // other._to_us()
        return timedelta(microseconds=self._to_us() // other)

    def __eq__(self, other):
        return isinstance(other, timedelta) and self._to_us() == other._to_us()

    def __lt__(self, other):
        return self._to_us() < other._to_us()

    def __le__(self, other):
        return self._to_us() <= other._to_us()

    def __gt__(self, other):
        return self._to_us() > other._to_us()

    def __ge__(self, other):
        return self._to_us() >= other._to_us()

    def __hash__(self):
        return hash(self._to_us())

    def __bool__(self):
        return self._to_us() != 0

    def __abs__(self):
        return -self if self._days < 0 else self

    def __str__(self):
        mm, ss = divmod(self._seconds, 60)
        hh, mm = divmod(mm, 60)
        s = "%d:%02d:%02d" % (hh, mm, ss)
        if self._days:
            plural = "s" if abs(self._days) != 1 else ""
            s = "%d day%s, " % (self._days, plural) + s
        if self._microseconds:
            s = s + ".%06d" % self._microseconds
        return s

    def __repr__(self):
        args = []
        if self._days:
            args.append("days=%d" % self._days)
        if self._seconds:
            args.append("seconds=%d" % self._seconds)
        if self._microseconds:
            args.append("microseconds=%d" % self._microseconds)
        if not args:
            args.append('0')
        return "datetime.timedelta(%s)" % ', '.join(args)


class date:
    """Mirrors datetime.date for construction, arithmetic and formatting."""

    def __init__(self, year, month, day):
        if not MINYEAR <= year <= MAXYEAR:
            raise ValueError(f'year {year} is out of range')
        if not 1 <= month <= 12:
            raise ValueError('month must be in 1..12')
        if not 1 <= day <= _days_in_month(year, month):
            raise ValueError('day is out of range for month')
        self._year, self._month, self._day = year, month, day

    year = property(lambda self: self._year)
    month = property(lambda self: self._month)
    day = property(lambda self: self._day)

    @classmethod
    def today(cls):
        t = _now()
        return cls(t[0], t[1], t[2])

    @classmethod
    def fromordinal(cls, n):
        return cls(*_ord2ymd(n))

    def toordinal(self):
        return _ymd2ord(self._year, self._month, self._day)

    def weekday(self):
        return (self.toordinal() + 6) % 7

    def isoweekday(self):
        return self.weekday() + 1

    def isoformat(self):
        return "%04d-%02d-%02d" % (self._year, self._month, self._day)

    __str__ = isoformat

    def __repr__(self):
        return "datetime.date(%d, %d, %d)" % (self._year, self._month, self._day)

    def strftime(self, fmt):
        return _strftime(self, fmt)

    def __format__(self, spec):
        return self.strftime(spec) if spec else str(self)

    def _key(self):
        return (self._year, self._month, self._day)

    def __eq__(self, other):
        return type(other) is type(self) and self._key() == other._key()

    def __lt__(self, other):
        return self._key() < other._key()

    def __le__(self, other):
        return self._key() <= other._key()

    def __gt__(self, other):
        return self._key() > other._key()

    def __ge__(self, other):
        return self._key() >= other._key()

    def __hash__(self):
        return hash(self._key())

    def __add__(self, other):
        if isinstance(other, timedelta):
            return type(self).fromordinal(self.toordinal() + other.days)
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return type(self).fromordinal(self.toordinal() - other.days)
        if isinstance(other, date):
            return timedelta(days=self.toordinal() - other.toordinal())
        return NotImplemented

    def replace(self, year=None, month=None, day=None):
        return type(self)(year or self._year, month or self._month, day or self._day)


class datetime(date):
    """Mirrors datetime.datetime (naive, local time)."""

    def __init__(self, year, month, day, hour=0, minute=0, second=0, microsecond=0, tzinfo=None):
        super().__init__(year, month, day)
        if not 0 <= hour <= 23:
            raise ValueError('hour must be in 0..23')
        if not 0 <= minute <= 59:
            raise ValueError('minute must be in 0..59')
        if not 0 <= second <= 59:
            raise ValueError('second must be in 0..59')
        self._hour, self._minute, self._second, self._microsecond = hour, minute, second, microsecond
        self._tzinfo = tzinfo

    hour = property(lambda self: self._hour)
    minute = property(lambda self: self._minute)
    second = property(lambda self: self._second)
    microsecond = property(lambda self: self._microsecond)
    tzinfo = property(lambda self: self._tzinfo)

    @classmethod
    def now(cls, tz=None):
        return cls(*_now())

    @classmethod
    def today(cls):
        return cls(*_now())

    @classmethod
    def fromtimestamp(cls, t):
        return cls(*_from_timestamp(t))

    def timestamp(self):
        return _timestamp(self._year, self._month, self._day, self._hour, self._minute,
                          self._second) + self._microsecond / 1e6

    def date(self):
        return date(self._year, self._month, self._day)

    def isoformat(self, sep='T'):
        s = "%04d-%02d-%02d%s%02d:%02d:%02d" % (self._year, self._month, self._day, sep,
                                                self._hour, self._minute, self._second)
        if self._microsecond:
            s += ".%06d" % self._microsecond
        return s

    def __str__(self):
        return self.isoformat(' ')

    def __repr__(self):
        parts = [self._year, self._month, self._day, self._hour, self._minute, self._second,
                 self._microsecond]
        while len(parts) > 5 and parts[-1] == 0:
            parts.pop()
        return "datetime.datetime(%s)" % ', '.join(str(p) for p in parts)

    def _key(self):
        return (self._year, self._month, self._day, self._hour, self._minute, self._second,
                self._microsecond)

    def _us(self):
        return ((self.toordinal() * 86400 + self._hour * 3600 + self._minute * 60 + self._second)
                * 1000000 + self._microsecond)

    @classmethod
    def _from_us(cls, us):
        days, rest = divmod(us, 86400 * 1000000)
        secs, micro = divmod(rest, 1000000)
        y, m, d = _ord2ymd(days)
        hh, rest = divmod(secs, 3600)
        mm, ss = divmod(rest, 60)
        return cls(y, m, d, hh, mm, ss, micro)

    def __add__(self, other):
        if isinstance(other, timedelta):
            return type(self)._from_us(self._us() + other._to_us())
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return type(self)._from_us(self._us() - other._to_us())
        if isinstance(other, datetime):
            return timedelta(microseconds=self._us() - other._us())
        return NotImplemented

    def replace(self, **kw):
        fields = dict(year=self._year, month=self._month, day=self._day, hour=self._hour,
                      minute=self._minute, second=self._second, microsecond=self._microsecond)
        fields.update(kw)
        return type(self)(**fields)


def _strftime(d, fmt):
    """The C library's strftime directives that programs commonly use."""
    hour = getattr(d, '_hour', 0)
    out = []
    i = 0
    while i < len(fmt):
        ch = fmt[i]
        if ch != '%' or i + 1 == len(fmt):
            out.append(ch)
            i += 1
            continue
        c = fmt[i + 1]
        i += 2
        if c == 'Y':
            out.append('%04d' % d._year)
        elif c == 'y':
            out.append('%02d' % (d._year % 100))
        elif c == 'm':
            out.append('%02d' % d._month)
        elif c == 'd':
            out.append('%02d' % d._day)
        elif c == 'H':
            out.append('%02d' % hour)
        elif c == 'I':
            out.append('%02d' % (hour % 12 or 12))
        elif c == 'p':
            out.append('AM' if hour < 12 else 'PM')
        elif c == 'M':
            out.append('%02d' % getattr(d, '_minute', 0))
        elif c == 'S':
            out.append('%02d' % getattr(d, '_second', 0))
        elif c == 'f':
            out.append('%06d' % getattr(d, '_microsecond', 0))
        elif c == 'b':
            out.append(_MONTHNAMES[d._month])
        elif c == 'B':
            out.append(_FULL_MONTHNAMES[d._month])
        elif c == 'a':
            out.append(_DAYNAMES[d.weekday()])
        elif c == 'A':
            out.append(_FULL_DAYNAMES[d.weekday()])
        elif c == 'w':
            out.append(str((d.weekday() + 1) % 7))
        elif c == 'j':
            out.append('%03d' % (_days_before_month(d._year, d._month) + d._day))
        elif c == 'F':
            out.append('%04d-%02d-%02d' % (d._year, d._month, d._day))
        elif c == 'T':
            out.append('%02d:%02d:%02d' % (hour, getattr(d, '_minute', 0), getattr(d, '_second', 0)))
        elif c == '%':
            out.append('%')
        else:
            out.append('%' + c)
    return ''.join(out)
