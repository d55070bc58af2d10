/*
 * /proc as the guest must see it: /proc/self/maps lists the guest's own mappings (the
 * executable, the stack, a mapped file with its offset, libc when dynamically linked),
 * /proc/self/auxv is the auxiliary vector getauxval reads, /proc/self/cmdline is argv,
 * /proc/self/stat has the guest's pid, name, parent and initial stack pointer, and
 * /proc/PID/... is the same as /proc/self/.... The files open as real fds: read, pread, lseek
 * and mmap work. Prints relations only (addresses and inodes differ from run to run).
 * With the argument "cpuinfo" it prints /proc/cpuinfo instead (the guest CPU; checked by a
 * Mimic-only test, since qemu 7.2 shows the host's). Opening the files for writing is not
 * checked: the kernel refuses (EACCES, as Mimic does), qemu 7.2 allows it.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <unistd.h>

static int failures;

static void check(const char *what, int holds)
{
    printf("%-64s %s\n", what, holds ? "yes" : "NO");
    if (!holds) failures++;
}

/* Reads a whole file with open/read (no stdio buffers, so no allocation between two reads). */
extern char **environ;

static long slurp(const char *path, char *buf, long size)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) return -1;
    long n = 0, r;
    while (n < size - 1 && (r = read(fd, buf + n, size - 1 - n)) > 0) n += r;
    close(fd);
    buf[n] = 0;
    return n;
}

struct map_line {
    unsigned long start, end, offset, inode;
    char perms[5];
    char name[PATH_MAX];
};

/* Finds the maps line whose range holds addr; returns 1 if found and well formed. */
static int find_mapping(const char *maps, unsigned long addr, struct map_line *out)
{
    const char *line = maps;
    while (*line) {
        const char *nl = strchr(line, '\n');
        if (!nl) return 0;
        char one[PATH_MAX + 128];
        size_t len = nl - line < (long)sizeof one - 1 ? (size_t)(nl - line) : sizeof one - 1;
        memcpy(one, line, len);
        one[len] = 0;
        unsigned maj, min;
        int pos = 0;
        struct map_line m;
        m.name[0] = 0;
        if (sscanf(one, "%lx-%lx %4s %lx %x:%x %lu %n", &m.start, &m.end, m.perms, &m.offset, &maj, &min, &m.inode, &pos) < 7)
            return 0;
        if (pos > 0 && pos < (int)len) snprintf(m.name, sizeof m.name, "%s", one + pos);
        if (addr >= m.start && addr < m.end) {
            *out = m;
            return 1;
        }
        line = nl + 1;
    }
    return 0;
}

static int all_lines_well_formed(const char *maps)
{
    int lines = 0;
    for (const char *line = maps; *line; lines++) {
        const char *nl = strchr(line, '\n');
        if (!nl) return 0;
        unsigned long s, e, off, ino;
        unsigned maj, min;
        char perms[5];
        if (sscanf(line, "%lx-%lx %4s %lx %x:%x %lu", &s, &e, perms, &off, &maj, &min, &ino) != 7) return 0;
        if (s >= e || strlen(perms) != 4 || (perms[3] != 'p' && perms[3] != 's')) return 0;
        line = nl + 1;
    }
    return lines > 3;
}

