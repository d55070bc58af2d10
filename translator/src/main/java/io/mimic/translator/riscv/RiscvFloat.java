package io.mimic.translator.riscv;

import io.mimic.translator.fp.FusedMultiplyAdd;
import java.math.BigInteger;

/**
 * RISC-V F and D extension arithmetic (unprivileged spec 20191213), bit-exact with hardware and
 * qemu: results, rounding modes, accrued flags, NaN boxing and canonical NaNs. Translated code calls
 * these methods directly.
 *
 * <p>Conventions: FP register contents are raw bits in a {@code long}; a single is NaN-boxed (upper
 * 32 bits all ones) and an input single that is not properly boxed reads as the canonical NaN. Every
 * single result is returned boxed. {@code rm} is the instruction's rounding-mode field (0 RNE, 1 RTZ,
 * 2 RDN, 3 RUP, 4 RMM, 7 DYN = {@code cpu.frm}); a reserved effective mode throws the illegal
 * instruction fault. Flags are OR-ed into {@code cpu.fflags}. Tininess is detected after rounding,
 * and UF is raised only for a tiny inexact result.
 *
 * <p>Implementation: the common case (round to nearest even, result a normal number) is plain Java
 * arithmetic, whose IEEE round-to-nearest results are exactly the RISC-V ones, plus an error-free
 * transformation (2Sum, an FMA residual, ErrFma) to decide NX. The other rounding modes use the same
 * round-to-nearest result and error and step one ulp toward the exact value when the mode requires
 * it. Everything else — special operands, results that may be subnormal or overflow, integer to
 * float conversions in directed modes — goes to an exact path that computes the exact value (or
 * enough quotient/root bits plus a sticky bit) with integers and rounds it in one place
 * ({@link #round}).
 *
 * <p>NX is sticky: once it is set (a program's first inexact result sets it, and only fsflags and
 * fscsr clear it), the fast paths skip the error-free transformation that decides it. In
 * riscv64 cpu_mix's n-body kernel that transformation was 40% of the kernel's time.
 */
public final class RiscvFloat {
    public static final int NV = 16, DZ = 8, OF = 4, UF = 2, NX = 1;
    public static final int RNE = 0, RTZ = 1, RDN = 2, RUP = 3, RMM = 4, DYN = 7;

    /** The NaN box: upper half of a register holding a single. */
    public static final long BOX = 0xFFFFFFFF00000000L;
    public static final int CANONICAL_NAN_S = 0x7fc00000;
    public static final long CANONICAL_NAN_D = 0x7ff8000000000000L;
    private static final long NAN_S = BOX | CANONICAL_NAN_S;
    private static final long SIGN_D = Long.MIN_VALUE;
    private static final int SIGN_S = 0x80000000;

    private RiscvFloat() {
    }

    // ---------------------------------------------------------------- rounding mode, boxing

    /** The effective rounding mode for an instruction's rm field; throws for reserved modes. */
    public static int roundingMode(RiscvCpu c, int rm) {
        if (rm == DYN) {
            rm = c.frm;
        }
        if (rm < 0 || rm > RMM) {
            throw c.illegalInstruction();
        }
        return rm;
    }

    private static boolean nearestEven(RiscvCpu c, int rm) {
        return rm == RNE || rm == DYN && c.frm == RNE;
    }

    /** The single in a register: its low 32 bits if properly NaN-boxed, else the canonical NaN. */
    public static int unbox(long a) {
        return (a >> 32) == -1 ? (int) a : CANONICAL_NAN_S;
    }

    public static long box(int bits) {
        return BOX | (bits & 0xFFFFFFFFL);
    }

    private static long unboxBits(long a) {
        return unbox(a) & 0xFFFFFFFFL;
    }

    private static long box(float f) {
        return BOX | (Float.floatToRawIntBits(f) & 0xFFFFFFFFL);
    }

    private static long bits(double d) {
        return Double.doubleToRawLongBits(d);
    }

    private static double dbl(long a) {
        return Double.longBitsToDouble(a);
    }

    private static float flt(long a) {
        return Float.intBitsToFloat((int) a);
    }

    /** True if both registers hold properly boxed singles. */
    private static boolean boxed(long a, long b) {
        return (a & b) >> 32 == -1;
    }

    // ---------------------------------------------------------------- add, sub, mul, div, sqrt

    public static long fadd_d(RiscvCpu c, long a, long b, int rm) {
        if (nearestEven(c, rm)) {
            double x = dbl(a), y = dbl(b), r = x + y;
            if (Math.abs(r) <= Double.MAX_VALUE) {
                // finite sum of finite operands; sums below 2^-1022 are always exact (no UF)
                double t = r - x;
                if ((c.fflags & NX) == 0 && (x - (r - t)) + (y - t) != 0) {
                    c.fflags |= NX;
                }
                return bits(r);
            }
        }
        return addD(c, a, b, roundingMode(c, rm));
    }

    public static long fsub_d(RiscvCpu c, long a, long b, int rm) {
        return fadd_d(c, a, b ^ SIGN_D, rm);
    }

    public static long fadd_s(RiscvCpu c, long a, long b, int rm) {
        if (nearestEven(c, rm) && boxed(a, b)) {
            float x = flt(a), y = flt(b), r = x + y;
            if (Math.abs(r) <= Float.MAX_VALUE) {
                float t = r - x;
                if ((c.fflags & NX) == 0 && (x - (r - t)) + (y - t) != 0) {
                    c.fflags |= NX;
                }
                return box(r);
            }
        }
        return addS(c, a, b, roundingMode(c, rm));
    }

    public static long fsub_s(RiscvCpu c, long a, long b, int rm) {
        return fadd_s(c, a, negS(b), rm);
    }

