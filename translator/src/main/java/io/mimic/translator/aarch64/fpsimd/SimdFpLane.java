package io.mimic.translator.aarch64.fpsimd;

import io.mimic.translator.aarch64.Arm64Cpu;

/**
 * One 64-bit half of a vector FP operation for translated code: one double lane, or two single
 * lanes (low lane first, so FPSR's flags accrue in the architectural order). The operation code
 * and format are constants at every call site, so once C2 inlines the call,
 * {@link SimdFp#binary}'s switch folds to the one {@link A64Float} function.
 */
public final class SimdFpLane {
    private static final long LOW = 0xFFFFFFFFL;

    private SimdFpLane() {}

    /** {@code op} ({@link SimdFp}'s codes) on the lanes of x and y, with acc for MLA/MLS. */
    public static long binary(Arm64Cpu c, int op, long x, long y, long acc, int fmt) {
        if (fmt == A64Float.D) return SimdFp.binary(c, op, x, y, acc, fmt);
        long lo = SimdFp.binary(c, op, x & LOW, y & LOW, acc & LOW, fmt) & LOW;
        long hi = SimdFp.binary(c, op, x >>> 32, y >>> 32, acc >>> 32, fmt) & LOW;
        return lo | hi << 32;
    }
}
