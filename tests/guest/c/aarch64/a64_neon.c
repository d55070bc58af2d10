/*
 * Advanced SIMD through arm_neon.h intrinsics and auto-vectorized loops: integer lane
 * arithmetic (saturating, widening, narrowing, pairwise, across lanes), shifts, compares,
 * permutes, table lookups, by-element multiplies, FP vectors and conversions, structure
 * loads and stores. Every result is printed as hex so qemu-aarch64 and Mimic can be compared.
 */
#include <arm_neon.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static unsigned checksum;

static void show(const char *name, const void *p, int bytes) {
    const uint8_t *b = p;
    printf("%-14s", name);
    for (int i = bytes - 1; i >= 0; i--) {
        printf("%02x", b[i]);
        checksum = checksum * 31 + b[i];
    }
    printf("\n");
}

#define SHOW(name, v) do { __typeof__(v) t_ = (v); show(name, &t_, sizeof t_); } while (0)

static uint8_t src8[64];
static int16_t src16[32];
static int32_t src32[16];
static float srcf[16];
static double srcd[8];

static void integer_ops(void) {
    uint8x16_t a = vld1q_u8(src8), b = vld1q_u8(src8 + 16);
    int16x8_t h = vld1q_s16(src16), g = vld1q_s16(src16 + 8);
    int32x4_t w = vld1q_s32(src32), x = vld1q_s32(src32 + 4);
    SHOW("add8", vaddq_u8(a, b));
    SHOW("sub16", vsubq_s16(h, g));
    SHOW("mul32", vmulq_s32(w, x));
    SHOW("mla16", vmlaq_s16(h, g, h));
    SHOW("qadd8", vqaddq_u8(a, b));
    SHOW("qsub16", vqsubq_s16(h, g));
    SHOW("sqadd32", vqaddq_s32(w, x));
    SHOW("hadd8", vhaddq_u8(a, b));
    SHOW("rhadd16", vrhaddq_s16(h, g));
    SHOW("abd8", vabdq_u8(a, b));
    SHOW("aba16", vabaq_s16(h, g, h));
    SHOW("max8", vmaxq_u8(a, b));
    SHOW("min16", vminq_s16(h, g));
    SHOW("maxp8", vpmaxq_u8(a, b));
    SHOW("minp32", vpminq_s32(w, x));
    SHOW("addp16", vpaddq_s16(h, g));
    SHOW("and", vandq_u8(a, b));
    SHOW("orr", vorrq_u8(a, b));
    SHOW("eor", veorq_u8(a, b));
    SHOW("bic", vbicq_u8(a, b));
    SHOW("orn", vornq_u8(a, b));
    SHOW("bsl", vbslq_u8(vcgtq_u8(a, b), a, b));
    SHOW("not", vmvnq_u8(a));
    SHOW("cmeq8", vceqq_u8(a, b));
    SHOW("cmhi8", vcgtq_u8(a, b));
    SHOW("cmhs8", vcgeq_u8(a, b));
    SHOW("cmgt16", vcgtq_s16(h, g));
    SHOW("cmge32", vcgeq_s32(w, x));
    SHOW("cmtst8", vtstq_u8(a, b));
    SHOW("cmeqz16", vceqzq_s16(h));
    SHOW("cmltz32", vcltzq_s32(w));
    SHOW("abs16", vabsq_s16(h));
    SHOW("neg32", vnegq_s32(w));
    SHOW("qabs8", vqabsq_s8(vreinterpretq_s8_u8(a)));
    SHOW("cnt", vcntq_u8(a));
    SHOW("clz16", vclzq_s16(h));
    SHOW("cls32", vclsq_s32(w));
    SHOW("rbit", vrbitq_u8(a));
    SHOW("rev64", vrev64q_u8(a));
    SHOW("rev32", vrev32q_u16(vreinterpretq_u16_u8(a)));
    SHOW("rev16", vrev16q_u8(a));
    SHOW("addlp8", vpaddlq_u8(a));
    SHOW("adalp16", vpadalq_s16(w, h));
    SHOW("addv8", vaddvq_u8(a));
    SHOW("addv32", vaddvq_s32(w));
    SHOW("maxv8", vmaxvq_u8(a));
    SHOW("minv16", vminvq_s16(h));
    SHOW("smaxv32", vmaxvq_s32(w));
    SHOW("addlv8", vaddlvq_u8(a));
    SHOW("saddlv16", vaddlvq_s16(h));
    SHOW("addpd", vpaddd_s64(vreinterpretq_s64_s32(w)));
    SHOW("addl8", vaddl_u8(vget_low_u8(a), vget_low_u8(b)));
    SHOW("addl2_16", vaddl_high_s16(h, g));
    SHOW("addw32", vaddw_s32(vreinterpretq_s64_s32(x), vget_low_s32(w)));
    SHOW("subl8", vsubl_u8(vget_high_u8(a), vget_high_u8(b)));
    SHOW("mull16", vmull_s16(vget_low_s16(h), vget_low_s16(g)));
    SHOW("mull2_32", vmull_high_s32(w, x));
    SHOW("umlal8", vmlal_u8(vreinterpretq_u16_u8(a), vget_low_u8(a), vget_low_u8(b)));
    SHOW("abdl16", vabdl_s16(vget_low_s16(h), vget_low_s16(g)));
    SHOW("addhn16", vaddhn_s16(h, g));
    SHOW("raddhn32", vraddhn_s32(w, x));
    SHOW("subhn2", vsubhn_high_s16(vaddhn_s16(h, g), h, g));
    SHOW("pmull8", vmull_p8(vreinterpret_p8_u8(vget_low_u8(a)), vreinterpret_p8_u8(vget_low_u8(b))));
    SHOW("pmul8", vmulq_p8(vreinterpretq_p8_u8(a), vreinterpretq_p8_u8(b)));
    SHOW("sqdmull", vqdmull_s16(vget_low_s16(h), vget_low_s16(g)));
    SHOW("sqdmulh", vqdmulhq_s16(h, g));
    SHOW("sqrdmulh", vqrdmulhq_s32(w, x));
    SHOW("xtn16", vmovn_u16(vreinterpretq_u16_u8(a)));
    SHOW("sqxtn32", vqmovn_s32(w));
    SHOW("uqxtn16", vqmovn_u16(vreinterpretq_u16_u8(b)));
    SHOW("sqxtun16", vqmovun_s16(h));
    SHOW("xtn2", vmovn_high_s32(vmovn_s32(w), x));
    SHOW("mul_lane", vmulq_laneq_s16(h, g, 5));
    SHOW("mla_lane", vmlaq_laneq_s32(w, x, w, 3));
    SHOW("mull_lane", vmull_laneq_s16(vget_low_s16(h), g, 7));
    SHOW("qdmulh_lane", vqdmulhq_laneq_s32(w, x, 1));
}

