# Python 3.11 as a real program uses it: json, re, hashlib, zlib, threads with a Lock and a
# Queue, subprocess, a loopback TCP socket served by a thread, and sqlite3. Deterministic output.
import hashlib, json, queue, re, socket, sqlite3, subprocess, sys, threading, zlib

lines = open("words.txt").read().splitlines()

# json and re
records = [dict(zip(("first", "second", "n"), line.split())) for line in lines[:50]]
for r in records:
    r["n"] = int(r["n"])
text = json.dumps({"records": records[:3], "total": sum(r["n"] for r in records)}, sort_keys=True)
print(text)
back = json.loads(text)
print(back["total"], back["records"][0]["first"], json.dumps([1.5, None, "\u00e9", {"k": [True]}], ensure_ascii=True))
pattern = re.compile(r"^(?P<a>[a-m]\w+) (?P<b>\w+) (?P<n>\d{3})$", re.M)
found = [m.group("a", "n") for m in pattern.finditer("\n".join(lines[:80]))]
print(len(found), found[:4], re.split(r"[aeiou]+", lines[1]), re.sub(r"(\d+)", lambda m: str(int(m[1]) * 2), lines[2]))

# hashlib and zlib
data = open("bin.dat", "rb").read()
print(hashlib.sha256(data).hexdigest(), hashlib.blake2b(data[:1000], digest_size=16).hexdigest())
print(hashlib.sha512(b"mimic").hexdigest()[:32], hashlib.pbkdf2_hmac("sha256", b"pw", b"salt", 1000).hex()[:32])
packed = zlib.compress(data, 9)
d = zlib.decompressobj()
restored = d.decompress(packed[:1000]) + d.decompress(packed[1000:]) + d.flush()
print(len(packed) < len(data) + 64, restored == data, zlib.crc32(restored), len(zlib.compress(b"a" * 10000)))

# threads: a Lock-protected counter and a Queue of work answered in order
counter = 0
lock = threading.Lock()
def bump(times):
    global counter
    for _ in range(times):
        with lock:
            counter += 1
workers = [threading.Thread(target=bump, args=(2000,)) for _ in range(4)]
for t in workers: t.start()
for t in workers: t.join()
print("counter", counter)
jobs, results = queue.Queue(), queue.Queue()
def worker():
    while True:
        item = jobs.get()
        if item is None:
            break
        results.put((item, hashlib.md5(lines[item].encode()).hexdigest()[:8]))
pool = [threading.Thread(target=worker) for _ in range(3)]
for t in pool: t.start()
for i in range(30): jobs.put(i)
for _ in pool: jobs.put(None)
for t in pool: t.join()
print("queue", sorted(results.get() for _ in range(30))[:5], results.empty())
event, seen = threading.Event(), []
waiter = threading.Thread(target=lambda: seen.append(event.wait(60)))
waiter.start(); event.set(); waiter.join()
print("event", seen, threading.active_count())

# subprocess: programs at absolute paths (the sysroot's under Mimic; the host's under qemu-user)
out = subprocess.run(["/bin/echo", "hello", "from", "echo"], capture_output=True, text=True)
print(repr(out.stdout), out.returncode)
print(subprocess.run(["/bin/sh", "-c", "exit 3"]).returncode, subprocess.run(["/bin/true"]).returncode)
sorted_out = subprocess.run(["/usr/bin/sort", "-r"], input="b\na\nc\n", capture_output=True, text=True).stdout
print(sorted_out.split())
print(subprocess.check_output(["/bin/sh", "-c", "echo $((6 * 7)); echo err >&2"], stderr=subprocess.DEVNULL))

# a loopback TCP server in a thread, a client in the main thread
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", 0))
server.listen(1)
port = server.getsockname()[1]
def serve():
    conn, _ = server.accept()
    with conn:
        buf = b""
        while not buf.endswith(b"\n"):
            buf += conn.recv(4096)
        conn.sendall(hashlib.sha1(buf).hexdigest().encode() + b" " + str(len(buf)).encode())
server_thread = threading.Thread(target=serve)
server_thread.start()
with socket.create_connection(("127.0.0.1", port), timeout=60) as client:
    payload = b"x" * 100000 + b"\n"
    client.sendall(payload)
    client.shutdown(socket.SHUT_WR)
    reply = b""
    while chunk := client.recv(4096):
        reply += chunk
server_thread.join()
server.close()
print("tcp", reply.decode(), reply.split()[0].decode() == hashlib.sha1(payload).hexdigest())

# sqlite3
db = sqlite3.connect(":memory:")
db.execute("create table w (first text, second text, n integer)")
db.executemany("insert into w values (?, ?, ?)", (line.split() for line in lines))
print(db.execute("select count(*), sum(n), min(n), max(n) from w").fetchone())
print(db.execute("select first, count(*) c from w group by first order by c desc, first limit 3").fetchall())
print(db.execute("select printf('%.3f', avg(n)), group_concat(distinct second) from (select * from w where n < 5 order by second)").fetchone())
db.close()
sys.exit(5)
