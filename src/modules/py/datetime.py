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


class tzinfo:
    """Abstract base class for time zone information."""

    def tzname(self, dt):
        raise NotImplementedError("tzinfo subclass must override tzname()")

    def utcoffset(self, dt):
        raise NotImplementedError("tzinfo subclass must override utcoffset()")

    def dst(self, dt):
        raise NotImplementedError("tzinfo subclass must override dst()")

    def fromutc(self, dt):
        offset = dt.utcoffset()
        if offset is None:
            raise ValueError("fromutc() requires a non-None utcoffset() result")
        return dt + offset


class timezone(tzinfo):
    """A fixed offset from UTC (mirrors datetime.timezone)."""

    def __init__(self, offset, name=None):
        if not isinstance(offset, timedelta):
            raise TypeError("timezone() argument 1 must be datetime.timedelta, not %s"
                            % type(offset).__name__)
        if name is not None and not isinstance(name, str):
            raise TypeError("name must be a string")
        if not -86400 * 1000000 < offset._to_us() < 86400 * 1000000:
            raise ValueError("offset must be a timedelta strictly between "
                             "-timedelta(hours=24) and timedelta(hours=24), not %r."
                             % (offset,))
        self._offset = offset
        self._name = name

    def __eq__(self, other):
        if isinstance(other, timezone):
            return self._offset == other._offset
        return NotImplemented

    def __hash__(self):
        return hash(self._offset)

    def __repr__(self):
        if self is timezone.utc:
            return 'datetime.timezone.utc'
        if self._name is None:
            return 'datetime.timezone(%r)' % (self._offset,)
        return 'datetime.timezone(%r, %r)' % (self._offset, self._name)

    def __str__(self):
        return self.tzname(None)

    def utcoffset(self, dt):
        return self._offset

    def tzname(self, dt):
        if self._name is None:
            return self._name_from_offset(self._offset)
        return self._name

    def dst(self, dt):
        return None

    def fromutc(self, dt):
        return dt + self._offset

    @staticmethod
    def _name_from_offset(delta):
        if not delta:
            return 'UTC'
        return 'UTC' + _format_offset(delta, ':')


def _format_offset(delta, sep):
    """+HH:MM (with :SS and .ffffff when present), the form isoformat and %z use."""
    us = delta._to_us()
    sign = '-' if us < 0 else '+'
    us = abs(us)
    hh, rest = divmod(us, 3600 * 1000000)
    mm, rest = divmod(rest, 60 * 1000000)
    ss, micro = divmod(rest, 1000000)
    text = '%s%02d%s%02d' % (sign, hh, sep, mm)
    if ss or micro:
        text += '%s%02d' % (sep, ss)
        if micro:
            text += '.%06d' % micro
    return text


timezone.utc = timezone(timedelta(0))
timezone.min = timezone(timedelta(hours=-23, minutes=-59))
timezone.max = timezone(timedelta(hours=23, minutes=59))
UTC = timezone.utc
_EPOCH_ORDINAL = 719163


