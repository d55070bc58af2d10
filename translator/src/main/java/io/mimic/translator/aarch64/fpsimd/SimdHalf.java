package io.mimic.translator.aarch64.fpsimd;

/**
 * Lane-parallel operations on one 64-bit half of a vector register (SWAR), small enough for the
 * JIT to inline into translated code: the integer SIMD operations that string functions and
 * vectorized loops use most. {@code esz} is log2 of the lane size in bytes.
 */
public final class SimdHalf {
    private static final long[] LOW = {0x0101010101010101L, 0x0001000100010001L, 0x0000000100000001L, 1L};
    private static final long[] HIGH = {0x8080808080808080L, 0x8000800080008000L, 0x8000000080000000L, Long.MIN_VALUE};

    private SimdHalf() {}

    public static long add(long a, long b, int esz) {
        if (esz == 3) return a + b;
        long h = HIGH[esz];
        return ((a & ~h) + (b & ~h)) ^ ((a ^ b) & h);
    }

    public static long sub(long a, long b, int esz) {
        if (esz == 3) return a - b;
        long h = HIGH[esz];
        return ((a | h) - (b & ~h)) ^ ((a ^ ~b) & h);
    }

    /** All ones in each lane where a == b. */
    public static long cmeq(long a, long b, int esz) {
        if (esz == 3) return a == b ? -1L : 0;
        long x = a ^ b, h = HIGH[esz];
        // lane nonzero <=> its high bit set in (((x & ~h) + ~h) | x)
        long nz = (((x & ~h) + ~h) | x) & h;
        return spread(~nz & h, esz);
    }

    /** Turns each lane's high bit into a full lane mask. */
    static long spread(long highBits, int esz) {
        long ones = highBits >>> ((8 << esz) - 1);            // 1 in each selected lane
        return ones * ((esz == 3 ? 0 : 1L << (8 << esz)) - 1);
    }

    /** Unsigned a > b per lane. */
    public static long cmhi(long a, long b, int esz) {
        long r = 0;
        int bits = 8 << esz;
        long m = esz == 3 ? -1L : (1L << bits) - 1;
        for (int s = 0; s < 64; s += bits) {
            if (Long.compareUnsigned(a >>> s & m, b >>> s & m) > 0) r |= m << s;
        }
        return r;
    }

    public static long cmhs(long a, long b, int esz) {
        return ~cmhi(b, a, esz);
    }

    public static long umax(long a, long b, int esz) {
        long gt = cmhi(a, b, esz);
        return a & gt | b & ~gt;
    }

    public static long umin(long a, long b, int esz) {
        long gt = cmhi(a, b, esz);
        return b & gt | a & ~gt;
    }

    /** The low lane of {@code x} replicated across 64 bits. */
    public static long dup(long x, int esz) {
        if (esz == 3) return x;
        long m = (1L << (8 << esz)) - 1;
        return (x & m) * LOW[esz];
    }

    /** {@code old} with the lane at bit {@code to} replaced by the lane of {@code src} at bit {@code from}. */
    public static long insert(long old, long src, int from, int to, int esz) {
        long m = esz == 3 ? -1L : (1L << (8 << esz)) - 1;
        return old & ~(m << to) | (src >>> from & m) << to;
    }
}
