/* signalfd: signals read as records from an fd, with poll and epoll readiness, a new mask,
 * non-blocking and blocking reads, sigqueue values, and a forked child's own signalfd. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>
#include <fcntl.h>
#include <pthread.h>

static int failures;

static void check(const char *what, int ok) {
    printf("%-48s %s\n", what, ok ? "ok" : "FAIL");
    if (!ok) failures++;
}

static int readable(int fd) {
    struct pollfd p = {.fd = fd, .events = POLLIN};
    return poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

static void *sender(void *arg) {
    usleep(50000);
    kill(getpid(), SIGUSR2);
    return arg;
}

int main(void) {
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR1);
    sigaddset(&mask, SIGUSR2);
    sigaddset(&mask, SIGRTMIN + 1);
    sigprocmask(SIG_BLOCK, &mask, NULL);

    int fd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
    check("signalfd creates an fd", fd >= 3);
    check("close-on-exec is set", (fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0);
    check("O_NONBLOCK is set", (fcntl(fd, F_GETFL) & O_NONBLOCK) != 0);
    struct signalfd_siginfo si;
    check("empty non-blocking read is EAGAIN", read(fd, &si, sizeof si) == -1 && errno == EAGAIN);
    check("short buffer is EINVAL", read(fd, &si, 64) == -1 && errno == EINVAL);
    check("not readable while nothing is pending", !readable(fd));

    kill(getpid(), SIGUSR1);
    check("readable after kill", readable(fd));
    memset(&si, 0, sizeof si);
    ssize_t n = read(fd, &si, sizeof si);
    check("read returns one record", n == (ssize_t) sizeof si);
    check("ssi_signo is SIGUSR1", si.ssi_signo == SIGUSR1);
    check("ssi_code is SI_USER", si.ssi_code == SI_USER);
    check("ssi_pid is ours", si.ssi_pid == (uint32_t) getpid());
    check("ssi_uid is ours", si.ssi_uid == (uint32_t) getuid());
    check("not readable after the read", !readable(fd));
    sigset_t pend;
    sigpending(&pend);
    check("the read took the signal", !sigismember(&pend, SIGUSR1));

    /* Real-time signals queue, each with its value, and one read takes several. */
    union sigval v1 = {.sival_int = 1234}, v2 = {.sival_int = -77};
    sigqueue(getpid(), SIGRTMIN + 1, v1);
    sigqueue(getpid(), SIGRTMIN + 1, v2);
    struct signalfd_siginfo two[4];
    n = read(fd, two, sizeof two);
    check("two queued real-time signals in one read", n == 2 * (ssize_t) sizeof(struct signalfd_siginfo));
    check("first value 1234, SI_QUEUE", two[0].ssi_int == 1234 && two[0].ssi_code == SI_QUEUE);
    check("second value -77", two[1].ssi_int == -77 && two[1].ssi_signo == (uint32_t) (SIGRTMIN + 1));

    /* A signal outside the mask stays pending, unseen by the fd. */
    sigset_t term;
    sigemptyset(&term);
    sigaddset(&term, SIGTERM);
    sigprocmask(SIG_BLOCK, &term, NULL);
    raise(SIGTERM);
    check("a signal outside the mask does not make it readable", !readable(fd));

    /* A new mask on the same fd. */
    sigset_t mask2 = mask;
    sigaddset(&mask2, SIGTERM);
    check("signalfd(fd, new mask) returns fd", signalfd(fd, &mask2, 0) == fd);
    check("now readable: SIGTERM was pending", readable(fd));
    n = read(fd, &si, sizeof si);
    check("reads SIGTERM", n == (ssize_t) sizeof si && si.ssi_signo == SIGTERM);
    check("signalfd on a non-signalfd is EINVAL", signalfd(0, &mask, 0) == -1 && errno == EINVAL);

    /* epoll sees it, and a dup reads the same signalfd. */
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN, .data.u32 = 42}, out;
    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
    check("epoll: nothing yet", epoll_wait(ep, &out, 1, 0) == 0);
    int copy = dup(fd);
    kill(getpid(), SIGUSR2);
    check("epoll: ready after kill", epoll_wait(ep, &out, 1, 1000) == 1 && out.data.u32 == 42);
    n = read(copy, &si, sizeof si);
    check("the dup reads SIGUSR2", n == (ssize_t) sizeof si && si.ssi_signo == SIGUSR2);
    close(copy);
    close(ep);

    /* A blocking read waits for a signal another thread sends. */
    int bfd = signalfd(-1, &mask, 0);
    pthread_t th;
    pthread_create(&th, NULL, sender, NULL);
    n = read(bfd, &si, sizeof si);
    check("blocking read wakes for another thread's kill", n == (ssize_t) sizeof si && si.ssi_signo == SIGUSR2);
    pthread_join(th, NULL);

    /* poll blocks until a signal arrives. */
    pthread_create(&th, NULL, sender, NULL);
    struct pollfd p = {.fd = bfd, .events = POLLIN};
    check("poll waits for the signal", poll(&p, 1, 5000) == 1 && (p.revents & POLLIN));
    n = read(bfd, &si, sizeof si);
    check("then reads it", n == (ssize_t) sizeof si && si.ssi_signo == SIGUSR2);
    pthread_join(th, NULL);

    /* A forked child's signalfd reads the child's signals, not the parent's. */
    kill(getpid(), SIGUSR1); /* pending in the parent only */
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        int ok = !readable(bfd); /* pending signals are not inherited */
        kill(getpid(), SIGUSR2);
        struct signalfd_siginfo c;
        ok = ok && readable(bfd) && read(bfd, &c, sizeof c) == (ssize_t) sizeof c && c.ssi_signo == SIGUSR2
             && c.ssi_pid == (uint32_t) getpid();
        _exit(ok ? 0 : 3);
    }
    int status = 0;
    waitpid(child, &status, 0);
    check("the child's signalfd reads the child's signal", WIFEXITED(status) && WEXITSTATUS(status) == 0);
    check("the parent's SIGUSR1 is still readable", readable(bfd));
    n = read(bfd, &si, sizeof si);
    check("and is SIGUSR1", n == (ssize_t) sizeof si && si.ssi_signo == SIGUSR1);
    close(bfd);
    close(fd);

    /* A signal from another process: a child's kill (default disposition, blocked, watched by
     * a signalfd). */
    sigset_t outside;
    sigemptyset(&outside);
    sigaddset(&outside, SIGUSR1);
    sigprocmask(SIG_BLOCK, &outside, NULL);
    int ofd = signalfd(-1, &outside, 0);
    fflush(stdout);
    child = fork();
    if (child == 0) {
        kill(getppid(), SIGUSR1);
        _exit(0);
    }
    struct pollfd op = {.fd = ofd, .events = POLLIN};
    int got_usr1 = poll(&op, 1, 20000) == 1 && read(ofd, &si, sizeof si) == (ssize_t) sizeof si
                   && si.ssi_signo == SIGUSR1;
    check("a child's kill arrives through the signalfd", got_usr1);
    waitpid(child, &status, 0);
    close(ofd);

    /* SIGCHLD of children that exit and that are killed, read before they are reaped. */
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, NULL);
    int cfd = signalfd(-1, &chld, 0);
    fflush(stdout);
    pid_t exiting = fork();
    if (exiting == 0) _exit(5);
    struct pollfd cp = {.fd = cfd, .events = POLLIN};
    int ok = poll(&cp, 1, 20000) == 1 && read(cfd, &si, sizeof si) == (ssize_t) sizeof si;
    check("SIGCHLD arrives through the signalfd", ok && si.ssi_signo == SIGCHLD);
    check("CLD_EXITED, the child's pid and exit code 5",
          si.ssi_code == CLD_EXITED && si.ssi_pid == (uint32_t) exiting && si.ssi_status == 5);
    waitpid(exiting, &status, 0);
    pid_t sleeper = fork();
    if (sleeper == 0) {
        pause();
        _exit(0);
    }
    kill(sleeper, SIGKILL);
    ok = poll(&cp, 1, 20000) == 1 && read(cfd, &si, sizeof si) == (ssize_t) sizeof si;
    check("CLD_KILLED with the signal for a killed child",
          ok && si.ssi_code == CLD_KILLED && si.ssi_pid == (uint32_t) sleeper && si.ssi_status == SIGKILL);
    waitpid(sleeper, &status, 0);
    close(cfd);

    printf("signalfd: %s\n", failures ? "FAILED" : "all passed");
    return failures ? 1 : 0;
}
