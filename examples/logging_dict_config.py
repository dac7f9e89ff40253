# logging.config.dictConfig: formatters (% and {} styles), filters, handlers with ext:// streams, logger hierarchy and propagation, disable_existing_loggers, configuration errors.
import logging
import logging.config
import sys

old = logging.getLogger('old.module')
LOGGING = {
    'version': 1,
    'disable_existing_loggers': False,
    'formatters': {
        'simple': {'format': '%(levelname)s %(name)s: %(message)s'},
        'brace': {'format': '{name}|{message}', 'style': '{'},
    },
    'filters': {'only_app': {'name': 'app'}},
    'handlers': {
        'console': {'class': 'logging.StreamHandler', 'stream': 'ext://sys.stdout',
                    'formatter': 'simple', 'level': 'DEBUG'},
        'braces': {'class': 'logging.StreamHandler', 'stream': 'ext://sys.stdout',
                   'formatter': 'brace', 'filters': ['only_app']},
    },
    'loggers': {
        'app': {'level': 'DEBUG', 'handlers': ['braces'], 'propagate': True},
        'app.quiet': {'level': 'ERROR'},
    },
    'root': {'level': 'INFO', 'handlers': ['console']},
}
logging.config.dictConfig(LOGGING)
logging.getLogger('app').debug('debug from app')
logging.getLogger('app.db').info('info from app.db')
logging.getLogger('app.quiet').warning('hidden')
logging.getLogger('other').info('info from other')
old.warning('old logger still works')
print(logging.getLogger('app').handlers[0].name, logging.root.handlers)
logging.config.dictConfig({'version': 1, 'root': {'level': 'WARNING', 'handlers': []}})
print(old.disabled, logging.getLogger('app').disabled)
try:
    logging.config.dictConfig({})
except ValueError as e:
    print(e)
try:
    logging.config.dictConfig({'version': 1, 'handlers': {'h': {'class': 'logging.Nope'}}})
except ValueError as e:
    print(e, type(e.__cause__).__name__)
