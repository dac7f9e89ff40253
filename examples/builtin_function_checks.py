# Built-in functions and constructors check their arguments as CPython does: str() and
# bytes() decode and encode when given an encoding, int() and float() parse bytes,
# globals()/locals()/super() refuse what they do not take, round() clamps a huge ndigits.
def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__ + ":", e)
t("str(None, None)", lambda: str(None, None))
t("str(1, 'utf-8')", lambda: str(1, "utf-8"))
t("str(b'ab', 1)", lambda: str(b"ab", 1))
t("str(b'ab', 'ascii')", lambda: str(b"ab", "ascii"))
t("str('ab', 'ascii')", lambda: str("ab", "ascii"))
t("bytes(1, 'a')", lambda: bytes(1, "a"))
t("bytes('ab', 1)", lambda: bytes("ab", 1))
t("bytes('ab')", lambda: bytes("ab"))
t("bytes([1], 'ascii')", lambda: bytes([1], "ascii"))
t("bytes(-1)", lambda: bytes(-1))
t("int(b'12')", lambda: int(b"12"))
t("int(b'ab')", lambda: int(b"ab"))
t("int(b' 7 ', 16)", lambda: int(b" 7 ", 16))
t("float(b'1.5')", lambda: float(b"1.5"))
t("float(b'ab')", lambda: float(b"ab"))
t("format(1, None)", lambda: format(1, None))
t("delattr(1, 2)", lambda: delattr(1, 2))
t("locals(1)", lambda: locals(1))
t("globals(1, 2)", lambda: globals(1, 2))
t("super(None)", lambda: super(None))
t("round(1.5, 2**70)", lambda: round(1.5, 2**70))
t("round(7, 2**70)", lambda: round(7, 2**70))
t("round(-1.5, -400)", lambda: round(-1.5, -400))
t("round(12345, -4)", lambda: round(12345, -4))
t("round(15, -1)", lambda: round(15, -1))
t("round(2.675, 2)", lambda: round(2.675, 2))
t("round(1.5, -2**70)", lambda: round(1.5, -2**70))
t("round(True, 2)", lambda: round(True, 2))
t("str(b'caf\\xc3\\xa9', 'utf-8')", lambda: str(b"caf\xc3\xa9", "utf-8"))
t("str(b'\\xff', 'utf-8', 'replace')", lambda: str(b"\xff", "utf-8", "replace"))
t("bytes('caf\\xe9', 'utf-8')", lambda: bytes("caf\xe9", "utf-8"))
t("bytes('caf\\xe9', 'latin-1')", lambda: bytes("caf\xe9", "latin-1"))
t("int(b'-0x1f', 16)", lambda: int(b"-0x1f", 16))
t("int(b'\\xff')", lambda: int(b"\xff"))
t("getattr(1, None)", lambda: getattr(1, None))
t("hasattr(1, 2)", lambda: hasattr(1, 2))
t("setattr(1, 2, 3)", lambda: setattr(1, 2, 3))
t("object.__format__(5, 'd')", lambda: object.__format__(5, "d"))
t("object.__format__(5, '')", lambda: object.__format__(5, ""))
t("(5).__format__('>4')", lambda: (5).__format__(">4"))
t("(2.5).__format__('.3f')", lambda: (2.5).__format__(".3f"))
t("(True).__format__('d')", lambda: (True).__format__("d"))
t("str(b'abc', errors='ignore')", lambda: str(b"abc", errors="ignore"))
t("str(b'a', errors=1)", lambda: str(b"a", errors=1))
t("str(b'\\xffa', 'ascii', 'ignore')", lambda: str(b"\xffa", "ascii", "ignore"))
t("bytes('a\\xe9', errors='ignore')", lambda: bytes("a\xe9", errors="ignore"))
t("bytes('a', 'ascii', 5)", lambda: bytes("a", "ascii", 5))
t("bytes(5, errors='strict')", lambda: bytes(5, errors="strict"))


class B(bytes):
    def decode(self, *args):
        return "overridden"


t("str(B(b'xy'), 'ascii')", lambda: str(B(b"xy"), "ascii"))
