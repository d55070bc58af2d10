/*
 * Reference vectors for io.mimic.translator.riscv.RiscvFloat (RiscvFloatTest): every RISC-V F and D
 * instruction that RiscvFloat implements is executed for real (static rounding mode in the encoding,
 * fflags cleared before and read after) on a list of operands, and the result bits and flags printed.
 * Run under qemu-riscv64 this makes qemu's softfloat the oracle.
 *
 * Regenerate the committed file (from the repository root):
 *
 *   riscv64-linux-gnu-gcc -O1 -static -o /tmp/riscv-float-vectors translator/src/test/c/riscv-float-vectors.c
 *   qemu-riscv64 /tmp/riscv-float-vectors \
 *       > translator/src/test/resources/io/mimic/translator/riscv/float-vectors.txt
 *
 * Optional arguments: SEED [SCALE] — another seed for the pseudo-random cases and a multiplier for how
 * many are made (default 1 and 1). A large run, not committed, can be checked with
 *   mvn -pl translator test -Dtest=RiscvFloatTest -Driscv.float.vectors=/tmp/big-vectors.txt
 *
 * Output, one line per case:  op rm a b d -> result flags
 * op is the mnemonic; rm is 0..4 (rne rtz rdn rup rmm) or "-" for instructions without one; a, b, d are
 * the 64-bit source register contents (f registers raw; singles NaN-boxed unless the case is about an
 * improperly boxed input; x registers for integer sources) or "-" when unused; result is the 64-bit
 * destination register; flags the fflags bits (NV=10 DZ=08 OF=04 UF=02 NX=01). All in hex.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint64_t u64;
typedef uint32_t u32;
typedef u64 (*opfn)(u64 a, u64 b, u64 c, u64 *fl);

static inline double u2d(u64 u) { double d; memcpy(&d, &u, 8); return d; }
static inline u64 d2u(double d) { u64 u; memcpy(&u, &d, 8); return u; }
static inline float u2f(u32 u) { float f; memcpy(&f, &u, 4); return f; }
static inline u32 f2u(float f) { u32 u; memcpy(&u, &f, 4); return u; }
static inline u64 box(u32 f) { return 0xffffffff00000000ull | f; }

#define PRE "csrw fflags, zero\n\t"
#define POST "\n\tcsrr %1, fflags"

/* f, f -> f, static rm */
#define FFF_R1(name, insn, rm) \
    static u64 name##_##rm(u64 a, u64 b, u64 c, u64 *fl) { \
        double r, x = u2d(a), y = u2d(b); u64 f; (void) c; \
        asm volatile(PRE insn " %0, %2, %3, " #rm POST : "=&f"(r), "=&r"(f) : "f"(x), "f"(y)); \
        *fl = f; return d2u(r); }
/* f -> f, static rm */
#define FF_R1(name, insn, rm) \
    static u64 name##_##rm(u64 a, u64 b, u64 c, u64 *fl) { \
        double r, x = u2d(a); u64 f; (void) b; (void) c; \
        asm volatile(PRE insn " %0, %2, " #rm POST : "=&f"(r), "=&r"(f) : "f"(x)); \
        *fl = f; return d2u(r); }
/* f, f, f -> f, static rm */
#define FFFF_R1(name, insn, rm) \
    static u64 name##_##rm(u64 a, u64 b, u64 c, u64 *fl) { \
        double r, x = u2d(a), y = u2d(b), z = u2d(c); u64 f; \
        asm volatile(PRE insn " %0, %2, %3, %4, " #rm POST : "=&f"(r), "=&r"(f) : "f"(x), "f"(y), "f"(z)); \
        *fl = f; return d2u(r); }
/* f -> x, static rm */
#define XF_R1(name, insn, rm) \
    static u64 name##_##rm(u64 a, u64 b, u64 c, u64 *fl) { \
        u64 r, f; double x = u2d(a); (void) b; (void) c; \
        asm volatile(PRE insn " %0, %2, " #rm POST : "=&r"(r), "=&r"(f) : "f"(x)); \
        *fl = f; return r; }
/* x -> f, static rm */
#define FX_R1(name, insn, rm) \
    static u64 name##_##rm(u64 a, u64 b, u64 c, u64 *fl) { \
        double r; u64 f; (void) b; (void) c; \
        asm volatile(PRE insn " %0, %2, " #rm POST : "=&f"(r), "=&r"(f) : "r"(a)); \
        *fl = f; return d2u(r); }
/* f, f -> f, no rm */
#define FFF0(name, insn) \
    static u64 name(u64 a, u64 b, u64 c, u64 *fl) { \
        double r, x = u2d(a), y = u2d(b); u64 f; (void) c; \
        asm volatile(PRE insn " %0, %2, %3" POST : "=&f"(r), "=&r"(f) : "f"(x), "f"(y)); \
        *fl = f; return d2u(r); }
/* f, f -> x, no rm */
#define XFF0(name, insn) \
    static u64 name(u64 a, u64 b, u64 c, u64 *fl) { \
        u64 r, f; double x = u2d(a), y = u2d(b); (void) c; \
        asm volatile(PRE insn " %0, %2, %3" POST : "=&r"(r), "=&r"(f) : "f"(x), "f"(y)); \
        *fl = f; return r; }
