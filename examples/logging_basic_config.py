# logging: basicConfig(level=, format=, stream=), named loggers in a hierarchy, levels, %-/{}-style formats, exception() with a traceback, LoggerAdapter, asyncio tasks logging.
import asyncio
import logging
import sys



class Out:
    """stdout, with this file's absolute path (in tracebacks) shortened."""

    def write(self, text):
        sys.stdout.write(text.replace(__file__, 'FILE'))


logging.basicConfig(
    level=logging.INFO,
    stream=Out(),
    format='%(levelname)s %(name)s %(funcName)s:%(lineno)d %(message)s [%(threadName)s]',
)
log = logging.getLogger('shop')
db = logging.getLogger('shop.db')
print(db, db.parent is log, log.parent is logging.root, db.getEffectiveLevel())

logging.info('starting with %d workers', 3)
log.debug('hidden: below INFO')
db.warning('slow query: %s', 'SELECT 1')
db.setLevel(logging.DEBUG)
db.debug('now visible')
log.log(logging.ERROR, 'explicit level %s', 'ERROR')


def pay(cart):
    raise ValueError(f"nothing to pay for {cart['user']}")


def checkout(cart):
    try:
        pay(cart)
    except ValueError:
        log.exception('checkout failed for %r', cart['user'])


checkout({'user': 'ann', 'items': 0})

handler = logging.StreamHandler(sys.stdout)
handler.setFormatter(logging.Formatter('{levelname:<8}|{name}|{message}', style='{'))
audit = logging.getLogger('audit')
audit.propagate = False
audit.addHandler(handler)
audit.setLevel('INFO')
audit.info('user %(user)s paid %(amount).2f', {'user': 'bob', 'amount': 3.5})
audit.critical('done')
print(logging.getLevelName(logging.WARNING), logging.getLevelName('DEBUG'), logging.getLevelName(15))
adapter = logging.LoggerAdapter(audit, {'request': 'r-1'})
handler.setFormatter(logging.Formatter('%(request)s %(message)s'))
adapter.warning('with context')


async def worker(n):
    await asyncio.sleep(0)
    log.info('worker %d finished', n)
    return n


async def main():
    results = await asyncio.gather(*(worker(i) for i in range(3)))
    log.info('results %s', results)


asyncio.run(main())
record_time = logging.Formatter('%(asctime)s').format(logging.makeLogRecord({'msg': 'x'}))
print(len(record_time), record_time[4], record_time[10], record_time[19])
try:
    log.setLevel('LOUD')
except ValueError as e:
    print('ValueError:', e)

import warnings

py_warnings = logging.getLogger('py.warnings')
py_warnings.propagate = False
warnings_handler = logging.StreamHandler(Out())
warnings_handler.setFormatter(logging.Formatter('%(levelname)s %(name)s: %(message)s'))
py_warnings.addHandler(warnings_handler)
logging.captureWarnings(True)
warnings.warn('routed through the py.warnings logger')
logging.captureWarnings(False)
