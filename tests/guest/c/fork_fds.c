/*
 * What a forked child shares with its parent and what it does not: fds (a pipe both ways, the
 * file offset of an inherited fd, close-on-exec flags, dup'ed numbers), mappings (a
 * MAP_SHARED anonymous mapping stays shared both ways, a MAP_SHARED file mapping too, a
 * MAP_PRIVATE one is copied, PROT_NONE and read-only pages keep their protection, brk heap),
 * and the working directory and umask at the time of the fork. Prints values, never pids.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int failures;

static void check(const char *what, int ok)
{
    printf("%-52s %s\n", what, ok ? "ok" : "FAIL");
    if (!ok) failures++;
}

static int child_status(pid_t p)
{
    int st;
    if (waitpid(p, &st, 0) != p) return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void pipes(void)
{
    int up[2], down[2];
    pipe(up);
    pipe(down);
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        close(up[0]);
        close(down[1]);
        char buf[64] = {0};
        ssize_t n = read(down[0], buf, sizeof buf - 1);
        for (ssize_t i = 0; i < n; i++) if (buf[i] >= 'a' && buf[i] <= 'z') buf[i] -= 32;
        write(up[1], buf, n);
        close(up[1]);
        /* EOF once the parent closes its end */
        n = read(down[0], buf, sizeof buf);
        _exit(n == 0 ? 0 : 1);
    }
    close(up[1]);
    close(down[0]);
    write(down[1], "hello child", 11);
    char buf[64] = {0};
    ssize_t n = read(up[0], buf, sizeof buf - 1);
    check("pipe round trip through the child", n == 11 && strcmp(buf, "HELLO CHILD") == 0);
    close(down[1]);
    check("child saw EOF when the parent closed", child_status(p) == 0);
    n = read(up[0], buf, sizeof buf);
    check("parent sees EOF after the child exited", n == 0);
    close(up[0]);
}

static void offsets(void)
{
    int fd = open("fork_fds.tmp", O_RDWR | O_CREAT | O_TRUNC, 0644);
    write(fd, "0123", 4);
    int keep = fcntl(fd, F_DUPFD_CLOEXEC, 20);
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        int ok = lseek(fd, 0, SEEK_CUR) == 4;
        write(fd, "abcdef", 6); /* moves the shared offset */
        ok = ok && fcntl(keep, F_GETFD) == FD_CLOEXEC && fcntl(fd, F_GETFD) == 0;
        _exit(ok ? 0 : 1);
    }
    check("child inherited the offset and the fd flags", child_status(p) == 0);
    check("the child's write moved the parent's offset", lseek(fd, 0, SEEK_CUR) == 10);
    char buf[16] = {0};
    pread(fd, buf, 10, 0);
    check("file holds both writes", strcmp(buf, "0123abcdef") == 0);
    check("dup'ed fd number kept", keep == 20);
    close(keep);
    close(fd);
}

static void mappings(void)
{
    long page = sysconf(_SC_PAGESIZE);
    volatile int *shared = mmap(NULL, 3 * page, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    volatile int *private = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *ro = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *none = mmap(NULL, page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    strcpy(ro, "read only data");
    mprotect(ro, page, PROT_READ);
    int fd = open("fork_fds.map", O_RDWR | O_CREAT | O_TRUNC, 0644);
    ftruncate(fd, page);
    volatile char *file = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    file[0] = 'P';
    shared[0] = 1;
    shared[page / sizeof(int) * 2] = 2; /* third page */
    private[0] = 1;
    char *heap = sbrk(0);
    sbrk(page);
    strcpy(heap, "heap text");
    int sync[2];
    pipe(sync);
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        int ok = shared[0] == 1 && private[0] == 1 && strcmp(ro, "read only data") == 0 && file[0] == 'P'
                 && strcmp(heap, "heap text") == 0;
        shared[0] = 100;             /* the parent sees this */
        shared[page / sizeof(int) * 2] = 200;
        private[0] = 100;            /* and not this */
        file[1] = 'C';
        strcpy(heap, "child heap");
        write(sync[1], "x", 1);
        /* wait until the parent wrote to the shared page */
        while (shared[1] != 7) usleep(1000);
        _exit(ok ? 0 : 1);
    }
    char c;
    read(sync[0], &c, 1);
    check("shared anonymous page: the child's write is seen", shared[0] == 100);
    check("shared anonymous third page too", shared[page / sizeof(int) * 2] == 200);
    check("private page: the child's write is not seen", private[0] == 1);
    check("shared file mapping: the child's write is seen", file[1] == 'C');
    check("heap: the child's write is not seen", strcmp(heap, "heap text") == 0);
    shared[1] = 7; /* the child waits for this */
    check("child saw the parent's write to the shared page", child_status(p) == 0);
    char buf[2] = {0};
    pread(fd, buf, 2, 0);
    check("the file got both writes", buf[0] == 'P' && buf[1] == 'C');

    /* protections survive: a child writing to the read-only page dies of SIGSEGV */
    fflush(stdout);
    p = fork();
    if (p == 0) {
        signal(SIGSEGV, SIG_DFL);
        ro[0] = 'x';
        _exit(0);
    }
    check("child writing a read-only page: SIGSEGV", child_status(p) == 128 + SIGSEGV);
    fflush(stdout);
    p = fork();
    if (p == 0) {
        _exit(none[0]);
    }
    check("child reading a PROT_NONE page: SIGSEGV", child_status(p) == 128 + SIGSEGV);
    /* A mapping shared by fork stays shared across a second generation. */
    fflush(stdout);
    p = fork();
    if (p == 0) {
        pid_t q = fork();
        if (q == 0) {
            shared[2] = 33;
            _exit(0);
        }
        waitpid(q, NULL, 0);
        _exit(shared[2] == 33 ? 0 : 1);
    }
    check("grandchild's write reaches child and parent", child_status(p) == 0 && shared[2] == 33);
    munmap((void *)file, page);
    close(fd);
}

static void cwd_umask(void)
{
    mkdir("fork_fds.dir", 0755);
    chdir("fork_fds.dir");
    mode_t old = umask(027);
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        char buf[4096];
        int ok = getcwd(buf, sizeof buf) && strstr(buf, "/fork_fds.dir") != NULL;
        mode_t m = umask(0);
        int fd = open("in_child", O_CREAT | O_WRONLY, 0666);
        close(fd);
        _exit(ok && m == 027 ? 0 : 1);
    }
    check("child has the cwd and umask of the fork", child_status(p) == 0);
    struct stat st;
    check("file created by the child is in that directory", stat("in_child", &st) == 0);
    umask(old);
    unlink("in_child");
    chdir("..");
    rmdir("fork_fds.dir");
}

int main(void)
{
    setvbuf(stdout, NULL, _IOFBF, 1 << 16);
    pipes();
    offsets();
    mappings();
    cwd_umask();
    unlink("fork_fds.tmp");
    unlink("fork_fds.map");
    printf("%s\n", failures ? "SOME CHECKS FAILED" : "all checks passed");
    return failures != 0;
}
