/*
 * Asynchronous guest signals, compared with qemu-user: alarm interrupting a blocking read on a
 * pipe (EINTR without SA_RESTART, the read restarted with it), nanosleep interrupted with the
 * remaining time, a periodic setitimer, POSIX timers (SIGEV_SIGNAL with a value, SIGEV_THREAD_ID,
 * timer_gettime, timer_delete), and sigtimedwait waking on a timer. Output is deterministic:
 * counts and flags, never times.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <sys/select.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t alarms;
static volatile int timer_value, timer_code;
static int pipefd[2];

static void on_alarm(int sig)
{
    (void) sig;
    alarms++;
}

static void on_alarm_write(int sig)
{
    (void) sig;
    alarms++;
    if (write(pipefd[1], "x", 1) != 1) _exit(3);
}

static void set_handler(int sig, void (*fn)(int), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

static void on_timer(int sig, siginfo_t *si, void *uc)
{
    (void) sig; (void) uc;
    timer_value = si->si_value.sival_int;
    timer_code = si->si_code;
}

static void test_read_eintr(void)
{
    char c;
    pipe(pipefd);
    set_handler(SIGALRM, on_alarm, 0);
    alarms = 0;
    /* Periodic, so that a loaded machine that reaches read() after the first expiry still ends it. */
    struct itimerval every = { {0, 300 * 1000}, {0, 300 * 1000} };
    setitimer(ITIMER_REAL, &every, NULL);
    errno = 0;
    ssize_t r = read(pipefd[0], &c, 1);
    int err = errno;
    struct itimerval off = { {0, 0}, {0, 0} };
    setitimer(ITIMER_REAL, &off, NULL);
    printf("read without SA_RESTART: r=%zd EINTR=%d alarms>=1: %d\n", r, err == EINTR, alarms >= 1);

    /* With SA_RESTART the read is restarted and gets the byte the handler wrote. */
    set_handler(SIGALRM, on_alarm_write, SA_RESTART);
    alarms = 0;
    struct itimerval it = { {0, 0}, {0, 200 * 1000} };
    setitimer(ITIMER_REAL, &it, NULL);
    r = read(pipefd[0], &c, 1);
    printf("read with SA_RESTART: r=%zd c=%c alarms=%d\n", r, r == 1 ? c : '?', alarms);
}

static void test_nanosleep(void)
{
    set_handler(SIGALRM, on_alarm, 0);
    struct itimerval it = { {0, 0}, {0, 300 * 1000} };
    alarms = 0;
    setitimer(ITIMER_REAL, &it, NULL);
    struct timespec req = {5, 0}, rem = {0, 0};
    errno = 0;
    int early = alarms; /* on a loaded machine the timer may fire before the sleep starts */
    int r = nanosleep(&req, &rem);
    printf("nanosleep: interrupted=%d remaining between 1 and 5 s=%d\n", early || (r == -1 && errno == EINTR),
           early || (rem.tv_sec >= 1 && rem.tv_sec <= 5));
    struct itimerval cur;
    getitimer(ITIMER_REAL, &cur);
    printf("getitimer after expiry: %ld %ld\n", (long) cur.it_value.tv_sec, (long) cur.it_value.tv_usec);
    alarm(30);
    printf("alarm returns the previous remainder: %u\n", alarm(0));
}

static void test_periodic(void)
{
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGALRM);
    sigprocmask(SIG_BLOCK, &set, &old);
    set_handler(SIGALRM, on_alarm, 0);
    alarms = 0;
    struct itimerval it = { {0, 20 * 1000}, {0, 20 * 1000} };
    setitimer(ITIMER_REAL, &it, NULL);
    while (alarms < 3) sigsuspend(&old);
    struct itimerval off = { {0, 0}, {0, 0} };
    setitimer(ITIMER_REAL, &off, NULL);
    /* A fourth expiry may be pending by now on a slow machine: take it before unblocking. */
    struct timespec zero = {0, 0};
    while (sigtimedwait(&set, NULL, &zero) > 0) {}
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("periodic setitimer: alarms=%d\n", alarms);
}

