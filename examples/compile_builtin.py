# compile() of source text to a code object for eval/exec, and its errors.
c = compile("1 + 2", "<x>", "eval")
print(eval(c))
try:
    compile("x = (", "myfile.py", "exec")
except SyntaxError as e:
    print(type(e).__name__, e.filename, e.lineno)
try:
    compile("x", "f", "bogus")
except ValueError as e:
    print(e)
try:
    compile(5, "f", "exec")
except TypeError as e:
    print(e)
ns = {}
exec(compile("y = 3\nprint('in', __name__ if '__name__' in dir() else 'nomod')", "f", "exec"), ns)
print(ns["y"])
