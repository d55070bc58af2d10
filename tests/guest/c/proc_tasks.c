/*
 * /proc/self/status, /proc/self/comm and the per-thread directories /proc/self/task/TID and
 * /proc/thread-self as a program sees them natively: its own name, ids, thread count, signal
 * sets and memory sizes (growing with a mapping, VmPeak staying after it goes), the task
 * directory listing exactly the program's threads, and each thread's own comm, stat and status.
 * Prints facts and relations, never pids, addresses or sizes that vary.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#define THREADS 3

static int failures;

static void check(const char *what, int ok)
{
    printf("%-56s %s\n", what, ok ? "ok" : "FAIL");
    if (!ok) failures++;
}

/* The value after "key:" in a /proc status file, or "" if absent. */
static const char *status_value(const char *file, const char *key, char *out, size_t size)
{
    out[0] = 0;
    FILE *f = fopen(file, "r");
    if (!f) return out;
    char line[1024];
    size_t klen = strlen(key);
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, key, klen) == 0 && line[klen] == ':') {
            char *v = line + klen + 1;
            while (*v == '\t' || *v == ' ') v++;
            v[strcspn(v, "\n")] = 0;
            snprintf(out, size, "%s", v);
            break;
        }
    }
    fclose(f);
    return out;
}

static long status_long(const char *file, const char *key)
{
    char v[256];
    return strtol(status_value(file, key, v, sizeof v), NULL, 0);
}

static unsigned long long status_hex(const char *file, const char *key)
{
    char v[256];
    return strtoull(status_value(file, key, v, sizeof v), NULL, 16);
}

static void read_line(const char *file, char *out, size_t size)
{
    out[0] = 0;
    FILE *f = fopen(file, "r");
    if (!f) return;
    if (!fgets(out, (int) size, f)) out[0] = 0;
    out[strcspn(out, "\n")] = 0;
    fclose(f);
}

static pid_t tids[THREADS];
static pthread_barrier_t started, checked;

static void on_usr1(int sig)
{
    (void) sig;
}

static void *worker(void *arg)
{
    int i = (int) (long) arg;
    tids[i] = (pid_t) syscall(SYS_gettid);
    char name[16];
    snprintf(name, sizeof name, "worker-%d", i);
    prctl(PR_SET_NAME, name);
    if (i == 0) {
        sigset_t s;
        sigemptyset(&s);
        sigaddset(&s, SIGUSR2);
        pthread_sigmask(SIG_BLOCK, &s, NULL);
        char self[64];
        read_line("/proc/thread-self/comm", self, sizeof self);
        check("/proc/thread-self/comm is the thread's name", strcmp(self, "worker-0") == 0);
        check("/proc/thread-self/status Pid is the tid",
              status_long("/proc/thread-self/status", "Pid") == tids[0]);
    }
    pthread_barrier_wait(&started);
    pthread_barrier_wait(&checked);
    return NULL;
}

static int is_known_tid(long tid)
{
    if (tid == getpid()) return 1;
    for (int i = 0; i < THREADS; i++) if (tids[i] == tid) return 1;
    return 0;
}

static int count_tasks(int *unknown)
{
    DIR *d = opendir("/proc/self/task");
    int n = 0;
    *unknown = 0;
    if (!d) return -1;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        n++;
        if (!is_known_tid(strtol(e->d_name, NULL, 10))) (*unknown)++;
    }
    closedir(d);
    return n;
}

static void identity(void)
{
    char v[256], comm[64];
    const char *s = "/proc/self/status";
    printf("Name: %s\n", status_value(s, "Name", v, sizeof v));
    read_line("/proc/self/comm", comm, sizeof comm);
    printf("comm: %s\n", comm);
    printf("State: %s\n", status_value(s, "State", v, sizeof v));
    check("Tgid is getpid()", status_long(s, "Tgid") == getpid());
    check("Pid is getpid()", status_long(s, "Pid") == getpid());
    check("PPid is getppid()", status_long(s, "PPid") == getppid());
    printf("Threads: %ld\n", status_long(s, "Threads"));
}

static void signal_sets(void)
{
    const char *s = "/proc/self/status";
    signal(SIGUSR1, on_usr1);
    signal(SIGUSR2, SIG_IGN);
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGTERM);
    sigprocmask(SIG_BLOCK, &block, NULL);
    printf("SigCgt: %016llx\n", status_hex(s, "SigCgt"));
    printf("SigIgn: %016llx\n", status_hex(s, "SigIgn"));
    printf("SigBlk: %016llx\n", status_hex(s, "SigBlk"));
    printf("ShdPnd: %016llx\n", status_hex(s, "ShdPnd"));
    raise(SIGTERM);
    printf("ShdPnd or SigPnd after raise(SIGTERM), blocked: %016llx\n",
           status_hex(s, "ShdPnd") | status_hex(s, "SigPnd"));
    int got;
    sigwait(&block, &got);
    sigprocmask(SIG_UNBLOCK, &block, NULL);
    signal(SIGUSR1, SIG_DFL);
    signal(SIGUSR2, SIG_DFL);
}

