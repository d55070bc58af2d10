/*
 * Process groups and sessions across fork: setpgid from the parent and from the child,
 * getpgid/getpgrp/getsid, setsid in a child (EPERM for a group leader), kill of a process group
 * (kill(-pgid)) reaching every member, kill(0) to the caller's group from a child that leads
 * its own group, and kill errors (ESRCH, EINVAL). Prints relations, never pids.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int failures;

static void check(const char *what, int ok)
{
    printf("%-56s %s\n", what, ok ? "ok" : "FAIL");
    if (!ok) failures++;
}

static void describe(const char *what, int st)
{
    if (WIFEXITED(st)) printf("%-40s exited %d\n", what, WEXITSTATUS(st));
    else if (WIFSIGNALED(st)) printf("%-40s killed by %d\n", what, WTERMSIG(st));
    else printf("%-40s status %#x\n", what, st);
}

/* A child that says it runs (through the pipe), then waits for a signal. */
static pid_t sleeper(int pgid_from_child)
{
    int fds[2];
    pipe(fds);
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        if (pgid_from_child >= 0) setpgid(0, pgid_from_child);
        signal(SIGUSR1, SIG_DFL);
        close(fds[0]);
        write(fds[1], "r", 1);
        close(fds[1]);
        for (;;) pause();
    }
    close(fds[1]);
    char c;
    read(fds[0], &c, 1);
    close(fds[0]);
    return p;
}

static void groups(void)
{
    pid_t me = getpid();
    check("getpgrp() == getpgid(0)", getpgrp() == getpgid(0));
    check("getsid(0) == getsid(me)", getsid(0) == getsid(me));

    int up[2], down[2];
    pipe(up);
    pipe(down);
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        char ok = getpgrp() == getpgid(getppid()) && getsid(0) == getsid(getppid()) ? 'y' : 'n';
        write(up[1], &ok, 1);
        char go;
        read(down[0], &go, 1);
        _exit(0);
    }
    char ok = 0;
    read(up[0], &ok, 1);
    check("child starts in the parent's group and session", ok == 'y');
    check("parent: setpgid(child, child)", setpgid(p, p) == 0);
    check("the child now leads its own group", getpgid(p) == p);
    check("parent: setpgid(child, parent's group) moves it back", setpgid(p, getpgrp()) == 0 && getpgid(p) == getpgrp());
    write(down[1], "g", 1);
    int st;
    waitpid(p, &st, 0);
    close(up[0]);
    close(up[1]);
    close(down[0]);
    close(down[1]);
    errno = 0;
    check("setpgid of a reaped child: ESRCH", setpgid(p, p) == -1 && errno == ESRCH);
    errno = 0;
    check("getpgid of no process: ESRCH", getpgid(0x7ffffff0) == -1 && errno == ESRCH);

    fflush(stdout);
    p = fork();
    if (p == 0) {
        int r = 0;
        pid_t sid = setsid();
        if (sid != getpid()) r |= 1;
        if (getsid(0) != getpid() || getpgrp() != getpid()) r |= 2;
        errno = 0;
        if (setsid() != -1 || errno != EPERM) r |= 4; /* already a group leader */
        errno = 0;
        if (setpgid(0, getppid()) != -1 || errno != EPERM) r |= 8; /* another session */
        _exit(r);
    }
    waitpid(p, &st, 0);
    describe("child setsid checks (0 = all ok)", st);
    check("parent's session is unchanged", getsid(0) == getsid(me));
}

static void group_kill(void)
{
    /* Two children in a new group (the first leads it), killed together with kill(-pgid). */
    pid_t a = sleeper(0);
    setpgid(a, a);
    pid_t b = sleeper(a);
    setpgid(b, a);
    check("both children are in the new group", getpgid(a) == a && getpgid(b) == a);
    check("kill(-pgid, SIGTERM)", kill(-a, SIGTERM) == 0);
    int sa, sb;
    waitpid(a, &sa, 0);
    waitpid(b, &sb, 0);
    describe("first member", sa);
    describe("second member", sb);

    /* kill(0, sig) from a child that leads its own group with a grandchild in it. */
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        setpgid(0, 0);
        signal(SIGUSR1, SIG_IGN); /* the caller is in the group too */
        pid_t g = sleeper(-1);
        kill(0, SIGUSR1);
        int st;
        waitpid(g, &st, 0);
        _exit(WIFSIGNALED(st) && WTERMSIG(st) == SIGUSR1 ? 0 : 1);
    }
    int st;
    waitpid(p, &st, 0);
    describe("kill(0) reached the grandchild (0 = yes)", st);

    errno = 0;
    check("kill of no process: ESRCH", kill(0x7ffffff0, SIGTERM) == -1 && errno == ESRCH);
    errno = 0;
    check("kill of no group: ESRCH", kill(-0x7ffffff0, SIGTERM) == -1 && errno == ESRCH);
    errno = 0;
    check("kill with a bad signal: EINVAL", kill(getpid(), 1000) == -1 && errno == EINVAL);
    p = sleeper(-1);
    check("kill(child, 0) checks it exists", kill(p, 0) == 0);
    kill(p, SIGKILL);
    waitpid(p, &st, 0);
    describe("child after SIGKILL", st);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOFBF, 1 << 16);
    groups();
    group_kill();
    printf("%s\n", failures ? "SOME CHECKS FAILED" : "all checks passed");
    return failures != 0;
}
