package io.mimic.translator.aarch64.fpsimd;

import io.mimic.translator.aarch64.Arm64Cpu;

import static io.mimic.translator.aarch64.fpsimd.A64Float.*;
import static io.mimic.translator.aarch64.fpsimd.FpBits.*;

/**
 * The reciprocal and reciprocal-square-root estimates (FRECPE, FRSQRTE, URECPE, URSQRTE) and
 * FRECPX, bit for bit as the Arm ARM's FPRecipEstimate, FPRSqrtEstimate, RecipEstimate,
 * RecipSqrtEstimate and FPRecpX define them: an 8-bit table lookup computed from the operand's
 * top fraction bits, with the special cases (zeros, infinities, NaNs, results that overflow or,
 * under FZ, underflow) and the FPSR flags they raise. Formats are A64Float's H, S, D.
 */
final class A64Estimate {
    private static final long FRAC52 = (1L << 52) - 1;
    /** |x| below this (2^-16, 2^-128, 2^-1024 as magnitude bits) has a reciprocal that overflows. */
    private static final long[] OVERFLOW_BELOW = {0x100L, 0x200000L, 1L << 50};
    /** |x| at or above this (2^14, 2^126, 2^1022) has a reciprocal that is subnormal: zero under FZ. */
    private static final long[] UNDERFLOW_FROM = {0x7400L, 0x7E800000L, 0x7FD0000000000000L};
    private static final int[] RECIP_EXP_BASE = {29, 253, 2045};
    private static final int[] RSQRT_EXP_BASE = {44, 380, 3068};

    private A64Estimate() {}

    /** FRECPE on one element of format {@code fmt}. */
    static long recip(Arm64Cpu s, long op, int fmt) {
        op = flushIn(s, op, fmt);
        boolean neg = neg(op, fmt);
        long magnitude = op & ~signBit(fmt) & mask(fmt);
        if (isNaN(op, fmt)) return processNaN(s, op, fmt);
        if (isInf(op, fmt)) return zero(neg, fmt);
        if (isZero(op, fmt)) {
            s.fpsr |= DZC;
            return inf(neg, fmt);
        }
        if (magnitude < OVERFLOW_BELOW[fmt]) {
            int mode = rmode(s.fpcr);
            boolean toInf = mode == RN || mode == RP && !neg || mode == RM && neg;
            s.fpsr |= OFC | IXC;
            return toInf ? inf(neg, fmt) : maxNormal(neg, fmt);
        }
        if (flushes(s.fpcr, fmt) && magnitude >= UNDERFLOW_FROM[fmt]) {
            s.fpsr |= UFC;
            return zero(neg, fmt);
        }
        // Scale to a fixed-point value in [0.5, 1) in steps of 1/512 (a 52-bit fraction as for double).
        long fraction = fracField(op, fmt) << (52 - frac(fmt));
        int exp = expField(op, fmt);
        if (exp == 0) {
            if ((fraction >>> 51 & 1) == 0) {
                exp = -1;
                fraction = fraction << 2 & FRAC52;
            } else {
                fraction = fraction << 1 & FRAC52;
            }
        }
        int resultExp = RECIP_EXP_BASE[fmt] - exp;
        int estimate = recipEstimate((int) (0x100 | fraction >>> 44));
        fraction = (long) (estimate & 0xFF) << 44;
        if (resultExp == 0) {
            fraction = 1L << 51 | fraction >>> 1;
        } else if (resultExp == -1) {
            fraction = 1L << 50 | fraction >>> 2;
            resultExp = 0;
        }
        return (neg ? signBit(fmt) : 0) | (long) (resultExp & expMax(fmt)) << frac(fmt) | fraction >>> (52 - frac(fmt));
    }

    /** FRSQRTE on one element of format {@code fmt}. */
    static long rsqrt(Arm64Cpu s, long op, int fmt) {
        op = flushIn(s, op, fmt);
        boolean neg = neg(op, fmt);
        if (isNaN(op, fmt)) return processNaN(s, op, fmt);
        if (isZero(op, fmt)) {
            s.fpsr |= DZC;
            return inf(neg, fmt);
        }
        if (neg) return invalid(s, fmt);
        if (isInf(op, fmt)) return 0;
        long fraction = fracField(op, fmt) << (52 - frac(fmt));
        int exp = expField(op, fmt);
        if (exp == 0) {
            while ((fraction >>> 51 & 1) == 0) {
                fraction = fraction << 1 & FRAC52;
                exp--;
            }
            fraction = fraction << 1 & FRAC52;
        }
        int scaled = (exp & 1) == 0 ? (int) (0x100 | fraction >>> 44) : (int) (0x80 | fraction >>> 45);
        int resultExp = Math.floorDiv(RSQRT_EXP_BASE[fmt] - exp, 2);
        int estimate = recipSqrtEstimate(scaled);
        return (long) (resultExp & expMax(fmt)) << frac(fmt) | (long) (estimate & 0xFF) << (frac(fmt) - 8);
    }

    /** URECPE on a 32-bit lane: an unsigned fixed-point estimate of 1/x (x in [0.5, 1)). */
    static long urecpe(long op) {
        if ((op >>> 31 & 1) == 0) return 0xFFFFFFFFL;
        return (long) (recipEstimate((int) (op >>> 23 & 0x1FF)) & 0x1FF) << 23;
    }

    /** URSQRTE on a 32-bit lane: an unsigned fixed-point estimate of 1/sqrt(x) (x in [0.25, 1)). */
    static long ursqrte(long op) {
        if ((op >>> 30 & 3) == 0) return 0xFFFFFFFFL;
        return (long) (recipSqrtEstimate((int) (op >>> 23 & 0x1FF)) & 0x1FF) << 23;
    }

    /** FRECPX: the sign, the exponent inverted (the largest finite one for zeros and subnormals), no fraction. */
    static long recpX(Arm64Cpu s, long op, int fmt) {
        op = flushIn(s, op, fmt);
        if (isNaN(op, fmt)) return processNaN(s, op, fmt);
        int exp = expField(op, fmt);
        int e = exp == 0 ? expMax(fmt) - 1 : ~exp & expMax(fmt);
        return op & signBit(fmt) | (long) e << frac(fmt);
    }

    /** RecipEstimate: a in [256, 512) stands for [0.5, 1); the result in [256, 512) for [1, 2). */
    static int recipEstimate(int a) {
        a = a * 2 + 1;             // a in units of 1/1024, rounded to nearest
        int b = (1 << 19) / a;     // 2^19 / a
        return (b + 1) / 2;        // rounded to nearest
    }

    /** RecipSqrtEstimate: a in [128, 512) stands for [0.25, 1); the result in [256, 512) for [1, 2). */
    static int recipSqrtEstimate(int a) {
        if (a < 256) {
            a = a * 2 + 1;                 // [0.25, 0.5) in units of 1/512, rounded to nearest
        } else {
            a = (a >> 1) << 1;             // [0.5, 1): drop the bottom bit
            a = (a + 1) * 2;               // in units of 1/256, rounded to nearest
        }
        int b = 512;
        while ((long) a * (b + 1) * (b + 1) < 1L << 28) b++; // the largest b < 2^14 / sqrt(a)
        return (b + 1) / 2;
    }
}
