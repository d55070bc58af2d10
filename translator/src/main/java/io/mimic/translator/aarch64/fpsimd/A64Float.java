package io.mimic.translator.aarch64.fpsimd;

import java.math.BigInteger;

import io.mimic.translator.aarch64.Arm64Cpu;
import io.mimic.translator.fp.FusedMultiplyAdd;

import static io.mimic.translator.aarch64.fpsimd.FpBits.*;

/**
 * AArch64 floating point for half, single and double precision, bit-exact with the Arm ARM
 * pseudocode (FPUnpack, FPRound, FPProcessNaNs, FPMulAdd, FPToFixed...): FPCR rounding modes,
 * FZ/FZ16 flush-to-zero of inputs (IDC) and outputs (UFC), DN, AHP, and FPSR's cumulative flags.
 *
 * <p>Values are raw bits in the low 16/32/64 bits of a {@code long}; {@code fmt} is {@link #H},
 * {@link #S} or {@link #D}. Differences from RISC-V that matter: NaN operands propagate (quieted,
 * in Arm's order: signalling before quiet, first operand before second; the addend first for fused
 * multiply-add) unless FPCR.DN asks for the default NaN; tininess is detected before rounding.
 *
 * <p>Implementation: every operation has one exact path ({@link #round} of an exact
 * {@code BigInteger} value). Double and single arithmetic in round-to-nearest without FZ first tries
 * the host's IEEE arithmetic, which gives the same result whenever it is finite and normal; an
 * error-free transformation decides IXC, skipped once IXC is set (it is cumulative: only a write
 * of FPSR clears it).
 */
public final class A64Float {
    public static final int H = 0, S = 1, D = 2;
    /** Rounding modes: FPCR.RMode order, then ties-away (FCVTA*, FRINTA) and round-to-odd (FCVTXN). */
    public static final int RN = 0, RP = 1, RM = 2, RZ = 3, RNA = 4, RODD = 5;

    private static final int[] FRAC = {10, 23, 52};
    private static final int[] EXPW = {5, 8, 11};
    private static final int[] WIDTH = {16, 32, 64};
    private static final long[] DEFAULT_NAN = {0x7E00L, 0x7FC00000L, 0x7FF8000000000000L};
    private static final int FAST_OFF = RMODE_MASK | FZ;

    private A64Float() {}

    // ---------------------------------------------------------------- field access

    static int frac(int fmt) { return FRAC[fmt]; }

    static long signBit(int fmt) { return 1L << (WIDTH[fmt] - 1); }

    static long mask(int fmt) { return fmt == D ? -1L : (1L << WIDTH[fmt]) - 1; }

    static int expField(long v, int fmt) { return (int) (v >>> FRAC[fmt]) & ((1 << EXPW[fmt]) - 1); }

    static long fracField(long v, int fmt) { return v & ((1L << FRAC[fmt]) - 1); }

    static int expMax(int fmt) { return (1 << EXPW[fmt]) - 1; }

    static int bias(int fmt) { return (1 << (EXPW[fmt] - 1)) - 1; }

    static boolean neg(long v, int fmt) { return (v & signBit(fmt)) != 0; }

    public static boolean isNaN(long v, int fmt) { return expField(v, fmt) == expMax(fmt) && fracField(v, fmt) != 0; }

    static boolean isSNaN(long v, int fmt) { return isNaN(v, fmt) && (v & (1L << (FRAC[fmt] - 1))) == 0; }

    static boolean isInf(long v, int fmt) { return expField(v, fmt) == expMax(fmt) && fracField(v, fmt) == 0; }

    static boolean isZero(long v, int fmt) { return (v & ~signBit(fmt) & mask(fmt)) == 0; }

    static long defaultNaN(int fmt) { return DEFAULT_NAN[fmt]; }

    static long inf(boolean neg, int fmt) { return (neg ? signBit(fmt) : 0) | ((long) expMax(fmt) << FRAC[fmt]); }

    static long zero(boolean neg, int fmt) { return neg ? signBit(fmt) : 0; }

    static long maxNormal(boolean neg, int fmt) { return inf(neg, fmt) - 1; }

    /** The integer significand (implicit bit included) of a finite value. */
    static long mant(long v, int fmt) {
        long f = fracField(v, fmt);
        return expField(v, fmt) == 0 ? f : f | 1L << FRAC[fmt];
    }

