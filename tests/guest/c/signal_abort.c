/*
 * abort(): SIGABRT, whose default action dumps core. Expected status 134 (128 + SIGABRT) and no
 * core flag (the harness runs with RLIMIT_CORE as the machine sets it; Mimic and qemu-user both
 * make sure no host core of the emulator is written). A handler that returns does not stop it.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

static void note(int sig)
{
    printf("SIGABRT handler ran (%d); abort continues\n", sig);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    signal(SIGABRT, note);
    abort();
    return 1;
}
