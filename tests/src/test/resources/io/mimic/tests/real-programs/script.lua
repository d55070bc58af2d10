-- Lua 5.4: strings, tables, closures, integer and float arithmetic, coroutines, pattern matching.
local words = {}
for line in io.lines("words.txt") do
  local a, b, n = line:match("^(%a+) (%a+) (%d+)$")
  words[#words + 1] = {a = a, b = b, n = tonumber(n)}
end
print("lines", #words)
table.sort(words, function(x, y) if x.n ~= y.n then return x.n < y.n end return x.a < y.a end)
for i = 1, 5 do print(words[i].a, words[i].b, words[i].n) end
local counts = {}
for _, w in ipairs(words) do counts[w.a] = (counts[w.a] or 0) + 1 end
local keys = {}
for k in pairs(counts) do keys[#keys + 1] = k end
table.sort(keys)
for _, k in ipairs(keys) do io.write(k, "=", counts[k], " ") end
print()
local function counter() local c = 0; return function() c = c + 1; return c end end
local c1, c2 = counter(), counter()
c1(); c1()
print("closures", c1(), c2())
print(string.format("%.10f %.3e %g %d %x", math.pi, 1/3, 2^60, 7 // 2, 255))
print(3 / 2, 3 // 2, 3 % -2, 2^0.5, math.maxinteger, math.mininteger, 1e308 * 10)
local co = coroutine.create(function(a) for i = 1, 3 do a = coroutine.yield(a * i) end return "done" end)
for _ = 1, 4 do print(coroutine.resume(co, 5)) end
print(("hello world"):gsub("o", "0"), ("x"):rep(5, "-"), ("Mimic"):upper(), utf8.char(72, 228, 8364))
local t = setmetatable({}, {__index = function(_, k) return k * 2 end})
print(t[21], select("#", 1, nil, 3), pcall(error, "boom"))
