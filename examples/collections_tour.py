# collections: deque with maxlen, defaultdict, namedtuple, Counter and OrderedDict.
from collections import Counter, OrderedDict, defaultdict, deque, namedtuple

recent = deque(maxlen=3)
for n in range(6):
    recent.append(n)
print(recent)
recent.appendleft(-1)
recent.rotate(1)
print(recent, recent.popleft())

groups = defaultdict(list)
for word in ["apple", "avocado", "banana", "blueberry", "cherry"]:
    groups[word[0]].append(word)
print(dict(groups))

Point = namedtuple("Point", "x y", defaults=[0])
p = Point(3)
print(p, p._asdict(), p._replace(y=4), Point._fields)

words = Counter("the quick brown fox jumps over the lazy dog the end".split())
print(words.most_common(2), words["fox"], words["cat"])
print(Counter("aabbc") + Counter("bcd"))

od = OrderedDict(a=1, b=2, c=3)
od.move_to_end("a")
print(list(od.items()), od.popitem(last=False))
