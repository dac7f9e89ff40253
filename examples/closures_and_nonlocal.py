# Closures: captured variables, nonlocal rebinding, and late binding in loops.
def counter():
    count = 0

    def increment(step=1):
        nonlocal count
        count += step
        return count

    return increment


c = counter()
print(c(), c(), c(10))
funcs = [lambda: i for i in range(3)]
print([f() for f in funcs])
bound = [lambda i=i: i for i in range(3)]
print([f() for f in bound])
