package io.mimic.translator.aarch64.fpsimd;

import java.math.BigInteger;

import static io.mimic.translator.aarch64.fpsimd.A64Float.*;
import io.mimic.translator.aarch64.Arm64Cpu;

import static io.mimic.translator.aarch64.fpsimd.FpBits.*;

/**
 * AArch64 conversions: between FP widths (FPConvert, with AHP for half), FP to integer or fixed
 * point with saturation (FPToFixed: FCVT[NPMZA][SU]), integer or fixed point to FP (FixedToFP:
 * SCVTF/UCVTF), round to integral (FPRoundInt: FRINT[NPMZAXI], FPRoundIntN: FRINT32/64[ZX]) and
 * FJCVTZS. The rounding mode is an argument (A64Float.RN...RODD); -1 means FPCR's.
 */
public final class A64FloatConvert {
    public static final int FPCR_MODE = -1;

    private A64FloatConvert() {}

    private static int mode(Arm64Cpu s, int mode) {
        return mode == FPCR_MODE ? rmode(s.fpcr) : mode;
    }

    // ---------------------------------------------------------------- FP -> FP

    /** FCVT between formats {@code from} and {@code to}; FCVTXN passes RODD. */
    public static long convert(Arm64Cpu s, long a, int from, int to, int mode) {
        if (from == S && to == D && (s.fpcr & FZ) == 0) {
            float f = flt(a);
            if (f == f) return bits(f);
        } else if (from == D && to == S && (s.fpcr & (FZ | RMODE_MASK)) == 0 && mode == FPCR_MODE) {
            double x = dbl(a);
            float f = (float) x, af = Math.abs(f);
            if (af > Float.MIN_NORMAL && af <= Float.MAX_VALUE) {
                if (f != x) s.fpsr |= IXC;
                return fbits(f);
            }
        }
        boolean ahp = (s.fpcr & AHP) != 0;
        boolean ahpIn = ahp && from == H, ahpOut = ahp && to == H;
        if (from != H) a = flushIn(s, a, from);
        boolean sign = neg(a, from);
        if (!ahpIn && isNaN(a, from)) {
            if (ahpOut) {
                s.fpsr |= IOC;
                return zero(sign, to);
            }
            if (isSNaN(a, from)) s.fpsr |= IOC;
            if ((s.fpcr & DN) != 0) return defaultNaN(to);
            long f = fracField(a, from) | 1L << (frac(from) - 1);
            int sh = frac(from) - frac(to);
            f = sh >= 0 ? f >>> sh : f << -sh;
            return inf(sign, to) | f;
        }
        if (!ahpIn && isInf(a, from)) {
            if (ahpOut) {
                s.fpsr |= IOC;
                return zero(sign, to) | 0x7FFF;
            }
            return inf(sign, to);
        }
        if (isZero(a, from)) return zero(sign, to);
        boolean fz = to != H && flushes(s.fpcr, to);
        return round(s, to, sign, bigMant(a, from), lsbExp(a, from), mode(s, mode), fz, ahpOut);
    }

    // ---------------------------------------------------------------- FP -> integer