static void shifts(void) {
    uint8x16_t a = vld1q_u8(src8);
    int16x8_t h = vld1q_s16(src16), g = vld1q_s16(src16 + 8);
    int32x4_t w = vld1q_s32(src32);
    uint64x2_t d = vreinterpretq_u64_u8(vld1q_u8(src8 + 32));
    SHOW("shl8", vshlq_n_u8(a, 3));
    SHOW("ushr16", vshrq_n_u16(vreinterpretq_u16_s16(h), 5));
    SHOW("sshr32", vshrq_n_s32(w, 31));
    SHOW("ushr64", vshrq_n_u64(d, 64));
    SHOW("srshr16", vrshrq_n_s16(h, 4));
    SHOW("usra8", vsraq_n_u8(a, a, 2));
    SHOW("ursra32", vrsraq_n_u32(vreinterpretq_u32_s32(w), vreinterpretq_u32_s32(w), 9));
    SHOW("sli16", vsliq_n_s16(h, g, 7));
    SHOW("sri32", vsriq_n_s32(w, w, 13));
    SHOW("sqshl8", vqshlq_n_s8(vreinterpretq_s8_u8(a), 2));
    SHOW("uqshl16", vqshlq_n_u16(vreinterpretq_u16_s16(h), 4));
    SHOW("sqshlu32", vqshluq_n_s32(w, 3));
    SHOW("shrn16", vshrn_n_u16(vreinterpretq_u16_u8(a), 4));
    SHOW("rshrn32", vrshrn_n_s32(w, 16));
    SHOW("sqshrn16", vqshrn_n_s16(h, 3));
    SHOW("sqrshrun32", vqrshrun_n_s32(w, 8));
    SHOW("uqrshrn64", vqrshrn_n_u64(d, 20));
    SHOW("sshll8", vshll_n_s8(vget_low_s8(vreinterpretq_s8_u8(a)), 3));
    SHOW("ushll2", vshll_high_n_u16(vreinterpretq_u16_s16(h), 9));
    SHOW("uxtl", vmovl_u8(vget_high_u8(a)));
    SHOW("sshl16", vshlq_s16(h, vdupq_n_s16(-3)));
    SHOW("ushl8", vshlq_u8(a, vreinterpretq_s8_u8(vld1q_u8(src8 + 48))));
    SHOW("srshl32", vrshlq_s32(w, vdupq_n_s32(-7)));
    SHOW("sqshl16", vqshlq_s16(h, g));
    SHOW("uqrshl8", vqrshlq_u8(a, vdupq_n_s8(5)));
    SHOW("shl_d", vshld_n_s64(0x123456789abcdefLL, 9));
    SHOW("ushr_d", vshrd_n_u64(0xfedcba9876543210ULL, 17));
}

