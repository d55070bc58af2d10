/*
 * Non-local jumps and deep recursion: setjmp/longjmp across several frames
 * (values, volatile locals, val 0 -> 1, repeated jumps that must not leak
 * stack), nested jump buffers, sigsetjmp/siglongjmp with and without the
 * signal mask (no signals are raised), 100000-level recursion with a small
 * frame on the default stack, Ackermann, mutual recursion and a recursive
 * quicksort. Exits 0 when all checks pass.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int failures;

static void check(const char *what, long got, long want)
{
    printf("%-46s %ld %s\n", what, got, got == want ? "ok" : "FAIL");
    if (got != want) failures++;
}

#define NOINLINE __attribute__((noinline))

/* ---- setjmp / longjmp ------------------------------------------------ */

static jmp_buf env;
static int trail[16];
static int trail_len;

NOINLINE static void level3(int v)
{
    trail[trail_len++] = 3;
    longjmp(env, v);
    trail[trail_len++] = -3; /* never */
}
NOINLINE static void level2(int v)
{
    volatile char big[256]; /* a frame of a different size on the way */
    big[0] = 2;
    trail[trail_len++] = big[0];
    level3(v);
    trail[trail_len++] = -2;
}
NOINLINE static void level1(int v)
{
    trail[trail_len++] = 1;
    level2(v);
    trail[trail_len++] = -1;
}

static jmp_buf inner_env;
NOINLINE static int inner_then_outer(int depth)
{
    if (depth < 0) return 0; /* not reached: keeps the recursion visibly finite */
    if (depth == 0) longjmp(inner_env, 7);
    return inner_then_outer(depth - 1) + 1;
}

static void test_setjmp(void)
{
    volatile int counter = 0;
    int r = setjmp(env);
    if (r == 0) {
        counter = 10;
        level1(42);
    }
    check("setjmp returns the longjmp value", r, 42);
    check("volatile local survives", counter, 10);
    check("frames passed through", trail_len, 3);
    check("trail", trail[0] * 100 + trail[1] * 10 + trail[2], 123);

    trail_len = 0;
    r = setjmp(env);
    if (r == 0) level1(0);
    check("longjmp(env, 0) makes setjmp return 1", r, 1);

    /* many jumps from deep down: the stack must be restored every time */
    volatile int jumps = 0;
    volatile uintptr_t first_sp = 0, last_sp = 0;
    trail_len = 0;
    r = setjmp(env);
    {
        volatile char marker;
        if (!first_sp) first_sp = (uintptr_t)&marker;
        last_sp = (uintptr_t)&marker;
    }
    if (jumps < 1000) {
        jumps = jumps + 1;
        trail_len = 0;
        level1(jumps);
    }
    check("1000 jumps done, last value", r, 1000);
    check("stack position stable across jumps", last_sp == first_sp, 1);

    /* nested buffers: the inner one catches, the outer stays valid */
    volatile int stage = 0;
    if (setjmp(env) == 0) {
        stage = 1;
        int ri = setjmp(inner_env);
        if (ri == 0) inner_then_outer(50);
        check("inner setjmp caught from depth 50", ri, 7);
        stage = 2;
        longjmp(env, 5);
    }
    check("outer buffer still valid after inner jump", stage, 2);
}

/* ---- sigsetjmp -------------------------------------------------------- */

static sigjmp_buf senv;

NOINLINE static void sig_level(int v)
{
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR1);
    sigprocmask(SIG_BLOCK, &s, NULL); /* changed after sigsetjmp */
    siglongjmp(senv, v);
}

static int usr1_blocked(void)
{
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    return sigismember(&cur, SIGUSR1);
}

static void test_sigsetjmp(void)
{
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);

    int r = sigsetjmp(senv, 1);
    if (r == 0) sig_level(11);
    check("sigsetjmp(savemask=1) returns value", r, 11);
    check("mask restored: SIGUSR1 not blocked", usr1_blocked(), 0);

    sigprocmask(SIG_SETMASK, &none, NULL);
    r = sigsetjmp(senv, 0);
    if (r == 0) sig_level(12);
    check("sigsetjmp(savemask=0) returns value", r, 12);
    check("mask kept: SIGUSR1 still blocked", usr1_blocked(), 1);
    sigprocmask(SIG_SETMASK, &none, NULL);
}

/* ---- recursion ---------------------------------------------------------- */

static uintptr_t deepest;

NOINLINE static long deep(long n)
{
    volatile long keep = n; /* lives across the call: no tail call, no loop */
    if (n == 0) {
        deepest = (uintptr_t)&keep;
        return 0;
    }
    long r = deep(n - 1);
    return r + (keep & 1);
}

static long ack_calls;
NOINLINE static long ack(long m, long n)
{
    ack_calls++;
    if (m == 0) return n + 1;
    if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

NOINLINE static int is_odd(unsigned n);
NOINLINE static int is_even(unsigned n)
{
    volatile unsigned k = n;
    return k == 0 ? 1 : is_odd(k - 1);
}
NOINLINE static int is_odd(unsigned n)
{
    volatile unsigned k = n;
    return k == 0 ? 0 : is_even(k - 1);
}

NOINLINE static long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static void qsort_rec(int *a, int lo, int hi)
{
    if (lo >= hi) return;
    int p = a[(lo + hi) / 2], i = lo, j = hi;
    while (i <= j) {
        while (a[i] < p) i++;
        while (a[j] > p) j--;
        if (i <= j) { int t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
    }
    qsort_rec(a, lo, j);
    qsort_rec(a, i, hi);
}

static void test_recursion(void)
{
    volatile char top;
    long r = deep(100000);
    check("deep(100000): odd levels", r, 50000);
    long per_frame = (long)(((uintptr_t)&top - deepest) / 100000);
    check("frame size in (0, 200] bytes", per_frame > 0 && per_frame <= 200, 1);

    check("ack(2,3)", ack(2, 3), 9);
    ack_calls = 0;
    check("ack(3,6)", ack(3, 6), 509);
    check("ack(3,6) calls", ack_calls, 172233);
    check("is_even(50001) (mutual recursion)", is_even(50001), 0);
    check("is_odd(50001)", is_odd(50001), 1);
    check("fib(24)", fib(24), 46368);

    static int a[5000];
    uint32_t x = 1;
    for (int i = 0; i < 5000; i++) { x = x * 1664525u + 1013904223u; a[i] = (int)(x >> 8) % 100000; }
    qsort_rec(a, 0, 4999);
    int sorted = 1;
    long sum = 0;
    for (int i = 0; i < 5000; i++) { sum += a[i] * (long)(i % 7); if (i && a[i - 1] > a[i]) sorted = 0; }
    check("recursive quicksort sorted", sorted, 1);
    check("quicksort weighted sum", sum, sum); /* printed for comparison */
}

int main(void)
{
    test_setjmp();
    test_sigsetjmp();
    test_recursion();
    printf("setjmp_recursion: %s\n", failures ? "FAIL" : "PASS");
    return failures ? 1 : 0;
}
