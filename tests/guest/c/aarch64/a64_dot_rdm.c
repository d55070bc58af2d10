/* FEAT_DotProd (SDOT, UDOT, vector and by element) and FEAT_RDM (SQRDMLAH, SQRDMLSH: vector,
 * by element and scalar, with saturation and FPSR.QC) through arm_neon.h, on pseudo-random and
 * extreme operands, each checked against a plain-C model and printed; plus the HWCAP bits. */
#pragma GCC target("arch=armv8.2-a+dotprod+rdma")
#include <arm_neon.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>

static int failures;
static uint64_t seed = 0x2545F4914F6CDD1Dull;

static uint64_t rnd(void) {
    seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17;
    return seed;
}

static void check(const char *what, int ok) {
    if (!ok) { printf("%-40s FAIL\n", what); failures++; }
}

static uint64_t fpsr(void) { uint64_t v; __asm__ volatile("mrs %0, fpsr" : "=r"(v)); return v; }
static void clear_fpsr(void) { __asm__ volatile("msr fpsr, %0" :: "r"(0ull)); }

static int32_t sat32(int64_t x, int *q) { if (x > INT32_MAX) { *q = 1; return INT32_MAX; } if (x < INT32_MIN) { *q = 1; return INT32_MIN; } return (int32_t) x; }
static int16_t sat16(int64_t x, int *q) { if (x > INT16_MAX) { *q = 1; return INT16_MAX; } if (x < INT16_MIN) { *q = 1; return INT16_MIN; } return (int16_t) x; }

/* The Arm pseudocode, with 128-bit arithmetic. */
static int32_t rdm32(int32_t d, int32_t n, int32_t m, int sub, int *q) {
    __int128 acc = ((__int128) d << 32) + (sub ? -2 : 2) * (__int128) n * m + ((__int128) 1 << 31);
    return sat32((int64_t) (acc >> 32), q);
}
static int16_t rdm16(int16_t d, int16_t n, int16_t m, int sub, int *q) {
    int64_t acc = ((int64_t) d << 16) + (sub ? -2 : 2) * (int64_t) n * m + (1 << 15);
    return sat16(acc >> 16, q);
}

/* One operation between clearing and reading FPSR, in a function of its own so that the
 * compiler cannot evaluate the other one (the add and subtract forms) in the same window. */
#define QC_OP(name, type, expr)                                                         \
    static __attribute__((noinline)) type name(type d, type n, type m, int *qc) {      \
        clear_fpsr();                                                                   \
        __asm__ volatile("" : "+w"(d), "+w"(n), "+w"(m));                               \
        type r = expr;                                                                  \
        __asm__ volatile("" : "+w"(r));                                                 \
        *qc = (fpsr() >> 27) & 1;                                                       \
        return r;                                                                       \
    }
QC_OP(mlah4s, int32x4_t, vqrdmlahq_s32(d, n, m))
QC_OP(mlsh4s, int32x4_t, vqrdmlshq_s32(d, n, m))
QC_OP(mlah8h_lane, int16x8_t, vqrdmlahq_laneq_s16(d, n, m, 5))
QC_OP(mlsh8h_lane, int16x8_t, vqrdmlshq_laneq_s16(d, n, m, 5))

static void fill(void *p, size_t n, int extreme) {
    uint8_t *b = p;
    for (size_t i = 0; i < n; i++) {
        uint64_t r = rnd();
        b[i] = extreme ? ((r & 3) == 0 ? 0x80 : (r & 3) == 1 ? 0x7f : (r & 3) == 2 ? 0xff : 0) : (uint8_t) r;
    }
}