    public static long fmul_d(RiscvCpu c, long a, long b, int rm) {
        if (nearestEven(c, rm)) {
            double x = dbl(a), y = dbl(b), r = x * y, ar = Math.abs(r);
            // normal, and large enough that the product's residual is never lost below 2^-1074
            if (ar >= 0x1p-960 && ar <= Double.MAX_VALUE) {
                if ((c.fflags & NX) == 0 && Math.fma(x, y, -r) != 0) {
                    c.fflags |= NX;
                }
                return bits(r);
            }
        }
        return mulD(c, a, b, roundingMode(c, rm));
    }

    public static long fmul_s(RiscvCpu c, long a, long b, int rm) {
        if (nearestEven(c, rm) && boxed(a, b)) {
            float x = flt(a), y = flt(b), r = x * y, ar = Math.abs(r);
            if (ar > Float.MIN_NORMAL && ar <= Float.MAX_VALUE) {
                if ((c.fflags & NX) == 0 && (double) x * y != r) { // the double product of two floats is exact
                    c.fflags |= NX;
                }
                return box(r);
            }
        }
        return mulS(c, a, b, roundingMode(c, rm));
    }

    public static long fdiv_d(RiscvCpu c, long a, long b, int rm) {
        if (nearestEven(c, rm)) {
            double x = dbl(a), y = dbl(b), q = x / y, aq = Math.abs(q);
            // q normal implies x, y finite and nonzero; |x| >= 2^-960 keeps the remainder representable
            if (aq > Double.MIN_NORMAL && aq <= Double.MAX_VALUE && Math.abs(x) >= 0x1p-960) {
                if ((c.fflags & NX) == 0 && Math.fma(q, y, -x) != 0) {
                    c.fflags |= NX;
                }
                return bits(q);
            }
        }
        return divD(c, a, b, roundingMode(c, rm));
    }

    public static long fdiv_s(RiscvCpu c, long a, long b, int rm) {
        if (nearestEven(c, rm) && boxed(a, b)) {
            float x = flt(a), y = flt(b), q = x / y, aq = Math.abs(q);
            if (aq > Float.MIN_NORMAL && aq <= Float.MAX_VALUE) {
                if ((c.fflags & NX) == 0 && (double) q * y != x) {
                    c.fflags |= NX;
                }
                return box(q);
            }
        }
        return divS(c, a, b, roundingMode(c, rm));
    }

    public static long fsqrt_d(RiscvCpu c, long a, int rm) {
        if (nearestEven(c, rm)) {
            double x = dbl(a);
            if (x >= 0x1p-960 && x <= Double.MAX_VALUE) {
                double s = Math.sqrt(x);
                if ((c.fflags & NX) == 0 && Math.fma(s, s, -x) != 0) {
                    c.fflags |= NX;
                }
                return bits(s);
            }
        }
        return sqrtD(c, a, roundingMode(c, rm));
    }

    public static long fsqrt_s(RiscvCpu c, long a, int rm) {
        if (nearestEven(c, rm) && (a >> 32) == -1) {
            float x = flt(a);
            if (x > 0 && x <= Float.MAX_VALUE) {
                // the double square root rounded to float is correctly rounded (53 >= 2 * 24 + 2)
                float s = (float) Math.sqrt(x);
                if ((c.fflags & NX) == 0 && (double) s * s != x) {
                    c.fflags |= NX;
                }
                return box(s);
            }
        }
        return sqrtS(c, a, roundingMode(c, rm));
    }

    // ---------------------------------------------------------------- directed rounding, fast cases

    /*
     * Modes other than RNE (and RNE results the fast paths above cannot vouch for). When the
     * round-to-nearest result r is normal and below the largest finite value, and the error
     * err = exact - r is known (or at least its sign, and whether the exact value is a tie), the
     * result in another mode is r or its neighbour in the direction of err. Otherwise: the exact path.
     */

    /** The value r + err (err != 0, r = RN of it, normal, |r| < MAX) rounded in mode rm. */
    private static double directed(double r, double err, boolean tie, int rm) {
        boolean up = err > 0;
        boolean step = switch (rm) {
            case RTZ -> up != r > 0;
            case RDN -> !up;
            case RUP -> up;
            case RMM -> tie && up == r > 0;
            default -> false;
        };
        return step ? (up ? Math.nextUp(r) : Math.nextDown(r)) : r;
    }

    private static float directed(float r, double err, boolean tie, int rm) {
        boolean up = err > 0;
        boolean step = switch (rm) {
            case RTZ -> up != r > 0;
            case RDN -> !up;
            case RUP -> up;
            case RMM -> tie && up == r > 0;
            default -> false;
        };
        return step ? (up ? Math.nextUp(r) : Math.nextDown(r)) : r;
    }

    /** True if r + err (err exact) lies halfway between r and its neighbour on err's side. */
    private static boolean isTie(double r, double err) {
        return 2 * Math.abs(err) == Math.abs((err > 0 ? Math.nextUp(r) : Math.nextDown(r)) - r);
    }

    private static boolean isTie(float r, double err) {
        return 2 * Math.abs(err) == Math.abs((double) (err > 0 ? Math.nextUp(r) : Math.nextDown(r)) - r);
    }

    private static long addD(RiscvCpu c, long a, long b, int m) {
        double x = dbl(a), y = dbl(b), r = x + y;
        if (r != 0 && Math.abs(r) < Double.MAX_VALUE) { // nonzero: the sign of an exact 0 depends on m
            double t = r - x, err = (x - (r - t)) + (y - t);
            if (err != 0) { // (never for a subnormal sum)
                c.fflags |= NX;
                r = directed(r, err, m == RMM && isTie(r, err), m);
            }
            return bits(r);
        }
        return add(c, a, b, true, m);
    }

