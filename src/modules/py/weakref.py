"""Weak references over percolate's reference counting (natives _weak_new/_weak_get from
src/modules/weakref.rs). A referent dies exactly when CPython's would (no cycles aside), so
ref() and the weak containers see what CPython sees. percolate has no hook at the moment of
death, so callbacks and finalizers run at the next weakref operation or gc.collect()."""

__all__ = ["ref", "proxy", "getweakrefcount", "getweakrefs", "WeakKeyDictionary",
           "ReferenceError", "ReferenceType", "ProxyType", "WeakSet", "WeakValueDictionary",
           "WeakMethod", "finalize", "CallableProxyType", "ProxyTypes"]

_watched = []


def _check_dead():
    """Runs the callbacks of weak references whose referent has died since the last check."""
    if not _watched:
        return
    dead = [r for r in _watched if _weak_get(r._handle) is None]
    if not dead:
        return
    _watched[:] = [r for r in _watched if _weak_get(r._handle) is not None]
    for r in dead:
        callback = r.__callback__
        r.__callback__ = None
        if callback is not None:
            callback(r)


class ReferenceType:
    """A weak reference: calling it returns the referent, or None once it has died."""

    __slots__ = ("_handle", "__callback__", "_hash")

    def __init__(self, ob, callback=None):
        _check_dead()
        self._handle = _weak_new(ob)
        self.__callback__ = callback
        self._hash = None
        if callback is not None:
            _watched.append(self)

    def __call__(self):
        return _weak_get(self._handle)

    def __hash__(self):
        if self._hash is None:
            target = self()
            if target is None:
                raise TypeError("weak object has gone away")
            self._hash = hash(target)
        return self._hash

    def __eq__(self, other):
        if not isinstance(other, ReferenceType):
            return NotImplemented
        mine, theirs = self(), other()
        if mine is None or theirs is None:
            return self is other
        return mine == theirs

    def __ne__(self, other):
        result = self.__eq__(other)
        if result is NotImplemented:
            return result
        return not result

    def __repr__(self):
        target = self()
        if target is None:
            return "<weakref at %#x; dead>" % id(self)
        return "<weakref at %#x; to '%s' at %#x>" % (id(self), type(target).__name__,
                                                    id(target))

    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)


ReferenceType.__name__ = "ReferenceType"
ReferenceType.__qualname__ = "ReferenceType"
ReferenceType.__module__ = "weakref"
ref = ReferenceType


class WeakMethod(ReferenceType):
    """A weak reference to a bound method that lives as long as its object and function."""

    __slots__ = ("_func_ref", "_meth_type")

    def __init__(self, meth, callback=None):
        try:
            obj = meth.__self__
            func = meth.__func__
        except AttributeError:
            raise TypeError("argument should be a bound method, not {}"
                            .format(type(meth))) from None
        super().__init__(obj, callback)
        self._func_ref = ref(func)
        self._meth_type = type(meth)

    def __call__(self):
        obj = super().__call__()
        func = self._func_ref()
        if obj is None or func is None:
            return None
        return func.__get__(obj, type(obj))


ReferenceError = ReferenceError


class ProxyType:
    """A weak proxy: attribute access goes to the referent while it lives."""

    def __init__(self, ob, callback=None):
        object.__setattr__(self, "_proxy_ref", ref(ob, callback))

    def _target(self):
        target = object.__getattribute__(self, "_proxy_ref")()
        if target is None:
            raise ReferenceError("weakly-referenced object no longer exists")
        return target

    def __getattr__(self, name):
        return getattr(ProxyType._target(self), name)

    def __setattr__(self, name, value):
        setattr(ProxyType._target(self), name, value)

    def __delattr__(self, name):
        delattr(ProxyType._target(self), name)

    def __repr__(self):
        target = ProxyType._target(self)
        return "<weakproxy at %#x; to '%s' at %#x>" % (id(self), type(target).__name__,
                                                      id(target))

    def __str__(self):
        return str(ProxyType._target(self))

    def __len__(self):
        return len(ProxyType._target(self))

    def __iter__(self):
        return iter(ProxyType._target(self))

    def __getitem__(self, key):
        return ProxyType._target(self)[key]

    def __setitem__(self, key, value):
        ProxyType._target(self)[key] = value

    def __contains__(self, item):
        return item in ProxyType._target(self)

    def __eq__(self, other):
        return ProxyType._target(self) == other

    def __bool__(self):
        return bool(ProxyType._target(self))

    def __call__(self, *args, **kwargs):
        return ProxyType._target(self)(*args, **kwargs)