/* f -> x, no rm */
#define XF0(name, insn) \
    static u64 name(u64 a, u64 b, u64 c, u64 *fl) { \
        u64 r, f; double x = u2d(a); (void) b; (void) c; \
        asm volatile(PRE insn " %0, %2" POST : "=&r"(r), "=&r"(f) : "f"(x)); \
        *fl = f; return r; }
/* x -> f, no rm */
#define FX0(name, insn) \
    static u64 name(u64 a, u64 b, u64 c, u64 *fl) { \
        double r; u64 f; (void) b; (void) c; \
        asm volatile(PRE insn " %0, %2" POST : "=&f"(r), "=&r"(f) : "r"(a)); \
        *fl = f; return d2u(r); }

/*
 * The exact conversions fcvt.d.s, fcvt.d.w and fcvt.d.wu still have an rm field (validated by the
 * hardware), but older assemblers refuse one; these are encoded with .insn (OP-FP, funct3 = rm).
 */
#define FF_X1(name, f7, rs2, rm, rmn) \
    static u64 name##_##rm(u64 a, u64 b, u64 c, u64 *fl) { \
        double r, x = u2d(a); u64 f; (void) b; (void) c; \
        asm volatile(PRE ".insn r 0x53, " #rmn ", " #f7 ", %0, %2, " #rs2 POST : "=&f"(r), "=&r"(f) : "f"(x)); \
        *fl = f; return d2u(r); }
#define FX_X1(name, f7, rs2, rm, rmn) \
    static u64 name##_##rm(u64 a, u64 b, u64 c, u64 *fl) { \
        double r; u64 f; (void) b; (void) c; \
        asm volatile(PRE ".insn r 0x53, " #rmn ", " #f7 ", %0, %2, " #rs2 POST : "=&f"(r), "=&r"(f) : "r"(a)); \
        *fl = f; return d2u(r); }
#define RMSX(M, name, f7, rs2) M(name, f7, rs2, rne, 0) M(name, f7, rs2, rtz, 1) M(name, f7, rs2, rdn, 2) \
    M(name, f7, rs2, rup, 3) M(name, f7, rs2, rmm, 4)

#define RMS(M, name, insn) M(name, insn, rne) M(name, insn, rtz) M(name, insn, rdn) M(name, insn, rup) M(name, insn, rmm)
#define TAB(name) { name##_rne, name##_rtz, name##_rdn, name##_rup, name##_rmm }

RMS(FFF_R1, fadd_s, "fadd.s") RMS(FFF_R1, fsub_s, "fsub.s") RMS(FFF_R1, fmul_s, "fmul.s") RMS(FFF_R1, fdiv_s, "fdiv.s")
RMS(FFF_R1, fadd_d, "fadd.d") RMS(FFF_R1, fsub_d, "fsub.d") RMS(FFF_R1, fmul_d, "fmul.d") RMS(FFF_R1, fdiv_d, "fdiv.d")
RMS(FF_R1, fsqrt_s, "fsqrt.s") RMS(FF_R1, fsqrt_d, "fsqrt.d")
RMS(FF_R1, fcvt_s_d, "fcvt.s.d") RMSX(FF_X1, fcvt_d_s, 0x21, x0)
RMS(FFFF_R1, fmadd_s, "fmadd.s") RMS(FFFF_R1, fmsub_s, "fmsub.s") RMS(FFFF_R1, fnmsub_s, "fnmsub.s") RMS(FFFF_R1, fnmadd_s, "fnmadd.s")
RMS(FFFF_R1, fmadd_d, "fmadd.d") RMS(FFFF_R1, fmsub_d, "fmsub.d") RMS(FFFF_R1, fnmsub_d, "fnmsub.d") RMS(FFFF_R1, fnmadd_d, "fnmadd.d")
RMS(XF_R1, fcvt_w_s, "fcvt.w.s") RMS(XF_R1, fcvt_wu_s, "fcvt.wu.s") RMS(XF_R1, fcvt_l_s, "fcvt.l.s") RMS(XF_R1, fcvt_lu_s, "fcvt.lu.s")
RMS(XF_R1, fcvt_w_d, "fcvt.w.d") RMS(XF_R1, fcvt_wu_d, "fcvt.wu.d") RMS(XF_R1, fcvt_l_d, "fcvt.l.d") RMS(XF_R1, fcvt_lu_d, "fcvt.lu.d")
RMS(FX_R1, fcvt_s_w, "fcvt.s.w") RMS(FX_R1, fcvt_s_wu, "fcvt.s.wu") RMS(FX_R1, fcvt_s_l, "fcvt.s.l") RMS(FX_R1, fcvt_s_lu, "fcvt.s.lu")
RMSX(FX_X1, fcvt_d_w, 0x69, x0) RMSX(FX_X1, fcvt_d_wu, 0x69, x1) RMS(FX_R1, fcvt_d_l, "fcvt.d.l") RMS(FX_R1, fcvt_d_lu, "fcvt.d.lu")
FFF0(fmin_s, "fmin.s") FFF0(fmax_s, "fmax.s") FFF0(fmin_d, "fmin.d") FFF0(fmax_d, "fmax.d")
FFF0(fsgnj_s, "fsgnj.s") FFF0(fsgnjn_s, "fsgnjn.s") FFF0(fsgnjx_s, "fsgnjx.s")
FFF0(fsgnj_d, "fsgnj.d") FFF0(fsgnjn_d, "fsgnjn.d") FFF0(fsgnjx_d, "fsgnjx.d")
XFF0(feq_s, "feq.s") XFF0(flt_s, "flt.s") XFF0(fle_s, "fle.s")
XFF0(feq_d, "feq.d") XFF0(flt_d, "flt.d") XFF0(fle_d, "fle.d")
XF0(fclass_s, "fclass.s") XF0(fclass_d, "fclass.d") XF0(fmv_x_w, "fmv.x.w")
FX0(fmv_w_x, "fmv.w.x")

