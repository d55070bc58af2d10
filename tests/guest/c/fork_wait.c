/*
 * fork and wait: exit statuses, children killed by signals (SIGKILL, SIGTERM, their own abort),
 * stopped and continued children (WUNTRACED, WCONTINUED), WNOHANG, waitid (P_PID, P_PGID,
 * P_ALL, WNOWAIT), ECHILD, getppid, rusage, and memory independence between parent and child
 * (static, heap and stack data, both ways). Prints relations and statuses, never pids.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static int failures;

static void check(const char *what, int ok)
{
    printf("%-48s %s\n", what, ok ? "ok" : "FAIL");
    if (!ok) failures++;
}

static pid_t spawn_exit(int code)
{
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) _exit(code);
    return p;
}

static void describe(const char *what, int st)
{
    if (WIFEXITED(st)) printf("%-28s exited %d\n", what, WEXITSTATUS(st));
    else if (WIFSIGNALED(st)) printf("%-28s killed by %d%s\n", what, WTERMSIG(st), WCOREDUMP(st) ? " (core)" : "");
    else if (WIFSTOPPED(st)) printf("%-28s stopped by %d\n", what, WSTOPSIG(st));
    else if (WIFCONTINUED(st)) printf("%-28s continued\n", what);
    else printf("%-28s status %#x\n", what, st);
}

static void exit_statuses(void)
{
    int codes[] = {0, 1, 3, 127, 255};
    for (unsigned i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        pid_t p = spawn_exit(codes[i]);
        int st = -1;
        pid_t w = waitpid(p, &st, 0);
        char what[32];
        snprintf(what, sizeof what, "exit(%d)", codes[i]);
        check(what, w == p);
        describe(what, st);
    }
    /* exit status of a plain return from a child that went through stdio */
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        printf("child prints before exit\n");
        exit(42);
    }
    int st;
    waitpid(p, &st, 0);
    describe("exit(42) after printf", st);
}

static void killed(void)
{
    int sigs[] = {SIGKILL, SIGTERM, SIGINT, SIGUSR1};
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        int pipefd[2];
        pipe(pipefd);
        fflush(stdout);
        pid_t p = fork();
        if (p == 0) {
            close(pipefd[0]);
            write(pipefd[1], "r", 1);
            for (;;) pause();
        }
        close(pipefd[1]);
        char c;
        read(pipefd[0], &c, 1); /* the child runs */
        close(pipefd[0]);
        kill(p, sigs[i]);
        int st;
        waitpid(p, &st, 0);
        char what[32];
        snprintf(what, sizeof what, "kill(child, %d)", sigs[i]);
        describe(what, st);
    }
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) abort();
    int st;
    waitpid(p, &st, 0);
    describe("child abort()", st);
    fflush(stdout);
    p = fork();
    if (p == 0) {
        raise(SIGTERM);
        _exit(0);
    }
    waitpid(p, &st, 0);
    describe("child raise(SIGTERM)", st);
    fflush(stdout);
    p = fork();
    if (p == 0) {
        signal(SIGTERM, SIG_IGN);
        raise(SIGTERM);
        _exit(7);
    }
    waitpid(p, &st, 0);
    describe("child ignores SIGTERM", st);
}

static void stopped(void)
{
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        raise(SIGSTOP);
        _exit(9);
    }
    int st;
    pid_t w = waitpid(p, &st, WUNTRACED);
    check("waitpid WUNTRACED", w == p);
    describe("raise(SIGSTOP)", st);
    kill(p, SIGCONT);
    w = waitpid(p, &st, WCONTINUED);
    check("waitpid WCONTINUED", w == p);
    describe("after SIGCONT", st);
    waitpid(p, &st, 0);
    describe("then", st);
}

static void nohang(void)
{
    int pipefd[2];
    pipe(pipefd);
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        char c;
        close(pipefd[1]);
        read(pipefd[0], &c, 1); /* until the parent closes */
        _exit(5);
    }
    close(pipefd[0]);
    int st = 0;
    check("WNOHANG while the child runs returns 0", waitpid(p, &st, WNOHANG) == 0);
    check("WNOHANG any child returns 0", waitpid(-1, &st, WNOHANG) == 0);
    close(pipefd[1]);
    check("blocking wait returns the child", waitpid(p, &st, 0) == p);
    describe("child after EOF", st);
    errno = 0;
    check("no children: wait is ECHILD", wait(&st) == -1 && errno == ECHILD);
    errno = 0;
    check("no children: WNOHANG is ECHILD", waitpid(-1, &st, WNOHANG) == -1 && errno == ECHILD);
    errno = 0;
    check("not a child: ECHILD", waitpid(1, &st, 0) == -1 && errno == ECHILD);
    errno = 0;
    check("bad options: EINVAL", waitpid(-1, &st, 0x4000) == -1 && errno == EINVAL);
}

