/*
 * Clocks: clock_gettime (REALTIME, MONOTONIC, and friends), gettimeofday,
 * time(), clock_getres, nanosleep/clock_nanosleep of 10 ms measured on the
 * monotonic clock, times()/clock(). Only relations are printed (never a time),
 * so the output is deterministic. Exits 0 when all relations hold.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

static int failures;

static void rel(const char *what, int holds)
{
    printf("%-50s %s\n", what, holds ? "yes" : "NO");
    if (!holds) failures++;
}

static int64_t ns(const struct timespec *t) { return (int64_t)t->tv_sec * 1000000000 + t->tv_nsec; }

int main(void)
{
    struct timespec rt, mono, mono2, res, raw, boot, cpu, thr, coarse;

    rel("clock_gettime(CLOCK_REALTIME) == 0", clock_gettime(CLOCK_REALTIME, &rt) == 0);
    rel("clock_gettime(CLOCK_MONOTONIC) == 0", clock_gettime(CLOCK_MONOTONIC, &mono) == 0);
    rel("realtime after 2020-01-01", rt.tv_sec > 1577836800);
    rel("realtime before 2200-01-01", rt.tv_sec < 7258118400LL);
    rel("realtime tv_nsec in [0, 1e9)", rt.tv_nsec >= 0 && rt.tv_nsec < 1000000000);
    rel("monotonic tv_nsec in [0, 1e9)", mono.tv_nsec >= 0 && mono.tv_nsec < 1000000000);
    rel("monotonic >= 0", mono.tv_sec >= 0);

    /* time() and gettimeofday() agree with CLOCK_REALTIME to within a few seconds */
    time_t t = time(NULL);
    time_t t2;
    rel("time(&t2) == t2", time(&t2) == t2);
    struct timeval tv;
    rel("gettimeofday == 0", gettimeofday(&tv, NULL) == 0);
    rel("gettimeofday tv_usec in [0, 1e6)", tv.tv_usec >= 0 && tv.tv_usec < 1000000);
    rel("|time() - realtime| <= 5 s", t - rt.tv_sec <= 5 && rt.tv_sec - t <= 5);
    rel("|gettimeofday - realtime| <= 5 s", tv.tv_sec - rt.tv_sec <= 5 && rt.tv_sec - tv.tv_sec <= 5);
    rel("time() is non-decreasing", t2 >= t);

    /* resolutions */
    rel("clock_getres(REALTIME) == 0", clock_getres(CLOCK_REALTIME, &res) == 0);
    rel("realtime res in (0, 10 ms]", ns(&res) > 0 && ns(&res) <= 10000000);
    rel("clock_getres(MONOTONIC) == 0", clock_getres(CLOCK_MONOTONIC, &res) == 0);
    rel("monotonic res in (0, 10 ms]", ns(&res) > 0 && ns(&res) <= 10000000);
    rel("clock_getres(MONOTONIC, NULL) == 0", clock_getres(CLOCK_MONOTONIC, NULL) == 0);
    errno = 0;
    rel("clock_getres(bad clock) fails with EINVAL", clock_getres((clockid_t)12345, &res) == -1 && errno == EINVAL);
    errno = 0;
    rel("clock_gettime(bad clock) fails with EINVAL", clock_gettime((clockid_t)12345, &res) == -1 && errno == EINVAL);

    /* other clocks exist and behave */
    rel("CLOCK_MONOTONIC_RAW works", clock_gettime(CLOCK_MONOTONIC_RAW, &raw) == 0 && raw.tv_sec >= 0);
    rel("CLOCK_BOOTTIME works", clock_gettime(CLOCK_BOOTTIME, &boot) == 0);
    rel("CLOCK_REALTIME_COARSE works", clock_gettime(CLOCK_REALTIME_COARSE, &coarse) == 0 &&
                                           coarse.tv_sec - rt.tv_sec <= 5 && rt.tv_sec - coarse.tv_sec <= 5);
    rel("CLOCK_PROCESS_CPUTIME_ID works", clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu) == 0 && ns(&cpu) >= 0);
    rel("CLOCK_THREAD_CPUTIME_ID works", clock_gettime(CLOCK_THREAD_CPUTIME_ID, &thr) == 0 && ns(&thr) >= 0);

    /* monotonic never goes back over many reads */
    int back = 0;
    struct timespec prev = mono, cur;
    for (int i = 0; i < 2000; i++) {
        clock_gettime(CLOCK_MONOTONIC, &cur);
        if (ns(&cur) < ns(&prev)) back++;
        prev = cur;
    }
    rel("monotonic non-decreasing over 2000 reads", back == 0);

    /* nanosleep 10 ms */
    struct timespec req = { 0, 10 * 1000 * 1000 }, rem = { 99, 99 };
    clock_gettime(CLOCK_MONOTONIC, &mono);
    int rc = nanosleep(&req, &rem);
    clock_gettime(CLOCK_MONOTONIC, &mono2);
    int64_t elapsed = ns(&mono2) - ns(&mono);
    rel("nanosleep(10 ms) == 0", rc == 0);
    rel("elapsed >= 10 ms", elapsed >= 10000000);
    rel("elapsed < 5 s", elapsed < 5000000000LL);

    /* clock_nanosleep relative and absolute */
    clock_gettime(CLOCK_MONOTONIC, &mono);
    rc = clock_nanosleep(CLOCK_MONOTONIC, 0, &req, NULL);
    clock_gettime(CLOCK_MONOTONIC, &mono2);
    rel("clock_nanosleep relative == 0", rc == 0);
    rel("clock_nanosleep relative elapsed >= 10 ms", ns(&mono2) - ns(&mono) >= 10000000);
    struct timespec until = mono2;
    until.tv_nsec += 10000000;
    if (until.tv_nsec >= 1000000000) { until.tv_sec++; until.tv_nsec -= 1000000000; }
    rc = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, NULL);
    clock_gettime(CLOCK_MONOTONIC, &cur);
    rel("clock_nanosleep absolute == 0", rc == 0);
    rel("woke at or after the deadline", ns(&cur) >= ns(&until));
    struct timespec bad = { 0, 1000000000 };
    errno = 0;
    rel("nanosleep(tv_nsec = 1e9) fails with EINVAL", nanosleep(&bad, NULL) == -1 && errno == EINVAL);
    struct timespec zero = { 0, 0 };
    rel("nanosleep(0) == 0", nanosleep(&zero, NULL) == 0);

    /* usleep goes through nanosleep too */
    clock_gettime(CLOCK_MONOTONIC, &mono);
    usleep(5000);
    clock_gettime(CLOCK_MONOTONIC, &mono2);
    rel("usleep(5 ms) elapsed >= 5 ms", ns(&mono2) - ns(&mono) >= 5000000);

    /* times() and clock() */
    struct tms tm;
    clock_t ticks = times(&tm);
    rel("times() != -1", ticks != (clock_t)-1);
    rel("tms_utime >= 0 and tms_stime >= 0", tm.tms_utime >= 0 && tm.tms_stime >= 0);
    rel("clock() >= 0", clock() >= 0);
    rel("sysconf(_SC_CLK_TCK) == 100", sysconf(_SC_CLK_TCK) == 100);

    /* broken-down time of a fixed instant is pure computation */
    time_t fixed = 1700000000;
    struct tm g;
    gmtime_r(&fixed, &g);
    char buf[64];
    strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %a %j", &g);
    printf("gmtime(1700000000) = %s\n", buf);
    rel("timegm(gmtime(x)) == x", timegm(&g) == fixed);

    printf("time: %s\n", failures ? "FAIL" : "PASS");
    return failures ? 1 : 0;
}
