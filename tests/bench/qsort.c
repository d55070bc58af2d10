/*
 * qsort: sorting with libc's qsort (an indirect call to the comparator per comparison) and with
 * a hand-written introsort-free quicksort, for Mimic's benchmarks (docs/PERFORMANCE.md).
 *
 *   qsort [ROUNDS]      (default: about 1-2 s under qemu-riscv64)
 *
 * Each round sorts 50000 pseudo-random ints with qsort, 50000 with the inline quicksort, and
 * 8000 short strings with qsort and strcmp; every result is checked and folded into a checksum.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_ROUNDS 28
#define NINTS 50000
#define NSTRS 8000

static uint64_t rng_state = 0x243F6A8885A308D3ull;
static uint64_t rng(void) { rng_state ^= rng_state >> 12; rng_state ^= rng_state << 25; rng_state ^= rng_state >> 27; return rng_state * 2685821657736338717ull; }

static int cmp_int(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}
static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void quicksort(int *v, long lo, long hi) {
    while (hi - lo > 12) {
        int p = v[lo + (hi - lo) / 2];
        long i = lo, j = hi;
        while (i <= j) {
            while (v[i] < p) i++;
            while (v[j] > p) j--;
            if (i <= j) { int t = v[i]; v[i] = v[j]; v[j] = t; i++; j--; }
        }
        if (j - lo < hi - i) { quicksort(v, lo, j); lo = i; }
        else { quicksort(v, i, hi); hi = j; }
    }
    for (long i = lo + 1; i <= hi; i++) {
        int x = v[i];
        long k = i - 1;
        while (k >= lo && v[k] > x) { v[k + 1] = v[k]; k--; }
        v[k + 1] = x;
    }
}

static int a[NINTS], b[NINTS];
static char strbuf[NSTRS][12];
static char *strs[NSTRS];

int main(int argc, char **argv) {
    long rounds = DEFAULT_ROUNDS;
    if (argc > 1 && (rounds = strtol(argv[1], NULL, 10)) <= 0) {
        fprintf(stderr, "usage: %s [ROUNDS>0]\n", argv[0]);
        return 1;
    }
    uint64_t sum = 0;
    for (long r = 0; r < rounds; r++) {
        for (int i = 0; i < NINTS; i++) a[i] = b[i] = (int)(rng() >> 33) - (1 << 30);
        qsort(a, NINTS, sizeof a[0], cmp_int);
        quicksort(b, 0, NINTS - 1);
        for (int i = 0; i < NINTS; i++) {
            if (a[i] != b[i] || (i && a[i - 1] > a[i])) { printf("round %ld: not sorted at %d\n", r, i); return 1; }
            sum = sum * 1000003 + (uint32_t)a[i];
        }
        for (int i = 0; i < NSTRS; i++) {
            uint64_t x = rng();
            int len = 3 + (int)(x % 8);
            for (int k = 0; k < len; k++) strbuf[i][k] = (char)('a' + (x >> (8 + 3 * k)) % 6);
            strbuf[i][len] = 0;
            strs[i] = strbuf[i];
        }
        qsort(strs, NSTRS, sizeof strs[0], cmp_str);
        for (int i = 1; i < NSTRS; i++) {
            if (strcmp(strs[i - 1], strs[i]) > 0) { printf("round %ld: strings not sorted\n", r); return 1; }
        }
        for (int i = 0; i < NSTRS; i += 97) for (const char *s = strs[i]; *s; s++) sum = sum * 31 + (uint8_t)*s;
    }
    printf("sorted %ld x %d ints twice and %d strings\n", rounds, NINTS, NSTRS);
    printf("checksum %016llx\n", (unsigned long long)sum);
    return 0;
}
