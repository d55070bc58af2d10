package io.mimic.translator.aarch64;

/** Small pure operations of the A64 integer instructions; C2 inlines them into translated code. */
public final class Arm64Ops {
    private Arm64Ops() {}

    /** CSEL and friends: c != 0 ? a : b. */
    public static long select(long a, long b, int c) {
        return c != 0 ? a : b;
    }

    public static long sdiv64(long a, long b) {
        if (b == 0) return 0;
        if (b == -1) return -a; // MIN / -1 wraps to MIN, as the architecture says
        return a / b;
    }

    public static long udiv64(long a, long b) {
        return b == 0 ? 0 : Long.divideUnsigned(a, b);
    }

    public static long sdiv32(long a, long b) {
        int x = (int) a, y = (int) b;
        if (y == 0) return 0;
        if (y == -1) return (-x) & 0xFFFFFFFFL;
        return (x / y) & 0xFFFFFFFFL;
    }

    public static long udiv32(long a, long b) {
        int y = (int) b;
        return y == 0 ? 0 : Integer.divideUnsigned((int) a, y) & 0xFFFFFFFFL;
    }

    public static long ror64(long a, long n) { return Long.rotateRight(a, (int) n); }
    public static long ror32(long a, long n) { return Integer.rotateRight((int) a, (int) n) & 0xFFFFFFFFL; }
    public static long lsr32(long a, long n) { return ((int) a >>> (int) n) & 0xFFFFFFFFL; }
    public static long asr32(long a, long n) { return ((int) a >> (int) n) & 0xFFFFFFFFL; }
    public static long lsl32(long a, long n) { return ((int) a << (int) n) & 0xFFFFFFFFL; }

    public static long clz64(long a) { return Long.numberOfLeadingZeros(a); }
    public static long clz32(long a) { return Integer.numberOfLeadingZeros((int) a); }
    public static long cls64(long a) { return Long.numberOfLeadingZeros(a ^ (a >> 63)) - 1; }
    public static long cls32(long a) {
        int w = (int) a;
        return Integer.numberOfLeadingZeros(w ^ (w >> 31)) - 1;
    }
    public static long ctz64(long a) { return Long.numberOfTrailingZeros(a); }
    public static long ctz32(long a) { return Integer.numberOfTrailingZeros((int) a); }
    public static long cnt64(long a) { return Long.bitCount(a); }
    public static long cnt32(long a) { return Integer.bitCount((int) a); }
    public static long abs64(long a) { return Math.abs(a); }
    public static long abs32(long a) { return Math.abs((int) a) & 0xFFFFFFFFL; }
    public static long rbit64(long a) { return Long.reverse(a); }
    public static long rbit32(long a) { return Integer.reverse((int) a) & 0xFFFFFFFFL; }
    public static long rev64(long a) { return Long.reverseBytes(a); }
    public static long rev32w(long a) { return Integer.reverseBytes((int) a) & 0xFFFFFFFFL; }

    /** REV32 (64-bit form): bytes reversed within each 32-bit word. */
    public static long rev32x(long a) {
        return Long.reverseBytes(Long.rotateLeft(a, 32));
    }

    /** REV16: bytes swapped within each 16-bit halfword. */
    public static long rev16(long a) {
        return ((a >>> 8) & 0x00FF00FF00FF00FFL) | ((a & 0x00FF00FF00FF00FFL) << 8);
    }

    public static long smax64(long a, long b) { return Math.max(a, b); }
    public static long smin64(long a, long b) { return Math.min(a, b); }
    public static long umax64(long a, long b) { return Long.compareUnsigned(a, b) >= 0 ? a : b; }
    public static long umin64(long a, long b) { return Long.compareUnsigned(a, b) <= 0 ? a : b; }
    public static long smax32(long a, long b) { return Math.max((int) a, (int) b) & 0xFFFFFFFFL; }
    public static long smin32(long a, long b) { return Math.min((int) a, (int) b) & 0xFFFFFFFFL; }
    public static long umax32(long a, long b) { return Integer.compareUnsigned((int) a, (int) b) >= 0 ? a & 0xFFFFFFFFL : b & 0xFFFFFFFFL; }
    public static long umin32(long a, long b) { return Integer.compareUnsigned((int) a, (int) b) <= 0 ? a & 0xFFFFFFFFL : b & 0xFFFFFFFFL; }

    public static long smulh(long a, long b) { return Math.multiplyHigh(a, b); }
    public static long umulh(long a, long b) { return Math.unsignedMultiplyHigh(a, b); }

    /**
     * DecodeBitMasks for the logical immediates: the 64-bit (or 32-bit) mask encoded by N, immr,
     * imms, or null when the combination is reserved (the encoding is then unallocated).
     */
    public static Long bitmask(int n, int imms, int immr, boolean is64) {
        int len = 31 - Integer.numberOfLeadingZeros((n << 6) | (~imms & 0x3f));
        if (len < 1) return null;
        if (!is64 && n != 0) return null;
        int size = 1 << len, levels = size - 1;
        int s = imms & levels, r = immr & levels;
        if (s == levels) return null;
        long welem = s + 1 == 64 ? -1L : (1L << (s + 1)) - 1;
        long emask = size == 64 ? -1L : (1L << size) - 1;
        long elem = r == 0 ? welem : ((welem >>> r) | (welem << (size - r))) & emask;
        long out = 0;
        for (int i = 0; i < 64; i += size) out |= elem << i;
        return is64 ? out : out & 0xFFFFFFFFL;
    }
}
