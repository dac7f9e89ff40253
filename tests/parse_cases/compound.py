# Compound statements: if/elif/else, loops with else, try forms, with forms.
if a:
    pass
elif b:
    x = 1
elif c:
    x = 2
else:
    x = 3
while x := f():
    g(x)
else:
    done()
for i, (j, k) in pairs:
    pass
else:
    pass
for *a, b in c, d:
    pass
try:
    risky()
except:
    pass
try:
    risky()
except (A, B) as e:
    handle(e)
except C:
    pass
else:
    ok()
finally:
    cleanup()
try:
    pass
finally:
    pass
try:
    pass
except* ValueError as eg:
    pass
except* (TypeError, KeyError):
    pass
with a:
    pass
with a as b, c as (d, e), f:
    pass
with (a as b, c as d):
    pass
with (a as b, c as d,):
    pass
with (a, b):
    pass
with (a, b) as c:
    pass
with (yield):
    pass
if x: y = 1; z = 2