    /** The exponent of the significand's unit: value = mant * 2^lsbExp. */
    static int lsbExp(long v, int fmt) {
        int e = expField(v, fmt);
        return (e == 0 ? 1 : e) - bias(fmt) - FRAC[fmt];
    }

    static boolean flushes(int fpcr, int fmt) {
        return (fpcr & (fmt == H ? FZ16 : FZ)) != 0;
    }

    static int rmode(int fpcr) {
        return (fpcr >>> RMODE_SHIFT) & 3;
    }

    /** FPUnpack's flush of a denormal input to a zero of the same sign (IDC, except for half). */
    static long flushIn(Arm64Cpu s, long v, int fmt) {
        if (expField(v, fmt) == 0 && fracField(v, fmt) != 0 && flushes(s.fpcr, fmt)) {
            if (fmt != H) s.fpsr |= IDC;
            return v & signBit(fmt);
        }
        return v;
    }

    // ---------------------------------------------------------------- NaNs

    /** FPProcessNaN: quiet a signalling NaN (IOC); the default NaN if FPCR.DN. */
    static long processNaN(Arm64Cpu s, long v, int fmt) {
        if (isSNaN(v, fmt)) {
            s.fpsr |= IOC;
            v |= 1L << (FRAC[fmt] - 1);
        }
        return (s.fpcr & DN) != 0 ? DEFAULT_NAN[fmt] : v;
    }

    /** FPProcessNaNs for two operands known to include a NaN. */
    static long processNaNs(Arm64Cpu s, long a, long b, int fmt) {
        if (isSNaN(a, fmt)) return processNaN(s, a, fmt);
        if (isSNaN(b, fmt)) return processNaN(s, b, fmt);
        if (isNaN(a, fmt)) return processNaN(s, a, fmt);
        return processNaN(s, b, fmt);
    }

    static long processNaNs3(Arm64Cpu s, long a, long b, long c, int fmt) {
        if (isSNaN(a, fmt)) return processNaN(s, a, fmt);
        if (isSNaN(b, fmt)) return processNaN(s, b, fmt);
        if (isSNaN(c, fmt)) return processNaN(s, c, fmt);
        if (isNaN(a, fmt)) return processNaN(s, a, fmt);
        if (isNaN(b, fmt)) return processNaN(s, b, fmt);
        return processNaN(s, c, fmt);
    }

    static long invalid(Arm64Cpu s, int fmt) {
        s.fpsr |= IOC;
        return DEFAULT_NAN[fmt];
    }

    // ---------------------------------------------------------------- rounding (FPRound)

    /** Rounds the exact value (-1)^neg * mag * 2^exp (mag > 0) with FPCR's mode. */
    static long round(Arm64Cpu s, int fmt, boolean neg, BigInteger mag, int exp) {
        return round(s, fmt, neg, mag, exp, rmode(s.fpcr), flushes(s.fpcr, fmt), false);
    }

    /**
     * FPRoundBase: {@code fz} flushes tiny results to zero (UFC, no IXC); {@code ahp} is Arm's
     * alternative half precision (no infinities: an overflow saturates and raises IOC).
     */
    static long round(Arm64Cpu s, int fmt, boolean neg, BigInteger mag, int exp, int mode, boolean fz, boolean ahp) {
        int f = FRAC[fmt], bias = bias(fmt), emin = 1 - bias;
        int p = mag.bitLength() - 1;
        int e = p + exp;                      // value in [2^e, 2^(e+1))
        long sign = neg ? signBit(fmt) : 0;
        if (e < emin && fz) {
            s.fpsr |= UFC;
            return sign;
        }
        int biased, shift;
        if (e < emin) {
            biased = 0;
            shift = (emin - f) - exp;
        } else {
            biased = e + bias;
            shift = p - f;
        }
        long m;
        int cmpHalf;          // error against half an ulp: -1 below, 0 equal, 1 above
        boolean inexact;
        if (shift <= 0) {
            m = mag.shiftLeft(-shift).longValueExact();
            inexact = false;
            cmpHalf = -1;
        } else {
            m = mag.shiftRight(shift).longValue();
            BigInteger rem = mag.subtract(mag.shiftRight(shift).shiftLeft(shift));
            inexact = rem.signum() != 0;
            cmpHalf = rem.compareTo(BigInteger.ONE.shiftLeft(shift - 1));
        }
        boolean tiny = biased == 0;
        boolean up, overflowToInf;
        switch (mode) {
            case RN -> { up = cmpHalf > 0 || cmpHalf == 0 && (m & 1) != 0; overflowToInf = true; }
            case RNA -> { up = cmpHalf >= 0; overflowToInf = true; }
            case RP -> { up = inexact && !neg; overflowToInf = !neg; }
            case RM -> { up = inexact && neg; overflowToInf = neg; }
            default -> { up = false; overflowToInf = false; }
        }
        if (mode == RODD && inexact) m |= 1;
        if (up) {
            m++;
            if (biased == 0 && m == 1L << f) biased = 1;
            if (m == 1L << (f + 1)) {
                m >>>= 1;
                biased++;
            }
        }
        if (tiny && inexact) s.fpsr |= UFC;
        if (!ahp) {
            if (biased >= expMax(fmt)) {
                s.fpsr |= OFC | IXC;
                return overflowToInf ? inf(neg, fmt) : maxNormal(neg, fmt);
            }
        } else if (biased > expMax(fmt)) {
            s.fpsr |= IOC;
            return sign | 0x7FFF;
        }
        if (inexact) s.fpsr |= IXC;
        return sign | (long) biased << f | (m & ((1L << f) - 1));
    }

