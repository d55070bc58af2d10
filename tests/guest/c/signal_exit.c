/*
 * Dies of a signal sent to itself with the default action: SIGTERM after a handler was
 * installed and reset (SA_RESETHAND), so the second one terminates. Expected status: 143
 * (128 + SIGTERM), by the signal (WIFSIGNALED), compared with qemu's by the harness.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void once(int sig)
{
    printf("handler for %d ran once\n", sig);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = once;
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGTERM, &sa, NULL);
    kill(getpid(), SIGTERM);
    printf("sending SIGTERM again\n");
    kill(getpid(), SIGTERM);
    printf("still alive after the default SIGTERM\n");
    return 1;
}
