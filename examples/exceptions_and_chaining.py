# Exceptions: custom classes, finally, chaining with from, and the context of a re-raise.
class AppError(Exception):
    pass


def parse(text):
    try:
        return int(text)
    except ValueError as e:
        raise AppError(f"bad input {text!r}") from e
    finally:
        print("parsed", text)


print(parse("12"))
try:
    parse("x")
except AppError as e:
    print(type(e).__name__, e, type(e.__cause__).__name__, e.__cause__)
try:
    try:
        {}["missing"]
    except KeyError:
        raise RuntimeError("while handling")
except RuntimeError as e:
    print(repr(e), repr(e.__context__))