static void permutes(void) {
    uint8x16_t a = vld1q_u8(src8), b = vld1q_u8(src8 + 16), idx = vld1q_u8(src8 + 32);
    uint16x8_t h = vreinterpretq_u16_u8(a), g = vreinterpretq_u16_u8(b);
    SHOW("zip1", vzip1q_u8(a, b));
    SHOW("zip2", vzip2q_u16(h, g));
    SHOW("uzp1", vuzp1q_u8(a, b));
    SHOW("uzp2", vuzp2q_u32(vreinterpretq_u32_u8(a), vreinterpretq_u32_u8(b)));
    SHOW("trn1", vtrn1q_u16(h, g));
    SHOW("trn2", vtrn2q_u8(a, b));
    SHOW("zip1d", vzip1_u8(vget_low_u8(a), vget_low_u8(b)));
    SHOW("ext", vextq_u8(a, b, 5));
    SHOW("ext_d", vext_u8(vget_low_u8(a), vget_low_u8(b), 3));
    uint8x16_t small = vandq_u8(idx, vdupq_n_u8(0x3f));
    SHOW("tbl1", vqtbl1q_u8(a, small));
    uint8x16x2_t t2 = {{a, b}};
    SHOW("tbl2", vqtbl2q_u8(t2, small));
    uint8x16x4_t t4 = {{a, b, idx, small}};
    SHOW("tbl4", vqtbl4q_u8(t4, idx));
    SHOW("tbx1", vqtbx1q_u8(b, a, small));
    SHOW("dup8", vdupq_n_u8(src8[3]));
    SHOW("dup_lane", vdupq_laneq_u16(h, 6));
    SHOW("dup64", vdupq_n_u64(0x1122334455667788ULL));
    SHOW("ins", vsetq_lane_u32(0xdeadbeef, vreinterpretq_u32_u8(a), 2));
    SHOW("ins_el", vcopyq_laneq_u8(a, 3, b, 14));
    SHOW("umov", vgetq_lane_u16(h, 7));
    SHOW("smov", (int64_t)vgetq_lane_s8(vreinterpretq_s8_u8(b), 9));
    SHOW("movi", vdupq_n_u32(0xff00));
    SHOW("mvni", vdupq_n_u16(0xfeff));
    SHOW("movi64", vdupq_n_u64(0xff00ff0000ffff00ULL));
    SHOW("orr_imm", vorrq_u32(vreinterpretq_u32_u8(a), vdupq_n_u32(0x00440000)));
    SHOW("bic_imm", vbicq_u16(h, vdupq_n_u16(0x0f00)));
}

