# itertools: infinite iterators sliced, combinatorics, grouping and accumulation.
import itertools as it

print(list(it.islice(it.count(10, 5), 4)), list(it.islice(it.cycle("ab"), 5)))
print(list(it.chain([1, 2], "ab")), list(it.chain.from_iterable([[1], [2, 3]])))
print(list(it.product("ab", range(2))))
print(list(it.permutations("abc", 2)))
print(list(it.combinations(range(4), 3)), list(it.combinations_with_replacement("xy", 2)))
print(list(it.accumulate([3, 1, 4, 1, 5], max)), list(it.accumulate(range(5))))
for key, group in it.groupby("aaabccdd"):
    print(key, list(group))
print(list(it.zip_longest("abc", [1], fillvalue="?")), list(it.pairwise([1, 2, 3])))
print(list(it.takewhile(str.isupper, "ABcD")), list(it.dropwhile(str.isupper, "ABcD")))
a, b = it.tee(range(3))
print(list(a), list(b), list(it.starmap(max, [(1, 5), (7, 2)])))