    static BigInteger big(long unsignedMag) {
        return unsignedMag >= 0 ? BigInteger.valueOf(unsignedMag)
                : BigInteger.valueOf(unsignedMag >>> 1).shiftLeft(1).or(BigInteger.valueOf(unsignedMag & 1));
    }

    static BigInteger bigMant(long v, int fmt) {
        return BigInteger.valueOf(mant(v, fmt));
    }

    // ---------------------------------------------------------------- add, sub, mul, div, sqrt

    public static long add(Arm64Cpu s, long a, long b, int fmt) {
        return fmt == D ? addD(s, a, b) : fmt == S ? addS(s, a, b) : addExact(s, a, b, fmt);
    }

    /*
     * One method per format for the scalar instructions, which know theirs when translated: C2
     * inlines at most DesiredMethodLimit (8,000) bytes of bytecode into a unit, and the two-format
     * methods (over 200 bytes each) ran out of it in aarch64 nbody's units, leaving calls.
     */

    public static long addD(Arm64Cpu s, long a, long b) {
        if ((s.fpcr & FAST_OFF) == 0) {
            double x = dbl(a), y = dbl(b), r = x + y;
            if (Math.abs(r) <= Double.MAX_VALUE) {
                // a finite sum of finite operands; sums below 2^-1022 are exact (no UFC)
                double t = r - x;
                if ((s.fpsr & IXC) == 0 && (x - (r - t)) + (y - t) != 0) s.fpsr |= IXC;
                return bits(r);
            }
        }
        return addExact(s, a, b, D);
    }

    public static long addS(Arm64Cpu s, long a, long b) {
        if ((s.fpcr & FAST_OFF) == 0) {
            float x = flt(a), y = flt(b), r = x + y;
            if (Math.abs(r) <= Float.MAX_VALUE) {
                float t = r - x;
                if ((s.fpsr & IXC) == 0 && (x - (r - t)) + (y - t) != 0) s.fpsr |= IXC;
                return fbits(r);
            }
        }
        return addExact(s, a, b, S);
    }

    /** Under 35 bytes of bytecode, so that C2 inlines it at call sites its profile does not call hot. */
    public static long sub(Arm64Cpu s, long a, long b, int fmt) {
        return isNaN(b, fmt) ? subNaN(s, a, b, fmt) : add(s, a, b ^ signBit(fmt), fmt);
    }

    public static long subD(Arm64Cpu s, long a, long b) {
        return isNaN(b, D) ? subNaN(s, a, b, D) : addD(s, a, b ^ signBit(D));
    }

    public static long subS(Arm64Cpu s, long a, long b) {
        return isNaN(b, S) ? subNaN(s, a, b, S) : addS(s, a, b ^ signBit(S));
    }

    /** The NaN is propagated with its own sign, so it is not flipped. */
    private static long subNaN(Arm64Cpu s, long a, long b, int fmt) {
        return processNaNs(s, flushIn(s, a, fmt), b, fmt);
    }

