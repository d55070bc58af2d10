package io.mimic.translator.fp;

/**
 * The double-precision fused multiply-add fast path shared by the ISAs' FP semantics: whether
 * {@code r = Math.fma(x, y, z)} (rounded to nearest even) is exact, found with error-free
 * transformations instead of big-number arithmetic. Each ISA keeps its own flags and its exact
 * path for the cases outside {@link #inFastRange}.
 */
public final class FusedMultiplyAdd {
    private FusedMultiplyAdd() {}

    /**
     * True where {@link #inexact} is valid: r is a normal finite number and neither x*y nor z is so
     * large or small that the residual terms below overflow or lose bits to underflow.
     */
    public static boolean inFastRange(double x, double y, double z, double r) {
        double ar = Math.abs(r), au = Math.abs(x * y);
        return ar > Double.MIN_NORMAL && ar <= Double.MAX_VALUE && au >= 0x1p-900 && au <= 0x1p1000
                && Math.abs(z) <= 0x1p1000;
    }

    /**
     * Whether r = fma(x, y, z) differs from the exact x*y + z, for arguments {@link #inFastRange}.
     * ErrFma (Boldo and Muller): x*y + z - r = g + zz exactly, so r is exact iff g + zz == 0.
     */
    public static boolean inexact(double x, double y, double z, double r) {
        return residualHigh(x, y, z, r) + residualLow(x, y, z) != 0;
    }

    /** g of ErrFma's x*y + z - r = g + zz (the two parts share their first steps; C2 folds them). */
    public static double residualHigh(double x, double y, double z, double r) {
        double u1 = x * y, u2 = Math.fma(x, y, -u1);
        double a1 = z + u2;
        double b1 = u1 + a1, t = b1 - u1;
        double b2 = (u1 - (b1 - t)) + (a1 - t);
        return (b1 - r) + b2;
    }

    /** zz of ErrFma's x*y + z - r = g + zz: the rounding error of z + (x*y's low part). */
    public static double residualLow(double x, double y, double z) {
        double u1 = x * y, u2 = Math.fma(x, y, -u1);
        double a1 = z + u2, t = a1 - z;
        return (z - (a1 - t)) + (u2 - t);
    }
}