static void waitids(void)
{
    pid_t p = spawn_exit(12);
    siginfo_t si;
    memset(&si, 0, sizeof si);
    check("waitid P_PID WEXITED|WNOWAIT", waitid(P_PID, p, &si, WEXITED | WNOWAIT) == 0);
    printf("  si_signo=%d si_code=%d si_status=%d pid-ok=%d\n", si.si_signo, si.si_code, si.si_status, si.si_pid == p);
    memset(&si, 0, sizeof si);
    check("waitid P_ALL WEXITED after WNOWAIT", waitid(P_ALL, 0, &si, WEXITED) == 0);
    printf("  si_code=%d si_status=%d pid-ok=%d\n", si.si_code, si.si_status, si.si_pid == p);
    p = spawn_exit(13);
    memset(&si, 0, sizeof si);
    check("waitid P_PGID (own group)", waitid(P_PGID, getpgrp(), &si, WEXITED) == 0);
    printf("  si_code=%d si_status=%d pid-ok=%d\n", si.si_code, si.si_status, si.si_pid == p);

    fflush(stdout);
    p = fork();
    if (p == 0) {
        pause();
        _exit(0);
    }
    memset(&si, 0xff, sizeof si);
    check("waitid WNOHANG with nothing to report", waitid(P_PID, p, &si, WEXITED | WNOHANG) == 0);
    printf("  si_pid=%d si_signo=%d\n", si.si_pid, si.si_signo);
    kill(p, SIGKILL);
    memset(&si, 0, sizeof si);
    waitid(P_PID, p, &si, WEXITED);
    printf("  killed: si_code=%d si_status=%d\n", si.si_code, si.si_status);
    errno = 0;
    check("waitid without WEXITED etc: EINVAL", waitid(P_ALL, 0, &si, WNOHANG) == -1 && errno == EINVAL);
    errno = 0;
    check("waitid P_ALL with no children: ECHILD", waitid(P_ALL, 0, &si, WEXITED) == -1 && errno == ECHILD);
}

static void rusage_of_child(void)
{
    pid_t p = spawn_exit(0);
    struct rusage ru;
    memset(&ru, 0xff, sizeof ru);
    int st;
    check("wait4 with rusage", wait4(p, &st, 0, &ru) == p);
    check("  rusage looks filled in", ru.ru_utime.tv_sec >= 0 && ru.ru_utime.tv_usec < 1000000 && ru.ru_maxrss >= 0);
}

static int global_value = 1;

static void memory_independence(void)
{
    int *heap = malloc(64 * sizeof(int));
    for (int i = 0; i < 64; i++) heap[i] = i;
    char big[8192];
    memset(big, 'p', sizeof big);
    int stack_value = 2;
    int to_child[2], to_parent[2];
    pipe(to_child);
    pipe(to_parent);
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        /* The child's writes stay in the child. */
        global_value = 100;
        heap[10] = 1000;
        stack_value = 200;
        memset(big, 'c', sizeof big);
        write(to_parent[1], "w", 1);
        char c;
        read(to_child[0], &c, 1);
        /* The parent wrote after the fork: the child still sees its own values. */
        int ok = global_value == 100 && heap[10] == 1000 && heap[11] == 11 && stack_value == 200 && big[4000] == 'c';
        printf("child sees its own writes only: %s\n", ok ? "ok" : "FAIL");

        fflush(stdout);
        _exit(ok ? 0 : 1);
    }
    char c;
    read(to_parent[0], &c, 1);
    int ok = global_value == 1 && heap[10] == 10 && stack_value == 2 && big[4000] == 'p';
    check("parent does not see the child's writes", ok);
    global_value = 3;
    heap[10] = 30;
    stack_value = 4;
    write(to_child[1], "g", 1);
    int st;
    waitpid(p, &st, 0);
    describe("independence child", st);
    free(heap);
}

static void ppid(void)
{
    int pipefd[2];
    pipe(pipefd);
    pid_t me = getpid();
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        char ok = getppid() == me && getpid() != me ? 'y' : 'n';
        write(pipefd[1], &ok, 1);
        _exit(0);
    }
    char ok = 0;
    read(pipefd[0], &ok, 1);
    waitpid(p, NULL, 0);
    check("child's getppid is the parent's pid", ok == 'y');
    check("fork returns the child's pid", p > 0 && p != me);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOFBF, 1 << 16);
    exit_statuses();
    killed();
    stopped();
    nohang();
    waitids();
    rusage_of_child();
    memory_independence();
    ppid();
    printf("%s\n", failures ? "SOME CHECKS FAILED" : "all checks passed");
    return failures != 0;
}
