# Strings: implicit concatenation, bytes, f-strings with conversions, specs, debug fields.
s = "a" 'b' """c"""
b = b"x" b'y'
raw = r"\n" "\n"
f"plain"
f"hello {name}!"
f"{x!r} {y!s} {z!a}"
f"{value:>10}"
f"{value:{width}.{precision}}"
f"{x=}"
f"{x = }"
f"{x=!s}"
f"{x=:>5}"
"prefix " f"{x}" " suffix"
f"{'nested'}"
f"{a + b} and {c(d)}"
f"{{literal braces}}"
f"{x}" f"{y}"
f""
msg = (
    f"multi {line}"
    "continued"
)
