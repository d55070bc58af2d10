/* The cryptographic extensions (AES, PMULL, SHA1, SHA256, SHA512, SHA3, SM3, SM4) through the
 * arm_neon.h intrinsics: each algorithm built from the instructions is checked against the
 * published known answers (FIPS-197, FIPS 180-4, FIPS 202, GB/T 32905, GB/T 32907) and, on
 * pseudo-random data, against a plain-C version. Also the HWCAP bits and the ID register fields
 * that advertise them. */
#pragma GCC target("arch=armv8.2-a+crypto+sha3+sm4")
#include <arm_neon.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>

static int failures;
static uint64_t seed = 0x9E3779B97F4A7C15ull;

static uint64_t rnd(void) {
    seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17;
    return seed;
}

static void fill(uint8_t *p, size_t n) {
    for (size_t i = 0; i < n; i++) p[i] = (uint8_t) (rnd() >> 24);
}

static void hex(char *out, const uint8_t *p, size_t n) {
    for (size_t i = 0; i < n; i++) sprintf(out + 2 * i, "%02x", p[i]);
}

static void check(const char *what, const uint8_t *got, size_t n, const char *want) {
    char h[2 * 64 + 1];
    hex(h, got, n);
    int ok = strcmp(h, want) == 0;
    if (!ok) failures++;
    printf("%-22s %s %s\n", what, h, ok ? "ok" : "MISMATCH");
}

static void same(const char *what, const void *a, const void *b, size_t n) {
    int ok = memcmp(a, b, n) == 0;
    if (!ok) failures++;
    printf("%-22s %s\n", what, ok ? "matches plain C" : "DIFFERS from plain C");
}

static uint32_t be32(const uint8_t *p) { return (uint32_t) p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]; }
static void put32(uint8_t *p, uint32_t x) { p[0] = x >> 24; p[1] = x >> 16; p[2] = x >> 8; p[3] = x; }
static uint32_t rol32(uint32_t x, int n) { return n ? x << n | x >> (32 - n) : x; }
static uint64_t rol64(uint64_t x, int n) { return n ? x << n | x >> (64 - n) : x; }

/* Merkle-Damgard padding with a big-endian length of lenbytes; returns the padded length. */
static size_t pad(uint8_t *buf, const uint8_t *msg, size_t n, size_t block, size_t lenbytes) {
    memcpy(buf, msg, n);
    size_t total = (n + 1 + lenbytes + block - 1) / block * block;
    memset(buf + n, 0, total - n);
    buf[n] = 0x80;
    uint64_t bits = (uint64_t) n * 8;
    for (int i = 0; i < 8; i++) buf[total - 1 - i] = (uint8_t) (bits >> 8 * i);
    return total;
}

/* ------------------------------------------------------------------ AES */

static uint8_t sbox[256];

static uint8_t xtime(uint8_t a) { return (uint8_t) (a << 1 ^ (a & 0x80 ? 0x1b : 0)); }

static void make_sbox(void) {
    uint8_t p = 1, q = 1;                      /* p walks the generator 3, q its inverse */
    do {
        p = p ^ xtime(p);
        q ^= q << 1; q ^= q << 2; q ^= q << 4; if (q & 0x80) q ^= 0x09;
        uint8_t x = q ^ (q << 1 | q >> 7) ^ (q << 2 | q >> 6) ^ (q << 3 | q >> 5) ^ (q << 4 | q >> 4);
        sbox[p] = x ^ 0x63;
    } while (p != 1);
    sbox[0] = 0x63;
}

static void aes_expand(const uint8_t key[16], uint8_t rk[11][16]) {
    memcpy(rk[0], key, 16);
    uint8_t rcon = 1;
    for (int r = 1; r <= 10; r++) {
        const uint8_t *p = rk[r - 1];
        uint8_t t[4] = {sbox[p[13]] ^ rcon, sbox[p[14]], sbox[p[15]], sbox[p[12]]};
        for (int i = 0; i < 16; i++) rk[r][i] = p[i] ^ (i < 4 ? t[i] : rk[r][i - 4]);
        rcon = xtime(rcon);
    }
}

