/*
 * malloc/calloc/realloc/free of varied sizes, including blocks above the
 * 128 KiB mmap threshold, with every block filled with a pattern derived from
 * its slot and size and checked before it is freed or resized (realloc must
 * keep the common prefix). Also posix_memalign/aligned_alloc alignment, calloc
 * zeroing after reuse, and a sbrk/brk sanity check. Prints counts and a
 * checksum; exits 0 when no pattern was damaged.
 */
#define _GNU_SOURCE
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SLOTS 256
#define ROUNDS 4000

static uint32_t rng_state = 2463534242u;
static uint32_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

struct slot {
    unsigned char *p;
    size_t size;
    uint32_t seed;
};

static struct slot slots[SLOTS];
static unsigned long damaged, allocs, frees, reallocs, callocs, big_blocks, calloc_nonzero;
static uint64_t checksum;

static unsigned char pat(uint32_t seed, size_t i) { return (unsigned char)((seed >> (i % 24)) + i * 31); }

static void fill(struct slot *s)
{
    /* dense at both ends, sparse in the middle: large blocks stay cheap */
    size_t n = s->size;
    for (size_t i = 0; i < n; i = (i < 256 || i + 256 >= n) ? i + 1 : i + 4093)
        s->p[i] = pat(s->seed, i);
}

/* checks the first n bytes of what fill() wrote into a block of `size` bytes */
static int verify_prefix(const unsigned char *p, uint32_t seed, size_t size, size_t n)
{
    for (size_t i = 0; i < n; i = (i < 256 || i + 256 >= size) ? i + 1 : i + 4093)
        if (p[i] != pat(seed, i)) return 0;
    return 1;
}

static int verify(const struct slot *s, size_t n) { return verify_prefix(s->p, s->seed, s->size, n); }

static size_t pick_size(void)
{
    uint32_t r = rnd() % 100;
    if (r < 50) return rnd() % 64;               /* tiny, including 0 */
    if (r < 80) return 64 + rnd() % 1024;        /* small */
    if (r < 95) return 1024 + rnd() % 65536;     /* medium */
    return 128 * 1024 + rnd() % (1024 * 1024);  /* above the mmap threshold */
}

int main(void)
{
    /* pin the threshold (it otherwise grows after frees) so big blocks really
     * use mmap, and big reallocs mremap */
    int mallopt_ok = mallopt(M_MMAP_THRESHOLD, 128 * 1024);
    for (int round = 0; round < ROUNDS; round++) {
        struct slot *s = &slots[rnd() % SLOTS];
        uint32_t op = rnd() % 10;
        if (s->p && !verify(s, s->size)) damaged++;
        if (op < 4) { /* free, then malloc */
            free(s->p);
            if (s->p) frees++;
            s->size = pick_size();
            s->seed = rnd();
            s->p = malloc(s->size);
            allocs++;
            if (!s->p && s->size) { printf("malloc(%zu) failed\n", s->size); return 2; }
            fill(s);
        } else if (op < 7) { /* realloc: the common prefix must survive */
            size_t old = s->size, nsz = pick_size();
            if (nsz == 0) nsz = 1; /* realloc(p, 0) frees: not what is tested here */
            unsigned char *np = realloc(s->p, nsz);
            reallocs++;
            if (!np) { printf("realloc(%zu) failed\n", nsz); return 2; }
            if (!verify_prefix(np, s->seed, old, old < nsz ? old : nsz)) damaged++;
            s->p = np;
            s->size = nsz;
            fill(s);
        } else if (op < 9) { /* calloc: all zero */
            free(s->p);
            if (s->p) frees++;
            size_t nmemb = 1 + rnd() % 64, sz = pick_size() / 64 + 1;
            s->size = nmemb * sz;
            s->seed = rnd();
            s->p = calloc(nmemb, sz);
            callocs++;
            if (!s->p) { printf("calloc failed\n"); return 2; }
            for (size_t i = 0; i < s->size; i++)
                if (s->p[i]) { calloc_nonzero++; break; }
            fill(s);
        } else { /* free only */
            free(s->p);
            if (s->p) frees++;
            s->p = NULL;
            s->size = 0;
        }
        if (s->size >= 128 * 1024) big_blocks++;
        checksum = checksum * 31 + s->size;
    }
    for (int i = 0; i < SLOTS; i++) {
        if (slots[i].p && !verify(&slots[i], slots[i].size)) damaged++;
        free(slots[i].p);
    }

    /* aligned allocations */
    unsigned long misaligned = 0;
    for (size_t align = 8; align <= 65536; align *= 2) {
        void *p = NULL;
        if (posix_memalign(&p, align, 100 + align) != 0 || ((uintptr_t)p & (align - 1))) misaligned++;
        else memset(p, 0xab, 100 + align);
        free(p);
        p = aligned_alloc(align, align * 3);
        if (!p || ((uintptr_t)p & (align - 1))) misaligned++;
        free(p);
        p = memalign(align, 17);
        if (!p || ((uintptr_t)p & (align - 1))) misaligned++;
        free(p);
    }
    void *m = malloc(1);
    int malloc_aligned16 = ((uintptr_t)m & 15) == 0;
    size_t usable = malloc_usable_size(m);
    free(m);

    /* huge calloc must fail cleanly, and overflowing products must be rejected */
    volatile size_t big = (size_t)1 << 62, half = (size_t)1 << 40;
    void *huge = malloc(big);
    void *ovf = calloc(half, half);

    /* the program break moves and the memory there is usable */
    void *b0 = sbrk(0);
    int brk_ok = b0 != (void *)-1;
    if (brk_ok) {
        char *q = sbrk(8192);
        brk_ok = q != (void *)-1 && q == b0;
        if (brk_ok) {
            memset(q, 0x5a, 8192);
            brk_ok = q[8191] == 0x5a && sbrk(0) == (char *)b0 + 8192;
            sbrk(-8192);
        }
    }

    printf("allocs=%lu reallocs=%lu callocs=%lu frees=%lu big(>=128KiB)=%lu\n", allocs, reallocs, callocs, frees,
           big_blocks);
    printf("sizes checksum %016llx\n", (unsigned long long)checksum);
    printf("damaged patterns: %lu\n", damaged);
    printf("calloc not zeroed: %lu\n", calloc_nonzero);
    printf("misaligned aligned allocations: %lu\n", misaligned);
    printf("malloc(1) 16-byte aligned: %s, usable >= 1: %s\n", malloc_aligned16 ? "yes" : "no",
           usable >= 1 ? "yes" : "no");
    printf("malloc(2^62) failed: %s, calloc overflow rejected: %s\n", huge ? "no" : "yes", ovf ? "no" : "yes");
    printf("sbrk works: %s, mallopt ok: %s\n", brk_ok ? "yes" : "no", mallopt_ok ? "yes" : "no");
    int ok = !damaged && !calloc_nonzero && !misaligned && malloc_aligned16 && usable >= 1 && !huge && !ovf &&
             brk_ok && mallopt_ok && big_blocks > 0;
    printf("malloc_stress: %s\n", ok ? "PASS" : "FAIL");
    return ok ? 0 : 1;
}