static void memory(void)
{
    const char *s = "/proc/self/status";
    long size0 = status_long(s, "VmSize"), rss0 = status_long(s, "VmRSS"), peak0 = status_long(s, "VmPeak");
    check("VmSize, VmRSS, VmStk, VmExe are not zero",
          size0 > 0 && rss0 > 0 && status_long(s, "VmStk") > 0 && status_long(s, "VmExe") > 0);
    check("VmRSS <= VmSize <= VmPeak", rss0 <= size0 && size0 <= peak0);
    check("VmRSS is RssAnon + RssFile + RssShmem",
          rss0 == status_long(s, "RssAnon") + status_long(s, "RssFile") + status_long(s, "RssShmem"));

    size_t len = 64 << 20;
    char *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) exit(2);
    memset(m, 1, len);
    long size1 = status_long(s, "VmSize"), rss1 = status_long(s, "VmRSS"), anon1 = status_long(s, "RssAnon");
    check("a 64 MiB mapping adds 64 MiB to VmSize", size1 - size0 >= 65536 && size1 - size0 < 65536 + 4096);
    check("touching it adds about as much to VmRSS", rss1 - rss0 >= 60000);
    check("and to RssAnon and VmData", anon1 >= 60000 && status_long(s, "VmData") >= 65536);
    check("VmHWM has seen it", status_long(s, "VmHWM") >= rss1);
    munmap(m, len);
    long size2 = status_long(s, "VmSize");
    check("unmapped: VmSize shrinks back", size2 < size1 - 60000);
    check("VmPeak stays at the largest size", status_long(s, "VmPeak") >= size1);
}

static void threads(void)
{
    pthread_t t[THREADS];
    pthread_barrier_init(&started, NULL, THREADS + 1);
    pthread_barrier_init(&checked, NULL, THREADS + 1);
    for (int i = 0; i < THREADS; i++) pthread_create(&t[i], NULL, worker, (void *) (long) i);
    pthread_barrier_wait(&started);

    printf("Threads with %d started: %ld\n", THREADS, status_long("/proc/self/status", "Threads"));
    int unknown;
    int n = count_tasks(&unknown);
    printf("/proc/self/task entries: %d, not the program's: %d\n", n, unknown);
    char path[128], line[512], v[256];
    snprintf(path, sizeof path, "/proc/%d/task", getpid());
    DIR *d = opendir(path);
    check("/proc/PID/task opens", d != NULL);
    if (d) closedir(d);

    for (int i = 0; i < THREADS; i++) {
        snprintf(path, sizeof path, "/proc/self/task/%d/comm", tids[i]);
        read_line(path, line, sizeof line);
        printf("task %d comm: %s\n", i, line);
        snprintf(path, sizeof path, "/proc/self/task/%d/stat", tids[i]);
        read_line(path, line, sizeof line);
        char want[64];
        snprintf(want, sizeof want, "%d (worker-%d) ", tids[i], i);
        check("its stat starts with tid and (name)", strncmp(line, want, strlen(want)) == 0);
        snprintf(path, sizeof path, "/proc/%d/task/%d/status", getpid(), tids[i]);
        printf("task %d status Name: %s\n", i, status_value(path, "Name", v, sizeof v));
        check("its status: Pid is the tid, Tgid the pid",
              status_long(path, "Pid") == tids[i] && status_long(path, "Tgid") == getpid());
        printf("task %d SigBlk: %016llx\n", i, status_hex(path, "SigBlk"));
    }
    snprintf(path, sizeof path, "/proc/self/task/%d/comm", getpid());
    read_line(path, line, sizeof line);
    printf("first thread's comm: %s\n", line);

    pthread_barrier_wait(&checked);
    for (int i = 0; i < THREADS; i++) pthread_join(t[i], NULL);
    /* A joined thread's tid is cleared a moment before the kernel removes the task: wait for it. */
    for (int tries = 0; tries < 100 && status_long("/proc/self/status", "Threads") != 1; tries++) usleep(10000);
    printf("Threads after joining: %ld\n", status_long("/proc/self/status", "Threads"));
    n = count_tasks(&unknown);
    printf("/proc/self/task entries: %d, not the program's: %d\n", n, unknown);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    identity();
    signal_sets();
    memory();
    threads();
    printf("%s\n", failures ? "FAILED" : "all ok");
    return failures ? 1 : 0;
}