    static long addExact(Arm64Cpu s, long a, long b, int fmt) {
        a = flushIn(s, a, fmt);
        b = flushIn(s, b, fmt);
        if (isNaN(a, fmt) || isNaN(b, fmt)) return processNaNs(s, a, b, fmt);
        boolean na = neg(a, fmt), nb = neg(b, fmt);
        if (isInf(a, fmt) || isInf(b, fmt)) {
            if (isInf(a, fmt) && isInf(b, fmt) && na != nb) return invalid(s, fmt);
            return isInf(a, fmt) ? a : b;
        }
        if (isZero(a, fmt) && isZero(b, fmt)) {
            return zero(na == nb ? na : rmode(s.fpcr) == RM, fmt);
        }
        int ea = lsbExp(a, fmt), eb = lsbExp(b, fmt), e = Math.min(ea, eb);
        BigInteger x = bigMant(a, fmt).shiftLeft(ea - e), y = bigMant(b, fmt).shiftLeft(eb - e);
        BigInteger sum = (na ? x.negate() : x).add(nb ? y.negate() : y);
        if (sum.signum() == 0) return zero(rmode(s.fpcr) == RM, fmt);
        return round(s, fmt, sum.signum() < 0, sum.abs(), e);
    }

    public static long mul(Arm64Cpu s, long a, long b, int fmt) {
        return fmt == D ? mulD(s, a, b) : fmt == S ? mulS(s, a, b) : mulExact(s, a, b, fmt, false);
    }

    public static long mulD(Arm64Cpu s, long a, long b) {
        if ((s.fpcr & FAST_OFF) == 0) {
            double x = dbl(a), y = dbl(b), r = x * y, ar = Math.abs(r);
            if (ar >= 0x1p-960 && ar <= Double.MAX_VALUE) {
                if ((s.fpsr & IXC) == 0 && Math.fma(x, y, -r) != 0) s.fpsr |= IXC;
                return bits(r);
            }
        }
        return mulExact(s, a, b, D, false);
    }

    public static long mulS(Arm64Cpu s, long a, long b) {
        if ((s.fpcr & FAST_OFF) == 0) {
            float x = flt(a), y = flt(b), r = x * y, ar = Math.abs(r);
            if (ar > Float.MIN_NORMAL && ar <= Float.MAX_VALUE) {
                if ((s.fpsr & IXC) == 0 && (double) x * y != r) s.fpsr |= IXC;
                return fbits(r);
            }
        }
        return mulExact(s, a, b, S, false);
    }

    /** FMULX: as FMUL, but infinity times zero is 2.0 with the sign of the product. */
    public static long mulx(Arm64Cpu s, long a, long b, int fmt) {
        return mulExact(s, a, b, fmt, true);
    }

    public static long nmul(Arm64Cpu s, long a, long b, int fmt) {
        return mul(s, a, b, fmt) ^ signBit(fmt);
    }

    static long mulExact(Arm64Cpu s, long a, long b, int fmt, boolean x) {
        a = flushIn(s, a, fmt);
        b = flushIn(s, b, fmt);
        if (isNaN(a, fmt) || isNaN(b, fmt)) return processNaNs(s, a, b, fmt);
        boolean n = neg(a, fmt) != neg(b, fmt);
        boolean ia = isInf(a, fmt), ib = isInf(b, fmt), za = isZero(a, fmt), zb = isZero(b, fmt);
        if (ia && zb || za && ib) {
            if (!x) return invalid(s, fmt);
            return (n ? signBit(fmt) : 0) | (long) (bias(fmt) + 1) << FRAC[fmt];
        }
        if (ia || ib) return inf(n, fmt);
        if (za || zb) return zero(n, fmt);
        return round(s, fmt, n, bigMant(a, fmt).multiply(bigMant(b, fmt)), lsbExp(a, fmt) + lsbExp(b, fmt));
    }

    /*
     * div, sqrt and muladd pick their format's fast path in a method of its own, each falling back
     * to the exact one: whole, they were over C2's limit for inlining a hot callee (FreqInlineSize,
     * 325 bytes of bytecode) and stayed calls in translated code; split, the call site's constant
     * format leaves one small method to inline.
     */

    public static long div(Arm64Cpu s, long a, long b, int fmt) {
        if ((s.fpcr & FAST_OFF) == 0) {
            if (fmt == D) return divD(s, a, b);
            if (fmt == S) return divS(s, a, b);
        }
        return divExact(s, a, b, fmt);
    }

