/*
 * Memory shared between processes, compared with qemu-user: several forked children increment
 * counters in one MAP_SHARED|MAP_ANONYMOUS region with atomic read-modify-writes and with a
 * process-shared pthread mutex (futexes on shared memory, across processes), and a
 * MAP_SHARED file mapping seen by write()/read() and by another process's mapping, with msync
 * and ftruncate. fork_fds.c covers what fork shares; this one covers concurrent use.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

enum { CHILDREN = 4, ROUNDS = 20000 };

struct shared {
    long atomic_counter;
    long locked_counter;
    long per_child[CHILDREN];
    pthread_mutex_t lock;
    int ready;
};

static int wait_all(int n)
{
    int ok = 0;
    for (int i = 0; i < n; i++) {
        int status;
        if (wait(&status) > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0) ok++;
    }
    return ok;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct shared *sh = mmap(NULL, sizeof *sh, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (sh == MAP_FAILED) return 1;
    pthread_mutexattr_t ma;
    pthread_mutexattr_init(&ma);
    pthread_mutexattr_setpshared(&ma, PTHREAD_PROCESS_SHARED);
    pthread_mutex_init(&sh->lock, &ma);

    /* Atomic increments from several processes at once. */
    for (int c = 0; c < CHILDREN; c++) {
        if (fork() == 0) {
            __atomic_fetch_add(&sh->ready, 1, __ATOMIC_SEQ_CST);
            while (__atomic_load_n(&sh->ready, __ATOMIC_ACQUIRE) < CHILDREN) sched_yield();
            for (int i = 0; i < ROUNDS; i++) {
                __atomic_fetch_add(&sh->atomic_counter, 1, __ATOMIC_RELAXED);
                long seen = __atomic_load_n(&sh->per_child[c], __ATOMIC_RELAXED);
                while (!__atomic_compare_exchange_n(&sh->per_child[c], &seen, seen + 2, 1, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED)) {}
            }
            _exit(0);
        }
    }
    printf("atomic: children ok=%d counter=%ld per child=%ld,%ld,%ld,%ld\n", wait_all(CHILDREN), sh->atomic_counter,
           sh->per_child[0], sh->per_child[1], sh->per_child[2], sh->per_child[3]);

    /* A process-shared mutex: contended lock and unlock wait and wake across processes. */
    for (int c = 0; c < CHILDREN; c++) {
        if (fork() == 0) {
            for (int i = 0; i < ROUNDS / 10; i++) {
                pthread_mutex_lock(&sh->lock);
                long v = sh->locked_counter;
                if (i % 50 == 0) sched_yield(); /* hold the lock a while: others must wait */
                sh->locked_counter = v + 1;
                pthread_mutex_unlock(&sh->lock);
            }
            _exit(0);
        }
    }
    printf("mutex: children ok=%d counter=%ld\n", wait_all(CHILDREN), sh->locked_counter);

    /* A shared file mapping: writes through the mapping reach the file and another process. */
    char path[] = "/tmp/mimic-shared-mmap-XXXXXX";
    int fd = mkstemp(path);
    unlink(path);
    long page = sysconf(_SC_PAGESIZE);
    ftruncate(fd, 2 * page);
    char *map = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    int to_child[2], to_parent[2];
    pipe(to_child);
    pipe(to_parent);
    pid_t pid = fork();
    if (pid == 0) {
        char *mine = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        char go;
        read(to_child[0], &go, 1);
        char buf[32] = {0};
        memcpy(buf, mine + page, 20);
        strcpy(mine + 100, "written by the child's own mapping");
        msync(mine, 2 * page, MS_SYNC);
        write(to_parent[1], buf, 20);
        _exit(0);
    }
    strcpy(map, "parent via mapping");
    pwrite(fd, "parent via pwrite!!!", 20, page);
    write(to_child[1], "g", 1);
    char from_child[32] = {0};
    read(to_parent[0], from_child, 20);
    waitpid(pid, NULL, 0);
    char head[40] = {0}, mid[40] = {0};
    pread(fd, head, 18, 0);
    pread(fd, mid, 34, 100);
    printf("file: child saw '%s'; file has '%s' and '%s'; parent's mapping has '%s'\n", from_child, head, mid, map + 100);
    ftruncate(fd, page);
    printf("after ftruncate the first page stays: '%.18s'\n", map);
    munmap(map, 2 * page);
    close(fd);
    return 0;
}