def _utc_fields(t):
    """(year, month, day, hour, minute, second, microsecond) in UTC of a POSIX timestamp."""
    micros = round(t * 1000000)
    days, rest = divmod(micros, 86400 * 1000000)
    secs, micro = divmod(rest, 1000000)
    y, m, d = _ord2ymd(days + _EPOCH_ORDINAL)
    hh, rest = divmod(secs, 3600)
    mm, ss = divmod(rest, 60)
    return (y, m, d, hh, mm, ss, micro)


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
        if tz is None:
            return cls(*_now())
        import time as _time
        return cls.fromtimestamp(_time.time(), tz)

    @classmethod
    def today(cls):
        return cls(*_now())

    @classmethod
    def fromtimestamp(cls, t, tz=None):
        if tz is None:
            return cls(*_from_timestamp(t))
        if not isinstance(tz, tzinfo):
            raise TypeError("tzinfo argument must be None or of a tzinfo subclass, not "
                            "type '%s'" % type(tz).__name__)
        return tz.fromutc(cls(*_utc_fields(t), tzinfo=tz))

    @classmethod
    def utcnow(cls):
        import time as _time
        return cls(*_utc_fields(_time.time()))

    @classmethod
    def utcfromtimestamp(cls, t):
        return cls(*_utc_fields(t))

    def utcoffset(self):
        if self._tzinfo is None:
            return None
        return self._tzinfo.utcoffset(self)

    def tzname(self):
        if self._tzinfo is None:
            return None
        return self._tzinfo.tzname(self)

    def dst(self):
        if self._tzinfo is None:
            return None
        return self._tzinfo.dst(self)

    def _utc_us(self):
        offset = self.utcoffset()
        us = self._us()
        return us if offset is None else us - offset._to_us()

    def timestamp(self):
        if self.utcoffset() is not None:
            return (self._utc_us() - _EPOCH_ORDINAL * 86400 * 1000000) / 1e6
        return _timestamp(self._year, self._month, self._day, self._hour, self._minute,
                          self._second) + self._microsecond / 1e6

    def astimezone(self, tz=None):
        if self.utcoffset() is None:
            utc_us = round(self.timestamp() * 1000000) + _EPOCH_ORDINAL * 86400 * 1000000
        else:
            utc_us = self._utc_us()
        if tz is None:
            t = (utc_us - _EPOCH_ORDINAL * 86400 * 1000000) / 1e6
            local = datetime(*_from_timestamp(t))
            offset = timedelta(microseconds=local._us() - utc_us)
            import time as _time
            name = _time.strftime('%Z', _time.localtime(t)) if hasattr(_time, 'strftime') \
                else None
            tz = timezone(offset, name or None)
        if not isinstance(tz, tzinfo):
            raise TypeError("tz argument must be an instance of tzinfo")
        utc = type(self)._from_us(utc_us).replace(tzinfo=tz)
        return tz.fromutc(utc)

    def date(self):
        return date(self._year, self._month, self._day)

    def isoformat(self, sep='T', timespec='auto'):
        s = "%04d-%02d-%02d%s%02d:%02d:%02d" % (self._year, self._month, self._day, sep,
                                                self._hour, self._minute, self._second)
        if self._microsecond:
            s += ".%06d" % self._microsecond
        offset = self.utcoffset()
        if offset is not None:
            s += _format_offset(offset, ':')
        return s

    def __str__(self):
        return self.isoformat(' ')

    def __repr__(self):
        parts = [self._year, self._month, self._day, self._hour, self._minute, self._second,
                 self._microsecond]
        while len(parts) > 5 and parts[-1] == 0:
            parts.pop()
        text = ', '.join(str(p) for p in parts)
        if self._tzinfo is not None:
            text += ', tzinfo=%r' % (self._tzinfo,)
        return "datetime.datetime(%s)" % text

    def _compare_key(self, other, what):
        mine = self.utcoffset()
        theirs = other.utcoffset()
        if (mine is None) != (theirs is None):
            raise TypeError("can't %s offset-naive and offset-aware datetimes" % what)
        if mine is None:
            return self._us(), other._us()
        return self._utc_us(), other._utc_us()

    def __eq__(self, other):
        if not isinstance(other, datetime):
            return NotImplemented if not isinstance(other, date) else False
        if (self.utcoffset() is None) != (other.utcoffset() is None):
            return False
        a, b = self._compare_key(other, 'compare')
        return a == b

    def __lt__(self, other):
        if not isinstance(other, datetime):
            return NotImplemented
        a, b = self._compare_key(other, 'compare')
        return a < b

    def __le__(self, other):
        if not isinstance(other, datetime):
            return NotImplemented
        a, b = self._compare_key(other, 'compare')
        return a <= b

    def __gt__(self, other):
        if not isinstance(other, datetime):
            return NotImplemented
        a, b = self._compare_key(other, 'compare')
        return a > b

    def __ge__(self, other):
        if not isinstance(other, datetime):
            return NotImplemented
        a, b = self._compare_key(other, 'compare')
        return a >= b

    def __hash__(self):
        return hash(self._utc_us())

    def _key(self):
        return (self._year, self._month, self._day, self._hour, self._minute, self._second,
                self._microsecond)

    def _us(self):
        return ((self.toordinal() * 86400 + self._hour * 3600 + self._minute * 60 + self._second)
                * 1000000 + self._microsecond)

    @classmethod
    def _from_us(cls, us, tzinfo=None):
        days, rest = divmod(us, 86400 * 1000000)
        secs, micro = divmod(rest, 1000000)
        y, m, d = _ord2ymd(days)
        hh, rest = divmod(secs, 3600)
        mm, ss = divmod(rest, 60)
        return cls(y, m, d, hh, mm, ss, micro, tzinfo=tzinfo)

    def __add__(self, other):
        if isinstance(other, timedelta):
            return type(self)._from_us(self._us() + other._to_us(), self._tzinfo)
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return type(self)._from_us(self._us() - other._to_us(), self._tzinfo)
        if isinstance(other, datetime):
            a, b = self._compare_key(other, 'subtract')
            return timedelta(microseconds=a - b)
        return NotImplemented

    def replace(self, **kw):
        fields = dict(year=self._year, month=self._month, day=self._day, hour=self._hour,
                      minute=self._minute, second=self._second, microsecond=self._microsecond,
                      tzinfo=self._tzinfo)
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
        elif c == 'z':
            offset = d.utcoffset() if hasattr(d, 'utcoffset') else None
            out.append('' if offset is None else _format_offset(offset, ''))
        elif c == 'Z':
            name = d.tzname() if hasattr(d, 'tzname') else None
            out.append(name or '')
        elif c == '%':
            out.append('%')
        else:
            out.append('%' + c)
    return ''.join(out)
