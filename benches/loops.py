# Integer loops: nested while/for with arithmetic on small ints.
def checksum(n):
    total = 0
    i = 0
    while i < n:
        for j in range(10):
            total = (total + i * j) % 1000003
        i += 1
    return total


print(checksum(900000))
