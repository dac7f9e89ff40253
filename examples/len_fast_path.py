# len() of exact built-in containers is answered at once; everything else goes through
# __len__ (subclasses overriding it, user classes, bad results) and the usual errors.
print(len("abc"), len("héllo wörld"), len(""), len([1, 2, 3]), len(()), len((1,)))
print(len({"a": 1, "b": 2}), len({1, 2}), len(frozenset()), len(b"xy"), len(range(10)))


class L(list):
    def __len__(self):
        return 42


class S(str):
    def __len__(self):
        return 7


class D(dict):
    pass


class T(tuple):
    def __len__(self):
        return super().__len__() + 100


class Sized:
    def __len__(self):
        return 3


class Bad:
    def __len__(self):
        return -1


print(len(L([1])), len(S("ab")), len(D(a=1)), len(T((1, 2))), len(Sized()))
for args in [(), (1, 2), (5,), (Bad(),), (None,)]:
    try:
        print(len(*args))
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
