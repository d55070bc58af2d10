/*
 * lz: an LZ77-style compressor and decompressor, for Mimic's benchmarks (docs/PERFORMANCE.md).
 * Greedy matching through a hash of the next 4 bytes with chains of earlier positions (as
 * LZ4/zlib do), a byte-oriented token format, then decompression and a byte-for-byte check.
 *
 *   lz [ROUNDS]      (default: about 1-2 s under qemu-riscv64)
 *
 * Each round compresses a freshly generated 256 KiB text-like buffer (words from a small
 * vocabulary with random noise), decompresses it and verifies it. Prints the total
 * compressed size and a checksum; a mismatch is reported and the exit status is 1.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_ROUNDS 50
#define SIZE (256 * 1024)
#define HASH_BITS 14
#define WINDOW 65535
#define MIN_MATCH 4
#define MAX_CHAIN 16

static uint8_t src[SIZE], out[SIZE + SIZE / 8 + 64], back[SIZE];
static int32_t head[1 << HASH_BITS];
static int32_t prev_pos[SIZE];
static uint64_t rng_state = 88172645463325252ull;

static uint64_t rng(void) { rng_state ^= rng_state << 13; rng_state ^= rng_state >> 7; rng_state ^= rng_state << 17; return rng_state; }

static void generate(void) {
    static const char *words[] = {"the", "emulator", "translates", "guest", "code", "into", "bytecode",
                                  "which", "a", "compiler", "turns", "host", "instructions", "of", "loop",
                                  "register", "memory", "branch", "and", "fast"};
    size_t n = 0;
    while (n < SIZE) {
        uint64_t r = rng();
        if ((r & 15) == 0) { src[n++] = (uint8_t)(r >> 8); continue; }  /* noise */
        const char *w = words[(r >> 4) % 20];
        while (*w && n < SIZE) src[n++] = (uint8_t)*w++;
        if (n < SIZE) src[n++] = (r >> 12) & 7 ? ' ' : '\n';
    }
}

static inline uint32_t hash4(const uint8_t *p) {
    uint32_t v;
    memcpy(&v, p, 4);
    return (v * 2654435761u) >> (32 - HASH_BITS);
}

/* Token: a byte LLLLMMMM (literal count, match length - MIN_MATCH; 15 = more bytes follow),
 * [more literal length bytes], literals, 2-byte offset, [more match length bytes]. */
static uint8_t *put_len(uint8_t *o, size_t len) {
    while (len >= 255) { *o++ = 255; len -= 255; }
    *o++ = (uint8_t)len;
    return o;
}

static size_t compress(const uint8_t *in, size_t n, uint8_t *o0) {
    uint8_t *o = o0;
    for (size_t i = 0; i < (1u << HASH_BITS); i++) head[i] = -1;
    size_t i = 0, lit = 0;
    while (i + MIN_MATCH <= n) {
        uint32_t h = hash4(in + i);
        size_t best_len = 0, best_off = 0;
        int32_t cand = head[h];
        for (int chain = 0; cand >= 0 && chain < MAX_CHAIN && i - (size_t)cand <= WINDOW; chain++) {
            size_t len = 0, max = n - i;
            while (len < max && in[cand + len] == in[i + len]) len++;
            if (len > best_len) { best_len = len; best_off = i - (size_t)cand; }
            cand = prev_pos[cand];
        }
        prev_pos[i] = head[h];
        head[h] = (int32_t)i;
        if (best_len < MIN_MATCH) { i++; continue; }
        size_t nlit = i - lit, m = best_len - MIN_MATCH;
        *o++ = (uint8_t)((nlit < 15 ? nlit : 15) << 4 | (m < 15 ? m : 15));
        if (nlit >= 15) o = put_len(o, nlit - 15);
        memcpy(o, in + lit, nlit);
        o += nlit;
        *o++ = (uint8_t)best_off;
        *o++ = (uint8_t)(best_off >> 8);
        if (m >= 15) o = put_len(o, m - 15);
        /* index the matched positions too (cheaply: every other one) */
        for (size_t j = i + 1; j < i + best_len && j + MIN_MATCH <= n; j += 2) {
            uint32_t hj = hash4(in + j);
            prev_pos[j] = head[hj];
            head[hj] = (int32_t)j;
        }
        i += best_len;
        lit = i;
    }
    size_t nlit = n - lit;
    *o++ = (uint8_t)((nlit < 15 ? nlit : 15) << 4);
    if (nlit >= 15) o = put_len(o, nlit - 15);
    memcpy(o, in + lit, nlit);
    o += nlit;
    return (size_t)(o - o0);
}

static size_t get_len(const uint8_t **p, size_t base) {
    if (base != 15) return base;
    size_t len = 15;
    uint8_t b;
    do { b = *(*p)++; len += b; } while (b == 255);
    return len;
}

static long decompress(const uint8_t *p, size_t n, uint8_t *o, size_t cap) {
    const uint8_t *end = p + n;
    size_t w = 0;
    while (p < end) {
        uint8_t tok = *p++;
        size_t nlit = get_len(&p, tok >> 4);
        if (w + nlit > cap || p + nlit > end) return -1;
        memcpy(o + w, p, nlit);
        w += nlit;
        p += nlit;
        if (p >= end) break;           /* the last token has literals only */
        size_t off = p[0] | (size_t)p[1] << 8;
        p += 2;
        size_t len = get_len(&p, tok & 15) + MIN_MATCH;
        if (off == 0 || off > w || w + len > cap) return -1;
        for (size_t k = 0; k < len; k++, w++) o[w] = o[w - off];   /* overlapping copies */
    }
    return (long)w;
}

int main(int argc, char **argv) {
    long rounds = DEFAULT_ROUNDS;
    if (argc > 1 && (rounds = strtol(argv[1], NULL, 10)) <= 0) {
        fprintf(stderr, "usage: %s [ROUNDS>0]\n", argv[0]);
        return 1;
    }
    uint64_t total = 0, sum = 0;
    for (long r = 0; r < rounds; r++) {
        generate();
        size_t c = compress(src, SIZE, out);
        long d = decompress(out, c, back, SIZE);
        if (d != SIZE || memcmp(src, back, SIZE) != 0) {
            printf("round %ld: decompressed data differs (%ld bytes)\n", r, d);
            return 1;
        }
        total += c;
        for (size_t i = 0; i < c; i++) sum = sum * 31 + out[i];
    }
    printf("input %ld x %d bytes, compressed %llu bytes (%.1f%%)\n", rounds, SIZE,
           (unsigned long long)total, 100.0 * (double)total / ((double)rounds * SIZE));
    printf("checksum %016llx\n", (unsigned long long)sum);
    return 0;
}
