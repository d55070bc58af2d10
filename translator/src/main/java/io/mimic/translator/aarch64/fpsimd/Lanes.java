package io.mimic.translator.aarch64.fpsimd;

/**
 * Element access on the vector register file {@code Arm64Cpu.v} (V(n) = v[2n] low, v[2n+1] high,
 * lanes little-endian) and on a two-long result being built. {@code esz} is log2 of the element
 * size in bytes (0 = B, 1 = H, 2 = S, 3 = D).
 */
final class Lanes {
    private Lanes() {}

    /** Element {@code i} of register {@code r}, zero-extended. */
    static long get(long[] v, int r, int esz, int i) {
        int bits = 8 << esz, pos = i * bits;
        long w = v[2 * r + (pos >>> 6)];
        return bits == 64 ? w : (w >>> (pos & 63)) & ((1L << bits) - 1);
    }

    /** Element {@code i} of register {@code r}, sign-extended. */
    static long sget(long[] v, int r, int esz, int i) {
        return sext(get(v, r, esz, i), esz);
    }

    static long sext(long x, int esz) {
        int sh = 64 - (8 << esz);
        return x << sh >> sh;
    }

    static long emask(int esz) {
        return esz == 3 ? -1L : (1L << (8 << esz)) - 1;
    }

    /** Writes element {@code i} of a result held in {@code out[0..1]}. */
    static void put(long[] out, int esz, int i, long x) {
        int bits = 8 << esz, pos = i * bits;
        int w = pos >>> 6;
        if (bits == 64) {
            out[w] = x;
            return;
        }
        long m = ((1L << bits) - 1) << (pos & 63);
        out[w] = out[w] & ~m | (x << (pos & 63)) & m;
    }

    /** Stores a result into V(d); a 64-bit (or scalar) result zeroes the upper half. */
    static void write(long[] v, int d, long[] out, boolean q) {
        v[2 * d] = out[0];
        v[2 * d + 1] = q ? out[1] : 0;
    }

    /** Signed saturation of {@code x} to esz bits; sets QC in {@code c.fpsr} when it saturates. */
    static long satS(io.mimic.translator.aarch64.Arm64Cpu c, long x, int esz) {
        if (esz == 3) return x;
        long max = (1L << ((8 << esz) - 1)) - 1, min = -max - 1;
        if (x > max) { c.fpsr |= FpBits.QC; return max; }
        if (x < min) { c.fpsr |= FpBits.QC; return min; }
        return x;
    }

    /** Unsigned saturation of a signed {@code x} to esz bits (esz < 3). */
    static long satU(io.mimic.translator.aarch64.Arm64Cpu c, long x, int esz) {
        long max = emask(esz);
        if (x < 0) { c.fpsr |= FpBits.QC; return 0; }
        if (esz < 3 && x > max) { c.fpsr |= FpBits.QC; return max; }
        return x;
    }
}
