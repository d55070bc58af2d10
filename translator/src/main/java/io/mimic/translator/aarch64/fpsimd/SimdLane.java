package io.mimic.translator.aarch64.fpsimd;

/**
 * Lane-by-lane operations on 64-bit halves of vector registers, for translated code: the
 * integer forms that have no cheap SWAR expression (multiply, shift by a per-lane count,
 * pairwise and across-lanes reductions, compares with zero). The translator passes {@code esz}
 * (log2 of the lane's bytes) and {@code kind} as constants, so after C2 inlines a call the
 * loops have constant trip counts and the switches fold.
 */
public final class SimdLane {
    /** Pairwise and across-lanes operations. */
    public static final int ADD = 0, UMAX = 1, UMIN = 2, SMAX = 3, SMIN = 4;
    /** Compares with zero. */
    public static final int EQ = 0, LT = 1, GE = 2, GT = 3, LE = 4;

    private SimdLane() {}

    private static long mask(int esz) {
        return esz == 3 ? -1L : (1L << (8 << esz)) - 1;
    }

    private static long sext(long x, int esz) {
        int sh = 64 - (8 << esz);
        return x << sh >> sh;
    }

    /** MUL: the low half of each lane's product. */
    public static long mul(long a, long b, int esz) {
        int bits = 8 << esz;
        long m = mask(esz), r = 0;
        for (int s = 0; s < 64; s += bits) r |= ((a >>> s) * (b >>> s) & m) << s;
        return r;
    }

    /**
     * SSHL/USHL: each lane of {@code a} shifted by the signed low byte of the same lane of
     * {@code b}: left for a positive count, right (arithmetic unless {@code unsigned}) for a
     * negative one; counts past the lane's width give 0 (or the sign, shifting right).
     */
    public static long shl(long a, long b, int esz, boolean unsigned) {
        int bits = 8 << esz;
        long m = mask(esz), r = 0;
        for (int s = 0; s < 64; s += bits) {
            long x = a >>> s & m;
            if (!unsigned) x = sext(x, esz);
            int sh = (byte) (b >>> s);
            long y;
            if (sh >= 0) y = sh >= bits ? 0 : x << sh;
            else if (-sh >= bits) y = unsigned ? 0 : x >> 63;
            else y = unsigned ? x >>> -sh : x >> -sh;
            r |= (y & m) << s;
        }
        return r;
    }

    /**
     * ADDP/UMAXP/UMINP/SMAXP/SMINP of one result half: the pairs of {@code x} in bits 31:0, those
     * of {@code y} in 63:32 (for 64-bit lanes, only ADDP: x + y).
     */
    public static long pairwise(long x, long y, int esz, int kind) {
        if (esz == 3) return x + y;
        return pairs(x, esz, kind) | pairs(y, esz, kind) << 32;
    }

    private static long pairs(long w, int esz, int kind) {
        int bits = 8 << esz;
        long m = mask(esz), r = 0;
        for (int s = 0; s < 64; s += 2 * bits) {
            r |= (combine(w >>> s & m, w >>> (s + bits) & m, esz, kind) & m) << (s / 2);
        }
        return r;
    }

    /** Two lanes (zero-extended) combined by {@code kind}. */
    private static long combine(long a, long b, int esz, int kind) {
        return switch (kind) {
            case ADD -> a + b;
            case UMAX -> Math.max(a, b);
            case UMIN -> Math.min(a, b);
            case SMAX -> sext(a, esz) >= sext(b, esz) ? a : b;
            default -> sext(a, esz) <= sext(b, esz) ? a : b;
        };
    }

    /** ADDV/UMAXV/UMINV/SMAXV/SMINV over the {@code lanes} lowest lanes of lo:hi (esz < 3), zero-extended. */
    public static long across(long lo, long hi, int esz, int lanes, int kind) {
        int bits = 8 << esz;
        long m = mask(esz), acc = lo & m;
        for (int i = 1; i < lanes; i++) {
            int pos = i * bits;
            long e = (pos < 64 ? lo >>> pos : hi >>> (pos - 64)) & m;
            acc = combine(acc, e, esz, kind) & m;
        }
        return acc;
    }

    /** CMEQ/CMLT/CMGE/CMGT/CMLE against zero: all ones in each lane where the compare holds. */
    public static long compareZero(long a, int esz, int kind) {
        int bits = 8 << esz;
        long m = mask(esz), r = 0;
        for (int s = 0; s < 64; s += bits) {
            long x = sext(a >>> s & m, esz);
            boolean t = switch (kind) {
                case EQ -> x == 0;
                case LT -> x < 0;
                case GE -> x >= 0;
                case GT -> x > 0;
                default -> x <= 0;
            };
            if (t) r |= m << s;
        }
        return r;
    }
}
