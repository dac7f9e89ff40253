# The traceback module and traceback objects: format_exc/print_exc/format_exception/format_exception_only, tb_frame/tb_lineno/tb_next, with_traceback, chained exceptions, extract_stack.
import sys
import traceback


class Out:
    """A stream that hides the absolute path of this file."""

    def write(self, text):
        sys.stdout.write(text.replace(__file__, 'FILE'))


out = Out()


def parse(text):
    int(text)


def load(values):
    for value in values:
        parse(value)


def fail():
    raise ValueError('bad value')


try:
    load(['1', 'x'])
except ValueError:
    text = traceback.format_exc()
    print(text.replace(__file__, 'FILE'), end='')
    traceback.print_exc(file=out)

try:
    fail()
except ValueError as exc:
    tb = exc.__traceback__
    print(type(tb).__name__, tb.tb_lineno, tb.tb_frame.f_code.co_name)
    print(tb.tb_next.tb_lineno, tb.tb_next.tb_frame.f_code.co_name, tb.tb_next.tb_next)
    print(sys.exc_info()[2].tb_lineno)
    print(traceback.format_exception_only(exc))
    for line in traceback.format_exception(exc):
        print(line, end='', file=out)
    for entry in traceback.extract_tb(tb):
        print(entry.name, entry.lineno, entry.line)
    saved = tb

try:
    try:
        fail()
    except ValueError as inner:
        raise RuntimeError('wrapped') from inner
except RuntimeError as outer:
    traceback.print_exception(outer, file=out)

try:
    try:
        {}['key']
    except KeyError:
        fail()
except ValueError as exc:
    traceback.print_exception(exc, file=out, chain=False)
    print(''.join(traceback.format_exception(exc)).count('During handling'))

err = KeyError('again')
print(err.with_traceback(saved) is err, err.__traceback__.tb_lineno)
try:
    raise err
except KeyError as exc:
    traceback.print_exc(file=out)
    print(exc.with_traceback(None).__traceback__)

exc = TypeError('no traceback')
print(traceback.format_exception(exc), traceback.format_exception_only(exc))
try:
    exc.__traceback__ = 5
except TypeError as e:
    print('TypeError:', e)


def where():
    return traceback.extract_stack()[-1].name, len(traceback.format_stack()) >= 2


def caller():
    return where()


print(caller())
print(traceback.format_exc(), end='')


def group_failure():
    raise ExceptionGroup('batch failed', [ValueError('a'), TypeError('b')])


def nested_failure():
    try:
        group_failure()
    except ExceptionGroup as eg:
        raise ExceptionGroup('outer', [eg, KeyError('k')]) from None


for failing in (group_failure, nested_failure):
    try:
        failing()
    except ExceptionGroup as eg:
        traceback.print_exc(file=out)

wide = ExceptionGroup('wide', [ValueError(i) for i in range(17)])
print(''.join(traceback.format_exception(wide)).splitlines()[-5:])
try:
    try:
        group_failure()
    except* ValueError as matched:
        print(matched.exceptions, matched.__traceback__.tb_lineno)
        raise
except ExceptionGroup as eg:
    print(eg.__traceback__.tb_lineno, len(eg.exceptions))
