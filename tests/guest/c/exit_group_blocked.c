/*
 * exit_group while the other threads are blocked: in a condition wait (futex), in pthread_join,
 * in nanosleep and in read on an empty pipe. The process must end at once with the status of
 * exit(3), from a worker thread, with all output written before.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t c = PTHREAD_COND_INITIALIZER;
static atomic_int blocked;
static int pipefd[2];

static void *cond_waiter(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&m);
    atomic_fetch_add(&blocked, 1);
    for (;;) pthread_cond_wait(&c, &m);
    return NULL;
}

static void *sleeper(void *arg)
{
    (void)arg;
    atomic_fetch_add(&blocked, 1);
    for (;;) sleep(100);
    return NULL;
}

static void *reader(void *arg)
{
    (void)arg;
    char b;
    atomic_fetch_add(&blocked, 1);
    for (;;) read(pipefd[0], &b, 1);
    return NULL;
}

static void *ender(void *arg)
{
    (void)arg;
    while (atomic_load(&blocked) < 4) usleep(1000);
    usleep(50000);
    printf("ender: everybody is blocked, exit(3)\n");
    fflush(stdout);
    exit(3);
}

int main(void)
{
    pthread_t t[4];
    if (pipe(pipefd) != 0) return 1;
    pthread_create(&t[0], NULL, cond_waiter, NULL);
    pthread_create(&t[1], NULL, sleeper, NULL);
    pthread_create(&t[2], NULL, reader, NULL);
    pthread_create(&t[3], NULL, ender, NULL);
    printf("main: joining a thread that never ends\n");
    fflush(stdout);
    atomic_fetch_add(&blocked, 1);
    pthread_join(t[0], NULL);
    printf("not reached\n");
    return 0;
}
