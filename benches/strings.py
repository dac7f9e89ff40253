# Strings: building, joining, splitting, formatting and methods.
def run(n):
    parts = []
    for i in range(n):
        parts.append(f"item{i}:{i * 3}")
    text = ",".join(parts)
    total = 0
    for piece in text.split(","):
        name, value = piece.split(":")
        total += int(value) + len(name.upper())
        if name.startswith("item1"):
            total += 1
    return total + len(text.replace("item", "it"))


print(run(700000))
