# Numbers: unbounded ints, floor division and modulo signs, float repr, int/float mixing.
print(2 ** 100, -7 // 2, -7 % 2, 7 // -2, 7 % -2)
print(0.1 + 0.2, 1e16, 1.5e-5, 10 / 4, 3.0, -0.0, float("inf"))
print(2 ** 63 - 1 + 1, (2 ** 64) // 3, divmod(-17, 5), abs(-3), round(2.675, 2), round(7.5))
print(1 == 1.0, 10 ** 20 > 1e19, int("  -42 "), int("ff", 16), hex(255), bin(5), oct(8))
