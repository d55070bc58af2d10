/*
 * exit versus exit_group with threads. A thread that ends with the raw exit system call ends
 * alone: the kernel clears its tid and wakes pthread_join. Then the main thread leaves with
 * pthread_exit while a worker goes on, and the worker ends the process with exit(5) (exit_group
 * from a thread that is not the first): the exit status must be 5 and the worker's output must
 * appear.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

static atomic_int raw_ran;
static pthread_t main_thread;

static void *raw_exit_thread(void *arg)
{
    (void)arg;
    atomic_store(&raw_ran, 1);
    syscall(SYS_exit, 9); /* this thread only */
    return NULL;
}

static void *last_worker(void *arg)
{
    (void)arg;
    /* the main thread has gone: joining it works, as it is joinable */
    int rc = pthread_join(main_thread, NULL);
    printf("worker: joined main rc=%d, pid unchanged=%d\n", rc, getpid() == (pid_t)(long)arg);
    fflush(stdout);
    exit(5);
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, raw_exit_thread, NULL);
    int rc = pthread_join(t, NULL);
    printf("raw exit thread: ran=%d join rc=%d\n", atomic_load(&raw_ran), rc);

    main_thread = pthread_self();
    pthread_t w;
    pthread_create(&w, NULL, last_worker, (void *)(long)getpid());
    printf("main: leaving with pthread_exit\n");
    fflush(stdout);
    pthread_exit(NULL);
}
