/*
 * execve: of a guest program (this program again, named by $MIMIC_TEST_GUEST: the harness
 * points it at the program itself, or for the reference run at a script that runs it under
 * qemu), of a host program (/bin/echo), of #! scripts, and its errors (ENOENT, EACCES,
 * ENOEXEC, a missing interpreter); what survives an exec (pid, fds without close-on-exec,
 * ignored signals, the signal mask) and what does not (close-on-exec fds, handlers);
 * pipelines built with fork, dup2 and exec; and an exec without fork at the end.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;
static int failures;
static const char *guest;

static void check(const char *what, int ok)
{
    printf("%-52s %s\n", what, ok ? "ok" : "FAIL");
    if (!ok) failures++;
}

static void describe(const char *what, int st)
{
    if (WIFEXITED(st)) printf("%-40s exited %d\n", what, WEXITSTATUS(st));
    else if (WIFSIGNALED(st)) printf("%-40s killed by %d\n", what, WTERMSIG(st));
    else printf("%-40s status %#x\n", what, st);
}

static void on_usr2(int sig) { (void)sig; }

/* The exec'd image: reports what it inherited. */
static int check_mode(int argc, char **argv)
{
    printf("exec'd image: %d arguments after the pid:", argc - 3);
    for (int i = 3; i < argc; i++) printf(" [%s]", argv[i]);
    printf("\n");
    if (argc > 2) printf("  same pid as before exec: %s\n", getpid() == atoi(argv[2]) ? "ok" : "FAIL");
    printf("  fd 5 (kept) open: %s\n", fcntl(5, F_GETFD) == 0 ? "ok" : "FAIL");
    printf("  fd 6 (close-on-exec) closed: %s\n", fcntl(6, F_GETFD) == -1 && errno == EBADF ? "ok" : "FAIL");
    char buf[32] = {0};
    pread(5, buf, sizeof buf - 1, 0);
    printf("  fd 5 reads: %s\n", buf);
    struct sigaction sa;
    sigaction(SIGUSR1, NULL, &sa);
    printf("  SIGUSR1 still ignored: %s\n", sa.sa_handler == SIG_IGN ? "ok" : "FAIL");
    sigaction(SIGUSR2, NULL, &sa);
    printf("  SIGUSR2 handler reset to default: %s\n", sa.sa_handler == SIG_DFL ? "ok" : "FAIL");
    sigset_t set;
    sigprocmask(SIG_SETMASK, NULL, &set);
    printf("  SIGHUP still blocked: %s\n", sigismember(&set, SIGHUP) ? "ok" : "FAIL");
    char exe[4096] = {0};
    readlink("/proc/self/exe", exe, sizeof exe - 1);
    const char *base = strrchr(exe, '/');
    printf("  /proc/self/exe names: %s\n", base ? base + 1 : exe);
    fflush(stdout);
    return 23;
}

static int upper_mode(void)
{
    int c;
    while ((c = getchar()) != EOF) putchar(toupper(c));
    return 0;
}

static void exec_guest(void)
{
    int fd = open("fork_exec.data", O_RDWR | O_CREAT | O_TRUNC, 0644);
    write(fd, "inherited file", 14);
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        dup2(fd, 5);
        dup3(fd, 6, O_CLOEXEC);
        signal(SIGUSR1, SIG_IGN);
        signal(SIGUSR2, on_usr2);
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGHUP);
        sigprocmask(SIG_BLOCK, &set, NULL);
        char pid[16];
        snprintf(pid, sizeof pid, "%d", getpid());
        char *args[] = {"renamed-argv0", "check", pid, "two words", "", NULL};
        execve(guest, args, environ);
        printf("execve of the guest failed: %s\n", strerror(errno));
        _exit(99);
    }
    int st;
    waitpid(p, &st, 0);
    describe("guest program exec'd in a child", st);
    close(fd);
    unlink("fork_exec.data");
}

static void run(const char *what, const char *path, char *const args[])
{
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        execve(path, args, environ);
        printf("%s: execve failed: %s\n", what, strerror(errno));
        fflush(stdout);
        _exit(99);
    }
    int st;
    waitpid(p, &st, 0);
    describe(what, st);
}

static void write_file(const char *name, const char *text, mode_t mode)
{
    int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    write(fd, text, strlen(text));
    close(fd);
    chmod(name, mode);
}

static void exec_host_and_scripts(void)
{
    char *echo[] = {"echo", "host", "echo", "says", "hi", NULL};
    run("/bin/echo", "/bin/echo", echo);
    write_file("script.sh", "#!/bin/sh\necho script: $# args: \"$@\"\nexit 4\n", 0755);
    char *script[] = {"script.sh", "a b", "c", NULL};
    run("#!/bin/sh script", "./script.sh", script);
    write_file("script2.sh", "#! /bin/sh -e  \nfalse\necho not reached\n", 0755);
    char *script2[] = {"script2.sh", NULL};
    run("#! /bin/sh -e script (one argument)", "./script2.sh", script2);
    /* A script whose interpreter is the guest program (with one argument). */
    char line[4200];
    snprintf(line, sizeof line, "#!%s interp-mode\nthe script's text\n", guest);
    write_file("script3.sh", line, 0755);
    char *script3[] = {"script3.sh", "arg1", "arg 2", NULL};
    run("script run by the guest program", "./script3.sh", script3);
    unlink("script.sh");
    unlink("script2.sh");
    unlink("script3.sh");
}