static const char *base(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static char maps[1 << 16], maps2[1 << 16], buf[1 << 16];

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "cpuinfo") == 0) {
        long n = slurp("/proc/cpuinfo", buf, sizeof buf);
        if (n < 0) return 2;
        fwrite(buf, 1, n, stdout);
        return 0;
    }
    int local = 0;
    char exe[PATH_MAX] = "";
    check("realpath of argv[0]", realpath(argv[0], exe) != NULL);

    /* maps */
    const char *data = "proc_self.data";
    int fd = open(data, O_RDWR | O_CREAT | O_TRUNC, 0644);
    static char page[3 * 4096];
    memset(page, 'x', sizeof page);
    check("write a 3-page file", fd >= 0 && write(fd, page, sizeof page) == sizeof page);
    char *mapped = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 8192);
    check("map its last page", mapped != MAP_FAILED);
    long n = slurp("/proc/self/maps", maps, sizeof maps);
    check("open and read /proc/self/maps", n > 0);
    check("every maps line is start-end perms offset dev inode [name]", all_lines_well_formed(maps));
    struct map_line m;
    check("main's address lies in an r-x mapping", find_mapping(maps, (unsigned long)main, &m) && strncmp(m.perms, "r-x", 3) == 0);
    check("... named by the executable's real path", strcmp(m.name, exe) == 0);
    check("a local variable lies in [stack], rw-", find_mapping(maps, (unsigned long)&local, &m)
          && strcmp(m.name, "[stack]") == 0 && strncmp(m.perms, "rw-", 3) == 0);
    char cwd[PATH_MAX], want[PATH_MAX + 32];
    snprintf(want, sizeof want, "%s/%s", getcwd(cwd, sizeof cwd) ? cwd : "?", data);
    check("the mapped file's page: r--p at offset 0x2000, named by its path",
          find_mapping(maps, (unsigned long)mapped, &m) && strcmp(m.perms, "r--p") == 0 && m.offset == 8192
          && strcmp(m.name, want) == 0 && m.end - m.start == 4096);
    int dynamic = getauxval(AT_BASE) != 0;
    if (dynamic) {
        check("printf lies in libc.so.6's r-x mapping", find_mapping(maps, (unsigned long)printf, &m)
              && strncmp(m.perms, "r-x", 3) == 0 && strcmp(base(m.name), "libc.so.6") == 0);
        check("AT_BASE is the interpreter's first mapping, at offset 0", find_mapping(maps, getauxval(AT_BASE), &m)
              && m.start == getauxval(AT_BASE) && m.offset == 0 && strncmp(base(m.name), "ld-linux", 8) == 0);
    }
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/maps", (int)getpid());
    long n2 = slurp(path, maps2, sizeof maps2);
    check("/proc/PID/maps is /proc/self/maps", n2 == n && memcmp(maps, maps2, n) == 0);
    munmap(mapped, 4096);
    n2 = slurp("/proc/self/maps", maps2, sizeof maps2);
    check("after munmap the file's page is gone", n2 > 0 && !find_mapping(maps2, (unsigned long)mapped, &m));
    close(fd);
    unlink(data);

    /* auxv */
    n = slurp("/proc/self/auxv", buf, sizeof buf);
    check("read /proc/self/auxv: whole (type, value) pairs", n > 0 && n % 16 == 0);
    int agree = 1, pairs = 0, ended = 0;
    for (long i = 0; i + 16 <= n; i += 16) {
        unsigned long type, value;
        memcpy(&type, buf + i, 8);
        memcpy(&value, buf + i + 8, 8);
        if (type == AT_NULL) { ended = i + 16 == n; break; }
        pairs++;
        errno = 0;
        if (getauxval(type) != value) agree = 0;
    }
    check("auxv ends with its AT_NULL entry", ended);
    check("every auxv entry is what getauxval returns", agree && pairs >= 10);

    /* cmdline */
    n = slurp("/proc/self/cmdline", buf, sizeof buf);
    long at = 0;
    int same = 1;
    for (int i = 0; i < argc; i++) {
        size_t len = strlen(argv[i]) + 1;
        if (at + (long)len > n || memcmp(buf + at, argv[i], len) != 0) same = 0;
        at += len;
    }
    check("/proc/self/cmdline is argv, each NUL-terminated", same && at == n);
    snprintf(path, sizeof path, "/proc/%d/cmdline", (int)getpid());
    check("/proc/PID/cmdline is the same", slurp(path, maps2, sizeof maps2) == n && memcmp(buf, maps2, n) == 0);

    /* environ: the environment the program started with (this one has not changed it). Compared
     * as a set: qemu-user shows its own environment there, the same strings in another order. */
    n = slurp("/proc/self/environ", buf, sizeof buf);
    int strings = 0, found = 1;
    for (long i = 0; i < n; i++) if (buf[i] == 0) strings++;
    for (char **e = environ; *e; e++) {
        size_t len = strlen(*e) + 1;
        int here = 0;
        for (long i = 0; i + (long)len <= n && !here; i += strlen(buf + i) + 1) here = memcmp(buf + i, *e, len) == 0;
        found &= here;
        strings--;
    }
    check("/proc/self/environ holds the initial environment", n > 0 && found && strings == 0);

    /* stat */
    n = slurp("/proc/self/stat", buf, sizeof buf);
    int pid = 0, ppid = 0;
    char comm[64] = "";
    const char *close_paren = strrchr(buf, ')');
    check("read /proc/self/stat", n > 0 && close_paren != NULL && sscanf(buf, "%d (", &pid) == 1);
    if (close_paren) {
        const char *open_paren = strchr(buf, '(');
        snprintf(comm, sizeof comm, "%.*s", (int)(close_paren - open_paren - 1), open_paren + 1);
    }
    unsigned long f[64] = {0};
    int fields = 0;
    if (close_paren) {
        /* Fields 3.. follow the name; field 3 (state) is a letter or, under qemu 7.2, "0". */
        char *p = (char *)close_paren + 2;
        p = strchr(p, ' ');
        for (fields = 4; p && fields < 64; fields++) {
            f[fields] = strtoul(p + 1, &p, 10);
            if (*p != ' ') break;
        }
        ppid = (int)f[4];
    }
    char want_comm[16];
    snprintf(want_comm, sizeof want_comm, "%.15s", base(argv[0]));
    check("stat: pid is getpid()", pid == getpid());
    check("stat: name is argv[0]'s basename, at most 15 bytes", strcmp(comm, want_comm) == 0);
    check("stat: ppid is getppid()", ppid == getppid());
    check("stat: at least 44 fields", fields >= 44);
    check("stat: start_stack is where argc was (just below argv)", f[28] == (unsigned long)argv - sizeof(long));

    /* The files are real fds: pread, lseek and mmap work. */
    fd = open("/proc/self/cmdline", O_RDONLY);
    char c = 0;
    check("pread /proc/self/cmdline at offset 1", fd >= 0 && pread(fd, &c, 1, 1) == 1 && c == argv[0][1]);
    check("lseek to 2 then read", lseek(fd, 2, SEEK_SET) == 2 && read(fd, &c, 1) == 1 && c == argv[0][2]);
    char *cm = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
    check("mmap /proc/self/cmdline", cm != MAP_FAILED && memcmp(cm, argv[0], strlen(argv[0]) + 1) == 0);
    close(fd);

    printf("proc_self: %s\n", failures ? "FAIL" : "ok");
    return failures ? 1 : 0;
}