static void fp_ops(void) {
    float32x4_t a = vld1q_f32(srcf), b = vld1q_f32(srcf + 4);
    float64x2_t c = vld1q_f64(srcd), d = vld1q_f64(srcd + 2);
    SHOW("fadd", vaddq_f32(a, b));
    SHOW("fsub_d", vsubq_f64(c, d));
    SHOW("fmul", vmulq_f32(a, b));
    SHOW("fdiv_d", vdivq_f64(c, d));
    SHOW("fmla", vfmaq_f32(a, b, a));
    SHOW("fmls_d", vfmsq_f64(c, d, c));
    SHOW("fmla_lane", vfmaq_laneq_f32(a, b, a, 2));
    SHOW("fmul_lane_d", vmulq_laneq_f64(c, d, 1));
    SHOW("fmax", vmaxq_f32(a, b));
    SHOW("fminnm", vminnmq_f32(a, b));
    SHOW("fabd", vabdq_f32(a, b));
    SHOW("fabs", vabsq_f32(a));
    SHOW("fneg_d", vnegq_f64(c));
    SHOW("fsqrt", vsqrtq_f32(vabsq_f32(a)));
    SHOW("faddp", vpaddq_f32(a, b));
    SHOW("fmaxp_s", vpmaxs_f32(vget_low_f32(a)));
    SHOW("faddp_d", vpaddd_f64(c));
    SHOW("fmaxv", vmaxvq_f32(a));
    SHOW("fminnmv", vminnmvq_f32(b));
    SHOW("fcmeq", vceqq_f32(a, b));
    SHOW("fcmge", vcgeq_f32(a, b));
    SHOW("fcmgt_d", vcgtq_f64(c, d));
    SHOW("facgt", vcagtq_f32(a, b));
    SHOW("fcmltz", vcltzq_f32(a));
    SHOW("frecps", vrecpsq_f32(a, b));
    SHOW("frsqrts", vrsqrtsq_f32(a, b));
    SHOW("frintn", vrndnq_f32(a));
    SHOW("frintm_d", vrndmq_f64(c));
    SHOW("frinta", vrndaq_f32(b));
    SHOW("frintz", vrndq_f32(b));
    SHOW("fcvtzs", vcvtq_s32_f32(a));
    SHOW("fcvtzu_d", vcvtq_u64_f64(d));
    SHOW("fcvtns", vcvtnq_s32_f32(b));
    SHOW("fcvtas_d", vcvtaq_s64_f64(c));
    SHOW("scvtf", vcvtq_f32_s32(vld1q_s32(src32)));
    SHOW("ucvtf_d", vcvtq_f64_u64(vreinterpretq_u64_s32(vld1q_s32(src32))));
    SHOW("scvtf_fix", vcvtq_n_f32_s32(vld1q_s32(src32), 12));
    SHOW("fcvtzs_fix", vcvtq_n_s32_f32(a, 4));
    SHOW("fcvtl", vcvt_f64_f32(vget_low_f32(a)));
    SHOW("fcvtl2", vcvt_high_f64_f32(b));
    SHOW("fcvtn", vcvt_f32_f64(c));
    SHOW("fcvtn2", vcvt_high_f32_f64(vcvt_f32_f64(c), d));
    SHOW("fcvtxn", vcvtx_f32_f64(d));
    SHOW("fmov_imm", vdupq_n_f32(2.5f));
    SHOW("fmov_imm_d", vdupq_n_f64(-0.1875));
    SHOW("fmulx", vmulxq_f32(a, b));
    SHOW("scalar_fcmp", vceqs_f32(srcf[0], srcf[0]));
    SHOW("scalar_cvt", vcvts_s32_f32(srcf[1]));
}

static void structures(void) {
    uint8_t out[128];
    memset(out, 0, sizeof out);
    uint8x16x2_t l2 = vld2q_u8(src8);
    SHOW("ld2.0", l2.val[0]);
    SHOW("ld2.1", l2.val[1]);
    uint16x8x3_t l3 = vld3q_u16((const uint16_t *)src8);
    SHOW("ld3.2", l3.val[2]);
    uint32x4x4_t l4 = vld4q_u32((const uint32_t *)src8);
    SHOW("ld4.1", l4.val[1]);
    SHOW("ld4.3", l4.val[3]);
    uint8x8x3_t d3 = vld3_u8(src8 + 5);
    SHOW("ld3d.0", d3.val[0]);
    uint8x16x4_t m4 = vld1q_u8_x4(src8);
    SHOW("ld1x4.3", m4.val[3]);
    uint16x8_t lane = vld1q_lane_u16((const uint16_t *)(src8 + 7), vdupq_n_u16(1), 5);
    SHOW("ld1_lane", lane);
    uint32x4x2_t l2l = vld2q_lane_u32((const uint32_t *)src8, ((uint32x4x2_t){{l4.val[0], l4.val[1]}}), 3);
    SHOW("ld2_lane", l2l.val[1]);
    SHOW("ld1r", vld1q_dup_u16((const uint16_t *)(src8 + 9)));
    uint8x16x3_t r3 = vld3q_dup_u8(src8 + 11);
    SHOW("ld3r.2", r3.val[2]);
    vst2q_u8(out, l2);
    vst3q_u16((uint16_t *)(out + 32), l3);
    vst4_lane_u16((uint16_t *)(out + 90), (uint16x4x4_t){{vget_low_u16(l3.val[0]), vget_low_u16(l3.val[1]), vget_low_u16(l3.val[2]), vget_high_u16(l3.val[0])}}, 2);
    vst1q_lane_u64((uint64_t *)(out + 100), vreinterpretq_u64_u8(l2.val[1]), 1);
    vst1q_u8_x3(out + 16, (uint8x16x3_t){{l2.val[1], l2.val[0], l2.val[1]}});
    show("stores", out, sizeof out);
    /* post-indexed loads and stores in a copy loop */
    uint8_t *p = out;
    const uint8_t *s = src8;
    for (int i = 0; i < 4; i++) {
        uint8x16_t v = vld1q_u8(s);
        s += 16;
        vst1q_u8(p, vrev64q_u8(v));
        p += 16;
    }
    show("post", out, 64);
}