static void aes_plain(const uint8_t rk[11][16], const uint8_t in[16], uint8_t out[16]) {
    uint8_t s[16], t[16];
    for (int i = 0; i < 16; i++) s[i] = in[i] ^ rk[0][i];
    for (int r = 1; r <= 10; r++) {
        for (int c = 0; c < 4; c++)
            for (int row = 0; row < 4; row++) t[4 * c + row] = sbox[s[4 * ((c + row) & 3) + row]];
        for (int c = 0; c < 4 && r < 10; c++) {
            uint8_t *a = t + 4 * c, a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], all = a0 ^ a1 ^ a2 ^ a3;
            a[0] ^= all ^ xtime(a0 ^ a1); a[1] ^= all ^ xtime(a1 ^ a2);
            a[2] ^= all ^ xtime(a2 ^ a3); a[3] ^= all ^ xtime(a3 ^ a0);
        }
        for (int i = 0; i < 16; i++) s[i] = t[i] ^ rk[r][i];
    }
    memcpy(out, s, 16);
}

static void aes_ce_encrypt(const uint8_t rk[11][16], const uint8_t in[16], uint8_t out[16]) {
    uint8x16_t s = vld1q_u8(in);
    for (int r = 0; r < 9; r++) s = vaesmcq_u8(vaeseq_u8(s, vld1q_u8(rk[r])));
    s = veorq_u8(vaeseq_u8(s, vld1q_u8(rk[9])), vld1q_u8(rk[10]));
    vst1q_u8(out, s);
}

/* The equivalent inverse cipher: AESD with InvMixColumns'd round keys (AESIMC). */
static void aes_ce_decrypt(const uint8_t rk[11][16], const uint8_t in[16], uint8_t out[16]) {
    uint8x16_t s = vld1q_u8(in);
    for (int r = 10; r > 1; r--) s = vaesimcq_u8(vaesdq_u8(s, r == 10 ? vld1q_u8(rk[r]) : vaesimcq_u8(vld1q_u8(rk[r]))));
    s = veorq_u8(vaesdq_u8(s, vaesimcq_u8(vld1q_u8(rk[1]))), vld1q_u8(rk[0]));
    vst1q_u8(out, s);
}

static void test_aes(void) {
    make_sbox();
    uint8_t key[16], pt[16], ct[16], back[16], rk[11][16];
    for (int i = 0; i < 16; i++) { key[i] = (uint8_t) i; pt[i] = (uint8_t) (i * 0x11); }
    aes_expand(key, rk);
    aes_ce_encrypt(rk, pt, ct);
    check("aes128 fips-197", ct, 16, "69c4e0d86a7b0430d8cdb78070b4c55a");
    aes_ce_decrypt(rk, ct, back);
    check("aes128 decrypt", back, 16, "00112233445566778899aabbccddeeff");
    int ok = 1;
    for (int k = 0; k < 64; k++) {
        uint8_t a[16], b[16];
        fill(key, 16); fill(pt, 16);
        aes_expand(key, rk);
        aes_ce_encrypt(rk, pt, a);
        aes_plain(rk, pt, b);
        aes_ce_decrypt(rk, a, back);
        ok &= memcmp(a, b, 16) == 0 && memcmp(back, pt, 16) == 0;
    }
    same("aes128 random x64", &ok, &(int){1}, sizeof ok);
}

/* ------------------------------------------------------------------ PMULL */

static void test_pmull(void) {
    int ok = 1;
    for (int k = 0; k < 64; k++) {
        uint64_t a = rnd(), b = rnd(), lo = 0, hi = 0;
        for (int i = 0; i < 64; i++)
            if (b >> i & 1) { lo ^= a << i; hi ^= i ? a >> (64 - i) : 0; }
        poly128_t p = vmull_p64(a, b);
        uint64_t got[2];
        memcpy(got, &p, 16);
        ok &= got[0] == lo && got[1] == hi;
    }
    same("pmull 64x64 x64", &ok, &(int){1}, sizeof ok);
}

/* ------------------------------------------------------------------ SHA-1 */

static const uint32_t SHA1_IV[5] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};