    /**
     * FPToFixed: {@code a} times 2^fbits rounded with {@code mode}, saturated to a signed or unsigned
     * integer of {@code intBits} (32 or 64); NaN gives 0. Out of range raises IOC, else inexact IXC.
     * The result is the integer's bits (a 32-bit result zero-extended).
     */
    public static long toFixed(Arm64Cpu s, long a, int fmt, int fbits, boolean unsigned, int intBits, int mode) {
        if (fmt == D && fbits == 0 && mode == RZ && !unsigned && (s.fpcr & FZ) == 0) {
            double x = dbl(a);
            if (intBits == 64 ? x > -0x1p63 && x < 0x1p63 : x > -0x1p31 - 1 && x < 0x1p31) {
                long r = (long) x;
                if (r != x) s.fpsr |= IXC;
                return intBits == 64 ? r : r & 0xFFFFFFFFL;
            }
        }
        a = flushIn(s, a, fmt);
        if (isNaN(a, fmt)) {
            s.fpsr |= IOC;
            return 0;
        }
        boolean n = neg(a, fmt);
        BigInteger v;
        boolean inexact = false;
        if (isInf(a, fmt)) {
            v = BigInteger.ONE.shiftLeft(intBits + 1);
        } else if (isZero(a, fmt)) {
            v = BigInteger.ZERO;
        } else {
            long m = mant(a, fmt);
            int sh = lsbExp(a, fmt) + fbits;
            if (sh >= 0) {
                v = BigInteger.valueOf(m).shiftLeft(Math.min(sh, intBits + 2));
            } else {
                long q = sh <= -63 ? 0 : m >>> -sh;
                long rem = sh <= -63 ? m : m - (q << -sh);
                int cmpHalf = sh <= -63 ? -1 : Long.compare(rem, 1L << (-sh - 1));
                inexact = rem != 0;
                if (roundsUp(mode(s, mode), n, inexact, cmpHalf, q)) q++;
                v = BigInteger.valueOf(q);
            }
        }
        if (n) v = v.negate();
        BigInteger lo = unsigned ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(intBits - 1).negate();
        BigInteger hi = unsigned ? BigInteger.ONE.shiftLeft(intBits).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(intBits - 1).subtract(BigInteger.ONE);
        if (v.compareTo(lo) < 0 || v.compareTo(hi) > 0) {
            s.fpsr |= IOC;
            v = v.signum() < 0 ? lo : hi;
        } else if (inexact) {
            s.fpsr |= IXC;
        }
        long r = v.longValue();
        return intBits == 64 ? r : r & 0xFFFFFFFFL;
    }

    /** The rounding decision for a magnitude with integer part q (q's parity for ties). */
    static boolean roundsUp(int mode, boolean neg, boolean inexact, int cmpHalf, long q) {
        return switch (mode) {
            case RN -> cmpHalf > 0 || cmpHalf == 0 && (q & 1) != 0;
            case RNA -> cmpHalf >= 0;
            case RP -> inexact && !neg;
            case RM -> inexact && neg;
            default -> false;
        };
    }

    // ---------------------------------------------------------------- integer -> FP

    /**
     * FixedToFP: the integer {@code x} (of {@code srcBits}, signed or unsigned) divided by 2^fbits,
     * rounded to {@code fmt} with FPCR's rounding mode.
     */
    public static long fromFixed(Arm64Cpu s, long x, int fmt, int fbits, boolean unsigned, int srcBits) {
        if (srcBits == 32) x = unsigned ? x & 0xFFFFFFFFL : (int) x;
        boolean fast = fbits == 0 && (s.fpcr & RMODE_MASK) == 0 && (!unsigned || x >= 0);
        if (fast && fmt == D) {
            double d = (double) x;
            if (d == 0x1p63 || (long) d != x) s.fpsr |= IXC;
            return bits(d);
        }
        if (fast && fmt == S) {
            float f = (float) x;
            if (f == 0x1p63f || (long) f != x) s.fpsr |= IXC;
            return fbits(f);
        }
        if (x == 0) return 0;
        boolean n = !unsigned && x < 0;
        BigInteger mag = n ? BigInteger.valueOf(x).negate() : big(x);
        return round(s, fmt, n, mag, -fbits);
    }

    // ---------------------------------------------------------------- round to integral

    /** FPRoundInt: FRINTN/P/M/Z/A (mode given), FRINTI (FPCR_MODE), FRINTX ({@code exact}: IXC if it changed). */
    public static long roundInt(Arm64Cpu s, long a, int fmt, int mode, boolean exact) {
        a = flushIn(s, a, fmt);
        if (isNaN(a, fmt)) return processNaN(s, a, fmt);
        if (isInf(a, fmt) || isZero(a, fmt)) return a;
        int sh = lsbExp(a, fmt);
        if (sh >= 0) return a;
        boolean n = neg(a, fmt);
        long m = mant(a, fmt);
        long q = sh <= -63 ? 0 : m >>> -sh;
        long rem = sh <= -63 ? m : m - (q << -sh);
        int cmpHalf = sh <= -63 ? -1 : Long.compare(rem, 1L << (-sh - 1));
        if (roundsUp(mode(s, mode), n, rem != 0, cmpHalf, q)) q++;
        if (exact && rem != 0) s.fpsr |= IXC;
        if (q == 0) return zero(n, fmt);
        return round(s, fmt, n, BigInteger.valueOf(q), 0, RN, false, false);   // exact
    }

