/*
 * Dies of SIGSEGV: prints a line, flushes stdout, then stores through a NULL
 * pointer. Expected shell-visible exit status: 139 (128 + SIGSEGV), with a
 * one-line message from the emulator on stderr; the harness compares the
 * status with qemu's. Exit status 1 means the store did not fault.
 */
#include <stdio.h>

int main(void)
{
    printf("about to write through a NULL pointer\n");
    fflush(stdout);
    volatile int *volatile p = NULL;
    *p = 42;
    printf("still alive after the NULL write\n");
    return 1;
}
