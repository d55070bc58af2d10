/*
 * Reference vectors for io.mimic.translator.aarch64.fpsimd.A64Float and A64FloatConvert
 * (A64FloatTest): each scalar FP instruction is executed for real with FPCR set (rounding mode, FZ,
 * FZ16, DN, AHP) and FPSR cleared before, and the result bits and FPSR printed. Run under
 * qemu-aarch64 this makes qemu's softfloat the oracle.
 *
 * Regenerate the committed file (from the repository root):
 *
 *   aarch64-linux-gnu-gcc -O1 -static -march=armv8.5-a+fp16 -o /tmp/a64-float-vectors \
 *       translator/src/test/c/a64-float-vectors.c
 *   qemu-aarch64 /tmp/a64-float-vectors > translator/src/test/resources/io/mimic/translator/aarch64/fpsimd/float-vectors.txt
 *
 * Optional argument: SEED (default 1) for the pseudo-random operands.
 * Output, one line per case:  op fpcr a b c -> result fpsr   (all hex; a, b, c are the raw 64-bit
 * contents of the source registers: V low 64 bits for FP operands, X for integer sources).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

typedef uint64_t u64;
typedef u64 (*opfn)(u64 fpcr, u64 a, u64 b, u64 c, u64 *fpsr);

#define OP(name, insn)                                                                  \
    static u64 op_##name(u64 fpcr, u64 a, u64 b, u64 c, u64 *fpsr) {                    \
        u64 r, fl;                                                                      \
        __asm__ volatile("msr fpcr, %[fpcr]\n msr fpsr, xzr\n"                          \
                         "fmov d0, %[a]\n fmov d1, %[b]\n fmov d2, %[c]\n mov x9, %[a]\n" \
                         insn "\n"                                                      \
                         "fmov %[r], d0\n mrs %[fl], fpsr\n msr fpcr, xzr\n"            \
                         : [r] "=&r"(r), [fl] "=&r"(fl)                                 \
                         : [fpcr] "r"(fpcr), [a] "r"(a), [b] "r"(b), [c] "r"(c)         \
                         : "v0", "v1", "v2", "x9", "x10", "cc", "memory");              \
        *fpsr = fl;                                                                     \
        return r;                                                                       \
    }

/* three formats of one arithmetic instruction */
#define ARITH2(n) OP(n##_h, #n " h0, h0, h1") OP(n##_s, #n " s0, s0, s1") OP(n##_d, #n " d0, d0, d1")
#define ARITH1(n) OP(n##_h, #n " h0, h0") OP(n##_s, #n " s0, s0") OP(n##_d, #n " d0, d0")
#define ARITH3(n) OP(n##_h, #n " h0, h0, h1, h2") OP(n##_s, #n " s0, s0, s1, s2") OP(n##_d, #n " d0, d0, d1, d2")
#define CMP(n) OP(n##_h, #n " h0, h1\n mrs x9, nzcv\n fmov d0, x9") \
               OP(n##_s, #n " s0, s1\n mrs x9, nzcv\n fmov d0, x9") \
               OP(n##_d, #n " d0, d1\n mrs x9, nzcv\n fmov d0, x9")

ARITH2(fadd) ARITH2(fsub) ARITH2(fmul) ARITH2(fdiv) ARITH2(fnmul) ARITH2(fmax) ARITH2(fmin)
ARITH2(fmaxnm) ARITH2(fminnm) ARITH2(fmulx) ARITH2(frecps) ARITH2(frsqrts) ARITH2(fabd)
ARITH1(fsqrt) ARITH3(fmadd) ARITH3(fmsub) ARITH3(fnmadd) ARITH3(fnmsub)
ARITH1(frintn) ARITH1(frintp) ARITH1(frintm) ARITH1(frintz) ARITH1(frinta) ARITH1(frintx) ARITH1(frinti)
OP(frint32z_s, "frint32z s0, s0") OP(frint32x_s, "frint32x s0, s0") OP(frint64z_s, "frint64z s0, s0")
OP(frint64x_s, "frint64x s0, s0") OP(frint32z_d, "frint32z d0, d0") OP(frint32x_d, "frint32x d0, d0")
OP(frint64z_d, "frint64z d0, d0") OP(frint64x_d, "frint64x d0, d0")
CMP(fcmp) CMP(fcmpe)
OP(fcvt_sd, "fcvt s0, d0") OP(fcvt_ds, "fcvt d0, s0") OP(fcvt_hs, "fcvt h0, s0") OP(fcvt_sh, "fcvt s0, h0")
OP(fcvt_hd, "fcvt h0, d0") OP(fcvt_dh, "fcvt d0, h0") OP(fcvtxn_sd, "fcvtxn s0, d0")
OP(fjcvtzs, "fjcvtzs w9, d0\n mrs x10, nzcv\n orr x9, x9, x10, lsl #4\n fmov d0, x9")

#define TOINT(n, fmt, reg) \
    OP(n##_w##fmt, #n " w9, " reg "0\n fmov d0, x9") OP(n##_x##fmt, #n " x9, " reg "0\n fmov d0, x9")
#define TOINT3(n) TOINT(n, h, "h") TOINT(n, s, "s") TOINT(n, d, "d")
TOINT3(fcvtzs) TOINT3(fcvtzu) TOINT3(fcvtns) TOINT3(fcvtnu) TOINT3(fcvtps) TOINT3(fcvtpu)
TOINT3(fcvtms) TOINT3(fcvtmu) TOINT3(fcvtas) TOINT3(fcvtau)
OP(fcvtzs_fix_xd, "fcvtzs x9, d0, #16\n fmov d0, x9") OP(fcvtzu_fix_ws, "fcvtzu w9, s0, #7\n fmov d0, x9")
OP(fcvtzs_fix_wd, "fcvtzs w9, d0, #32\n fmov d0, x9") OP(fcvtzu_fix_xh, "fcvtzu x9, h0, #3\n fmov d0, x9")

#define FROMINT(n, fmt, reg) \
    OP(n##_##fmt##w, #n " " reg "0, w9") OP(n##_##fmt##x, #n " " reg "0, x9")
#define FROMINT3(n) FROMINT(n, h, "h") FROMINT(n, s, "s") FROMINT(n, d, "d")
FROMINT3(scvtf) FROMINT3(ucvtf)
OP(scvtf_fix_dx, "scvtf d0, x9, #20") OP(ucvtf_fix_sw, "ucvtf s0, w9, #31")
OP(scvtf_fix_hw, "scvtf h0, w9, #4") OP(ucvtf_fix_dx, "ucvtf d0, x9, #64")

enum { FP, INT };
struct op { const char *name; opfn fn; int fmt; int nsrc; int src; };
#define E(n, f, k) {#n, op_##n, f, k, FP},
#define E3(n, k) E(n##_h, 0, k) E(n##_s, 1, k) E(n##_d, 2, k)
#define EI(n, f) {#n, op_##n, f, 1, INT},
static const struct op ops[] = {
    E3(fadd, 2) E3(fsub, 2) E3(fmul, 2) E3(fdiv, 2) E3(fnmul, 2) E3(fmax, 2) E3(fmin, 2)
    E3(fmaxnm, 2) E3(fminnm, 2) E3(fmulx, 2) E3(frecps, 2) E3(frsqrts, 2) E3(fabd, 2)
    E3(fsqrt, 1) E3(fmadd, 3) E3(fmsub, 3) E3(fnmadd, 3) E3(fnmsub, 3)
    E3(frintn, 1) E3(frintp, 1) E3(frintm, 1) E3(frintz, 1) E3(frinta, 1) E3(frintx, 1) E3(frinti, 1)
    E(frint32z_s, 1, 1) E(frint32x_s, 1, 1) E(frint64z_s, 1, 1) E(frint64x_s, 1, 1)
    E(frint32z_d, 2, 1) E(frint32x_d, 2, 1) E(frint64z_d, 2, 1) E(frint64x_d, 2, 1)
    E3(fcmp, 2) E3(fcmpe, 2)
    E(fcvt_sd, 2, 1) E(fcvt_ds, 1, 1) E(fcvt_hs, 1, 1) E(fcvt_sh, 0, 1) E(fcvt_hd, 2, 1) E(fcvt_dh, 0, 1)
    E(fcvtxn_sd, 2, 1) E(fjcvtzs, 2, 1)
#define T(n) E(n##_wh, 0, 1) E(n##_xh, 0, 1) E(n##_ws, 1, 1) E(n##_xs, 1, 1) E(n##_wd, 2, 1) E(n##_xd, 2, 1)
    T(fcvtzs) T(fcvtzu) T(fcvtns) T(fcvtnu) T(fcvtps) T(fcvtpu) T(fcvtms) T(fcvtmu) T(fcvtas) T(fcvtau)
    E(fcvtzs_fix_xd, 2, 1) E(fcvtzu_fix_ws, 1, 1) E(fcvtzs_fix_wd, 2, 1) E(fcvtzu_fix_xh, 0, 1)
#define F(n) EI(n##_hw, 0) EI(n##_hx, 0) EI(n##_sw, 1) EI(n##_sx, 1) EI(n##_dw, 2) EI(n##_dx, 2)
    F(scvtf) F(ucvtf)
    EI(scvtf_fix_dx, 2) EI(ucvtf_fix_sw, 1) EI(scvtf_fix_hw, 0) EI(ucvtf_fix_dx, 2)
};

static u64 seed = 1;
static u64 rnd(void) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return seed >> 11 ^ seed << 29;
}

static const int FRACB[] = {10, 23, 52}, EXPB[] = {5, 8, 11};

/* an interesting value of the format: specials, edges, and random values near them */
static u64 value(int fmt) {
    int f = FRACB[fmt], e = EXPB[fmt];
    u64 emax = (1ULL << e) - 1, bias = emax >> 1;
    u64 sign = (rnd() & 1) << (f + e);
    u64 fr = rnd() & ((1ULL << f) - 1);
    u64 ex;
    switch (rnd() % 16) {
    case 0: return sign;                                   /* zero */
    case 1: return sign | 1;                               /* smallest denormal */
    case 2: return sign | fr;                              /* denormal */
    case 3: return sign | emax << f;                       /* infinity */
    case 4: return sign | emax << f | 1ULL << (f - 1) | (fr >> 2); /* quiet NaN */
    case 5: return sign | emax << f | ((fr >> 1) | 1);     /* signalling NaN */
    case 6: return sign | (emax - 1) << f | fr;            /* huge */
    case 7: return sign | 1ULL << f | (rnd() % 3 ? 0 : fr); /* near the smallest normal */
    case 8: ex = bias + rnd() % 4; return sign | ex << f | (rnd() % 2 ? fr & ~((1ULL << (f / 2)) - 1) : 0);
    case 9: ex = bias - 1; return sign | ex << f | 1ULL << (f - 1); /* 0.75 */
    case 10: ex = bias + rnd() % (f + 2); return sign | ex << f | (fr & ~((1ULL << (f / 2)) - 1) | 1ULL << (f - 1)); /* .5 */
    case 11: ex = bias + 31 + rnd() % 34; if (ex >= emax) ex = emax - 1; return sign | ex << f | fr;
    default: ex = rnd() % (emax - 1) + 1; return sign | ex << f | fr;
    }
}

static u64 intvalue(void) {
    static const u64 edge[] = {0, 1, 2, 3, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ULL,
                               0x7fffffffffffffffULL, 0x8000000000000000ULL, 0xffffffffffffffffULL,
                               0x20000000000001ULL, 0xfffffffffffff801ULL, 0x1000001, 0xffff, 0x10001};
    switch (rnd() % 4) {
    case 0: return edge[rnd() % (sizeof edge / sizeof edge[0])];
    case 1: return rnd() >> (rnd() % 64);
    case 2: return -(rnd() >> (rnd() % 64));
    default: return rnd();
    }
}

/* FPCR settings: rounding modes alone, then FZ, FZ16, DN and AHP combined with them */
static const u64 FPCRS[] = {0, 1 << 22, 2 << 22, 3 << 22, 1 << 24, 1 << 25, 1 << 19, 1 << 26,
                            (1 << 24) | (1 << 25) | (1 << 19), (3 << 22) | (1 << 24) | (1 << 26)};

int main(int argc, char **argv) {
    if (argc > 1) seed = strtoull(argv[1], 0, 0);
    for (unsigned i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        const struct op *o = &ops[i];
        for (int k = 0; k < 48; k++) {
            u64 src[3];
            for (int j = 0; j < 3; j++) {
                if (j >= o->nsrc) src[j] = 0;
                else if (o->src == INT) src[j] = intvalue();
                else src[j] = value(o->fmt);
            }
            /* related pairs: equal magnitudes, cancellation */
            if (o->nsrc >= 2 && rnd() % 4 == 0) src[1] = src[0] ^ ((rnd() & 1) << (FRACB[o->fmt] + EXPB[o->fmt]));
            u64 fpcr = FPCRS[k < 8 ? k % 4 : rnd() % (sizeof FPCRS / sizeof FPCRS[0])];
            u64 fl, r = o->fn(fpcr, src[0], src[1], src[2], &fl);
            printf("%s %llx %llx %llx %llx -> %llx %llx\n", o->name, (unsigned long long)fpcr,
                   (unsigned long long)src[0], (unsigned long long)src[1], (unsigned long long)src[2],
                   (unsigned long long)r, (unsigned long long)fl);
        }
    }
    return 0;
}
