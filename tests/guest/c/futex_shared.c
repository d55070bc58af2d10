/* Process-shared synchronisation in MAP_SHARED memory between a parent and forked children:
 * a semaphore, a mutex with a condition variable, and a barrier, all pshared (futexes without
 * FUTEX_PRIVATE_FLAG, which other processes wait on). */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

struct shared {
    sem_t ready;
    sem_t go;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    pthread_barrier_t barrier;
    int counter;
    int turn;
};

static int failures;

static void check(const char *what, int ok) {
    printf("%-52s %s\n", what, ok ? "ok" : "FAIL");
    if (!ok) failures++;
}

#define CHILDREN 3
#define ROUNDS 200

int main(void) {
    struct shared *s = mmap(NULL, sizeof *s, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (s == MAP_FAILED) return 2;
    sem_init(&s->ready, 1, 0);
    sem_init(&s->go, 1, 0);
    pthread_mutexattr_t ma;
    pthread_mutexattr_init(&ma);
    pthread_mutexattr_setpshared(&ma, PTHREAD_PROCESS_SHARED);
    pthread_mutex_init(&s->lock, &ma);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setpshared(&ca, PTHREAD_PROCESS_SHARED);
    pthread_cond_init(&s->changed, &ca);
    pthread_barrierattr_t ba;
    pthread_barrierattr_init(&ba);
    pthread_barrierattr_setpshared(&ba, PTHREAD_PROCESS_SHARED);
    pthread_barrier_init(&s->barrier, &ba, CHILDREN + 1);
    fflush(stdout);

    pid_t kids[CHILDREN];
    for (int k = 0; k < CHILDREN; k++) {
        kids[k] = fork();
        if (kids[k] == 0) {
            sem_post(&s->ready);
            sem_wait(&s->go); /* blocks until the parent posts: a cross-process futex wait */
            for (int i = 0; i < ROUNDS; i++) {
                pthread_mutex_lock(&s->lock);
                s->counter++;
                pthread_mutex_unlock(&s->lock);
            }
            /* Take turns: wait on the condition variable until it is this child's turn. */
            pthread_mutex_lock(&s->lock);
            while (s->turn != k) pthread_cond_wait(&s->changed, &s->lock);
            s->turn++;
            pthread_cond_broadcast(&s->changed);
            pthread_mutex_unlock(&s->lock);
            pthread_barrier_wait(&s->barrier);
            _exit(0);
        }
    }
    for (int k = 0; k < CHILDREN; k++) sem_wait(&s->ready);
    check("every child is ready (sem_wait in the parent)", 1);
    usleep(100000); /* the children are now blocked in sem_wait */
    for (int k = 0; k < CHILDREN; k++) sem_post(&s->go);
    pthread_barrier_wait(&s->barrier);
    check("the barrier released parent and children", 1);
    pthread_mutex_lock(&s->lock);
    int counter = s->counter, turn = s->turn;
    pthread_mutex_unlock(&s->lock);
    check("the shared mutex kept every increment", counter == CHILDREN * ROUNDS);
    check("the condition variable passed the turn to each child", turn == CHILDREN);
    int all = 1;
    for (int k = 0; k < CHILDREN; k++) {
        int st;
        all &= waitpid(kids[k], &st, 0) == kids[k] && WIFEXITED(st) && WEXITSTATUS(st) == 0;
    }
    check("every child exited 0", all);
    printf("futex_shared: %s\n", failures ? "FAILED" : "all passed");
    return failures != 0;
}
