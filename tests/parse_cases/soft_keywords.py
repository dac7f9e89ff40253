# Soft keywords stay names: match, case, type and _ used as identifiers.
match = 1
match(x)
re.match(pattern, s)
match.group(0)
case = 2
type = 3
type(x)
print(type)
_ = 4
match, case = 1, 2
def match(type=None): return type
x = [match for match in y]