    private static long addS(RiscvCpu c, long a, long b, int m) {
        if (boxed(a, b)) {
            float x = flt(a), y = flt(b), r = x + y;
            if (r != 0 && Math.abs(r) < Float.MAX_VALUE) {
                float t = r - x, err = (x - (r - t)) + (y - t);
                if (err != 0) {
                    c.fflags |= NX;
                    r = directed(r, err, m == RMM && isTie(r, err), m);
                }
                return box(r);
            }
        }
        return add(c, unboxBits(a), unboxBits(b), false, m);
    }

    private static long mulD(RiscvCpu c, long a, long b, int m) {
        double x = dbl(a), y = dbl(b), r = x * y, ar = Math.abs(r);
        if (ar >= 0x1p-960 && ar < Double.MAX_VALUE) {
            double err = Math.fma(x, y, -r);
            if (err != 0) {
                c.fflags |= NX;
                r = directed(r, err, m == RMM && isTie(r, err), m);
            }
            return bits(r);
        }
        return mul(c, a, b, true, m);
    }

    private static long mulS(RiscvCpu c, long a, long b, int m) {
        if (boxed(a, b)) {
            float x = flt(a), y = flt(b), r = x * y, ar = Math.abs(r);
            if (ar > Float.MIN_NORMAL && ar < Float.MAX_VALUE) {
                double err = (double) x * y - r; // exact
                if (err != 0) {
                    c.fflags |= NX;
                    r = directed(r, err, m == RMM && isTie(r, err), m);
                }
                return box(r);
            }
        }
        return mul(c, unboxBits(a), unboxBits(b), false, m);
    }

    // Quotients and square roots are never exactly halfway between two floating-point numbers, so
    // only the sign of the error matters (and RMM is RNE).

    private static long divD(RiscvCpu c, long a, long b, int m) {
        double x = dbl(a), y = dbl(b), q = x / y, aq = Math.abs(q);
        if (aq > Double.MIN_NORMAL && aq < Double.MAX_VALUE && Math.abs(x) >= 0x1p-960) {
            double rem = Math.fma(-q, y, x); // x - q*y exactly
            if (rem != 0) {
                c.fflags |= NX;
                q = directed(q, (rem > 0) == (y > 0) ? 1 : -1, false, m);
            }
            return bits(q);
        }
        return div(c, a, b, true, m);
    }

    private static long divS(RiscvCpu c, long a, long b, int m) {
        if (boxed(a, b)) {
            float x = flt(a), y = flt(b), q = x / y, aq = Math.abs(q);
            if (aq > Float.MIN_NORMAL && aq < Float.MAX_VALUE) {
                double rem = x - (double) q * y; // exact
                if (rem != 0) {
                    c.fflags |= NX;
                    q = directed(q, (rem > 0) == (y > 0) ? 1 : -1, false, m);
                }
                return box(q);
            }
        }
        return div(c, unboxBits(a), unboxBits(b), false, m);
    }

    private static long sqrtD(RiscvCpu c, long a, int m) {
        double x = dbl(a);
        if (x >= 0x1p-960 && x <= Double.MAX_VALUE) {
            double s = Math.sqrt(x), rem = Math.fma(-s, s, x);
            if (rem != 0) {
                c.fflags |= NX;
                s = directed(s, rem, false, m);
            }
            return bits(s);
        }
        return sqrt(c, a, true, m);
    }

    private static long sqrtS(RiscvCpu c, long a, int m) {
        if ((a >> 32) == -1) {
            float x = flt(a);
            if (x > 0 && x <= Float.MAX_VALUE) {
                float s = (float) Math.sqrt(x);
                double rem = x - (double) s * s;
                if (rem != 0) {
                    c.fflags |= NX;
                    s = directed(s, rem, false, m);
                }
                return box(s);
            }
        }
        return sqrt(c, unboxBits(a), false, m);
    }

    // ---------------------------------------------------------------- fused multiply-add

    public static long fmadd_d(RiscvCpu c, long a, long b, long d, int rm) {
        return fmaD(c, a, b, d, rm);
    }

    public static long fmsub_d(RiscvCpu c, long a, long b, long d, int rm) {
        return fmaD(c, a, b, d ^ SIGN_D, rm);
    }

    public static long fnmsub_d(RiscvCpu c, long a, long b, long d, int rm) {
        return fmaD(c, a ^ SIGN_D, b, d, rm);
    }

    public static long fnmadd_d(RiscvCpu c, long a, long b, long d, int rm) {
        return fmaD(c, a ^ SIGN_D, b, d ^ SIGN_D, rm);
    }

    public static long fmadd_s(RiscvCpu c, long a, long b, long d, int rm) {
        return fmaS(c, a, b, d, rm);
    }

    public static long fmsub_s(RiscvCpu c, long a, long b, long d, int rm) {
        return fmaS(c, a, b, negS(d), rm);
    }

    public static long fnmsub_s(RiscvCpu c, long a, long b, long d, int rm) {
        return fmaS(c, negS(a), b, d, rm);
    }

    public static long fnmadd_s(RiscvCpu c, long a, long b, long d, int rm) {
        return fmaS(c, negS(a), b, negS(d), rm);
    }

    /** Flips the sign of a single (an improperly boxed input stays improperly boxed: still a NaN). */
    private static long negS(long a) {
        return a ^ 0x80000000L;
    }

    private static long fmaD(RiscvCpu c, long a, long b, long d, int rm) {
        if (nearestEven(c, rm)) {
            double x = dbl(a), y = dbl(b), z = dbl(d);
            double r = Math.fma(x, y, z);
            if (FusedMultiplyAdd.inFastRange(x, y, z, r)) {
                if ((c.fflags & NX) == 0 && FusedMultiplyAdd.inexact(x, y, z, r)) {
                    c.fflags |= NX;
                }
                return bits(r);
            }
        }
        return fmaDirectedD(c, a, b, d, roundingMode(c, rm));
    }

