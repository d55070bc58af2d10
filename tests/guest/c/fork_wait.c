/*
 * fork and wait: exit statuses, WNOHANG, waitid (P_PID, P_PGID, P_ALL, WNOWAIT), ECHILD,
 * EINVAL, rusage, getppid. Prints relations and statuses, never pids. (Children killed or
 * stopped by signals and memory independence: fork_signals.c.)
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
    int codes[] = {0, 3, 255};
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
    nohang();
    waitids();
    rusage_of_child();
    ppid();
    printf("%s\n", failures ? "SOME CHECKS FAILED" : "all checks passed");
    return failures != 0;
}
