/*
 * Asynchronous signals landing while fresh code is being translated and chained: a 100 us
 * interval timer interrupts a run through 512 distinct direct call sites, each taken for the
 * first time (so each one's exit is chained at that moment), then through them again. A signal
 * taken between a unit's exit and the patching of its chain slot once chained that call site to
 * the handler for good; the second pass would then run the handler instead of the callee.
 * Output is deterministic: the sums of both passes, never the number of signals.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

static volatile sig_atomic_t ticks;

static void on_tick(int sig)
{
    (void) sig;
    ticks++;
}

#define F(n) \
    __attribute__((noinline)) static unsigned long f##n(unsigned long x) \
    { return x * 2654435761u + (n) * 40503u + (x >> 7); }
#define F8(n) F(n##0) F(n##1) F(n##2) F(n##3) F(n##4) F(n##5) F(n##6) F(n##7)
#define F64(n) F8(n##0) F8(n##1) F8(n##2) F8(n##3) F8(n##4) F8(n##5) F8(n##6) F8(n##7)
F64(1) F64(2) F64(3) F64(4) F64(5) F64(6) F64(7)
F8(80) F8(81) F8(82) F8(83) F8(84) F8(85) F8(86) F8(87)

#define C(n) x = f##n(x);
#define C8(n) C(n##0) C(n##1) C(n##2) C(n##3) C(n##4) C(n##5) C(n##6) C(n##7)
#define C64(n) C8(n##0) C8(n##1) C8(n##2) C8(n##3) C8(n##4) C8(n##5) C8(n##6) C8(n##7)

__attribute__((noinline)) static unsigned long run_all(unsigned long x)
{
    C64(1) C64(2) C64(3) C64(4) C64(5) C64(6) C64(7)
    C8(80) C8(81) C8(82) C8(83) C8(84) C8(85) C8(86) C8(87)
    return x;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_tick;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval it = {{0, 100}, {0, 100}};
    setitimer(ITIMER_REAL, &it, NULL);

    unsigned long first = run_all(1), again = 0;
    for (int i = 0; i < 50; i++) again ^= run_all(i);

    struct itimerval off = {{0, 0}, {0, 0}};
    setitimer(ITIMER_REAL, &off, NULL);
    printf("first pass %lx\n", first);
    printf("50 more passes %lx\n", again);
    printf("the timer ran: %s\n", ticks > 0 ? "yes" : "no");
    return 0;
}