CallableProxyType = ProxyType
ProxyTypes = (ProxyType, CallableProxyType)


def proxy(ob, callback=None):
    return ProxyType(ob, callback)


def getweakrefcount(ob):
    raise NotImplementedError("percolate does not count the weak references to an object")


def getweakrefs(ob):
    raise NotImplementedError("percolate does not list the weak references to an object")


class WeakValueDictionary:
    """A mapping whose values are held weakly: an entry goes away when its value dies."""

    def __init__(self, other=(), /, **kw):
        self.data = {}
        self.update(other, **kw)

    def _prune(self):
        _check_dead()
        dead = [k for k, r in self.data.items() if r() is None]
        for k in dead:
            del self.data[k]

    def __getitem__(self, key):
        o = self.data[key]()
        if o is None:
            raise KeyError(key)
        return o

    def __delitem__(self, key):
        del self.data[key]

    def __len__(self):
        self._prune()
        return len(self.data)

    def __contains__(self, key):
        try:
            o = self.data[key]()
        except KeyError:
            return False
        return o is not None

    def __repr__(self):
        return "<%s at %#x>" % (self.__class__.__name__, id(self))

    def __setitem__(self, key, value):
        self._prune()
        self.data[key] = ref(value)

    def copy(self):
        return WeakValueDictionary(self.items())

    __copy__ = copy

    def get(self, key, default=None):
        try:
            wr = self.data[key]
        except KeyError:
            return default
        o = wr()
        return default if o is None else o

    def items(self):
        self._prune()
        result = []
        for k, wr in list(self.data.items()):
            v = wr()
            if v is not None:
                result.append((k, v))
        return iter(result)

    def keys(self):
        return iter([k for k, _ in self.items()])

    __iter__ = keys

    def values(self):
        return iter([v for _, v in self.items()])

    def itervaluerefs(self):
        self._prune()
        return iter(list(self.data.values()))

    def valuerefs(self):
        self._prune()
        return list(self.data.values())

    def pop(self, key, *args):
        try:
            o = self.data.pop(key)()
        except KeyError:
            o = None
        if o is None:
            if args:
                return args[0]
            raise KeyError(key)
        return o

    def popitem(self):
        self._prune()
        while True:
            key, wr = self.data.popitem()
            o = wr()
            if o is not None:
                return key, o

    def setdefault(self, key, default=None):
        o = self.get(key)
        if o is None:
            self[key] = default
            return default
        return o

    def update(self, other=(), /, **kwargs):
        if hasattr(other, "items"):
            other = other.items()
        for key, o in other:
            self[key] = o
        for key, o in kwargs.items():
            self[key] = o

    def clear(self):
        self.data.clear()


class WeakKeyDictionary:
    """A mapping whose keys are held weakly: an entry goes away when its key dies."""

    def __init__(self, dict=None):
        self.data = {}
        if dict is not None:
            self.update(dict)

    def _prune(self):
        _check_dead()
        dead = [k for k in self.data if k() is None]
        for k in dead:
            del self.data[k]

    def __delitem__(self, key):
        del self.data[ref(key)]

    def __getitem__(self, key):
        return self.data[ref(key)]

    def __len__(self):
        self._prune()
        return len(self.data)

    def __repr__(self):
        return "<%s at %#x>" % (self.__class__.__name__, id(self))

    def __setitem__(self, key, value):
        self._prune()
        self.data[ref(key)] = value

    def copy(self):
        return WeakKeyDictionary(dict(self.items()))

    __copy__ = copy

    def get(self, key, default=None):
        return self.data.get(ref(key), default)

    def __contains__(self, key):
        try:
            wr = ref(key)
        except TypeError:
            return False
        return wr in self.data

    def items(self):
        self._prune()
        result = []
        for wr, value in list(self.data.items()):
            key = wr()
            if key is not None:
                result.append((key, value))
        return iter(result)

    def keys(self):
        return iter([k for k, _ in self.items()])

    __iter__ = keys

    def values(self):
        return iter([v for _, v in self.items()])

    def keyrefs(self):
        self._prune()
        return list(self.data)

    def popitem(self):
        self._prune()
        while True:
            key, value = self.data.popitem()
            o = key()
            if o is not None:
                return o, value

    def pop(self, key, *args):
        return self.data.pop(ref(key), *args)

    def setdefault(self, key, default=None):
        return self.data.setdefault(ref(key), default)

    def update(self, dict=None, /, **kwargs):
        if dict is not None:
            if hasattr(dict, "items"):
                dict = dict.items()
            for key, value in dict:
                self[key] = value
        if kwargs:
            self.update(kwargs)

    def clear(self):
        self.data.clear()


