# int / int correctly rounded for any size (longobject.c long_true_divide), signed zeros,
# subnormal results and overflow.
print(-(2**62) / (2**53 - 1), 0 / -(2**53), 0 / (2**53), (10**400) / (10**399))
print(1 / (10**400), -1 / (10**400), (2**1074 + 1) / 2**2148, 2**53 / 3, (2**53 + 1) / 1)
print((2**64 + 1) / 2, 12345678901234567890123 / 98765432109876543, 7 / -(2**60))
print((2**1024 - 2**971) / 1)
for num in (10**400, -(10**400), 2**1024, 2**1024 - 2**970):
    try:
        print(num / 1)
    except OverflowError as e:
        print("OverflowError:", e)
try:
    (2**70) / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