static void sha1_ce(const uint8_t *msg, size_t n, uint8_t out[20]) {
    static uint8_t buf[2048];
    size_t total = pad(buf, msg, n, 64, 8);
    uint32x4_t abcd = vld1q_u32(SHA1_IV);
    uint32_t e = SHA1_IV[4];
    static const uint32_t K[4] = {0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xca62c1d6};
    for (size_t off = 0; off < total; off += 64) {
        uint32x4_t w[20], abcd0 = abcd;
        uint32_t e0 = e;
        for (int i = 0; i < 4; i++) w[i] = vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(buf + off + 16 * i)));
        for (int i = 4; i < 20; i++) w[i] = vsha1su1q_u32(vsha1su0q_u32(w[i - 4], w[i - 3], w[i - 2]), w[i - 1]);
        for (int g = 0; g < 20; g++) {
            uint32x4_t wk = vaddq_u32(w[g], vdupq_n_u32(K[g / 5]));
            uint32_t next = vsha1h_u32(vgetq_lane_u32(abcd, 0));
            abcd = g < 5 ? vsha1cq_u32(abcd, e, wk) : g >= 10 && g < 15 ? vsha1mq_u32(abcd, e, wk) : vsha1pq_u32(abcd, e, wk);
            e = next;
        }
        abcd = vaddq_u32(abcd, abcd0);
        e += e0;
    }
    uint32_t s[5];
    vst1q_u32(s, abcd);
    s[4] = e;
    for (int i = 0; i < 5; i++) put32(out + 4 * i, s[i]);
}

