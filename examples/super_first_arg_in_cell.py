# Zero-argument super() takes its object from the first parameter's cell when a closure
# captured it (as CPython's super_init_without_args does), so a reassignment is seen.
class A:
    def g(self):
        return "A.g"


class B(A):
    def rebinds(self):
        def inner():
            return self

        self = 5
        try:
            return super().g()
        except TypeError as e:
            return f"TypeError: {e}"

    def keeps(self):
        def inner():
            return self

        return super().g(), inner() is self

    def loads_method(self):
        def inner():
            return self

        self = "x"
        try:
            m = super().g
        except TypeError as e:
            return f"TypeError: {e}"
        return m()


b = B()
print(b.rebinds())
print(b.keeps())
print(b.loads_method())
