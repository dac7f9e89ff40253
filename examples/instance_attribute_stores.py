# Attribute stores into instance dicts: replacing, deleting and re-adding (the freed slot is
# reused but the name goes last), growing past several resizes, and instances of one class
# storing the same names in different orders.
class P:
    pass


p = P()
p.a = 1
p.b = 2
p.c = 3
p.a = 10
print(vars(p))
del p.b
p.d = 4
p.b = 20
print(vars(p), list(p.__dict__))
for k in range(3):
    del p.a
    p.a = k
print(vars(p))

# Many names: several resizes, probe collisions along the way.
q = P()
for i in range(60):
    setattr(q, "n%d" % i, i)
for i in range(0, 60, 3):
    delattr(q, "n%d" % i)
for i in range(0, 60, 6):
    setattr(q, "n%d" % i, -i)
print(len(vars(q)), sum(vars(q).values()), list(vars(q))[:5], list(vars(q))[-3:])


class Pt:
    def __init__(self, x, y, flip):
        if flip:
            self.y = y
            self.x = x
        else:
            self.x = x
            self.y = y

    def bump(self):
        self.x += 1
        self.y += 2
        return self


pts = [Pt(i, i * 10, i % 2).bump() for i in range(6)]
print([(t.x, t.y, list(vars(t))) for t in pts])
t = pts[0]
t.__dict__.clear()
t.x = 5
print(vars(t))
t.__dict__["y"] = 7
t.y += 1
print(vars(t))
