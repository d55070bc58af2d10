/*
 * cpu_mix: a CPU-bound benchmark for Mimic (see docs/PERFORMANCE.md).
 *
 * Mixes integer, memory and floating-point kernels, all driven by a fixed
 * pseudo-random seed, and prints one checksum line per kernel plus a total.
 * The output must be identical natively, under qemu-riscv64 and under Mimic:
 * only exactly-rounded FP operations (+ - * / sqrt) are used, and the build
 * uses -ffp-contract=off so that no fused multiply-add changes a result.
 *
 *   cpu_mix [ROUNDS]      (default ROUNDS 160: about a second under qemu-riscv64, as
 *                         issue 2 describes the program: 0.91-1.10 s on the 2-CPU machines
 *                         of docs/PERFORMANCE.md; its tables before 2026-12-07 used 85)
 *
 * Kernels (each run once per round, on data that changes every round):
 *   crc32   table-driven CRC-32 over a 64 KiB buffer (loads, shifts, xor)
 *   sort    quicksort of 8192 pseudo-random ints, insertion sort below 16
 *   matmul  48x48 double matrix multiply, plus a sqrt/divide normalisation
 *   sieve   sieve of Eratosthenes up to 200000 (byte array, strided stores)
 *   hash    FNV-1a hashing of generated strings into an open-addressing table
 *           (string building, byte loads, multiplies, unpredictable branches)
 *   nbody   5-body gravity step in double (sqrt, divide, dependent FP chains)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

#define DEFAULT_ROUNDS 160

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint64_t rng(void) {           /* xorshift64* */
    uint64_t x = rng_state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    rng_state = x;
    return x * 0x2545F4914F6CDD1Dull;
}

static uint64_t mix(uint64_t h, uint64_t v) {
    h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
    return h;
}

static uint64_t dbits(double d) {
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

/* ---- crc32 ------------------------------------------------------------- */
#define CRC_BUF (64 * 1024)
static uint32_t crc_table[256];
static unsigned char crc_buf[CRC_BUF];

static void crc_init(void) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}