    private static long divD(Arm64Cpu s, long a, long b) {
        double x = dbl(a), y = dbl(b), q = x / y, aq = Math.abs(q);
        if (aq > Double.MIN_NORMAL && aq <= Double.MAX_VALUE && Math.abs(x) >= 0x1p-960) {
            if ((s.fpsr & IXC) == 0 && Math.fma(q, y, -x) != 0) s.fpsr |= IXC;
            return bits(q);
        }
        return divExact(s, a, b, D);
    }

    private static long divS(Arm64Cpu s, long a, long b) {
        float x = flt(a), y = flt(b), q = x / y, aq = Math.abs(q);
        if (aq > Float.MIN_NORMAL && aq <= Float.MAX_VALUE) {
            if ((s.fpsr & IXC) == 0 && (double) q * y != x) s.fpsr |= IXC;
            return fbits(q);
        }
        return divExact(s, a, b, S);
    }

    private static long divExact(Arm64Cpu s, long a, long b, int fmt) {
        a = flushIn(s, a, fmt);
        b = flushIn(s, b, fmt);
        if (isNaN(a, fmt) || isNaN(b, fmt)) return processNaNs(s, a, b, fmt);
        boolean n = neg(a, fmt) != neg(b, fmt);
        boolean ia = isInf(a, fmt), ib = isInf(b, fmt), za = isZero(a, fmt), zb = isZero(b, fmt);
        if (ia && ib || za && zb) return invalid(s, fmt);
        if (ia) return inf(n, fmt);
        if (zb) {
            s.fpsr |= DZC;
            return inf(n, fmt);
        }
        if (za || ib) return zero(n, fmt);
        int k = 2 * FRAC[fmt] + 4;            // quotient bits beyond the result's precision
        BigInteger[] qr = bigMant(a, fmt).shiftLeft(k).divideAndRemainder(bigMant(b, fmt));
        BigInteger q = qr[0].shiftLeft(1).or(qr[1].signum() != 0 ? BigInteger.ONE : BigInteger.ZERO);
        return round(s, fmt, n, q, lsbExp(a, fmt) - lsbExp(b, fmt) - k - 1);
    }

    public static long sqrt(Arm64Cpu s, long a, int fmt) {
        if ((s.fpcr & FAST_OFF) == 0) {
            if (fmt == D) return sqrtD(s, a);
            if (fmt == S) return sqrtS(s, a);
        }
        return sqrtExact(s, a, fmt);
    }

    private static long sqrtD(Arm64Cpu s, long a) {
        double x = dbl(a);
        if (x >= 0x1p-960 && x <= Double.MAX_VALUE) {
            double r = Math.sqrt(x);
            if ((s.fpsr & IXC) == 0 && Math.fma(r, r, -x) != 0) s.fpsr |= IXC;
            return bits(r);
        }
        return sqrtExact(s, a, D);
    }

    private static long sqrtS(Arm64Cpu s, long a) {
        float x = flt(a);
        if (x >= Float.MIN_NORMAL && x <= Float.MAX_VALUE) {
            float r = (float) Math.sqrt(x);
            if ((s.fpsr & IXC) == 0 && (double) r * r != x) s.fpsr |= IXC;
            return fbits(r);
        }
        return sqrtExact(s, a, S);
    }

    private static long sqrtExact(Arm64Cpu s, long a, int fmt) {
        a = flushIn(s, a, fmt);
        if (isNaN(a, fmt)) return processNaN(s, a, fmt);
        if (isZero(a, fmt)) return a;
        if (neg(a, fmt)) return invalid(s, fmt);
        if (isInf(a, fmt)) return a;
        int e = lsbExp(a, fmt);
        BigInteger m = bigMant(a, fmt);
        if ((e & 1) != 0) {
            m = m.shiftLeft(1);
            e--;
        }
        int k = 2 * (FRAC[fmt] + 4);
        m = m.shiftLeft(k);
        BigInteger r = m.sqrt();
        BigInteger exact = r.multiply(r).equals(m) ? BigInteger.ZERO : BigInteger.ONE;
        return round(s, fmt, false, r.shiftLeft(1).or(exact), (e - k) / 2 - 1);
    }

    // ---------------------------------------------------------------- fused multiply-add

    /**
     * FPMulAdd: addend + a * b with one rounding. FMSUB/FMLS negate {@code a} first (so a NaN in it
     * comes out negated), FNMADD/FNMSUB negate the addend, as the instructions' pseudocode does.
     */
    public static long muladd(Arm64Cpu s, long addend, long a, long b, int fmt) {
        if ((s.fpcr & FAST_OFF) == 0) {
            if (fmt == D) return muladdD(s, addend, a, b);
            if (fmt == S) return muladdS(s, addend, a, b);
        }
        return muladdExact(s, addend, a, b, fmt, 0);
    }