enum kind { K_FFF_R, K_FF_R, K_FFFF_R, K_FFF, K_XFF, K_XF, K_XF_R, K_FX_R, K_FX };
static const int ARITY[] = { 2, 1, 3, 2, 2, 1, 1, 1, 1 };

struct op { const char *name; int kind; opfn f[5]; };

#define OPR(name, str, kind) { str, kind, TAB(name) }
#define OP0(name, str, kind) { str, kind, { name } }

static const struct op OPS[] = {
    OPR(fadd_s, "fadd.s", K_FFF_R), OPR(fsub_s, "fsub.s", K_FFF_R), OPR(fmul_s, "fmul.s", K_FFF_R),
    OPR(fdiv_s, "fdiv.s", K_FFF_R), OPR(fadd_d, "fadd.d", K_FFF_R), OPR(fsub_d, "fsub.d", K_FFF_R),
    OPR(fmul_d, "fmul.d", K_FFF_R), OPR(fdiv_d, "fdiv.d", K_FFF_R),
    OPR(fsqrt_s, "fsqrt.s", K_FF_R), OPR(fsqrt_d, "fsqrt.d", K_FF_R),
    OPR(fcvt_s_d, "fcvt.s.d", K_FF_R), OPR(fcvt_d_s, "fcvt.d.s", K_FF_R),
    OPR(fmadd_s, "fmadd.s", K_FFFF_R), OPR(fmsub_s, "fmsub.s", K_FFFF_R),
    OPR(fnmsub_s, "fnmsub.s", K_FFFF_R), OPR(fnmadd_s, "fnmadd.s", K_FFFF_R),
    OPR(fmadd_d, "fmadd.d", K_FFFF_R), OPR(fmsub_d, "fmsub.d", K_FFFF_R),
    OPR(fnmsub_d, "fnmsub.d", K_FFFF_R), OPR(fnmadd_d, "fnmadd.d", K_FFFF_R),
    OPR(fcvt_w_s, "fcvt.w.s", K_XF_R), OPR(fcvt_wu_s, "fcvt.wu.s", K_XF_R),
    OPR(fcvt_l_s, "fcvt.l.s", K_XF_R), OPR(fcvt_lu_s, "fcvt.lu.s", K_XF_R),
    OPR(fcvt_w_d, "fcvt.w.d", K_XF_R), OPR(fcvt_wu_d, "fcvt.wu.d", K_XF_R),
    OPR(fcvt_l_d, "fcvt.l.d", K_XF_R), OPR(fcvt_lu_d, "fcvt.lu.d", K_XF_R),
    OPR(fcvt_s_w, "fcvt.s.w", K_FX_R), OPR(fcvt_s_wu, "fcvt.s.wu", K_FX_R),
    OPR(fcvt_s_l, "fcvt.s.l", K_FX_R), OPR(fcvt_s_lu, "fcvt.s.lu", K_FX_R),
    OPR(fcvt_d_w, "fcvt.d.w", K_FX_R), OPR(fcvt_d_wu, "fcvt.d.wu", K_FX_R),
    OPR(fcvt_d_l, "fcvt.d.l", K_FX_R), OPR(fcvt_d_lu, "fcvt.d.lu", K_FX_R),
    OP0(fmin_s, "fmin.s", K_FFF), OP0(fmax_s, "fmax.s", K_FFF), OP0(fmin_d, "fmin.d", K_FFF),
    OP0(fmax_d, "fmax.d", K_FFF),
    OP0(fsgnj_s, "fsgnj.s", K_FFF), OP0(fsgnjn_s, "fsgnjn.s", K_FFF), OP0(fsgnjx_s, "fsgnjx.s", K_FFF),
    OP0(fsgnj_d, "fsgnj.d", K_FFF), OP0(fsgnjn_d, "fsgnjn.d", K_FFF), OP0(fsgnjx_d, "fsgnjx.d", K_FFF),
    OP0(feq_s, "feq.s", K_XFF), OP0(flt_s, "flt.s", K_XFF), OP0(fle_s, "fle.s", K_XFF),
    OP0(feq_d, "feq.d", K_XFF), OP0(flt_d, "flt.d", K_XFF), OP0(fle_d, "fle.d", K_XFF),
    OP0(fclass_s, "fclass.s", K_XF), OP0(fclass_d, "fclass.d", K_XF), OP0(fmv_x_w, "fmv.x.w", K_XF),
    OP0(fmv_w_x, "fmv.w.x", K_FX),
};