static void exec_errors(void)
{
    char *args[] = {"x", NULL};
    errno = 0;
    check("missing file: ENOENT", execve("./no-such-program", args, environ) == -1 && errno == ENOENT);
    errno = 0;
    check("empty name: ENOENT", execve("", args, environ) == -1 && errno == ENOENT);
    write_file("noexec.bin", "#!/bin/sh\necho no\n", 0644);
    errno = 0;
    check("no execute permission: EACCES", execve("./noexec.bin", args, environ) == -1 && errno == EACCES);
    write_file("garbage.bin", "this is not a program at all\n", 0755);
    errno = 0;
    check("garbage with execute permission: ENOEXEC", execve("./garbage.bin", args, environ) == -1 && errno == ENOEXEC);
    write_file("badinterp.sh", "#!/no/such/interpreter\n", 0755);
    errno = 0;
    check("missing interpreter: ENOENT", execve("./badinterp.sh", args, environ) == -1 && errno == ENOENT);
    errno = 0;
    check("a directory: EACCES", execve(".", args, environ) == -1 && errno == EACCES);
    errno = 0;
    check("a path through a file: ENOTDIR", execve("./garbage.bin/x", args, environ) == -1 && errno == ENOTDIR);
    errno = 0;
    char *volatile bad = (char *)8;
    check("bad pointer: EFAULT", execve(bad, args, environ) == -1 && errno == EFAULT);
    unlink("noexec.bin");
    unlink("garbage.bin");
    unlink("badinterp.sh");
    check("still running after the failed execs", 1 + 1 == 2);
}

/* echo | guest upper | tr, read back by the parent through a pipe */
static void pipelines(void)
{
    int a[2], b[2], out[2];
    pipe(a);
    pipe(b);
    pipe(out);
    fflush(stdout);
    pid_t p1 = fork();
    if (p1 == 0) {
        dup2(a[1], 1);
        close(a[0]); close(a[1]); close(b[0]); close(b[1]); close(out[0]); close(out[1]);
        execl("/bin/echo", "echo", "Hello from a pipeline", (char *)NULL);
        _exit(99);
    }
    pid_t p2 = fork();
    if (p2 == 0) {
        dup2(a[0], 0);
        dup2(b[1], 1);
        close(a[0]); close(a[1]); close(b[0]); close(b[1]); close(out[0]); close(out[1]);
        execl(guest, "upper", "upper", (char *)NULL);
        _exit(99);
    }
    pid_t p3 = fork();
    if (p3 == 0) {
        dup2(b[0], 0);
        dup2(out[1], 1);
        close(a[0]); close(a[1]); close(b[0]); close(b[1]); close(out[0]); close(out[1]);
        execl("/usr/bin/tr", "tr", "OE", "0e", (char *)NULL);
        _exit(99);
    }
    close(a[0]); close(a[1]); close(b[0]); close(b[1]); close(out[1]);
    char buf[128] = {0};
    size_t n = 0;
    ssize_t r;
    while ((r = read(out[0], buf + n, sizeof buf - 1 - n)) > 0) n += r;
    close(out[0]);
    printf("pipeline output: %s", buf);
    int s1, s2, s3;
    waitpid(p1, &s1, 0);
    waitpid(p2, &s2, 0);
    waitpid(p3, &s3, 0);
    check("every stage exited 0", s1 == 0 && s2 == 0 && s3 == 0);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "check") == 0) return check_mode(argc, argv);
    if (argc > 1 && strcmp(argv[1], "interp-mode") == 0) {
        printf("interpreter mode: %d arguments:", argc - 2);
        for (int i = 2; i < argc; i++) printf(" [%s]", argv[i]);
        printf("\n");
        return 6;
    }
    if (argc > 1 && strcmp(argv[1], "upper") == 0) return upper_mode();
    if (argc > 1 && strcmp(argv[1], "final") == 0) {
        printf("final image: %s\n", argv[2]);
        return 0;
    }
    /* The modes above are the exec'd images; anything else reaching here twice is a bug, not a fork bomb. */
    if (getenv("FORK_EXEC_RUNNING")) {
        printf("started the test again instead of a mode: argv[1]=%s\n", argc > 1 ? argv[1] : "(none)");
        return 3;
    }
    setenv("FORK_EXEC_RUNNING", "1", 1);
    guest = getenv("MIMIC_TEST_GUEST");
    if (!guest) {
        printf("MIMIC_TEST_GUEST is not set\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IOFBF, 1 << 16);
    exec_guest();
    exec_host_and_scripts();
    exec_errors();
    pipelines();
    printf("%s\n", failures ? "SOME CHECKS FAILED" : "all checks passed");
    fflush(stdout);
    if (failures) return 1;
    /* exec without fork: this process becomes the final image */
    char *args[] = {"final-argv0", "final", "last", NULL};
    execve(guest, args, environ);
    printf("final execve failed: %s\n", strerror(errno));
    return 1;
}