    private static long muladdD(Arm64Cpu s, long addend, long a, long b) {
        double x = dbl(a), y = dbl(b), z = dbl(addend);
        double r = Math.fma(x, y, z);
        if (FusedMultiplyAdd.inFastRange(x, y, z, r)) {
            if ((s.fpsr & IXC) == 0 && FusedMultiplyAdd.inexact(x, y, z, r)) s.fpsr |= IXC;
            return bits(r);
        }
        return muladdExact(s, addend, a, b, D, 0);
    }

    private static long muladdS(Arm64Cpu s, long addend, long a, long b) {
        float x = flt(a), y = flt(b), z = flt(addend);
        double p = (double) x * y; // exact
        double sum = p + z, t = sum - p, err = (p - (sum - t)) + (z - t);
        if (err != 0) {
            // round to odd, so that rounding to float gives the correctly rounded x*y + z
            long sb = Double.doubleToRawLongBits(sum);
            if ((sb & 1) == 0) sum = Double.longBitsToDouble((err > 0) == (sum > 0) ? sb + 1 : sb - 1);
        }
        float r = (float) sum, ar = Math.abs(r);
        if (ar > Float.MIN_NORMAL && ar <= Float.MAX_VALUE) {
            if ((s.fpsr & IXC) == 0 && (err != 0 || r != sum)) s.fpsr |= IXC;
            return fbits(r);
        }
        return muladdExact(s, addend, a, b, S, 0);
    }

    /** The exact path of FPMulAdd; the exact sum is divided by 2^{@code halve} before rounding. */
    static long muladdExact(Arm64Cpu s, long c, long a, long b, int fmt, int halve) {
        c = flushIn(s, c, fmt);
        a = flushIn(s, a, fmt);
        b = flushIn(s, b, fmt);
        boolean ia = isInf(a, fmt), ib = isInf(b, fmt), za = isZero(a, fmt), zb = isZero(b, fmt);
        boolean infzero = ia && zb || za && ib;
        if (isNaN(c, fmt) && !isSNaN(c, fmt) && infzero) return invalid(s, fmt);
        if (isNaN(a, fmt) || isNaN(b, fmt) || isNaN(c, fmt)) return processNaNs3(s, c, a, b, fmt);
        boolean np = neg(a, fmt) != neg(b, fmt), nc = neg(c, fmt);
        boolean ic = isInf(c, fmt), zc = isZero(c, fmt);
        if (infzero || (ia || ib) && ic && np != nc) return invalid(s, fmt);
        if (ic) return c;
        if (ia || ib) return inf(np, fmt);
        boolean zp = za || zb;
        if (zp && zc) return zero(np == nc ? nc : rmode(s.fpcr) == RM, fmt);
        if (zp) return halve == 0 ? c : round(s, fmt, nc, bigMant(c, fmt), lsbExp(c, fmt) - halve);
        int ep = lsbExp(a, fmt) + lsbExp(b, fmt);
        BigInteger prod = bigMant(a, fmt).multiply(bigMant(b, fmt));
        if (zc) return round(s, fmt, np, prod, ep - halve);
        int ec = lsbExp(c, fmt), e = Math.min(ep, ec);
        BigInteger x = prod.shiftLeft(ep - e), y = bigMant(c, fmt).shiftLeft(ec - e);
        BigInteger sum = (np ? x.negate() : x).add(nc ? y.negate() : y);
        if (sum.signum() == 0) return zero(rmode(s.fpcr) == RM, fmt);
        return round(s, fmt, sum.signum() < 0, sum.abs(), e - halve);
    }

    /** FRECPS: 2 - a*b fused (infinity times zero gives 2.0). */
    public static long recipStep(Arm64Cpu s, long a, long b, int fmt) {
        return step(s, a, b, fmt, false);
    }

    /** FRSQRTS: (3 - a*b) / 2 fused (infinity times zero gives 1.5). */
    public static long rsqrtStep(Arm64Cpu s, long a, long b, int fmt) {
        return step(s, a, b, fmt, true);
    }

