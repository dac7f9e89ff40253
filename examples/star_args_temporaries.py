# Star-unpacking a temporary list or tuple moves its items into the call (no copy);
# lists and tuples that are still referenced elsewhere stay whole.
def f(*a): return a
def g(x, *a): return x, a
a = [1, 2, 3]
t = (4, 5)
print(f(*a), a, f(*t), t, g(*a), a, g(*t), f(*[i for i in range(3)]), f(*(i for i in range(2))))
b = [*a, *t]; print(b, a, t)
c = (*a,); print(c, a)
class T(tuple):
    def __iter__(self): return iter([9])
class L(list): pass
print(f(*T((1, 2))), f(*L([7, 8])), [*L([1])], [*T((3,))])
print(f(*a, *t), f(*[], *[]), f(*"ab"), [*{1: 2}])
print(max(*[3, 1, 2]), sorted([*{3, 1}]))
