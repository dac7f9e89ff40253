# A syntax error is reported CPython-style (file, line, caret, message) with exit status 1.
print("before")
print("unclosed"