int main(void) {
    uint64_t sum = 0;
    for (int round = 0; round < 400; round++) {
        int ext = round % 3 == 0;
        int8_t a[16], b[16]; int32_t acc[4];
        fill(a, 16, ext); fill(b, 16, ext); fill(acc, 16, 0);
        int32x4_t s = vdotq_s32(vld1q_s32(acc), vld1q_s8(a), vld1q_s8(b));
        uint32x4_t u = vdotq_u32(vld1q_u32((uint32_t *) acc), vld1q_u8((uint8_t *) a), vld1q_u8((uint8_t *) b));
        int32x2_t s2 = vdot_s32(vld1_s32(acc), vld1_s8(a), vld1_s8(b));
        int32x4_t sl = vdotq_laneq_s32(vld1q_s32(acc), vld1q_s8(a), vld1q_s8(b), 3);
        uint32x2_t ul = vdot_lane_u32(vld1_u32((uint32_t *) acc), vld1_u8((uint8_t *) a), vld1_u8((uint8_t *) b), 1);
        int32_t rs[4], rsl[4], r2[2]; uint32_t ru[4], rul[2];
        vst1q_s32(rs, s); vst1q_u32(ru, u); vst1_s32(r2, s2); vst1q_s32(rsl, sl); vst1_u32(rul, ul);
        for (int i = 0; i < 4; i++) {
            int32_t es = acc[i], esl = acc[i]; uint32_t eu = (uint32_t) acc[i];
            for (int k = 0; k < 4; k++) {
                es += a[4 * i + k] * b[4 * i + k];
                esl += a[4 * i + k] * b[12 + k];
                eu += (uint32_t) (uint8_t) a[4 * i + k] * (uint8_t) b[4 * i + k];
            }
            check("sdot", rs[i] == es);
            check("udot", ru[i] == eu);
            check("sdot by element", rsl[i] == esl);
            if (i < 2) {
                check("sdot 64-bit", r2[i] == es);
                uint32_t eul = (uint32_t) acc[i];
                for (int k = 0; k < 4; k++) eul += (uint32_t) (uint8_t) a[4 * i + k] * (uint8_t) b[4 + k];
                check("udot by element", rul[i] == eul);
            }
            sum = sum * 31 + (uint32_t) rs[i] + ru[i] * 7 + (uint32_t) rsl[i] * 13;
        }

        int32_t d32[4], n32[4], m32[4]; int16_t d16[8], n16[8], m16[8];
        fill(d32, 16, ext); fill(n32, 16, ext); fill(m32, 16, ext);
        fill(d16, 16, ext); fill(n16, 16, ext); fill(m16, 16, ext);
        for (int sub = 0; sub < 2; sub++) {
            int q = 0, qc;
            int32x4_t r = (sub ? mlsh4s : mlah4s)(vld1q_s32(d32), vld1q_s32(n32), vld1q_s32(m32), &qc);
            int32_t rr[4]; vst1q_s32(rr, r);
            for (int i = 0; i < 4; i++) check(sub ? "sqrdmlsh .4s" : "sqrdmlah .4s", rr[i] == rdm32(d32[i], n32[i], m32[i], sub, &q));
            check("sqrdmlah .4s QC", qc == q);
            q = 0;
            int16x8_t h = (sub ? mlsh8h_lane : mlah8h_lane)(vld1q_s16(d16), vld1q_s16(n16), vld1q_s16(m16), &qc);
            int16_t hh[8]; vst1q_s16(hh, h);
            for (int i = 0; i < 8; i++) check("sqrdmlah .8h by element", hh[i] == rdm16(d16[i], n16[i], m16[5], sub, &q));
            check("sqrdmlah .8h QC", qc == q);
            int32_t sc = sub ? vqrdmlshs_s32(d32[0], n32[1], m32[2]) : vqrdmlahs_s32(d32[0], n32[1], m32[2]);
            check("sqrdmlah scalar", sc == rdm32(d32[0], n32[1], m32[2], sub, &q));
            int16_t sh = sub ? vqrdmlshh_lane_s16(d16[0], n16[1], vld1_s16(m16), 2)
                             : vqrdmlahh_lane_s16(d16[0], n16[1], vld1_s16(m16), 2);
            check("sqrdmlah scalar by element", sh == rdm16(d16[0], n16[1], m16[2], sub, &q));
            sum = sum * 131 + (uint32_t) rr[0] + (uint16_t) hh[3] + (uint32_t) sc;
        }
    }
    printf("dot/rdm checksum %016llx\n", (unsigned long long) sum);
    unsigned long hw = getauxval(AT_HWCAP);
    printf("HWCAP asimddp=%lu asimdrdm=%lu\n", (hw >> 20) & 1, (hw >> 12) & 1);
    printf("a64_dot_rdm: %s\n", failures ? "FAILED" : "all passed");
    return failures != 0;
}