static void sha1_plain(const uint8_t *msg, size_t n, uint8_t out[20]) {
    static uint8_t buf[2048];
    size_t total = pad(buf, msg, n, 64, 8);
    uint32_t h[5];
    memcpy(h, SHA1_IV, sizeof h);
    for (size_t off = 0; off < total; off += 64) {
        uint32_t w[80], a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
        for (int i = 0; i < 80; i++) w[i] = i < 16 ? be32(buf + off + 4 * i) : rol32(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
        for (int i = 0; i < 80; i++) {
            uint32_t f = i < 20 ? (b & c) | (~b & d) : i < 40 || i >= 60 ? b ^ c ^ d : (b & c) | (b & d) | (c & d);
            uint32_t k = i < 20 ? 0x5a827999 : i < 40 ? 0x6ed9eba1 : i < 60 ? 0x8f1bbcdc : 0xca62c1d6;
            uint32_t t = rol32(a, 5) + f + e + k + w[i];
            e = d; d = c; c = rol32(b, 30); b = a; a = t;
        }
        h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e;
    }
    for (int i = 0; i < 5; i++) put32(out + 4 * i, h[i]);
}

/* ------------------------------------------------------------------ SHA-256 */

static const uint32_t K256[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
static const uint32_t SHA256_IV[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                      0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

static void sha256_ce(const uint8_t *msg, size_t n, uint8_t out[32]) {
    static uint8_t buf[2048];
    size_t total = pad(buf, msg, n, 64, 8);
    uint32x4_t abcd = vld1q_u32(SHA256_IV), efgh = vld1q_u32(SHA256_IV + 4);
    for (size_t off = 0; off < total; off += 64) {
        uint32x4_t w[16], abcd0 = abcd, efgh0 = efgh;
        for (int i = 0; i < 4; i++) w[i] = vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(buf + off + 16 * i)));
        for (int i = 4; i < 16; i++) w[i] = vsha256su1q_u32(vsha256su0q_u32(w[i - 4], w[i - 3]), w[i - 2], w[i - 1]);
        for (int g = 0; g < 16; g++) {
            uint32x4_t wk = vaddq_u32(w[g], vld1q_u32(K256 + 4 * g)), t = abcd;
            abcd = vsha256hq_u32(abcd, efgh, wk);
            efgh = vsha256h2q_u32(efgh, t, wk);
        }
        abcd = vaddq_u32(abcd, abcd0);
        efgh = vaddq_u32(efgh, efgh0);
    }
    uint32_t s[8];
    vst1q_u32(s, abcd);
    vst1q_u32(s + 4, efgh);
    for (int i = 0; i < 8; i++) put32(out + 4 * i, s[i]);
}

static uint32_t ror32(uint32_t x, int n) { return x >> n | x << (32 - n); }

static void sha256_plain(const uint8_t *msg, size_t n, uint8_t out[32]) {
    static uint8_t buf[2048];
    size_t total = pad(buf, msg, n, 64, 8);
    uint32_t h[8];
    memcpy(h, SHA256_IV, sizeof h);
    for (size_t off = 0; off < total; off += 64) {
        uint32_t w[64], s[8];
        for (int i = 0; i < 64; i++) {
            if (i < 16) { w[i] = be32(buf + off + 4 * i); continue; }
            uint32_t s0 = ror32(w[i - 15], 7) ^ ror32(w[i - 15], 18) ^ w[i - 15] >> 3;
            uint32_t s1 = ror32(w[i - 2], 17) ^ ror32(w[i - 2], 19) ^ w[i - 2] >> 10;
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        memcpy(s, h, sizeof s);
        for (int i = 0; i < 64; i++) {
            uint32_t t1 = s[7] + (ror32(s[4], 6) ^ ror32(s[4], 11) ^ ror32(s[4], 25)) + ((s[4] & s[5]) ^ (~s[4] & s[6])) + K256[i] + w[i];
            uint32_t t2 = (ror32(s[0], 2) ^ ror32(s[0], 13) ^ ror32(s[0], 22)) + ((s[0] & s[1]) ^ (s[0] & s[2]) ^ (s[1] & s[2]));
            memmove(s + 1, s, 7 * sizeof *s);
            s[4] += t1;
            s[0] = t1 + t2;
        }
        for (int i = 0; i < 8; i++) h[i] += s[i];
    }
    for (int i = 0; i < 8; i++) put32(out + 4 * i, h[i]);
}

/* ------------------------------------------------------------------ SHA-512 */

static const uint64_t K512[80] = {
    0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc, 0x3956c25bf348b538,
    0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118, 0xd807aa98a3030242, 0x12835b0145706fbe,
    0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2, 0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235,
    0xc19bf174cf692694, 0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
    0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5, 0x983e5152ee66dfab,
    0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4, 0xc6e00bf33da88fc2, 0xd5a79147930aa725,
    0x06ca6351e003826f, 0x142929670a0e6e70, 0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed,
    0x53380d139d95b3df, 0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
    0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30, 0xd192e819d6ef5218,
    0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8, 0x19a4c116b8d2d0c8, 0x1e376c085141ab53,
    0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8, 0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373,
    0x682e6ff3d6b2b8a3, 0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
    0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b, 0xca273eceea26619c,
    0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178, 0x06f067aa72176fba, 0x0a637dc5a2c898a6,
    0x113f9804bef90dae, 0x1b710b35131c471b, 0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc,
    0x431d67c49c100d4c, 0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817};
static const uint64_t SHA512_IV[8] = {0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
                                      0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179};

static uint64_t be64(const uint8_t *p) { return (uint64_t) be32(p) << 32 | be32(p + 4); }
static void put64(uint8_t *p, uint64_t x) { put32(p, (uint32_t) (x >> 32)); put32(p + 4, (uint32_t) x); }

static void sha512_ce(const uint8_t *msg, size_t n, uint8_t out[64]) {
    static uint8_t buf[2048];
    size_t total = pad(buf, msg, n, 128, 16);
    uint64x2_t ab = vld1q_u64(SHA512_IV), cd = vld1q_u64(SHA512_IV + 2);
    uint64x2_t ef = vld1q_u64(SHA512_IV + 4), gh = vld1q_u64(SHA512_IV + 6);
    for (size_t off = 0; off < total; off += 128) {
        uint64x2_t w[40], s0 = ab, s1 = cd, s2 = ef, s3 = gh;
        for (int i = 0; i < 8; i++) w[i] = vreinterpretq_u64_u8(vrev64q_u8(vld1q_u8(buf + off + 16 * i)));
        for (int i = 8; i < 40; i++)
            w[i] = vsha512su1q_u64(vsha512su0q_u64(w[i - 8], w[i - 7]), w[i - 1], vextq_u64(w[i - 4], w[i - 3], 1));
        for (int i = 0; i < 40; i++) {                 /* two rounds */
            uint64x2_t kw = vaddq_u64(w[i], vld1q_u64(K512 + 2 * i));
            uint64x2_t t = vaddq_u64(gh, vextq_u64(kw, kw, 1));
            t = vsha512hq_u64(t, vextq_u64(ef, gh, 1), vextq_u64(cd, ef, 1));
            uint64x2_t nef = vaddq_u64(cd, t);
            uint64x2_t nab = vsha512h2q_u64(t, cd, ab);
            gh = ef; ef = nef; cd = ab; ab = nab;
        }
        ab = vaddq_u64(ab, s0); cd = vaddq_u64(cd, s1); ef = vaddq_u64(ef, s2); gh = vaddq_u64(gh, s3);
    }
    uint64_t s[8];
    vst1q_u64(s, ab); vst1q_u64(s + 2, cd); vst1q_u64(s + 4, ef); vst1q_u64(s + 6, gh);
    for (int i = 0; i < 8; i++) put64(out + 8 * i, s[i]);
}

static uint64_t ror64(uint64_t x, int n) { return x >> n | x << (64 - n); }

static void sha512_plain(const uint8_t *msg, size_t n, uint8_t out[64]) {
    static uint8_t buf[2048];
    size_t total = pad(buf, msg, n, 128, 16);
    uint64_t h[8];
    memcpy(h, SHA512_IV, sizeof h);
    for (size_t off = 0; off < total; off += 128) {
        uint64_t w[80], s[8];
        for (int i = 0; i < 80; i++) {
            if (i < 16) { w[i] = be64(buf + off + 8 * i); continue; }
            uint64_t s0 = ror64(w[i - 15], 1) ^ ror64(w[i - 15], 8) ^ w[i - 15] >> 7;
            uint64_t s1 = ror64(w[i - 2], 19) ^ ror64(w[i - 2], 61) ^ w[i - 2] >> 6;
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        memcpy(s, h, sizeof s);
        for (int i = 0; i < 80; i++) {
            uint64_t t1 = s[7] + (ror64(s[4], 14) ^ ror64(s[4], 18) ^ ror64(s[4], 41)) + ((s[4] & s[5]) ^ (~s[4] & s[6])) + K512[i] + w[i];
            uint64_t t2 = (ror64(s[0], 28) ^ ror64(s[0], 34) ^ ror64(s[0], 39)) + ((s[0] & s[1]) ^ (s[0] & s[2]) ^ (s[1] & s[2]));
            memmove(s + 1, s, 7 * sizeof *s);
            s[4] += t1;
            s[0] = t1 + t2;
        }
        for (int i = 0; i < 8; i++) h[i] += s[i];
    }
    for (int i = 0; i < 8; i++) put64(out + 8 * i, h[i]);
}

static void test_sha(void) {
    const char *abc = "abc";
    const char *l1 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    const char *l2 = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
    uint8_t d[64], e[64], data[1000];
    sha1_ce((const uint8_t *) abc, 3, d);
    check("sha1 abc", d, 20, "a9993e364706816aba3e25717850c26c9cd0d89d");
    sha1_ce((const uint8_t *) l1, strlen(l1), d);
    check("sha1 448 bits", d, 20, "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
    sha256_ce((const uint8_t *) abc, 3, d);
    check("sha256 abc", d, 32, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    sha256_ce((const uint8_t *) l1, strlen(l1), d);
    check("sha256 448 bits", d, 32, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    sha512_ce((const uint8_t *) abc, 3, d);
    check("sha512 abc", d, 64, "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                               "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
    sha512_ce((const uint8_t *) l2, strlen(l2), d);
    check("sha512 896 bits", d, 64, "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
                                    "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909");
    fill(data, sizeof data);
    for (size_t len = 0; len <= sizeof data; len += 111) {
        sha1_ce(data, len, d); sha1_plain(data, len, e);
        if (memcmp(d, e, 20)) { printf("sha1 differs at %zu\n", len); failures++; }
        sha256_ce(data, len, d); sha256_plain(data, len, e);
        if (memcmp(d, e, 32)) { printf("sha256 differs at %zu\n", len); failures++; }
        sha512_ce(data, len, d); sha512_plain(data, len, e);
        if (memcmp(d, e, 64)) { printf("sha512 differs at %zu\n", len); failures++; }
    }
    sha512_ce(data, sizeof data, d);
    sha512_plain(data, sizeof data, e);
    same("sha1/256/512 random", d, e, 64);
}

/* ------------------------------------------------------------------ SHA-3 (Keccak-f[1600]) */

static const uint64_t RC[24] = {
    0x0000000000000001, 0x0000000000008082, 0x800000000000808a, 0x8000000080008000, 0x000000000000808b,
    0x0000000080000001, 0x8000000080008081, 0x8000000000008009, 0x000000000000008a, 0x0000000000000088,
    0x0000000080008009, 0x000000008000000a, 0x000000008000808b, 0x800000000000008b, 0x8000000000008089,
    0x8000000000008003, 0x8000000000008002, 0x8000000000000080, 0x000000000000800a, 0x800000008000000a,
    0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008};
/* rho offsets by lane x + 5y */
static const int RHO[25] = {0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14};

static void keccak_plain(uint64_t a[25]) {
    for (int r = 0; r < 24; r++) {
        uint64_t c[5], b[25];
        for (int x = 0; x < 5; x++) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
        for (int x = 0; x < 5; x++)
            for (int y = 0; y < 5; y++) a[x + 5 * y] ^= c[(x + 4) % 5] ^ rol64(c[(x + 1) % 5], 1);
        for (int x = 0; x < 5; x++)
            for (int y = 0; y < 5; y++) b[y + 5 * ((2 * x + 3 * y) % 5)] = rol64(a[x + 5 * y], RHO[x + 5 * y]);
        for (int x = 0; x < 5; x++)
            for (int y = 0; y < 5; y++) a[x + 5 * y] = b[x + 5 * y] ^ (~b[(x + 1) % 5 + 5 * y] & b[(x + 2) % 5 + 5 * y]);
        a[0] ^= RC[r];
    }
}

/* XAR needs its rotation as an immediate: one line per lane (x, y), rotation (64 - rho) & 63. */
#define PI(x, y, rot) b[(y) + 5 * ((2 * (x) + 3 * (y)) % 5)] = vxarq_u64(a[(x) + 5 * (y)], d[x], rot)

/* Two Keccak states at once, one per 64-bit lane of each vector. */
static void keccak_ce(uint64x2_t a[25]) {
    for (int r = 0; r < 24; r++) {
        uint64x2_t c[5], d[5], b[25];
        for (int x = 0; x < 5; x++) c[x] = veor3q_u64(veor3q_u64(a[x], a[x + 5], a[x + 10]), a[x + 15], a[x + 20]);
        for (int x = 0; x < 5; x++) d[x] = vrax1q_u64(c[(x + 4) % 5], c[(x + 1) % 5]);
        PI(0, 0, 0);  PI(1, 0, 63); PI(2, 0, 2);  PI(3, 0, 36); PI(4, 0, 37);
        PI(0, 1, 28); PI(1, 1, 20); PI(2, 1, 58); PI(3, 1, 9);  PI(4, 1, 44);
        PI(0, 2, 61); PI(1, 2, 54); PI(2, 2, 21); PI(3, 2, 39); PI(4, 2, 25);
        PI(0, 3, 23); PI(1, 3, 19); PI(2, 3, 49); PI(3, 3, 43); PI(4, 3, 56);
        PI(0, 4, 46); PI(1, 4, 62); PI(2, 4, 3);  PI(3, 4, 8);  PI(4, 4, 50);
        for (int y = 0; y < 25; y += 5)
            for (int x = 0; x < 5; x++) a[x + y] = vbcaxq_u64(b[x + y], b[(x + 2) % 5 + y], b[(x + 1) % 5 + y]);
        a[0] = veorq_u64(a[0], vdupq_n_u64(RC[r]));
    }
}

static void test_sha3(void) {
    for (int i = 0; i < 25; i++)
        if (((64 - RHO[i]) & 63) != (int[]){0, 63, 2, 36, 37, 28, 20, 58, 9, 44, 61, 54, 21, 39, 25,
                                           23, 19, 49, 43, 56, 46, 62, 3, 8, 50}[i]) { printf("bad rho table\n"); failures++; }
    /* lane 0: SHA3-256("abc") (rate 136 bytes, padding 0x06 ... 0x80); lane 1: random state */
    uint64_t s0[25] = {0}, s1[25];
    uint8_t block[136] = {'a', 'b', 'c', 0x06};
    block[135] |= 0x80;
    for (int i = 0; i < 17; i++) memcpy(&s0[i], block + 8 * i, 8);
    for (int i = 0; i < 25; i++) s1[i] = rnd();
    uint64x2_t v[25];
    for (int i = 0; i < 25; i++) v[i] = vcombine_u64(vcreate_u64(s0[i]), vcreate_u64(s1[i]));
    keccak_ce(v);
    keccak_plain(s1);
    uint64_t lane0[25], lane1[25];
    for (int i = 0; i < 25; i++) { lane0[i] = vgetq_lane_u64(v[i], 0); lane1[i] = vgetq_lane_u64(v[i], 1); }
    uint8_t digest[32];
    memcpy(digest, lane0, 32);
    check("sha3-256 abc", digest, 32, "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532");
    same("keccak-f random", lane1, s1, sizeof s1);
}

/* ------------------------------------------------------------------ SM3 */

static const uint32_t SM3_IV[8] = {0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600,
                                   0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e};

/* One SM3 round j: SS1 from A (a's top word), E and T_j; TT1/TT2 with W'_j and W_j. */
#define SM3R(x, i) do { \
        uint32x4_t ss1 = vsm3ss1q_u32(a, e, t); \
        t = vorrq_u32(vshlq_n_u32(t, 1), vshrq_n_u32(t, 31)); \
        a = vsm3tt1##x##q_u32(a, ss1, wp, i); \
        e = vsm3tt2##x##q_u32(e, ss1, w[q], i); \
    } while (0)

static void sm3_ce(const uint8_t *msg, size_t n, uint8_t out[32]) {
    static uint8_t buf[2048];
    size_t total = pad(buf, msg, n, 64, 8);
    /* words reversed: A (and E) in the top lane */
    uint32x4_t a = {SM3_IV[3], SM3_IV[2], SM3_IV[1], SM3_IV[0]}, e = {SM3_IV[7], SM3_IV[6], SM3_IV[5], SM3_IV[4]};
    for (size_t off = 0; off < total; off += 64) {
        uint32x4_t w[17], a0 = a, e0 = e, t = {0, 0, 0, 0x79cc4519};
        for (int i = 0; i < 4; i++) w[i] = vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(buf + off + 16 * i)));
        for (int q = 4; q < 17; q++) {                 /* W[4q..4q+3] from W[4q-16..4q-1] */
            uint32x4_t s4 = vextq_u32(w[q - 3], w[q - 2], 3);
            s4 = vsm3partw1q_u32(s4, w[q - 4], w[q - 1]);
            w[q] = vsm3partw2q_u32(s4, vextq_u32(w[q - 2], w[q - 1], 2), vextq_u32(w[q - 4], w[q - 3], 3));
        }
        for (int q = 0; q < 16; q++) {
            uint32x4_t wp = veorq_u32(w[q], w[q + 1]);
            if (q == 4) t = (uint32x4_t){0, 0, 0, 0x9d8a7a87};
            if (q < 4) { SM3R(a, 0); SM3R(a, 1); SM3R(a, 2); SM3R(a, 3); }
            else { SM3R(b, 0); SM3R(b, 1); SM3R(b, 2); SM3R(b, 3); }
        }
        a = veorq_u32(a, a0);
        e = veorq_u32(e, e0);
    }
    for (int i = 0; i < 4; i++) { put32(out + 4 * i, a[3 - i]); put32(out + 16 + 4 * i, e[3 - i]); }
}

static uint32_t sm3_p0(uint32_t x) { return x ^ rol32(x, 9) ^ rol32(x, 17); }
static uint32_t sm3_p1(uint32_t x) { return x ^ rol32(x, 15) ^ rol32(x, 23); }

static void sm3_plain(const uint8_t *msg, size_t n, uint8_t out[32]) {
    static uint8_t buf[2048];
    size_t total = pad(buf, msg, n, 64, 8);
    uint32_t v[8];
    memcpy(v, SM3_IV, sizeof v);
    for (size_t off = 0; off < total; off += 64) {
        uint32_t w[68], s[8];
        for (int i = 0; i < 68; i++)
            w[i] = i < 16 ? be32(buf + off + 4 * i)
                          : sm3_p1(w[i - 16] ^ w[i - 9] ^ rol32(w[i - 3], 15)) ^ rol32(w[i - 13], 7) ^ w[i - 6];
        memcpy(s, v, sizeof s);
        for (int j = 0; j < 64; j++) {
            uint32_t tj = j < 16 ? 0x79cc4519 : 0x7a879d8a;
            uint32_t ss1 = rol32(rol32(s[0], 12) + s[4] + rol32(tj, j % 32), 7), ss2 = ss1 ^ rol32(s[0], 12);
            uint32_t ff = j < 16 ? s[0] ^ s[1] ^ s[2] : (s[0] & s[1]) | (s[0] & s[2]) | (s[1] & s[2]);
            uint32_t gg = j < 16 ? s[4] ^ s[5] ^ s[6] : (s[4] & s[5]) | (~s[4] & s[6]);
            uint32_t tt1 = ff + s[3] + ss2 + (w[j] ^ w[j + 4]), tt2 = gg + s[7] + ss1 + w[j];
            s[3] = s[2]; s[2] = rol32(s[1], 9); s[1] = s[0]; s[0] = tt1;
            s[7] = s[6]; s[6] = rol32(s[5], 19); s[5] = s[4]; s[4] = sm3_p0(tt2);
        }
        for (int i = 0; i < 8; i++) v[i] ^= s[i];
    }
    for (int i = 0; i < 8; i++) put32(out + 4 * i, v[i]);
}

static void test_sm3(void) {
    uint8_t d[32], e[32], data[1000];
    sm3_ce((const uint8_t *) "abc", 3, d);
    check("sm3 abc", d, 32, "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    const char *l = "abcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcd";
    sm3_ce((const uint8_t *) l, 64, d);
    check("sm3 512 bits", d, 32, "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
    fill(data, sizeof data);
    int ok = 1;
    for (size_t len = 0; len <= sizeof data; len += 111) {
        sm3_ce(data, len, d);
        sm3_plain(data, len, e);
        ok &= memcmp(d, e, 32) == 0;
    }
    same("sm3 random", &ok, &(int){1}, sizeof ok);
}

/* ------------------------------------------------------------------ SM4 */

static const uint32_t SM4_FK[4] = {0xa3b1bac6, 0x56aa3350, 0x677d9197, 0xb27022dc};

static uint32x4_t be_words(const uint8_t *p) { return vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(p))); }

static void sm4_keys(const uint8_t key[16], uint32x4_t rk[8]) {
    uint32_t ck[32];
    for (int i = 0; i < 32; i++) {
        ck[i] = 0;
        for (int j = 0; j < 4; j++) ck[i] = ck[i] << 8 | (uint8_t) ((4 * i + j) * 7);
    }
    uint32x4_t k = veorq_u32(be_words(key), vld1q_u32(SM4_FK));
    for (int i = 0; i < 8; i++) k = rk[i] = vsm4ekeyq_u32(k, vld1q_u32(ck + 4 * i));
}

static void sm4_crypt(const uint32x4_t rk[8], int decrypt, const uint8_t in[16], uint8_t out[16]) {
    uint32x4_t x = be_words(in);
    for (int i = 0; i < 8; i++) {
        uint32x4_t k = rk[decrypt ? 7 - i : i];
        if (decrypt) k = vextq_u32(vrev64q_u32(k), vrev64q_u32(k), 2);   /* keys in reverse order */
        x = vsm4eq_u32(x, k);
    }
    x = vextq_u32(vrev64q_u32(x), vrev64q_u32(x), 2);                /* R(X32..X35) */
    vst1q_u8(out, vrev32q_u8(vreinterpretq_u8_u32(x)));
}

static void test_sm4(void) {
    uint8_t key[16], ct[16], back[16];
    static const uint8_t k0[16] = {0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10};
    uint32x4_t rk[8];
    memcpy(key, k0, 16);
    sm4_keys(key, rk);
    sm4_crypt(rk, 0, key, ct);
    check("sm4 gb/t 32907", ct, 16, "681edf34d206965e86b3e94f536e4246");
    sm4_crypt(rk, 1, ct, back);
    check("sm4 decrypt", back, 16, "0123456789abcdeffedcba9876543210");
    int ok = 1;
    for (int i = 0; i < 32; i++) {
        uint8_t pt[16];
        fill(key, 16); fill(pt, 16);
        sm4_keys(key, rk);
        sm4_crypt(rk, 0, pt, ct);
        sm4_crypt(rk, 1, ct, back);
        ok &= memcmp(back, pt, 16) == 0;
    }
    same("sm4 round trip x32", &ok, &(int){1}, sizeof ok);
}

/* ------------------------------------------------------------------ advertising */

static void test_hwcap(void) {
    static const struct { const char *name; int bit; } caps[] = {
        {"aes", 3}, {"pmull", 4}, {"sha1", 5}, {"sha2", 6}, {"sha3", 17}, {"sm3", 18}, {"sm4", 19}, {"sha512", 21}};
    unsigned long hw = getauxval(AT_HWCAP);
    printf("hwcap:");
    for (size_t i = 0; i < sizeof caps / sizeof *caps; i++) {
        printf(" %s=%lu", caps[i].name, hw >> caps[i].bit & 1);
        if (!(hw >> caps[i].bit & 1)) failures++;
    }
    printf("\n");
    if (hw & (1ul << 11)) {                                         /* HWCAP_CPUID */
        uint64_t isar0;
        asm("mrs %0, ID_AA64ISAR0_EL1" : "=r"(isar0));
        printf("id_aa64isar0: aes=%d sha1=%d sha2=%d sha3=%d sm3=%d sm4=%d\n", (int) (isar0 >> 4 & 15),
               (int) (isar0 >> 8 & 15), (int) (isar0 >> 12 & 15), (int) (isar0 >> 32 & 15),
               (int) (isar0 >> 36 & 15), (int) (isar0 >> 40 & 15));
    }
}

int main(void) {
    test_hwcap();
    test_aes();
    test_pmull();
    test_sha();
    test_sha3();
    test_sm3();
    test_sm4();
    printf("%s (%d failures)\n", failures ? "FAIL" : "PASS", failures);
    return failures != 0;
}
