/*
 * Fork latency, for docs/PERFORMANCE.md (not part of the test suite: it prints times).
 *
 *   fork_latency [-w MS] N [COMMAND...]
 *
 * With -w, sleeps MS milliseconds before each round (not timed): under Mimic that lets the next
 * spare process get warm, so the round measures a fork with a warm spare; without it, rounds
 * follow each other as fast as they can (a spare is rarely ready). Times N rounds of fork + _exit + waitpid, then (with a COMMAND) N rounds of fork + execv(COMMAND)
 * + waitpid, and prints the median, 10th and 90th percentile of each in microseconds. To time a
 * guest `true` under qemu-user without binfmt_misc, give the command as `qemu-riscv64 PATH`
 * (what binfmt_misc would run); under Mimic give PATH itself (Mimic's execve runs it in-process).
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void report(const char *what, double *t, int n)
{
    qsort(t, n, sizeof *t, cmp);
    printf("%-32s median %9.0f us   p10 %9.0f us   p90 %9.0f us   (n=%d)\n", what, t[n / 2], t[n / 10], t[n * 9 / 10], n);
}

static int pause_ms;

static void settle(void)
{
    if (pause_ms > 0) usleep(pause_ms * 1000);
}

int main(int argc, char **argv)
{
    if (argc > 2 && argv[1][0] == '-' && argv[1][1] == 'w') {
        pause_ms = atoi(argv[2]);
        argc -= 2;
        argv += 2;
    }
    int n = argc > 1 ? atoi(argv[1]) : 200;
    if (n < 1) n = 1;
    double *t = malloc(sizeof(double) * n);
    for (int i = 0; i < n; i++) {
        settle();
        double start = now_us();
        pid_t p = fork();
        if (p == 0) _exit(0);
        waitpid(p, NULL, 0);
        t[i] = now_us() - start;
    }
    report("fork+exit+wait", t, n);
    if (argc > 2) {
        for (int i = 0; i < n; i++) {
            settle();
            double start = now_us();
            pid_t p = fork();
            if (p == 0) {
                execv(argv[2], argv + 2);
                _exit(127);
            }
            int st;
            waitpid(p, &st, 0);
            if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
                printf("the command failed (status %#x)\n", st);
                return 1;
            }
            t[i] = now_us() - start;
        }
        report("fork+exec+wait", t, n);
    }
    return 0;
}
