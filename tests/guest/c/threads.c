/*
 * Threads (kept apart from atomics.c so an emulator without clone() support can
 * skip it): 4 pthreads increment shared counters in several ways (atomic
 * fetch_add, a weak-CAS loop, a mutex, an atomic_flag spin lock, 8- and 16-bit
 * atomics), use thread-local storage, pthread_once, a barrier and a condition
 * variable, and return values through pthread_join. All printed numbers are
 * final totals, which are deterministic. Exits 0 when all checks pass.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define NTHREADS 4
#define ITERS 20000

static atomic_long counter_add;
static atomic_long counter_cas;
static atomic_ushort counter16;
static atomic_uchar counter8;
static long counter_mutex;
static long counter_spin;
static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static atomic_flag spin = ATOMIC_FLAG_INIT;
static pthread_barrier_t barrier;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static atomic_int once_runs;
static __thread long tls_value = 7;
static __thread char tls_buf[64];

static pthread_mutex_t cv_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int cv_arrived;
static int cv_go;

static void init_once(void) { atomic_fetch_add(&once_runs, 1); }

struct result {
    long id;
    long tls_sum;
    int tls_initial_ok;
    int tls_buf_ok;
};

static void *worker(void *arg)
{
    struct result *res = arg;
    long id = res->id;
    res->tls_initial_ok = tls_value == 7;
    tls_value = id * 1000;
    snprintf(tls_buf, sizeof tls_buf, "thread-%ld", id);

    pthread_once(&once, init_once);
    pthread_barrier_wait(&barrier); /* everybody starts together */

    for (int i = 0; i < ITERS; i++) {
        atomic_fetch_add_explicit(&counter_add, 1, memory_order_relaxed);
        long old = atomic_load_explicit(&counter_cas, memory_order_relaxed);
        while (!atomic_compare_exchange_weak(&counter_cas, &old, old + 2))
            ;
        atomic_fetch_add(&counter16, 1);
        atomic_fetch_add(&counter8, 1);
        if ((i & 7) == 0) {
            pthread_mutex_lock(&mutex);
            counter_mutex += 3;
            pthread_mutex_unlock(&mutex);
            while (atomic_flag_test_and_set_explicit(&spin, memory_order_acquire))
                ;
            counter_spin += 5;
            atomic_flag_clear_explicit(&spin, memory_order_release);
        }
        tls_value++;
    }

    /* condition variable: the last thread to arrive releases everyone */
    pthread_mutex_lock(&cv_mutex);
    if (++cv_arrived == NTHREADS) {
        cv_go = 1;
        pthread_cond_broadcast(&cv);
    }
    while (!cv_go) pthread_cond_wait(&cv, &cv_mutex);
    pthread_mutex_unlock(&cv_mutex);

    char want[64];
    snprintf(want, sizeof want, "thread-%ld", id);
    res->tls_buf_ok = strcmp(tls_buf, want) == 0;
    res->tls_sum = tls_value;
    return (void *)(id * 10 + 1);
}

int main(void)
{
    pthread_t th[NTHREADS];
    struct result res[NTHREADS];
    int failures = 0;

    tls_value = -1; /* the main thread's copy; others start from the initializer */
    pthread_barrier_init(&barrier, NULL, NTHREADS);
    for (long i = 0; i < NTHREADS; i++) {
        memset(&res[i], 0, sizeof res[i]);
        res[i].id = i;
        if (pthread_create(&th[i], NULL, worker, &res[i]) != 0) {
            printf("pthread_create failed\n");
            return 2;
        }
    }
    for (int i = 0; i < NTHREADS; i++) {
        void *ret;
        int rc = pthread_join(th[i], &ret);
        long want_ret = i * 10 + 1;
        long want_tls = i * 1000 + ITERS;
        printf("thread %d: join rc=%d ret=%ld tls_initial=%s tls_final=%ld tls_buf=%s\n", i, rc, (long)(intptr_t)ret,
               res[i].tls_initial_ok ? "ok" : "BAD", res[i].tls_sum, res[i].tls_buf_ok ? "ok" : "BAD");
        if (rc != 0 || (intptr_t)ret != want_ret || !res[i].tls_initial_ok || res[i].tls_sum != want_tls ||
            !res[i].tls_buf_ok)
            failures++;
    }
    pthread_barrier_destroy(&barrier);

    long total = (long)NTHREADS * ITERS;
    struct { const char *name; long got, want; } c[] = {
        { "fetch_add", atomic_load(&counter_add), total },
        { "cas loop", atomic_load(&counter_cas), 2 * total },
        { "16-bit", atomic_load(&counter16), total & 0xffff },
        { "8-bit", atomic_load(&counter8), total & 0xff },
        { "mutex", counter_mutex, 3L * NTHREADS * (ITERS / 8) },
        { "spin lock", counter_spin, 5L * NTHREADS * (ITERS / 8) },
        { "pthread_once runs", atomic_load(&once_runs), 1 },
        { "main tls untouched", tls_value, -1 },
    };
    for (unsigned i = 0; i < sizeof c / sizeof c[0]; i++) {
        int ok = c[i].got == c[i].want;
        printf("%-20s %ld %s\n", c[i].name, c[i].got, ok ? "ok" : "FAIL");
        if (!ok) failures++;
    }
    printf("threads: %s\n", failures ? "FAIL" : "PASS");
    return failures ? 1 : 0;
}
