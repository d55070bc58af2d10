/*
 * SIGCHLD for children that stop and continue, not only for those that end: si_code
 * CLD_STOPPED with the stop signal, CLD_CONTINUED with SIGCONT, then CLD_EXITED; the same
 * changes reported by waitpid (WUNTRACED, WCONTINUED) and waitid; and SA_NOCLDSTOP, which
 * keeps the stop and continue signals away but not the exit's. Prints codes and statuses,
 * never pids or times.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_EVENTS 16

static volatile sig_atomic_t events;
static volatile int ev_code[MAX_EVENTS], ev_status[MAX_EVENTS], ev_pid[MAX_EVENTS];
static int failures;

static void on_chld(int sig, siginfo_t *si, void *uc)
{
    (void) sig;
    (void) uc;
    if (events < MAX_EVENTS) {
        ev_code[events] = si->si_code;
        ev_status[events] = si->si_status;
        ev_pid[events] = si->si_pid;
        events++;
    }
}

static void check(const char *what, int ok)
{
    printf("%-52s %s\n", what, ok ? "ok" : "FAIL");
    if (!ok) failures++;
}

static const char *code_name(int code)
{
    switch (code) {
    case CLD_EXITED: return "CLD_EXITED";
    case CLD_KILLED: return "CLD_KILLED";
    case CLD_DUMPED: return "CLD_DUMPED";
    case CLD_STOPPED: return "CLD_STOPPED";
    case CLD_CONTINUED: return "CLD_CONTINUED";
    default: return "other";
    }
}

/* Waits up to 5 s, SIGCHLD unblocked meanwhile, until `want` events were recorded. */
static void await_events(int want, sigset_t *during)
{
    sigset_t blocked;
    for (int tries = 0; events < want && tries < 500; tries++) {
        struct timespec tick = {0, 10 * 1000 * 1000};
        sigprocmask(SIG_SETMASK, during, &blocked);
        nanosleep(&tick, NULL);
        sigprocmask(SIG_SETMASK, &blocked, NULL);
    }
}

static void print_event(int i, pid_t child)
{
    printf("event %d: %-14s status %-3d from the child: %s\n", i, code_name(ev_code[i]), ev_status[i],
           ev_pid[i] == child ? "yes" : "no");
}

/*
 * Lets the child behind `go` run to its exit, waits for its SIGCHLD as event number `nth`
 * (checked under the name `exit_raises` unless that is NULL), then reaps it.
 */
static void release_and_reap(int go[2], pid_t child, int nth, const char *exit_raises, sigset_t *during)
{
    if (write(go[1], "x", 1) != 1) exit(2);
    close(go[1]);
    await_events(nth, during);
    if (exit_raises) check(exit_raises, events == nth);
    if (events >= nth) print_event(nth - 1, child);
    int st = -1;
    check("waitpid reports the exit", waitpid(child, &st, 0) == child);
    printf("exited: %d, code %d\n", WIFEXITED(st), WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

/* A child that stops itself, then waits for a byte on `go` before exiting with `code`. */
static pid_t stopping_child(int go[2], int code, int stopsig)
{
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        close(go[1]);
        kill(getpid(), stopsig);
        char c;
        if (read(go[0], &c, 1) != 1) _exit(100);
        _exit(code);
    }
    close(go[0]);
    return p;
}

static void install(int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_chld;
    sa.sa_flags = SA_SIGINFO | flags;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGCHLD, &sa, NULL);
}

static void with_signals(sigset_t *during)
{
    int go[2];
    events = 0;
    install(0);
    if (pipe(go) != 0) exit(2);
    pid_t child = stopping_child(go, 7, SIGSTOP);

    await_events(1, during);
    check("a stopped child raises SIGCHLD", events == 1);
    if (events >= 1) print_event(0, child);
    int st = -1;
    check("waitpid(WUNTRACED) reports the stop", waitpid(child, &st, WUNTRACED) == child);
    printf("stopped: %d, by %d\n", WIFSTOPPED(st), WIFSTOPPED(st) ? WSTOPSIG(st) : 0);
    check("a stop is reported once", waitpid(child, &st, WUNTRACED | WNOHANG) == 0);

    kill(child, SIGCONT);
    await_events(2, during);
    check("a continued child raises SIGCHLD", events == 2);
    if (events >= 2) print_event(1, child);
    siginfo_t si;
    memset(&si, 0, sizeof si);
    check("waitid(WCONTINUED) reports the continue", waitid(P_PID, child, &si, WCONTINUED) == 0);
    printf("waitid: %s status %d\n", code_name(si.si_code), si.si_status);

    release_and_reap(go, child, 3, "the exit raises SIGCHLD", during);
    check("no other event", events == 3);
}

static void stopped_by_parent(sigset_t *during)
{
    int go[2];
    events = 0;
    install(0);
    if (pipe(go) != 0) exit(2);
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        /* A group of its own, which has a parent outside it: the kernel discards SIGTSTP for
           a process of an orphaned group (as the test's may be, run without a terminal). */
        setpgid(0, 0);
        close(go[1]);
        char c;
        if (read(go[0], &c, 1) != 1) _exit(100);
        _exit(9);
    }
    setpgid(child, child);
    close(go[0]);
    kill(child, SIGTSTP);
    await_events(1, during);
    check("SIGTSTP from the parent stops the child", events == 1);
    if (events < 1) {
        kill(child, SIGKILL);
        waitpid(child, NULL, 0);
        return;
    }
    print_event(0, child);
    int st = -1;
    check("waitpid(WUNTRACED)", waitpid(child, &st, WUNTRACED) == child);
    printf("stopped: %d, by %d\n", WIFSTOPPED(st), WIFSTOPPED(st) ? WSTOPSIG(st) : 0);
    kill(child, SIGCONT);
    await_events(2, during);
    if (events >= 2) print_event(1, child);
    release_and_reap(go, child, 3, NULL, during);
}

static void no_cldstop(sigset_t *during)
{
    int go[2];
    events = 0;
    install(SA_NOCLDSTOP);
    if (pipe(go) != 0) exit(2);
    pid_t child = stopping_child(go, 5, SIGSTOP);
    int st = -1;
    check("SA_NOCLDSTOP: waitpid(WUNTRACED) sees the stop", waitpid(child, &st, WUNTRACED) == child);
    kill(child, SIGCONT);
    /* Long enough for any signal the stop or the continue would raise to be delivered. */
    struct timespec pause = {0, 200 * 1000 * 1000};
    nanosleep(&pause, NULL);
    check("SA_NOCLDSTOP: no SIGCHLD for the stop or the continue", events == 0);
    release_and_reap(go, child, 1, "SA_NOCLDSTOP: the exit still raises SIGCHLD", during);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    sigset_t block, during;
    sigemptyset(&block);
    sigaddset(&block, SIGCHLD);
    sigprocmask(SIG_BLOCK, &block, &during);
    sigdelset(&during, SIGCHLD);

    with_signals(&during);
    stopped_by_parent(&during);
    no_cldstop(&during);
    printf("%s\n", failures ? "FAILED" : "all ok");
    return failures ? 1 : 0;
}
