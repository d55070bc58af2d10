-- A compute workload for lua5.4 (toolchains/bench): table-heavy integer and string work.
-- Prints deterministic results only (no addresses, no hash-order dependence).
local n = tonumber(arg and arg[1]) or 26
local function fib(k) if k < 2 then return k end return fib(k - 1) + fib(k - 2) end
local sieve, count = {}, 0
for i = 2, 300000 do
  if not sieve[i] then count = count + 1; for j = i * i, 300000, i do sieve[j] = true end end
end
local words, parts = {}, {}
for i = 1, 60000 do parts[#parts + 1] = string.format("w%d", (i * 7919) % 1000) end
for _, w in ipairs(parts) do words[w] = (words[w] or 0) + 1 end
local keys = {}
for k in pairs(words) do keys[#keys + 1] = k end
table.sort(keys)
local h = 0
for _, k in ipairs(keys) do h = (h * 31 + words[k] + #k) % 1000000007 end
local t = {}
for i = 1, 200000 do t[i] = (i * 2654435761) % 1000003 end
table.sort(t)
print("fib", n, fib(n))
print("primes", count)
print("words", #keys, h)
print("sorted", t[1], t[100000], t[200000])
