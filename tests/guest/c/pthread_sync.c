/*
 * pthread synchronisation under contention, checked after every join (output is deterministic):
 * mutex, condition variable (producer/consumer queue), barrier rounds, rwlock readers and
 * writers, 200 short-lived threads, pthread_join return values, seq_cst atomic counters across 4 threads, and a spin-wait on a
 * volatile flag (plain loads in a loop must see another thread's store). Exits 0 when all pass.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define N 4
static int failures;

static void check(const char *what, long got, long want)
{
    int ok = got == want;
    printf("%-28s %ld %s\n", what, got, ok ? "ok" : "FAIL");
    if (!ok) failures++;
}

/* ---- mutex contention ---- */
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static long shared_sum;

static void *mutex_worker(void *arg)
{
    long id = (long)arg;
    for (int i = 0; i < 5000; i++) {
        pthread_mutex_lock(&m);
        long v = shared_sum;
        shared_sum = v + id + 1;
        pthread_mutex_unlock(&m);
    }
    return NULL;
}

/* ---- condition variable: bounded queue, 2 producers, 2 consumers ---- */
#define QSIZE 8
#define ITEMS 3000
static int queue[QSIZE], qhead, qcount;
static pthread_mutex_t qm = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER, not_empty = PTHREAD_COND_INITIALIZER;

static void *producer(void *arg)
{
    long base = (long)arg;
    for (int i = 1; i <= ITEMS; i++) {
        pthread_mutex_lock(&qm);
        while (qcount == QSIZE) pthread_cond_wait(&not_full, &qm);
        queue[(qhead + qcount++) % QSIZE] = (int)(base + i);
        pthread_cond_signal(&not_empty);
        pthread_mutex_unlock(&qm);
    }
    return NULL;
}

static void *consumer(void *arg)
{
    (void)arg;
    long sum = 0;
    for (int i = 0; i < ITEMS; i++) {
        pthread_mutex_lock(&qm);
        while (qcount == 0) pthread_cond_wait(&not_empty, &qm);
        sum += queue[qhead];
        qhead = (qhead + 1) % QSIZE;
        qcount--;
        pthread_cond_signal(&not_full);
        pthread_mutex_unlock(&qm);
    }
    return (void *)sum;
}

/* ---- barrier rounds ---- */
static pthread_barrier_t bar;
static atomic_int round_count[50];

static void *barrier_worker(void *arg)
{
    (void)arg;
    long bad = 0;
    for (int r = 0; r < 50; r++) {
        atomic_fetch_add(&round_count[r], 1);
        pthread_barrier_wait(&bar);
        if (atomic_load(&round_count[r]) != N) bad++;
        pthread_barrier_wait(&bar);
    }
    return (void *)bad;
}

/* ---- rwlock ---- */
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static long rw_a, rw_b; /* writers keep a == b */

static void *rw_worker(void *arg)
{
    long id = (long)arg, torn = 0;
    for (int i = 0; i < 3000; i++) {
        if ((i + id) % 4 == 0) {
            pthread_rwlock_wrlock(&rw);
            rw_a++;
            rw_b++;
            pthread_rwlock_unlock(&rw);
        } else {
            pthread_rwlock_rdlock(&rw);
            if (rw_a != rw_b) torn++;
            pthread_rwlock_unlock(&rw);
        }
    }
    return (void *)torn;
}

/* ---- short threads ---- */
static atomic_long short_sum;

static void *short_worker(void *arg)
{
    atomic_fetch_add(&short_sum, (long)arg);
    return (void *)((long)arg * 2);
}

/* ---- atomics ---- */
static atomic_long a_add, a_sub, a_or, a_xchg_sum;
static atomic_int a_max;

static void *atomic_worker(void *arg)
{
    long id = (long)arg;
    for (int i = 0; i < 20000; i++) {
        atomic_fetch_add(&a_add, 3);
        atomic_fetch_sub(&a_sub, 1);
        atomic_fetch_or(&a_or, 1L << ((i + id) % 40));
        int cur = atomic_load(&a_max), want = (int)(id * 100000 + i);
        while (cur < want && !atomic_compare_exchange_weak(&a_max, &cur, want))
            ;
    }
    atomic_fetch_add(&a_xchg_sum, atomic_exchange(&a_xchg_sum, 0) + id);
    return NULL;
}

/* ---- spin-wait on a volatile flag ---- */
static volatile int flag;
static volatile long payload;

static void *spinner(void *arg)
{
    (void)arg;
    long spins = 0;
    while (!flag) spins++;
    return (void *)payload;
}

static void run_all(void *(*fn)(void *), void *(*arg)(long), void **ret)
{
    pthread_t th[N];
    for (long i = 0; i < N; i++) pthread_create(&th[i], NULL, fn, arg ? arg(i) : (void *)i);
    for (int i = 0; i < N; i++) pthread_join(th[i], ret ? &ret[i] : NULL);
}

int main(void)
{
    void *ret[N];

    run_all(mutex_worker, NULL, NULL);
    check("mutex sum", shared_sum, 5000L * (1 + 2 + 3 + 4));

    pthread_t p1, p2, c1, c2;
    void *r1, *r2;
    pthread_create(&c1, NULL, consumer, NULL);
    pthread_create(&c2, NULL, consumer, NULL);
    pthread_create(&p1, NULL, producer, (void *)0L);
    pthread_create(&p2, NULL, producer, (void *)100000L);
    pthread_join(p1, NULL);
    pthread_join(p2, NULL);
    pthread_join(c1, &r1);
    pthread_join(c2, &r2);
    long want = 2L * ITEMS * (ITEMS + 1) / 2 + 100000L * ITEMS;
    check("condvar queue total", (long)r1 + (long)r2, want);

    pthread_barrier_init(&bar, NULL, N);
    run_all(barrier_worker, NULL, ret);
    long bad = 0;
    for (int i = 0; i < N; i++) bad += (long)ret[i];
    check("barrier rounds bad", bad, 0);
    pthread_barrier_destroy(&bar);

    run_all(rw_worker, NULL, ret);
    long torn = 0;
    for (int i = 0; i < N; i++) torn += (long)ret[i];
    check("rwlock torn reads", torn, 0);
    check("rwlock writes", rw_a, N * 3000 / 4);

    long joined = 0;
    for (long i = 0; i < 200; i += 4) {
        pthread_t th[4];
        for (long k = 0; k < 4; k++) pthread_create(&th[k], NULL, short_worker, (void *)(i + k));
        for (int k = 0; k < 4; k++) {
            void *r;
            pthread_join(th[k], &r);
            joined += (long)r;
        }
    }
    check("200 short threads sum", atomic_load(&short_sum), 199L * 200 / 2);
    check("200 short join values", joined, 199L * 200);

    run_all(atomic_worker, NULL, NULL);
    check("atomic add", atomic_load(&a_add), 3L * N * 20000);
    check("atomic sub", atomic_load(&a_sub), -1L * N * 20000);
    check("atomic or", atomic_load(&a_or), (1L << 40) - 1);
    check("atomic max", atomic_load(&a_max), 3 * 100000 + 19999);
    check("atomic xchg sum", atomic_load(&a_xchg_sum), 0 + 1 + 2 + 3);

    pthread_t sp;
    void *sr;
    pthread_create(&sp, NULL, spinner, NULL);
    for (volatile int i = 0; i < 100000; i++)
        ;
    payload = 4242;
    flag = 1;
    pthread_join(sp, &sr);
    check("spin-wait saw payload", (long)sr, 4242);

    printf("pthread_sync: %s\n", failures ? "FAIL" : "PASS");
    return failures ? 1 : 0;
}
