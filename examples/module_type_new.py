# types.ModuleType(name, doc=None): a fresh module, also of a subclass, with CPython's argument errors.
import types
for f in [lambda: types.ModuleType('x', name='y'), lambda: types.ModuleType('x', 'd', 3), lambda: types.ModuleType(bad=1), lambda: types.ModuleType(), lambda: types.ModuleType(3)]:
    try:
        f()
    except TypeError as e:
        print(e)
m = types.ModuleType(name='n', doc='d')
print(m, m.__doc__, sorted(m.__dict__))
class M(types.ModuleType):
    pass
print(M('y'), type(M('y')).__name__)
for f in [lambda: types.ModuleType('x', bad=1), lambda: types.ModuleType('x', doc='a', name='b'), lambda: types.ModuleType('x', 'y', doc='a')]:
    try:
        f()
    except TypeError as e:
        print(e)
