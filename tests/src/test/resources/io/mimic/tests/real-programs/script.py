# Python 3.11 without threads, subprocess or sockets: json, re, hashlib, zlib, collections, math.
import collections, hashlib, json, math, re, struct, zlib

with open("words.txt") as f:
    lines = f.read().splitlines()
print(len(lines))
c = collections.Counter(w for line in lines for w in line.split()[:2])
print(c.most_common(5))
nums = [int(line.split()[2]) for line in lines]
print(sum(nums), min(nums), max(nums), sorted(nums)[len(nums) // 2])
print(re.findall(r"\b(\w*ing)\b", " ".join(lines[:200]))[:10])
print(re.sub(r"(a)(\w)", r"<\2\1>", lines[0]))
data = open("bin.dat", "rb").read()
print(hashlib.sha256(data).hexdigest(), hashlib.md5(data).hexdigest(), hashlib.sha1(data).hexdigest())
z = zlib.compress(data[:20000], 6)
print(len(z), zlib.crc32(data), zlib.adler32(data), zlib.decompress(z) == data[:20000])
doc = {"words": c.most_common(3), "pi": math.pi, "nested": {"list": [1, 2.5, None, True], "s": "é\n"}}
text = json.dumps(doc, sort_keys=True, indent=1)
print(text)
print(json.loads(text) == json.loads(json.dumps(doc)))
print(struct.pack("<iqd", -7, 2**40, 1.5).hex(), math.factorial(30), 2**100 % 97, f"{1/7:.15f}", float("1e-310"))
print(sorted({"b": 2, "a": 1}.items()), [x * x for x in range(10) if x % 3], divmod(-17, 5))