    private static long fmaS(RiscvCpu c, long a, long b, long d, int rm) {
        if (nearestEven(c, rm) && boxed(a & b, d)) {
            float x = flt(a), y = flt(b), z = flt(d);
            double p = (double) x * y; // exact
            double s = p + z, t = s - p, e = (p - (s - t)) + (z - t); // s + e = x*y + z exactly
            if (e != 0) {
                // round to odd, so that rounding s to float is the correctly rounded x*y + z
                long sb = bits(s);
                if ((sb & 1) == 0) {
                    s = dbl((e > 0) == (s > 0) ? sb + 1 : sb - 1);
                }
            }
            float r = (float) s, ar = Math.abs(r);
            if (ar > Float.MIN_NORMAL && ar <= Float.MAX_VALUE) {
                if ((c.fflags & NX) == 0 && (e != 0 || r != s)) {
                    c.fflags |= NX;
                }
                return box(r);
            }
        }
        return fmaDirectedS(c, a, b, d, roundingMode(c, rm));
    }

    private static long fmaDirectedD(RiscvCpu c, long a, long b, long d, int m) {
        double x = dbl(a), y = dbl(b), z = dbl(d);
        double r = Math.fma(x, y, z);
        // below MAX_VALUE, not at it: rounding away from r must not overflow
        if (FusedMultiplyAdd.inFastRange(x, y, z, r) && Math.abs(r) != Double.MAX_VALUE) {
            double g = FusedMultiplyAdd.residualHigh(x, y, z, r), zz = FusedMultiplyAdd.residualLow(x, y, z);
            double err = g + zz; // exact - r = g + zz exactly; err has its sign
            if (err != 0) {
                c.fflags |= NX;
                boolean tie = false;
                if (m == RMM) {
                    double t = err - g;
                    tie = (g - (err - t)) + (zz - t) == 0 && isTie(r, err);
                }
                r = directed(r, err, tie, m);
            }
            return bits(r);
        }
        return fma(c, a, b, d, true, m);
    }

    private static long fmaDirectedS(RiscvCpu c, long a, long b, long d, int m) {
        if (boxed(a & b, d)) {
            float x = flt(a), y = flt(b), z = flt(d);
            double p = (double) x * y;
            double s = p + z, t = s - p, e = (p - (s - t)) + (z - t);
            double odd = s;
            if (e != 0 && (bits(s) & 1) == 0) {
                odd = dbl((e > 0) == (s > 0) ? bits(s) + 1 : bits(s) - 1);
            }
            float r = (float) odd, ar = Math.abs(r);
            if (ar > Float.MIN_NORMAL && ar < Float.MAX_VALUE) {
                if (e != 0 || r != s) {
                    c.fflags |= NX;
                    // odd - r has the sign of exact - r; a tie needs an exact value that fits a double
                    double err = odd - r;
                    r = directed(r, err, m == RMM && e == 0 && isTie(r, err), m);
                }
                return box(r);
            }
        }
        return fma(c, unboxBits(a), unboxBits(b), unboxBits(d), false, m);
    }

    // ---------------------------------------------------------------- min, max, sign injection

    public static long fmin_d(RiscvCpu c, long a, long b) {
        return minMaxD(c, a, b, true);
    }

    public static long fmax_d(RiscvCpu c, long a, long b) {
        return minMaxD(c, a, b, false);
    }

    public static long fmin_s(RiscvCpu c, long a, long b) {
        return minMaxS(c, unbox(a), unbox(b), true);
    }

    public static long fmax_s(RiscvCpu c, long a, long b) {
        return minMaxS(c, unbox(a), unbox(b), false);
    }

    private static long minMaxD(RiscvCpu c, long a, long b, boolean min) {
        boolean an = isNaN(a, true), bn = isNaN(b, true);
        if (an || bn) {
            if (isSNaN(a, true) || isSNaN(b, true)) {
                c.fflags |= NV;
            }
            return an && bn ? CANONICAL_NAN_D : an ? b : a;
        }
        double x = dbl(a), y = dbl(b);
        if (x != y) {
            return (x < y) == min ? a : b;
        }
        return min ? a | b : a & b; // equal: only ±0 differ, and -0 < +0
    }

    private static long minMaxS(RiscvCpu c, int a, int b, boolean min) {
        boolean an = isNaN(a & 0xFFFFFFFFL, false), bn = isNaN(b & 0xFFFFFFFFL, false);
        if (an || bn) {
            if (isSNaN(a & 0xFFFFFFFFL, false) || isSNaN(b & 0xFFFFFFFFL, false)) {
                c.fflags |= NV;
            }
            return an && bn ? NAN_S : box(an ? b : a);
        }
        float x = Float.intBitsToFloat(a), y = Float.intBitsToFloat(b);
        if (x != y) {
            return box((x < y) == min ? a : b);
        }
        return box(min ? a | b : a & b);
    }

    public static long fsgnj_d(long a, long b) {
        return (a & ~SIGN_D) | (b & SIGN_D);
    }

    public static long fsgnjn_d(long a, long b) {
        return (a & ~SIGN_D) | (~b & SIGN_D);
    }

    public static long fsgnjx_d(long a, long b) {
        return a ^ (b & SIGN_D);
    }

    public static long fsgnj_s(long a, long b) {
        return box((unbox(a) & ~SIGN_S) | (unbox(b) & SIGN_S));
    }

    public static long fsgnjn_s(long a, long b) {
        return box((unbox(a) & ~SIGN_S) | (~unbox(b) & SIGN_S));
    }

