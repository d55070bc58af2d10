/*
 * sha256: FIPS 180-4 SHA-256 over a generated buffer, for Mimic's benchmarks
 * (docs/PERFORMANCE.md). 32-bit rotates, adds and big-endian word loads.
 *
 *   sha256 [MEGABYTES]      (default: about 1-2 s under qemu-riscv64)
 *
 * Hashes MEGABYTES MiB (a 1 MiB buffer hashed repeatedly, one byte changed each pass, and the
 * running digest chained in) and prints the final digest, plus the digest of "abc" as a check.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_MEGABYTES 48

typedef struct { uint32_t h[8]; uint64_t len; uint8_t buf[64]; size_t n; } sha256_ctx;

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static inline uint32_t ror(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

static void compress(uint32_t h[8], const uint8_t *p) {
    uint32_t w[64];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = hh + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
        uint32_t t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        hh = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

static void sha_init(sha256_ctx *c) {
    static const uint32_t iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    memcpy(c->h, iv, sizeof iv);
    c->len = 0;
    c->n = 0;
}

static void sha_update(sha256_ctx *c, const uint8_t *p, size_t len) {
    c->len += len;
    if (c->n) {
        while (len && c->n < 64) { c->buf[c->n++] = *p++; len--; }
        if (c->n == 64) { compress(c->h, c->buf); c->n = 0; }
    }
    for (; len >= 64; p += 64, len -= 64) compress(c->h, p);
    while (len--) c->buf[c->n++] = *p++;
}

static void sha_final(sha256_ctx *c, uint8_t out[32]) {
    uint64_t bits = c->len * 8;
    uint8_t pad = 0x80;
    sha_update(c, &pad, 1);
    pad = 0;
    while (c->n != 56) sha_update(c, &pad, 1);
    uint8_t lenb[8];
    for (int i = 0; i < 8; i++) lenb[i] = (uint8_t)(bits >> (56 - 8 * i));
    sha_update(c, lenb, 8);
    for (int i = 0; i < 8; i++) {
        out[4 * i] = (uint8_t)(c->h[i] >> 24); out[4 * i + 1] = (uint8_t)(c->h[i] >> 16);
        out[4 * i + 2] = (uint8_t)(c->h[i] >> 8); out[4 * i + 3] = (uint8_t)c->h[i];
    }
}

static void print_digest(const char *label, const uint8_t d[32]) {
    printf("%s ", label);
    for (int i = 0; i < 32; i++) printf("%02x", d[i]);
    printf("\n");
}

int main(int argc, char **argv) {
    long mb = DEFAULT_MEGABYTES;
    if (argc > 1 && (mb = strtol(argv[1], NULL, 10)) <= 0) {
        fprintf(stderr, "usage: %s [MEGABYTES>0]\n", argv[0]);
        return 1;
    }
    uint8_t d[32];
    sha256_ctx c;
    sha_init(&c);
    sha_update(&c, (const uint8_t *)"abc", 3);
    sha_final(&c, d);
    print_digest("abc", d);   /* ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad */

    size_t size = 1 << 20;
    uint8_t *buf = malloc(size);
    if (!buf) return 1;
    uint32_t x = 2463534242u;
    for (size_t i = 0; i < size; i++) { x ^= x << 13; x ^= x >> 17; x ^= x << 5; buf[i] = (uint8_t)x; }
    memset(d, 0, sizeof d);
    for (long pass = 0; pass < mb; pass++) {
        buf[(size_t)pass * 7919 % size] ^= (uint8_t)pass;
        sha_init(&c);
        sha_update(&c, d, sizeof d);
        sha_update(&c, buf + (pass & 63), size - (size_t)(pass & 63));  /* unaligned starts too */
        sha_final(&c, d);
    }
    print_digest("digest", d);
    printf("megabytes %ld\n", mb);
    free(buf);
    return 0;
}