/* loops the compiler vectorizes at -O3 */
static void vectorized(void) {
    static int32_t ia[256], ib[256], ic[256];
    static float fa[256], fb[256];
    static uint8_t bytes[256];
    for (int i = 0; i < 256; i++) {
        ia[i] = i * 2654435761u;
        ib[i] = (i ^ 0x55) - 100;
        fa[i] = (float)i / 7.0f - 10.0f;
        fb[i] = (float)(i * i % 97) * 0.25f;
        bytes[i] = (uint8_t)(i * 37 + 11);
    }
    for (int i = 0; i < 256; i++) ic[i] = ia[i] * ib[i] + (ia[i] >> 3) - (ib[i] < 0 ? ib[i] : 0);
    long long sum = 0;
    for (int i = 0; i < 256; i++) sum += ic[i];
    float dot = 0;
    for (int i = 0; i < 256; i++) dot += fa[i] * fb[i];
    unsigned hist = 0;
    for (int i = 0; i < 256; i++) hist += bytes[i] > 128 ? bytes[i] : 1;
    int mx = ia[0];
    for (int i = 1; i < 256; i++) mx = ia[i] > mx ? ia[i] : mx;
    for (int i = 0; i < 256; i++) fa[i] = fa[i] * 1.5f + fb[i];
    double dsum = 0;
    for (int i = 0; i < 256; i++) dsum += (double)fa[i] * ia[i];
    printf("vectorized sum=%lld dot=%a hist=%u max=%d dsum=%a\n", sum, dot, hist, mx, dsum);
    show("ic", ic, 64);
}

/* FP across FPCR rounding modes, flush-to-zero and default NaN, with FPSR's flags */
static void fpcr_modes(void) {
    static const uint64_t modes[] = {0, 1 << 22, 2 << 22, 3 << 22, 1 << 24, 1 << 25, (3 << 22) | (1 << 24)};
    for (unsigned k = 0; k < sizeof modes / sizeof modes[0]; k++) {
        uint64_t fpcr = modes[k], fpsr;
        float32x4_t a = vld1q_f32(srcf + 8), b = vld1q_f32(srcf + 12), r1, r2;
        double x = srcd[4], y = srcd[5], r3, r4;
        int64_t i1;
        __asm__ volatile("msr fpcr, %[c]\n msr fpsr, xzr\n"
                         "fadd %[r1].4s, %[a].4s, %[b].4s\n"
                         "fmul %[r2].4s, %[a].4s, %[b].4s\n"
                         "fdiv %d[r3], %d[x], %d[y]\n"
                         "fmadd %d[r4], %d[x], %d[y], %d[x]\n"
                         "fcvtzs %[i1], %d[r3]\n"
                         "mrs %[s], fpsr\n msr fpcr, xzr\n"
                         : [r1] "=&w"(r1), [r2] "=&w"(r2), [r3] "=&w"(r3), [r4] "=&w"(r4), [i1] "=&r"(i1), [s] "=&r"(fpsr)
                         : [c] "r"(fpcr), [a] "w"(a), [b] "w"(b), [x] "w"(x), [y] "w"(y));
        printf("fpcr=%08llx fpsr=%08llx ", (unsigned long long)fpcr, (unsigned long long)fpsr);
        show("modes", &r1, 16);
        show("         mul", &r2, 16);
        printf("         div=%a fma=%a cvt=%lld\n", r3, r4, (long long)i1);
    }
}

int main(void) {
    for (int i = 0; i < 64; i++) src8[i] = (uint8_t)(i * 73 + 19) ^ (i << 3);
    for (int i = 0; i < 32; i++) src16[i] = (int16_t)((i * 40503) ^ (i & 1 ? 0x8000 : 0)) - 1234 * i;
    for (int i = 0; i < 16; i++) src32[i] = (int32_t)(i * 2246822519u) >> (i & 7);
    static const float fs[] = {1.5f, -2.25f, 3e38f, -0.0f, 1e-40f, 7.0f, -1e-3f, 0.1f,
                               1.0f, 0x1p-127f, 3.0f, -5.5f, 3.0f, 0x1p-10f, 0x1.fffffep127f, -7.0f};
    memcpy(srcf, fs, sizeof fs);
    static const double ds[] = {2.5, -1e300, 1e-310, 3.0, 1.0, 3.0, -0.0, 0x1p-1074};
    memcpy(srcd, ds, sizeof ds);
    integer_ops();
    shifts();
    permutes();
    fp_ops();
    structures();
    vectorized();
    fpcr_modes();
    printf("checksum %08x\n", checksum);
    return 0;
}
