# Built-in methods that take no arguments refuse extra ones with CPython's TypeError (they
# used to ignore them: (5).bit_length(1) returned 3, "a".upper(1) returned "A").
calls = [
    lambda: (5).bit_length(1),
    lambda: (5).bit_count(1, 2),
    lambda: (5).as_integer_ratio(1),
    lambda: (5).bit_length(x=1),
    lambda: (1.5).is_integer(1),
    lambda: (1.5).as_integer_ratio(1),
    lambda: [1].copy(1),
    lambda: [1].clear(1),
    lambda: [1].reverse(1),
    lambda: {1: 2}.copy(1),
    lambda: {1: 2}.clear(1),
    lambda: {1}.copy(1),
    lambda: {1}.clear(1),
]
for call in calls:
    try:
        print("returned", call())
    except TypeError as e:
        print("TypeError:", e)
print((5).bit_length(), (7).bit_count(), (6).as_integer_ratio(), (2.5).as_integer_ratio())
print([1, 2].copy(), {1: 2}.copy(), {3}.copy(), (1.0).is_integer())
for call in (lambda: "a".upper(1), lambda: "a".title(1), lambda: "a".isdigit(1),
             lambda: "abc".islower(1, 2)):
    try:
        print("returned", call())
    except TypeError as e:
        print("TypeError:", e)
print("aBc".upper(), "aBc".swapcase(), "12".isdigit(), "x".isidentifier())