    /** FPRoundIntN: FRINT32Z/X and FRINT64Z/X; a result out of range (or NaN, infinity) is -2^(intBits-1). */
    public static long roundIntN(Arm64Cpu s, long a, int fmt, int mode, int intBits) {
        a = flushIn(s, a, fmt);
        long minInt = signBit(fmt) | (long) (intBits - 1 + bias(fmt)) << frac(fmt);
        if (isNaN(a, fmt) || isInf(a, fmt)) {
            s.fpsr |= IOC;
            return minInt;
        }
        if (isZero(a, fmt)) return a;
        boolean n = neg(a, fmt);
        int sh = lsbExp(a, fmt);
        long m = mant(a, fmt);
        BigInteger q;
        boolean inexact = false;
        if (sh >= 0) {
            q = BigInteger.valueOf(m).shiftLeft(Math.min(sh, 80));
        } else {
            long qi = sh <= -63 ? 0 : m >>> -sh;
            long rem = sh <= -63 ? m : m - (qi << -sh);
            int cmpHalf = sh <= -63 ? -1 : Long.compare(rem, 1L << (-sh - 1));
            inexact = rem != 0;
            if (roundsUp(mode(s, mode), n, inexact, cmpHalf, qi)) qi++;
            q = BigInteger.valueOf(qi);
        }
        BigInteger v = n ? q.negate() : q;
        if (v.bitLength() > intBits - 1 && !v.equals(BigInteger.ONE.shiftLeft(intBits - 1).negate())) {
            s.fpsr |= IOC;
            return minInt;
        }
        if (inexact) s.fpsr |= IXC;
        if (q.signum() == 0) return zero(n, fmt);
        return round(s, fmt, n, q, 0, RN, false, false);
    }

    // ---------------------------------------------------------------- FJCVTZS

    /**
     * FJCVTZS: a double to a 32-bit integer with JavaScript's ToInt32 (truncate, modulo 2^32).
     * Returns the result in bits 31..0 and, in bit 32, 1 unless the conversion was exact and in
     * range (Z is then 0).
     */
    public static long fjcvtzs(Arm64Cpu s, long a) {
        boolean sign = a < 0;
        int exp = (int) (a >>> 52) & 0x7ff;
        long frac = a & 0xFFFFFFFFFFFFFL;
        long notZ = 1;
        if (exp == 0) {
            notZ = sign ? 1 : 0;          // -0.0 is not exact for JavaScript
            if (frac != 0) {
                if ((s.fpcr & FZ) != 0) {
                    s.fpsr |= IDC;
                } else {
                    s.fpsr |= IXC;
                    notZ = 1;
                }
            }
            frac = 0;
        } else if (exp == 0x7ff) {
            s.fpsr |= IOC;
            frac = 0;
        } else {
            int trueExp = exp - 1023, shift = trueExp - 52;
            frac |= 1L << 52;
            if (shift >= 0) {
                frac = shift >= 64 ? 0 : frac << shift;
            } else if (shift > -64) {
                notZ = (frac << (64 + shift)) != 0 ? 1 : 0;
                frac >>>= -shift;
            } else {
                frac = 0;
            }
            if (trueExp > 31 || Long.compareUnsigned(frac, sign ? 0x80000000L : 0x7fffffffL) > 0) {
                s.fpsr |= IOC;
                notZ = 1;
            } else if (notZ != 0) {
                s.fpsr |= IXC;
            }
            if (sign) frac = -frac;
        }
        return (frac & 0xFFFFFFFFL) | notZ << 32;
    }
}
