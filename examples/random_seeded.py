# A seeded random module prints the same numbers as CPython (Mersenne Twister, randrange, shuffle).
import random

random.seed(2024)
print(random.random())
print([random.randint(1, 6) for _ in range(10)])
deck = list(range(1, 11))
random.shuffle(deck)
print(deck)
print(random.choice(["red", "green", "blue"]), random.sample("percolate", 4))
rng = random.Random(7)
print(rng.randrange(100), rng.uniform(0, 1))
