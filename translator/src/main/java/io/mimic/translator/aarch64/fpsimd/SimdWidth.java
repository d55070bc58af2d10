package io.mimic.translator.aarch64.fpsimd;

/**
 * Lane-width changes on one 64-bit half of a vector register, for translated code: widening
 * (SXTL/UXTL, SSHLL/USHLL, SHLL, the L forms of three-different), narrowing (XTN, SHRN) and the
 * widening multiply. The translator passes {@code esz} (log2 of the narrow lane's bytes) and the
 * other selectors as constants, so after C2 inlines a call every switch and loop here folds to
 * straight-line code. Each is a few dozen bytecodes, under C2's inlining limit for hot calls.
 */
public final class SimdWidth {
    private SimdWidth() {}

    /** The 32-bit chunk {@code chunk} (0 low, 1 high) of {@code src}, each lane zero-extended to twice its width. */
    public static long uwiden(long src, int esz, int chunk) {
        long c = chunk == 0 ? src & 0xFFFFFFFFL : src >>> 32;
        return switch (esz) {
            case 0 -> {
                c = (c | c << 16) & 0x0000FFFF0000FFFFL;
                yield (c | c << 8) & 0x00FF00FF00FF00FFL;
            }
            case 1 -> (c | c << 16) & 0x0000FFFF0000FFFFL;
            default -> c;
        };
    }

    /** As {@link #uwiden}, sign-extended: each wide lane's upper half filled from the narrow lane's sign. */
    public static long swiden(long src, int esz, int chunk) {
        long w = uwiden(src, esz, chunk);
        return switch (esz) {
            case 0 -> w | ((w & 0x0080008000800080L) >>> 7) * 0xFF00L;
            case 1 -> w | ((w & 0x0000800000008000L) >>> 15) * 0xFFFF0000L;
            default -> (int) w;
        };
    }

    /**
     * The double-width lanes of {@code lo} and {@code hi} (one 128-bit register) shifted right by
     * {@code k} (0 to the narrow width) and truncated to {@code esz}: lo's lanes in bits 31:0, hi's in 63:32.
     */
    public static long narrow(long lo, long hi, int esz, int k) {
        return pack(lo >>> k, esz) | pack(hi >>> k, esz) << 32;
    }

    /**
     * The low narrow lane of each double-width lane of {@code w}, side by side in bits 31:0.
     * (A wide lane's bits k..k+width-1 stay inside it after a shift by k <= width: no other
     * lane's bits reach the part kept.)
     */
    static long pack(long w, int esz) {
        return switch (esz) {
            case 0 -> {
                w &= 0x00FF00FF00FF00FFL;
                w = (w | w >>> 8) & 0x0000FFFF0000FFFFL;
                yield (w | w >>> 16) & 0xFFFFFFFFL;
            }
            case 1 -> {
                w &= 0x0000FFFF0000FFFFL;
                yield (w | w >>> 16) & 0xFFFFFFFFL;
            }
            default -> w & 0xFFFFFFFFL;
        };
    }

    /**
     * SMULL/UMULL of the lanes in the 32-bit chunk {@code chunk} of {@code a} and {@code b}: each
     * product (exact in 2 x width bits) in its double-width lane.
     */
    public static long mull(long a, long b, int esz, int chunk, boolean signed) {
        long x = signed ? swiden(a, esz, chunk) : uwiden(a, esz, chunk);
        long y = signed ? swiden(b, esz, chunk) : uwiden(b, esz, chunk);
        return switch (esz) {
            case 0 -> x * (y & 0xFFFF) & 0xFFFF
                    | (x >>> 16) * (y >>> 16 & 0xFFFF) << 16 & 0xFFFF0000L
                    | (x >>> 32) * (y >>> 32 & 0xFFFF) << 32 & 0xFFFF00000000L
                    | (x >>> 48) * (y >>> 48) << 48;
            case 1 -> x * (y & 0xFFFFFFFFL) & 0xFFFFFFFFL | (x >>> 32) * (y >>> 32) << 32;
            default -> x * y;
        };
    }
}
