# A compute workload for python3.11 (toolchains/bench): integers, dicts, strings, lists.
# Prints deterministic results only (set iteration order is never printed).
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 22


def fib(k):
    return k if k < 2 else fib(k - 1) + fib(k - 2)


sieve = bytearray([1]) * 200001
sieve[0:2] = b"\0\0"
for i in range(2, 448):
    if sieve[i]:
        sieve[i * i::i] = bytes(len(range(i * i, 200001, i)))
counts = {}
for i in range(120000):
    w = "w%d" % ((i * 7919) % 1500)
    counts[w] = counts.get(w, 0) + 1
h = 0
for k in sorted(counts):
    h = (h * 31 + counts[k] + len(k)) % 1000000007
data = sorted((i * 2654435761) % 1000003 for i in range(150000))
text = " ".join("%x" % (i * i) for i in range(40000))
print("fib", n, fib(n))
print("primes", sum(sieve))
print("words", len(counts), h)
print("sorted", data[0], data[75000], data[-1])
print("text", len(text), text.count("a1"), text.upper().count("F0"))
print("bigint", pow(3, 20000, 10**40 + 7), len(str(3**8000)))
