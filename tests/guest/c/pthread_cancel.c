/*
 * pthread_cancel of a thread blocked in pthread_cond_wait (a cancellation point): glibc sends
 * SIGCANCEL with tgkill, the handler unwinds the thread, the cleanup handler unlocks the mutex,
 * and pthread_join returns PTHREAD_CANCELED. Needs guest signal delivery.
 */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>

static int failures;

static void check(const char *what, long got, long want)
{
    int ok = got == want;
    printf("%-28s %ld %s\n", what, got, ok ? "ok" : "FAIL");
    if (!ok) failures++;
}

/* ---- cancellation ---- */
static pthread_mutex_t cm = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cc = PTHREAD_COND_INITIALIZER;
static atomic_int cancel_waiting, cleanup_ran;

static void unlock_cleanup(void *arg)
{
    atomic_store(&cleanup_ran, 1);
    pthread_mutex_unlock(arg);
}

static void *cancel_worker(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&cm);
    pthread_cleanup_push(unlock_cleanup, &cm);
    atomic_store(&cancel_waiting, 1);
    for (;;) pthread_cond_wait(&cc, &cm);
    pthread_cleanup_pop(1);
    return NULL;
}

int main(void)
{
    pthread_t ct;
    void *cr;
    pthread_create(&ct, NULL, cancel_worker, NULL);
    while (!atomic_load(&cancel_waiting)) sched_yield();
    pthread_mutex_lock(&cm); /* the worker is inside pthread_cond_wait */
    pthread_mutex_unlock(&cm);
    pthread_cancel(ct);
    pthread_join(ct, &cr);
    check("cancelled", cr == PTHREAD_CANCELED, 1);
    check("cleanup handler ran", atomic_load(&cleanup_ran), 1);
    /* the mutex is free again */
    check("mutex trylock after cancel", pthread_mutex_trylock(&cm), 0);
    printf("pthread_cancel: %s\n", failures ? "FAIL" : "PASS");
    return failures ? 1 : 0;
}