static const struct op *op(const char *name) {
    for (size_t i = 0; i < sizeof OPS / sizeof OPS[0]; i++)
        if (!strcmp(OPS[i].name, name)) return &OPS[i];
    fprintf(stderr, "no op %s\n", name);
    exit(1);
}

static long lines;

/* Runs one case; rm = -1 for instructions without a rounding mode. */
static void emit(const struct op *o, int rm, u64 a, u64 b, u64 c) {
    u64 fl, r = o->f[rm < 0 ? 0 : rm](a, b, c, &fl);
    int n = ARITY[o->kind];
    char sa[20] = "-", sb[20] = "-", sc[20] = "-";
    snprintf(sa, sizeof sa, "%016llx", (unsigned long long) a);
    if (n >= 2) snprintf(sb, sizeof sb, "%016llx", (unsigned long long) b);
    if (n >= 3) snprintf(sc, sizeof sc, "%016llx", (unsigned long long) c);
    if (rm < 0) printf("%s - %s %s %s -> %016llx %02llx\n", o->name, sa, sb, sc, (unsigned long long) r,
                       (unsigned long long) fl);
    else printf("%s %d %s %s %s -> %016llx %02llx\n", o->name, rm, sa, sb, sc, (unsigned long long) r,
                (unsigned long long) fl);
    lines++;
}

static void emit5(const char *name, u64 a, u64 b, u64 c) {
    const struct op *o = op(name);
    for (int rm = 0; rm < 5; rm++) emit(o, rm, a, b, c);
}

/* ---------- pseudo-random numbers (splitmix64, fixed seed) ---------- */

