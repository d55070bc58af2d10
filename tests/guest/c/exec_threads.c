/*
 * execve from a thread of a multi-threaded program: the kernel ends every other thread first
 * (one blocked in read on a pipe, one spinning, one in a futex wait), and the new image starts
 * with one thread whose tid is the pid. The blocked reader must not survive to steal the byte
 * the new image writes to the same pipe, and the spinning thread must not run on in the new
 * image. The program runs itself again through $MIMIC_TEST_GUEST (see fork_exec.c).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

extern char **environ;

static int pipefd[2];
static volatile unsigned long spins;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t never = PTHREAD_COND_INITIALIZER;

static void *reader(void *arg)
{
    (void) arg;
    char c;
    if (read(pipefd[0], &c, 1) == 1) {
        static const char msg[] = "FAIL: the old image's reader thread read the byte\n";
        write(1, msg, sizeof msg - 1);
    }
    return NULL;
}

static void *spinner(void *arg)
{
    (void) arg;
    for (;;) spins++;
    return NULL;
}

static void *waiter(void *arg)
{
    (void) arg;
    pthread_mutex_lock(&lock);
    for (;;) pthread_cond_wait(&never, &lock);
    return NULL;
}

static void *execer(void *arg)
{
    const char *guest = arg;
    /* Let the others reach their read, loop and wait. */
    usleep(100 * 1000);
    char rfd[16], wfd[16];
    snprintf(rfd, sizeof rfd, "%d", pipefd[0]);
    snprintf(wfd, sizeof wfd, "%d", pipefd[1]);
    char *args[] = {(char *) "exec_threads", (char *) "after", rfd, wfd, NULL};
    printf("the execing thread is not the first: %s\n", syscall(SYS_gettid) != getpid() ? "yes" : "no");
    fflush(stdout);
    execve(guest, args, environ);
    printf("execve failed: %s\n", strerror(errno));
    exit(1);
}

static int after(int argc, char **argv)
{
    if (argc < 4) return 2;
    int r = atoi(argv[2]), w = atoi(argv[3]);
    printf("new image: tid is the pid: %s\n", syscall(SYS_gettid) == getpid() ? "yes" : "no");
    if (write(w, "x", 1) != 1) return 2;
    /* Give a surviving reader of the old image every chance to take the byte first. */
    usleep(100 * 1000);
    struct pollfd p = {r, POLLIN, 0};
    int ready = poll(&p, 1, 1000);
    char c = 0;
    printf("the byte is still in the pipe: %s\n", ready == 1 && read(r, &c, 1) == 1 && c == 'x' ? "yes" : "no");
    usleep(100 * 1000);
    printf("done\n");
    return 0;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc > 1 && strcmp(argv[1], "after") == 0) return after(argc, argv);
    const char *guest = getenv("MIMIC_TEST_GUEST");
    if (!guest) {
        printf("MIMIC_TEST_GUEST is not set\n");
        return 1;
    }
    if (pipe(pipefd) != 0) return 2;
    pthread_t t[4];
    pthread_create(&t[0], NULL, reader, NULL);
    pthread_create(&t[1], NULL, spinner, NULL);
    pthread_create(&t[2], NULL, waiter, NULL);
    pthread_create(&t[3], NULL, execer, (void *) guest);
    /* The first thread waits too: it ends with the others. */
    pthread_join(t[3], NULL);
    printf("FAIL: the first thread went on after the execve\n");
    return 1;
}