    public static long fsgnjx_s(long a, long b) {
        return box(unbox(a) ^ (unbox(b) & SIGN_S));
    }

    // ---------------------------------------------------------------- comparisons, classify, moves

    public static long feq_d(RiscvCpu c, long a, long b) {
        double x = dbl(a), y = dbl(b);
        if (x == y) {
            return 1;
        }
        if ((x != x || y != y) && (isSNaN(a, true) || isSNaN(b, true))) {
            c.fflags |= NV;
        }
        return 0;
    }

    public static long flt_d(RiscvCpu c, long a, long b) {
        double x = dbl(a), y = dbl(b);
        return signalingCompare(c, x < y, x != x || y != y);
    }

    public static long fle_d(RiscvCpu c, long a, long b) {
        double x = dbl(a), y = dbl(b);
        return signalingCompare(c, x <= y, x != x || y != y);
    }

    public static long feq_s(RiscvCpu c, long a, long b) {
        int ia = unbox(a), ib = unbox(b);
        float x = Float.intBitsToFloat(ia), y = Float.intBitsToFloat(ib);
        if (x == y) {
            return 1;
        }
        if ((x != x || y != y) && (isSNaN(ia & 0xFFFFFFFFL, false) || isSNaN(ib & 0xFFFFFFFFL, false))) {
            c.fflags |= NV;
        }
        return 0;
    }

    public static long flt_s(RiscvCpu c, long a, long b) {
        float x = Float.intBitsToFloat(unbox(a)), y = Float.intBitsToFloat(unbox(b));
        return signalingCompare(c, x < y, x != x || y != y);
    }

    public static long fle_s(RiscvCpu c, long a, long b) {
        float x = Float.intBitsToFloat(unbox(a)), y = Float.intBitsToFloat(unbox(b));
        return signalingCompare(c, x <= y, x != x || y != y);
    }

    /** FLT and FLE are signalling comparisons: any NaN operand raises NV (FEQ only for sNaN). */
    private static long signalingCompare(RiscvCpu c, boolean holds, boolean unordered) {
        if (unordered) {
            c.fflags |= NV;
        }
        return holds ? 1 : 0;
    }

    public static long fclass_d(long a) {
        return classify(a, true);
    }

    public static long fclass_s(long a) {
        return classify(unboxBits(a), false);
    }

    private static long classify(long v, boolean d) {
        boolean neg = negative(v, d);
        long e = expField(v, d), f = fracField(v, d);
        int bit;
        if (e == expMax(d)) {
            bit = f == 0 ? (neg ? 0 : 7) : (f & quietBit(d)) != 0 ? 9 : 8;
        } else if (e == 0) {
            bit = f == 0 ? (neg ? 3 : 4) : (neg ? 2 : 5);
        } else {
            bit = neg ? 1 : 6;
        }
        return 1L << bit;
    }

    public static long fmv_x_w(long a) {
        return (int) a;
    }

    public static long fmv_w_x(long x) {
        return BOX | (x & 0xFFFFFFFFL);
    }

    // ---------------------------------------------------------------- float -> integer

    public static long fcvt_w_d(RiscvCpu c, long a, int rm) {
        return toW(c, dbl(a), rm);
    }

    public static long fcvt_wu_d(RiscvCpu c, long a, int rm) {
        return toWU(c, dbl(a), rm);
    }

    public static long fcvt_l_d(RiscvCpu c, long a, int rm) {
        return toL(c, dbl(a), rm);
    }

    public static long fcvt_lu_d(RiscvCpu c, long a, int rm) {
        return toLU(c, dbl(a), rm);
    }

    public static long fcvt_w_s(RiscvCpu c, long a, int rm) {
        return toW(c, Float.intBitsToFloat(unbox(a)), rm);
    }

    public static long fcvt_wu_s(RiscvCpu c, long a, int rm) {
        return toWU(c, Float.intBitsToFloat(unbox(a)), rm);
    }

    public static long fcvt_l_s(RiscvCpu c, long a, int rm) {
        return toL(c, Float.intBitsToFloat(unbox(a)), rm);
    }

    public static long fcvt_lu_s(RiscvCpu c, long a, int rm) {
        return toLU(c, Float.intBitsToFloat(unbox(a)), rm);
    }