static void test_posix_timers(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_timer;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGRTMIN + 2, &sa, NULL);

    timer_t t;
    struct sigevent ev;
    memset(&ev, 0, sizeof ev);
    ev.sigev_notify = SIGEV_SIGNAL;
    ev.sigev_signo = SIGRTMIN + 2;
    ev.sigev_value.sival_int = 77;
    if (timer_create(CLOCK_MONOTONIC, &ev, &t) != 0) perror("timer_create");
    struct itimerspec its = { {0, 0}, {0, 300 * 1000 * 1000} };
    timer_settime(t, 0, &its, NULL);
    struct itimerspec cur;
    timer_gettime(t, &cur);
    int armed = cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 0;
    struct timespec req = {2, 0};
    int early = timer_value == 77;
    int r = nanosleep(&req, NULL);
    printf("timer armed: %d\n", armed);
    printf("timer SIGEV_SIGNAL: interrupted=%d value=%d code=%d (SI_TIMER=%d)\n", early || r == -1, timer_value,
           timer_code, SI_TIMER);
    timer_gettime(t, &cur);
    printf("timer after expiry: %ld %ld\n", (long) cur.it_value.tv_sec, (long) cur.it_value.tv_nsec);
    timer_delete(t);

    /* To this thread, and absolute time. */
    ev.sigev_notify = SIGEV_THREAD_ID;
    ev._sigev_un._tid = (pid_t) syscall(SYS_gettid);
    ev.sigev_value.sival_int = 88;
    timer_create(CLOCK_REALTIME, &ev, &t);
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    now.tv_nsec += 30 * 1000 * 1000;
    if (now.tv_nsec >= 1000000000) { now.tv_sec++; now.tv_nsec -= 1000000000; }
    struct itimerspec abs = { {0, 0}, now };
    sigset_t rt, before;
    sigemptyset(&rt);
    sigaddset(&rt, SIGRTMIN + 2);
    sigprocmask(SIG_BLOCK, &rt, &before); /* it may expire before the wait starts */
    timer_settime(t, TIMER_ABSTIME, &abs, NULL);
    sigsuspend(&before);
    sigprocmask(SIG_SETMASK, &before, NULL);
    printf("timer SIGEV_THREAD_ID absolute: value=%d\n", timer_value);
    printf("timer_delete: %d, again: %d EINVAL=%d\n", timer_delete(t), timer_delete(t), errno == EINVAL);
}

static void test_sigtimedwait_timer(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGALRM);
    sigprocmask(SIG_BLOCK, &set, NULL);
    struct itimerval it = { {0, 0}, {0, 30 * 1000} };
    setitimer(ITIMER_REAL, &it, NULL);
    siginfo_t si;
    struct timespec limit = {5, 0};
    int sig = sigtimedwait(&set, &si, &limit);
    printf("sigtimedwait on itimer: sig=%s code_is_kernel=%d\n", sig == SIGALRM ? "ALRM" : "other",
           si.si_code == SI_KERNEL);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

/* A guest loop without system calls: the signal arrives at an interrupt poll on its back-edge. */
static void test_busy_loop(void)
{
    set_handler(SIGALRM, on_alarm, 0);
    alarms = 0;
    struct itimerval it = { {0, 0}, {0, 50 * 1000} };
    setitimer(ITIMER_REAL, &it, NULL);
    unsigned long spins = 0;
    while (!alarms) spins++;
    printf("busy loop interrupted: alarms=%d spun=%d\n", alarms, spins > 0);
}

/* pselect/ppoll with a mask that unblocks SIGALRM only during the wait (the race-free pattern). */
static void test_masked_waits(void)
{
    sigset_t block, empty, now;
    sigemptyset(&block);
    sigaddset(&block, SIGALRM);
    sigemptyset(&empty);
    sigprocmask(SIG_BLOCK, &block, NULL);
    set_handler(SIGALRM, on_alarm, 0);
    alarms = 0;
    struct itimerval it = { {0, 0}, {0, 50 * 1000} };
    setitimer(ITIMER_REAL, &it, NULL);
    struct timespec limit = {5, 0};
    errno = 0;
    int r = pselect(0, NULL, NULL, NULL, &limit, &empty);
    sigprocmask(SIG_BLOCK, NULL, &now);
    printf("pselect: r=%d EINTR=%d alarms=%d blocked again=%d\n", r, errno == EINTR, alarms,
           sigismember(&now, SIGALRM));
    /* Already pending when the call starts: it returns at once. */
    raise(SIGALRM);
    errno = 0;
    r = ppoll(NULL, 0, &limit, &empty);
    sigprocmask(SIG_BLOCK, NULL, &now);
    printf("ppoll with a pending signal: r=%d EINTR=%d alarms=%d blocked again=%d\n", r, errno == EINTR, alarms,
           sigismember(&now, SIGALRM));
    sigprocmask(SIG_UNBLOCK, &block, NULL);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_read_eintr();
    test_nanosleep();
    test_periodic();
    test_posix_timers();
    test_sigtimedwait_timer();
    test_busy_loop();
    test_masked_waits();
    printf("done\n");
    return 0;
}
