# bytes methods, int.to_bytes/from_bytes, and open() in text and binary modes with `with`.
import sys
data = "héllo wörld".encode()
print(data, data.hex(), bytes.fromhex("68 69"), data.split(b" "), data.upper())
print((2025).to_bytes(2, "big"), int.from_bytes(b"\x07\xe9", "big"), (-2).to_bytes(1, "big", signed=True))
path = "/tmp/percolate_example_bytes_and_files.txt"
with open(path, "w") as f:
    f.write("first\nsecond\n")
with open(path, "a") as f:
    f.writelines(["third\n"])
with open(path) as f:
    for number, text in enumerate(f, 1):
        print(number, repr(text))
with open(path, "rb") as f:
    print(f.read(5), f.readline(), f.readlines())
try:
    open("no_such_file.txt")
except FileNotFoundError as e:
    print("FileNotFoundError:", e)
