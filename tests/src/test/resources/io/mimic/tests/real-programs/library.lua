-- Lua 5.4 libraries: string (patterns, format, pack), coroutines, closures, os and io basics.
print("== string")
local s = "The quick brown fox jumps over the lazy dog"
print(#s, s:len(), s:lower(), s:reverse():sub(1, 9))
print(s:find("fox"), s:find("o", 20, true), s:find("(%a+) (%a+)$"))
print(s:gsub("%w+", function(w) return #w > 4 and w:upper() or nil end))
print(s:gsub("(%w+) (%w+)", "%2 %1", 2))
print(("$name is $age"):gsub("%$(%w+)", {name = "lua", age = 31}))
local parts = {}
for k, v in ("a=1, b=22, ccc=333"):gmatch("(%w+)=(%w+)") do parts[#parts + 1] = k .. ":" .. v end
print(table.concat(parts, "|"), select("#", ("x,y,,z"):byte(1, -1)))
print(string.char(76, 117, 97), ("%d"):rep(3, ","), ("  trim me  "):match("^%s*(.-)%s*$") .. "!")
print(string.format("%5.2f|%-8s|%08.3f|%q|%i|%c|%o|%X|%a", 3.14159, "left", -2.5, "a\nb\0c", 42, 65, 64, 48879, 1.0))
print(string.format("%s %s %s %10.4s|", nil, true, {} ~= nil, "truncated"))
local packed = string.pack("<i4 >I2 z d s1", -2, 513, "zero", 0.25, "len")
print(#packed, string.unpack("<i4 >I2 z d s1", packed))
print(string.packsize("i4 i8 d"), ("%b()"):len(), ("f(a(b)c)d"):match("%b()"), ("key = value"):match("^(%w+)%s*=%s*(%w+)$"))
print(utf8.len("häß€"), table.concat({utf8.codepoint("häß€", 1, -1)}, " "))
for p, c in utf8.codes("aé€") do io.write(p, ":", c, " ") end
print()
print("== coroutines")
local function gen(n)
  return coroutine.wrap(function() for i = 1, n do coroutine.yield(i * i) end end)
end
local acc = {}
for v in gen(6) do acc[#acc + 1] = v end
print(table.concat(acc, " "))
local co = coroutine.create(function(a, b)
  print("start", a, b, coroutine.isyieldable(), coroutine.status(coroutine.running()))
  local c = coroutine.yield(a + b)
  print("got", c)
  local d, e = coroutine.yield(c * 2)
  error({code = d + e})
end)
print(coroutine.resume(co, 1, 2))
print(coroutine.status(co), coroutine.resume(co, 10))
local ok, err = coroutine.resume(co, 3, 4)
print(ok, type(err), err.code, coroutine.status(co), coroutine.resume(co))
local producer = coroutine.create(function()
  for _, w in ipairs({"alpha", "beta", "gamma"}) do coroutine.yield(w) end
  return "end"
end)
local function consume()
  local out = {}
  while true do
    local _, w = coroutine.resume(producer)
    out[#out + 1] = w
    if coroutine.status(producer) == "dead" then break end
  end
  return table.concat(out, ",")
end
print(consume())
local closable = coroutine.create(function() local x <close> = setmetatable({}, {__close = function() print("closed") end}); coroutine.yield(1) end)
coroutine.resume(closable)
print(coroutine.close(closable), coroutine.status(closable))
print("== closures")
local fns = {}
for i = 1, 3 do fns[i] = function() return i * 10 end end
print(fns[1](), fns[2](), fns[3]())
local function account(balance)
  return {
    deposit = function(v) balance = balance + v; return balance end,
    withdraw = function(v) if v > balance then return nil, "insufficient" end balance = balance - v; return balance end,
    get = function() return balance end,
  }
end
local a = account(100)
print(a.deposit(50), a.withdraw(30), a.withdraw(500), a.get())
local function memo(f)
  local cache, calls = {}, 0
  return function(n) if cache[n] == nil then calls = calls + 1; cache[n] = f(n) end return cache[n] end, function() return calls end
end
local fib
local count
fib, count = memo(function(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end)
print(fib(80), count())
local function compose(...)
  local fs = table.pack(...)
  return function(x) for i = fs.n, 1, -1 do x = fs[i](x) end return x end
end
print(compose(function(x) return x + 1 end, function(x) return x * 2 end, math.abs)(-7))
print("== os and io")
print(os.time({year = 2020, month = 1, day = 2, hour = 3, min = 4, sec = 5}), os.date("!%Y-%m-%d %H:%M:%S", 1577934245))
print(os.date("!*t", 86400 * 366).year, os.getenv("LANG"), os.getenv("NO_SUCH_VARIABLE"), type(os.clock()))
local f = assert(io.open("lua-out.txt", "w"))
f:write("line one\n", 42, " ", 3.5, "\nthird line\n")
print(f:seek("cur"), f:seek("set", 5), f:seek("end"))
f:close()
for line in io.lines("lua-out.txt") do io.write("[", line, "]") end
print()
f = assert(io.open("lua-out.txt", "r"))
print(f:read("l"), f:read("n"), f:read("n"), f:read("L"), f:read("a"), f:read("l"))
f:close()
f = io.open("lua-out.txt", "a"); f:write("appended\n"); f:close()
print(#io.open("lua-out.txt"):read("a"), io.type(f), io.type(io.stdout), io.type(42))
print(io.open("no/such/file", "r"))
print(os.rename("lua-out.txt", "lua-moved.txt"), io.open("lua-out.txt") == nil, os.remove("lua-moved.txt"))
print(select(2, os.remove("lua-moved.txt")))
print(os.execute == nil, pcall(string.rep), math.type(1), math.type(1.0), math.type("1"), math.tointeger(3.0), 7 // 0.0, -7 % 3)
io.write("exit via os.exit\n")
os.exit(4)
