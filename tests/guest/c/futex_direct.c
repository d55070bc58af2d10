/*
 * futex(2) called directly: EAGAIN when the word differs, ETIMEDOUT for a relative (FUTEX_WAIT)
 * and an absolute (FUTEX_WAIT_BITSET) timeout, wake counts, bitset matching, REQUEUE and
 * CMP_REQUEUE (with its EAGAIN), WAKE_OP, bad arguments (EINVAL, EFAULT, ENOSYS), and PI locks
 * (TRYLOCK/LOCK/UNLOCK, hand-over to a waiter with FUTEX_WAITERS, EDEADLK, EPERM). Results are
 * printed after the joins, so the output is deterministic. Exits 0 when all pass.
 */
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static int failures;

static long fx(atomic_int *uaddr, int op, int val, const struct timespec *ts, atomic_int *uaddr2, int val3)
{
    long r = syscall(SYS_futex, uaddr, op, val, ts, uaddr2, val3);
    return r < 0 ? -errno : r;
}

static long fx2(atomic_int *uaddr, int op, int val, long val2, atomic_int *uaddr2, int val3)
{
    long r = syscall(SYS_futex, uaddr, op, val, val2, uaddr2, val3);
    return r < 0 ? -errno : r;
}

static void check(const char *what, long got, long want)
{
    int ok = got == want;
    printf("%-36s %ld %s\n", what, got, ok ? "ok" : "FAIL");
    if (!ok) failures++;
}

static atomic_int word, word2, started;

struct waiter { atomic_int *addr; int bitset; long result; };

static void *wait_thread(void *arg)
{
    struct waiter *w = arg;
    atomic_fetch_add(&started, 1);
    w->result = fx(w->addr, FUTEX_WAIT_BITSET, 0, NULL, NULL, w->bitset);
    return NULL;
}

/* Waits until n waiters have (very probably) gone to sleep: they announce themselves just before
   the call; nothing counts sleepers, so this also sleeps a little. Wakes below are retried until
   they reach everyone, so a late sleeper changes no result. */
static void let_sleep(int n)
{
    while (atomic_load(&started) < n) sched_yield();
    struct timespec d = {0, 50 * 1000 * 1000};
    nanosleep(&d, NULL);
}

static long wake_until(atomic_int *addr, int total, int op, int bitset)
{
    long n = 0;
    while (n < total) {
        long r = fx(addr, op, 1, NULL, NULL, bitset);
        if (r < 0) return r;
        n += r;
        if (r == 0) sched_yield();
    }
    return n;
}

static atomic_int pi_lock;
static atomic_int pi_holder_ready, pi_order;
static long pi_waiter_result, pi_waiter_saw_waiters;