    private static long step(Arm64Cpu s, long a, long b, int fmt, boolean rsqrt) {
        long na = flushIn(s, a, fmt) ^ signBit(fmt);  // negated first: a NaN in it comes out negated
        b = flushIn(s, b, fmt);
        long one = (long) bias(fmt) << FRAC[fmt];
        boolean infzero = isInf(na, fmt) && isZero(b, fmt) || isZero(na, fmt) && isInf(b, fmt);
        if (infzero) return rsqrt ? one | 1L << (FRAC[fmt] - 1) : one + (1L << FRAC[fmt]);
        long addend = rsqrt ? one + (1L << FRAC[fmt]) | 1L << (FRAC[fmt] - 1) : one + (1L << FRAC[fmt]);
        return muladdExact(s, addend, na, b, fmt, rsqrt ? 1 : 0);
    }

    // ---------------------------------------------------------------- min, max, compare

    public static long max(Arm64Cpu s, long a, long b, int fmt) { return minMax(s, a, b, fmt, false, false); }

    public static long min(Arm64Cpu s, long a, long b, int fmt) { return minMax(s, a, b, fmt, true, false); }

    public static long maxnm(Arm64Cpu s, long a, long b, int fmt) { return minMax(s, a, b, fmt, false, true); }

    public static long minnm(Arm64Cpu s, long a, long b, int fmt) { return minMax(s, a, b, fmt, true, true); }

    static long minMax(Arm64Cpu s, long a, long b, int fmt, boolean min, boolean numeric) {
        a = flushIn(s, a, fmt);
        b = flushIn(s, b, fmt);
        boolean an = isNaN(a, fmt), bn = isNaN(b, fmt);
        if (numeric && an != bn) {
            // FMAXNM/FMINNM: a quiet NaN loses against a number
            if (an && !isSNaN(a, fmt)) a = inf(!min, fmt);
            else if (bn && !isSNaN(b, fmt)) b = inf(!min, fmt);
            an = isNaN(a, fmt);
            bn = isNaN(b, fmt);
        }
        if (an || bn) return processNaNs(s, a, b, fmt);
        int c = compareValues(a, b, fmt);
        if (c == 0) return min ? (a | b) : (a & b);      // only +0/-0 compare equal with different bits
        return (c < 0) == min ? a : b;
    }

    /** Orders two non-NaN values: -1, 0, 1. */
    static int compareValues(long a, long b, int fmt) {
        if (isZero(a, fmt) && isZero(b, fmt)) return 0;
        boolean na = neg(a, fmt), nb = neg(b, fmt);
        if (na != nb) return na ? -1 : 1;
        long ma = a & ~signBit(fmt) & mask(fmt), mb = b & ~signBit(fmt) & mask(fmt);
        int c = Long.compare(ma, mb);
        return na ? -c : c;
    }

    /** FCMP/FCMPE: NZCV (bits 31..28) for a compare; {@code signal} raises IOC for quiet NaNs too. */
    public static long compare(Arm64Cpu s, long a, long b, int fmt, boolean signal) {
        a = flushIn(s, a, fmt);
        b = flushIn(s, b, fmt);
        if (isNaN(a, fmt) || isNaN(b, fmt)) {
            if (signal || isSNaN(a, fmt) || isSNaN(b, fmt)) s.fpsr |= IOC;
            return 0x3L << 28;
        }
        int c = compareValues(a, b, fmt);
        return c == 0 ? 0x6L << 28 : c < 0 ? 0x8L << 28 : 0x2L << 28;
    }

    /** FCMEQ-style lane compares: 0 = EQ, 1 = GE, 2 = GT; returns all ones or zero. */
    public static long compareLane(Arm64Cpu s, long a, long b, int fmt, int cond) {
        a = flushIn(s, a, fmt);
        b = flushIn(s, b, fmt);
        if (isNaN(a, fmt) || isNaN(b, fmt)) {
            if (cond != 0 || isSNaN(a, fmt) || isSNaN(b, fmt)) s.fpsr |= IOC;
            return 0;
        }
        int c = compareValues(a, b, fmt);
        boolean r = cond == 0 ? c == 0 : cond == 1 ? c >= 0 : c > 0;
        return r ? mask(fmt) : 0;
    }

    // ---------------------------------------------------------------- host conversions

    static double dbl(long a) { return Double.longBitsToDouble(a); }

    static long bits(double d) { return Double.doubleToRawLongBits(d); }

    static float flt(long a) { return Float.intBitsToFloat((int) a); }

    static long fbits(float f) { return Float.floatToRawIntBits(f) & 0xFFFFFFFFL; }
}
