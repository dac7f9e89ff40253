# `logging.config.dictConfig`: configures formatters, filters, handlers and loggers from a
# dictionary (the schema of Lib/logging/config.py DictConfigurator: version 1, `class` and
# `()` factories by dotted name, `ext://` references, disable_existing_loggers, incremental
# level updates). fileConfig and listen are not provided.

import sys
import logging

IDENTIFIER_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_'


def _resolve(name):
    """The object a dotted name refers to, importing modules along the way."""
    try:
        return _resolve_parts(name)
    except ImportError as e:
        v = ValueError('Cannot resolve %r: %s' % (name, e))
        raise v from e


def _resolve_parts(name):
    parts = name.split('.')
    used = parts.pop(0)
    try:
        found = __import__(used)
    except ImportError:
        found = sys.modules.get(used)
        if found is None:
            raise
    for part in parts:
        used += '.' + part
        try:
            found = getattr(found, part)
        except AttributeError:
            __import__(used)
            found = getattr(found, part)
    return found


def _convert(value):
    if isinstance(value, str) and value.startswith('ext://'):
        return _resolve(value[6:])
    return value


class _Configurator:
    def __init__(self, config):
        self.config = config
        self.formatters = {}
        self.filters = {}
        self.handlers = {}

    def _factory_call(self, spec, default_class):
        spec = dict(spec)
        factory = spec.pop('()', None)
        props = spec.pop('.', None)
        if factory is None:
            factory = spec.pop('class', None) or default_class
        if isinstance(factory, str):
            factory = _resolve(factory)
        kwargs = {k: _convert(v) for k, v in spec.items()}
        result = factory(**kwargs)
        if props:
            for name, value in props.items():
                setattr(result, name, value)
        return result

    def configure_formatter(self, spec):
        if '()' in spec:
            return self._factory_call(spec, None)
        fmt = spec.get('format', None)
        dfmt = spec.get('datefmt', None)
        style = spec.get('style', '%')
        cname = spec.get('class', None)
        defaults = spec.get('defaults', None)
        if not cname:
            c = logging.Formatter
        else:
            c = _resolve(cname)
        if defaults is not None:
            return c(fmt, dfmt, style, defaults=defaults)
        return c(fmt, dfmt, style)

    def configure_filter(self, spec):
        if '()' in spec:
            return self._factory_call(spec, None)
        return logging.Filter(spec.get('name', ''))

    def add_filters(self, target, names):
        for name in names:
            try:
                target.addFilter(self.filters[name])
            except KeyError as e:
                raise ValueError('Unable to add filter %r' % name) from e

    def configure_handler(self, spec):
        spec = dict(spec)
        formatter = spec.pop('formatter', None)
        level = spec.pop('level', None)
        filters = spec.pop('filters', None)
        if '()' in spec:
            handler = self._factory_call(spec, None)
        else:
            cname = spec.pop('class')
            klass = _resolve(cname) if isinstance(cname, str) else cname
            props = spec.pop('.', None)
            kwargs = {k: _convert(v) for k, v in spec.items()}
            handler = klass(**kwargs)
            if props:
                for name, value in props.items():
                    setattr(handler, name, value)
        if formatter:
            try:
                handler.setFormatter(self.formatters[formatter])
            except KeyError as e:
                raise ValueError('Unable to set formatter %r' % formatter) from e
        if level is not None:
            handler.setLevel(logging._checkLevel(level))
        if filters:
            self.add_filters(handler, filters)
        return handler

    def common_logger_config(self, logger, spec, incremental=False):
        level = spec.get('level', None)
        if level is not None:
            logger.setLevel(logging._checkLevel(level))
        if not incremental:
            for h in logger.handlers[:]:
                logger.removeHandler(h)
            for name in spec.get('handlers', None) or []:
                try:
                    logger.addHandler(self.handlers[name])
                except KeyError as e:
                    raise ValueError('Unable to add handler %r' % name) from e
            filters = spec.get('filters', None)
            if filters:
                self.add_filters(logger, filters)

    def configure(self):
        config = self.config
        if 'version' not in config:
            raise ValueError("dictionary doesn't specify a version")
        if config['version'] != 1:
            raise ValueError("Unsupported version: %s" % config['version'])
        incremental = config.pop('incremental', False)
        if incremental:
            for name, spec in config.get('handlers', {}).items():
                handler = logging._handlers.get(name)
                if handler is None:
                    raise ValueError('No handler found with name %r' % name)
                level = spec.get('level', None)
                if level:
                    handler.setLevel(logging._checkLevel(level))
            for name, spec in config.get('loggers', {}).items():
                self.common_logger_config(logging.getLogger(name), spec, True)
            root = config.get('root', None)
            if root:
                self.common_logger_config(logging.root, root, True)
            return
        disable_existing = config.pop('disable_existing_loggers', True)
        logging._handlers.clear()
        del logging._handlerList[:]
        for name, spec in config.get('formatters', {}).items():
            try:
                self.formatters[name] = self.configure_formatter(spec)
            except Exception as e:
                raise ValueError('Unable to configure formatter %r' % name) from e
        for name, spec in config.get('filters', {}).items():
            try:
                self.filters[name] = self.configure_filter(spec)
            except Exception as e:
                raise ValueError('Unable to configure filter %r' % name) from e
        for name in sorted(config.get('handlers', {})):
            try:
                handler = self.configure_handler(config['handlers'][name])
                handler.name = name
                self.handlers[name] = handler
            except Exception as e:
                raise ValueError('Unable to configure handler %r' % name) from e
        root = logging.root
        existing = list(root.manager.loggerDict.keys())
        existing.sort()
        child_loggers = []
        loggers = config.get('loggers', {})
        for name in loggers:
            if name in existing:
                i = existing.index(name) + 1
                prefixed = name + "."
                while i < len(existing):
                    if existing[i][:len(prefixed)] == prefixed:
                        child_loggers.append(existing[i])
                    i += 1
                existing.remove(name)
            try:
                logger = logging.getLogger(name)
                self.common_logger_config(logger, loggers[name])
                propagate = loggers[name].get('propagate', None)
                if propagate is not None:
                    logger.propagate = propagate
            except Exception as e:
                raise ValueError('Unable to configure logger %r' % name) from e
        for name in existing:
            logger = root.manager.loggerDict[name]
            if name in child_loggers:
                logger.level = logging.NOTSET
                logger.handlers = []
                logger.propagate = True
            else:
                logger.disabled = disable_existing
        root_spec = config.get('root', None)
        if root_spec:
            try:
                self.common_logger_config(root, root_spec)
            except Exception as e:
                raise ValueError('Unable to configure root logger') from e
        root.manager._clear_cache()


def dictConfig(config):
    """Configures logging from a dictionary."""
    _Configurator(dict(config)).configure()


def fileConfig(fname, defaults=None, disable_existing_loggers=True, encoding=None):
    raise NotImplementedError('logging.config.fileConfig is not available in percolate')
