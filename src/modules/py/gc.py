"""gc: percolate frees objects by reference counting; collect() also runs the weakref
callbacks and finalizers whose referents have died."""

import sys

garbage = []
callbacks = []
DEBUG_STATS = 1
DEBUG_COLLECTABLE = 2
DEBUG_UNCOLLECTABLE = 4
DEBUG_SAVEALL = 32
DEBUG_LEAK = 38
_enabled = True
_threshold = (700, 10, 10)
_debug = 0


def collect(generation=2):
    if generation not in (0, 1, 2):
        raise ValueError("invalid generation")
    weakref = sys.modules.get("weakref")
    if weakref is not None:
        weakref._check_dead()
    return 0


def enable():
    global _enabled
    _enabled = True


def disable():
    global _enabled
    _enabled = False


def isenabled():
    return _enabled


def get_threshold():
    return _threshold


def set_threshold(threshold0, threshold1=None, threshold2=None):
    global _threshold
    t1 = _threshold[1] if threshold1 is None else threshold1
    t2 = _threshold[2] if threshold2 is None else threshold2
    _threshold = (threshold0, t1, t2)


def get_count():
    return (0, 0, 0)


def get_debug():
    return _debug


def set_debug(flags):
    global _debug
    _debug = flags


def is_tracked(obj):
    return not isinstance(obj, (int, float, str, bytes, type(None), bool))


def is_finalized(obj):
    return False


def freeze():
    pass


def unfreeze():
    pass


def get_freeze_count():
    return 0


def get_stats():
    return [{'collections': 0, 'collected': 0, 'uncollectable': 0} for _ in range(3)]


def get_objects(generation=None):
    raise NotImplementedError("percolate cannot enumerate the objects it tracks")


def get_referrers(*objs):
    raise NotImplementedError("percolate cannot enumerate the referrers of an object")


def get_referents(*objs):
    raise NotImplementedError("percolate cannot enumerate the referents of an object")