static void *pi_waiter(void *arg)
{
    (void)arg;
    atomic_store(&pi_holder_ready, 1);
    pi_waiter_result = fx(&pi_lock, FUTEX_LOCK_PI, 0, NULL, NULL, 0);
    pi_waiter_saw_waiters = (atomic_load(&pi_lock) & FUTEX_TID_MASK) == syscall(SYS_gettid);
    atomic_store(&pi_order, 2);
    fx(&pi_lock, FUTEX_UNLOCK_PI, 0, NULL, NULL, 0);
    return NULL;
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    struct timespec ts = {0, 20 * 1000 * 1000};

    /* value mismatch and timeouts */
    atomic_store(&word, 1);
    check("WAIT on changed word", fx(&word, FUTEX_WAIT, 0, NULL, NULL, 0), -EAGAIN);
    check("WAIT relative timeout", fx(&word, FUTEX_WAIT_PRIVATE, 1, &ts, NULL, 0), -ETIMEDOUT);
    struct timespec abs;
    clock_gettime(CLOCK_MONOTONIC, &abs);
    abs.tv_nsec += 20 * 1000 * 1000;
    if (abs.tv_nsec >= 1000000000) { abs.tv_sec++; abs.tv_nsec -= 1000000000; }
    check("WAIT_BITSET absolute timeout", fx(&word, FUTEX_WAIT_BITSET, 1, &abs, NULL, FUTEX_BITSET_MATCH_ANY), -ETIMEDOUT);
    clock_gettime(CLOCK_REALTIME, &abs);
    abs.tv_nsec += 20 * 1000 * 1000;
    if (abs.tv_nsec >= 1000000000) { abs.tv_sec++; abs.tv_nsec -= 1000000000; }
    check("WAIT_BITSET realtime timeout",
          fx(&word, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 1, &abs, NULL, FUTEX_BITSET_MATCH_ANY), -ETIMEDOUT);
    struct timespec past = {0, 0};
    check("WAIT_BITSET deadline in the past", fx(&word, FUTEX_WAIT_BITSET, 1, &past, NULL, -1), -ETIMEDOUT);

    /* bad arguments */
    check("WAKE with nobody waiting", fx(&word, FUTEX_WAKE, 5, NULL, NULL, 0), 0);
    check("misaligned word", fx((atomic_int *)((char *)&word + 1), FUTEX_WAKE, 1, NULL, NULL, 0), -EINVAL);
    check("unmapped word", fx((atomic_int *)16, FUTEX_WAIT, 0, NULL, NULL, 0), -EFAULT);
    check("WAIT_BITSET with bitset 0", fx(&word, FUTEX_WAIT_BITSET, 1, NULL, NULL, 0), -EINVAL);
    check("CLOCK_REALTIME on plain WAIT", fx(&word, FUTEX_WAIT | FUTEX_CLOCK_REALTIME, 1, &ts, NULL, 0), -ENOSYS);
    struct timespec bad = {0, 1000000000};
    check("WAIT with tv_nsec 1e9", fx(&word, FUTEX_WAIT, 1, &bad, NULL, 0), -EINVAL);

    /* wake counts and bitsets: 3 waiters with bitsets 1, 2, 4 */
    atomic_store(&word, 0);
    pthread_t th[3];
    struct waiter w[3];
    for (int i = 0; i < 3; i++) {
        w[i] = (struct waiter){&word, 1 << i, 99};
        pthread_create(&th[i], NULL, wait_thread, &w[i]);
    }
    let_sleep(3);
    long woke_b2 = wake_until(&word, 1, FUTEX_WAKE_BITSET, 2);
    pthread_join(th[1], NULL);
    long woke_rest = wake_until(&word, 2, FUTEX_WAKE, 0);
    pthread_join(th[0], NULL);
    pthread_join(th[2], NULL);
    check("WAKE_BITSET 2 woke", woke_b2, 1);
    check("WAKE woke the other two", woke_rest, 2);
    check("waiter results", w[0].result + w[1].result + w[2].result, 0);
    check("WAKE_BITSET with bitset 0", fx(&word, FUTEX_WAKE_BITSET, 1, NULL, NULL, 0), -EINVAL);

    /* requeue: 4 waiters on word; wake 1, move the others to word2, then wake them there */
    atomic_store(&started, 0);
    pthread_t rq[4];
    struct waiter rw[4];
    for (int i = 0; i < 4; i++) {
        rw[i] = (struct waiter){&word, FUTEX_BITSET_MATCH_ANY, 99};
        pthread_create(&rq[i], NULL, wait_thread, &rw[i]);
    }
    let_sleep(4);
    atomic_store(&word, 7);
    check("CMP_REQUEUE with stale value", fx2(&word, FUTEX_CMP_REQUEUE, 1, 3, &word2, 0), -EAGAIN);
    check("CMP_REQUEUE wake 1 + move 3", fx2(&word, FUTEX_CMP_REQUEUE, 1, 3, &word2, 7), 4);
    check("WAKE on old word finds none", fx(&word, FUTEX_WAKE, 10, NULL, NULL, 0), 0);
    check("WAKE on requeue target", fx(&word2, FUTEX_WAKE, 10, NULL, NULL, 0), 3);
    for (int i = 0; i < 4; i++) pthread_join(rq[i], NULL);
    check("requeued waiters returned 0", rw[0].result + rw[1].result + rw[2].result + rw[3].result, 0);
    check("REQUEUE with negative count", fx2(&word, FUTEX_REQUEUE, 1, -1, &word2, 0), -EINVAL);

    /* plain REQUEUE: 2 waiters, wake 0, move 2 */
    atomic_store(&started, 0);
    atomic_store(&word, 0);
    for (int i = 0; i < 2; i++) {
        rw[i] = (struct waiter){&word, FUTEX_BITSET_MATCH_ANY, 99};
        pthread_create(&rq[i], NULL, wait_thread, &rw[i]);
    }
    let_sleep(2);
    check("REQUEUE wake 0 move 2", fx2(&word, FUTEX_REQUEUE, 0, 2, &word2, 0), 2);
    check("WAKE moved waiters", wake_until(&word2, 2, FUTEX_WAKE, 0), 2);
    for (int i = 0; i < 2; i++) pthread_join(rq[i], NULL);

    /* WAKE_OP: word2 += 5 (old 10), wake waiters of word2 if old > 5 */
    atomic_store(&started, 0);
    atomic_store(&word2, 10);
    struct waiter ow = {&word2, FUTEX_BITSET_MATCH_ANY, 99};
    pthread_t ot;
    /* wait_thread expects 0: the word holds 10, so it returns at once */
    pthread_create(&ot, NULL, wait_thread, &ow);
    pthread_join(ot, NULL);
    check("waiter on 10 with expected 0", ow.result, -EAGAIN);
    int op = FUTEX_OP(FUTEX_OP_ADD, 5, FUTEX_OP_CMP_GT, 5);
    check("WAKE_OP none waiting", fx2(&word, FUTEX_WAKE_OP, 1, 1, &word2, op), 0);
    check("WAKE_OP applied ADD", atomic_load(&word2), 15);
    op = FUTEX_OP(FUTEX_OP_SET, 0, FUTEX_OP_CMP_EQ, 15);
    atomic_store(&started, 0);
    ow = (struct waiter){&word2, FUTEX_BITSET_MATCH_ANY, 99};
    atomic_store(&word2, 0);
    pthread_create(&ot, NULL, wait_thread, &ow);
    let_sleep(1);
    atomic_store(&word2, 15);
    check("WAKE_OP SET, cmp EQ wakes word2", fx2(&word, FUTEX_WAKE_OP, 1, 1, &word2, op), 1);
    pthread_join(ot, NULL);
    check("WAKE_OP stored 0", atomic_load(&word2), 0);
    check("WAKE_OP waiter result", ow.result, 0);
    /* oparg 4 with FUTEX_OP_OPARG_SHIFT means 1 << 4 */
    fx2(&word, FUTEX_WAKE_OP, 1, 1, &word2, FUTEX_OP((FUTEX_OP_OR | FUTEX_OP_OPARG_SHIFT), 4, FUTEX_OP_CMP_NE, 0));
    check("WAKE_OP OR with shifted oparg", atomic_load(&word2), 16);

    /* PI locks */
    long me = syscall(SYS_gettid);
    check("TRYLOCK_PI free", fx(&pi_lock, FUTEX_TRYLOCK_PI, 0, NULL, NULL, 0), 0);
    check("owner is me", (atomic_load(&pi_lock) & FUTEX_TID_MASK) == me, 1);
    check("LOCK_PI again: EDEADLK", fx(&pi_lock, FUTEX_LOCK_PI, 0, NULL, NULL, 0), -EDEADLK);
    pthread_t pt;
    pthread_create(&pt, NULL, pi_waiter, NULL);
    while (!atomic_load(&pi_holder_ready)) sched_yield();
    while (!(atomic_load(&pi_lock) & FUTEX_WAITERS)) sched_yield();
    check("waiter set FUTEX_WAITERS", (atomic_load(&pi_lock) & FUTEX_WAITERS) != 0, 1);
    atomic_store(&pi_order, 1);
    check("UNLOCK_PI hands over", fx(&pi_lock, FUTEX_UNLOCK_PI, 0, NULL, NULL, 0), 0);
    pthread_join(pt, NULL);
    check("waiter got the lock", pi_waiter_result, 0);
    check("word held the waiter's tid", pi_waiter_saw_waiters, 1);
    check("lock free after waiter's unlock", atomic_load(&pi_lock), 0);
    check("UNLOCK_PI not owner: EPERM", fx(&pi_lock, FUTEX_UNLOCK_PI, 0, NULL, NULL, 0), -EPERM);
    atomic_store(&pi_lock, 0x3fff0000); /* an owner that does not exist */
    check("TRYLOCK_PI, owner gone: ESRCH", fx(&pi_lock, FUTEX_TRYLOCK_PI, 0, NULL, NULL, 0), -ESRCH);

    printf("futex_direct: %s\n", failures ? "FAIL" : "PASS");
    return failures ? 1 : 0;
}