static uint64_t k_crc32(void) {
    for (int i = 0; i < CRC_BUF; i += 8) {
        uint64_t r = rng();
        memcpy(crc_buf + i, &r, 8);
    }
    uint32_t c = 0xFFFFFFFFu;
    for (int i = 0; i < CRC_BUF; i++)
        c = crc_table[(c ^ crc_buf[i]) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

/* ---- sort -------------------------------------------------------------- */
#define SORT_N 8192
static int32_t sort_a[SORT_N];

static void insertion_sort(int32_t *a, int n) {
    for (int i = 1; i < n; i++) {
        int32_t v = a[i];
        int j = i - 1;
        while (j >= 0 && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

static void quick_sort(int32_t *a, int n) {
    while (n > 16) {
        int32_t p = a[n / 2];
        int i = 0, j = n - 1;
        while (i <= j) {
            while (a[i] < p) i++;
            while (a[j] > p) j--;
            if (i <= j) {
                int32_t t = a[i]; a[i] = a[j]; a[j] = t;
                i++; j--;
            }
        }
        /* recurse on the smaller part, loop on the larger */
        if (j + 1 < n - i) {
            quick_sort(a, j + 1);
            a += i; n -= i;
        } else {
            quick_sort(a + i, n - i);
            n = j + 1;
        }
    }
    insertion_sort(a, n);
}

static uint64_t k_sort(void) {
    for (int i = 0; i < SORT_N; i++)
        sort_a[i] = (int32_t)(rng() >> 32);
    quick_sort(sort_a, SORT_N);
    uint64_t h = 0;
    for (int i = 0; i < SORT_N; i++) {
        if (i > 0 && sort_a[i - 1] > sort_a[i]) {
            printf("sort: not sorted at %d\n", i);
            exit(2);
        }
        h = h * 31 + (uint32_t)sort_a[i];
    }
    return h;
}

/* ---- matmul ------------------------------------------------------------ */
#define MN 48
static double ma[MN][MN], mb[MN][MN], mc[MN][MN];

static uint64_t k_matmul(void) {
    for (int i = 0; i < MN; i++)
        for (int j = 0; j < MN; j++) {
            ma[i][j] = (double)(int32_t)(rng() >> 40) / 1024.0;
            mb[i][j] = (double)(int32_t)(rng() >> 44) / 4096.0 - 1.5;
        }
    for (int i = 0; i < MN; i++)
        for (int j = 0; j < MN; j++) {
            double s = 0.0;
            for (int k = 0; k < MN; k++)
                s += ma[i][k] * mb[k][j];
            mc[i][j] = s;
        }
    uint64_t h = 0;
    for (int i = 0; i < MN; i++) {
        double norm = 0.0;
        for (int j = 0; j < MN; j++)
            norm += mc[i][j] * mc[i][j];
        norm = sqrt(norm) + 1.0;
        for (int j = 0; j < MN; j++)
            h = mix(h, dbits(mc[i][j] / norm));
    }
    return h;
}

/* ---- sieve ------------------------------------------------------------- */
#define SIEVE_N 200000
static unsigned char sieve[SIEVE_N + 1];

static uint64_t k_sieve(uint64_t round) {
    int limit = SIEVE_N - (int)(round % 1000);
    memset(sieve, 1, (size_t)limit + 1);
    sieve[0] = sieve[1] = 0;
    for (int i = 2; (long)i * i <= limit; i++)
        if (sieve[i])
            for (int j = i * i; j <= limit; j += i)
                sieve[j] = 0;
    uint64_t count = 0, sum = 0;
    for (int i = 2; i <= limit; i++)
        if (sieve[i]) {
            count++;
            sum += (uint64_t)i;
        }
    return count * 1000003u + sum;
}

/* ---- hash -------------------------------------------------------------- */
#define HASH_KEYS 6000
#define HASH_SLOTS 16384               /* power of two, > 2 * HASH_KEYS */
static char hash_keys[HASH_SLOTS][24];
static uint32_t hash_count[HASH_SLOTS];

static uint32_t fnv1a(const char *s) {
    uint32_t h = 2166136261u;
    while (*s) {
        h ^= (unsigned char)*s++;
        h *= 16777619u;
    }
    return h;
}

static uint64_t k_hash(void) {
    memset(hash_count, 0, sizeof hash_count);
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    char key[24];
    uint64_t distinct = 0, probes = 0;
    for (int n = 0; n < HASH_KEYS; n++) {
        /* keys from a small space so that some repeat */
        uint64_t r = rng();
        int len = 4 + (int)(r % 8);
        r >>= 3;
        uint64_t sel = r % 9000;
        for (int i = 0; i < len; i++) {
            key[i] = alphabet[sel % 36];
            sel = sel * 7 + 3;
        }
        key[len] = '\0';
        uint32_t slot = fnv1a(key) & (HASH_SLOTS - 1);
        for (;;) {
            probes++;
            if (hash_count[slot] == 0) {
                strcpy(hash_keys[slot], key);
                hash_count[slot] = 1;
                distinct++;
                break;
            }
            if (strcmp(hash_keys[slot], key) == 0) {
                hash_count[slot]++;
                break;
            }
            slot = (slot + 1) & (HASH_SLOTS - 1);
        }
    }
    uint64_t h = distinct * 1315423911u + probes;
    for (int i = 0; i < HASH_SLOTS; i++)
        if (hash_count[i])
            h = mix(h, (uint64_t)fnv1a(hash_keys[i]) * hash_count[i] + (uint64_t)i);
    return h;
}

/* ---- nbody ------------------------------------------------------------- */
#define NB 5
#define NB_STEPS 2000
typedef struct { double x, y, z, vx, vy, vz, m; } body;

static uint64_t k_nbody(void) {
    body b[NB];
    for (int i = 0; i < NB; i++) {
        b[i].x = (double)(rng() >> 44) / 65536.0 - 8.0;
        b[i].y = (double)(rng() >> 44) / 65536.0 - 8.0;
        b[i].z = (double)(rng() >> 44) / 65536.0 - 8.0;
        b[i].vx = b[i].vy = b[i].vz = 0.0;
        b[i].m = 1.0 + (double)(rng() >> 60);
    }
    const double dt = 0.001;
    for (int s = 0; s < NB_STEPS; s++) {
        for (int i = 0; i < NB; i++)
            for (int j = i + 1; j < NB; j++) {
                double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
                double d2 = dx * dx + dy * dy + dz * dz + 0.01;
                double mag = dt / (d2 * sqrt(d2));
                b[i].vx -= dx * b[j].m * mag; b[i].vy -= dy * b[j].m * mag; b[i].vz -= dz * b[j].m * mag;
                b[j].vx += dx * b[i].m * mag; b[j].vy += dy * b[i].m * mag; b[j].vz += dz * b[i].m * mag;
            }
        for (int i = 0; i < NB; i++) {
            b[i].x += dt * b[i].vx; b[i].y += dt * b[i].vy; b[i].z += dt * b[i].vz;
        }
    }
    uint64_t h = 0;
    for (int i = 0; i < NB; i++) {
        h = mix(h, dbits(b[i].x));
        h = mix(h, dbits(b[i].vy));
        h = mix(h, dbits(b[i].z));
    }
    return h;
}

/* ------------------------------------------------------------------------ */
int main(int argc, char **argv) {
    long rounds = DEFAULT_ROUNDS;
    if (argc > 1) {
        rounds = strtol(argv[1], NULL, 10);
        if (rounds <= 0) {
            fprintf(stderr, "usage: %s [ROUNDS>0]\n", argv[0]);
            return 1;
        }
    }
    crc_init();
    uint64_t c_crc = 0, c_sort = 0, c_mat = 0, c_sieve = 0, c_hash = 0, c_nbody = 0;
    for (long r = 0; r < rounds; r++) {
        c_crc = mix(c_crc, k_crc32());
        c_sort = mix(c_sort, k_sort());
        c_mat = mix(c_mat, k_matmul());
        c_sieve = mix(c_sieve, k_sieve((uint64_t)r));
        c_hash = mix(c_hash, k_hash());
        c_nbody = mix(c_nbody, k_nbody());
    }
    printf("crc32  %016llx\n", (unsigned long long)c_crc);
    printf("sort   %016llx\n", (unsigned long long)c_sort);
    printf("matmul %016llx\n", (unsigned long long)c_mat);
    printf("sieve  %016llx\n", (unsigned long long)c_sieve);
    printf("hash   %016llx\n", (unsigned long long)c_hash);
    printf("nbody  %016llx\n", (unsigned long long)c_nbody);
    uint64_t total = mix(mix(mix(mix(mix(mix(0, c_crc), c_sort), c_mat), c_sieve), c_hash), c_nbody);
    printf("checksum %016llx rounds %ld\n", (unsigned long long)total, rounds);
    return 0;
}