class WeakSet:
    """A set whose members are held weakly."""

    def __init__(self, data=None):
        self.data = set()
        if data is not None:
            self.update(data)

    def _prune(self):
        _check_dead()
        self.data = {r for r in self.data if r() is not None}

    def __iter__(self):
        self._prune()
        for r in list(self.data):
            item = r()
            if item is not None:
                yield item

    def __len__(self):
        self._prune()
        return len(self.data)

    def __contains__(self, item):
        try:
            wr = ref(item)
        except TypeError:
            return False
        return wr in self.data

    def __repr__(self):
        return repr(self.data)

    def add(self, item):
        self._prune()
        self.data.add(ref(item))

    def clear(self):
        self.data.clear()

    def copy(self):
        return self.__class__(self)

    def pop(self):
        self._prune()
        while True:
            try:
                itemref = self.data.pop()
            except KeyError:
                raise KeyError("pop from empty WeakSet") from None
            item = itemref()
            if item is not None:
                return item

    def remove(self, item):
        self.data.remove(ref(item))

    def discard(self, item):
        try:
            self.data.discard(ref(item))
        except TypeError:
            pass

    def update(self, other):
        for element in other:
            self.add(element)

    def __ior__(self, other):
        self.update(other)
        return self

    def __eq__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        return set(self) == set(other)

    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)


class finalize:
    """Calls func(*args, **kwargs) once obj has died (or when called, if still alive)."""

    _registry = {}
    _index = 0
    _registered_with_atexit = False

    def __init__(self, obj, func, /, *args, **kwargs):
        finalize._index += 1
        self._key = finalize._index
        self._info = (func, args, kwargs or {})
        self.atexit = True
        self._ref = ref(obj, self._fire)
        finalize._registry[self._key] = self
        if not finalize._registered_with_atexit:
            import atexit
            atexit.register(finalize._exitfunc)
            finalize._registered_with_atexit = True

    @classmethod
    def _exitfunc(cls):
        """Runs, newest first, the finalizers still pending whose atexit flag is set."""
        _check_dead()
        pending = [f for f in cls._registry.values() if f.atexit]
        while pending:
            f = pending.pop()
            f()

    def _fire(self, _wr):
        self()

    def __call__(self, _=None):
        info = self._detach_info()
        if info is not None:
            func, args, kwargs = info
            return func(*args, **kwargs)

    def _detach_info(self):
        if finalize._registry.pop(self._key, None) is None:
            return None
        info = self._info
        self._info = None
        return info

    def detach(self):
        obj = self._ref()
        if obj is not None and self._key in finalize._registry:
            func, args, kwargs = self._detach_info()
            return (obj, func, args, kwargs)

    def peek(self):
        obj = self._ref()
        if obj is not None and self._key in finalize._registry:
            func, args, kwargs = self._info
            return (obj, func, args, kwargs)

    @property
    def alive(self):
        _check_dead()
        return self._key in finalize._registry

    def __repr__(self):
        obj = self._ref()
        if obj is None:
            return "<finalize object at %#x; dead>" % id(self)
        return "<finalize object at %#x; for %r at %#x>" % (id(self), type(obj).__name__,
                                                           id(obj))