    private static long toW(RiscvCpu c, double x, int rm) {
        return toSigned(c, x, rm, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    private static long toWU(RiscvCpu c, double x, int rm) {
        return (int) toUnsigned(c, x, rm, 0x1p32); // sign-extended, as RV64 keeps 32-bit results
    }

    private static long toL(RiscvCpu c, double x, int rm) {
        return toSigned(c, x, rm, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    private static long toLU(RiscvCpu c, double x, int rm) {
        return toUnsigned(c, x, rm, 0x1p64);
    }

    /** Float to a signed integer of range [min, max]: saturating, NV for NaN and out of range. */
    private static long toSigned(RiscvCpu c, double x, int rm, long min, long max) {
        double limit = -(double) min; // 2^31 or 2^63: exact in a double
        if (rm == RTZ && x > -limit - 1.0 && x < limit) { // C casts truncate: the common case
            long v = (long) x;
            if (v != x) {
                c.fflags |= NX;
            }
            return v;
        }
        double r = roundToIntegral(x, roundingMode(c, rm));
        if (r != r || r >= limit) {
            c.fflags |= NV;
            return max;
        }
        if (r < -limit) {
            c.fflags |= NV;
            return min;
        }
        if (r != x) {
            c.fflags |= NX;
        }
        return (long) r;
    }

    /** Float to an unsigned integer below {@code limit} (2^32 or 2^64); all ones when too big. */
    private static long toUnsigned(RiscvCpu c, double x, int rm, double limit) {
        double r = roundToIntegral(x, roundingMode(c, rm));
        if (r != r || r >= limit) {
            c.fflags |= NV;
            return -1L;
        }
        if (r < 0) {
            c.fflags |= NV;
            return 0;
        }
        if (r != x) {
            c.fflags |= NX;
        }
        return r < 0x1p63 ? (long) r : (long) (r - 0x1p63) ^ Long.MIN_VALUE;
    }

    /** x rounded to an integral value in mode rm (exact in double; NaN and infinities pass through). */
    private static double roundToIntegral(double x, int rm) {
        switch (rm) {
            case RNE:
                return Math.rint(x);
            case RTZ:
                return x < 0 ? Math.ceil(x) : Math.floor(x);
            case RDN:
                return Math.floor(x);
            case RUP:
                return Math.ceil(x);
            default: {
                double t = x < 0 ? Math.ceil(x) : Math.floor(x);
                if (Math.abs(x - t) >= 0.5) { // exact difference; ties go away from zero
                    t += x < 0 ? -1 : 1;
                }
                return t;
            }
        }
    }

    // ---------------------------------------------------------------- integer -> float

    public static long fcvt_d_w(RiscvCpu c, long x, int rm) {
        roundingMode(c, rm);
        return bits((int) x);
    }

    public static long fcvt_d_wu(RiscvCpu c, long x, int rm) {
        roundingMode(c, rm);
        return bits(x & 0xFFFFFFFFL);
    }

    public static long fcvt_d_l(RiscvCpu c, long x, int rm) {
        return fromInt(c, x < 0, x < 0 ? -x : x, true, rm);
    }

    public static long fcvt_d_lu(RiscvCpu c, long x, int rm) {
        return fromInt(c, false, x, true, rm);
    }

    public static long fcvt_s_w(RiscvCpu c, long x, int rm) {
        int v = (int) x;
        return fromInt(c, v < 0, Math.abs((long) v), false, rm);
    }

    public static long fcvt_s_wu(RiscvCpu c, long x, int rm) {
        return fromInt(c, false, x & 0xFFFFFFFFL, false, rm);
    }

    public static long fcvt_s_l(RiscvCpu c, long x, int rm) {
        return fromInt(c, x < 0, x < 0 ? -x : x, false, rm);
    }

    public static long fcvt_s_lu(RiscvCpu c, long x, int rm) {
        return fromInt(c, false, x, false, rm);
    }

    /** Converts (neg ? -m : m), m an unsigned 64-bit magnitude (-Long.MIN_VALUE is 2^63). */
    private static long fromInt(RiscvCpu c, boolean neg, long m, boolean d, int rm) {
        int mode = roundingMode(c, rm);
        if (64 - Long.numberOfLeadingZeros(m) - Long.numberOfTrailingZeros(m) > precision(d)) {
            if (mode != RNE) {
                BigInteger mag = BigInteger.valueOf(m >>> 1).shiftLeft(1).or(BigInteger.valueOf(m & 1));
                return round(c, neg, mag, 0, false, d, mode);
            }
            c.fflags |= NX;
        }
        // exact, or round to nearest even as Java's conversions do; m >= 2^63 is converted as m / 2
        // with the dropped bit kept as a sticky bit (at least 10 bits are rounded off), then doubled
        long h = m >= 0 ? m : (m >>> 1) | (m & 1);
        int scale = m >= 0 ? 1 : 2;
        if (d) {
            double v = (double) h * scale;
            return bits(neg ? -v : v);
        }
        float f = (float) h * scale;
        return box(neg ? -f : f);
    }

    // ---------------------------------------------------------------- float <-> double

    public static long fcvt_s_d(RiscvCpu c, long a, int rm) {
        if (nearestEven(c, rm)) {
            double x = dbl(a);
            float f = (float) x, af = Math.abs(f);
            if (af > Float.MIN_NORMAL && af <= Float.MAX_VALUE) {
                if (f != x) {
                    c.fflags |= NX;
                }
                return box(f);
            }
        }
        int mode = roundingMode(c, rm);
        if (mode != RNE) {
            double x = dbl(a);
            float f = (float) x, af = Math.abs(f);
            if (af > Float.MIN_NORMAL && af < Float.MAX_VALUE) {
                double err = x - f; // exact: the bits of x below float precision
                if (err != 0) {
                    c.fflags |= NX;
                    f = directed(f, err, mode == RMM && isTie(f, err), mode);
                }
                return box(f);
            }
        }
        return convert(c, a, true, false, mode);
    }

    /** Exact-path conversion between the formats (raw bits as in the exact path below). */
    static long convert(RiscvCpu c, long a, boolean fromD, boolean toD, int rm) {
        if (isNaN(a, fromD)) {
            if (isSNaN(a, fromD)) {
                c.fflags |= NV;
            }
            return nan(toD);
        }
        boolean neg = negative(a, fromD);
        if (isInf(a, fromD)) {
            return inf(neg, toD);
        }
        if (isZero(a, fromD)) {
            return zero(neg, toD);
        }
        return round(c, neg, BigInteger.valueOf(mant(a, fromD)), exponent(a, fromD), false, toD, rm);
    }

    public static long fcvt_d_s(RiscvCpu c, long a, int rm) {
        roundingMode(c, rm);
        int f = unbox(a);
        float x = Float.intBitsToFloat(f);
        if (x != x) {
            if (isSNaN(f & 0xFFFFFFFFL, false)) {
                c.fflags |= NV;
            }
            return CANONICAL_NAN_D;
        }
        return bits(x);
    }

    // ---------------------------------------------------------------- exact path

    /*
     * Values are handled as raw format bits: doubles as the 64 bits, singles as the 32-bit pattern in
     * the low half (zero-extended). A finite nonzero value is mant * 2^exponent with an integer mant.
     */

    private static int precision(boolean d) {
        return d ? 53 : 24;
    }

    private static long signBit(boolean d) {
        return d ? SIGN_D : 0x80000000L;
    }

    private static long expMax(boolean d) {
        return d ? 0x7ff : 0xff;
    }

    private static long quietBit(boolean d) {
        return d ? 1L << 51 : 1L << 22;
    }

    private static boolean negative(long v, boolean d) {
        return (v & signBit(d)) != 0;
    }

    private static long expField(long v, boolean d) {
        return d ? (v >>> 52) & 0x7ff : (v >>> 23) & 0xff;
    }

    private static long fracField(long v, boolean d) {
        return d ? v & 0xFFFFFFFFFFFFFL : v & 0x7FFFFFL;
    }

    private static boolean isNaN(long v, boolean d) {
        return expField(v, d) == expMax(d) && fracField(v, d) != 0;
    }

    private static boolean isSNaN(long v, boolean d) {
        return isNaN(v, d) && (fracField(v, d) & quietBit(d)) == 0;
    }

    private static boolean isInf(long v, boolean d) {
        return expField(v, d) == expMax(d) && fracField(v, d) == 0;
    }

    private static boolean isZero(long v, boolean d) {
        return (v & ~signBit(d)) == 0;
    }

    private static long mant(long v, boolean d) {
        long f = fracField(v, d);
        return expField(v, d) == 0 ? f : f | 1L << (precision(d) - 1);
    }

    private static int exponent(long v, boolean d) {
        int e = (int) expField(v, d);
        return (e == 0 ? 1 : e) - (d ? 1023 : 127) - (precision(d) - 1);
    }

    private static long result(long raw, boolean d) {
        return d ? raw : BOX | raw;
    }

    private static long nan(boolean d) {
        return d ? CANONICAL_NAN_D : NAN_S;
    }

    private static long inf(boolean neg, boolean d) {
        return result((neg ? signBit(d) : 0) | expMax(d) << (precision(d) - 1), d);
    }

    private static long zero(boolean neg, boolean d) {
        return result(neg ? signBit(d) : 0, d);
    }

    /** Canonical NaN result for NaN operands (NV if any is signaling); -1 if there is none. */
    private static long nanOperands(RiscvCpu c, long a, long b, boolean d) {
        if (isNaN(a, d) || isNaN(b, d)) {
            if (isSNaN(a, d) || isSNaN(b, d)) {
                c.fflags |= NV;
            }
            return nan(d);
        }
        return -1;
    }

    private static long invalid(RiscvCpu c, boolean d) {
        c.fflags |= NV;
        return nan(d);
    }

    static long add(RiscvCpu c, long a, long b, boolean d, int rm) {
        long n = nanOperands(c, a, b, d);
        if (n != -1) {
            return n;
        }
        boolean na = negative(a, d), nb = negative(b, d);
        if (isInf(a, d)) {
            return isInf(b, d) && na != nb ? invalid(c, d) : result(a, d);
        }
        if (isInf(b, d)) {
            return result(b, d);
        }
        if (isZero(a, d)) {
            return isZero(b, d) ? zero(na == nb ? na : rm == RDN, d) : result(b, d);
        }
        if (isZero(b, d)) {
            return result(a, d);
        }
        return sum(c, na, BigInteger.valueOf(mant(a, d)), exponent(a, d), nb, BigInteger.valueOf(mant(b, d)),
                exponent(b, d), d, rm);
    }

    /** Rounds (-1)^na ma 2^ea + (-1)^nb mb 2^eb, both nonzero. */
    private static long sum(RiscvCpu c, boolean na, BigInteger ma, int ea, boolean nb, BigInteger mb, int eb,
            boolean d, int rm) {
        int e = Math.min(ea, eb);
        BigInteger x = ma.shiftLeft(ea - e), y = mb.shiftLeft(eb - e);
        BigInteger s = (na ? x.negate() : x).add(nb ? y.negate() : y);
        if (s.signum() == 0) {
            return zero(rm == RDN, d);
        }
        return round(c, s.signum() < 0, s.abs(), e, false, d, rm);
    }

    static long mul(RiscvCpu c, long a, long b, boolean d, int rm) {
        long n = nanOperands(c, a, b, d);
        if (n != -1) {
            return n;
        }
        boolean neg = negative(a, d) != negative(b, d);
        if (isInf(a, d) || isInf(b, d)) {
            return isZero(a, d) || isZero(b, d) ? invalid(c, d) : inf(neg, d);
        }
        if (isZero(a, d) || isZero(b, d)) {
            return zero(neg, d);
        }
        return round(c, neg, BigInteger.valueOf(mant(a, d)).multiply(BigInteger.valueOf(mant(b, d))),
                exponent(a, d) + exponent(b, d), false, d, rm);
    }

    static long div(RiscvCpu c, long a, long b, boolean d, int rm) {
        long n = nanOperands(c, a, b, d);
        if (n != -1) {
            return n;
        }
        boolean neg = negative(a, d) != negative(b, d);
        if (isInf(a, d)) {
            return isInf(b, d) ? invalid(c, d) : inf(neg, d);
        }
        if (isInf(b, d)) {
            return zero(neg, d);
        }
        if (isZero(b, d)) {
            if (isZero(a, d)) {
                return invalid(c, d);
            }
            c.fflags |= DZ;
            return inf(neg, d);
        }
        if (isZero(a, d)) {
            return zero(neg, d);
        }
        long ma = mant(a, d), mb = mant(b, d);
        // enough quotient bits (>= p + 3) that the remainder only matters as a sticky bit
        int k = Math.max(0, precision(d) + 3 + bitLength(mb) - bitLength(ma));
        BigInteger[] qr = BigInteger.valueOf(ma).shiftLeft(k).divideAndRemainder(BigInteger.valueOf(mb));
        return round(c, neg, qr[0], exponent(a, d) - exponent(b, d) - k, qr[1].signum() != 0, d, rm);
    }

    static long sqrt(RiscvCpu c, long a, boolean d, int rm) {
        if (isNaN(a, d)) {
            if (isSNaN(a, d)) {
                c.fflags |= NV;
            }
            return nan(d);
        }
        if (isZero(a, d)) {
            return result(a, d);
        }
        if (negative(a, d)) {
            return invalid(c, d);
        }
        if (isInf(a, d)) {
            return result(a, d);
        }
        long m = mant(a, d);
        int e = exponent(a, d);
        if ((e & 1) != 0) {
            m <<= 1;
            e--;
        }
        int k = Math.max(0, (2 * (precision(d) + 3) - bitLength(m) + 1) / 2);
        BigInteger x = BigInteger.valueOf(m).shiftLeft(2 * k), s = x.sqrt();
        return round(c, false, s, (e - 2 * k) / 2, !s.multiply(s).equals(x), d, rm);
    }

    /** a * b + d' rounded once, where the caller has already applied the negations. */
    static long fma(RiscvCpu c, long a, long b, long z, boolean d, int rm) {
        boolean infZero = isInf(a, d) && isZero(b, d) || isZero(a, d) && isInf(b, d);
        if (isNaN(a, d) || isNaN(b, d) || isNaN(z, d) || infZero) {
            // RISC-V: inf * 0 is invalid even when the addend is a quiet NaN
            if (infZero || isSNaN(a, d) || isSNaN(b, d) || isSNaN(z, d)) {
                c.fflags |= NV;
            }
            return nan(d);
        }
        boolean np = negative(a, d) != negative(b, d), nz = negative(z, d);
        if (isInf(a, d) || isInf(b, d)) {
            return isInf(z, d) && nz != np ? invalid(c, d) : inf(np, d);
        }
        if (isInf(z, d)) {
            return result(z, d);
        }
        if (isZero(a, d) || isZero(b, d)) {
            return isZero(z, d) ? zero(np == nz ? np : rm == RDN, d) : result(z, d);
        }
        BigInteger p = BigInteger.valueOf(mant(a, d)).multiply(BigInteger.valueOf(mant(b, d)));
        int ep = exponent(a, d) + exponent(b, d);
        if (isZero(z, d)) {
            return round(c, np, p, ep, false, d, rm);
        }
        return sum(c, np, p, ep, nz, BigInteger.valueOf(mant(z, d)), exponent(z, d), d, rm);
    }

    private static int bitLength(long m) {
        return 64 - Long.numberOfLeadingZeros(m);
    }

    /**
     * Rounds the nonzero value (-1)^neg * (mag + sticky) * 2^exp, where sticky stands for a nonzero
     * fraction below mag's last bit, to the format in mode rm; raises NX, UF (tiny after rounding and
     * inexact) and OF as needed. When sticky is set, mag must have at least p + 2 bits, so that the
     * sticky part is below the rounding position.
     */
    static long round(RiscvCpu c, boolean neg, BigInteger mag, int exp, boolean sticky, boolean d, int rm) {
        int p = precision(d), emin = d ? -1022 : -126, emax = d ? 1023 : 127;
        int top = exp + mag.bitLength() - 1;       // exponent of the leading bit
        int lu = top - p + 1;                      // last-bit position with unbounded exponent range
        int l = Math.max(lu, emin - p + 1);        // last-bit position actually available
        boolean tiny = false;
        if (top < emin) {
            BigInteger qu = roundAt(mag, exp, sticky, lu, neg, rm);
            tiny = qu.bitLength() - 1 + lu < emin;
        }
        BigInteger q = roundAt(mag, exp, sticky, l, neg, rm);
        boolean inexact = sticky || l > exp && mag.getLowestSetBit() < l - exp;
        int flags = inexact ? NX : 0;
        if (tiny && inexact) {
            flags |= UF;
        }
        if (q.bitLength() > p) {                   // rounded up to the next power of two
            q = q.shiftRight(1);
            l++;
        }
        long raw;
        if (q.signum() != 0 && q.bitLength() - 1 + l > emax) {
            flags |= OF | NX;
            boolean toMax = rm == RTZ || rm == RDN && !neg || rm == RUP && neg;
            raw = toMax ? (expMax(d) << (p - 1)) - 1 : expMax(d) << (p - 1);
        } else if (q.bitLength() == p) {
            long biased = q.bitLength() - 1 + l + (d ? 1023 : 127);
            raw = biased << (p - 1) | q.longValue() & ((1L << (p - 1)) - 1);
        } else {
            raw = q.longValue();                   // subnormal or zero (l is the minimum here)
        }
        c.fflags |= flags;
        return result(raw | (neg ? signBit(d) : 0), d);
    }

    /** mag * 2^exp (+ sticky) rounded to a multiple of 2^l, returned in units of 2^l. */
    private static BigInteger roundAt(BigInteger mag, int exp, boolean sticky, int l, boolean neg, int rm) {
        if (l <= exp) {
            return mag.shiftLeft(exp - l);
        }
        int s = l - exp;
        BigInteger q = mag.shiftRight(s);
        boolean half = mag.testBit(s - 1);
        boolean rest = sticky || mag.getLowestSetBit() < s - 1;
        boolean up = switch (rm) {
            case RNE -> half && (rest || q.testBit(0));
            case RTZ -> false;
            case RDN -> neg && (half || rest);
            case RUP -> !neg && (half || rest);
            default -> half; // RMM
        };
        return up ? q.add(BigInteger.ONE) : q;
    }
}
