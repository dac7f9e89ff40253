# LOAD_GLOBAL caches where it found a name; every change to globals or builtins that
# alters the answer must be seen by the next look-up.
import builtins


def f():
    return len([1, 2]), g()


def g():
    return 1


print(f())


def g():
    return 2


print(f())
len = lambda x: 99  # a global now shadows the builtin
print(f())
del len  # and the builtin shows through again
print(f())
builtins.len = lambda x: 7  # builtins themselves change
print(f())
del g
try:
    f()
except NameError as e:
    print("NameError:", e)

counter = 0


def read_counter():
    return counter


total = 0
for i in range(5):
    counter = i * i  # the module mutates its globals between calls
    total += read_counter()
print(total)

# One code object run against two namespaces: each sees its own globals.
code = compile("def h():\n    return value\n", "<shared>", "exec")
ns1 = {"value": "first"}
ns2 = {"value": "second"}
exec(code, ns1)
exec(code, ns2)
print(ns1["h"](), ns2["h"](), ns1["h"]())
ns1["value"] = "changed"
print(ns1["h"](), ns2["h"]())
del ns2["value"]
try:
    ns2["h"]()
except NameError as e:
    print("NameError:", e)
