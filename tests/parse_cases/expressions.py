# Expressions: precedence, comparisons, boolean operators, walrus, calls, subscripts, slices.
-2 ** 2
2 ** -1
a ** b ** c
-x + y * z @ w / v // u % t
a | b ^ c & d << e >> f
~a + +b - -c
not a and b or c and not d
a < b <= c == d != e > f >= g
a in b not in c is d is not e
x if cond else y if other else z
lambda: x if y else z
(y := 10)
f(y := 1, z)
f(a, *args, b=1, **kwargs)
f(*a, *b, c=1, *d, **e, **g)
f(x for x in y)
f(x for x in y if x)(1)[2].attr
a.b.c(d)[e:f]
a[1:2:3]
a[::2]
a[:]
a[1:]
a[:, 1]
a[1:2, 3]
a[x := 1]
a[*b]
a[b,]
await_ = 1
x = a if b else c
x = *a, *b
print(*args, sep="")
1 < 2 < 3
(a, b) = 1, 2
a = 1,
x = (((1)))
x = 1 + 2 * 3 - 4 / 5
y = (1 + 2) * 3
0x1f + 0o7 + 0b1 + 1_000 + 1.5e3 + 2j
