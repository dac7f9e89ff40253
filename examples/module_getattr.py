# A module's own __getattr__ answers for names its namespace lacks (PEP 562), for attribute
# access, getattr/hasattr and `from m import name`; names that exist never reach it.
import sys
import types

lazy = types.ModuleType("lazy")
calls = []


def _module_getattr(name):
    calls.append(name)
    if name == "answer":
        return 42
    if name == "broken":
        raise KeyError(name)
    raise AttributeError(f"module 'lazy' has no attribute {name!r}")


lazy.__getattr__ = _module_getattr
lazy.present = "here"
sys.modules["lazy"] = lazy

import lazy as again
from lazy import answer, present

print(again.answer, answer, present)
print(getattr(lazy, "missing", "default"), hasattr(lazy, "missing"), hasattr(lazy, "answer"))
try:
    from lazy import missing
except ImportError as e:
    print("ImportError:", e)
try:
    lazy.broken
except KeyError as e:
    print("KeyError:", e)
# CPython's import machinery also asks the hook for __path__; only the program's names are shown.
print([name for name in calls if not name.startswith("__")])
# A plain module without a hook keeps the usual error.
plain = types.ModuleType("plain")
try:
    plain.nothing
except AttributeError as e:
    print("AttributeError:", e)