static u64 seed = 1;
static u64 rnd(void) {
    u64 z = (seed += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}
static int rint_in(int lo, int hi) { return lo + (int) (rnd() % (u64) (hi - lo + 1)); }

/* Format description: precision, exponent range. */
struct fmt { int d; int p; int emin; int emax; };
static const struct fmt FS = { 0, 24, -126, 127 }, FD = { 1, 53, -1022, 1023 };

/* Number of significant bits: often full precision, otherwise few (exact results and ties). */
static int rbits(const struct fmt *f) {
    u64 r = rnd() % 4;
    return r < 2 ? f->p : rint_in(1, f->p);
}

/*
 * A value with sign neg, leading bit at 2^e and k significant bits, as register contents (singles
 * boxed). Exponents below emin give subnormals (low bits cut off), above emax the largest finite.
 */
static u64 mk(const struct fmt *f, int neg, int e, int k) {
    u64 m = 1;
    if (k > 1) m = (1ull << (k - 1)) | (rnd() & ((1ull << (k - 1)) - 1)) | 1;
    m <<= (f->p - k);
    int be = e + (f->d ? 1023 : 127), maxbe = f->d ? 2046 : 254;
    u64 bits;
    if (be > maxbe) bits = ((u64) maxbe << (f->p - 1)) | ((1ull << (f->p - 1)) - 1);
    else if (be <= 0) {
        int sh = 1 - be;
        m = sh >= 63 ? 0 : m >> sh;
        if (!m) m = 1;
        bits = m;
    } else bits = ((u64) be << (f->p - 1)) | (m & ((1ull << (f->p - 1)) - 1));
    if (f->d) return bits | (neg ? 1ull << 63 : 0);
    return box((u32) bits | (neg ? 1u << 31 : 0));
}
static u64 mkr(const struct fmt *f, int e) { return mk(f, rnd() & 1, e, rbits(f)); }

/* ---------- special values ---------- */

static const u64 SPEC_D[] = {
    0, 0x8000000000000000ull, 1, 0x800fffffffffffffull, 0x0010000000000000ull, 0x3ff0000000000000ull,
    0xbff8000000000000ull, 0x7fefffffffffffffull, 0x7ff0000000000000ull, 0xfff0000000000000ull,
    0x7ff8000000000000ull, 0x7ff0000000000001ull,
};
static const u64 SPEC_S[] = {
    0xffffffff00000000ull, 0xffffffff80000000ull, 0xffffffff00000001ull, 0xffffffff807fffffull,
    0xffffffff00800000ull, 0xffffffff3f800000ull, 0xffffffffbfc00000ull, 0xffffffff7f7fffffull,
    0xffffffff7f800000ull, 0xffffffffff800000ull, 0xffffffff7fc00000ull, 0xffffffff7f800001ull,
    0x000000003f800000ull, /* improperly boxed: reads as the canonical NaN */
};
/* For min/max and comparisons. */
static const u64 CMP_D[] = {
    0, 0x8000000000000000ull, 1, 0x3ff0000000000000ull, 0xc000000000000000ull, 0x7ff0000000000000ull,
    0xfff8000000000123ull, 0x7ff4000000000000ull,
};
static const u64 CMP_S[] = {
    0xffffffff00000000ull, 0xffffffff80000000ull, 0xffffffff00000001ull, 0xffffffff3f800000ull,
    0xffffffffc0000000ull, 0xffffffff7f800000ull, 0xffffffffffc00123ull, 0xffffffff7fa00000ull,
    0xfffffffe3f800000ull,
};
/* For fclass: one of each class plus extra NaNs. */
static const u64 CLASS_D[] = {
    0xfff0000000000000ull, 0xbff0000000000000ull, 0x800fffffffffffffull, 0x8000000000000000ull, 0,
    1, 0x3ff0000000000000ull, 0x7ff0000000000000ull, 0x7ff0000000000001ull, 0x7ff8000000000000ull,
    0xfff7ffffffffffffull, 0xfff8000000000001ull, 0x0010000000000000ull, 0x7fefffffffffffffull,
};
static const u64 CLASS_S[] = {
    0xffffffffff800000ull, 0xffffffffbf800000ull, 0xffffffff807fffffull, 0xffffffff80000000ull,
    0xffffffff00000000ull, 0xffffffff00000001ull, 0xffffffff3f800000ull, 0xffffffff7f800000ull,
    0xffffffff7f800001ull, 0xffffffff7fc00000ull, 0xffffffffffbfffffull, 0xffffffffffc00001ull,
    0x00000000ff800000ull, 0x7fffffff00000000ull,
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static u64 dv(double x) { return d2u(x); }
static u64 sv(float x) { return box(f2u(x)); }

/* ---------- generators ---------- */

static int scale = 1;

/* Two operands for op class cls ('a' add/sub, 'm' mul, 'q' div) landing on interesting results. */
static void pair(const struct fmt *f, char cls, int i, u64 *a, u64 *b) {
    int ea, eb;
    switch (i % 4) {
    case 0: /* moderate, close exponents (cancellation, ties, exact results) */
        ea = rint_in(-8, 8);
        eb = cls == 'a' ? ea + rint_in(-3, 3) : rint_in(-8, 8);
        break;
    case 1: /* moderate, exponents far apart for add, anything for mul/div */
        ea = rint_in(-20, 20);
        eb = cls == 'a' ? ea + rint_in(-f->p - 8, f->p + 8) : rint_in(-20, 20);
        break;
    case 2: /* around the underflow threshold / subnormal results */
        if (cls == 'a') { ea = rint_in(f->emin - f->p, f->emin + 2); eb = rint_in(f->emin - f->p, f->emin + 2); }
        else {
            int t = f->emin + rint_in(-f->p - 2, 2);
            ea = rint_in(t / 2 - 4, t / 2 + 4);
            eb = cls == 'm' ? t - ea : ea - t;
        }
        break;
    default: /* around the overflow threshold */
        if (cls == 'a') { ea = f->emax - rint_in(0, 1); eb = f->emax - rint_in(0, f->p + 2); }
        else {
            int t = f->emax + rint_in(-1, 1);
            ea = rint_in(t / 2 - 4, t / 2 + 4);
            eb = cls == 'm' ? t - ea : ea - t;
            if (eb < f->emin) eb = f->emin;
        }
        break;
    }
    *a = mkr(f, ea);
    *b = mkr(f, eb);
    if (i % 4 == 3 && cls == 'a') *b = (*b & ~(f->d ? 1ull << 63 : 1ull << 31)) | (*a & (f->d ? 1ull << 63 : 1ull << 31));
}

static void arith(const struct fmt *f) {
    const char *suf = f->d ? "d" : "s";
    const u64 *spec = f->d ? SPEC_D : SPEC_S;
    size_t ns = f->d ? N(SPEC_D) : N(SPEC_S);
    static const char *names[] = { "fadd", "fsub", "fmul", "fdiv" };
    static const char cls[] = { 'a', 'a', 'm', 'q' };
    u64 zs[4] = { 0, 1ull << 63, 0x3ff0000000000000ull, 0xbff0000000000000ull };
    if (!f->d) { zs[0] = box(0); zs[1] = box(0x80000000u); zs[2] = box(0x3f800000u); zs[3] = box(0xbf800000u); }
    for (int k = 0; k < 4; k++) {
        char name[16];
        snprintf(name, sizeof name, "%s.%s", names[k], suf);
        const struct op *o = op(name);
        for (size_t i = 0; i < ns; i++)
            for (size_t j = 0; j < ns; j++) emit(o, 0, spec[i], spec[j], 0);
        /* zero signs depend on the rounding mode (x - x is -0 only in rdn) */
        if (cls[k] == 'a')
            for (int rm = 2; rm < 4; rm++)
                for (int i = 0; i < 4; i++)
                    for (int j = 0; j < 4; j++) emit(o, rm, zs[i], zs[j], 0);
        for (int i = 0; i < 20 * scale; i++) {
            u64 a, b;
            pair(f, cls[k], i, &a, &b);
            emit5(name, a, b, 0);
        }
        /* exact halfway cases: 1 + half an ulp, 1 + 3/2 ulp, and (2^p - 1) * (1 + 2^-p) like products */
        if (cls[k] == 'a') {
            if (f->d) {
                emit5(name, dv(1.0), dv(0x1p-53), 0); emit5(name, dv(1.0), dv(0x1.8p-52), 0);
                emit5(name, dv(-1.0), dv(-0x1p-53), 0); emit5(name, dv(0x1p-1022), dv(-0x1p-1074), 0);
            } else {
                emit5(name, sv(1.0f), sv(0x1p-24f), 0); emit5(name, sv(1.0f), sv(0x1.8p-23f), 0);
                emit5(name, sv(-1.0f), sv(-0x1p-24f), 0); emit5(name, sv(0x1p-126f), sv(-0x1p-149f), 0);
            }
        }
    }
}

static void sqrts(const struct fmt *f) {
    const char *name = f->d ? "fsqrt.d" : "fsqrt.s";
    const struct op *o = op(name);
    const u64 *spec = f->d ? SPEC_D : SPEC_S;
    size_t ns = f->d ? N(SPEC_D) : N(SPEC_S);
    for (size_t i = 0; i < ns; i++) emit(o, 0, spec[i], 0, 0);
    for (int i = 0; i < 16 * scale; i++) {
        u64 a;
        switch (i % 4) {
        case 0: a = mk(f, 0, rint_in(-30, 30), f->p); break;
        case 1: a = mk(f, 0, rint_in(f->emin - f->p + 1, f->emin + 1), rbits(f)); break;
        case 2: { /* perfect squares and neighbours */
            u64 m = rnd() % (f->d ? 0x3ffffff : 0xfff) + 1;
            int sh = rint_in(-20, 20) * 2;
            if (f->d) a = d2u((double) (m * m) * (sh < 0 ? 1.0 / (double) (1ull << -sh) : (double) (1ull << sh)));
            else a = box(f2u((float) (m * m) * (sh < 0 ? 1.0f / (float) (1ull << -sh) : (float) (1ull << sh))));
            if (rnd() & 1) a += (rnd() & 1) ? 1 : -1;
            break;
        }
        default: a = mk(f, 0, f->emax - rint_in(0, 3), rbits(f)); break;
        }
        emit5(name, a, 0, 0);
    }
}

static void fmas(const struct fmt *f) {
    const char *suf = f->d ? "d" : "s";
    static const char *names[] = { "fmadd", "fmsub", "fnmsub", "fnmadd" };
    u64 S = f->d ? 1ull << 63 : 1ull << 31;
    u64 z, one, two, inf, qn, sn, tiny, max, bad;
    if (f->d) {
        z = 0; one = dv(1.0); two = dv(2.0); inf = 0x7ff0000000000000ull; qn = 0x7ff8000000000000ull;
        sn = 0x7ff0000000000001ull; tiny = 1; max = 0x7fefffffffffffffull; bad = 0;
    } else {
        z = box(0); one = sv(1.0f); two = sv(2.0f); inf = box(0x7f800000u); qn = box(0x7fc00000u);
        sn = box(0x7f800001u); tiny = box(1); max = box(0x7f7fffffu); bad = 0x000000003f800000ull;
    }
    const u64 spec[][3] = {
        { inf, z, qn }, { z, inf, qn }, { inf, z, one }, { inf, z | S, sn }, { inf, one, inf | S },
        { inf, one, inf }, { one, inf, two }, { qn, one, one }, { one, qn, one }, { one, one, qn },
        { sn, one, one }, { one, sn, one }, { one, one, sn }, { sn, z, inf }, { z, one, z },
        { z, one, z | S }, { z | S, one, z }, { z, one, one }, { one, one, z }, { one, one | S, one },
        { two, one, two | S }, { tiny, tiny, z }, { tiny, tiny | S, z }, { max, two, max | S },
        { max, two, z }, { max, max, inf | S }, { one, one, bad }, { bad, one, one }, { tiny, one, tiny },
    };
    for (int k = 0; k < 4; k++) {
        char name[16];
        snprintf(name, sizeof name, "%s.%s", names[k], suf);
        const struct op *o = op(name);
        for (size_t i = 0; i < N(spec); i++) {
            emit(o, 0, spec[i][0], spec[i][1], spec[i][2]);
            if (i >= 14 && i <= 20) emit(o, 2, spec[i][0], spec[i][1], spec[i][2]); /* zero signs in rdn */
        }
        int n = (k == 0 ? 28 : 8) * scale;
        for (int i = 0; i < n; i++) {
            u64 a, b, c;
            int ea = rint_in(-10, 10), eb = rint_in(-10, 10);
            switch (i % 4) {
            case 0: /* moderate */
                a = mkr(f, ea); b = mkr(f, eb); c = mkr(f, ea + eb + rint_in(-f->p - 4, f->p + 4));
                break;
            case 1: /* c close to -(a*b): massive cancellation */
                a = mkr(f, ea); b = mkr(f, eb);
                if (f->d) {
                    double p = u2d(a) * u2d(b);
                    c = d2u(-p) + (u64) (int64_t) rint_in(-2, 2);
                    if (k == 1 || k == 2) c ^= S; /* fmsub, fnmsub: the addend enters with a minus */
                } else {
                    float p = (float) ((double) u2f((u32) a) * (double) u2f((u32) b));
                    c = box(f2u(-p) + (u32) rint_in(-2, 2));
                    if (k == 1 || k == 2) c ^= S;
                }
                break;
            case 2: { /* product around the underflow threshold */
                int t = f->emin + rint_in(-f->p - 2, 4);
                ea = rint_in(t / 2 - 4, t / 2 + 4);
                a = mkr(f, ea); b = mkr(f, t - ea);
                c = (rnd() & 1) ? mkr(f, f->emin + rint_in(-f->p, 1)) : (rnd() & 1 ? z : z | S);
                break;
            }
            default: { /* around overflow */
                int t = f->emax + rint_in(-1, 1);
                ea = rint_in(t / 2 - 4, t / 2 + 4);
                a = mkr(f, ea); b = mkr(f, t - ea); c = mkr(f, f->emax - rint_in(0, 3));
                break;
            }
            }
            emit5(name, a, b, c);
        }
    }
}

static void cvt_to_int(const struct fmt *f) {
    const char *suf = f->d ? "d" : "s";
    u64 gen[16], w[12], l[10];
    int ng = 0, nw = 0, nl = 0;
    if (f->d) {
        double g[] = { 0.0, -0.0, 0.5, -0.5, 2.5, -2.5, 0x1.fffffffffffffp-2, -1.5, 1e10, -123456.75 };
        for (size_t i = 0; i < N(g); i++) gen[ng++] = dv(g[i]);
        gen[ng++] = 0x7ff0000000000000ull; gen[ng++] = 0xfff0000000000000ull; gen[ng++] = 0x7ff8000000000000ull;
        gen[ng++] = 0xfff0000000000001ull; gen[ng++] = 0x8000000000000001ull; gen[ng++] = 0x7fefffffffffffffull;
        double ww[] = { 2147483647.5, 2147483646.5, 2147483648.0, -2147483648.5, -2147483647.5, -2147483649.0,
                        4294967295.5, 4294967296.0, 4294967294.5, -0.75 };
        for (size_t i = 0; i < N(ww); i++) w[nw++] = dv(ww[i]);
        double ll[] = { 0x1p63, -0x1p63, 0x1p64, 0x1.fffffffffffffp62, 0x1.fffffffffffffp63, -0x1.0000000000001p63,
                        0x1.0000000000001p52 + 0.5, 4503599627370497.5 };
        for (size_t i = 0; i < N(ll); i++) l[nl++] = dv(ll[i]);
    } else {
        float g[] = { 0.0f, -0.0f, 0.5f, -0.5f, 2.5f, -2.5f, 0x1.fffffep-2f, -1.5f, 1e10f, -12345.75f };
        for (size_t i = 0; i < N(g); i++) gen[ng++] = sv(g[i]);
        gen[ng++] = box(0x7f800000u); gen[ng++] = box(0xff800000u); gen[ng++] = box(0x7fc00000u);
        gen[ng++] = box(0xff800001u); gen[ng++] = box(0x80000001u); gen[ng++] = 0x00000000c0000000ull;
        float ww[] = { 0x1p31f, -0x1p31f, 0x1.fffffep30f, -0x1.000002p31f, 0x1p32f, 0x1.fffffep31f,
                       8388607.5f, -8388607.5f, 8388606.5f, -0.75f };
        for (size_t i = 0; i < N(ww); i++) w[nw++] = sv(ww[i]);
        float ll[] = { 0x1p63f, -0x1p63f, 0x1p64f, 0x1.fffffep62f, 0x1.fffffep63f, -0x1.000002p63f };
        for (size_t i = 0; i < N(ll); i++) l[nl++] = sv(ll[i]);
    }
    static const char *kinds[] = { "w", "wu", "l", "lu" };
    for (int k = 0; k < 4; k++) {
        char name[16];
        snprintf(name, sizeof name, "fcvt.%s.%s", kinds[k], suf);
        for (int i = 0; i < ng; i++) emit5(name, gen[i], 0, 0);
        if (k < 2) for (int i = 0; i < nw; i++) emit5(name, w[i], 0, 0);
        else for (int i = 0; i < nl; i++) emit5(name, l[i], 0, 0);
        for (int i = 0; i < 3 * scale; i++) emit5(name, mkr(f, rint_in(-2, k < 2 ? 33 : 65)), 0, 0);
    }
}

static void cvt_from_int(void) {
    u64 xs[] = {
        0, 1, 0xffffffffffffffffull, 0x7fffffff, 0x80000000ull, 0xffffffffull, 0x1000001, 0x1000003,
        0xdeadbeef01000001ull, 0x20000000000001ull, 0x20000000000003ull, 0x7fffffffffffffffull,
        0x8000000000000000ull, 0xfffffffffffff801ull, 0x7fffffc0ull, 0x7ffffec0ull,
    };
    static const char *names[] = { "fcvt.s.w", "fcvt.s.wu", "fcvt.s.l", "fcvt.s.lu",
                                   "fcvt.d.w", "fcvt.d.wu", "fcvt.d.l", "fcvt.d.lu" };
    for (int k = 0; k < 8; k++) {
        for (size_t i = 0; i < N(xs); i++) emit5(names[k], xs[i], 0, 0);
        for (int i = 0; i < 2 * scale; i++) emit5(names[k], rnd() >> rint_in(0, 40), 0, 0);
    }
}

static void cvt_float(void) {
    const struct op *sd = op("fcvt.s.d"), *ds = op("fcvt.d.s");
    for (size_t i = 0; i < N(SPEC_D); i++) emit(sd, 0, SPEC_D[i], 0, 0);
    for (size_t i = 0; i < N(SPEC_S); i++) emit(ds, 0, SPEC_S[i], 0, 0);
    emit5("fcvt.d.s", box(0x00000003u), 0, 0);
    double xs[] = {
        0x1.fffffep127, 0x1.fffffefffffffp127, 0x1.ffffffp127, 0x1p128, -0x1.ffffffp127,
        0x1p-126, 0x1.fffffep-127, 0x1.ffffffp-127, 0x1.fffffe8p-127, 0x1p-149, 0x1p-150,
        0x1.0000000000001p-150, 0x1.8p-149, -0x1.4p-148, 0x1p-1074, 1.0 + 0x1p-24, 1.0 + 0x1p-23 + 0x1p-24,
        0.1, -0.1,
    };
    for (size_t i = 0; i < N(xs); i++) emit5("fcvt.s.d", dv(xs[i]), 0, 0);
    for (int i = 0; i < 8 * scale; i++) {
        int e;
        switch (i % 3) {
        case 0: e = rint_in(-20, 20); break;
        case 1: e = rint_in(-151, -124); break;
        default: e = rint_in(126, 128); break;
        }
        emit5("fcvt.s.d", mkr(&FD, e), 0, 0);
    }
}

static void minmax_cmp(const struct fmt *f) {
    const u64 *v = f->d ? CMP_D : CMP_S;
    size_t n = f->d ? N(CMP_D) : N(CMP_S);
    const char *names[] = { "fmin", "fmax", "feq", "flt", "fle" };
    for (int k = 0; k < 5; k++) {
        char name[16];
        snprintf(name, sizeof name, "%s.%s", names[k], f->d ? "d" : "s");
        const struct op *o = op(name);
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < n; j++) emit(o, -1, v[i], v[j], 0);
        for (int i = 0; i < 4 * scale; i++) {
            u64 a = mkr(f, rint_in(-3, 3)), b = (rnd() & 1) ? a : mkr(f, rint_in(-3, 3));
            emit(o, -1, a, b, 0);
        }
    }
}

static void sign_class_move(const struct fmt *f) {
    u64 v[5];
    if (f->d) { v[0] = dv(1.5); v[1] = dv(-2.0); v[2] = 0xfff8000000000001ull; v[3] = 0x7ff0000000000001ull; v[4] = 1ull << 63; }
    else { v[0] = sv(1.5f); v[1] = sv(-2.0f); v[2] = box(0xffc00001u); v[3] = 0x00000000bf800000ull; v[4] = 0x7fffffffbf800000ull; }
    const char *names[] = { "fsgnj", "fsgnjn", "fsgnjx" };
    for (int k = 0; k < 3; k++) {
        char name[16];
        snprintf(name, sizeof name, "%s.%s", names[k], f->d ? "d" : "s");
        const struct op *o = op(name);
        for (int i = 0; i < 5; i++)
            for (int j = 0; j < 5; j++) emit(o, -1, v[i], v[j], 0);
    }
    const u64 *c = f->d ? CLASS_D : CLASS_S;
    size_t n = f->d ? N(CLASS_D) : N(CLASS_S);
    const struct op *o = op(f->d ? "fclass.d" : "fclass.s");
    for (size_t i = 0; i < n; i++) emit(o, -1, c[i], 0, 0);
}

int main(int argc, char **argv) {
    if (argc > 1) seed = strtoull(argv[1], 0, 0);
    if (argc > 2) scale = atoi(argv[2]);
    const struct fmt *fmts[] = { &FS, &FD };
    for (int i = 0; i < 2; i++) {
        arith(fmts[i]);
        sqrts(fmts[i]);
        fmas(fmts[i]);
        cvt_to_int(fmts[i]);
        minmax_cmp(fmts[i]);
        sign_class_move(fmts[i]);
    }
    cvt_from_int();
    cvt_float();
    u64 mv[] = { 0xffffffff3f800000ull, 0x000000007fc00000ull, 0x12345678bf800000ull, 0x7f800001ull };
    for (size_t i = 0; i < N(mv); i++) emit(op("fmv.x.w"), -1, mv[i], 0, 0);
    u64 mw[] = { 0x3f800000ull, 0xdeadbeef7f800001ull, 0xffffffffffffffffull, 0x80000000ull };
    for (size_t i = 0; i < N(mw); i++) emit(op("fmv.w.x"), -1, mw[i], 0, 0);
    fprintf(stderr, "%ld vectors\n", lines);
    return 0;
}
